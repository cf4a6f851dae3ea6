/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The slab allocator (SLUB's design) and kmalloc.
 *
 * A cache hands out objects of one size.  It carves them out of slabs:
 * blocks of 2^order pages from the page allocator (compound pages when
 * order > 0, so virt_to_page() + compound_head() find the head page from
 * any object address).  Free objects of a slab are chained through a free
 * pointer stored inside each free object.
 *
 *   struct kmem_cache
 *     cpu_slab[cpu]   the CPU's active ("frozen") slab and a private
 *                     freelist of its objects: alloc and free by the owning
 *                     CPU take no lock, only local interrupts off
 *     node[nid]       per-node lists of slabs under node[nid].list_lock:
 *                       partial  slabs with some free objects
 *                       full     slabs with none (kept so the checker and
 *                                kmem_cache_destroy see every slab; slabs
 *                                move on and off it only in slow paths,
 *                                under the node lock they take anyway)
 *
 * All bookkeeping of a slab lives in its head page's struct page (32
 * bytes; nothing is stored in the slab itself but the free pointers):
 *
 *   word 0  flags   63   60 59  58 57       45 44       32 31            0
 *                   +------+------+-----------+-----------+--------------+
 *                   |order | state|  objects  |   inuse   | PG_*, zone,  |
 *                   | (4)  | (2)  |   (13)    |   (13)    | node: page.h |
 *                   +------+------+-----------+-----------+--------------+
 *   word 1  slab_cache   the owning struct kmem_cache
 *   word 2  freelist     first free object not owned by a CPU (raw pointer;
 *                        the pointers inside objects are encoded, below)
 *   word 3  slab_next | slab_prev   32-bit links of the node list the slab
 *                        is on: page index relative to the node's first
 *                        pfn, SLAB_LIST_NIL for none
 *
 *   state: SLAB_NONE (being set up or torn down), SLAB_PARTIAL,
 *          SLAB_FULL (on that node list), SLAB_FROZEN (some CPU's active
 *          slab: on no list; its objects are that CPU's to hand out).
 *
 * Why 32-bit page indexes rather than a singly linked list: a free that
 * empties a partial slab must unlink it from the middle of the list, and a
 * free into a full slab moves it from the full to the partial list; both
 * are O(1) with a doubly linked list.  Two full pointers do not fit in one
 * word, two indexes do: a node spans far less than 2^32 pages (16 TiB).
 * The price is that the head page's private (the compound order) is
 * borrowed while the pages are a slab: the order lives in the counters
 * (slab_order()) and private is restored before the pages are freed.
 *
 * Inside a slab, object i of a cache of stride `size` starts at
 *
 *   page_address(head) + i * size + red_left_pad
 *
 *   | left red | object (object_size) | right red | free ptr | track | track | orig | pad |
 *   |  zone    |                      |  zone     | (offset) | alloc | free  | size |     |
 *   ^ slab + i * size                 ^ object_size          ^ inuse ... size - red_left_pad
 *
 * Only debug caches have red zones, tracks and orig_size.  The free pointer
 * sits at offset 0 of a free object, or after the object (offset = inuse)
 * when a constructor or the debug mode needs the object's bytes intact.
 * Free pointers are always hardened (Linux's SLAB_FREELIST_HARDENED):
 *
 *   stored = next ^ cache->random ^ swab(address where it is stored)
 *
 * Frozen slabs (SLUB's scheme): when a CPU makes a slab its active one it
 * takes the slab's whole freelist as its private freelist and marks the
 * slab SLAB_FROZEN.  Frees by that CPU to that slab push onto the private
 * list without a lock.  Frees by any other CPU (or by this CPU to another
 * slab) go to slab->freelist under the node lock; for a frozen slab that
 * is all they do: it stays off the lists, whoever froze it owns it, and the
 * owner takes that freelist over when its private one runs dry (or puts
 * the slab back on a node list when it moves on to another slab).
 *
 * inuse counts the objects not on slab->freelist: for a frozen slab that
 * includes the objects on its CPU's freelist.  Nothing counts those as
 * they come and go (a counter would put a load-add-store on every kmalloc
 * and kfree's dependency chain); the reports walk the list instead
 * (slab_cpu_free_objects()).
 * Invariant (slab_check()): inuse + length(slab->freelist) == objects.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <kernel/types.h>
#include <kernel/kernel.h>
#include <kernel/list.h>
#include <kernel/spinlock.h>
#include <mm/page.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <asm/cpu.h>

typedef unsigned int slab_flags_t;

/* Cache flags (Linux's values). */
#define SLAB_CONSISTENCY_CHECKS	0x00000100u	/* F: check every operation */
#define SLAB_RED_ZONE		0x00000400u	/* Z: red zones around objects */
#define SLAB_POISON		0x00000800u	/* P: poison free objects */
#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align objects to cache lines */
#define SLAB_STORE_USER		0x00010000u	/* U: remember alloc/free callers */
#define SLAB_RECLAIM_ACCOUNT	0x00020000u	/* pages count as SReclaimable */
#define SLAB_PANIC		0x00040000u	/* accepted; Arbor never panics */
/* Internal: a kmalloc cache (records the requested size in debug mode). */
#define SLAB_KMALLOC		0x00200000u

#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | \
				 SLAB_POISON | SLAB_STORE_USER)

/* Byte patterns (Linux's include/linux/poison.h). */
#define POISON_INUSE		0x5a	/* slab padding, never-used space */
#define POISON_FREE		0x6b	/* a free object */
#define POISON_END		0xa5	/* the last byte of a poisoned object */
#define SLUB_RED_INACTIVE	0xbb	/* red zone of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zone of an allocated object */

/* kmalloc(0) returns this: not NULL, and faults if dereferenced. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* kmalloc size classes: 8 .. 8 KiB; larger requests take whole pages. */
#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	13
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << MAX_ORDER)

/* Largest slab order picked for small objects (Linux's slub_max_order). */
#define SLAB_MAX_ORDER		3

#define KMEM_CACHE_NAME_LEN	32

/* ---- struct page as a slab (the picture above) ---- */

#define SLAB_INUSE_SHIFT	32
#define SLAB_OBJECTS_SHIFT	45
#define SLAB_COUNT_BITS		13
#define SLAB_STATE_SHIFT	58
#define SLAB_ORDER_SHIFT	60
#define SLAB_MAX_OBJECTS	((1u << SLAB_COUNT_BITS) - 1)
#define SLAB_COUNTERS_MASK	(~0UL << SLAB_INUSE_SHIFT)
#define SLAB_LIST_NIL		0xffffffffu

enum slab_state {
	SLAB_NONE,
	SLAB_PARTIAL,
	SLAB_FULL,
	SLAB_FROZEN,
};

static inline unsigned long __slab_field(const struct page *slab,
					 unsigned int shift, unsigned int bits)
{
	return (READ_ONCE(slab->flags) >> shift) & ((1UL << bits) - 1);
}

static inline void __slab_set_field(struct page *slab, unsigned int shift,
				    unsigned int bits, unsigned long v)
{
	unsigned long mask = ((1UL << bits) - 1) << shift;

	/* Under the node's list_lock; flag tests elsewhere read the word. */
	WRITE_ONCE(slab->flags, (slab->flags & ~mask) | ((v << shift) & mask));
}

static inline unsigned int slab_inuse(const struct page *slab)
{
	return __slab_field(slab, SLAB_INUSE_SHIFT, SLAB_COUNT_BITS);
}

static inline void slab_set_inuse(struct page *slab, unsigned int v)
{
	__slab_set_field(slab, SLAB_INUSE_SHIFT, SLAB_COUNT_BITS, v);
}

static inline unsigned int slab_objects(const struct page *slab)
{
	return __slab_field(slab, SLAB_OBJECTS_SHIFT, SLAB_COUNT_BITS);
}

static inline void slab_set_objects(struct page *slab, unsigned int v)
{
	__slab_set_field(slab, SLAB_OBJECTS_SHIFT, SLAB_COUNT_BITS, v);
}

static inline enum slab_state slab_state(const struct page *slab)
{
	return (enum slab_state)__slab_field(slab, SLAB_STATE_SHIFT, 2);
}

static inline void slab_set_state(struct page *slab, enum slab_state st)
{
	__slab_set_field(slab, SLAB_STATE_SHIFT, 2, st);
}

/* Order of the slab's page block (its compound order while a slab). */
static inline unsigned int slab_order(const struct page *slab)
{
	return __slab_field(slab, SLAB_ORDER_SHIFT, 4);
}

static inline void slab_set_order(struct page *slab, unsigned int order)
{
	__slab_set_field(slab, SLAB_ORDER_SHIFT, 4, order);
}

static inline void *slab_address(const struct page *slab)
{
	return page_address(slab);
}

/* The slab (head page) holding @obj; only meaningful for slab objects. */
static inline struct page *virt_to_slab(const void *obj)
{
	return compound_head(virt_to_page(obj));
}

/* ---- the cache ---- */

/*
 * A sheaf (the name of recent Linux's per-CPU object arrays): free
 * objects of one cache, of any slab, kept by one CPU as plain pointers.
 * kmem_cache_free_bulk() fills it and kmem_cache_alloc_bulk() empties it
 * with array copies instead of a walk of the encoded freelist, whose
 * dependent loads bound a bulk call otherwise; a single allocation takes
 * from it when the private freelist runs dry.  To its slab an object on a
 * sheaf is in use (counted in inuse, on no freelist); the reports count it
 * free.  One page, allocated at a CPU's first bulk free of the cache and
 * given back by kmem_cache_shrink() and kmem_cache_destroy().  It holds
 * s->sheaf_capacity objects: SLAB_SHEAF_BYTES worth, at least 8, at most
 * what the page has room for.
 */
struct slab_sheaf {
	unsigned long size;		/* objects[0..size) are free objects */
	void *objects[];
};
#define SLAB_SHEAF_BYTES	16384
#define SLAB_SHEAF_MAX		((PAGE_SIZE - sizeof(struct slab_sheaf)) / sizeof(void *))

/*
 * One CPU's view of a cache.  Touched only by its CPU with local
 * interrupts off, except by kmem_cache_destroy() (no users by contract)
 * and the checker/reports (which tests run while other CPUs are quiet).
 */
struct kmem_cache_cpu {
	void *freelist;			/* free objects of @slab (encoded chain) */
	struct page *slab;		/* the frozen active slab, or NULL */
	struct slab_sheaf *sheaf;	/* or NULL: none yet */
} __aligned(SMP_CACHE_BYTES);

/* A doubly linked list of slab head pages of one node (32-bit indexes). */
struct slab_list {
	u32 first, last;
	unsigned long nr;
};

/* Per-node state: everything here is under @list_lock. */
struct kmem_cache_node {
	spinlock_t list_lock;
	struct slab_list partial;	/* inuse < objects, not frozen */
	struct slab_list full;		/* inuse == objects, not frozen */
	unsigned long nr_slabs;		/* slabs of this node: lists + frozen */
	unsigned long total_objects;	/* objects in those slabs */
	unsigned long nr_inuse;		/* sum of their inuse counters */
};

/* Debug mode: who allocated or freed an object last (SLAB_STORE_USER). */
struct slab_track {
	unsigned long addr;		/* caller (return address) */
	u64 when;			/* arch_clock_ns() */
	int cpu;
};

struct kmem_cache {
	struct kmem_cache_cpu cpu_slab[NR_CPUS];

	slab_flags_t flags;
	unsigned int object_size;	/* size asked for */
	unsigned int size;		/* stride: object + metadata + padding */
	unsigned int offset;		/* free pointer, from the object start */
	unsigned int inuse;		/* end of object + right red zone */
	unsigned int red_left_pad;	/* left red zone (debug) */
	unsigned int align;		/* object alignment */
	unsigned int order, objects;	/* preferred slab order, its objects */
	unsigned int min_order, min_objects; /* fallback when memory is short */
	unsigned int min_partial;	/* empty slabs a node may keep */
	unsigned int sheaf_capacity;	/* objects a CPU's sheaf holds */
	unsigned long random;		/* freelist pointer hardening key */
	void (*ctor)(void *obj);

	char name[KMEM_CACHE_NAME_LEN];
	struct list_head list;		/* slab_caches, under slab_caches_lock */

	/* Statistics (updated atomically). */
	unsigned long alloc_fail;	/* allocations that found no memory */
	unsigned long quarantined;	/* objects withdrawn by debug reports */

	struct kmem_cache_node node[MAX_NUMNODES];
};

/* ---- interface ---- */

/*
 * kmem_cache_init - the boot step "slab": create the boot cache of
 * struct kmem_cache and the kmalloc caches.  Call once, after the page
 * allocator is up (host tests call it again for each fresh machine: it
 * forgets every earlier cache).  Returns 0, or -ENOMEM if a kmalloc cache
 * could not be set up (the message names it).
 */
int kmem_cache_init(void);

/*
 * kmem_cache_reset - forget every cache, and take their pages out of
 * meminfo's counters, without touching memory: for host tests whose fake
 * machine is about to be replaced.  Never called in a kernel.
 */
void kmem_cache_reset(void);

/* True once kmem_cache_init() has succeeded. */
bool slab_is_available(void);

/*
 * kmem_cache_create - a cache of @size-byte objects aligned to @align
 * (0: the minimum, 8 bytes; a power of two up to PAGE_SIZE), with @flags
 * (SLAB_*; slub_debug= may add debug flags) and an optional @ctor run once
 * on each object when its slab is created.  @name is copied (truncated to
 * KMEM_CACHE_NAME_LEN - 1).  Returns the cache, or NULL if @size is 0 or
 * too large, @align is not a power of two or exceeds PAGE_SIZE, or the
 * struct kmem_cache could not be allocated.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));

/*
 * kmem_cache_destroy - give every slab of @s back and free @s (NULL: no-op).
 * The caller guarantees nobody uses the cache any more (this also flushes
 * the other CPUs' active slabs).  If objects are still allocated it prints
 * "kmem_cache_destroy <name>: Slab cache still has objects" with the count
 * and keeps the cache and the slabs holding them (a leak, not corruption):
 * they may still be freed, and destroy called again.
 */
void kmem_cache_destroy(struct kmem_cache *s);

/*
 * kmem_cache_alloc - one object of @s, or NULL when no memory could be had
 * (then, unless __GFP_NOWARN, a rate-limited "SLUB: Unable to allocate
 * memory" report).  __GFP_ZERO clears the object.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);

/* kmem_cache_alloc() with __GFP_ZERO. */
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp);

/*
 * kmem_cache_free - give back @obj (from kmem_cache_alloc(@s); NULL is
 * ignored).  Freeing to the wrong cache is reported and ignored.
 */
void kmem_cache_free(struct kmem_cache *s, void *obj);

/*
 * kmem_cache_alloc_bulk - fill @p[0..@n) with objects of @s in one
 * interrupts-off section: first the newest objects of this CPU's sheaf,
 * then from the private freelist.  Returns @n, or 0 when memory ran out
 * (the objects already taken are given back first).
 */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t gfp, size_t n, void **p);

