/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Nodes, zones, free areas and per-CPU page lists: the data the buddy
 * allocator (mm/page_alloc.c) works on, set up at boot by mm/mm_init.c and
 * printed by mm/page_report.c.  Names follow Linux's include/linux/mmzone.h.
 *
 *   node_data[nid] -> pg_data_t (one per NUMA node that has memory)
 *                       node_zones[ZONE_DMA]    x86-64 only: below 16 MiB
 *                       node_zones[ZONE_DMA32]  below 4 GiB
 *                       node_zones[ZONE_NORMAL] the rest
 *                       node_zonelist[]         fallback order, NULL-ended
 *
 * A zone owns the free pages of its pfn span (holes excluded):
 *
 *   free_area[order].free_list[migratetype]       order 0..MAX_ORDER
 *
 *   order 10 [U]-            [M]-[4M]-[4M]-...    [E]-
 *   order  9 [U]-[2M]        [M]-                 [E]-
 *     ...
 *   order  0 [U]-[4K]-[4K]   [M]-[4K]             [E]-
 *
 * Each list holds the first struct page of free 2^order blocks (PG_buddy,
 * private = order, linked through lru).  nr_free counts the blocks of one
 * order over all types; zone->free_pages counts the pages on all lists.
 *
 * Every pageblock (2^pageblock_order pages) has a migratetype, kept in a
 * per-zone bitmap (see page_alloc.c); allocations of one mobility are
 * grouped into blocks of that type so that movable memory stays in large
 * contiguous runs.
 *
 * pcp[cpu] are the per-CPU lists of small free blocks (orders
 * 0..PCP_MAX_ORDER), which let a CPU allocate and free without the zone
 * lock.  Their pages are free (nr_free_pages() counts them) but are not on
 * the free_area lists (zone->free_pages and the watermarks do not see
 * them, as in Linux).
 */
#ifndef _MM_MMZONE_H
#define _MM_MMZONE_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/spinlock.h>
#include <mm/page.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <asm/cpu.h>

enum zone_type {
	ZONE_DMA,	/* ISA DMA: below 16 MiB (x86-64); absent on RISC-V */
	ZONE_DMA32,	/* 32-bit DMA: below 4 GiB */
	ZONE_NORMAL,	/* everything else */
	MAX_NR_ZONES
};

/* Page mobility, Linux's numbering. */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_TYPES,
	MIGRATE_PCPTYPES = MIGRATE_TYPES,	/* types with per-CPU lists */
};

/* Pageblock flags: 4 bits per block, the migratetype in the low bits. */
#define NR_PAGEBLOCK_BITS	4
#define PB_MIGRATETYPE_MASK	0x7UL

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

/* Orders kept on per-CPU lists (Linux's PAGE_ALLOC_COSTLY_ORDER). */
#define PCP_MAX_ORDER		3
#define NR_PCP_LISTS		((PCP_MAX_ORDER + 1) * MIGRATE_PCPTYPES)

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all types */
};

/*
 * A CPU's cache of free blocks in one zone.  Only that CPU touches it,
 * with local interrupts off, so it has no lock; others empty it through
 * a cross-CPU call (drain_all_pages()) and may set high and batch.  Each
 * CPU's copy has cache lines of its own: no false sharing between CPUs
 * on the fast path.
 */
struct __aligned(SMP_CACHE_BYTES) per_cpu_pages {
	int count;		/* pages on all lists */
	int high;		/* drain when count reaches this (0: pass-through) */
	int batch;		/* pages moved to or from the buddy at a time */
	int drain_next;		/* list the next bulk free starts with */
	/* [pcp_index(order, mt)]: stacks linked by page->pcp_next */
	struct page *lists[NR_PCP_LISTS];
};

/* Which of a CPU's lists holds blocks of @order and type @mt, and back. */
static inline int pcp_index(unsigned int order, int mt)
{
	return mt * (PCP_MAX_ORDER + 1) + order;
}

static inline unsigned int pcp_index_order(int idx)
{
	return idx % (PCP_MAX_ORDER + 1);
}

struct pglist_data;

struct zone {
	/* Set at boot, read-only afterwards. */
	unsigned long _watermark[NR_WMARK];
	/* Pages kept back from allocations that could use a higher zone. */
	long lowmem_reserve[MAX_NR_ZONES];
	struct pglist_data *zone_pgdat;
	unsigned long *pageblock_flags;	/* NR_PAGEBLOCK_BITS per pageblock */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* memory pages in the span */
	unsigned long managed_pages;	/* pages given to the buddy allocator */
	const char *name;
	unsigned long page_flags;	/* zone and node ids as page->flags has them */

	/* Free lists and their counters: zone->lock. */
	spinlock_t lock;
	unsigned long free_pages;	/* pages on free_area lists */
	struct free_area free_area[NR_PAGE_ORDERS];

	/* Statistics, updated atomically. */
	unsigned long alloc_fail;	/* failures with this zone preferred */

