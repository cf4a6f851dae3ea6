// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arbor_bench: benchmarks of Arbor's page allocator, slab/kmalloc and
 * vmalloc, run on the host build of the same mm/ code (fake physical
 * memory, threads playing CPUs: tests/host/), optimised and without
 * sanitizers (mk/bench.mk).
 *
 *   arbor-bench [seed=N] GROUP...
 *
 *   info     facts about the build and the machine it fakes
 *   page     alloc_pages/__free_pages: pairs per order with and without
 *            the per-CPU lists, batches, random churn, 1 vs 2 threads,
 *            beside the floor (a bare per-CPU stack of page pointers)
 *   memmap   zones_init() + memblock_free_all() per GiB vs memset
 *   frag     order-9 blocks left after churn with long-lived unmovable
 *            pages, mobility grouping on and off
 *   slab     kmalloc/kfree pairs and batches, bulk vs single calls, an
 *            sh6bench-like mix, a larson-like remote-free trace, beside
 *            the floor (a bare per-CPU freelist)
 *   mem      bytes of slab pages per byte requested in the sh6 mix
 *   vmalloc  vmalloc/vfree and vmap/vunmap with 1k/10k/100k live areas
 *   ir=WHAT  a loop for callgrind to count instructions in (group_ir())
 *
 * Each invocation is one round: every benchmark once.  The shared
 * patterns (tools/bench/traces.h) are the loops the peers run too.  Each
 * group builds a fresh fake machine, so groups do not disturb each other.
 * Results: "R <benchmark> <implementation> <value> <unit>" lines
 * (tools/bench/bench.h), collected by tools/bench/run-bench.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/pgtable.h>
#include <mm/prot.h>
#include <mm/kernel_map.h>
#include <asm/cpu.h>
#include <asm/early_console.h>
#include "host.h"

#include "bench.h"

/* tests/host/host_vmap.c, or tools/bench/vmap_nosync.c */
void host_vmap_reset(void);
extern unsigned long host_vmap_mmaps;
/* tests/host/host_arch.c */
extern int host_phys_fd;
/* tools/bench/bench_relax.c */
extern bool bench_relax_yield;
extern unsigned long bench_spins;

const char *bench_impl = "arbor";
static uint64_t bench_seed = 1;

/* ---- the hooks tools/bench/traces.h runs on ---- */

static void *tr_page_alloc(unsigned int order)
{
	return alloc_pages(GFP_KERNEL, order);
}

static void tr_page_free(void *p, unsigned int order)
{
	__free_pages(p, order);
}

static void *tr_obj_alloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

static void tr_obj_free(void *p, size_t size)
{
	(void)size;
	kfree(p);
}

static void tr_thread_enter(int cpu)
{
	host_cpu_id = cpu;
}

/* Bytes in slab pages (and large kmallocs), as meminfo counts them. */
static size_t tr_mem_held(void)
{
	return (slab_pages_reclaimable() + slab_pages_unreclaimable()) * PAGE_SIZE;
}

#include "traces.h"
#include "params.h"

/* ---- the fake machine ---- */

static void die(const char *what)
{
	fprintf(stderr, "arbor-bench: %s failed; the log says:\n%s\n", what,
		host_log());
	exit(1);
}

#define RAM_BASE	0x80000000ULL

/*
 * Under valgrind (ir=...) the host windows are smaller: valgrind cannot
 * reserve host_arch_init()'s 256 GiB physical window.  One machine of at
 * most 2 GiB at RAM_BASE fits these, and host_mem_reset() (which remaps
 * the full-size windows) is never called.
 */
static bool small_windows;

#define SMALL_PHYS	(RAM_BASE + (2ULL << 30))
#define SMALL_VMEMMAP	(64UL << 20)
#define SMALL_VMALLOC	(1UL << 30)

static void *reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		die("reserving a host window");
	return p;
}

static void small_arch_init(void)
{
	small_windows = true;
	host_phys_window = reserve(SMALL_PHYS);
	host_vmemmap_window = reserve(SMALL_VMEMMAP);
	host_vmalloc_window = reserve(SMALL_VMALLOC);
	host_phys_fd = memfd_create("arbor-phys", 0);
	if (host_phys_fd < 0 || ftruncate(host_phys_fd, (off_t)SMALL_PHYS))
		die("memfd for the small windows");
}

