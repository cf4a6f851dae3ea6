// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target `buddy`: the page allocator (mm/page_alloc.c) driven by an
 * operation stream on a small fake machine, with a shadow map.
 *
 * Each input builds a fresh machine (the real boot steps: memblock,
 * zones_init(), memblock_free_all()), its shape picked by the first byte
 * (host_mem_recycle: RAM starts zeroed, but RAM of an earlier shape stays
 * mapped, so the checks below, not a fault, catch a page in a hole):
 *
 *   0  8 MiB at 0x80000000, 64 KiB of firmware reserved (DMA32 only)
 *   1  4 MiB below 4 GiB and 4 MiB above (DMA32 and Normal, a hole)
 *   2  5 MiB + 12 KiB at an address that is not pageblock aligned, with
 *      scattered reservations (ragged free blocks)
 *   3  two NUMA nodes of 4 MiB each
 *   4  x86-64's zones: DMA below 16 MiB, DMA32 above (24 MiB from 4 KiB)
 *
 * then runs the operations: allocations of every order, mobility, zone
 * modifier and __GFP_ZERO/__GFP_COMP/__GFP_HIGH, from any of the CPUs the
 * harness plays (host_cpu_id), frees (also from another CPU), drains,
 * per-CPU lists switched off and on, allocation bursts until memory runs
 * out, and failure injection (fail_page_alloc with a seed from the input).
 *
 * After every step:
 *   - buddy_check() passes;
 *   - nr_free_pages() plus the pages the harness holds is exactly what
 *     the machine had free at the start (nothing lost, nothing invented);
 *   - no "Bad page state" report appeared.
 * On every allocation the shadow map (one bit per page frame) proves the
 * block is new: aligned to its order, inside memory and in a zone the
 * gfp allows, not overlapping any block held, zeroed if asked, compound
 * if asked; each held block carries a pattern checked when it is freed
 * (a block handed out twice would be overwritten).  At the end everything
 * is freed, the per-CPU lists drained, and each zone's free lists must be
 * exactly what they were after boot: full merging makes them a function
 * of the set of free pages.
 */
#include <kernel/kernel.h>
#include <kernel/errno.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/fail_inject.h>
#include <asm/cpu.h>
#include "fuzz.h"

/* From tests/host/host_arch.c. */
extern unsigned long host_max_zone_pfn[MAX_NR_ZONES];
extern bool host_zone_limits_override;

#define MAX_HELD	256
#define SHADOW_PAGES	(1UL << 21)	/* 8 GiB of pfns: every machine below */

struct held {
	struct page *page;
	unsigned int order;
	u64 tag;
	gfp_t gfp;
};

static struct held held[MAX_HELD];
static unsigned int nheld;
static unsigned long held_pages;
static unsigned long base_free;
static unsigned long base_nr_free[MAX_NUMNODES][MAX_NR_ZONES][NR_PAGE_ORDERS];
static unsigned long base_bad;
static struct fuzz_input *in;
static u64 next_tag = 1;

/* Shadow: one bit per pfn, indexed by pfn - shadow_base. */
static unsigned long shadow[SHADOW_PAGES / 64 + 1];
static unsigned long shadow_base;
static unsigned long shadow_span;

static bool shadow_test(unsigned long pfn)
{
	unsigned long i = pfn - shadow_base;

	return i < shadow_span && (shadow[i / 64] >> (i % 64)) & 1;
}

static void shadow_set(unsigned long pfn, bool v)
{
	unsigned long i = pfn - shadow_base;

	if (i >= shadow_span)
		fuzz_fail("pfn %#lx is outside the machine", pfn);
	if (v)
		shadow[i / 64] |= 1UL << (i % 64);
	else
		shadow[i / 64] &= ~(1UL << (i % 64));
}

/* ---- machines ---- */

struct bank {
	phys_addr_t base, size;
	int nid;
};

