// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * slab.c: object caches in SLUB's design (include/mm/slab.h draws the
 * data structures).
 *
 * What it owns
 *   Every struct kmem_cache (the list slab_caches), their per-CPU active
 *   slabs and per-node partial/full lists, the slabs themselves (pages
 *   from the page allocator, bookkeeping in the head struct page), and the
 *   invariant checker.  kmalloc's size classes are caches made here
 *   (mm/kmalloc.c); the debug mode lives in mm/slab_debug.c and the
 *   reports in mm/slab_report.c.
 *
 * Paths
 *   alloc, fast:  the CPU's private freelist has an object: pop it.
 *   alloc, slow:  take over what other CPUs freed to the active slab; else
 *                 retire it (full list) and freeze the first partial slab
 *                 of any node; else allocate a new slab.
 *   free, fast:   the object belongs to this CPU's active slab: push it on
 *                 the private freelist.
 *   free, slow:   push it on its slab's freelist under the node lock; a
 *                 full slab moves to the partial list, an empty one is
 *                 freed once the node keeps min_partial partial slabs.
 *   bulk:         kmem_cache_free_bulk() fills this CPU's sheaf (an array
 *                 of free objects, include/mm/slab.h) and
 *                 kmem_cache_alloc_bulk() empties it by copying pointers;
 *                 the alloc slow path also takes from it before a refill.
 *   debug caches (any of slub_debug's F Z P U) skip the per-CPU part:
 *                 every alloc and free works on the node lists under the
 *                 node lock, where mm/slab_debug.c checks the object.
 *
 * Lock order
 *   slab_caches_lock           the cache list, the checker's bitmaps
 *     local interrupts off     a CPU's kmem_cache_cpu (no lock: only the
 *                              owning CPU touches it)
 *       node->list_lock        a node's lists, counters, and the freelist
 *                              and counters of every slab of that node
 *                              that is not frozen (and slab->freelist of
 *                              frozen ones)
 *         zone locks           via alloc_pages()/__free_pages() (slabs are
 *                              allocated with interrupts off but no node
 *                              lock held; freed with no lock held)
 *           printk's lock
 *   No path holds two node locks.
 *
 * Other CPUs' active slabs
 *   A kmem_cache_cpu has no lock: only its CPU touches it, with interrupts
 *   off, so the allocation and free fast paths take no lock at all.  To
 *   make other CPUs give their active slabs (and sheaves) back, kmem_cache_shrink(),
 *   kmem_cache_shrink_all() and kmem_cache_destroy() ask them with a
 *   cross-CPU call (on_each_cpu(), include/kernel/smp.h): each CPU
 *   deactivates its own slab in the interrupt, where its fast path cannot
 *   be half done.  (The alternative, a lock per kmem_cache_cpu that other
 *   CPUs could take, as mm/page_alloc.c does for its per-CPU lists, would
 *   put an atomic on every fast-path allocation.)  So these three must be
 *   called with no spinlock held; shrink_all takes slab_caches_lock on
 *   each CPU inside the call, not around it.  CPUs that are not online run
 *   nothing: kmem_cache_destroy() flushes theirs directly.  The checker
 *   and the reports read other CPUs' kmem_cache_cpu without a lock: they
 *   are exact when those CPUs are idle (tests quiesce them first).
 */
#include <mm/slab.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <mm/mm_checks.h>
#include <mm/fail_inject.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/spinlock.h>
#include <kernel/smp.h>

LIST_HEAD(slab_caches);
DEFINE_SPINLOCK(slab_caches_lock);
unsigned long slab_node_base[MAX_NUMNODES];

/* The cache of struct kmem_cache; itself static (Linux's boot_kmem_cache). */
static struct kmem_cache boot_kmem_cache;
static struct kmem_cache *kmem_cache;
static bool slab_up;

/* Pages in slabs and large kmallocs: [0] unreclaimable, [1] reclaimable. */
static unsigned long slab_nr_pages[2];

/* Only these GFP bits reach the page allocator: slab pages are unmovable
 * kernel memory from any zone (Linux keeps separate DMA caches; Arbor has
 * none). */
#define SLAB_GFP_MASK	(__GFP_HIGH | __GFP_NOWARN | GFP_KERNEL)

/* Linux's MIN_PARTIAL / MAX_PARTIAL. */
#define MIN_PARTIAL	5
#define MAX_PARTIAL	10

#define BITS_PER_LONG	(8 * sizeof(unsigned long))

static inline struct kmem_cache_cpu *this_cpu_slab(struct kmem_cache *s)
{
	return &s->cpu_slab[arch_cpu_id()];
}

/* ---- node lists: 32-bit page indexes relative to slab_node_base ---- */

static inline u32 slab_to_index(const struct page *slab, int nid)
{
	return (u32)(page_to_pfn(slab) - slab_node_base[nid]);
}

static inline struct page *index_to_slab(u32 idx, int nid)
{
	return idx == SLAB_LIST_NIL ? NULL : pfn_to_page(slab_node_base[nid] + idx);
}

static void slab_list_init(struct slab_list *l)
{
	l->first = l->last = SLAB_LIST_NIL;
	l->nr = 0;
}

static void slab_list_add(struct slab_list *l, struct page *slab, int nid,
			  bool tail)
{
	u32 idx = slab_to_index(slab, nid);

	if (tail) {
		slab->slab_next = SLAB_LIST_NIL;
		slab->slab_prev = l->last;
		if (l->last != SLAB_LIST_NIL)
			index_to_slab(l->last, nid)->slab_next = idx;
		else
			l->first = idx;
		l->last = idx;
	} else {
		slab->slab_prev = SLAB_LIST_NIL;
		slab->slab_next = l->first;
		if (l->first != SLAB_LIST_NIL)
			index_to_slab(l->first, nid)->slab_prev = idx;
		else
			l->last = idx;
		l->first = idx;
	}
	WRITE_ONCE(l->nr, l->nr + 1);	/* get_partial() peeks unlocked */
}

static void slab_list_del(struct slab_list *l, struct page *slab, int nid)
{
	if (slab->slab_prev != SLAB_LIST_NIL)
		index_to_slab(slab->slab_prev, nid)->slab_next = slab->slab_next;
	else
		l->first = slab->slab_next;
	if (slab->slab_next != SLAB_LIST_NIL)
		index_to_slab(slab->slab_next, nid)->slab_prev = slab->slab_prev;
	else
		l->last = slab->slab_prev;
	slab->slab_next = slab->slab_prev = SLAB_LIST_NIL;
	WRITE_ONCE(l->nr, l->nr - 1);
}

static inline struct page *slab_list_first(const struct slab_list *l, int nid)
{
	return index_to_slab(l->first, nid);
}

static inline struct page *slab_list_next(const struct page *slab, int nid)
{
	return index_to_slab(slab->slab_next, nid);
}

/* Put a slab that is on no list on the one its freelist calls for. */
static void slab_list_settle(struct kmem_cache_node *n, struct page *slab,
			     int nid)
{
	if (slab->freelist) {
		slab_set_state(slab, SLAB_PARTIAL);
		slab_list_add(&n->partial, slab, nid, false);
	} else {
		slab_set_state(slab, SLAB_FULL);
		slab_list_add(&n->full, slab, nid, true);
	}
}

static void slab_list_remove(struct kmem_cache_node *n, struct page *slab,
			     int nid)
{
	if (slab_state(slab) == SLAB_PARTIAL)
		slab_list_del(&n->partial, slab, nid);
	else if (slab_state(slab) == SLAB_FULL)
		slab_list_del(&n->full, slab, nid);
	slab_set_state(slab, SLAB_NONE);
}

/* A new slab (inuse 0) joins @n's counts: slab_node_forget()'s inverse. */
static void slab_node_count(struct kmem_cache_node *n, struct page *slab)
{
	n->nr_slabs++;
	n->total_objects += slab_objects(slab);
}

