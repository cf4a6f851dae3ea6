/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Faults on purpose, and the reports trap handlers print for kernel
 * faults (src/crash.c).
 *
 * The kernel's memory protections are only worth what a test of them
 * shows, so each can be broken on demand, from the `mm> crash KIND`
 * monitor command or with `crash=KIND` on the command line (after the
 * self-tests, before the monitor), on the CPU running them or, given a
 * CPU number (`crash KIND CPU`, `crash=KIND,CPU`), on that CPU through a
 * cross-CPU call, so that each CPU's own stack and guard page are tried:
 *
 *   KIND     does                                    expected report
 *   text     writes to its own code                  write to read-only memory (.text)
 *   rodata   writes to a constant                    write to read-only memory (.rodata)
 *   null     reads address 0                         NULL pointer dereference
 *   stack    recurses until the stack's guard page   Kernel stack overflow on CPU N ...
 *   guard    writes past a one-page vmalloc area     ... the guard page of a vmalloc area
 *
 * Every one ends in a panic (QEMU exits non-zero); a kind that returns
 * found the protection missing.
 *
 * The report helpers keep the wording identical on every architecture:
 *
 *   Unable to handle kernel write to read-only memory at virtual address 0xffffffff80012000
 *     in the kernel image's .rodata section [0xffffffff80012000-0xffffffff80018fff], mapped r--
 *     pc 0xffffffff80003a10 in .text
 *   Unable to handle kernel NULL pointer dereference at virtual address 0x0000000000000000
 *   Kernel stack overflow on CPU 0 (hart 0): sp 0xffffffff80a1bfa0 in the guard page below 0xffffffff80a1c000
 */
#ifndef _KERNEL_CRASH_H
#define _KERNEL_CRASH_H

#include <kernel/types.h>

/* The kinds crash_trigger() knows, for help texts. */
#define CRASH_KINDS	"text rodata null stack guard"

/*
 * crash_trigger - make the kernel fault on purpose as @kind says (the
 * table above).  Does not return when the protection works: the fault
 * panics.  Returns -EINVAL for an unknown @kind, -ENOMEM if `guard`
 * could not allocate its area, and -EFAULT if the access went through
 * (the protection is missing; printed as an error too).
 */
int crash_trigger(const char *kind);

/*
 * crash_trigger_on - crash_trigger(@kind) on CPU @cpu: directly if it is
 * the caller, otherwise through smp_call_function_single(), waiting for
 * the other CPU (whose fault panics the machine).  Returns what
 * crash_trigger() returned there, or -ENXIO if @cpu is not online.
 */
int crash_trigger_on(const char *kind, int cpu);

/*
 * crash_boot_check - if the command line said crash=KIND[,CPU], do it
 * now.
 * start_kernel calls this once, after the self-tests.  Returns (after an
 * error message) for an unknown kind or a protection that is missing.
 */
void crash_boot_check(void);

/* What a faulting access tried to do. */
enum fault_access {
	FAULT_ACCESS_READ,
	FAULT_ACCESS_WRITE,
	FAULT_ACCESS_EXEC,
};

/*
 * kernel_section_name - the section of the kernel image that holds
 * virtual address @addr (".text", ".rodata", ".init", ".data", ".bss"),
 * or NULL outside the image.  *@start and *@end (optional) receive the
 * section's bounds, [start, end).
 */
const char *kernel_section_name(unsigned long addr, unsigned long *start,
				unsigned long *end);

/*
 * kernel_fault_report - print the first lines of an oops for a page fault
 * the kernel took at @addr, by the instruction at @pc, doing @access:
 * what kind of fault it was (NULL pointer dereference below PAGE_SIZE;
 * write to read-only memory or execute from non-executable memory when
 * the kernel page tables map @addr without that permission; otherwise a
 * paging request), the section of the image holding @addr, and the
 * section of @pc.  Returns the kind as a short phrase for the panic line.
 * Safe in a trap handler: takes no locks, allocates nothing.
 */
const char *kernel_fault_report(unsigned long addr, unsigned long pc,
				enum fault_access access);

/*
 * kernel_stack_overflow_report - print "Kernel stack overflow on CPU
 * @cpu (@hw @hwid): sp ... in the guard page below @stack_lo" (or how far
 * above @stack_lo sp still was, if the fault came before sp crossed it).
 * @hw names the hardware id ("hart", "APIC").
 */
void kernel_stack_overflow_report(unsigned int cpu, const char *hw,
				  unsigned long hwid, unsigned long sp,
				  unsigned long stack_lo);

#endif /* _KERNEL_CRASH_H */
