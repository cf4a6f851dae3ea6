// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target `memblock`: the memblock API driven by an operation stream,
 * checked against a reference model after every step.
 *
 * The model is a map of a small address window cut into NG granules of G
 * bytes (G = 16 .. 4096): for each granule, whether it is memory (and with
 * which flags and node) and whether it is reserved.  Every operation
 * covers whole granules, so the model is exact:
 *
 *   window   |g0|g1|g2|g3|g4|g5| ...                     |g(NG-1)|
 *   memory    ==== ==== nomap===     ==== node 1 ====
 *   reserved        ======                 ==
 *
 * memblock's arrays must then be exactly the runs of the map: memory
 * regions are the maximal runs of memory granules with the same flags and
 * node (memblock merges neighbours that agree), reserved regions the
 * maximal runs of reserved granules.  After each step the target compares
 * both arrays region by region and runs memblock_check(); two of the
 * operations (and the end of every input) compare the queries
 * (is_memory, is_region_reserved, sizes, the free-range and pfn-range
 * iterators) with answers computed from the map.
 * Allocations are predicted from the map's free ranges: memblock's
 * documented rule (the highest, or with bottom_up the lowest, aligned fit
 * inside one free range of one region, never in the first page).
 *
 * The first input byte picks the window:
 *
 *   0  at physical 0 (the first page is never allocated)
 *   1  at 0x80000000, a typical RAM base
 *   2  at the top of the 64-bit space: a range reaching 2^64 is capped one
 *      byte short, as memblock_cap_size() does
 *   3  at 0x80000000 with 16..64-byte granules and up to 1024 of them, and
 *      memblock_allow_resize(): the arrays outgrow their 128 static slots
 *      and double into a separate 1 MiB pool bank at 0x40000000 (the
 *      current limit keeps every other allocation out of the window too);
 *      only the window is modelled, the pool's regions are checked to stay
 *      inside the pool
 *
 * Windows 0 and 1 are backed by fake physical memory, so the zeroing
 * allocators (memblock_alloc_*) run too.
 */
#include <kernel/kernel.h>
#include <kernel/errno.h>
#include <mm/memblock.h>
#include <mm/page.h>
#include <asm/page.h>
#include "fuzz.h"

#define MAX_NG		1024
#define POOL_BASE	0x40000000ULL
#define POOL_SIZE	(1ULL << 20)
#define LOW_WIN		0x80000000ULL
#define NO_NODE		MAX_NUMNODES	/* memblock's "no node" */

struct gran {
	bool mem, resv;
	u8 flags;
	int nid;
};

static struct gran map[MAX_NG];
static unsigned int ng;		/* granules in the window */
static u64 G;			/* granule size */
static phys_addr_t wbase;	/* window base */
static int mode;
static bool top;		/* window ends at 2^64 */
static bool bottom_up;
static phys_addr_t cur_limit;
static struct fuzz_input *in;

/* ---- the window ---- */

/* Start of granule @i; the window's end for i == ng (capped at the top). */
static phys_addr_t gaddr(unsigned int i)
{
	if (i >= ng && top)
		return PHYS_ADDR_MAX;
	return wbase + (phys_addr_t)i * G;
}

/* The granule holding @a, or -1 outside the window. */
static long gindex(phys_addr_t a)
{
	if (a < wbase || a >= gaddr(ng))
		return -1;
	return (long)((a - wbase) / G);
}

/* ---- the model's view: runs ---- */

struct run {
	phys_addr_t base, end;
	u8 flags;
	int nid;
};

/* Memory regions (@memory) or reserved regions, in address order. */
static unsigned int model_runs(bool memory, struct run *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < ng;) {
		unsigned int j = i + 1;

		if (memory ? !map[i].mem : !map[i].resv) {
			i++;
			continue;
		}
		while (j < ng && (memory ? map[j].mem && map[j].flags == map[i].flags &&
				  map[j].nid == map[i].nid : map[j].resv))
			j++;
		out[n].base = gaddr(i);
		out[n].end = gaddr(j);
		out[n].flags = memory ? map[i].flags : 0;
		out[n].nid = memory ? map[i].nid : NO_NODE;
		n++;
		i = j;
	}
	return n;
}

