// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock region management: add, reserve, remove, free, flags, nodes,
 * queries and trimming.  Each case checks exact bases, sizes, counts and
 * totals, and runs memblock_check() after every step.  No case touches
 * the memory it describes, so these run inside the kernel as well.
 */
#include "memblock_test.h"

#include <kernel/errno.h>

KTEST_SUITE(memblock_basic, memblock_test_init, memblock_test_exit);

#define M	memblock.memory
#define R	memblock.reserved

#define BASE	0x80000000ULL

/* ---- the empty state ---- */

KTEST(memblock_basic, reset_state)
{
	MB_EXPECT_TYPE(t, M, 0, 0);
	MB_EXPECT_TYPE(t, R, 0, 0);
	KT_EXPECT_EQ(t, M.max, INIT_MEMBLOCK_REGIONS);
	KT_EXPECT_EQ(t, R.max, INIT_MEMBLOCK_RESERVED_REGIONS);
	KT_EXPECT_STREQ(t, M.name, "memory");
	KT_EXPECT_STREQ(t, R.name, "reserved");
	KT_EXPECT_FALSE(t, memblock_bottom_up());
	KT_EXPECT_EQ(t, memblock_get_current_limit(), MEMBLOCK_ALLOC_ANYWHERE);
	KT_EXPECT_EQ(t, memblock_start_of_DRAM(), 0);
	KT_EXPECT_EQ(t, memblock_end_of_DRAM(), 0);
	MB_CHECK(t);
}

/* ---- memblock_add ---- */

KTEST(memblock_basic, add_simple)
{
	KT_EXPECT_SEQ(t, memblock_add(BASE, SZ_256M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_256M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_256M);
	MB_EXPECT_ATTR(t, M, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

KTEST(memblock_basic, add_node)
{
	KT_EXPECT_SEQ(t, memblock_add_node(0x1000000, 0x1000000, 1,
					   MEMBLOCK_HOTPLUG), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, 0x1000000);
	MB_EXPECT_RGN(t, M, 0, 0x1000000, 0x1000000);
	MB_EXPECT_ATTR(t, M, 0, 1, MEMBLOCK_HOTPLUG);
}

KTEST(memblock_basic, add_disjoint)
{
	/* Added high first: the array stays sorted. */
	memblock_add(0x40000000, SZ_16M);
	MB_CHECK(t);
	memblock_add(0x10000000, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_16M + SZ_2M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_2M);
	MB_EXPECT_RGN(t, M, 1, 0x40000000, SZ_16M);
}

/*
 *  |    +----------+         |
 *  |    |   r1     |         |
 *  |         +----------+    |   r2 overlaps the top of r1
 *  |    +---------------+    |
 */
KTEST(memblock_basic, add_overlap_top)
{
	memblock_add(0x10000000, 0x2000000);
	memblock_add(0x11000000, 0x2000000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, 0x3000000);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, 0x3000000);
}

KTEST(memblock_basic, add_overlap_bottom)
{
	memblock_add(0x11000000, 0x2000000);
	memblock_add(0x10000000, 0x2000000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, 0x3000000);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, 0x3000000);
}

KTEST(memblock_basic, add_within)
{
	memblock_add(0x10000000, SZ_16M);
	memblock_add(0x10100000, SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_16M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_16M);
}

KTEST(memblock_basic, add_twice)
{
	memblock_add(0x10000000, SZ_2M);
	memblock_add(0x10000000, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_2M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_2M);
}

/* r1 and r3 with a gap between, then r2 fills exactly the gap. */
KTEST(memblock_basic, add_between_merges_three)
{
	memblock_add(0x10000000, SZ_1M);
	memblock_add(0x10300000, SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_2M);
	memblock_add(0x10100000, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_4K * 1024);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, 0x400000);
}

/* One range covering two regions and the gaps around them. */
KTEST(memblock_basic, add_covering_several)
{
	memblock_add(0x10100000, SZ_1M);
	memblock_add(0x10300000, SZ_1M);
	memblock_add(0x10000000, 0x500000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, 0x500000);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, 0x500000);
}

KTEST(memblock_basic, add_adjacent_merge)
{
	memblock_add(0x10000000, SZ_1M);
	memblock_add(0x10100000, SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_2M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_2M);
}

KTEST(memblock_basic, add_adjacent_other_node_not_merged)
{
	memblock_add_node(0x10000000, SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(0x10100000, SZ_1M, 1, MEMBLOCK_NONE);
	memblock_add_node(0x10200000, SZ_1M, 1, MEMBLOCK_HOTPLUG);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 3, 3 * SZ_1M);
	MB_EXPECT_ATTR(t, M, 0, 0, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 1, 1, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 2, 1, MEMBLOCK_HOTPLUG);
}