/* Count a slab out of its node (it is about to be freed). */
static void slab_node_forget(struct kmem_cache_node *n, struct page *slab)
{
	n->nr_slabs--;
	n->total_objects -= slab_objects(slab);
	n->nr_inuse -= slab_inuse(slab);
}

static void slab_set_inuse_node(struct kmem_cache_node *n, struct page *slab,
				unsigned int inuse)
{
	n->nr_inuse += (long)inuse - (long)slab_inuse(slab);
	slab_set_inuse(slab, inuse);
}

/* ---- slabs: pages in, pages out ---- */

/*
 * slab_account_pages - @pages more (or fewer) pages held by slabs or large
 * kmallocs; feeds slab_pages_*() and meminfo's SReclaimable/SUnreclaim.
 */
void slab_account_pages(bool reclaimable, long pages)
{
	__atomic_add_fetch(&slab_nr_pages[reclaimable ? 1 : 0],
			   (unsigned long)pages, __ATOMIC_RELAXED);
	if (reclaimable)
		mod_node_page_state_slab_reclaimable(pages);
	else
		mod_node_page_state_slab(pages);
}

/*
 * Get pages for a new slab of @s and chain all its objects on its
 * freelist (running the constructor on each).  The preferred order first
 * (quietly), then the smallest order that holds one object.  The slab is
 * on no list and not yet counted in any node.  NULL when memory is short.
 */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t gfp)
{
	gfp_t pgfp = (gfp & SLAB_GFP_MASK) | __GFP_COMP;
	unsigned int order = s->order, objects = s->objects, i;
	struct page *slab = NULL;
	void *first = NULL;

	if (s->flags & SLAB_RECLAIM_ACCOUNT)
		pgfp |= __GFP_RECLAIMABLE;
	if (order > s->min_order)
		slab = alloc_pages(pgfp | __GFP_NOWARN, order);
	if (!slab) {
		order = s->min_order;
		objects = s->min_objects;
		slab = alloc_pages(pgfp, order);
		if (!slab)
			return NULL;
	}

	WRITE_ONCE(slab->flags, slab->flags & ~SLAB_COUNTERS_MASK);
	__SetPageSlab(slab);
	slab_set_objects(slab, objects);
	slab_set_order(slab, order);
	slab_set_inuse(slab, 0);
	slab_set_state(slab, SLAB_NONE);
	slab->slab_cache = s;
	slab->slab_next = slab->slab_prev = SLAB_LIST_NIL;
	slab_account_pages(s->flags & SLAB_RECLAIM_ACCOUNT, 1L << order);

	if (kmem_cache_debug(s))
		slab_debug_init_slab(s, slab);
	/* Chain in address order, so objects are handed out that way. */
	for (i = objects; i-- > 0; ) {
		void *obj = slab_object(s, slab, i);

		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, first);
		first = obj;
	}
	slab->freelist = first;
	return slab;
}

/* Give a slab that is on no list and counted out of its node back. */
static void free_slab(struct kmem_cache *s, struct page *slab)
{
	unsigned int order = slab_order(slab);

	if (s->flags & SLAB_POISON)
		slab_debug_check_padding(s, slab);
	WRITE_ONCE(slab->flags, slab->flags & ~SLAB_COUNTERS_MASK);
	__ClearPageSlab(slab);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	/* The word held the list links; the page allocator wants the order. */
	slab->private = PageHead(slab) ? order : 0;
	slab_account_pages(s->flags & SLAB_RECLAIM_ACCOUNT, -(1L << order));
	__free_pages(slab, order);
}

/* Out-of-memory reports so far (for the rate limit); 0 after kmem_cache_reset(). */
static unsigned long oom_reports;

/*
 * "SLUB: Unable to allocate memory" (Linux's slab_out_of_memory), rate
 * limited; the failure is counted either way.
 */
static void slab_out_of_memory(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long nr;
	int nid;

	__atomic_add_fetch(&s->alloc_fail, 1, __ATOMIC_RELAXED);
	if (gfp & __GFP_NOWARN)
		return;
	nr = __atomic_fetch_add(&oom_reports, 1, __ATOMIC_RELAXED);
	if (nr >= 10 && (nr & (nr - 1)))
		return;
	pr_warn("SLUB: Unable to allocate memory on node -1, gfp=%#x\n", gfp);
	pr_warn("  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
		s->name, s->object_size, s->size, s->order, s->min_order);
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		unsigned long slabs = READ_ONCE(n->nr_slabs);
		unsigned long objs = READ_ONCE(n->total_objects);

		if (!slabs)
			continue;
		pr_warn("  node %d: slabs: %lu, objs: %lu, free: %lu\n", nid,
			slabs, objs, objs - READ_ONCE(n->nr_inuse));
	}
}

/* ---- the per-CPU active slab ---- */

/*
 * Make @slab (on no list; new or just taken off the partial list) @c's
 * active slab: its freelist becomes the CPU's.  Node lock held.
 */
static void freeze_slab(struct kmem_cache_node *n, struct kmem_cache_cpu *c,
			struct page *slab)
{
	unsigned int objects = slab_objects(slab);

	c->freelist = slab->freelist;
	c->slab = slab;
	slab->freelist = NULL;
	slab_set_inuse_node(n, slab, objects);
	slab_set_state(slab, SLAB_FROZEN);
}

/* Freeze the first partial slab of any node for @c.  Interrupts off. */
static bool get_partial(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		struct page *slab;

		if (!READ_ONCE(n->partial.nr))
			continue;
		spin_lock(&n->list_lock);
		slab = slab_list_first(&n->partial, nid);
		if (slab) {
			slab_list_del(&n->partial, slab, nid);
			freeze_slab(n, c, slab);
		}
		spin_unlock(&n->list_lock);
		if (slab)
			return true;
	}
	return false;
}

/*
 * Unfreeze @c's active slab: its private freelist goes back onto the
 * slab, and the slab onto the list it now belongs to (or back to the page
 * allocator if it is empty and the node has min_partial partial slabs).
 * Interrupts off (or the CPU is known to be idle).
 */
static void deactivate_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *slab = c->slab, *discard = NULL;
	void *head = c->freelist, *tail = NULL, *p;
	unsigned int cnt = 0, limit;
	struct kmem_cache_node *n;
	int nid;

	if (!slab)
		return;
	c->slab = NULL;
	c->freelist = NULL;
	limit = slab_objects(slab);

	/* Find the tail of the private list, cutting it where it is corrupt. */
	for (p = head; p; ) {
		void *next = get_freepointer(s, p);

		tail = p;
		cnt++;
		if (next && (cnt >= limit || !slab_valid_object(s, slab, next))) {
			object_err(s, slab, p, "Freepointer corrupt");
			slab_fix(s, "Isolate corrupted freechain");
			set_freepointer(s, p, NULL);
			break;
		}
		p = next;
	}

	nid = page_to_nid(slab);
	n = &s->node[nid];
	spin_lock(&n->list_lock);
	if (tail) {
		set_freepointer(s, tail, slab->freelist);
		slab->freelist = head;
		slab_set_inuse_node(n, slab, slab_inuse(slab) - cnt);
	}
	slab_set_state(slab, SLAB_NONE);
	if (!slab_inuse(slab) && n->partial.nr >= s->min_partial) {
		slab_node_forget(n, slab);
		discard = slab;
	} else {
		slab_list_settle(n, slab, nid);
	}
	spin_unlock(&n->list_lock);
	if (discard)
		free_slab(s, discard);
}

/*
 * The slow path of an allocation: refill @c's private freelist and pop
 * one object.  Interrupts off.  NULL when no memory could be had.
 */
