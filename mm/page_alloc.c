// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * page_alloc.c: the buddy allocator, Linux's design in small.
 *
 * What it owns
 *   The free lists of every zone (mmzone.h draws them), the per-CPU lists,
 *   the pageblock migratetypes, watermarks, and the GFP front end:
 *   alloc_pages(gfp, order) returns 2^order physically contiguous pages,
 *   __free_pages() takes them back.
 *
 *   Free: a block of 2^order pages at pfn P has one buddy, at P ^ 2^order.
 *   If the buddy is free with the same order, the two merge into one block
 *   of order + 1 at P & buddy, and so on up to MAX_ORDER (FreeBSD's
 *   vm_phys_free_pages() loop):
 *
 *     order 0:  [P=5]  buddy 4 free  -> merge, block 4..5
 *     order 1:  [4..5] buddy 6..7 free -> merge, block 4..7
 *     order 2:  [4..7] buddy 0..3 busy -> stop: one order-2 block at 4
 *
 *   Allocate: take the first block of the smallest order >= the request
 *   from the free list of the request's migratetype, and put the halves
 *   not needed back on the lists one order down each ("expand").
 *
 * Mobility grouping
 *   Every pageblock (2^pageblock_order = 512 pages) has a migratetype, kept
 *   in a per-zone bitmap allocated from memblock at boot (page flags have
 *   no room: their high bits belong to the page's owner, see page.h):
 *
 *     zone->pageblock_flags   4 bits per pageblock, from the pageblock
 *                             holding zone_start_pfn
 *     word 0: | blk15 | ... | blk2 | blk1 | blk0 |   bits 0-2 = type
 *
 *   A freed block goes to the list of its pageblock's type.  When the
 *   requested type has nothing, __rmqueue_fallback() steals from another
 *   type in Linux's order (UNMOVABLE -> RECLAIMABLE, MOVABLE; RECLAIMABLE
 *   -> UNMOVABLE, MOVABLE; MOVABLE -> RECLAIMABLE, UNMOVABLE), taking the
 *   largest block first.  Linux's steal_suitable_fallback(), simplified:
 *   a block of pageblock size or more changes type outright; a smaller one
 *   (when the request may steal: any UNMOVABLE/RECLAIMABLE request, or
 *   order >= pageblock_order / 2) takes every free page of its pageblock
 *   to the new type's lists, and claims the pageblock when those free pages
 *   are at least half of it.  Linux also counts in-use pages of a
 *   compatible type; Arbor does not track the type of allocated pages.
 *   Anything else moves just the one block.  There is no HIGHATOMIC
 *   reserve, no CMA, no isolation.
 *
 * Per-CPU lists (PCP)
 *   Orders 0..PCP_MAX_ORDER (3) are freed to and allocated from lists of
 *   the local CPU, one per order and type.  An empty list is refilled with
 *   `batch` pages (max(batch >> order, 2) blocks for order > 0) in one zone
 *   lock hold; when a CPU's count reaches `high`, blocks go back until
 *   count <= high - batch.  batch is Linux's zone_batchsize() (about a
 *   quarter of managed/1024 pages, at most 256 KiB worth, then rounded to
 *   2^n - 1: 63 for a zone of 1 GiB or more); high = 6 * batch (Linux
 *   before 5.14).  high == 0 makes the lists pass-through.  PCP pages are
 *   free: nr_free_pages() and the reports count them.  Like Linux,
 *   watermarks look only at the buddy lists (zone->free_pages).
 *
 *   Only its own CPU touches a CPU's lists, with local interrupts off:
 *   no lock, no atomic instruction (Linux before 5.19: local_irq_save()
 *   and per-CPU data).  Another CPU that wants them emptied asks with a
 *   cross-CPU call and waits (drain_all_pages()); high and batch are
 *   written by others (zone_pcp_disable()) and read once per use.
 *
 *   Each list is a stack linked through page->pcp_next (Linux: a doubly
 *   linked list): a push or pop is three memory operations, and a drain
 *   gives back the newest blocks rather than Linux's oldest.  A block
 *   on a list has only its ids, its type and PG_pcp in its flags; the
 *   type it was allocated as stays in the flags (PAGE_PCPMT), and the
 *   free fast path puts it back on a list of that type without reading
 *   the pageblock bits (Linux reads them on every free).  The drain to
 *   the buddy lists reads them: blocks go to their pageblock's free lists.
 *
 *   Fast paths (orders 0..PCP_MAX_ORDER):
 *     alloc_pages()       a request without a zone modifier pops this
 *                         CPU's list of alloc_fast_zone, the first zone
 *                         the zonelist walk would try; no watermark check,
 *                         since PCP pages are outside them
 *     __free_pages()      an aligned page of the largest memory region with
 *                         none of the flags of PAGE_FLAGS_CHECK_AT_FREE:
 *                         push
 *   An empty list, a zone modifier, a higher order, failure injection or
 *   debug_pagealloc take the slow paths, which refill, walk the zonelist
 *   with watermarks, and check everything.
 *
 * Watermarks (Linux's __setup_per_zone_wmarks, watermark_scale_factor 10)
 *   min_free_kbytes = clamp(sqrt(16 * managed KiB), 128, 262144), split
 *   between zones by managed pages: min = pages_min * managed / total;
 *   gap = max(min / 4, managed * 10 / 10000); low = min + gap;
 *   high = low + gap.  Lowmem reserves (Linux's lowmem_reserve_ratio 256,
 *   256, 32) keep low zones from being eaten by requests that could use a
 *   higher one.  An allocation first tries every zone at the low mark,
 *   then at min; one that would leave a zone below min (plus reserve)
 *   fails there unless __GFP_HIGH, which may use half of min (ALLOC_HIGH).
 *   Arbor has no reclaim, so low and high only steer fallback and
 *   MemAvailable.  Before a failure is reported the PCP lists are drained
 *   and the allocation retried once: every CPU's when the request may
 *   wait (__GFP_DIRECT_RECLAIM, include/mm/gfp.h), else this CPU's.
 *
 * Lock order
 *   local interrupts off (arch_local_irq_save)
 *     this CPU's lists (no lock: only this CPU touches them)
 *       zone->lock  free_area lists, zone->free_pages, pageblock bits
 *         printk's lock
 *   Nobody holds two zone locks.  slab -> zone: slab refills call
 *   alloc_pages().  A request that may wait for other CPUs' drains must
 *   not hold a spinlock (they may be spinning on it with interrupts off).
 */
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <mm/pgtable.h>
#include <mm/slab.h>
#include <mm/page.h>
#include <mm/mm_checks.h>
#include <mm/fail_inject.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/spinlock.h>
#include <kernel/smp.h>
#include <kernel/cmdline.h>

#define BITS_PER_LONG		(8 * sizeof(unsigned long))
#define K(pages)		((pages) << (PAGE_SHIFT - 10))

unsigned long min_free_kbytes;
unsigned long totalreserve_pages;

static unsigned long page_alloc_failures;
/*
 * The zone alloc_pages() takes a plain request (no zone modifier, any
 * node) from first: the first zone with memory in the first online
 * node's zonelist, as the zonelist walk would pick.  NULL (no fast path)
 * until setup_per_zone_wmarks() has run on a machine with memory.
 */
static struct zone *alloc_fast_zone;
/*
 * The whole pages of the largest memory region (x86-64's first is the
 * 640 KiB below the ROMs), [free_fast_pfn, free_fast_pfn +
 * free_fast_pages): __free_pages() knows these have
 * struct pages with one compare.  Other pages, and every page under
 * debug_pagealloc=on (free_fast_pages 0), take the slow path.
 * free_fast_zone: the zone all of them are in, if it is one (else the
 * flags say).
 */
static unsigned long free_fast_pfn, free_fast_pages;	/* 0: off */
static struct zone *free_fast_zone;
/* Failure injection on: alloc_fast_zone stays NULL (page_alloc_fast_enable()). */
static bool alloc_fast_disabled;
static void set_fast_paths(void);
static unsigned long bad_page_reports;
/* Failures that were eligible for a warning (alloc_warn_ratelimit()). */
static unsigned long alloc_warn_calls;

/* Linux's sysctl_lowmem_reserve_ratio defaults. */
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA]	= 256,
	[ZONE_DMA32]	= 256,
	[ZONE_NORMAL]	= 32,
};

