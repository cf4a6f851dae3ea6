/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SMP scaling benchmark (src/smp_bench.c): page and slab alloc/free on
 * 1, 2 and 4 CPUs at once, in operations per million guest instructions
 * under QEMU's -icount shift=0 (docs/benchmarks-smp.md).  Boot with
 * ktest=smp_bench (smp_bench.ops=N per CPU and test, default 100000).
 */
#ifndef _KERNEL_SMP_BENCH_H
#define _KERNEL_SMP_BENCH_H

#include <kernel/types.h>

/* One row of the table: a test on @cpus CPUs. */
struct smp_bench_result {
	const char *test;		/* "page" or "slab" */
	unsigned int cpus;
	unsigned long ops;		/* alloc + free pairs, all CPUs */
	u64 ns;				/* guest time: instructions under icount */
	unsigned long failed;		/* allocations that returned NULL */
};

/*
 * smp_bench_run - run every test on 1, 2 and 4 CPUs (as many as are
 * online), @ops alloc/free pairs per CPU each after a warm-up, print the
 * table ("smp_bench: ..." lines) and fill @res (up to @max rows).
 * Returns the number of rows, or -ENOMEM if the benchmark's cache could
 * not be created.  Call with no lock held, from CPU 0, other CPUs idle.
 */
int smp_bench_run(unsigned long ops, struct smp_bench_result *res,
		  unsigned int max);

#endif /* _KERNEL_SMP_BENCH_H */