/*
 * A fresh machine with @size bytes of RAM at 0x80000000, firmware
 * (512 KiB) and a kernel image (2 MiB) reserved as on QEMU virt, and the
 * boot steps up to vmalloc: memmap and zones, the buddy handoff, slab,
 * page tables from the buddy allocator, vmalloc.
 */
static void machine(phys_addr_t size)
{
	phys_addr_t root;

	host_cpu_id = 0;
	host_log_clear();
	if (!small_windows) {
		host_mem_reset();
		host_vmap_reset();
	}
	memblock_reset();
	host_mem_map(RAM_BASE, size);
	memblock_add(RAM_BASE, size);
	memblock_reserve(RAM_BASE, 512 * SZ_1K);
	memblock_reserve(RAM_BASE + SZ_2M, SZ_2M);
	if (zones_init())
		die("zones_init");
	memblock_free_all();
	if (kmem_cache_init())
		die("kmem_cache_init");
	pgtable_set_allocator(&pgtable_alloc_buddy);
	root = pgtable_alloc_table();
	if (!root)
		die("page-table root");
	kernel_pgd = __va(root);
	if (vmalloc_init())
		die("vmalloc_init");
	host_log_clear();
}

static void pcp_set(bool on)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		if (on)
			zone_pcp_enable(zone);
		else
			zone_pcp_disable(zone);
	}
}

/* ---- floors: the least any allocator of this shape can do ---- */

/*
 * The page floor: a per-CPU stack of page pointers, found through
 * arch_cpu_id() as the real per-CPU lists are, with no lock, no
 * watermark, no refill and no bookkeeping.  Out of line, like the calls
 * it is compared with.
 */
struct floor_stack {
	void *slot[64];
	long top;
} __aligned(64);

static struct floor_stack floor_stacks[NR_CPUS];

static noinline void *floor_page_pop(void)
{
	struct floor_stack *s = &floor_stacks[arch_cpu_id()];

	return s->top ? s->slot[--s->top] : NULL;
}

static noinline void floor_page_push(void *p)
{
	struct floor_stack *s = &floor_stacks[arch_cpu_id()];

	s->slot[s->top++] = p;
}

static double floor_page_pairs(long iters)
{
	uint64_t t0, t1;
	long i;

	floor_stacks[0].top = 0;
	for (i = 0; i < 32; i++)
		floor_page_push(alloc_page(GFP_KERNEL));
	for (i = 0; i < iters / 10 + 1; i++)
		floor_page_push(floor_page_pop());
	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		void *p = floor_page_pop();

		if (!p)
			abort();
		bench_keep(p);
		floor_page_push(p);
	}
	t1 = bench_now_ns();
	while (floor_stacks[0].top)
		__free_page((struct page *)floor_page_pop());
	return (double)(t1 - t0) / iters;
}

static void *floor_pairs_thread(struct tr_mt *mt, int cpu)
{
	long i;

	floor_stacks[cpu].top = 0;
	for (i = 0; i < 32; i++)
		floor_page_push(&vmemmap[i]);	/* never dereferenced */
	for (i = 0; i < mt->iters / 10 + 1; i++)
		floor_page_push(floor_page_pop());
	bench_barrier_wait(&mt->barrier);
	if (cpu == 0)
		mt->t0 = bench_now_ns();
	for (i = 0; i < mt->iters; i++) {
		void *p = floor_page_pop();

		bench_keep(p);
		floor_page_push(p);
	}
	bench_barrier_wait(&mt->barrier);
	if (cpu == 0)
		mt->t1 = bench_now_ns();
	return NULL;
}

/* The floor on @nthreads threads at once (tr_page_pairs_mt()'s shape). */
static double floor_page_pairs_mt(int nthreads, long iters)
{
	struct tr_mt mt = { .nthreads = nthreads, .iters = iters };

	tr_mt_run(&mt, floor_pairs_thread);
	return (double)(mt.t1 - mt.t0) / iters;
}

/*
 * The object floor: a per-CPU singly linked freelist threaded through the
 * free objects (SLUB's fast path without the hardening, the slab
 * ownership check and the counters).
 */
struct floor_freelist {
	void *head;
} __aligned(64);

static struct floor_freelist floor_lists[NR_CPUS];

static noinline void *floor_obj_pop(void)
{
	struct floor_freelist *c = &floor_lists[arch_cpu_id()];
	void *o = c->head;

	if (o)
		c->head = *(void **)o;
	return o;
}

