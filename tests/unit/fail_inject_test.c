// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Failure injection (mm/fail_inject.c) and what it proves: the suite
 * `fail_inject` turns injection on around a random workload of page,
 * slab, kmalloc and vmalloc allocations and frees, turns it off, gives
 * everything back, and expects every count exactly where it started and
 * every checker to pass (tests/unit/mm_state.h).  Each allocation may
 * fail; every failure must come back as NULL and leave nothing behind.
 *
 * The probabilities and seeds are the boot parameters' when given
 * (`ktest=fail_inject fail_page_alloc=10,1 failslab=10,2`), 10 % with
 * seeds 1 and 2 otherwise.  The workload's own choices come from a
 * generator seeded from both seeds, so one command line is one run.
 *
 * Runs on the host (a fresh machine per case) and in the kernel (the live
 * allocators, nothing else allocating).  In the kernel with the boot
 * parameters, the ktest guard (fail_inject_guard.c) has injection on
 * around every case as well; random_workload takes it over.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/fail_inject.h>
#include "mm_state.h"

void (*mm_test_machine_setup)(void);
void (*mm_test_machine_teardown)(void);

static struct mm_state fi_start;
static struct fault_attr fi_saved_page, fi_saved_slab;

static void fail_inject_test_init(struct ktest_ctx *t)
{
	if (mm_test_machine_setup)
		mm_test_machine_setup();
	if (!slab_is_available() || !vmalloc_initialized() || !kernel_pgd) {
		t->skip = "needs the page allocator, slab and vmalloc";
		return;
	}
	fi_saved_page = fail_page_alloc;
	fi_saved_slab = failslab;
	mm_state_take(&fi_start);
}

static void fail_inject_test_exit(struct ktest_ctx *t)
{
	fail_inject_disable();
	if (!t->skip) {
		fail_page_alloc = fi_saved_page;
		failslab = fi_saved_slab;
		mm_state_expect(t, &fi_start);
	}
	if (mm_test_machine_teardown)
		mm_test_machine_teardown();
}

KTEST_SUITE(fail_inject, fail_inject_test_init, fail_inject_test_exit);

/* The parameter syntax: <percent>[,<seed>], decimal or hex. */
KTEST(fail_inject, parse)
{
	struct fault_attr a = { .name = "test" };

	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "10,1"), 0);
	KT_EXPECT_EQ(t, a.probability, 10);
	KT_EXPECT_EQ(t, a.seed, 1);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "0x20,0xdeadbeef"), 0);
	KT_EXPECT_EQ(t, a.probability, 32);
	KT_EXPECT_EQ(t, a.seed, 0xdeadbeef);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "100"), 0);
	KT_EXPECT_EQ(t, a.seed, 0);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "101"), -EINVAL);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "abc"), -EINVAL);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "10,"), -EINVAL);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, "10,2x"), -EINVAL);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, ""), -EINVAL);
	KT_EXPECT_SEQ(t, fail_inject_parse(&a, NULL), -EINVAL);
	/* A refused value leaves the attribute as it was. */
	KT_EXPECT_EQ(t, a.probability, 100);
}

/* Same seed, same decisions; disabled, none. */
KTEST(fail_inject, deterministic)
{
	bool first[64];
	unsigned int fails = 0, same = 0;

	KT_ASSERT_SEQ(t, fail_inject_set(&fail_page_alloc, 30, 7), 0);
	KT_ASSERT_SEQ(t, fail_inject_set(&failslab, 0, 0), 0);
	fail_inject_enable();
	for (int i = 0; i < 64; i++) {
		first[i] = should_fail_alloc_page(GFP_KERNEL, 0);
		fails += first[i];
	}
	KT_EXPECT_EQ(t, fail_page_alloc.calls, 64);
	KT_EXPECT_EQ(t, fail_page_alloc.failures, fails);
	/* About 30 %: far from 0 and from 64. */
	KT_EXPECT_GE(t, fails, 8);
	KT_EXPECT_LE(t, fails, 32);
	KT_EXPECT_FALSE(t, should_failslab(NULL, GFP_KERNEL));
	fail_inject_enable();		/* restart from the seed */
	for (int i = 0; i < 64; i++)
		same += should_fail_alloc_page(GFP_KERNEL, 0) == first[i];
	KT_EXPECT_EQ(t, same, 64);
	fail_inject_disable();
	KT_EXPECT_FALSE(t, fail_inject_enabled());
	KT_ASSERT_SEQ(t, fail_inject_set(&fail_page_alloc, 100, 7), 0);
	for (int i = 0; i < 64; i++)
		KT_ASSERT_FALSE(t, should_fail_alloc_page(GFP_KERNEL, 0));
}

