// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the generic page-table code (mm/pgtable.c, mm/ptdump.c).
 *
 * The cases only use the asm/pgtable.h contract and the generic API, so they
 * hold for any geometry: this file runs them as suite "pgtable" with the host
 * harness's 4-level format, and tests/host/sv39_test.c includes it again as
 * suite "pgtable_sv39" with the real Sv39 encoding.  Only the suite hooks
 * are host-specific (they back the table pool with host_mem_map()); the case
 * bodies can move to tests/unit/ once the kernel offers a pool to test on.
 *
 * Table pages come from memblock over a private pool through a counting
 * allocator that can be told to fail after N pages.  After every step
 * CHECK() proves pgtable_check() and that the tables in the tree are exactly
 * the pages allocated and not freed (no leak, no double free).  Freed pages
 * are junk-filled so a walk through a dangling table pointer shows up.
 *
 * Addresses: TVA is the first address of the upper canonical half (aligned
 * to every leaf size on every geometry); physical addresses of leaves are
 * never touched, so they need no backing.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <mm/pgtable.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include "host.h"

#ifndef PGTABLE_SUITE
#define PGTABLE_SUITE pgtable
#endif
#define __PT_SUITE(s, i, e)	KTEST_SUITE(s, i, e)
#define __PT_KTEST(s, c)	KTEST(s, c)
#define PT_KTEST(c)		__PT_KTEST(PGTABLE_SUITE, c)

#define POOL_BASE	0x10000000ULL
#define POOL_SIZE	(32ULL << 20)

#define TVA		pgtable_sign_extend(1UL << (VA_BITS - 1))
#define RAM		0x80000000ULL

struct test_alloc {
	long allocs;
	long frees;
	long fail_after;	/* refuse once allocs reaches this; -1: never */
};

static struct test_alloc ta;

static phys_addr_t test_alloc_page(void *ctx)
{
	struct test_alloc *a = ctx;
	phys_addr_t pa;

	if (a->fail_after >= 0 && a->allocs >= a->fail_after)
		return 0;
	pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
	if (pa) {
		memset(__va(pa), 0x5a, PAGE_SIZE);	/* junk: must be cleared */
		a->allocs++;
	}
	return pa;
}

static void test_free_page(phys_addr_t pa, void *ctx)
{
	struct test_alloc *a = ctx;

	memset(__va(pa), 0xa5, PAGE_SIZE);
	memblock_phys_free(pa, PAGE_SIZE);
	a->frees++;
}

static const struct pgtable_allocator test_allocator = {
	.name	= "test",
	.alloc	= test_alloc_page,
	.free	= test_free_page,
	.ctx	= &ta,
};

static const struct pgtable_allocator *saved_allocator;
static pte_t *root;
static long data_pages;		/* pages handed out as data, not tables */

static void pt_suite_init(struct ktest_ctx *t)
{
	(void)t;
	host_mem_reset();
	memblock_reset();
	host_mem_map(POOL_BASE, POOL_SIZE);
	memblock_add(POOL_BASE, POOL_SIZE);
	ta = (struct test_alloc){ .fail_after = -1 };
	saved_allocator = pgtable_set_allocator(&test_allocator);
	root = __va(pgtable_alloc_table());
	data_pages = 0;
}

static void pt_suite_exit(struct ktest_ctx *t)
{
	(void)t;
	pgtable_set_allocator(saved_allocator);
	memblock_reset();
	host_mem_reset();
}

__PT_SUITE(PGTABLE_SUITE, pt_suite_init, pt_suite_exit);

/* Table pages that should be in the tree: all live pages but root and data. */
static unsigned long live_tables(void)
{
	return (unsigned long)(ta.allocs - ta.frees - 1 - data_pages);
}

#define CHECK(t)							\
	do {								\
		KT_ASSERT_SEQ(t, pgtable_check(root), 0);		\
		KT_ASSERT_EQ(t, pgtable_count_tables(root), live_tables()); \
	} while (0)

/* The level whose leaves are @size bytes, or -1 if there is none. */
static int leaf_level(unsigned long size)
{
	int l;

	for (l = 0; l < PT_LEVELS; l++)
		if (pt_level_size(l) == size && pt_level_has_leaf(l))
			return l;
	return -1;
}

struct leaf_count {
	unsigned long start, last;
	unsigned long n[PT_LEVELS];
};

static int count_leaf(pte_t pte, unsigned int level, unsigned long va, void *arg)
{
	struct leaf_count *c = arg;

	(void)pte;
	if (va + pt_level_size(level) - 1 >= c->start && va <= c->last)
		c->n[level]++;
	return 0;
}

/* Leaves per level overlapping [va, va + size). */
static struct leaf_count count_leaves(unsigned long va, unsigned long size)
{
	struct leaf_count c = { .start = va, .last = va + size - 1 };

	pgtable_for_each_leaf(root, count_leaf, &c);
	return c;
}

static unsigned long total_leaves(const struct leaf_count *c)
{
	unsigned long n = 0;
	int l;

	for (l = 0; l < PT_LEVELS; l++)
		n += c->n[l];
	return n;
}

/* True if every page of [va, va + size) translates to pa + offset. */
static bool maps_exactly(unsigned long va, phys_addr_t pa, unsigned long size)
{
	unsigned long off;
	phys_addr_t got;

	for (off = 0; off < size; off += PAGE_SIZE) {
		if (!pgtable_translate(root, va + off, &got, NULL) ||
		    got != pa + off)
			return false;
	}
	return true;
}

static bool unmapped(unsigned long va, unsigned long size)
{
	unsigned long off;

	for (off = 0; off < size; off += PAGE_SIZE)
		if (pgtable_walk(root, va + off, NULL))
			return false;
	return true;
}

/* ---- mapping and leaf sizes ---- */

