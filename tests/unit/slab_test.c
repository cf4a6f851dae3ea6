// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Slab and kmalloc tests that run anywhere: on the host (a fresh fake
 * machine and a fresh kmem_cache_init() per case) and inside the kernel
 * (the live allocator).  So they only allocate and free, and prove that
 * every page comes back:
 *
 *   - init shrinks every cache (no empty slabs left, this CPU's active
 *     slabs back on the lists) and records nr_free_pages(); exit frees
 *     whatever a failed case left, shrinks again and expects the very
 *     same number: slabs that existed before hold objects the test did
 *     not free, slabs the test made are empty and go back;
 *   - slab_check_all() runs after every step.
 *
 * Only this CPU is used.  Inside the kernel nothing else may allocate
 * while a case runs.  Cases that need other CPUs, the log, a report's
 * text or a known machine live in tests/host/slab_host_test.c.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include "slab_test.h"

void (*slab_test_machine_setup)(void);
void (*slab_test_machine_teardown)(void);

unsigned long slab_suite_free_pages;

#define SLAB_CHECK(t)	KT_EXPECT_SEQ(t, slab_check_all(), 0)

void slab_suite_init(struct ktest_ctx *t)
{
	if (slab_test_machine_setup)
		slab_test_machine_setup();
	if (!slab_is_available()) {
		t->skip = "slab not initialised";
		return;
	}
	kmem_cache_shrink_all();
	slab_suite_free_pages = nr_free_pages();
	SLAB_CHECK(t);
}

void slab_suite_exit(struct ktest_ctx *t)
{
	if (!t->skip) {
		SLAB_CHECK(t);
		kmem_cache_shrink_all();
		KT_EXPECT_EQ(t, nr_free_pages(), slab_suite_free_pages);
	}
	if (slab_test_machine_teardown)
		slab_test_machine_teardown();
}

KTEST_SUITE(slab, slab_suite_init, slab_suite_exit);

static bool all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)c)
			return false;
	return true;
}

/*
 * An object the case needs did not come (under failure injection any
 * allocation may fail): free the @n objects of @s taken so far and
 * destroy @s, so that the case stops with nothing lost.  The caller's
 * KT_ASSERT then ends it.
 */
static void drop_objects(struct kmem_cache *s, void **objs, unsigned int n)
{
	while (n)
		kmem_cache_free(s, objs[--n]);
	kmem_cache_destroy(s);
}

static unsigned long live_objects(struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_get_info(s, &si);
	return si.active_objs;
}

/* ---- caches: sizes, alignment, constructors ---- */

static const unsigned int test_sizes[] = {
	1, 7, 8, 9, 16, 24, 33, 64, 100, 128, 200, 255, 512, 1000, 3000,
	4096, 5000, 10000, 40000,
};
static const unsigned int test_aligns[] = { 0, 8, 16, 64, 256, 4096 };

KTEST(slab, object_sizes_and_alignment)
{
	void *objs[24];

	for (unsigned int i = 0; i < ARRAY_SIZE(test_sizes); i++) {
		for (unsigned int j = 0; j < ARRAY_SIZE(test_aligns); j++) {
			for (int hw = 0; hw < 2; hw++) {
				unsigned int size = test_sizes[i];
				unsigned int align = test_aligns[j];
				unsigned int want = max(align, 8u);
				struct kmem_cache *s;
				unsigned int k, l;

				s = kmem_cache_create("test-align", size, align,
						      hw ? SLAB_HWCACHE_ALIGN : 0, NULL);
				KT_ASSERT_NOT_NULL(t, s);
				if (hw && size >= SMP_CACHE_BYTES / 2)
					want = max(want, (unsigned int)SMP_CACHE_BYTES / 2);
				KT_EXPECT_EQ(t, kmem_cache_size(s), size);
				KT_EXPECT_GE(t, s->size, size);
				KT_EXPECT_EQ(t, s->size % want, 0);
				KT_EXPECT_LE(t, s->objects, SLAB_MAX_OBJECTS);
				for (k = 0; k < ARRAY_SIZE(objs); k++) {
					objs[k] = kmem_cache_alloc(s, GFP_KERNEL);
					if (!objs[k])
						drop_objects(s, objs, k);
					KT_ASSERT_NOT_NULL(t, objs[k]);
					KT_EXPECT_EQ(t, (unsigned long)objs[k] % want, 0);
					memset(objs[k], (int)k + 1, size);
				}
				SLAB_CHECK(t);
				/* No two objects overlap: each kept its fill. */
				for (k = 0; k < ARRAY_SIZE(objs); k++) {
					KT_EXPECT_TRUE(t, all_bytes(objs[k], (int)k + 1, size));
					for (l = 0; l < k; l++)
						KT_EXPECT_NE(t, objs[k], objs[l]);
				}
				for (k = 0; k < ARRAY_SIZE(objs); k++)
					kmem_cache_free(s, objs[k]);
				SLAB_CHECK(t);
				kmem_cache_destroy(s);
				SLAB_CHECK(t);
			}
		}
	}
}