static void *__slab_alloc(struct kmem_cache *s, struct kmem_cache_cpu *c,
			  gfp_t gfp)
{
	struct page *slab = c->slab;
	struct kmem_cache_node *n;
	int nid;

	if (c->sheaf && c->sheaf->size)	/* already counted in use */
		return c->sheaf->objects[--c->sheaf->size];
	if (slab) {
		nid = page_to_nid(slab);
		n = &s->node[nid];
		spin_lock(&n->list_lock);
		if (slab->freelist) {
			/* Other CPUs freed objects of our slab: take them. */
			freeze_slab(n, c, slab);
			spin_unlock(&n->list_lock);
			goto take;
		}
		/* Every object is out: the slab is full. */
		slab_set_state(slab, SLAB_FULL);
		slab_list_add(&n->full, slab, nid, true);
		spin_unlock(&n->list_lock);
		c->slab = NULL;
		c->freelist = NULL;
	}

	if (!get_partial(s, c)) {
		slab = allocate_slab(s, gfp);
		if (!slab) {
			slab_out_of_memory(s, gfp);
			return NULL;
		}
		nid = page_to_nid(slab);
		n = &s->node[nid];
		spin_lock(&n->list_lock);
		slab_node_count(n, slab);
		freeze_slab(n, c, slab);
		spin_unlock(&n->list_lock);
	}
take:
	return slab_cpu_pop(s, c);
}

/*
 * After @cnt objects went onto a non-frozen @slab's freelist (node lock
 * held): a full slab becomes partial; an empty one is unlinked and
 * returned for freeing once the node already keeps min_partial partial
 * slabs.  Returns the slab to free, or NULL.
 */
static struct page *slab_after_free(struct kmem_cache *s,
				    struct kmem_cache_node *n,
				    struct page *slab, int nid)
{
	enum slab_state st = slab_state(slab);

	if (st != SLAB_PARTIAL && st != SLAB_FULL)
		return NULL;
	if (!slab_inuse(slab) && n->partial.nr >= s->min_partial) {
		slab_list_remove(n, slab, nid);
		slab_node_forget(n, slab);
		return slab;
	}
	if (st == SLAB_FULL) {
		slab_list_del(&n->full, slab, nid);
		slab_set_state(slab, SLAB_PARTIAL);
		slab_list_add(&n->partial, slab, nid, true);
	}
	return NULL;
}

/*
 * Free the chain @head .. @tail (@cnt objects of @slab, linked through
 * their free pointers) to the slab's own freelist.  Interrupts off.
 */
static void __slab_free(struct kmem_cache *s, struct page *slab, void *head,
			void *tail, unsigned int cnt)
{
	int nid = page_to_nid(slab);
	struct kmem_cache_node *n = &s->node[nid];
	struct page *discard = NULL;
	void *prior;

	spin_lock(&n->list_lock);
	prior = slab->freelist;
	if (unlikely(head == prior || slab_inuse(slab) < cnt)) {
		spin_unlock(&n->list_lock);
		object_err(s, slab, head, "Object already free");
		return;
	}
	set_freepointer(s, tail, prior);
	slab->freelist = head;
	slab_set_inuse_node(n, slab, slab_inuse(slab) - cnt);
	/* A frozen slab stays with its CPU, which takes these over later. */
	if (slab_state(slab) != SLAB_FROZEN)
		discard = slab_after_free(s, n, slab, nid);
	spin_unlock(&n->list_lock);
	if (discard)
		free_slab(s, discard);
}

/* ---- debug caches: everything under the node lock ---- */

/*
 * Allocation for debug caches: the first object of the first partial slab
 * (or of a new slab), checked under the node lock; a corrupt object is
 * quarantined and the next one tried.
 */
static void *debug_alloc(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
			 unsigned long caller)
{
	unsigned long flags = arch_local_irq_save();
	struct kmem_cache_node *n = NULL;
	struct page *slab;
	void *obj, *next;
	bool cut;
	int nid;

	for (;;) {
		slab = NULL;
		for (nid = 0; nid < MAX_NUMNODES; nid++) {
			n = &s->node[nid];
			if (!READ_ONCE(n->partial.nr))
				continue;
			spin_lock(&n->list_lock);
			slab = slab_list_first(&n->partial, nid);
			if (slab)
				break;		/* with the lock held */
			spin_unlock(&n->list_lock);
		}
		if (!slab) {
			slab = allocate_slab(s, gfp);
			if (!slab) {
				arch_local_irq_restore(flags);
				slab_out_of_memory(s, gfp);
				return NULL;
			}
			nid = page_to_nid(slab);
			n = &s->node[nid];
			spin_lock(&n->list_lock);
			slab_node_count(n, slab);
			slab_set_state(slab, SLAB_PARTIAL);
			slab_list_add(&n->partial, slab, nid, false);
		}

		if (s->flags & SLAB_CONSISTENCY_CHECKS)
			slab_debug_on_freelist(s, n, slab, NULL);
		obj = slab->freelist;
		next = obj ? get_freepointer(s, obj) : NULL;
		cut = false;
		if (obj && next && !slab_valid_object(s, slab, next)) {
			/* The rest of the chain is lost: leak it. */
			object_err(s, slab, obj, "Freepointer corrupt");
			slab_fix(s, "Isolate corrupted freechain");
			set_freepointer(s, obj, NULL);
			next = NULL;
			cut = true;
			slab_set_inuse_node(n, slab, slab_objects(slab) - 1);
		}
		if (obj) {
			bool ok = slab_debug_alloc_check(s, slab, obj);

			slab->freelist = next;
			slab_set_inuse_node(n, slab, slab_inuse(slab) + 1);
			if (ok) {
				slab_debug_alloc_done(s, obj, orig_size, caller);
			} else {
				/* Reported; try the next object. */
				slab_debug_quarantine(s, obj);
				obj = NULL;
			}
			if (cut)
				slab_debug_isolate_lost(s, slab);
		}
		if (!slab->freelist) {
			slab_list_del(&n->partial, slab, nid);
			slab_set_state(slab, SLAB_FULL);
			slab_list_add(&n->full, slab, nid, true);
		}
		spin_unlock(&n->list_lock);
		if (obj)
			break;
	}
	arch_local_irq_restore(flags);
	return obj;
}

/* Free for debug caches: checked, poisoned, then onto the slab's list. */
static void debug_free(struct kmem_cache *s, struct page *slab, void *obj,
		       unsigned long caller)
{
	int nid = page_to_nid(slab);
	struct kmem_cache_node *n = &s->node[nid];
	struct page *discard = NULL;
	unsigned long flags;

	spin_lock_irqsave(&n->list_lock, flags);
	if (slab_debug_free_check(s, n, slab, obj, caller)) {
		set_freepointer(s, obj, slab->freelist);
		slab->freelist = obj;
		slab_set_inuse_node(n, slab, slab_inuse(slab) - 1);
		discard = slab_after_free(s, n, slab, nid);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	if (discard)
		free_slab(s, discard);
}

/* ---- alloc and free ---- */

/* The slow part of slab_alloc() for a non-debug cache: a refill. */
static noinline void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *obj;

	flags = arch_local_irq_save();
	c = this_cpu_slab(s);
	if (c->freelist)	/* an interrupt freed one meanwhile */
		obj = slab_cpu_pop(s, c);
	else
		obj = __slab_alloc(s, c, gfp);
	arch_local_irq_restore(flags);
	return obj;
}

/*
 * slab_alloc - one object of @s for @orig_size bytes (kmalloc's request;
 * object_size otherwise), @caller recorded in debug mode.  Returns NULL
 * when no slab could be had.
 */
void *slab_alloc(struct kmem_cache *s, gfp_t gfp, size_t orig_size,
		 unsigned long caller)
{
	void *obj;

	if (unlikely(should_failslab(s, gfp)))
		return NULL;	/* injected (mm/fail_inject.c) */
	if (unlikely(kmem_cache_debug(s))) {
		obj = debug_alloc(s, gfp, orig_size, caller);
	} else {
		obj = slab_alloc_fast(s);
		if (unlikely(!obj))
			obj = slab_alloc_slow(s, gfp);
	}
	if (unlikely(gfp & __GFP_ZERO) && obj)
		memset(obj, 0, slab_has_orig_size(s) ? orig_size : s->object_size);
	return obj;
}

