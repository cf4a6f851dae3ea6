// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V trap handling.  Every trap lands in riscv_trap_entry (entry.S),
 * which saves the registers in a struct pt_regs on the stack and calls
 * riscv_handle_trap().  The one interrupt taken is the supervisor software
 * interrupt, which carries cross-CPU calls (smp.c); any other trap is a
 * bug: report what, where, and the faulting address, then panic.
 *
 * Page faults are reported in the generic words of src/crash.c (NULL
 * pointer dereference, write to read-only memory with the image section,
 * the vmalloc area a guard-page hit belongs to).  A trap taken with sp in
 * or just above a kernel stack's guard page never gets here: entry.S
 * switches to the hart's overflow stack and calls
 * riscv_handle_stack_overflow() instead (the picture is in entry.S).
 *
 *   per CPU: struct riscv_trap_area   sscratch points at it in the kernel
 *              guard_lo, guard_span   where sp must not be
 *              overflow_top           top of a 4 KiB overflow stack
 *
 * The boot hart's area is set up statically (the boot stack and its guard
 * page are in head.S; arch_paging_init() unmaps the guard) and head.S
 * loads sscratch; a secondary hart calls riscv_stack_guard_init() with
 * its own stack before anything can overflow.
 */
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/crash.h>
#include <kernel/kernel.h>
#include <mm/vmalloc.h>
#include <asm/cpu.h>
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/memlayout.h>

#include "riscv.h"

struct pt_regs {
	unsigned long ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4,
		a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4,
		t5, t6;
	unsigned long sepc, sstatus, scause, stval;
};

/* entry.S's frame: struct pt_regs rounded up to 16 bytes. */
#define TRAP_FRAME_SIZE		(35 * 8 + 8)
BUILD_BUG_ON(sizeof(struct pt_regs) > TRAP_FRAME_SIZE);

#define OVERFLOW_STACK_SIZE	4096

/* What entry.S reads through sscratch (offsets fixed there). */
struct riscv_trap_area {
	unsigned long guard_lo;		/* 0: lowest byte of the guard page */
	unsigned long guard_span;	/* 8: guard page + one trap frame */
	unsigned long t0, t1;		/* 16, 24: entry.S's scratch */
	unsigned long overflow_top;	/* 32: top of the overflow stack */
	unsigned long stack_lo;		/* lowest byte of the kernel stack */
};
BUILD_BUG_ON(__builtin_offsetof(struct riscv_trap_area, overflow_top) != 32);

extern char boot_stack_guard[], boot_stack[];

static u8 overflow_stacks[NR_CPUS][OVERFLOW_STACK_SIZE] __aligned(16);

/* CPU 0 runs on the boot stack of head.S until it idles. */
struct riscv_trap_area riscv_trap_areas[NR_CPUS] = {
	[0] = {
		.guard_lo = (unsigned long)boot_stack_guard,
		.guard_span = PAGE_SIZE + TRAP_FRAME_SIZE,
		.overflow_top = (unsigned long)(overflow_stacks[0] + OVERFLOW_STACK_SIZE),
		.stack_lo = (unsigned long)boot_stack,
	},
};

/**
 * riscv_stack_guard_init - on the calling hart, logical CPU @cpu: its
 * kernel stack starts at @stack_lo with an unmapped guard page below;
 * point sscratch at the CPU's trap area so that a trap taken with sp in
 * (or within one trap frame of) the guard page switches to the overflow
 * stack and reports "Kernel stack overflow on CPU N (hart H)".
 */
void riscv_stack_guard_init(unsigned int cpu, unsigned long stack_lo)
{
	struct riscv_trap_area *a;

	if (cpu >= NR_CPUS)
		return;
	a = &riscv_trap_areas[cpu];
	a->guard_lo = stack_lo - PAGE_SIZE;
	a->guard_span = PAGE_SIZE + TRAP_FRAME_SIZE;
	a->overflow_top = (unsigned long)(overflow_stacks[cpu] + OVERFLOW_STACK_SIZE);
	a->stack_lo = stack_lo;
	csr_write(sscratch, a);
}

