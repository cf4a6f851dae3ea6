// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host tests of the device-tree boot scan (src/fdt_scan.c,
 * src/fdt_reserved_mem.c) on the scenario device trees of tests/dts/,
 * compiled to build/host/dtb/ by mk/fdtmem.mk.  The binary runs from the
 * repository root.
 *
 *   fdt_scan  well-formed trees: memory nodes, cells, /chosen,
 *             /reserved-memory, /memreserve/, initrd, mem=
 *   fdt_bad   broken trees: bad headers and truncation (made here in C by
 *             corrupting a good blob where dtc cannot express the fault),
 *             bad cells, missing memory, odd reg lengths, overlaps, the
 *             top of the address space
 *
 * Every case starts from an empty memblock and an empty log, checks the
 * exact regions (base, size, flags, node) and the printed messages, and
 * runs memblock_check().  Blobs live in buffers of exactly their size, so
 * ASan reports any read past the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/ktest.h>
#include <kernel/of_fdt.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include <libfdt.h>
#include "host.h"

#define DTB_DIR		"build/host/dtb/"
#define LOAD_FAILED	(-10000)

static void *blob;		/* the loaded .dtb, freed after each case */
static size_t blob_size;

static void fdt_case_init(struct ktest_ctx *t)
{
	memblock_reset();
	host_log_clear();
	cmdline_set("");
	blob = NULL;
	blob_size = 0;
}

static void fdt_case_exit(struct ktest_ctx *t)
{
	free(blob);
	blob = NULL;
	host_log_echo = true;
}

KTEST_SUITE(fdt_scan, fdt_case_init, fdt_case_exit);
KTEST_SUITE(fdt_bad, fdt_case_init, fdt_case_exit);

/* Read build/host/dtb/@name.dtb into @blob (exact size).  NULL on failure. */
static void *load(struct ktest_ctx *t, const char *name)
{
	char path[256];
	FILE *f;
	long len;

	snprintf(path, sizeof(path), DTB_DIR "%s.dtb", name);
	f = fopen(path, "rb");
	if (!f) {
		ktest_fail(t, __FILE__, __LINE__,
			   "cannot open %s (run from the repository root after make host-test)",
			   path);
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	free(blob);
	blob = malloc(len);
	if (!blob || fread(blob, 1, len, f) != (size_t)len) {
		ktest_fail(t, __FILE__, __LINE__, "cannot read %s", path);
		fclose(f);
		return NULL;
	}
	fclose(f);
	blob_size = len;
	return blob;
}

/* A malloc'd copy of the first @n bytes of @blob (zero-padded past it). */
static void *dup_blob(size_t n)
{
	char *p = calloc(1, n ? n : 1);

	memcpy(p, blob, n < blob_size ? n : blob_size);
	return p;
}

/* Load @name, verify it and scan its nodes; the scan's return value. */
static int scan_nodes(struct ktest_ctx *t, const char *name)
{
	int ret;

	if (!load(t, name))
		return LOAD_FAILED;
	ret = early_init_dt_verify(blob, blob_size);
	if (ret)
		return ret;
	return early_init_dt_scan_nodes(blob);
}

/* scan_nodes, then mem= and the reserved regions, as fdtmem does. */
static int scan_all(struct ktest_ctx *t, const char *name)
{
	int ret = scan_nodes(t, name);

	if (ret)
		return ret;
	fdt_apply_mem_limit();
	return early_init_fdt_scan_reserved_mem(blob);
}

#define EXPECT_RGN(t, type, i, b, s, f, n)				\
	do {								\
		KT_ASSERT_LE(t, (unsigned long)(i) + 1, (type).cnt);	\
		KT_EXPECT_EQ(t, (type).regions[i].base, (b));		\
		KT_EXPECT_EQ(t, (type).regions[i].size, (s));		\
		KT_EXPECT_EQ(t, (type).regions[i].flags, (f));		\
		KT_EXPECT_SEQ(t, (type).regions[i].nid, (n));		\
	} while (0)

/* Reserved regions carry no node (MAX_NUMNODES) and no flags. */
#define EXPECT_RSV(t, i, b, s)						\
	EXPECT_RGN(t, memblock.reserved, i, b, s, MEMBLOCK_NONE, MAX_NUMNODES)

#define EXPECT_LOG(t, s)	KT_EXPECT_TRUE(t, host_log_contains(s))
#define EXPECT_NO_LOG(t, s)	KT_EXPECT_FALSE(t, host_log_contains(s))
#define EXPECT_CHECK(t)		KT_EXPECT_SEQ(t, memblock_check(), 0)

/* ================= fdt_scan: well-formed device trees ================= */

KTEST(fdt_scan, qemu_virt_memory)
{
	KT_ASSERT_SEQ(t, scan_all(t, "qemu-virt"), 0);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 1);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, SZ_1G, MEMBLOCK_NONE, 0);
	KT_EXPECT_EQ(t, dt_root_addr_cells, 2);
	KT_EXPECT_EQ(t, dt_root_size_cells, 2);
	EXPECT_LOG(t, "OF: fdt: /memory@80000000: [mem 0x0000000080000000-0x00000000bfffffff] node 0\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, qemu_virt_opensbi_1_1_reserved)
{
	KT_ASSERT_SEQ(t, scan_all(t, "qemu-virt"), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0x80000000, 0x80000);
	/* Without no-map the region stays in the linear map. */
	KT_EXPECT_TRUE(t, memblock_is_map_memory(0x80000000));
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000080000000..0x000000008007ffff (512 KiB) map non-reusable mmode_resv0@80000000\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, qemu_virt_chosen)
{
	KT_ASSERT_SEQ(t, scan_all(t, "qemu-virt"), 0);
	KT_EXPECT_STREQ(t, boot_command_line, "console=ttyS0 earlycon");
	KT_EXPECT_STREQ(t, of_stdout_path, "/soc/serial@10000000");
	KT_EXPECT_NULL(t, of_stdout_options);
	KT_EXPECT_EQ(t, initrd_start, 0);
	KT_EXPECT_EQ(t, initrd_end, 0);
	KT_EXPECT_STREQ(t, fdt_scan_error(), "");
}

KTEST(fdt_scan, opensbi_two_nomap_regions)
{
	KT_ASSERT_SEQ(t, scan_all(t, "opensbi-nomap"), 0);
	/* The two adjacent NOMAP regions merge; neither is reserved. */
	KT_EXPECT_EQ(t, memblock.memory.cnt, 2);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x60000, MEMBLOCK_NOMAP, 0);
	EXPECT_RGN(t, memblock.memory, 1, 0x80060000, 0x20000000 - 0x60000,
		   MEMBLOCK_NONE, 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 0);
	KT_EXPECT_FALSE(t, memblock_is_map_memory(0x8005f000));
	KT_EXPECT_TRUE(t, memblock_is_map_memory(0x80060000));
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000080000000..0x000000008003ffff (256 KiB) nomap non-reusable mmode_resv1@80000000\n");
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000080040000..0x000000008005ffff (128 KiB) nomap non-reusable mmode_resv0@80040000\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, several_memory_nodes)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "banks"), 0);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 5);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x20000000, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 1, 0xd0000000, SZ_16M, MEMBLOCK_HOTPLUG, 0);
	EXPECT_RGN(t, memblock.memory, 2, 0xf0000000, SZ_16M, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 3, 0x100000000, 0x10000000, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 4, 0x140000000, 0x10000000, MEMBLOCK_NONE, 0);
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, several_reg_tuples_in_one_node)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "banks"), 0);
	EXPECT_LOG(t, "OF: fdt: /memory@100000000: [mem 0x0000000100000000-0x000000010fffffff] node 0\n");
	EXPECT_LOG(t, "OF: fdt: /memory@100000000: [mem 0x0000000140000000-0x000000014fffffff] node 0\n");
	KT_EXPECT_FALSE(t, memblock_is_memory(0x110000000));
}

