// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `page <pfn|pa|va>`: one struct page, decoded (Linux's dump_page() in
 * spirit, for a page the user names):
 *
 *   page: pfn 0x80400 pa 0x0000000080400000 struct page 0xffffffc700402000
 *   flags: 0x10002(buddy|zone=1|node=0)
 *   raw: 0000000000010002 ffffffc7004e2008 ffffffc700402808 000000000000000a
 *   zone: DMA32 node: 0 pageblock: Movable
 *   buddy: free block of order 10 (1024 pages) on free_area[10]
 *
 * The number is taken as a pfn if one with a struct page exists, else
 * as a physical address, else as a kernel virtual address (linear map,
 * vmalloc, kernel image: looked up in the kernel page tables); "pfn",
 * "pa" or "va" before it says which.  Frames without a struct page (holes,
 * device memory) are refused.  The struct page is only read, without
 * locks: a report, not a proof.
 */
#include <kernel/monitor.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/mmzone.h>
#include <mm/page.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>

static const char *const page_flag_names[__NR_PAGEFLAGS] = {
	[PG_reserved]	= "reserved",
	[PG_buddy]	= "buddy",
	[PG_head]	= "head",
	[PG_tail]	= "tail",
	[PG_slab]	= "slab",
	[PG_pcp]	= "pcp",
	[PG_nomap]	= "nomap",
	[PG_guard]	= "guard",
};

static const char *const slab_state_names[] = {
	[SLAB_NONE]	= "none",
	[SLAB_PARTIAL]	= "partial",
	[SLAB_FULL]	= "full",
	[SLAB_FROZEN]	= "frozen (a CPU's active slab)",
};

static bool va_to_pfn(u64 va, unsigned long *pfn)
{
	phys_addr_t pa;

	if (!kernel_pgd || !pgtable_translate(kernel_pgd, (unsigned long)va, &pa, NULL))
		return false;
	*pfn = PHYS_PFN(pa);
	return true;
}

/* The pfn the user meant, or false after saying why not. */
static bool resolve(const char *how, u64 v, unsigned long *pfn)
{
	bool any = !how;

	if ((any || !strcmp(how, "pfn")) && v < PHYS_PFN(PHYS_ADDR_MAX) &&
	    pfn_valid((unsigned long)v)) {
		*pfn = (unsigned long)v;
		return true;
	}
	if ((any || !strcmp(how, "pa")) && pfn_valid(PHYS_PFN(v))) {
		*pfn = PHYS_PFN(v);
		return true;
	}
	if ((any || !strcmp(how, "va")) && va_to_pfn(v, pfn)) {
		if (pfn_valid(*pfn))
			return true;
		pr_info("page: va 0x%llx maps pfn 0x%lx, which has no struct page (device memory?)\n",
			(unsigned long long)v, *pfn);
		return false;
	}
	pr_info("page: 0x%llx is no %s with a struct page (not in memblock.memory%s)\n",
		(unsigned long long)v, any ? "pfn, physical address or mapped kernel address" : how,
		any || !strcmp(how, "va") ? ", or not mapped" : "");
	return false;
}

static void print_flags(const struct page *page)
{
	char buf[128];
	size_t n = 0;
	int mt;

	for (unsigned int bit = 0; bit < __NR_PAGEFLAGS; bit++)
		if (page->flags & (1UL << bit))
			n += scnprintf(buf + n, sizeof(buf) - n, "%s|", page_flag_names[bit]);
	n += scnprintf(buf + n, sizeof(buf) - n, "zone=%u|node=%d", page_zonenum(page),
		       page_to_nid(page));
	/* The type the per-CPU lists took it from (page.h), when not the first. */
	mt = flags_pcpmt(page->flags);
	if (mt)
		scnprintf(buf + n, sizeof(buf) - n, "|pcp_mt=%s",
			  mt < MIGRATE_TYPES ? migratetype_names[mt] : "?");
	pr_info("flags: 0x%lx(%s)\n", page->flags, buf);
}