/*
 * debug_pagealloc=on: on every free, also look for a free block that
 * covers the page (a double free of part of an earlier, merged free).
 * Off by default, as Linux's CONFIG_DEBUG_VM checks are: the look reads
 * up to ten struct pages that other CPUs write (see pfn_in_free_block()).
 * Linux's parameter of that name unmaps freed pages instead; here it
 * makes the allocator check harder in the same spirit.  The checks that
 * cost nothing (PG_buddy, PG_pcp, PG_reserved, alignment, compound
 * state) always run.
 */
bool _debug_pagealloc_enabled;

static int early_debug_pagealloc(char *arg)
{
	if (!arg || !strcmp(arg, "on") || !strcmp(arg, "1"))
		_debug_pagealloc_enabled = true;
	else if (!strcmp(arg, "off") || !strcmp(arg, "0"))
		_debug_pagealloc_enabled = false;
	else
		return -1;
	return 0;
}
early_param("debug_pagealloc", early_debug_pagealloc);

/**
 * page_alloc_fast_enable - let alloc_pages() pop per-CPU lists without
 * the checks of alloc_pages_node() (@on), or send every request there:
 * mm/fail_inject.c turns it off while injection is on.
 */
void page_alloc_fast_enable(bool on)
{
	WRITE_ONCE(alloc_fast_disabled, !on);
	set_fast_paths();
}

/**
 * set_debug_pagealloc - turn debug_pagealloc on or off at run time (tests):
 * the free fast path, which skips the deep checks, is off while it is on.
 */
void set_debug_pagealloc(bool on)
{
	_debug_pagealloc_enabled = on;
	set_fast_paths();
}

static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE]	= { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/**
 * page_alloc_reset - forget every counter (free_area_init() starts over).
 */
void page_alloc_reset(void)
{
	WRITE_ONCE(alloc_fast_zone, NULL);
	WRITE_ONCE(free_fast_pages, 0);
	WRITE_ONCE(free_fast_zone, NULL);
	min_free_kbytes = 0;
	totalreserve_pages = 0;
	page_alloc_failures = 0;
	bad_page_reports = 0;
	alloc_warn_calls = 0;	/* a new machine warns afresh */
}

/* ---- pageblock migratetypes ---- */

static unsigned long *pageblock_word(const struct zone *zone, unsigned long pfn,
				     unsigned int *shift)
{
	unsigned long first = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned long bit = ((pfn - first) >> pageblock_order) * NR_PAGEBLOCK_BITS;

	*shift = bit % BITS_PER_LONG;
	return &zone->pageblock_flags[bit / BITS_PER_LONG];
}

static inline int get_pfnblock_migratetype(const struct zone *zone, unsigned long pfn)
{
	unsigned int shift;
	unsigned long word = READ_ONCE(*pageblock_word(zone, pfn, &shift));

	return (word >> shift) & PB_MIGRATETYPE_MASK;
}

/**
 * get_pageblock_migratetype - migratetype of the pageblock holding @page.
 */
int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page_zone(page), page_to_pfn(page));
}

/**
 * set_pageblock_migratetype - set the type of @page's pageblock.  Caller
 * holds the zone lock (or is single-threaded boot code).
 */
void set_pageblock_migratetype(struct page *page, int migratetype)
{
	unsigned int shift;
	unsigned long *w = pageblock_word(page_zone(page), page_to_pfn(page), &shift);
	unsigned long mask = ((1UL << NR_PAGEBLOCK_BITS) - 1) << shift;

	WRITE_ONCE(*w, (*w & ~mask) | ((unsigned long)migratetype << shift));
}

/* ---- free list primitives (zone->lock held) ---- */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int mt)
{
	list_add(&page->lru, &zone->free_area[order].free_list[mt]);
	zone->free_area[order].nr_free++;
	zone->free_pages += 1UL << order;
}

static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int mt)
{
	list_move(&page->lru, &zone->free_area[order].free_list[mt]);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
	zone->free_pages -= 1UL << order;
}

/* Is the block of @order at @pfn a free buddy block of @zone? */
static bool pfn_is_free_buddy(struct zone *zone, unsigned long pfn,
			      unsigned int order)
{
	struct page *page;

	if (!zone_spans_pfn(zone, pfn) || !pfn_valid(pfn))
		return false;
	page = pfn_to_page(pfn);
	return PageBuddy(page) && page->private == order && page_zone(page) == zone;
}

/*
 * Put the 2^@order block at @pfn on the free lists, merging it with its
 * buddy as long as the buddy is free (see the picture at the top).
 */
static void __free_one_page(unsigned long pfn, struct zone *zone,
			    unsigned int order, int mt)
{
	struct page *page;

	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (!pfn_is_free_buddy(zone, buddy_pfn, order))
			break;
		del_page_from_free_list(pfn_to_page(buddy_pfn), zone, order);
		pfn &= buddy_pfn;
		order++;
	}
	page = pfn_to_page(pfn);
	set_buddy_order(page, order);
	add_to_free_list(page, zone, order, mt);
}

static void free_one_page(struct zone *zone, unsigned long pfn,
			  unsigned int order, int mt)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(pfn, zone, order, mt);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* Split a 2^@high block down to 2^@low, returning the upper halves. */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high, int mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		set_buddy_order(&page[size], high);
		add_to_free_list(&page[size], zone, high, mt);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int mt)
{
	unsigned int o;

	for (o = order; o <= MAX_ORDER; o++) {
		struct list_head *list = &zone->free_area[o].free_list[mt];
		struct page *page;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o, mt);
		return page;
	}
	return NULL;
}

/* ---- migratetype fallback ---- */

/* Linux's can_steal_fallback(): may a @start_mt request take whole blocks? */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int start_mt, bool *can_steal)
{
	int i;

	if (!area->nr_free)
		return -1;
	for (i = 0; i < MIGRATE_TYPES - 1; i++) {
		int mt = fallbacks[start_mt][i];

		if (list_empty(&area->free_list[mt]))
			continue;
		*can_steal = can_steal_fallback(order, start_mt);
		return mt;
	}
	return -1;
}

/* Is every page of [start, end) memory (one region)? */
static bool pfn_range_valid(unsigned long start, unsigned long end)
{
	return memblock_is_region_memory(PFN_PHYS(start), PFN_PHYS(end - start));
}

