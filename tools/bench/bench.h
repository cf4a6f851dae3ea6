/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the benchmark programs (arbor_bench.c, peer_bench.c):
 * a clock, the result format, a random number generator, a spinning
 * barrier and thread pinning.  Header-only; C library only.
 *
 * Output: one line per measurement, which tools/bench/run-bench collects
 * over the rounds of a run (each program invocation is one round):
 *
 *   R <benchmark> <implementation> <value> <unit>
 *   I <key> <text...>                          (facts, printed once)
 *
 *   R page.pair.o0.pcp arbor 24.31 ns/op
 *   R page.pair.o0 jemalloc 19.02 ns/op
 */
#ifndef _TOOLS_BENCH_BENCH_H
#define _TOOLS_BENCH_BENCH_H

#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Nanoseconds of the monotonic clock. */
static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The implementation name every result line carries ("arbor", "glibc"...). */
extern const char *bench_impl;

static inline void bench_result(const char *name, double value, const char *unit)
{
	printf("R %s %s %.6g %s\n", name, bench_impl, value, unit);
}

/* A result under another implementation name (the floors). */
static inline void bench_result_as(const char *name, const char *impl,
				   double value, const char *unit)
{
	printf("R %s %s %.6g %s\n", name, impl, value, unit);
}

/* xorshift64*: fast, seedable, good enough to pick sizes and slots. */
struct bench_rng {
	uint64_t s;
};

static inline void bench_rng_seed(struct bench_rng *r, uint64_t seed)
{
	r->s = seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
	if (!r->s)
		r->s = 1;
}

static inline uint32_t bench_rand(struct bench_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545f4914f6cdd1dULL) >> 32);
}

/* Uniform in [0, n). */
static inline uint32_t bench_rand_below(struct bench_rng *r, uint32_t n)
{
	return (uint32_t)(((uint64_t)bench_rand(r) * n) >> 32);
}

/* A spin-wait hint (x86's pause; a compiler barrier elsewhere). */
static inline void bench_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

/*
 * A barrier that spins: the benchmark threads own a core each, and a
 * futex wake-up (tens of microseconds on a virtual machine) would be
 * measured instead of the allocator.
 */
struct bench_barrier {
	unsigned int count;
	unsigned int waiting;
	unsigned int generation;
};

static inline void bench_barrier_init(struct bench_barrier *b, unsigned int count)
{
	b->count = count;
	b->waiting = 0;
	b->generation = 0;
}

static inline void bench_barrier_wait(struct bench_barrier *b)
{
	unsigned int gen = __atomic_load_n(&b->generation, __ATOMIC_ACQUIRE);

	if (__atomic_add_fetch(&b->waiting, 1, __ATOMIC_ACQ_REL) == b->count) {
		__atomic_store_n(&b->waiting, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&b->generation, gen + 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&b->generation, __ATOMIC_ACQUIRE) == gen)
		bench_relax();
}

/* Pin the calling thread to @cpu (modulo the CPUs we may use). */
static inline void bench_pin(int cpu)
{
	cpu_set_t allowed, one;
	int n = 0, i;

	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		return;
	for (i = 0; i < CPU_SETSIZE; i++) {
		if (!CPU_ISSET(i, &allowed))
			continue;
		if (n++ == cpu % CPU_COUNT(&allowed)) {
			CPU_ZERO(&one);
			CPU_SET(i, &one);
			pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
			return;
		}
	}
}

/* Keep the compiler from dropping a value it thinks unused. */
static inline void bench_keep(void *p)
{
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

#endif /* _TOOLS_BENCH_BENCH_H */
