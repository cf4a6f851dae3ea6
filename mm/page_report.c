// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * page_report.c: the page allocator's state in Linux's /proc formats, so a
 * reader can hold Arbor's output beside a Linux machine's.
 *
 *   buddyinfo_show()     /proc/buddyinfo
 *   pagetypeinfo_show()  /proc/pagetypeinfo
 *   zoneinfo_show()      /proc/zoneinfo (a faithful subset)
 *   meminfo_show()       /proc/meminfo (a faithful subset)
 *   show_free_areas()    what Linux prints after an allocation failure
 *
 * Everything goes out through printk, one line per call.  Differences
 * from Linux, all because Arbor's pages have fewer states:
 *   - per-CPU pages are free: MemFree, "pages free" and nr_free_pages
 *     include them (Linux counts them as allocated).  buddyinfo and
 *     pagetypeinfo show the buddy lists only, as in Linux.
 *   - MemAvailable is Linux's si_mem_available() with no page cache:
 *     free - totalreserve_pages + SReclaimable - min(SReclaimable / 2,
 *     sum of low watermarks), at least 0.
 *   - page-cache, LRU, swap and similar counters Arbor does not have are
 *     printed as 0 so the layout matches; the slab, kernel-stack,
 *     page-table and vmalloc counters are fed by their owners through
 *     mod_*() below, machine-wide (zoneinfo prints them under the first
 *     node's first populated zone).
 *   - zoneinfo adds one Arbor counter, nr_alloc_fail (failed allocations
 *     that preferred this zone), prints no NUMA or vm-stats-threshold
 *     lines, and lists every possible CPU's per-CPU pages.
 *
 * Locking: counts of one zone are copied under zone->lock, then printed
 * without it (printk may be slow on a serial console).  The mm_stat
 * counters are atomics.
 */
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <asm/memlayout.h>

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE]	= "Unmovable",
	[MIGRATE_MOVABLE]	= "Movable",
	[MIGRATE_RECLAIMABLE]	= "Reclaimable",
};

static long mm_stat[NR_MM_STAT_ITEMS];

/**
 * global_mm_stat - current value of counter @item (0 if negative).
 */
long global_mm_stat(enum mm_stat_item item)
{
	long v = __atomic_load_n(&mm_stat[item], __ATOMIC_RELAXED);

	return v < 0 ? 0 : v;
}

/*
 * mm_stat_reset - zero every counter: a new memory map is being built
 * (boot, or a new host test machine).
 */
void mm_stat_reset(void)
{
	for (unsigned int i = 0; i < NR_MM_STAT_ITEMS; i++)
		__atomic_store_n(&mm_stat[i], 0, __ATOMIC_RELAXED);
}

/**
 * mod_mm_stat - add @delta to counter @item.
 */
void mod_mm_stat(enum mm_stat_item item, long delta)
{
	__atomic_add_fetch(&mm_stat[item], delta, __ATOMIC_RELAXED);
}

/** mod_node_page_state_slab - @pages more (or fewer) unreclaimable slab pages. */
void mod_node_page_state_slab(long pages)
{
	mod_mm_stat(NR_SLAB_UNRECLAIMABLE, pages);
}

/** mod_node_page_state_slab_reclaimable - the same for reclaimable slabs. */
void mod_node_page_state_slab_reclaimable(long pages)
{
	mod_mm_stat(NR_SLAB_RECLAIMABLE, pages);
}

/** mod_pagetables - @pages more (or fewer) page-table pages. */
void mod_pagetables(long pages)
{
	mod_mm_stat(NR_PAGETABLE, pages);
}

/** mod_vmalloc_pages - @pages more (or fewer) pages mapped by vmalloc. */
void mod_vmalloc_pages(long pages)
{
	mod_mm_stat(NR_VMALLOC, pages);
}

/** mod_kernel_stack_kb - @kb more (or fewer) KiB of kernel stacks. */
void mod_kernel_stack_kb(long kb)
{
	mod_mm_stat(NR_KERNEL_STACK_KB, kb);
}

