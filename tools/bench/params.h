/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes and counts of every benchmark, shared by Arbor's program and the
 * peers' so both run exactly the same work.  Chosen so that one round of
 * everything takes a few seconds on a 2-core machine (make bench: about
 * ten minutes at most) and each timed loop runs for milliseconds, far
 * above the clock's resolution.
 */
#ifndef _TOOLS_BENCH_PARAMS_H
#define _TOOLS_BENCH_PARAMS_H

/* Page allocator: pairs of one block, per order. */
static const unsigned int bp_pair_orders[] = { 0, 1, 2, 3, 4, 9, 10 };
#define BP_PAIR_ITERS		200000L
#define BP_PAIR_ITERS_HIGH	20000L		/* orders >= 9 */

/* Batches: alloc N single pages then free them, ~BP_BATCH_TOTAL pages. */
static const long bp_batch_sizes[] = { 1, 4, 16, 64, 256, 1024, 4096, 16384 };
#define BP_BATCH_TOTAL		262144L

/* Random-order churn around BP_CHURN_LIVE live blocks. */
#define BP_CHURN_LIVE		2000L
#define BP_CHURN_STEPS		200000L

/* Order-0 pairs on 1 and 2 threads. */
#define BP_MT_ITERS		400000L

/* kmalloc/malloc pairs, per size. */
static const unsigned int bs_pair_sizes[] = { 16, 64, 256, 1024 };
#define BS_PAIR_ITERS		1000000L

/* Objects of 64 bytes: alloc N then free N, ~BS_BATCH_TOTAL objects. */
#define BS_BATCH_SIZE		64
static const long bs_batch_counts[] = { 64, 1024, 16384 };
#define BS_BATCH_TOTAL		1048576L

/* Bulk vs single calls on a 64-byte cache, N objects at a time. */
static const long bs_bulk_counts[] = { 8, 16, 32, 64, 128 };
#define BS_BULK_TOTAL		1048576L

/* sh6bench-like size mix: sizes 1..1000 bytes. */
#define BS_SH6_COUNT		20000L
#define BS_SH6_ROUNDS		20L
#define BS_SH6_MIN		1
#define BS_SH6_MAX		1000
/* ... and its memory measurement (every byte written, one round). */
#define BS_SH6_MEM_COUNT	100000L

/* larson-like remote frees: 2 threads, sizes 16..512 bytes. */
#define BS_LARSON_THREADS	2
#define BS_LARSON_SLOTS		4096L
#define BS_LARSON_ROUNDS	200L
#define BS_LARSON_MIN		16
#define BS_LARSON_MAX		512

/* Iterations of the loops whose instructions callgrind counts. */
#define BENCH_IR_ITERS		100000L

#define BENCH_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* _TOOLS_BENCH_PARAMS_H */
