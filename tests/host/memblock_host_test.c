// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock cases that only make sense on the host: the virtual allocators
 * and array doubling write to the memory they hand out (fake physical
 * memory from host_mem_map()), and the report tests read back exactly what
 * printk printed (host_log()).
 */
#include "host.h"
#include "../unit/memblock_test.h"

#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <asm/page.h>

static void memblock_host_exit(struct ktest_ctx *t)
{
	memblock_test_exit(t);
	host_log_echo = true;
	host_mem_reset();
}

KTEST_SUITE(memblock_host, memblock_test_init, memblock_host_exit);

#define M	memblock.memory
#define R	memblock.reserved

#define BASE	0x80000000ULL
#define END	(BASE + SZ_16M)

/* One 16 MiB bank at 2 GiB, backed, its top 1 MiB filled with junk. */
static void backed_bank(void)
{
	host_mem_map(BASE, SZ_16M);
	memset(__va(END - SZ_1M), 0xa5, SZ_1M);
	memblock_add(BASE, SZ_16M);
}

static bool all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)c)
			return false;
	return true;
}

/* ---- virtual allocators ---- */

KTEST(memblock_host, alloc_zeroed)
{
	void *p;

	backed_bank();
	p = memblock_alloc(0x3000, SZ_4K);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, __pa(p), END - 0x3000);
	KT_EXPECT_TRUE(t, all_bytes(p, 0, 0x3000));
	/* Only the allocation is cleared. */
	KT_EXPECT_TRUE(t, all_bytes(__va(END - 0x4000), 0xa5, SZ_4K));
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 0x3000);
	MB_EXPECT_RGN(t, R, 0, END - 0x3000, 0x3000);
}

KTEST(memblock_host, alloc_raw_not_zeroed)
{
	void *p;

	backed_bank();
	p = memblock_alloc_raw(SZ_4K, SZ_4K);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, __pa(p), END - SZ_4K);
	KT_EXPECT_TRUE(t, all_bytes(p, 0xa5, SZ_4K));
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K);
}

KTEST(memblock_host, alloc_failure_is_null)
{
	backed_bank();
	memblock_reserve(BASE, SZ_16M);
	KT_EXPECT_NULL(t, memblock_alloc(SZ_4K, SZ_4K));
	KT_EXPECT_NULL(t, memblock_alloc_raw(SZ_4K, SZ_4K));
	KT_EXPECT_NULL(t, memblock_alloc_try_nid(SZ_4K, SZ_4K, BASE, END, 0));
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_16M);
}

KTEST(memblock_host, alloc_try_nid_min_max)
{
	void *p;

	backed_bank();
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, BASE + SZ_1M, BASE + SZ_2M,
				   NUMA_NO_NODE);
	KT_EXPECT_EQ(t, __pa(p), BASE + SZ_2M - SZ_4K);
	memblock_set_bottom_up(true);
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, BASE + SZ_1M, BASE + SZ_2M,
				   NUMA_NO_NODE);
	KT_EXPECT_EQ(t, __pa(p), BASE + SZ_1M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 2 * SZ_4K);
}

/* If nothing fits above @min_addr, the search is repeated from 0. */
KTEST(memblock_host, alloc_try_nid_drops_min)
{
	void *p;

	backed_bank();
	memblock_reserve(BASE + SZ_4K * 2048, SZ_4K * 2048);
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, BASE + SZ_4K * 2048,
				   MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
	KT_EXPECT_EQ(t, __pa(p), BASE + SZ_4K * 2047);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, SZ_4K * 2049);
}

/* max_addr is clamped to current_limit, ANYWHERE included. */
KTEST(memblock_host, alloc_max_clamped_to_limit)
{
	backed_bank();
	memblock_set_current_limit(BASE + SZ_1M);
	KT_EXPECT_EQ(t, __pa(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, END,
						    NUMA_NO_NODE)),
		     BASE + SZ_1M - SZ_4K);
	KT_EXPECT_EQ(t, __pa(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0,
						    MEMBLOCK_ALLOC_ANYWHERE,
						    NUMA_NO_NODE)),
		     BASE + SZ_1M - 2 * SZ_4K);
	KT_EXPECT_EQ(t, __pa(memblock_alloc(SZ_4K, SZ_4K)), BASE + SZ_1M - 3 * SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 1, 3 * SZ_4K);
}