/*
 * Free ranges as for_each_free_mem_range(nid, MEMBLOCK_NONE) yields them:
 * per memory region that is not NOMAP (and on @nid, unless NUMA_NO_NODE),
 * the pieces no reserved granule covers.
 */
static unsigned int model_free(int nid, struct run *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < ng;) {
		unsigned int j = i + 1;
		bool ok = map[i].mem && !(map[i].flags & MEMBLOCK_NOMAP) &&
			  (nid == NUMA_NO_NODE || map[i].nid == nid);

		if (!map[i].mem) {
			i++;
			continue;
		}
		while (j < ng && map[j].mem && map[j].flags == map[i].flags &&
		       map[j].nid == map[i].nid)
			j++;
		/* Region [i, j): its unreserved pieces. */
		for (unsigned int k = i; ok && k < j;) {
			unsigned int l = k + 1;

			if (map[k].resv) {
				k++;
				continue;
			}
			while (l < j && !map[l].resv)
				l++;
			out[n].base = gaddr(k);
			out[n].end = gaddr(l);
			out[n].flags = map[i].flags;
			out[n].nid = map[i].nid;
			n++;
			k = l;
		}
		i = j;
	}
	return n;
}

static struct run runs_a[MAX_NG], runs_b[MAX_NG];

/* ---- comparing memblock with the model ---- */

static bool in_window(phys_addr_t base)
{
	return base >= wbase && gindex(base) >= 0;
}

static void compare_type(struct memblock_type *type, bool memory)
{
	unsigned int n = model_runs(memory, runs_a), k = 0;

	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (!in_window(r->base)) {
			/* Only window 3 has anything else: the pool. */
			if (mode != 3 || r->base < POOL_BASE ||
			    r->base + r->size > POOL_BASE + POOL_SIZE)
				fuzz_fail("%s[%lu] [0x%llx, +0x%llx) is outside the window",
					  type->name, i, (unsigned long long)r->base,
					  (unsigned long long)r->size);
			continue;
		}
		if (k >= n)
			fuzz_fail("%s[%lu] at 0x%llx: the model has only %u regions",
				  type->name, i, (unsigned long long)r->base, n);
		if (r->base != runs_a[k].base ||
		    r->base + r->size != runs_a[k].end ||
		    r->flags != runs_a[k].flags || r->nid != runs_a[k].nid)
			fuzz_fail("%s[%lu] is [0x%llx, 0x%llx) flags %#x nid %d; the model says [0x%llx, 0x%llx) flags %#x nid %d",
				  type->name, i, (unsigned long long)r->base,
				  (unsigned long long)(r->base + r->size), r->flags,
				  r->nid, (unsigned long long)runs_a[k].base,
				  (unsigned long long)runs_a[k].end, runs_a[k].flags,
				  runs_a[k].nid);
		k++;
	}
	if (k != n)
		fuzz_fail("%s has %u regions in the window; the model %u", type->name, k, n);
}

static void compare_all(void)
{
	if (memblock_check())
		fuzz_fail("memblock_check failed");
	compare_type(&memblock.memory, true);
	compare_type(&memblock.reserved, false);
}

/* The first whole page at or above @a, as a pfn (no overflow near 2^64). */
static unsigned long pfn_up(phys_addr_t a)
{
	return (unsigned long)(a >> PAGE_SHIFT) + ((a & (PAGE_SIZE - 1)) != 0);
}

