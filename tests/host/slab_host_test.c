// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Slab and kmalloc tests that need the host: a fresh machine per case
 * (fake memory, the real boot steps, kmem_cache_init()), other CPUs
 * played by setting host_cpu_id, memory exhaustion, slub_debug reports
 * provoked by scribbling on memory and read back from host_log(), a
 * timing comparison, and a long random run against a shadow map.
 * Also installs the machine the generic "slab" suite runs on.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/cmdline.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <asm/cpu.h>
#include "host.h"
#include "../unit/slab_test.h"

#define SLAB_CHECK(t)	KT_EXPECT_SEQ(t, slab_check_all(), 0)

#define RAM_BASE	0x80000000ULL

/*
 * A machine: @nodes banks of @size bytes each (node i at RAM_BASE +
 * i * 4 GiB when @nodes > 1), zones, the buddy allocator, then slab
 * with the slub_debug setting @debug (NULL: none).  Aborts on failure:
 * every case depends on it.
 */
static void machine(phys_addr_t size, int nodes, const char *debug)
{
	bool echo = host_log_echo;
	char buf[128];
	int i;

	host_log_echo = false;
	host_cpu_id = 0;
	host_mem_reset();
	memblock_reset();
	for (i = 0; i < nodes; i++) {
		phys_addr_t base = RAM_BASE + (phys_addr_t)i * SZ_4G;

		host_mem_map(base, size);
		if (nodes > 1)
			memblock_add_node(base, size, i, MEMBLOCK_NONE);
		else
			memblock_add(base, size);
	}
	snprintf(buf, sizeof(buf), "%s", debug ? debug : "-");
	setup_slub_debug(buf);
	if (zones_init())
		abort();
	memblock_free_all();
	if (kmem_cache_init())
		abort();
	host_log_clear();
	host_log_echo = echo;
}

/* $SLUB_DEBUG (e.g. "FZPU") runs the generic suite in debug mode. */
static void default_machine(void)
{
	machine(64 * SZ_1M, 1, getenv("SLUB_DEBUG"));
}

__attribute__((constructor)) static void install_generic_machine(void)
{
	slab_test_machine_setup = default_machine;
	/* Suites after ours see no slab pages in meminfo. */
	slab_test_machine_teardown = kmem_cache_reset;
}

static unsigned long sh_free_pages;
static unsigned long sh_reports;

static void host_init(struct ktest_ctx *t)
{
	(void)t;
	machine(64 * SZ_1M, 1, NULL);
	sh_free_pages = nr_free_pages();
	sh_reports = slab_bug_reports();
}

static void host_exit(struct ktest_ctx *t)
{
	char off[] = "-";

	(void)t;
	host_cpu_id = 0;
	host_log_echo = true;
	setup_slub_debug(off);
	kmem_cache_reset();
}

KTEST_SUITE(slab_host, host_init, host_exit);

static unsigned long live(struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_get_info(s, &si);
	return si.active_objs;
}

static unsigned long nr_slabs(struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_get_info(s, &si);
	return si.num_slabs;
}

