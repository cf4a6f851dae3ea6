// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kmalloc.c: general-purpose allocation by size.
 *
 * What it owns
 *   The kmalloc caches, one per size class (Linux's):
 *
 *     index  1   2   3   4   5   6   7    8    9    10   11   12   13
 *     size   96  192 8   16  32  64  128  256  512  1k   2k   4k   8k
 *
 *   A request takes the smallest class that holds it.  Up to 192 bytes a
 *   table indexed by (size - 1) / 8 picks the class (so 65..96 -> 96,
 *   129..192 -> 192); above it, the next power of two.  Requests above
 *   KMALLOC_MAX_CACHE_SIZE (8 KiB) skip the slab layer: they get a
 *   compound page of get_order(size) straight from the page allocator,
 *   and kfree() tells the two apart by PG_slab on the head page.
 *
 *   In debug mode (slub_debug Z or U) a kmalloc cache records each
 *   object's requested size, so writes between it and the class size are
 *   caught ("kmalloc Redzone").
 *
 * Locking: none of its own.  The caches are created once at boot; the
 * slab and page allocators lock as they describe.
 */
#include <mm/slab.h>
#include <mm/gfp.h>
#include <mm/fail_inject.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/string.h>

struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
/*
 * kmalloc()'s fast path finds its cache in one load: the cache of each
 * 8-byte step up to 192 bytes, and of each 64-byte step up to 8 KiB (the
 * classes above 192 are powers of two, so no step straddles two).  An
 * entry of kmalloc_slow_only sends the request to the slow path: that
 * cache is never used for anything, so every CPU's freelist in it stays
 * empty and the fast path's "freelist empty" test is the only test.  A
 * debug cache (slub_debug) is never entered, and while failure injection
 * is on every entry is kmalloc_slow_only (kmalloc_fast_enable()).
 * Entries change while other CPUs read them, so both sides use relaxed
 * atomic accesses (plain loads and stores).
 */
#define KMALLOC_SMALL_STEPS	24
#define KMALLOC_MEDIUM_STEPS	(KMALLOC_MAX_CACHE_SIZE / 64)
static struct kmem_cache kmalloc_slow_only;
static struct kmem_cache *kmalloc_small[KMALLOC_SMALL_STEPS] = {
	[0 ... KMALLOC_SMALL_STEPS - 1] = &kmalloc_slow_only
};
static struct kmem_cache *kmalloc_medium[KMALLOC_MEDIUM_STEPS] = {
	[0 ... KMALLOC_MEDIUM_STEPS - 1] = &kmalloc_slow_only
};

static inline struct kmem_cache *kmalloc_fast_cache(size_t size)
{
	if (likely(size - 1 < 8 * KMALLOC_SMALL_STEPS))
		return __atomic_load_n(&kmalloc_small[(size - 1) / 8],
				       __ATOMIC_RELAXED);
	if (size - 1 < KMALLOC_MAX_CACHE_SIZE)
		return __atomic_load_n(&kmalloc_medium[(size - 1) / 64],
				       __ATOMIC_RELAXED);
	return &kmalloc_slow_only;	/* 0 bytes, or a page-backed request */
}

static const struct {
	const char *name;
	unsigned int size;
} kmalloc_info[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = { "kmalloc-96", 96 },
	[2] = { "kmalloc-192", 192 },
	[3] = { "kmalloc-8", 8 },
	[4] = { "kmalloc-16", 16 },
	[5] = { "kmalloc-32", 32 },
	[6] = { "kmalloc-64", 64 },
	[7] = { "kmalloc-128", 128 },
	[8] = { "kmalloc-256", 256 },
	[9] = { "kmalloc-512", 512 },
	[10] = { "kmalloc-1k", 1024 },
	[11] = { "kmalloc-2k", 2048 },
	[12] = { "kmalloc-4k", 4096 },
	[13] = { "kmalloc-8k", 8192 },
};

/* Class index for sizes 1..192, by (size - 1) / 8. */
static const u8 size_index[KMALLOC_SMALL_STEPS] = {
	3,	/* 8 */
	4,	/* 16 */
	5,	/* 24 */
	5,	/* 32 */
	6,	/* 40 */
	6,	/* 48 */
	6,	/* 56 */
	6,	/* 64 */
	1,	/* 72 */
	1,	/* 80 */
	1,	/* 88 */
	1,	/* 96 */
	7,	/* 104 */
	7,	/* 112 */
	7,	/* 120 */
	7,	/* 128 */
	2,	/* 136 */
	2,	/* 144 */
	2,	/* 152 */
	2,	/* 160 */
	2,	/* 168 */
	2,	/* 176 */
	2,	/* 184 */
	2,	/* 192 */
};

static unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	return slab_ilog2(size - 1) + 1;
}