/* Overlapping parts keep the node and flags they already had. */
KTEST(memblock_basic, add_overlap_keeps_existing_attrs)
{
	memblock_add_node(0x10100000, SZ_1M, 1, MEMBLOCK_NONE);
	memblock_add_node(0x10000000, 0x300000, 2, MEMBLOCK_NONE);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 3, 0x300000);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_1M);
	MB_EXPECT_RGN(t, M, 1, 0x10100000, SZ_1M);
	MB_EXPECT_RGN(t, M, 2, 0x10200000, SZ_1M);
	MB_EXPECT_ATTR(t, M, 0, 2, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 1, 1, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 2, 2, MEMBLOCK_NONE);
}

/* A range running past the top of the address space is clipped there. */
KTEST(memblock_basic, add_near_max)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_1M;

	KT_EXPECT_SEQ(t, memblock_add(base, SZ_2M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
	MB_EXPECT_RGN(t, M, 0, base, PHYS_ADDR_MAX - base);
	KT_EXPECT_EQ(t, memblock_end_of_DRAM(), PHYS_ADDR_MAX);
}

KTEST(memblock_basic, add_zero_size)
{
	KT_EXPECT_SEQ(t, memblock_add(0x10000000, 0), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 0, 0);
	memblock_add(0x10000000, SZ_1M);
	KT_EXPECT_SEQ(t, memblock_add(0x20000000, 0), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
}

/* 128 separate regions fit; the 129th needs a bigger array. */
KTEST(memblock_basic, add_full_array_enomem)
{
	unsigned long i;

	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		KT_ASSERT_EQ(t, memblock_add(0x10000000 + i * SZ_2M, SZ_1M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, INIT_MEMBLOCK_REGIONS, INIT_MEMBLOCK_REGIONS * SZ_1M);
	KT_EXPECT_SEQ(t, memblock_add(0x1000000, SZ_1M), -ENOMEM);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, INIT_MEMBLOCK_REGIONS, INIT_MEMBLOCK_REGIONS * SZ_1M);
	KT_EXPECT_EQ(t, M.max, INIT_MEMBLOCK_REGIONS);
	/*
	 * As on Linux, a new piece needs a free slot even if it would merge
	 * with a neighbour; a range already covered needs none.
	 */
	KT_EXPECT_SEQ(t, memblock_add(0x10000000 + SZ_1M, SZ_1M), -ENOMEM);
	KT_EXPECT_SEQ(t, memblock_add(0x10000000 + SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, INIT_MEMBLOCK_REGIONS, INIT_MEMBLOCK_REGIONS * SZ_1M);
}

/* Adjacent pieces added one by one never need more than one slot. */
KTEST(memblock_basic, add_many_adjacent)
{
	unsigned long i;

	for (i = 0; i < 3 * INIT_MEMBLOCK_REGIONS; i++)
		KT_ASSERT_EQ(t, memblock_add(BASE + i * SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, 3 * INIT_MEMBLOCK_REGIONS * SZ_4K);
	MB_EXPECT_RGN(t, M, 0, BASE, 3 * INIT_MEMBLOCK_REGIONS * SZ_4K);
}

/* ---- memblock_reserve ---- */

KTEST(memblock_basic, reserve_simple)
{
	KT_EXPECT_SEQ(t, memblock_reserve(BASE, 0x80000), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 0x80000);
	MB_EXPECT_RGN(t, R, 0, BASE, 0x80000);
	MB_EXPECT_ATTR(t, R, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	/* Reserving does not need the range to be memory. */
	MB_EXPECT_TYPE(t, M, 0, 0);
}

KTEST(memblock_basic, reserve_disjoint)
{
	memblock_reserve(BASE + SZ_16M, SZ_4K);
	memblock_reserve(BASE, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M + SZ_4K);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_2M);
	MB_EXPECT_RGN(t, R, 1, BASE + SZ_16M, SZ_4K);
}

KTEST(memblock_basic, reserve_overlap_top_and_bottom)
{
	memblock_reserve(BASE + SZ_1M, SZ_2M);
	memblock_reserve(BASE + SZ_2M, SZ_2M);		/* over the top */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 3 * SZ_1M);
	MB_EXPECT_RGN(t, R, 0, BASE + SZ_1M, 3 * SZ_1M);
	memblock_reserve(BASE, SZ_2M);			/* over the bottom */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 4 * SZ_1M);
	MB_EXPECT_RGN(t, R, 0, BASE, 4 * SZ_1M);
}

KTEST(memblock_basic, reserve_within_and_twice)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_reserve(BASE + SZ_4K, SZ_4K);
	memblock_reserve(BASE, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_2M);
}

KTEST(memblock_basic, reserve_between_merges_three)
{
	memblock_reserve(BASE, SZ_4K);
	memblock_reserve(BASE + 3 * SZ_4K, SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 2 * SZ_4K);
	memblock_reserve(BASE + SZ_4K, 2 * SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 4 * SZ_4K);
	MB_EXPECT_RGN(t, R, 0, BASE, 4 * SZ_4K);
}

KTEST(memblock_basic, reserve_near_max)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_4K;

	memblock_reserve(base, SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
	MB_EXPECT_RGN(t, R, 0, base, SZ_4K);
	KT_EXPECT_TRUE(t, memblock_is_reserved(PHYS_ADDR_MAX - 1));
}

KTEST(memblock_basic, reserve_zero_size)
{
	KT_EXPECT_SEQ(t, memblock_reserve(BASE, 0), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

KTEST(memblock_basic, reserve_full_array_enomem)
{
	unsigned long i;

	for (i = 0; i < INIT_MEMBLOCK_RESERVED_REGIONS; i++)
		KT_ASSERT_EQ(t, memblock_reserve(BASE + i * 2 * SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	KT_EXPECT_SEQ(t, memblock_reserve(0x1000, SZ_4K), -ENOMEM);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, INIT_MEMBLOCK_RESERVED_REGIONS,
		       INIT_MEMBLOCK_RESERVED_REGIONS * SZ_4K);
	KT_EXPECT_EQ(t, R.max, INIT_MEMBLOCK_RESERVED_REGIONS);
}

/* ---- memblock_remove ---- */

KTEST(memblock_basic, remove_first_of_two)
{
	memblock_add(0x10000000, SZ_1M);
	memblock_add(0x20000000, SZ_2M);
	KT_EXPECT_SEQ(t, memblock_remove(0x10000000, SZ_1M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_2M);
	MB_EXPECT_RGN(t, M, 0, 0x20000000, SZ_2M);
}

KTEST(memblock_basic, remove_second_of_two)
{
	memblock_add(0x10000000, SZ_1M);
	memblock_add(0x20000000, SZ_2M);
	KT_EXPECT_SEQ(t, memblock_remove(0x20000000, SZ_2M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_1M);
}

KTEST(memblock_basic, remove_absent)
{
	memblock_add(0x10000000, SZ_1M);
	KT_EXPECT_SEQ(t, memblock_remove(0x20000000, SZ_1M), 0);
	KT_EXPECT_SEQ(t, memblock_remove(0x10100000, SZ_1M), 0);	/* touching */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_1M);
}

/* The removed range covers the top end of the region. */
KTEST(memblock_basic, remove_overlap_top)
{
	memblock_add(0x10000000, SZ_2M);
	memblock_remove(0x10100000, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_1M);
}

KTEST(memblock_basic, remove_overlap_bottom)
{
	memblock_add(0x10100000, SZ_2M);
	memblock_remove(0x10000000, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
	MB_EXPECT_RGN(t, M, 0, 0x10200000, SZ_1M);
}

/*
 *  |  +-----------------------+  |
 *  |  |     r1                |  |
 *  |  +------+=======+--------+  |   removing the middle splits r1
 */
KTEST(memblock_basic, remove_within_splits)
{
	memblock_add_node(0x10000000, SZ_16M, 1, MEMBLOCK_HOTPLUG);
	memblock_remove(0x10400000, SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_16M - SZ_4K);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, 0x400000);
	MB_EXPECT_RGN(t, M, 1, 0x10401000, SZ_16M - 0x401000);
	/* Both halves keep the node and flags. */
	MB_EXPECT_ATTR(t, M, 0, 1, MEMBLOCK_HOTPLUG);
	MB_EXPECT_ATTR(t, M, 1, 1, MEMBLOCK_HOTPLUG);
}

KTEST(memblock_basic, remove_only_region)
{
	memblock_add(0x10000000, SZ_1M);
	memblock_remove(0x10000000, SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 0, 0);
	KT_EXPECT_EQ(t, M.regions[0].base, 0);
	KT_EXPECT_EQ(t, M.regions[0].size, 0);
	KT_EXPECT_SEQ(t, M.regions[0].nid, MAX_NUMNODES);
	/* And the array works again from empty. */
	memblock_add(0x20000000, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_2M);
}

/* One range takes the top of r1, all of r2 and the bottom of r3. */
KTEST(memblock_basic, remove_spanning)
{
	memblock_add(0x10000000, SZ_2M);
	memblock_add(0x10300000, SZ_1M);
	memblock_add(0x10500000, SZ_2M);
	memblock_remove(0x10100000, 0x500000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_2M);
	MB_EXPECT_RGN(t, M, 0, 0x10000000, SZ_1M);
	MB_EXPECT_RGN(t, M, 1, 0x10600000, SZ_1M);
}

KTEST(memblock_basic, remove_near_max)
{
	phys_addr_t base = PHYS_ADDR_MAX - SZ_2M;

	memblock_add(base, SZ_2M);			/* ends exactly at the top */
	MB_EXPECT_TYPE(t, M, 1, SZ_2M);
	memblock_remove(base + SZ_1M, SZ_2M);		/* clipped as well */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
	MB_EXPECT_RGN(t, M, 0, base, SZ_1M);
}

KTEST(memblock_basic, remove_zero_size)
{
	memblock_add(0x10000000, SZ_1M);
	KT_EXPECT_SEQ(t, memblock_remove(0x10000000, 0), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_1M);
}

/*
 * With a full array, any cut inside a region (even trimming one end, which
 * is a split followed by a removal) fails cleanly; removing whole regions
 * needs no slot and frees one.
 */
KTEST(memblock_basic, remove_split_full_array)
{
	unsigned long i;

	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_add(0x10000000 + i * SZ_2M, SZ_1M);
	MB_EXPECT_TYPE(t, M, INIT_MEMBLOCK_REGIONS, INIT_MEMBLOCK_REGIONS * SZ_1M);
	KT_EXPECT_SEQ(t, memblock_remove(0x10000000 + SZ_4K, SZ_4K), -ENOMEM);
	KT_EXPECT_SEQ(t, memblock_remove(0x10000000, SZ_4K), -ENOMEM);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, INIT_MEMBLOCK_REGIONS, INIT_MEMBLOCK_REGIONS * SZ_1M);
	KT_EXPECT_SEQ(t, memblock_remove(0x10000000 + SZ_2M - SZ_4K, SZ_1M + SZ_4K), 0);
	MB_CHECK(t);
	KT_EXPECT_SEQ(t, memblock_remove(0x10000000, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, INIT_MEMBLOCK_REGIONS - 1,
		       (INIT_MEMBLOCK_REGIONS - 1) * SZ_1M - SZ_4K);
	MB_EXPECT_RGN(t, M, 0, 0x10001000, SZ_1M - SZ_4K);
	MB_EXPECT_RGN(t, M, 1, 0x10000000 + 2 * SZ_2M, SZ_1M);
}

/* Removing memory leaves the reserved list alone. */
KTEST(memblock_basic, remove_keeps_reserved)
{
	memblock_add(BASE, SZ_16M);
	memblock_reserve(BASE, SZ_2M);
	memblock_remove(BASE, SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 0, 0);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
}

/* ---- memblock_phys_free / memblock_free ---- */

KTEST(memblock_basic, free_first_of_two)
{
	memblock_reserve(BASE, SZ_4K);
	memblock_reserve(BASE + SZ_1M, SZ_2M);
	KT_EXPECT_SEQ(t, memblock_phys_free(BASE, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
	MB_EXPECT_RGN(t, R, 0, BASE + SZ_1M, SZ_2M);
}

KTEST(memblock_basic, free_second_of_two)
{
	memblock_reserve(BASE, SZ_4K);
	memblock_reserve(BASE + SZ_1M, SZ_2M);
	KT_EXPECT_SEQ(t, memblock_phys_free(BASE + SZ_1M, SZ_2M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_4K);
}

KTEST(memblock_basic, free_absent)
{
	memblock_reserve(BASE, SZ_4K);
	KT_EXPECT_SEQ(t, memblock_phys_free(BASE + SZ_1M, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_4K);
}

KTEST(memblock_basic, free_overlap_top)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_phys_free(BASE + SZ_1M, SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_1M);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_1M);
}

KTEST(memblock_basic, free_overlap_bottom)
{
	memblock_reserve(BASE + SZ_1M, SZ_2M);
	memblock_phys_free(BASE, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_1M);
	MB_EXPECT_RGN(t, R, 0, BASE + SZ_2M, SZ_1M);
}

KTEST(memblock_basic, free_within_splits)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_phys_free(BASE + SZ_4K, SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M - SZ_4K);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_4K);
	MB_EXPECT_RGN(t, R, 1, BASE + 2 * SZ_4K, SZ_2M - 2 * SZ_4K);
}

KTEST(memblock_basic, free_only_region)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_phys_free(BASE, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

KTEST(memblock_basic, free_spanning_two)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_reserve(BASE + 3 * SZ_1M, SZ_2M);
	memblock_phys_free(BASE + SZ_1M, 3 * SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_1M);
	MB_EXPECT_RGN(t, R, 1, BASE + 4 * SZ_1M, SZ_1M);
}

KTEST(memblock_basic, free_null_is_noop)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_free(NULL, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
}

/* ---- flags ---- */

KTEST(memblock_basic, mark_nomap_splits)
{
	memblock_add(BASE, SZ_256M);
	KT_EXPECT_SEQ(t, memblock_mark_nomap(BASE + SZ_16M, SZ_2M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 3, SZ_256M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_16M);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_16M, SZ_2M);
	MB_EXPECT_RGN(t, M, 2, BASE + SZ_16M + SZ_2M, SZ_256M - SZ_16M - SZ_2M);
	MB_EXPECT_ATTR(t, M, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 1, MAX_NUMNODES, MEMBLOCK_NOMAP);
	MB_EXPECT_ATTR(t, M, 2, MAX_NUMNODES, MEMBLOCK_NONE);
	KT_EXPECT_TRUE(t, memblock_is_memory(BASE + SZ_16M));
	KT_EXPECT_FALSE(t, memblock_is_map_memory(BASE + SZ_16M));
	KT_EXPECT_FALSE(t, memblock_is_map_memory(BASE + SZ_16M + SZ_2M - 1));
	KT_EXPECT_TRUE(t, memblock_is_map_memory(BASE + SZ_16M + SZ_2M));
	KT_EXPECT_TRUE(t, memblock_is_map_memory(BASE + SZ_16M - 1));
}

KTEST(memblock_basic, clear_nomap_merges_back)
{
	memblock_add(BASE, SZ_256M);
	memblock_mark_nomap(BASE + SZ_16M, SZ_2M);
	KT_EXPECT_SEQ(t, memblock_clear_nomap(BASE + SZ_16M, SZ_2M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_256M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_256M);
	MB_EXPECT_ATTR(t, M, 0, MAX_NUMNODES, MEMBLOCK_NONE);
}

/* Partly clearing a NOMAP range: only that part merges back. */
KTEST(memblock_basic, clear_nomap_partial)
{
	memblock_add(BASE, SZ_16M);
	memblock_mark_nomap(BASE, SZ_4K * 4);
	memblock_clear_nomap(BASE + 2 * SZ_4K, 2 * SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_16M);
	MB_EXPECT_RGN(t, M, 0, BASE, 2 * SZ_4K);
	MB_EXPECT_ATTR(t, M, 0, MAX_NUMNODES, MEMBLOCK_NOMAP);
	MB_EXPECT_RGN(t, M, 1, BASE + 2 * SZ_4K, SZ_16M - 2 * SZ_4K);
	MB_EXPECT_ATTR(t, M, 1, MAX_NUMNODES, MEMBLOCK_NONE);
}

/* Flags only touch memory that exists: across a hole, two regions. */
KTEST(memblock_basic, mark_nomap_across_hole)
{
	memblock_add(BASE, SZ_2M);
	memblock_add(BASE + SZ_16M, SZ_2M);
	memblock_mark_nomap(BASE + SZ_1M, SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 4, SZ_4K * 1024);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_1M);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_1M, SZ_1M);
	MB_EXPECT_RGN(t, M, 2, BASE + SZ_16M, SZ_1M);
	MB_EXPECT_RGN(t, M, 3, BASE + SZ_16M + SZ_1M, SZ_1M);
	MB_EXPECT_ATTR(t, M, 1, MAX_NUMNODES, MEMBLOCK_NOMAP);
	MB_EXPECT_ATTR(t, M, 2, MAX_NUMNODES, MEMBLOCK_NOMAP);
	MB_EXPECT_ATTR(t, M, 3, MAX_NUMNODES, MEMBLOCK_NONE);
}

KTEST(memblock_basic, hotplug_mark_and_clear)
{
	memblock_add(BASE, SZ_16M);
	KT_EXPECT_SEQ(t, memblock_mark_hotplug(BASE + SZ_2M, SZ_2M), 0);
	memblock_mark_nomap(BASE + SZ_2M, SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 4, SZ_16M);
	MB_EXPECT_ATTR(t, M, 1, MAX_NUMNODES, MEMBLOCK_HOTPLUG | MEMBLOCK_NOMAP);
	MB_EXPECT_ATTR(t, M, 2, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	KT_EXPECT_SEQ(t, memblock_clear_hotplug(BASE, SZ_16M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 3, SZ_16M);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_2M, SZ_1M);
	MB_EXPECT_ATTR(t, M, 1, MAX_NUMNODES, MEMBLOCK_NOMAP);
	memblock_clear_nomap(BASE, SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_16M);
}

/* ---- nodes ---- */

KTEST(memblock_basic, set_node_splits)
{
	memblock_add(BASE, SZ_256M);
	KT_EXPECT_SEQ(t, memblock_set_node(BASE + SZ_16M, SZ_16M, &M, 1), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 3, SZ_256M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_16M);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_16M, SZ_16M);
	MB_EXPECT_RGN(t, M, 2, BASE + 2 * SZ_16M, SZ_256M - 2 * SZ_16M);
	MB_EXPECT_ATTR(t, M, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 1, 1, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, M, 2, MAX_NUMNODES, MEMBLOCK_NONE);
}

KTEST(memblock_basic, set_node_merges)
{
	memblock_add_node(BASE, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	MB_EXPECT_TYPE(t, M, 2, 2 * SZ_16M);
	memblock_set_node(0, PHYS_ADDR_MAX, &M, 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, 2 * SZ_16M);
	MB_EXPECT_ATTR(t, M, 0, 0, MEMBLOCK_NONE);
}

KTEST(memblock_basic, set_node_reserved)
{
	memblock_reserve(BASE, SZ_2M);
	memblock_set_node(BASE + SZ_1M, SZ_16M, &R, 2);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_1M);
	MB_EXPECT_RGN(t, R, 1, BASE + SZ_1M, SZ_1M);
	MB_EXPECT_ATTR(t, R, 0, MAX_NUMNODES, MEMBLOCK_NONE);
	MB_EXPECT_ATTR(t, R, 1, 2, MEMBLOCK_NONE);
}

/* ---- queries ---- */

KTEST(memblock_basic, sizes_and_dram_bounds)
{
	memblock_add(BASE + SZ_1G, SZ_256M);
	memblock_add(BASE, SZ_16M);
	memblock_reserve(BASE, SZ_2M);
	memblock_reserve(0x1000, SZ_4K);	/* outside memory: still counted */
	MB_CHECK(t);
	KT_EXPECT_EQ(t, memblock_phys_mem_size(), SZ_256M + SZ_16M);
	KT_EXPECT_EQ(t, memblock_reserved_size(), SZ_2M + SZ_4K);
	KT_EXPECT_EQ(t, memblock_start_of_DRAM(), BASE);
	KT_EXPECT_EQ(t, memblock_end_of_DRAM(), BASE + SZ_1G + SZ_256M);
}

KTEST(memblock_basic, is_memory_half_open)
{
	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_16M);
	KT_EXPECT_FALSE(t, memblock_is_memory(BASE - 1));
	KT_EXPECT_TRUE(t, memblock_is_memory(BASE));
	KT_EXPECT_TRUE(t, memblock_is_memory(BASE + SZ_16M - 1));
	KT_EXPECT_FALSE(t, memblock_is_memory(BASE + SZ_16M));
	KT_EXPECT_TRUE(t, memblock_is_memory(BASE + SZ_1G + 5));
	KT_EXPECT_FALSE(t, memblock_is_memory(BASE + SZ_1G + SZ_16M));
	KT_EXPECT_TRUE(t, memblock_is_map_memory(BASE));
	KT_EXPECT_FALSE(t, memblock_is_map_memory(0));
}

KTEST(memblock_basic, is_reserved_half_open)
{
	memblock_reserve(BASE, SZ_4K);
	memblock_reserve(BASE + SZ_2M, SZ_4K);
	KT_EXPECT_FALSE(t, memblock_is_reserved(BASE - 1));
	KT_EXPECT_TRUE(t, memblock_is_reserved(BASE));
	KT_EXPECT_TRUE(t, memblock_is_reserved(BASE + SZ_4K - 1));
	KT_EXPECT_FALSE(t, memblock_is_reserved(BASE + SZ_4K));
	KT_EXPECT_TRUE(t, memblock_is_reserved(BASE + SZ_2M));
	KT_EXPECT_FALSE(t, memblock_is_reserved(BASE + SZ_1M));
}

KTEST(memblock_basic, is_region_memory)
{
	memblock_add(BASE, SZ_16M);
	memblock_add_node(BASE + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	KT_EXPECT_TRUE(t, memblock_is_region_memory(BASE, SZ_16M));
	KT_EXPECT_TRUE(t, memblock_is_region_memory(BASE + SZ_1M, SZ_1M));
	/* Spans two regions: Linux asks for a single one. */
	KT_EXPECT_FALSE(t, memblock_is_region_memory(BASE + SZ_1M, SZ_16M));
	KT_EXPECT_FALSE(t, memblock_is_region_memory(BASE - SZ_4K, SZ_16M));
	KT_EXPECT_FALSE(t, memblock_is_region_memory(BASE + 2 * SZ_16M, SZ_4K));
	KT_EXPECT_FALSE(t, memblock_is_region_memory(BASE + SZ_16M + SZ_4K, SZ_16M));
}

/*
 * Where [base, base + size) sits relative to a region r:
 *   before, touching its start, over its start, inside, over its end,
 *   touching its end, after, and covering it.
 */
KTEST(memblock_basic, overlaps_region)
{
	phys_addr_t rb = BASE + SZ_16M;

	memblock_reserve(rb, SZ_2M);
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&R, BASE, SZ_1M));
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&R, rb - SZ_1M, SZ_1M));
	KT_EXPECT_TRUE(t, memblock_overlaps_region(&R, rb - SZ_1M, SZ_1M + 1));
	KT_EXPECT_TRUE(t, memblock_overlaps_region(&R, rb + SZ_4K, SZ_4K));
	KT_EXPECT_TRUE(t, memblock_overlaps_region(&R, rb + SZ_2M - 1, SZ_1M));
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&R, rb + SZ_2M, SZ_1M));
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&R, rb + SZ_16M, SZ_1M));
	KT_EXPECT_TRUE(t, memblock_overlaps_region(&R, BASE, SZ_256M));
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&R, rb, 0));
	KT_EXPECT_TRUE(t, memblock_is_region_reserved(rb + SZ_1M, PHYS_ADDR_MAX));
	KT_EXPECT_FALSE(t, memblock_is_region_reserved(rb + SZ_2M, PHYS_ADDR_MAX));
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&M, rb, SZ_2M));
}