/*
 * kmem_cache_free_bulk - free @p[0..@n) (NULL entries skipped): onto this
 * CPU's sheaf while it has room, the rest to the freelists.
 */
void kmem_cache_free_bulk(struct kmem_cache *s, size_t n, void **p);

/*
 * kmem_cache_shrink - every online CPU and the caller return their sheaf
 * (objects and page) and their active slab of @s to the node lists (a
 * cross-CPU call, kernel/smp.h), then every empty slab goes back to the
 * page allocator.  Call with no spinlock held.  Returns the number of
 * slab pages freed.
 */
int kmem_cache_shrink(struct kmem_cache *s);

/* kmem_cache_shrink() on every cache (one cross-CPU call for all); returns
 * the pages freed.  No spinlock held. */
int kmem_cache_shrink_all(void);

/* Object size of @s (what kmem_cache_create was asked for). */
unsigned int kmem_cache_size(struct kmem_cache *s);

/* ---- kmalloc (mm/kmalloc.c) ---- */

/*
 * kmalloc - @size bytes from the smallest size class that holds them
 * (8, 16, 32, 64, 96, 128, 192, 256, 512, 1k, 2k, 4k, 8k), or whole pages
 * (a compound page of get_order(@size)) above 8 KiB.  Returns
 * ZERO_SIZE_PTR for 0 bytes, NULL when memory is short or @size exceeds
 * KMALLOC_MAX_SIZE.
 */