/*
 * Move every free block inside @page's pageblock to @mt's lists; returns
 * the number of pages moved, 0 if the pageblock pokes out of the zone.
 */
static unsigned long move_freepages_block(struct zone *zone, struct page *page,
					  int mt)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = start + pageblock_nr_pages;
	unsigned long pfn, moved = 0;
	bool all_valid;

	if (start < zone->zone_start_pfn || end > zone_end_pfn(zone))
		return 0;
	all_valid = pfn_range_valid(start, end);
	for (pfn = start; pfn < end;) {
		struct page *p;
		unsigned int order;

		if (!all_valid && !pfn_valid(pfn)) {
			pfn++;
			continue;
		}
		p = pfn_to_page(pfn);
		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		order = p->private;
		move_to_free_list(p, zone, order, mt);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int order, int start_mt,
				    bool whole_block)
{
	unsigned long i, freed;

	if (order >= pageblock_order) {
		for (i = 0; i < (1UL << order); i += pageblock_nr_pages)
			set_pageblock_migratetype(page + i, start_mt);
		move_to_free_list(page, zone, order, start_mt);
		return;
	}
	if (whole_block) {
		freed = move_freepages_block(zone, page, start_mt);
		if (freed) {
			if (freed >= pageblock_nr_pages / 2)
				set_pageblock_migratetype(page, start_mt);
			return;
		}
	}
	move_to_free_list(page, zone, order, start_mt);
}

/*
 * Find the largest block of a fallback type and move it (maybe with its
 * pageblock) to @start_mt's lists; false if no other type has a block of
 * at least @order.  A MOVABLE request that may not steal whole blocks
 * takes the smallest suitable block instead, as in Linux.
 */
static bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_mt)
{
	bool can_steal = false;
	int o, mt = -1;

	for (o = MAX_ORDER; o >= (int)order; o--) {
		mt = find_suitable_fallback(&zone->free_area[o], o, start_mt, &can_steal);
		if (mt < 0)
			continue;
		if (!can_steal && start_mt == MIGRATE_MOVABLE && o > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (o = order; o <= MAX_ORDER; o++) {
		mt = find_suitable_fallback(&zone->free_area[o], o, start_mt, &can_steal);
		if (mt >= 0)
			break;
	}
	if (mt < 0)
		return false;	/* cannot happen: the first loop found one */
do_steal:
	steal_suitable_fallback(zone,
				list_first_entry(&zone->free_area[o].free_list[mt],
						 struct page, lru),
				o, start_mt, can_steal);
	return true;
}

/* Take a 2^@order block of type @mt (or stolen for it) off the lists. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int mt)
{
	struct page *page;

	for (;;) {
		page = __rmqueue_smallest(zone, order, mt);
		if (page || !__rmqueue_fallback(zone, order, mt))
			return page;
	}
}

static struct page *rmqueue_buddy(struct zone *zone, unsigned int order, int mt)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order, mt);
	spin_unlock_irqrestore(&zone->lock, flags);
	if (page)	/* as pcp_pop() does, for the free fast path */
		WRITE_ONCE(page->flags, (page->flags & ~PAGE_PCPMT_MASK) | pcpmt_flags(mt));
	return page;
}

/* ---- per-CPU lists ---- */

/* What a block keeps of its flags on a per-CPU list: ids and its type. */
#define PAGE_PCP_KEEP_FLAGS						\
	(((1UL << (ZONES_SHIFT + NODES_SHIFT)) - 1) << ZONES_PGSHIFT |	\
	 PAGE_PCPMT_MASK)

/*
 * Move up to @count blocks of @order from the buddy to @list, which is
 * empty, in the order __rmqueue() gives them (lowest address first).
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct page **list, int mt)
{
	struct page **tail = list;
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, mt);

		if (!page)
			break;
		page->private = order;
		WRITE_ONCE(page->flags, zone->page_flags | 1UL << PG_pcp | pcpmt_flags(mt));
		*tail = page;
		tail = &page->pcp_next;
	}
	*tail = NULL;
	spin_unlock(&zone->lock);
	return i;
}

/*
 * Return at least @count pages (whole blocks) from @pcp to the buddy, one
 * block from each non-empty list in turn, newest first (the lists are
 * stacks: one pointer per link keeps the fast paths to three memory
 * operations; Linux's doubly linked lists give back the oldest).  Each
 * goes to the free list of its pageblock's type as it is now.  @pcp is
 * this CPU's, or one no CPU runs on; interrupts off.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	spin_lock(&zone->lock);
	while (count > 0 && pcp->count > 0) {
		struct page *page;
		unsigned long pfn;
		unsigned int order;
		int idx;

		do {
			idx = pcp->drain_next;
			pcp->drain_next = (idx + 1) % NR_PCP_LISTS;
		} while (!pcp->lists[idx]);
		order = pcp_index_order(idx);
		page = pcp->lists[idx];
		pcp->lists[idx] = page->pcp_next;
		INIT_LIST_HEAD(&page->lru);
		__ClearPagePcp(page);
		page->private = 0;
		pcp->count -= 1 << order;
		count -= 1 << order;
		pfn = page_to_pfn(page);
		__free_one_page(pfn, zone, order, get_pfnblock_migratetype(zone, pfn));
	}
	spin_unlock(&zone->lock);
}

/*
 * Take the first block off @list, this CPU's pcp list of @zone, @order
 * and type @mt (interrupts off).  A block on a per-CPU list has no flag
 * but PG_pcp beside its ids and type (pcp_push() and rmqueue_bulk() make
 * it so; buddy_check() proves it), so its new flags
 * are written, not read and changed: the zone's ids and @mt, which the
 * free fast path uses to put the block back on a list of that type
 * without reading the pageblock bits.  The new owner gets the lru words
 * to use as it likes.
 */
static __always_inline struct page *pcp_pop(struct zone *zone,
					    struct per_cpu_pages *pcp,
					    struct page **list,
					    unsigned int order, int mt)
{
	struct page *page = *list;

	*list = page->pcp_next;
	WRITE_ONCE(page->flags, zone->page_flags | pcpmt_flags(mt));
	page->private = 0;
	pcp->count -= 1 << order;
	return page;
}

/*
 * The allocation fast path: a block from this CPU's list of @zone, or
 * NULL if that list is empty (or the lists are off): the slow path then
 * refills.  Taking a per-CPU page changes no watermark (they count only
 * the buddy lists), so this runs before the zonelist walk, as long as
 * @zone is the one that walk would try first.
 */
static __always_inline struct page *pcp_alloc_fast(struct zone *zone,
						   unsigned int order, int mt)
{
	struct per_cpu_pages *pcp;
	struct page **list;
	struct page *page = NULL;
	unsigned long flags;

	flags = arch_local_irq_save();
	pcp = &zone->pcp[arch_cpu_id()];
	list = &pcp->lists[pcp_index(order, mt)];
	if (likely(*list))
		page = pcp_pop(zone, pcp, list, order, mt);
	arch_local_irq_restore(flags);
	return page;
}

static struct page *rmqueue_pcplist(struct zone *zone, unsigned int order, int mt)
{
	struct per_cpu_pages *pcp;
	struct page **list;
	struct page *page = NULL;
	unsigned long flags;

	flags = arch_local_irq_save();
	pcp = &zone->pcp[arch_cpu_id()];
	if (!READ_ONCE(pcp->high)) {
		arch_local_irq_restore(flags);
		return rmqueue_buddy(zone, order, mt);
	}
	list = &pcp->lists[pcp_index(order, mt)];
	if (!*list) {
		int batch = READ_ONCE(pcp->batch);

		if (order)
			batch = max(batch >> order, 2);
		pcp->count += rmqueue_bulk(zone, order, batch, list, mt) << order;
	}
	if (*list)
		page = pcp_pop(zone, pcp, list, order, mt);
	arch_local_irq_restore(flags);
	return page;
}

/* Trim this CPU's lists back to high - batch (interrupts off). */
static noinline void pcp_trim(struct zone *zone, struct per_cpu_pages *pcp,
			      int high)
{
	free_pcppages_bulk(zone, pcp->count - (high - READ_ONCE(pcp->batch)), pcp);
}

/*
 * Put a block on @pcp, this CPU's, of its order and type (interrupts
 * off); @flags is page->flags as the caller read it, @high pcp->high.
 * True if the lists have reached @high and must be trimmed.
 */
static __always_inline bool pcp_push(struct per_cpu_pages *pcp, struct page *page,
				     unsigned long flags, unsigned int order,
				     int mt, int high)
{
	struct page **list = &pcp->lists[pcp_index(order, mt)];

	page->pcp_next = *list;
	*list = page;
	page->private = order;
	/* The owner's bits (32..63) mean nothing any more. */
	WRITE_ONCE(page->flags, (flags & PAGE_PCP_KEEP_FLAGS) | 1UL << PG_pcp);
	pcp->count += 1 << order;
	return unlikely(pcp->count >= high);
}

/*
 * The free fast path: onto this CPU's list of the type @page was
 * allocated as, unless the lists are off (false: the caller takes
 * free_unref_page()).  @flags is page->flags.
 */
static __always_inline bool pcp_free_fast(struct zone *zone, struct page *page,
					  unsigned long flags, unsigned int order)
{
	struct per_cpu_pages *pcp;
	unsigned long irqflags;
	int high, mt = flags_pcpmt(flags);

	irqflags = arch_local_irq_save();
	pcp = &zone->pcp[arch_cpu_id()];
	high = READ_ONCE(pcp->high);
	if (unlikely(!high)) {
		arch_local_irq_restore(irqflags);
		return false;
	}
	if (pcp_push(pcp, page, flags, order, mt, high))
		pcp_trim(zone, pcp, high);
	arch_local_irq_restore(irqflags);
	return true;
}

static void free_unref_page(struct zone *zone, struct page *page,
			    unsigned int order, int mt)
{
	struct per_cpu_pages *pcp;
	unsigned long flags;
	int high;

	flags = arch_local_irq_save();
	pcp = &zone->pcp[arch_cpu_id()];
	high = READ_ONCE(pcp->high);
	if (!high) {
		arch_local_irq_restore(flags);
		free_one_page(zone, page_to_pfn(page), order, mt);
		return;
	}
	if (pcp_push(pcp, page, page->flags, order, mt, high))
		pcp_trim(zone, pcp, high);
	arch_local_irq_restore(flags);
}

/* Empty @cpu's lists of @zone: @cpu is this CPU, or one that is not online. */
static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	unsigned long flags;

	flags = arch_local_irq_save();
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	arch_local_irq_restore(flags);
}

