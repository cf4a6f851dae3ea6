// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * slub_debug's corruption reports, provoked on purpose, on the host (a
 * fresh machine per case, the one the `slab` suite uses) and inside the
 * kernel (the live allocator).  One case per kind of corruption the
 * debug mode must catch (mm/slab_debug.c):
 *
 *   case                 bad act                             caught by
 *   caches_follow_slub_debug  (none: every cache has the flags
 *                        slub_debug= asked for, and how many are in
 *                        debug mode is printed)
 *   right_redzone        write past the object               the free
 *   kmalloc_redzone      write past a 50-byte request in a   the free
 *                        64-byte kmalloc-style object
 *   kmalloc_64_redzone   the same through kmalloc() itself   the free
 *                        (only when kmalloc-64 is a debug cache: booted
 *                        with slub_debug=Z or FZPU; else SKIP)
 *   left_redzone         write before the object             the free
 *   use_after_free       write into a freed object           the next alloc
 *   double_free          free an object twice                the free
 *   freepointer_corrupt  flip a bit of a free object's       the next alloc
 *                        hardened free pointer
 *   free_not_object_start  free a pointer into an object    the free
 *
 * Each uses its own cache with every debug flag (F, Z, P, U: kmalloc
 * caches cannot be given them once booted) and checks that
 *
 *   - slab_bug_reports() went up by exactly one, and the text printed
 *     since just before the bad act (printk_log_end()/printk_log_read())
 *     holds exactly one "BUG <cache> (Not tainted): <kind>" line, plus the
 *     address, the @offset from the slab's start and the bytes found, in
 *     mm/slab_debug.c's (Linux's) formats, matched whole;
 *   - slab_check_all() finds nothing more, and the cache still allocates
 *     and frees a slab's worth of objects without a report;
 *   - once the cache is destroyed and every cache shrunk, the free pages
 *     are exactly what they were before the case.
 *
 * The objects' sizes and the bytes written are fixed (SD_SIZE, SD_REQUEST
 * and the offsets in each case) so that tests/qemu/slub_debug.py can
 * check the printed reports against them from outside.
 *
 * Under failure injection (tests/unit/fail_inject_guard.c) any allocation
 * may fail: a case that cannot set up frees what it holds and destroys
 * its cache before it stops (the guard then reports it skipped), while an
 * allocation that must meet the corruption, or that shows the cache still
 * works, is asked for again until it comes (a refused one changes
 * nothing).  Each report is counted in mm_provoked_slab_bugs as it is
 * provoked, so the guard expects it.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include "mm_state.h"
#include "slab_test.h"

#define SD_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | \
			 SLAB_POISON | SLAB_STORE_USER)
#define SD_SIZE		64	/* object size of every test cache */
#define SD_REQUEST	50	/* the kmalloc-style request in a 64-byte object */
#define SD_FP_FLIP	0x40000UL	/* bit flipped in a stored free pointer */

#define SLAB_CHECK(t)	KT_EXPECT_SEQ(t, slab_check_all(), 0)

static unsigned long sd_reports;	/* slab_bug_reports() expected now */
static void *sd_objs[520];		/* a slab's worth and more */

static void slab_debug_test_init(struct ktest_ctx *t)
{
	slab_suite_init(t);
	sd_reports = slab_bug_reports();
}

static void slab_debug_test_exit(struct ktest_ctx *t)
{
	/* Only the reports the case asked for. */
	if (!t->skip)
		KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	slab_suite_exit(t);
}

KTEST_SUITE(slab_debug, slab_debug_test_init, slab_debug_test_exit);

/* ---- the log since the bad act ---- */

static char sd_log[8192];
static size_t sd_log_from;

/* Note where the log ends: what comes after is the report. */
static void sd_log_mark(void)
{
	sd_log_from = printk_log_end();
}

/* Copy what was printed since sd_log_mark() into sd_log; false if some
 * of it is no longer in the ring or does not fit. */
static bool sd_log_grab(void)
{
	size_t want = printk_log_end() - sd_log_from;
	size_t n = printk_log_read(sd_log, sizeof(sd_log) - 1, sd_log_from);

	sd_log[n] = '\0';
	return n == want;
}