KTEST(memblock_host, alloc_from)
{
	void *p;

	backed_bank();
	memblock_set_bottom_up(true);
	p = memblock_alloc_from(SZ_4K, SZ_4K, BASE + SZ_1M);
	KT_EXPECT_EQ(t, __pa(p), BASE + SZ_1M);
	/* Past the end of memory: falls back to the lowest fit. */
	p = memblock_alloc_from(SZ_4K, SZ_4K, END + SZ_1M);
	KT_EXPECT_EQ(t, __pa(p), BASE);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 2 * SZ_4K);
}

KTEST(memblock_host, alloc_low)
{
	phys_addr_t lo = SZ_4G - SZ_16M;
	void *p;

	host_mem_map(lo, 2 * SZ_16M);
	memblock_add(lo, 2 * SZ_16M);
	p = memblock_alloc_low(SZ_4K, SZ_4K);
	KT_EXPECT_EQ(t, __pa(p), SZ_4G - SZ_4K);
	p = memblock_alloc(SZ_4K, SZ_4K);
	KT_EXPECT_EQ(t, __pa(p), SZ_4G + SZ_16M - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, 2 * SZ_4K);
}

KTEST(memblock_host, alloc_try_nid_nodes)
{
	host_mem_map(BASE, 2 * SZ_16M);
	memblock_add_node(BASE, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	KT_EXPECT_EQ(t, __pa(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0,
						    MEMBLOCK_ALLOC_ACCESSIBLE, 0)),
		     BASE + SZ_16M - SZ_4K);
	/* Node 0 between min and max is full: any node, then min dropped. */
	memblock_reserve(BASE, SZ_16M);
	KT_EXPECT_NULL(t, memblock_alloc_try_nid(SZ_4K, SZ_4K, BASE,
						 BASE + SZ_16M, 0));
	KT_EXPECT_EQ(t, __pa(memblock_alloc_try_nid(SZ_4K, SZ_4K, 0,
						    MEMBLOCK_ALLOC_ACCESSIBLE, 0)),
		     BASE + 2 * SZ_16M - SZ_4K);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 2, SZ_16M + SZ_4K);
}

KTEST(memblock_host, free_virtual)
{
	void *p;

	backed_bank();
	p = memblock_alloc(SZ_2M, SZ_4K);
	KT_ASSERT_NOT_NULL(t, p);
	MB_EXPECT_TYPE(t, R, 1, SZ_2M);
	memblock_free(p, SZ_2M);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, R, 0, 0);
}

/* ---- array doubling ---- */