/*
 * slab_free - give @obj back to @slab of @s (the caller found the slab;
 * a double free the checks catch is reported and ignored).
 */
void slab_free(struct kmem_cache *s, struct page *slab, void *obj,
	       unsigned long caller)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	if (unlikely(kmem_cache_debug(s))) {
		debug_free(s, slab, obj, caller);
		return;
	}
	if (likely(slab_free_fast(s, slab, obj)))
		return;
	flags = arch_local_irq_save();
	c = this_cpu_slab(s);
	if (slab == c->slab && obj == c->freelist) {
		/* Naive double-free check (Linux's hardened one). */
		arch_local_irq_restore(flags);
		object_err(s, slab, obj, "Object already free");
		return;
	}
	if (slab == c->slab)	/* ours again: an interrupt moved things */
		slab_cpu_push(s, c, obj);
	else
		__slab_free(s, slab, obj, obj, 1);
	arch_local_irq_restore(flags);
}

/*
 * kmem_cache_alloc - see slab.h.  The caller's address is recorded by
 * SLAB_STORE_USER.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp, s->object_size, _RET_IP_);
}

/* kmem_cache_zalloc - kmem_cache_alloc() of a zeroed object; NULL on failure. */
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp | __GFP_ZERO, s->object_size, _RET_IP_);
}

/* Is @obj an object of @s at all?  Reports and returns false if not. */
static bool cache_from_obj(struct kmem_cache *s, struct page *slab, void *obj)
{
	if (likely(PageSlab(slab) && slab->slab_cache == s))
		return true;
	slab_bug(s, "Wrong slab cache: object %p is from %s", obj,
		 PageSlab(slab) && slab->slab_cache ? slab->slab_cache->name :
		 "no slab cache");
	slab_fix(s, "Object at %p not freed", obj);
	return false;
}

/* kmem_cache_free - see slab.h.  A foreign pointer is reported and ignored. */
void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *slab;

	if (!obj)
		return;
	slab = virt_to_slab(obj);
	if (!cache_from_obj(s, slab, obj))
		return;
	slab_free(s, slab, obj, _RET_IP_);
}

/*
 * kmem_cache_alloc_bulk - see slab.h.  One interrupts-off section: the
 * private freelist is walked in one go and refilled only when it runs
 * out.  Returns @n, or 0 (nothing allocated) when memory ran out.
 */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t gfp, size_t n, void **p)
{
	struct kmem_cache_cpu *c;
	unsigned long flags, rnd;
	unsigned int off;
	size_t i;
	void *obj;

	if (unlikely(kmem_cache_debug(s))) {
		for (i = 0; i < n; i++) {
			p[i] = slab_alloc(s, gfp, s->object_size, _RET_IP_);
			if (!p[i]) {
				kmem_cache_free_bulk(s, i, p);
				return 0;
			}
		}
		return (int)n;
	}

	/* Stores through p[] may alias *s: keep the key in registers. */
	rnd = s->random;
	off = s->offset;
	flags = arch_local_irq_save();
	c = this_cpu_slab(s);
	i = 0;
	if (c->sheaf && c->sheaf->size) {
		/* The newest objects of the sheaf, by copying pointers. */
		struct slab_sheaf *sh = c->sheaf;

		void **from;

		i = min(n, (size_t)sh->size);
		sh->size -= i;
		from = &sh->objects[sh->size];
		for (size_t k = 0; k < i; k++)	/* short: no memcpy call */
			p[k] = from[k];
	}
	obj = c->freelist;
	for (; i < n; i++) {
		unsigned long where;

		if (unlikely(!obj)) {
			c->freelist = NULL;
			obj = __slab_alloc(s, c, gfp);
			if (!obj) {
				arch_local_irq_restore(flags);
				kmem_cache_free_bulk(s, i, p);
				return 0;
			}
			p[i] = obj;
			obj = c->freelist;
			continue;
		}
		p[i] = obj;
		where = (unsigned long)obj + off;
		obj = (void *)(*(unsigned long *)where ^ freeptr_key(rnd, where));
	}
	c->freelist = obj;
	arch_local_irq_restore(flags);

	if (unlikely(gfp & __GFP_ZERO))
		for (i = 0; i < n; i++)
			memset(p[i], 0, s->object_size);
	return (int)n;
}

/* slab_cpu_free_objects - see slab.h. */
unsigned int slab_cpu_free_objects(struct kmem_cache *s, int cpu)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
	struct page *slab = READ_ONCE(c->slab);
	void *p = READ_ONCE(c->freelist);
	unsigned int n = 0, limit;

	if (!slab)
		return 0;
	limit = slab_objects(slab);
	while (p && n < limit && slab_valid_object(s, slab, p)) {
		n++;
		p = get_freepointer(s, p);
	}
	return n;
}

/* A bulk free's working copy of the CPU's state, kept in registers. */
struct bulk_cpu {
	struct page *slab;
	unsigned long base, span;	/* the active slab's address range */
	void *freelist;
};

static inline void bulk_cpu_load(struct kmem_cache_cpu *c, struct bulk_cpu *cs)
{
	cs->slab = c->slab;
	cs->base = cs->slab ? (unsigned long)slab_address(cs->slab) : 0;
	cs->span = cs->slab ? PAGE_SIZE << slab_order(cs->slab) : 0;
	cs->freelist = c->freelist;
}

static inline void bulk_cpu_store(struct kmem_cache_cpu *c, struct bulk_cpu *cs)
{
	c->freelist = cs->freelist;
}

/* A page for this CPU's sheaf of @s, unless it has one (interrupts on). */
static noinline void sheaf_get(struct kmem_cache *s)
{
	struct page *page;
	unsigned long flags;

	if (this_cpu_slab(s)->sheaf)
		return;
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	if (!page)
		return;		/* bulk frees work without one */
	slab_account_pages(false, 1);
	flags = arch_local_irq_save();
	if (!this_cpu_slab(s)->sheaf) {
		struct slab_sheaf *sh = page_address(page);

		sh->size = 0;
		this_cpu_slab(s)->sheaf = sh;
		page = NULL;
	}
	arch_local_irq_restore(flags);
	if (page) {
		slab_account_pages(false, -1);
		__free_pages(page, 0);
	}
}

/*
 * Fill this CPU's sheaf from p[i..n) until it is full; returns the index
 * of the first object left.  Each object is checked to be one of @s (a
 * foreign pointer is reported and skipped) and not the one just put there
 * (a naive double-free check, as on the freelist).  Interrupts off; they
 * are on again around a report.
 */
static __always_inline size_t sheaf_fill(struct kmem_cache *s,
					 struct slab_sheaf *sh, size_t n,
					 void **p, size_t i, unsigned long *flags)
{
	/* Stores into the sheaf may alias p[] and *sh: work in registers. */
	unsigned long size = sh->size, base = 0, span = 0;
	size_t end = i + min(n - i, (size_t)(s->sheaf_capacity - size));

	for (; i < end; i++) {
		void *obj = p[i];
		struct page *slab;

		/*
		 * An object inside the last slab found to be @s's needs no
		 * struct page lookup: a slab is one naturally aligned block.
		 */
		if (likely((unsigned long)obj - base < span)) {
			if (likely(obj != sh->objects[size - 1])) {
				sh->objects[size++] = obj;
				continue;
			}
			slab = virt_to_slab(obj);
		} else {
			if (!obj)
				continue;
			slab = virt_to_slab(obj);
			if (likely(PageSlab(slab) && slab->slab_cache == s &&
				   (!size || obj != sh->objects[size - 1]))) {
				base = (unsigned long)slab_address(slab);
				span = PAGE_SIZE << slab_order(slab);
				sh->objects[size++] = obj;
				continue;
			}
		}
		sh->size = size;
		arch_local_irq_restore(*flags);
		if (cache_from_obj(s, slab, obj))
			object_err(s, slab, obj, "Object already free");
		*flags = arch_local_irq_save();
		size = sh->size;
		base = span = 0;
		end = min(n, i + 1 + (size_t)(s->sheaf_capacity - size));
	}
	sh->size = size;
	return i;
}