/* Empty @cpu's lists of @zone, or of every zone (NULL). */
static void drain_pages(unsigned int cpu, struct zone *zone)
{
	struct zone *z;

	if (zone) {
		drain_pages_zone(cpu, zone);
		return;
	}
	for_each_populated_zone(z)
		drain_pages_zone(cpu, z);
}

/**
 * drain_local_pages - return this CPU's per-CPU pages of @zone (NULL:
 * every zone) to the buddy lists.
 */
void drain_local_pages(struct zone *zone)
{
	drain_pages(arch_cpu_id(), zone);
}

/* Cross-CPU call: this CPU's lists of one zone (@info) or of all (NULL). */
static void drain_local_pages_call(void *info)
{
	drain_local_pages(info);
}

/**
 * drain_all_pages - return every CPU's per-CPU pages of @zone (NULL: every
 * zone) to the buddy lists, and wait until they are back.
 *
 * Only a CPU touches its own lists, so the online CPUs empty theirs in a
 * cross-CPU call (on_each_cpu()); the lists of CPUs that are not online
 * (nothing runs there: the host harness plays them from one thread) are
 * emptied here.  Waits for the others: no spinlock may be held (smp.h).
 */
void drain_all_pages(struct zone *zone)
{
	unsigned int cpu;

	on_each_cpu(drain_local_pages_call, zone, true);
	for_each_other_offline_cpu(cpu)
		drain_pages(cpu, zone);
}

/* high and batch of every CPU's lists: their owners read them once per use. */
static void zone_set_pageset(struct zone *zone, int high, int batch)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		WRITE_ONCE(zone->pcp[cpu].high, high);
		WRITE_ONCE(zone->pcp[cpu].batch, batch);
	}
}

/**
 * zone_pcp_disable - make @zone's per-CPU lists pass-through and empty.
 */
void zone_pcp_disable(struct zone *zone)
{
	zone_set_pageset(zone, 0, 1);
	drain_all_pages(zone);
}

/**
 * zone_pcp_enable - give @zone's per-CPU lists their boot sizes back.
 */
void zone_pcp_enable(struct zone *zone)
{
	zone_set_pageset(zone, zone->pageset_high, zone->pageset_batch);
}

/**
 * zone_pcp_pages - pages on @zone's per-CPU lists, every CPU (a racy sum,
 * exact when nothing runs concurrently).
 */
__data_racy unsigned long zone_pcp_pages(const struct zone *zone)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += READ_ONCE(zone->pcp[cpu].count);
	return n;
}

/**
 * zone_free_pages - free pages of @zone: buddy lists plus per-CPU lists.
 */
__data_racy unsigned long zone_free_pages(const struct zone *zone)
{
	return READ_ONCE(zone->free_pages) + zone_pcp_pages(zone);
}

/* ---- watermarks ---- */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

/* Linux's zone_batchsize(): ~managed/4096 pages, at most 64, as 2^n - 1. */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = min(zone->managed_pages >> 10, SZ_1M / PAGE_SIZE);

	unsigned long pow2 = 1;

	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* rounddown_pow_of_two() by hand: clz is a libgcc call on rv64imac. */
	while (pow2 * 2 <= batch + batch / 2)
		pow2 *= 2;
	return max_t(int, (int)(pow2 - 1), 1);
}

static void setup_per_zone_lowmem_reserve(void)
{
	int nid, i, j;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			bool clear = !lowmem_reserve_ratio[i] || !managed_zone(zone);
			unsigned long upper = 0;

			zone->lowmem_reserve[i] = 0;
			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				upper += pgdat->node_zones[j].managed_pages;
				zone->lowmem_reserve[j] = clear ? 0 :
					(long)(upper / lowmem_reserve_ratio[i]);
			}
		}
	}
}

static void calculate_totalreserve_pages(void)
{
	struct zone *zone;
	unsigned long total = 0;

	for_each_zone(zone) {
		long max = 0;
		int j;

		for (j = zone_idx(zone); j < MAX_NR_ZONES; j++)
			max = max(max, zone->lowmem_reserve[j]);
		max += high_wmark_pages(zone);
		total += min((unsigned long)max, zone->managed_pages);
	}
	totalreserve_pages = total;
}