static noinline void floor_obj_push(void *o)
{
	struct floor_freelist *c = &floor_lists[arch_cpu_id()];

	*(void **)o = c->head;
	c->head = o;
}

static double floor_obj_pairs(long iters)
{
	static unsigned long objs[64][64 / sizeof(unsigned long)];
	uint64_t t0, t1;
	long i;

	floor_lists[0].head = NULL;
	for (i = 0; i < 64; i++)
		floor_obj_push(objs[i]);
	for (i = 0; i < iters / 10 + 1; i++)
		floor_obj_push(floor_obj_pop());
	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		void *p = floor_obj_pop();

		if (!p)
			abort();
		bench_keep(p);
		floor_obj_push(p);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / iters;
}

/* ---- instruction counts (callgrind; see tr_count_loop()) ---- */

static double bulk_single(struct kmem_cache *s, long n, long total, void **v);
static double bulk_bulk(struct kmem_cache *s, long n, long total, void **v);

__attribute__((noipa)) void tr_ir_floor_page(long n);
__attribute__((noipa)) void tr_ir_floor_obj(long n);
__attribute__((noipa)) void tr_ir_single(struct kmem_cache *s, long batch, long n);
__attribute__((noipa)) void tr_ir_bulk(struct kmem_cache *s, long batch, long n);
__attribute__((noipa)) void tr_ir_vmalloc(unsigned long pages, long n);

void tr_ir_floor_page(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		void *p = floor_page_pop();

		bench_keep(p);
		floor_page_push(p);
	}
}

void tr_ir_floor_obj(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		void *p = floor_obj_pop();

		bench_keep(p);
		floor_obj_push(p);
	}
}

/* @n objects of @s in rounds of @batch: single calls, then bulk calls. */
void tr_ir_single(struct kmem_cache *s, long batch, long n)
{
	void *v[128];
	long r, i;

	for (r = 0; r < n / batch; r++) {
		for (i = 0; i < batch; i++)
			v[i] = kmem_cache_alloc(s, GFP_KERNEL);
		for (i = 0; i < batch; i++)
			kmem_cache_free(s, v[i]);
	}
}

void tr_ir_bulk(struct kmem_cache *s, long batch, long n)
{
	void *v[128];
	long r;

	for (r = 0; r < n / batch; r++) {
		kmem_cache_alloc_bulk(s, GFP_KERNEL, (size_t)batch, v);
		kmem_cache_free_bulk(s, (size_t)batch, v);
	}
}

void tr_ir_vmalloc(unsigned long pages, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		void *p = vmalloc(pages * PAGE_SIZE);

		bench_keep(p);
		vfree(p);
	}
}

static void **vm_populate(long live);
static double vm_pairs(unsigned long pages, long iters);

/*
 * ir=WHAT: the shared loops (page, obj64) or Arbor's own: floor-page,
 * floor-obj, singleN / bulkN (a 64-byte cache, N <= 128 objects a round),
 * vmalloc.P.L (vmalloc/vfree of P pages with L one-page areas live, as in
 * group_vmalloc()).  Runs on a fresh 1 GiB machine, warmed up first.
 */
static bool group_ir(const char *what)
{
	long n = BENCH_IR_ITERS;
	struct kmem_cache *s;
	void *v[128];
	long batch = 0;

	machine(SZ_1G);
	if (tr_count_loop(what, n))
		return true;
	if (!strcmp(what, "floor-page")) {
		floor_page_pairs(n / 10 + 1);	/* fills the stack, warms up */
		floor_stacks[0].top = 0;
		for (long i = 0; i < 32; i++)
			floor_page_push(alloc_page(GFP_KERNEL));
		tr_ir_floor_page(n);
		return true;
	}
	if (!strcmp(what, "floor-obj")) {
		floor_obj_pairs(n / 10 + 1);
		tr_ir_floor_obj(n);
		return true;
	}
	if (!strncmp(what, "vmalloc.", 8)) {
		unsigned long pages = strtoul(what + 8, NULL, 10);
		const char *dot = strchr(what + 8, '.');
		long live = dot ? strtol(dot + 1, NULL, 10) : 0;

		if (!pages || live <= 0)
			return false;
		free(vm_populate(live));
		vm_pairs(pages, 200);
		tr_ir_vmalloc(pages, n / 10);
		return true;
	}
	if (!strncmp(what, "single", 6))
		batch = strtol(what + 6, NULL, 10);
	else if (!strncmp(what, "bulk", 4))
		batch = strtol(what + 4, NULL, 10);
	if (batch <= 0 || batch > (long)BENCH_ARRAY_SIZE(v))
		return false;
	s = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	if (!s)
		die("kmem_cache_create");
	/* Warm up with the timed loops (other functions: not counted). */
	if (what[0] == 's') {
		bulk_single(s, batch, 100 * batch, v);
		tr_ir_single(s, batch, n);
	} else {
		bulk_bulk(s, batch, 100 * batch, v);
		tr_ir_bulk(s, batch, n);
	}
	return true;
}