static void build(const struct bank *banks, int n, const phys_addr_t (*rsv)[2],
		  int nrsv)
{
	phys_addr_t lo = ~(phys_addr_t)0, hi = 0;

	host_cpu_id = 0;
	host_mem_reset();
	memblock_reset();
	for (int i = 0; i < n; i++) {
		host_mem_map(banks[i].base, banks[i].size);
		if (banks[i].nid < 0)
			memblock_add(banks[i].base, banks[i].size);
		else
			memblock_add_node(banks[i].base, banks[i].size,
					  banks[i].nid, MEMBLOCK_NONE);
		lo = min(lo, banks[i].base);
		hi = max(hi, banks[i].base + banks[i].size);
	}
	for (int i = 0; i < nrsv; i++)
		memblock_reserve(rsv[i][0], rsv[i][1]);
	if (zones_init())
		fuzz_fail("zones_init failed on a valid machine");
	memblock_free_all();
	shadow_base = PHYS_PFN(lo);
	shadow_span = PHYS_PFN(hi) - shadow_base;
	if (shadow_span > SHADOW_PAGES)
		fuzz_fail("machine too large for the shadow map");
	memset(shadow, 0, sizeof(shadow));
}

static void machine(unsigned int shape)
{
	static const struct bank m0[] = { { 0x80000000, 8 * SZ_1M, -1 } };
	static const phys_addr_t r0[][2] = { { 0x80000000, 64 * SZ_1K } };
	static const struct bank m1[] = { { 0x80000000, 4 * SZ_1M, -1 },
					  { 0x100000000, 4 * SZ_1M, -1 } };
	static const struct bank m2[] = { { 0x80103000, 5 * SZ_1M + 12 * SZ_1K, -1 } };
	static const phys_addr_t r2[][2] = {
		{ 0x80105000, 0x1000 }, { 0x80180000, 0x3000 },
		{ 0x80300000, 0x21000 }, { 0x80500000, 0x1000 },
	};
	static const struct bank m3[] = { { 0x80000000, 4 * SZ_1M, 0 },
					  { 0x180000000, 4 * SZ_1M, 1 } };
	static const struct bank m4[] = { { 0x1000, 24 * SZ_1M - 0x1000, -1 } };

	host_zone_limits_override = false;
	switch (shape) {
	case 0:
		build(m0, 1, r0, 1);
		break;
	case 1:
		build(m1, 2, NULL, 0);
		break;
	case 2:
		build(m2, 1, r2, ARRAY_SIZE(r2));
		break;
	case 3:
		build(m3, 2, NULL, 0);
		break;
	default:
		host_max_zone_pfn[ZONE_DMA] = PHYS_PFN(SZ_16M);
		host_max_zone_pfn[ZONE_DMA32] = PHYS_PFN(24 * SZ_1M);
		host_max_zone_pfn[ZONE_NORMAL] = PHYS_PFN(24 * SZ_1M);
		host_zone_limits_override = true;
		build(m4, 1, NULL, 0);
		host_zone_limits_override = false;
		break;
	}
}

static void snapshot_lists(unsigned long out[MAX_NUMNODES][MAX_NR_ZONES][NR_PAGE_ORDERS])
{
	struct zone *zone;

	memset(out, 0, sizeof(base_nr_free));
	for_each_zone(zone)
		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
			out[zone_to_nid(zone)][zone_idx(zone)][o] =
				zone->free_area[o].nr_free;
}

/* ---- checks ---- */

static void check_counts(const char *after)
{
	if (buddy_check())
		fuzz_fail("buddy_check failed after %s", after);
	if (nr_free_pages() + held_pages != base_free)
		fuzz_fail("after %s: %lu free + %lu held != %lu at boot", after,
			  nr_free_pages(), held_pages, base_free);
	if (nr_bad_page_reports() != base_bad)
		fuzz_fail("a bad page report after %s", after);
}

/* Fill the first and last word of every page of the block with @tag. */
static void stamp(struct page *page, unsigned int order, u64 tag)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u64 *p = page_address(page + i);

		p[0] = tag ^ i;
		p[PAGE_SIZE / 8 - 1] = ~tag ^ i;
	}
}

static void verify_stamp(const struct held *h)
{
	for (unsigned long i = 0; i < (1UL << h->order); i++) {
		const u64 *p = page_address(h->page + i);

		if (p[0] != (h->tag ^ i) || p[PAGE_SIZE / 8 - 1] != (~h->tag ^ i))
			fuzz_fail("block at pfn %#lx order %u: page %lu was overwritten while held",
				  page_to_pfn(h->page), h->order, i);
	}
}