/* Number of times @needle occurs in the log. */
static unsigned int log_count(const char *needle)
{
	const char *p = host_log();
	unsigned int n = 0;

	while ((p = strstr(p, needle))) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Every CPU a test used gives back its active slabs; pages all back. */
static void all_back(struct ktest_ctx *t, int cpus)
{
	for (int cpu = cpus - 1; cpu >= 0; cpu--) {
		host_cpu_id = cpu;
		kmem_cache_shrink_all();
	}
	KT_EXPECT_EQ(t, nr_free_pages(), sh_free_pages);
}

static unsigned long slab_off(const void *p)
{
	return (unsigned long)((const char *)p -
			       (const char *)slab_address(virt_to_slab(p)));
}

/* ---- reports without debug ---- */

KTEST(slab_host, slabinfo_format)
{
	void *p[3];

	for (int i = 0; i < 3; i++)
		p[i] = kmalloc(64, GFP_KERNEL);
	host_log_echo = false;
	slabinfo_show();
	KT_EXPECT_TRUE(t, host_log_contains("] slabinfo - version: 2.1\n"));
	KT_EXPECT_TRUE(t, host_log_contains("] # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n"));
	KT_EXPECT_TRUE(t, host_log_contains("] kmalloc-64             3     64     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"));
	KT_EXPECT_TRUE(t, host_log_contains("] kmalloc-8k             0      0   8192    4    8 : tunables    0    0    0 : slabdata      0      0      0\n"));
	KT_EXPECT_TRUE(t, host_log_contains("] kmalloc-4k             0      0   4096    8    8 :"));
	KT_EXPECT_TRUE(t, host_log_contains("] kmem_cache      "));
	/* Newest first, as Linux lists them: kmalloc-8k before kmalloc-8. */
	KT_EXPECT_TRUE(t, strstr(host_log(), "kmalloc-8k ") < strstr(host_log(), "kmalloc-8  "));
	for (int i = 0; i < 3; i++)
		kfree(p[i]);
	all_back(t, 1);
}

KTEST(slab_host, destroy_reports_live_objects)
{
	struct kmem_cache *s = kmem_cache_create("test-leak", 64, 0, 0, NULL);
	char line[128];
	void *a, *b;

	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	host_log_echo = false;
	kmem_cache_destroy(s);
	KT_EXPECT_TRUE(t, host_log_contains("kmem_cache_destroy test-leak: Slab cache still has objects"));
	KT_EXPECT_TRUE(t, host_log_contains("kmem_cache_destroy test-leak: 2 objects in 1 slabs remain"));
	snprintf(line, sizeof(line), "Object %p @offset=%lu\n", a, slab_off(a));
	KT_EXPECT_TRUE(t, host_log_contains(line));
	snprintf(line, sizeof(line), "Object %p @offset=%lu\n", b, slab_off(b));
	KT_EXPECT_TRUE(t, host_log_contains(line));
	KT_EXPECT_EQ(t, log_count("Slab cache still has objects"), 1);
	SLAB_CHECK(t);
	/* The cache is intact: free them and destroy again, silently. */
	KT_EXPECT_EQ(t, live(s), 2);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	host_log_clear();
	kmem_cache_destroy(s);
	KT_EXPECT_FALSE(t, host_log_contains("kmem_cache_destroy"));
	SLAB_CHECK(t);
	all_back(t, 1);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
}

/* ---- other CPUs ---- */

KTEST(slab_host, free_from_other_cpu)
{
	struct kmem_cache *s = kmem_cache_create("test-xcpu", 128, 0, 0, NULL);
	static void *objs[64];
	struct page *slab;
	unsigned int n, i;

	KT_ASSERT_NOT_NULL(t, s);
	n = s->objects - 1;
	KT_ASSERT_LE(t, n, ARRAY_SIZE(objs));
	host_cpu_id = 0;
	for (i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	slab = s->cpu_slab[0].slab;
	KT_ASSERT_NOT_NULL(t, slab);
	KT_EXPECT_EQ(t, slab_state(slab), SLAB_FROZEN);
	KT_EXPECT_EQ(t, slab_cpu_free_objects(s, 0), 1);
	KT_EXPECT_EQ(t, virt_to_slab(objs[n - 1]), slab);

	/* CPU 1 frees half: they go to the slab's own freelist, the slab
	 * stays CPU 0's, CPU 1 gets no slab of its own. */
	host_cpu_id = 1;
	for (i = 0; i < n; i += 2)
		kmem_cache_free(s, objs[i]);
	KT_EXPECT_NOT_NULL(t, slab->freelist);
	KT_EXPECT_EQ(t, slab_state(slab), SLAB_FROZEN);
	KT_EXPECT_NULL(t, s->cpu_slab[1].slab);
	KT_EXPECT_EQ(t, slab_inuse(slab), s->objects - (n + 1) / 2);
	KT_EXPECT_EQ(t, live(s), n - (n + 1) / 2);
	SLAB_CHECK(t);

	/* CPU 0 uses its last private object, then takes the remote frees
	 * over without a new slab. */
	host_cpu_id = 0;
	for (i = 0; i < n; i += 2)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_EQ(t, nr_slabs(s), 1);
	for (i = 0; i < n; i++)
		KT_EXPECT_EQ(t, virt_to_slab(objs[i]), slab);
	objs[n] = kmem_cache_alloc(s, GFP_KERNEL);	/* the last one */
	KT_EXPECT_EQ(t, nr_slabs(s), 1);
	KT_EXPECT_EQ(t, live(s), n + 1);
	SLAB_CHECK(t);

	/* CPU 1 allocating gets a slab of its own. */
	host_cpu_id = 1;
	objs[n + 1] = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_NE(t, s->cpu_slab[1].slab, slab);
	KT_EXPECT_EQ(t, nr_slabs(s), 2);
	SLAB_CHECK(t);

	/* CPU 2 frees everything: both frozen slabs empty but frozen. */
	host_cpu_id = 2;
	for (i = 0; i <= n + 1; i++)
		kmem_cache_free(s, objs[i]);
	KT_EXPECT_EQ(t, live(s), 0);
	KT_EXPECT_EQ(t, nr_slabs(s), 2);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, kmem_cache_shrink(s), 0);	/* not CPU 2's to give */
	host_cpu_id = 0;
	KT_EXPECT_EQ(t, kmem_cache_shrink(s), 1 << s->order);
	host_cpu_id = 1;
	KT_EXPECT_EQ(t, kmem_cache_shrink(s), 1 << s->order);
	KT_EXPECT_EQ(t, nr_slabs(s), 0);
	SLAB_CHECK(t);
	host_cpu_id = 0;
	kmem_cache_destroy(s);
	all_back(t, 3);
}

KTEST(slab_host, destroy_flushes_every_cpu)
{
	struct kmem_cache *s = kmem_cache_create("test-flush", 256, 0, 0, NULL);
	void *objs[NR_CPUS][5];

	KT_ASSERT_NOT_NULL(t, s);
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		host_cpu_id = cpu;
		for (int i = 0; i < 5; i++)
			objs[cpu][i] = kmem_cache_alloc(s, GFP_KERNEL);
	}
	KT_EXPECT_EQ(t, nr_slabs(s), NR_CPUS);
	/* Each CPU frees another CPU's objects. */
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		host_cpu_id = (cpu + 1) % NR_CPUS;
		for (int i = 0; i < 5; i++)
			kmem_cache_free(s, objs[cpu][i]);
	}
	SLAB_CHECK(t);
	host_cpu_id = 0;
	kmem_cache_destroy(s);
	SLAB_CHECK(t);
	all_back(t, 1);
}

KTEST(slab_host, second_node_slabs)
{
	static unsigned long held[20000];
	unsigned int nheld = 0, i;
	struct kmem_cache *s;
	void *objs[40];
	struct page *page;
	unsigned long base;

	machine(16 * SZ_1M, 2, NULL);
	s = kmem_cache_create("test-node1", 512, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	kmem_cache_shrink_all();
	base = nr_free_pages();
	/* Use up node 0 so slabs come from node 1. */
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) &&
	       page_to_nid(page) == 0 && nheld < ARRAY_SIZE(held))
		held[nheld++] = page_to_pfn(page);
	KT_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 0);
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KT_ASSERT_NOT_NULL(t, objs[i]);
		KT_EXPECT_EQ(t, page_to_nid(virt_to_slab(objs[i])), 1);
	}
	KT_EXPECT_GE(t, s->node[1].nr_slabs, 2);
	KT_EXPECT_EQ(t, s->node[0].nr_slabs, 0);
	SLAB_CHECK(t);
	for (i = 0; i < ARRAY_SIZE(objs); i += 3)
		kmem_cache_free(s, objs[i]);
	kmem_cache_shrink(s);		/* partial lists of node 1 */
	SLAB_CHECK(t);
	for (i = 1; i < ARRAY_SIZE(objs); i++)
		if (i % 3)
			kmem_cache_free(s, objs[i]);
	SLAB_CHECK(t);
	for (i = 0; i < nheld; i++)
		__free_pages(pfn_to_page(held[i]), 0);
	kmem_cache_destroy(s);
	kmem_cache_shrink_all();
	KT_EXPECT_EQ(t, nr_free_pages(), base);
}

/*
 * Real concurrency: threads play CPUs 0 and 1 and pass objects to each other
 * through a shared table, so most frees are remote (to another CPU's
 * frozen slab or to the node lists) while the owners keep allocating.
 * Two threads only: with more threads than host cores, ticket spinlocks
 * convoy behind descheduled holders and the case takes minutes.
 */
enum { XF_THREADS = 2, XF_SLOTS = 512, XF_STEPS = 30000 };

