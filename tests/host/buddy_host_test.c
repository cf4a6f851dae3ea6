// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Buddy allocator tests that need a known machine: each case builds fake
 * memory (host_mem_map + memblock), runs the real boot steps
 * (zones_init() then memblock_free_all()) and checks exact numbers, the
 * boot log, the reports' text, and long random runs against a shadow map.
 * Also installs the machine the generic "buddy" suite runs on.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <asm/cpu.h>
#include "host.h"

/* From tests/host/host_arch.c and tests/unit/buddy_test.c. */
extern unsigned long host_max_zone_pfn[MAX_NR_ZONES];
extern bool host_zone_limits_override;
extern bool host_vmemmap_populate_fail;
extern void (*buddy_test_machine_setup)(void);

#define BUDDY_CHECK(t)	KT_EXPECT_SEQ(t, buddy_check(), 0)
#define K(pages)	((pages) << (PAGE_SHIFT - 10))

struct bank {
	phys_addr_t base, size;
	int nid;		/* -1: memblock_add() (no node) */
};

struct range {
	phys_addr_t base, size;
};

/*
 * Build a machine: banks of memory, reserved ranges, then the boot steps.
 * Returns zones_init()'s result (memblock_free_all() runs only if 0).
 * The boot log of the machine is left in host_log().
 */
static int machine(const struct bank *banks, int nbanks,
		   const struct range *rsv, int nrsv)
{
	bool echo = host_log_echo;
	int i, err;

	host_log_echo = false;
	host_cpu_id = 0;
	host_mem_reset();
	memblock_reset();
	for (i = 0; i < nbanks; i++) {
		host_mem_map(banks[i].base, banks[i].size);
		if (banks[i].nid < 0)
			memblock_add(banks[i].base, banks[i].size);
		else
			memblock_add_node(banks[i].base, banks[i].size,
					  banks[i].nid, MEMBLOCK_NONE);
	}
	for (i = 0; i < nrsv; i++)
		memblock_reserve(rsv[i].base, rsv[i].size);
	host_log_clear();
	err = zones_init();
	if (!err)
		memblock_free_all();
	host_log_echo = echo;
	return err;
}

/* The default machine: 64 MiB in DMA32, 64 MiB in Normal, firmware and
 * a kernel image reserved, as OpenSBI + Arbor would leave it. */
static const struct bank default_banks[] = {
	{ 0x80000000, 64 * SZ_1M, -1 },
	{ 0x100000000, 64 * SZ_1M, -1 },
};
static const struct range default_rsv[] = {
	{ 0x80000000, 512 * SZ_1K },	/* OpenSBI */
	{ 0x80200000, 2 * SZ_1M },	/* kernel */
};

static void default_machine(void)
{
	host_zone_limits_override = false;
	host_vmemmap_populate_fail = false;
	if (machine(default_banks, ARRAY_SIZE(default_banks), default_rsv,
		    ARRAY_SIZE(default_rsv)))
		abort();
}

__attribute__((constructor)) static void install_generic_machine(void)
{
	buddy_test_machine_setup = default_machine;
}

static void host_suite_init(struct ktest_ctx *t)
{
	(void)t;
	host_zone_limits_override = false;
	host_vmemmap_populate_fail = false;
	host_cpu_id = 0;
}

static void host_suite_exit(struct ktest_ctx *t)
{
	(void)t;
	host_zone_limits_override = false;
	host_vmemmap_populate_fail = false;
	host_cpu_id = 0;
	host_log_echo = true;
}

KTEST_SUITE(buddy_host, host_suite_init, host_suite_exit);

/* ---- helpers ---- */

/* The captured log without "[    0.000000] " prefixes (static buffer). */
static const char *plain_log(void)
{
	static char buf[1 << 20];
	const char *s = host_log();
	size_t n = 0;

	while (*s && n < sizeof(buf) - 1) {
		if (*s == '[' && (s == host_log() || s[-1] == '\n')) {
			const char *e = strstr(s, "] ");

			if (e) {
				s = e + 2;
				continue;
			}
		}
		buf[n++] = *s++;
	}
	buf[n] = '\0';
	return buf;
}

static bool log_has(const char *text)
{
	return strstr(plain_log(), text) != NULL;
}

static unsigned long count_in_log(const char *text)
{
	const char *s = plain_log();
	unsigned long n = 0;

	while ((s = strstr(s, text))) {
		n++;
		s += strlen(text);
	}
	return n;
}

static struct zone *zone_of(int nid, enum zone_type z)
{
	return &NODE_DATA(nid)->node_zones[z];
}

/* Chain allocated blocks through page->lru (the owner's to use). */
struct held {
	struct list_head list;
	unsigned long pages;
};

static void held_init(struct held *h)
{
	INIT_LIST_HEAD(&h->list);
	h->pages = 0;
}

static void hold(struct held *h, struct page *page, unsigned int order)
{
	page->private = order;	/* ours while allocated */
	list_add(&page->lru, &h->list);
	h->pages += 1UL << order;
}

static void release_all(struct held *h)
{
	while (!list_empty(&h->list)) {
		struct page *page = list_first_entry(&h->list, struct page, lru);
		unsigned int order = page->private;

		list_del(&page->lru);
		page->private = 0;
		__free_pages(page, order);
	}
	h->pages = 0;
}

/* Sum of pages in [spfn, epfn) with PG_reserved set. */
static unsigned long count_reserved(unsigned long spfn, unsigned long epfn)
{
	unsigned long pfn, n = 0;

	for (pfn = spfn; pfn < epfn; pfn++)
		if (pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)))
			n++;
	return n;
}

/* ---- boot: lines, memmap, handoff ---- */

KTEST(buddy_host, boot_lines_linux_format)
{
	static const struct bank banks[] = { { 0x80000000, 0x400000000, -1 } };

	KT_ASSERT_SEQ(t, machine(banks, 1, NULL, 0), 0);
	KT_EXPECT_TRUE(t, log_has(
		"Zone ranges:\n"
		"  DMA32    [mem 0x0000000080000000-0x00000000ffffffff]\n"
		"  Normal   [mem 0x0000000100000000-0x000000047fffffff]\n"
		"Movable zone start for each node\n"
		"Early memory node ranges\n"
		"  node   0: [mem 0x0000000080000000-0x000000047fffffff]\n"
		"Initmem setup node 0 [mem 0x0000000080000000-0x000000047fffffff]\n"));
	KT_EXPECT_TRUE(t, log_has("Fallback order for Node 0: 0 \n"));
	KT_EXPECT_TRUE(t, log_has("Built 1 zonelists, mobility grouping on.  Total pages: "));
	KT_EXPECT_FALSE(t, log_has("  DMA "));
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA32)->spanned_pages, 0x80000);
	KT_EXPECT_EQ(t, zone_of(0, ZONE_NORMAL)->spanned_pages, 0x380000);
	KT_EXPECT_EQ(t, zone_of(0, ZONE_NORMAL)->zone_start_pfn, 0x100000);
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA)->present_pages, 0);
	BUDDY_CHECK(t);
}

KTEST(buddy_host, normal_zone_empty)
{
	static const struct bank banks[] = { { 0x80000000, SZ_1G, -1 } };

	KT_ASSERT_SEQ(t, machine(banks, 1, NULL, 0), 0);
	KT_EXPECT_TRUE(t, log_has(
		"  DMA32    [mem 0x0000000080000000-0x00000000bfffffff]\n"
		"  Normal   empty\n"));
	KT_EXPECT_FALSE(t, populated_zone(zone_of(0, ZONE_NORMAL)));
	/* A Normal request falls back to DMA32. */
	{
		struct page *page = alloc_page(GFP_KERNEL);

		KT_ASSERT_NOT_NULL(t, page);
		KT_EXPECT_EQ(t, page_zonenum(page), ZONE_DMA32);
		__free_page(page);
	}
	BUDDY_CHECK(t);
}

/* An arch may give limits past the end of memory: they are capped. */
KTEST(buddy_host, zone_limits_capped_at_end_of_memory)
{
	static const struct bank banks[] = { { 0x80000000, SZ_1G, -1 } };

	host_zone_limits_override = true;
	host_max_zone_pfn[ZONE_DMA] = 0;
	host_max_zone_pfn[ZONE_DMA32] = PHYS_PFN(SZ_4G);
	host_max_zone_pfn[ZONE_NORMAL] = ULONG_MAX;
	KT_ASSERT_SEQ(t, machine(banks, 1, NULL, 0), 0);
	KT_EXPECT_TRUE(t, log_has(
		"Zone ranges:\n"
		"  DMA32    [mem 0x0000000080000000-0x00000000bfffffff]\n"
		"  Normal   empty\n"));
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA32)->spanned_pages, SZ_1G / PAGE_SIZE);
	BUDDY_CHECK(t);
}