/*
 * How many lines of sd_log, without their "[seconds.micros] " stamp,
 * are @want (@whole) or begin with it.
 */
static unsigned int sd_lines(const char *want, bool whole)
{
	size_t wlen = strlen(want);
	const char *p = sd_log;
	unsigned int n = 0;

	while (*p) {
		const char *end = strchr(p, '\n'), *text = p, *close;
		size_t len;

		if (!end)
			end = p + strlen(p);
		close = *text == '[' ? memchr(text, ']', end - text) : NULL;
		if (close && close + 1 < end && close[1] == ' ')
			text = close + 2;
		len = end - text;
		if ((whole ? len == wlen : len >= wlen) && !memcmp(text, want, wlen))
			n++;
		p = *end ? end + 1 : end;
	}
	return n;
}

/* Expect exactly one line (@whole) or line start formatted from @fmt. */
static void __printf(4, 5) sd_expect(struct ktest_ctx *t, int line, bool whole,
				     const char *fmt, ...)
{
	char want[192];
	unsigned int n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	n = sd_lines(want, whole);
	if (n != 1)
		ktest_fail(t, __FILE__, line, "%u lines %s \"%s\" in the report, wanted 1",
			   n, whole ? "read" : "begin with", want);
}

#define EXPECT_LINE(t, ...)	sd_expect(t, __LINE__, true, __VA_ARGS__)
#define EXPECT_START(t, ...)	sd_expect(t, __LINE__, false, __VA_ARGS__)

static unsigned long slab_off(const void *p)
{
	return (unsigned long)((const char *)p -
			       (const char *)slab_address(virt_to_slab(p)));
}

/* A report was just provoked on purpose: the case and the guard expect it. */
static void sd_provoked(void)
{
	sd_reports++;
	mm_provoked_slab_bugs++;
}

/*
 * The report just provoked: exactly one, "BUG <cache> (Not tainted):
 * <kind>" (@kind NULL: the caller checks that line) in Linux's banner,
 * the slab @slab_ptr is in, and (@obj not NULL) the object's line with
 * its offset in the slab.  Then the checker must find nothing more.
 */
static void sd_expect_report(struct ktest_ctx *t, int line, struct kmem_cache *s,
			     const void *slab_ptr, const void *obj, const char *kind)
{
	char rule[78];

	if (!sd_log_grab())
		ktest_fail(t, __FILE__, line, "the report does not fit in the log ring");
	if (slab_bug_reports() != sd_reports)
		ktest_fail(t, __FILE__, line, "%lu slub_debug reports, wanted %lu",
			   slab_bug_reports(), sd_reports);
	if (sd_lines("BUG ", false) != 1)
		ktest_fail(t, __FILE__, line, "%u BUG lines, wanted 1", sd_lines("BUG ", false));
	if (kind)
		sd_expect(t, line, true, "BUG %s (Not tainted): %s", s->name, kind);
	rule[77] = '\0';
	memset(rule, '=', 77);			/* the banner's rules */
	sd_expect(t, line, true, "%s", rule);
	memset(rule, '-', 77);
	sd_expect(t, line, true, "%s", rule);
	sd_expect(t, line, false, "Slab %p objects=%u used=", (void *)virt_to_slab(slab_ptr),
		  slab_objects(virt_to_slab(slab_ptr)));
	if (obj)
		sd_expect(t, line, false, "Object %p @offset=%lu fp=", obj, slab_off(obj));
	SLAB_CHECK(t);
	if (slab_bug_reports() != sd_reports)
		ktest_fail(t, __FILE__, line, "the checker reported again");
}

#define EXPECT_REPORT(t, s, obj, kind) \
	sd_expect_report(t, __LINE__, s, obj, obj, kind)

/* The "<from>-<to> @offset=N. First byte 0x.. instead of 0x.." line. */
#define EXPECT_FAULT(t, from, to, found, wanted)				\
	EXPECT_LINE(t, "%p-%p @offset=%lu. First byte 0x%x instead of 0x%x",	\
		    (void *)(from), (void *)(to), slab_off(from), found, wanted)

/* ---- helpers ---- */

static struct kmem_cache *sd_cache(const char *name, slab_flags_t extra)
{
	return kmem_cache_create(name, SD_SIZE, 0, SD_FLAGS | extra, NULL);
}