static struct {
	pthread_mutex_t lock;
	void *obj[XF_SLOTS];
	u32 tag[XF_SLOTS];
	struct kmem_cache *cache;
	unsigned long bad;
} xf = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void *xf_worker(void *arg)
{
	int cpu = (int)(long)arg;
	u64 r = 0x12345678ull * (cpu + 1);

	host_cpu_id = cpu;
	for (int step = 0; step < XF_STEPS; step++) {
		unsigned int slot, size;
		void *mine, *theirs;
		u32 tag, old;

		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		slot = r % XF_SLOTS;
		size = 8 + (r >> 20) % 600;
		tag = (u32)(r >> 32) | 1;
		if ((r >> 12) % 3)
			mine = kmem_cache_alloc(xf.cache, GFP_KERNEL);
		else
			mine = kmalloc(size, GFP_KERNEL);
		if (!mine) {
			__atomic_add_fetch(&xf.bad, 1, __ATOMIC_RELAXED);
			continue;
		}
		*(u32 *)mine = tag;
		pthread_mutex_lock(&xf.lock);
		theirs = xf.obj[slot];
		old = xf.tag[slot];
		xf.obj[slot] = mine;
		xf.tag[slot] = tag;
		pthread_mutex_unlock(&xf.lock);
		if (!theirs)
			continue;
		if (*(u32 *)theirs != old)
			__atomic_add_fetch(&xf.bad, 1, __ATOMIC_RELAXED);
		kfree(theirs);		/* kfree works for cache objects too */
	}
	return NULL;
}

KTEST(slab_host, threads_as_cpus)
{
	pthread_t th[XF_THREADS];

	xf.cache = kmem_cache_create("test-threads", 48, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, xf.cache);
	xf.bad = 0;
	memset(xf.obj, 0, sizeof(xf.obj));
	for (long i = 0; i < XF_THREADS; i++)
		KT_ASSERT_EQ(t, pthread_create(&th[i], NULL, xf_worker, (void *)i), 0);
	for (int i = 0; i < XF_THREADS; i++)
		pthread_join(th[i], NULL);
	KT_EXPECT_EQ(t, xf.bad, 0);
	SLAB_CHECK(t);
	host_cpu_id = 0;
	for (int i = 0; i < XF_SLOTS; i++)
		kfree(xf.obj[i]);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, live(xf.cache), 0);
	kmem_cache_destroy(xf.cache);
	all_back(t, XF_THREADS);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
}

/* ---- memory exhaustion ---- */

static unsigned long *hold_all_pages(unsigned int *n)
{
	unsigned long *pfns = malloc(sizeof(*pfns) * (nr_free_pages() + 64));
	struct page *page;

	*n = 0;
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		pfns[(*n)++] = page_to_pfn(page);
	return pfns;
}

static void release_pages(unsigned long *pfns, unsigned int n)
{
	while (n)
		__free_pages(pfn_to_page(pfns[--n]), 0);
	free(pfns);
}

KTEST(slab_host, allocation_failure_is_clean)
{
	struct kmem_cache *s;
	unsigned long *held, unrec;
	unsigned int nheld, k, i;
	static void *objs[600];

	machine(16 * SZ_1M, 1, NULL);
	s = kmem_cache_create("test-oom", 100, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	kmem_cache_shrink_all();
	sh_free_pages = nr_free_pages();
	unrec = slab_pages_unreclaimable();
	/* CPU 0's active slab keeps 5 free objects; then memory runs out. */
	k = s->objects - 5;
	for (i = 0; i < k; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	held = hold_all_pages(&nheld);
	KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));

	/* A bulk that needs one more slab fails whole, changing nothing. */
	KT_EXPECT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL | __GFP_NOWARN, 6,
					      objs + k), 0);
	KT_EXPECT_EQ(t, live(s), k);
	KT_EXPECT_EQ(t, nr_slabs(s), 1);
	KT_EXPECT_EQ(t, s->alloc_fail, 1);
	SLAB_CHECK(t);
	for (i = 0; i < 5; i++)
		objs[k + i] = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_EQ(t, live(s), s->objects);

	host_log_echo = false;
	host_log_clear();
	KT_EXPECT_NULL(t, kmem_cache_alloc(s, GFP_KERNEL));
	KT_EXPECT_TRUE(t, host_log_contains("SLUB: Unable to allocate memory on node -1, gfp=0x400\n"));
	KT_EXPECT_TRUE(t, host_log_contains("  cache: test-oom, object size: 100, buffer size: 104, default order: 0, min order: 0\n"));
	KT_EXPECT_TRUE(t, host_log_contains("  node 0: slabs: 1, objs: 39, free: 0\n"));
	KT_EXPECT_EQ(t, s->alloc_fail, 2);
	host_log_clear();
	KT_EXPECT_NULL(t, kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_FALSE(t, host_log_contains("SLUB"));
	KT_EXPECT_EQ(t, s->alloc_fail, 3);
	KT_EXPECT_NULL(t, kmalloc(100, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, kmalloc(SZ_1M, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, kzalloc(5000, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_EQ(t, live(s), s->objects);
	KT_EXPECT_EQ(t, nr_slabs(s), 1);
	KT_EXPECT_EQ(t, slab_pages_unreclaimable(), unrec + 1);
	SLAB_CHECK(t);

	release_pages(held, nheld);
	objs[s->objects] = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_NOT_NULL(t, objs[s->objects]);
	kmem_cache_free_bulk(s, s->objects + 1, objs);
	KT_EXPECT_EQ(t, live(s), 0);
	kmem_cache_destroy(s);
	all_back(t, 1);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* ---- sheaves: bulk calls through per-CPU object arrays ---- */

static struct slab_sheaf *sheaf_of(struct kmem_cache *s)
{
	return s->cpu_slab[host_cpu_id].sheaf;
}

/*
 * A bulk free fills the CPU's sheaf; the next bulk allocation hands the
 * same objects back by copying pointers, without touching the private
 * freelist.  The reports count sheaf objects free; a single allocation
 * takes from the sheaf once the freelist is dry; shrink gives the sheaf's
 * objects and its page back.  (How much cheaper this is than single
 * calls is measured by `make bench`, not asserted here.)
 */
KTEST(slab_host, bulk_round_trip_through_sheaf)
{
	struct kmem_cache *s = kmem_cache_create("test-sheaf", 64, 0, 0, NULL);
	enum { N = 48 };
	void *p[N], *q[N], *freelist, *single[64 + 1];
	unsigned int nr_free, i;

	KT_ASSERT_NOT_NULL(t, s);
	KT_EXPECT_EQ(t, s->sheaf_capacity, SLAB_SHEAF_BYTES / s->size);
	KT_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, N, p), N);
	KT_EXPECT_NULL(t, sheaf_of(s));
	kmem_cache_free_bulk(s, N, p);
	KT_ASSERT_NOT_NULL(t, sheaf_of(s));
	KT_EXPECT_EQ(t, sheaf_of(s)->size, N);
	KT_EXPECT_EQ(t, live(s), 0);
	SLAB_CHECK(t);

	freelist = s->cpu_slab[0].freelist;
	nr_free = slab_cpu_free_objects(s, 0);
	KT_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, N, q), N);
	KT_EXPECT_EQ(t, memcmp(p, q, sizeof(p)), 0);
	KT_EXPECT_EQ(t, sheaf_of(s)->size, 0);
	KT_EXPECT_TRUE(t, s->cpu_slab[0].freelist == freelist);
	KT_EXPECT_EQ(t, slab_cpu_free_objects(s, 0), nr_free);
	KT_EXPECT_EQ(t, live(s), N);
	SLAB_CHECK(t);

	kmem_cache_free_bulk(s, N, q);
	KT_ASSERT_LE(t, nr_free, 64);
	for (i = 0; i < nr_free; i++)		/* the freelist runs dry */
		single[i] = kmem_cache_alloc(s, GFP_KERNEL);
	single[i] = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_TRUE(t, single[i] == q[N - 1]);	/* the sheaf's newest */
	KT_EXPECT_EQ(t, sheaf_of(s)->size, N - 1);
	KT_EXPECT_EQ(t, live(s), nr_free + 1);
	SLAB_CHECK(t);
	for (i = 0; i <= nr_free; i++)
		kmem_cache_free(s, single[i]);

	KT_EXPECT_GT(t, kmem_cache_shrink(s), 0);
	KT_EXPECT_NULL(t, sheaf_of(s));
	KT_EXPECT_EQ(t, live(s), 0);
	KT_EXPECT_EQ(t, nr_slabs(s), 0);
	SLAB_CHECK(t);
	kmem_cache_destroy(s);
	all_back(t, 1);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
}

/*
 * More than a sheaf holds: the rest goes to the freelists as before, and
 * every object comes back; each CPU has its own sheaf, and destroy takes
 * back those of CPUs nobody runs on.
 */
KTEST(slab_host, bulk_beyond_sheaf_capacity)
{
	struct kmem_cache *s = kmem_cache_create("test-sheaf2", 512, 0, 0, NULL);
	static void *p[200];
	unsigned int cap, n = ARRAY_SIZE(p), i, j;

	KT_ASSERT_NOT_NULL(t, s);
	cap = s->sheaf_capacity;
	KT_ASSERT_LE(t, cap, n / 2);
	for (int cpu = 0; cpu < 2; cpu++) {
		host_cpu_id = cpu;
		KT_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, n, p), n);
		for (i = 0; i < n; i++)
			memset(p[i], cpu + 1, 512);
		KT_EXPECT_EQ(t, live(s), n);	/* CPU 0's sheaf counts free */
		kmem_cache_free_bulk(s, n, p);
		KT_EXPECT_EQ(t, sheaf_of(s)->size, cap);
		KT_EXPECT_EQ(t, live(s), 0);
		SLAB_CHECK(t);
		/* Taking more than the sheaf has: all distinct, all usable. */
		KT_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, n, p), n);
		KT_EXPECT_EQ(t, sheaf_of(s)->size, 0);
		for (i = 0; i < n; i++)
			for (j = 0; j < i; j++)
				KT_ASSERT_TRUE(t, p[i] != p[j]);
		kmem_cache_free_bulk(s, n, p);
		SLAB_CHECK(t);
	}
	host_cpu_id = 0;
	kmem_cache_destroy(s);		/* CPU 1's sheaf taken back too */
	all_back(t, 1);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
}