/* The free-range and region iterators against the model. */
static void compare_iterators(void)
{
	phys_addr_t s, e;
	unsigned int n, k;
	int nid;
	u64 i;

	n = model_free(NUMA_NO_NODE, runs_b);
	k = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid) {
		if (!in_window(s))
			continue;
		if (k >= n || s != runs_b[k].base || e != runs_b[k].end ||
		    nid != runs_b[k].nid)
			fuzz_fail("free range %u [0x%llx, 0x%llx) nid %d does not match the model (%u ranges)",
				  k, (unsigned long long)s, (unsigned long long)e, nid, n);
		k++;
	}
	if (k != n)
		fuzz_fail("%u free ranges; the model has %u", k, n);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid) {
		if (!in_window(s))
			continue;
		if (!k || s != runs_b[k - 1].base || e != runs_b[k - 1].end)
			fuzz_fail("reverse free range [0x%llx, 0x%llx) does not match the model",
				  (unsigned long long)s, (unsigned long long)e);
		k--;
	}
	if (k)
		fuzz_fail("the reverse walk missed %u free ranges", k);

	/* for_each_mem_range: memory regions, NOMAP ones skipped. */
	n = model_runs(true, runs_a);
	k = 0;
	for_each_mem_range(i, &s, &e) {
		if (!in_window(s))
			continue;
		while (k < n && (runs_a[k].flags & MEMBLOCK_NOMAP))
			k++;
		if (k >= n || s != runs_a[k].base || e != runs_a[k].end)
			fuzz_fail("mem range [0x%llx, 0x%llx) does not match the model",
				  (unsigned long long)s, (unsigned long long)e);
		k++;
	}
	while (k < n && (runs_a[k].flags & MEMBLOCK_NOMAP))
		k++;
	if (k != n)
		fuzz_fail("for_each_mem_range missed regions");

	/* for_each_mem_pfn_range: regions holding a whole page, NOMAP too. */
	{
		unsigned long sp, ep;
		int idx;

		k = 0;
		for_each_mem_pfn_range(idx, MAX_NUMNODES, &sp, &ep, &nid) {
			unsigned long ws, we;

			if (mode == 3 && PFN_PHYS(ep) <= POOL_BASE + POOL_SIZE)
				continue;	/* the pool */
			while (k < n && pfn_up(runs_a[k].base) >= PFN_DOWN(runs_a[k].end))
				k++;
			if (k >= n)
				fuzz_fail("pfn range [%lu, %lu) not in the model", sp, ep);
			ws = pfn_up(runs_a[k].base);
			we = PFN_DOWN(runs_a[k].end);
			if (sp != ws || ep != we || nid != runs_a[k].nid)
				fuzz_fail("pfn range [%lu, %lu) nid %d; the model [%lu, %lu) nid %d",
					  sp, ep, nid, ws, we, runs_a[k].nid);
			k++;
		}
	}
}