/* Zones a report walks: the zone types this arch has. */
static bool zone_reported(const struct zone *zone)
{
	return zone_type_configured[zone_idx(zone)];
}

/* A copy of one zone's free lists, taken under its lock. */
struct zone_snapshot {
	unsigned long nr_free[NR_PAGE_ORDERS];
	unsigned long per_type[MIGRATE_TYPES][NR_PAGE_ORDERS];
	unsigned char types[NR_PAGE_ORDERS];	/* bit per non-empty type */
};

/* Linux caps a list walk at 100000 and prints ">100000". */
#define LIST_COUNT_CAP	100000

static void zone_snapshot(struct zone *zone, struct zone_snapshot *s)
{
	unsigned long flags;
	unsigned int o;
	int mt;

	spin_lock_irqsave(&zone->lock, flags);
	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		struct free_area *area = &zone->free_area[o];

		s->nr_free[o] = area->nr_free;
		s->types[o] = 0;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *pos;
			unsigned long n = 0;

			list_for_each(pos, &area->free_list[mt])
				if (++n >= LIST_COUNT_CAP)
					break;
			s->per_type[mt][o] = n;
			if (n)
				s->types[o] |= 1u << mt;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

/**
 * buddyinfo_show - print /proc/buddyinfo: for each populated zone,
 * "Node N, zone %8s" and the number of free blocks of each order 0..10.
 */
void buddyinfo_show(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		struct zone_snapshot s;
		char line[160];
		int len;
		unsigned int o;

		zone_snapshot(zone, &s);
		len = scnprintf(line, sizeof(line), "Node %d, zone %8s ",
				zone_to_nid(zone), zone->name);
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			len += scnprintf(line + len, sizeof(line) - len, "%6lu ",
					 s.nr_free[o]);
		printk("%s\n", line);
	}
}

/**
 * pagetypeinfo_show - print /proc/pagetypeinfo for each node: free blocks
 * per migratetype and order, then pageblocks per migratetype.
 */
void pagetypeinfo_show(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		char line[256];
		int len, mt, z;
		unsigned int o;

		printk("Page block order: %d\n", pageblock_order);
		printk("Pages per block:  %lu\n", pageblock_nr_pages);
		printk("\n");
		len = scnprintf(line, sizeof(line), "%-43s ",
				"Free pages count per migrate type at order");
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			len += scnprintf(line + len, sizeof(line) - len, "%6u ", o);
		printk("%s\n", line);

		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			struct zone_snapshot s;

			if (!populated_zone(zone))
				continue;
			zone_snapshot(zone, &s);
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				len = scnprintf(line, sizeof(line),
						"Node %4d, zone %8s, type %12s ",
						nid, zone->name, migratetype_names[mt]);
				for (o = 0; o < NR_PAGE_ORDERS; o++) {
					unsigned long n = s.per_type[mt][o];

					len += scnprintf(line + len, sizeof(line) - len,
							 "%s%6lu ",
							 n >= LIST_COUNT_CAP ? ">" : "", n);
				}
				printk("%s\n", line);
			}
		}

		printk("\n");
		len = scnprintf(line, sizeof(line), "%-23s", "Number of blocks type ");
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			len += scnprintf(line + len, sizeof(line) - len, "%12s ",
					 migratetype_names[mt]);
		printk("%s\n", line);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long count[MIGRATE_TYPES] = { 0 };
			unsigned long pfn;

			if (!populated_zone(zone))
				continue;
			for (pfn = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
			     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages) {
				unsigned long first = max(pfn, zone->zone_start_pfn);
				struct page *page;
				int t;

				if (!pfn_valid(first))
					continue;
				page = pfn_to_page(first);
				if (page_zone(page) != zone)
					continue;
				t = get_pageblock_migratetype(page);
				if (t < MIGRATE_TYPES)
					count[t]++;
			}
			len = scnprintf(line, sizeof(line), "Node %d, zone %8s ",
					nid, zone->name);
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				len += scnprintf(line + len, sizeof(line) - len,
						 "%12lu ", count[mt]);
			printk("%s\n", line);
		}
	}
}

static const char *const zone_stat_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_free_cma",
	"nr_alloc_fail",
};

