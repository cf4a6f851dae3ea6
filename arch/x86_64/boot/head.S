/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 entry: from a loader's 32-bit protected mode to start_kernel in
 * long mode at KERNEL_VBASE, and the early page tables that make it
 * possible (phase 1 of the three phases of page-table pages: see
 * include/mm/pgtable.h).
 *
 * Boot contract (DESIGN.md §3): paging off, flat 32-bit segments, the
 * image at its ELF physical addresses (KERNEL_LOAD_PA), interrupts off,
 * no stack.
 *   PVH        (QEMU -kernel)  enters pvh_start32, ebx = hvm_start_info
 *   Multiboot2 (GRUB)          enters mb2_start32, eax = 0x36d76289,
 *                              ebx = the boot information (MBI)
 * Until paging is on, every address is physical: PA(sym).
 *
 *   32-bit: stack, remember the protocol, clear .bss, CPUID: long mode?
 *           CR4.PAE|PGE, CR3 = early_pgd, EFER.LME (+NXE), CR0.PG|WP
 *           -> compatibility mode; lgdt, far jump to a 64-bit segment
 *   64-bit: at the identity address; jump to KERNEL_VBASE, stack, GS
 *           base = boot_cpu_info, call x86_start()
 *
 * The early tables are static data (no code builds them), all 2 MiB
 * leaves, everything RWX; the final tables replace them in paging_init():
 *
 *   VA                              PA                 via
 *   0 .. 4 GiB (identity)           0 .. 4 GiB         PGD[0]   -> early_pud_low
 *   PAGE_OFFSET .. +4 GiB (linear)  0 .. 4 GiB         PGD[273] -> early_pud_low
 *   KERNEL_VBASE .. +1 GiB (image)  2 MiB .. 1 GiB+2M  PGD[511] -> PUD[510]
 *   FIXADDR_START .. +2 MiB         (early_ioremap)    PGD[511] -> PUD[511]
 *
 * The identity map only lets the code between CR0.PG and the jump to
 * KERNEL_VBASE run; the final tables drop it, so virtual page 0 faults
 * from then on.  The linear map of the first 4 GiB is what arch_setup()
 * reads the boot data (start_info, E820 map, command line, a DTB module,
 * ACPI tables) through, and what memblock allocates from: allocations stay
 * below 4 GiB until the final tables map all RAM (arch_switch_pgtable()).
 */
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/memlayout.h>

#define PA(x)		((x) - KERNEL_VA_PA_OFFSET)

#define MB2_BOOTLOADER_MAGIC	0x36d76289
#define X86_BOOT_PVH		1	/* kernel/x86.h */
#define X86_BOOT_MB2		2

/* Early entry bits (asm/pgtable.h has the full picture). */
#define E_TABLE		0x003		/* P W */
#define E_LEAF_2M	0x083		/* P W PS */

#define COM1		0x3f8
#define DEBUG_EXIT	0xf4

	.section .head.text, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	movl	$X86_BOOT_PVH, %esi
	jmp	startup_32

	.globl mb2_start32
mb2_start32:
	movl	$X86_BOOT_MB2, %esi
	cmpl	$MB2_BOOTLOADER_MAGIC, %eax
	je	startup_32
	movl	$PA(msg_no_protocol), %esi
	jmp	early_fail32

startup_32:
	cli
	cld
	movl	$PA(boot_stack_top), %esp

	/* The protocol and its info pointer live in .data: .bss is next. */
	movl	%esi, PA(x86_boot_protocol)
	movl	%ebx, PA(x86_boot_info_pa)

	movl	$PA(__bss_start), %edi
	movl	$PA(__bss_stop), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	/* Long mode?  CPUID 0x80000001 EDX.LM; keep EDX for NX in %ebp. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	1f
	movl	$0x80000001, %eax
	cpuid
	movl	%edx, %ebp
	testl	$X86_EXT_LM, %edx
	jnz	2f
1:	movl	$PA(msg_no_long_mode), %esi
	jmp	early_fail32

2:	movl	%cr4, %eax
	orl	$(X86_CR4_PAE | X86_CR4_PGE), %eax
	movl	%eax, %cr4

	movl	$PA(early_pgd), %eax
	movl	%eax, %cr3

	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	testl	$X86_EXT_NX, %ebp
	jz	3f
	orl	$EFER_NXE, %eax
3:	wrmsr

	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl	%eax, %cr0

	/* Compatibility mode now; a 64-bit code segment ends it. */
	lgdt	PA(boot_gdt_desc)
	ljmp	$__KERNEL_CS, $PA(startup_64)