/* Point and range queries, sizes. */
static void compare_queries(void)
{
	unsigned int g = (unsigned int)fz_below(in, ng);
	unsigned int cnt = (unsigned int)fz_below(in, 4);
	phys_addr_t a = gaddr(g) + fz_below(in, G);
	long gi = gindex(a);
	bool mem = gi >= 0 && map[gi].mem, resv = gi >= 0 && map[gi].resv;
	bool want;
	phys_addr_t msize = 0, rsize = 0;

	if (memblock_is_memory(a) != mem)
		fuzz_fail("memblock_is_memory(0x%llx) != %d", (unsigned long long)a, mem);
	if (memblock_is_map_memory(a) != (mem && !(map[gi].flags & MEMBLOCK_NOMAP)))
		fuzz_fail("memblock_is_map_memory(0x%llx) wrong", (unsigned long long)a);
	if (memblock_is_reserved(a) != resv)
		fuzz_fail("memblock_is_reserved(0x%llx) != %d", (unsigned long long)a, resv);

	/* [gaddr(g), +cnt granules) inside one memory region? */
	if (g + cnt > ng)
		cnt = ng - g;
	want = map[g].mem;
	for (unsigned int j = g + 1; want && j < g + cnt; j++)
		want = map[j].mem && map[j].flags == map[g].flags && map[j].nid == map[g].nid;
	if (memblock_is_region_memory(gaddr(g), gaddr(g + cnt) - gaddr(g)) != want)
		fuzz_fail("memblock_is_region_memory(0x%llx, %u granules) != %d",
			  (unsigned long long)gaddr(g), cnt, want);
	want = false;
	for (unsigned int j = g; j < g + cnt; j++)
		want |= map[j].resv;
	if (memblock_is_region_reserved(gaddr(g), gaddr(g + cnt) - gaddr(g)) != want)
		fuzz_fail("memblock_is_region_reserved(0x%llx, %u granules) != %d",
			  (unsigned long long)gaddr(g), cnt, want);

	for (unsigned int j = 0; j < ng; j++) {
		phys_addr_t sz = gaddr(j + 1) - gaddr(j);

		msize += map[j].mem ? sz : 0;
		rsize += map[j].resv ? sz : 0;
	}
	if (mode == 3)
		return;		/* the pool counts too; checked by compare_all */
	if (memblock_phys_mem_size() != msize || memblock_reserved_size() != rsize)
		fuzz_fail("sizes: memory 0x%llx (model 0x%llx), reserved 0x%llx (model 0x%llx)",
			  (unsigned long long)memblock_phys_mem_size(),
			  (unsigned long long)msize,
			  (unsigned long long)memblock_reserved_size(),
			  (unsigned long long)rsize);
	if (model_runs(true, runs_a)) {
		unsigned int n = model_runs(true, runs_a);

		if (memblock_start_of_DRAM() != runs_a[0].base ||
		    memblock_end_of_DRAM() != runs_a[n - 1].end)
			fuzz_fail("DRAM [0x%llx, 0x%llx) does not match the model",
				  (unsigned long long)memblock_start_of_DRAM(),
				  (unsigned long long)memblock_end_of_DRAM());
	} else if (memblock_start_of_DRAM() || memblock_end_of_DRAM()) {
		fuzz_fail("no memory, but DRAM is not [0, 0)");
	}
}

/* ---- the model's side of each operation ---- */

/* Granules [g, g + n), n clipped to the window. */
struct span {
	unsigned int g, n;
};

static struct span read_span(bool wide)
{
	struct span sp;

	sp.g = (unsigned int)fz_below(in, ng);
	sp.n = (unsigned int)fz_below(in, ng + 1);
	if (sp.g + sp.n > ng)
		sp.n = ng - sp.g;
	/* A "to the top of the address space" size, capped by memblock. */
	if (wide && (fz_u8(in) & 7) == 0)
		sp.n = ~0u;
	return sp;
}

static phys_addr_t span_base(struct span sp)
{
	return gaddr(sp.g);
}

static phys_addr_t span_size(struct span sp)
{
	if (sp.n == ~0u)
		return PHYS_ADDR_MAX;
	return gaddr(sp.g + sp.n) - gaddr(sp.g);
}

static unsigned int span_end(struct span sp)
{
	return sp.n == ~0u ? ng : sp.g + sp.n;
}

static int read_nid(void)
{
	int v = fz_u8(in) % 4;

	return v == 3 ? NO_NODE : v;
}

static void expect_ok(int ret, const char *what)
{
	if (ret)
		fuzz_fail("%s returned %d", what, ret);
}

/*
 * Where memblock must place an allocation of @size aligned to @align in
 * [start, end) on @nid (NUMA_NO_NODE: any), or 0.
 */