/* x86-64's zones: DMA below 16 MiB, and memory starting at 4 KiB. */
KTEST(buddy_host, x86_zone_layout)
{
	static const struct bank banks[] = {
		{ 0x1000, 0x9e000, -1 },
		{ 0x100000, 511 * SZ_1M, -1 },
	};
	struct page *page;

	host_zone_limits_override = true;
	host_max_zone_pfn[ZONE_DMA] = PHYS_PFN(SZ_16M);
	host_max_zone_pfn[ZONE_DMA32] = PHYS_PFN(SZ_512M);
	host_max_zone_pfn[ZONE_NORMAL] = PHYS_PFN(SZ_512M);
	KT_ASSERT_SEQ(t, machine(banks, 2, NULL, 0), 0);
	KT_EXPECT_TRUE(t, log_has(
		"Zone ranges:\n"
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]\n"
		"  DMA32    [mem 0x0000000001000000-0x000000001fffffff]\n"
		"  Normal   empty\n"));
	KT_EXPECT_TRUE(t, log_has(
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]\n"
		"  node   0: [mem 0x0000000000100000-0x000000001fffffff]\n"));
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA)->present_pages, 0x9e + 0xf00);
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA)->spanned_pages, 0xfff);

	page = alloc_pages(GFP_DMA, 2);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_EQ(t, page_zonenum(page), ZONE_DMA);
	KT_EXPECT_LT(t, page_to_phys(page), SZ_16M);
	__free_pages(page, 2);
	/* DMA is protected from DMA32 requests by its lowmem reserve. */
	KT_EXPECT_GT(t, zone_of(0, ZONE_DMA)->lowmem_reserve[ZONE_DMA32], 0);
	BUDDY_CHECK(t);
}

KTEST(buddy_host, memory_line_arithmetic)
{
	unsigned long avail, total, code, rw, ro, init, bss, rsv, cma;
	const char *line;
	int n;

	default_machine();
	line = strstr(plain_log(), "Memory: ");
	KT_ASSERT_NOT_NULL(t, line);
	n = sscanf(line, "Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved)",
		   &avail, &total, &code, &rw, &ro, &init, &bss, &rsv, &cma);
	KT_ASSERT_EQ(t, n, 9);
	KT_EXPECT_EQ(t, avail + rsv, total);
	KT_EXPECT_LE(t, code + rw + ro + init + bss, rsv);
	KT_EXPECT_EQ(t, total, 128 * 1024);
	KT_EXPECT_EQ(t, avail, K(totalram_pages()));
	/* The host's stand-in image (tests/host/host_arch.c). */
	KT_EXPECT_EQ(t, code, 24);
	KT_EXPECT_EQ(t, ro, 8);
	KT_EXPECT_EQ(t, init, 4);
	KT_EXPECT_EQ(t, rw, 8);
	KT_EXPECT_EQ(t, bss, 20);
	KT_EXPECT_EQ(t, cma, 0);
	/* Reserved: firmware + kernel + what memblock allocated for the
	 * node data and pageblock bitmaps, in whole pages. */
	KT_EXPECT_GE(t, rsv * 1024, memblock_reserved_size());
	KT_EXPECT_LT(t, rsv * 1024, memblock_reserved_size() +
				    2 * memblock.reserved.cnt * PAGE_SIZE);
	/* Printing it again gives the same line. */
	{
		char first[256];
		size_t n = strchr(line, '\n') - line;

		KT_ASSERT_LE(t, n, sizeof(first) - 1);
		memcpy(first, line, n);
		first[n] = '\0';
		host_log_clear();
		mem_init_print_info();
		KT_EXPECT_TRUE(t, log_has(first));
	}
}

/* PG_reserved on exactly what memblock kept; NOMAP memory flagged too. */
KTEST(buddy_host, handoff_reserved_and_nomap)
{
	static const struct bank banks[] = { { 0x80000000, 128 * SZ_1M, -1 } };
	static const struct range rsv[] = { { 0x80200000, 3 * SZ_1M + 5 } };
	unsigned long spfn = PHYS_PFN(0x80000000), epfn = PHYS_PFN(0x88000000);
	unsigned long pfn, nomap_pfn = PHYS_PFN(0x84000000);
	struct zone *zone;

	host_log_echo = false;
	host_mem_reset();
	memblock_reset();
	host_mem_map(banks[0].base, banks[0].size);
	memblock_add(banks[0].base, banks[0].size);
	memblock_reserve(rsv[0].base, rsv[0].size);
	memblock_mark_nomap(0x84000000, SZ_2M);
	KT_ASSERT_SEQ(t, zones_init(), 0);
	memblock_free_all();
	host_log_echo = true;

	zone = zone_of(0, ZONE_DMA32);
	KT_EXPECT_EQ(t, zone->present_pages, epfn - spfn);
	KT_EXPECT_EQ(t, zone->managed_pages + count_reserved(spfn, epfn),
		     zone->present_pages);
	/* The partial last page of the reservation stays reserved. */
	KT_EXPECT_TRUE(t, PageReserved(phys_to_page(0x80200000 + 3 * SZ_1M)));
	KT_EXPECT_FALSE(t, PageReserved(phys_to_page(0x80200000 + 3 * SZ_1M + PAGE_SIZE)));
	for (pfn = nomap_pfn; pfn < nomap_pfn + 512; pfn++) {
		struct page *page = pfn_to_page(pfn);

		KT_EXPECT_TRUE(t, PageReserved(page) && PageNomap(page));
		if (!PageNomap(page))
			break;
	}
	KT_EXPECT_FALSE(t, PageNomap(pfn_to_page(nomap_pfn - 1)));
	KT_EXPECT_FALSE(t, PageNomap(pfn_to_page(nomap_pfn + 512)));
	for (pfn = spfn; pfn < epfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page_zonenum(page) != ZONE_DMA32 || page_to_nid(page) != 0)
			break;
	}
	KT_EXPECT_EQ(t, pfn, epfn);
	BUDDY_CHECK(t);
}

/* Icicle Kit: 1 GiB at 2 GiB and 1 GiB at 65 GiB; the hole has no memmap. */
KTEST(buddy_host, two_banks_far_apart)
{
	static const struct bank banks[] = {
		{ 0x80000000, SZ_1G, -1 },
		{ 0x1040000000, SZ_1G, -1 },
	};
	struct zone *normal;
	struct page *page;

	KT_ASSERT_SEQ(t, machine(banks, 2, NULL, 0), 0);
	KT_EXPECT_TRUE(t, log_has(
		"  DMA32    [mem 0x0000000080000000-0x00000000ffffffff]\n"
		"  Normal   [mem 0x0000000100000000-0x000000107fffffff]\n"));
	KT_EXPECT_TRUE(t, log_has(
		"  node   0: [mem 0x0000000080000000-0x00000000bfffffff]\n"
		"  node   0: [mem 0x0000001040000000-0x000000107fffffff]\n"
		"Initmem setup node 0 [mem 0x0000000080000000-0x000000107fffffff]\n"));
	/* 2 x 262144 pages x 32 bytes: 16 MiB, not the 496 MiB of the span. */
	KT_EXPECT_EQ(t, vmemmap_populated_bytes, 2 * (SZ_1G / PAGE_SIZE) * sizeof(struct page));
	normal = zone_of(0, ZONE_NORMAL);
	KT_EXPECT_EQ(t, normal->spanned_pages, PHYS_PFN(0x1080000000 - 0x100000000));
	KT_EXPECT_EQ(t, normal->present_pages, SZ_1G / PAGE_SIZE);
	KT_EXPECT_FALSE(t, pfn_valid(PHYS_PFN(0xc0000000)));
	KT_EXPECT_FALSE(t, pfn_valid(PHYS_PFN(0x103fffffff)));
	KT_EXPECT_TRUE(t, pfn_valid(PHYS_PFN(0x1040000000)));

	page = alloc_pages(GFP_KERNEL, MAX_ORDER);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_GE(t, page_to_phys(page), 0x1040000000);
	KT_EXPECT_TRUE(t, page_zone(page) == normal);
	BUDDY_CHECK(t);
	__free_pages(page, MAX_ORDER);
	page = alloc_pages(GFP_DMA32, 5);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_LT(t, page_to_phys(page), 0xc0000000);
	__free_pages(page, 5);
	BUDDY_CHECK(t);
}