/* ---- slub_debug= ---- */

KTEST(slab_host, slub_debug_parameter)
{
	char a[] = "FZ", b[] = "P,kmalloc-64,foo", c[] = "-", d[] = "U,kmalloc-*";
	char e[] = ",bar", f[] = "Fq";
	slab_flags_t all = SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE |
			   SLAB_POISON | SLAB_STORE_USER;

	KT_EXPECT_SEQ(t, setup_slub_debug(NULL), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("x", 0), all);
	KT_EXPECT_SEQ(t, setup_slub_debug(a), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("x", SLAB_HWCACHE_ALIGN),
		     SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_HWCACHE_ALIGN);
	KT_EXPECT_SEQ(t, setup_slub_debug(b), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("kmalloc-64", 0), SLAB_POISON);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("foo", 0), SLAB_POISON);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("kmalloc-640", 0), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("fo", 0), 0);
	KT_EXPECT_SEQ(t, setup_slub_debug(d), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("kmalloc-1k", 0), SLAB_STORE_USER);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("kmem_cache", 0), 0);
	KT_EXPECT_SEQ(t, setup_slub_debug(e), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("bar", 0), all);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("baz", 0), 0);
	host_log_echo = false;
	KT_EXPECT_SEQ(t, setup_slub_debug(f), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("slub_debug option 'q' unknown. skipped"));
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("x", 0), SLAB_CONSISTENCY_CHECKS);
	KT_EXPECT_SEQ(t, setup_slub_debug(c), 0);
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("x", SLAB_POISON), SLAB_POISON);
	/* Through the command line, as at boot. */
	cmdline_set("console=ttyS0 slub_debug=Z,kmalloc-96");
	parse_early_param();
	KT_EXPECT_EQ(t, kmem_cache_debug_flags("kmalloc-96", 0), SLAB_RED_ZONE);
	cmdline_set("");
}

/* ---- slub_debug reports ---- */

/* After a report: exactly one more, and the checker finds nothing new. */
#define ONE_REPORT(t)							\
	do {								\
		KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);	\
		KT_EXPECT_EQ(t, log_count("BUG "), 1);			\
		SLAB_CHECK(t);						\
		KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);	\
	} while (0)

static void debug_machine(struct ktest_ctx *t, const char *opts)
{
	(void)t;
	machine(64 * SZ_1M, 1, opts);
	sh_free_pages = nr_free_pages();
	sh_reports = slab_bug_reports();
	host_log_echo = false;
}

static bool log_has_fault(const void *from, const void *to, const void *obj,
			  unsigned int first, unsigned int want)
{
	char line[160];

	snprintf(line, sizeof(line), "%p-%p @offset=%lu. First byte 0x%x instead of 0x%x\n",
		 from, to, slab_off(from), first, want);
	if (!host_log_contains(line))
		return false;
	snprintf(line, sizeof(line), "Object %p @offset=%lu fp=", obj, slab_off(obj));
	return host_log_contains(line);
}

