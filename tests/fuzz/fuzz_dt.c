// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target `dt`: any byte string as the DTB a boot loader hands over.
 *
 * Runs the device-tree boot scan exactly as start_kernel and tools/fdtmem
 * do (src/fdt_scan.c, src/fdt_reserved_mem.c, mm/memblock.c, libfdt):
 *
 *   early_init_dt_verify(buf, size)          header and structure checks
 *   early_init_dt_scan_nodes(buf)            root cells, /chosen, memory
 *   parse_early_param()                      the DT's bootargs
 *   early_init_fdt_reserve_self(pa, buf)     the blob itself
 *   fdt_apply_mem_limit()                    mem= from those bootargs
 *   early_init_fdt_scan_reserved_mem(buf)    /reserved-memory, /memreserve/,
 *                                            initrd
 *
 * on a copy of the input in a buffer of exactly its size (ASan catches a
 * read one byte past the blob), then checks what must hold whatever the
 * blob says:
 *
 *   - a failed verify or scan leaves a non-empty reason in
 *     fdt_scan_error() (it becomes the panic message) and one of the
 *     documented error codes; a successful scan found memory;
 *   - memblock_check(): both arrays sorted, merged, non-overlapping;
 *   - every memory region is whole pages below 2^MAX_PHYSMEM_BITS (the
 *     scan trims banks, mem= and no-map work on pages);
 *   - the initrd is either empty or a forward range;
 *   - the debugfs-format listing of both arrays can be produced.
 *
 * Seeds: the project's DTBs (build/fuzz/seeds/dt/, see mk/fuzz.mk).
 */
#include <kernel/of_fdt.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include "fuzz.h"

/* Where the "boot loader" put the blob: the middle of a typical bank. */
#define FUZZ_DTB_PA	0x82200000ULL

static void check_memory_regions(void)
{
	const struct memblock_region *r;
	phys_addr_t limit = (phys_addr_t)1 << MAX_PHYSMEM_BITS;

	for_each_mem_region(r) {
		if ((r->base | r->size) & (PAGE_SIZE - 1))
			fuzz_fail("memory region [0x%llx, +0x%llx) is not whole pages",
				  (unsigned long long)r->base,
				  (unsigned long long)r->size);
		if (r->base >= limit || r->size > limit - r->base)
			fuzz_fail("memory region [0x%llx, +0x%llx) is beyond %d bits",
				  (unsigned long long)r->base,
				  (unsigned long long)r->size, MAX_PHYSMEM_BITS);
	}
}

static void list_both(void)
{
	char line[128];

	for (unsigned long i = 0; i < memblock.memory.cnt; i++)
		if (memblock_debugfs_format(line, sizeof(line), &memblock.memory, i) <= 0)
			fuzz_fail("memory[%lu] cannot be formatted", i);
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++)
		if (memblock_debugfs_format(line, sizeof(line), &memblock.reserved, i) <= 0)
			fuzz_fail("reserved[%lu] cannot be formatted", i);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	void *blob;
	int err;

	fuzz_host_init();
	memblock_reset();
	memblock_debug = false;
	host_log_clear();
	cmdline_set("");

	blob = malloc(size ? size : 1);	/* 16-byte aligned: the DTB's 8 */
	if (!blob)
		return 0;
	memcpy(blob, data, size);

	err = early_init_dt_verify(blob, size);
	if (!err) {
		err = early_init_dt_scan_nodes(blob);
		if (!err && !memblock.memory.cnt)
			fuzz_fail("the scan succeeded without any memory");
	}
	if (err) {
		if (!fdt_scan_error()[0])
			fuzz_fail("the scan failed (%d) with an empty reason: the panic message would say nothing",
				  err);
		if (err != -EINVAL && err != -ENOENT && err != -ENOMEM)
			fuzz_fail("the scan failed with unexpected error %d", err);
	} else {
		parse_early_param();
		early_init_fdt_reserve_self(FUZZ_DTB_PA, blob);
		fdt_apply_mem_limit();
		err = early_init_fdt_scan_reserved_mem(blob);
		if (err)
			fuzz_fail("early_init_fdt_scan_reserved_mem returned %d", err);
		check_memory_regions();
		if (initrd_start > initrd_end ||
		    (initrd_start == initrd_end && initrd_start))
			fuzz_fail("initrd [0x%llx, 0x%llx) is not a range",
				  (unsigned long long)initrd_start,
				  (unsigned long long)initrd_end);
	}
	if (memblock_check())
		fuzz_fail("memblock_check failed");
	list_both();
	free(blob);
	return 0;
}