/* At 100 % every allocator fails, and cleanly. */
KTEST(fail_inject, everything_fails_at_100_percent)
{
	struct kmem_cache *s;

	s = kmem_cache_create("fi-test", 96, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	KT_ASSERT_SEQ(t, fail_inject_set(&fail_page_alloc, 100, 1), 0);
	KT_ASSERT_SEQ(t, fail_inject_set(&failslab, 100, 2), 0);
	fail_inject_enable();
	KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	KT_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 3));
	KT_EXPECT_EQ(t, __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 1), 0);
	KT_EXPECT_NULL(t, kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, kmalloc(64, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, kmalloc(3 * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, kzalloc(8, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, vmalloc(PAGE_SIZE));
	KT_EXPECT_NULL(t, vzalloc(16 * PAGE_SIZE));
	KT_EXPECT_NULL(t, kmem_cache_create("fi-none", 32, 0, 0, NULL));
	KT_EXPECT_GT(t, fail_page_alloc.failures + failslab.failures, 0);
	fail_inject_disable();
	kmem_cache_destroy(s);
}

/* ---- the random workload ---- */

enum fi_kind { FI_PAGES, FI_KMALLOC, FI_CACHE, FI_VMALLOC };

struct fi_item {
	enum fi_kind kind;
	void *p;		/* page address, object or area */
	unsigned long size;	/* bytes, or the order for FI_PAGES */
	int cache;
};

#define FI_SLOTS	128
#define FI_STEPS	2000

static struct fi_item fi_items[FI_SLOTS];
static struct kmem_cache *fi_caches[3];
static unsigned int fi_sizes[3] = { 24, 200, 1500 };

/* The first and last byte of each item carry its slot number. */
static void fi_mark(struct fi_item *it, unsigned int slot)
{
	unsigned long len = it->kind == FI_PAGES ? PAGE_SIZE << it->size : it->size;
	u8 *p = it->p;

	p[len - 1] = (u8)~slot;
	p[0] = (u8)slot;	/* the same byte when len is 1 */
}

static bool fi_marked(const struct fi_item *it, unsigned int slot)
{
	unsigned long len = it->kind == FI_PAGES ? PAGE_SIZE << it->size : it->size;
	const u8 *p = it->p;

	return p[0] == (u8)slot && (len == 1 || p[len - 1] == (u8)~slot);
}

static void fi_free(struct fi_item *it)
{
	switch (it->kind) {
	case FI_PAGES:
		free_pages((unsigned long)it->p, (unsigned int)it->size);
		break;
	case FI_KMALLOC:
		kfree(it->p);
		break;
	case FI_CACHE:
		kmem_cache_free(fi_caches[it->cache], it->p);
		break;
	case FI_VMALLOC:
		vfree(it->p);
		break;
	}
	it->p = NULL;
}

/* Allocate something random into @it; false if the allocator said no. */
static bool fi_alloc(struct fi_item *it, u64 *rng)
{
	u32 r = mm_rand(rng);
	/* One in 16 without __GFP_NOWARN: the warning path runs too. */
	gfp_t gfp = GFP_KERNEL | ((r >> 8) % 16 ? __GFP_NOWARN : 0);

	switch (r % 8) {
	case 0:
	case 1:
		it->kind = FI_PAGES;
		it->size = (r >> 12) % 16 ? (r >> 16) % 3 : (r >> 16) % 7;
		it->p = (void *)__get_free_pages(gfp | ((r >> 20) & 1 ? __GFP_ZERO : 0),
						 (unsigned int)it->size);
		break;
	case 2:
	case 3:
		it->kind = FI_KMALLOC;
		it->size = 1 + (r >> 12) % ((r >> 24) % 8 ? 1024 : 12288);
		it->p = (r >> 11) & 1 ? kzalloc(it->size, gfp) : kmalloc(it->size, gfp);
		break;
	case 4:
	case 5:
		it->kind = FI_CACHE;
		it->cache = (int)((r >> 12) % ARRAY_SIZE(fi_caches));
		it->size = fi_sizes[it->cache];
		it->p = kmem_cache_alloc(fi_caches[it->cache], gfp);
		break;
	default:
		it->kind = FI_VMALLOC;
		it->size = PAGE_SIZE * (1 + (r >> 12) % 16) - (r >> 20) % 64;
		it->p = (r >> 11) & 1 ? vzalloc(it->size) : vmalloc(it->size);
		break;
	}
	return it->p != NULL;
}

KTEST(fail_inject, random_workload)
{
	unsigned long allocs = 0, failed = 0, krealloc_fails = 0;
	unsigned int creates = 0, create_fails = 0;
	u64 rng;

	/*
	 * The workload's injection is its own, from its seeds' start: take
	 * the switch from the boot parameters' (the ktest guard's), so
	 * that its setup cannot fail and its failures are never excused.
	 */
	fail_inject_disable();
	if (!fail_inject_from_cmdline(&fail_page_alloc))
		KT_ASSERT_SEQ(t, fail_inject_set(&fail_page_alloc, 10, 1), 0);
	if (!fail_inject_from_cmdline(&failslab))
		KT_ASSERT_SEQ(t, fail_inject_set(&failslab, 10, 2), 0);
	rng = (fail_page_alloc.seed * 0x9e3779b97f4a7c15ULL) ^ failslab.seed ^ 0x5eedf00dULL;
	if (!rng)
		rng = 1;

	/* The workload's caches exist before injection starts. */
	for (unsigned int i = 0; i < ARRAY_SIZE(fi_caches); i++) {
		fi_caches[i] = kmem_cache_create("fi-cache", fi_sizes[i], 0,
						 i == 2 ? SLAB_HWCACHE_ALIGN : 0, NULL);
		KT_ASSERT_NOT_NULL(t, fi_caches[i]);
	}
	memset(fi_items, 0, sizeof(fi_items));

	fail_inject_enable();
	for (unsigned int step = 0; step < FI_STEPS; step++) {
		unsigned int slot = mm_rand(&rng) % FI_SLOTS;
		struct fi_item *it = &fi_items[slot];
		u32 r = mm_rand(&rng);

		if (r % 64 == 0) {
			/* A cache made and destroyed under injection. */
			struct kmem_cache *s = kmem_cache_create("fi-short", 40, 0, 0, NULL);

			creates++;
			if (!s) {
				create_fails++;
			} else {
				void *o = kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN);

				kmem_cache_free(s, o);
				kmem_cache_destroy(s);
			}
		} else if (it->p && it->kind == FI_KMALLOC && r % 8 == 1) {
			/* Grow or shrink in place or by moving; NULL keeps it. */
			unsigned long n = 1 + (r >> 8) % 6000;
			void *q;

			KT_ASSERT_TRUE(t, fi_marked(it, slot));
			q = krealloc(it->p, n, GFP_KERNEL | __GFP_NOWARN);
			allocs++;
			if (!q) {
				failed++;
				krealloc_fails++;
				KT_ASSERT_TRUE(t, fi_marked(it, slot));
			} else {
				KT_ASSERT_EQ(t, *(u8 *)q, (u8)slot);
				it->p = q;
				it->size = n;
				fi_mark(it, slot);
			}
		} else if (it->p) {
			KT_ASSERT_TRUE(t, fi_marked(it, slot));
			fi_free(it);
		} else {
			allocs++;
			if (fi_alloc(it, &rng))
				fi_mark(it, slot);
			else
				failed++;
		}
		if (step % 64 == 0) {
			KT_ASSERT_SEQ(t, buddy_check(), 0);
			KT_ASSERT_SEQ(t, slab_check_all(), 0);
			KT_ASSERT_SEQ(t, vmalloc_check(), 0);
		}
	}
	fail_inject_disable();

	printk("    # random_workload: %u steps, %lu allocations, %lu failed (%lu krealloc); fail_page_alloc=%u,%llu injected %lu of %lu, failslab=%u,%llu injected %lu of %lu; %u caches created under injection, %u refused\n",
	       FI_STEPS, allocs, failed, krealloc_fails, fail_page_alloc.probability,
	       (unsigned long long)fail_page_alloc.seed, fail_page_alloc.failures,
	       fail_page_alloc.calls, failslab.probability,
	       (unsigned long long)failslab.seed, failslab.failures, failslab.calls,
	       creates, create_fails);
	/* Injection really happened, and so did successes. */
	if (fail_page_alloc.probability)
		KT_EXPECT_GT(t, fail_page_alloc.failures, 0);
	if (failslab.probability)
		KT_EXPECT_GT(t, failslab.failures, 0);
	if (fail_page_alloc.probability + failslab.probability)
		KT_EXPECT_GT(t, failed, 0);
	KT_EXPECT_LT(t, failed, allocs);

	for (unsigned int i = 0; i < FI_SLOTS; i++) {
		if (!fi_items[i].p)
			continue;
		KT_EXPECT_TRUE(t, fi_marked(&fi_items[i], i));
		fi_free(&fi_items[i]);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(fi_caches); i++)
		kmem_cache_destroy(fi_caches[i]);
	/* The suite's exit compares every count with the start. */
}