KTEST(slab_host, right_redzone_overwritten)
{
	char line[100];
	char *p;

	debug_machine(t, "FZ,kmalloc-64");
	KT_ASSERT_TRUE(t, kmem_cache_debug(kmalloc_slab(64)));
	KT_EXPECT_FALSE(t, kmem_cache_debug(kmalloc_slab(128)));
	p = kmalloc(64, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, 64);		/* all of it is fine */
	p[64] = 0x41;			/* one past the object */
	kfree(p);
	KT_EXPECT_TRUE(t, host_log_contains("=============================================================================\n"));
	KT_EXPECT_TRUE(t, host_log_contains("BUG kmalloc-64 (Not tainted): Right Redzone overwritten\n"));
	KT_EXPECT_TRUE(t, host_log_contains("-----------------------------------------------------------------------------\n"));
	KT_EXPECT_TRUE(t, log_has_fault(p + 64, p + 64, p, 0x41, 0xcc));
	snprintf(line, sizeof(line), "Slab %p objects=%u used=1 fp=",
		 (void *)virt_to_slab(p), kmalloc_slab(64)->objects);
	KT_EXPECT_TRUE(t, host_log_contains(line));
	KT_EXPECT_TRUE(t, host_log_contains("FIX kmalloc-64: Restoring Right Redzone 0x"));
	KT_EXPECT_TRUE(t, host_log_contains("FIX kmalloc-64: Object at 0x"));
	ONE_REPORT(t);
	/* The object was not freed; the red zone is whole again. */
	KT_EXPECT_EQ(t, live(kmalloc_slab(64)), 1);
	host_log_clear();
	kfree(p);
	KT_EXPECT_EQ(t, live(kmalloc_slab(64)), 0);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
	all_back(t, 1);
}

