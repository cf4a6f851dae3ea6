// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * How a spinning CPU waits, in the benchmark build.
 *
 * The host harness's arch_cpu_relax() calls sched_yield() on every spin
 * (tests/host/host_arch.c): right for tests, whose threads may outnumber
 * the cores, but it turns every contended lock acquisition into system
 * calls, which a kernel never makes.  mk/bench.mk compiles host_arch.c
 * with -Dsched_yield=bench_sched_yield, so the benchmarks spin as a
 * kernel does: a pause instruction per spin, and a real yield only every
 * 256th spin (other programs share this machine's two cores; a preempted
 * lock holder must get to run).  bench_relax_yield = true restores the
 * harness's behaviour, to measure both.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdbool.h>

#include "bench.h"

bool bench_relax_yield;
/* Spins on contended locks since start (each is one relax call). */
unsigned long bench_spins;

int bench_sched_yield(void);

int bench_sched_yield(void)
{
	static __thread unsigned int spins;

	__atomic_add_fetch(&bench_spins, 1, __ATOMIC_RELAXED);
	if (bench_relax_yield || ++spins % 256 == 0)
		return sched_yield();
	bench_relax();
	return 0;
}
