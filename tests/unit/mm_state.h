/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the suites that load every allocator at once
 * (tests/unit/fail_inject_test.c, tests/unit/oom_test.c): a snapshot of
 * what "nothing is lost" means, and a console that counts what the
 * allocators print.
 *
 * mm_quiesce() puts every free page where the counters can see it: lazy
 * vmalloc areas purged, every CPU's active slabs flushed and empty slabs
 * freed, per-CPU page lists drained.  Two snapshots taken after it must
 * then agree exactly when everything allocated in between was freed:
 *
 *   free pages + vmalloc bookkeeping pages     (the bookkeeping objects
 *                                               may end up on other pages)
 *   vmalloc busy areas, their bytes, pages     (all back to the start)
 *   "Bad page state" and slub_debug reports    (none new)
 *
 * Both suites run in the kernel with nothing else allocating (self-tests
 * run before the monitor), and on the host on a machine built before each
 * case (tests/host/mm_machine_host_test.c).
 */
#ifndef _TESTS_MM_STATE_H
#define _TESTS_MM_STATE_H

#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/kernel_map.h>

/*
 * Set by the host harness to build a machine with the page allocator,
 * slab and vmalloc before each case of these suites, and to drop it
 * after; NULL in the kernel, which tests the live allocators.
 */
extern void (*mm_test_machine_setup)(void);
extern void (*mm_test_machine_teardown)(void);

/*
 * slub_debug reports a case provoked on purpose: a case that corrupts an
 * object to see it reported (tests/unit/slab_debug_test.c) adds one for
 * each report it asks for, right after the bad act.  The fail_inject
 * guard (tests/unit/fail_inject_guard.c, which defines it) zeroes it
 * before every case and expects that many new reports after it, no more
 * and no fewer.
 */
extern unsigned long mm_provoked_slab_bugs;

struct mm_state {
	unsigned long free_pages;
	unsigned long vm_meta_pages;
	unsigned long vm_busy, vm_used_bytes, vm_pages;
	unsigned long bad_pages, slab_bugs;
};

static inline void mm_quiesce(void)
{
	vm_unmap_aliases();
	kmem_cache_shrink_all();
	drain_all_pages(NULL);
}

static inline void mm_state_take(struct mm_state *s)
{
	struct vmalloc_stats st;

	mm_quiesce();
	vmalloc_get_stats(&st);
	s->free_pages = nr_free_pages();
	s->vm_meta_pages = st.meta_pages;
	s->vm_busy = st.nr_busy;
	s->vm_used_bytes = st.used_bytes;
	s->vm_pages = vmalloc_nr_pages();
	s->bad_pages = nr_bad_page_reports();
	s->slab_bugs = slab_bug_reports();
}

/* Every checker passes and @now is back to @then (see the top). */
static inline void mm_state_expect(struct ktest_ctx *t, const struct mm_state *then)
{
	struct mm_state now;

	mm_state_take(&now);
	KT_EXPECT_EQ(t, now.free_pages + now.vm_meta_pages,
		     then->free_pages + then->vm_meta_pages);
	KT_EXPECT_EQ(t, now.vm_busy, then->vm_busy);
	KT_EXPECT_EQ(t, now.vm_used_bytes, then->vm_used_bytes);
	KT_EXPECT_EQ(t, now.vm_pages, then->vm_pages);
	KT_EXPECT_EQ(t, now.bad_pages, then->bad_pages);
	KT_EXPECT_EQ(t, now.slab_bugs, then->slab_bugs);
	KT_EXPECT_SEQ(t, buddy_check(), 0);
	KT_EXPECT_SEQ(t, slab_check_all(), 0);
	KT_EXPECT_SEQ(t, vmalloc_check(), 0);
}

/* A console that counts what is printed while it is registered. */
struct mm_count_console {
	struct console con;
	unsigned long bytes;		/* every byte printed */
	unsigned long failures;		/* allocation-failure reports */
};

static inline bool mm_count_has(const char *s, size_t len, const char *what)
{
	size_t n = strlen(what);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(s + i, what, n))
			return true;
	return false;
}

static inline void mm_count_write(struct console *con, const char *s, size_t len)
{
	struct mm_count_console *c = (struct mm_count_console *)con;

	c->bytes += len;
	if (mm_count_has(s, len, "page allocation failure") ||
	    mm_count_has(s, len, "SLUB: Unable to allocate") ||
	    mm_count_has(s, len, "vmalloc error") ||
	    mm_count_has(s, len, "vmap allocation for size"))
		c->failures++;
}

static inline void mm_count_start(struct mm_count_console *c)
{
	memset(c, 0, sizeof(*c));
	c->con.name = "count";
	c->con.write = mm_count_write;
	register_console(&c->con);
	c->bytes = 0;			/* not the "console enabled" line */
	c->failures = 0;
}

static inline void mm_count_stop(struct mm_count_console *c)
{
	unregister_console(&c->con);
}

/* A small xorshift for the workloads: same seed, same run. */
static inline u32 mm_rand(u64 *state)
{
	u64 x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return (u32)(x >> 16);
}

#endif /* _TESTS_MM_STATE_H */
