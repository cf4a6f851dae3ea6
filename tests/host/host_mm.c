// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host "arch" memory hooks for mm/kernel_map.c: the final page tables can
 * be built on the host (in fake physical memory) and checked, but never
 * installed.
 */
#include <kernel/sections.h>
#include <mm/kernel_map.h>
#include <asm/page.h>

phys_addr_t host_kernel_pa = 0x80200000;
phys_addr_t host_installed_root;

phys_addr_t host_pa_symbol(const void *sym)
{
	return host_kernel_pa + (phys_addr_t)((const char *)sym - _start);
}

int arch_paging_init(pte_t *root)
{
	(void)root;
	return 0;
}

void arch_switch_pgtable(phys_addr_t root_pa)
{
	host_installed_root = root_pa;
}
