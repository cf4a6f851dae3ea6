// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smp_bench: how the allocators' per-CPU fast paths hold up with several
 * CPUs allocating at once, in operations per million guest instructions.
 *
 *   test   one operation                               fast path
 *   page   alloc_page() + __free_page(), 16 at a time   per-CPU page lists
 *   slab   kmem_cache_alloc() + kmem_cache_free() of a   the CPU's active
 *          64-byte cache, 16 at a time                   slab
 *
 * Each test runs on 1, 2 and 4 CPUs (CPU 0 and the next online ones), a
 * warm-up of an eighth, then @ops operations on every CPU.  CPU 0 starts
 * the others with a cross-CPU call that does not wait, runs its share,
 * then sleeps (arch_cpu_idle_wait) until each has finished and woken it
 * with a call of its own.
 *
 * Measuring: guest time from before the start to after the last CPU is
 * done (arch_clock_ns).  Under QEMU's -icount shift=0,sleep=off a guest
 * nanosecond is one executed instruction, and with -smp > 1 QEMU runs the
 * harts round-robin in one host thread, so that span is the sum of the
 * instructions every participating hart executed; idle harts sleep in wfi
 * and add nothing.  ops / (span / 10^6) is therefore a count of work per
 * instruction spent by all harts together: flat across 1, 2 and 4 CPUs
 * when the paths scale, lower when CPUs spin on each other's locks.  It is
 * not a speed-up (round-robin runs one hart at a time) and it is
 * deterministic run to run.  docs/benchmarks-smp.md has numbers.
 *
 * Locking: none of its own; the per-CPU scratch arrays are touched only by
 * their CPU inside the call.
 */
#include <kernel/smp_bench.h>
#include <kernel/smp.h>
#include <kernel/percpu.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/mmzone.h>

#define BENCH_BATCH	16

enum { BENCH_PAGE, BENCH_SLAB, NR_BENCH_TESTS };

static const char *const bench_names[NR_BENCH_TESTS] = { "page", "slab" };

struct bench_cpu {
	void *obj[BENCH_BATCH];
	unsigned long failed;
};

static DEFINE_PER_CPU(struct bench_cpu, bench_cpu);

struct bench_job {
	int test;
	unsigned long ops;		/* per CPU */
	int initiator;
	unsigned int done;		/* other CPUs finished */
	struct kmem_cache *cache;
};

/* @j->ops operations of @j->test on this CPU, interrupts off. */
static void bench_loop(struct bench_job *j)
{
	struct bench_cpu *c = this_cpu_ptr(bench_cpu);
	unsigned long i;
	unsigned int k, n;

	for (i = 0; i < j->ops; i += n) {
		n = min_t(unsigned long, BENCH_BATCH, j->ops - i);
		if (j->test == BENCH_PAGE) {
			for (k = 0; k < n; k++)
				c->obj[k] = alloc_page(GFP_KERNEL | __GFP_NOWARN);
			for (k = 0; k < n; k++) {
				if (c->obj[k])
					__free_page(c->obj[k]);
				else
					c->failed++;
			}
		} else {
			for (k = 0; k < n; k++)
				c->obj[k] = kmem_cache_alloc(j->cache,
							     GFP_KERNEL | __GFP_NOWARN);
			for (k = 0; k < n; k++) {
				if (c->obj[k])
					kmem_cache_free(j->cache, c->obj[k]);
				else
					c->failed++;
			}
		}
	}
}

static void bench_wake(void *info)
{
	(void)info;
}

/* On the other CPUs: run, count ourselves done, wake the initiator. */
static void bench_remote(void *info)
{
	struct bench_job *j = info;

	bench_loop(j);
	__atomic_add_fetch(&j->done, 1, __ATOMIC_RELEASE);
	smp_call_function_single(j->initiator, bench_wake, NULL, false);
}

/* One run on CPU 0 and the CPUs of @others; the guest ns it took. */
static u64 bench_once(struct bench_job *j, unsigned long others,
		      unsigned int nothers)
{
	unsigned long flags;
	u64 t0, t1;

	j->done = 0;
	t0 = arch_clock_ns();
	if (others)
		smp_call_function_many(others, bench_remote, j, false);
	flags = arch_local_irq_save();
	bench_loop(j);
	arch_local_irq_restore(flags);
	for (;;) {
		smp_idle_poll();
		if (__atomic_load_n(&j->done, __ATOMIC_ACQUIRE) >= nothers)
			break;
		arch_cpu_idle_wait();	/* an idle hart executes nothing */
	}
	t1 = arch_clock_ns();
	return t1 - t0;
}

/* "12345.6" from a value in tenths. */
static void fmt_tenths(char *buf, size_t size, u64 tenths)
{
	snprintf(buf, size, "%llu.%llu", (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10));
}

/* smp_bench_run - see smp_bench.h. */
int smp_bench_run(unsigned long ops, struct smp_bench_result *res,
		  unsigned int max)
{
	static const unsigned int cpu_counts[] = { 1, 2, 4 };
	unsigned int rows = 0, online = 0, cpu, i;
	int me = smp_processor_id(), test;
	unsigned long others_all;
	struct kmem_cache *cache;
	struct bench_job job;

	cache = kmem_cache_create("smp-bench-64", 64, 0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	others_all = __atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE) & ~(1UL << me);
	for_each_cpu_in(cpu, others_all)
		online++;
	online++;

	pr_info("smp_bench: %u CPU%s online; %lu operations per CPU and test (16 allocations, then 16 frees)\n",
		online, online > 1 ? "s" : "", ops);
	pr_info("smp_bench: under -icount shift=0 a guest ns is one instruction, summed over all harts\n");
	pr_info("smp_bench: %-5s %4s %9s %10s %13s %10s %9s %6s\n", "test", "cpus",
		"ops/cpu", "ops", "instructions", "ops/Minsn", "insns/op", "failed");
	for (test = 0; test < NR_BENCH_TESTS; test++) {
		for (i = 0; i < ARRAY_SIZE(cpu_counts); i++) {
			unsigned int n = cpu_counts[i], picked = 0;
			unsigned long others = 0, failed = 0, total;
			char rate[24], per[24];
			u64 ns;

			if (n > online)
				break;
			for_each_cpu_in(cpu, others_all) {
				if (picked + 1 >= n)
					break;
				others |= 1UL << cpu;
				picked++;
			}
			for_each_cpu_in(cpu, others | 1UL << me)
				per_cpu(bench_cpu, cpu).failed = 0;
			job = (struct bench_job){ .test = test, .ops = ops / 8 + 1,
						  .initiator = me, .cache = cache };
			bench_once(&job, others, picked);		/* warm-up */
			job.ops = ops;
			ns = bench_once(&job, others, picked);
			for_each_cpu_in(cpu, others | 1UL << me)
				failed += per_cpu(bench_cpu, cpu).failed;
			total = ops * n;
			fmt_tenths(rate, sizeof(rate), ns ? (u64)total * 10000000ULL / ns : 0);
			fmt_tenths(per, sizeof(per), total ? ns * 10 / total : 0);
			pr_info("smp_bench: %-5s %4u %9lu %10lu %13llu %10s %9s %6lu\n",
				bench_names[test], n, ops, total,
				(unsigned long long)ns, rate, per, failed);
			if (rows < max)
				res[rows] = (struct smp_bench_result){
					.test = bench_names[test], .cpus = n,
					.ops = total, .ns = ns, .failed = failed,
				};
			rows++;
		}
	}
	kmem_cache_destroy(cache);
	drain_all_pages(NULL);
	return (int)min(rows, max);
}
