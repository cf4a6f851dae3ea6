// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Buddy allocator tests that run anywhere: on the host (on a fresh fake
 * machine per case) and inside the kernel (on the live allocator, with
 * whatever memory the kernel booted with).  So they only allocate and
 * free, and prove afterwards that every count is back where it was:
 *
 *   - the suite's init drains the per-CPU lists and records the free
 *     pages and each zone's free lists; exit drains again and expects
 *     the very same numbers (a buddy allocator's free lists are a
 *     function of the set of free pages: full merging makes it so);
 *   - buddy_check() runs after every step.
 *
 * Inside the kernel nothing else may allocate while a case runs (the
 * self-tests run before the monitor starts).  Cases that need a known
 * machine, a log, or a report's text live in tests/host/buddy_host_test.c.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

/*
 * Set by the host harness (tests/host/buddy_host_test.c) to build a fresh
 * fake machine before each case; NULL in the kernel, which tests the live
 * allocator.
 */
void (*buddy_test_machine_setup)(void);

struct buddy_snapshot {
	unsigned long free;			/* nr_free_pages() */
	unsigned long total;			/* totalram_pages() */
	unsigned long nr_free[MAX_NUMNODES][MAX_NR_ZONES][NR_PAGE_ORDERS];
};

static struct buddy_snapshot bt_start;

static void snapshot(struct buddy_snapshot *s)
{
	struct zone *zone;

	memset(s, 0, sizeof(*s));
	s->free = nr_free_pages();
	s->total = totalram_pages();
	for_each_zone(zone) {
		unsigned int o;

		for (o = 0; o < NR_PAGE_ORDERS; o++)
			s->nr_free[zone_to_nid(zone)][zone_idx(zone)][o] =
				zone->free_area[o].nr_free;
	}
}

static bool snapshot_equal(const struct buddy_snapshot *a,
			   const struct buddy_snapshot *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

#define BUDDY_CHECK(t)	KT_EXPECT_SEQ(t, buddy_check(), 0)

static void buddy_test_init(struct ktest_ctx *t)
{
	if (buddy_test_machine_setup)
		buddy_test_machine_setup();
	if (!totalram_pages()) {
		t->skip = "no page allocator";
		return;
	}
	drain_all_pages(NULL);
	snapshot(&bt_start);
	KT_EXPECT_SEQ(t, buddy_check(), 0);
}

static void buddy_test_exit(struct ktest_ctx *t)
{
	struct buddy_snapshot end;

	if (t->skip)
		return;
	drain_all_pages(NULL);
	snapshot(&end);
	KT_EXPECT_EQ(t, end.free, bt_start.free);
	KT_EXPECT_TRUE(t, snapshot_equal(&end, &bt_start));
	KT_EXPECT_SEQ(t, buddy_check(), 0);
}

KTEST_SUITE(buddy, buddy_test_init, buddy_test_exit);

static const gfp_t mobility[] = {
	GFP_KERNEL, GFP_KERNEL | __GFP_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
};

/* Every order and mobility: aligned, counted exactly, given back exactly. */
KTEST(buddy, alloc_free_every_order)
{
	unsigned int order;
	size_t m;

	for (order = 0; order <= MAX_ORDER; order++) {
		for (m = 0; m < ARRAY_SIZE(mobility); m++) {
			unsigned long before = nr_free_pages();
			struct page *page = alloc_pages(mobility[m] | __GFP_NOWARN, order);

			KT_ASSERT_NOT_NULL(t, page);
			KT_EXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(page), 1UL << order));
			KT_EXPECT_EQ(t, nr_free_pages(), before - (1UL << order));
			KT_EXPECT_FALSE(t, PageBuddy(page) || PagePcp(page) ||
					   PageReserved(page));
			BUDDY_CHECK(t);
			__free_pages(page, order);
			KT_EXPECT_EQ(t, nr_free_pages(), before);
			BUDDY_CHECK(t);
		}
	}
}

/*
 * Split and merge: after an allocation of each order is freed and the
 * per-CPU lists drained, every zone's free lists are exactly as before.
 */
KTEST(buddy, split_then_merge_restores_lists)
{
	struct buddy_snapshot before, after;
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++) {
		struct page *page;

		snapshot(&before);
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		KT_ASSERT_NOT_NULL(t, page);
		BUDDY_CHECK(t);
		__free_pages(page, order);
		drain_all_pages(NULL);
		snapshot(&after);
		KT_EXPECT_TRUE(t, snapshot_equal(&before, &after));
		BUDDY_CHECK(t);
	}
}