PT_KTEST(map_4k)
{
	phys_addr_t pa;
	unsigned int prot;
	int level = -1;

	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	CHECK(t);
	KT_ASSERT_NOT_NULL(t, pgtable_walk(root, TVA, &level));
	KT_EXPECT_EQ(t, level, 0);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_LEVELS - 1);
	KT_ASSERT_TRUE(t, pgtable_translate(root, TVA + 0x123, &pa, &prot));
	KT_EXPECT_EQ(t, pa, RAM + 0x123);
	KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(RAM, PAGE_KERNEL, 0)));
	KT_EXPECT_FALSE(t, pgtable_translate(root, TVA + SZ_4K, NULL, NULL));
}

PT_KTEST(map_2m_aligned_is_one_leaf)
{
	int l2m = leaf_level(SZ_2M), level;
	struct leaf_count c;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM + SZ_2M, SZ_2M,
				     PAGE_KERNEL, 0), 0);
	CHECK(t);
	c = count_leaves(TVA, SZ_1G);
	KT_EXPECT_EQ(t, total_leaves(&c), 1);
	KT_EXPECT_EQ(t, c.n[l2m], 1);
	KT_ASSERT_NOT_NULL(t, pgtable_walk(root, TVA + SZ_2M + 0x1000, &level));
	KT_EXPECT_EQ(t, level, l2m);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_ROOT_LEVEL - l2m);
	KT_EXPECT_TRUE(t, maps_exactly(TVA + SZ_2M, RAM + SZ_2M, SZ_2M));
}

PT_KTEST(map_1g_aligned_is_one_leaf)
{
	int l1g = leaf_level(SZ_1G), level;
	struct leaf_count c;

	if (l1g < 0)
		KT_SKIP(t, "no 1 GiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_1G, RAM + SZ_1G, SZ_1G,
				     PAGE_KERNEL, 0), 0);
	CHECK(t);
	c = count_leaves(TVA, 4 * SZ_1G);
	KT_EXPECT_EQ(t, total_leaves(&c), 1);
	KT_EXPECT_EQ(t, c.n[l1g], 1);
	KT_ASSERT_NOT_NULL(t, pgtable_walk(root, TVA + SZ_1G + SZ_1G - 1, &level));
	KT_EXPECT_EQ(t, level, l1g);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_ROOT_LEVEL - l1g);
}

/*
 * [2M - 8K, 2G + 2M + 12K) from a 1 GiB boundary, PA congruent:
 *   2 x 4K | 511 x 2M | 1 x 1G | 1 x 2M | 3 x 4K
 */
PT_KTEST(map_ragged_edges_use_small_leaves)
{
	int l2m = leaf_level(SZ_2M), l1g = leaf_level(SZ_1G);
	unsigned long va = TVA + SZ_2M - 2 * SZ_4K;
	unsigned long size = (SZ_1G - (SZ_2M - 2 * SZ_4K)) + SZ_1G + SZ_2M + 3 * SZ_4K;
	phys_addr_t pa = RAM + SZ_2M - 2 * SZ_4K;
	struct leaf_count c;

	if (l2m < 0 || l1g < 0)
		KT_SKIP(t, "needs 2 MiB and 1 GiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, va, pa, size, PAGE_KERNEL, 0), 0);
	CHECK(t);
	c = count_leaves(va, size);
	KT_EXPECT_EQ(t, c.n[0], 5);
	KT_EXPECT_EQ(t, c.n[l2m], 512);
	KT_EXPECT_EQ(t, c.n[l1g], 1);
	KT_EXPECT_EQ(t, total_leaves(&c), 518);
	/* Spot checks at every seam. */
	KT_EXPECT_TRUE(t, maps_exactly(va, pa, 4 * SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(TVA + SZ_1G - SZ_4K, RAM + SZ_1G - SZ_4K, 2 * SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(TVA + 2 * SZ_1G - SZ_4K, RAM + 2 * SZ_1G - SZ_4K,
				       SZ_2M + 4 * SZ_4K));
	KT_EXPECT_TRUE(t, unmapped(va - SZ_4K, SZ_4K));
	KT_EXPECT_TRUE(t, unmapped(va + size, SZ_4K));
}

PT_KTEST(map_incongruent_pa_uses_base_pages)
{
	struct leaf_count c;

	/* VA 1 GiB aligned, PA only 4 KiB aligned: nothing larger fits. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM + SZ_4K, 2 * SZ_2M,
				     PAGE_KERNEL, 0), 0);
	CHECK(t);
	c = count_leaves(TVA, 2 * SZ_2M);
	KT_EXPECT_EQ(t, c.n[0], 1024);
	KT_EXPECT_EQ(t, total_leaves(&c), 1024);
	KT_EXPECT_TRUE(t, maps_exactly(TVA, RAM + SZ_4K, 2 * SZ_2M));
}

/*
 * 16 GiB of RAM at 0x80000000 in a linear map whose VA is 1 GiB-congruent:
 * sixteen 1 GiB leaves.  Sv39 puts them in the root (no table page beyond
 * it); the 4-level host format needs one 1 GiB-level table below the root.
 */
PT_KTEST(map_16g_linear_map)
{
	int l1g = leaf_level(SZ_1G);
	unsigned long va = TVA + RAM;
	struct leaf_count c;

	if (l1g < 0)
		KT_SKIP(t, "no 1 GiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, va, RAM, 16 * SZ_1G, PAGE_KERNEL, 0), 0);
	CHECK(t);
	c = count_leaves(va, 16 * SZ_1G);
	KT_EXPECT_EQ(t, c.n[l1g], 16);
	KT_EXPECT_EQ(t, total_leaves(&c), 16);
	KT_EXPECT_LE(t, pgtable_count_tables(root), 2);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_ROOT_LEVEL - l1g);
	printk(KERN_INFO "    # 16 GiB linear map: %lu table page(s) beyond the root (%d levels)\n",
	       pgtable_count_tables(root), PT_LEVELS);
}

PT_KTEST(map_4k_flag_forces_base_pages)
{
	struct leaf_count c;

	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, 2 * SZ_2M, PAGE_KERNEL_EXEC,
				     PGTABLE_MAP_4K), 0);
	CHECK(t);
	c = count_leaves(TVA, 2 * SZ_2M);
	KT_EXPECT_EQ(t, c.n[0], 1024);
	KT_EXPECT_EQ(t, total_leaves(&c), 1024);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_LEVELS - 2 + 2);
}

PT_KTEST(map_size_zero_is_nothing)
{
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM, 0, PAGE_KERNEL, 0), 0);
	KT_EXPECT_SEQ(t, pgtable_unmap(root, TVA, 0), 0);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
}