/* ---- info ---- */

static void group_info(void)
{
	struct zone *zone;

	machine(SZ_1G);
	printf("I arbor.struct_page %zu bytes\n", sizeof(struct page));
	printf("I arbor.machine 1 GiB at 0x%llx, %lu pages managed\n",
	       RAM_BASE, totalram_pages());
	for_each_populated_zone(zone)
		printf("I arbor.pcp zone %s: batch %d, high %d, PCP_MAX_ORDER %d\n",
		       zone->name, zone->pageset_batch, zone->pageset_high,
		       PCP_MAX_ORDER);
	printf("I arbor.nr_cpus %d\n", NR_CPUS);
}

/* ---- page allocator ---- */

static void group_page(void)
{
	char name[64];
	size_t i;

	machine(SZ_1G);
	for (i = 0; i < BENCH_ARRAY_SIZE(bp_pair_orders); i++) {
		unsigned int o = bp_pair_orders[i];
		long iters = o >= 9 ? BP_PAIR_ITERS_HIGH : BP_PAIR_ITERS;

		snprintf(name, sizeof(name), "page.pair.o%u", o);
		if (o == 0)
			bench_result_as(name, "floor", floor_page_pairs(iters), "ns/op");
		bench_result(name, tr_page_pairs(o, iters), "ns/op");
		pcp_set(false);
		bench_result_as(name, "arbor-nopcp", tr_page_pairs(o, iters), "ns/op");
		pcp_set(true);
	}
	for (i = 0; i < BENCH_ARRAY_SIZE(bp_batch_sizes); i++) {
		double a, f;

		tr_page_batch(bp_batch_sizes[i], BP_BATCH_TOTAL, &a, &f);
		snprintf(name, sizeof(name), "page.batch.%ld.alloc", bp_batch_sizes[i]);
		bench_result(name, a, "ns/page");
		snprintf(name, sizeof(name), "page.batch.%ld.free", bp_batch_sizes[i]);
		bench_result(name, f, "ns/page");
	}
	bench_result("page.churn", tr_page_churn(1, BP_CHURN_LIVE, BP_CHURN_STEPS), "ns/op");
	bench_result_as("page.mt.1", "floor", floor_page_pairs_mt(1, BP_MT_ITERS), "ns/op");
	bench_result("page.mt.1", tr_page_pairs_mt(1, 0, BP_MT_ITERS), "ns/op");
	bench_result_as("page.mt.2", "floor", floor_page_pairs_mt(2, BP_MT_ITERS), "ns/op");
	bench_result("page.mt.2", tr_page_pairs_mt(2, 0, BP_MT_ITERS), "ns/op");
	host_cpu_id = 0;
	if (buddy_check())
		die("buddy_check after the page benchmarks");
}

/* ---- memmap init and handoff ---- */

#define MEMMAP_RAM	(4ULL << 30)	/* DMA32 2 GiB + Normal 2 GiB */

static double ms_per_gib(uint64_t ns)
{
	return (double)ns / 1e6 / (double)(MEMMAP_RAM >> 30);
}

/* memblock for the memmap machine (the fake memory already mapped). */
static void memmap_memblock(void)
{
	memblock_reset();
	memblock_add(RAM_BASE, MEMMAP_RAM);
	memblock_reserve(RAM_BASE, 512 * SZ_1K);
	memblock_reserve(RAM_BASE + SZ_2M, SZ_2M);
}

/* zones_init() then memblock_free_all(), timed separately. */
static void memmap_boot(uint64_t *init_ns, uint64_t *handoff_ns)
{
	uint64_t t0, t1, t2;

	t0 = bench_now_ns();
	if (zones_init())
		die("zones_init (memmap)");
	t1 = bench_now_ns();
	memblock_free_all();
	t2 = bench_now_ns();
	*init_ns = t1 - t0;
	*handoff_ns = t2 - t1;
	host_log_clear();
}