KTEST(fdt_scan, status_disabled_skipped)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "banks"), 0);
	KT_EXPECT_FALSE(t, memblock_is_memory(0xc0000000));
	EXPECT_LOG(t, "OF: fdt: /memory@c0000000: status is not \"okay\"; ignored\n");
	/* status = "ok" counts as okay. */
	KT_EXPECT_TRUE(t, memblock_is_memory(0xd0000000));
}

KTEST(fdt_scan, missing_device_type_ignored)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "banks"), 0);
	KT_EXPECT_FALSE(t, memblock_is_memory(0xe0000000));
	EXPECT_LOG(t, "OF: fdt: /memory@e0000000: no device_type = \"memory\"; ignored\n");
	/* The node name does not matter, device_type does. */
	EXPECT_LOG(t, "OF: fdt: /ram@f0000000: [mem 0x00000000f0000000-0x00000000f0ffffff] node 0\n");
}

struct cells_case {
	const char *dtb;
	int ac, sc;
	phys_addr_t base2, size2;
};

static void check_cells(struct ktest_ctx *t, const struct cells_case *c)
{
	KT_ASSERT_SEQ(t, scan_all(t, c->dtb), 0);
	KT_EXPECT_EQ(t, dt_root_addr_cells, c->ac);
	KT_EXPECT_EQ(t, dt_root_size_cells, c->sc);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 2);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x10000000, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 1, c->base2, c->size2, MEMBLOCK_NONE, 0);
	/* /reserved-memory uses the same cells. */
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0x80000000, 0x80000);
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, cells_addr1_size1)
{
	static const struct cells_case c = { "cells-a1s1", 1, 1, 0xa0000000, 0x10000000 };

	check_cells(t, &c);
}

KTEST(fdt_scan, cells_addr1_size2)
{
	static const struct cells_case c = { "cells-a1s2", 1, 2, 0xa0000000, SZ_4G };

	check_cells(t, &c);
}

KTEST(fdt_scan, cells_addr2_size1)
{
	static const struct cells_case c = { "cells-a2s1", 2, 1, SZ_4G, 0x10000000 };

	check_cells(t, &c);
}

KTEST(fdt_scan, cells_addr2_size2)
{
	static const struct cells_case c = { "cells-a2s2", 2, 2, SZ_4G, SZ_4G };

	check_cells(t, &c);
}