KTEST(buddy_host, two_numa_nodes)
{
	static const struct bank banks[] = {
		{ 0x80000000, SZ_1G, 0 },
		{ 0x100000000, SZ_1G, 1 },
	};
	struct page *page;

	KT_ASSERT_SEQ(t, machine(banks, 2, NULL, 0), 0);
	KT_EXPECT_TRUE(t, log_has(
		"  node   0: [mem 0x0000000080000000-0x00000000bfffffff]\n"
		"  node   1: [mem 0x0000000100000000-0x000000013fffffff]\n"
		"Initmem setup node 0 [mem 0x0000000080000000-0x00000000bfffffff]\n"
		"Initmem setup node 1 [mem 0x0000000100000000-0x000000013fffffff]\n"));
	KT_EXPECT_TRUE(t, log_has("Fallback order for Node 0: 0 1 \n"
				  "Fallback order for Node 1: 1 0 \n"
				  "Built 2 zonelists"));
	KT_ASSERT_TRUE(t, node_online(0) && node_online(1));
	KT_EXPECT_FALSE(t, populated_zone(zone_of(0, ZONE_NORMAL)));
	KT_EXPECT_FALSE(t, populated_zone(zone_of(1, ZONE_DMA32)));
	KT_EXPECT_TRUE(t, NODE_DATA(1)->node_zonelist[0] == zone_of(1, ZONE_NORMAL));
	KT_EXPECT_TRUE(t, NODE_DATA(1)->node_zonelist[1] == zone_of(0, ZONE_DMA32));
	KT_EXPECT_TRUE(t, NODE_DATA(1)->node_zonelist[2] == NULL);

	page = alloc_pages_node(1, GFP_KERNEL, 0);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_EQ(t, page_to_nid(page), 1);
	__free_page(page);
	page = alloc_pages_node(0, GFP_KERNEL, 3);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_EQ(t, page_to_nid(page), 0);
	__free_pages(page, 3);
	/* Node 1 has nothing below 4 GiB: DMA32 comes from node 0. */
	page = alloc_pages_node(1, GFP_DMA32, 0);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_EQ(t, page_to_nid(page), 0);
	__free_page(page);
	KT_EXPECT_EQ(t, totalram_pages(), zone_of(0, ZONE_DMA32)->managed_pages +
					 zone_of(1, ZONE_NORMAL)->managed_pages);
	BUDDY_CHECK(t);
}

/* Two nodes interleaved inside DMA32: zone spans stay per node. */
KTEST(buddy_host, two_nodes_same_zone_type)
{
	static const struct bank banks[] = {
		{ 0x80000000, 256 * SZ_1M, 0 },
		{ 0x90000000, 256 * SZ_1M, 1 },
		{ 0xa0000000, 256 * SZ_1M, 0 },
	};
	struct page *page;
	int i;

	KT_ASSERT_SEQ(t, machine(banks, 3, NULL, 0), 0);
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA32)->spanned_pages, PHYS_PFN(0x30000000));
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA32)->present_pages, PHYS_PFN(0x20000000));
	KT_EXPECT_EQ(t, zone_of(1, ZONE_DMA32)->present_pages, PHYS_PFN(0x10000000));
	BUDDY_CHECK(t);
	for (i = 0; i < 20; i++) {
		page = alloc_pages_node(i & 1, GFP_KERNEL | __GFP_MOVABLE, i % 11);
		KT_ASSERT_NOT_NULL(t, page);
		KT_EXPECT_EQ(t, page_to_nid(page), i & 1);
		__free_pages(page, i % 11);
	}
	BUDDY_CHECK(t);
}

KTEST(buddy_host, boot_errors)
{
	static const struct bank banks[] = { { 0x80000000, 64 * SZ_1M, -1 } };

	host_log_echo = false;
	host_mem_reset();
	memblock_reset();
	KT_EXPECT_SEQ(t, zones_init(), -ENOMEM);
	KT_EXPECT_TRUE(t, log_has("Initmem: memblock holds no whole page of memory"));

	host_vmemmap_populate_fail = true;
	KT_EXPECT_SEQ(t, machine(banks, 1, NULL, 0), -ENOMEM);
	KT_EXPECT_TRUE(t, log_has("vmemmap: cannot back"));
	host_vmemmap_populate_fail = false;
	host_log_echo = true;
}

/* ---- splitting, merging, exhaustion ---- */

/*
 * With the per-CPU lists off, an order-k request splits the smallest
 * larger movable block K: one block fewer at K, one more at each of
 * k..K-1; freeing it merges everything back.
 */
KTEST(buddy_host, split_and_merge_exact)
{
	unsigned int k;

	default_machine();
	for (k = 0; k <= MAX_ORDER; k++) {
		struct zone *zone = zone_of(0, ZONE_NORMAL);
		unsigned long before[NR_PAGE_ORDERS];
		unsigned int o, big = NR_PAGE_ORDERS;
		struct page *page;

		zone_pcp_disable(zone);
		zone_pcp_disable(zone_of(0, ZONE_DMA32));
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			before[o] = zone->free_area[o].nr_free;
		for (o = k; o < NR_PAGE_ORDERS && big == NR_PAGE_ORDERS; o++)
			if (!list_empty(&zone->free_area[o].free_list[MIGRATE_MOVABLE]))
				big = o;
		KT_ASSERT_LE(t, big, MAX_ORDER);

		page = alloc_pages(GFP_USER, k);
		KT_ASSERT_NOT_NULL(t, page);
		KT_EXPECT_TRUE(t, page_zone(page) == zone);
		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			unsigned long want = before[o];

			if (o == big)
				want--;
			else if (o >= k && o < big)
				want++;
			KT_EXPECT_EQ(t, zone->free_area[o].nr_free, want);
		}
		BUDDY_CHECK(t);
		__free_pages(page, k);
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			KT_EXPECT_EQ(t, zone->free_area[o].nr_free, before[o]);
		BUDDY_CHECK(t);
	}
}

/* Merge across every order, page by page, back to one MAX_ORDER block. */
KTEST(buddy_host, merge_page_by_page)
{
	struct zone *zone;
	struct page *block;
	unsigned long i, n = 1UL << MAX_ORDER, before, snap[NR_PAGE_ORDERS];

	default_machine();
	zone = zone_of(0, ZONE_NORMAL);
	zone_pcp_disable(zone);
	for (i = 0; i <= MAX_ORDER; i++)
		snap[i] = zone->free_area[i].nr_free;
	before = zone->free_area[MAX_ORDER].nr_free;
	block = alloc_pages(GFP_USER, MAX_ORDER);
	KT_ASSERT_NOT_NULL(t, block);
	KT_EXPECT_EQ(t, zone->free_area[MAX_ORDER].nr_free, before - 1);
	/* Free it as 1024 single pages, in a scrambled order. */
	for (i = 0; i < n; i++) {
		unsigned long j = (i * 389) % n;	/* 389 is odd: a permutation */

		__free_page(block + j);
		if (i % 64 == 63)
			BUDDY_CHECK(t);
	}
	for (i = 0; i <= MAX_ORDER; i++)
		KT_EXPECT_EQ(t, zone->free_area[i].nr_free, snap[i]);
	BUDDY_CHECK(t);
}

/*
 * Exhaust the machine with every order from large to small, prove a
 * further request fails without changing a count, dip below min with
 * __GFP_HIGH, then give everything back: the free lists are exactly as
 * they were at boot.
 */
KTEST(buddy_host, exhaustion_and_recovery)
{
	unsigned long start_free, fails;
	struct held h;
	struct zone *zone;
	unsigned long zone_free[MAX_NR_ZONES];
	int order;

	default_machine();
	drain_all_pages(NULL);
	start_free = nr_free_pages();
	held_init(&h);
	for (order = MAX_ORDER; order >= 0; order--) {
		struct page *page;

		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order)))
			hold(&h, page, order);
	}
	BUDDY_CHECK(t);
	KT_EXPECT_EQ(t, nr_free_pages() + h.pages, start_free);
	for_each_populated_zone(zone) {
		/* Down to min (plus reserve) in every zone: */
		KT_EXPECT_LE(t, zone->free_pages, min_wmark_pages(zone) +
			     zone->lowmem_reserve[ZONE_NORMAL]);
		zone_free[zone_idx(zone)] = zone_free_pages(zone);
	}

	/* Failure changes nothing but the failure counter. */
	fails = nr_page_alloc_failures();
	KT_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4));
	KT_EXPECT_EQ(t, nr_page_alloc_failures(), fails + 2);
	KT_EXPECT_EQ(t, nr_free_pages() + h.pages, start_free);
	for_each_populated_zone(zone)
		KT_EXPECT_EQ(t, zone_free_pages(zone), zone_free[zone_idx(zone)]);
	BUDDY_CHECK(t);

	/* __GFP_HIGH gets more. */
	{
		unsigned long got = 0;
		struct page *page;

		while ((page = alloc_page(GFP_ATOMIC | __GFP_NOWARN))) {
			hold(&h, page, 0);
			got++;
		}
		KT_EXPECT_GT(t, got, 0);
	}
	BUDDY_CHECK(t);

	release_all(&h);
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), start_free);
	BUDDY_CHECK(t);
	/* And the allocator works as before. */
	{
		struct page *page = alloc_pages(GFP_KERNEL, MAX_ORDER);

		KT_EXPECT_NOT_NULL(t, page);
		if (page)
			__free_pages(page, MAX_ORDER);
	}
}

