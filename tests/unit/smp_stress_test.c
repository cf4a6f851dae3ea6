// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smp_stress: every online CPU at once allocates and frees at random from
 * the page allocator (orders 0..10), from several slab caches and kmalloc
 * sizes, and from vmalloc, for a bounded number of operations each; then
 * every checker must pass and every free page must be back.
 *
 * Runs anywhere: inside the kernel on every hart arch_smp_boot() brought
 * up (ktest=smp_stress on -smp 4 or 8), and on the host with threads
 * playing CPUs (tests/host/smp_stress_host_test.c builds a fresh machine
 * and starts them; the ThreadSanitizer build, mk/tsan.mk, runs it too).
 *
 *   CPU 0: on_each_cpu(worker) ----> CPU 1..n-1: worker() in the IPI
 *          worker() itself               each with its own random stream
 *          wait for all                  (seed ^ cpu), live blocks, objects
 *                                        and areas of its own, and a share
 *                                        of the exchange array:
 *
 *   exchange[128] (one lock): a CPU that gives an object up puts it in a
 *   random slot and frees whatever object it found there, which another
 *   CPU usually allocated: remote frees, the slab's slow path.
 *
 * Every page, object and area carries a tag (the owner CPU and a serial
 * number) written at allocation and checked at free: two CPUs handed the
 * same memory show up as a tag mismatch.
 *
 * Counts: init quiesces (every CPU's active slabs back, lazy vmalloc areas
 * purged, per-CPU page lists drained) and records free pages and vmalloc's
 * bookkeeping pages; exit quiesces again and expects free + bookkeeping
 * pages exactly as before (in a kernel that has run a while, vmalloc's
 * pool may end up keeping its objects on one page more or less than
 * before; on the host's fresh machine the free pages alone must match).
 * The free lists themselves may differ: the pool's pages and the
 * page-table pages need not be the same frames as before.
 *
 * The seed is fixed (printed as "smp_stress: seed 0x..."), so a failure
 * can be replayed: smp_stress.seed=0x... on the command line; the number
 * of operations per CPU is smp_stress.ops=N (default 20000).  The
 * interleaving of CPUs is not reproducible, the per-CPU streams are.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/spinlock.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <mm/gfp.h>
#include <mm/fail_inject.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

/* Set by the host harness to build a machine and start its CPU threads,
 * and to stop and drop them; NULL in the kernel (the live system). */
void (*smp_stress_machine_setup)(void);
void (*smp_stress_machine_teardown)(void);

u64 smp_stress_seed = 0x5eed2024c0ffeeULL;
unsigned long smp_stress_ops = 20000;

static int early_smp_stress_seed(char *arg)
{
	if (!arg)
		return -1;
	smp_stress_seed = strtoull(arg, NULL, 0);
	return 0;
}
early_param("smp_stress.seed", early_smp_stress_seed);

static int early_smp_stress_ops(char *arg)
{
	if (!arg)
		return -1;
	smp_stress_ops = strtoull(arg, NULL, 0);
	return 0;
}
early_param("smp_stress.ops", early_smp_stress_ops);

#define ST_PAGES	48	/* live page blocks per CPU */
#define ST_OBJS		64	/* live slab objects per CPU */
#define ST_AREAS	8	/* live vmalloc areas per CPU */
#define ST_XCHG		128	/* exchange slots, all CPUs */
#define ST_MAX_VPAGES	16	/* pages per vmalloc area, at most */
#define ST_BULK		24	/* objects per bulk call, at most */

/* The object kinds: 4 caches, then kmalloc sizes (one above 8 KiB). */
static const struct {
	const char *name;
	unsigned int size;
	slab_flags_t flags;
} st_cache_defs[] = {
	{ "smp-stress-32", 32, 0 },
	{ "smp-stress-96", 96, SLAB_HWCACHE_ALIGN },
	{ "smp-stress-264", 264, SLAB_RECLAIM_ACCOUNT },
	{ "smp-stress-1000", 1000, 0 },
};
#define ST_NCACHES	ARRAY_SIZE(st_cache_defs)
static const unsigned int st_kmalloc_sizes[] = { 16, 64, 200, 1024, 3000, 12000 };
#define ST_KINDS	(ST_NCACHES + ARRAY_SIZE(st_kmalloc_sizes))

static struct kmem_cache *st_caches[ST_NCACHES];

struct st_obj {
	void *p;
	unsigned int kind;
};

struct st_cpu {
	u64 rng;
	u64 serial;
	struct { struct page *page; unsigned int order; u64 tag; } pages[ST_PAGES];
	struct st_obj objs[ST_OBJS];
	struct { u8 *p; unsigned int pages; u64 tag; } areas[ST_AREAS];
	struct { void *p[ST_BULK]; unsigned int n, kind; } bulk;
	unsigned int high_live;		/* live blocks of order >= 7 */
	/* Results, read by CPU 0 after on_each_cpu() returned. */
	unsigned long ops, page_allocs, page_fails, obj_allocs, obj_fails,
		      remote_frees, area_allocs, area_fails, bad_tags, drains;
	bool ran;
};

static DEFINE_PER_CPU(struct st_cpu, st_cpu);

static struct {
	spinlock_t lock;
	struct st_obj slot[ST_XCHG];
} st_xchg;

static u64 st_rand(struct st_cpu *c)
{
	/* xorshift64* */
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return c->rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int kind_size(unsigned int kind)
{
	return kind < ST_NCACHES ? st_cache_defs[kind].size
				 : st_kmalloc_sizes[kind - ST_NCACHES];
}

/* The tag in an object: first word tag, last word its complement. */
static u64 obj_tag(const void *p)
{
	return *(const u64 *)p;
}

static void obj_set_tag(void *p, unsigned int kind, u64 tag)
{
	*(u64 *)p = tag;
	*(u64 *)((char *)p + kind_size(kind) - 8) = ~tag;
}

static bool obj_tag_ok(const void *p, unsigned int kind)
{
	return *(const u64 *)((const char *)p + kind_size(kind) - 8) == ~obj_tag(p) &&
	       (obj_tag(p) & 0xff) == kind;
}

static void *obj_alloc(unsigned int kind)
{
	if (kind < ST_NCACHES)
		return kmem_cache_alloc(st_caches[kind], GFP_KERNEL | __GFP_NOWARN);
	return kmalloc(kind_size(kind), GFP_KERNEL | __GFP_NOWARN);
}

/* Check and free an object whoever allocated it. */
static void obj_free(struct st_cpu *c, struct st_obj o)
{
	if (!obj_tag_ok(o.p, o.kind))
		c->bad_tags++;
	if ((int)((obj_tag(o.p) >> 8) & 0xff) != smp_processor_id())
		c->remote_frees++;
	if (o.kind < ST_NCACHES)
		kmem_cache_free(st_caches[o.kind], o.p);
	else
		kfree(o.p);
}

static u64 new_tag(struct st_cpu *c, unsigned int low8)
{
	return ++c->serial << 16 | (u64)smp_processor_id() << 8 | low8;
}

/* ---- the three kinds of operation ---- */

static unsigned int pick_order(struct st_cpu *c)
{
	unsigned int r = st_rand(c) % 100;

	if (r < 60)
		return 0;
	if (r < 85)
		return 1 + st_rand(c) % 3;
	if (r < 97 || c->high_live)
		return 4 + st_rand(c) % 3;
	return 7 + st_rand(c) % 4;		/* up to MAX_ORDER */
}

static bool block_tags_ok(struct page *page, unsigned int order, u64 tag)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u64 *w = page_address(page + i);

		if (w[0] != tag + i || w[PAGE_SIZE / 8 - 1] != ~(tag + i))
			return false;
	}
	return true;
}

