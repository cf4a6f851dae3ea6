/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The two boot headers: how a loader finds the 32-bit entry points of
 * boot/head.S.  Both give physical addresses, since both loaders jump
 * with paging off.
 *
 * PVH (QEMU -kernel, Xen): an ELF note in a PT_NOTE segment (kernel.ld).
 * QEMU 7.2 refuses an ELF64 kernel without it.
 *
 *   namesz 4 | descsz 8 | type 18 (XEN_ELFNOTE_PHYS32_ENTRY) | "Xen\0" |
 *   entry (8 bytes: the physical address of pvh_start32)
 *
 * Multiboot2 (GRUB): a header in the first 32 KiB of the file, 8-byte
 * aligned, made of 8-byte-aligned tags (Multiboot2 spec, 3.1):
 *
 *   magic 0xe85250d6 | architecture 0 (i386 protected mode) |
 *   header_length | checksum (the four fields sum to 0 mod 2^32)
 *   tag 3  entry address: mb2_start32 (e_entry would do as well, but
 *          GRUB wants the tag for an image linked in the higher half)
 *   tag 6  module alignment: modules on page boundaries
 *   tag 0  end
 *
 * GRUB loads the ELF's PT_LOAD segments at their physical addresses, as
 * QEMU does, so both paths find the image at KERNEL_LOAD_PA.
 */
#include <asm/page.h>

#define PA(x)		((x) - KERNEL_VA_PA_OFFSET)

#define MB2_MAGIC	0xe85250d6
#define MB2_ARCH_I386	0
#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .head.text, "ax"
	.balign 8
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	.balign 8			/* entry address tag */
	.word	3, 0
	.long	12
	.long	PA(mb2_start32)

	.balign 8			/* module alignment tag */
	.word	6, 0
	.long	8

	.balign 8			/* end tag */
	.word	0, 0
	.long	8
mb2_header_end:

	.section .note.Xen, "a", @note
	.balign 4
	.long	4			/* namesz: "Xen\0" */
	.long	8			/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.balign 4
	.quad	PA(pvh_start32)
	.balign 4
