/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The allocation patterns every benchmark program runs, written once so
 * that Arbor and the peer allocators execute exactly the same loops.
 *
 * The including file first defines, as static functions:
 *
 *   void *tr_page_alloc(unsigned int order)   2^order pages (Arbor: a
 *   void tr_page_free(void *p, unsigned int order)   struct page *; the
 *                                             peers: malloc(4096 << order))
 *   void *tr_obj_alloc(size_t size)           kmalloc / malloc
 *   void tr_obj_free(void *p, size_t size)    kfree / free
 *   void tr_thread_enter(int cpu)             a new thread plays CPU @cpu
 *   size_t tr_mem_held(void)                  bytes the allocator holds
 *                                             (Arbor: slab pages; peers:
 *                                             resident set)
 *
 * and then includes this file.  Every pattern returns nanoseconds per
 * operation (or fills in per-phase figures) and aborts if an allocation
 * fails: a benchmark that silently measures failures is worse than none.
 */
#ifndef _TOOLS_BENCH_TRACES_H
#define _TOOLS_BENCH_TRACES_H

#include "bench.h"

static void *tr_page_alloc(unsigned int order);
static void tr_page_free(void *p, unsigned int order);
static void *tr_obj_alloc(size_t size);
static void tr_obj_free(void *p, size_t size);
static void tr_thread_enter(int cpu);
static size_t tr_mem_held(void);

static void tr_oom(const char *what, size_t arg)
{
	fprintf(stderr, "bench: %s: allocation failed (%zu)\n", what, arg);
	abort();
}

static void *tr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p)
		tr_oom("calloc", n * size);
	return p;
}

/* ---- pages ---- */

/* @iters alloc+free pairs of one 2^@order block: ns per pair. */
static double tr_page_pairs(unsigned int order, long iters)
{
	uint64_t t0, t1;
	long i;

	for (i = 0; i < iters / 10 + 1; i++) {
		void *p = tr_page_alloc(order);

		if (!p)
			tr_oom("page pair", order);
		tr_page_free(p, order);
	}
	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		void *p = tr_page_alloc(order);

		if (!p)
			tr_oom("page pair", order);
		bench_keep(p);
		tr_page_free(p, order);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / iters;
}

/*
 * Allocate @n single pages, then free them in the same order; repeated
 * until about @total pages went through.  ns per page of each phase.
 */
static void tr_page_batch(long n, long total, double *alloc_ns, double *free_ns)
{
	void **v = tr_xcalloc((size_t)n, sizeof(*v));
	long reps = total / n > 0 ? total / n : 1, r, i;
	uint64_t ta = 0, tf = 0, t0, t1, t2;

	for (r = -1; r < reps; r++) {	/* r == -1: warm-up */
		t0 = bench_now_ns();
		for (i = 0; i < n; i++) {
			v[i] = tr_page_alloc(0);
			if (!v[i])
				tr_oom("page batch", (size_t)n);
		}
		t1 = bench_now_ns();
		for (i = 0; i < n; i++)
			tr_page_free(v[i], 0);
		t2 = bench_now_ns();
		if (r >= 0) {
			ta += t1 - t0;
			tf += t2 - t1;
		}
	}
	*alloc_ns = (double)ta / ((double)reps * n);
	*free_ns = (double)tf / ((double)reps * n);
	free(v);
}

/* Order of a churn allocation: P(order = k) = 2^-(k+1), capped at 10. */
static unsigned int tr_churn_order(struct bench_rng *rng)
{
	uint32_t x = bench_rand(rng);
	unsigned int o = 0;

	while (o < 10 && (x & 1)) {
		o++;
		x >>= 1;
	}
	return o;
}

/*
 * Random-order churn: a pool of between @live / 2 and 2 * @live blocks
 * of random orders (half order 0, a quarter order 1, ... up to 10);
 * each step frees a random block or allocates a new one, with equal
 * chance.  ns per step (an alloc or a free).
 */
