/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hooks the generic memmap and zone code (mm/mm_init.c) calls; every arch
 * implements them (the host harness too, in tests/host/host_arch.c).
 */
#ifndef _MM_ARCH_MM_H
#define _MM_ARCH_MM_H

#include <mm/mmzone.h>

/*
 * Fill @max_zone_pfn with the end pfn (exclusive) of each zone type, from
 * memblock and the arch's DMA limits:
 *   RISC-V  DMA 0 (no such zone), DMA32 min(4 GiB, end of RAM), Normal end
 *   x86-64  DMA 16 MiB, DMA32 min(4 GiB, end of RAM), Normal end of RAM
 * A 0 entry means the arch has no such zone: it is neither printed nor
 * used (a __GFP_DMA request then gets DMA32).  free_area_init() caps every
 * limit at the end of memory, so ULONG_MAX means "to the end".
 */
void arch_zone_limits(unsigned long max_zone_pfn[MAX_NR_ZONES]);

/*
 * Back the vmemmap virtual range [@start, @end) (page aligned) with zeroed
 * memory, mapped read-write.  Parts already backed are left as they are
 * (neighbouring regions may share a vmemmap page).  Backing pages come
 * from memblock; this runs before the buddy allocator exists.  Returns 0,
 * or -ENOMEM if memblock ran out.
 */
int arch_vmemmap_populate(unsigned long start, unsigned long end);

#endif /* _MM_ARCH_MM_H */