/**
 * setup_per_zone_wmarks - watermarks, lowmem reserves, totalreserve_pages
 * and per-CPU list sizes from managed pages (see the top of this file).
 * @recompute_min: derive min_free_kbytes from managed memory first.
 */
void setup_per_zone_wmarks(bool recompute_min)
{
	unsigned long lowmem_pages = 0, pages_min;
	struct zone *zone;

	for_each_zone(zone)
		lowmem_pages += zone->managed_pages;
	if (recompute_min) {
		unsigned long kb = K(lowmem_pages);

		min_free_kbytes = clamp(int_sqrt(kb * 16), 128UL, 262144UL);
	}
	pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);

	for_each_zone(zone) {
		unsigned long flags, min = 0, gap;

		if (lowmem_pages)
			min = (unsigned long)((u64)pages_min * zone->managed_pages /
					      lowmem_pages);
		gap = max(min >> 2, zone->managed_pages * 10 / 10000);
		spin_lock_irqsave(&zone->lock, flags);
		zone->_watermark[WMARK_MIN] = min;
		zone->_watermark[WMARK_LOW] = min + gap;
		zone->_watermark[WMARK_HIGH] = min + 2 * gap;
		spin_unlock_irqrestore(&zone->lock, flags);

		zone->pageset_batch = zone_batchsize(zone);
		zone->pageset_high = managed_zone(zone) ? 6 * zone->pageset_batch : 0;
		zone_pcp_enable(zone);
	}
	setup_per_zone_lowmem_reserve();
	calculate_totalreserve_pages();
	set_fast_paths();
}

/**
 * zone_watermark_ok - may 2^@order pages come from @z (see mmzone.h)?
 * Linux's __zone_watermark_ok() without HIGHATOMIC/CMA: after the
 * allocation at least @mark (halved for ALLOC_HIGH) plus the reserve
 * against @highest_zoneidx requests must stay free, and for order > 0 a
 * free block of at least @order must exist.  Reads the counters without
 * the zone lock, as Linux does: a stale answer only moves the allocation
 * to another zone or to the slow path (__data_racy: not a bug for TSan).
 */
__data_racy bool zone_watermark_ok(struct zone *z, unsigned int order,
				   unsigned long mark, int highest_zoneidx,
				   unsigned int alloc_flags)
{
	long min = (long)mark;
	long free = (long)READ_ONCE(z->free_pages) - ((1L << order) - 1);
	unsigned int o;
	int mt;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (free <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (o = order; o <= MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!READ_ONCE(area->nr_free))
			continue;
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
	}
	return false;
}

/* ---- GFP front end ---- */

struct alloc_context {
	struct zone **zonelist;
	int highest_zoneidx;
	int migratetype;
};

static int gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return zone_type_configured[ZONE_DMA] ? ZONE_DMA : ZONE_DMA32;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

static int gfp_migratetype(gfp_t gfp)
{
	if (gfp & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	if (gfp & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}

static void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long i;

	__SetPageHead(page);
	page->private = order;
	for (i = 1; i < (1UL << order); i++) {
		__SetPageTail(page + i);
		page[i].compound_head = (unsigned long)page | 1;
	}
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	page->private = 0;
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	if ((gfp & __GFP_COMP) && order)
		prep_compound_page(page, order);
}

/* prep_new_page() returning @page: a tail call keeps the fast path frameless. */
static noinline struct page *prep_new_page_ret(struct page *page,
					       unsigned int order, gfp_t gfp)
{
	prep_new_page(page, order, gfp);
	return page;
}

static struct page *rmqueue(struct zone *zone, unsigned int order, int mt)
{
	if (order <= PCP_MAX_ORDER)
		return rmqueue_pcplist(zone, order, mt);
	return rmqueue_buddy(zone, order, mt);
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	struct zone **zp;

	for (zp = ac->zonelist; *zp; zp++) {
		struct zone *zone = *zp;
		unsigned long mark;
		struct page *page;

		if (zone_idx(zone) > ac->highest_zoneidx || !managed_zone(zone))
			continue;
		mark = zone->_watermark[alloc_flags & ALLOC_WMARK_MASK];
		if (!zone_watermark_ok(zone, order, mark, ac->highest_zoneidx,
				       alloc_flags))
			continue;
		page = rmqueue(zone, order, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
	}
	return NULL;
}

/* The zone get_page_from_freelist() tries first, or NULL. */
static inline struct zone *first_zone(struct zone **zonelist, int highest_zoneidx)
{
	struct zone **zp;

	for (zp = zonelist; *zp; zp++)
		if (zone_idx(*zp) <= highest_zoneidx && managed_zone(*zp))
			return *zp;
	return NULL;
}

static const struct {
	gfp_t mask;
	const char *name;
} gfp_names[] = {
	{ GFP_HIGHUSER_MOVABLE,	"GFP_HIGHUSER_MOVABLE" },
	{ GFP_KERNEL,		"GFP_KERNEL" },
	{ GFP_ATOMIC,		"GFP_ATOMIC" },
	{ GFP_NOWAIT,		"GFP_NOWAIT" },
	{ GFP_DMA,		"GFP_DMA" },
	{ GFP_DMA32,		"GFP_DMA32" },
	{ __GFP_MOVABLE,	"__GFP_MOVABLE" },
	{ __GFP_RECLAIMABLE,	"__GFP_RECLAIMABLE" },
	{ __GFP_ZERO,		"__GFP_ZERO" },
	{ __GFP_NOWARN,		"__GFP_NOWARN" },
	{ __GFP_COMP,		"__GFP_COMP" },
};

/**
 * format_gfp_flags - @gfp as "GFP_KERNEL|__GFP_ZERO" into @buf (see
 * mmzone.h).  Returns @buf.
 */
char *format_gfp_flags(gfp_t gfp, char *buf, size_t size)
{
	size_t len = 0, i;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(gfp_names); i++) {
		gfp_t m = gfp_names[i].mask;

		if ((gfp & m) != m)
			continue;
		len += scnprintf(buf + len, size - len, "%s%s", len ? "|" : "",
				 gfp_names[i].name);
		gfp &= ~m;
	}
	if (gfp)
		scnprintf(buf + len, size - len, "%s0x%x", len ? "|" : "", gfp);
	return buf;
}

/* Print on the first 10 calls, then on the 16th, 32nd, 64th, ... */
static bool alloc_warn_ratelimit(void)
{
	unsigned long n = __atomic_fetch_add(&alloc_warn_calls, 1, __ATOMIC_RELAXED);

	return n < 10 || is_power_of_2(n);
}

static void alloc_failed(gfp_t gfp, unsigned int order,
			 const struct alloc_context *ac)
{
	struct zone **zp;
	char names[128];

	__atomic_add_fetch(&page_alloc_failures, 1, __ATOMIC_RELAXED);
	for (zp = ac ? ac->zonelist : NULL; zp && *zp; zp++) {
		if (zone_idx(*zp) <= ac->highest_zoneidx) {
			__atomic_add_fetch(&(*zp)->alloc_fail, 1, __ATOMIC_RELAXED);
			break;
		}
	}
	if ((gfp & __GFP_NOWARN) || !alloc_warn_ratelimit())
		return;
	pr_warn("arbor: page allocation failure: order:%u, mode:0x%x(%s), nodemask=(null)\n",
		order, gfp, format_gfp_flags(gfp, names, sizeof(names)));
	show_free_areas();
}

static bool any_pcp_pages(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone_pcp_pages(zone))
			return true;
	return false;
}