static double tr_page_churn(uint64_t seed, long live, long steps)
{
	struct { void *p; unsigned int order; } *pool;
	struct bench_rng rng;
	long n = 0, i, cap = 2 * live;
	uint64_t t0, t1;

	bench_rng_seed(&rng, seed);
	pool = tr_xcalloc((size_t)cap, sizeof(*pool));
	while (n < live) {
		pool[n].order = tr_churn_order(&rng);
		pool[n].p = tr_page_alloc(pool[n].order);
		if (!pool[n].p)
			tr_oom("churn fill", pool[n].order);
		n++;
	}
	t0 = bench_now_ns();
	for (i = 0; i < steps; i++) {
		bool alloc = n < live / 2 || (n < cap && (bench_rand(&rng) & 1));

		if (alloc) {
			pool[n].order = tr_churn_order(&rng);
			pool[n].p = tr_page_alloc(pool[n].order);
			if (!pool[n].p)
				tr_oom("churn", pool[n].order);
			n++;
		} else {
			long k = bench_rand_below(&rng, (uint32_t)n);

			tr_page_free(pool[k].p, pool[k].order);
			pool[k] = pool[--n];
		}
	}
	t1 = bench_now_ns();
	while (n > 0) {
		n--;
		tr_page_free(pool[n].p, pool[n].order);
	}
	free(pool);
	return (double)(t1 - t0) / steps;
}

/* ---- threads ---- */

struct tr_mt {
	int nthreads;
	long iters;
	size_t size;			/* object patterns */
	unsigned int order;		/* page pattern */
	uint64_t seed;
	struct bench_barrier barrier;
	uint64_t t0, t1;
	/* larson: one array of slots per thread, handed round each round */
	void **slots[8];
	size_t *sizes[8];
	long nslots, rounds;
	size_t min_size, max_size;
};

struct tr_mt_arg {
	struct tr_mt *mt;
	int cpu;
	void *(*fn)(struct tr_mt *mt, int cpu);
};

static void *tr_mt_trampoline(void *arg)
{
	struct tr_mt_arg *a = arg;

	bench_pin(a->cpu);
	tr_thread_enter(a->cpu);
	return a->fn(a->mt, a->cpu);
}

/* Run @fn on @mt->nthreads new threads, thread i pinned to CPU i. */
static void tr_mt_run(struct tr_mt *mt, void *(*fn)(struct tr_mt *, int))
{
	pthread_t th[8];
	struct tr_mt_arg arg[8];
	int i;

	bench_barrier_init(&mt->barrier, (unsigned int)mt->nthreads);
	for (i = 0; i < mt->nthreads; i++) {
		arg[i] = (struct tr_mt_arg){ mt, i, fn };
		if (pthread_create(&th[i], NULL, tr_mt_trampoline, &arg[i])) {
			perror("bench: pthread_create");
			abort();
		}
	}
	for (i = 0; i < mt->nthreads; i++)
		pthread_join(th[i], NULL);
}

static void *tr_page_pairs_thread(struct tr_mt *mt, int cpu)
{
	long i;

	for (i = 0; i < mt->iters / 10 + 1; i++) {
		void *p = tr_page_alloc(mt->order);

		if (!p)
			tr_oom("page pair thread", mt->order);
		tr_page_free(p, mt->order);
	}
	bench_barrier_wait(&mt->barrier);
	if (cpu == 0)
		mt->t0 = bench_now_ns();
	for (i = 0; i < mt->iters; i++) {
		void *p = tr_page_alloc(mt->order);

		if (!p)
			tr_oom("page pair thread", mt->order);
		bench_keep(p);
		tr_page_free(p, mt->order);
	}
	bench_barrier_wait(&mt->barrier);
	if (cpu == 0)
		mt->t1 = bench_now_ns();
	return NULL;
}

/*
 * @nthreads threads (one per CPU) each doing @iters alloc+free pairs of
 * 2^@order pages at once: wall-clock ns per pair of one thread (equal to
 * the single-thread figure when they scale perfectly).
 */
static double tr_page_pairs_mt(int nthreads, unsigned int order, long iters)
{
	struct tr_mt mt = { .nthreads = nthreads, .iters = iters, .order = order };

	tr_mt_run(&mt, tr_page_pairs_thread);
	return (double)(mt.t1 - mt.t0) / iters;
}

/* ---- objects ---- */

/* @iters alloc+free pairs of one @size-byte object: ns per pair. */
static double tr_obj_pairs(size_t size, long iters)
{
	uint64_t t0, t1;
	long i;

	for (i = 0; i < iters / 10 + 1; i++) {
		void *p = tr_obj_alloc(size);

		if (!p)
			tr_oom("object pair", size);
		tr_obj_free(p, size);
	}
	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		void *p = tr_obj_alloc(size);

		if (!p)
			tr_oom("object pair", size);
		bench_keep(p);
		tr_obj_free(p, size);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / iters;
}