	/* Per-CPU list sizes chosen at boot (zone_pcp_enable restores them). */
	int pageset_high;
	int pageset_batch;

	struct per_cpu_pages pcp[NR_CPUS];
};

/* One NUMA node.  Allocated from memblock at boot, never freed. */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	/* Zones to try, in order (local zones high to low, then other nodes). */
	struct zone *node_zonelist[MAX_NUMNODES * MAX_NR_ZONES + 1];
	int node_id;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
} pg_data_t;

extern pg_data_t *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(node_data[(nid)])

extern const char *const zone_names[MAX_NR_ZONES];
/* Zone types the arch has (a non-zero limit from arch_zone_limits()). */
extern bool zone_type_configured[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

static inline bool node_online(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES && node_data[nid];
}

#define for_each_online_node(nid)					\
	for ((nid) = 0; (nid) < MAX_NUMNODES; (nid)++)			\
		if (!node_online(nid)) {} else

/* Every zone of every online node (populated or not). */
#define for_each_zone(zone)						\
	for (int __nid = 0; __nid < MAX_NUMNODES; __nid++)		\
		for ((zone) = node_online(__nid) ?			\
			      NODE_DATA(__nid)->node_zones : NULL;	\
		     (zone) && (zone) < NODE_DATA(__nid)->node_zones + MAX_NR_ZONES; \
		     (zone)++)

#define for_each_populated_zone(zone)					\
	for_each_zone(zone)						\
		if (!populated_zone(zone)) {} else

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

static inline int zone_to_nid(const struct zone *zone)
{
	return zone->zone_pgdat->node_id;
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_MIN];
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_LOW];
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_HIGH];
}

/*
 * Every zone, indexed by the node and zone ids as page->flags holds them
 * (node id above zone id: one shift and mask of the flags word).  NULL
 * for a node that does not exist.
 */
#define ZONE_TABLE_SHIFT	(ZONES_SHIFT + NODES_SHIFT)
extern struct zone *zone_table[1 << ZONE_TABLE_SHIFT];

static inline struct zone *flags_zone(unsigned long flags)
{
	return zone_table[(flags >> ZONES_PGSHIFT) & ((1UL << ZONE_TABLE_SHIFT) - 1)];
}

/* The zone a page belongs to (from the zone and node ids in its flags). */
static inline struct zone *page_zone(const struct page *page)
{
	return flags_zone(READ_ONCE(page->flags));
}

/* debug_pagealloc=on (mm/page_alloc.c): the free path's deep checks. */
extern bool _debug_pagealloc_enabled;

static inline bool debug_pagealloc_enabled(void)
{
	return _debug_pagealloc_enabled;
}

void set_debug_pagealloc(bool on);
void page_alloc_fast_enable(bool on);

/* Free pages of @zone: its free lists plus every CPU's list. */
unsigned long zone_free_pages(const struct zone *zone);
/* Pages on @zone's per-CPU lists, all CPUs. */
unsigned long zone_pcp_pages(const struct zone *zone);

/* ---- boot: mm/mm_init.c ---- */

/*
 * Build the memmap, nodes and zones from memblock: vmemmap backing for the
 * memory regions only (holes cost nothing), every struct page initialised
 * with its zone and node (PG_reserved comes at the handoff, for what
 * memblock reserved; at once for NOMAP memory), pageblocks MOVABLE, free lists and
 * per-CPU lists empty, zonelists.  Prints Linux's "Zone ranges:" block.
 * @max_zone_pfn: the end pfn (exclusive) of each zone type, 0 for a zone
 * the arch does not have (arch_zone_limits()).  Host tests call it again
 * for each fresh machine: it forgets all earlier state.
 * Returns 0, -ENOMEM (no memory, or memblock could not allocate node
 * data, pageblock bitmaps or vmemmap pages) or -E2BIG (memory spans more
 * than VMEMMAP_SIZE can describe); the message says which and why.
 */
int free_area_init(unsigned long max_zone_pfn[MAX_NR_ZONES]);

/* arch_zone_limits() then free_area_init(): the boot step "zones". */
int zones_init(void);

/*
 * Hand every free memblock range (NOMAP excluded) to the buddy allocator
 * in the largest naturally aligned blocks, count managed pages, compute
 * watermarks, lowmem reserves and per-CPU batch sizes, and print the
 * "Memory:" line.  Call once, after free_area_init().
 */
void memblock_free_all(void);

/*
 * Print Linux's
 *   "Memory: <managed>K/<present>K available (<text>K kernel code,
 *    <data>K rwdata, <ro>K rodata, <init>K init, <bss>K bss,
 *    <present - managed>K reserved, 0K cma-reserved)"
 */
void mem_init_print_info(void);

/* Bytes of vmemmap that free_area_init() asked the arch to back. */
extern unsigned long vmemmap_populated_bytes;