/*
 * The slow path: the zonelist at the low watermark, then at min
 * (ALLOC_HIGH with __GFP_HIGH), then once more after draining the
 * per-CPU lists; failure injection and the failure report.
 */
static noinline struct page *__alloc_pages_slow(int nid, gfp_t gfp,
						unsigned int order)
{
	struct alloc_context ac;
	unsigned int alloc_flags;
	struct page *page;

	if (nid >= MAX_NUMNODES) {
		alloc_failed(gfp, order, NULL);	/* before free_area_init() */
		return NULL;
	}
	ac.zonelist = NODE_DATA(nid)->node_zonelist;
	ac.highest_zoneidx = gfp_zone(gfp);
	ac.migratetype = gfp_migratetype(gfp);
	/* Injected failures (mm/fail_inject.c) look like real ones. */
	if (order > MAX_ORDER || should_fail_alloc_page(gfp, order)) {
		alloc_failed(gfp, order, &ac);
		return NULL;
	}

	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, &ac);
	if (page)
		return page;
	alloc_flags = ALLOC_WMARK_MIN | ((gfp & __GFP_HIGH) ? ALLOC_HIGH : 0);
	page = get_page_from_freelist(gfp, order, alloc_flags, &ac);
	if (page)
		return page;
	if (any_pcp_pages()) {
		if (gfp & __GFP_DIRECT_RECLAIM)
			drain_all_pages(NULL);
		else
			drain_local_pages(NULL);
		page = get_page_from_freelist(gfp, order, alloc_flags, &ac);
		if (page)
			return page;
	}
	alloc_failed(gfp, order, &ac);
	return NULL;
}

/**
 * alloc_pages_node - 2^@order contiguous pages, preferably from node @nid
 * (NUMA_NO_NODE or an offline node: the first online node).  Returns the
 * first page, or NULL (counted; reported unless __GFP_NOWARN).
 *
 * Fast path: orders up to PCP_MAX_ORDER pop this CPU's list of the zone
 * the zonelist walk would try first; per-CPU pages are outside the
 * watermarks, so nothing needs checking.  An empty list, a higher order
 * or failure injection take __alloc_pages_slow().
 */
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	struct zone *zone;
	struct page *page;

	if (unlikely(!node_online(nid))) {
		for (nid = 0; nid < MAX_NUMNODES && !node_online(nid); nid++)
			;
		if (nid >= MAX_NUMNODES)
			return __alloc_pages_slow(nid, gfp, order);
	}
	if (order > PCP_MAX_ORDER || fail_inject_active())
		return __alloc_pages_slow(nid, gfp, order);
	zone = first_zone(NODE_DATA(nid)->node_zonelist, gfp_zone(gfp));
	page = zone ? pcp_alloc_fast(zone, order, gfp_migratetype(gfp)) : NULL;
	if (unlikely(!page))
		return __alloc_pages_slow(nid, gfp, order);
	if (unlikely(gfp & (__GFP_ZERO | __GFP_COMP)))
		prep_new_page(page, order, gfp);
	return page;
}

/*
 * alloc_fast_zone, free_fast_pfn/pages and free_fast_zone from the
 * zonelists, managed pages and memory regions as they are now.
 */
static void set_fast_paths(void)
{
	const struct memblock_region *r, *big = NULL;
	unsigned long start = 0, end = 0;
	struct zone *zone = NULL, *one = NULL;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (node_online(nid)) {
			zone = first_zone(NODE_DATA(nid)->node_zonelist, ZONE_NORMAL);
			break;
		}
	}
	WRITE_ONCE(alloc_fast_zone, READ_ONCE(alloc_fast_disabled) ? NULL : zone);
	for_each_mem_region(r) {
		if (PFN_DOWN(r->base + r->size) > PFN_UP(r->base) &&
		    PFN_DOWN(r->base + r->size) - PFN_UP(r->base) > end - start) {
			start = PFN_UP(r->base);
			end = PFN_DOWN(r->base + r->size);
			big = r;
		}
	}
	if (debug_pagealloc_enabled())
		end = start;
	if (end > start && node_online(big->nid)) {
		for (zone = NODE_DATA(big->nid)->node_zones;
		     zone < NODE_DATA(big->nid)->node_zones + MAX_NR_ZONES; zone++)
			if (zone_spans_pfn(zone, start) && end <= zone_end_pfn(zone))
				one = zone;
	}
	WRITE_ONCE(free_fast_zone, one);
	WRITE_ONCE(free_fast_pfn, start);
	WRITE_ONCE(free_fast_pages, end > start ? end - start : 0);
}

/* alloc_pages()' fast path, described there; a miss takes the whole walk. */
static __always_inline struct page *alloc_pages_fast(gfp_t gfp, unsigned int order)
{
	struct zone *zone = READ_ONCE(alloc_fast_zone);
	struct page *page;

	if (likely(zone && !(gfp & (__GFP_DMA | __GFP_DMA32)))) {
		page = pcp_alloc_fast(zone, order, gfp_migratetype(gfp));
		if (likely(page)) {
			if (unlikely(gfp & (__GFP_ZERO | __GFP_COMP)))
				return prep_new_page_ret(page, order, gfp);
			return page;
		}
	}
	return alloc_pages_node(NUMA_NO_NODE, gfp, order);
}

/**
 * alloc_pages - 2^@order contiguous pages from any node, the first online
 * node's zones first (Arbor does not map CPUs to nodes).  See
 * alloc_pages_node().
 *
 * Fast path: a request without a zone modifier, of an order the per-CPU
 * lists keep, pops this CPU's list of alloc_fast_zone, the zone that
 * alloc_pages_node() would try first, without working that out again.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	/* Order 0, most requests, gets a copy with the order folded in. */
	if (likely(order == 0))
		return alloc_pages_fast(gfp, 0);
	if (order <= PCP_MAX_ORDER)
		return alloc_pages_fast(gfp, order);
	return alloc_pages_node(NUMA_NO_NODE, gfp, order);
}

/**
 * __get_free_pages - alloc_pages() returning the linear-map address, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/**
 * get_zeroed_page - one zeroed page's linear-map address, or 0.
 */
unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* ---- free ---- */

static bool bad_page(unsigned long pfn, unsigned int order, const char *reason)
{
	__atomic_add_fetch(&bad_page_reports, 1, __ATOMIC_RELAXED);
	pr_err("BUG: Bad page state: pfn 0x%lx %s (order %u)\n", pfn, reason, order);
	return true;
}

/* Does a free block (buddy or per-CPU) larger than @pfn's start at or
 * before it and cover it?  Racy unless zone->lock is held. */
static __data_racy bool pfn_in_free_block(struct zone *zone, unsigned long pfn)
{
	unsigned int o;

	for (o = 1; o <= MAX_ORDER; o++) {
		unsigned long head = ALIGN_DOWN(pfn, 1UL << o);
		struct page *hp;

		if (head == pfn)
			continue;
		if (!zone_spans_pfn(zone, head) || !pfn_valid(head))
			break;
		hp = pfn_to_page(head);
		if ((PageBuddy(hp) || PagePcp(hp)) &&
		    READ_ONCE(hp->private) <= MAX_ORDER &&
		    pfn - head < (1UL << READ_ONCE(hp->private)))
			return true;
	}
	return false;
}

