// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host "arch" SMP: POSIX threads play the secondary CPUs, so the generic
 * cross-CPU calls (src/smp.c) and everything built on them run here as
 * they do in the kernel, under ASan/UBSan or ThreadSanitizer.
 *
 *   main thread (host_cpu_id 0)          thread n (host_cpu_id n)
 *   host_smp_start(4) ------------------> set_cpu_online(n), then sleep
 *   smp_call_function(fn, arg, 1)          on its condition variable
 *     arch_send_call_function_ipi_mask --> "IPI": flag + signal
 *                                          generic_smp_call_function_interrupt
 *   host_smp_stop() --------------------> last queue run, offline, exit
 *
 * Until host_smp_start() no CPU is online (not even CPU 0), so suites
 * that play several CPUs from one thread by setting host_cpu_id see the
 * single-CPU behaviour: smp_call_function() has no target and
 * on_each_cpu() runs only the local call.
 *
 * Locking: each CPU's mutex guards its ipi and stop flags; the calls
 * themselves are src/smp.c's.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <kernel/smp.h>
#include <asm/cpu.h>
#include "host.h"

struct host_cpu {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool ipi, stop, running;
	int cpu;
};

static struct host_cpu host_cpus[NR_CPUS];

/* arch_send_call_function_ipi_mask - wake each CPU thread of @mask. */
void arch_send_call_function_ipi_mask(unsigned long mask)
{
	unsigned int cpu;

	for_each_cpu_in(cpu, mask) {
		struct host_cpu *c = &host_cpus[cpu];

		if (!__atomic_load_n(&c->running, __ATOMIC_ACQUIRE))
			continue;
		pthread_mutex_lock(&c->lock);
		c->ipi = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
	}
}

static void *host_cpu_main(void *arg)
{
	struct host_cpu *c = arg;

	host_cpu_id = c->cpu;
	set_cpu_online(c->cpu, true);
	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->ipi && !c->stop)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->ipi) {
			c->ipi = false;
			pthread_mutex_unlock(&c->lock);
			generic_smp_call_function_interrupt();
			pthread_mutex_lock(&c->lock);
			continue;
		}
		break;			/* stop, nothing pending */
	}
	pthread_mutex_unlock(&c->lock);
	set_cpu_online(c->cpu, false);
	generic_smp_call_function_interrupt();	/* anything that raced in */
	return NULL;
}

/*
 * host_smp_start - make CPUs 0 .. @ncpus - 1 online: the calling thread
 * becomes CPU 0, a new thread each of the others.  Returns once all are
 * online.  Aborts if a thread cannot be created.
 */
void host_smp_start(unsigned int ncpus)
{
	unsigned int cpu;

	if (ncpus > NR_CPUS)
		ncpus = NR_CPUS;
	host_cpu_id = 0;
	set_cpu_online(0, true);
	for (cpu = 1; cpu < ncpus; cpu++) {
		struct host_cpu *c = &host_cpus[cpu];

		c->cpu = (int)cpu;
		c->ipi = c->stop = false;
		pthread_mutex_init(&c->lock, NULL);
		pthread_cond_init(&c->wake, NULL);
		__atomic_store_n(&c->running, true, __ATOMIC_RELEASE);
		if (pthread_create(&c->thread, NULL, host_cpu_main, c)) {
			perror("host_smp_start: pthread_create");
			abort();
		}
	}
	while (num_online_cpus() < ncpus)
		host_cpu_relax();
}

/* host_smp_stop - end every CPU thread; no CPU is online afterwards. */
void host_smp_stop(void)
{
	unsigned int cpu;

	for (cpu = 1; cpu < NR_CPUS; cpu++) {
		struct host_cpu *c = &host_cpus[cpu];

		if (!__atomic_load_n(&c->running, __ATOMIC_ACQUIRE))
			continue;
		pthread_mutex_lock(&c->lock);
		c->stop = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
		pthread_join(c->thread, NULL);
		__atomic_store_n(&c->running, false, __ATOMIC_RELEASE);
		pthread_mutex_destroy(&c->lock);
		pthread_cond_destroy(&c->wake);
	}
	set_cpu_online(0, false);
}
