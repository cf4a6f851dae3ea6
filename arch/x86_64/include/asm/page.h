/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64: page size and physical <-> virtual translation.
 *
 * Two kinds of kernel virtual address exist (see asm/memlayout.h):
 *  - the linear map: va = pa + PAGE_OFFSET, for all RAM.  PC RAM starts at
 *    physical 0, so va_pa_offset is PAGE_OFFSET itself (Linux's
 *    page_offset_base without KASLR) and linear addresses agree with
 *    physical ones modulo 1 GiB: 1 GiB leaves fit wherever RAM does.
 *  - the kernel image: va = pa + kernel_va_pa_offset.  PVH (QEMU -kernel)
 *    and Multiboot2 (GRUB) load the ELF at its physical addresses, so the
 *    image is always at KERNEL_LOAD_PA and the offset is a constant.
 * __pa() accepts both; __va() always returns a linear-map address.
 *
 * The constants are shared with boot/head.S, hence _UL().
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#ifdef __ASSEMBLY__
#define _UL(x)		x
#else
#define _UL(x)		x##UL
#endif

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_UL(1) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define SMP_CACHE_BYTES	64

/* 4-level paging: a 64 TiB linear map, 46-bit physical addresses (Linux). */
#define MAX_PHYSMEM_BITS 46

#define PAGE_OFFSET	_UL(0xffff888000000000)
#define KERNEL_VBASE	_UL(0xffffffff80000000)
/*
 * Where the image's first byte lands in physical memory: 2 MiB, so the
 * image starts on a 2 MiB boundary (the early tables map it with 2 MiB
 * leaves) and stays clear of the BIOS's first megabyte.
 */
#define KERNEL_LOAD_PA	_UL(0x200000)
#define KERNEL_VA_PA_OFFSET (KERNEL_VBASE - KERNEL_LOAD_PA)

#ifndef __ASSEMBLY__
#include <kernel/types.h>

extern unsigned long va_pa_offset;		/* linear map: va - pa */
extern unsigned long kernel_va_pa_offset;	/* kernel image: va - pa */

static inline void *__va(phys_addr_t pa)
{
	return (void *)(unsigned long)(pa + PAGE_OFFSET);
}

static inline phys_addr_t __pa(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= KERNEL_VBASE)
		return v - KERNEL_VA_PA_OFFSET;
	return v - PAGE_OFFSET;
}

/* Physical address of a symbol in the kernel image. */
#define __pa_symbol(sym)	((phys_addr_t)((unsigned long)(sym) - KERNEL_VA_PA_OFFSET))
#endif /* !__ASSEMBLY__ */

#endif /* _ASM_X86_PAGE_H */