static void page_op(struct st_cpu *c)
{
	static const gfp_t mobility[] = {
		GFP_KERNEL, GFP_KERNEL | __GFP_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
	};
	unsigned int i = st_rand(c) % ST_PAGES, order;
	struct page *page;

	if (c->pages[i].page) {
		order = c->pages[i].order;
		if (!block_tags_ok(c->pages[i].page, order, c->pages[i].tag))
			c->bad_tags++;
		__free_pages(c->pages[i].page, order);
		c->pages[i].page = NULL;
		if (order >= 7)
			c->high_live--;
		return;
	}
	order = pick_order(c);
	page = alloc_pages(mobility[st_rand(c) % 3] | __GFP_NOWARN, order);
	if (!page) {
		c->page_fails++;
		return;
	}
	c->page_allocs++;
	c->pages[i].page = page;
	c->pages[i].order = order;
	c->pages[i].tag = new_tag(c, 0) << 12;	/* room for + page index */
	for (unsigned long k = 0; k < (1UL << order); k++) {
		u64 *w = page_address(page + k);

		w[0] = c->pages[i].tag + k;
		w[PAGE_SIZE / 8 - 1] = ~(c->pages[i].tag + k);
	}
	if (order >= 7)
		c->high_live++;
}

static void slab_op(struct st_cpu *c)
{
	unsigned int i = st_rand(c) % ST_OBJS, kind;
	struct st_obj *o = &c->objs[i];

	if (o->p) {
		if (st_rand(c) & 1) {
			obj_free(c, *o);
		} else {
			/* Give it up to the exchange; free what was there. */
			unsigned int k = st_rand(c) % ST_XCHG;
			struct st_obj old;
			unsigned long flags;

			spin_lock_irqsave(&st_xchg.lock, flags);
			old = st_xchg.slot[k];
			st_xchg.slot[k] = *o;
			spin_unlock_irqrestore(&st_xchg.lock, flags);
			if (old.p)
				obj_free(c, old);
		}
		o->p = NULL;
		return;
	}
	kind = st_rand(c) % ST_KINDS;
	o->p = obj_alloc(kind);
	if (!o->p) {
		c->obj_fails++;
		return;
	}
	c->obj_allocs++;
	o->kind = kind;
	obj_set_tag(o->p, kind, new_tag(c, kind));
}