static phys_addr_t model_find(phys_addr_t size, phys_addr_t align,
			      phys_addr_t start, phys_addr_t end, int nid)
{
	unsigned int n = model_free(nid, runs_b);

	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = cur_limit;
	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);
	if (bottom_up) {
		for (unsigned int k = 0; k < n; k++) {
			phys_addr_t s = clamp(runs_b[k].base, start, end);
			phys_addr_t e = clamp(runs_b[k].end, start, end);
			phys_addr_t cand = ALIGN(s, align);

			if (cand >= s && cand < e && e - cand >= size)
				return cand;
		}
	} else {
		for (unsigned int k = n; k-- > 0;) {
			phys_addr_t s = clamp(runs_b[k].base, start, end);
			phys_addr_t e = clamp(runs_b[k].end, start, end);
			phys_addr_t cand;

			if (e < size)
				continue;
			cand = ALIGN_DOWN(e - size, align);
			if (cand >= s)
				return cand;
		}
	}
	return 0;
}

static void model_reserve(phys_addr_t base, phys_addr_t size)
{
	long first = gindex(base), last = gindex(base + size - 1);

	if (first < 0 || last < 0 || (base - wbase) % G ||
	    (gaddr(last + 1) != base + size))
		fuzz_fail("allocation [0x%llx, +0x%llx) is not whole window granules",
			  (unsigned long long)base, (unsigned long long)size);
	for (long i = first; i <= last; i++) {
		if (map[i].resv || !map[i].mem || (map[i].flags & MEMBLOCK_NOMAP))
			fuzz_fail("allocation [0x%llx, +0x%llx) overlaps memory that is not free",
				  (unsigned long long)base, (unsigned long long)size);
		map[i].resv = true;
	}
}

/* Physical allocation: memblock_phys_alloc_range or _try_nid. */
static void op_phys_alloc(void)
{
	unsigned int k = 1 + (unsigned int)fz_below(in, 8);
	unsigned int sel = fz_u8(in);
	phys_addr_t size = k * G, align = G << (sel & 3), start, end, want, got;
	int nid = NUMA_NO_NODE;

	if (gaddr(ng) - wbase < size)
		size = G;
	if (top && size == gaddr(ng) - wbase)
		size -= 1;	/* the last byte can never be memory */
	if ((sel >> 2) % 8 == 0) {
		align = align * 3;	/* not a power of two: refused */
		if (memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ANYWHERE))
			fuzz_fail("an alignment of 0x%llx was accepted", (unsigned long long)align);
		return;
	}
	if ((sel >> 5) == 0 && mode != 3) {
		nid = read_nid();
		want = model_find(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE,
				  nid == NO_NODE ? NUMA_NO_NODE : nid);
		if (!want && nid != NO_NODE)
			want = model_find(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
		got = memblock_phys_alloc_try_nid(size, align, nid);
	} else {
		struct span sp = read_span(false);

		start = span_base(sp);
		end = gaddr(span_end(sp));
		if (mode != 3 && (sel >> 5) == 1) {
			start = 0;
			end = MEMBLOCK_ALLOC_ANYWHERE;
		}
		want = model_find(size, align, start, end, NUMA_NO_NODE);
		got = memblock_phys_alloc_range(size, align, start, end);
	}
	if (got != want)
		fuzz_fail("allocation of 0x%llx aligned 0x%llx (nid %d, %s) at 0x%llx; the model says 0x%llx",
			  (unsigned long long)size, (unsigned long long)align, nid,
			  bottom_up ? "bottom-up" : "top-down",
			  (unsigned long long)got, (unsigned long long)want);
	if (got)
		model_reserve(got, size);
}