void *kmalloc(size_t size, gfp_t gfp);
/* kmalloc() with __GFP_ZERO. */
void *kzalloc(size_t size, gfp_t gfp);
/* @n * @size zeroed bytes; NULL if the product overflows. */
void *kcalloc(size_t n, size_t size, gfp_t gfp);
/* @n * @size bytes; NULL if the product overflows. */
void *kmalloc_array(size_t n, size_t size, gfp_t gfp);
/*
 * krealloc - resize @p to @new_size keeping its contents (up to the
 * smaller size).  Stays in place when the current object already holds
 * @new_size; otherwise allocates, copies and frees.  @p NULL or
 * ZERO_SIZE_PTR acts as kmalloc; @new_size 0 frees @p and returns
 * ZERO_SIZE_PTR.  Returns NULL (and leaves @p alone) when memory is short.
 */
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
/* kfree - free @p from any kmalloc function (NULL, ZERO_SIZE_PTR: no-op). */
void kfree(const void *p);
/*
 * ksize - bytes usable at @p (the size class, or the page block); the
 * caller may use them all.  0 for NULL and ZERO_SIZE_PTR.
 */
size_t ksize(const void *p);

/* The kmalloc cache used for @size bytes (NULL above 8 KiB or for 0). */
struct kmem_cache *kmalloc_slab(size_t size);

