// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V trap handling.  Every trap lands in riscv_trap_entry (entry.S),
 * which saves the registers in a struct pt_regs on the stack and calls
 * riscv_handle_trap().  The kernel takes no interrupts yet, so any trap is
 * a bug: report what, where, and the faulting address, then panic.
 */
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <mm/vmalloc.h>
#include <asm/csr.h>
#include <asm/memlayout.h>

#include "riscv.h"

struct pt_regs {
	unsigned long ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4,
		a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4,
		t5, t6;
	unsigned long sepc, sstatus, scause, stval;
};

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

	if (cause & SCAUSE_IRQ) {
		pr_warn("riscv: unexpected interrupt %lu ignored\n",
			cause & ~SCAUSE_IRQ);
		return;
	}
	if (cause < sizeof(exception_names) / sizeof(exception_names[0]) &&
	    exception_names[cause])
		name = exception_names[cause];

	pr_emerg("Unable to handle kernel %s at virtual address 0x%016lx\n",
		 name, regs->stval);
	if ((cause == EXC_LOAD_PAGE_FAULT || cause == EXC_STORE_PAGE_FAULT ||
	     cause == EXC_INST_PAGE_FAULT) &&
	    regs->stval >= VMALLOC_START && regs->stval < VMALLOC_END)
		vmalloc_report_fault(regs->stval, regs->sepc);
	pr_emerg("epc : 0x%016lx ra : 0x%016lx sp : 0x%016lx\n",
		 regs->sepc, regs->ra, regs->sp);
	pr_emerg("status: 0x%016lx badaddr: 0x%016lx cause: 0x%016lx\n",
		 regs->sstatus, regs->stval, regs->scause);
	panic("Oops: %s at 0x%016lx (pc 0x%016lx); a kernel bug, please report it with this log",
	      name, regs->stval, regs->sepc);
}
