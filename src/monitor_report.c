// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The monitor's reports: the mm/ reporters in Linux's formats (meminfo,
 * buddyinfo, pagetypeinfo, zoneinfo, slabinfo, vmallocinfo, the debugfs
 * memblock lists, ptdump, /proc/cmdline), and one report Linux lacks:
 *
 *   freeblocks [order]   every free block by address, for pictures of
 *                        fragmentation (tools/plot-memmap reads it):
 *
 *   Node 0, zone    DMA32
 *     buddy order  0 pfn 0x00080294 count     1 [mem 0x0000000080294000-0x0000000080294fff]
 *     buddy order 10 pfn 0x00080400 count   255 [mem 0x0000000080400000-0x00000000bfbfffff]
 *     pcp   order  0 pfn 0x000fe201 count    62 [mem 0x00000000fe201000-0x00000000fe23efff]
 *     total: buddy 519168 pages in 302 blocks, pcp 62 pages
 *
 *   A line is a run of `count` blocks of one order, one right after the
 *   other; "buddy" blocks are on the zone's free lists, "pcp" ones on a
 *   CPU's per-CPU list (free, but invisible to buddyinfo).  The walk reads
 *   struct pages of present memory only, in pfn order, under zone->lock;
 *   at most FREEBLOCKS_MAX_LINES lines are printed per call.
 */
#include <kernel/monitor.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/page.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <asm/memlayout.h>

#define FREEBLOCKS_MAX_LINES	8192

int monitor_cmd_meminfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	meminfo_show();
	return 0;
}

int monitor_cmd_buddyinfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	buddyinfo_show();
	return 0;
}

int monitor_cmd_pagetypeinfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	pagetypeinfo_show();
	return 0;
}

int monitor_cmd_zoneinfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	zoneinfo_show();
	return 0;
}

int monitor_cmd_slabinfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	slabinfo_show();
	return 0;
}

int monitor_cmd_vmallocinfo(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	vmallocinfo_show();
	return 0;
}

int monitor_cmd_memblock(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	pr_info("memblock/memory:\n");
	memblock_debugfs_show(&memblock.memory);
	pr_info("memblock/reserved:\n");
	memblock_debugfs_show(&memblock.reserved);
	return 0;
}

int monitor_cmd_cmdline(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	pr_info("%s\n", boot_command_line);
	return 0;
}

/* ---- freeblocks ---- */

struct fb_walk {
	int only_order;			/* -1: every order */
	unsigned long lines;		/* printed so far (all zones) */
	unsigned long dropped;		/* runs over the line limit */
	/* The open run. */
	unsigned long pfn, count;
	unsigned int order;
	bool pcp;
	/* Zone totals. */
	unsigned long buddy_pages, buddy_blocks, pcp_pages;
};

static void fb_flush(struct fb_walk *w)
{
	unsigned long pages = w->count << w->order;
	phys_addr_t start = PFN_PHYS(w->pfn);

	if (!w->count)
		return;
	if (w->lines < FREEBLOCKS_MAX_LINES) {
		pr_info("  %-5s order %2u pfn 0x%08lx count %5lu [mem 0x%016llx-0x%016llx]\n",
			w->pcp ? "pcp" : "buddy", w->order, w->pfn, w->count,
			(unsigned long long)start,
			(unsigned long long)(start + PFN_PHYS(pages) - 1));
		w->lines++;
	} else {
		w->dropped++;
	}
	w->count = 0;
}

static void fb_block(struct fb_walk *w, unsigned long pfn, unsigned int order,
		     bool pcp)
{
	if (pcp)
		w->pcp_pages += 1UL << order;
	else {
		w->buddy_pages += 1UL << order;
		w->buddy_blocks++;
	}
	if (w->only_order >= 0 && (int)order != w->only_order)
		return;
	if (w->count && w->order == order && w->pcp == pcp &&
	    w->pfn + (w->count << order) == pfn) {
		w->count++;
		return;
	}
	fb_flush(w);
	w->pfn = pfn;
	w->order = order;
	w->pcp = pcp;
	w->count = 1;
}

static void fb_zone(struct fb_walk *w, struct zone *zone)
{
	unsigned long start, end, flags;
	int i, nid = zone_to_nid(zone);

	w->buddy_pages = w->buddy_blocks = w->pcp_pages = 0;
	pr_info("Node %d, zone %8s\n", nid, zone->name);
	spin_lock_irqsave(&zone->lock, flags);
	for_each_mem_pfn_range(i, nid, &start, &end, NULL) {
		unsigned long pfn = max(start, zone->zone_start_pfn);

		end = min(end, zone_end_pfn(zone));
		while (pfn < end) {
			struct page *page = pfn_to_page(pfn);
			bool buddy = PageBuddy(page), pcp = PagePcp(page);
			unsigned long order = page->private;

			if ((!buddy && !pcp) || order > MAX_ORDER) {
				pfn++;
				continue;
			}
			fb_block(w, pfn, (unsigned int)order, pcp);
			pfn += 1UL << order;
		}
	}
	fb_flush(w);
	spin_unlock_irqrestore(&zone->lock, flags);
	pr_info("  total: buddy %lu pages in %lu blocks, pcp %lu pages\n",
		w->buddy_pages, w->buddy_blocks, w->pcp_pages);
}

int monitor_cmd_freeblocks(int argc, char **argv)
{
	struct fb_walk w = { .only_order = -1 };
	struct zone *zone;
	u64 order;

	if (argc > 2)
		return -EINVAL;
	if (argc == 2) {
		if (!monitor_parse_range(argv[1], 0, MAX_ORDER, &order))
			return -EINVAL;
		w.only_order = (int)order;
	}
	for_each_populated_zone(zone)
		fb_zone(&w, zone);
	if (w.dropped)
		pr_info("freeblocks: %lu more runs not shown (limit %d lines); try freeblocks <order>\n",
			w.dropped, FREEBLOCKS_MAX_LINES);
	return 0;
}

/* ---- ptdump ---- */

int monitor_cmd_ptdump(int argc, char **argv)
{
	struct pgtable_marker m[8] = {
		{ pgtable_sign_extend(1UL << (VA_BITS - 1)), "Kernel space" },
		{ VMEMMAP_START, "vmemmap start" },
		{ VMEMMAP_START + VMEMMAP_SIZE, "vmemmap end" },
		{ VMALLOC_START, "vmalloc() area" },
		{ VMALLOC_END, "vmalloc() end" },
		{ PAGE_OFFSET, "Linear mapping" },
		{ KERNEL_VBASE, "Kernel mapping" },
		{ 0, NULL },
	};
	u64 va;

	if (argc > 2)
		return -EINVAL;
	if (!kernel_pgd) {
		pr_info("ptdump: no kernel page tables yet\n");
		return -ENOENT;
	}
	if (argc == 2) {
		if (!monitor_parse_u64(argv[1], &va))
			return -EINVAL;
		pgtable_dump_va(kernel_pgd, (unsigned long)va);
		return 0;
	}
	/* Markers must be in address order; the arches order them differently. */
	for (unsigned int i = 1; m[i].name; i++)
		for (unsigned int j = i; j > 0 && m[j].start < m[j - 1].start; j--) {
			struct pgtable_marker t = m[j];

			m[j] = m[j - 1];
			m[j - 1] = t;
		}
	pgtable_dump_markers(kernel_pgd, m);
	return 0;
}