KTEST(fdt_scan, cells_default_when_absent)
{
	KT_ASSERT_NOT_NULL(t, load(t, "cells-a2s1"));
	/* Drop the root's cell properties: the spec's defaults are 2 and 1. */
	KT_ASSERT_SEQ(t, fdt_delprop(blob, 0, "#address-cells"), 0);
	KT_ASSERT_SEQ(t, fdt_delprop(blob, 0, "#size-cells"), 0);
	KT_ASSERT_SEQ(t, early_init_dt_verify(blob, blob_size), 0);
	KT_ASSERT_SEQ(t, early_init_dt_scan_nodes(blob), 0);
	KT_EXPECT_EQ(t, dt_root_addr_cells, 2);
	KT_EXPECT_EQ(t, dt_root_size_cells, 1);
	EXPECT_RGN(t, memblock.memory, 1, SZ_4G, 0x10000000, MEMBLOCK_NONE, 0);
}

KTEST(fdt_scan, usable_memory_overrides_reg)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "usable-memory"), 0);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 2);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x10000000, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 1, 0xa0000000, 0x10000000, MEMBLOCK_NONE, 0);
	KT_EXPECT_FALSE(t, memblock_is_memory(0x90000000));
	/* An empty linux,usable-memory leaves nothing of that node. */
	KT_EXPECT_FALSE(t, memblock_is_memory(0x100000000));
	EXPECT_LOG(t, "OF: fdt: /memory@100000000: linux,usable-memory is empty; ignored\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, unaligned_bank_trimmed_to_pages)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "trim"), 0);
	EXPECT_RGN(t, memblock.memory, 0, 0x80001000, 0x0ffff000, MEMBLOCK_NONE, 0);
	EXPECT_LOG(t, "OF: fdt: /memory@80000800: [mem 0x0000000080000800-0x00000000900007ff] is not page-aligned; trimmed to [mem 0x0000000080001000-0x000000008fffffff]\n");
	EXPECT_LOG(t, "OF: fdt: /memory@80000800: [mem 0x0000000080001000-0x000000008fffffff] node 0\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, subpage_banks_dropped)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "trim"), 0);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 2);
	EXPECT_RGN(t, memblock.memory, 1, 0xb0000000, SZ_16M, MEMBLOCK_NONE, 0);
	EXPECT_LOG(t, "OF: fdt: /memory@a0000000: [mem 0x00000000a0000000-0x00000000a00007ff] holds no whole 4096-byte page; ignored\n");
	/* 4 KiB, but straddling two pages: still no whole page. */
	EXPECT_LOG(t, "OF: fdt: /memory@a0000000: [mem 0x00000000a0001800-0x00000000a00027ff] holds no whole 4096-byte page; ignored\n");
	KT_EXPECT_FALSE(t, memblock_is_memory(0xa0000000));
	KT_EXPECT_FALSE(t, memblock_is_memory(0xa0002000));
}

KTEST(fdt_scan, zero_size_bank_dropped)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "trim"), 0);
	EXPECT_LOG(t, "OF: fdt: /memory@a0000000: bank at 0x00000000a0010000 has size 0; ignored\n");
	KT_EXPECT_FALSE(t, memblock_is_memory(0xa0010000));
}

KTEST(fdt_scan, numa_two_nodes)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "numa"), 0);
	/* Adjacent banks on different nodes stay separate. */
	KT_EXPECT_EQ(t, memblock.memory.cnt, 3);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, SZ_1G, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 1, 0xc0000000, SZ_1G, MEMBLOCK_NONE, 1);
	EXPECT_LOG(t, "OF: fdt: /memory@c0000000: [mem 0x00000000c0000000-0x00000000ffffffff] node 1\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, numa_node_id_too_large)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "numa"), 0);
	EXPECT_RGN(t, memblock.memory, 2, 0x200000000, 0x10000000, MEMBLOCK_NONE, 0);
	EXPECT_LOG(t, "OF: fdt: /memory@200000000: numa-node-id = <9> is not below MAX_NUMNODES (8); using node 0\n");
}

KTEST(fdt_scan, reserved_static_without_nomap)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-static"), 0);
	EXPECT_RSV(t, 0, 0x80000000, 0x80000);
	KT_EXPECT_TRUE(t, memblock_is_map_memory(0x80000000));
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000080000000..0x000000008007ffff (512 KiB) map non-reusable firmware@80000000\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, reserved_static_nomap)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-static"), 0);
	/* no-map: NOMAP in memory, not reserved (Linux 6.1). */
	KT_EXPECT_EQ(t, memblock.memory.cnt, 3);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x800000, MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 1, 0x80800000, SZ_1M, MEMBLOCK_NOMAP, 0);
	EXPECT_RGN(t, memblock.memory, 2, 0x80900000, SZ_1G - 0x900000,
		   MEMBLOCK_NONE, 0);
	KT_EXPECT_FALSE(t, memblock_is_region_reserved(0x80800000, SZ_1M));
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000080800000..0x00000000808fffff (1024 KiB) nomap non-reusable secmon@80800000\n");
}

KTEST(fdt_scan, reserved_static_several_tuples)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-static"), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 3);
	EXPECT_RSV(t, 1, 0x90000000, 0x10000);
	EXPECT_RSV(t, 2, 0x90100000, 0x10000);
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000090100000..0x000000009010ffff (64 KiB) map non-reusable mailbox@90000000\n");
}