/* The zeroing allocators, in the windows backed by fake memory. */
static void op_virt_alloc(void)
{
	unsigned int k = 1 + (unsigned int)fz_below(in, 4);
	unsigned int sel = fz_u8(in);
	phys_addr_t size = k * G, align = G << (sel & 1);
	phys_addr_t max_addr = min(cur_limit, (phys_addr_t)MEMBLOCK_ALLOC_ANYWHERE);
	phys_addr_t want, min_addr = 0;
	u8 *p;

	if (mode > 1)
		return;
	switch ((sel >> 1) % 3) {
	case 0:
		want = model_find(size, align, 0, max_addr, NUMA_NO_NODE);
		p = memblock_alloc(size, align);
		break;
	case 1:
		min_addr = gaddr((unsigned int)fz_below(in, ng));
		want = model_find(size, align, min_addr, max_addr, NUMA_NO_NODE);
		if (!want)
			want = model_find(size, align, 0, max_addr, NUMA_NO_NODE);
		p = memblock_alloc_from(size, align, min_addr);
		break;
	default:
		want = model_find(size, align, 0, min(max_addr, (phys_addr_t)SZ_4G),
				  NUMA_NO_NODE);
		p = memblock_alloc_low(size, align);
		break;
	}
	if ((p ? __pa(p) : 0) != want)
		fuzz_fail("memblock_alloc* of 0x%llx at 0x%llx; the model says 0x%llx",
			  (unsigned long long)size,
			  (unsigned long long)(p ? __pa(p) : 0),
			  (unsigned long long)want);
	if (!p)
		return;
	if (p[0] || p[size - 1])
		fuzz_fail("memblock_alloc* returned memory that is not zeroed");
	memset(p, 0xa5, size);
	model_reserve(want, size);
}

/* mem=: the address below which memory adds up to @limit. */
static phys_addr_t model_max_addr(phys_addr_t limit)
{
	unsigned int n = model_runs(true, runs_a);

	for (unsigned int k = 0; k < n; k++) {
		phys_addr_t sz = runs_a[k].end - runs_a[k].base;

		if (limit <= sz)
			return runs_a[k].base + limit;
		limit -= sz;
	}
	return PHYS_ADDR_MAX;
}

/* Granule @j becomes memory with @flags and @nid, or stops being memory. */
static void model_set_mem(unsigned int j, bool mem, u8 flags, int nid)
{
	map[j].mem = mem;
	map[j].flags = mem ? flags : 0;
	map[j].nid = mem ? nid : 0;
}

/* The number of window granules below @a (@a on a granule boundary). */
static unsigned int granules_below(phys_addr_t a)
{
	if (a <= wbase)
		return 0;
	if (a >= gaddr(ng))
		return ng;
	return (unsigned int)((a - wbase) / G);
}

/* mem=: memory and reservations from @max_addr up are gone. */
static void model_drop_from(phys_addr_t max_addr)
{
	for (unsigned int j = granules_below(max_addr); j < ng; j++) {
		model_set_mem(j, false, 0, 0);
		map[j].resv = false;
	}
}

/* Keep granules [g0, g1) (and NOMAP memory anywhere), drop the rest. */
static void model_cap(unsigned int g0, unsigned int g1)
{
	bool any = false;

	for (unsigned int j = 0; j < ng; j++)
		any |= map[j].mem;
	if (!any)
		return;		/* memblock warns and leaves everything alone */
	for (unsigned int j = 0; j < ng; j++) {
		if (j >= g0 && j < g1)
			continue;
		if (!(map[j].flags & MEMBLOCK_NOMAP))
			model_set_mem(j, false, 0, 0);
		map[j].resv = false;
	}
}

/* FUZZ_TRACE=1 in the environment: print each operation and the arrays. */
static bool trace;

static void trace_arrays(unsigned int op)
{
	if (!trace)
		return;
	fprintf(stderr, "after op %u:\n", op);
	for (unsigned long i = 0; i < memblock.memory.cnt; i++)
		fprintf(stderr, "  memory[%lu] 0x%llx+0x%llx f%#x n%d\n", i,
			(unsigned long long)memblock.memory.regions[i].base,
			(unsigned long long)memblock.memory.regions[i].size,
			memblock.memory.regions[i].flags, memblock.memory.regions[i].nid);
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++)
		fprintf(stderr, "  reserved[%lu] 0x%llx+0x%llx\n", i,
			(unsigned long long)memblock.reserved.regions[i].base,
			(unsigned long long)memblock.reserved.regions[i].size);
}