/*
 * The fast lookup's entry for class @s: @s itself, or kmalloc_slow_only
 * while the lookup is off (@on false), for a debug cache, or before the
 * class exists.
 */
static struct kmem_cache *fast_entry(struct kmem_cache *s, bool on)
{
	return on && s && !kmem_cache_debug(s) ? s : &kmalloc_slow_only;
}

/*
 * kmalloc_fast_enable - fill the fast lookup from kmalloc_caches[] (@on),
 * or point every entry at kmalloc_slow_only so that every kmalloc() takes
 * the slow path (failure injection; kmem_cache_reset()).  The caller
 * serialises calls.
 */
void kmalloc_fast_enable(bool on)
{
	unsigned int i;

	for (i = 0; i < KMALLOC_SMALL_STEPS; i++)
		__atomic_store_n(&kmalloc_small[i],
				 fast_entry(kmalloc_caches[size_index[i]], on),
				 __ATOMIC_RELAXED);
	for (i = 0; i < KMALLOC_MEDIUM_STEPS; i++)
		__atomic_store_n(&kmalloc_medium[i],
				 fast_entry(kmalloc_caches[kmalloc_index(64 * (i + 1))], on),
				 __ATOMIC_RELAXED);
}

/*
 * kmalloc_slab - the cache kmalloc uses for @size bytes, or NULL for 0 and
 * for sizes above KMALLOC_MAX_CACHE_SIZE (or before kmem_cache_init()).
 */
struct kmem_cache *kmalloc_slab(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

/*
 * create_kmalloc_caches - make every size class (kmem_cache_init()).
 * Returns 0 or -ENOMEM, naming the cache that could not be made.
 */
int create_kmalloc_caches(void)
{
	unsigned int i;

	for (i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		if (!kmalloc_info[i].name)
			continue;
		kmalloc_caches[i] = kmem_cache_create(kmalloc_info[i].name,
						      kmalloc_info[i].size, 0,
						      SLAB_KMALLOC, NULL);
		if (!kmalloc_caches[i]) {
			pr_err("SLUB: cannot create %s: out of memory\n",
			       kmalloc_info[i].name);
			return -ENOMEM;
		}
	}
	kmalloc_fast_enable(!fail_inject_enabled());
	return 0;
}

/* Whole pages for a large request: a compound page, counted as slab. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order;
	struct page *page;

	if (size > KMALLOC_MAX_SIZE) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than KMALLOC_MAX_SIZE (%lu)\n",
				size, KMALLOC_MAX_SIZE);
		return NULL;
	}
	order = get_order(size);
	page = alloc_pages(gfp | __GFP_COMP, order);
	if (!page)
		return NULL;
	slab_account_pages(false, 1L << order);
	return page_address(page);
}

static void *__kmalloc(size_t size, gfp_t gfp, unsigned long caller)
{
	struct kmem_cache *s;

	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	s = kmalloc_caches[kmalloc_index(size)];
	if (unlikely(!s))
		return NULL;
	return slab_alloc(s, gfp, size, caller);
}

/*
 * kmalloc - see slab.h.  NULL when memory is short or @size too large.
 * Fast path: a slab class (up to 8 KiB) with a real cache in the fast
 * lookup (a non-debug cache, no failure injection) and no __GFP_ZERO pops
 * this CPU's freelist inline.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	if (likely(!(gfp & __GFP_ZERO))) {
		void *obj = slab_alloc_fast(kmalloc_fast_cache(size));

		if (likely(obj))
			return obj;
	}
	return __kmalloc(size, gfp, _RET_IP_);
}

/* kzalloc - zeroed kmalloc(); NULL on failure. */
void *kzalloc(size_t size, gfp_t gfp)
{
	return __kmalloc(size, gfp | __GFP_ZERO, _RET_IP_);
}

/* kmalloc_array - kmalloc(@n * @size); NULL on overflow or failure. */
void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __kmalloc(bytes, gfp, _RET_IP_);
}