PT_KTEST(map_top_of_address_space)
{
	unsigned long va = ~0UL - SZ_2M + 1;
	phys_addr_t pa;

	/* The range ends exactly at 2^64: sizes, not ends, must be used. */
	KT_ASSERT_SEQ(t, pgtable_map(root, va, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	CHECK(t);
	KT_ASSERT_TRUE(t, pgtable_translate(root, ~0UL, &pa, NULL));
	KT_EXPECT_EQ(t, pa, RAM + SZ_2M - 1);
	KT_EXPECT_SEQ(t, pgtable_unmap(root, va + SZ_4K, SZ_2M - SZ_4K), 0);
	CHECK(t);
	KT_EXPECT_TRUE(t, maps_exactly(va, RAM, SZ_4K));
	KT_EXPECT_TRUE(t, unmapped(va + SZ_4K, SZ_2M - SZ_4K));
	KT_EXPECT_SEQ(t, pgtable_unmap(root, va, SZ_2M), 0);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
}

/* ---- overlap and replace ---- */

PT_KTEST(map_overlap_is_eexist)
{
	unsigned long b = TVA + SZ_2M;
	unsigned long tables;

	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	tables = pgtable_count_tables(root);
	KT_EXPECT_SEQ(t, pgtable_map(root, b + SZ_4K, RAM + SZ_1G, SZ_4K,
				     PAGE_KERNEL, 0), -EEXIST);
	/* Partly overlapping at the end: nothing of it may be mapped. */
	KT_EXPECT_SEQ(t, pgtable_map(root, b - SZ_4K, RAM + SZ_1G, 2 * SZ_4K,
				     PAGE_KERNEL, 0), -EEXIST);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), tables);
	KT_EXPECT_TRUE(t, unmapped(b - SZ_4K, SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM, SZ_2M));
}

PT_KTEST(map_replace_splits_large_leaf)
{
	int l2m = leaf_level(SZ_2M), level;
	unsigned long b = TVA + SZ_2M;
	unsigned int prot;
	phys_addr_t pa;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, b + SZ_4K, RAM + SZ_1G, SZ_4K,
				     PAGE_KERNEL_RO, PGTABLE_MAP_REPLACE), 0);
	CHECK(t);
	KT_ASSERT_TRUE(t, pgtable_translate(root, b + SZ_4K, &pa, &prot));
	KT_EXPECT_EQ(t, pa, RAM + SZ_1G);
	KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(0, PAGE_KERNEL_RO, 0)));
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM, SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b + 2 * SZ_4K, RAM + 2 * SZ_4K, SZ_2M - 2 * SZ_4K));
	KT_ASSERT_NOT_NULL(t, pgtable_walk(root, b, &level));
	KT_EXPECT_EQ(t, level, 0);
	KT_ASSERT_TRUE(t, pgtable_translate(root, b + SZ_2M - 1, NULL, &prot));
	KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(0, PAGE_KERNEL, 0)));
}

PT_KTEST(map_replace_collapses_tables)
{
	int l2m = leaf_level(SZ_2M), level;
	unsigned long b = TVA + SZ_2M;
	unsigned long tables;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM, SZ_2M, PAGE_KERNEL,
				     PGTABLE_MAP_4K), 0);
	CHECK(t);
	tables = pgtable_count_tables(root);
	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM + SZ_2M, SZ_2M, PAGE_KERNEL_RO,
				     PGTABLE_MAP_REPLACE), 0);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), tables - 1);
	KT_ASSERT_NOT_NULL(t, pgtable_walk(root, b, &level));
	KT_EXPECT_EQ(t, level, l2m);
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM + SZ_2M, SZ_2M));
}

/* ---- invalid requests ---- */

PT_KTEST(map_rejects_invalid_requests)
{
	unsigned long low_top = (1UL << (VA_BITS - 1)) - SZ_4K;

	KT_EXPECT_SEQ(t, pgtable_map(root, TVA + 0x800, RAM, SZ_4K, PAGE_KERNEL, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM + 0x800, SZ_4K, PAGE_KERNEL, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K + 1, PAGE_KERNEL, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, 0, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, PROT_GLOBAL, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, PAGE_KERNEL | 0x100, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, PAGE_KERNEL, 0x80), -EINVAL);
	/* Wraps past the top of the address space. */
	KT_EXPECT_SEQ(t, pgtable_map(root, ~0UL - SZ_4K + 1, RAM, 2 * SZ_4K, PAGE_KERNEL, 0), -EINVAL);
	/* Runs from the lower half into the hole. */
	KT_EXPECT_SEQ(t, pgtable_map(root, low_top, RAM, 2 * SZ_4K, PAGE_KERNEL, 0), -EINVAL);
	/* A physical address the format cannot hold. */
	KT_EXPECT_SEQ(t, pgtable_map(root, TVA, 1ULL << PT_PA_BITS, SZ_4K, PAGE_KERNEL, 0), -EINVAL);
	KT_EXPECT_SEQ(t, pgtable_unmap(root, TVA + 0x800, SZ_4K), -EINVAL);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
	/* The lower half's last page itself is fine. */
	KT_EXPECT_SEQ(t, pgtable_map(root, low_top, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	CHECK(t);
}

PT_KTEST(noncanonical_va_rejected)
{
	unsigned long bad[] = {
		1UL << (VA_BITS - 1),			/* first address of the hole */
		TVA - SZ_4K,				/* last page of the hole */
		0x8000000000000000UL,
	};
	unsigned int i;
	int level;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KT_EXPECT_FALSE(t, va_is_canonical(bad[i]));
		KT_EXPECT_SEQ(t, pgtable_map(root, bad[i], RAM, SZ_4K, PAGE_KERNEL, 0), -EINVAL);
		KT_EXPECT_SEQ(t, pgtable_unmap(root, bad[i], SZ_4K), -EINVAL);
		KT_EXPECT_NULL(t, pgtable_walk(root, bad[i], &level));
		KT_EXPECT_FALSE(t, pgtable_translate(root, bad[i], NULL, NULL));
		KT_EXPECT_SEQ(t, vmemmap_populate_basepages(root, bad[i], bad[i] + SZ_4K), -EINVAL);
	}
	KT_EXPECT_TRUE(t, va_is_canonical(TVA));
	KT_EXPECT_TRUE(t, va_is_canonical(0));
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
}

/* ---- unmap ---- */

PT_KTEST(unmap_4k)
{
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, 2 * SZ_4K, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_unmap(root, TVA, SZ_4K), 0);
	CHECK(t);
	KT_EXPECT_TRUE(t, unmapped(TVA, SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(TVA + SZ_4K, RAM + SZ_4K, SZ_4K));
	/* The table still holds a page: it stays. */
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_LEVELS - 1);
}