/* ---- the allocator: mm/page_alloc.c ---- */

/* Linux's vm.min_free_kbytes as computed at boot, and its parts. */
extern unsigned long min_free_kbytes;
extern unsigned long totalreserve_pages;

/*
 * Recompute min/low/high watermarks of every zone from min_free_kbytes
 * (computed from managed memory when @recompute_min), the lowmem
 * reserves, totalreserve_pages and the per-CPU batch/high sizes.
 */
void setup_per_zone_wmarks(bool recompute_min);

/*
 * Would taking 2^@order pages from @z leave at least @mark free pages plus
 * the reserve kept from requests whose best zone is @highest_zoneidx?
 * @alloc_flags: ALLOC_* below.
 */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_WMARK_MASK	0x3u
#define ALLOC_HIGH		0x20u	/* __GFP_HIGH: half of min may be used */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);

/* Pageblock migratetype of the block holding @page. */
int get_pageblock_migratetype(const struct page *page);
/* Set it (zone->lock held, or boot). */
void set_pageblock_migratetype(struct page *page, int migratetype);

/* Return this CPU's (drain_local_pages) or every CPU's (drain_all_pages)
 * per-CPU lists of @zone (NULL: all zones) to the buddy free lists.
 * drain_all_pages() waits for the other CPUs (a cross-CPU call): no
 * spinlock may be held. */
void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

/* Make @zone's per-CPU lists pass-through (high 0, batch 1) and drain
 * them; zone_pcp_enable() restores the boot sizes.  For tests and for
 * anything that needs every free page on the buddy lists. */
void zone_pcp_disable(struct zone *zone);
void zone_pcp_enable(struct zone *zone);

/*
 * Invariant checker: the counters match the lists (per zone and order,
 * and per CPU list), every free block is PG_buddy with private == order,
 * aligned to its order, inside its zone and memory, does not overlap
 * another free block or a reserved page, and its buddy of equal order is
 * not also free (they would have merged); per-CPU pages are PG_pcp with
 * private == order.  Returns 0, or prints the first violation and returns
 * -EINVAL.  Takes every lock of a zone while checking it.
 */
int buddy_check(void);

/* Allocation failures since boot (also per preferred zone: alloc_fail). */
unsigned long nr_page_alloc_failures(void);
/* "Bad page state" reports since boot (double frees and the like). */
unsigned long nr_bad_page_reports(void);

/*
 * "GFP_KERNEL|__GFP_ZERO": @gfp as Linux's %pGg prints it, composite
 * names first, unknown bits as hex.  Returns @buf.
 */
char *format_gfp_flags(gfp_t gfp, char *buf, size_t size);

/* Internal to mm/: the handoff frees through this (managed pages
 * counted, straight to the buddy lists; the pages carry no PG_reserved). */
void __free_pages_core(struct page *page, unsigned int order);
/* Internal to mm/: forget all allocator state (free_area_init()). */
void page_alloc_reset(void);

/* ---- reports: mm/page_report.c ---- */

/* /proc/buddyinfo: "Node 0, zone    DMA32" then 11 nr_free columns. */
void buddyinfo_show(void);
/* /proc/pagetypeinfo: free blocks per type and order, blocks per type. */
void pagetypeinfo_show(void);
/* /proc/zoneinfo: watermarks, spans, counters, per-CPU lists per zone. */
void zoneinfo_show(void);
/* /proc/meminfo: "MemTotal:       16383436 kB" lines. */
void meminfo_show(void);
/* Linux's show_free_areas(): the state printed after a failure. */
void show_free_areas(void);

/*
 * Counters other allocators feed, shown by meminfo/zoneinfo.  Machine-wide
 * (Arbor does not split them by node); updated atomically.
 */
enum mm_stat_item {
	NR_SLAB_RECLAIMABLE,	/* pages */
	NR_SLAB_UNRECLAIMABLE,	/* pages */
	NR_KERNEL_STACK_KB,	/* KiB */
	NR_PAGETABLE,		/* pages */
	NR_VMALLOC,		/* pages */
	NR_MM_STAT_ITEMS
};

long global_mm_stat(enum mm_stat_item item);
void mod_mm_stat(enum mm_stat_item item, long delta);
/* Zero every mm_stat counter (a new memory map is being built). */
void mm_stat_reset(void);

/* Slab pages: SUnreclaim (slab.c calls it per slab page allocated/freed). */
void mod_node_page_state_slab(long pages);
/* Slab pages of SLAB_RECLAIM_ACCOUNT caches: SReclaimable. */
void mod_node_page_state_slab_reclaimable(long pages);
/* Page-table pages (PageTables:). */
void mod_pagetables(long pages);
/* Pages mapped by vmalloc (VmallocUsed:). */
void mod_vmalloc_pages(long pages);
/* Kernel stacks in KiB (KernelStack:). */
void mod_kernel_stack_kb(long kb);

#endif /* _MM_MMZONE_H */