/* ---- trimming ---- */

KTEST(memblock_basic, trim_memory)
{
	memblock_add(BASE + 0x10, SZ_1M - 0x10);		/* ragged start */
	memblock_add(BASE + SZ_2M, SZ_1M + 0x800);		/* ragged end */
	memblock_add(BASE + SZ_16M + 0x100, 0x800);		/* vanishes */
	memblock_add(BASE + SZ_256M, SZ_1M);			/* aligned */
	memblock_trim_memory(SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 3, 3 * SZ_1M - SZ_4K);
	MB_EXPECT_RGN(t, M, 0, BASE + SZ_4K, SZ_1M - SZ_4K);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_2M, SZ_1M);
	MB_EXPECT_RGN(t, M, 2, BASE + SZ_256M, SZ_1M);
}

KTEST(memblock_basic, trim_memory_to_nothing)
{
	memblock_add(0x1800, 0x1000);
	memblock_add(0x4100, 0x100);
	memblock_trim_memory(SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 0, 0);
}

/* mem=: keep the lowest @limit bytes, counted across the holes. */
KTEST(memblock_basic, enforce_memory_limit)
{
	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_256M);
	memblock_reserve(BASE, SZ_1M);
	memblock_reserve(BASE + SZ_1G + SZ_16M - SZ_1M, SZ_2M);	/* straddles */
	memblock_reserve(BASE + SZ_1G + SZ_128M, SZ_1M);		/* dropped */
	memblock_enforce_memory_limit(2 * SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, 2 * SZ_16M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_16M);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_1G, SZ_16M);
	MB_EXPECT_TYPE(t, R, 2, 2 * SZ_1M);
	MB_EXPECT_RGN(t, R, 1, BASE + SZ_1G + SZ_16M - SZ_1M, SZ_1M);
	KT_EXPECT_EQ(t, memblock_end_of_DRAM(), BASE + SZ_1G + SZ_16M);
}

