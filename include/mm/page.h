/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct page: one per present physical page frame, 32 bytes (Linux: 64).
 *
 * The memmap is virtually contiguous ("vmemmap", as Linux's
 * SPARSEMEM_VMEMMAP): struct page for pfn N lives at vmemmap + N, and only
 * the parts of that virtual array that describe present memory are backed
 * by pages, so holes between banks cost nothing.  pfn <-> page conversion
 * is pointer arithmetic.
 *
 *   word  0          8                 16                24              32
 *         +----------+-----------------+-----------------+---------------+
 * buddy   | flags    | lru.next        | lru.prev        | private=order |
 * pcp     | flags    | pcp_next        |                 | private=order |
 * tail    | flags    | compound_head|1 |                 |               |
 * slab    | flags+   | slab_cache      | freelist        | slab_next(32) |
 *         | counters |                 |                 | slab_prev(32) |
 *         +----------+-----------------+-----------------+---------------+
 *
 * flags: bits 0..15 PG_* below, 16..17 zone id, 18..20 node id,
 *        21..22 the migratetype it was last allocated as (the per-CPU
 *        free path puts it back on a list of that type),
 *        bits 32..63 free for the page's owner.  A slab's head page keeps
 *        its counters there (inuse, objects, list state, order) and links
 *        itself into its cache's per-node lists with two 32-bit page
 *        indexes in the last word; include/mm/slab.h draws and explains
 *        it.  mm/slab.c puts private = order back before freeing.
 */
#ifndef _MM_PAGE_H
#define _MM_PAGE_H

#include <kernel/types.h>
#include <kernel/kernel.h>
#include <kernel/list.h>
#include <asm/page.h>
#include <asm/memlayout.h>
#include <mm/memblock.h>

struct kmem_cache;

struct page {
	unsigned long flags;
	union {
		struct list_head lru;		/* buddy free list */
		struct page *pcp_next;		/* per-CPU list: next block */
		unsigned long compound_head;	/* tail page: head | 1 */
		struct {			/* slab head page (mm/slab.c) */
			struct kmem_cache *slab_cache;	/* owning cache */
			void *freelist;		/* first free object, or NULL */
		};
	};
	union {
		unsigned long private;		/* buddy: order of free block */
		struct {			/* slab: per-node list links, */
			u32 slab_next;		/* node-relative page indexes */
			u32 slab_prev;		/* (SLAB_LIST_NIL: none) */
		};
	};
};

_Static_assert(sizeof(struct page) == 32, "struct page must stay 32 bytes");

/* Page flags (bit numbers). */
enum pageflags {
	PG_reserved,	/* never handed to the buddy allocator */
	PG_buddy,	/* free, first page of a block on a buddy free list */
	PG_head,	/* first page of a compound (multi-page) allocation */
	PG_tail,	/* other pages of a compound allocation */
	PG_slab,	/* owned by the slab allocator */
	PG_pcp,		/* on a per-CPU page list */
	PG_nomap,	/* not in the linear map */
	PG_guard,	/* debug: poisoned on free */
	__NR_PAGEFLAGS,
};

#define ZONES_SHIFT	2
#define ZONES_PGSHIFT	16
#define NODES_SHIFT	3
#define NODES_PGSHIFT	(ZONES_PGSHIFT + ZONES_SHIFT)
#define PAGE_PCPMT_SHIFT	(NODES_PGSHIFT + NODES_SHIFT)
#define PAGE_PCPMT_MASK		(3UL << PAGE_PCPMT_SHIFT)

/* The type a page was allocated as, from its flags; and the flag bits for @mt. */
static inline int flags_pcpmt(unsigned long flags)
{
	return (int)((flags & PAGE_PCPMT_MASK) >> PAGE_PCPMT_SHIFT);
}

static inline unsigned long pcpmt_flags(int mt)
{
	return (unsigned long)mt << PAGE_PCPMT_SHIFT;
}