/* ---- zones, watermarks, fallback ---- */

/* Linux's formulas, recomputed here from managed pages. */
KTEST(buddy_host, watermark_values)
{
	unsigned long managed = 0, kb, mfk, pages_min;
	struct zone *zone;

	default_machine();
	for_each_zone(zone)
		managed += zone->managed_pages;
	kb = K(managed);
	/* sqrt by search: the largest s with s*s <= kb*16 */
	for (mfk = 0; (mfk + 1) * (mfk + 1) <= kb * 16; mfk++)
		;
	mfk = clamp(mfk, 128UL, 262144UL);
	KT_EXPECT_EQ(t, min_free_kbytes, mfk);
	pages_min = mfk / 4;
	for_each_populated_zone(zone) {
		unsigned long min = pages_min * zone->managed_pages / managed;
		unsigned long gap = max(min / 4, zone->managed_pages * 10 / 10000);
		unsigned long batch;

		KT_EXPECT_EQ(t, min_wmark_pages(zone), min);
		KT_EXPECT_EQ(t, low_wmark_pages(zone), min + gap);
		KT_EXPECT_EQ(t, high_wmark_pages(zone), min + 2 * gap);
		batch = max((zone->managed_pages >> 10) / 4, 1UL);
		batch = (1UL << ilog2_u64(batch + batch / 2)) - 1;
		KT_EXPECT_EQ(t, zone->pageset_batch, max(batch, 1UL));
		KT_EXPECT_EQ(t, zone->pageset_high, 6 * zone->pageset_batch);
		KT_EXPECT_EQ(t, zone->pcp[3].high, zone->pageset_high);
	}
	/* DMA32 protected from Normal requests by managed(Normal) / 256. */
	KT_EXPECT_EQ(t, zone_of(0, ZONE_DMA32)->lowmem_reserve[ZONE_NORMAL],
		     zone_of(0, ZONE_NORMAL)->managed_pages / 256);
	KT_EXPECT_EQ(t, zone_of(0, ZONE_NORMAL)->lowmem_reserve[ZONE_NORMAL], 0);
}

/*
 * One zone, per-CPU lists off: order-0 requests stop exactly at min;
 * __GFP_HIGH goes on to min - min/2; a larger order stops earlier.
 */
KTEST(buddy_host, watermark_min_and_gfp_high)
{
	static const struct bank banks[] = { { 0x80000000, 32 * SZ_1M, -1 } };
	struct zone *zone;
	struct held h;
	struct page *page;
	unsigned long min;

	KT_ASSERT_SEQ(t, machine(banks, 1, NULL, 0), 0);
	zone = zone_of(0, ZONE_DMA32);
	zone_pcp_disable(zone);
	min = min_wmark_pages(zone);
	KT_ASSERT_GE(t, min, 9);
	held_init(&h);

	/* Order 4 stops once free - 15 <= min (or no order-4 block is left). */
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4)))
		hold(&h, page, 4);
	{
		bool big = false;
		unsigned int o;

		for (o = 4; o <= MAX_ORDER; o++)
			big |= zone->free_area[o].nr_free != 0;
		KT_EXPECT_TRUE(t, zone->free_pages - 15 <= min || !big);
	}
	KT_EXPECT_GE(t, zone->free_pages, min);
	BUDDY_CHECK(t);

	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		hold(&h, page, 0);
	KT_EXPECT_EQ(t, zone->free_pages, min);
	BUDDY_CHECK(t);

	while ((page = alloc_page(GFP_ATOMIC | __GFP_NOWARN)))
		hold(&h, page, 0);
	KT_EXPECT_EQ(t, zone->free_pages, min - min / 2);
	BUDDY_CHECK(t);

	release_all(&h);
	KT_EXPECT_EQ(t, zone->free_pages, zone->managed_pages);
	BUDDY_CHECK(t);
}

/*
 * Normal requests use Normal first, fall back to DMA32 when Normal is at
 * its watermark, and leave DMA32's lowmem reserve for DMA32 requests.
 */
KTEST(buddy_host, zone_fallback)
{
	struct zone *normal, *dma32;
	struct held h;
	struct page *page;
	unsigned long n = 0;

	default_machine();
	normal = zone_of(0, ZONE_NORMAL);
	dma32 = zone_of(0, ZONE_DMA32);
	held_init(&h);
	for (;;) {
		page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		KT_ASSERT_NOT_NULL(t, page);
		hold(&h, page, 0);
		if (page_zone(page) == dma32)
			break;
		n++;
	}
	/* Normal gave pages until its low watermark, then DMA32 took over. */
	KT_EXPECT_GT(t, n, normal->managed_pages / 2);
	KT_EXPECT_LE(t, normal->free_pages, low_wmark_pages(normal) + normal->pageset_batch);

	/* Normal requests drain both zones down to their limits... */
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		hold(&h, page, 0);
	KT_EXPECT_LE(t, dma32->free_pages,
		     min_wmark_pages(dma32) + dma32->lowmem_reserve[ZONE_NORMAL]);
	KT_EXPECT_GT(t, dma32->free_pages, min_wmark_pages(dma32));
	BUDDY_CHECK(t);
	/* ...but the DMA32 reserve is still there for a DMA32 request. */
	page = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_TRUE(t, page_zone(page) == dma32);
	hold(&h, page, 0);
	BUDDY_CHECK(t);
	release_all(&h);
	BUDDY_CHECK(t);
}

/* ---- migratetypes ---- */

static unsigned long blocks_of_type(struct zone *zone, int mt)
{
	unsigned long pfn, n = 0;

	for (pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
		if (pfn_valid(max(pfn, zone->zone_start_pfn)) &&
		    get_pageblock_migratetype(pfn_to_page(max(pfn, zone->zone_start_pfn))) == mt)
			n++;
	return n;
}

static unsigned long free_pages_of_type(struct zone *zone, int mt)
{
	unsigned long n = 0;
	unsigned int o;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		struct page *page;

		list_for_each_entry(page, &zone->free_area[o].free_list[mt], lru)
			n += 1UL << o;
	}
	return n;
}

/* Boot: every pageblock MOVABLE; the first UNMOVABLE and RECLAIMABLE
 * requests each claim whole pageblocks from the largest blocks. */
KTEST(buddy_host, pageblock_claim_from_large_block)
{
	struct zone *zone;
	struct page *u, *r, *m;
	unsigned long blocks;

	default_machine();
	zone = zone_of(0, ZONE_NORMAL);
	zone_pcp_disable(zone);
	zone_pcp_disable(zone_of(0, ZONE_DMA32));
	blocks = blocks_of_type(zone, MIGRATE_MOVABLE);
	KT_EXPECT_EQ(t, blocks, zone->spanned_pages / pageblock_nr_pages);
	KT_EXPECT_EQ(t, blocks_of_type(zone, MIGRATE_UNMOVABLE), 0);

	u = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, u);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(u), MIGRATE_UNMOVABLE);
	/* A MAX_ORDER block is two pageblocks: both changed type. */
	KT_EXPECT_EQ(t, blocks_of_type(zone, MIGRATE_UNMOVABLE), 2);
	KT_EXPECT_EQ(t, free_pages_of_type(zone, MIGRATE_UNMOVABLE),
		     (1UL << MAX_ORDER) - 1);

	/* RECLAIMABLE: the largest block of any fallback type wins, so
	 * another MOVABLE MAX_ORDER block rather than the UNMOVABLE
	 * order-9 leftover (Linux's "largest first"). */
	r = alloc_page(GFP_KERNEL | __GFP_RECLAIMABLE);
	KT_ASSERT_NOT_NULL(t, r);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(r), MIGRATE_RECLAIMABLE);
	KT_EXPECT_EQ(t, blocks_of_type(zone, MIGRATE_UNMOVABLE), 2);
	KT_EXPECT_EQ(t, blocks_of_type(zone, MIGRATE_RECLAIMABLE), 2);
	KT_EXPECT_EQ(t, blocks_of_type(zone, MIGRATE_MOVABLE), blocks - 4);

	/* MOVABLE requests stay in MOVABLE blocks. */
	m = alloc_pages(GFP_USER, 3);
	KT_ASSERT_NOT_NULL(t, m);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(m), MIGRATE_MOVABLE);
	BUDDY_CHECK(t);
	__free_page(u);
	__free_page(r);
	__free_pages(m, 3);
	BUDDY_CHECK(t);
}

