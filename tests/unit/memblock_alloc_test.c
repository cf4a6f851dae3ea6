// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock's physical allocators: direction, alignment, merging with
 * reserved neighbours, gaps too small, ranges and their clamping,
 * current_limit, node preference and fallback, NOMAP.  Only the phys_*
 * forms are used, so no memory is touched and the cases run inside the
 * kernel as well; the virtual forms are in tests/host/memblock_host_test.c.
 */
#include "memblock_test.h"

#include <kernel/errno.h>
#include <asm/page.h>

KTEST_SUITE(memblock_alloc, memblock_test_init, memblock_test_exit);

#define M	memblock.memory
#define R	memblock.reserved

#define BASE	0x80000000ULL
#define END	(BASE + SZ_16M)

/* The usual layout: one 16 MiB bank at 2 GiB, nothing reserved. */
static void one_bank(void)
{
	memblock_add(BASE, SZ_16M);
}

/* ---- top-down (the default) ---- */

KTEST(memblock_alloc, top_down_simple)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x800, SMP_CACHE_BYTES), END - 0x800);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 0x800);
	MB_EXPECT_RGN(t, R, 0, END - 0x800, 0x800);
	MB_EXPECT_TYPE(t, M, 1, SZ_16M);
}

KTEST(memblock_alloc, top_down_align)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x1234, SZ_4K), END - 0x2000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 0x1234);
	MB_EXPECT_RGN(t, R, 0, END - 0x2000, 0x1234);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_2M), END - SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 0x1234 + SZ_4K);
}

/* Alignment 0 means SMP_CACHE_BYTES. */
KTEST(memblock_alloc, default_align)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(100, 0), END - 128);
	KT_EXPECT_EQ(t, memblock_phys_alloc(1, 0), END - 128 - SMP_CACHE_BYTES);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 101);
}

/*
 *  |               +-----+-----+|
 *  |               | new | r1  ||   lands right below r1 and merges
 */
KTEST(memblock_alloc, top_down_merges_with_reserved_above)
{
	one_bank();
	memblock_reserve(END - SZ_1M, SZ_1M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_1M, SZ_4K), END - SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
	MB_EXPECT_RGN(t, R, 0, END - SZ_2M, SZ_2M);
}

/* A gap of exactly the requested size is used and closes up. */
KTEST(memblock_alloc, top_down_exact_fit)
{
	one_bank();
	memblock_reserve(END - SZ_1M, SZ_1M);
	memblock_reserve(BASE, SZ_16M - SZ_2M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_1M, SZ_4K), END - SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_16M);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_16M);
}

/* A free gap smaller than the request is passed over. */
KTEST(memblock_alloc, top_down_small_gap_skipped)
{
	one_bank();
	memblock_reserve(END - SZ_1M, SZ_1M);
	memblock_reserve(END - SZ_2M, SZ_1M - 0x10000);	/* 64K gap above */
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x20000, SZ_4K), END - SZ_2M - 0x20000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M - 0x10000 + 0x20000);
	MB_EXPECT_RGN(t, R, 0, END - SZ_2M - 0x20000, SZ_1M - 0x10000 + 0x20000);
	MB_EXPECT_RGN(t, R, 1, END - SZ_1M, SZ_1M);
	/* A request that fits the gap takes it. */
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x10000, SZ_4K), END - SZ_1M - 0x10000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M + 0x20000);
}

/* Several allocations stack downward into one reserved region. */
KTEST(memblock_alloc, top_down_successive)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), END - SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), END - 2 * SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), END - 3 * SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 3 * SZ_4K);
	MB_EXPECT_RGN(t, R, 0, END - 3 * SZ_4K, 3 * SZ_4K);
}

/* Across two banks, the higher one is used first. */
KTEST(memblock_alloc, top_down_two_banks)
{
	memblock_add(BASE + SZ_1G, SZ_1M);
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_1M, SZ_4K), BASE + SZ_1G);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_1M, SZ_4K), END - SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M);
}

KTEST(memblock_alloc, nothing_left)
{
	one_bank();
	memblock_reserve(BASE, SZ_16M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_16M);
}

KTEST(memblock_alloc, too_big)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_16M + SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
	/* All of it in one piece is fine. */
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_16M, SZ_4K), BASE);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_16M);
}

KTEST(memblock_alloc, no_memory)
{
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

KTEST(memblock_alloc, zero_size_and_bad_align)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc(0, SZ_4K), 0);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, 3 * SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