KTEST(fdt_scan, reserved_disabled_and_empty_children)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-static"), 0);
	KT_EXPECT_FALSE(t, memblock_is_region_reserved(0xa0000000, SZ_1M));
	EXPECT_NO_LOG(t, "unused@a0000000");
	EXPECT_LOG(t, "OF: reserved mem: placeholder: neither reg nor size; ignored\n");
}

KTEST(fdt_scan, reserved_dynamic_alloc_ranges)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-dynamic"), 0);
	KT_EXPECT_TRUE(t, memblock_is_region_reserved(0x9f000000, SZ_16M));
	EXPECT_RSV(t, 1, 0x9f000000, SZ_16M);
	EXPECT_LOG(t, "OF: reserved mem: 0x000000009f000000..0x000000009fffffff (16384 KiB) map reusable linux,cma allocated\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, reserved_dynamic_after_static)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-dynamic"), 0);
	/*
	 * framebuffer comes before firmware@bff00000 in the tree but is
	 * allocated after it, just below it.
	 */
	EXPECT_LOG(t, "OF: reserved mem: 0x00000000bff00000..0x00000000bfffffff (1024 KiB) map non-reusable firmware@bff00000\n");
	EXPECT_LOG(t, "OF: reserved mem: 0x00000000bf700000..0x00000000bfefffff (8192 KiB) map non-reusable framebuffer allocated\n");
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 3);
	EXPECT_RSV(t, 2, 0xbf6fe000, 0xc0000000 - 0xbf6fe000);
}

KTEST(fdt_scan, reserved_dynamic_nomap)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-dynamic"), 0);
	/* 6 KiB with no-map: two whole pages, NOMAP and reserved. */
	KT_EXPECT_EQ(t, memblock.memory.cnt, 3);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0xbf6fe000 - 0x80000000,
		   MEMBLOCK_NONE, 0);
	EXPECT_RGN(t, memblock.memory, 1, 0xbf6fe000, 0x2000, MEMBLOCK_NOMAP, 0);
	EXPECT_RGN(t, memblock.memory, 2, 0xbf700000, 0x900000, MEMBLOCK_NONE, 0);
	KT_EXPECT_TRUE(t, memblock_is_region_reserved(0xbf6fe000, 0x2000));
	EXPECT_LOG(t, "OF: reserved mem: 0x00000000bf6fe000..0x00000000bf6fffff (8 KiB) nomap non-reusable dsp allocated\n");
}

KTEST(fdt_scan, reserved_dynamic_second_range)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-dynamic"), 0);
	EXPECT_RSV(t, 0, 0x88f00000, SZ_1M);
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000088f00000..0x0000000088ffffff (1024 KiB) map non-reusable ranges2 allocated\n");
}

KTEST(fdt_scan, reserved_dynamic_failures)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-dynamic"), 0);
	EXPECT_LOG(t, "OF: reserved mem: toobig: cannot allocate 0x80000000 bytes aligned to 0x1000 anywhere in RAM; ignored\n");
	EXPECT_LOG(t, "OF: reserved mem: oddalign: alignment 0x3000 is not a power of two; ignored\n");
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 3);
}

KTEST(fdt_scan, reserved_memory_wrong_cells_ignored)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-bad-cells"), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 0);
	EXPECT_LOG(t, "OF: reserved mem: /reserved-memory: #size-cells = <1> differs from the root's <2>; ignoring /reserved-memory\n");
}

KTEST(fdt_scan, reserved_memory_without_ranges_ignored)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-no-ranges"), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 0);
	EXPECT_LOG(t, "OF: reserved mem: /reserved-memory: no ranges property; ignoring /reserved-memory\n");
}

KTEST(fdt_scan, memreserve_entries)
{
	KT_ASSERT_SEQ(t, scan_all(t, "memreserve"), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 2);
	EXPECT_RSV(t, 0, 0x80000000, 0x80000);
	EXPECT_RSV(t, 1, 0xbff00000, SZ_1M);
	EXPECT_LOG(t, "OF: fdt: /memreserve/ [mem 0x0000000080000000-0x000000008007ffff]\n");
	EXPECT_LOG(t, "OF: fdt: /memreserve/ [mem 0x00000000bff00000-0x00000000bfffffff]\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, initrd_32bit_cells)
{
	KT_ASSERT_SEQ(t, scan_all(t, "initrd32"), 0);
	KT_EXPECT_EQ(t, initrd_start, 0x84000000);
	KT_EXPECT_EQ(t, initrd_end, 0x84200800);
	/* The end is rounded up to a page. */
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0x84000000, 0x201000);
	EXPECT_LOG(t, "OF: fdt: initrd [mem 0x0000000084000000-0x0000000084200fff]\n");
}

KTEST(fdt_scan, initrd_64bit_cells)
{
	KT_ASSERT_SEQ(t, scan_all(t, "initrd64"), 0);
	KT_EXPECT_EQ(t, initrd_start, 0x88000000);
	KT_EXPECT_EQ(t, initrd_end, 0x88400000);
	EXPECT_RSV(t, 0, 0x88000000, 0x400000);
	EXPECT_LOG(t, "OF: fdt: initrd [mem 0x0000000088000000-0x00000000883fffff]\n");
}

KTEST(fdt_scan, initrd_outside_ram_ignored)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "initrd-outside"), 0);
	KT_EXPECT_EQ(t, initrd_start, 0x40000000);
	KT_ASSERT_SEQ(t, early_init_fdt_scan_reserved_mem(blob), 0);
	KT_EXPECT_EQ(t, initrd_start, 0);
	KT_EXPECT_EQ(t, initrd_end, 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 0);
	EXPECT_LOG(t, "OF: fdt: initrd [mem 0x0000000040000000-0x00000000400fffff] is not (entirely) in RAM; ignored\n");
}