KTEST(slab_host, kmalloc_redzone_past_requested_size)
{
	char *p;

	debug_machine(t, "Z,kmalloc-64");
	p = kmalloc(50, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	memset(p, 0x22, 50);
	p[52] = 0x41;			/* inside the class, past the request */
	p[53] = 0x42;
	kfree(p);
	KT_EXPECT_TRUE(t, host_log_contains("BUG kmalloc-64 (Not tainted): kmalloc Redzone overwritten\n"));
	KT_EXPECT_TRUE(t, log_has_fault(p + 52, p + 53, p, 0x41, 0xcc));
	ONE_REPORT(t);
	kfree(p);
	/* ksize() gives the caller the whole class: no report then. */
	p = kmalloc(50, GFP_KERNEL);
	KT_EXPECT_EQ(t, ksize(p), 64);
	memset(p, 0x33, 64);
	kfree(p);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
	/* krealloc within the class moves the red zone. */
	p = kmalloc(10, GFP_KERNEL);
	p = krealloc(p, 40, GFP_KERNEL);
	memset(p, 0x44, 40);
	p = krealloc(p, 20, GFP_KERNEL);
	kfree(p);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
	all_back(t, 1);
}

KTEST(slab_host, left_redzone_overwritten)
{
	struct kmem_cache *s;
	char *p;

	debug_machine(t, NULL);
	s = kmem_cache_create("test-left", 40, 0, SLAB_RED_ZONE, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	p[-2] = 0x41;
	kmem_cache_free(s, p);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-left (Not tainted): Left Redzone overwritten\n"));
	KT_EXPECT_TRUE(t, log_has_fault(p - 2, p - 2, p, 0x41, 0xcc));
	ONE_REPORT(t);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
	all_back(t, 1);
}

KTEST(slab_host, use_after_free_caught_at_next_alloc)
{
	struct kmem_cache *s;
	char *a, *b;
	void *objs[100];

	debug_machine(t, NULL);
	s = kmem_cache_create("test-uaf", 64, 0, SLAB_POISON, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	a[8] = 0x41;			/* use after free */
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KT_EXPECT_NE(t, b, a);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-uaf (Not tainted): Poison overwritten\n"));
	KT_EXPECT_TRUE(t, log_has_fault(a + 8, a + 8, a, 0x41, 0x6b));
	KT_EXPECT_TRUE(t, host_log_contains("FIX test-uaf: Restoring Poison 0x"));
	ONE_REPORT(t);
	KT_EXPECT_EQ(t, s->quarantined, 1);
	/* a is never handed out again. */
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KT_EXPECT_NE(t, objs[i], a);
	}
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_free(s, b);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
	host_log_clear();
	kmem_cache_destroy(s);		/* only the quarantined object left */
	KT_EXPECT_TRUE(t, host_log_contains("1 objects quarantined by slub_debug"));
	KT_EXPECT_FALSE(t, host_log_contains("Slab cache still has objects"));
}

KTEST(slab_host, use_after_free_caught_by_checker)
{
	struct kmem_cache *s;
	char *a;
	void *objs[100];

	debug_machine(t, NULL);
	s = kmem_cache_create("test-uaf2", 100, 0, SLAB_POISON | SLAB_RED_ZONE, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	a[99] = 0;			/* the end marker */
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-uaf2 (Not tainted): End Poison overwritten\n"));
	KT_EXPECT_TRUE(t, log_has_fault(a + 99, a + 99, a, 0, 0xa5));
	ONE_REPORT(t);
	for (int i = 1; i < 100; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KT_EXPECT_NE(t, objs[i], a);
	}
	kmem_cache_free_bulk(s, 100, objs);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
}

KTEST(slab_host, double_free)
{
	struct kmem_cache *s;
	char line[80];
	void *a, *b;

	debug_machine(t, NULL);
	s = kmem_cache_create("test-df", 32, 0, SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_free(s, a);		/* a is not even the list head */
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-df (Not tainted): Object already free\n"));
	snprintf(line, sizeof(line), "Object %p @offset=%lu", a, slab_off(a));
	KT_EXPECT_TRUE(t, host_log_contains(line));
	snprintf(line, sizeof(line), "FIX test-df: Object at %p not freed\n", a);
	KT_EXPECT_TRUE(t, host_log_contains(line));
	ONE_REPORT(t);
	KT_EXPECT_EQ(t, live(s), 0);
	kmem_cache_destroy(s);
	all_back(t, 1);
}

KTEST(slab_host, double_free_without_debug)
{
	struct kmem_cache *s;
	void *a, *b;

	debug_machine(t, NULL);
	s = kmem_cache_create("test-df2", 32, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	kmem_cache_free(s, a);		/* the CPU's freelist head */
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-df2 (Not tainted): Object already free\n"));
	ONE_REPORT(t);
	/* From another CPU: the slab freelist's head. */
	host_cpu_id = 1;
	kmem_cache_free(s, b);
	kmem_cache_free(s, b);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, live(s), 0);
	host_cpu_id = 0;
	kmem_cache_destroy(s);
	all_back(t, 1);
}

static void corrupt_fp(struct kmem_cache *s, void *obj)
{
	*(unsigned long *)((char *)obj + s->offset) ^= 0x40000;
}

KTEST(slab_host, freepointer_corrupt_on_alloc)
{
	for (int f = 0; f < 2; f++) {
		slab_flags_t flags = SLAB_RED_ZONE | (f ? SLAB_CONSISTENCY_CHECKS : 0);
		struct kmem_cache *s;
		void *a, *b, *c, *x[20];

		debug_machine(t, NULL);
		s = kmem_cache_create("test-fp", 48, 0, flags, NULL);
		KT_ASSERT_NOT_NULL(t, s);
		a = kmem_cache_alloc(s, GFP_KERNEL);
		b = kmem_cache_alloc(s, GFP_KERNEL);
		kmem_cache_free(s, a);
		kmem_cache_free(s, b);		/* freelist: b -> a -> ... */
		corrupt_fp(s, b);
		c = kmem_cache_alloc(s, GFP_KERNEL);
		KT_EXPECT_EQ(t, c, b);
		KT_EXPECT_TRUE(t, host_log_contains("BUG test-fp (Not tainted): Freepointer corrupt\n"));
		KT_EXPECT_TRUE(t, host_log_contains("FIX test-fp: Isolate corrupted freechain"));
		ONE_REPORT(t);
		for (int i = 0; i < 20; i++) {
			x[i] = kmem_cache_alloc(s, GFP_KERNEL);
			KT_EXPECT_NE(t, x[i], a);
		}
		kmem_cache_free_bulk(s, 20, x);
		kmem_cache_free(s, c);
		SLAB_CHECK(t);
		KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
	}
}

KTEST(slab_host, freepointer_corrupt_found_by_checker)
{
	struct kmem_cache *s;
	void *a, *b, *c;

	debug_machine(t, NULL);
	s = kmem_cache_create("test-fp2", 64, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, c);
	kmem_cache_free(s, b);		/* CPU freelist: b -> c -> ... */
	corrupt_fp(s, b);
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-fp2 (Not tainted): Freepointer corrupt\n"));
	ONE_REPORT(t);
	/* The chain was cut after b: allocation carries on. */
	KT_EXPECT_EQ(t, kmem_cache_alloc(s, GFP_KERNEL), b);
	KT_EXPECT_NOT_NULL(t, kmem_cache_alloc(s, GFP_KERNEL));
	SLAB_CHECK(t);
	(void)a;
}

/* The checker's other findings, on states forged through the internals. */
KTEST(slab_host, checker_finds_forged_states)
{
	struct kmem_cache *s;
	struct kmem_cache_cpu *c;
	struct page *slab;
	void *a, *b;

	debug_machine(t, NULL);
	s = kmem_cache_create("test-forge", 64, 0, 0, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = &s->cpu_slab[0];
	slab = c->slab;
	host_cpu_id = 1;
	kmem_cache_free(s, a);		/* a on the slab's freelist */
	host_cpu_id = 0;
	/* ... and also on CPU 0's private one (which merges the chains). */
	set_freepointer(s, a, c->freelist);
	c->freelist = a;
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-forge (Not tainted): Object on both the slab and the CPU freelist"));
	ONE_REPORT(t);

	/* A counter that disagrees with the freelist (a lost update). */
	host_log_clear();
	slab_set_inuse(slab, slab_inuse(slab) - 1);
	s->node[page_to_nid(slab)].nr_inuse--;
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-forge (Not tainted): Wrong object count. Counter is"));
	KT_EXPECT_TRUE(t, host_log_contains("FIX test-forge: Object count adjusted"));
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	kmem_cache_free(s, b);
	SLAB_CHECK(t);
}

/* A fresh debug_machine() with two plain 64-byte caches. */
static bool two_caches(struct ktest_ctx *t, const char *a, const char *b,
		       struct kmem_cache **s, struct kmem_cache **other)
{
	debug_machine(t, NULL);
	*s = kmem_cache_create(a, 64, 0, 0, NULL);
	*other = kmem_cache_create(b, 64, 0, 0, NULL);
	return *s && *other;
}

/* The checker's view of sheaves: each forged state once, then fixed. */
KTEST(slab_host, checker_finds_forged_sheaves)
{
	struct kmem_cache *s, *other;
	struct slab_sheaf *sh;
	void *p[8], *stranger;

	KT_ASSERT_TRUE(t, two_caches(t, "test-sheafck", "test-other", &s, &other));
	KT_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 8, p), 8);
	kmem_cache_free_bulk(s, 4, p);
	sh = sheaf_of(s);
	KT_ASSERT_NOT_NULL(t, sh);
	KT_ASSERT_EQ(t, sh->size, 4);
	SLAB_CHECK(t);

	/* An object twice on the sheaf (a double bulk free, unseen). */
	sh->objects[sh->size++] = p[1];
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-sheafck (Not tainted): CPU 0 sheaf entry 4: "));
	KT_EXPECT_TRUE(t, host_log_contains(" is there twice\n"));
	KT_EXPECT_TRUE(t, host_log_contains("FIX test-sheafck: Sheaf entry dropped"));
	ONE_REPORT(t);
	KT_EXPECT_EQ(t, sh->size, 4);

	/* An object on the sheaf and on the CPU's freelist. */
	host_log_clear();
	kmem_cache_free(s, p[4]);
	sh->objects[sh->size++] = p[4];
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains(" is also on a freelist\n"));
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	SLAB_CHECK(t);

	/* Another cache's object. */
	host_log_clear();
	stranger = kmem_cache_alloc(other, GFP_KERNEL);
	sh->objects[sh->size++] = stranger;
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains(" is not an object of this cache\n"));
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 3);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, sh->size, 4);
	KT_EXPECT_EQ(t, live(s), 3);		/* p[5..7] */

	/* The same object on two CPUs' sheaves: CPU 1's entry is dropped. */
	host_log_clear();
	host_cpu_id = 1;
	kmem_cache_free_bulk(s, 1, &p[2]);	/* p[2] is on CPU 0's sheaf */
	KT_EXPECT_EQ(t, sheaf_of(s)->size, 1);
	host_cpu_id = 0;
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-sheafck (Not tainted): CPU 1 sheaf entry 0: "));
	KT_EXPECT_TRUE(t, host_log_contains(" is also on another CPU's sheaf\n"));
	KT_EXPECT_EQ(t, s->cpu_slab[1].sheaf->size, 0);
	KT_EXPECT_EQ(t, sh->size, 4);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 4);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, live(s), 3);

	/* A bulk free of the sheaf's newest object again is caught at once. */
	host_log_clear();
	kmem_cache_free_bulk(s, 1, &p[3]);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-sheafck (Not tainted): Object already free\n"));
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 5);
	KT_EXPECT_EQ(t, sh->size, 4);
	SLAB_CHECK(t);

	kmem_cache_free_bulk(s, 3, &p[5]);
	kmem_cache_free(other, stranger);
	KT_EXPECT_EQ(t, live(s), 0);
	kmem_cache_destroy(s);
	kmem_cache_destroy(other);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 5);
}

