// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's final page tables: phase 2 of the three ways Arbor gets
 * page-table pages (phase 1 is each arch's own early tables):
 *
 *   phase 1  static early tables (arch code, MMU off)
 *   phase 2  this file: tables from memblock, written through the early
 *            linear map, then installed
 *   phase 3  tables from the buddy allocator once it runs
 *            (pgtable_set_allocator(&pgtable_alloc_buddy) in start_kernel)
 *
 * What gets mapped (DESIGN.md §4):
 *
 *   linear map   every memblock.memory region without NOMAP, at __va(pa),
 *                RW, with 1 GiB / 2 MiB leaves where alignment allows
 *   kernel image [_start, _etext) RX, [__start_rodata, __end_rodata) R,
 *                [__init_begin, _end) RW, all 4 KiB leaves so no page is
 *                ever both writable and executable
 *   arch extras  arch_paging_init(): fixmap, ...
 *
 * Locking: runs once, on the boot CPU, before any other CPU or allocator.
 */
#include <kernel/printk.h>
#include <kernel/setup.h>
#include <kernel/sections.h>
#include <kernel/errno.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <mm/prot.h>
#include <mm/kernel_map.h>
#include <asm/page.h>

pte_t *kernel_pgd;

static int map_image(pte_t *root, char *start, char *end, unsigned int prot,
		     const char *what)
{
	unsigned long va = (unsigned long)start;
	unsigned long size = (unsigned long)(end - start);
	int err;

	if (!size)
		return 0;
	err = pgtable_map(root, va, __pa_symbol(start), size, prot,
			  PGTABLE_MAP_4K);
	if (err)
		return boot_error(err, "cannot map the kernel %s (0x%lx bytes at 0x%016lx): error %d; "
				  "RAM is too small for the boot page tables", what, size, va, err);
	return 0;
}

int paging_init(void)
{
	struct memblock_region *r;
	phys_addr_t root_pa;
	pte_t *root;
	int err, wx;

	pgtable_set_allocator(&pgtable_alloc_memblock);
	root_pa = pgtable_alloc_table();
	if (!root_pa)
		return boot_error(-ENOMEM, "no memory for the kernel page-table root; "
				  "memblock has no free page below the limit 0x%016llx",
				  (unsigned long long)memblock_get_current_limit());
	root = __va(root_pa);

	/* The linear map: all RAM except NOMAP regions. */
	for_each_mem_region(r) {
		if (memblock_is_nomap(r))
			continue;
		err = pgtable_map(root, (unsigned long)__va(r->base), r->base,
				  r->size, PAGE_KERNEL, 0);
		if (err)
			return boot_error(err, "cannot map RAM [mem 0x%016llx-0x%016llx] in the linear map: error %d",
					  (unsigned long long)r->base,
					  (unsigned long long)(r->base + r->size - 1), err);
	}

	/* The kernel image, W^X. */
	err = map_image(root, _start, _etext, PAGE_KERNEL_EXEC, "text");
	if (!err)
		err = map_image(root, __start_rodata, __end_rodata, PAGE_KERNEL_RO, "rodata");
	if (!err)
		err = map_image(root, __init_begin, _end, PAGE_KERNEL, "data");
	if (err)
		return err;

	err = arch_paging_init(root);
	if (err)
		return err;

	wx = pgtable_check_wx(root);
	if (wx)
		return boot_error(-EINVAL, "%d kernel mappings are both writable and executable; "
				  "this is a kernel bug", wx);

	arch_switch_pgtable(root_pa);
	kernel_pgd = root;
	pr_info("paging: kernel page tables at 0x%016llx, %lu table pages\n",
		(unsigned long long)root_pa, pgtable_count_tables(root));
	return 0;
}