static int allowed_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return zone_type_configured[ZONE_DMA] ? ZONE_DMA : ZONE_DMA32;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

/* A new block: check it against the shadow map and take it. */
static void take(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;
	struct held *h;

	if (pfn & (n - 1))
		fuzz_fail("order-%u block at pfn %#lx is not aligned", order, pfn);
	if ((int)page_zonenum(page) > allowed_zone(gfp))
		fuzz_fail("gfp %#x got a page of zone %u", gfp, page_zonenum(page));
	for (unsigned long i = 0; i < n; i++) {
		struct page *p = page + i;

		if (!pfn_valid(pfn + i) || !memblock_is_memory(PFN_PHYS(pfn + i)))
			fuzz_fail("pfn %#lx of a new block is not memory", pfn + i);
		if (memblock_is_reserved(PFN_PHYS(pfn + i)))
			fuzz_fail("pfn %#lx of a new block is reserved", pfn + i);
		if (shadow_test(pfn + i))
			fuzz_fail("pfn %#lx handed out twice", pfn + i);
		if (PageBuddy(p) || PagePcp(p) || PageReserved(p) || PageSlab(p))
			fuzz_fail("pfn %#lx of a new block has flags %#lx", pfn + i, p->flags);
		shadow_set(pfn + i, true);
	}
	if (gfp & __GFP_ZERO) {
		const u64 *w = page_address(page);

		for (unsigned long i = 0; i < (PAGE_SIZE << order) / 8; i++)
			if (w[i])
				fuzz_fail("__GFP_ZERO block at pfn %#lx has data at word %lu", pfn, i);
	}
	if ((gfp & __GFP_COMP) && order) {
		if (!PageHead(page) || compound_order(page) != order)
			fuzz_fail("__GFP_COMP block at pfn %#lx is not a compound page of order %u",
				  pfn, order);
		for (unsigned long i = 1; i < n; i++)
			if (compound_head(page + i) != page)
				fuzz_fail("tail %lu of pfn %#lx does not lead to its head", i, pfn);
	}
	if (nheld == MAX_HELD) {
		__free_pages(page, order);	/* table full: give it straight back */
		for (unsigned long i = 0; i < n; i++)
			shadow_set(pfn + i, false);
		return;
	}
	h = &held[nheld++];
	h->page = page;
	h->order = order;
	h->gfp = gfp;
	h->tag = next_tag++ * 0x9e3779b97f4a7c15ULL;
	stamp(page, order, h->tag);
	held_pages += n;
}

static void give_back(unsigned int i, bool by_address)
{
	struct held h = held[i];
	unsigned long pfn = page_to_pfn(h.page);

	verify_stamp(&h);
	held[i] = held[--nheld];
	held_pages -= 1UL << h.order;
	for (unsigned long k = 0; k < (1UL << h.order); k++)
		shadow_set(pfn + k, false);
	if (by_address)
		free_pages((unsigned long)page_address(h.page), h.order);
	else
		__free_pages(h.page, h.order);
}

/* ---- operations ---- */

static gfp_t read_gfp(void)
{
	static const gfp_t mobility[] = { GFP_KERNEL, GFP_KERNEL | __GFP_MOVABLE,
					  GFP_KERNEL | __GFP_RECLAIMABLE };
	unsigned int b = fz_u8(in);
	gfp_t gfp = mobility[b % 3];

	if ((b >> 2) % 4 == 1)
		gfp |= __GFP_DMA;
	else if ((b >> 2) % 4 == 2)
		gfp |= __GFP_DMA32;
	if (b & 0x10)
		gfp |= __GFP_ZERO;
	if (b & 0x20)
		gfp |= __GFP_COMP;
	if (b & 0x40)
		gfp |= __GFP_HIGH;
	if (!(b & 0x80) || fz_u8(in))
		gfp |= __GFP_NOWARN;	/* now and then the warning path */
	return gfp;
}