/* Many blocks at once: each aligned, none overlapping another. */
KTEST(buddy, blocks_aligned_and_disjoint)
{
	enum { N = 48 };
	struct page *pages[N];
	unsigned int orders[N];
	unsigned long seed = 12345;
	int i, j, n = 0;

	for (i = 0; i < N; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		orders[n] = (seed >> 33) % 7;
		pages[n] = alloc_pages(mobility[i % 3] | __GFP_NOWARN, orders[n]);
		if (!pages[n])
			continue;
		KT_EXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(pages[n]), 1UL << orders[n]));
		n++;
	}
	KT_EXPECT_EQ(t, n, N);
	BUDDY_CHECK(t);
	for (i = 0; i < n; i++) {
		unsigned long a = page_to_pfn(pages[i]), ae = a + (1UL << orders[i]);

		for (j = i + 1; j < n; j++) {
			unsigned long b = page_to_pfn(pages[j]), be = b + (1UL << orders[j]);

			KT_EXPECT_TRUE(t, ae <= b || be <= a);
		}
	}
	for (i = 0; i < n; i++) {
		__free_pages(pages[i], orders[i]);
		BUDDY_CHECK(t);
	}
}

/*
 * Per-CPU lists: an empty list is refilled with `batch` pages at once;
 * frees collect on the list until it reaches `high`, then it drains back
 * to at most high - batch.
 */
KTEST(buddy, pcp_batch_refill_and_drain)
{
	enum { N = 512 };
	static struct page *pages[N];
	struct per_cpu_pages *pcp;
	struct zone *zone;
	struct page *page;
	unsigned long free;
	int i, n;

	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, page);
	zone = page_zone(page);
	__free_page(page);
	pcp = &zone->pcp[arch_cpu_id()];
	if (!pcp->high)
		KT_SKIP(t, "per-CPU lists disabled in this zone");

	drain_local_pages(zone);
	KT_EXPECT_EQ(t, pcp->count, 0);
	free = zone->free_pages;
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, page);
	if (page_zone(page) == zone) {
		/* batch pages left the buddy lists; one of them is ours. */
		KT_EXPECT_EQ(t, pcp->count, pcp->batch - 1);
		KT_EXPECT_EQ(t, zone->free_pages, free - pcp->batch);
	}
	BUDDY_CHECK(t);
	__free_page(page);
	BUDDY_CHECK(t);

	for (n = 0; n < N; n++) {
		pages[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!pages[n])
			break;
	}
	KT_EXPECT_EQ(t, n, N);
	for (i = 0; i < n; i++) {
		__free_page(pages[i]);
		KT_EXPECT_LT(t, pcp->count, pcp->high);
	}
	BUDDY_CHECK(t);
	drain_local_pages(zone);
	KT_EXPECT_EQ(t, pcp->count, 0);
	drain_all_pages(NULL);
	for_each_zone(zone)
		KT_EXPECT_EQ(t, zone_pcp_pages(zone), 0);
	BUDDY_CHECK(t);
}

KTEST(buddy, gfp_zero)
{
	unsigned int order;

	for (order = 0; order <= 4; order += 2) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		unsigned char *p;
		unsigned long i, n = PAGE_SIZE << order;
		bool zero = true;

		KT_ASSERT_NOT_NULL(t, page);
		memset(page_address(page), 0xa5, n);
		__free_pages(page, order);
		page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
		KT_ASSERT_NOT_NULL(t, page);
		p = page_address(page);
		for (i = 0; i < n; i++)
			zero &= p[i] == 0;
		KT_EXPECT_TRUE(t, zero);
		__free_pages(page, order);
		BUDDY_CHECK(t);
	}
	{
		unsigned long addr = get_zeroed_page(GFP_KERNEL);
		const unsigned long *w = (const unsigned long *)addr;
		bool zero = true;
		unsigned long i;

		KT_ASSERT_NE(t, addr, 0);
		for (i = 0; i < PAGE_SIZE / sizeof(*w); i++)
			zero &= w[i] == 0;
		KT_EXPECT_TRUE(t, zero);
		free_page(addr);
	}
}

KTEST(buddy, compound_head_and_tails)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	unsigned long i;

	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_TRUE(t, PageHead(page));
	KT_EXPECT_FALSE(t, PageTail(page));
	KT_EXPECT_EQ(t, compound_order(page), 3);
	KT_EXPECT_TRUE(t, compound_head(page) == page);
	for (i = 1; i < 8; i++) {
		KT_EXPECT_TRUE(t, PageTail(page + i));
		KT_EXPECT_TRUE(t, compound_head(page + i) == page);
		KT_EXPECT_EQ(t, compound_order(page + i), 0);
	}
	BUDDY_CHECK(t);
	__free_pages(page, 3);
	for (i = 0; i < 8; i++)
		KT_EXPECT_FALSE(t, PageHead(page + i) || PageTail(page + i));
	BUDDY_CHECK(t);

	/* Order 0 with __GFP_COMP is an ordinary page. */
	page = alloc_pages(GFP_KERNEL | __GFP_COMP, 0);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_FALSE(t, PageHead(page));
	KT_EXPECT_EQ(t, compound_order(page), 0);
	__free_page(page);

	/* The largest compound page. */
	page = alloc_pages(GFP_KERNEL | __GFP_COMP | __GFP_NOWARN, MAX_ORDER);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_EQ(t, compound_order(page), MAX_ORDER);
	KT_EXPECT_TRUE(t, compound_head(page + (1UL << MAX_ORDER) - 1) == page);
	__free_pages(page, MAX_ORDER);
	BUDDY_CHECK(t);
}

