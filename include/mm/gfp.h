/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The page allocator's interface: GFP flags and alloc/free of 2^order
 * physically contiguous pages (Linux's names and meanings).
 *
 * Allocation never panics and never sleeps: when memory is short it returns
 * NULL (0 for the address forms), counts the failure, and, unless
 * __GFP_NOWARN, prints Linux's rate-limited
 *   "<comm>: page allocation failure: order:N, mode:0x...(...)" line.
 *
 * Waiting: before it fails, a request with __GFP_DIRECT_RECLAIM (every
 * GFP_KERNEL one) asks the other CPUs to give back their per-CPU pages
 * and waits for them (a cross-CPU call, include/kernel/smp.h); one
 * without (GFP_ATOMIC, GFP_NOWAIT) gives back only this CPU's.  So, as in
 * Linux, where GFP_KERNEL may sleep: a caller holding a spinlock passes
 * GFP_NOWAIT or GFP_ATOMIC.
 */
#ifndef _MM_GFP_H
#define _MM_GFP_H

#include <kernel/types.h>
#include <mm/page.h>

/* Zone modifiers. */
#define __GFP_DMA		0x01u
#define __GFP_DMA32		0x04u
#define __GFP_MOVABLE		0x08u	/* also selects MIGRATE_MOVABLE */
/* Page mobility. */
#define __GFP_RECLAIMABLE	0x10u	/* MIGRATE_RECLAIMABLE */
/* Action modifiers. */
#define __GFP_HIGH		0x20u	/* may dip below the min watermark */
#define __GFP_ZERO		0x100u	/* return zeroed pages */
#define __GFP_NOWARN		0x200u	/* no allocation-failure message */
#define __GFP_DIRECT_RECLAIM	0x400u	/* may wait for other CPUs (above) */
#define __GFP_KSWAPD_RECLAIM	0x800u	/* Linux's: no effect here */
#define __GFP_COMP		0x40000u /* compound page (head + tails) */
#define __GFP_NOFAIL_UNUSED	0	/* Arbor never blocks */

#define GFP_ATOMIC		(__GFP_HIGH)
#define GFP_KERNEL		__GFP_DIRECT_RECLAIM	/* any zone, unmovable */
#define GFP_NOWAIT		__GFP_KSWAPD_RECLAIM	/* as GFP_KERNEL, no waiting */
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_USER		(GFP_KERNEL | __GFP_MOVABLE)
#define GFP_HIGHUSER_MOVABLE	(GFP_KERNEL | __GFP_MOVABLE)

#define MAX_ORDER		10	/* largest block: 2^10 pages (4 MiB) */
#define NR_PAGE_ORDERS		(MAX_ORDER + 1)
#define pageblock_order		9	/* 2 MiB: mobility is tracked per block */
#define pageblock_nr_pages	(1UL << pageblock_order)

/*
 * Allocate 2^@order contiguous pages; returns the first struct page or NULL.
 * With __GFP_COMP the block is a compound page: the head records the order
 * and the tails point to it, so compound_head() works from any page.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

/* Free 2^@order pages starting at @page (the order it was allocated with). */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages((page), 0)

/* Address forms: linear-map addresses, 0 on failure. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)

/* Order of the head page of a compound allocation (0 otherwise). */
unsigned int compound_order(struct page *page);

/* Smallest order whose block holds @size bytes. */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* Totals across all zones, in pages. */
unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);

#endif /* _MM_GFP_H */
