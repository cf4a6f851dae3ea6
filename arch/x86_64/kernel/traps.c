// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86-64 exception handling.  The IDT sends vectors 0-31 to the stubs of
 * entry.S, which build a struct pt_regs and call x86_handle_trap().  The
 * kernel takes no interrupts yet (IF stays clear), so an exception is a
 * bug unless the faulting instruction has a fixup (the ex_table the fault
 * probes use): report what, where, the faulting address and the error
 * code, then panic, in the same shape as arch/riscv/kernel/traps.c (page
 * faults and stack overflows in src/crash.c's words).
 *
 * An IDT gate (16 bytes, Intel SDM vol. 3A, 6.14.1):
 *
 *   63        48 47 46 45 44  40 39  35 34  32 31        16 15          0
 *   +-----------+--+-----+------+------+------+------------+-------------+
 *   |offset 31:16|P| DPL |0 type|  0   | IST  |  selector  | offset 15:0 |
 *   +-----------+--+-----+------+------+------+------------+-------------+
 *   | reserved                          | offset 63:32                   |
 *   +-----------------------------------+--------------------------------+
 *
 * type 0xe: interrupt gate (IF cleared on entry).  The double fault uses
 * IST1 (kernel/cpu.c), everything else the current stack.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/crash.h>
#include <mm/kernel_map.h>
#include <mm/pgtable.h>
#include <mm/vmalloc.h>
#include <asm/cpu.h>
#include <asm/page.h>
#include <asm/memlayout.h>
#include <asm/processor.h>

#include "x86.h"

struct pt_regs {
	unsigned long r15, r14, r13, r12, r11, r10, r9, r8;
	unsigned long rbp, rdi, rsi, rdx, rcx, rbx, rax;
	unsigned long vector, error_code;
	unsigned long rip, cs, rflags, rsp, ss;		/* pushed by the CPU */
};

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

static struct idt_gate idt[256] __aligned(16);

extern const unsigned long x86_trap_stubs[32];
extern unsigned long x86_probe_exec_armed;
extern char x86_probe_exec_ret[];
extern char boot_stack_guard[];

struct ex_entry {
	unsigned long insn;
	unsigned long fixup;
};
extern const struct ex_entry __start_ex_table[], __stop_ex_table[];

struct x86_fault_record x86_last_fixup;

#define X86_TRAP_NMI	2
#define X86_TRAP_DF	8
#define X86_TRAP_GP	13
#define X86_TRAP_PF	14

/* #PF error code bits. */
#define PF_PROT		(1 << 0)	/* protection violation (else not present) */
#define PF_WRITE	(1 << 1)
#define PF_USER		(1 << 2)
#define PF_RSVD		(1 << 3)	/* a reserved bit was set in an entry */
#define PF_INSTR	(1 << 4)	/* instruction fetch */

static const char *const exception_names[32] = {
	[0] = "divide error",
	[1] = "debug",
	[2] = "non-maskable interrupt",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "bound range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available",
	[8] = "double fault",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack segment fault",
	[13] = "general protection fault",
	[14] = "paging request",
	[16] = "x87 floating-point error",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection fault",
};

static void set_gate(unsigned int vec, unsigned long handler, unsigned int ist)
{
	struct idt_gate *g = &idt[vec];

	g->offset_low = handler & 0xffff;
	g->selector = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e;		/* present, DPL 0, interrupt gate */
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

/* Install the IDT: vectors 0-31; the rest stay not present (#GP). */
void x86_traps_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed p = { sizeof(idt) - 1, (unsigned long)idt };

	for (unsigned int v = 0; v < 32; v++)
		set_gate(v, x86_trap_stubs[v], v == X86_TRAP_DF ? 1 : 0);
	__asm__ __volatile__("lidt %0" :: "m"(p) : "memory");
}

static void record_fixup(const struct pt_regs *regs, unsigned long addr)
{
	x86_last_fixup.count++;
	x86_last_fixup.addr = addr;
	x86_last_fixup.error_code = regs->error_code;
	x86_last_fixup.vector = regs->vector;
}

/*
 * A fault a probe expected: continue at its fixup.  True if handled.
 * An instruction-fetch fault while x86_probe_exec() is armed happened at
 * the call's target: return to the probe as the target's `ret` would.
 */
static bool fixup_exception(struct pt_regs *regs, unsigned long addr)
{
	if (regs->vector == X86_TRAP_PF && (regs->error_code & PF_INSTR) &&
	    x86_probe_exec_armed && regs->rip == addr) {
		record_fixup(regs, addr);
		regs->rip = (unsigned long)x86_probe_exec_ret;
		regs->rsp += 8;
		return true;
	}
	for (const struct ex_entry *e = __start_ex_table; e < __stop_ex_table; e++) {
		if (e->insn == regs->rip) {
			record_fixup(regs, addr);
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}

/* This CPU's initial APIC id (struct cpu_info through %gs). */
static unsigned int this_apic_id(void)
{
	unsigned int id;

	__asm__ __volatile__("movl %%gs:%c1, %0" : "=r"(id)
			     : "i"(__builtin_offsetof(struct cpu_info, apic_id)));
	return id;
}

static void show_regs(const struct pt_regs *regs)
{
	pr_emerg("RIP: 0x%016lx RSP: 0x%016lx RFLAGS: 0x%08lx\n",
		 regs->rip, regs->rsp, regs->rflags);
	pr_emerg("RAX: 0x%016lx RBX: 0x%016lx RCX: 0x%016lx\n",
		 regs->rax, regs->rbx, regs->rcx);
	pr_emerg("RDX: 0x%016lx RSI: 0x%016lx RDI: 0x%016lx\n",
		 regs->rdx, regs->rsi, regs->rdi);
	pr_emerg("RBP: 0x%016lx R08: 0x%016lx R09: 0x%016lx\n",
		 regs->rbp, regs->r8, regs->r9);
	pr_emerg("R10: 0x%016lx R11: 0x%016lx R12: 0x%016lx\n",
		 regs->r10, regs->r11, regs->r12);
	pr_emerg("R13: 0x%016lx R14: 0x%016lx R15: 0x%016lx\n",
		 regs->r13, regs->r14, regs->r15);
	pr_emerg("CS: 0x%04lx SS: 0x%04lx CR2: 0x%016lx CR3: 0x%016lx\n",
		 regs->cs, regs->ss, read_cr2(), read_cr3());
}

/* Linux's two #PF lines: what kind of access, and why it faulted. */
static void show_page_fault(unsigned long err)
{
	pr_emerg("#PF: %s %s in %s mode\n",
		 err & PF_USER ? "user" : "supervisor",
		 err & PF_INSTR ? "instruction fetch" :
		 err & PF_WRITE ? "write access" : "read access",
		 err & PF_USER ? "user" : "kernel");
	pr_emerg("#PF: error_code(0x%04lx) - %s\n", err,
		 err & PF_RSVD ? "reserved bit violation" :
		 err & PF_PROT ? "permissions violation" : "not-present page");
}

void x86_handle_trap(struct pt_regs *regs)
{
	unsigned long vec = regs->vector;
	unsigned long addr = vec == X86_TRAP_PF ? read_cr2() : 0;
	const char *name = vec < 32 && exception_names[vec] ?
			   exception_names[vec] : "unknown exception";

	if ((vec == X86_TRAP_PF || vec == X86_TRAP_GP) &&
	    fixup_exception(regs, addr))
		return;
	if (vec == X86_TRAP_NMI) {
		pr_warn("x86: NMI received at rip 0x%016lx, ignored\n", regs->rip);
		return;
	}

	if (vec == X86_TRAP_PF) {
		/* The wording is shared with RISC-V (src/crash.c). */
		kernel_fault_report(addr, regs->rip,
				    regs->error_code & PF_INSTR ? FAULT_ACCESS_EXEC :
				    regs->error_code & PF_WRITE ? FAULT_ACCESS_WRITE :
				    FAULT_ACCESS_READ);
		show_page_fault(regs->error_code);
		if (addr >= VMALLOC_START && addr < VMALLOC_END)
			vmalloc_report_fault(addr, regs->rip);
		if (kernel_pgd)
			pgtable_dump_va(kernel_pgd, addr);
	} else {
		pr_emerg("Unable to handle kernel %s (vector %lu, error code 0x%lx) at rip 0x%016lx\n",
			 name, vec, regs->error_code, regs->rip);
		if (vec == X86_TRAP_DF && regs->rsp >= (unsigned long)boot_stack_guard &&
		    regs->rsp < (unsigned long)boot_stack_guard + PAGE_SIZE + 64)
			kernel_stack_overflow_report(arch_cpu_id(), "APIC", this_apic_id(),
						     regs->rsp,
						     (unsigned long)boot_stack_guard + PAGE_SIZE);
	}
	show_regs(regs);
	if (vec == X86_TRAP_PF)
		panic("Oops: page fault at 0x%016lx (pc 0x%016lx, error code 0x%lx); a kernel bug, please report it with this log",
		      addr, regs->rip, regs->error_code);
	panic("Oops: %s (vector %lu, error code 0x%lx) at pc 0x%016lx; a kernel bug, please report it with this log",
	      name, vec, regs->error_code, regs->rip);
}