PT_KTEST(unmap_inside_2m_leaf_splits_it)
{
	int l2m = leaf_level(SZ_2M);
	unsigned long b = TVA + 4 * SZ_2M;
	unsigned long tables;
	struct leaf_count c;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	tables = pgtable_count_tables(root);
	KT_ASSERT_SEQ(t, pgtable_unmap(root, b + 8 * SZ_4K, 2 * SZ_4K), 0);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), tables + 1);
	c = count_leaves(b, SZ_2M);
	KT_EXPECT_EQ(t, c.n[0], 510);
	KT_EXPECT_EQ(t, total_leaves(&c), 510);
	KT_EXPECT_TRUE(t, unmapped(b + 8 * SZ_4K, 2 * SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM, 8 * SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b + 10 * SZ_4K, RAM + 10 * SZ_4K, SZ_2M - 10 * SZ_4K));
}

PT_KTEST(unmap_inside_1g_leaf_splits_twice)
{
	int l2m = leaf_level(SZ_2M), l1g = leaf_level(SZ_1G);
	unsigned long b = TVA + SZ_1G;
	unsigned long tables;
	struct leaf_count c;

	if (l2m < 0 || l1g < 0)
		KT_SKIP(t, "needs 2 MiB and 1 GiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM, SZ_1G, PAGE_KERNEL, 0), 0);
	tables = pgtable_count_tables(root);
	KT_ASSERT_SEQ(t, pgtable_unmap(root, b + SZ_2M + SZ_4K, SZ_4K), 0);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), tables + 2);
	c = count_leaves(b, SZ_1G);
	KT_EXPECT_EQ(t, c.n[l1g], 0);
	KT_EXPECT_EQ(t, c.n[l2m], 511);
	KT_EXPECT_EQ(t, c.n[0], 511);
	KT_EXPECT_TRUE(t, unmapped(b + SZ_2M + SZ_4K, SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b + SZ_2M - SZ_4K, RAM + SZ_2M - SZ_4K, 2 * SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b + SZ_2M + 2 * SZ_4K, RAM + SZ_2M + 2 * SZ_4K,
				       SZ_2M - 2 * SZ_4K));
	KT_EXPECT_TRUE(t, maps_exactly(b + SZ_1G - SZ_4K, RAM + SZ_1G - SZ_4K, SZ_4K));
}

PT_KTEST(unmap_frees_empty_tables)
{
	/* Pages in three different 1 GiB regions and two 2 MiB regions. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_1G, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + 5 * SZ_1G, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	CHECK(t);
	KT_EXPECT_GE(t, pgtable_count_tables(root), 4);
	KT_ASSERT_SEQ(t, pgtable_unmap(root, TVA + SZ_2M, SZ_4K), 0);
	CHECK(t);
	/* One range over all of it, holes included. */
	KT_ASSERT_SEQ(t, pgtable_unmap(root, TVA, 8 * SZ_1G), 0);
	CHECK(t);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
	KT_EXPECT_EQ(t, ta.allocs - ta.frees, 1);	/* the root alone */
}

PT_KTEST(unmap_of_nothing_is_fine)
{
	KT_EXPECT_SEQ(t, pgtable_unmap(root, TVA, 4 * SZ_1G), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	KT_EXPECT_SEQ(t, pgtable_unmap(root, TVA, SZ_2M), 0);
	CHECK(t);
	KT_EXPECT_TRUE(t, maps_exactly(TVA + SZ_2M, RAM, SZ_4K));
}

/* ---- translate ---- */

PT_KTEST(translate_every_leaf_size)
{
	struct {
		unsigned long va, size;
		phys_addr_t pa;
		unsigned int prot;
	} m[] = {
		{ TVA + SZ_4K,		SZ_4K,	RAM + 7 * SZ_4K,	PAGE_KERNEL_RO },
		{ TVA + SZ_2M,		SZ_2M,	RAM + 5 * SZ_2M,	PAGE_KERNEL_EXEC },
		{ TVA + 3 * SZ_1G,	SZ_1G,	RAM + SZ_1G,		PAGE_KERNEL },
	};
	unsigned int i, prot;
	phys_addr_t pa;

	for (i = 0; i < ARRAY_SIZE(m); i++)
		KT_ASSERT_SEQ(t, pgtable_map(root, m[i].va, m[i].pa, m[i].size,
					     m[i].prot, 0), 0);
	CHECK(t);
	for (i = 0; i < ARRAY_SIZE(m); i++) {
		unsigned long offs[] = { 0, 0x10, m[i].size / 2 + 0x123, m[i].size - 1 };
		unsigned int j;
		int level;

		KT_ASSERT_NOT_NULL(t, pgtable_walk(root, m[i].va, &level));
		if (leaf_level(m[i].size) >= 0)
			KT_EXPECT_EQ(t, pt_level_size(level), m[i].size);
		for (j = 0; j < ARRAY_SIZE(offs); j++) {
			KT_ASSERT_TRUE(t, pgtable_translate(root, m[i].va + offs[j], &pa, &prot));
			KT_EXPECT_EQ(t, pa, m[i].pa + offs[j]);
			KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(0, m[i].prot, 0)));
		}
		KT_EXPECT_FALSE(t, pgtable_translate(root, m[i].va + m[i].size, NULL, NULL));
	}
}