/*
 * Check a block being freed; clear its compound state.  Returns true
 * (after one "BUG: Bad page state" line) if it must not be freed: a
 * double free, a reserved or foreign page, a tail, a wrong order.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;
	struct zone *zone;

	if (order > MAX_ORDER)
		return bad_page(pfn, order, "order too large");
	if (!pfn_valid(pfn))
		return bad_page(pfn, order, "not a memory page");
	if (!IS_ALIGNED(pfn, 1UL << order))
		return bad_page(pfn, order, "not aligned to its order");
	if (PageBuddy(page) || PagePcp(page))
		return bad_page(pfn, order, "double free");
	if (PageReserved(page))
		return bad_page(pfn, order, "reserved page");
	if (PageTail(page))
		return bad_page(pfn, order, "tail page of a compound page");
	if (PageSlab(page))
		return bad_page(pfn, order, "still owned by slab");
	if (PageHead(page) && page->private != order)
		return bad_page(pfn, order, "compound page freed with another order");
	zone = page_zone(page);
	if (pfn + (1UL << order) > zone_end_pfn(zone))
		return bad_page(pfn, order, "block runs past its zone");
	if (debug_pagealloc_enabled() && pfn_in_free_block(zone, pfn)) {
		unsigned long flags;
		bool hit;

		/* Confirm under the lock: the racy look may have seen a
		 * block in the middle of a merge or split. */
		spin_lock_irqsave(&zone->lock, flags);
		hit = pfn_in_free_block(zone, pfn);
		spin_unlock_irqrestore(&zone->lock, flags);
		if (hit)
			return bad_page(pfn, order, "double free");
	}

	if (PageHead(page)) {
		for (i = 1; i < (1UL << order); i++) {
			struct page *p = page + i;

			if (!PageTail(p) || p->compound_head != ((unsigned long)page | 1))
				return bad_page(pfn + i, order, "corrupted compound tail");
		}
		for (i = 1; i < (1UL << order); i++) {
			__ClearPageTail(page + i);
			INIT_LIST_HEAD(&page[i].lru);
		}
		__ClearPageHead(page);
	}
	page->private = 0;
	return false;
}

/* The slow free: every check, compound pages, orders above the PCP's. */
static noinline void __free_pages_slow(struct page *page, unsigned int order)
{
	unsigned long pfn;
	struct zone *zone;
	int mt;

	if (!page)
		return;
	if (free_pages_prepare(page, order))
		return;
	pfn = page_to_pfn(page);
	zone = page_zone(page);
	mt = get_pfnblock_migratetype(zone, pfn);
	if (order <= PCP_MAX_ORDER)
		free_unref_page(zone, page, order, mt);
	else
		free_one_page(zone, pfn, order, mt);
}

/*
 * Flags a page being freed on the fast path must not have: each is
 * either a bad free (free_pages_prepare() names it) or, for PG_head,
 * compound state to undo.
 */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(1UL << PG_reserved | 1UL << PG_buddy | 1UL << PG_head |	\
	 1UL << PG_tail | 1UL << PG_slab | 1UL << PG_pcp)

/* __free_pages()' fast path, described there: false sends @page to the slow one. */
static __always_inline bool free_pages_fast(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order, flags;
	struct zone *zone;

	if (unlikely(!page || (pfn & (nr - 1)) ||
		     pfn - READ_ONCE(free_fast_pfn) >= READ_ONCE(free_fast_pages)))
		return false;
	flags = READ_ONCE(page->flags);
	zone = READ_ONCE(free_fast_zone);
	if (!zone)
		zone = flags_zone(flags);
	/* A single page lies in its zone; a larger block must not run past
	 * the zone's end. */
	return likely(!(flags & PAGE_FLAGS_CHECK_AT_FREE) &&
		      (!order || pfn + nr <= zone_end_pfn(zone)) &&
		      pcp_free_fast(zone, page, flags, order));
}

/**
 * __free_pages - give back 2^@order pages from alloc_pages() (@page NULL:
 * nothing).  A bad free (double free, reserved page, wrong order, ...)
 * is reported as "BUG: Bad page state" and ignored: the lists stay intact.
 *
 * Fast path: an aligned, plain (no flag of PAGE_FLAGS_CHECK_AT_FREE)
 * block of order up to PCP_MAX_ORDER in the largest memory region goes
 * straight onto this CPU's list.  Anything else, and every free under
 * debug_pagealloc=on, takes __free_pages_slow() and its checks.
 */
void __free_pages(struct page *page, unsigned int order)
{
	/* As in alloc_pages(), order 0 gets its own copy. */
	if (likely(order == 0)) {
		if (likely(free_pages_fast(page, 0)))
			return;
	} else if (order <= PCP_MAX_ORDER) {
		if (free_pages_fast(page, order))
			return;
	}
	__free_pages_slow(page, order);
}

/**
 * free_pages - __free_pages() by linear-map address (0: nothing).
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/**
 * __free_pages_core - boot handoff of a block memmap_init() left clear
 * (see mmzone.h): counts the pages as managed, frees to the buddy.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = page_zone(page);

	zone->managed_pages += 1UL << order;
	free_one_page(zone, pfn, order, get_pfnblock_migratetype(zone, pfn));
}

/**
 * compound_order - order of a compound page's head, 0 for anything else.
 */
unsigned int compound_order(struct page *page)
{
	/* A slab keeps its order in its counters: private holds list links. */
	if (PageSlab(page))
		return slab_order(page);
	return PageHead(page) ? (unsigned int)page->private : 0;
}

/**
 * nr_free_pages - free pages in every zone, per-CPU lists included.
 */
unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone_free_pages(zone);
	return n;
}

/**
 * totalram_pages - pages the buddy allocator manages (MemTotal).
 */
unsigned long totalram_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone->managed_pages;
	return n;
}

/**
 * nr_page_alloc_failures - failed allocations since boot.
 */
unsigned long nr_page_alloc_failures(void)
{
	return READ_ONCE(page_alloc_failures);
}

/**
 * nr_bad_page_reports - "BUG: Bad page state" reports since boot.
 */
unsigned long nr_bad_page_reports(void)
{
	return READ_ONCE(bad_page_reports);
}

/* ---- the invariant checker ---- */

#define check(cond, fmt, ...)						\
	do {								\
		if (!(cond)) {						\
			pr_err("buddy_check: node %d zone %s: " fmt "\n", \
			       zone_to_nid(zone), zone->name, ##__VA_ARGS__); \
			return -EINVAL;					\
		}							\
	} while (0)

/* Is [pfn, pfn + n) memory, possibly over adjacent regions? */
static bool block_is_memory(unsigned long pfn, unsigned long n)
{
	phys_addr_t start = PFN_PHYS(pfn), end = PFN_PHYS(pfn + n);
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (r->base + r->size <= start)
			continue;
		if (r->base > start)
			return false;
		start = r->base + r->size;
		if (start >= end)
			return true;
	}
	return false;
}