KTEST(slab, bad_parameters_rejected)
{
	KT_EXPECT_NULL(t, kmem_cache_create("test-bad", 0, 0, 0, NULL));
	KT_EXPECT_NULL(t, kmem_cache_create("test-bad", 64, 3, 0, NULL));
	KT_EXPECT_NULL(t, kmem_cache_create("test-bad", 64, 2 * PAGE_SIZE, 0, NULL));
	KT_EXPECT_NULL(t, kmem_cache_create("test-bad", KMALLOC_MAX_SIZE + 1, 0, 0, NULL));
	KT_EXPECT_NULL(t, kmem_cache_create(NULL, 64, 0, 0, NULL));
	kmem_cache_destroy(NULL);
	kmem_cache_free(kmalloc_slab(64), NULL);
	SLAB_CHECK(t);
}

static unsigned long ctor_calls;

static void test_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5c, 40);
}

KTEST(slab, ctor_once_per_object_at_slab_creation)
{
	struct kmem_cache *s = kmem_cache_create("test-ctor", 40, 0, 0, test_ctor);
	void *objs[512];
	unsigned int per_slab, i;

	KT_ASSERT_NOT_NULL(t, s);
	ctor_calls = 0;
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	if (!objs[0])
		drop_objects(s, objs, 0);
	KT_ASSERT_NOT_NULL(t, objs[0]);
	per_slab = ctor_calls;		/* the whole slab was constructed */
	KT_EXPECT_TRUE(t, per_slab == s->objects || per_slab == s->min_objects);
	KT_ASSERT_LE(t, per_slab + 1, ARRAY_SIZE(objs));
	KT_EXPECT_TRUE(t, all_bytes(objs[0], 0x5c, 40));
	for (i = 1; i < per_slab; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[i])
			drop_objects(s, objs, i);
		KT_ASSERT_NOT_NULL(t, objs[i]);
		KT_EXPECT_TRUE(t, all_bytes(objs[i], 0x5c, 40));
	}
	KT_EXPECT_EQ(t, ctor_calls, per_slab);	/* no more calls */
	objs[per_slab] = kmem_cache_alloc(s, GFP_KERNEL);	/* a new slab */
	if (!objs[per_slab])
		drop_objects(s, objs, per_slab);
	KT_ASSERT_NOT_NULL(t, objs[per_slab]);
	KT_EXPECT_GE(t, ctor_calls, per_slab + 1);
	/* A freed object is reused without another constructor call. */
	memset(objs[0], 0x5c, 40);
	kmem_cache_free(s, objs[0]);
	{
		unsigned long before = ctor_calls;

		objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
		KT_EXPECT_EQ(t, ctor_calls, before);
	}
	SLAB_CHECK(t);
	for (i = 0; i <= per_slab; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

KTEST(slab, zalloc_zeroes)
{
	struct kmem_cache *s = kmem_cache_create("test-zero", 200, 0, 0, NULL);
	void *p;

	KT_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	memset(p, 0xee, 200);
	kmem_cache_free(s, p);
	p = kmem_cache_zalloc(s, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_TRUE(t, all_bytes(p, 0, 200));
	kmem_cache_free(s, p);
	p = kzalloc(100, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_TRUE(t, all_bytes(p, 0, 100));
	kfree(p);
	kmem_cache_destroy(s);
}

KTEST(slab, active_objects_exact)
{
	struct kmem_cache *s = kmem_cache_create("test-count", 48, 0, 0, NULL);
	void *objs[300];
	struct slabinfo si;
	unsigned int i;

	KT_ASSERT_NOT_NULL(t, s);
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[i])
			drop_objects(s, objs, i);
		KT_ASSERT_NOT_NULL(t, objs[i]);
		if (i % 37 == 0)
			KT_EXPECT_EQ(t, live_objects(s), i + 1);
	}
	for (i = 0; i < ARRAY_SIZE(objs); i += 2)
		kmem_cache_free(s, objs[i]);
	KT_EXPECT_EQ(t, live_objects(s), ARRAY_SIZE(objs) / 2);
	kmem_cache_get_info(s, &si);
	KT_EXPECT_EQ(t, si.num_objs, si.num_slabs * s->objects);
	KT_EXPECT_EQ(t, si.objsize, s->size);
	KT_EXPECT_EQ(t, si.pages_per_slab, 1u << s->order);
	SLAB_CHECK(t);
	for (i = 1; i < ARRAY_SIZE(objs); i += 2)
		kmem_cache_free(s, objs[i]);
	KT_EXPECT_EQ(t, live_objects(s), 0);
	SLAB_CHECK(t);
	kmem_cache_destroy(s);
}

/* ---- bulk ---- */

KTEST(slab, bulk_alloc_free)
{
	static const size_t counts[] = { 8, 16, 31, 64, 100, 128 };
	struct kmem_cache *s = kmem_cache_create("test-bulk", 72, 0, 0, NULL);
	void *objs[128];
	bool got_all;

	KT_ASSERT_NOT_NULL(t, s);
	for (unsigned int c = 0; c < ARRAY_SIZE(counts); c++) {
		size_t n = counts[c], i, j;

		got_all = kmem_cache_alloc_bulk(s, GFP_KERNEL, n, objs) == (int)n;
		if (!got_all)
			kmem_cache_destroy(s);	/* 0: nothing was kept */
		KT_ASSERT_TRUE(t, got_all);
		KT_EXPECT_EQ(t, live_objects(s), n);
		SLAB_CHECK(t);
		for (i = 0; i < n; i++) {
			KT_ASSERT_NOT_NULL(t, objs[i]);
			memset(objs[i], (int)i, 72);
			for (j = 0; j < i; j++)
				KT_EXPECT_NE(t, objs[i], objs[j]);
		}
		for (i = 0; i < n; i++)
			KT_EXPECT_TRUE(t, all_bytes(objs[i], (int)i, 72));
		/* Mixed with single calls. */
		kmem_cache_free(s, objs[0]);
		objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[0]) {
			kmem_cache_free_bulk(s, n, objs);	/* skips the NULL */
			kmem_cache_destroy(s);
		}
		KT_ASSERT_NOT_NULL(t, objs[0]);
		kmem_cache_free_bulk(s, n, objs);
		KT_EXPECT_EQ(t, live_objects(s), 0);
		SLAB_CHECK(t);
	}
	/* Zeroed bulk, and NULL entries in a bulk free are skipped. */
	got_all = kmem_cache_alloc_bulk(s, GFP_KERNEL | __GFP_ZERO, 40, objs) == 40;
	if (!got_all)
		kmem_cache_destroy(s);
	KT_ASSERT_TRUE(t, got_all);
	for (unsigned int i = 0; i < 40; i++)
		KT_EXPECT_TRUE(t, all_bytes(objs[i], 0, 72));
	kmem_cache_free(s, objs[5]);
	objs[5] = NULL;
	kmem_cache_free_bulk(s, 40, objs);
	KT_EXPECT_EQ(t, live_objects(s), 0);
	SLAB_CHECK(t);
	kmem_cache_destroy(s);
}