/*
 * Flag tests may look at a page another CPU owns (a buddy's neighbour, a
 * slab whose counters share the word): marked accesses.  The __Set/
 * __Clear writers are not atomic: the page's owner (or its list's lock)
 * is the only writer.
 */
#define __PAGEFLAG(name, bit)						\
static inline bool Page##name(const struct page *p)			\
{ return READ_ONCE(p->flags) & (1UL << (bit)); }			\
static inline void __SetPage##name(struct page *p)			\
{ WRITE_ONCE(p->flags, p->flags | 1UL << (bit)); }			\
static inline void __ClearPage##name(struct page *p)			\
{ WRITE_ONCE(p->flags, p->flags & ~(1UL << (bit))); }

__PAGEFLAG(Reserved, PG_reserved)
__PAGEFLAG(Buddy, PG_buddy)
__PAGEFLAG(Head, PG_head)
__PAGEFLAG(Tail, PG_tail)
__PAGEFLAG(Slab, PG_slab)
__PAGEFLAG(Pcp, PG_pcp)
__PAGEFLAG(Nomap, PG_nomap)

static inline unsigned int page_zonenum(const struct page *p)
{
	return (READ_ONCE(p->flags) >> ZONES_PGSHIFT) & ((1UL << ZONES_SHIFT) - 1);
}

static inline int page_to_nid(const struct page *p)
{
	return (READ_ONCE(p->flags) >> NODES_PGSHIFT) & ((1UL << NODES_SHIFT) - 1);
}

/* The bits of page->flags that say zone @zone of node @nid. */
static inline unsigned long page_zone_nid_flags(unsigned int zone, int nid)
{
	return (unsigned long)zone << ZONES_PGSHIFT |
	       (unsigned long)nid << NODES_PGSHIFT;
}

static inline void set_page_zone_nid(struct page *p, unsigned int zone, int nid)
{
	p->flags &= ~(((1UL << ZONES_SHIFT) - 1) << ZONES_PGSHIFT |
		      ((1UL << NODES_SHIFT) - 1) << NODES_PGSHIFT);
	p->flags |= page_zone_nid_flags(zone, nid);
}

/* The head page of a compound allocation (the page itself otherwise). */
static inline struct page *compound_head(struct page *p)
{
	if (PageTail(p))
		return (struct page *)(p->compound_head & ~1UL);
	return p;
}

/*
 * vmemmap: struct page for pfn N is vmemmap[N].  Set by memmap_init() from
 * the arch's VMEMMAP_START and the lowest pfn.
 */
extern struct page *vmemmap;

#define PHYS_PFN(pa)		((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_PHYS(pfn)		((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PFN_UP(pa)		((unsigned long)(((pa) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(pa)		((unsigned long)((pa) >> PAGE_SHIFT))

#define pfn_to_page(pfn)	(vmemmap + (pfn))
#define page_to_pfn(page)	((unsigned long)((page) - vmemmap))
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define phys_to_page(pa)	pfn_to_page(PHYS_PFN(pa))

bool __pfn_valid(unsigned long pfn);

/*
 * True if @pfn has a struct page (lies in a memblock memory region).
 * Slow-path frees, the handoff and the monitor ask, and most machines
 * have one bank: the first region is answered inline, the rest by a
 * binary search (mm/mm_init.c).  The free fast path has its own range
 * (mm/page_alloc.c, free_fast_pfn).
 */
static inline bool pfn_valid(unsigned long pfn)
{
	const struct memblock_region *r = &memblock.memory.regions[0];
	phys_addr_t off = PFN_PHYS(pfn) - r->base;

	if (pfn < PHYS_PFN(PHYS_ADDR_MAX) && off < r->size &&
	    r->size - off >= PAGE_SIZE && memblock.memory.cnt)
		return true;
	return __pfn_valid(pfn);
}

/* Linear-map address of a page (all memory outside NOMAP is mapped). */
static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PHYS_PFN(__pa(addr)));
}

#endif /* _MM_PAGE_H */