/* Free the @n objects of sd_objs and destroy @s (a case giving up). */
static void sd_drop(struct kmem_cache *s, unsigned int n)
{
	while (n)
		kmem_cache_free(s, sd_objs[--n]);
	kmem_cache_destroy(s);
}

/*
 * An allocation that must meet the corruption: failslab= may refuse it
 * before it looks at the freelist, which a refusal leaves as it was, so
 * ask again.
 */
static void *sd_alloc_retry(struct kmem_cache *s)
{
	void *p = NULL;

	for (int i = 0; i < 64 && !p; i++)
		p = kmem_cache_alloc(s, GFP_KERNEL);
	return p;
}

/*
 * Take @n objects of @s into sd_objs, each filled (@retry: each asked
 * for again while refused); false (with nothing held) if one did not
 * come.
 */
static bool sd_fill(struct kmem_cache *s, unsigned int n, bool retry)
{
	for (unsigned int i = 0; i < n; i++) {
		sd_objs[i] = retry ? sd_alloc_retry(s) : kmem_cache_alloc(s, GFP_KERNEL);
		if (!sd_objs[i]) {
			while (i)
				kmem_cache_free(s, sd_objs[--i]);
			return false;
		}
		memset(sd_objs[i], 0x5c, s->object_size);
	}
	return true;
}

/*
 * After a report: @s still allocates and frees more than a slab's worth
 * (none of them @bad) without a report, and the checker agrees.  An
 * injected refusal says nothing about the cache, so each allocation is
 * asked for again; false if one never came, with nothing held.
 */
static bool sd_still_works(struct ktest_ctx *t, struct kmem_cache *s, const void *bad)
{
	unsigned int n = min(s->objects + 1, (unsigned int)ARRAY_SIZE(sd_objs));

	if (!sd_fill(s, n, true))
		return false;
	for (unsigned int i = 0; i < n; i++)
		KT_EXPECT_NE(t, sd_objs[i], bad);
	SLAB_CHECK(t);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(s, sd_objs[i]);
	KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	SLAB_CHECK(t);
	return true;
}

/* Destroy @s: every page it had comes back. */
static void sd_destroy(struct ktest_ctx *t, struct kmem_cache *s)
{
	kmem_cache_destroy(s);
	kmem_cache_shrink_all();	/* the descriptor's slab, if emptied */
	KT_EXPECT_EQ(t, nr_free_pages(), slab_suite_free_pages);
	SLAB_CHECK(t);
}

/* The end of most cases: still works, then gone without a trace. */
static void sd_still_works_then_destroy(struct ktest_ctx *t, struct kmem_cache *s)
{
	bool got = sd_still_works(t, s, NULL);

	sd_destroy(t, s);
	KT_EXPECT_TRUE(t, got);		/* injection: the excuse comes last */
}

/* ---- the mode itself ---- */

/*
 * Every cache has the debug flags slub_debug= asks for its name: those
 * made at boot (kmem_cache, the kmalloc classes) as much as later ones.
 * Prints how many are in debug mode, for tests/qemu/slub_debug.py.
 */
