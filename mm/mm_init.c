// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm_init.c: from memblock to a working page allocator.
 *
 * What it owns
 *   - the memmap: one 32-byte struct page per present page frame, in the
 *     virtually contiguous vmemmap array (vmemmap[pfn]).  Only the parts of
 *     the array that describe memblock memory regions are backed, so the
 *     hole between two banks costs nothing:
 *
 *       pfn      0x80000         0xc0000 ....... 0x1040000       0x1080000
 *       RAM      |== bank 0 ==|  (hole, 62 GiB)  |== bank 1 ==|
 *       vmemmap  |##  8 MiB ##|  (no pages)      |##  8 MiB ##|
 *                ^ VMEMMAP_START = &vmemmap[min_pfn rounded to a pageblock]
 *
 *   - nodes (pg_data_t, one per NUMA node in memblock) and their zones:
 *     spans, present pages, pageblock bitmaps, empty free lists, the
 *     zonelists (fallback order), and Linux's boot lines about them;
 *   - the handoff: memblock_free_all() gives every free memblock range to
 *     the buddy allocator and prints the "Memory:" line.
 *
 * PG_reserved, Linux's way: memmap_init() writes every struct page
 * without it (NOMAP pages excepted: PG_reserved and PG_nomap), and the
 * handoff first marks whatever memblock reserved (kernel, DTB, firmware,
 * page tables, the memmap itself), which stays reserved for good, then
 * frees the rest, touching only the first page of each block.
 *
 * Locking: none.  Everything here runs once, single-threaded, at boot
 * (host tests run it again for each fresh machine, also single-threaded).
 */
#include <mm/mmzone.h>
#include <mm/arch_mm.h>
#include <mm/memblock.h>
#include <mm/page.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/sections.h>
#include <asm/memlayout.h>

pg_data_t *node_data[MAX_NUMNODES];
struct zone *zone_table[1 << ZONE_TABLE_SHIFT];
_Static_assert(NODES_PGSHIFT == ZONES_PGSHIFT + ZONES_SHIFT,
	       "zone_table[] reads the node and zone ids as one field");
_Static_assert(MAX_NUMNODES <= 1 << NODES_SHIFT && MAX_NR_ZONES <= 1 << ZONES_SHIFT,
	       "node and zone ids must fit their page->flags fields");
struct page *vmemmap;
unsigned long vmemmap_populated_bytes;
bool zone_type_configured[MAX_NR_ZONES];

const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA]	= "DMA",
	[ZONE_DMA32]	= "DMA32",
	[ZONE_NORMAL]	= "Normal",
};

/* Zone type boundaries over the whole machine, [lowest, highest). */
static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static inline unsigned long long ull(u64 v)
{
	return (unsigned long long)v;
}

/* memblock leaves a region's node at MAX_NUMNODES when nobody set it. */
static int region_nid(const struct memblock_region *r)
{
	return r->nid >= 0 && r->nid < MAX_NUMNODES ? r->nid : 0;
}

/* The whole pages of a region: [*spfn, *epfn); false if there are none. */
static bool region_pfns(const struct memblock_region *r, unsigned long *spfn,
			unsigned long *epfn)
{
	*spfn = PFN_UP(r->base);
	*epfn = PFN_DOWN(r->base + r->size);
	return *spfn < *epfn;
}

/*
 * __pfn_valid - does @pfn have a struct page?  True when the whole page lies
 * in one memblock memory region (NOMAP included).  pfn_valid() (page.h)
 * answers the first region inline and calls this for the rest.
 */
bool __pfn_valid(unsigned long pfn)
{
	if (pfn >= PHYS_PFN(PHYS_ADDR_MAX))
		return false;
	return memblock_is_region_memory(PFN_PHYS(pfn), PAGE_SIZE);
}

/* The zone type @pfn falls in (the highest configured one past the end). */
static enum zone_type pfn_zone_type(unsigned long pfn)
{
	int z, last = ZONE_NORMAL;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		if (!zone_type_configured[z])
			continue;
		last = z;
		if (pfn < arch_zone_highest_possible_pfn[z])
			return z;
	}
	return last;
}

/* ---- zone ranges and the boot lines about them ---- */

