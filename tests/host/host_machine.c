// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A whole host "machine" for suites that need every allocator at once:
 * fake RAM, memblock, zones and the buddy allocator, the slab, kernel page
 * tables from the buddy, and vmalloc, brought up in start_kernel's order.
 */
#include <stdlib.h>

#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <asm/page.h>
#include <asm/cpu.h>
#include "host.h"

void host_machine_boot(struct host_machine *m, phys_addr_t base, phys_addr_t size)
{
	bool echo = host_log_echo;
	phys_addr_t root;

	host_log_echo = false;		/* the boot banners */
	host_cpu_id = 0;
	host_mem_reset();
	host_vmap_reset();
	memblock_reset();
	host_mem_map(base, size);
	memblock_add(base, size);
	if (zones_init())
		abort();
	memblock_free_all();
	if (kmem_cache_init())
		abort();
	m->saved_allocator = pgtable_set_allocator(&pgtable_alloc_buddy);
	m->saved_pgd = kernel_pgd;
	root = pgtable_alloc_table();
	if (!root)
		abort();
	kernel_pgd = __va(root);
	if (vmalloc_init())
		abort();
	host_log_echo = echo;
}

void host_machine_shutdown(struct host_machine *m)
{
	kmem_cache_reset();
	pgtable_set_allocator(m->saved_allocator);
	kernel_pgd = m->saved_pgd;
	host_vmap_reset();
}