PT_KTEST(prot_round_trip)
{
	static const unsigned int prots[] = {
		PAGE_KERNEL, PAGE_KERNEL_RO, PAGE_KERNEL_EXEC, PAGE_KERNEL_IO,
		PROT_READ, PROT_READ | PROT_WRITE | PROT_USER, PROT_EXEC,
	};
	unsigned int i, prot;

	for (i = 0; i < ARRAY_SIZE(prots); i++) {
		unsigned long va = TVA + i * SZ_4K;

		KT_ASSERT_SEQ(t, pgtable_map(root, va, RAM, SZ_4K, prots[i], 0), 0);
		KT_ASSERT_TRUE(t, pgtable_translate(root, va, NULL, &prot));
		KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(RAM, prots[i], 0)));
		/* Never more rights than asked, never less than asked for RWX. */
		KT_EXPECT_EQ(t, prot & (PROT_WRITE | PROT_EXEC | PROT_USER),
			     prots[i] & (PROT_WRITE | PROT_EXEC | PROT_USER));
		KT_EXPECT_EQ(t, prot & PROT_GLOBAL, prots[i] & PROT_GLOBAL);
	}
	/* The common kernel protections are exact on every arch. */
	KT_EXPECT_EQ(t, pte_prot(pte_mk_leaf(RAM, PAGE_KERNEL, 0)), PAGE_KERNEL);
	KT_EXPECT_EQ(t, pte_prot(pte_mk_leaf(RAM, PAGE_KERNEL_RO, 0)), PAGE_KERNEL_RO);
	KT_EXPECT_EQ(t, pte_prot(pte_mk_leaf(RAM, PAGE_KERNEL_EXEC, 0)), PAGE_KERNEL_EXEC);
	CHECK(t);
}

/* ---- W^X ---- */

PT_KTEST(wx_check_passes_without_rwx)
{
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_2M, PAGE_KERNEL_EXEC, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM + SZ_2M, SZ_2M, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + 2 * SZ_2M, RAM, SZ_4K, PAGE_KERNEL_RO, 0), 0);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_check_wx(root), 0);
	KT_EXPECT_TRUE(t, host_log_contains("Checked W+X mappings: passed, no W+X pages found"));
	CHECK(t);
}

PT_KTEST(wx_check_finds_rwx_leaves)
{
	const unsigned int rwx = PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GLOBAL;
	char line[128];

	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_2M, PAGE_KERNEL_EXEC, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM + SZ_2M, SZ_2M, rwx, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_1G, RAM, SZ_4K, rwx, 0), 0);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_check_wx(root), leaf_level(SZ_2M) >= 0 ? 2 : 513);
	KT_EXPECT_TRUE(t, host_log_contains("Checked W+X mappings: failed, 513 W+X pages found"));
	snprintf(line, sizeof(line), "W+X mapping at address 0x%016lx-0x%016lx",
		 TVA + SZ_1G, TVA + SZ_1G + SZ_4K);
	KT_EXPECT_TRUE(t, host_log_contains(line));
	CHECK(t);
}

/* ---- linear-map verification ---- */

/*
 * RAM: 1 GiB + 6 MiB + 12 KiB at 0x80000000, 2 MiB NOMAP right after it,
 * then 64 MiB (not 2 MiB aligned: base pages).  Mapped region by region
 * at VA = PA + TVA.
 */
static struct memblock_region lin_regions[3];
static struct memblock_type lin_memory = {
	.regions = lin_regions, .max = ARRAY_SIZE(lin_regions), .name = "test",
};

static int map_linear(void)
{
	unsigned long i;
	int err;

	lin_regions[0] = (struct memblock_region){ RAM, SZ_1G + 3 * SZ_2M + 3 * SZ_4K,
						    MEMBLOCK_NONE, 0 };
	lin_regions[1] = (struct memblock_region){ RAM + SZ_1G + 3 * SZ_2M + 3 * SZ_4K,
						    SZ_2M, MEMBLOCK_NOMAP, 0 };
	lin_regions[2] = (struct memblock_region){ RAM + SZ_1G + 4 * SZ_2M + 3 * SZ_4K,
						    64 * SZ_1M, MEMBLOCK_NONE, 0 };
	lin_memory.cnt = 3;
	for (i = 0; i < lin_memory.cnt; i++) {
		const struct memblock_region *r = &lin_regions[i];

		if (r->flags & MEMBLOCK_NOMAP)
			continue;
		err = pgtable_map(root, r->base + TVA, r->base, r->size, PAGE_KERNEL, 0);
		if (err)
			return err;
	}
	return 0;
}

PT_KTEST(verify_linear_accepts_exact_map)
{
	KT_ASSERT_SEQ(t, map_linear(), 0);
	CHECK(t);
	KT_EXPECT_SEQ(t, pgtable_verify_linear(root, &lin_memory, TVA), 0);
	/* Aliases outside the window (a kernel image mapping) are allowed. */
	KT_ASSERT_SEQ(t, pgtable_map(root, ~0UL - SZ_2M + 1, RAM, SZ_2M,
				     PAGE_KERNEL_EXEC, 0), 0);
	KT_EXPECT_SEQ(t, pgtable_verify_linear(root, &lin_memory, TVA), 0);
	CHECK(t);
}