/*
 * kmem_cache_free_bulk - see slab.h.  Objects go onto this CPU's sheaf
 * while it has room (its page is allocated at the first bulk free); then
 * objects of this CPU's active slab (recognised by address, without a
 * struct page lookup) go on its private freelist, and a run of objects of
 * another slab is chained and freed with one node-lock round trip.
 */
void kmem_cache_free_bulk(struct kmem_cache *s, size_t n, void **p)
{
	struct kmem_cache_cpu *c;
	struct bulk_cpu cs;
	unsigned long flags, rnd;
	unsigned int off;
	size_t i = 0;

	if (unlikely(kmem_cache_debug(s))) {
		for (i = 0; i < n; i++) {
			struct page *slab;

			if (!p[i])
				continue;
			slab = virt_to_slab(p[i]);
			if (cache_from_obj(s, slab, p[i]))
				slab_free(s, slab, p[i], _RET_IP_);
		}
		return;
	}

	if (unlikely(!this_cpu_slab(s)->sheaf))
		sheaf_get(s);
	/* Stores into objects may alias *s: keep the key in registers. */
	rnd = s->random;
	off = s->offset;
	flags = arch_local_irq_save();
	c = this_cpu_slab(s);
	if (likely(c->sheaf)) {
		i = sheaf_fill(s, c->sheaf, n, p, 0, &flags);
		if (likely(i == n)) {		/* the sheaf took them all */
			arch_local_irq_restore(flags);
			return;
		}
	}
	bulk_cpu_load(c, &cs);
	while (i < n) {
		void *obj = p[i], *head, *tail;
		struct page *slab;
		unsigned int cnt;

		if (likely((unsigned long)obj - cs.base < cs.span)) {
			/* The active slab's: push on the private freelist. */
			if (unlikely(obj == cs.freelist)) {
				bulk_cpu_store(c, &cs);
				arch_local_irq_restore(flags);
				object_err(s, cs.slab, obj, "Object already free");
				flags = arch_local_irq_save();
				bulk_cpu_load(c, &cs);
			} else {
				unsigned long where = (unsigned long)obj + off;

				*(unsigned long *)where = (unsigned long)cs.freelist ^
							  freeptr_key(rnd, where);
				cs.freelist = obj;
			}
			i++;
			continue;
		}
		if (!obj) {
			i++;
			continue;
		}
		slab = virt_to_slab(obj);
		if (unlikely(!PageSlab(slab) || slab->slab_cache != s)) {
			bulk_cpu_store(c, &cs);
			arch_local_irq_restore(flags);
			cache_from_obj(s, slab, obj);
			flags = arch_local_irq_save();
			bulk_cpu_load(c, &cs);
			i++;
			continue;
		}
		/* Chain the run of objects of this slab: one lock for all. */
		head = tail = obj;
		cnt = 1;
		for (i++; i < n && p[i] && p[i] != head &&
			  virt_to_slab(p[i]) == slab; i++) {
			set_freepointer(s, p[i], head);
			head = p[i];
			cnt++;
		}
		__slab_free(s, slab, head, tail, cnt);
	}
	bulk_cpu_store(c, &cs);
	arch_local_irq_restore(flags);
}

/* ---- shrink and destroy ---- */

/* Free every empty slab on the partial lists; returns pages freed. */
static int discard_empty_slabs(struct kmem_cache *s)
{
	int nid, pages = 0;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		struct slab_list discard;
		struct page *slab, *next;
		unsigned long flags;

		if (!READ_ONCE(n->partial.nr))
			continue;
		slab_list_init(&discard);
		spin_lock_irqsave(&n->list_lock, flags);
		for (slab = slab_list_first(&n->partial, nid); slab; slab = next) {
			next = slab_list_next(slab, nid);
			if (slab_inuse(slab))
				continue;
			slab_list_remove(n, slab, nid);
			slab_node_forget(n, slab);
			slab_list_add(&discard, slab, nid, true);
		}
		spin_unlock_irqrestore(&n->list_lock, flags);
		while ((slab = slab_list_first(&discard, nid))) {
			slab_list_del(&discard, slab, nid);
			pages += 1 << slab_order(slab);
			free_slab(s, slab);
		}
	}
	return pages;
}

/*
 * Give back what @c holds of @s: the sheaf's objects (to their slabs) and
 * its page, then the active slab.  Interrupts off, on @c's CPU or with
 * that CPU known to be idle.
 */
static void flush_cpu(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct slab_sheaf *sh = c->sheaf;

	if (sh) {
		c->sheaf = NULL;
		while (sh->size) {
			void *obj = sh->objects[--sh->size];
			struct page *slab = virt_to_slab(obj);

			if (slab == c->slab)
				slab_cpu_push(s, c, obj);
			else
				__slab_free(s, slab, obj, obj, 1);
		}
		slab_account_pages(false, -1);
		__free_pages(virt_to_page(sh), 0);
	}
	deactivate_slab(s, c);
}

/* On each CPU (cross-CPU call, interrupts off): give back what it holds. */
static void flush_cpu_slab(void *info)
{
	struct kmem_cache *s = info;

	flush_cpu(s, this_cpu_slab(s));
}

/* On each CPU: give back its active slab of every cache. */
static void flush_cpu_slabs_all_caches(void *info)
{
	/* Not list_for_each_entry: the head is no (aligned) kmem_cache. */
	struct list_head *pos;

	(void)info;
	spin_lock(&slab_caches_lock);
	list_for_each(pos, &slab_caches)
		flush_cpu_slab(list_entry(pos, struct kmem_cache, list));
	spin_unlock(&slab_caches_lock);
}

/*
 * kmem_cache_shrink - see slab.h: every online CPU (and the caller) gives
 * back its active slab of @s, through on_each_cpu(), then every empty slab
 * goes back to the page allocator.  Returns the number of pages freed.
 * No spinlock may be held (the cross-CPU call waits).
 */
int kmem_cache_shrink(struct kmem_cache *s)
{
	on_each_cpu(flush_cpu_slab, s, true);
	return discard_empty_slabs(s);
}

/*
 * kmem_cache_shrink_all - kmem_cache_shrink() every cache, with one
 * cross-CPU call for all of them.  Returns the pages freed.
 */
