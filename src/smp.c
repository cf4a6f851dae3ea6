// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Cross-CPU function calls: the generic half of Linux's
 * smp_call_function() (include/kernel/smp.h draws the exchange).
 *
 * What it owns
 *   cpu_online_mask, and one call queue per CPU: a ring of
 *   CALL_QUEUE_LEN requests {fn, info, pending}.  A caller puts a request
 *   on each target's ring, interrupts the targets through the arch
 *   (arch_send_call_function_ipi_mask), and, to wait, watches a counter
 *   on its own stack that every target decrements (release) after
 *   running fn.  Nothing is allocated, so calls work wherever the
 *   allocators are the thing being called about.
 *
 *   A full ring makes the caller wait for room, serving its own ring
 *   meanwhile; the waiter of a call does the same, sleeping in between
 *   until the last target's IPI (or a call of its own) wakes it.  So two
 *   CPUs that call each other (or fill each other's rings) always make
 *   progress, and a waiting hart executes nothing.
 *
 * Lock order
 *   local interrupts off
 *     queue->lock     one CPU's ring; held only to push or pop one entry,
 *                     never while fn runs
 *   No other lock is taken here.  Callers must not hold a spinlock while
 *   they wait for a call (see smp.h).
 */
#include <kernel/smp.h>
#include <kernel/percpu.h>
#include <kernel/spinlock.h>
#include <kernel/errno.h>

#define CALL_QUEUE_LEN	16

struct call_request {
	smp_call_func_t fn;
	void *info;
	unsigned int *pending;		/* caller's counter, or NULL */
	int caller;			/* woken when *pending reaches 0 */
};

struct call_queue {
	spinlock_t lock;
	unsigned int head, tail;	/* free-running; tail - head queued */
	struct call_request req[CALL_QUEUE_LEN];
};

static DEFINE_PER_CPU(struct call_queue, call_queue);

unsigned long cpu_online_mask;

/* num_online_cpus - see smp.h. */
unsigned int num_online_cpus(void)
{
	unsigned long mask = __atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE);
	unsigned int n = 0;

	for (; mask; mask &= mask - 1)
		n++;
	return n;
}

/* set_cpu_online - see smp.h. */
void set_cpu_online(unsigned int cpu, bool online)
{
	if (cpu >= NR_CPUS)
		return;
	if (online)
		__atomic_or_fetch(&cpu_online_mask, 1UL << cpu, __ATOMIC_RELEASE);
	else
		__atomic_and_fetch(&cpu_online_mask, ~(1UL << cpu), __ATOMIC_RELEASE);
}

/* Pop one request of this CPU's ring into *@r; false if it is empty. */
static bool pop_request(struct call_queue *q, struct call_request *r)
{
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&q->lock, flags);
	if (q->head != q->tail) {
		*r = q->req[q->head % CALL_QUEUE_LEN];
		/* Atomic: smp_idle_poll() peeks without the lock. */
		__atomic_store_n(&q->head, q->head + 1, __ATOMIC_RELAXED);
		got = true;
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return got;
}

/* generic_smp_call_function_interrupt - see smp.h. */
void generic_smp_call_function_interrupt(void)
{
	struct call_queue *q = this_cpu_ptr(call_queue);
	struct call_request r;
	unsigned long flags;

	flags = arch_local_irq_save();
	while (pop_request(q, &r)) {
		r.fn(r.info);
		/* The last target wakes the caller (after which *pending may
		 * be gone: the caller returns as soon as it sees 0). */
		if (r.pending && !__atomic_sub_fetch(r.pending, 1, __ATOMIC_RELEASE))
			arch_send_call_function_ipi_mask(1UL << r.caller);
	}
	arch_local_irq_restore(flags);
}