/*
 * No way on: print the NUL-terminated message at %esi on COM1 (without
 * setting the UART up: QEMU does not need it), ask QEMU to exit with
 * status 3 (isa-debug-exit, if present), else halt.
 */
early_fail32:
	movw	$COM1, %dx
4:	lodsb
	testb	%al, %al
	jz	5f
	outb	%al, %dx
	jmp	4b
5:	movb	$1, %al
	outb	%al, $DEBUG_EXIT
6:	hlt
	jmp	6b

	.code64
startup_64:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$startup_64_high, %rax
	jmp	*%rax

startup_64_high:
	/* Running at KERNEL_VBASE from here on. */
	leaq	boot_stack_top(%rip), %rsp
	leaq	boot_cpu_info(%rip), %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	movl	$MSR_GS_BASE, %ecx
	wrmsr
	xorl	%ebp, %ebp
	call	x86_start
7:	cli
	hlt
	jmp	7b

	.section .rodata
msg_no_protocol:
	.asciz	"arbor: not entered through PVH or Multiboot2 (bad magic in eax)\r\n"
msg_no_long_mode:
	.asciz	"arbor: this CPU has no long mode (CPUID 0x80000001 EDX.LM); x86-64 needed\r\n"

/*
 * The boot GDT: null, 64-bit kernel code (L=1, D=0), data.  The
 * descriptor gives its physical address (32-bit lgdt); kernel/cpu.c loads
 * the final GDT (with a TSS) at its virtual address.
 */
	.balign 8
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: code, DPL 0, L */
	.quad	0x00cf92000000ffff	/* 0x10: data, DPL 0, 4 GiB */
boot_gdt_end:
boot_gdt_desc:
	.word	boot_gdt_end - boot_gdt - 1
	.long	PA(boot_gdt)

	.data
	.globl x86_boot_protocol, x86_boot_info_pa
	.balign 4
x86_boot_protocol:
	.long	0
x86_boot_info_pa:
	.long	0

/* ---- the early page tables (static data: nothing builds them) ---- */

	.section .data..page_aligned, "aw"
	.balign 4096
	.globl early_pgd
early_pgd:
	.quad	PA(early_pud_low) + E_TABLE		/* 0: identity */
	.fill	272, 8, 0
	.quad	PA(early_pud_low) + E_TABLE		/* 273: PAGE_OFFSET */
	.fill	237, 8, 0
	.quad	PA(early_pud_high) + E_TABLE		/* 511 */

	.balign 4096
early_pud_low:
	.quad	PA(early_pmd_low) + E_TABLE
	.quad	PA(early_pmd_low) + 0x1000 + E_TABLE
	.quad	PA(early_pmd_low) + 0x2000 + E_TABLE
	.quad	PA(early_pmd_low) + 0x3000 + E_TABLE
	.fill	508, 8, 0

	.balign 4096
early_pud_high:
	.fill	510, 8, 0
	.quad	PA(early_pmd_kernel) + E_TABLE		/* 510: KERNEL_VBASE */
	.quad	PA(early_fixmap_pmd) + E_TABLE		/* 511: fixmap */

	/* [0, 4 GiB) in 2048 leaves of 2 MiB. */
	.balign 4096
early_pmd_low:
	.set	i, 0
	.rept	2048
	.quad	(i << 21) + E_LEAF_2M
	.set	i, i + 1
	.endr

	/* KERNEL_VBASE + n * 2 MiB -> KERNEL_LOAD_PA + n * 2 MiB. */
	.balign 4096
early_pmd_kernel:
	.set	i, 0
	.rept	512
	.quad	KERNEL_LOAD_PA + (i << 21) + E_LEAF_2M
	.set	i, i + 1
	.endr

	/* PMD slot 504 (FIXADDR_START) holds the page of early MMIO slots. */
	.balign 4096
	.globl early_fixmap_pmd
early_fixmap_pmd:
	.fill	504, 8, 0
	.quad	PA(early_fixmap_pte) + E_TABLE
	.fill	7, 8, 0

	.balign 4096
	.globl early_fixmap_pte
early_fixmap_pte:
	.fill	512, 8, 0

/*
 * The boot stack, with a guard page below it that the final tables leave
 * unmapped (arch_paging_init()): an overflow faults, the fault cannot
 * push its frame, and the double fault runs on its own stack (IST1) to
 * report it.
 */
	.section .boot_stack, "aw", @nobits
	.balign 4096
	.globl boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:
	.skip	4096
boot_stack:
	.skip	16384
boot_stack_top:
