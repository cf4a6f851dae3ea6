// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smp_bench as a ktest suite: ktest=smp_bench runs the SMP benchmark
 * (src/smp_bench.c) on 1, 2 and 4 CPUs and prints its table; the case
 * passes if every row ran without a failed allocation and every page came
 * back.  smp_bench.ops=N sets the operations per CPU and test (default
 * 100000; under -icount shift=0 the table is exact and repeatable).  On
 * the host (tests/host/smp_stress_host_test.c sets the machine and a small
 * count) the guest clock reads 0: only the mechanics are tested.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/cmdline.h>
#include <kernel/string.h>
#include <kernel/smp.h>
#include <kernel/smp_bench.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/slab.h>

/* Set by the host harness (a machine with CPU threads); NULL in the kernel. */
void (*smp_bench_machine_setup)(void);
void (*smp_bench_machine_teardown)(void);

unsigned long smp_bench_ops = 100000;

static int early_smp_bench_ops(char *arg)
{
	if (!arg)
		return -1;
	smp_bench_ops = strtoul(arg, NULL, 0);
	return 0;
}
early_param("smp_bench.ops", early_smp_bench_ops);

static unsigned long sb_free;

static void smp_bench_init(struct ktest_ctx *t)
{
	if (smp_bench_machine_setup)
		smp_bench_machine_setup();
	if (!slab_is_available()) {
		t->skip = "no slab";
		return;
	}
	kmem_cache_shrink_all();
	drain_all_pages(NULL);
	sb_free = nr_free_pages();
}

static void smp_bench_exit(struct ktest_ctx *t)
{
	if (!t->skip) {
		kmem_cache_shrink_all();
		drain_all_pages(NULL);
		KT_EXPECT_EQ(t, nr_free_pages(), sb_free);
		KT_EXPECT_SEQ(t, buddy_check(), 0);
		KT_EXPECT_SEQ(t, slab_check_all(), 0);
	}
	if (smp_bench_machine_teardown)
		smp_bench_machine_teardown();
}

KTEST_SUITE(smp_bench, smp_bench_init, smp_bench_exit);

KTEST(smp_bench, table)
{
	struct smp_bench_result r[8];
	unsigned int online = num_online_cpus(), want = 0;
	int rows, i;

	for (unsigned int n = 1; n <= 4; n *= 2)
		want += n <= (online ? online : 1);
	rows = smp_bench_run(smp_bench_ops, r, ARRAY_SIZE(r));
	KT_ASSERT_SEQ(t, rows, (int)(2 * want));
	for (i = 0; i < rows; i++) {
		KT_EXPECT_EQ(t, r[i].failed, 0);
		KT_EXPECT_EQ(t, r[i].ops, (unsigned long)r[i].cpus * smp_bench_ops);
	}
}