KTEST(fdt_scan, bootargs_stored)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "chosen"), 0);
	KT_EXPECT_STREQ(t, boot_command_line,
			"console=ttyS0,115200 earlycon=sbi root=/dev/vda rw");
}

KTEST(fdt_scan, stdout_path_with_options)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "chosen"), 0);
	KT_EXPECT_STREQ(t, of_stdout_path, "serial0");
	KT_EXPECT_STREQ(t, of_stdout_options, "115200n8");
}

KTEST(fdt_scan, stdout_path_legacy_name)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "chosen-legacy"), 0);
	KT_EXPECT_STREQ(t, of_stdout_path, "/soc/serial@10000000");
	KT_EXPECT_NULL(t, of_stdout_options);
	/* No bootargs: the command line is left as it was. */
	KT_EXPECT_STREQ(t, boot_command_line, "");
}

KTEST(fdt_scan, mem_limit_truncates)
{
	KT_ASSERT_SEQ(t, scan_all(t, "mem-limit"), 0);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 1);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 256 * SZ_1M, MEMBLOCK_NONE, 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0x80000000, 0x80000);
	EXPECT_LOG(t, "Memory limited to 256MB\n");
	/* Applied before /reserved-memory: the top region is gone from RAM. */
	EXPECT_LOG(t, "OF: reserved mem: top@bff00000: 0x00000000bff00000..0x00000000bfffffff is not in RAM; ignored\n");
	EXPECT_CHECK(t);
}

KTEST(fdt_scan, mem_limit_absent_or_malformed)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "qemu-virt"), 0);
	KT_EXPECT_SEQ(t, fdt_apply_mem_limit(), 0);	/* no mem= */
	KT_EXPECT_EQ(t, memblock.memory.total_size, SZ_1G);
	cmdline_set("console=ttyS0 mem=lots");
	KT_EXPECT_SEQ(t, fdt_apply_mem_limit(), -EINVAL);
	EXPECT_LOG(t, "mem=lots: not a size");
	KT_EXPECT_EQ(t, memblock.memory.total_size, SZ_1G);
	cmdline_set("mem=2G");				/* more than there is */
	KT_EXPECT_SEQ(t, fdt_apply_mem_limit(), 0);
	KT_EXPECT_EQ(t, memblock.memory.total_size, SZ_1G);
	cmdline_set("mem=0x10000800");			/* rounded down to pages */
	KT_EXPECT_SEQ(t, fdt_apply_mem_limit(), 0);
	KT_EXPECT_EQ(t, memblock.memory.total_size, 0x10000000);
}

KTEST(fdt_scan, reserve_self)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "qemu-virt"), 0);
	early_init_fdt_reserve_self(0x87e00100, blob);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0x87e00000,
		   ALIGN(0x87e00100 + fdt_totalsize(blob), PAGE_SIZE) - 0x87e00000);
}

KTEST(fdt_scan, every_scenario_keeps_memblock_valid)
{
	static const char *const names[] = {
		"qemu-virt", "opensbi-nomap", "banks", "cells-a1s1",
		"cells-a1s2", "cells-a2s1", "cells-a2s2", "usable-memory",
		"trim", "numa", "reserved-static", "reserved-dynamic",
		"reserved-bad-cells", "reserved-no-ranges", "memreserve",
		"initrd32", "initrd64", "initrd-outside", "chosen",
		"chosen-legacy", "mem-limit", "bad-reg-length",
		"reserved-outside-ram", "overlap", "top-of-space",
	};

	host_log_echo = false;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		memblock_reset();
		cmdline_set("");
		KT_EXPECT_SEQ(t, scan_all(t, names[i]), 0);
		KT_EXPECT_SEQ(t, memblock_check(), 0);
		KT_EXPECT_STREQ(t, fdt_scan_error(), "");
	}
}

/* ================= fdt_bad: broken device trees ================= */

KTEST(fdt_bad, bad_magic)
{
	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	fdt_set_magic(blob, 0xdeadbeef);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"bad magic 0xdeadbeef (expected 0xd00dfeed): not a flattened device tree");
	EXPECT_LOG(t, "OF: fdt: bad magic 0xdeadbeef");
}

KTEST(fdt_bad, wrong_version)
{
	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	fdt_set_version(blob, 15);
	fdt_set_last_comp_version(blob, 2);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"unsupported version 15 (last compatible version 2): need version >= 16 and last compatible version <= 17");
	fdt_set_version(blob, 18);
	fdt_set_last_comp_version(blob, 18);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), -EINVAL);
	fdt_set_version(blob, 17);
	fdt_set_last_comp_version(blob, 16);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), 0);
}