static uint64_t time_memset(void *buf, size_t len)
{
	uint64_t t0 = bench_now_ns();

	memset(buf, 0x5a, len);
	bench_keep(buf);
	return bench_now_ns() - t0;
}

/*
 * Build the memmap of 4 GiB of fake RAM and hand it to the buddy
 * allocator.  "cold": on fresh host memory (the vmemmap's host pages are
 * faulted in on first touch, as a fresh buffer is for memset); "warm":
 * the same steps again over the same, already faulted, memory, against a
 * memset of an already faulted buffer of the memmap's size.  A kernel's
 * memmap is backed by RAM that is simply there, so warm is the one that
 * compares the code.
 */
static void group_memmap(void)
{
	size_t len = (size_t)(MEMMAP_RAM >> PAGE_SHIFT) * sizeof(struct page);
	uint64_t init, handoff, ms;
	void *buf;

	host_cpu_id = 0;
	host_log_clear();
	host_mem_reset();
	host_vmap_reset();
	host_mem_map(RAM_BASE, MEMMAP_RAM);
	memmap_memblock();
	memmap_boot(&init, &handoff);
	bench_result("memmap.cold.total", ms_per_gib(init + handoff), "ms/GiB");
	buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("mmap of the memset buffer");
	bench_result_as("memmap.cold.total", "memset", ms_per_gib(time_memset(buf, len)),
			"ms/GiB");

	/* Warm: once untimed, then timed, memset interleaved. */
	memmap_memblock();
	memmap_boot(&init, &handoff);
	ms = time_memset(buf, len);
	memmap_memblock();
	memmap_boot(&init, &handoff);
	bench_result("memmap.init", ms_per_gib(init), "ms/GiB");
	bench_result("memmap.handoff", ms_per_gib(handoff), "ms/GiB");
	bench_result("memmap.total", ms_per_gib(init + handoff), "ms/GiB");
	ms = time_memset(buf, len);
	bench_result_as("memmap.total", "memset", ms_per_gib(ms), "ms/GiB");
	bench_result_as("memmap.init", "memset", ms_per_gib(ms), "ms/GiB");
	munmap(buf, len);
	printf("I arbor.memmap %llu GiB of fake RAM, %zu MiB of struct page\n",
	       MEMMAP_RAM >> 30, len >> 20);
}

/* ---- fragmentation ---- */

struct frag_block {
	struct page *page;
	unsigned int order;
};

/* Orders of the short-lived (movable) blocks: 70 % 0, 15 % 1, 10 % 2, 5 % 3. */
static unsigned int frag_short_order(struct bench_rng *rng)
{
	uint32_t x = bench_rand_below(rng, 100);

	return x < 70 ? 0 : x < 85 ? 1 : x < 95 ? 2 : 3;
}

static void frag_alloc_short(struct frag_block *b, struct bench_rng *rng)
{
	b->order = frag_short_order(rng);
	b->page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, b->order);
	if (!b->page)
		tr_oom("frag short-lived", b->order);
}

/*
 * One fragmentation run on a fresh 1 GiB machine:
 *   fill    movable blocks (orders 0..3) until they hold 60 % of memory;
 *   churn   2 x that many steps, each freeing a random movable block and
 *           allocating a new one;
 *   all along, @pct % of memory in long-lived order-0 pages, allocated
 *           evenly over fill and churn (unmovable with grouping on;
 *           movable, like everything else, with grouping "off");
 *   then    free every movable block, drain the per-CPU lists.
 * Returns the share of free memory in blocks of order >= 9 (in a buddy
 * allocator every free aligned 2 MiB run is such a block), and in
 * *@polluted the share of pageblocks holding a long-lived page.
 */