static void zoneinfo_show_zone(struct zone *zone, bool node_stats)
{
	unsigned int cpu;
	size_t i;
	int j;

	printk("Node %d, zone %8s\n", zone_to_nid(zone), zone->name);
	if (node_stats) {
		printk("  per-node stats\n");
		printk("      %-12s %ld\n", "nr_slab_reclaimable",
		       global_mm_stat(NR_SLAB_RECLAIMABLE));
		printk("      %-12s %ld\n", "nr_slab_unreclaimable",
		       global_mm_stat(NR_SLAB_UNRECLAIMABLE));
		printk("      %-12s %ld\n", "nr_kernel_stack",
		       global_mm_stat(NR_KERNEL_STACK_KB));
		printk("      %-12s %ld\n", "nr_page_table_pages",
		       global_mm_stat(NR_PAGETABLE));
	}
	printk("  pages free     %lu\n", zone_free_pages(zone));
	printk("        boost    %lu\n", 0UL);
	printk("        min      %lu\n", min_wmark_pages(zone));
	printk("        low      %lu\n", low_wmark_pages(zone));
	printk("        high     %lu\n", high_wmark_pages(zone));
	printk("        spanned  %lu\n", zone->spanned_pages);
	printk("        present  %lu\n", zone->present_pages);
	printk("        managed  %lu\n", zone->managed_pages);
	printk("        cma      %lu\n", 0UL);
	{
		char line[128];
		int len = scnprintf(line, sizeof(line), "        protection: (%ld",
				    zone->lowmem_reserve[0]);

		for (j = 1; j < MAX_NR_ZONES; j++)
			len += scnprintf(line + len, sizeof(line) - len, ", %ld",
					 zone->lowmem_reserve[j]);
		printk("%s)\n", line);
	}
	if (!populated_zone(zone))
		return;
	for (i = 0; i < ARRAY_SIZE(zone_stat_names); i++) {
		unsigned long v = 0;

		if (i == 0)
			v = zone_free_pages(zone);
		else if (i == ARRAY_SIZE(zone_stat_names) - 1)
			v = READ_ONCE(zone->alloc_fail);
		printk("      %-12s %lu\n", zone_stat_names[i], v);
	}
	printk("  pagesets\n");
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &zone->pcp[cpu];

		printk("    cpu: %u\n", cpu);
		printk("              count: %d\n", READ_ONCE(pcp->count));
		printk("              high:  %d\n", READ_ONCE(pcp->high));
		printk("              batch: %d\n", READ_ONCE(pcp->batch));
	}
	printk("  node_unreclaimable:  %u\n", 0u);
	printk("  start_pfn:           %lu\n", zone->zone_start_pfn);
}

/**
 * zoneinfo_show - print /proc/zoneinfo: every zone type the arch has, on
 * every node; populated zones with their counters and per-CPU lists.
 */
void zoneinfo_show(void)
{
	bool node_stats = true;
	int nid, z;

	for_each_online_node(nid) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[z];

			if (!zone_reported(zone))
				continue;
			zoneinfo_show_zone(zone, node_stats && populated_zone(zone));
			if (populated_zone(zone))
				node_stats = false;
		}
	}
}

static void show_val_kb(const char *label, unsigned long pages)
{
	printk("%-16s%8lu kB\n", label, K(pages));
}

/**
 * meminfo_show - print the /proc/meminfo lines Arbor can fill, in Linux's
 * layout ("MemTotal:       16383436 kB").
 */