KTEST(slab_debug, caches_follow_slub_debug)
{
	unsigned int all = 0, debug = 0, wrong = 0;
	char first[KMEM_CACHE_NAME_LEN] = "";
	struct list_head *pos;
	unsigned long flags;

	/* list_for_each, as mm/slab.c walks it: the head is no cache
	 * (struct kmem_cache is cache-line aligned, UBSan checks). */
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each(pos, &slab_caches) {
		struct kmem_cache *s = list_entry(pos, struct kmem_cache, list);
		slab_flags_t want = kmem_cache_debug_flags(s->name, 0);

		all++;
		debug += kmem_cache_debug(s);
		if ((s->flags & want) != want && !wrong++)
			memcpy(first, s->name, sizeof(first));
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	printk("    # caches_follow_slub_debug: %u of %u caches in debug mode\n",
	       debug, all);
	KT_EXPECT_GT(t, all, KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW);
	KT_EXPECT_EQ(t, wrong, 0);
	KT_EXPECT_STREQ(t, first, "");
}

/* ---- red zones ---- */

KTEST(slab_debug, right_redzone)
{
	struct kmem_cache *s = sd_cache("debug-right", 0);
	char *p;

	KT_ASSERT_NOT_NULL(t, s);
	if (s->inuse - s->object_size < 3)
		kmem_cache_destroy(s);
	KT_ASSERT_GE(t, s->inuse - s->object_size, 3);	/* bytes 64..66 */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	if (!p)
		kmem_cache_destroy(s);
	KT_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, SD_SIZE);		/* all of it is fine */
	sd_log_mark();
	p[SD_SIZE] = 0x41;			/* the first byte past it */
	p[SD_SIZE + 2] = 0x43;
	kmem_cache_free(s, p);
	sd_provoked();
	EXPECT_REPORT(t, s, p, "Right Redzone overwritten");
	EXPECT_FAULT(t, p + SD_SIZE, p + SD_SIZE + 2, 0x41, SLUB_RED_ACTIVE);
	EXPECT_START(t, "INFO: Allocated in 0x");
	EXPECT_LINE(t, "FIX %s: Restoring Right Redzone %p-%p=0x%x", s->name,
		    p + SD_SIZE, p + SD_SIZE + 2, SLUB_RED_ACTIVE);
	EXPECT_LINE(t, "FIX %s: Object at %p not freed", s->name, p);
	/* Not freed, and whole again: the next free is clean. */
	KT_EXPECT_EQ(t, (u8)p[SD_SIZE], SLUB_RED_ACTIVE);
	kmem_cache_free(s, p);
	KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	sd_still_works_then_destroy(t, s);
}

KTEST(slab_debug, left_redzone)
{
	struct kmem_cache *s = sd_cache("debug-left", 0);
	char *p;

	KT_ASSERT_NOT_NULL(t, s);
	if (s->red_left_pad < 3)
		kmem_cache_destroy(s);
	KT_ASSERT_GE(t, s->red_left_pad, 3);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	if (!p)
		kmem_cache_destroy(s);
	KT_ASSERT_NOT_NULL(t, p);
	sd_log_mark();
	p[-3] = 0x41;				/* before the object */
	kmem_cache_free(s, p);
	sd_provoked();
	EXPECT_REPORT(t, s, p, "Left Redzone overwritten");
	EXPECT_FAULT(t, p - 3, p - 3, 0x41, SLUB_RED_ACTIVE);
	EXPECT_LINE(t, "FIX %s: Restoring Left Redzone %p-%p=0x%x", s->name,
		    p - 3, p - 3, SLUB_RED_ACTIVE);
	EXPECT_LINE(t, "FIX %s: Object at %p not freed", s->name, p);
	kmem_cache_free(s, p);
	KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	sd_still_works_then_destroy(t, s);
}

/*
 * A 50-byte request in a 64-byte object of kmalloc cache @s: bytes 52 and
 * 53 are written, inside the class but past the request.  @p came from
 * @s with SD_REQUEST bytes asked for.
 */
static void sd_kmalloc_redzone(struct ktest_ctx *t, struct kmem_cache *s, char *p)
{
	KT_EXPECT_TRUE(t, slab_has_orig_size(s));
	KT_EXPECT_EQ(t, slab_debug_orig_size(s, p), SD_REQUEST);
	memset(p, 0x22, SD_REQUEST);		/* all of the request is fine */
	sd_log_mark();
	p[SD_REQUEST + 2] = 0x41;
	p[SD_REQUEST + 3] = 0x42;
	kfree(p);
	sd_provoked();
	EXPECT_REPORT(t, s, p, "kmalloc Redzone overwritten");
	EXPECT_FAULT(t, p + SD_REQUEST + 2, p + SD_REQUEST + 3, 0x41, SLUB_RED_ACTIVE);
	EXPECT_LINE(t, "FIX %s: Restoring kmalloc Redzone %p-%p=0x%x", s->name,
		    p + SD_REQUEST + 2, p + SD_REQUEST + 3, SLUB_RED_ACTIVE);
	EXPECT_LINE(t, "FIX %s: Object at %p not freed", s->name, p);
	kfree(p);
	KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
}