PT_KTEST(verify_linear_catches_missing_page)
{
	KT_ASSERT_SEQ(t, map_linear(), 0);
	KT_ASSERT_SEQ(t, pgtable_unmap(root, TVA + RAM + SZ_1G + SZ_4K, SZ_4K), 0);
	CHECK(t);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_verify_linear(root, &lin_memory, TVA), 1);
	KT_EXPECT_TRUE(t, host_log_contains("[mem 0x00000000c0001000-0x00000000c0001fff] is not mapped"));
}

PT_KTEST(verify_linear_catches_double_and_nomap)
{
	unsigned long nomap_va = TVA + lin_regions[1].base;

	KT_ASSERT_SEQ(t, map_linear(), 0);
	/* RAM page 0x80000000 reachable a second time inside the window. */
	KT_ASSERT_SEQ(t, pgtable_map(root, nomap_va, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	CHECK(t);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_verify_linear(root, &lin_memory, TVA), 1);
	KT_EXPECT_TRUE(t, host_log_contains("not its linear PA"));
	/* The NOMAP page itself mapped at its linear address. */
	KT_ASSERT_SEQ(t, pgtable_map(root, nomap_va, lin_regions[1].base, SZ_4K,
				     PAGE_KERNEL, PGTABLE_MAP_REPLACE), 0);
	CHECK(t);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_verify_linear(root, &lin_memory, TVA), 1);
	KT_EXPECT_TRUE(t, host_log_contains("includes NOMAP memory"));
}

PT_KTEST(verify_linear_catches_mapped_hole)
{
	/* A 2 MiB leaf that reaches past the end of the first region. */
	lin_regions[0] = (struct memblock_region){ RAM, SZ_2M - SZ_4K, MEMBLOCK_NONE, 0 };
	lin_regions[1] = (struct memblock_region){ RAM + SZ_1G, SZ_2M, MEMBLOCK_NONE, 0 };
	lin_memory.cnt = 2;
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + RAM, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + RAM + SZ_1G, RAM + SZ_1G, SZ_2M,
				     PAGE_KERNEL, 0), 0);
	CHECK(t);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_verify_linear(root, &lin_memory, TVA), 1);
	KT_EXPECT_TRUE(t, host_log_contains("includes a hole"));
}

/* ---- allocation failure ---- */

PT_KTEST(enomem_mid_map_leaves_valid_prefix)
{
	unsigned long b = TVA + SZ_1G;

	/* The first 2 MiB need PT_LEVELS - 1 tables, the second one more. */
	ta.fail_after = ta.allocs + PT_LEVELS - 1;
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_map(root, b, RAM, 3 * SZ_2M, PAGE_KERNEL,
				     PGTABLE_MAP_4K), -ENOMEM);
	KT_EXPECT_TRUE(t, host_log_contains("out of page-table pages (test allocator)"));
	CHECK(t);
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM, SZ_2M));
	KT_EXPECT_TRUE(t, unmapped(b + SZ_2M, 2 * SZ_2M));
	/* Memory back: the rest maps, the whole range is right. */
	ta.fail_after = -1;
	KT_EXPECT_SEQ(t, pgtable_map(root, b + SZ_2M, RAM + SZ_2M, 2 * SZ_2M,
				     PAGE_KERNEL, PGTABLE_MAP_4K), 0);
	CHECK(t);
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM, 3 * SZ_2M));
}

PT_KTEST(enomem_at_every_step_keeps_tree_valid)
{
	unsigned long va = TVA + SZ_2M - 2 * SZ_4K;
	unsigned long size = SZ_1G + SZ_2M;
	long n;

	/* Fail after 0, 1, 2, ... pages until the map fits. */
	for (n = 0; n < 16; n++) {
		int err;

		ta.fail_after = ta.allocs + n;
		err = pgtable_map(root, va, RAM + SZ_2M - 2 * SZ_4K, size,
				  PAGE_KERNEL, 0);
		CHECK(t);
		if (!err)
			break;
		KT_ASSERT_SEQ(t, err, -ENOMEM);
		KT_ASSERT_SEQ(t, pgtable_unmap(root, va, size), 0);
		CHECK(t);
		KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
	}
	ta.fail_after = -1;
	KT_EXPECT_LT(t, n, 16);
	KT_EXPECT_TRUE(t, maps_exactly(va, RAM + SZ_2M - 2 * SZ_4K, 4 * SZ_4K));
}

PT_KTEST(enomem_on_split_keeps_leaf)
{
	int l2m = leaf_level(SZ_2M);
	unsigned long b = TVA + SZ_2M;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, b, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	ta.fail_after = ta.allocs;
	KT_EXPECT_SEQ(t, pgtable_unmap(root, b + SZ_4K, SZ_4K), -ENOMEM);
	ta.fail_after = -1;
	CHECK(t);
	KT_EXPECT_TRUE(t, maps_exactly(b, RAM, SZ_2M));
}

/* ---- reports ---- */

/* First occurrence of @needle in @s, or NULL (kernel/string.h has no strstr). */
static const char *find(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncmp(s, needle, n))
			return s;
	return NULL;
}

/* The dump line pgtable_dump() should print for one range. */
static const char *dump_line(char *buf, size_t size, unsigned long va,
			     unsigned long end, phys_addr_t pa,
			     const char *len, unsigned int level,
			     unsigned int prot)
{
	char flags[PTE_FLAGS_STR_SIZE];

	pte_flags_str(pte_mk_leaf(pa, prot, level), flags, sizeof(flags));
	snprintf(buf, size, "0x%016lx-0x%016lx    0x%016llx %10s %s %s\n",
		 va, end, (unsigned long long)pa, len, pt_level_name(level),
		 flags);
	return buf;
}