static int check_block(struct zone *zone, struct page *page, unsigned int order,
		       bool pcp)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;

	check(zone_spans_pfn(zone, pfn) && pfn + n <= zone_end_pfn(zone),
	      "free block pfn 0x%lx order %u outside the zone", pfn, order);
	check(IS_ALIGNED(pfn, n), "free block pfn 0x%lx not aligned to order %u",
	      pfn, order);
	check(block_is_memory(pfn, n), "free block pfn 0x%lx order %u covers a hole",
	      pfn, order);
	check(page_zone(page) == zone, "pfn 0x%lx on this zone's list belongs to node %d zone %u",
	      pfn, page_to_nid(page), page_zonenum(page));
	check(!PageReserved(page), "free block pfn 0x%lx is PG_reserved", pfn);
	check(page->private == order, "pfn 0x%lx on an order-%u list has private %lu",
	      pfn, order, page->private);
	if (pcp) {
		/* pcp_pop() writes the flags without reading them. */
		check((page->flags & ~PAGE_PCPMT_MASK) == (zone->page_flags | 1UL << PG_pcp) &&
		      flags_pcpmt(page->flags) < MIGRATE_PCPTYPES,
		      "pfn 0x%lx on a per-CPU list: flags 0x%lx", pfn, page->flags);
	} else {
		check(PageBuddy(page) && !PagePcp(page),
		      "pfn 0x%lx on a free list: flags 0x%lx", pfn, page->flags);
		check(order == MAX_ORDER ||
		      !pfn_is_free_buddy(zone, pfn ^ n, order),
		      "pfn 0x%lx and its buddy 0x%lx are both free at order %u",
		      pfn, pfn ^ n, order);
	}
	return 0;
}

/* Walk the zone's memory: free heads found vs the lists, no overlaps. */
static int check_memmap(struct zone *zone, unsigned long buddy_blocks,
			unsigned long pcp_blocks)
{
	unsigned long seen_buddy = 0, seen_pcp = 0, next = 0;
	struct memblock_region *r;

	for_each_mem_region(r) {
		unsigned long spfn = max(PFN_UP(r->base), zone->zone_start_pfn);
		unsigned long epfn = min(PFN_DOWN(r->base + r->size), zone_end_pfn(zone));
		int nid = r->nid >= 0 && r->nid < MAX_NUMNODES ? r->nid : 0;
		unsigned long pfn;

		if (nid != zone_to_nid(zone))
			continue;
		for (pfn = max(spfn, next); pfn < epfn;) {
			struct page *page = pfn_to_page(pfn);
			unsigned long n, i;

			if (page_zone(page) != zone) {
				pfn++;
				continue;
			}
			if (!PageBuddy(page) && !PagePcp(page)) {
				pfn++;
				continue;
			}
			check(page->private <= MAX_ORDER,
			      "free pfn 0x%lx has order %lu", pfn, page->private);
			n = 1UL << page->private;
			check(block_is_memory(pfn, n),
			      "free pfn 0x%lx order %lu covers a hole", pfn, page->private);
			if (PageBuddy(page))
				seen_buddy++;
			else
				seen_pcp++;
			for (i = 1; i < n; i++) {
				struct page *p = page + i;

				check(!PageBuddy(p) && !PagePcp(p) && !PageReserved(p),
				      "pfn 0x%lx (flags 0x%lx) inside free block 0x%lx order %lu",
				      pfn + i, p->flags, pfn, page->private);
			}
			pfn += n;
		}
		next = max(next, pfn);
	}
	check(seen_buddy == buddy_blocks,
	      "%lu PG_buddy heads in the memmap, %lu blocks on the lists",
	      seen_buddy, buddy_blocks);
	check(seen_pcp == pcp_blocks,
	      "%lu PG_pcp heads in the memmap, %lu blocks on per-CPU lists",
	      seen_pcp, pcp_blocks);
	return 0;
}

static int check_zone_locked(struct zone *zone)
{
	unsigned long free = 0, blocks = 0, pcp_blocks = 0;
	unsigned long limit = zone->spanned_pages + 1;
	unsigned int o, cpu;
	int mt, err;

	for (o = 0; o <= MAX_ORDER; o++) {
		unsigned long count = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[o].free_list[mt], lru) {
				err = check_block(zone, page, o, false);
				if (err)
					return err;
				check(++count <= limit, "order-%u list loops", o);
			}
		}
		check(count == zone->free_area[o].nr_free,
		      "order %u: %lu blocks on the lists, nr_free %lu",
		      o, count, zone->free_area[o].nr_free);
		free += count << o;
		blocks += count;
	}
	check(free == zone->free_pages, "%lu pages on the lists, free_pages %lu",
	      free, zone->free_pages);
	check(free <= zone->managed_pages, "%lu free pages > %lu managed",
	      free, zone->managed_pages);

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];
		unsigned long pages = 0;
		int idx;

		for (idx = 0; idx < NR_PCP_LISTS; idx++) {
			struct page *page;
			unsigned long count = 0;

			for (page = pcp->lists[idx]; page; page = page->pcp_next) {
				err = check_block(zone, page, pcp_index_order(idx), true);
				if (err)
					return err;
				check(++count <= limit, "cpu %u list %d loops", cpu, idx);
				pages += 1UL << pcp_index_order(idx);
			}
			pcp_blocks += count;
		}
		check(pages == (unsigned long)pcp->count,
		      "cpu %u: %lu pages on per-CPU lists, count %d", cpu, pages,
		      pcp->count);
		free += pages;
	}
	check(free <= zone->managed_pages, "%lu free pages (with per-CPU) > %lu managed",
	      free, zone->managed_pages);

	if (zone->spanned_pages) {
		unsigned long first = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
		unsigned long pfn;

		for (pfn = first; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			check(get_pfnblock_migratetype(zone, pfn) < MIGRATE_TYPES,
			      "pageblock at pfn 0x%lx has type %d", pfn,
			      get_pfnblock_migratetype(zone, pfn));
	}
	return check_memmap(zone, blocks, pcp_blocks);
}

#undef check

/**
 * buddy_check - prove the allocator's invariants (see mmzone.h).
 * Returns 0 or -EINVAL after printing the first violation.  Other CPUs'
 * per-CPU lists are read without their owners: exact when those CPUs
 * are idle (tests quiesce them first, as for slab_check_all()).
 */
int buddy_check(void)
{
	struct zone *zone;

	mm_check_count(MM_CHECK_BUDDY);
	for_each_zone(zone) {
		unsigned long flags;
		int err;

		spin_lock_irqsave(&zone->lock, flags);
		err = check_zone_locked(zone);
		spin_unlock_irqrestore(&zone->lock, flags);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Page-table pages from the buddy allocator: phase 3 of the table-page
 * phases (mm/kernel_map.c).  Counted in meminfo's PageTables.  GFP_NOWAIT:
 * vmalloc maps under its page-table spinlock (include/mm/gfp.h).
 */
static phys_addr_t buddy_table_alloc(void *ctx)
{
	struct page *page = alloc_page(GFP_NOWAIT | __GFP_NOWARN);

	(void)ctx;
	if (!page)
		return 0;
	mod_pagetables(1);
	return page_to_phys(page);
}

static void buddy_table_free(phys_addr_t pa, void *ctx)
{
	(void)ctx;
	mod_pagetables(-1);
	__free_page(phys_to_page(pa));
}

const struct pgtable_allocator pgtable_alloc_buddy = {
	.name	= "buddy",
	.alloc	= buddy_table_alloc,
	.free	= buddy_table_free,
};
