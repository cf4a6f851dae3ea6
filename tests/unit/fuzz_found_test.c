// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bugs the fuzz targets (tests/fuzz/) found in generic code, each pinned
 * by a small hand-written case that runs on the host and in the kernel.
 * The minimized fuzz inputs themselves are replayed from
 * tests/fuzz/regressions/; these cases say in a few lines what went wrong.
 *
 *   memblock_cap_memory_range() split a NOMAP region that straddled an
 *     end of the kept range and left both halves unmerged
 *   __next_mem_pfn_range() rounded base + PAGE_SIZE - 1 up, which wraps
 *     for a region in the last page below 2^64: a bogus pfn range 0..end
 *   memblock_is_region_reserved(base, 0) answered true inside a reserved
 *     region although an empty range holds no byte
 *   a property length near 2^31 overflowed the int offset inside libfdt's
 *     fdt_next_tag() (undefined behaviour; mk/libfdt.mk now builds libfdt
 *     with -fno-strict-overflow, as Linux builds everything): the
 *     structure check must refuse such a blob, naming the tag
 *
 * Suite fuzz_found_memblock saves and restores the live memblock as the
 * other memblock suites do (tests/unit/memblock_test.h).
 */
#include "memblock_test.h"

#include <mm/page.h>
#include <kernel/errno.h>
#include <kernel/of_fdt.h>
#include <kernel/string.h>
#include <libfdt.h>

KTEST_SUITE(fuzz_found_memblock, memblock_test_init, memblock_test_exit);

#define BASE	0x80000000ULL

/* A NOMAP region across each end of the kept range stays one region. */
KTEST(fuzz_found_memblock, cap_range_merges_split_nomap)
{
	memblock_add(BASE, SZ_16M);
	memblock_mark_nomap(BASE + (4 * SZ_1M), (8 * SZ_1M));	/* straddles both ends */
	memblock_cap_memory_range(BASE + (8 * SZ_1M), SZ_1M);
	MB_CHECK(t);
	/* NONE below the range went; NOMAP [4M, 12M) is kept whole. */
	MB_EXPECT_TYPE(t, memblock.memory, 1, (8 * SZ_1M));
	MB_EXPECT_RGN(t, memblock.memory, 0, BASE + (4 * SZ_1M), (8 * SZ_1M));
	MB_EXPECT_ATTR(t, memblock.memory, 0, MAX_NUMNODES, MEMBLOCK_NOMAP);
}

/* The same through mem= that keeps NOMAP memory above the limit. */
KTEST(fuzz_found_memblock, mem_limit_remove_map_merges_nomap)
{
	memblock_add(BASE, SZ_16M);
	memblock_mark_nomap(BASE + (4 * SZ_1M), (8 * SZ_1M));
	memblock_mem_limit_remove_map((8 * SZ_1M));		/* cuts inside NOMAP */
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, memblock.memory, 2, (4 * SZ_1M) + (8 * SZ_1M));
	MB_EXPECT_RGN(t, memblock.memory, 0, BASE, (4 * SZ_1M));
	MB_EXPECT_RGN(t, memblock.memory, 1, BASE + (4 * SZ_1M), (8 * SZ_1M));
}

/* A region in the last page below 2^64 holds no whole page. */
KTEST(fuzz_found_memblock, pfn_range_near_top_of_space)
{
	phys_addr_t base = PHYS_ADDR_MAX - 0x3ff;	/* 0x...fc00 */
	unsigned long start, end;
	int idx, nid, n = 0;

	KT_ASSERT_SEQ(t, memblock_add(base, 0x200), 0);
	for_each_mem_pfn_range(idx, MAX_NUMNODES, &start, &end, &nid)
		n++;
	KT_EXPECT_EQ(t, n, 0);
	MB_CHECK(t);
}

/* An empty range overlaps nothing, even inside a reserved region. */
KTEST(fuzz_found_memblock, region_reserved_size_0)
{
	memblock_reserve(BASE, SZ_1M);
	KT_EXPECT_FALSE(t, memblock_is_region_reserved(BASE + SZ_4K, 0));
	KT_EXPECT_TRUE(t, memblock_is_region_reserved(BASE + SZ_4K, 1));
	KT_EXPECT_FALSE(t, memblock_overlaps_region(&memblock.reserved,
						    BASE + SZ_4K, 0));
}

KTEST_SUITE(fuzz_found_fdt, NULL, NULL);

/* A root with one 4-byte property whose length then says 0x7ffffff0. */
KTEST(fuzz_found_fdt, property_length_near_int_max)
{
	static u64 blob[64];		/* 8-byte aligned, as the scan wants */
	const char *want = "the structure block is corrupt at offset 8 "
			   "(tag 0x00000003, depth 1): FDT_ERR_BADSTRUCTURE";
	fdt32_t *len;

	KT_ASSERT_SEQ(t, fdt_create(blob, sizeof(blob)), 0);
	KT_ASSERT_SEQ(t, fdt_finish_reservemap(blob), 0);
	KT_ASSERT_SEQ(t, fdt_begin_node(blob, ""), 0);
	KT_ASSERT_SEQ(t, fdt_property_u32(blob, "x", 1), 0);
	KT_ASSERT_SEQ(t, fdt_end_node(blob), 0);
	KT_ASSERT_SEQ(t, fdt_finish(blob), 0);
	KT_ASSERT_SEQ(t, early_init_dt_verify(blob, sizeof(blob)), 0);

	/* BEGIN_NODE "" is 8 bytes; then FDT_PROP, its length, nameoff. */
	len = (fdt32_t *)((char *)blob + fdt_off_dt_struct(blob) + 8 + 4);
	KT_ASSERT_EQ(t, fdt32_to_cpu(*len), 4);
	*len = cpu_to_fdt32(0x7ffffff0);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, sizeof(blob)), -EINVAL);
	KT_EXPECT_SEQ(t, strncmp(fdt_scan_error(), want, strlen(want) + 1), 0);
}