static void step(void)
{
	unsigned int op = fz_u8(in) % 20;
	struct span sp;
	int nid, ret;
	u8 flag;

	switch (op) {
	case 0:
	case 1: {	/* add memory: new parts get the node and flags */
		sp = read_span(false);
		nid = read_nid();
		flag = (op == 1 && (fz_u8(in) & 1)) ? MEMBLOCK_HOTPLUG : 0;
		if (nid == NO_NODE && !flag)
			ret = memblock_add(span_base(sp), span_size(sp));
		else
			ret = memblock_add_node(span_base(sp), span_size(sp), nid, flag);
		expect_ok(ret, "memblock_add");
		for (unsigned int j = sp.g; j < span_end(sp); j++)
			if (!map[j].mem)
				model_set_mem(j, true, flag, nid);
		break;
	}
	case 2:		/* remove memory */
		sp = read_span(true);
		expect_ok(memblock_remove(span_base(sp), span_size(sp)), "memblock_remove");
		for (unsigned int j = sp.g; j < span_end(sp); j++)
			model_set_mem(j, false, 0, 0);
		break;
	case 3:
	case 4:		/* reserve */
		sp = read_span(false);
		expect_ok(memblock_reserve(span_base(sp), span_size(sp)), "memblock_reserve");
		for (unsigned int j = sp.g; j < span_end(sp); j++)
			map[j].resv = true;
		break;
	case 5:		/* free a reserved range */
		sp = read_span(true);
		expect_ok(memblock_phys_free(span_base(sp), span_size(sp)), "memblock_phys_free");
		for (unsigned int j = sp.g; j < span_end(sp); j++)
			map[j].resv = false;
		break;
	case 6:
	case 7:
	case 8:
	case 9: {	/* mark/clear NOMAP and HOTPLUG */
		bool set = !(op & 1);

		flag = op < 8 ? MEMBLOCK_NOMAP : MEMBLOCK_HOTPLUG;
		sp = read_span(true);
		if (flag == MEMBLOCK_NOMAP)
			ret = set ? memblock_mark_nomap(span_base(sp), span_size(sp)) :
				    memblock_clear_nomap(span_base(sp), span_size(sp));
		else
			ret = set ? memblock_mark_hotplug(span_base(sp), span_size(sp)) :
				    memblock_clear_hotplug(span_base(sp), span_size(sp));
		expect_ok(ret, "memblock_setclr_flag");
		for (unsigned int j = sp.g; j < span_end(sp); j++)
			if (map[j].mem)
				map[j].flags = set ? map[j].flags | flag : map[j].flags & ~flag;
		break;
	}
	case 10:	/* move memory to another node */
		sp = read_span(true);
		nid = read_nid();
		expect_ok(memblock_set_node(span_base(sp), span_size(sp),
					    &memblock.memory, nid), "memblock_set_node");
		for (unsigned int j = sp.g; j < span_end(sp); j++)
			if (map[j].mem)
				map[j].nid = nid;
		break;
	case 11:
	case 12:
		op_phys_alloc();
		break;
	case 13:
		op_virt_alloc();
		break;
	case 14:
		bottom_up = fz_u8(in) & 1;
		memblock_set_bottom_up(bottom_up);
		break;
	case 15: {	/* trimming: mem=, crash-kernel caps, alignment */
		unsigned int sel = fz_u8(in) % 4;
		phys_addr_t limit = G * fz_below(in, ng + 2), max_addr;

		if (mode == 3)
			break;	/* would cut into the pool */
		switch (sel) {
		case 0:
			memblock_enforce_memory_limit(limit);
			max_addr = limit ? model_max_addr(limit) : PHYS_ADDR_MAX;
			if (max_addr != PHYS_ADDR_MAX)
				model_drop_from(max_addr);
			break;
		case 1:
			memblock_mem_limit_remove_map(limit);
			max_addr = limit ? model_max_addr(limit) : PHYS_ADDR_MAX;
			if (max_addr != PHYS_ADDR_MAX)
				model_cap(0, granules_below(max_addr));
			break;
		case 2:
			sp = read_span(false);
			memblock_cap_memory_range(span_base(sp), span_size(sp));
			if (span_size(sp))
				model_cap(sp.g, span_end(sp));
			break;
		default: {
			phys_addr_t align = G << (fz_u8(in) % 4);

			memblock_trim_memory(align);
			for (unsigned int j = 0; j < ng;) {
				unsigned int e = j + 1;
				phys_addr_t s, t;

				if (!map[j].mem) {
					j++;
					continue;
				}
				while (e < ng && map[e].mem && map[e].flags == map[j].flags &&
				       map[e].nid == map[j].nid)
					e++;
				s = ALIGN(gaddr(j), align);
				t = ALIGN_DOWN(gaddr(e), align);
				if (s < gaddr(j))
					s = gaddr(e);
				for (unsigned int x = j; x < e; x++)
					if (s >= t || gaddr(x) < s || gaddr(x) >= t)
						model_set_mem(x, false, 0, 0);
				j = e;
			}
			break;
		}
		}
		break;
	}
	case 16:	/* the ACCESSIBLE limit */
		if (mode == 3)
			break;
		cur_limit = (fz_u8(in) & 1) ? MEMBLOCK_ALLOC_ANYWHERE :
			    gaddr((unsigned int)fz_below(in, ng + 1));
		memblock_set_current_limit(cur_limit);
		break;
	case 17:
		compare_queries();
		break;
	case 18:
		compare_iterators();
		break;
	default: {	/* size 0 and wrapping arguments change nothing */
		phys_addr_t b = gaddr((unsigned int)fz_below(in, ng));

		expect_ok(memblock_add(b, 0), "memblock_add(0)");
		expect_ok(memblock_reserve(b, 0), "memblock_reserve(0)");
		expect_ok(memblock_remove(b, 0), "memblock_remove(0)");
		if (memblock_phys_alloc_range(0, G, 0, MEMBLOCK_ALLOC_ANYWHERE))
			fuzz_fail("an allocation of 0 bytes succeeded");
		break;
	}
	}
	trace_arrays(op);
	compare_all();
}

