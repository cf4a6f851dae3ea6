// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock against a model: thousands of random add/remove/reserve/free/
 * flag/node/alloc steps over a small window, each one replayed on a
 * per-page array, and after every step the two must agree page by page,
 * in their totals and in their free ranges, and memblock_check() must
 * pass.  The random sequence is fixed (xorshift with a constant seed), so
 * a failure repeats.
 */
#include "memblock_test.h"

#include <asm/page.h>

KTEST_SUITE(memblock_model, memblock_test_init, memblock_test_exit);

#define BASE		0x80000000ULL
#define NPAGES		128	/* == INIT_MEMBLOCK_REGIONS: see run_model */
#define PG		((phys_addr_t)SZ_4K)

struct model_page {
	bool mem, rsv;
	int nid;
	unsigned int flags;
};

static struct model_page model[NPAGES];
static u64 rng_state;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned int rnd(unsigned int n)
{
	return (unsigned int)(rng() % n);
}

static phys_addr_t pa(unsigned int page)
{
	return BASE + page * PG;
}

/* Compare every page, the totals and the free ranges; 0 if all agree. */
static int model_compare(struct ktest_ctx *t, unsigned int step)
{
	phys_addr_t mem_total = 0, rsv_total = 0, start, end;
	unsigned int p, q;
	u64 i;

	for (p = 0; p < NPAGES; p++) {
		const struct model_page *m = &model[p];
		phys_addr_t a = pa(p) + PG / 2;
		long idx = -1;

		for (q = 0; q < memblock.memory.cnt; q++)
			if (memblock.memory.regions[q].base <= a &&
			    a < memblock.memory.regions[q].base +
				memblock.memory.regions[q].size)
				idx = q;
		if (memblock_is_memory(a) != m->mem ||
		    memblock_is_reserved(a) != m->rsv ||
		    memblock_is_map_memory(a) != (m->mem && !(m->flags & MEMBLOCK_NOMAP)) ||
		    (m->mem && (idx < 0 ||
				memblock.memory.regions[idx].nid != m->nid ||
				memblock.memory.regions[idx].flags != m->flags))) {
			ktest_fail(t, __FILE__, __LINE__,
				   "step %u: page %u (0x%llx) disagrees with the model",
				   step, p, (unsigned long long)pa(p));
			return -1;
		}
		mem_total += m->mem ? PG : 0;
		rsv_total += m->rsv ? PG : 0;
	}
	if (memblock_phys_mem_size() != mem_total ||
	    memblock_reserved_size() != rsv_total) {
		ktest_fail(t, __FILE__, __LINE__, "step %u: totals disagree", step);
		return -1;
	}

	/* Free ranges: maximal runs of mapped, unreserved memory (any node). */
	p = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		while (p < NPAGES && !(model[p].mem && !model[p].rsv &&
				       !(model[p].flags & MEMBLOCK_NOMAP)))
			p++;
		if (p == NPAGES || start != pa(p)) {
			ktest_fail(t, __FILE__, __LINE__,
				   "step %u: free range starts at 0x%llx, model at page %u",
				   step, (unsigned long long)start, p);
			return -1;
		}
		while (p < NPAGES && model[p].mem && !model[p].rsv &&
		       !(model[p].flags & MEMBLOCK_NOMAP) && pa(p) < end)
			p++;
		if (end != pa(p)) {
			ktest_fail(t, __FILE__, __LINE__,
				   "step %u: free range [0x%llx, 0x%llx) ends early or late",
				   step, (unsigned long long)start,
				   (unsigned long long)end);
			return -1;
		}
	}
	while (p < NPAGES && !(model[p].mem && !model[p].rsv &&
			       !(model[p].flags & MEMBLOCK_NOMAP)))
		p++;
	if (p != NPAGES) {
		ktest_fail(t, __FILE__, __LINE__,
			   "step %u: model has free page %u the iterator missed",
			   step, p);
		return -1;
	}
	return 0;
}

/*
 * The model's answer to a top-down/bottom-up allocation of @n pages.  An
 * allocation never straddles two memory regions (as on Linux): the pages
 * must agree on node and flags, since regions that agree are merged.
 */
static int model_find(unsigned int n, bool bottom_up)
{
	int p, best = -1;

	for (p = 0; p + (int)n <= NPAGES; p++) {
		unsigned int k;

		for (k = 0; k < n; k++) {
			const struct model_page *m = &model[p + k];

			if (!m->mem || m->rsv || (m->flags & MEMBLOCK_NOMAP) ||
			    m->nid != model[p].nid || m->flags != model[p].flags)
				break;
		}
		if (k < n)
			continue;
		best = p;
		if (bottom_up)
			break;
	}
	return best;
}