KTEST(slab_debug, kmalloc_redzone)
{
	struct kmem_cache *s = sd_cache("debug-kmalloc", SLAB_KMALLOC);
	char *p;

	KT_ASSERT_NOT_NULL(t, s);
	/* What kmalloc(50) does with its class (mm/kmalloc.c). */
	p = slab_alloc(s, GFP_KERNEL, SD_REQUEST, _RET_IP_);
	if (!p)
		kmem_cache_destroy(s);
	KT_ASSERT_NOT_NULL(t, p);
	sd_kmalloc_redzone(t, s, p);
	/* ksize() hands the caller the whole class: then no report. */
	p = slab_alloc(s, GFP_KERNEL, SD_REQUEST, _RET_IP_);
	if (p) {
		KT_EXPECT_EQ(t, ksize(p), SD_SIZE);
		memset(p, 0x33, SD_SIZE);
		kfree(p);
		KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	}
	sd_still_works_then_destroy(t, s);
	KT_EXPECT_NOT_NULL(t, p);
}

KTEST(slab_debug, kmalloc_64_redzone)
{
	struct kmem_cache *s = kmalloc_slab(SD_REQUEST);
	char *p;

	if (!s || !slab_has_orig_size(s) || !(s->flags & SLAB_RED_ZONE))
		KT_SKIP(t, "kmalloc-64 has no red zone past the request (boot with slub_debug=Z or FZPU)");
	KT_ASSERT_EQ(t, s->object_size, SD_SIZE);
	p = kmalloc(SD_REQUEST, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, virt_to_slab(p)->slab_cache, s);
	sd_kmalloc_redzone(t, s, p);
	/* Init's baseline holds once every cache is shrunk (exit). */
}

/* ---- free objects written, freed twice ---- */

KTEST(slab_debug, use_after_free)
{
	struct kmem_cache *s = sd_cache("debug-uaf", 0);
	char *a, *b, *hold;
	bool got;

	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	hold = a ? kmem_cache_alloc(s, GFP_KERNEL) : NULL;	/* keeps the slab */
	if (!hold) {
		kmem_cache_free(s, a);
		kmem_cache_destroy(s);
	}
	KT_ASSERT_NOT_NULL(t, hold);
	kmem_cache_free(s, a);			/* a: the freelist's head */
	KT_EXPECT_EQ(t, (u8)a[8], POISON_FREE);
	sd_log_mark();
	a[8] = 0x41;				/* use after free */
	b = sd_alloc_retry(s);			/* checks a before handing it out */
	sd_provoked();
	if (!b) {
		kmem_cache_free(s, hold);
		kmem_cache_destroy(s);
	}
	KT_ASSERT_NOT_NULL(t, b);
	KT_EXPECT_NE(t, b, a);
	EXPECT_REPORT(t, s, a, "Poison overwritten");
	EXPECT_FAULT(t, a + 8, a + 8, 0x41, POISON_FREE);
	EXPECT_START(t, "INFO: Allocated in 0x");
	EXPECT_START(t, "INFO: Freed in 0x");
	EXPECT_LINE(t, "FIX %s: Restoring Poison %p-%p=0x%x", s->name, a + 8, a + 8,
		    POISON_FREE);
	EXPECT_LINE(t, "FIX %s: Object %p quarantined: it is never handed out again",
		    s->name, a);
	KT_EXPECT_EQ(t, s->quarantined, 1);
	kmem_cache_free(s, b);
	got = sd_still_works(t, s, a);		/* a is never handed out again */
	kmem_cache_free(s, hold);
	/*
	 * Linux leaks a slab with a corrupt object for good; so does Arbor,
	 * and kmem_cache_destroy() says so and keeps the cache.  The test
	 * knows nobody uses a: it gives it back, and then the cache goes.
	 */
	sd_log_mark();
	kmem_cache_destroy(s);
	KT_EXPECT_TRUE(t, sd_log_grab());
	EXPECT_LINE(t, "kmem_cache_destroy %s: 1 objects quarantined by slub_debug "
		    "keep 1 slabs; they are leaked", s->name);
	kmem_cache_free(s, a);
	KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	sd_destroy(t, s);
	KT_EXPECT_TRUE(t, got);
}

