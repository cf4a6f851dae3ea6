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
void host_vmap_reset(void);
extern void (*mm_test_machine_setup)(void);
extern void (*mm_test_machine_teardown)(void);

#define MM_RAM_BASE	0x80000000ULL
#define MM_RAM_SIZE	(64ULL << 20)

static const struct pgtable_allocator *saved_allocator;
static pte_t *saved_pgd;

static void mm_machine_setup(void)
{
	bool echo = host_log_echo;
	char off[] = "-";
	phys_addr_t root;

	host_log_echo = false;		/* the boot banners */
	host_cpu_id = 0;
	kmem_cache_reset();
	host_mem_reset();
	host_vmap_reset();
	memblock_reset();
	host_mem_map(MM_RAM_BASE, MM_RAM_SIZE);
	memblock_add(MM_RAM_BASE, MM_RAM_SIZE);
	setup_slub_debug(off);
	if (zones_init())
		abort();
	memblock_free_all();
	if (kmem_cache_init())
		abort();
	saved_allocator = pgtable_set_allocator(&pgtable_alloc_buddy);
	saved_pgd = kernel_pgd;
	root = pgtable_alloc_table();
	if (!root)
		abort();
	kernel_pgd = __va(root);
	if (vmalloc_init())
		abort();
	host_log_echo = echo;
}

static void mm_machine_teardown(void)
{
	pgtable_set_allocator(saved_allocator);
	kernel_pgd = saved_pgd;
	host_vmap_reset();
	kmem_cache_reset();
	host_log_echo = true;
}

__attribute__((constructor)) static void mm_machine_hooks(void)
{
	mm_test_machine_setup = mm_machine_setup;
	mm_test_machine_teardown = mm_machine_teardown;
}