/* ---- kmalloc ---- */

static const unsigned int classes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};

/* The class kmalloc must pick for @size. */
static unsigned int class_of(size_t size)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

KTEST(slab, kmalloc_every_class)
{
	static const char *const names[] = {
		"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64",
		"kmalloc-96", "kmalloc-128", "kmalloc-192", "kmalloc-256",
		"kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
		"kmalloc-8k",
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		struct kmem_cache *s = kmalloc_slab(classes[i]);
		size_t sizes[3] = { classes[i], classes[i] - 1,
				    i ? classes[i - 1] + 1 : 1 };

		KT_ASSERT_NOT_NULL(t, s);
		KT_EXPECT_STREQ(t, s->name, names[i]);
		KT_EXPECT_EQ(t, s->object_size, classes[i]);
		for (int k = 0; k < 3; k++) {
			void *p = kmalloc(sizes[k], GFP_KERNEL);
			struct page *slab;

			KT_ASSERT_NOT_NULL(t, p);
			KT_EXPECT_EQ(t, kmalloc_slab(sizes[k]), s);
			KT_EXPECT_EQ(t, ksize(p), classes[i]);
			slab = virt_to_slab(p);
			KT_EXPECT_TRUE(t, PageSlab(slab));
			KT_EXPECT_EQ(t, slab->slab_cache, s);
			memset(p, 0x77, ksize(p));
			SLAB_CHECK(t);
			kfree(p);	/* from the pointer alone */
		}
	}
	/* Every size maps to the smallest class that holds it. */
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++)
		if (kmalloc_slab(size)->object_size != class_of(size)) {
			KT_EXPECT_EQ(t, kmalloc_slab(size)->object_size, class_of(size));
			break;
		}
	KT_EXPECT_NULL(t, kmalloc_slab(KMALLOC_MAX_CACHE_SIZE + 1));
	SLAB_CHECK(t);
}