static void run_model(struct ktest_ctx *t, u64 seed, unsigned int steps)
{
	unsigned int step, allocs = 0, misses = 0;
	unsigned long max_cnt = 0;

	rng_state = seed;
	/*
	 * Arrays are not allowed to grow, and never need to: every region,
	 * even mid-split, is at least a page, so 128 pages never make more
	 * than 128 regions.  Nothing is written to the window's memory, so
	 * the suite is safe inside the kernel.
	 */
	memset(model, 0, sizeof(model));

	for (step = 0; step < steps; step++) {
		unsigned int a = rnd(NPAGES), n = 1 + rnd(24), op = rnd(11), p;
		unsigned int e = min(a + n, (unsigned int)NPAGES);
		int nid = (int)rnd(2), ret = 0;

		n = e - a;
		switch (op) {
		case 0:
		case 1:
			ret = memblock_add_node(pa(a), n * PG, nid, MEMBLOCK_NONE);
			for (p = a; p < e; p++)
				if (!model[p].mem)
					model[p] = (struct model_page){
						true, model[p].rsv, nid, 0 };
			break;
		case 2:
			ret = memblock_remove(pa(a), n * PG);
			for (p = a; p < e; p++)
				model[p] = (struct model_page){
					false, model[p].rsv, 0, 0 };
			break;
		case 3:
		case 4:
			ret = memblock_reserve(pa(a), n * PG);
			for (p = a; p < e; p++)
				model[p].rsv = true;
			break;
		case 5:
			ret = memblock_phys_free(pa(a), n * PG);
			for (p = a; p < e; p++)
				model[p].rsv = false;
			break;
		case 6:
		case 8: {
			unsigned int bit = op == 6 ? MEMBLOCK_NOMAP : MEMBLOCK_HOTPLUG;
			bool set = rnd(2);

			if (bit == MEMBLOCK_NOMAP)
				ret = set ? memblock_mark_nomap(pa(a), n * PG) :
					    memblock_clear_nomap(pa(a), n * PG);
			else
				ret = set ? memblock_mark_hotplug(pa(a), n * PG) :
					    memblock_clear_hotplug(pa(a), n * PG);
			for (p = a; p < e; p++) {
				if (!model[p].mem)
					continue;
				if (set)
					model[p].flags |= bit;
				else
					model[p].flags &= ~bit;
			}
			break;
		}
		case 7:
			ret = memblock_set_node(pa(a), n * PG, &memblock.memory, nid);
			for (p = a; p < e; p++)
				if (model[p].mem)
					model[p].nid = nid;
			break;
		default: {
			bool up = rnd(2);
			int want;
			phys_addr_t got;

			memblock_set_bottom_up(up);
			want = model_find(n, up);
			got = memblock_phys_alloc_range(n * PG, PG, pa(0),
							pa(NPAGES));
			if (want < 0) {
				KT_EXPECT_EQ(t, got, 0);
				misses++;
			} else {
				allocs++;
				KT_EXPECT_EQ(t, got, pa(want));
				for (p = want; p < want + n; p++)
					model[p].rsv = true;
			}
			break;
		}
		}
		KT_ASSERT_EQ(t, ret, 0);
		KT_ASSERT_EQ(t, memblock_check(), 0);
		if (model_compare(t, step))
			return;
		max_cnt = max(max_cnt, memblock.memory.cnt + memblock.reserved.cnt);
	}
	/* The walk went somewhere: both outcomes and a busy map were seen. */
	KT_EXPECT_GT(t, allocs, 50);
	KT_EXPECT_GT(t, misses, 50);
	KT_EXPECT_GT(t, max_cnt, 20);
}

/*
 * Memory fixed as one bank; only flags, nodes (three of them) and
 * reservations change, so regions split and merge on attributes alone.
 */
static void run_flags_model(struct ktest_ctx *t, u64 seed, unsigned int steps)
{
	unsigned int step, p;

	rng_state = seed;
	memset(model, 0, sizeof(model));
	memblock_add_node(pa(0), NPAGES * PG, 0, MEMBLOCK_NONE);
	for (p = 0; p < NPAGES; p++)
		model[p] = (struct model_page){ true, false, 0, 0 };

	for (step = 0; step < steps; step++) {
		unsigned int a = rnd(NPAGES), n = 1 + rnd(24), op = rnd(6);
		unsigned int e = min(a + n, (unsigned int)NPAGES);
		unsigned int bit = op < 2 ? MEMBLOCK_NOMAP :
				   op < 4 ? MEMBLOCK_HOTPLUG : 0;
		bool set = op % 2 == 0;
		int ret;

		n = e - a;
		if (bit) {
			if (bit == MEMBLOCK_NOMAP)
				ret = set ? memblock_mark_nomap(pa(a), n * PG) :
					    memblock_clear_nomap(pa(a), n * PG);
			else
				ret = set ? memblock_mark_hotplug(pa(a), n * PG) :
					    memblock_clear_hotplug(pa(a), n * PG);
			for (p = a; p < e; p++) {
				if (set)
					model[p].flags |= bit;
				else
					model[p].flags &= ~bit;
			}
		} else if (op == 4) {
			int nid = (int)rnd(3);

			ret = memblock_set_node(pa(a), n * PG, &memblock.memory, nid);
			for (p = a; p < e; p++)
				model[p].nid = nid;
		} else {
			ret = memblock_reserve(pa(a), n * PG);
			for (p = a; p < e; p++)
				model[p].rsv = true;
		}
		KT_ASSERT_EQ(t, ret, 0);
		KT_ASSERT_EQ(t, memblock_check(), 0);
		if (model_compare(t, step))
			return;
	}
}

KTEST(memblock_model, regions_seed1)
{
	run_model(t, 0x9e3779b97f4a7c15ULL, 3000);
}

KTEST(memblock_model, regions_seed2)
{
	run_model(t, 0x0123456789abcdefULL, 3000);
}

KTEST(memblock_model, flags_and_nodes)
{
	run_flags_model(t, 0xfeedfacecafebeefULL, 3000);
}