/* Allocate @n objects of @size, free them in the same order; ~@total
 * objects in all.  ns per object of each phase. */
static void tr_obj_batch(size_t size, long n, long total, double *alloc_ns,
			 double *free_ns)
{
	void **v = tr_xcalloc((size_t)n, sizeof(*v));
	long reps = total / n > 0 ? total / n : 1, r, i;
	uint64_t ta = 0, tf = 0, t0, t1, t2;

	for (r = -1; r < reps; r++) {
		t0 = bench_now_ns();
		for (i = 0; i < n; i++) {
			v[i] = tr_obj_alloc(size);
			if (!v[i])
				tr_oom("object batch", size);
		}
		t1 = bench_now_ns();
		for (i = 0; i < n; i++)
			tr_obj_free(v[i], size);
		t2 = bench_now_ns();
		if (r >= 0) {
			ta += t1 - t0;
			tf += t2 - t1;
		}
	}
	*alloc_ns = (double)ta / ((double)reps * n);
	*free_ns = (double)tf / ((double)reps * n);
	free(v);
}

/*
 * An sh6bench-like size mix.  Each round:
 *   1. allocate @count objects, sizes spread over [@min, @max] bytes
 *      (size of object j = min + (j * 337 + round * 101) % span);
 *   2. free every odd-numbered one, in ascending order;
 *   3. allocate those slots again (sizes shifted, so they differ);
 *   4. free everything in descending order.
 * Every object is written to (its first byte; with @touch_all, every byte,
 * so the resident set means something).  ns per operation (alloc or
 * free).  With @peak_req / @peak_held non-NULL, the requested bytes live
 * after step 3 of the first round and tr_mem_held() then, minus its value
 * before the trace.
 */
static double tr_sh6(long count, long rounds, size_t min, size_t max,
		     bool touch_all, size_t *peak_req, size_t *peak_held)
{
	unsigned char **v = tr_xcalloc((size_t)count, sizeof(*v));
	size_t *sz = tr_xcalloc((size_t)count, sizeof(*sz));
	size_t span = max - min + 1, base = tr_mem_held(), req = 0;
	uint64_t t0, t1;
	long r, j, ops = 0;

	t0 = bench_now_ns();
	for (r = 0; r < rounds; r++) {
		for (j = 0; j < count; j++) {
			sz[j] = min + ((size_t)j * 337 + (size_t)r * 101) % span;
			v[j] = tr_obj_alloc(sz[j]);
			if (!v[j])
				tr_oom("sh6", sz[j]);
			if (touch_all)
				memset(v[j], (int)j, sz[j]);
			else
				v[j][0] = (unsigned char)j;
		}
		for (j = 1; j < count; j += 2)
			tr_obj_free(v[j], sz[j]);
		for (j = 1; j < count; j += 2) {
			sz[j] = min + ((size_t)j * 337 + (size_t)r * 101 + span / 2) % span;
			v[j] = tr_obj_alloc(sz[j]);
			if (!v[j])
				tr_oom("sh6", sz[j]);
			if (touch_all)
				memset(v[j], (int)j, sz[j]);
			else
				v[j][0] = (unsigned char)j;
		}
		if (r == 0 && peak_req) {
			for (j = 0; j < count; j++)
				req += sz[j];
			*peak_req = req;
			*peak_held = tr_mem_held() - base;
		}
		for (j = count; j-- > 0;)
			tr_obj_free(v[j], sz[j]);
		ops += 2 * count + count / 2 * 2;
	}
	t1 = bench_now_ns();
	free(v);
	free(sz);
	return (double)(t1 - t0) / ops;
}