/* Small orders are common, large ones rare. */
static unsigned int read_order(void)
{
	unsigned int b = fz_u8(in);

	return b < 160 ? b % 4 : b % (MAX_ORDER + 2);	/* MAX_ORDER + 1: refused */
}

static void op_alloc(bool node_form)
{
	unsigned int order = read_order();
	gfp_t gfp = read_gfp();
	struct page *page;

	if (node_form)
		page = alloc_pages_node((int)fz_below(in, MAX_NUMNODES + 1) - 1, gfp, order);
	else
		page = alloc_pages(gfp, order);
	if (order > MAX_ORDER) {
		if (page)
			fuzz_fail("an order-%u allocation succeeded", order);
		return;
	}
	if (page)
		take(page, order, gfp);
}

static void step(void)
{
	unsigned int op = fz_u8(in) % 16;

	switch (op) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
		op_alloc(false);
		break;
	case 5:
		op_alloc(true);
		break;
	case 6: {	/* the address forms */
		bool zeroed = fz_u8(in) & 1;
		unsigned int order = zeroed ? 0 : read_order() % (MAX_ORDER + 1);
		unsigned long addr = zeroed ? get_zeroed_page(GFP_KERNEL | __GFP_NOWARN) :
				     __get_free_pages(GFP_KERNEL | __GFP_NOWARN, order);

		if (addr)
			take(virt_to_page((void *)addr), order,
			     zeroed ? GFP_KERNEL | __GFP_ZERO : GFP_KERNEL);
		break;
	}
	case 7:
	case 8:
	case 9:
	case 10:
		if (nheld)
			give_back((unsigned int)fz_below(in, nheld), fz_u8(in) % 4 == 0);
		break;
	case 11:	/* play another CPU */
		host_cpu_id = (int)fz_below(in, NR_CPUS);
		break;
	case 12:
		if (fz_u8(in) & 1)
			drain_all_pages(NULL);
		else
			drain_local_pages(NULL);
		break;
	case 13: {	/* per-CPU lists off and on again */
		struct zone *zone;
		bool off = fz_u8(in) & 1;

		for_each_populated_zone(zone) {
			if (off)
				zone_pcp_disable(zone);
			else
				zone_pcp_enable(zone);
		}
		break;
	}
	case 14: {	/* a burst until memory runs out */
		unsigned int order = read_order() % (MAX_ORDER + 1);
		gfp_t gfp = read_gfp() | __GFP_NOWARN;

		for (int i = 0; i < 64 && nheld < MAX_HELD; i++) {
			struct page *page = alloc_pages(gfp, order);

			if (!page)
				break;
			take(page, order, gfp);
		}
		break;
	}
	default: {	/* failure injection on or off */
		unsigned int b = fz_u8(in);

		if (b & 1) {
			fail_inject_set(&fail_page_alloc, b % 101, fz_u8(in));
			fail_inject_enable();
		} else {
			fail_inject_disable();
		}
		break;
	}
	}
	check_counts("a step");
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_input input = { data, size };
	unsigned long end_nr_free[MAX_NUMNODES][MAX_NR_ZONES][NR_PAGE_ORDERS];
	struct zone *zone;
	unsigned int steps = 0;

	fuzz_host_init();
	host_mem_recycle = true;	/* RAM zeroed in place, not faulted in again */
	host_log_clear();
	in = &input;
	fail_inject_disable();
	machine(fz_u8(in) % 5);
	nheld = 0;
	held_pages = 0;
	base_free = nr_free_pages();
	base_bad = nr_bad_page_reports();
	snapshot_lists(base_nr_free);
	check_counts("boot");

	while (!fz_empty(in) && steps++ < 2048)
		step();

	/* Give everything back: the lists must be exactly as after boot. */
	fail_inject_disable();
	while (nheld)
		give_back(nheld - 1, false);
	for_each_populated_zone(zone)
		zone_pcp_enable(zone);
	drain_all_pages(NULL);
	check_counts("freeing everything");
	snapshot_lists(end_nr_free);
	if (memcmp(end_nr_free, base_nr_free, sizeof(end_nr_free)))
		fuzz_fail("with every page free again the free lists differ from boot");
	host_cpu_id = 0;
	return 0;
}
