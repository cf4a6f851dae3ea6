/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Several CPUs: which are online, and how one CPU asks others to run a
 * function (Linux's smp_call_function() family).  The generic part lives
 * in src/smp.c; an arch brings CPUs up (arch_smp_boot(), setup.h), marks
 * them online, delivers the inter-processor interrupt
 * (arch_send_call_function_ipi_mask()) and calls
 * generic_smp_call_function_interrupt() when one arrives.
 *
 *   CPU 0                                  CPU 2 (idle: wfi, interrupts on)
 *   smp_call_function(fn, arg, 1)
 *     queue {fn, arg, &pending} on CPU 2
 *     arch_send_call_function_ipi_mask ---> software interrupt
 *     wait for pending == 0,                 generic_smp_call_function_interrupt
 *     running CPU 0's own queue meanwhile      fn(arg); pending--
 *
 * Rules:
 *  - Never wait for a call (wait = true) while holding a spinlock: the
 *    target may be spinning on that lock with interrupts off and never
 *    see the interrupt.  Waiting with interrupts off is allowed: the
 *    waiter runs its own queue while it waits, so two CPUs calling each
 *    other cannot deadlock.
 *  - @fn runs with interrupts off, on the target's stack; it may take
 *    spinlocks (with the usual irqsave), allocate and free.  It may wait
 *    for a call of its own (a GFP_KERNEL allocation that fails asks
 *    every CPU to drain its page lists) when it holds no spinlock; the
 *    calls queued for its CPU then run nested, inside that wait.
 *  - With wait = false, @info must stay valid until @fn has run.
 *  - A CPU that runs with interrupts off for a long time (the boot CPU
 *    runs the kernel that way) serves its queue only when it polls:
 *    smp_idle_poll() in its waiting loops (the monitor's console poll).
 *
 * CPU masks are unsigned long bitmaps: NR_CPUS is at most BITS_PER_LONG.
 */
#ifndef _KERNEL_SMP_H
#define _KERNEL_SMP_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <asm/cpu.h>

_Static_assert(NR_CPUS <= 8 * sizeof(unsigned long),
	       "CPU masks are one unsigned long");

typedef void (*smp_call_func_t)(void *info);

/* Bit n set: logical CPU n runs and serves cross-CPU calls. */
extern unsigned long cpu_online_mask;

static inline bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS &&
	       (__atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE) >> cpu) & 1;
}

#define for_each_cpu_in(cpu, mask)					\
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)			\
		if (!(((mask) >> (cpu)) & 1)) {} else

#define for_each_online_cpu(cpu)					\
	for_each_cpu_in(cpu, __atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE))

/*
 * The CPUs that are not online, the caller's excepted.  Nothing runs on
 * them (a host test may play them all from one thread), so a caller that
 * had the online CPUs give back their per-CPU caches with on_each_cpu()
 * empties these itself, as Linux's CPU-dead callbacks do.
 */
#define for_each_other_offline_cpu(cpu)					\
	for_each_cpu_in(cpu, ~(__atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE) | \
			       1UL << smp_processor_id()))

static inline int smp_processor_id(void)
{
	return arch_cpu_id();
}

/*
 * num_online_cpus - how many CPUs are online (at least 1 once the arch
 * has marked the boot CPU; 0 only in a host program that never did).
 */
unsigned int num_online_cpus(void);

/*
 * set_cpu_online - mark @cpu online (it is ready for calls: its queue is
 * set up and it takes the IPI) or offline.  Arch bring-up code only.
 */
void set_cpu_online(unsigned int cpu, bool online);

/*
 * smp_call_function_many - run @fn(@info) on every online CPU in @mask
 * except the caller.  With @wait, return after all of them have finished.
 * Returns the number of CPUs asked.
 */
unsigned int smp_call_function_many(unsigned long mask, smp_call_func_t fn,
				    void *info, bool wait);

/*
 * smp_call_function - run @fn(@info) on every other online CPU; with @wait
 * return when they have all finished.  Returns the number of CPUs asked.
 */
unsigned int smp_call_function(smp_call_func_t fn, void *info, bool wait);

/*
 * smp_call_function_single - run @fn(@info) on CPU @cpu (directly if it is
 * the caller).  Returns 0, or -ENXIO if @cpu is not online.
 */
int smp_call_function_single(int cpu, smp_call_func_t fn, void *info, bool wait);

/*
 * on_each_cpu - run @fn(@info) on every online CPU and on the caller (with
 * interrupts off there too), the others first so they run in parallel.
 */
void on_each_cpu(smp_call_func_t fn, void *info, bool wait);

/*
 * generic_smp_call_function_interrupt - run every call queued for this
 * CPU.  The arch's IPI handler calls it (after acknowledging the
 * interrupt); so do waiting loops.  Interrupts off.
 */
void generic_smp_call_function_interrupt(void);

/*
 * smp_idle_poll - serve the calls queued for this CPU.  For loops that
 * wait with interrupts off (the monitor waiting for a key), so other CPUs
 * waiting for this one make progress.  Cheap when nothing is queued.
 */
void smp_idle_poll(void);

/* ---- provided by the arch ---- */

/* Interrupt every CPU in @mask (online, not the caller) to run its queue. */
void arch_send_call_function_ipi_mask(unsigned long mask);

#endif /* _KERNEL_SMP_H */
