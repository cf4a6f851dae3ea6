// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86-64 memory hooks for the generic mm code: zone limits, the final
 * page-table switch, the vmemmap backing, TLB shootdown, and the fixmap
 * for early MMIO.
 *
 * Page-table pages come three ways, as include/mm/pgtable.h names them:
 *   phase 1  boot/head.S's static tables (identity + linear map of the
 *            first 4 GiB, the image, the fixmap), all 2 MiB leaves
 *   phase 2  mm/kernel_map.c builds the final tables from memblock,
 *            writing them through the phase-1 linear map; memblock stays
 *            below 4 GiB until arch_switch_pgtable() installs them
 *   phase 3  the buddy allocator, once start_kernel switches to it
 *
 * The final linear map uses 1 GiB leaves when the CPU has pdpe1gb and
 * 2 MiB leaves otherwise: pt_level_has_leaf() reads x86_gbpages, so the
 * generic mapper needs no x86 knowledge.  arch_paging_init() reports the
 * result as Linux's /proc/meminfo does (DirectMap4k/2M/1G).
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/arch_mm.h>
#include <mm/mmzone.h>
#include <mm/vmalloc.h>
#include <asm/memlayout.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <asm/early_console.h>

#include "../kernel/x86.h"

extern pte_t early_fixmap_pmd[PTRS_PER_PT];
extern char boot_stack_guard[];
extern pte_t early_fixmap_pte[PTRS_PER_PT];

BUILD_BUG_ON(pt_index(FIXADDR_START, 3) != 511 || pt_index(FIXADDR_START, 2) != 511);
BUILD_BUG_ON(pt_index(FIXADDR_START, 1) != 504);	/* boot/head.S */
BUILD_BUG_ON(pt_index(KERNEL_VBASE, 2) != 510);
BUILD_BUG_ON(pt_index(PAGE_OFFSET, 3) != 273);

/*
 * x86-64's three zones (Linux's): ISA DMA below 16 MiB, 32-bit DMA below
 * 4 GiB, Normal for the rest, each capped at the end of RAM.
 */
void arch_zone_limits(unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	unsigned long end = PHYS_PFN(memblock_end_of_DRAM());

	max_zone_pfn[ZONE_DMA] = min(end, PHYS_PFN(SZ_16M));
	max_zone_pfn[ZONE_DMA32] = min(end, (unsigned long)PHYS_PFN(SZ_4G));
	max_zone_pfn[ZONE_NORMAL] = end;
}

/* Leaves per level over [@va, @va + @size) of the tree at @table. */
static void count_leaves(const pte_t *table, unsigned int level,
			 unsigned long va, unsigned long size,
			 unsigned long long bytes[PT_LEVELS])
{
	while (size) {
		unsigned long span = pt_level_size(level);
		unsigned long chunk = min(size, span - (va & (span - 1)));
		pte_t pte = table[pt_index(va, level)];

		if (pte_present(pte)) {
			if (pte_is_leaf(pte, level))
				bytes[level] += chunk;
			else if (level > 0)
				count_leaves(__va(pte_phys(pte, level)), level - 1,
					     va, chunk, bytes);
		}
		va += chunk;
		size -= chunk;
	}
}

/* Linux's DirectMap lines: how the linear map of RAM is built. */
void x86_print_direct_map(void *root)
{
	unsigned long long bytes[PT_LEVELS] = { 0 };
	struct memblock_region *r;

	for_each_mem_region(r)
		count_leaves(root, PT_LEVELS - 1, (unsigned long)__va(r->base),
			     r->size, bytes);
	pr_info("x86/mm: DirectMap4k: %llu kB, DirectMap2M: %llu kB, DirectMap1G: %llu kB (%s)\n",
		bytes[0] >> 10, bytes[1] >> 10, bytes[2] >> 10,
		x86_gbpages ? "pdpe1gb: 1 GiB leaves" : "no pdpe1gb: 2 MiB leaves");
}

/*
 * Finish the new tables: carry the fixmap over (its PMD, with the page of
 * early MMIO slots, hangs under the last PUD entry, next to the kernel
 * image) and unmap the boot stack's guard page, so an overflow faults
 * instead of overwriting .data.
 */
int arch_paging_init(pte_t *root)
{
	pte_t *pud;
	pte_t *pgde = &root[pt_index(FIXADDR_START, 3)];
	int err;

	err = pgtable_unmap(root, (unsigned long)boot_stack_guard, PAGE_SIZE);
	if (err)
		return err;

	if (!pte_present(*pgde)) {
		phys_addr_t pa = pgtable_alloc_table();

		if (!pa)
			return -ENOMEM;
		*pgde = pte_mk_table(pa);
	}
	pud = __va(pte_phys(*pgde, 3));
	pud[pt_index(FIXADDR_START, 2)] = pte_mk_table(__pa_symbol(early_fixmap_pmd));
	x86_print_direct_map(root);
	return 0;
}

/*
 * Load the final tables.  From here the linear map covers all RAM, so
 * memblock may allocate anywhere (Linux: memblock_set_current_limit(
 * get_max_mapped()) at the end of init_mem_mapping()).
 */
void arch_switch_pgtable(phys_addr_t root_pa)
{
	write_cr3(root_pa);
	local_flush_tlb_all();
	memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);
}

int arch_vmemmap_populate(unsigned long start, unsigned long end)
{
	return vmemmap_populate(kernel_pgd, start, end);
}

void flush_tlb_all(void)
{
	local_flush_tlb_all();
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	local_flush_tlb_range(start, end);
}

static unsigned int fix_io_used;

/*
 * Map one page of MMIO, uncached, into the next fixmap slot; NULL when
 * the request spans pages or the 16 slots are used up.
 */
void *arch_early_ioremap(phys_addr_t pa, unsigned long size)
{
	phys_addr_t off = pa & (PAGE_SIZE - 1);
	unsigned long va;

	if (off + size > PAGE_SIZE || fix_io_used >= FIX_IO_SLOTS)
		return NULL;
	va = FIX_IO_VA + fix_io_used * PAGE_SIZE;
	early_fixmap_pte[pt_index(va, 0)] =
		pte_mk_leaf(pa - off, PAGE_KERNEL_IO, 0);
	fix_io_used++;
	local_flush_tlb_page(va);
	return (void *)(va + off);
}

/*
 * vmalloc changed kernel entries in [@start, @end): nothing to do on
 * x86-64, where every CPU walks the same tables and a not-present entry
 * is never cached, so a new mapping is visible at once.
 */
void arch_sync_kernel_mappings(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
}