static void setup(void)
{
	static bool mapped;
	unsigned int sel = fz_u8(in);

	if (!mapped) {
		/* Windows 0 and 1, and the pool: fake memory, mapped once. */
		host_mem_map(0, 64 * 4096);
		host_mem_map(LOW_WIN, 64 * 4096);
		host_mem_map(POOL_BASE, POOL_SIZE);
		mapped = true;
	}
	memblock_reset();
	memset(map, 0, sizeof(map));
	mode = sel % 4;
	top = mode == 2;
	bottom_up = false;
	cur_limit = MEMBLOCK_ALLOC_ANYWHERE;
	if (mode == 3) {
		G = 16u << (fz_u8(in) % 3);
		ng = 256 + (unsigned int)fz_below(in, MAX_NG - 256 + 1);
		wbase = LOW_WIN;
		expect_ok(memblock_add(POOL_BASE, POOL_SIZE), "memblock_add(pool)");
		cur_limit = POOL_BASE + POOL_SIZE;
		memblock_set_current_limit(cur_limit);
		memblock_allow_resize();
	} else {
		G = 16u << (fz_u8(in) % 9);
		ng = 64;	/* at most 64 regions: the static arrays suffice */
		wbase = mode == 0 ? 0 : mode == 1 ? LOW_WIN :
			(phys_addr_t)0 - (phys_addr_t)ng * G;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_input input = { data, size };
	unsigned int steps = 0;

	fuzz_host_init();
	host_log_clear();
	trace = getenv("FUZZ_TRACE") != NULL;
	in = &input;
	setup();
	compare_all();
	while (!fz_empty(in) && steps++ < 4096)
		step();
	compare_queries();
	compare_iterators();
	return 0;
}