static double frag_run(unsigned int pct, bool grouping, uint64_t seed,
		       double *polluted)
{
	gfp_t long_gfp = (grouping ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE) | __GFP_NOWARN;
	unsigned long managed, short_target, nlong, nshort = 0, short_pages = 0;
	unsigned long long_done = 0, fill_est, steps, i, big = 0, blocks = 0, nblocks = 0;
	struct frag_block *shorts;
	struct page **longs;
	unsigned char *seen;
	struct bench_rng rng;
	struct zone *zone;
	unsigned long span_start = ~0UL, span_end = 0;

	machine(SZ_1G);
	bench_rng_seed(&rng, seed * 1000 + pct * 2 + grouping);
	managed = totalram_pages();
	short_target = managed * 60 / 100;
	nlong = managed * pct / 100;
	fill_est = short_target * 10 / 18;	/* 1.8 pages per block on average */
	shorts = tr_xcalloc(short_target + 1, sizeof(*shorts));
	longs = tr_xcalloc(nlong + 1, sizeof(*longs));

	/* A third of the long-lived pages arrive during the fill... */
	while (short_pages < short_target) {
		frag_alloc_short(&shorts[nshort], &rng);
		short_pages += 1UL << shorts[nshort].order;
		nshort++;
		while (long_done < nlong / 3 * min(nshort, fill_est) / fill_est) {
			longs[long_done] = alloc_page(long_gfp);
			if (!longs[long_done])
				tr_oom("frag long-lived", 0);
			long_done++;
		}
	}
	/* ... the rest during the churn. */
	steps = 2 * nshort;
	for (i = 0; i < steps; i++) {
		unsigned long k = bench_rand_below(&rng, (uint32_t)nshort);

		__free_pages(shorts[k].page, shorts[k].order);
		frag_alloc_short(&shorts[k], &rng);
		while (long_done < nlong / 3 + (nlong - nlong / 3) * (i + 1) / steps) {
			longs[long_done] = alloc_page(long_gfp);
			if (!longs[long_done])
				tr_oom("frag long-lived", 0);
			long_done++;
		}
	}
	for (i = 0; i < nshort; i++)
		__free_pages(shorts[i].page, shorts[i].order);
	drain_all_pages(NULL);

	for_each_populated_zone(zone) {
		unsigned int o;

		for (o = pageblock_order; o <= MAX_ORDER; o++)
			big += zone->free_area[o].nr_free << o;
		span_start = min(span_start, zone->zone_start_pfn);
		span_end = max(span_end, zone_end_pfn(zone));
	}
	seen = tr_xcalloc(((span_end - span_start) >> pageblock_order) + 1, 1);
	for (i = 0; i < long_done; i++) {
		unsigned long b = (page_to_pfn(longs[i]) - span_start) >> pageblock_order;

		if (!seen[b]++)
			blocks++;
	}
	nblocks = DIV_ROUND_UP(span_end - span_start, pageblock_nr_pages);
	*polluted = 100.0 * (double)blocks / (double)nblocks;
	if (buddy_check())
		die("buddy_check after a fragmentation run");
	free(seen);
	free(shorts);
	free(longs);
	return 100.0 * (double)big / (double)nr_free_pages();
}

static void group_frag(void)
{
	static const unsigned int pcts[] = { 2, 5, 10, 20 };
	char name[64];
	size_t i;
	int g;

	for (i = 0; i < ARRAY_SIZE(pcts); i++) {
		for (g = 1; g >= 0; g--) {
			const char *impl = g ? "grouping-on" : "grouping-off";
			double polluted, share;

			share = frag_run(pcts[i], g, bench_seed, &polluted);
			snprintf(name, sizeof(name), "frag.%u", pcts[i]);
			bench_result_as(name, impl, share, "%");
			snprintf(name, sizeof(name), "frag.%u.blocks", pcts[i]);
			bench_result_as(name, impl, polluted, "%");
		}
	}
}

/* ---- slab ---- */

