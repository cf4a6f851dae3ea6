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

/* SMP (smp.c).  Logical CPU -> hart id of every CPU that was started. */
extern unsigned long riscv_cpu_hartid[];
void riscv_for_each_hart_group(unsigned long cpumask,
			       void (*fn)(unsigned long hmask, unsigned long hbase,
					  void *arg),
			       void *arg);
/* The supervisor software interrupt (IPI): traps.c calls it. */
void riscv_handle_ipi(void);
/*
 * arch_stack_guard_hart - the hart id whose stack guard page (the page
 * just below a secondary hart's 16 KiB vmalloc'ed stack) contains @addr,
 * or -1.  For the trap handler's fault report ("stack overflow on hart
 * N"); the boot hart's stack is not covered.
 */
int arch_stack_guard_hart(unsigned long addr);

/*
 * Traps (traps.c): on the calling hart, logical CPU @cpu, whose kernel
 * stack starts at @stack_lo above an unmapped guard page, arm the trap
 * entry's overflow check (sscratch -> the CPU's trap area).  CPU 0's is
 * armed by head.S.  Secondary harts call it first thing.
 */
void riscv_stack_guard_init(unsigned int cpu, unsigned long stack_lo);
extern char boot_stack_guard[], boot_stack[];

#endif