/*
 * Linux's free_area_init() bookkeeping: zone type z covers
 * [lowest[z], highest[z]), consecutive from the first memory pfn, each
 * ending at the arch's limit (or where the previous one ended, if that is
 * later: an empty zone).  Limits are capped at the end of memory, so an
 * arch may say "4 GiB" or "everything" (ULONG_MAX) and the boot lines
 * still show what Linux shows: "DMA32 [...-0xbfffffff]" and "Normal empty"
 * on a 1 GiB board.
 */
static void compute_zone_ranges(const unsigned long *max_zone_pfn,
				unsigned long min_pfn, unsigned long max_pfn)
{
	unsigned long start = min_pfn;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		zone_type_configured[z] = max_zone_pfn[z] != 0;
		if (!zone_type_configured[z]) {
			arch_zone_lowest_possible_pfn[z] = start;
			arch_zone_highest_possible_pfn[z] = start;
			continue;
		}
		arch_zone_lowest_possible_pfn[z] = start;
		arch_zone_highest_possible_pfn[z] =
			max(min(max_zone_pfn[z], max_pfn), start);
		start = arch_zone_highest_possible_pfn[z];
	}
}

static void print_zone_ranges(void)
{
	struct memblock_region *r;
	int z;

	pr_info("Zone ranges:\n");
	for (z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long lo = arch_zone_lowest_possible_pfn[z];
		unsigned long hi = arch_zone_highest_possible_pfn[z];

		if (!zone_type_configured[z])
			continue;
		if (lo == hi)
			pr_info("  %-8s empty\n", zone_names[z]);
		else
			pr_info("  %-8s [mem 0x%016llx-0x%016llx]\n", zone_names[z],
				ull(PFN_PHYS(lo)), ull(PFN_PHYS(hi) - 1));
	}
	/* Arbor has no ZONE_MOVABLE; Linux prints the heading regardless. */
	pr_info("Movable zone start for each node\n");
	pr_info("Early memory node ranges\n");
	for_each_mem_region(r) {
		unsigned long spfn, epfn;

		if (!region_pfns(r, &spfn, &epfn))
			continue;
		pr_info("  node %3d: [mem 0x%016llx-0x%016llx]\n", region_nid(r),
			ull(PFN_PHYS(spfn)), ull(PFN_PHYS(epfn) - 1));
	}
}

/* ---- the vmemmap ---- */

/*
 * Point vmemmap so that vmemmap[base_pfn] is VMEMMAP_START, then ask the
 * arch to back exactly the struct pages of each memory region, rounded out
 * to whole pages of the array (regions sharing a page of it share it).
 */
static int vmemmap_init(unsigned long min_pfn, unsigned long max_pfn)
{
	unsigned long base_pfn = ALIGN_DOWN(min_pfn, pageblock_nr_pages);
	unsigned long need = (max_pfn - base_pfn) * sizeof(struct page);
	unsigned long done_end = 0;
	struct memblock_region *r;

	if (need > VMEMMAP_SIZE) {
		pr_err("vmemmap: memory [mem 0x%016llx-0x%016llx] spans %lu MiB of struct page but VMEMMAP_SIZE is %lu MiB; limit memory with mem= or enlarge the arch's vmemmap area\n",
		       ull(PFN_PHYS(min_pfn)), ull(PFN_PHYS(max_pfn) - 1),
		       need >> 20, (unsigned long)VMEMMAP_SIZE >> 20);
		return -E2BIG;
	}
	vmemmap = (struct page *)(VMEMMAP_START - base_pfn * sizeof(struct page));

	for_each_mem_region(r) {
		unsigned long spfn, epfn, start, end;
		int err;

		if (!region_pfns(r, &spfn, &epfn))
			continue;
		start = ALIGN_DOWN((unsigned long)pfn_to_page(spfn), PAGE_SIZE);
		end = ALIGN((unsigned long)pfn_to_page(epfn), PAGE_SIZE);
		start = max(start, done_end);
		if (start >= end)
			continue;
		err = arch_vmemmap_populate(start, end);
		if (err) {
			pr_err("vmemmap: cannot back [0x%lx-0x%lx] for [mem 0x%016llx-0x%016llx] (error %d); memblock is out of memory\n",
			       start, end - 1, ull(PFN_PHYS(spfn)),
			       ull(PFN_PHYS(epfn) - 1), err);
			return err;
		}
		vmemmap_populated_bytes += end - start;
		done_end = end;
	}
	return 0;
}

/* ---- nodes and zones ---- */

