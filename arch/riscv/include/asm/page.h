/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V: page size and physical <-> virtual translation.
 *
 * Two kinds of kernel virtual address exist (see asm/memlayout.h):
 *  - the linear map: va = pa + va_pa_offset, for all RAM.  PAGE_OFFSET is
 *    fixed; it maps the 1 GiB-aligned base of the lowest RAM bank, so
 *    linear addresses and physical addresses agree modulo 1 GiB and the
 *    linear map can use 1 GiB leaves.
 *  - the kernel image: va = pa + kernel_va_pa_offset, wherever the loader
 *    put the image (any 2 MiB-aligned address).
 * __pa() accepts both; __va() always returns a linear-map address.
 */
#ifndef _ASM_RISCV_PAGE_H
#define _ASM_RISCV_PAGE_H

#include <kernel/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define SMP_CACHE_BYTES	64

/* Sv39's linear map is 124 GiB; physical addresses are at most 56 bits. */
#define MAX_PHYSMEM_BITS 56

#define PAGE_OFFSET	0xffffffd800000000UL
#define KERNEL_VBASE	0xffffffff80000000UL

extern unsigned long va_pa_offset;		/* linear map: va - pa */
extern unsigned long kernel_va_pa_offset;	/* kernel image: va - pa */

static inline void *__va(phys_addr_t pa)
{
	return (void *)(unsigned long)(pa + va_pa_offset);
}

static inline phys_addr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= KERNEL_VBASE)
		return v - kernel_va_pa_offset;
	return v - va_pa_offset;
}

/* Physical address of a symbol in the kernel image. */
#define __pa_symbol(sym)	((phys_addr_t)((unsigned long)(sym) - kernel_va_pa_offset))

#endif /* _ASM_RISCV_PAGE_H */