/*
 * One bulk free mixing objects of the slab the sheaf fill just verified,
 * another cache's object, an immediate repeat and a NULL: every pointer
 * is still judged (the fill skips the struct page lookup only inside a
 * slab it has already checked).
 */
KTEST(slab_host, bulk_free_judges_each_pointer)
{
	struct kmem_cache *s, *other;
	void *p[4], *v[8], *stranger;
	char line[120];

	KT_ASSERT_TRUE(t, two_caches(t, "test-bulkmix", "test-bulkother", &s, &other));
	KT_ASSERT_EQ(t, kmem_cache_alloc_bulk(s, GFP_KERNEL, 4, p), 4);
	stranger = kmem_cache_alloc(other, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, stranger);
	/* The four objects share one slab (a fresh 64 B cache). */
	KT_ASSERT_EQ(t, virt_to_slab(p[3]), virt_to_slab(p[0]));
	v[0] = p[0];
	v[1] = stranger;		/* wrong cache, after a verified one */
	v[2] = p[1];
	v[3] = p[1];			/* the same object again */
	v[4] = NULL;
	v[5] = p[2];
	v[6] = p[3];
	kmem_cache_free_bulk(s, 7, v);
	snprintf(line, sizeof(line),
		 "BUG test-bulkmix (Not tainted): Wrong slab cache: object %p is from test-bulkother\n",
		 stranger);
	KT_EXPECT_TRUE(t, host_log_contains(line));
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-bulkmix (Not tainted): Object already free\n"));
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	KT_EXPECT_EQ(t, sheaf_of(s)->size, 4);
	KT_EXPECT_EQ(t, live(s), 0);
	KT_EXPECT_EQ(t, live(other), 1);
	SLAB_CHECK(t);
	kmem_cache_free(other, stranger);
	kmem_cache_destroy(s);
	kmem_cache_destroy(other);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	all_back(t, 1);
}

KTEST(slab_host, invalid_object_pointer)
{
	char line[120];
	char *p;

	debug_machine(t, "F,kmalloc-128");
	p = kmalloc(100, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	kfree(p + 8);
	snprintf(line, sizeof(line), "BUG kmalloc-128 (Not tainted): Invalid object pointer %p\n", p + 8);
	KT_EXPECT_TRUE(t, host_log_contains(line));
	snprintf(line, sizeof(line), "%p @offset=%lu is not the start of an object", p + 8, slab_off(p + 8));
	KT_EXPECT_TRUE(t, host_log_contains(line));
	ONE_REPORT(t);
	KT_EXPECT_EQ(t, live(kmalloc_slab(128)), 1);
	kfree(p);
	KT_EXPECT_EQ(t, live(kmalloc_slab(128)), 0);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 1);
	all_back(t, 1);
}

KTEST(slab_host, free_to_wrong_cache)
{
	struct kmem_cache *a, *b;
	void *p;

	debug_machine(t, NULL);
	a = kmem_cache_create("test-a", 64, 0, 0, NULL);
	b = kmem_cache_create("test-b", 64, 0, 0, NULL);
	p = kmem_cache_alloc(a, GFP_KERNEL);
	kmem_cache_free(b, p);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-b (Not tainted): Wrong slab cache: object 0x"));
	KT_EXPECT_TRUE(t, host_log_contains(" is from test-a\n"));
	ONE_REPORT(t);
	KT_EXPECT_EQ(t, live(a), 1);
	kmem_cache_free(a, p);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	all_back(t, 1);
}

KTEST(slab_host, store_user_and_padding)
{
	struct kmem_cache *s;
	struct page *slab;
	char *p, *pad;

	debug_machine(t, NULL);
	s = kmem_cache_create("test-user", 1000, 0,
			      SLAB_STORE_USER | SLAB_RED_ZONE | SLAB_POISON, NULL);
	KT_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	p[1000] = 0x41;
	kmem_cache_free(s, p);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-user (Not tainted): Right Redzone overwritten\n"));
	KT_EXPECT_TRUE(t, host_log_contains("INFO: Allocated in 0x"));
	KT_EXPECT_TRUE(t, host_log_contains(" cpu=0 pid=0\n"));
	ONE_REPORT(t);
	kmem_cache_free(s, p);
	/* The slab's tail padding. */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	slab = virt_to_slab(p);
	pad = (char *)slab_address(slab) + slab_objects(slab) * s->size;
	KT_ASSERT_TRUE(t, pad < (char *)slab_address(slab) + (PAGE_SIZE << slab_order(slab)));
	host_log_clear();
	pad[3] = 0x41;
	KT_EXPECT_SEQ(t, slab_check(s), -EINVAL);
	KT_EXPECT_TRUE(t, host_log_contains("BUG test-user (Not tainted): Padding overwritten. 0x"));
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports + 2);
	SLAB_CHECK(t);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
	all_back(t, 1);
}

/* Full debugging on every cache: a normal workload reports nothing. */
KTEST(slab_host, full_debug_no_false_positives)
{
	static void *p[500];

	debug_machine(t, "FZPU");
	for (int i = 0; i < 500; i++) {
		size_t size = 1 + (i * 37) % 9000;

		p[i] = kmalloc(size, GFP_KERNEL);
		KT_ASSERT_NOT_NULL(t, p[i]);
		memset(p[i], 0x5, size);
		if (i % 5 == 0) {
			p[i] = krealloc(p[i], size + 100, GFP_KERNEL);
			memset(p[i], 0x6, size + 100);
		}
		if (i % 7 == 0)
			memset(p[i], 0x7, ksize(p[i]));
	}
	SLAB_CHECK(t);
	for (int i = 0; i < 500; i += 2)
		kfree(p[i]);
	SLAB_CHECK(t);
	for (int i = 1; i < 500; i += 2)
		kfree(p[i]);
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
	all_back(t, 1);
}