KTEST(fdt_bad, truncated_avail)
{
	char msg[128];

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size - 1), -EINVAL);
	snprintf(msg, sizeof(msg),
		 "totalsize %zu is larger than the %zu bytes available: truncated blob",
		 blob_size, blob_size - 1);
	KT_EXPECT_STREQ(t, fdt_scan_error(), msg);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, 8), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"blob of 8 bytes is too short to hold a header (at least 28 bytes)");
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), 0);
	KT_EXPECT_STREQ(t, fdt_scan_error(), "");
}

/* Cut the blob to @n bytes, totalsize included, in an exact-size buffer. */
static int verify_cut(size_t n)
{
	void *p = dup_blob(n);
	int ret;

	if (n >= 8)
		fdt_set_totalsize(p, n);
	ret = early_init_dt_verify(p, n);
	if (!ret && !early_init_dt_scan_nodes(p))
		early_init_fdt_scan_reserved_mem(p);
	free(p);
	return ret;
}

KTEST(fdt_bad, truncated_in_header)
{
	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	KT_EXPECT_SEQ(t, verify_cut(32), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"totalsize 32 is smaller than the 40-byte header");
}

KTEST(fdt_bad, truncated_in_struct_block)
{
	size_t cut;
	char msg[160];

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	cut = fdt_off_dt_struct(blob) + fdt_size_dt_struct(blob) / 2;
	KT_EXPECT_SEQ(t, verify_cut(cut), -EINVAL);
	snprintf(msg, sizeof(msg),
		 "structure block at offset %u, %u bytes, is outside the blob (header 40, totalsize %zu)",
		 fdt_off_dt_struct(blob), fdt_size_dt_struct(blob), cut);
	KT_EXPECT_STREQ(t, fdt_scan_error(), msg);
}

KTEST(fdt_bad, truncated_in_strings_block)
{
	size_t cut;
	char msg[160];

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	/* dtc lays out header, reserve map, structure, strings. */
	KT_ASSERT_GE(t, fdt_off_dt_strings(blob), fdt_off_dt_struct(blob));
	cut = fdt_off_dt_strings(blob) + fdt_size_dt_strings(blob) - 3;
	KT_EXPECT_SEQ(t, verify_cut(cut), -EINVAL);
	snprintf(msg, sizeof(msg),
		 "strings block at offset %u, %u bytes, is outside the blob (header 40, totalsize %zu)",
		 fdt_off_dt_strings(blob), fdt_size_dt_strings(blob), cut);
	KT_EXPECT_STREQ(t, fdt_scan_error(), msg);
}

KTEST(fdt_bad, truncated_at_every_offset)
{
	KT_ASSERT_NOT_NULL(t, load(t, "reserved-dynamic"));
	host_log_echo = false;
	for (size_t n = 0; n < blob_size; n++) {
		memblock_reset();
		if (verify_cut(n) != -EINVAL) {
			ktest_fail(t, __FILE__, __LINE__,
				   "a blob cut to %zu of %zu bytes passed verification",
				   n, blob_size);
			return;
		}
	}
	memblock_reset();
	KT_EXPECT_SEQ(t, verify_cut(blob_size), 0);
}

KTEST(fdt_bad, misaligned_blob)
{
	char *p;

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	p = malloc(blob_size + 4);
	memcpy(p + 4, blob, blob_size);
	KT_EXPECT_SEQ(t, early_init_dt_verify(p + 4, blob_size), -EINVAL);
	EXPECT_LOG(t, "is not 8-byte aligned");
	free(p);
}

KTEST(fdt_bad, reserve_map_outside_blob)
{
	char msg[160];

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	fdt_set_off_mem_rsvmap(blob, fdt_totalsize(blob) - 8);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), -EINVAL);
	EXPECT_LOG(t, "OF: fdt: memory reserve map at offset");
	/* Inside the blob but not 8-byte aligned: libfdt would misread it. */
	fdt_set_off_mem_rsvmap(blob, 44);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), -EINVAL);
	snprintf(msg, sizeof(msg),
		 "memory reserve map at offset 44 is outside the blob or not 8-byte aligned (header 40, totalsize %zu)",
		 blob_size);
	KT_EXPECT_STREQ(t, fdt_scan_error(), msg);
}

KTEST(fdt_bad, reserve_map_unterminated)
{
	size_t size;
	char *big;

	KT_ASSERT_NOT_NULL(t, load(t, "memreserve"));
	/*
	 * Point the reserve map at the last 16 bytes of free space after the
	 * strings: one non-zero entry, then the end of the blob.
	 */
	size = ALIGN(blob_size + 64, 8);
	big = calloc(1, size);
	KT_ASSERT_SEQ(t, fdt_open_into(blob, big, size), 0);
	memset(big + size - 16, 0x11, 16);
	fdt_set_off_mem_rsvmap(big, size - 16);
	KT_ASSERT_SEQ(t, early_init_dt_verify(big, size), 0);
	KT_ASSERT_SEQ(t, early_init_dt_scan_nodes(big), 0);
	KT_EXPECT_SEQ(t, early_init_fdt_scan_reserved_mem(big), 0);
	EXPECT_LOG(t, "OF: fdt: /memreserve/ [mem 0x1111111111111111-0x2222222222222221]\n");
	EXPECT_LOG(t, "OF: fdt: /memreserve/ map has no terminating entry inside the blob");
	EXPECT_CHECK(t);
	free(big);
}

