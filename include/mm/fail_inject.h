/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Failure injection (Linux's fault-injection framework, much simplified):
 * make a chosen share of page and slab allocations fail on purpose, so
 * that every caller's error path runs.
 *
 * Two attributes, set on the command line or by tests:
 *
 *   fail_page_alloc=<percent>[,<seed>]   alloc_pages() and all its forms
 *   failslab=<percent>[,<seed>]          kmem_cache_alloc() and kmalloc()
 *
 * (Linux's fail_page_alloc=<interval>,<probability>,<space>,<times> with
 * only the probability kept, plus a seed.)  Each attribute draws from its
 * own xorshift64 generator, restarted from its seed by
 * fail_inject_enable(), so a run with the same seeds fails the same
 * allocations in the same order.
 *
 * Nothing fails until fail_inject_enable(): boot allocations, which may
 * not fail, never see an injected failure; the `fail_inject` self-test
 * suite enables injection around its random workload and disables it
 * again.  An injected failure looks exactly like a real one to the
 * caller (NULL, counted, rate-limited message unless __GFP_NOWARN).
 *
 * Locking: fail_inject_lock around each decision while enabled; the
 * disabled check is a single relaxed load (the hooks sit on the
 * allocation paths).
 */
#ifndef _MM_FAIL_INJECT_H
#define _MM_FAIL_INJECT_H

#include <kernel/types.h>
#include <mm/gfp.h>

struct kmem_cache;

struct fault_attr {
	const char *name;		/* the boot parameter's name */
	unsigned int probability;	/* percent of decisions that fail */
	u64 seed;			/* where the generator restarts */
	u64 state;			/* xorshift64 state, never 0 */
	unsigned long calls;		/* decisions since fail_inject_enable() */
	unsigned long failures;		/* of which injected a failure */
};

extern struct fault_attr fail_page_alloc;
extern struct fault_attr failslab;

/*
 * should_fail_alloc_page - true if this page allocation (2^@order pages,
 * @gfp) is to fail.  Called first thing by alloc_pages_node().  Always
 * false while injection is disabled.
 */
bool __should_fail_alloc_page(gfp_t gfp, unsigned int order);

extern bool fail_inject_on;

/* Is injection on?  One relaxed load, inlined into the allocation paths. */
static inline bool fail_inject_active(void)
{
	return __atomic_load_n(&fail_inject_on, __ATOMIC_RELAXED);
}

static inline bool should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	return fail_inject_active() && __should_fail_alloc_page(gfp, order);
}

/*
 * should_failslab - true if this allocation from cache @s is to fail.
 * Called first thing by slab_alloc() (kmem_cache_alloc, kmalloc).  Always
 * false while injection is disabled.
 */
bool __should_failslab(struct kmem_cache *s, gfp_t gfp);

static inline bool should_failslab(struct kmem_cache *s, gfp_t gfp)
{
	return fail_inject_active() && __should_failslab(s, gfp);
}

/*
 * fail_inject_enable - start injecting: every attribute's generator
 * restarts from its seed and its counters from 0.
 */
void fail_inject_enable(void);

/* fail_inject_disable - stop injecting (counters are kept for reports). */
void fail_inject_disable(void);

/* True between fail_inject_enable() and fail_inject_disable(). */
bool fail_inject_enabled(void);

/*
 * fail_inject_set - give @a a probability (@percent, at most 100) and a
 * seed.  Returns 0, or -EINVAL for a percentage above 100.
 */
int fail_inject_set(struct fault_attr *a, unsigned int percent, u64 seed);

/*
 * fail_inject_parse - set @a from the text "<percent>[,<seed>]" (decimal
 * or 0x-hex numbers).  Returns 0, or -EINVAL (and @a unchanged) if the
 * text does not parse or the percentage is above 100.
 */
int fail_inject_parse(struct fault_attr *a, const char *arg);

/* True if the command line set @a (a boot parameter was given). */
bool fail_inject_from_cmdline(const struct fault_attr *a);

#endif /* _MM_FAIL_INJECT_H */
