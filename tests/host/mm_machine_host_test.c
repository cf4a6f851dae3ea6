// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The machine the all-allocator suites (`fail_inject`, `oom`: tests/unit/
 * fail_inject_test.c, tests/unit/oom_test.c) run on in the host harness:
 * 64 MiB of fake RAM at 0x80000000 through the real boot steps (memblock,
 * zones_init(), memblock_free_all(), kmem_cache_init()), page-table pages
 * from the buddy allocator, a fresh kernel_pgd, the host vmalloc window
 * made inaccessible again (tests/host/host_vmap.c) and vmalloc_init().
 * Built before every case and torn down after: the next suite finds
 * kernel_pgd and the table allocator as they were, and no slab pages in
 * meminfo.
 */
#include <stdlib.h>

#include <kernel/kernel.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <asm/cpu.h>
#include "host.h"

/* tests/host/host_vmap.c, tests/unit/fail_inject_test.c */
extern void (*mm_test_machine_setup)(void);
extern void (*mm_test_machine_teardown)(void);

#define MM_RAM_BASE	0x80000000ULL
#define MM_RAM_SIZE	(64ULL << 20)

static struct host_machine machine;

static void mm_machine_setup(void)
{
	char off[] = "-";

	kmem_cache_reset();
	setup_slub_debug(off);
	host_machine_boot(&machine, MM_RAM_BASE, MM_RAM_SIZE);
}

static void mm_machine_teardown(void)
{
	host_machine_shutdown(&machine);
	host_log_echo = true;
}

__attribute__((constructor)) static void mm_machine_hooks(void)
{
	mm_test_machine_setup = mm_machine_setup;
	mm_test_machine_teardown = mm_machine_teardown;
}