int kmem_cache_shrink_all(void)
{
	struct list_head *pos;
	unsigned long flags;
	int pages = 0;

	on_each_cpu(flush_cpu_slabs_all_caches, NULL, true);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each(pos, &slab_caches)
		pages += discard_empty_slabs(list_entry(pos, struct kmem_cache, list));
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

/* Print where the live objects of @s are (at most @max of them). */
static void list_slab_objects(struct kmem_cache *s, unsigned int max)
{
	static unsigned long map[SLAB_MAX_OBJECTS / BITS_PER_LONG + 1];
	unsigned int shown = 0;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES && shown < max; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		struct slab_list *lists[2] = { &n->partial, &n->full };
		unsigned long flags;

		spin_lock_irqsave(&n->list_lock, flags);
		for (int l = 0; l < 2; l++) {
			struct page *slab;

			for (slab = slab_list_first(lists[l], nid);
			     slab && shown < max; slab = slab_list_next(slab, nid)) {
				unsigned int i, objects = slab_objects(slab), walked = 0;
				void *p;

				memset(map, 0, sizeof(map));
				for (p = slab->freelist; p && walked++ < objects &&
				     slab_valid_object(s, slab, p); p = get_freepointer(s, p)) {
					i = slab_obj_index(s, slab, p);
					map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
				}
				for (i = 0; i < objects && shown < max; i++) {
					char *obj = slab_object(s, slab, i);

					if (map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
						continue;
					pr_err("Object %p @offset=%lu\n", obj,
					       (unsigned long)(obj - (char *)slab_address(slab)));
					shown++;
				}
			}
		}
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
}

/*
 * kmem_cache_destroy - see slab.h.  With objects left the cache stays (on
 * slab_caches, usable for freeing them) and the report names them.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long live = 0, slabs = 0, flags;
	int cpu, nid;

	if (!s)
		return;
	if (s == kmem_cache) {
		pr_err("kmem_cache_destroy %s: the boot cache is never destroyed\n",
		       s->name);
		return;
	}
	/* Online CPUs give theirs back themselves; nobody runs on the others
	 * (host tests that play CPUs from one thread), so take theirs. */
	on_each_cpu(flush_cpu_slab, s, true);
	for_each_other_offline_cpu(cpu) {
		flags = arch_local_irq_save();
		flush_cpu(s, &s->cpu_slab[cpu]);
		arch_local_irq_restore(flags);
	}
	discard_empty_slabs(s);
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		live += READ_ONCE(s->node[nid].nr_inuse);
		slabs += READ_ONCE(s->node[nid].nr_slabs);
	}
	if (slabs) {
		unsigned long q = READ_ONCE(s->quarantined);

		if (live > q) {
			pr_err("kmem_cache_destroy %s: Slab cache still has objects when called from %p\n",
			       s->name, __builtin_return_address(0));
			pr_err("kmem_cache_destroy %s: %lu objects in %lu slabs remain; the cache and those slabs are leaked\n",
			       s->name, live - q, slabs);
			spin_lock_irqsave(&slab_caches_lock, flags);
			list_slab_objects(s, 16);
			spin_unlock_irqrestore(&slab_caches_lock, flags);
		} else {
			pr_warn("kmem_cache_destroy %s: %lu objects quarantined by slub_debug keep %lu slabs; they are leaked\n",
				s->name, q, slabs);
		}
		return;
	}
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	kmem_cache_free(kmem_cache, s);
}

/* ---- creating caches ---- */

static unsigned long slab_random_state;

/* A per-cache hardening key: xorshift64 over the clock and @salt. */
static unsigned long slab_random(const void *salt)
{
	unsigned long x = slab_random_state ^ (unsigned long)arch_clock_ns() ^
			  ((unsigned long)salt * 0x9e3779b97f4a7c15UL);

	if (!x)
		x = 0x2545f4914f6cdd1dUL;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	slab_random_state = x;
	return x;
}

static unsigned int order_objects(unsigned int order, unsigned int size)
{
	return min_t(unsigned long, (PAGE_SIZE << order) / size, SLAB_MAX_OBJECTS);
}

/*
 * The smallest order from the one that holds @min_objects up to
 * @max_order whose leftover is at most 1/@fraction of the slab; returns
 * an order > @max_order if there is none.
 */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order, unsigned int fraction)
{
	unsigned int order;

	for (order = get_order((unsigned long)min_objects * size);
	     order <= max_order; order++) {
		unsigned long slab_size = PAGE_SIZE << order;

		if (slab_size < size)
			continue;
		if (slab_size % size <= slab_size / fraction)
			break;
	}
	return order;
}

/*
 * Linux's calculate_order(): prefer slabs with room for several objects
 * per CPU (4 * (fls(NR_CPUS) + 1), as many as an order-3 slab holds at
 * most), and the smallest order that wastes at most 1/16 (then 1/8, 1/4)
 * of the slab; give up objects before accepting more waste.  Objects
 * larger than an order-3 slab get a slab of their own.  Returns -1 if
 * @size cannot be had even from MAX_ORDER.
 */
static int calculate_order(unsigned int size)
{
	unsigned int min_objects = 4 * (slab_ilog2(NR_CPUS) + 2);
	unsigned int max_objects = order_objects(SLAB_MAX_ORDER, size);
	unsigned int order, fraction;

	if (size > (PAGE_SIZE << SLAB_MAX_ORDER)) {
		order = get_order(size);
		return order <= MAX_ORDER ? (int)order : -1;
	}
	min_objects = min(min_objects, max_objects);
	for (; min_objects > 1; min_objects--) {
		for (fraction = 16; fraction >= 4; fraction /= 2) {
			order = calc_slab_order(size, min_objects, SLAB_MAX_ORDER,
						fraction);
			if (order <= SLAB_MAX_ORDER)
				return (int)order;
		}
	}
	return (int)calc_slab_order(size, 1, SLAB_MAX_ORDER, 1);
}

static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = SMP_CACHE_BYTES;

		/* Small objects share a line rather than each taking one. */
		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)sizeof(void *));
	return ALIGN(align, (unsigned int)sizeof(void *));
}

/*
 * Lay out one object (slab.h draws it) and pick the slab orders.
 * Returns false if the object cannot be allocated at all.
 */
static bool calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned long size = ALIGN(s->object_size, (unsigned int)sizeof(void *));
	int order;

	/* A right red zone of at least one word. */
	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;
	if (s->ctor || (flags & SLAB_DEBUG_FLAGS)) {
		/* Keep the free pointer out of the object's bytes. */
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = 0;
	}
	size += slab_debug_meta_size(flags);
	s->red_left_pad = 0;
	if (flags & SLAB_RED_ZONE) {
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	size = ALIGN(size, s->align);
	if (size > KMALLOC_MAX_SIZE)
		return false;
	s->size = size;

	order = calculate_order(s->size);
	if (order < 0)
		return false;
	s->order = order;
	s->objects = order_objects(order, s->size);
	s->min_order = get_order(s->size);
	s->min_objects = order_objects(s->min_order, s->size);
	return s->objects && s->min_objects;
}

static int kmem_cache_open(struct kmem_cache *s, const char *name,
			   unsigned int size, unsigned int align,
			   slab_flags_t flags, void (*ctor)(void *))
{
	size_t len = strnlen(name, KMEM_CACHE_NAME_LEN - 1);
	int nid;

	memset(s, 0, sizeof(*s));
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->flags = flags;
	s->object_size = size;
	s->ctor = ctor;
	s->align = calculate_alignment(flags, align, size);
	if (!calculate_sizes(s))
		return -EINVAL;
	s->min_partial = clamp(slab_ilog2(s->size) / 2,
			       (unsigned int)MIN_PARTIAL, (unsigned int)MAX_PARTIAL);
	s->random = slab_random(s);
	s->sheaf_capacity = clamp(SLAB_SHEAF_BYTES / s->size, 8U,
				  (unsigned int)SLAB_SHEAF_MAX);
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		spin_lock_init(&s->node[nid].list_lock);
		slab_list_init(&s->node[nid].partial);
		slab_list_init(&s->node[nid].full);
	}
	INIT_LIST_HEAD(&s->list);
	return 0;
}

/*
 * kmem_cache_create - see slab.h.  Returns the new cache or NULL (bad
 * size or alignment, slab not up yet, or no memory for the descriptor).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s;
	unsigned long irqflags;

	if (!slab_up || !name || !size || size > KMALLOC_MAX_SIZE)
		return NULL;
	if (align && (!is_power_of_2(align) || align > PAGE_SIZE))
		return NULL;
	flags &= SLAB_DEBUG_FLAGS | SLAB_HWCACHE_ALIGN | SLAB_RECLAIM_ACCOUNT |
		 SLAB_PANIC | SLAB_KMALLOC;
	flags = kmem_cache_debug_flags(name, flags);

	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s)
		return NULL;
	if (kmem_cache_open(s, name, size, align, flags, ctor)) {
		kmem_cache_free(kmem_cache, s);
		return NULL;
	}
	spin_lock_irqsave(&slab_caches_lock, irqflags);
	list_add(&s->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, irqflags);
	return s;
}

/* kmem_cache_size - the object size @s was created with. */
unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/* slab_is_available - true once kmem_cache_init() has succeeded. */
bool slab_is_available(void)
{
	return slab_up && kmalloc_caches[KMALLOC_SHIFT_HIGH];
}

