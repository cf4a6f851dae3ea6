/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host "arch" virtual layout.  Each region is a reservation of host
 * address space made by host_arch_init():
 *
 *   host_phys_window  256 GiB  fake physical memory (see asm/page.h)
 *   host_vmemmap      8 GiB    struct page array, populated on demand
 *   host_vmalloc      64 GiB   vmalloc space
 *   kernel image      the host program itself
 */
#ifndef _ASM_HOST_MEMLAYOUT_H
#define _ASM_HOST_MEMLAYOUT_H

#include <kernel/types.h>

extern char *host_vmemmap_window;
extern char *host_vmalloc_window;

#define VMEMMAP_START	((unsigned long)host_vmemmap_window)
#define VMEMMAP_SIZE	(8UL << 30)
#define VMALLOC_START	((unsigned long)host_vmalloc_window)
#define VMALLOC_END	(VMALLOC_START + (64UL << 30))
#define KERNEL_VBASE	0UL	/* the host program is not relocated */

#endif /* _ASM_HOST_MEMLAYOUT_H */