/* kcalloc - zeroed kmalloc_array(); NULL on overflow or failure. */
void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __kmalloc(bytes, gfp | __GFP_ZERO, _RET_IP_);
}

/*
 * What @p points into: its slab (returns the cache) or the head page of a
 * large allocation (*@large set).  NULL, with a report, for a pointer no
 * kmalloc function returned.
 */
static struct kmem_cache *kmalloc_owner(const void *p, struct page **pagep,
					bool *large)
{
	struct page *page = virt_to_slab(p);

	*pagep = page;
	*large = false;
	if (PageSlab(page))
		return page->slab_cache;
	if (PageHead(page) && p == page_address(page)) {
		*large = true;
		return NULL;
	}
	pr_err("kfree: %p is not a kmalloc pointer (pfn 0x%lx flags %#lx); ignored\n",
	       p, page_to_pfn(page), page->flags);
	return NULL;
}

/* The slow part of kfree(): every check; a pointer kmalloc did not
 * return is reported. */
static noinline void __kfree(const void *p, unsigned long caller)
{
	struct kmem_cache *s;
	struct page *page;
	bool large;

	s = kmalloc_owner(p, &page, &large);
	if (s) {
		slab_free(s, page, (void *)p, caller);
	} else if (large) {
		unsigned int order = compound_order(page);

		slab_account_pages(false, -(1L << order));
		__free_pages(page, order);
	}
}

/*
 * kfree - see slab.h; a pointer kmalloc did not return is reported.
 * Fast path: an object of this CPU's active slab goes back on the CPU's
 * freelist inline (debug caches have none: they always take slab_free()).
 */
void kfree(const void *p)
{
	struct page *slab;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	slab = virt_to_slab(p);
	if (likely(PageSlab(slab))) {
		struct kmem_cache *s = slab->slab_cache;

		/* A debug cache has no active slab: it never passes. */
		if (likely(slab_free_fast(s, slab, (void *)p)))
			return;
	}
	__kfree(p, _RET_IP_);
}

/* Usable bytes at @p without side effects (0 for a foreign pointer). */
static size_t __ksize(const void *p, struct kmem_cache **sp)
{
	struct kmem_cache *s;
	struct page *page;
	bool large;

	*sp = NULL;
	if (ZERO_OR_NULL_PTR(p))
		return 0;
	s = kmalloc_owner(p, &page, &large);
	if (large)
		return PAGE_SIZE << compound_order(page);
	*sp = s;
	return s ? s->object_size : 0;
}

/*
 * ksize - see slab.h.  Since the caller may now use every byte, a
 * kmalloc red zone past the requested size is given up for @p.
 */
size_t ksize(const void *p)
{
	struct kmem_cache *s;
	size_t size = __ksize(p, &s);

	if (s && slab_has_orig_size(s))
		krealloc(p, size, GFP_KERNEL);	/* in place: moves the red zone */
	return size;
}

/*
 * krealloc - see slab.h.  Returns the (possibly moved) object, or NULL
 * with @p untouched when a larger one cannot be had.
 */
void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	struct kmem_cache *s;
	size_t ks, old;
	void *ret;

	if (ZERO_OR_NULL_PTR(p))
		return __kmalloc(new_size, gfp, _RET_IP_);
	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	ks = __ksize(p, &s);
	if (!ks)
		return NULL;
	old = s ? slab_debug_orig_size(s, (void *)p) : ks;
	if (new_size <= ks) {
		/* It fits where it is: only the red zone moves. */
		if ((gfp & __GFP_ZERO) && new_size > old)
			memset((char *)p + old, 0, new_size - old);
		if (s && slab_has_orig_size(s)) {
			unsigned long flags = arch_local_irq_save();
			u8 red = (s->flags & SLAB_RED_ZONE) ? SLUB_RED_ACTIVE : 0;

			slab_debug_set_orig_size(s, (void *)p, new_size);
			if (red)
				memset((char *)p + new_size, red, s->object_size - new_size);
			arch_local_irq_restore(flags);
		}
		return (void *)p;
	}
	ret = __kmalloc(new_size, gfp, _RET_IP_);
	if (!ret)
		return NULL;
	memcpy(ret, p, min(old, new_size));
	kfree(p);
	return ret;
}