/*
 * kmem_cache_reset - forget every cache and the slab page counts (host
 * tests: the machine they lived in is being replaced).
 */
void kmem_cache_reset(void)
{
	slab_up = false;
	INIT_LIST_HEAD(&slab_caches);
	slab_account_pages(false, -(long)slab_nr_pages[0]);
	slab_account_pages(true, -(long)slab_nr_pages[1]);
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	kmalloc_fast_enable(false);
	kmem_cache = NULL;
	oom_reports = 0;	/* a new machine reports afresh */
}

/*
 * kmem_cache_init - see slab.h.  Returns 0, -E2BIG if a node spans more
 * pages than the 32-bit list links reach, or -ENOMEM.
 */
int kmem_cache_init(void)
{
	int nid, nodes = 0, err;

	kmem_cache_reset();
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		slab_node_base[nid] = 0;
		if (!node_online(nid))
			continue;
		nodes++;
		slab_node_base[nid] = NODE_DATA(nid)->node_start_pfn;
		if (NODE_DATA(nid)->node_spanned_pages >= SLAB_LIST_NIL) {
			pr_err("SLUB: node %d spans %lu pages; slab list links reach %u: cannot set up slab\n",
			       nid, NODE_DATA(nid)->node_spanned_pages, SLAB_LIST_NIL);
			return -E2BIG;
		}
	}

	err = kmem_cache_open(&boot_kmem_cache, "kmem_cache",
			      sizeof(struct kmem_cache),
			      __alignof__(struct kmem_cache),
			      kmem_cache_debug_flags("kmem_cache", SLAB_HWCACHE_ALIGN),
			      NULL);
	if (err)
		return err;
	list_add(&boot_kmem_cache.list, &slab_caches);
	kmem_cache = &boot_kmem_cache;
	slab_up = true;

	err = create_kmalloc_caches();
	if (err) {
		slab_up = false;
		return err;
	}
	pr_info("SLUB: HWalign=%d, Order=0-%d, MinObjects=0, CPUs=%d, Nodes=%d\n",
		SMP_CACHE_BYTES, SLAB_MAX_ORDER, NR_CPUS, nodes);
	return 0;
}

/* ---- the invariant checker ---- */

/* Which freelist an object was seen on: [0] the slab's, [1] a CPU's. */
static unsigned long check_map[2][SLAB_MAX_OBJECTS / BITS_PER_LONG + 1];

