/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host "arch": CPU identity and interrupt control.  Each host thread that
 * runs kernel code plays one CPU; host_set_cpu() names it.
 */
#ifndef _ASM_HOST_CPU_H
#define _ASM_HOST_CPU_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define NR_CPUS 8

extern __thread int host_cpu_id;

static inline int arch_cpu_id(void)
{
	return host_cpu_id;
}

static inline unsigned long arch_local_irq_save(void)
{
	return 0;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	(void)flags;
}

/*
 * Host threads playing CPUs may outnumber the real cores: yield, so a
 * spinning waiter does not starve a preempted lock holder.
 */
void host_cpu_relax(void);
static inline void arch_cpu_relax(void)
{
	host_cpu_relax();
}

/* Wait for another CPU's cross-CPU call: let the other threads run. */
static inline void arch_cpu_idle_wait(void)
{
	host_cpu_relax();
}

/* Nanoseconds since boot; the host reports 0 so logs are reproducible. */
static inline u64 arch_clock_ns(void)
{
	return 0;
}

/* End the program with @status (0 = success). */
void arch_poweroff(int status) __noreturn;
void arch_halt(void) __noreturn;

#endif /* _ASM_HOST_CPU_H */
