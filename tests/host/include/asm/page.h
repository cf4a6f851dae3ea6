/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host "arch": page size and the physical <-> virtual translation.
 *
 * The host harness gives the mm/ code a fake physical address space: one
 * large reservation of host virtual memory (host_phys_window) in which
 * physical address P lives at host_phys_window + P.  Only the ranges a test
 * makes present with host_mem_map() are backed; touching anything else
 * faults, as touching a hole would on real hardware.
 */
#ifndef _ASM_HOST_PAGE_H
#define _ASM_HOST_PAGE_H

#include <kernel/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define SMP_CACHE_BYTES	64

/* Physical addresses the host window can represent (256 GiB). */
#define HOST_PHYS_BITS	38
#define MAX_PHYSMEM_BITS HOST_PHYS_BITS

extern char *host_phys_window;

#define PAGE_OFFSET	((unsigned long)host_phys_window)

static inline void *__va(phys_addr_t pa)
{
	return host_phys_window + pa;
}

static inline phys_addr_t __pa(const void *va)
{
	return (phys_addr_t)((const char *)va - host_phys_window);
}

/*
 * The host program is not loaded into fake physical memory, but code that
 * maps "the kernel image" needs a physical address for it: pretend the
 * image (the stand-in section symbols of include/kernel/sections.h) was
 * loaded at host_kernel_pa.
 */
extern phys_addr_t host_kernel_pa;
phys_addr_t host_pa_symbol(const void *sym);
#define __pa_symbol(sym)	host_pa_symbol(sym)

#endif /* _ASM_HOST_PAGE_H */