/* Page 0 is never handed out, so 0 can stand for failure. */
KTEST(memblock_alloc, first_page_never_returned)
{
	memblock_add(0, 2 * SZ_4K);
	memblock_reserve(SZ_4K, SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	memblock_set_bottom_up(true);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
}

/* ---- bottom-up ---- */

KTEST(memblock_alloc, bottom_up_simple)
{
	one_bank();
	memblock_set_bottom_up(true);
	KT_EXPECT_TRUE(t, memblock_bottom_up());
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x800, SMP_CACHE_BYTES), BASE);
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x800, SMP_CACHE_BYTES), BASE + 0x800);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 0x1000);
	MB_EXPECT_RGN(t, R, 0, BASE, 0x1000);
}

KTEST(memblock_alloc, bottom_up_align)
{
	one_bank();
	memblock_set_bottom_up(true);
	memblock_reserve(BASE, 0x100);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), BASE + SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc(64, 0), BASE + 0x100);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 0x140 + SZ_4K);
	MB_EXPECT_RGN(t, R, 0, BASE, 0x140);
	MB_EXPECT_RGN(t, R, 1, BASE + SZ_4K, SZ_4K);
}

KTEST(memblock_alloc, bottom_up_merges_with_reserved_below)
{
	one_bank();
	memblock_set_bottom_up(true);
	memblock_reserve(BASE, SZ_1M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_1M, SZ_4K), BASE + SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_2M);
}

KTEST(memblock_alloc, bottom_up_small_gap_skipped)
{
	one_bank();
	memblock_set_bottom_up(true);
	memblock_reserve(BASE, SZ_1M);
	memblock_reserve(BASE + SZ_1M + 0x10000, SZ_1M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(0x20000, SZ_4K), BASE + SZ_2M + 0x10000);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_2M + 0x20000);
	MB_EXPECT_RGN(t, R, 0, BASE, SZ_1M);
	MB_EXPECT_RGN(t, R, 1, BASE + SZ_1M + 0x10000, SZ_1M + 0x20000);
}

KTEST(memblock_alloc, bottom_up_skips_first_page)
{
	memblock_add(0, SZ_16M);
	memblock_set_bottom_up(true);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), PAGE_SIZE);
	MB_CHECK(t);
	MB_EXPECT_RGN(t, R, 0, PAGE_SIZE, SZ_4K);
}

/* ---- ranges ---- */

KTEST(memblock_alloc, range_top_down)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE + SZ_4K * 1024,
						  BASE + SZ_4K * 2048),
		     BASE + SZ_4K * 2047);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
}

KTEST(memblock_alloc, range_bottom_up)
{
	one_bank();
	memblock_set_bottom_up(true);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE + SZ_4K * 1024,
						  BASE + SZ_4K * 2048),
		     BASE + SZ_4K * 1024);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
}

/* An end past the end of DRAM is clamped to it. */
KTEST(memblock_alloc, range_end_beyond_dram)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE, BASE + SZ_1G),
		     END - SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE,
						  MEMBLOCK_ALLOC_ANYWHERE),
		     END - 2 * SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 2 * SZ_4K);
}

/* A start below DRAM is clamped to it. */
KTEST(memblock_alloc, range_start_below_dram)
{
	one_bank();
	memblock_set_bottom_up(true);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, 0, END), BASE);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
}

KTEST(memblock_alloc, range_too_narrow)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE + SZ_1M,
						  BASE + SZ_1M + 0x800), 0);
	/* Alignment makes a big enough range too small. */
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_1M, BASE + 0x800,
						  BASE + SZ_1M + SZ_4K - 1), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

KTEST(memblock_alloc, range_outside_dram)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, END, END + SZ_1G), 0);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, 0x1000, BASE), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

/* The physical range form keeps its lower bound (no retry from 0). */
KTEST(memblock_alloc, range_reserved_no_fallback)
{
	one_bank();
	memblock_reserve(BASE + SZ_2M, SZ_2M);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE + SZ_2M,
						  BASE + 2 * SZ_2M), 0);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE + SZ_1M,
						  BASE + 2 * SZ_2M),
		     BASE + SZ_2M - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M + SZ_4K);
}

/* ---- current_limit ---- */