KTEST(memblock_basic, enforce_memory_limit_bank_edge)
{
	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_16M);
	memblock_enforce_memory_limit(SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_16M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_16M);
}

KTEST(memblock_basic, enforce_memory_limit_noop)
{
	memblock_add(BASE, SZ_16M);
	memblock_reserve(BASE + SZ_1M, SZ_1M);
	memblock_enforce_memory_limit(0);		/* no limit */
	memblock_enforce_memory_limit(SZ_16M);		/* exactly all */
	memblock_enforce_memory_limit(SZ_1G);		/* more than all */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 1, SZ_16M);
	MB_EXPECT_TYPE(t, R, 1, SZ_1M);
}

/* NOMAP memory counts toward mem= and is cut like the rest. */
KTEST(memblock_basic, enforce_memory_limit_counts_nomap)
{
	memblock_add(BASE, SZ_16M);
	memblock_mark_nomap(BASE, SZ_2M);
	memblock_enforce_memory_limit(SZ_4K * 1024);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_4K * 1024);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_2M);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_2M, SZ_2M);
}

KTEST(memblock_basic, cap_memory_range)
{
	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_256M);
	memblock_mark_nomap(BASE, SZ_1M);			/* firmware */
	memblock_mark_nomap(BASE + SZ_1G + SZ_128M, SZ_1M);
	memblock_reserve(BASE + SZ_2M, SZ_1M);
	memblock_reserve(BASE + SZ_1G + SZ_16M - SZ_1M, SZ_2M);
	memblock_reserve(BASE + SZ_1G + SZ_128M + SZ_16M, SZ_1M);

	memblock_cap_memory_range(BASE + SZ_1G, SZ_16M);
	MB_CHECK(t);
	/* The range, plus the NOMAP regions outside it. */
	MB_EXPECT_TYPE(t, M, 3, SZ_16M + 2 * SZ_1M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_1M);
	MB_EXPECT_ATTR(t, M, 0, MAX_NUMNODES, MEMBLOCK_NOMAP);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_1G, SZ_16M);
	MB_EXPECT_RGN(t, M, 2, BASE + SZ_1G + SZ_128M, SZ_1M);
	MB_EXPECT_ATTR(t, M, 2, MAX_NUMNODES, MEMBLOCK_NOMAP);
	/* Reserved regions are cut to the range. */
	MB_EXPECT_TYPE(t, R, 1, SZ_1M);
	MB_EXPECT_RGN(t, R, 0, BASE + SZ_1G + SZ_16M - SZ_1M, SZ_1M);
}