/*
 * Small steals (Linux's steal_suitable_fallback): an UNMOVABLE request
 * that finds only MOVABLE blocks below pageblock size moves all free
 * pages of that pageblock to UNMOVABLE, and claims the pageblock only if
 * they are at least half of it.
 */
static bool fill_then_free_prefix(struct ktest_ctx *t, unsigned long free_in_p0,
				  unsigned long free_in_p1)
{
	/* Bank A: exactly one MAX_ORDER block (pageblocks P0, P1), at the
	 * bottom; bank B above it takes memblock's own allocations. */
	static const struct bank banks[] = {
		{ 0x80000000, 4 * SZ_1M, -1 },
		{ 0x90000000, 4 * SZ_1M, -1 },
	};
	unsigned long p0 = PHYS_PFN(0x80000000), p1 = p0 + pageblock_nr_pages;
	struct zone *zone;
	struct held h;
	struct page *page;
	unsigned long i;

	if (machine(banks, 2, NULL, 0))
		return false;
	zone = zone_of(0, ZONE_DMA32);
	zone_pcp_disable(zone);
	memset(zone->_watermark, 0, sizeof(zone->_watermark));
	held_init(&h);
	while ((page = alloc_pages(GFP_USER | __GFP_NOWARN, 0)))
		hold(&h, page, 0);
	if (zone->free_pages != 0)
		return false;
	/* Give back the first pages of each pageblock (all MOVABLE). */
	for (i = 0; i < free_in_p0; i++) {
		page = pfn_to_page(p0 + i);
		list_del(&page->lru);
		page->private = 0;
		__free_page(page);
	}
	for (i = 0; i < free_in_p1; i++) {
		page = pfn_to_page(p1 + i);
		list_del(&page->lru);
		page->private = 0;
		__free_page(page);
	}
	KT_EXPECT_EQ(t, free_pages_of_type(zone, MIGRATE_MOVABLE),
		     free_in_p0 + free_in_p1);
	BUDDY_CHECK(t);
	/* Keep the rest allocated; the next case builds a fresh machine. */
	return true;
}

KTEST(buddy_host, steal_claims_pageblock_when_half_free)
{
	unsigned long p0 = PHYS_PFN(0x80000000), p1 = p0 + pageblock_nr_pages;
	struct zone *zone;
	struct page *page;

	/* P0: 300 free pages (largest block order 8), P1: 100. */
	KT_ASSERT_TRUE(t, fill_then_free_prefix(t, 300, 100));
	zone = zone_of(0, ZONE_DMA32);
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_EQ(t, page_to_pfn(page) - p0 < pageblock_nr_pages, true);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(pfn_to_page(p0)), MIGRATE_UNMOVABLE);
	KT_EXPECT_EQ(t, get_pageblock_migratetype(pfn_to_page(p1)), MIGRATE_MOVABLE);
	KT_EXPECT_EQ(t, free_pages_of_type(zone, MIGRATE_UNMOVABLE), 299);
	KT_EXPECT_EQ(t, free_pages_of_type(zone, MIGRATE_MOVABLE), 100);
	BUDDY_CHECK(t);
}

KTEST(buddy_host, steal_moves_pages_but_keeps_block_type)
{
	unsigned long p0 = PHYS_PFN(0x80000000), p1 = p0 + pageblock_nr_pages;
	struct zone *zone;
	struct page *page;

	/* P0: 20 free pages (largest order 4), P1: 100 (largest order 6). */
	KT_ASSERT_TRUE(t, fill_then_free_prefix(t, 20, 100));
	zone = zone_of(0, ZONE_DMA32);
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_GE(t, page_to_pfn(page), p1);
	/* 100 < 256: P1 stays MOVABLE, but its free pages moved over. */
	KT_EXPECT_EQ(t, get_pageblock_migratetype(pfn_to_page(p1)), MIGRATE_MOVABLE);
	KT_EXPECT_EQ(t, free_pages_of_type(zone, MIGRATE_UNMOVABLE), 99);
	KT_EXPECT_EQ(t, free_pages_of_type(zone, MIGRATE_MOVABLE), 20);
	BUDDY_CHECK(t);
	/* A small MOVABLE request may not steal blocks: it takes its own. */
	page = alloc_page(GFP_USER);
	KT_ASSERT_NOT_NULL(t, page);
	KT_EXPECT_LT(t, page_to_pfn(page), p1);
	BUDDY_CHECK(t);
}

/*
 * Before failing, a request that may wait (GFP_KERNEL) empties every
 * CPU's per-CPU lists and tries again; one that may not (GFP_NOWAIT,
 * GFP_ATOMIC) empties only its own CPU's.  No CPU is online here, so
 * drain_all_pages() empties CPU 1's lists directly.
 */
KTEST(buddy_host, failure_drains_by_gfp)
{
	unsigned long start_free, free;
	struct page *page, *other;
	struct zone *zone;
	struct held h;
	int order;

	default_machine();
	drain_all_pages(NULL);
	start_free = nr_free_pages();
	held_init(&h);
	/* One page on CPU 1's list, then CPU 0 takes all it may. */
	host_cpu_id = 1;
	other = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, other);
	drain_local_pages(NULL);
	__free_page(other);
	zone = page_zone(other);
	KT_EXPECT_EQ(t, zone->pcp[1].count, 1);
	host_cpu_id = 0;
	for (order = MAX_ORDER; order >= 0; order--)
		while ((page = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, order)))
			hold(&h, page, order);
	KT_EXPECT_EQ(t, zone->pcp[1].count, 1);
	KT_EXPECT_EQ(t, zone_pcp_pages(zone), 1);
	free = nr_free_pages();
	BUDDY_CHECK(t);

	/* Neither may wait: CPU 1's page stays where it is. */
	KT_EXPECT_NULL(t, alloc_page(GFP_NOWAIT | __GFP_NOWARN));
	KT_EXPECT_NULL(t, alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	KT_EXPECT_EQ(t, zone->pcp[1].count, 1);
	/* GFP_KERNEL (which stops at min) drains CPU 1 before it fails. */
	KT_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_EQ(t, zone->pcp[1].count, 0);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	BUDDY_CHECK(t);

	release_all(&h);
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), start_free);
	BUDDY_CHECK(t);
}

/* A page goes back to the per-CPU list of the type it was allocated as. */
KTEST(buddy_host, pcp_free_keeps_allocated_type)
{
	struct zone *zone;
	struct page *page;
	int mt;

	default_machine();
	zone = zone_of(0, ZONE_NORMAL);
	for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		static const gfp_t gfp[MIGRATE_PCPTYPES] = {
			[MIGRATE_UNMOVABLE]	= GFP_KERNEL,
			[MIGRATE_MOVABLE]	= GFP_KERNEL | __GFP_MOVABLE,
			[MIGRATE_RECLAIMABLE]	= GFP_KERNEL | __GFP_RECLAIMABLE,
		};

		page = alloc_page(gfp[mt]);
		KT_ASSERT_NOT_NULL(t, page);
		KT_EXPECT_EQ(t, flags_pcpmt(page->flags), mt);
		KT_EXPECT_FALSE(t, PagePcp(page));
		page->flags |= 0xabcdUL << 32;	/* an owner's bits */
		__free_page(page);
		KT_EXPECT_EQ(t, (unsigned long)zone->pcp[0].lists[pcp_index(0, mt)], (unsigned long)page);
		KT_EXPECT_EQ(t, page->flags, zone->page_flags | 1UL << PG_pcp |
					     pcpmt_flags(mt));
		BUDDY_CHECK(t);
	}
	/* Drained, each goes to its pageblock's lists (all movable here). */
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, zone_pcp_pages(zone), 0);
	BUDDY_CHECK(t);
}

/* ---- per-CPU lists ---- */