KTEST(slab, kmalloc_slab_orders)
{
	struct kmem_cache *s;

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		unsigned long slab_bytes;

		s = kmalloc_slab(classes[i]);
		KT_ASSERT_NOT_NULL(t, s);
		if (kmem_cache_debug(s))
			continue;	/* slub_debug changes the layout */
		slab_bytes = PAGE_SIZE << s->order;
		KT_EXPECT_LE(t, s->order, SLAB_MAX_ORDER);
		KT_EXPECT_EQ(t, s->objects, slab_bytes / s->size);
		KT_EXPECT_LE(t, (slab_bytes % s->size) * 16, slab_bytes);
	}
	s = kmalloc_slab(4096);
	if (!kmem_cache_debug(s))
		KT_EXPECT_EQ(t, s->order, 3);
	s = kmalloc_slab(8192);
	if (!kmem_cache_debug(s))
		KT_EXPECT_EQ(t, s->order, 3);
	s = kmalloc_slab(64);
	if (!kmem_cache_debug(s))
		KT_EXPECT_EQ(t, s->order, 0);
}

KTEST(slab, kmalloc_large_uses_pages)
{
	static const size_t sizes[] = { 8193, 12288, 65536, SZ_1M };
	unsigned long before = nr_free_pages();

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned int order = get_order(sizes[i]);
		unsigned long unrec = slab_pages_unreclaimable();
		struct page *page;
		char *p;

		p = kmalloc(sizes[i], GFP_KERNEL);
		KT_ASSERT_NOT_NULL(t, p);
		page = virt_to_page(p);
		KT_EXPECT_FALSE(t, PageSlab(page));
		KT_EXPECT_EQ(t, compound_order(page), order);
		KT_EXPECT_EQ(t, ksize(p), PAGE_SIZE << order);
		KT_EXPECT_EQ(t, nr_free_pages(), before - (1UL << order));
		KT_EXPECT_EQ(t, slab_pages_unreclaimable(), unrec + (1UL << order));
		p[0] = 1;
		p[sizes[i] - 1] = 2;
		kfree(p);	/* from the pointer alone */
		KT_EXPECT_EQ(t, nr_free_pages(), before);
		KT_EXPECT_EQ(t, slab_pages_unreclaimable(), unrec);
	}
	KT_EXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	SLAB_CHECK(t);
}

KTEST(slab, kmalloc_zero_and_null)
{
	KT_EXPECT_EQ(t, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KT_EXPECT_EQ(t, kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KT_EXPECT_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	KT_EXPECT_EQ(t, ksize(NULL), 0);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	KT_EXPECT_TRUE(t, ZERO_OR_NULL_PTR(NULL));
	KT_EXPECT_TRUE(t, ZERO_OR_NULL_PTR(ZERO_SIZE_PTR));
	SLAB_CHECK(t);
}

static void fill(char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)(seed + i * 7);
}

static bool filled(const char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (char)(seed + i * 7))
			return false;
	return true;
}