KTEST(memblock_basic, cap_memory_range_without_memory)
{
	memblock_reserve(BASE, SZ_1M);
	memblock_cap_memory_range(BASE + SZ_16M, SZ_16M);
	memblock_cap_memory_range(BASE, 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 0, 0);
	MB_EXPECT_TYPE(t, R, 1, SZ_1M);
}

KTEST(memblock_basic, mem_limit_remove_map)
{
	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_16M);
	memblock_mark_nomap(BASE + SZ_1G, SZ_1M);
	memblock_reserve(BASE + SZ_1G + SZ_2M, SZ_1M);
	memblock_mem_limit_remove_map(SZ_4K * 2048);		/* 8 MiB */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 2, SZ_4K * 2048 + SZ_1M);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_4K * 2048);
	MB_EXPECT_RGN(t, M, 1, BASE + SZ_1G, SZ_1M);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

/* ---- the checker itself ---- */

KTEST(memblock_basic, check_catches_corruption)
{
	memblock_add(BASE, SZ_16M);
	memblock_add(BASE + SZ_1G, SZ_16M);
	MB_CHECK(t);

	M.total_size++;					/* wrong total */
	KT_EXPECT_SEQ(t, memblock_check(), -EINVAL);
	M.total_size--;
	M.regions[1].base = BASE + SZ_1M;		/* overlap */
	KT_EXPECT_SEQ(t, memblock_check(), -EINVAL);
	M.regions[1].base = BASE + SZ_16M;		/* touching, unmerged */
	KT_EXPECT_SEQ(t, memblock_check(), -EINVAL);
	M.regions[1].base = BASE + SZ_1G;
	M.regions[1].nid = 42;				/* bad node */
	KT_EXPECT_SEQ(t, memblock_check(), -EINVAL);
	M.regions[1].nid = MAX_NUMNODES;
	M.regions[1].size = 0;				/* empty region */
	M.total_size -= SZ_16M;
	KT_EXPECT_SEQ(t, memblock_check(), -EINVAL);
	M.regions[1].size = SZ_16M;
	M.total_size += SZ_16M;
	MB_CHECK(t);
	R.cnt = R.max + 1;				/* overfull */
	KT_EXPECT_SEQ(t, memblock_check(), -EINVAL);
	R.cnt = 0;
	MB_CHECK(t);
}