KTEST(fdt_bad, no_memory_node)
{
	KT_EXPECT_SEQ(t, scan_nodes(t, "no-memory"), -ENOENT);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"no usable memory node (device_type = \"memory\") in the device tree");
	EXPECT_LOG(t, "OF: fdt: no usable memory node (device_type = \"memory\") in the device tree\n");
	KT_EXPECT_EQ(t, memblock.memory.cnt, 0);
}

KTEST(fdt_bad, reg_not_whole_tuples)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "bad-reg-length"), 0);
	EXPECT_LOG(t, "OF: fdt: /memory@80000000: reg is 20 bytes, not a multiple of 16 (#address-cells=2 #size-cells=2); ignoring the trailing 4 bytes\n");
	KT_EXPECT_EQ(t, memblock.memory.cnt, 1);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, SZ_1G, MEMBLOCK_NONE, 0);
}

KTEST(fdt_bad, reserved_region_outside_ram)
{
	KT_ASSERT_SEQ(t, scan_all(t, "reserved-outside-ram"), 0);
	EXPECT_LOG(t, "OF: reserved mem: flash@20000000: 0x0000000020000000..0x00000000200fffff is not in RAM; ignored\n");
	KT_EXPECT_FALSE(t, memblock_is_reserved(0x20000000));
	/* Straddling the end of RAM: reported, reserved anyway. */
	EXPECT_LOG(t, "OF: reserved mem: straddle@bff00000: 0x00000000bff00000..0x00000000c00fffff is partly outside RAM\n");
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0xbff00000, 0x200000);
}

KTEST(fdt_bad, nomap_over_reserved_memory)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "opensbi-nomap"), 0);
	/* Something (here a DTB) already reserved inside mmode_resv1. */
	early_init_fdt_reserve_self(0x80010000, blob);
	KT_ASSERT_SEQ(t, early_init_fdt_scan_reserved_mem(blob), 0);
	EXPECT_LOG(t, "OF: reserved mem: mmode_resv1@80000000: 0x0000000080000000..0x000000008003ffff overlaps memory that is already reserved; reserving it instead of marking it no-map\n");
	EXPECT_LOG(t, "OF: reserved mem: 0x0000000080000000..0x000000008003ffff (256 KiB) map non-reusable mmode_resv1@80000000\n");
	/* Reserved, still mapped; the neighbour is NOMAP as asked. */
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 1);
	EXPECT_RSV(t, 0, 0x80000000, 0x40000);
	KT_EXPECT_TRUE(t, memblock_is_map_memory(0x80000000));
	KT_EXPECT_FALSE(t, memblock_is_map_memory(0x80040000));
	EXPECT_CHECK(t);
}

KTEST(fdt_bad, overlapping_banks)
{
	KT_ASSERT_SEQ(t, scan_nodes(t, "overlap"), 0);
	EXPECT_LOG(t, "OF: fdt: /memory@a0000000: [mem 0x00000000a0000000-0x00000000dfffffff] overlaps /memory@80000000 [mem 0x0000000080000000-0x00000000bfffffff]; memblock merges them\n");
	KT_EXPECT_EQ(t, memblock.memory.cnt, 1);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x60000000, MEMBLOCK_NONE, 0);
	EXPECT_CHECK(t);
}

KTEST(fdt_bad, address_cells_0)
{
	KT_EXPECT_SEQ(t, scan_nodes(t, "cells-addr0"), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"root node: #address-cells = <0> is not supported: memory addresses and sizes take 1 or 2 cells; fix the device tree");
	KT_EXPECT_EQ(t, memblock.memory.cnt, 0);
}

KTEST(fdt_bad, address_cells_3)
{
	KT_EXPECT_SEQ(t, scan_nodes(t, "cells-addr3"), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"root node: #address-cells = <3> is not supported: memory addresses and sizes take 1 or 2 cells; fix the device tree");
	KT_EXPECT_EQ(t, memblock.memory.cnt, 0);
}

KTEST(fdt_bad, size_cells_3_or_wrong_length)
{
	void *big;

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	KT_ASSERT_SEQ(t, fdt_setprop_inplace_u32(blob, 0, "#size-cells", 3), 0);
	KT_EXPECT_SEQ(t, early_init_dt_scan_nodes(blob), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"root node: #size-cells = <3> is not supported: memory addresses and sizes take 1 or 2 cells; fix the device tree");
	/* A cell count that is not one cell long (needs room to grow). */
	big = calloc(1, blob_size + 256);
	KT_ASSERT_SEQ(t, fdt_open_into(blob, big, blob_size + 256), 0);
	KT_ASSERT_SEQ(t, fdt_setprop_u64(big, 0, "#size-cells", 2), 0);
	KT_EXPECT_SEQ(t, early_init_dt_verify(big, blob_size + 256), 0);
	KT_EXPECT_SEQ(t, early_init_dt_scan_nodes(big), -EINVAL);
	KT_EXPECT_STREQ(t, fdt_scan_error(),
			"root node: #size-cells is 8 bytes long, expected one 4-byte cell");
	free(big);
}

