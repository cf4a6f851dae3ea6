// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Faults on purpose (crash=KIND, `mm> crash KIND`) and the generic half of
 * the kernel fault reports (include/kernel/crash.h).
 *
 * What it owns
 *   The five deliberate faults, each aimed at one protection the kernel
 *   promises:
 *
 *     text    the image's code is mapped R-X      (W^X, kernel_map.c)
 *     rodata  constants are mapped R--            (kernel_map.c)
 *     null    page 0 is never mapped              (kernel_map.c)
 *     stack   each kernel stack has an unmapped   (boot stack: the arch's
 *             guard page below it                 paging hook; others: vmalloc)
 *     guard   each vmalloc area is followed by    (vmalloc.c)
 *             an unmapped guard page
 *
 *   Each can run on another CPU (crash_trigger_on(): a cross-CPU call),
 *   which is how a secondary CPU's stack guard is tried: `stack` then
 *   recurses on that CPU's own stack.
 *
 *   And the wording of the reports the arch trap handlers print for
 *   kernel page faults and stack overflows, so that every port says the
 *   same thing in the same words.
 *
 * Locking: none.  The reports run in trap context on the way to a panic:
 * they read the page tables and the image's section markers, and print.
 */
#include <kernel/crash.h>
#include <kernel/cmdline.h>
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/sections.h>
#include <kernel/smp.h>
#include <kernel/string.h>
#include <mm/kernel_map.h>
#include <mm/pgtable.h>
#include <mm/prot.h>
#include <mm/vmalloc.h>
#include <asm/page.h>

/* ---- where an address is ---- */

/* kernel_section_name - see crash.h. */
const char *kernel_section_name(unsigned long addr, unsigned long *start,
				unsigned long *end)
{
	static const struct {
		const char *name;
		const char *start, *end;
	} *s, sections[] = {
		{ ".text", _stext, _etext },
		{ ".rodata", __start_rodata, __end_rodata },
		{ ".init", __init_begin, __init_end },
		{ ".data", _sdata, _edata },
		{ ".bss", __bss_start, __bss_stop },
	};

	for (s = sections; s < sections + ARRAY_SIZE(sections); s++) {
		if (addr >= (unsigned long)s->start && addr < (unsigned long)s->end) {
			if (start)
				*start = (unsigned long)s->start;
			if (end)
				*end = (unsigned long)s->end;
			return s->name;
		}
	}
	return NULL;
}

/* kernel_fault_report - see crash.h. */
const char *kernel_fault_report(unsigned long addr, unsigned long pc,
				enum fault_access access)
{
	unsigned long start, end;
	unsigned int prot = 0;
	phys_addr_t pa;
	bool mapped = kernel_pgd && pgtable_translate(kernel_pgd, addr, &pa, &prot);
	const char *what, *section, *pc_section;

	if (addr < PAGE_SIZE)
		what = "NULL pointer dereference";
	else if (mapped && access == FAULT_ACCESS_WRITE && !(prot & PROT_WRITE))
		what = "write to read-only memory";
	else if (mapped && access == FAULT_ACCESS_EXEC && !(prot & PROT_EXEC))
		what = "execute from non-executable memory";
	else
		what = "paging request";
	pr_emerg("Unable to handle kernel %s at virtual address 0x%016lx\n",
		 what, addr);

	section = kernel_section_name(addr, &start, &end);
	if (section)
		pr_emerg("  in the kernel image's %s section [0x%016lx-0x%016lx], mapped %s\n",
			 section, start, end - 1,
			 !mapped ? "nowhere" :
			 (prot & PROT_WRITE) ? ((prot & PROT_EXEC) ? "rwx" : "rw-") :
			 (prot & PROT_EXEC) ? "r-x" : "r--");
	pc_section = kernel_section_name(pc, NULL, NULL);
	pr_emerg("  pc 0x%016lx%s%s\n", pc, pc_section ? " in " : " (outside the kernel image)",
		 pc_section ? pc_section : "");
	return what;
}

/* kernel_stack_overflow_report - see crash.h. */
void kernel_stack_overflow_report(unsigned int cpu, const char *hw,
				  unsigned long hwid, unsigned long sp,
				  unsigned long stack_lo)
{
	if (sp < stack_lo && stack_lo - sp <= PAGE_SIZE)
		pr_emerg("Kernel stack overflow on CPU %u (%s %lu): sp 0x%016lx in the guard page below 0x%016lx\n",
			 cpu, hw, hwid, sp, stack_lo);
	else if (sp >= stack_lo)
		pr_emerg("Kernel stack overflow on CPU %u (%s %lu): sp 0x%016lx, %lu bytes above the guard page below 0x%016lx, too close to take a trap frame\n",
			 cpu, hw, hwid, sp, sp - stack_lo, stack_lo);
	else
		pr_emerg("Kernel stack overflow on CPU %u (%s %lu): sp 0x%016lx, past the guard page below 0x%016lx\n",
			 cpu, hw, hwid, sp, stack_lo);
}

/* ---- faults on purpose ---- */

/* Lives in .rodata (const, initialised): the target of `rodata`. */
static const u32 crash_rodata_word = 0x1badc0de;