KTEST(slab, krealloc_keeps_contents)
{
	char *p, *q;

	p = krealloc(NULL, 20, GFP_KERNEL);		/* acts as kmalloc */
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, ksize(p), 32);
	fill(p, 20, 1);
	q = krealloc(p, 30, GFP_KERNEL);		/* same class: in place */
	KT_EXPECT_EQ(t, q, p);
	KT_EXPECT_TRUE(t, filled(q, 20, 1));
	fill(q, 30, 2);
	q = krealloc(p, 16, GFP_KERNEL);		/* shrink: in place */
	KT_EXPECT_EQ(t, q, p);
	KT_EXPECT_TRUE(t, filled(q, 16, 2));
	/* A refused krealloc() leaves the old object: free it before
	 * giving up (an injected failure must not lose memory). */
	q = krealloc(p, 100, GFP_KERNEL);		/* grow: moves */
	if (!q)
		kfree(p);
	KT_ASSERT_NOT_NULL(t, q);
	KT_EXPECT_NE(t, q, p);
	KT_EXPECT_TRUE(t, filled(q, 16, 2));
	KT_EXPECT_EQ(t, ksize(q), 128);
	fill(q, 100, 3);
	p = krealloc(q, 20000, GFP_KERNEL);		/* into pages */
	if (!p)
		kfree(q);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_FALSE(t, PageSlab(virt_to_page(p)));
	KT_EXPECT_TRUE(t, filled(p, 100, 3));
	fill(p, 20000, 4);
	q = krealloc(p, 50, GFP_KERNEL);		/* pages still hold it */
	KT_EXPECT_EQ(t, q, p);
	KT_EXPECT_TRUE(t, filled(q, 50, 4));
	q = krealloc(p, 300000, GFP_KERNEL);		/* bigger pages */
	if (!q)
		kfree(p);
	KT_ASSERT_NOT_NULL(t, q);
	KT_EXPECT_TRUE(t, filled(q, 20000, 4));
	p = krealloc(q, 0, GFP_KERNEL);			/* frees */
	KT_EXPECT_EQ(t, p, ZERO_SIZE_PTR);
	p = krealloc(ZERO_SIZE_PTR, 8, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, ksize(p), 8);
	kfree(p);
	SLAB_CHECK(t);
}

KTEST(slab, kcalloc_overflow_and_zero)
{
	unsigned int *p;

	KT_EXPECT_NULL(t, kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	KT_EXPECT_NULL(t, kcalloc(4, SIZE_MAX / 2, GFP_KERNEL));
	KT_EXPECT_NULL(t, kmalloc_array(SIZE_MAX / 8 + 1, 8, GFP_KERNEL));
	p = kcalloc(100, sizeof(*p), GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_TRUE(t, all_bytes(p, 0, 100 * sizeof(*p)));
	kfree(p);
	p = kmalloc_array(10, 8, GFP_KERNEL);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, ksize(p), 96);
	kfree(p);
	SLAB_CHECK(t);
}

/* ---- pages back to the page allocator ---- */

KTEST(slab, shrink_returns_every_page)
{
	struct kmem_cache *s = kmem_cache_create("test-shrink", 500, 0, 0, NULL);
	static void *objs[600];
	unsigned long before, used;
	unsigned int i;

	KT_ASSERT_NOT_NULL(t, s);
	kmem_cache_shrink_all();	/* the descriptor's slab is no news */
	before = nr_free_pages();
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[i])
			drop_objects(s, objs, i);
		KT_ASSERT_NOT_NULL(t, objs[i]);
	}
	used = before - nr_free_pages();
	KT_EXPECT_GE(t, used, ARRAY_SIZE(objs) * 500 / PAGE_SIZE);
	KT_EXPECT_EQ(t, slab_pages_unreclaimable() >= used, true);
	SLAB_CHECK(t);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(s, objs[i]);
	SLAB_CHECK(t);
	/* Up to min_partial empty slabs (and the active one) stay until
	 * shrunk; the rest went back as they emptied. */
	used = before - nr_free_pages();
	KT_EXPECT_LE(t, used, (unsigned long)(s->min_partial + 1) << s->order);
	KT_EXPECT_EQ(t, (unsigned long)kmem_cache_shrink(s), used);
	KT_EXPECT_EQ(t, nr_free_pages(), before);
	SLAB_CHECK(t);
	kmem_cache_destroy(s);
}

KTEST(slab, destroy_returns_every_page)
{
	unsigned long before = nr_free_pages();
	struct kmem_cache *s;
	void *objs[100];

	for (int round = 0; round < 3; round++) {
		s = kmem_cache_create("test-destroy", 3000, 0,
				      round == 1 ? SLAB_RECLAIM_ACCOUNT : 0, NULL);
		KT_ASSERT_NOT_NULL(t, s);
		for (unsigned int i = 0; i < 100; i++) {
			objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
			if (!objs[i])
				drop_objects(s, objs, i);
			KT_ASSERT_NOT_NULL(t, objs[i]);
		}
		if (round == 1)
			KT_EXPECT_GE(t, slab_pages_reclaimable(), 100 * 3000 / PAGE_SIZE);
		for (int i = 0; i < 100; i++)
			kmem_cache_free(s, objs[i]);
		kmem_cache_destroy(s);	/* no shrink first: destroy does it */
		SLAB_CHECK(t);
		kmem_cache_shrink_all();	/* the descriptor's own slab */
		KT_EXPECT_EQ(t, nr_free_pages(), before);
	}
}