KTEST(fdt_bad, top_of_address_space)
{
	if (MAX_PHYSMEM_BITS != 38)
		KT_SKIP(t, "expects the host harness's 38-bit physical limit");
	KT_ASSERT_SEQ(t, scan_nodes(t, "top-of-space"), 0);
	KT_EXPECT_EQ(t, memblock.memory.cnt, 2);
	EXPECT_RGN(t, memblock.memory, 0, 0x80000000, 0x10000000, MEMBLOCK_NONE, 0);
	/* Clipped at 2^38, not wrapped. */
	EXPECT_RGN(t, memblock.memory, 1, 0x3ff0000000, 0x10000000, MEMBLOCK_NONE, 0);
	EXPECT_LOG(t, "OF: fdt: /memory@3ff0000000: [mem 0x0000003ff0000000-0x000000400fffffff] extends past the 38-bit physical address limit; clipped to [mem 0x0000003ff0000000-0x0000003fffffffff]\n");
	EXPECT_LOG(t, "OF: fdt: /memory@fffffffffffff000: bank at 0xfffffffffffff000 of 0x2000 bytes wraps past the top of the address space; clipped at 0xffffffffffffffff\n");
	EXPECT_LOG(t, "OF: fdt: /memory@fffffffffffff000: [mem 0xfffffffffffff000-0xffffffffffffffff] is above the 38-bit physical address limit (0x0000003fffffffff); ignored\n");
	KT_EXPECT_FALSE(t, memblock_is_memory(0));
	KT_EXPECT_FALSE(t, memblock_is_memory(0xfff));
	EXPECT_CHECK(t);
}

KTEST(fdt_bad, corrupt_structure_block)
{
	int node;

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	node = fdt_path_offset(blob, "/memory@80000000");
	KT_ASSERT_GE(t, node, 0);
	/* Overwrite the node's FDT_BEGIN_NODE tag with an unknown tag. */
	memset((char *)blob + fdt_off_dt_struct(blob) + node, 0x7f, 4);
	KT_EXPECT_SEQ(t, early_init_dt_verify(blob, blob_size), -EINVAL);
	EXPECT_LOG(t, "OF: fdt: the structure block is corrupt at offset ");
	/* Unverified, the scan still stops cleanly. */
	KT_EXPECT_SEQ(t, early_init_dt_scan_nodes(blob), -ENOENT);
}

KTEST(fdt_bad, bootargs_not_nul_terminated)
{
	char *p;
	int len;

	KT_ASSERT_NOT_NULL(t, load(t, "qemu-virt"));
	p = fdt_getprop_w(blob, fdt_path_offset(blob, "/chosen"), "bootargs", &len);
	KT_ASSERT_NOT_NULL(t, p);
	p[len - 1] = 'X';
	KT_ASSERT_SEQ(t, early_init_dt_scan_nodes(blob), 0);
	KT_EXPECT_STREQ(t, boot_command_line, "console=ttyS0 earlyconX");
}

KTEST(fdt_bad, initrd_start_after_end)
{
	int chosen;

	KT_ASSERT_NOT_NULL(t, load(t, "initrd32"));
	chosen = fdt_path_offset(blob, "/chosen");
	KT_ASSERT_SEQ(t, fdt_setprop_inplace_u32(blob, chosen, "linux,initrd-end", 0x83000000), 0);
	KT_ASSERT_SEQ(t, early_init_dt_scan_nodes(blob), 0);
	KT_EXPECT_EQ(t, initrd_start, 0);
	EXPECT_LOG(t, "OF: fdt: /chosen: initrd start 0x84000000 is not below its end 0x83000000; initrd ignored\n");
	KT_EXPECT_SEQ(t, early_init_fdt_scan_reserved_mem(blob), 0);
	KT_EXPECT_EQ(t, memblock.reserved.cnt, 0);
}

/*
 * Overwrite every byte of a good blob in turn (with 0xff and with 0x00)
 * and run the whole scan on an exact-size copy: whatever the damage, the
 * scan returns, never reads outside the blob (ASan), and leaves memblock
 * consistent.
 */
KTEST(fdt_bad, every_byte_corrupted)
{
	static const u8 values[] = { 0xff, 0x00 };

	KT_ASSERT_NOT_NULL(t, load(t, "reserved-dynamic"));
	host_log_echo = false;
	for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
		for (size_t i = 0; i < blob_size; i++) {
			u8 *p = dup_blob(blob_size);

			p[i] = values[v];
			memblock_reset();
			if (!early_init_dt_verify(p, blob_size) &&
			    !early_init_dt_scan_nodes(p))
				early_init_fdt_scan_reserved_mem(p);
			free(p);
			if (memblock_check()) {
				ktest_fail(t, __FILE__, __LINE__,
					   "byte %zu = 0x%02x broke memblock", i,
					   values[v]);
				return;
			}
		}
	}
}