/* ---- the debugfs line format ---- */

KTEST(memblock_basic, debugfs_format)
{
	char line[128];
	int n;

	memblock_add_node(BASE, SZ_1G, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_1G, SZ_2M, 1, MEMBLOCK_NOMAP);
	memblock_add_node(BASE + SZ_1G + SZ_2M, SZ_2M, 1,
			  MEMBLOCK_HOTPLUG | MEMBLOCK_NOMAP | MEMBLOCK_DRIVER_MANAGED);
	memblock_add_node(BASE + SZ_1G + SZ_4K * 1024, SZ_4K, 2,
			  MEMBLOCK_MIRROR | 0x40);
	memblock_reserve(BASE + SZ_2M, SZ_4K * 128);
	MB_CHECK(t);

	n = memblock_debugfs_format(line, sizeof(line), &M, 0);
	KT_EXPECT_STREQ(t, line, "   0: 0x0000000080000000..0x00000000bfffffff    0 NONE\n");
	KT_EXPECT_EQ(t, n, 55);
	memblock_debugfs_format(line, sizeof(line), &M, 1);
	KT_EXPECT_STREQ(t, line, "   1: 0x00000000c0000000..0x00000000c01fffff    1 NOMAP\n");
	memblock_debugfs_format(line, sizeof(line), &M, 2);
	KT_EXPECT_STREQ(t, line, "   2: 0x00000000c0200000..0x00000000c03fffff    1 HOTPLUG|NOMAP|DRV_MNG\n");
	memblock_debugfs_format(line, sizeof(line), &M, 3);
	KT_EXPECT_STREQ(t, line, "   3: 0x00000000c0400000..0x00000000c0400fff    2 MIRROR|UNKNOWN\n");
	memblock_debugfs_format(line, sizeof(line), &R, 0);
	KT_EXPECT_STREQ(t, line, "   0: 0x0000000080200000..0x000000008027ffff    x NONE\n");

	/* Out of range: empty; short buffer: truncated, full length returned. */
	KT_EXPECT_EQ(t, memblock_debugfs_format(line, sizeof(line), &R, 1), 0);
	KT_EXPECT_STREQ(t, line, "");
	n = memblock_debugfs_format(line, 10, &M, 0);
	KT_EXPECT_EQ(t, n, 55);
	KT_EXPECT_STREQ(t, line, "   0: 0x0");
}
