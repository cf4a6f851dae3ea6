/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trap entry: save every general register and the trap CSRs in a
 * struct pt_regs (see traps.c) on the current stack, call the C handler,
 * restore, sret.  Kernel-only for now: traps come from S-mode.
 */
#define REG(n)	(n * 8)
#define PT_SIZE	(35 * 8 + 8)	/* 31 GPRs + 4 CSRs, 16-byte aligned */

	.text
	.balign 4
	.globl riscv_trap_entry
riscv_trap_entry:
	addi	sp, sp, -PT_SIZE
	sd	ra, REG(0)(sp)
	sd	gp, REG(2)(sp)
	sd	tp, REG(3)(sp)
	sd	t0, REG(4)(sp)
	sd	t1, REG(5)(sp)
	sd	t2, REG(6)(sp)
	sd	s0, REG(7)(sp)
	sd	s1, REG(8)(sp)
	sd	a0, REG(9)(sp)
	sd	a1, REG(10)(sp)
	sd	a2, REG(11)(sp)
	sd	a3, REG(12)(sp)
	sd	a4, REG(13)(sp)
	sd	a5, REG(14)(sp)
	sd	a6, REG(15)(sp)
	sd	a7, REG(16)(sp)
	sd	s2, REG(17)(sp)
	sd	s3, REG(18)(sp)
	sd	s4, REG(19)(sp)
	sd	s5, REG(20)(sp)
	sd	s6, REG(21)(sp)
	sd	s7, REG(22)(sp)
	sd	s8, REG(23)(sp)
	sd	s9, REG(24)(sp)
	sd	s10, REG(25)(sp)
	sd	s11, REG(26)(sp)
	sd	t3, REG(27)(sp)
	sd	t4, REG(28)(sp)
	sd	t5, REG(29)(sp)
	sd	t6, REG(30)(sp)
	addi	t0, sp, PT_SIZE
	sd	t0, REG(1)(sp)		/* the interrupted sp */
	csrr	t0, sepc
	sd	t0, REG(31)(sp)
	csrr	t0, sstatus
	sd	t0, REG(32)(sp)
	csrr	t0, scause
	sd	t0, REG(33)(sp)
	csrr	t0, stval
	sd	t0, REG(34)(sp)

	mv	a0, sp
	call	riscv_handle_trap

	ld	t0, REG(31)(sp)
	csrw	sepc, t0
	ld	t0, REG(32)(sp)
	csrw	sstatus, t0
	ld	ra, REG(0)(sp)
	ld	gp, REG(2)(sp)
	ld	tp, REG(3)(sp)
	ld	t0, REG(4)(sp)
	ld	t1, REG(5)(sp)
	ld	t2, REG(6)(sp)
	ld	s0, REG(7)(sp)
	ld	s1, REG(8)(sp)
	ld	a0, REG(9)(sp)
	ld	a1, REG(10)(sp)
	ld	a2, REG(11)(sp)
	ld	a3, REG(12)(sp)
	ld	a4, REG(13)(sp)
	ld	a5, REG(14)(sp)
	ld	a6, REG(15)(sp)
	ld	a7, REG(16)(sp)
	ld	s2, REG(17)(sp)
	ld	s3, REG(18)(sp)
	ld	s4, REG(19)(sp)
	ld	s5, REG(20)(sp)
	ld	s6, REG(21)(sp)
	ld	s7, REG(22)(sp)
	ld	s8, REG(23)(sp)
	ld	s9, REG(24)(sp)
	ld	s10, REG(25)(sp)
	ld	s11, REG(26)(sp)
	ld	t3, REG(27)(sp)
	ld	t4, REG(28)(sp)
	ld	t5, REG(29)(sp)
	ld	t6, REG(30)(sp)
	addi	sp, sp, PT_SIZE
	sret