/* ---- reports (mm/slab_report.c) ---- */

struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned int objsize;		/* stride */
	unsigned int objects_per_slab;
	unsigned int pages_per_slab;
};

/* Fill @info for @s; active_objs is exact (per-CPU freelists folded in). */
void kmem_cache_get_info(struct kmem_cache *s, struct slabinfo *info);
/* /proc/slabinfo, version 2.1, through printk. */
void slabinfo_show(void);
/* Pages held by slabs (and large kmallocs): meminfo's SReclaimable and
 * SUnreclaim. */
unsigned long slab_pages_reclaimable(void);
unsigned long slab_pages_unreclaimable(void);

/* ---- checker and debug mode (mm/slab.c, mm/slab_debug.c) ---- */

/*
 * slab_check - prove @s's invariants: per slab, inuse + free objects
 * counted on its freelist (a bounded walk: cycles are caught) == objects,
 * every free pointer an object start inside its slab, no object on both a
 * slab's and a CPU's freelist, list membership matching each slab's state
 * (partial slabs really partial, full ones full), per-node slab and
 * object counts; in debug caches also every object's red zones and
 * poison.  Problems are reported as slub_debug BUGs and repaired where
 * that is safe (so each is reported once).  Returns 0, or -EINVAL if
 * anything was wrong.  Reads other CPUs' freelists: run it while they are
 * quiet.
 */
