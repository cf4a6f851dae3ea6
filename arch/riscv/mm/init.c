// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V memory hooks for the generic mm code: zone limits, the final
 * page-table switch, the vmemmap backing.
 */
#include <kernel/kernel.h>
#include <kernel/errno.h>
#include <kernel/setup.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/arch_mm.h>
#include <mm/mmzone.h>
#include <mm/vmalloc.h>
#include <asm/csr.h>
#include <asm/memlayout.h>
#include <asm/tlbflush.h>

#include "../kernel/riscv.h"

/* RISC-V has no ISA DMA zone; 32-bit DMA masters need memory below 4 GiB. */
void arch_zone_limits(unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	max_zone_pfn[ZONE_DMA] = 0;
	max_zone_pfn[ZONE_DMA32] = PHYS_PFN(SZ_4G);
	max_zone_pfn[ZONE_NORMAL] = ~0UL;
}

/*
 * The fixmap (DTB window, early MMIO) carries over into the final tables;
 * the page below the boot stack (head.S) does not: left unmapped, it is
 * the guard page that makes a stack overflow fault (entry.S reports it).
 */
int arch_paging_init(pte_t *root)
{
	int err;

	root[pt_index(FIXADDR_START, PT_ROOT_LEVEL)] =
		pte_mk_table(__pa_symbol(early_fixmap_pmd));
	err = pgtable_unmap(root, (unsigned long)boot_stack_guard, PAGE_SIZE);
	if (err)
		return boot_error(err, "cannot unmap the boot stack's guard page at 0x%016lx: error %d",
				  (unsigned long)boot_stack_guard, err);
	return 0;
}

void arch_switch_pgtable(phys_addr_t root_pa)
{
	csr_write(satp, SATP_MODE_SV39 | (root_pa >> PAGE_SHIFT));
	local_flush_tlb_all();
}

int arch_vmemmap_populate(unsigned long start, unsigned long end)
{
	return vmemmap_populate(kernel_pgd, start, end);
}

/*
 * The MMU reads the page tables directly, but without Svvptc a hart may
 * have cached "invalid" for an address that vmalloc just mapped: flush
 * the range, as Linux's flush_cache_vmap() does.
 */
void arch_sync_kernel_mappings(unsigned long start, unsigned long end)
{
	local_flush_tlb_range(start, end);
}