/* smp_idle_poll - see smp.h. */
void smp_idle_poll(void)
{
	struct call_queue *q = this_cpu_ptr(call_queue);

	if (__atomic_load_n(&q->tail, __ATOMIC_RELAXED) !=
	    __atomic_load_n(&q->head, __ATOMIC_RELAXED))
		generic_smp_call_function_interrupt();
}

/* Put a request on @cpu's ring, waiting (and serving ours) while it is full. */
static void push_request(unsigned int cpu, smp_call_func_t fn, void *info,
			 unsigned int *pending)
{
	struct call_queue *q = per_cpu_ptr(call_queue, cpu);
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&q->lock, flags);
		if (q->tail - q->head < CALL_QUEUE_LEN) {
			q->req[q->tail % CALL_QUEUE_LEN] =
				(struct call_request){ fn, info, pending,
						       smp_processor_id() };
			__atomic_store_n(&q->tail, q->tail + 1, __ATOMIC_RELEASE);
			spin_unlock_irqrestore(&q->lock, flags);
			return;
		}
		spin_unlock_irqrestore(&q->lock, flags);
		/* The target is busy: it may be waiting for us. */
		arch_send_call_function_ipi_mask(1UL << cpu);
		smp_idle_poll();
		arch_cpu_relax();
	}
}

/*
 * Wait until every target has run the call, serving our own ring.  The
 * CPU sleeps (arch_cpu_idle_wait) between looks: the last target's IPI
 * wakes it, as does any call queued for it.  Sleeping instead of spinning
 * matters under QEMU's round-robin -icount mode, where a spinning hart
 * keeps the harts it waits for from running.
 */
static void wait_for_calls(unsigned int *pending)
{
	for (;;) {
		smp_idle_poll();
		if (!__atomic_load_n(pending, __ATOMIC_ACQUIRE))
			return;
		arch_cpu_idle_wait();
	}
}

/* smp_call_function_many - see smp.h. */
unsigned int smp_call_function_many(unsigned long mask, smp_call_func_t fn,
				    void *info, bool wait)
{
	unsigned int cpu, n = 0, pending;

	mask &= __atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE);
	mask &= ~(1UL << smp_processor_id());
	if (!mask)
		return 0;
	for_each_cpu_in(cpu, mask)
		n++;
	pending = n;
	for_each_cpu_in(cpu, mask)
		push_request(cpu, fn, info, wait ? &pending : NULL);
	arch_send_call_function_ipi_mask(mask);
	if (wait)
		wait_for_calls(&pending);
	return n;
}

/* smp_call_function - see smp.h. */
unsigned int smp_call_function(smp_call_func_t fn, void *info, bool wait)
{
	return smp_call_function_many(~0UL, fn, info, wait);
}

/* smp_call_function_single - see smp.h. */
int smp_call_function_single(int cpu, smp_call_func_t fn, void *info, bool wait)
{
	unsigned long flags;

	if (cpu == smp_processor_id()) {
		flags = arch_local_irq_save();
		fn(info);
		arch_local_irq_restore(flags);
		return 0;
	}
	if (cpu < 0 || !cpu_online(cpu))
		return -ENXIO;
	smp_call_function_many(1UL << cpu, fn, info, wait);
	return 0;
}

/*
 * on_each_cpu - see smp.h.  The others are asked first without waiting,
 * the local call runs, then (with @wait) the others are waited for.
 */
void on_each_cpu(smp_call_func_t fn, void *info, bool wait)
{
	unsigned int cpu, n = 0, pending;
	unsigned long mask, flags;

	mask = __atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE) &
	       ~(1UL << smp_processor_id());
	for_each_cpu_in(cpu, mask)
		n++;
	pending = n;
	for_each_cpu_in(cpu, mask)
		push_request(cpu, fn, info, wait ? &pending : NULL);
	if (mask)
		arch_send_call_function_ipi_mask(mask);

	flags = arch_local_irq_save();
	fn(info);
	arch_local_irq_restore(flags);

	if (wait && n)
		wait_for_calls(&pending);
}