/* A page inside a free buddy block (not its head): which block? */
static bool print_inside_free_block(unsigned long pfn)
{
	for (unsigned int order = 1; order <= MAX_ORDER; order++) {
		unsigned long head = pfn & ~((1UL << order) - 1);
		struct page *hp;

		if (!pfn_valid(head))
			return false;
		hp = pfn_to_page(head);
		if ((PageBuddy(hp) || PagePcp(hp)) && hp->private >= order &&
		    hp->private <= MAX_ORDER) {
			pr_info("free: inside the free order-%lu block at pfn 0x%lx (%s)\n",
				hp->private, head, PageBuddy(hp) ? "buddy lists" : "a per-CPU list");
			return true;
		}
	}
	return false;
}

static void print_slab(struct page *slab, const char *prefix)
{
	struct kmem_cache *s = slab->slab_cache;
	enum slab_state st = slab_state(slab);

	pr_info("%sslab of cache %s: order %u, objects %u, inuse %u, state %s, freelist %p\n",
		prefix, s ? s->name : "(none)", slab_order(slab), slab_objects(slab),
		slab_inuse(slab), slab_state_names[st], slab->freelist);
	if (!s || st != SLAB_FROZEN)
		return;
	/* inuse counts the objects on the owning CPU's private freelist too. */
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		unsigned int nr_free;

		if (READ_ONCE(s->cpu_slab[cpu].slab) != slab)
			continue;
		nr_free = slab_cpu_free_objects(s, cpu);
		pr_info("%sCPU %d's active slab: %u objects on its freelist, %u allocated\n",
			prefix, cpu, nr_free, slab_inuse(slab) - min(nr_free, slab_inuse(slab)));
	}
}

static void print_state(struct page *page, unsigned long pfn)
{
	if (PageBuddy(page)) {
		pr_info("buddy: free block of order %lu (%lu pages) on free_area[%lu]\n",
			page->private, 1UL << min(page->private, (unsigned long)MAX_ORDER),
			page->private);
	} else if (PagePcp(page)) {
		pr_info("pcp: free block of order %lu on a per-CPU list (buddyinfo does not count it)\n",
			page->private);
	} else if (PageTail(page)) {
		struct page *head = compound_head(page);
		unsigned long hpfn = page_to_pfn(head);

		if (pfn_valid(hpfn) && PageSlab(head))
			print_slab(head, "compound tail: ");
		else if (pfn_valid(hpfn))
			pr_info("compound tail: head page pfn 0x%lx, order %u\n", hpfn,
				compound_order(head));
		else
			pr_info("compound tail: head pointer 0x%lx is no struct page\n",
				page->compound_head);
	} else if (PageSlab(page)) {
		print_slab(page, "");
	} else if (PageHead(page)) {
		pr_info("compound head: order %u (%lu pages)\n", compound_order(page),
			1UL << compound_order(page));
	} else if (PageReserved(page)) {
		pr_info("reserved: never handed to the buddy allocator (memblock.reserved or NOMAP)\n");
	} else if (!print_inside_free_block(pfn)) {
		pr_info("in use: allocated (order not recorded for non-compound pages)\n");
	}
}

int monitor_cmd_page(int argc, char **argv)
{
	const char *how = NULL;
	unsigned long pfn;
	struct page *page;
	int nid;
	u64 v;

	if (argc == 3) {
		how = argv[1];
		if (strcmp(how, "pfn") && strcmp(how, "pa") && strcmp(how, "va"))
			return -EINVAL;
	} else if (argc != 2) {
		return -EINVAL;
	}
	if (!monitor_parse_u64(argv[argc - 1], &v))
		return -EINVAL;
	if (!resolve(how, v, &pfn))
		return -ENOENT;

	page = pfn_to_page(pfn);
	pr_info("page: pfn 0x%lx pa 0x%016llx struct page %p\n", pfn,
		(unsigned long long)PFN_PHYS(pfn), (void *)page);
	print_flags(page);
	pr_info("raw: %016lx %016lx %016lx %016lx\n", ((unsigned long *)page)[0],
		((unsigned long *)page)[1], ((unsigned long *)page)[2],
		((unsigned long *)page)[3]);
	nid = page_to_nid(page);
	if (node_online(nid) && page_zonenum(page) < MAX_NR_ZONES)
		pr_info("zone: %s node: %d pageblock: %s\n", page_zone(page)->name, nid,
			migratetype_names[get_pageblock_migratetype(page) % MIGRATE_TYPES]);
	print_state(page, pfn);
	return 0;
}