/* The pfn span of node @nid's memory: [*start, *end); false if none. */
static bool node_pfn_span(int nid, unsigned long *start, unsigned long *end)
{
	struct memblock_region *r;
	bool any = false;

	*start = ULONG_MAX;
	*end = 0;
	for_each_mem_region(r) {
		unsigned long spfn, epfn;

		if (region_nid(r) != nid || !region_pfns(r, &spfn, &epfn))
			continue;
		*start = min(*start, spfn);
		*end = max(*end, epfn);
		any = true;
	}
	return any;
}

/* Memory pages of node @nid in [start, end). */
static unsigned long node_present_in(int nid, unsigned long start,
				     unsigned long end)
{
	struct memblock_region *r;
	unsigned long n = 0;

	for_each_mem_region(r) {
		unsigned long spfn, epfn;

		if (region_nid(r) != nid || !region_pfns(r, &spfn, &epfn))
			continue;
		spfn = clamp(spfn, start, end);
		epfn = clamp(epfn, start, end);
		n += epfn - spfn;
	}
	return n;
}

/*
 * The pageblock bitmap: NR_PAGEBLOCK_BITS per pageblock of the zone span
 * (rounded out to whole pageblocks), every block MOVABLE to begin with,
 * as in Linux (early unmovable allocations claim blocks as they go).
 */
static int zone_init_pageblocks(struct zone *zone, int nid)
{
	unsigned long first = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned long last = ALIGN(zone_end_pfn(zone), pageblock_nr_pages);
	unsigned long nblocks = (last - first) >> pageblock_order;
	unsigned long bits = nblocks * NR_PAGEBLOCK_BITS;
	unsigned long bpl = 8 * sizeof(unsigned long);
	unsigned long words = DIV_ROUND_UP(bits, bpl);
	unsigned long movable = 0, i;

	zone->pageblock_flags = memblock_alloc_try_nid(words * sizeof(unsigned long),
						       SMP_CACHE_BYTES, 0,
						       MEMBLOCK_ALLOC_ACCESSIBLE, nid);
	if (!zone->pageblock_flags) {
		pr_err("Initmem: node %d zone %s: no memory for a %lu-byte pageblock bitmap\n",
		       nid, zone->name, words * sizeof(unsigned long));
		return -ENOMEM;
	}
	/* One nibble per block: fill every word with MOVABLE nibbles. */
	for (i = 0; i < bpl; i += NR_PAGEBLOCK_BITS)
		movable |= (unsigned long)MIGRATE_MOVABLE << i;
	for (i = 0; i < words; i++)
		zone->pageblock_flags[i] = movable;
	return 0;
}

static int zone_init(pg_data_t *pgdat, enum zone_type z)
{
	struct zone *zone = &pgdat->node_zones[z];
	int nid = pgdat->node_id;
	unsigned long node_end = pgdat->node_start_pfn + pgdat->node_spanned_pages;
	unsigned long start, end;
	int o, mt, cpu;

	zone->zone_pgdat = pgdat;
	zone->name = zone_names[z];
	zone->page_flags = page_zone_nid_flags(z, pgdat->node_id);
	spin_lock_init(&zone->lock);
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);
	/* Pass-through until memblock_free_all() sizes them. */
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		pcp->batch = 1;
		for (o = 0; o < NR_PCP_LISTS; o++)
			pcp->lists[o] = NULL;
	}

	start = clamp(arch_zone_lowest_possible_pfn[z], pgdat->node_start_pfn, node_end);
	end = clamp(arch_zone_highest_possible_pfn[z], pgdat->node_start_pfn, node_end);
	zone->zone_start_pfn = start;
	if (!zone_type_configured[z] || start >= end)
		return 0;
	zone->spanned_pages = end - start;
	zone->present_pages = node_present_in(nid, start, end);
	return zone_init_pageblocks(zone, nid);
}

