// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V early page tables: the first of the three phases in which Arbor
 * allocates page-table pages (as Linux's arch/riscv/mm/init.c does):
 *
 *   phase 1 (this file)  static tables in .bss, built with the MMU off
 *   phase 2 (kernel_map) final tables from memblock, through the linear map
 *   phase 3 (later)      tables from the buddy allocator (vmalloc, ioremap)
 *
 * riscv_setup_vm() runs at the physical load address with the MMU off, so
 * it may only use PC-relative addressing (no absolute pointers, no jump
 * tables: see arch.mk).  It maps:
 *
 *   VA                                   PA                    leaf
 *   KERNEL_VBASE .. +image (2M-rounded)  load address ..       2 MiB, RWX
 *   identity GiB holding the image       same                  1 GiB, RWX
 *   FIX_FDT_VA   .. +4 MiB               DTB's 2 MiB block ..  2 MiB, R
 *   FIX_IO_VA    .. +2 MiB               (filled by early_ioremap) 4 KiB
 *
 * The identity map only lets the instruction after `csrw satp` execute; the
 * final tables drop it.  Once the DT scan has found RAM, riscv_early_linear_map()
 * adds 1 GiB leaves for the linear map so memblock allocations are usable.
 */
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <asm/page.h>
#include <asm/memlayout.h>
#include <asm/csr.h>
#include <asm/tlbflush.h>
#include <asm/early_console.h>

#include "../kernel/riscv.h"

/* Sv39 bits used here (the full encoding is in asm/pgtable.h). */
#define E_V	0x001UL
#define E_R	0x002UL
#define E_W	0x004UL
#define E_X	0x008UL
#define E_G	0x020UL
#define E_A	0x040UL
#define E_D	0x080UL
#define E_LEAF_RWX	(E_V | E_R | E_W | E_X | E_G | E_A | E_D)
#define E_LEAF_RW	(E_V | E_R | E_W | E_G | E_A | E_D)
#define E_LEAF_R	(E_V | E_R | E_G | E_A)

#define VPN2(va)	(((va) >> 30) & 511)
#define VPN1(va)	(((va) >> 21) & 511)
#define VPN0(va)	(((va) >> 12) & 511)
#define E_PTE(pa, fl)	((((unsigned long)(pa)) >> 12) << 10 | (fl))

unsigned long early_pg_dir[512] __aligned(4096);
static unsigned long early_kernel_pmd[512] __aligned(4096);
unsigned long early_fixmap_pmd[512] __aligned(4096);
unsigned long early_fixmap_pte[512] __aligned(4096);

unsigned long va_pa_offset;
unsigned long kernel_va_pa_offset;

extern char _start[], _end[];

/*
 * Build the early tables.  Called from head.S with the MMU off; returns the
 * satp value that enables them.
 */
unsigned long riscv_setup_vm(unsigned long load_pa, unsigned long dtb_pa)
{
	unsigned long size = (unsigned long)_end - (unsigned long)_start;
	unsigned long pg_dir = (unsigned long)early_pg_dir;	/* PA: MMU off */
	unsigned long i;

	/* The kernel image at KERNEL_VBASE, 2 MiB leaves. */
	early_pg_dir[VPN2(KERNEL_VBASE)] =
		E_PTE((unsigned long)early_kernel_pmd, E_V);
	for (i = 0; i < (size + SZ_2M - 1) / SZ_2M; i++)
		early_kernel_pmd[VPN1(KERNEL_VBASE) + i] =
			E_PTE(load_pa + i * SZ_2M, E_LEAF_RWX);

	/* Identity map of the GiB we are executing in. */
	early_pg_dir[VPN2(load_pa)] =
		E_PTE(load_pa & ~(SZ_1G - 1), E_LEAF_RWX);

	/* Fixmap: the DTB window and the table for early MMIO slots. */
	early_pg_dir[VPN2(FIXADDR_START)] =
		E_PTE((unsigned long)early_fixmap_pmd, E_V);
	early_fixmap_pmd[VPN1(FIX_FDT_VA)] =
		E_PTE(dtb_pa & ~(SZ_2M - 1), E_LEAF_R);
	early_fixmap_pmd[VPN1(FIX_FDT_VA) + 1] =
		E_PTE((dtb_pa & ~(SZ_2M - 1)) + SZ_2M, E_LEAF_R);
	early_fixmap_pmd[VPN1(FIX_IO_VA)] =
		E_PTE((unsigned long)early_fixmap_pte, E_V);

	return SATP_MODE_SV39 | (pg_dir >> 12);
}

/* The DTB through the fixmap window (valid until the final tables). */
void *riscv_fdt_fixmap(phys_addr_t dtb_pa)
{
	return (void *)(FIX_FDT_VA + (dtb_pa & (SZ_2M - 1)));
}

/*
 * Set the linear map's origin from the lowest RAM address and map all RAM
 * below @ram_end with 1 GiB leaves in the early tables.  Returns the end of
 * the memory the linear map can reach (RAM above it must be dropped).
 */
phys_addr_t riscv_early_linear_map(phys_addr_t ram_start, phys_addr_t ram_end)
{
	phys_addr_t base = ALIGN_DOWN(ram_start, SZ_1G);
	phys_addr_t limit = base + LINEAR_MAP_SIZE;
	phys_addr_t pa;

	va_pa_offset = PAGE_OFFSET - base;
	if (ram_end > limit)
		ram_end = limit;
	for (pa = base; pa < ram_end; pa += SZ_1G)
		early_pg_dir[VPN2((unsigned long)__va(pa))] =
			E_PTE(pa, E_LEAF_RW);
	local_flush_tlb_all();
	return limit;
}

static unsigned int fix_io_used;

void *arch_early_ioremap(phys_addr_t pa, unsigned long size)
{
	unsigned long va;
	phys_addr_t off = pa & (PAGE_SIZE - 1);

	if (off + size > PAGE_SIZE || fix_io_used >= FIX_IO_SLOTS)
		return NULL;
	va = FIX_IO_VA + fix_io_used * PAGE_SIZE;
	early_fixmap_pte[VPN0(va)] = E_PTE(pa - off, E_LEAF_RW);
	fix_io_used++;
	local_flush_tlb_page(va);
	return (void *)(va + off);
}