KTEST(buddy_host, pcp_exact_counts)
{
	struct zone *zone;
	struct per_cpu_pages *pcp;
	struct page *pages[64];
	unsigned long free;
	int i, batch, high;

	default_machine();
	zone = zone_of(0, ZONE_NORMAL);
	pcp = &zone->pcp[0];
	batch = pcp->batch;
	high = pcp->high;
	/* 16384 managed pages: 16 / 4 = 4 -> 2^2 - 1 = 3; high 18. */
	KT_EXPECT_EQ(t, batch, 3);
	KT_EXPECT_EQ(t, high, 18);
	free = zone->free_pages;

	pages[0] = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, pages[0]);
	KT_EXPECT_EQ(t, pcp->count, batch - 1);
	KT_EXPECT_EQ(t, zone->free_pages, free - batch);
	for (i = 1; i < 40; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KT_ASSERT_NOT_NULL(t, pages[i]);
	}
	/* 40 pages taken in batches of 3: 14 refills, 2 left on the list. */
	KT_EXPECT_EQ(t, pcp->count, 2);
	KT_EXPECT_EQ(t, zone->free_pages, free - 42);
	BUDDY_CHECK(t);
	for (i = 0; i < 16; i++)
		__free_page(pages[i]);
	/* 2 + 16 = 18 reached high: drained to high - batch = 15. */
	KT_EXPECT_EQ(t, pcp->count, 15);
	KT_EXPECT_EQ(t, zone->free_pages, free - 42 + 3);
	BUDDY_CHECK(t);

	/* Another CPU's list is its own; drain_all_pages() empties both. */
	host_cpu_id = 1;
	__free_page(pages[16]);
	KT_EXPECT_EQ(t, zone->pcp[1].count, 1);
	KT_EXPECT_EQ(t, pcp->count, 15);
	drain_local_pages(zone);
	KT_EXPECT_EQ(t, zone->pcp[1].count, 0);
	KT_EXPECT_EQ(t, pcp->count, 15);
	host_cpu_id = 0;
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, pcp->count, 0);
	BUDDY_CHECK(t);
	for (i = 17; i < 40; i++)
		__free_page(pages[i]);
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, zone->free_pages, free);

	/* Order 1..3 lists refill with max(batch >> order, 2) blocks. */
	pages[0] = alloc_pages(GFP_KERNEL, 2);
	KT_ASSERT_NOT_NULL(t, pages[0]);
	KT_EXPECT_EQ(t, pcp->count, 4);
	__free_pages(pages[0], 2);
	KT_EXPECT_EQ(t, pcp->count, 8);
	KT_EXPECT_EQ(t, nr_free_pages(), zone_free_pages(zone) +
					 zone_free_pages(zone_of(0, ZONE_DMA32)));
	BUDDY_CHECK(t);
}

/* ---- bad frees ---- */

KTEST(buddy_host, double_free_reported_once)
{
	struct page *page, *block;
	unsigned long free, bad = 0;
	char want[96];

	default_machine();
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	free = nr_free_pages();
	bad = nr_bad_page_reports();
	host_log_clear();
	__free_page(page);	/* on a per-CPU list now */
	snprintf(want, sizeof(want), "BUG: Bad page state: pfn 0x%lx double free (order 0)\n",
		 page_to_pfn(page));
	KT_EXPECT_EQ(t, count_in_log(want), 1);
	KT_EXPECT_EQ(t, count_in_log("BUG: Bad page state"), 1);
	KT_EXPECT_EQ(t, nr_bad_page_reports(), bad + 1);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	BUDDY_CHECK(t);

	/* The head of a free block on the buddy lists: caught by its
	 * PG_buddy flag, without debug_pagealloc. */
	block = alloc_pages(GFP_KERNEL, 5);
	KT_ASSERT_NOT_NULL(t, block);
	__free_pages(block, 5);
	free = nr_free_pages();
	host_log_clear();
	__free_pages(block, 5);
	KT_EXPECT_EQ(t, count_in_log("double free (order 5)"), 1);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	BUDDY_CHECK(t);

	/* Inside a larger free block: only debug_pagealloc=on looks for
	 * the covering block (pfn_in_free_block()). */
	KT_EXPECT_FALSE(t, debug_pagealloc_enabled());
	set_debug_pagealloc(true);

	/* On the buddy lists, merged into a larger block: caught. */
	drain_all_pages(NULL);
	host_log_clear();
	__free_page(page);
	KT_EXPECT_EQ(t, count_in_log("double free (order 0)"), 1);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	BUDDY_CHECK(t);

	/* A page inside a freed order-5 block. */
	host_log_clear();
	__free_page(block + 7);
	KT_EXPECT_EQ(t, count_in_log("double free (order 0)"), 1);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	BUDDY_CHECK(t);
	set_debug_pagealloc(false);

	/* Freeing a reserved page (the kernel image), or a tail. */
	host_log_clear();
	__free_page(phys_to_page(0x80200000));
	KT_EXPECT_TRUE(t, log_has("reserved page (order 0)"));
	block = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	KT_ASSERT_NOT_NULL(t, block);
	__free_page(block + 1);
	KT_EXPECT_TRUE(t, log_has("tail page of a compound page"));
	__free_pages(block, 1);
	KT_EXPECT_TRUE(t, log_has("compound page freed with another order"));
	__free_pages(block, 2);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	KT_EXPECT_EQ(t, nr_bad_page_reports(), bad + 7);
	BUDDY_CHECK(t);
}

/* ---- failures and reports ---- */

KTEST(buddy_host, failure_message)
{
	struct zone *zone;
	unsigned long fails;

	default_machine();
	fails = nr_page_alloc_failures();
	host_log_echo = false;
	host_log_clear();
	KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER + 1));
	KT_EXPECT_FALSE(t, log_has("page allocation failure"));
	KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_COMP, MAX_ORDER + 1));
	host_log_echo = true;
	KT_EXPECT_TRUE(t, log_has("arbor: page allocation failure: order:11, mode:0x40500(GFP_KERNEL|__GFP_ZERO|__GFP_COMP), nodemask=(null)\n"));
	KT_EXPECT_TRUE(t, log_has("Node 0 DMA32 free:"));
	KT_EXPECT_TRUE(t, log_has("Node 0 Normal: "));
	KT_EXPECT_TRUE(t, log_has("lowmem_reserve[]: 0 0 "));
	KT_EXPECT_EQ(t, nr_page_alloc_failures(), fails + 2);
	zone = zone_of(0, ZONE_NORMAL);
	KT_EXPECT_EQ(t, zone->alloc_fail, 2);
	{
		char buf[128];

		KT_EXPECT_STREQ(t, format_gfp_flags(GFP_USER | __GFP_ZERO, buf, sizeof(buf)),
				"GFP_HIGHUSER_MOVABLE|__GFP_ZERO");
		KT_EXPECT_STREQ(t, format_gfp_flags(GFP_ATOMIC | __GFP_NOWARN | 0x80000000u,
						    buf, sizeof(buf)),
				"GFP_ATOMIC|__GFP_NOWARN|0x80000000");
		KT_EXPECT_STREQ(t, format_gfp_flags(0, buf, sizeof(buf)), "");
	}
}

/* Next line of @s after position @p ("" at the end); copies into @line. */
static const char *next_line(const char *p, char *line, size_t size)
{
	const char *e = strchr(p, '\n');
	size_t n = e ? (size_t)(e - p) : strlen(p);

	if (n >= size)
		n = size - 1;
	memcpy(line, p, n);
	line[n] = '\0';
	return e ? e + 1 : p + strlen(p);
}

KTEST(buddy_host, buddyinfo_parses)
{
	struct page *page;
	const char *p;
	char line[256];
	int zones = 0;

	default_machine();
	page = alloc_pages(GFP_KERNEL, 3);	/* make the columns uneven */
	drain_all_pages(NULL);
	host_log_clear();
	buddyinfo_show();
	p = plain_log();
	while (*p) {
		unsigned long v[NR_PAGE_ORDERS];
		char name[16];
		int nid, n, o;
		struct zone *zone;

		p = next_line(p, line, sizeof(line));
		if (!*line)
			continue;
		n = sscanf(line, "Node %d, zone %15s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			   &nid, name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
			   &v[6], &v[7], &v[8], &v[9], &v[10]);
		KT_ASSERT_EQ(t, n, 13);
		KT_EXPECT_EQ(t, strlen(line), strlen("Node 0, zone ") + 9 + 11 * 7);
		zone = !strcmp(name, "DMA32") ? zone_of(nid, ZONE_DMA32) :
						zone_of(nid, ZONE_NORMAL);
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			KT_EXPECT_EQ(t, v[o], zone->free_area[o].nr_free);
		zones++;
	}
	KT_EXPECT_EQ(t, zones, 2);
	KT_EXPECT_TRUE(t, log_has("Node 0, zone    DMA32 "));
	__free_pages(page, 3);
}

KTEST(buddy_host, pagetypeinfo_parses)
{
	const char *p;
	char line[256];
	unsigned long sum[MAX_NR_ZONES][NR_PAGE_ORDERS] = { { 0 } };
	int types = 0, blocks_lines = 0, z;

	default_machine();
	alloc_page(GFP_KERNEL);		/* an UNMOVABLE pageblock appears */
	drain_all_pages(NULL);
	host_log_clear();
	pagetypeinfo_show();
	KT_EXPECT_TRUE(t, log_has("Page block order: 9\nPages per block:  512\n\n"
				  "Free pages count per migrate type at order       0      1      2"));
	KT_EXPECT_TRUE(t, log_has("\nNumber of blocks type     Unmovable      Movable  Reclaimable \n"));
	p = plain_log();
	while (*p) {
		unsigned long v[NR_PAGE_ORDERS], c[MIGRATE_TYPES];
		char zname[16], tname[16];
		int nid, o;

		p = next_line(p, line, sizeof(line));
		if (sscanf(line, "Node %d, zone %15[^,], type %15s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			   &nid, zname, tname, &v[0], &v[1], &v[2], &v[3], &v[4],
			   &v[5], &v[6], &v[7], &v[8], &v[9], &v[10]) == 14) {
			const char *zn = zname + strspn(zname, " ");

			z = !strcmp(zn, "DMA32") ? ZONE_DMA32 : ZONE_NORMAL;
			for (o = 0; o < NR_PAGE_ORDERS; o++)
				sum[z][o] += v[o];
			types++;
		} else if (sscanf(line, "Node %d, zone %15s %lu %lu %lu", &nid, zname,
				  &c[0], &c[1], &c[2]) == 5) {
			struct zone *zone = !strcmp(zname, "DMA32") ?
				zone_of(nid, ZONE_DMA32) : zone_of(nid, ZONE_NORMAL);

			/* Pageblocks of memory (the span has holes). */
			KT_EXPECT_EQ(t, c[0] + c[1] + c[2],
				     DIV_ROUND_UP(zone->present_pages, pageblock_nr_pages));
			KT_EXPECT_EQ(t, c[MIGRATE_UNMOVABLE], blocks_of_type(zone, MIGRATE_UNMOVABLE));
			blocks_lines++;
		}
	}
	KT_EXPECT_EQ(t, types, 2 * MIGRATE_TYPES);
	KT_EXPECT_EQ(t, blocks_lines, 2);
	for (z = ZONE_DMA32; z <= ZONE_NORMAL; z++) {
		int o;

		for (o = 0; o < NR_PAGE_ORDERS; o++)
			KT_EXPECT_EQ(t, sum[z][o], zone_of(0, z)->free_area[o].nr_free);
	}
}

static unsigned long field_after(const char *s, const char *key)
{
	const char *p = strstr(s, key);

	return p ? strtoul(p + strlen(key), NULL, 10) : ~0UL;
}

KTEST(buddy_host, zoneinfo_parses)
{
	const char *log, *normal;
	struct zone *zone;
	struct page *page;

	default_machine();
	page = alloc_page(GFP_KERNEL);
	host_log_clear();
	zoneinfo_show();
	log = plain_log();
	KT_EXPECT_TRUE(t, log_has("Node 0, zone    DMA32\n  per-node stats\n"
				  "      nr_slab_reclaimable 0\n"));
	normal = strstr(log, "Node 0, zone   Normal\n  pages free     ");
	KT_ASSERT_NOT_NULL(t, normal);
	KT_EXPECT_FALSE(t, strstr(log, "zone      DMA"));	/* no DMA on this arch */
	zone = zone_of(0, ZONE_NORMAL);
	KT_EXPECT_EQ(t, field_after(normal, "pages free     "), zone_free_pages(zone));
	KT_EXPECT_EQ(t, field_after(normal, "\n        min      "), min_wmark_pages(zone));
	KT_EXPECT_EQ(t, field_after(normal, "\n        low      "), low_wmark_pages(zone));
	KT_EXPECT_EQ(t, field_after(normal, "\n        high     "), high_wmark_pages(zone));
	KT_EXPECT_EQ(t, field_after(normal, "\n        spanned  "), zone->spanned_pages);
	KT_EXPECT_EQ(t, field_after(normal, "\n        present  "), zone->present_pages);
	KT_EXPECT_EQ(t, field_after(normal, "\n        managed  "), zone->managed_pages);
	KT_EXPECT_EQ(t, field_after(normal, "\n      nr_free_pages "), zone_free_pages(zone));
	KT_EXPECT_EQ(t, field_after(normal, "\n      nr_alloc_fail "), 0);
	KT_EXPECT_EQ(t, field_after(normal, "\n    cpu: 0\n              count: "),
		     (unsigned long)zone->pcp[0].count);
	KT_EXPECT_EQ(t, field_after(normal, "\n              batch: "), 3);
	KT_EXPECT_EQ(t, field_after(normal, "\n  start_pfn:           "), 0x100000);
	{
		char prot[64];

		snprintf(prot, sizeof(prot), "        protection: (0, 0, %ld)\n",
			 zone_of(0, ZONE_DMA32)->lowmem_reserve[ZONE_NORMAL]);
		KT_EXPECT_TRUE(t, log_has(prot));
	}
	__free_page(page);
}

KTEST(buddy_host, meminfo_parses)
{
	const char *p;
	char line[128];
	int lines = 0;

	default_machine();
	mod_node_page_state_slab(5);
	mod_node_page_state_slab_reclaimable(2);
	mod_pagetables(3);
	mod_kernel_stack_kb(16);
	mod_vmalloc_pages(7);
	host_log_clear();
	meminfo_show();
	p = plain_log();
	while (*p) {
		char label[32];
		unsigned long v;

		p = next_line(p, line, sizeof(line));
		if (!*line)
			continue;
		/* "Label:" padded to 16, value right-aligned in 8, " kB". */
		KT_EXPECT_EQ(t, strlen(line), 16 + 8 + 3);
		KT_ASSERT_EQ(t, sscanf(line, "%31s %lu kB", label, &v), 2);
		KT_EXPECT_EQ(t, label[strlen(label) - 1], ':');
		lines++;
	}
	KT_EXPECT_GE(t, lines, 30);
	KT_EXPECT_EQ(t, field_after(plain_log(), "MemTotal:"), K(totalram_pages()));
	KT_EXPECT_EQ(t, field_after(plain_log(), "MemFree:"), K(nr_free_pages()));
	KT_EXPECT_LE(t, field_after(plain_log(), "MemAvailable:"), K(nr_free_pages()));
	KT_EXPECT_EQ(t, field_after(plain_log(), "MemAvailable:"),
		     K(nr_free_pages() - totalreserve_pages + 2 - 1));
	KT_EXPECT_EQ(t, field_after(plain_log(), "Slab:"), 28);
	KT_EXPECT_EQ(t, field_after(plain_log(), "SReclaimable:"), 8);
	KT_EXPECT_EQ(t, field_after(plain_log(), "SUnreclaim:"), 20);
	KT_EXPECT_EQ(t, field_after(plain_log(), "KernelStack:"), 16);
	KT_EXPECT_EQ(t, field_after(plain_log(), "PageTables:"), 12);
	KT_EXPECT_EQ(t, field_after(plain_log(), "VmallocUsed:"), 28);
	KT_EXPECT_EQ(t, field_after(plain_log(), "VmallocTotal:"), 64UL << 20);
	KT_EXPECT_TRUE(t, log_has("Percpu:                0 kB\n"));
	mod_node_page_state_slab(-5);
	mod_node_page_state_slab_reclaimable(-2);
	mod_pagetables(-3);
	mod_kernel_stack_kb(-16);
	mod_vmalloc_pages(-7);
}

/* ---- the checker itself ---- */

/* Each kind of corruption is caught, and undoing it makes the check pass. */
KTEST(buddy_host, buddy_check_catches_corruption)
{
	struct zone *zone;
	struct page *page, *tail;

	default_machine();
	zone = zone_of(0, ZONE_NORMAL);
	zone_pcp_disable(zone);
	host_log_echo = false;

	/* A counter that disagrees with its list. */
	zone->free_area[3].nr_free++;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	zone->free_area[3].nr_free--;
	zone->free_pages--;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	zone->free_pages++;
	KT_EXPECT_SEQ(t, buddy_check(), 0);

	/* A free head that lost PG_buddy, or has the wrong order. */
	page = list_first_entry(&zone->free_area[MAX_ORDER].free_list[MIGRATE_MOVABLE],
				struct page, lru);
	__ClearPageBuddy(page);
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	__SetPageBuddy(page);
	page->private = MAX_ORDER - 1;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	page->private = MAX_ORDER;

	/* A stray PG_buddy, PG_pcp or PG_reserved inside a free block. */
	tail = page + 100;
	__SetPageBuddy(tail);
	tail->private = 0;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	__ClearPageBuddy(tail);
	__SetPageReserved(tail);
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	__ClearPageReserved(tail);
	KT_EXPECT_SEQ(t, buddy_check(), 0);

	/* Two free buddies that did not merge: split a MAX_ORDER block by
	 * hand into two order-9 halves. */
	list_del(&page->lru);
	zone->free_area[MAX_ORDER].nr_free--;
	page->private = MAX_ORDER - 1;
	list_add(&page->lru, &zone->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE]);
	tail = page + (1UL << (MAX_ORDER - 1));
	tail->private = MAX_ORDER - 1;
	__SetPageBuddy(tail);
	list_add(&tail->lru, &zone->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE]);
	zone->free_area[MAX_ORDER - 1].nr_free += 2;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	KT_EXPECT_TRUE(t, log_has("are both free at order 9"));
	/* Put it back together. */
	list_del(&tail->lru);
	__ClearPageBuddy(tail);
	tail->private = 0;
	list_del(&page->lru);
	zone->free_area[MAX_ORDER - 1].nr_free -= 2;
	page->private = MAX_ORDER;
	list_add(&page->lru, &zone->free_area[MAX_ORDER].free_list[MIGRATE_MOVABLE]);
	zone->free_area[MAX_ORDER].nr_free++;
	KT_EXPECT_SEQ(t, buddy_check(), 0);

	/* A per-CPU count that disagrees with its lists. */
	zone_pcp_enable(zone);
	page = alloc_page(GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, page);
	zone->pcp[0].count++;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	zone->pcp[0].count--;
	/* An allocated page marked free but on no list. */
	__SetPageBuddy(page);
	page->private = 0;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	__ClearPageBuddy(page);
	KT_EXPECT_SEQ(t, buddy_check(), 0);
	__free_page(page);
	/* A block on a per-CPU list with a stray flag: the allocation fast
	 * path would write over it, so the checker refuses it. */
	KT_EXPECT_TRUE(t, PagePcp(page));
	page->flags |= 1UL << 40;
	KT_EXPECT_SEQ(t, buddy_check(), -EINVAL);
	KT_EXPECT_TRUE(t, log_has("on a per-CPU list: flags 0x100000"));
	page->flags &= ~(1UL << 40);
	host_log_echo = true;
	BUDDY_CHECK(t);
}

/* ---- long random runs ---- */

static u64 rng_state;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

struct live {
	struct page *page;
	unsigned int order;
};

/*
 * RANDOM_STEPS alloc/free operations over orders 0..10, every mobility
 * and zone modifier, four CPUs' per-CPU lists, sometimes zeroed or
 * compound: a shadow bitmap proves no page is handed out twice and every
 * block is inside memory; buddy_check() every 1000 steps.
 */
#define RANDOM_STEPS	1000000

KTEST(buddy_host, random_million)
{
	static const struct bank banks[] = {
		{ 0x80000000, 128 * SZ_1M, -1 },
		{ 0x100000000, 128 * SZ_1M, -1 },
	};
	static const gfp_t gfps[] = {
		GFP_KERNEL, GFP_USER, GFP_KERNEL | __GFP_RECLAIMABLE,
		GFP_DMA32, GFP_ATOMIC, GFP_DMA32 | __GFP_MOVABLE,
	};
	enum { MAX_LIVE = 4096 };
	static struct live live[MAX_LIVE];
	unsigned long base = PHYS_PFN(0x80000000), span = PHYS_PFN(0x110000000) - base;
	unsigned char *shadow = calloc(span / 8 + 1, 1);
	unsigned long start_free, step, nlive = 0, fails = 0, checks = 0;
	struct timespec t0, t1;

	KT_ASSERT_NOT_NULL(t, shadow);
	KT_ASSERT_SEQ(t, machine(banks, 2, NULL, 0), 0);
	start_free = nr_free_pages();
	rng_state = 0x9e3779b97f4a7c15ULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (step = 0; step < RANDOM_STEPS && !t->failures; step++) {
		u64 r = rnd();

		host_cpu_id = (r >> 8) & 3;
		if (nlive < MAX_LIVE && (nlive == 0 || (r & 0xff) < 130)) {
			/* order: 0 half the time, then geometric-ish */
			unsigned int order = (r >> 16) & 1 ? 0 : ((r >> 17) % 64) < 40 ?
					     1 + (r >> 23) % 3 : (r >> 23) % 11;
			gfp_t gfp = gfps[(r >> 30) % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
			struct page *page;
			unsigned long pfn, i;

			if (((r >> 40) & 0x3f) == 0)
				gfp |= __GFP_ZERO;
			if (((r >> 46) & 0x7) == 0)
				gfp |= __GFP_COMP;
			page = alloc_pages(gfp, order);
			if (!page) {
				fails++;
				goto check;
			}
			pfn = page_to_pfn(page);
			if (!IS_ALIGNED(pfn, 1UL << order) || pfn < base ||
			    pfn + (1UL << order) > base + span) {
				KT_EXPECT_TRUE(t, false);
				break;
			}
			if (gfp & __GFP_DMA32)
				KT_EXPECT_LE(t, page_zonenum(page), ZONE_DMA32);
			for (i = 0; i < (1UL << order); i++) {
				unsigned long b = pfn - base + i;

				if (shadow[b / 8] & (1u << (b % 8))) {
					ktest_fail(t, __FILE__, __LINE__,
						   "pfn 0x%lx handed out twice", pfn + i);
					break;
				}
				shadow[b / 8] |= 1u << (b % 8);
			}
			live[nlive].page = page;
			live[nlive].order = order;
			nlive++;
		} else {
			unsigned long k = (r >> 16) % nlive, pfn, i;
			struct live l = live[k];

			live[k] = live[--nlive];
			pfn = page_to_pfn(l.page);
			for (i = 0; i < (1UL << l.order); i++) {
				unsigned long b = pfn - base + i;

				shadow[b / 8] &= ~(1u << (b % 8));
			}
			__free_pages(l.page, l.order);
		}
check:
		if (step % 1000 == 999) {
			checks++;
			if (buddy_check()) {
				KT_EXPECT_SEQ(t, buddy_check(), 0);
				break;
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	while (nlive) {
		nlive--;
		__free_pages(live[nlive].page, live[nlive].order);
	}
	host_cpu_id = 0;
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), start_free);
	BUDDY_CHECK(t);
	printk("    # random_million: %lu steps, %lu failed allocations, %lu checks, %ld ms\n",
	       step, fails, checks,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
	free(shadow);
}

/*
 * Two threads as two CPUs, hammering one machine through the zone lock
 * and each its own per-CPU lists.  GFP_NOWAIT: the threads are not online
 * CPUs (no host_smp_start()), so a failing GFP_KERNEL request would empty
 * the other thread's lists directly, under its feet.  Kept small: the
 * host's ticket spinlocks spin without yielding, so a lock holder
 * preempted on a busy machine stalls the other thread for a whole time
 * slice.
 */
struct smp_arg {
	int cpu;
	unsigned long steps, bad;
};

static void *smp_worker(void *p)
{
	struct smp_arg *a = p;
	struct live mine[256];
	unsigned long n = 0, s;
	u64 x = 0x1234567ULL * (a->cpu + 1);

	host_cpu_id = a->cpu;
	for (s = 0; s < a->steps; s++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (n < 256 && (n == 0 || (x & 1))) {
			unsigned int order = (x >> 8) % 4 ? 0 : (x >> 12) % 6;
			struct page *page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN |
							((x >> 20) & 1 ? __GFP_MOVABLE : 0),
							order);

			if (!page)
				continue;
			/* Write a tag into every page; check it on free. */
			for (unsigned long i = 0; i < (1UL << order); i++)
				*(unsigned long *)page_address(page + i) = (unsigned long)a->cpu << 56 | s;
			mine[n].page = page;
			mine[n].order = order;
			n++;
		} else {
			unsigned long k = (x >> 8) % n;
			struct live l = mine[k];
			unsigned long tag = *(unsigned long *)page_address(l.page);

			for (unsigned long i = 0; i < (1UL << l.order); i++)
				if (*(unsigned long *)page_address(l.page + i) != tag)
					a->bad++;
			mine[k] = mine[--n];
			__free_pages(l.page, l.order);
		}
	}
	while (n--)
		__free_pages(mine[n].page, mine[n].order);
	drain_local_pages(NULL);
	return NULL;
}

KTEST(buddy_host, smp_threads)
{
	enum { THREADS = 2 };
	pthread_t th[THREADS];
	struct smp_arg args[THREADS];
	unsigned long start;
	int i;

	default_machine();
	start = nr_free_pages();
	for (i = 0; i < THREADS; i++) {
		args[i] = (struct smp_arg){ .cpu = i, .steps = 20000 };
		KT_ASSERT_EQ(t, pthread_create(&th[i], NULL, smp_worker, &args[i]), 0);
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		KT_EXPECT_EQ(t, args[i].bad, 0);
	}
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), start);
	BUDDY_CHECK(t);
}