int slab_check(struct kmem_cache *s);
/* slab_check() on every cache; 0 or -EINVAL. */
int slab_check_all(void);

/* BUG reports printed since boot (slub_debug and the checker). */
unsigned long slab_bug_reports(void);

/*
 * setup_slub_debug - parse a `slub_debug` value (Linux's syntax): NULL
 * (bare `slub_debug`) = FZPU for all caches; "FZ" = those flags for all
 * caches; "P,kmalloc-64,foo" = P for the named caches (a trailing '*'
 * matches a prefix); "-" = off; an empty option list before ',' means
 * FZPU.  Affects caches created afterwards.  Returns 0, or -EINVAL for an
 * unknown option letter (the rest is still applied).
 */
int setup_slub_debug(char *arg);

/* Debug flags slub_debug= gives a cache called @name with @flags. */
slab_flags_t kmem_cache_debug_flags(const char *name, slab_flags_t flags);

/* ---- internal: shared by mm/slab.c, slab_debug.c, kmalloc.c, slab_report.c ---- */

/*
 * Objects on @cpu's private freelist of @s, counted by walking it (the
 * fast paths keep no count).  Exact while that CPU does not allocate or
 * free in @s; otherwise a racy look that reads only inside the CPU's slab
 * and stops after the slab's object count.
 */