/*
 * Bulk calls (through the CPU's sheaf): allocate a batch of one cache,
 * or check and free the batch held, giving its first object to the
 * exchange so that another CPU frees it singly.
 */
static void bulk_op(struct st_cpu *c)
{
	unsigned int i, kind;

	if (c->bulk.n) {
		kind = c->bulk.kind;
		for (i = 0; i < c->bulk.n; i++)
			if (!obj_tag_ok(c->bulk.p[i], kind))
				c->bad_tags++;
		if (st_rand(c) & 1) {
			struct st_obj give = { c->bulk.p[0], kind }, old;
			unsigned int k = st_rand(c) % ST_XCHG;
			unsigned long flags;

			spin_lock_irqsave(&st_xchg.lock, flags);
			old = st_xchg.slot[k];
			st_xchg.slot[k] = give;
			spin_unlock_irqrestore(&st_xchg.lock, flags);
			c->bulk.p[0] = NULL;	/* free_bulk skips NULL */
			if (old.p)
				obj_free(c, old);
		}
		kmem_cache_free_bulk(st_caches[kind], c->bulk.n, c->bulk.p);
		c->bulk.n = 0;
		return;
	}
	kind = st_rand(c) % ST_NCACHES;
	i = 1 + st_rand(c) % ST_BULK;
	if (!kmem_cache_alloc_bulk(st_caches[kind], GFP_KERNEL | __GFP_NOWARN, i,
				   c->bulk.p)) {
		c->obj_fails++;
		return;
	}
	c->obj_allocs += i;
	c->bulk.n = i;
	c->bulk.kind = kind;
	while (i--)
		obj_set_tag(c->bulk.p[i], kind, new_tag(c, kind));
}

static bool area_tags_ok(const u8 *p, unsigned int pages, u64 tag)
{
	for (unsigned int k = 0; k < pages; k++)
		if (*(const u64 *)(p + (unsigned long)k * PAGE_SIZE) != tag + k)
			return false;
	return true;
}