void meminfo_show(void)
{
	unsigned long total = totalram_pages(), free = nr_free_pages();
	unsigned long srecl = global_mm_stat(NR_SLAB_RECLAIMABLE);
	unsigned long sunrecl = global_mm_stat(NR_SLAB_UNRECLAIMABLE);
	unsigned long wmark_low = 0;
	long available;
	struct zone *zone;

	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	available = (long)free - (long)totalreserve_pages;
	available += (long)(srecl - min(srecl / 2, wmark_low));
	if (available < 0)
		available = 0;

	show_val_kb("MemTotal:", total);
	show_val_kb("MemFree:", free);
	show_val_kb("MemAvailable:", (unsigned long)available);
	show_val_kb("Buffers:", 0);
	show_val_kb("Cached:", 0);
	show_val_kb("SwapCached:", 0);
	show_val_kb("Active:", 0);
	show_val_kb("Inactive:", 0);
	show_val_kb("Active(anon):", 0);
	show_val_kb("Inactive(anon):", 0);
	show_val_kb("Active(file):", 0);
	show_val_kb("Inactive(file):", 0);
	show_val_kb("Unevictable:", 0);
	show_val_kb("Mlocked:", 0);
	show_val_kb("SwapTotal:", 0);
	show_val_kb("SwapFree:", 0);
	show_val_kb("Dirty:", 0);
	show_val_kb("Writeback:", 0);
	show_val_kb("AnonPages:", 0);
	show_val_kb("Mapped:", 0);
	show_val_kb("Shmem:", 0);
	show_val_kb("KReclaimable:", srecl);
	show_val_kb("Slab:", srecl + sunrecl);
	show_val_kb("SReclaimable:", srecl);
	show_val_kb("SUnreclaim:", sunrecl);
	printk("%-16s%8lu kB\n", "KernelStack:",
	       (unsigned long)global_mm_stat(NR_KERNEL_STACK_KB));
	show_val_kb("PageTables:", global_mm_stat(NR_PAGETABLE));
	printk("%-16s%8lu kB\n", "VmallocTotal:",
	       (unsigned long)(VMALLOC_END - VMALLOC_START) >> 10);
	show_val_kb("VmallocUsed:", global_mm_stat(NR_VMALLOC));
	show_val_kb("VmallocChunk:", 0);
	show_val_kb("Percpu:", 0);
}

/**
 * show_free_areas - Linux's post-failure report: per populated zone its
 * free pages and watermarks in kB, lowmem reserves, then the free blocks
 * per order with the types that have them (U = unmovable, M = movable,
 * E = reclaimable) and their total.
 */
void show_free_areas(void)
{
	static const char letters[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = 'U', [MIGRATE_MOVABLE] = 'M',
		[MIGRATE_RECLAIMABLE] = 'E',
	};
	struct zone *zone;

	for_each_populated_zone(zone) {
		char line[256];
		int len, j;

		printk("Node %d %s free:%lukB boost:0kB min:%lukB low:%lukB high:%lukB present:%lukB managed:%lukB free_pcp:%lukB local_pcp:%ukB\n",
		       zone_to_nid(zone), zone->name, K(zone_free_pages(zone)),
		       K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
		       K(high_wmark_pages(zone)), K(zone->present_pages),
		       K(zone->managed_pages), K(zone_pcp_pages(zone)),
		       (unsigned int)K((unsigned long)READ_ONCE(zone->pcp[arch_cpu_id()].count)));
		len = scnprintf(line, sizeof(line), "lowmem_reserve[]:");
		for (j = 0; j < MAX_NR_ZONES; j++)
			len += scnprintf(line + len, sizeof(line) - len, " %ld",
					 zone->lowmem_reserve[j]);
		printk("%s\n", line);
	}
	for_each_populated_zone(zone) {
		struct zone_snapshot s;
		unsigned long total = 0;
		char line[512];
		unsigned int o;
		int len, mt;

		zone_snapshot(zone, &s);
		len = scnprintf(line, sizeof(line), "Node %d %s: ", zone_to_nid(zone),
				zone->name);
		for (o = 0; o < NR_PAGE_ORDERS; o++) {
			total += s.nr_free[o] << o;
			len += scnprintf(line + len, sizeof(line) - len, "%lu*%lukB ",
					 s.nr_free[o], K(1UL) << o);
			if (!s.nr_free[o])
				continue;
			len += scnprintf(line + len, sizeof(line) - len, "(");
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				if (s.types[o] & (1u << mt))
					len += scnprintf(line + len, sizeof(line) - len,
							 "%c", letters[mt]);
			len += scnprintf(line + len, sizeof(line) - len, ") ");
		}
		printk("%s= %lukB\n", line, K(total));
	}
}