PT_KTEST(dump_coalesces_ranges)
{
	int l2m = leaf_level(SZ_2M);
	char want[160];

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	/* Four contiguous RO pages: one line.  Then a PA jump: a new line. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, 4 * SZ_4K, PAGE_KERNEL_RO, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + 4 * SZ_4K, RAM + SZ_1G, SZ_4K,
				     PAGE_KERNEL_RO, 0), 0);
	/* Same PA run, other permissions: a new line. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + 5 * SZ_4K, RAM + SZ_1G + SZ_4K, SZ_4K,
				     PAGE_KERNEL, 0), 0);
	/* Two contiguous 2 MiB leaves: one line. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM + SZ_2M, 2 * SZ_2M,
				     PAGE_KERNEL, 0), 0);
	CHECK(t);
	host_log_clear();
	pgtable_dump(root);
	KT_EXPECT_TRUE(t, host_log_contains(dump_line(want, sizeof(want), TVA,
		TVA + 4 * SZ_4K, RAM, "16K", 0, PAGE_KERNEL_RO)));
	KT_EXPECT_TRUE(t, host_log_contains(dump_line(want, sizeof(want), TVA + 4 * SZ_4K,
		TVA + 5 * SZ_4K, RAM + SZ_1G, "4K", 0, PAGE_KERNEL_RO)));
	KT_EXPECT_TRUE(t, host_log_contains(dump_line(want, sizeof(want), TVA + 5 * SZ_4K,
		TVA + 6 * SZ_4K, RAM + SZ_1G + SZ_4K, "4K", 0, PAGE_KERNEL)));
	KT_EXPECT_TRUE(t, host_log_contains(dump_line(want, sizeof(want), TVA + SZ_2M,
		TVA + 3 * SZ_2M, RAM + SZ_2M, "4M", l2m, PAGE_KERNEL)));
}

PT_KTEST(dump_sizes_and_markers)
{
	static const struct pgtable_marker markers[] = {
		{ 0, "User space" },
		{ 0, "Linear mapping" },	/* start set below */
		{ 0, "Kernel mapping" },
		{ 0, NULL },
	};
	struct pgtable_marker m[ARRAY_SIZE(markers)];
	int l1g = leaf_level(SZ_1G);
	const char *log, *a, *b, *c;
	char want[160];

	if (l1g < 0)
		KT_SKIP(t, "no 1 GiB leaves");
	memcpy(m, markers, sizeof(m));
	m[1].start = TVA;
	m[2].start = ~0UL - SZ_2M + 1;
	/* Sixteen 1 GiB leaves, and a neighbour the marker must cut off. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + RAM, RAM, 16 * SZ_1G, PAGE_KERNEL, 0), 0);
	KT_ASSERT_SEQ(t, pgtable_map(root, m[2].start, RAM, SZ_2M, PAGE_KERNEL_EXEC, 0), 0);
	CHECK(t);
	host_log_clear();
	pgtable_dump_markers(root, m);
	KT_EXPECT_TRUE(t, host_log_contains(dump_line(want, sizeof(want), TVA + RAM,
		TVA + RAM + 16 * SZ_1G, RAM, "16G", l1g, PAGE_KERNEL)));
	log = host_log();
	a = find(log, "---[ User space ]---");
	b = find(log, "---[ Linear mapping ]---");
	c = find(log, "---[ Kernel mapping ]---");
	KT_ASSERT_TRUE(t, a && b && c);
	KT_EXPECT_TRUE(t, a < b && b < find(log, "16G") && find(log, "16G") < c);
	KT_EXPECT_TRUE(t, c < find(log, "2M"));
}

PT_KTEST(dump_va_walks_levels)
{
	char want[96];

	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM + SZ_2M, SZ_2M, PAGE_KERNEL, 0), 0);
	host_log_clear();
	pgtable_dump_va(root, TVA + SZ_2M + 0x1234);
	snprintf(want, sizeof(want), "-> pa 0x%016llx", RAM + SZ_2M + 0x1234);
	KT_EXPECT_TRUE(t, host_log_contains(want));
	snprintf(want, sizeof(want), "%s[%u] = ", pt_level_name(PT_ROOT_LEVEL),
		 pt_index(TVA, PT_ROOT_LEVEL));
	KT_EXPECT_TRUE(t, host_log_contains(want));
	host_log_clear();
	pgtable_dump_va(root, TVA + SZ_1G);
	KT_EXPECT_TRUE(t, host_log_contains("not mapped (empty"));
	host_log_clear();
	pgtable_dump_va(root, 1UL << (VA_BITS - 1));
	KT_EXPECT_TRUE(t, host_log_contains("not canonical"));
}

/* ---- the checker itself ---- */

PT_KTEST(check_catches_corruption)
{
	int l2m = leaf_level(SZ_2M), level, bit;
	pte_t *ptep, saved, stray = 0;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM + SZ_2M, SZ_2M, PAGE_KERNEL, 0), 0);
	CHECK(t);
	ptep = pgtable_walk(root, TVA + SZ_2M, &level);
	KT_ASSERT_NOT_NULL(t, ptep);
	saved = *ptep;

	/* A 2 MiB leaf at a 4 KiB-aligned address. */
	*ptep = pte_mk_leaf(RAM + SZ_2M + SZ_4K, PAGE_KERNEL, level);
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_check(root), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("not aligned to its size"));

	/* A non-present entry with other bits set. */
	for (bit = 0; bit < 64 && !stray; bit++)
		if (!pte_present(1ULL << bit))
			stray = 1ULL << bit;
	*ptep = stray;
	host_log_clear();
	KT_EXPECT_SEQ(t, pgtable_check(root), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("stray bits"));
	*ptep = saved;
	CHECK(t);

	/* A leaf in a root that may not hold one. */
	if (!pt_level_has_leaf(PT_ROOT_LEVEL)) {
		unsigned int i = pt_index(TVA + 2 * pt_level_size(PT_ROOT_LEVEL),
					  PT_ROOT_LEVEL);

		root[i] = pte_mk_leaf(0, PAGE_KERNEL, PT_ROOT_LEVEL);
		host_log_clear();
		KT_EXPECT_SEQ(t, pgtable_check(root), -EINVAL);
		KT_EXPECT_TRUE(t, host_log_contains("cannot hold one"));
		root[i] = 0;
	}
	CHECK(t);
}

