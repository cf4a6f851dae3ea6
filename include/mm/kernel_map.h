/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's final page tables (built once at boot by paging_init()) and
 * the arch hooks that finish and install them.
 */
#ifndef _MM_KERNEL_MAP_H
#define _MM_KERNEL_MAP_H

#include <kernel/types.h>
#include <asm/pgtable.h>

/* Root of the kernel page tables (Linux: swapper_pg_dir); NULL before. */
extern pte_t *kernel_pgd;

/*
 * Build the final kernel page tables from memblock and switch to them:
 * the linear map of every memory region that is not NOMAP (largest leaves
 * that fit), the kernel image with 4 KiB leaves and W^X (text RX, rodata
 * R, data/bss RW), then whatever the arch adds.  Page 0 and NOMAP memory
 * stay unmapped.  Table pages come from memblock.  Returns 0, or a
 * negative errno after recording a boot_error().
 */
int paging_init(void);

/* Add the arch's own mappings (fixmap, ...) to the new tables. */
int arch_paging_init(pte_t *root);
/* Load @root_pa as the page-table root on this CPU and flush its TLB. */
void arch_switch_pgtable(phys_addr_t root_pa);

#endif /* _MM_KERNEL_MAP_H */