/* ---- random stress against a shadow map ---- */

struct live_obj {
	char *p;
	size_t size;
	int kind;		/* < 0: kmalloc; else stress cache index */
	u8 tag;
};

static u64 rnd_state;

static u64 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void stress_ctor(void *obj)
{
	memset(obj, 0xc7, 8);
}

/* One bit per 8 bytes of fake memory: set while an object covers it. */
static unsigned long *shadow;

static bool shadow_mark(struct ktest_ctx *t, const void *p, size_t size, bool set)
{
	unsigned long g = (unsigned long)(__pa(p) - RAM_BASE) / 8;
	unsigned long end = g + DIV_ROUND_UP(size, 8);

	for (; g < end; g++) {
		unsigned long bit = 1UL << (g % 64);
		bool was = shadow[g / 64] & bit;

		if (was == set) {
			KT_EXPECT_TRUE(t, !"object handed out twice / freed unmarked");
			return false;
		}
		shadow[g / 64] ^= bit;
	}
	return true;
}

KTEST(slab_host, random_stress)
{
	enum { STEPS = 200000, SLOTS = 3000, NCACHES = 5, CPUS = 4 };
	static const struct {
		const char *name;
		unsigned int size, align;
		slab_flags_t flags;
		bool ctor;
	} specs[NCACHES] = {
		{ "stress-24", 24, 0, 0, false },
		{ "stress-100-ctor", 100, 0, 0, true },
		{ "stress-256-hw", 200, 0, SLAB_HWCACHE_ALIGN, false },
		{ "stress-3000", 3000, 0, SLAB_RECLAIM_ACCOUNT, false },
		{ "stress-debug", 72, 16, SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER, false },
	};
	static struct live_obj slots[SLOTS];
	struct kmem_cache *caches[NCACHES];
	unsigned long count[NCACHES] = { 0 };
	unsigned long allocs = 0, large = 0, checks = 0, peak_pages = 0;
	unsigned long long t0 = now_ns();
	shadow = calloc(64 * SZ_1M / 8 / 64, sizeof(long));
	rnd_state = 0x9e3779b97f4a7c15ull;
	memset(slots, 0, sizeof(slots));
	for (int i = 0; i < NCACHES; i++) {
		caches[i] = kmem_cache_create(specs[i].name, specs[i].size,
					      specs[i].align, specs[i].flags,
					      specs[i].ctor ? stress_ctor : NULL);
		KT_ASSERT_NOT_NULL(t, caches[i]);
	}
	kmem_cache_shrink_all();
	sh_free_pages = nr_free_pages();

	for (int step = 1; step <= STEPS; step++) {
		struct live_obj *o = &slots[rnd() % SLOTS];

		host_cpu_id = rnd() % CPUS;
		if (!o->p) {
			u64 r = rnd();

			o->kind = (int)(r % (NCACHES + 3)) - 3;
			o->tag = (u8)(r >> 8) | 1;
			if (o->kind < 0) {
				o->size = (r >> 16) % 100 == 0 ? 8193 + (r >> 24) % 60000 :
					  1 + (r >> 24) % KMALLOC_MAX_CACHE_SIZE;
				o->p = (r >> 40) % 4 ? kmalloc(o->size, GFP_KERNEL) :
					kzalloc(o->size, GFP_KERNEL);
			} else {
				o->size = specs[o->kind].size;
				o->p = kmem_cache_alloc(caches[o->kind], GFP_KERNEL);
				if (o->p && specs[o->kind].ctor)
					KT_EXPECT_EQ(t, *(u64 *)o->p, 0xc7c7c7c7c7c7c7c7ull);
				count[o->kind]++;
			}
			KT_ASSERT_NOT_NULL(t, o->p);
			allocs++;
			large += o->kind < 0 && o->size > KMALLOC_MAX_CACHE_SIZE;
			if (o->kind >= 0 && specs[o->kind].align)
				KT_EXPECT_EQ(t, (unsigned long)o->p % specs[o->kind].align, 0);
			if (!shadow_mark(t, o->p, o->size, true))
				return;
			memset(o->p, o->tag, o->size);
		} else {
			const u8 *b = (const u8 *)o->p;

			if (b[0] != o->tag || b[o->size / 2] != o->tag ||
			    b[o->size - 1] != o->tag) {
				KT_EXPECT_TRUE(t, !"object contents changed while allocated");
				return;
			}
			if (o->kind >= 0 && specs[o->kind].ctor)
				memset(o->p, 0xc7, 8);	/* leave it constructed */
			if (!shadow_mark(t, o->p, o->size, false))
				return;
			if (o->kind < 0) {
				kfree(o->p);
			} else {
				kmem_cache_free(caches[o->kind], o->p);
				count[o->kind]--;
			}
			o->p = NULL;
		}
		if (step % 1000 == 0) {
			KT_ASSERT_SEQ(t, slab_check_all(), 0);
			checks++;
			peak_pages = max(peak_pages, sh_free_pages - nr_free_pages());
			for (int i = 0; i < NCACHES; i++)
				KT_EXPECT_EQ(t, live(caches[i]), count[i]);
		}
		if (step % 20000 == 0)
			kmem_cache_shrink(caches[rnd() % NCACHES]);
	}
	for (int i = 0; i < SLOTS; i++) {
		struct live_obj *o = &slots[i];

		if (!o->p)
			continue;
		host_cpu_id = rnd() % CPUS;
		if (o->kind < 0)
			kfree(o->p);
		else
			kmem_cache_free(caches[o->kind], o->p);
		o->p = NULL;
	}
	SLAB_CHECK(t);
	printk("slab: random_stress: %d steps, %lu allocations (%lu large), %lu checks, peak %lu pages, %llu ms\n",
	       STEPS, allocs, large, checks, peak_pages, (now_ns() - t0) / 1000000);
	for (int i = 0; i < NCACHES; i++)
		KT_EXPECT_EQ(t, live(caches[i]), 0);
	all_back(t, CPUS);
	host_cpu_id = 0;
	for (int i = 0; i < NCACHES; i++)
		kmem_cache_destroy(caches[i]);
	kmem_cache_shrink_all();
	SLAB_CHECK(t);
	KT_EXPECT_EQ(t, slab_bug_reports(), sh_reports);
	free(shadow);
}