KTEST(buddy, address_forms)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);
	struct page *page;

	KT_ASSERT_NE(t, addr, 0);
	KT_EXPECT_TRUE(t, IS_ALIGNED(addr, PAGE_SIZE << 2));
	page = virt_to_page((void *)addr);
	KT_EXPECT_EQ(t, (unsigned long)page_address(page), addr);
	KT_EXPECT_TRUE(t, pfn_valid(page_to_pfn(page)));
	free_pages(addr, 2);
	free_pages(0, 3);		/* a no-op, as in Linux */
	__free_pages(NULL, 0);		/* likewise */
	addr = __get_free_page(GFP_KERNEL);
	KT_ASSERT_NE(t, addr, 0);
	free_page(addr);
	BUDDY_CHECK(t);
}

/* Zone modifiers: DMA32 memory is below 4 GiB; __GFP_DMA never above. */
KTEST(buddy, zone_modifiers)
{
	struct zone *zone;
	bool have_dma32 = false;
	struct page *page;

	for_each_populated_zone(zone)
		if (zone_idx(zone) <= ZONE_DMA32 && zone->managed_pages)
			have_dma32 = true;
	if (!have_dma32)
		KT_SKIP(t, "no memory below 4 GiB");

	page = alloc_pages(GFP_DMA32, 1);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_LE(t, page_zonenum(page), ZONE_DMA32);
	KT_EXPECT_LT(t, page_to_phys(page) + 2 * PAGE_SIZE - 1, SZ_4G);
	__free_pages(page, 1);

	page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0);
	if (page) {
		KT_EXPECT_LE(t, page_zonenum(page),
			     zone_type_configured[ZONE_DMA] ? ZONE_DMA : ZONE_DMA32);
		__free_page(page);
	}
	BUDDY_CHECK(t);
}

/* A request that cannot be met returns NULL and changes no count. */
KTEST(buddy, impossible_request_changes_nothing)
{
	struct buddy_snapshot before, after;
	unsigned long fails = nr_page_alloc_failures();

	snapshot(&before);
	KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER + 1));
	KT_EXPECT_EQ(t, __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 20), 0);
	snapshot(&after);
	KT_EXPECT_TRUE(t, snapshot_equal(&before, &after));
	KT_EXPECT_EQ(t, nr_page_alloc_failures(), fails + 2);
	BUDDY_CHECK(t);
}

/* The totals agree with each other and with the zones. */
KTEST(buddy, counters_agree)
{
	unsigned long free = 0, managed = 0, present = 0;
	struct zone *zone;

	for_each_zone(zone) {
		free += zone_free_pages(zone);
		managed += zone->managed_pages;
		present += zone->present_pages;
		KT_EXPECT_LE(t, zone->managed_pages, zone->present_pages);
		KT_EXPECT_LE(t, zone->present_pages, zone->spanned_pages);
		KT_EXPECT_LE(t, min_wmark_pages(zone), low_wmark_pages(zone));
		KT_EXPECT_LE(t, low_wmark_pages(zone), high_wmark_pages(zone));
	}
	KT_EXPECT_EQ(t, free, nr_free_pages());
	KT_EXPECT_EQ(t, managed, totalram_pages());
	KT_EXPECT_LE(t, nr_free_pages(), totalram_pages());
	KT_EXPECT_GE(t, min_free_kbytes, 128);
	KT_EXPECT_LE(t, min_free_kbytes, 262144);
}

/*
 * Take every page the allocator will give (order 0, the pages chained
 * through their own first word), then give them all back: the free count
 * and every zone's free lists must come back exactly, and the allocator
 * must have handed out all but what the watermarks hold back.
 */
KTEST(buddy, alloc_every_free_page)
{
	unsigned long start_free = nr_free_pages(), got = 0, reserve = 0;
	void *chain = NULL, *next;
	struct zone *zone;
	struct page *page;

	while ((page = alloc_pages(GFP_KERNEL | __GFP_HIGH | __GFP_NOWARN, 0))) {
		void **p = page_address(page);

		*p = chain;
		chain = p;
		got++;
	}
	BUDDY_CHECK(t);
	/* What min and the lower zones' lowmem reserves keep back. */
	for_each_zone(zone) {
		long protect = 0;

		for (unsigned int z = 0; z < MAX_NR_ZONES; z++)
			protect = max(protect, zone->lowmem_reserve[z]);
		reserve += min_wmark_pages(zone) + (unsigned long)protect;
	}
	KT_EXPECT_GT(t, got, 0);
	KT_EXPECT_LE(t, got, start_free);
	KT_EXPECT_GE(t, got + reserve + 64 * NR_CPUS, start_free);

	for (; chain; chain = next) {
		next = *(void **)chain;
		free_page((unsigned long)chain);
	}
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), start_free);
	BUDDY_CHECK(t);
}