unsigned int slab_cpu_free_objects(struct kmem_cache *s, int cpu);

extern struct list_head slab_caches;	/* every cache, newest first */
extern spinlock_t slab_caches_lock;	/* the list, and the checker's bitmap */
extern struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
/* Fill or empty kmalloc()'s fast cache lookup (mm/kmalloc.c). */
void kmalloc_fast_enable(bool on);
/* Per node: the pfn that slab list index 0 stands for. */
extern unsigned long slab_node_base[MAX_NUMNODES];

/* Allocate from / free to @s; @orig_size is kmalloc's request (else
 * object_size); @caller is recorded by SLAB_STORE_USER. */
void *slab_alloc(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
		 unsigned long caller);
void slab_free(struct kmem_cache *s, struct page *slab, void *obj,
	       unsigned long caller);
int create_kmalloc_caches(void);
/* Page accounting of slabs and large kmallocs (meminfo). */
void slab_account_pages(bool reclaimable, long pages);

#define _RET_IP_	((unsigned long)__builtin_return_address(0))

/* floor(log2(@x)) for @x > 0, without __builtin_clz (a libgcc call on
 * rv64imac, and Debian's libgcc is built for another float ABI). */
static inline unsigned int slab_ilog2(unsigned long x)
{
	unsigned int r = 0;

	while (x >>= 1)
		r++;
	return r;
}

/* Byte-swap with shifts: __builtin_bswap64 is a libgcc call on rv64gc. */
static inline unsigned long slab_swab(unsigned long x)
{
	x = (x & 0x00ff00ff00ff00ffUL) << 8 | ((x >> 8) & 0x00ff00ff00ff00ffUL);
	x = (x & 0x0000ffff0000ffffUL) << 16 | ((x >> 16) & 0x0000ffff0000ffffUL);
	return x << 32 | x >> 32;
}

/*
 * The key a free pointer stored at @where is XORed with (SLUB's
 * CONFIG_SLAB_FREELIST_HARDENED idea).  It depends only on the cache and
 * the address, so it is ready before the pointer itself is: decoding and
 * encoding then add a single XOR to the freelist's dependency chain.
 */
static inline unsigned long freeptr_key(unsigned long random, unsigned long where)
{
	unsigned long key = random ^ slab_swab(where);

	OPTIMIZER_HIDE_VAR(key);	/* else (ptr ^ random) ^ swab: 2 XORs */
	return key;
}

/* The hardened free pointer of @obj (decoded: a plain pointer or NULL). */
static inline void *get_freepointer(const struct kmem_cache *s, void *obj)
{
	unsigned long where = (unsigned long)obj + s->offset;
	unsigned long key = freeptr_key(s->random, where);

	return (void *)(*(unsigned long *)where ^ key);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj,
				   void *next)
{
	unsigned long where = (unsigned long)obj + s->offset;
	unsigned long key = freeptr_key(s->random, where);

	*(unsigned long *)where = (unsigned long)next ^ key;
}

/* Object @i of @slab. */
static inline void *slab_object(const struct kmem_cache *s,
				const struct page *slab, unsigned int i)
{
	return (char *)slab_address(slab) + (unsigned long)i * s->size +
	       s->red_left_pad;
}

/* Is @p the start of an object of @slab?  (NULL is not.) */
static inline bool slab_valid_object(const struct kmem_cache *s,
				     const struct page *slab, const void *p)
{
	unsigned long base = (unsigned long)slab_address(slab) + s->red_left_pad;
	unsigned long a = (unsigned long)p;

	if (a < base || a >= base + (unsigned long)slab_objects(slab) * s->size)
		return false;
	return (a - base) % s->size == 0;
}

