/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Failure injection (Linux's fault-injection framework, much simplified):
 * make a chosen share of page and slab allocations fail on purpose, so
 * that every caller's error path runs.
 *
 * Two attributes, set on the command line or by tests, and a switch:
 *
 *   fail_page_alloc=<percent>[,<seed>]   alloc_pages() and all its forms
 *   failslab=<percent>[,<seed>]          kmem_cache_alloc() and kmalloc()
 *   fail_inject.boot                     inject from boot on
 *
 * (Linux's fail_page_alloc=<interval>,<probability>,<space>,<times> with
 * only the probability kept, plus a seed.)  Each attribute draws from its
 * own xorshift64 generator, so a run with the same seeds on one CPU fails
 * the same allocations in the same order.
 *
 * Nothing fails while the switch is off.  Two owners turn it on:
 *
 *   - the boot parameters: fail_inject_resume()/fail_inject_pause().
 *     With fail_inject.boot it is resumed as soon as the command line is
 *     read, so boot's own allocations may fail (each caller either copes
 *     or panics naming what it could not allocate); the ktest runner
 *     resumes it around every self-test case and pauses it between cases
 *     to compare the free counts (tests/unit/fail_inject_guard.c).  The
 *     generators run on from where they stopped, and the failures are
 *     counted (fail_inject_injected()), so that a case failing only
 *     because its allocation was refused can be told from a bug.
 *   - a test: fail_inject_enable()/fail_inject_disable(), generators
 *     restarted from their seeds (the `fail_inject` suite, the fuzzers).
 *
 * An injected failure looks exactly like a real one to the caller (NULL,
 * counted, rate-limited message unless __GFP_NOWARN).
 *
 * Locking: none around a decision (an atomic step of the generator);
 * the disabled check is a single relaxed load (the hooks sit on the
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

/* True while injection is on (a test's or the boot parameters'). */
bool fail_inject_enabled(void);

/*
 * fail_inject_resume - turn on the boot parameters' injection, the
 * generators going on from where they stopped.  Does nothing if no
 * attribute was set on the command line, or while a test owns the switch.
 */
void fail_inject_resume(void);

/*
 * fail_inject_pause - turn the boot parameters' injection off again (not
 * a test's: that one ends with fail_inject_disable()).
 */
void fail_inject_pause(void);

/*
 * fail_inject_injected - how many allocations the boot parameters'
 * injection has failed since boot.  A difference across a piece of work
 * says whether any of its allocations failed on purpose.
 */
unsigned long fail_inject_injected(void);

/*
 * fail_inject_report - print one line with each attribute and what the
 * boot parameters' injection did:
 *   "<prefix>fail_inject: fail_page_alloc=10,1 injected 12 of 130, failslab=10,2 injected 8 of 71"
 */
void fail_inject_report(const char *prefix);

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

/*
 * True if the command line set @a (a boot parameter was given); for NULL,
 * if it set either attribute.
 */
bool fail_inject_from_cmdline(const struct fault_attr *a);

/* True if fail_inject.boot was given with an attribute to inject. */
bool fail_inject_from_boot(void);

#endif /* _MM_FAIL_INJECT_H */