/* The CPU whose stack guard page holds @addr, or -1. */
static int stack_guard_cpu(unsigned long addr)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct riscv_trap_area *a = &riscv_trap_areas[cpu];

		if (a->guard_span && addr >= a->guard_lo &&
		    addr - a->guard_lo < PAGE_SIZE)
			return cpu;
	}
	return -1;
}

static void show_regs(const struct pt_regs *regs)
{
	pr_emerg("epc : 0x%016lx ra : 0x%016lx sp : 0x%016lx\n",
		 regs->sepc, regs->ra, regs->sp);
	pr_emerg("status: 0x%016lx badaddr: 0x%016lx cause: 0x%016lx\n",
		 regs->sstatus, regs->stval, regs->scause);
}

static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store address misaligned",
	[7] = "store access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store page fault",
};

void riscv_handle_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->scause;
	const char *name = "unknown trap";

	if (cause == (SCAUSE_IRQ | IRQ_S_SOFT)) {
		riscv_handle_ipi();	/* a cross-CPU call (smp.c) */
		return;
	}
	if (cause & SCAUSE_IRQ) {
		pr_warn("riscv: unexpected interrupt %lu ignored\n",
			cause & ~SCAUSE_IRQ);
		return;
	}
	if (cause < sizeof(exception_names) / sizeof(exception_names[0]) &&
	    exception_names[cause])
		name = exception_names[cause];

	if (cause == EXC_LOAD_PAGE_FAULT || cause == EXC_STORE_PAGE_FAULT ||
	    cause == EXC_INST_PAGE_FAULT) {
		enum fault_access access = cause == EXC_STORE_PAGE_FAULT ? FAULT_ACCESS_WRITE :
					   cause == EXC_INST_PAGE_FAULT ? FAULT_ACCESS_EXEC :
					   FAULT_ACCESS_READ;
		int cpu = stack_guard_cpu(regs->stval);
		int hart = cpu < 0 ? arch_stack_guard_hart(regs->stval) : -1;

		/* A frame big enough to jump over the entry's sp check. */
		if (cpu >= 0)
			kernel_stack_overflow_report(cpu, "hart", this_cpu_info()->hartid,
						     regs->sp, riscv_trap_areas[cpu].stack_lo);
		else if (hart >= 0)
			pr_emerg("Kernel stack overflow on hart %d: 0x%016lx is in its stack's guard page\n",
				 hart, regs->stval);
		name = kernel_fault_report(regs->stval, regs->sepc, access);
		if (regs->stval >= VMALLOC_START && regs->stval < VMALLOC_END)
			vmalloc_report_fault(regs->stval, regs->sepc);
	} else {
		pr_emerg("Unable to handle kernel %s at virtual address 0x%016lx\n",
			 name, regs->stval);
	}
	show_regs(regs);
	panic("Oops: %s at 0x%016lx (pc 0x%016lx); a kernel bug, please report it with this log",
	      name, regs->stval, regs->sepc);
}

/**
 * riscv_handle_stack_overflow - entry.S found the interrupted sp in or
 * just above the guard page of this CPU's kernel stack (@area) and moved
 * to the overflow stack: report and panic.  Never returns.
 */
void riscv_handle_stack_overflow(struct pt_regs *regs, struct riscv_trap_area *area)
{
	unsigned int cpu = (unsigned int)(area - riscv_trap_areas);
	unsigned long cause = regs->scause;

	kernel_stack_overflow_report(cpu, "hart", this_cpu_info()->hartid,
				     regs->sp, area->stack_lo);
	if (!(cause & SCAUSE_IRQ) &&
	    cause < sizeof(exception_names) / sizeof(exception_names[0]) &&
	    exception_names[cause])
		pr_emerg("  while taking a %s at 0x%016lx\n", exception_names[cause],
			 regs->stval);
	show_regs(regs);
	panic("kernel stack overflow on CPU %u at pc 0x%016lx (sp 0x%016lx); unbounded recursion or a large stack frame, please report it with this log",
	      cpu, regs->sepc, regs->sp);
}