static inline unsigned int slab_obj_index(const struct kmem_cache *s,
					  const struct page *slab, const void *p)
{
	return ((unsigned long)p - (unsigned long)slab_address(slab) -
		s->red_left_pad) / s->size;
}

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/* Take the first object off @c's private freelist (not empty). */
static __always_inline void *slab_cpu_pop(const struct kmem_cache *s,
					  struct kmem_cache_cpu *c)
{
	void *obj = c->freelist;

	c->freelist = get_freepointer(s, obj);
	return obj;
}

/* Put @obj (of @c's active slab) on @c's private freelist. */
static __always_inline void slab_cpu_push(const struct kmem_cache *s,
					  struct kmem_cache_cpu *c, void *obj)
{
	set_freepointer(s, obj, c->freelist);
	c->freelist = obj;
}

/*
 * The per-CPU fast paths (mm/slab.c "Paths"), inlined into slab_alloc(),
 * slab_free(), kmalloc() and kfree().  slab_alloc_fast()'s callers have
 * ruled out debug caches and failure injection; it pops this CPU's
 * private freelist (NULL: it is empty).  slab_free_fast() pushes @obj when
 * @slab is this CPU's active slab (false: not ours, or @obj is already
 * the freelist's head, a double free the slow path reports).  A debug
 * cache never has an active slab (slab_check() makes sure), so its
 * objects always fail that test.
 */
static __always_inline void *slab_alloc_fast(struct kmem_cache *s)
{
	unsigned long flags = arch_local_irq_save();
	struct kmem_cache_cpu *c = &s->cpu_slab[arch_cpu_id()];
	void *obj = NULL;

	if (likely(c->freelist))
		obj = slab_cpu_pop(s, c);
	arch_local_irq_restore(flags);
	return obj;
}

static __always_inline bool slab_free_fast(struct kmem_cache *s,
					   struct page *slab, void *obj)
{
	unsigned long flags = arch_local_irq_save();
	struct kmem_cache_cpu *c = &s->cpu_slab[arch_cpu_id()];
	bool done = false;

	if (likely(slab == c->slab && obj != c->freelist)) {
		slab_cpu_push(s, c, obj);
		done = true;
	}
	arch_local_irq_restore(flags);
	return done;
}

/* Debug mode (mm/slab_debug.c); all called with the slab's node lock held. */
void slab_debug_init_slab(struct kmem_cache *s, struct page *slab);
bool slab_debug_alloc_check(struct kmem_cache *s, struct page *slab, void *obj);
void slab_debug_alloc_done(struct kmem_cache *s, void *obj, size_t orig_size,
			   unsigned long caller);
bool slab_debug_free_check(struct kmem_cache *s, struct kmem_cache_node *n,
			   struct page *slab, void *obj, unsigned long caller);
void slab_debug_quarantine(struct kmem_cache *s, void *obj);
void slab_debug_isolate_lost(struct kmem_cache *s, struct page *slab);
bool slab_debug_check_object(struct kmem_cache *s, struct page *slab,
			     void *obj, u8 val);
bool slab_debug_check_padding(struct kmem_cache *s, struct page *slab);
/* Walk @slab's freelist (of node @n), repair it; true if @search is on it. */
bool slab_debug_on_freelist(struct kmem_cache *s, struct kmem_cache_node *n,
			    struct page *slab, void *search);
unsigned int slab_debug_orig_size(struct kmem_cache *s, void *obj);
void slab_debug_set_orig_size(struct kmem_cache *s, void *obj, unsigned int size);
bool slab_has_orig_size(const struct kmem_cache *s);
/* Extra bytes of metadata per object for @flags (tracks, orig_size). */
unsigned int slab_debug_meta_size(slab_flags_t flags);

/* Reports, in Linux's layout; each slab_bug() counts one report. */
void slab_bug(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
void slab_fix(struct kmem_cache *s, const char *fmt, ...) __printf(2, 3);
void slab_err(struct kmem_cache *s, struct page *slab, const char *fmt, ...)
	__printf(3, 4);
void object_err(struct kmem_cache *s, struct page *slab, void *obj,
		const char *reason);
void print_slab_info(struct page *slab);

#endif /* _MM_SLAB_H */