static int node_init(int nid)
{
	unsigned long start, end;
	pg_data_t *pgdat;
	int z, err;

	if (!node_pfn_span(nid, &start, &end))
		return 0;
	pgdat = memblock_alloc_try_nid(sizeof(*pgdat), SMP_CACHE_BYTES, 0,
				       MEMBLOCK_ALLOC_ACCESSIBLE, nid);
	if (!pgdat) {
		pr_err("Initmem: no memory for node %d's pg_data_t (%zu bytes)\n",
		       nid, sizeof(*pgdat));
		return -ENOMEM;
	}
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start;
	pgdat->node_spanned_pages = end - start;
	pgdat->node_present_pages = node_present_in(nid, start, end);
	pr_info("Initmem setup node %d [mem 0x%016llx-0x%016llx]\n", nid,
		ull(PFN_PHYS(start)), ull(PFN_PHYS(end) - 1));
	for (z = 0; z < MAX_NR_ZONES; z++) {
		err = zone_init(pgdat, z);
		if (err)
			return err;
	}
	node_data[nid] = pgdat;
	for (z = 0; z < MAX_NR_ZONES; z++)
		zone_table[page_zone_nid_flags(z, nid) >> ZONES_PGSHIFT] =
			&pgdat->node_zones[z];
	return 0;
}

/*
 * Every page of every memory region: its zone and node ids, an empty lru,
 * PG_reserved and PG_nomap for NOMAP memory.  The zone changes only at
 * zone limits, so each run between two is one constant flags word: the
 * loop is four plain stores per page, close to a memset of the memmap.
 * PG_reserved for what memblock reserved comes at the handoff
 * (memmap_reserve_pages()), as Linux's reserve_bootmem_region() does.
 */
static void memmap_init(void)
{
	struct memblock_region *r;

	for_each_mem_region(r) {
		unsigned long spfn, epfn, pfn, end;
		unsigned long flags = 0;
		int nid = region_nid(r);

		if (!region_pfns(r, &spfn, &epfn))
			continue;
		if (memblock_is_nomap(r))
			flags = 1UL << PG_reserved | 1UL << PG_nomap;
		for (pfn = spfn; pfn < epfn; pfn = end) {
			enum zone_type z = pfn_zone_type(pfn);
			unsigned long f = flags | page_zone_nid_flags(z, nid);
			struct page *page = pfn_to_page(pfn);

			/* Where pfn_zone_type() changes its answer next. */
			end = pfn < arch_zone_highest_possible_pfn[z] ?
			      min(epfn, arch_zone_highest_possible_pfn[z]) : epfn;
			for (; pfn < end; pfn++, page++) {
				page->flags = f;
				page->lru.next = &page->lru;
				page->lru.prev = &page->lru;
				page->private = 0;
			}
		}
	}
}

/*
 * Zonelists: for each node, its own populated zones from the highest type
 * down (Normal -> DMA32 -> DMA), then the other nodes' the same way, in
 * ascending node order after the local one.  An allocation walks the list
 * skipping zones above what its GFP flags allow.
 */
static void build_all_zonelists(void)
{
	unsigned long total = 0;
	int nid, nodes = 0;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		char line[64];
		int n = 0, len, i, z;

		len = scnprintf(line, sizeof(line), "Fallback order for Node %d: ", nid);
		for (i = 0; i < MAX_NUMNODES; i++) {
			int other = (nid + i) % MAX_NUMNODES;

			if (!node_online(other))
				continue;
			len += scnprintf(line + len, sizeof(line) - len, "%d ", other);
			for (z = MAX_NR_ZONES - 1; z >= 0; z--) {
				struct zone *zone = &NODE_DATA(other)->node_zones[z];

				if (populated_zone(zone))
					pgdat->node_zonelist[n++] = zone;
			}
		}
		pgdat->node_zonelist[n] = NULL;
		pr_info("%s\n", line);
		nodes++;
	}
	/* Linux's estimate before the handoff: present minus the memmap. */
	for_each_online_node(nid) {
		unsigned long present = NODE_DATA(nid)->node_present_pages;

		total += present - DIV_ROUND_UP(present * sizeof(struct page), PAGE_SIZE);
	}
	pr_info("Built %d zonelists, mobility grouping on.  Total pages: %lu\n",
		nodes, total);
}

static void reset_state(void)
{
	memset(node_data, 0, sizeof(node_data));
	memset(zone_table, 0, sizeof(zone_table));
	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	memset(zone_type_configured, 0, sizeof(zone_type_configured));
	vmemmap = NULL;
	vmemmap_populated_bytes = 0;
	page_alloc_reset();
	mm_stat_reset();
}

/**
 * free_area_init - memmap, nodes and zones from memblock (see mmzone.h).
 * @max_zone_pfn: end pfn of each zone type, 0 for a type the arch lacks.
 *
 * Returns 0, -ENOMEM or -E2BIG, with a message saying what was missing.
 */
