/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trap entry: save every general register and the trap CSRs in a
 * struct pt_regs (see traps.c) on the current stack, call the C handler,
 * restore, sret.  Kernel-only: traps come from S-mode.
 *
 * Stack overflow.  A kernel stack has an unmapped guard page below it.
 * When sp has run into it, the first store of the trap frame would fault
 * again, and again, forever.  So every hart keeps, in sscratch, a pointer
 * to its struct riscv_trap_area (traps.c), and the entry looks at sp
 * before it stores anything:
 *
 *   csrrw sp, sscratch, sp     sp = the area, sscratch = interrupted sp
 *   (sscratch was 0: no check) save t0, t1 in the area
 *   if interrupted sp - guard_lo < guard_span:
 *       stay on the area's overflow stack, build pt_regs there and call
 *       riscv_handle_stack_overflow(regs, area), which reports and panics
 *   else:
 *       restore t0, t1; csrrw sp, sscratch, sp (back: sscratch = area)
 *       and take the trap on the interrupted stack as usual
 *
 *   guard_lo           the lowest byte of the guard page
 *   guard_span         the guard page plus one trap frame: an sp that low
 *                      cannot take a trap without writing into the guard
 *
 *   struct riscv_trap_area (sscratch points at it; offsets below)
 *     0  guard_lo        8  guard_span     16 saved t0     24 saved t1
 *     32 overflow_top (the overflow stack grows down from here)
 *
 * A hart whose sscratch is 0 skips the check (traps work, overflows hang
 * as before).  The window in which sscratch holds the interrupted sp is a
 * few instructions that cannot fault.
 */
#define REG(n)	(n * 8)
#define PT_SIZE	(35 * 8 + 8)	/* 31 GPRs + 4 CSRs, 16-byte aligned */

#define AREA_GUARD_LO		0
#define AREA_GUARD_SPAN		8
#define AREA_T0			16
#define AREA_T1			24
#define AREA_OVERFLOW_TOP	32

/* Store every GPR but sp, and the trap CSRs, in the pt_regs at sp. */
.macro SAVE_REGS
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
	csrr	t0, sepc
	sd	t0, REG(31)(sp)
	csrr	t0, sstatus
	sd	t0, REG(32)(sp)
	csrr	t0, scause
	sd	t0, REG(33)(sp)
	csrr	t0, stval
	sd	t0, REG(34)(sp)
.endm

	.text
	.balign 4
	.globl riscv_trap_entry
riscv_trap_entry:
	csrrw	sp, sscratch, sp	/* sp = this hart's trap area */
	beqz	sp, 1f			/* none: no overflow check */
	sd	t0, AREA_T0(sp)
	sd	t1, AREA_T1(sp)
	csrr	t0, sscratch		/* the interrupted sp */
	ld	t1, AREA_GUARD_LO(sp)
	sub	t0, t0, t1
	ld	t1, AREA_GUARD_SPAN(sp)
	bltu	t0, t1, .Lstack_overflow
	ld	t0, AREA_T0(sp)
	ld	t1, AREA_T1(sp)
1:	csrrw	sp, sscratch, sp	/* back on the interrupted stack */

	addi	sp, sp, -PT_SIZE
	SAVE_REGS
	addi	t0, sp, PT_SIZE
	sd	t0, REG(1)(sp)		/* the interrupted sp */

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

/*
 * The interrupted sp (in sscratch) is in or just above the guard page;
 * sp points at the trap area.  The frame goes on the area's overflow
 * stack, sscratch points at the area again (a fault in the report is a
 * plain trap on the overflow stack), and the C side reports and panics.
 */
.Lstack_overflow:
	ld	t1, AREA_OVERFLOW_TOP(sp)
	addi	t1, t1, -PT_SIZE	/* the frame */
	csrr	t0, sscratch
	sd	t0, REG(1)(t1)		/* the interrupted sp */
	csrw	sscratch, sp		/* sscratch = the area again */
	mv	sp, t1
	csrr	t0, sscratch
	ld	t1, AREA_T1(t0)
	ld	t0, AREA_T0(t0)
	SAVE_REGS
	mv	a0, sp
	csrr	a1, sscratch
	call	riscv_handle_stack_overflow
2:	wfi
	j	2b