/* Recursion bound the compiler cannot see through (never reached). */
static volatile unsigned long crash_depth_limit = ~0UL;

/*
 * One stack frame of a few hundred bytes per call, not a tail call (the
 * result is used after the call returns), so each level really pushes.
 */
static noinline unsigned long crash_recurse(unsigned long depth)
{
	volatile unsigned char frame[256];

	frame[0] = (unsigned char)depth;
	frame[sizeof(frame) - 1] = (unsigned char)depth;
	if (depth >= crash_depth_limit)
		return depth;
	return crash_recurse(depth + 1) + frame[0] + frame[sizeof(frame) - 1];
}

/* A pointer whose value the compiler cannot know (no UB-based shortcuts). */
static inline void *opaque(unsigned long addr)
{
	__asm__ __volatile__("" : "+r"(addr));
	return (void *)addr;
}

/*
 * crash_trigger - see crash.h.  Never inlined: every fault it causes has
 * its pc inside this function, which tests/qemu/hardening.py finds by
 * its symbol.
 */
noinline int crash_trigger(const char *kind)
{
	if (!kind)
		return -EINVAL;

	if (!strcmp(kind, "text")) {
		/* A byte: RISC-V functions may be only 2-byte aligned. */
		volatile u8 *p = opaque((unsigned long)crash_trigger);

		pr_emerg("crash: writing to the kernel's text at 0x%016lx\n",
			 (unsigned long)p);
		*p = *p;
	} else if (!strcmp(kind, "rodata")) {
		volatile u32 *p = opaque((unsigned long)&crash_rodata_word);

		pr_emerg("crash: writing to the kernel's rodata at 0x%016lx\n",
			 (unsigned long)p);
		*p = 0;
	} else if (!strcmp(kind, "null")) {
		volatile unsigned long *p = opaque(0);

		pr_emerg("crash: reading from NULL\n");
		(void)*p;
	} else if (!strcmp(kind, "stack")) {
		pr_emerg("crash: recursing until the stack overflows\n");
		crash_recurse(0);
	} else if (!strcmp(kind, "guard")) {
		volatile char *p = vmalloc(PAGE_SIZE);

		if (!p) {
			pr_err("crash: guard: no memory for a one-page vmalloc area\n");
			return -ENOMEM;
		}
		pr_emerg("crash: writing one byte past the vmalloc area 0x%016lx-0x%016lx, into its guard page\n",
			 (unsigned long)p, (unsigned long)p + PAGE_SIZE - 1);
		p[PAGE_SIZE] = 1;
		vfree((const void *)p);
	} else {
		return -EINVAL;
	}
	pr_err("crash: %s: the access went through: this protection is missing\n", kind);
	return -EFAULT;
}

struct crash_call {
	const char *kind;
	int err;
};

/* Runs on the chosen CPU, interrupts off (a cross-CPU call). */
static void crash_on_this_cpu(void *info)
{
	struct crash_call *call = info;

	pr_emerg("crash: on CPU %d\n", smp_processor_id());
	call->err = crash_trigger(call->kind);
}

/* crash_trigger_on - see crash.h. */
int crash_trigger_on(const char *kind, int cpu)
{
	struct crash_call call = { kind, 0 };
	int err;

	if (cpu == smp_processor_id())
		return crash_trigger(kind);
	err = smp_call_function_single(cpu, crash_on_this_cpu, &call, true);
	return err ? err : call.err;
}

static char crash_kind[16];
static int crash_cpu = -1;		/* -1: the CPU that runs the boot */

/* crash=KIND[,CPU]: fault on purpose at the end of boot (crash_boot_check()). */
static int early_crash(char *arg)
{
	char *comma, *end;
	unsigned long cpu;

	if (!arg || !*arg)
		return -EINVAL;
	snprintf(crash_kind, sizeof(crash_kind), "%s", arg);
	comma = strchr(crash_kind, ',');
	if (comma) {
		*comma = '\0';
		cpu = strtoul(comma + 1, &end, 10);
		if (end == comma + 1 || *end || cpu >= NR_CPUS) {
			crash_kind[0] = '\0';
			return -EINVAL;
		}
		crash_cpu = (int)cpu;
	}
	return 0;
}
early_param("crash", early_crash);

/* crash_boot_check - see crash.h. */
void crash_boot_check(void)
{
	int err, cpu;

	if (!crash_kind[0])
		return;
	cpu = crash_cpu < 0 ? smp_processor_id() : crash_cpu;
	if (crash_cpu < 0)
		pr_notice("crash: crash=%s on the command line: faulting on purpose\n",
			  crash_kind);
	else
		pr_notice("crash: crash=%s,%d on the command line: faulting on purpose on CPU %d\n",
			  crash_kind, crash_cpu, crash_cpu);
	err = crash_trigger_on(crash_kind, cpu);
	if (err == -EINVAL)
		pr_err("crash: crash=%s: unknown kind; the kinds are: " CRASH_KINDS "\n",
		       crash_kind);
	else if (err == -ENXIO)
		pr_err("crash: crash=%s,%d: CPU %d is not online (%u online)\n",
		       crash_kind, crash_cpu, crash_cpu, num_online_cpus());
}