static void vmalloc_op(struct st_cpu *c)
{
	unsigned int i = st_rand(c) % ST_AREAS, pages;
	u8 *p;

	if (c->areas[i].p) {
		if (!area_tags_ok(c->areas[i].p, c->areas[i].pages, c->areas[i].tag))
			c->bad_tags++;
		vfree(c->areas[i].p);
		c->areas[i].p = NULL;
		return;
	}
	pages = 1 + st_rand(c) % ST_MAX_VPAGES;
	p = __vmalloc(pages * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
	if (!p) {
		c->area_fails++;
		return;
	}
	c->area_allocs++;
	c->areas[i].p = p;
	c->areas[i].pages = pages;
	c->areas[i].tag = new_tag(c, 0) << 8;
	for (unsigned int k = 0; k < pages; k++)
		*(u64 *)(p + (unsigned long)k * PAGE_SIZE) = c->areas[i].tag + k;
}

/* Give back everything this CPU still holds. */
static void st_release_all(struct st_cpu *c)
{
	unsigned int i;

	for (i = 0; i < ST_PAGES; i++) {
		if (!c->pages[i].page)
			continue;
		if (!block_tags_ok(c->pages[i].page, c->pages[i].order, c->pages[i].tag))
			c->bad_tags++;
		__free_pages(c->pages[i].page, c->pages[i].order);
		c->pages[i].page = NULL;
	}
	c->high_live = 0;
	for (i = 0; i < ST_OBJS; i++) {
		if (c->objs[i].p)
			obj_free(c, c->objs[i]);
		c->objs[i].p = NULL;
	}
	if (c->bulk.n)
		bulk_op(c);		/* holding a batch: frees it */
	for (i = 0; i < ST_AREAS; i++) {
		if (!c->areas[i].p)
			continue;
		if (!area_tags_ok(c->areas[i].p, c->areas[i].pages, c->areas[i].tag))
			c->bad_tags++;
		vfree(c->areas[i].p);
		c->areas[i].p = NULL;
	}
}

/* Run on every CPU (on_each_cpu: interrupts off, on that CPU's stack). */
static void st_worker(void *info)
{
	struct st_cpu *c = this_cpu_ptr(st_cpu);
	unsigned long n;

	(void)info;
	memset(c, 0, sizeof(*c));
	c->rng = smp_stress_seed ^ (0x9e3779b97f4a7c15ULL * (smp_processor_id() + 1));
	if (!c->rng)
		c->rng = 1;
	for (n = 0; n < smp_stress_ops; n++) {
		unsigned int r = st_rand(c) % 1000;

		/* 35% pages, 55% objects (2% in bulk), 10% vmalloc (its
		 * global locks make it the slowest by far on an
		 * oversubscribed host). */
		if (r < 350)
			page_op(c);
		else if (r < 880)
			slab_op(c);
		else if (r < 900)
			bulk_op(c);
		else if (r < 998)
			vmalloc_op(c);
		else {
			/* Empty every CPU's page lists while they run. */
			drain_all_pages(NULL);
			c->drains++;
		}
		c->ops++;
		/* Interrupts are off in here: serve other CPUs' calls (their
		 * page-list drains) between operations, as an IPI would. */
		smp_idle_poll();
	}
	st_release_all(c);
	c->ran = true;
}

/* ---- counts before and after ---- */

struct st_snapshot {
	unsigned long free, meta;
};

static struct st_snapshot st_start;

/* Every CPU's slabs back, lazy areas purged, page lists drained. */
static void st_quiesce(void)
{
	kmem_cache_shrink_all();
	vm_unmap_aliases();
	drain_all_pages(NULL);
}

static void st_snap(struct st_snapshot *s)
{
	struct vmalloc_stats vs;

	st_quiesce();
	vmalloc_get_stats(&vs);
	s->free = nr_free_pages();
	s->meta = vs.meta_pages;
}

static void smp_stress_init(struct ktest_ctx *t)
{
	if (smp_stress_machine_setup)
		smp_stress_machine_setup();
	if (!slab_is_available() || !vmalloc_initialized()) {
		t->skip = "no slab or vmalloc";
		return;
	}
	st_snap(&st_start);
	KT_EXPECT_SEQ(t, buddy_check(), 0);
}

static void smp_stress_exit(struct ktest_ctx *t)
{
	struct st_snapshot end;

	if (!t->skip) {
		st_snap(&end);
		KT_EXPECT_SEQ(t, buddy_check(), 0);
		KT_EXPECT_SEQ(t, slab_check_all(), 0);
		KT_EXPECT_SEQ(t, vmalloc_check(), 0);
		KT_EXPECT_EQ(t, end.free + end.meta, st_start.free + st_start.meta);
		if (smp_stress_machine_setup)
			KT_EXPECT_EQ(t, end.free, st_start.free);
		printk("    # smp_stress: free pages %lu -> %lu, vmalloc bookkeeping pages %lu -> %lu\n",
		       st_start.free, end.free, st_start.meta, end.meta);
	}
	if (smp_stress_machine_teardown)
		smp_stress_machine_teardown();
}

KTEST_SUITE(smp_stress, smp_stress_init, smp_stress_exit);

/* All CPUs at once, then every invariant and every page. */
KTEST(smp_stress, alloc_free_all_cpus)
{
	struct st_cpu total = { 0 };
	unsigned int cpu, ran = 0, k, ncpus = num_online_cpus();
	unsigned long flags;

	printk("    # smp_stress: seed 0x%llx, %u CPUs online, %lu operations per CPU\n",
	       (unsigned long long)smp_stress_seed, max(ncpus, 1U), smp_stress_ops);
	/*
	 * The caches are the stage, not the play: made with the boot
	 * parameters' failure injection (the ktest guard) paused, so that
	 * the workers run under it instead of the case ending here.
	 */
	fail_inject_pause();
	for (k = 0; k < ST_NCACHES; k++) {
		st_caches[k] = kmem_cache_create(st_cache_defs[k].name,
						 st_cache_defs[k].size, 0,
						 st_cache_defs[k].flags, NULL);
		if (!st_caches[k])
			break;
	}
	fail_inject_resume();
	if (k < ST_NCACHES) {
		for (unsigned int i = 0; i < k; i++)
			kmem_cache_destroy(st_caches[i]);
		KT_ASSERT_NOT_NULL(t, st_caches[k]);
	}
	spin_lock_init(&st_xchg.lock);
	memset(st_xchg.slot, 0, sizeof(st_xchg.slot));
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		per_cpu(st_cpu, cpu).ran = false;

	on_each_cpu(st_worker, NULL, true);

	/* What is left in the exchange: freed here, mostly remote frees. */
	flags = arch_local_irq_save();
	for (k = 0; k < ST_XCHG; k++) {
		if (st_xchg.slot[k].p)
			obj_free(this_cpu_ptr(st_cpu), st_xchg.slot[k]);
		st_xchg.slot[k].p = NULL;
	}
	arch_local_irq_restore(flags);

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct st_cpu *c = per_cpu_ptr(st_cpu, cpu);

		if (!c->ran)
			continue;
		ran++;
		total.ops += c->ops;
		total.page_allocs += c->page_allocs;
		total.page_fails += c->page_fails;
		total.obj_allocs += c->obj_allocs;
		total.obj_fails += c->obj_fails;
		total.remote_frees += c->remote_frees;
		total.area_allocs += c->area_allocs;
		total.area_fails += c->area_fails;
		total.bad_tags += c->bad_tags;
		total.drains += c->drains;
	}
	printk("    # smp_stress: %u CPUs ran %lu operations: %lu page blocks (%lu failed), %lu objects (%lu failed, %lu freed by another CPU), %lu vmalloc areas (%lu failed), %lu drains\n",
	       ran, total.ops, total.page_allocs, total.page_fails, total.obj_allocs,
	       total.obj_fails, total.remote_frees, total.area_allocs,
	       total.area_fails, total.drains);
	KT_EXPECT_EQ(t, ran, ncpus ? ncpus : 1);
	KT_EXPECT_EQ(t, total.ops, (unsigned long)ran * smp_stress_ops);
	KT_EXPECT_EQ(t, total.bad_tags, 0);
	KT_EXPECT_GT(t, total.page_allocs, 0);
	KT_EXPECT_GT(t, total.obj_allocs, 0);
	KT_EXPECT_GT(t, total.area_allocs, 0);
	if (ran > 1 && smp_stress_ops >= 1000)
		KT_EXPECT_GT(t, total.remote_frees, 0);
	KT_EXPECT_SEQ(t, slab_check_all(), 0);

	for (k = 0; k < ST_NCACHES; k++) {
		kmem_cache_destroy(st_caches[k]);
		st_caches[k] = NULL;
	}
}
