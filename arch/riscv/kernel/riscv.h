/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Private declarations shared by arch/riscv files (not for generic code). */
#ifndef _ARCH_RISCV_PRIVATE_H
#define _ARCH_RISCV_PRIVATE_H

#include <kernel/types.h>

extern unsigned long early_pg_dir[512];
extern unsigned long early_fixmap_pmd[512];
extern unsigned long early_fixmap_pte[512];
extern unsigned long riscv_boot_hartid;
extern phys_addr_t riscv_dtb_pa;
extern const void *riscv_fdt;

void *riscv_fdt_fixmap(phys_addr_t dtb_pa);
phys_addr_t riscv_early_linear_map(phys_addr_t ram_start, phys_addr_t ram_end);
void riscv_time_init(const void *fdt);
void riscv_finisher_init(const void *fdt);

#endif