int free_area_init(unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	unsigned long min_pfn = ULONG_MAX, max_pfn = 0;
	struct memblock_region *r;
	int nid, err;

	reset_state();
	for_each_mem_region(r) {
		unsigned long spfn, epfn;

		if (!region_pfns(r, &spfn, &epfn))
			continue;
		min_pfn = min(min_pfn, spfn);
		max_pfn = max(max_pfn, epfn);
	}
	if (max_pfn == 0) {
		pr_err("Initmem: memblock holds no whole page of memory; the memory map (DT /memory or E820) was empty\n");
		return -ENOMEM;
	}

	compute_zone_ranges(max_zone_pfn, min_pfn, max_pfn);
	print_zone_ranges();

	err = vmemmap_init(min_pfn, max_pfn);
	if (err)
		return err;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		err = node_init(nid);
		if (err)
			return err;
	}
	memmap_init();
	build_all_zonelists();
	return 0;
}

/**
 * zones_init - the boot step "memmap and zones": the arch's zone limits,
 * then free_area_init().  Returns what free_area_init() returns.
 */
int zones_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };

	arch_zone_limits(max_zone_pfn);
	return free_area_init(max_zone_pfn);
}

/* ---- the handoff ---- */

/* PG_reserved on every page of [spfn, epfn) that has a struct page. */
static void reserve_pfn_range(unsigned long spfn, unsigned long epfn)
{
	for (; spfn < epfn; spfn++)
		if (pfn_valid(spfn))
			__SetPageReserved(pfn_to_page(spfn));
}

/*
 * PG_reserved on every page memblock reserved, partial pages included:
 * the kernel, the DTB, firmware, page tables, the memmap itself.  They
 * stay reserved for good.  (NOMAP memory got it from memmap_init().)
 */
static void memmap_reserve_pages(void)
{
	phys_addr_t start, end;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end)
		reserve_pfn_range(PFN_DOWN(start), PFN_UP(end));
}

/*
 * Give [spfn, epfn) to the buddy allocator in the largest naturally
 * aligned blocks (up to MAX_ORDER) that stay inside one zone.  Pages past
 * the last zone the arch configured have no zone and become reserved.
 */
static void free_pfn_range(unsigned long spfn, unsigned long epfn)
{
	while (spfn < epfn) {
		struct page *page = pfn_to_page(spfn);
		struct zone *zone = page_zone(page);
		unsigned long end = min(epfn, zone_end_pfn(zone));
		unsigned int order;

		if (!zone_spans_pfn(zone, spfn)) {
			reserve_pfn_range(spfn, epfn);
			return;
		}

		/* Natural alignment of spfn (a loop: no libgcc ctz on rv64imac). */
		for (order = 0; order < MAX_ORDER && !(spfn & (1UL << order)); order++)
			;
		while (spfn + (1UL << order) > end)
			order--;
		__free_pages_core(page, order);
		spfn += 1UL << order;
	}
}

/**
 * memblock_free_all - release free memory to the buddy allocator (see
 * mmzone.h).  Call once, after free_area_init().
 */
void memblock_free_all(void)
{
	phys_addr_t start, end;
	struct zone *zone;
	u64 i;

	for_each_zone(zone)
		zone->managed_pages = 0;
	memmap_reserve_pages();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		free_pfn_range(PFN_UP(start), PFN_DOWN(end));
	setup_per_zone_wmarks(true);
	mem_init_print_info();
}

/**
 * mem_init_print_info - print Linux's "Memory:" line (see mmzone.h).
 * The kernel parts come from the linker's section markers; the host
 * harness supplies stand-ins (tests/host/host_arch.c).
 */
void mem_init_print_info(void)
{
	unsigned long physpages = 0, managed = totalram_pages();
	unsigned long text = section_size(_stext, _etext);
	unsigned long rodata = section_size(__start_rodata, __end_rodata);
	unsigned long data = section_size(_sdata, _edata);
	unsigned long init = section_size(__init_begin, __init_end);
	unsigned long bss = section_size(__bss_start, __bss_stop);
	int nid;

	for_each_online_node(nid)
		physpages += NODE_DATA(nid)->node_present_pages;
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved)\n",
		K(managed), K(physpages), text >> 10, data >> 10, rodata >> 10,
		init >> 10, bss >> 10, K(physpages - managed), 0UL);
}