/* ---- walk and vmemmap ---- */

PT_KTEST(walk_reports_where_it_stopped)
{
	int level = -1;

	KT_EXPECT_NULL(t, pgtable_walk(root, TVA, &level));
	KT_EXPECT_EQ(t, level, PT_ROOT_LEVEL);
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	KT_EXPECT_NULL(t, pgtable_walk(root, TVA + SZ_4K, &level));
	KT_EXPECT_EQ(t, level, 0);
	KT_EXPECT_NOT_NULL(t, pgtable_walk(root, TVA, NULL));
	CHECK(t);
}

PT_KTEST(vmemmap_populate_maps_zeroed_pages)
{
	unsigned long v = TVA + 8 * SZ_1G;
	phys_addr_t pa[6];
	long before = ta.allocs;
	unsigned int i, j;

	/* [v + 0x10, v + 3 pages + 0x100) rounds out to four pages. */
	KT_ASSERT_SEQ(t, vmemmap_populate_basepages(root, v + 0x10, v + 3 * SZ_4K + 0x100), 0);
	data_pages += 4;
	KT_EXPECT_EQ(t, ta.allocs - before, 4 + (PT_LEVELS - 1));
	CHECK(t);
	/* Overlapping call: only pages 4 and 5 are new. */
	KT_ASSERT_SEQ(t, vmemmap_populate_basepages(root, v + 2 * SZ_4K, v + 6 * SZ_4K), 0);
	data_pages += 2;
	CHECK(t);
	for (i = 0; i < 6; i++) {
		const unsigned char *p;
		unsigned int prot;

		KT_ASSERT_TRUE(t, pgtable_translate(root, v + i * SZ_4K, &pa[i], &prot));
		KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(0, PAGE_KERNEL, 0)));
		p = __va(pa[i]);
		for (j = 0; j < PAGE_SIZE; j++)
			if (p[j])
				break;
		KT_EXPECT_EQ(t, j, PAGE_SIZE);
		for (j = 0; j < i; j++)
			KT_EXPECT_NE(t, pa[i], pa[j]);
	}
	KT_EXPECT_TRUE(t, unmapped(v + 6 * SZ_4K, SZ_4K));
	/* Out of pages: an error, and what was populated stays. */
	ta.fail_after = ta.allocs;
	KT_EXPECT_SEQ(t, vmemmap_populate_basepages(root, v, v + 8 * SZ_4K), -ENOMEM);
	ta.fail_after = -1;
	CHECK(t);
	KT_EXPECT_TRUE(t, maps_exactly(v, pa[0], SZ_4K));
}

PT_KTEST(vmemmap_populate_uses_2m_leaves)
{
	unsigned long v = TVA + 16 * SZ_1G;	/* 1 GiB aligned */
	unsigned long start = v - 3 * SZ_4K, end = v + 2 * SZ_2M + 5 * SZ_4K;
	int l2m = leaf_level(SZ_2M);
	struct leaf_count c;
	phys_addr_t pa[2];
	unsigned int prot, i;

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	/* Two whole chunks: one 2 MiB leaf each; 3 + 5 pages at the edges. */
	KT_ASSERT_SEQ(t, vmemmap_populate(root, start, end), 0);
	data_pages += 8;
	CHECK(t);
	c = count_leaves(start, end - start);
	KT_EXPECT_EQ(t, c.n[l2m], 2);
	KT_EXPECT_EQ(t, c.n[0], 8);
	KT_EXPECT_EQ(t, total_leaves(&c), 10);
	for (i = 0; i < 2; i++) {
		const unsigned long *w;
		unsigned long j;

		KT_ASSERT_TRUE(t, pgtable_translate(root, v + i * SZ_2M, &pa[i], &prot));
		KT_EXPECT_EQ(t, prot, pte_prot(pte_mk_leaf(0, PAGE_KERNEL, 0)));
		KT_EXPECT_TRUE(t, IS_ALIGNED(pa[i], SZ_2M));
		KT_EXPECT_TRUE(t, maps_exactly(v + i * SZ_2M, pa[i], SZ_2M));
		KT_EXPECT_TRUE(t, memblock_is_region_reserved(pa[i], SZ_2M));
		w = __va(pa[i]);
		for (j = 0; j < SZ_2M / sizeof(*w) && !w[j]; j++)
			;
		KT_EXPECT_EQ(t, j, SZ_2M / sizeof(*w));	/* zeroed */
	}
	KT_EXPECT_NE(t, pa[0], pa[1]);
	KT_EXPECT_TRUE(t, unmapped(start - SZ_4K, SZ_4K));
	KT_EXPECT_TRUE(t, unmapped(end, SZ_4K));
	/* Again over the same range: nothing new. */
	KT_ASSERT_SEQ(t, vmemmap_populate(root, start, end), 0);
	CHECK(t);
	c = count_leaves(start, end - start);
	KT_EXPECT_EQ(t, total_leaves(&c), 10);
}

PT_KTEST(count_tables_matches_structure)
{
	int l2m = leaf_level(SZ_2M);

	if (l2m < 0)
		KT_SKIP(t, "no 2 MiB leaves");
	KT_EXPECT_EQ(t, pgtable_count_tables(root), 0);
	/* One 2 MiB leaf: tables from the root down to the 2 MiB level. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA, RAM, SZ_2M, PAGE_KERNEL, 0), 0);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_ROOT_LEVEL - l2m);
	/* A 4 KiB page in the next 2 MiB: one level-0 table more. */
	KT_ASSERT_SEQ(t, pgtable_map(root, TVA + SZ_2M, RAM, SZ_4K, PAGE_KERNEL, 0), 0);
	KT_EXPECT_EQ(t, pgtable_count_tables(root), PT_ROOT_LEVEL - l2m + 1);
	CHECK(t);
}
