/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V entry: the Linux `Image` header, then the first instructions.
 *
 * Boot contract (DESIGN.md §3): S-mode, MMU off, a0 = hart id, a1 = DTB
 * physical address, loaded at any 2 MiB-aligned RAM address.  We run at
 * that physical address until riscv_setup_vm() has built the early page
 * tables, then jump to the link address (KERNEL_VBASE) and never look back.
 *
 * Image header (64 bytes, little endian; read by U-Boot booti):
 *   0x00  code0        j _start_kernel (4 bytes: assembled with norvc)
 *   0x04  code1        0
 *   0x08  text_offset  0x200000: load 2 MiB above the start of RAM
 *   0x10  image_size   bytes from _start to _end (bss included)
 *   0x18  flags        0 = little endian
 *   0x20  version      0.2
 *   0x24  res1
 *   0x28  res2
 *   0x30  magic        "RISCV\0\0\0" (deprecated, still checked by U-Boot)
 *   0x38  magic2       "RSC\x05"
 *   0x3c  res3         (PE/COFF header offset: none)
 */
#include <asm/csr.h>

#define KERNEL_VBASE 0xffffffff80000000

	.section .head.text, "ax"
	.globl _start
_start:
	.option push
	.option norvc
	j	_start_kernel
	.option pop
	.word	0
	.dword	0x200000
	.dword	_image_size
	.dword	0
	.word	2
	.word	0
	.dword	0
	.ascii	"RISCV\0\0\0"
	.ascii	"RSC\x05"
	.word	0

_start_kernel:
	/*
	 * The boot lottery (Linux's hart_lottery): the first hart here wins
	 * and boots; any later one must not touch memory the winner uses.
	 * A later hart is not hypothetical: OpenSBI 1.1's HSM hart_start
	 * marks a stopped hart START_PENDING before it stores the start
	 * address, so a hart that sees the state early jumps to the stale
	 * address from cold boot, which is this entry with a1 = the DTB.
	 * Clearing .bss under the running kernel was the result.  The
	 * ticket lives in .data, which no hart clears.  A loser asks SBI HSM
	 * to stop it (hart_stop), so that bring-up can start it again at
	 * riscv_secondary_entry (arch/riscv/kernel/smp.c); firmware without
	 * HSM returns, and the hart sleeps for good.
	 */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w.aqrl t1, t1, (t0)
	bnez	t1, .Lstray_hart

	/* No interrupts until a trap vector exists. */
	csrw	sie, zero
	csrw	sip, zero
	mv	s0, a0			/* hart id */
	mv	s1, a1			/* DTB physical address */

	/* A stack, addressed PC-relative: still the physical address. */
	lla	sp, boot_stack_top

	/* Clear .bss (the early page tables live there). */
	lla	t0, __bss_start
	lla	t1, __bss_stop
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	/* Build the early tables; returns the satp value to load. */
	lla	a0, _start
	mv	a1, s1
	call	riscv_setup_vm

	/* s2 = kernel_va_pa_offset: link address minus load address. */
	lla	t0, _start
	li	t1, KERNEL_VBASE
	sub	s2, t1, t0

	/* Turn on Sv39.  The early tables identity-map the GiB we run in, so
	 * the next fetch still works; then jump to the high address. */
	lla	t2, 3f
	add	t2, t2, s2
	csrw	stvec, t2
	sfence.vma
	csrw	satp, a0
	sfence.vma
	jr	t2

	.balign 4
3:	/* Running at KERNEL_VBASE from here on. */
	lla	sp, boot_stack_top
	lla	t0, riscv_trap_entry
	csrw	stvec, t0
	lla	tp, boot_cpu_info
	lla	t0, riscv_trap_areas	/* CPU 0's: arms the overflow check */
	csrw	sscratch, t0
	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	call	riscv_start
4:	wfi
	j	4b

/* A hart that lost the boot lottery: stop through HSM, or sleep. */
.Lstray_hart:
	csrw	sie, zero
	li	a7, 0x48534D		/* SBI_EXT_HSM */
	li	a6, 1			/* hart_stop: does not return */
	ecall
7:	wfi
	j	7b

/*
 * Secondary harts enter here from SBI HSM hart_start (arch/riscv/kernel/
 * smp.c): S-mode, MMU off, interrupts off, a0 = hart id, a1 = physical
 * address of the hart's boot block (struct riscv_boot_block):
 *
 *   0x00  satp          the kernel's final page tables (kernel_pgd)
 *   0x08  sp            top of the hart's own stack (virtual)
 *   0x10  tp            the hart's struct cpu_info (virtual)
 *   0x18  va_pa_offset  link address minus load address of the image
 *
 * The final tables do not map the image at its physical address, so the
 * fetch after `csrw satp` faults.  stvec holds the virtual address of that
 * very instruction, so the fault lands there with the MMU on (Linux's
 * relocate_enable_mmu trick); no identity map is needed.
 */
	.text
	.balign 4
	.globl riscv_secondary_entry
riscv_secondary_entry:
	csrw	sie, zero
	csrw	sip, zero
	ld	t0, 0x18(a1)
	lla	t1, 5f
	add	t1, t1, t0
	csrw	stvec, t1
	ld	t2, 0x00(a1)
	ld	sp, 0x08(a1)
	ld	tp, 0x10(a1)
	sfence.vma
	csrw	satp, t2

	.balign 4
5:	/* Running at the link address, on the hart's own stack. */
	sfence.vma
	lla	t0, riscv_trap_entry
	csrw	stvec, t0
	csrw	sscratch, zero
	call	riscv_secondary_start
6:	wfi
	j	6b

	.data
	.balign 4
	.globl boot_lottery
boot_lottery:
	.word	0

/*
 * The boot stack, with a guard page below it that arch_paging_init()
 * leaves unmapped in the final tables: an overflow faults, and the trap
 * entry reports it from an overflow stack (entry.S).  In .bss, after the
 * C variables (__bss_start stays an ordinary mapped page).
 */
	.section .bss.boot_stack, "aw", @nobits
	.balign 4096
	.globl boot_stack_guard
boot_stack_guard:
	.skip	4096
	.globl boot_stack
boot_stack:
	.skip	16384
	.globl boot_stack_top
boot_stack_top:
