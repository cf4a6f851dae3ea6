// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock's iterators: free ranges (memory minus reserved) forward and
 * reverse over several layouts, node and flag filters, plain region walks
 * and page-frame ranges.  Nothing touches memory, so these run in the
 * kernel too.
 */
#include "memblock_test.h"

#include <asm/page.h>

KTEST_SUITE(memblock_iter, memblock_test_init, memblock_test_exit);

#define BASE	0x80000000ULL

struct range {
	phys_addr_t start, end;
	int nid;
};

#define MAX_RANGES 8

/* Collect what for_each_free_mem_range(_reverse) yields. */
static int free_ranges(struct range *out, int nid, enum memblock_flags flags,
		       bool reverse)
{
	phys_addr_t start, end;
	int n = 0, rnid;
	u64 i;

	if (reverse) {
		for_each_free_mem_range_reverse(i, nid, flags, &start, &end, &rnid) {
			if (n < MAX_RANGES)
				out[n] = (struct range){ start, end, rnid };
			n++;
		}
	} else {
		for_each_free_mem_range(i, nid, flags, &start, &end, &rnid) {
			if (n < MAX_RANGES)
				out[n] = (struct range){ start, end, rnid };
			n++;
		}
	}
	return n;
}

#define EXPECT_RANGE(t, r, s, e)					\
	do {								\
		KT_EXPECT_EQ(t, (r).start, (s));			\
		KT_EXPECT_EQ(t, (r).end, (e));				\
	} while (0)

KTEST(memblock_iter, free_empty)
{
	struct range r[MAX_RANGES];

	KT_EXPECT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 0);
	KT_EXPECT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, true), 0);
	memblock_reserve(BASE, SZ_1M);		/* reserved but no memory */
	KT_EXPECT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 0);
	MB_CHECK(t);
}

KTEST(memblock_iter, free_no_reserved)
{
	struct range r[MAX_RANGES];

	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_1M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 2);
	EXPECT_RANGE(t, r[0], BASE, BASE + SZ_16M);
	EXPECT_RANGE(t, r[1], BASE + SZ_1G, BASE + SZ_1G + SZ_1M);
	KT_EXPECT_SEQ(t, r[0].nid, MAX_NUMNODES);
	MB_CHECK(t);
}

/*
 *  memory   |==========================================|
 *  reserved |===|            |====|                |===|
 *  free         |------------|    |----------------|
 */
KTEST(memblock_iter, free_reserved_inside)
{
	struct range r[MAX_RANGES];

	memblock_add(BASE, SZ_16M);
	memblock_reserve(BASE, SZ_1M);
	memblock_reserve(BASE + 4 * SZ_1M, SZ_1M);
	memblock_reserve(BASE + SZ_16M - SZ_1M, SZ_1M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 2);
	EXPECT_RANGE(t, r[0], BASE + SZ_1M, BASE + 4 * SZ_1M);
	EXPECT_RANGE(t, r[1], BASE + 5 * SZ_1M, BASE + SZ_16M - SZ_1M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, true), 2);
	EXPECT_RANGE(t, r[0], BASE + 5 * SZ_1M, BASE + SZ_16M - SZ_1M);
	EXPECT_RANGE(t, r[1], BASE + SZ_1M, BASE + 4 * SZ_1M);
	MB_CHECK(t);
}

/* One reserved region spanning the hole between two banks. */
KTEST(memblock_iter, free_reserved_across_banks)
{
	struct range r[MAX_RANGES];

	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + 2 * SZ_16M, SZ_16M);
	memblock_reserve(BASE + SZ_16M - SZ_1M, SZ_16M + SZ_2M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 2);
	EXPECT_RANGE(t, r[0], BASE, BASE + SZ_16M - SZ_1M);
	EXPECT_RANGE(t, r[1], BASE + 2 * SZ_16M + SZ_1M, BASE + 3 * SZ_16M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, true), 2);
	EXPECT_RANGE(t, r[0], BASE + 2 * SZ_16M + SZ_1M, BASE + 3 * SZ_16M);
	EXPECT_RANGE(t, r[1], BASE, BASE + SZ_16M - SZ_1M);
}

/* Reserved regions outside memory (below, in the hole, above) change nothing. */
KTEST(memblock_iter, free_reserved_outside_memory)
{
	struct range r[MAX_RANGES];

	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_16M);
	memblock_reserve(0x1000, SZ_1M);
	memblock_reserve(BASE + SZ_256M, SZ_1M);
	memblock_reserve(BASE + 2 * SZ_1G, SZ_1M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 2);
	EXPECT_RANGE(t, r[0], BASE, BASE + SZ_16M);
	EXPECT_RANGE(t, r[1], BASE + SZ_1G, BASE + SZ_1G + SZ_16M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, true), 2);
	EXPECT_RANGE(t, r[0], BASE + SZ_1G, BASE + SZ_1G + SZ_16M);
	EXPECT_RANGE(t, r[1], BASE, BASE + SZ_16M);
}

/* Several reserved regions inside one bank: one free range per gap. */
KTEST(memblock_iter, free_many_gaps)
{
	struct range r[MAX_RANGES];
	int i;

	memblock_add(BASE, SZ_16M);
	for (i = 0; i < 4; i++)
		memblock_reserve(BASE + (2 * i + 1) * SZ_1M, SZ_1M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 5);
	for (i = 0; i < 4; i++)
		EXPECT_RANGE(t, r[i], BASE + 2 * i * SZ_1M, BASE + (2 * i + 1) * SZ_1M);
	EXPECT_RANGE(t, r[4], BASE + 8 * SZ_1M, BASE + SZ_16M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, true), 5);
	EXPECT_RANGE(t, r[0], BASE + 8 * SZ_1M, BASE + SZ_16M);
	EXPECT_RANGE(t, r[4], BASE, BASE + SZ_1M);
}

KTEST(memblock_iter, free_all_reserved)
{
	struct range r[MAX_RANGES];
	u64 i = 0;

	memblock_add(BASE, SZ_16M);
	memblock_reserve(BASE - SZ_1M, SZ_16M + SZ_2M);
	KT_EXPECT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 0);
	KT_EXPECT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, true), 0);
	__next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.memory,
			 &memblock.reserved, NULL, NULL, NULL);
	KT_EXPECT_EQ(t, i, ULLONG_MAX);
}

/* NOMAP memory is free only when asked for explicitly. */
KTEST(memblock_iter, free_nomap)
{
	struct range r[MAX_RANGES];

	memblock_add(BASE, SZ_16M);
	memblock_mark_nomap(BASE + SZ_4K * 1024, SZ_4K * 1024);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 2);
	EXPECT_RANGE(t, r[0], BASE, BASE + SZ_4K * 1024);
	EXPECT_RANGE(t, r[1], BASE + SZ_4K * 2048, BASE + SZ_16M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NOMAP, false), 3);
	EXPECT_RANGE(t, r[1], BASE + SZ_4K * 1024, BASE + SZ_4K * 2048);
}

/* Mirror requests see only mirrored memory; driver-managed needs asking. */
KTEST(memblock_iter, free_mirror_and_driver_managed)
{
	struct range r[MAX_RANGES];

	memblock_add_node(BASE, SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_1M, SZ_1M, 0, MEMBLOCK_MIRROR);
	memblock_add_node(BASE + SZ_2M, SZ_1M, 0, MEMBLOCK_DRIVER_MANAGED);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_MIRROR, false), 1);
	EXPECT_RANGE(t, r[0], BASE + SZ_1M, BASE + SZ_2M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_NONE, false), 2);
	EXPECT_RANGE(t, r[1], BASE + SZ_1M, BASE + SZ_2M);
	KT_ASSERT_EQ(t, free_ranges(r, NUMA_NO_NODE, MEMBLOCK_DRIVER_MANAGED,
				    false), 3);
	EXPECT_RANGE(t, r[2], BASE + SZ_2M, BASE + 3 * SZ_1M);
}

KTEST(memblock_iter, free_node_filter)
{
	struct range r[MAX_RANGES];

	memblock_add_node(BASE, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	memblock_reserve(BASE + SZ_16M - SZ_1M, SZ_2M);
	KT_ASSERT_EQ(t, free_ranges(r, 1, MEMBLOCK_NONE, false), 1);
	EXPECT_RANGE(t, r[0], BASE + SZ_16M + SZ_1M, BASE + 2 * SZ_16M);
	KT_EXPECT_SEQ(t, r[0].nid, 1);
	KT_ASSERT_EQ(t, free_ranges(r, 0, MEMBLOCK_NONE, true), 1);
	EXPECT_RANGE(t, r[0], BASE, BASE + SZ_16M - SZ_1M);
	KT_EXPECT_SEQ(t, r[0].nid, 0);
	KT_EXPECT_EQ(t, free_ranges(r, 3, MEMBLOCK_NONE, false), 0);
	/* MAX_NUMNODES and NUMA_NO_NODE both mean every node. */
	KT_ASSERT_EQ(t, free_ranges(r, MAX_NUMNODES, MEMBLOCK_NONE, false), 2);
	KT_EXPECT_SEQ(t, r[0].nid, 0);
	KT_EXPECT_SEQ(t, r[1].nid, 1);
}

/* for_each_mem_range walks memory regions and skips NOMAP ones. */
KTEST(memblock_iter, mem_range_and_reserved_range)
{
	phys_addr_t start, end, got[6];
	int n = 0;
	u64 i;

	memblock_add(BASE, SZ_16M);
	memblock_mark_nomap(BASE + SZ_1M, SZ_1M);
	memblock_reserve(BASE, SZ_4K);
	memblock_reserve(0x1000, SZ_4K);
	for_each_mem_range(i, &start, &end) {
		if (n < 4) {
			got[n] = start;
			got[n + 1] = end;
		}
		n += 2;
	}
	KT_ASSERT_EQ(t, n, 4);
	KT_EXPECT_EQ(t, got[0], BASE);
	KT_EXPECT_EQ(t, got[1], BASE + SZ_1M);
	KT_EXPECT_EQ(t, got[2], BASE + SZ_2M);
	KT_EXPECT_EQ(t, got[3], BASE + SZ_16M);

	n = 0;
	for_each_reserved_mem_range(i, &start, &end) {
		if (n < 4) {
			got[n] = start;
			got[n + 1] = end;
		}
		n += 2;
	}
	KT_ASSERT_EQ(t, n, 4);
	KT_EXPECT_EQ(t, got[0], 0x1000);
	KT_EXPECT_EQ(t, got[1], 0x2000);
	KT_EXPECT_EQ(t, got[2], BASE);
	KT_EXPECT_EQ(t, got[3], BASE + SZ_4K);
}

/* Reverse walk of one type alone (type_b NULL). */
KTEST(memblock_iter, rev_single_type)
{
	phys_addr_t start, end;
	u64 i = ULLONG_MAX;
	int nid;

	memblock_add_node(BASE, SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_16M, SZ_1M, 1, MEMBLOCK_NONE);
	__next_mem_range_rev(&i, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.memory,
			     NULL, &start, &end, &nid);
	KT_ASSERT_NE(t, i, ULLONG_MAX);
	KT_EXPECT_EQ(t, start, BASE + SZ_16M);
	KT_EXPECT_EQ(t, end, BASE + SZ_16M + SZ_1M);
	KT_EXPECT_SEQ(t, nid, 1);
	__next_mem_range_rev(&i, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.memory,
			     NULL, &start, &end, &nid);
	KT_ASSERT_NE(t, i, ULLONG_MAX);
	KT_EXPECT_EQ(t, start, BASE);
	KT_EXPECT_SEQ(t, nid, 0);
	__next_mem_range_rev(&i, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.memory,
			     NULL, &start, &end, &nid);
	KT_EXPECT_EQ(t, i, ULLONG_MAX);
}

/* Page-frame ranges: whole pages only, sub-page regions skipped, NOMAP kept. */
KTEST(memblock_iter, pfn_ranges)
{
	unsigned long s[4], e[4], start, end;
	int n = 0, i, nid, nids[4];

	memblock_add_node(BASE + 0x800, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_1G + 0x100, 0x200, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + (2 * SZ_1G), SZ_1M, 1, MEMBLOCK_NOMAP);
	for_each_mem_pfn_range(i, NUMA_NO_NODE, &start, &end, &nid) {
		if (n < 4) {
			s[n] = start;
			e[n] = end;
			nids[n] = nid;
		}
		n++;
	}
	KT_ASSERT_EQ(t, n, 2);
	KT_EXPECT_EQ(t, s[0], (BASE >> PAGE_SHIFT) + 1);
	KT_EXPECT_EQ(t, e[0], (BASE + SZ_16M) >> PAGE_SHIFT);
	KT_EXPECT_SEQ(t, nids[0], 0);
	KT_EXPECT_EQ(t, s[1], (BASE + (2 * SZ_1G)) >> PAGE_SHIFT);
	KT_EXPECT_EQ(t, e[1], (BASE + (2 * SZ_1G) + SZ_1M) >> PAGE_SHIFT);
	KT_EXPECT_SEQ(t, nids[1], 1);

	n = 0;
	for_each_mem_pfn_range(i, 1, &start, &end, NULL) {
		if (n < 4)
			s[n] = start;
		n++;
	}
	KT_ASSERT_EQ(t, n, 1);
	KT_EXPECT_EQ(t, s[0], (BASE + (2 * SZ_1G)) >> PAGE_SHIFT);
	KT_EXPECT_SEQ(t, i, -1);
}

KTEST(memblock_iter, region_walk_macros)
{
	struct memblock_region *rgn;
	unsigned long idx;
	phys_addr_t sum = 0;
	int n = 0;

	memblock_add(BASE, SZ_1M);
	memblock_add(BASE + SZ_16M, SZ_2M);
	memblock_reserve(BASE, SZ_4K);
	for_each_mem_region(rgn) {
		sum += rgn->size;
		n++;
	}
	KT_EXPECT_EQ(t, n, 2);
	KT_EXPECT_EQ(t, sum, 3 * SZ_1M);
	n = 0;
	for_each_reserved_mem_region(rgn)
		n++;
	KT_EXPECT_EQ(t, n, 1);
	n = 0;
	for_each_memblock_type(idx, &memblock.memory, rgn) {
		KT_EXPECT_EQ(t, rgn, &memblock.memory.regions[idx]);
		n++;
	}
	KT_EXPECT_EQ(t, n, 2);
	KT_EXPECT_SEQ(t, memblock_get_region_node(&memblock.memory.regions[0]),
		      MAX_NUMNODES);
	KT_EXPECT_FALSE(t, memblock_is_nomap(&memblock.memory.regions[0]));
}
