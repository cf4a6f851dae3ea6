// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * peer_bench: the patterns of tools/bench/traces.h on malloc/free, for
 * comparison with Arbor.  One source, linked once per allocator (see
 * mk/bench.mk): build/bench/peer-glibc, -jemalloc, -tcmalloc, -mimalloc.
 * Pages are malloc(4096 << order), objects malloc(size).
 *
 *   peer-NAME GROUP...      GROUP: info page slab mem ir=page ir=obj64
 *
 * Each invocation is one round; tools/bench/run-bench runs the rounds
 * and interleaves them with Arbor's.  The program checks (dladdr) which
 * library really provides malloc and prints it, so a mislinked peer
 * cannot pass for another.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>

#include "bench.h"

const char *bench_impl = "peer";

static void *tr_page_alloc(unsigned int order)
{
	return malloc(4096UL << order);
}

static void tr_page_free(void *p, unsigned int order)
{
	(void)order;
	free(p);
}

static void *tr_obj_alloc(size_t size)
{
	return malloc(size);
}

static void tr_obj_free(void *p, size_t size)
{
	(void)size;
	free(p);
}

static void tr_thread_enter(int cpu)
{
	(void)cpu;
}

/* Resident set size in bytes (/proc/self/statm, second field). */
static size_t tr_mem_held(void)
{
	unsigned long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (size_t)sysconf(_SC_PAGESIZE);
}

#include "traces.h"
#include "params.h"

static void group_info(void)
{
	Dl_info info;
	void *(*volatile fn)(size_t) = malloc;

	if (dladdr((void *)fn, &info) && info.dli_fname)
		printf("I malloc.%s %s\n", bench_impl, info.dli_fname);
	else
		printf("I malloc.%s unknown\n", bench_impl);
}

static void group_page(void)
{
	char name[64];
	size_t i;

	for (i = 0; i < BENCH_ARRAY_SIZE(bp_pair_orders); i++) {
		unsigned int o = bp_pair_orders[i];

		snprintf(name, sizeof(name), "page.pair.o%u", o);
		bench_result(name, tr_page_pairs(o, o >= 9 ? BP_PAIR_ITERS_HIGH
							   : BP_PAIR_ITERS), "ns/op");
	}
	for (i = 0; i < BENCH_ARRAY_SIZE(bp_batch_sizes); i++) {
		double a, f;

		tr_page_batch(bp_batch_sizes[i], BP_BATCH_TOTAL, &a, &f);
		snprintf(name, sizeof(name), "page.batch.%ld.alloc", bp_batch_sizes[i]);
		bench_result(name, a, "ns/page");
		snprintf(name, sizeof(name), "page.batch.%ld.free", bp_batch_sizes[i]);
		bench_result(name, f, "ns/page");
	}
	bench_result("page.churn", tr_page_churn(1, BP_CHURN_LIVE, BP_CHURN_STEPS), "ns/op");
	bench_result("page.mt.1", tr_page_pairs_mt(1, 0, BP_MT_ITERS), "ns/op");
	bench_result("page.mt.2", tr_page_pairs_mt(2, 0, BP_MT_ITERS), "ns/op");
}

static void group_slab(void)
{
	char name[64];
	size_t i;

	for (i = 0; i < BENCH_ARRAY_SIZE(bs_pair_sizes); i++) {
		snprintf(name, sizeof(name), "slab.pair.%u", bs_pair_sizes[i]);
		bench_result(name, tr_obj_pairs(bs_pair_sizes[i], BS_PAIR_ITERS), "ns/op");
	}
	for (i = 0; i < BENCH_ARRAY_SIZE(bs_batch_counts); i++) {
		double a, f;

		tr_obj_batch(BS_BATCH_SIZE, bs_batch_counts[i], BS_BATCH_TOTAL, &a, &f);
		snprintf(name, sizeof(name), "slab.batch.%ld.alloc", bs_batch_counts[i]);
		bench_result(name, a, "ns/obj");
		snprintf(name, sizeof(name), "slab.batch.%ld.free", bs_batch_counts[i]);
		bench_result(name, f, "ns/obj");
	}
	/* The "single calls" side of the bulk benchmark. */
	for (i = 0; i < BENCH_ARRAY_SIZE(bs_bulk_counts); i++) {
		double a, f;

		tr_obj_batch(BS_BATCH_SIZE, bs_bulk_counts[i], BS_BULK_TOTAL, &a, &f);
		snprintf(name, sizeof(name), "slab.bulk.%ld", bs_bulk_counts[i]);
		bench_result(name, a + f, "ns/obj");
	}
	bench_result("slab.sh6", tr_sh6(BS_SH6_COUNT, BS_SH6_ROUNDS, BS_SH6_MIN,
					 BS_SH6_MAX, false, NULL, NULL), "ns/op");
	/* One thread, every free local: the reference for the remote frees. */
	bench_result("slab.larson.1", tr_larson(1, BS_LARSON_SLOTS, BS_LARSON_ROUNDS,
						BS_LARSON_MIN, BS_LARSON_MAX, 7), "ns/op");
	bench_result("slab.larson", tr_larson(BS_LARSON_THREADS, BS_LARSON_SLOTS,
					      BS_LARSON_ROUNDS, BS_LARSON_MIN,
					      BS_LARSON_MAX, 7), "ns/op");
}

/* Memory per requested byte of the sh6 mix: run first in its process. */
static void group_mem(void)
{
	size_t req = 0, held = 0;

	tr_sh6(BS_SH6_MEM_COUNT, 1, BS_SH6_MIN, BS_SH6_MAX, true, &req, &held);
	bench_result("slab.sh6.mem", (double)held / (double)req, "B/B");
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	const char *prog = slash ? slash + 1 : argv[0];
	int i;

	/* build/bench/peer-NAME: the implementation is NAME. */
	bench_impl = strncmp(prog, "peer-", 5) ? prog : prog + 5;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "info"))
			group_info();
		else if (!strcmp(argv[i], "page"))
			group_page();
		else if (!strcmp(argv[i], "slab"))
			group_slab();
		else if (!strcmp(argv[i], "mem"))
			group_mem();
		else if (!strncmp(argv[i], "ir=", 3) && tr_count_loop(argv[i] + 3, BENCH_IR_ITERS))
			continue;
		else {
			fprintf(stderr, "usage: %s [info] [page] [slab] [mem] [ir=page|obj64]\n",
				prog);
			return 2;
		}
	}
	return 0;
}