static bool map_test(int w, unsigned int i)
{
	return check_map[w][i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void map_set(int w, unsigned int i)
{
	check_map[w][i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

/*
 * Walk the freelist at *@headp of @slab (w = 0: the slab's, 1: a CPU's),
 * marking each object in check_map[w].  A pointer that is no object of
 * the slab, or an object seen before (a cycle, or on both lists), cuts the
 * chain there (reported).  In debug caches each free object is checked;
 * a corrupt one is unlinked and quarantined (*@quarantined counts them).
 * Returns the number of objects left on the chain; *@errors counts reports.
 */
static unsigned int check_freelist(struct kmem_cache *s, struct page *slab,
				   void **headp, int w, unsigned int *quarantined,
				   int *errors, bool *cut)
{
	void *prev = NULL, *p = *headp;
	unsigned int count = 0, i;

	while (p) {
		const char *why = NULL;
		void *next;

		if (!slab_valid_object(s, slab, p)) {
			why = "Freepointer corrupt";
		} else {
			i = slab_obj_index(s, slab, p);
			if (map_test(w, i))
				why = "Freechain corrupt";
			else if (w == 1 && map_test(0, i))
				why = "Object on both the slab and the CPU freelist";
			else
				map_set(w, i);
		}
		if (why) {
			(*errors)++;
			if (prev) {
				object_err(s, slab, prev, why);
				set_freepointer(s, prev, NULL);
			} else {
				slab_err(s, slab, "%s: freelist head %p", why, p);
				*headp = NULL;
			}
			slab_fix(s, "Isolate corrupted freechain");
			*cut = true;
			break;
		}
		next = get_freepointer(s, p);
		if (w == 0 && (s->flags & (SLAB_RED_ZONE | SLAB_POISON)) &&
		    !slab_debug_check_object(s, slab, p, SLUB_RED_INACTIVE)) {
			(*errors)++;
			if (prev)
				set_freepointer(s, prev, next);
			else
				*headp = next;
			slab_debug_quarantine(s, p);
			(*quarantined)++;
			p = next;
			continue;
		}
		count++;
		prev = p;
		p = next;
	}
	return count;
}

/* Check one slab of node @nid that is on list @st (or frozen for @c). */
static int check_slab(struct kmem_cache *s, struct kmem_cache_node *n, int nid,
		      struct page *slab, enum slab_state st,
		      struct kmem_cache_cpu *c)
{
	unsigned int objects = slab_objects(slab), order = slab_order(slab);
	unsigned int free, quarantined = 0, i;
	bool cut = false, cpu_cut = false;
	int errors = 0;

	if (!PageSlab(slab) || PageTail(slab) || slab->slab_cache != s) {
		slab_err(s, slab, "Not a slab of this cache (flags %#lx, cache %p)",
			 slab->flags, (void *)slab->slab_cache);
		return 1;
	}
	if (page_to_nid(slab) != nid || slab_state(slab) != st ||
	    !((order == s->order && objects == s->objects) ||
	      (order == s->min_order && objects == s->min_objects))) {
		slab_err(s, slab, "Slab state %d (expected %d), node %d (expected %d), order %u with %u objects",
			 slab_state(slab), st, page_to_nid(slab), nid, order,
			 objects);
		return 1;
	}

	memset(check_map[0], 0, (objects / BITS_PER_LONG + 1) * sizeof(long));
	memset(check_map[1], 0, (objects / BITS_PER_LONG + 1) * sizeof(long));
	free = check_freelist(s, slab, &slab->freelist, 0, &quarantined, &errors,
			      &cut);
	if (quarantined)
		slab_set_inuse_node(n, slab, slab_inuse(slab) + quarantined);
	if (c) {
		/* Objects cut off a corrupt chain stay counted in use: leaked. */
		check_freelist(s, slab, &c->freelist, 1, &quarantined, &errors,
			       &cpu_cut);
	}
	if (cut || cpu_cut) {
		/* Cut-off objects stay in use (leaked); objects the CPU chain
		 * shared with the slab's are the slab's now. */
		slab_set_inuse_node(n, slab, objects - free);
		if (kmem_cache_debug(s))
			slab_debug_isolate_lost(s, slab);
	} else if (slab_inuse(slab) + free != objects) {
		slab_err(s, slab, "Wrong object count. Counter is %u but counted were %u",
			 slab_inuse(slab), objects - free);
		slab_fix(s, "Object count adjusted");
		slab_set_inuse_node(n, slab, objects - free);
		errors++;
	}
	if ((st == SLAB_PARTIAL && !slab->freelist) ||
	    (st == SLAB_FULL && slab->freelist)) {
		slab_err(s, slab, "On the %s list with %u free objects",
			 st == SLAB_PARTIAL ? "partial" : "full", free);
		errors++;
	}
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON)) {
		for (i = 0; i < objects; i++)
			if (!map_test(0, i) && !map_test(1, i) &&
			    !slab_debug_check_object(s, slab, slab_object(s, slab, i),
						     SLUB_RED_ACTIVE))
				errors++;
	}
	if ((s->flags & SLAB_POISON) && !slab_debug_check_padding(s, slab))
		errors++;
	return errors;
}

/* Check a node list; returns reports, and adds up what it saw. */
static int check_list(struct kmem_cache *s, struct kmem_cache_node *n, int nid,
		      struct slab_list *l, enum slab_state st,
		      unsigned long *objects, unsigned long *inuse)
{
	u32 prev = SLAB_LIST_NIL;
	unsigned long seen = 0;
	struct page *slab;
	int errors = 0;

	for (slab = slab_list_first(l, nid); slab; slab = slab_list_next(slab, nid)) {
		if (++seen > l->nr || slab->slab_prev != prev) {
			slab_bug(s, "%s list of node %d corrupt at slab %p (%lu listed, prev link %u, expected %u)",
				 st == SLAB_PARTIAL ? "Partial" : "Full", nid,
				 (void *)slab, l->nr, slab->slab_prev, prev);
			return errors + 1;
		}
		errors += check_slab(s, n, nid, slab, st, NULL);
		*objects += slab_objects(slab);
		*inuse += slab_inuse(slab);
		prev = slab_to_index(slab, nid);
	}
	if (seen != l->nr || l->last != prev) {
		slab_bug(s, "%s list of node %d: %lu slabs found, %lu counted",
			 st == SLAB_PARTIAL ? "Partial" : "Full", nid, seen, l->nr);
		errors++;
	}
	return errors;
}

/* Is @obj on the (encoded) freelist at @head?  At most @limit steps. */
static bool freelist_has(struct kmem_cache *s, void *head, void *obj,
			 unsigned int limit)
{
	for (; head && limit--; head = get_freepointer(s, head))
		if (head == obj)
			return true;
	return false;
}

/* Is @obj on @sh before entry @end? */
static bool sheaf_has(const struct slab_sheaf *sh, const void *obj,
		      unsigned long end)
{
	for (unsigned long j = 0; j < end; j++)
		if (sh->objects[j] == obj)
			return true;
	return false;
}

/* Why @obj, entry @i of CPU @me's sheaf @sh, may not be there (NULL: it may). */
static const char *sheaf_entry_bad(struct kmem_cache *s, int me,
				   struct slab_sheaf *sh, unsigned long i, void *obj)
{
	struct page *slab = obj ? virt_to_slab(obj) : NULL;
	struct kmem_cache_node *n;
	unsigned long flags;
	bool free;
	int cpu;

	if (!slab || !PageSlab(slab) || slab->slab_cache != s ||
	    !slab_valid_object(s, slab, obj))
		return "not an object of this cache";
	if (sheaf_has(sh, obj, i))
		return "there twice";
	for (cpu = 0; cpu < me; cpu++)	/* later CPUs look at this one */
		if (s->cpu_slab[cpu].sheaf &&
		    sheaf_has(s->cpu_slab[cpu].sheaf, obj, s->cpu_slab[cpu].sheaf->size))
			return "also on another CPU's sheaf";
	n = &s->node[page_to_nid(slab)];
	spin_lock_irqsave(&n->list_lock, flags);
	free = freelist_has(s, slab->freelist, obj, slab_objects(slab));
	for (cpu = 0; cpu < NR_CPUS && !free; cpu++)
		if (s->cpu_slab[cpu].slab == slab)
			free = freelist_has(s, s->cpu_slab[cpu].freelist, obj,
					    slab_objects(slab));
	spin_unlock_irqrestore(&n->list_lock, flags);
	return free ? "also on a freelist" : NULL;
}

/*
 * Check CPU @cpu's sheaf of @s: no more than the capacity; every entry an
 * object of a slab of @s, there once, on no lower CPU's sheaf and on no
 * freelist (to its slab a sheaf's object is in use).  A bad entry is reported and dropped (an
 * object of another cache, or one also free elsewhere, is not handed out
 * from here).  Returns the reports.
 */
static int check_sheaf(struct kmem_cache *s, int cpu, struct slab_sheaf *sh)
{
	unsigned long i, kept = 0;
	int errors = 0;

	if (sh->size > s->sheaf_capacity) {
		slab_bug(s, "CPU %d sheaf holds %lu objects, capacity %u",
			 cpu, sh->size, s->sheaf_capacity);
		slab_fix(s, "Sheaf emptied; its objects are leaked");
		sh->size = 0;
		return 1;
	}
	for (i = 0; i < sh->size; i++) {
		void *obj = sh->objects[i];
		const char *why = sheaf_entry_bad(s, cpu, sh, i, obj);

		if (why) {
			slab_bug(s, "CPU %d sheaf entry %lu: %p is %s", cpu, i,
				 obj, why);
			slab_fix(s, "Sheaf entry dropped");
			errors++;
			continue;
		}
		sh->objects[kept++] = obj;
	}
	sh->size = kept;
	return errors;
}

static int __slab_check(struct kmem_cache *s)
{
	int nid, cpu, other, errors = 0;

	mm_check_count(MM_CHECK_SLAB);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

		if ((c->slab || c->sheaf) && kmem_cache_debug(s)) {
			/* kfree() relies on this to skip its debug test */
			slab_bug(s, "CPU %d has an active slab or a sheaf of a debug cache",
				 cpu);
			errors++;
		}
		if (c->sheaf)
			errors += check_sheaf(s, cpu, c->sheaf);
		if (!c->slab && c->freelist) {
			slab_bug(s, "CPU %d has a freelist but no slab", cpu);
			c->freelist = NULL;
			errors++;
		}
		for (other = 0; c->slab && other < cpu; other++)
			if (s->cpu_slab[other].slab == c->slab) {
				slab_bug(s, "Slab %p is active on CPUs %d and %d",
					 (void *)c->slab, other, cpu);
				errors++;
			}
	}

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];
		unsigned long objects = 0, inuse = 0, frozen = 0, flags;

		spin_lock_irqsave(&n->list_lock, flags);
		errors += check_list(s, n, nid, &n->partial, SLAB_PARTIAL,
				     &objects, &inuse);
		errors += check_list(s, n, nid, &n->full, SLAB_FULL,
				     &objects, &inuse);
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
			struct page *slab = READ_ONCE(c->slab);

			if (!slab || page_to_nid(slab) != nid)
				continue;
			frozen++;
			errors += check_slab(s, n, nid, slab, SLAB_FROZEN, c);
			objects += slab_objects(slab);
			inuse += slab_inuse(slab);
		}
		if (n->nr_slabs != n->partial.nr + n->full.nr + frozen ||
		    n->total_objects != objects || n->nr_inuse != inuse) {
			slab_bug(s, "Node %d counters: slabs %lu (found %lu), objects %lu (found %lu), inuse %lu (found %lu)",
				 nid, n->nr_slabs, n->partial.nr + n->full.nr + frozen,
				 n->total_objects, objects, n->nr_inuse, inuse);
			slab_fix(s, "Node counters adjusted");
			n->nr_slabs = n->partial.nr + n->full.nr + frozen;
			n->total_objects = objects;
			n->nr_inuse = inuse;
			errors++;
		}
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
	return errors;
}

/* slab_check - see slab.h.  Returns 0 or -EINVAL. */
int slab_check(struct kmem_cache *s)
{
	unsigned long flags;
	int errors;

	spin_lock_irqsave(&slab_caches_lock, flags);
	errors = __slab_check(s);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return errors ? -EINVAL : 0;
}

/* slab_check_all - slab_check() every cache; 0 or -EINVAL. */
int slab_check_all(void)
{
	/* Not list_for_each_entry: the head is no (aligned) kmem_cache. */
	struct list_head *pos;
	struct kmem_cache *s;
	unsigned long flags;
	int errors = 0;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each(pos, &slab_caches) {
		s = list_entry(pos, struct kmem_cache, list);
		errors += __slab_check(s);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return errors ? -EINVAL : 0;
}

/* slab_pages_reclaimable - pages in SLAB_RECLAIM_ACCOUNT slabs. */
unsigned long slab_pages_reclaimable(void)
{
	return __atomic_load_n(&slab_nr_pages[1], __ATOMIC_RELAXED);
}

/* slab_pages_unreclaimable - pages in other slabs and large kmallocs. */
unsigned long slab_pages_unreclaimable(void)
{
	return __atomic_load_n(&slab_nr_pages[0], __ATOMIC_RELAXED);
}