static void *tr_larson_thread(struct tr_mt *mt, int cpu)
{
	struct bench_rng rng;
	long r, k, n = mt->nslots;
	size_t span = mt->max_size - mt->min_size + 1;
	long *order = tr_xcalloc((size_t)n, sizeof(*order));

	bench_rng_seed(&rng, mt->seed + (uint64_t)cpu);
	for (k = 0; k < n; k++)
		order[k] = k;
	/* Round 0 (untimed): fill this thread's own array. */
	for (k = 0; k < n; k++) {
		mt->sizes[cpu][k] = mt->min_size + bench_rand_below(&rng, (uint32_t)span);
		mt->slots[cpu][k] = tr_obj_alloc(mt->sizes[cpu][k]);
		if (!mt->slots[cpu][k])
			tr_oom("larson", mt->sizes[cpu][k]);
	}
	bench_barrier_wait(&mt->barrier);
	if (cpu == 0)
		mt->t0 = bench_now_ns();
	for (r = 1; r <= mt->rounds; r++) {
		/* The array another thread filled last round. */
		int a = (cpu + (int)r) % mt->nthreads;
		void **slot = mt->slots[a];
		size_t *size = mt->sizes[a];

		/* Visit the slots in a fresh random order. */
		for (k = n - 1; k > 0; k--) {
			long j = bench_rand_below(&rng, (uint32_t)(k + 1)), t = order[k];

			order[k] = order[j];
			order[j] = t;
		}
		for (k = 0; k < n; k++) {
			long s = order[k];

			tr_obj_free(slot[s], size[s]);
			size[s] = mt->min_size + bench_rand_below(&rng, (uint32_t)span);
			slot[s] = tr_obj_alloc(size[s]);
			if (!slot[s])
				tr_oom("larson", size[s]);
			*(unsigned char *)slot[s] = (unsigned char)s;
		}
		bench_barrier_wait(&mt->barrier);
	}
	if (cpu == 0)
		mt->t1 = bench_now_ns();
	/* Clean up the array this thread worked on last. */
	{
		int a = (cpu + (int)mt->rounds) % mt->nthreads;

		for (k = 0; k < n; k++)
			tr_obj_free(mt->slots[a][k], mt->sizes[a][k]);
	}
	free(order);
	return NULL;
}

/*
 * A larson-like server pattern: @nthreads threads (one per CPU), each
 * with an array of @nslots objects of random sizes in [@min, @max].  In
 * each of @rounds rounds a thread takes the array another thread filled
 * in the previous round, and for each slot (in random order) frees the
 * object there and allocates a new one.  So every timed free is of an
 * object another thread allocated.  Wall-clock ns per free+alloc pair of
 * one thread.
 */
static double tr_larson(int nthreads, long nslots, long rounds, size_t min,
			size_t max, uint64_t seed)
{
	struct tr_mt mt = {
		.nthreads = nthreads, .nslots = nslots, .rounds = rounds,
		.min_size = min, .max_size = max, .seed = seed,
	};
	int i;

	for (i = 0; i < nthreads; i++) {
		mt.slots[i] = tr_xcalloc((size_t)nslots, sizeof(void *));
		mt.sizes[i] = tr_xcalloc((size_t)nslots, sizeof(size_t));
	}
	tr_mt_run(&mt, tr_larson_thread);
	for (i = 0; i < nthreads; i++) {
		free(mt.slots[i]);
		free(mt.sizes[i]);
	}
	return (double)(mt.t1 - mt.t0) / ((double)rounds * nslots);
}

/* ---- instruction counts ---- */

/*
 * Untimed loops for callgrind: run-bench counts the instructions inside
 * one of them (valgrind --tool=callgrind --toggle-collect=tr_ir_...) and
 * divides by @n.  noipa keeps each a real function under its own name
 * (no inlining into the caller, no specialised clones).
 */
__attribute__((noipa)) void tr_ir_page_pairs(long n);
__attribute__((noipa)) void tr_ir_obj_pairs(size_t size, long n);

void tr_ir_page_pairs(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		void *p = tr_page_alloc(0);

		bench_keep(p);
		tr_page_free(p, 0);
	}
}

void tr_ir_obj_pairs(size_t size, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		void *p = tr_obj_alloc(size);

		bench_keep(p);
		tr_obj_free(p, size);
	}
}

/*
 * Warm up (with the timed loop, which callgrind does not count), then run
 * the counted loop for @what with @n iterations.  False for an unknown
 * @what.
 */
static bool tr_count_loop(const char *what, long n)
{
	if (!strcmp(what, "page")) {
		tr_page_pairs(0, n / 10 + 1);
		tr_ir_page_pairs(n);
	} else if (!strcmp(what, "obj64")) {
		tr_obj_pairs(64, n / 10 + 1);
		tr_ir_obj_pairs(64, n);
	} else {
		return false;
	}
	return true;
}

#endif /* _TOOLS_BENCH_TRACES_H */