KTEST(memblock_host, double_memory_array)
{
	phys_addr_t hi = 0x100000000ULL;
	unsigned long i;

	backed_bank();
	memblock_allow_resize();
	for (i = 0; i < 200; i++)
		KT_ASSERT_EQ(t, memblock_add(hi + i * 2 * SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	MB_EXPECT_TYPE(t, M, 201, SZ_16M + 200 * SZ_4K);
	KT_EXPECT_EQ(t, M.max, 2 * INIT_MEMBLOCK_REGIONS);
	/* 256 regions of 24 bytes: two pages from the top of the bank. */
	KT_EXPECT_EQ(t, __pa(M.regions), END - 2 * SZ_4K);
	MB_EXPECT_TYPE(t, R, 1, 2 * SZ_4K);
	MB_EXPECT_RGN(t, R, 0, END - 2 * SZ_4K, 2 * SZ_4K);
	MB_EXPECT_RGN(t, M, 0, BASE, SZ_16M);
	MB_EXPECT_RGN(t, M, 200, hi + 199 * 2 * SZ_4K, SZ_4K);
	KT_EXPECT_EQ(t, R.max, INIT_MEMBLOCK_RESERVED_REGIONS);
}

KTEST(memblock_host, double_reserved_array)
{
	unsigned long i;

	backed_bank();
	memblock_allow_resize();
	for (i = 0; i < 200; i++)
		KT_ASSERT_EQ(t, memblock_reserve(BASE + i * 2 * SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	KT_EXPECT_EQ(t, R.max, 2 * INIT_MEMBLOCK_RESERVED_REGIONS);
	KT_EXPECT_EQ(t, __pa(R.regions), END - 2 * SZ_4K);
	/* The new array reserves itself. */
	MB_EXPECT_TYPE(t, R, 201, 200 * SZ_4K + 2 * SZ_4K);
	MB_EXPECT_RGN(t, R, 200, END - 2 * SZ_4K, 2 * SZ_4K);
	KT_EXPECT_TRUE(t, memblock_is_region_reserved(__pa(R.regions), 2 * SZ_4K));
}

/* Doubling again frees the first doubled array (not the static one). */
KTEST(memblock_host, double_twice_frees_old_array)
{
	unsigned long i;

	backed_bank();
	memblock_allow_resize();
	for (i = 0; i < 300; i++)
		KT_ASSERT_EQ(t, memblock_reserve(BASE + i * 2 * SZ_4K, SZ_4K), 0);
	MB_CHECK(t);
	KT_EXPECT_EQ(t, R.max, 4 * INIT_MEMBLOCK_RESERVED_REGIONS);
	/* 512 * 24 bytes = 3 pages, placed below the first array. */
	KT_EXPECT_EQ(t, __pa(R.regions), END - 5 * SZ_4K);
	MB_EXPECT_TYPE(t, R, 301, 300 * SZ_4K + 3 * SZ_4K);
	MB_EXPECT_RGN(t, R, 300, END - 5 * SZ_4K, 3 * SZ_4K);
	KT_EXPECT_FALSE(t, memblock_is_region_reserved(END - 2 * SZ_4K, 2 * SZ_4K));
}

/* The array for a range being reserved never lands on that range. */
KTEST(memblock_host, double_avoids_range_in_flight)
{
	unsigned long i;

	backed_bank();
	memblock_allow_resize();
	for (i = 0; i < INIT_MEMBLOCK_RESERVED_REGIONS; i++)
		memblock_reserve(BASE + i * 2 * SZ_4K, SZ_4K);
	/* The top 1 MiB is free and is what we reserve next. */
	KT_EXPECT_SEQ(t, memblock_reserve(END - SZ_1M, SZ_1M), 0);
	MB_CHECK(t);
	KT_EXPECT_EQ(t, __pa(R.regions), END - SZ_1M - 2 * SZ_4K);
	MB_EXPECT_TYPE(t, R, INIT_MEMBLOCK_RESERVED_REGIONS + 1,
		       INIT_MEMBLOCK_RESERVED_REGIONS * SZ_4K + SZ_1M + 2 * SZ_4K);
}

KTEST(memblock_host, double_fails_without_room)
{
	unsigned long i;
	int ret;

	host_log_echo = false;
	memblock_add(BASE, SZ_2M);
	memblock_allow_resize();
	for (i = 0; i < INIT_MEMBLOCK_RESERVED_REGIONS; i++)
		memblock_reserve(BASE + i * 2 * SZ_4K, SZ_4K);
	host_log_clear();
	ret = memblock_reserve(BASE + SZ_1M, SZ_1M);	/* only 4K holes left */
	KT_EXPECT_SEQ(t, ret, -ENOMEM);
	KT_EXPECT_TRUE(t, host_log_contains("memblock: failed to double reserved array from 128 to 256 entries"));
	MB_CHECK(t);
	KT_EXPECT_EQ(t, R.max, INIT_MEMBLOCK_RESERVED_REGIONS);
	MB_EXPECT_TYPE(t, R, INIT_MEMBLOCK_RESERVED_REGIONS,
		       INIT_MEMBLOCK_RESERVED_REGIONS * SZ_4K);
}

KTEST(memblock_host, full_array_message)
{
	unsigned long i;

	host_log_echo = false;
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_add(BASE + i * 2 * SZ_4K, SZ_4K);
	host_log_clear();
	KT_EXPECT_SEQ(t, memblock_add(0x1000, SZ_4K), -ENOMEM);
	KT_EXPECT_TRUE(t, host_log_contains("memblock: memory array is full (128 regions)"));
}

/* ---- reports ---- */

#define TS "[    0.000000] "

KTEST(memblock_host, dump_all_format)
{
	host_log_echo = false;
	memblock_add_node(BASE, SZ_1G, 0, MEMBLOCK_NONE);
	memblock_mark_nomap(BASE + SZ_1G - SZ_2M, SZ_2M);
	memblock_reserve(BASE, 0x80000);
	host_log_clear();
	__memblock_dump_all();
	KT_EXPECT_STREQ(t, host_log(),
		TS "MEMBLOCK configuration:\n"
		TS " memory size = 0x0000000040000000 reserved size = 0x0000000000080000\n"
		TS " memory.cnt  = 0x2\n"
		TS " memory[0x0]\t[0x0000000080000000-0x00000000bfdfffff], 0x000000003fe00000 bytes on node 0 flags: 0x0\n"
		TS " memory[0x1]\t[0x00000000bfe00000-0x00000000bfffffff], 0x0000000000200000 bytes on node 0 flags: 0x4\n"
		TS " reserved.cnt  = 0x1\n"
		TS " reserved[0x0]\t[0x0000000080000000-0x000000008007ffff], 0x0000000000080000 bytes on node 8 flags: 0x0\n");
}

KTEST(memblock_host, dump_all_only_with_debug)
{
	host_log_echo = false;
	memblock_add(BASE, SZ_1G);
	host_log_clear();
	memblock_dump_all();
	KT_EXPECT_STREQ(t, host_log(), "");
	memblock_debug = true;
	memblock_dump_all();
	KT_EXPECT_TRUE(t, host_log_contains(TS "MEMBLOCK configuration:\n"));
	KT_EXPECT_TRUE(t, host_log_contains(TS " reserved.cnt  = 0x0\n"));
}

KTEST(memblock_host, debugfs_show)
{
	host_log_echo = false;
	memblock_add_node(BASE, SZ_1G, 0, MEMBLOCK_NONE);
	memblock_add_node(BASE + SZ_1G, SZ_2M, 1, MEMBLOCK_NOMAP | MEMBLOCK_HOTPLUG);
	memblock_reserve(BASE, 0x80000);
	host_log_clear();
	memblock_debugfs_show(&M);
	memblock_debugfs_show(&R);
	KT_EXPECT_STREQ(t, host_log(),
		TS "   0: 0x0000000080000000..0x00000000bfffffff    0 NONE\n"
		TS "   1: 0x00000000c0000000..0x00000000c01fffff    1 HOTPLUG|NOMAP\n"
		TS "   0: 0x0000000080000000..0x000000008007ffff    x NONE\n");
}

/* memblock=debug logs each call as Linux's memblock_dbg does. */
KTEST(memblock_host, debug_log_lines)
{
	host_log_echo = false;
	backed_bank();
	memblock_debug = true;
	host_log_clear();
	memblock_reserve(BASE, 0x80000);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_reserve: [0x0000000080000000-0x000000008007ffff] 0x"));
	memblock_add(BASE + SZ_1G, SZ_1M);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_add: [0x00000000c0000000-0x00000000c00fffff] 0x"));
	memblock_add_node(0x100000000ULL, SZ_1M, 1, MEMBLOCK_HOTPLUG);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_add_node: [0x0000000100000000-0x00000001000fffff] nid=1 flags=1 0x"));
	memblock_remove(0x100000000ULL, SZ_1M);		/* not backed */
	memblock_remove(BASE + SZ_1G, SZ_1M);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_remove: [0x00000000c0000000-0x00000000c00fffff] 0x"));
	memblock_phys_free(BASE, 0x80000);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_phys_free: [0x0000000080000000-0x000000008007ffff] 0x"));
	memblock_phys_alloc(SZ_4K, SZ_4K);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000000 0x"));
	memblock_alloc(SZ_4K, 0);
	KT_EXPECT_TRUE(t, host_log_contains(TS "memblock_alloc_try_nid: 4096 bytes align=0x0 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 0x"));
	memblock_debug = false;
	host_log_clear();
	memblock_reserve(BASE, SZ_4K);
	KT_EXPECT_STREQ(t, host_log(), "");
	MB_CHECK(t);
}

KTEST(memblock_host, early_param_memblock_debug)
{
	host_log_echo = false;
	cmdline_set("memblock=debug");
	parse_early_param();
	KT_EXPECT_TRUE(t, memblock_debug);
	memblock_debug = false;
	cmdline_set("memblock=verbose");
	parse_early_param();
	KT_EXPECT_FALSE(t, memblock_debug);
	KT_EXPECT_TRUE(t, host_log_contains("Malformed early option 'memblock=verbose'"));
	cmdline_set("");
}