KTEST(slab_debug, double_free)
{
	struct kmem_cache *s = sd_cache("debug-df", 0);
	void *a, *b, *hold;
	bool got;

	KT_ASSERT_NOT_NULL(t, s);
	got = sd_fill(s, 3, false);
	if (!got)
		kmem_cache_destroy(s);
	KT_ASSERT_TRUE(t, got);
	a = sd_objs[0];
	b = sd_objs[1];
	hold = sd_objs[2];			/* keeps the slab */
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);			/* freelist: b -> a -> ... */
	sd_log_mark();
	kmem_cache_free(s, a);			/* a is not even the head */
	sd_provoked();
	EXPECT_REPORT(t, s, a, "Object already free");
	EXPECT_LINE(t, "FIX %s: Object at %p not freed", s->name, a);
	kmem_cache_free(s, hold);
	sd_still_works_then_destroy(t, s);
}

/* ---- the freelist ---- */

KTEST(slab_debug, freepointer_corrupt)
{
	struct kmem_cache *s = sd_cache("debug-fp", 0);
	unsigned int n, i, k;
	struct page *slab;
	void *x, *c;

	KT_ASSERT_NOT_NULL(t, s);
	/* One slab, full; then one object free: its free pointer is the
	 * only one, so the cut loses no other object. */
	sd_objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	if (!sd_objs[0])
		kmem_cache_destroy(s);
	KT_ASSERT_NOT_NULL(t, sd_objs[0]);
	slab = virt_to_slab(sd_objs[0]);
	n = slab_objects(slab);
	if (n > ARRAY_SIZE(sd_objs))
		sd_drop(s, 1);
	KT_ASSERT_LE(t, n, ARRAY_SIZE(sd_objs));
	for (i = 1; i < n; i++) {
		sd_objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!sd_objs[i])
			sd_drop(s, i);
		KT_ASSERT_NOT_NULL(t, sd_objs[i]);
	}
	for (i = 0; i < n; i++)
		KT_EXPECT_EQ(t, virt_to_slab(sd_objs[i]), slab);
	k = n / 2;
	x = sd_objs[k];
	kmem_cache_free(s, x);
	KT_ASSERT_EQ(t, slab->freelist, x);
	KT_ASSERT_TRUE(t, get_freepointer(s, x) == NULL);
	sd_log_mark();
	*(unsigned long *)((char *)x + s->offset) ^= SD_FP_FLIP;
	c = sd_alloc_retry(s);			/* walks the freelist first */
	sd_provoked();
	if (!c) {
		sd_objs[k] = NULL;		/* kmem_cache_free skips it */
		sd_drop(s, n);
	}
	KT_ASSERT_NOT_NULL(t, c);
	KT_EXPECT_EQ(t, c, x);			/* the object itself was fine */
	EXPECT_REPORT(t, s, x, "Freepointer corrupt");
	EXPECT_LINE(t, "Object %p @offset=%lu fp=%p", x, slab_off(x), (void *)SD_FP_FLIP);
	EXPECT_LINE(t, "FIX %s: Isolate corrupted freechain", s->name);
	KT_EXPECT_EQ(t, s->quarantined, 0);
	for (i = 0; i < n; i++)
		kmem_cache_free(s, sd_objs[i]);
	sd_still_works_then_destroy(t, s);
}

/* ---- pointers that are no object ---- */

KTEST(slab_debug, free_not_object_start)
{
	struct kmem_cache *s = sd_cache("debug-ptr", 0);
	char *p;

	KT_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	if (!p)
		kmem_cache_destroy(s);
	KT_ASSERT_NOT_NULL(t, p);
	sd_log_mark();
	kmem_cache_free(s, p + 8);
	sd_provoked();
	sd_expect_report(t, __LINE__, s, p, NULL, NULL);
	EXPECT_LINE(t, "BUG %s (Not tainted): Invalid object pointer %p", s->name, p + 8);
	EXPECT_LINE(t, "%p @offset=%lu is not the start of an object "
		    "(objects of %u bytes every %u bytes from offset %u)",
		    p + 8, slab_off(p + 8), s->object_size, s->size, s->red_left_pad);
	EXPECT_LINE(t, "FIX %s: Object at %p not freed", s->name, p + 8);
	kmem_cache_free(s, p);			/* p itself is still in use */
	KT_EXPECT_EQ(t, slab_bug_reports(), sd_reports);
	sd_still_works_then_destroy(t, s);
}