KTEST(memblock_alloc, current_limit)
{
	one_bank();
	memblock_set_current_limit(BASE + SZ_1M);
	KT_EXPECT_EQ(t, memblock_get_current_limit(), BASE + SZ_1M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), BASE + SZ_1M - SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, NUMA_NO_NODE),
		     BASE + SZ_1M - 2 * SZ_4K);
	/* An explicit end is not limited. */
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, 0,
						  MEMBLOCK_ALLOC_ANYWHERE),
		     END - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 3 * SZ_4K);
}

KTEST(memblock_alloc, current_limit_below_memory)
{
	one_bank();
	memblock_set_current_limit(BASE);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

/* ---- nodes ---- */

static void two_nodes(void)
{
	memblock_add_node(BASE, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
}

KTEST(memblock_alloc, try_nid_exact_node)
{
	two_nodes();
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 0), BASE + SZ_16M - SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 1),
		     BASE + 2 * SZ_16M - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 2 * SZ_4K);
}

KTEST(memblock_alloc, try_nid_falls_back)
{
	two_nodes();
	memblock_reserve(BASE, SZ_16M);			/* node 0 is full */
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 0),
		     BASE + 2 * SZ_16M - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_16M + SZ_4K);
}

KTEST(memblock_alloc, try_nid_too_big_for_node)
{
	memblock_add_node(BASE, SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	memblock_set_bottom_up(true);
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_2M, SZ_4K, 0), BASE + SZ_16M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
}

/* Unknown and "any" nodes: MAX_NUMNODES is taken as NUMA_NO_NODE. */
KTEST(memblock_alloc, try_nid_unknown_node)
{
	two_nodes();
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 5),
		     BASE + 2 * SZ_16M - SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, MAX_NUMNODES),
		     BASE + 2 * SZ_16M - 2 * SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, NUMA_NO_NODE),
		     BASE + 2 * SZ_16M - 3 * SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 3 * SZ_4K);
}

/* Memory added without a node belongs to none: a node request falls back. */
KTEST(memblock_alloc, try_nid_memory_without_node)
{
	one_bank();
	KT_EXPECT_EQ(t, memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 0), END - SZ_4K);
	MB_CHECK(t);
}

/* ---- NOMAP and hotplug ---- */

KTEST(memblock_alloc, nomap_skipped_top_down)
{
	one_bank();
	memblock_mark_nomap(END - SZ_1M, SZ_1M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), END - SZ_1M - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
}

KTEST(memblock_alloc, nomap_skipped_bottom_up)
{
	one_bank();
	memblock_set_bottom_up(true);
	memblock_mark_nomap(BASE, SZ_1M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), BASE + SZ_1M);
	MB_CHECK(t);
}

KTEST(memblock_alloc, nomap_only)
{
	one_bank();
	memblock_mark_nomap(BASE, SZ_16M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	KT_EXPECT_EQ(t, memblock_phys_alloc_range(SZ_4K, SZ_4K, BASE, END), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

/* Without movable_node, hotpluggable memory is ordinary memory. */
KTEST(memblock_alloc, hotplug_allocatable)
{
	one_bank();
	memblock_mark_hotplug(BASE, SZ_16M);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), END - SZ_4K);
	MB_CHECK(t);
}

/* ---- freeing and a full reserved array ---- */

KTEST(memblock_alloc, free_then_alloc_again)
{
	phys_addr_t a;

	one_bank();
	a = memblock_phys_alloc(SZ_1M, SZ_4K);
	KT_EXPECT_EQ(t, a, END - SZ_1M);
	KT_EXPECT_SEQ(t, memblock_phys_free(a, SZ_1M), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_1M, SZ_4K), a);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_1M);
}

/* The reserved array is full and may not grow: allocation fails cleanly. */
KTEST(memblock_alloc, reserved_array_full)
{
	unsigned long i;

	one_bank();
	for (i = 0; i < INIT_MEMBLOCK_RESERVED_REGIONS; i++)
		memblock_reserve(BASE + i * 2 * SZ_4K, SZ_4K);
	MB_EXPECT_TYPE(t, R, INIT_MEMBLOCK_RESERVED_REGIONS,
		       INIT_MEMBLOCK_RESERVED_REGIONS * SZ_4K);
	KT_EXPECT_EQ(t, memblock_phys_alloc(SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, INIT_MEMBLOCK_RESERVED_REGIONS,
		       INIT_MEMBLOCK_RESERVED_REGIONS * SZ_4K);
}