static double bulk_single(struct kmem_cache *s, long n, long total, void **v)
{
	long reps = total / n, r, i;
	uint64_t t0 = 0, t1;

	for (r = -1; r < reps; r++) {
		if (r == 0)
			t0 = bench_now_ns();
		for (i = 0; i < n; i++) {
			v[i] = kmem_cache_alloc(s, GFP_KERNEL);
			if (!v[i])
				tr_oom("single", (size_t)n);
		}
		for (i = 0; i < n; i++)
			kmem_cache_free(s, v[i]);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / ((double)reps * n);
}

static double bulk_bulk(struct kmem_cache *s, long n, long total, void **v)
{
	long reps = total / n, r;
	uint64_t t0 = 0, t1;

	for (r = -1; r < reps; r++) {
		if (r == 0)
			t0 = bench_now_ns();
		if (kmem_cache_alloc_bulk(s, GFP_KERNEL, (size_t)n, v) != n)
			tr_oom("bulk", (size_t)n);
		kmem_cache_free_bulk(s, (size_t)n, v);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / ((double)reps * n);
}

static void group_slab(void)
{
	unsigned long spins;
	struct kmem_cache *s;
	void *v[128];
	char name[64];
	size_t i;

	machine(SZ_1G);
	for (i = 0; i < BENCH_ARRAY_SIZE(bs_pair_sizes); i++) {
		snprintf(name, sizeof(name), "slab.pair.%u", bs_pair_sizes[i]);
		if (bs_pair_sizes[i] == 64)
			bench_result_as(name, "floor", floor_obj_pairs(BS_PAIR_ITERS), "ns/op");
		bench_result(name, tr_obj_pairs(bs_pair_sizes[i], BS_PAIR_ITERS), "ns/op");
	}
	for (i = 0; i < BENCH_ARRAY_SIZE(bs_batch_counts); i++) {
		double a, f;

		tr_obj_batch(BS_BATCH_SIZE, bs_batch_counts[i], BS_BATCH_TOTAL, &a, &f);
		snprintf(name, sizeof(name), "slab.batch.%ld.alloc", bs_batch_counts[i]);
		bench_result(name, a, "ns/obj");
		snprintf(name, sizeof(name), "slab.batch.%ld.free", bs_batch_counts[i]);
		bench_result(name, f, "ns/obj");
	}
	s = kmem_cache_create("bench-64", BS_BATCH_SIZE, 0, 0, NULL);
	if (!s)
		die("kmem_cache_create");
	for (i = 0; i < BENCH_ARRAY_SIZE(bs_bulk_counts); i++) {
		long n = bs_bulk_counts[i];

		snprintf(name, sizeof(name), "slab.bulk.%ld", n);
		bench_result_as(name, "arbor-single", bulk_single(s, n, BS_BULK_TOTAL, v),
				"ns/obj");
		bench_result_as(name, "arbor-bulk", bulk_bulk(s, n, BS_BULK_TOTAL, v),
				"ns/obj");
	}
	kmem_cache_destroy(s);
	bench_result("slab.sh6", tr_sh6(BS_SH6_COUNT, BS_SH6_ROUNDS, BS_SH6_MIN,
					 BS_SH6_MAX, false, NULL, NULL), "ns/op");
	/* One thread, every free local: the reference for the remote frees. */
	bench_result("slab.larson.1", tr_larson(1, BS_LARSON_SLOTS, BS_LARSON_ROUNDS,
						BS_LARSON_MIN, BS_LARSON_MAX, 7), "ns/op");
	spins = bench_spins;
	bench_result("slab.larson", tr_larson(BS_LARSON_THREADS, BS_LARSON_SLOTS,
					      BS_LARSON_ROUNDS, BS_LARSON_MIN,
					      BS_LARSON_MAX, 7), "ns/op");
	/* Lock contention: spins (relax calls) per free+alloc pair. */
	bench_result_as("slab.larson.spins", "arbor",
			(double)(bench_spins - spins) /
			((double)BS_LARSON_THREADS * BS_LARSON_SLOTS * BS_LARSON_ROUNDS),
			"spins/op");
	/* Again, waiting on locks the way the test harness does. */
	bench_relax_yield = true;
	bench_result_as("slab.larson", "arbor-yield",
			tr_larson(BS_LARSON_THREADS, BS_LARSON_SLOTS, BS_LARSON_ROUNDS,
				  BS_LARSON_MIN, BS_LARSON_MAX, 7), "ns/op");
	bench_relax_yield = false;
	host_cpu_id = 0;
	if (slab_check_all())
		die("slab_check_all after the slab benchmarks");
}

static void group_mem(void)
{
	size_t req = 0, held = 0;

	machine(SZ_1G);
	tr_sh6(BS_SH6_MEM_COUNT, 1, BS_SH6_MIN, BS_SH6_MAX, true, &req, &held);
	bench_result("slab.sh6.mem", (double)held / (double)req, "B/B");
}

/* ---- vmalloc ---- */

/*
 * @live areas of one page each, with a free two-page hole after each
 * one (an area is its page plus its guard page): so the free tree holds
 * @live blocks as well as the busy tree @live areas.  A one-page request
 * fits the lowest hole; a larger one only the space above them all.
 */
static void **vm_populate(long live)
{
	void **areas = tr_xcalloc((size_t)live, sizeof(void *));
	long i;

	for (i = 0; i < live; i++) {
		void *hole;

		areas[i] = vmalloc(PAGE_SIZE);
		hole = vmalloc(PAGE_SIZE);
		if (!areas[i] || !hole)
			tr_oom("vmalloc populate", (size_t)i);
		vfree(hole);
	}
	vm_unmap_aliases();
	return areas;
}

static double vm_pairs(unsigned long pages, long iters)
{
	uint64_t t0, t1;
	long i;

	for (i = 0; i < iters / 10 + 1; i++) {
		void *p = vmalloc(pages * PAGE_SIZE);

		if (!p)
			tr_oom("vmalloc", pages);
		vfree(p);
	}
	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		void *p = vmalloc(pages * PAGE_SIZE);

		if (!p)
			tr_oom("vmalloc", pages);
		bench_keep(p);
		vfree(p);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / iters;
}

static double vmap_pairs(struct page **pages, unsigned int n, long iters)
{
	uint64_t t0, t1;
	long i;

	for (i = 0; i < iters / 10 + 1; i++) {
		void *p = vmap(pages, n, VM_MAP, PAGE_KERNEL);

		if (!p)
			tr_oom("vmap", n);
		vunmap(p);
	}
	t0 = bench_now_ns();
	for (i = 0; i < iters; i++) {
		void *p = vmap(pages, n, VM_MAP, PAGE_KERNEL);

		if (!p)
			tr_oom("vmap", n);
		bench_keep(p);
		vunmap(p);
	}
	t1 = bench_now_ns();
	return (double)(t1 - t0) / iters;
}

/*
 * Live-area counts and request sizes.  With the host MMU (arbor-bench)
 * every area costs the benchmark process two mappings, and 100k areas
 * would exceed vm.max_map_count; that program stops at 10k.
 */
static const long vm_lives[] = { 1000, 10000, 100000 };
static const unsigned int vm_sizes[] = { 1, 3, 16, 100 };

static void group_vmalloc(void)
{
	struct page *pages[100];
	bool hostmmu;
	const char *impl;
	char name[64];
	size_t l, k;
	unsigned int i;

	for (l = 0; l < ARRAY_SIZE(vm_lives); l++) {
		long live = vm_lives[l];

		machine(2 * SZ_1G);
		host_vmap_mmaps = 0;
		vfree(vmalloc(PAGE_SIZE));
		hostmmu = host_vmap_mmaps != 0;
		impl = hostmmu ? "arbor-hostmmu" : "arbor";
		if (hostmmu && live > 10000)
			break;
		vm_unmap_aliases();
		free(vm_populate(live));
		for (i = 0; i < ARRAY_SIZE(pages); i++) {
			pages[i] = alloc_page(GFP_KERNEL);
			if (!pages[i])
				tr_oom("vmap pages", i);
		}
		for (k = 0; k < ARRAY_SIZE(vm_sizes); k++) {
			unsigned int n = vm_sizes[k];
			long iters = n <= 3 ? 20000 : n <= 16 ? 5000 : 1000;

			if (hostmmu)
				iters /= 10;
			snprintf(name, sizeof(name), "vmalloc.%up.%ld", n, live);
			bench_result_as(name, impl, vm_pairs(n, iters), "ns/op");
			if (!hostmmu) {
				snprintf(name, sizeof(name), "vmap.%up.%ld", n, live);
				bench_result_as(name, impl, vmap_pairs(pages, n, iters), "ns/op");
			}
		}
		if (vmalloc_check())
			die("vmalloc_check after the vmalloc benchmarks");
	}
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	host_log_echo = false;
	if (argc == 2 && !strncmp(argv[1], "ir=", 3))
		small_arch_init();
	else
		host_arch_init();
	early_console_init();
	for (i = 1; i < argc; i++) {
		const char *g = argv[i];

		if (!strncmp(g, "seed=", 5))
			bench_seed = strtoull(g + 5, NULL, 0);
		else if (!strcmp(g, "info"))
			group_info();
		else if (!strcmp(g, "page"))
			group_page();
		else if (!strcmp(g, "memmap"))
			group_memmap();
		else if (!strcmp(g, "frag"))
			group_frag();
		else if (!strcmp(g, "slab"))
			group_slab();
		else if (!strcmp(g, "mem"))
			group_mem();
		else if (!strcmp(g, "vmalloc"))
			group_vmalloc();
		else if (!strncmp(g, "ir=", 3) && group_ir(g + 3))
			continue;
		else {
			fprintf(stderr, "usage: arbor-bench [seed=N] [info] [page] [memmap] [frag] [slab] [mem] [vmalloc] [ir=WHAT]\n");
			return 2;
		}
	}
	return 0;
}
