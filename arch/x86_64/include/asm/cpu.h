/* SPDX-License-Identifier: GPL-2.0-or-later */
/* x86-64: CPU identity, interrupt masking, idling, time and power-off. */
#ifndef _ASM_X86_CPU_H
#define _ASM_X86_CPU_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define NR_CPUS 8

/*
 * Per-CPU data reached through the GS segment base (MSR_GS_BASE), as
 * Linux's per-CPU area: %gs:0 is the structure's own first field.
 * Logical CPU 0 is the boot CPU, whatever its APIC id.
 */
struct cpu_info {
	unsigned int cpu;		/* logical id, 0 = boot CPU */
	unsigned int apic_id;		/* initial APIC id (CPUID 1 EBX) */
};

static inline int arch_cpu_id(void)
{
	unsigned int cpu;

	__asm__ __volatile__("movl %%gs:0, %0" : "=r"(cpu));
	return (int)cpu;
}

#define X86_EFLAGS_IF	(1UL << 9)

/* Mask interrupts; returns the previous RFLAGS.IF. */
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags) :: "memory");
	return flags & X86_EFLAGS_IF;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		__asm__ __volatile__("sti" ::: "memory");
}

static inline void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/*
 * Wait for another CPU's cross-CPU call (see RISC-V's asm/cpu.h).  Only
 * the boot CPU runs on x86-64 and nothing can wake a hlt with interrupts
 * off, so this is a pause.
 */
static inline void arch_cpu_idle_wait(void)
{
	arch_cpu_relax();
}

/* Nanoseconds since the CPU was reset (the TSC; 0 until calibrated). */
u64 arch_clock_ns(void);

/*
 * Power off.  Status 0: ACPI S5 (QEMU exits with 0, as on RISC-V); any
 * other status s: QEMU's isa-debug-exit, so QEMU exits with (s << 1) | 1
 * (panic: 3).  See arch/x86_64/kernel/power.c.
 */
void arch_poweroff(int status) __noreturn;
/* Stop this CPU for good (interrupts off, hlt forever). */
void arch_halt(void) __noreturn;

#endif /* _ASM_X86_CPU_H */
