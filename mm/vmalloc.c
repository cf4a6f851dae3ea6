// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmalloc: the allocator of kernel virtual space in [VMALLOC_START,
 * VMALLOC_END), and the three ways to fill it: vmalloc (fresh pages),
 * vmap (the caller's pages) and ioremap (device memory).  Linux's design
 * (mm/vmalloc.c), written small.
 *
 * What it owns
 *   Every byte of the vmalloc range is in exactly one of three places:
 *
 *     busy tree   live areas, by address (find_vm_area, vfree, reports)
 *     free tree   free blocks, by address, augmented (below)
 *     purge list  freed areas whose TLB entries may still be cached
 *
 *   and vmalloc_check() proves that they tile the range.
 *
 * Finding space in O(log n): the free tree
 *   Free blocks are kept in a red-black tree ordered by address.  Each
 *   node also stores subtree_max_size: the size of the largest free block
 *   in its subtree (itself included).  A search for @length descends
 *   only into subtrees that hold a big enough block, preferring the left
 *   (lower addresses), so it finds the lowest block that fits without
 *   ever backing up:
 *
 *                      [0x40000 +16K]  max 1M
 *                      /              \
 *        [0x10000 +8K] max 64K        [0x90000 +1M] max 1M
 *         /         \                   /
 *   [0x0 +4K] 4K   [0x20000 +64K] 64K  [0x60000 +12K] 12K
 *
 *   request 12K: root's left max 64K >= 12K -> go left; [0x10000] left
 *   max 4K < 12K; the node itself is 8K < 12K; right max 64K -> go right:
 *   0x20000 is the lowest fit.
 *
 *   For an alignment above a page the search asks for size + align -
 *   PAGE_SIZE, which fits in any such block whatever its start; a lower
 *   block that happens to be aligned well enough may be passed over (as
 *   in Linux).  For page alignment (vmalloc, vmap, ioremap) the result
 *   is exactly the lowest-addressed fit.  Freeing merges the block with
 *   free neighbours that touch it, so no two free blocks are adjacent.
 *
 * Guard pages
 *   Every area is one page longer than asked: its last page is never
 *   mapped, so running off the end faults (and vmalloc_report_fault()
 *   names the area).  Sizes in vm_struct and vmallocinfo include it.
 *
 * Lazy TLB purge
 *   vfree() clears the area's page-table entries at once but does not
 *   flush the TLB; the range goes to the purge list instead, and cannot
 *   be handed out again yet (another CPU may still hold a translation for
 *   it).  When the list holds more than vmap_lazy_max_pages pages or
 *   vmap_lazy_max_areas areas, or an allocation finds no space, one
 *   flush_tlb_kernel_range() covering the whole batch is done, the
 *   page-table pages the batch left empty are freed (pgtable_unmap(),
 *   which flushes again only when it frees one), and the ranges merge
 *   into the free tree.  The data pages themselves are freed by vfree()
 *   right away, as in Linux: only a use after free can reach them
 *   through a stale translation.
 *
 * Bookkeeping memory
 *   vmap_area, vm_struct and page arrays come from a small pool of size
 *   classes (64 B .. 1 KiB) carved from order-0 pages, each page returned
 *   as soon as its last object is freed; bigger page arrays take whole
 *   pages.  (Linux uses kmem_cache/kmalloc; meta_alloc()/meta_free() are
 *   the only two functions to change for that.)
 *
 * Lock order
 *   vmap_purge_lock          the purge list and its counters; held for a
 *                            whole purge, so a batch is never half done
 *     vmap_pgtable_lock      every change to kernel_pgd made here, and
 *                            the arch_sync_kernel_mappings() that follows
 *       zone locks           (page-table pages from the page allocator)
 *     vmap_area_lock         both trees, the busy/free counters,
 *                            vm_struct.nr_pages and vmalloc_nr_pages
 *       vmap_meta_lock       the bookkeeping pool
 *         zone locks
 *   vmap_pgtable_lock and vmap_area_lock are never held together.  Data
 *   pages are allocated and freed with no lock held.  All locks are
 *   taken with interrupts off; nothing here sleeps.
 */
#define pr_fmt(fmt) "vmalloc: " fmt

#include <mm/vmalloc.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include <mm/prot.h>
#include <mm/kernel_map.h>
#include <mm/mmzone.h>
#include <mm/memblock.h>
#include <mm/mm_checks.h>
#include <kernel/kernel.h>
#include <kernel/list.h>
#include <kernel/rbtree.h>
#include <kernel/spinlock.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <asm/tlbflush.h>

/* Private vm_struct flags (Linux's VM_UNINITIALIZED, plus one of ours). */
#define VM_UNINITIALIZED	0x00000020	/* pages not mapped yet */
#define VM_FREEING		0x40000000	/* vfree/vunmap under way */
#define VM_TYPE_MASK		(VM_IOREMAP | VM_ALLOC | VM_MAP)

unsigned long vmap_lazy_max_pages = (32UL << 20) >> PAGE_SHIFT;
unsigned long vmap_lazy_max_areas = 64;

static DEFINE_SPINLOCK(vmap_purge_lock);
static DEFINE_SPINLOCK(vmap_pgtable_lock);
static DEFINE_SPINLOCK(vmap_area_lock);
static DEFINE_SPINLOCK(vmap_meta_lock);

/* vmap_area_lock */
static struct rb_root vmap_area_root;		/* busy, by va_start */
static struct rb_root free_vmap_area_root;	/* free, augmented */
static unsigned long nr_busy_areas, nr_free_blocks;
static unsigned long busy_bytes;
static unsigned long nr_vmalloc_pages;

/* vmap_purge_lock */
static LIST_HEAD(vmap_purge_list);
static unsigned long nr_lazy_areas, nr_lazy_pages;
static unsigned long nr_purges, nr_purged_areas, nr_lazy_flushes;

static unsigned long nr_alloc_failures;		/* atomic */
static bool vmalloc_ready;

/* ---- page allocation, with fault injection for tests ---- */

static unsigned long fail_after;	/* 0: off */
static unsigned long fail_count;

/*
 * vmalloc_fail_alloc_after - from the @n-th page allocation on, every one
 * made by vmalloc fails (0: never).  See vmalloc.h.
 */
void vmalloc_fail_alloc_after(unsigned long n)
{
	WRITE_ONCE(fail_after, n);
	WRITE_ONCE(fail_count, 0);
}

static struct page *vm_alloc_pages(int nid, gfp_t gfp, unsigned int order)
{
	unsigned long n = READ_ONCE(fail_after);

	if (n && __atomic_add_fetch(&fail_count, 1, __ATOMIC_RELAXED) >= n)
		return NULL;
	return alloc_pages_node(nid, gfp, order);
}

/* ---- bookkeeping pool ---- */

/*
 * A pool page holds objects of one class and ends with this header:
 *
 *   | obj 0 | obj 1 | ... | obj n-1 | (slack) | struct meta_page |
 *   ^ page start                              PAGE_SIZE - 32 ^
 *
 * Free objects are chained through their first word.  A page with free
 * objects is on its class's partial list; a full page is on no list; an
 * empty page goes back to the page allocator at once.
 */
struct meta_page {
	struct list_head list;
	void *freelist;
	unsigned int inuse;
	unsigned int class;
};

#define META_MIN_SHIFT	6			/* 64 bytes */
#define META_CLASSES	5			/* 64 .. 1024 */
#define META_MAX_SIZE	(1UL << (META_MIN_SHIFT + META_CLASSES - 1))
#define META_JUNK	0x6b			/* freed objects, as slab poison */

static struct list_head meta_partial[META_CLASSES];
static unsigned long nr_meta_pages;		/* vmap_meta_lock */

static inline unsigned int meta_objs(unsigned int class)
{
	return (PAGE_SIZE - sizeof(struct meta_page)) >> (META_MIN_SHIFT + class);
}

static inline struct meta_page *meta_header(const void *obj)
{
	return (struct meta_page *)(ALIGN_DOWN((unsigned long)obj, PAGE_SIZE) +
				    PAGE_SIZE - sizeof(struct meta_page));
}

static void meta_reset(void)
{
	for (unsigned int c = 0; c < META_CLASSES; c++)
		INIT_LIST_HEAD(&meta_partial[c]);
	nr_meta_pages = 0;
}

/*
 * A zeroed object of at least @size bytes, or NULL.  Sizes above
 * META_MAX_SIZE get whole pages (2^order, not compound).
 */
static void *meta_alloc(unsigned long size)
{
	unsigned int class = 0;
	struct meta_page *mp;
	unsigned long flags;
	void *obj;

	if (size > META_MAX_SIZE) {
		unsigned int order = get_order(size);
		struct page *page = vm_alloc_pages(NUMA_NO_NODE,
						   GFP_KERNEL | __GFP_ZERO, order);

		if (!page)
			return NULL;
		spin_lock_irqsave(&vmap_meta_lock, flags);
		nr_meta_pages += 1UL << order;
		spin_unlock_irqrestore(&vmap_meta_lock, flags);
		return page_address(page);
	}
	while ((1UL << (META_MIN_SHIFT + class)) < size)
		class++;

	spin_lock_irqsave(&vmap_meta_lock, flags);
	if (list_empty(&meta_partial[class])) {
		/* Under a spinlock: GFP_NOWAIT (include/mm/gfp.h). */
		struct page *page = vm_alloc_pages(NUMA_NO_NODE, GFP_NOWAIT, 0);
		unsigned long base, step = 1UL << (META_MIN_SHIFT + class);
		unsigned int i, n = meta_objs(class);

		if (!page) {
			spin_unlock_irqrestore(&vmap_meta_lock, flags);
			return NULL;
		}
		base = (unsigned long)page_address(page);
		mp = meta_header((void *)base);
		mp->class = class;
		mp->inuse = 0;
		mp->freelist = NULL;
		for (i = n; i-- > 0;) {		/* lowest object first */
			*(void **)(base + i * step) = mp->freelist;
			mp->freelist = (void *)(base + i * step);
		}
		list_add(&mp->list, &meta_partial[class]);
		nr_meta_pages++;
	}
	mp = list_first_entry(&meta_partial[class], struct meta_page, list);
	obj = mp->freelist;
	mp->freelist = *(void **)obj;
	if (++mp->inuse == meta_objs(class))
		list_del(&mp->list);
	spin_unlock_irqrestore(&vmap_meta_lock, flags);
	memset(obj, 0, 1UL << (META_MIN_SHIFT + class));
	return obj;
}

/* Give back an object of @size bytes from meta_alloc(); NULL is fine. */
static void meta_free(void *obj, unsigned long size)
{
	struct meta_page *mp;
	unsigned long flags;

	if (!obj)
		return;
	if (size > META_MAX_SIZE) {
		unsigned int order = get_order(size);

		memset(obj, META_JUNK, PAGE_SIZE << order);
		__free_pages(virt_to_page(obj), order);
		spin_lock_irqsave(&vmap_meta_lock, flags);
		nr_meta_pages -= 1UL << order;
		spin_unlock_irqrestore(&vmap_meta_lock, flags);
		return;
	}
	mp = meta_header(obj);
	memset(obj, META_JUNK, 1UL << (META_MIN_SHIFT + mp->class));

	spin_lock_irqsave(&vmap_meta_lock, flags);
	if (mp->inuse == meta_objs(mp->class))
		list_add(&mp->list, &meta_partial[mp->class]);
	*(void **)obj = mp->freelist;
	mp->freelist = obj;
	if (--mp->inuse == 0) {
		list_del(&mp->list);
		nr_meta_pages--;
		spin_unlock_irqrestore(&vmap_meta_lock, flags);
		__free_page(virt_to_page(obj));
		return;
	}
	spin_unlock_irqrestore(&vmap_meta_lock, flags);
}

static struct vmap_area *va_alloc(void)
{
	struct vmap_area *va = meta_alloc(sizeof(*va));

	if (va)
		RB_CLEAR_NODE(&va->rb_node);
	return va;
}

static void va_free(struct vmap_area *va)
{
	meta_free(va, sizeof(*va));
}

static inline unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static inline struct vmap_area *va_of(const struct rb_node *n)
{
	return rb_entry(n, struct vmap_area, rb_node);
}

/* ---- the free tree ---- */

static inline unsigned long subtree_max(const struct rb_node *n)
{
	return n ? va_of(n)->subtree_max_size : 0;
}

static inline unsigned long compute_subtree_max(const struct rb_node *n)
{
	return max(va_size(va_of(n)),
		   max(subtree_max(n->rb_left), subtree_max(n->rb_right)));
}

static bool free_va_update(struct rb_node *n)
{
	unsigned long m = compute_subtree_max(n);

	if (va_of(n)->subtree_max_size == m)
		return false;
	va_of(n)->subtree_max_size = m;
	return true;
}

static const struct rb_augment free_va_aug = { .update = free_va_update };

/* Does [start aligned up to @align, + @size) fit inside @va? */
static bool va_fits(const struct vmap_area *va, unsigned long size,
		    unsigned long align, unsigned long *start)
{
	unsigned long s = ALIGN(va->va_start, align);

	if (s < va->va_start || s >= va->va_end || va->va_end - s < size)
		return false;
	*start = s;
	return true;
}

/*
 * The lowest free block that holds @size bytes at @align (see the top of
 * the file), and the start to use in *@start.  NULL if none does.
 * vmap_area_lock held.
 */
static struct vmap_area *find_lowest_fit(unsigned long size,
					 unsigned long align,
					 unsigned long *start)
{
	struct rb_node *n = free_vmap_area_root.rb_node;
	unsigned long length = size + (align - PAGE_SIZE);

	if (length < size || subtree_max(n) < length)
		return NULL;
	while (n) {
		if (subtree_max(n->rb_left) >= length) {
			n = n->rb_left;
			continue;
		}
		if (va_fits(va_of(n), size, align, start))
			return va_of(n);
		/* Not left, not here: the right subtree must hold it. */
		n = n->rb_right;
		if (WARN_ON(subtree_max(n) < length))
			return NULL;
	}
	return NULL;
}

/*
 * Take [@start, @start + @size) out of free block @fva.  If the range is
 * in the middle of the block, the part below it goes to *@spare (a
 * pre-allocated node, set to NULL when used).  @fva itself is freed if
 * nothing of it is left.  vmap_area_lock held.
 */
static void free_block_clip(struct vmap_area *fva, unsigned long start,
			    unsigned long size, struct vmap_area **spare)
{
	unsigned long end = start + size;

	if (start == fva->va_start && end == fva->va_end) {
		rb_erase_augmented(&fva->rb_node, &free_vmap_area_root, &free_va_aug);
		nr_free_blocks--;
		va_free(fva);
		return;
	}
	if (start == fva->va_start) {
		fva->va_start = end;		/* keep the tail */
	} else if (end == fva->va_end) {
		fva->va_end = start;		/* keep the head */
	} else {
		/* Keep both: @fva becomes the tail, the spare the head. */
		struct vmap_area *head = *spare;
		struct rb_node **link = &free_vmap_area_root.rb_node, *parent = NULL;

		*spare = NULL;
		head->va_start = fva->va_start;
		head->va_end = start;
		fva->va_start = end;
		rb_augment_propagate(&fva->rb_node, &free_va_aug);
		/* The head goes right before @fva in address order. */
		if (fva->rb_node.rb_left) {
			parent = fva->rb_node.rb_left;
			while (parent->rb_right)
				parent = parent->rb_right;
			link = &parent->rb_right;
		} else {
			parent = &fva->rb_node;
			link = &parent->rb_left;
		}
		head->subtree_max_size = va_size(head);
		rb_link_node(&head->rb_node, parent, link);
		rb_insert_augmented(&head->rb_node, &free_vmap_area_root, &free_va_aug);
		nr_free_blocks++;
		return;
	}
	rb_augment_propagate(&fva->rb_node, &free_va_aug);
}

/*
 * Return [va->va_start, va->va_end) to the free tree, merging it with a
 * free block that ends where it starts and with one that starts where it
 * ends.  @va is either inserted or freed.  vmap_area_lock held.
 */
static void free_block_insert(struct vmap_area *va)
{
	struct rb_node **link = &free_vmap_area_root.rb_node, *parent = NULL;
	struct vmap_area *prev = NULL, *next = NULL;

	while (*link) {
		struct vmap_area *cur = va_of(*link);

		parent = *link;
		if (va->va_end <= cur->va_start) {
			next = cur;
			link = &parent->rb_left;
		} else if (va->va_start >= cur->va_end) {
			prev = cur;
			link = &parent->rb_right;
		} else {
			pr_err("BUG: freeing 0x%016lx-0x%016lx, which overlaps free block 0x%016lx-0x%016lx; leaking it\n",
			       va->va_start, va->va_end, cur->va_start, cur->va_end);
			return;
		}
	}

	if (prev && prev->va_end == va->va_start) {
		if (next && next->va_start == va->va_end) {
			/* Fills the gap: prev swallows va and next. */
			unsigned long end = next->va_end;

			rb_erase_augmented(&next->rb_node, &free_vmap_area_root,
					   &free_va_aug);
			nr_free_blocks--;
			va_free(next);
			prev->va_end = end;
		} else {
			prev->va_end = va->va_end;
		}
		rb_augment_propagate(&prev->rb_node, &free_va_aug);
		va_free(va);
		return;
	}
	if (next && next->va_start == va->va_end) {
		next->va_start = va->va_start;
		rb_augment_propagate(&next->rb_node, &free_va_aug);
		va_free(va);
		return;
	}
	va->subtree_max_size = va_size(va);
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_augmented(&va->rb_node, &free_vmap_area_root, &free_va_aug);
	nr_free_blocks++;
}

/* ---- the busy tree ---- */

/* The live area containing @addr, or NULL.  vmap_area_lock held. */
static struct vmap_area *find_vmap_area_locked(unsigned long addr)
{
	struct rb_node *n = vmap_area_root.rb_node;

	while (n) {
		struct vmap_area *va = va_of(n);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* The busy areas just below and just above @addr (either may be NULL). */
static void busy_neighbours(unsigned long addr, struct vmap_area **below,
			    struct vmap_area **above)
{
	struct rb_node *n = vmap_area_root.rb_node;

	*below = *above = NULL;
	while (n) {
		struct vmap_area *va = va_of(n);

		if (addr < va->va_start) {
			*above = va;
			n = n->rb_left;
		} else {
			*below = va;
			n = n->rb_right;
		}
	}
}

static void busy_insert(struct vmap_area *va)
{
	struct rb_node **link = &vmap_area_root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = va->va_start < va_of(parent)->va_start ? &parent->rb_left
							      : &parent->rb_right;
	}
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_color(&va->rb_node, &vmap_area_root);
	nr_busy_areas++;
	busy_bytes += va_size(va);
}

static void busy_erase(struct vmap_area *va)
{
	rb_erase(&va->rb_node, &vmap_area_root);
	RB_CLEAR_NODE(&va->rb_node);
	nr_busy_areas--;
	busy_bytes -= va_size(va);
}

/* ---- the purge list ---- */

static bool purge_due(void)
{
	return nr_lazy_pages > READ_ONCE(vmap_lazy_max_pages) ||
	       nr_lazy_areas > READ_ONCE(vmap_lazy_max_areas);
}

/*
 * Flush the TLB once for every lazy range, free the page-table pages they
 * left empty, and give the ranges to the free tree.  vmap_purge_lock held.
 */
static void __purge_vmap_area_lazy(void)
{
	struct vmap_area *va, *tmp;
	unsigned long start = ULONG_MAX, end = 0, flags;

	if (list_empty(&vmap_purge_list))
		return;
	list_for_each_entry(va, &vmap_purge_list, list) {
		start = min(start, va->va_start);
		end = max(end, va->va_end);
	}
	flush_tlb_kernel_range(start, end);
	nr_lazy_flushes++;

	/* Tables emptied by the batch: pgtable_unmap() frees them (and
	 * flushes once more first, since the walker may cache them). */
	spin_lock_irqsave(&vmap_pgtable_lock, flags);
	list_for_each_entry(va, &vmap_purge_list, list)
		pgtable_unmap(kernel_pgd, va->va_start, va_size(va));
	spin_unlock_irqrestore(&vmap_pgtable_lock, flags);

	spin_lock_irqsave(&vmap_area_lock, flags);
	list_for_each_entry_safe(va, tmp, &vmap_purge_list, list) {
		list_del(&va->list);
		nr_purged_areas++;
		free_block_insert(va);
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	nr_lazy_areas = 0;
	nr_lazy_pages = 0;
	nr_purges++;
}

/*
 * vm_unmap_aliases - purge every lazy area now (one TLB flush for all).
 * Never fails.
 */
void vm_unmap_aliases(void)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_purge_lock, flags);
	__purge_vmap_area_lazy();
	spin_unlock_irqrestore(&vmap_purge_lock, flags);
}

/* ---- page tables ---- */

/*
 * Map @pages[0..@n) at @addr, 4 KiB leaves, runs of physically
 * contiguous pages in one call.  On failure everything mapped here is
 * unmapped again (with its flush) and the error returned.
 */
static int map_pages(unsigned long addr, struct page **pages, unsigned int n,
		     unsigned int prot)
{
	unsigned long flags;
	unsigned int i = 0;
	int err = 0;

	spin_lock_irqsave(&vmap_pgtable_lock, flags);
	while (i < n) {
		unsigned int run = 1;

		while (i + run < n &&
		       page_to_pfn(pages[i + run]) == page_to_pfn(pages[i]) + run)
			run++;
		err = pgtable_map(kernel_pgd, addr + ((unsigned long)i << PAGE_SHIFT),
				  page_to_phys(pages[i]), (unsigned long)run << PAGE_SHIFT,
				  prot, PGTABLE_MAP_4K);
		if (err)
			break;
		i += run;
	}
	if (err)
		pgtable_unmap(kernel_pgd, addr, (unsigned long)n << PAGE_SHIFT);
	arch_sync_kernel_mappings(addr, addr + ((unsigned long)n << PAGE_SHIFT));
	spin_unlock_irqrestore(&vmap_pgtable_lock, flags);
	return err;
}

/*
 * Clear the leaves in [@addr, @addr + @size) without flushing the TLB or
 * freeing tables: the lazy purge does both for a whole batch.
 */
static void clear_ptes(unsigned long addr, unsigned long size)
{
	unsigned long va, flags;

	spin_lock_irqsave(&vmap_pgtable_lock, flags);
	for (va = addr; va < addr + size; va += PAGE_SIZE) {
		int level;
		pte_t *ptep = pgtable_walk(kernel_pgd, va, &level);

		if (!ptep)
			continue;
		WARN_ON(level != 0);	/* vmalloc maps only 4 KiB leaves */
		WRITE_ONCE(*ptep, 0);
	}
	arch_sync_kernel_mappings(addr, addr + size);
	spin_unlock_irqrestore(&vmap_pgtable_lock, flags);
}

/* ---- areas ---- */

static const char *vm_type_name(unsigned long flags)
{
	if (flags & VM_ALLOC)
		return "vmalloc";
	if (flags & VM_MAP)
		return "vmap";
	if (flags & VM_IOREMAP)
		return "ioremap";
	return "area";
}

/* Count a failed request and say why, as Linux's warn_alloc() does. */
static void vm_alloc_failed(unsigned long size, gfp_t gfp, const char *why)
{
	__atomic_add_fetch(&nr_alloc_failures, 1, __ATOMIC_RELAXED);
	if (!(gfp & __GFP_NOWARN))
		printk_ratelimited(KERN_WARNING "vmalloc error: size %lu, %s, mode:0x%x\n",
				   size, why, gfp);
}

/*
 * Reserve an area of @size bytes (page multiple) plus the guard page at
 * @align, recorded in the busy tree with a fresh vm_struct marked
 * VM_UNINITIALIZED.  Purges the lazy areas and retries once if no block
 * fits.  Returns the vm_struct or NULL (nothing changed).
 */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long align,
				     unsigned long vm_flags, gfp_t gfp,
				     const void *caller)
{
	struct vmap_area *va, *spare, *fva;
	struct vm_struct *vm;
	unsigned long start = 0, flags;
	bool purged = false;

	if (!vmalloc_ready || !kernel_pgd) {
		vm_alloc_failed(size, gfp, "vmalloc_init() has not run yet");
		return NULL;
	}
	if (!size || size >= VMALLOC_TOTAL || align > VMALLOC_TOTAL / 2 ||
	    !is_power_of_2(align)) {
		vm_alloc_failed(size, gfp, "invalid size or alignment");
		return NULL;
	}
	align = max(align, PAGE_SIZE);
	size = ALIGN(size, PAGE_SIZE) + PAGE_SIZE;	/* guard page */

	vm = meta_alloc(sizeof(*vm));
	va = va_alloc();
	spare = va_alloc();
	if (!vm || !va || !spare) {
		meta_free(vm, sizeof(*vm));
		va_free(va);
		va_free(spare);
		vm_alloc_failed(size, gfp, "no memory for the area's bookkeeping");
		return NULL;
	}

	for (;;) {
		spin_lock_irqsave(&vmap_area_lock, flags);
		fva = find_lowest_fit(size, align, &start);
		if (fva || purged)
			break;
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		vm_unmap_aliases();
		purged = true;
	}
	if (!fva) {
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		meta_free(vm, sizeof(*vm));
		va_free(va);
		va_free(spare);
		__atomic_add_fetch(&nr_alloc_failures, 1, __ATOMIC_RELAXED);
		if (!(gfp & __GFP_NOWARN))
			printk_ratelimited(KERN_WARNING "vmap allocation for size %lu failed: no free block of %lu bytes at alignment 0x%lx in the %lu MiB vmalloc space\n",
					   size, size, align,
					   (unsigned long)(VMALLOC_TOTAL >> 20));
		return NULL;
	}
	free_block_clip(fva, start, size, &spare);

	vm->addr = (void *)start;
	vm->size = size;
	vm->flags = vm_flags | VM_UNINITIALIZED;
	vm->caller = caller;
	va->va_start = start;
	va->va_end = start + size;
	va->vm = vm;
	busy_insert(va);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	va_free(spare);
	return vm;
}

/*
 * Put an area that was never used (mapping failed) straight back into the
 * free tree: nothing can have cached a translation the unmap did not
 * flush.  Frees the vm_struct.
 */
static void put_vm_area_now(struct vm_struct *vm)
{
	struct vmap_area *va;
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	va = find_vmap_area_locked((unsigned long)vm->addr);
	busy_erase(va);
	free_block_insert(va);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	meta_free(vm, sizeof(*vm));
}

/* The area is mapped and ready: publish it (page count, flags). */
static void vm_area_ready(struct vm_struct *vm, unsigned int nr_pages)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	if (vm->flags & VM_ALLOC) {
		vm->nr_pages = nr_pages;
		nr_vmalloc_pages += nr_pages;
	}
	vm->flags &= ~VM_UNINITIALIZED;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	if (vm->flags & VM_ALLOC)
		mod_vmalloc_pages(nr_pages);
}

/*
 * Look up the live area starting at @addr (page offsets ignored when
 * @any_offset) and mark it as being freed.  Returns it, or NULL after
 * printing "<who>: bad address 0x..." (@who: "vfree", ...).  An area of
 * another type than @want is freed all the same, with a warning.
 */
static struct vmap_area *claim_area(const void *addr, const char *who,
				    unsigned long want, bool any_offset)
{
	unsigned long a = (unsigned long)addr, flags;
	struct vmap_area *va, *lazy;

	if (any_offset)
		a = ALIGN_DOWN(a, PAGE_SIZE);
	spin_lock_irqsave(&vmap_area_lock, flags);
	va = find_vmap_area_locked(a);
	if (va && va->va_start == a &&
	    !(va->vm->flags & (VM_FREEING | VM_UNINITIALIZED))) {
		if (!(va->vm->flags & want))
			printk(KERN_WARNING "%s: 0x%lx is a %s area; freeing it as one\n",
			       who, a, vm_type_name(va->vm->flags));
		va->vm->flags |= VM_FREEING;
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		return va;
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);

	printk(KERN_ERR "%s: bad address 0x%lx\n", who, (unsigned long)addr);
	/* Say more if it is a recent double free (the purge list is short). */
	spin_lock_irqsave(&vmap_purge_lock, flags);
	list_for_each_entry(lazy, &vmap_purge_list, list) {
		if (lazy->va_start == a) {
			printk(KERN_ERR "%s: 0x%lx was already freed: double free of a %s area allocated by 0x%lx\n",
			       who, a, vm_type_name(lazy->freed_flags),
			       (unsigned long)lazy->freed_caller);
			break;
		}
	}
	spin_unlock_irqrestore(&vmap_purge_lock, flags);
	return NULL;
}

static inline unsigned long pages_array_size(unsigned int n)
{
	return (unsigned long)n * sizeof(struct page *);
}

/*
 * Unmap a claimed area, move it to the purge list (purging if that makes
 * the list too long), then free what it owned: its pages if it is a
 * vmalloc area, its page array, its vm_struct.
 */
static void release_area(struct vmap_area *va)
{
	struct vm_struct *vm = va->vm;
	unsigned long flags, flags2;
	unsigned int i;

	clear_ptes(va->va_start, va_size(va) - PAGE_SIZE);

	spin_lock_irqsave(&vmap_purge_lock, flags);
	spin_lock_irqsave(&vmap_area_lock, flags2);
	busy_erase(va);
	if (vm->flags & VM_ALLOC)
		nr_vmalloc_pages -= vm->nr_pages;
	va->freed_caller = vm->caller;
	va->freed_flags = vm->flags & VM_TYPE_MASK;
	list_add_tail(&va->list, &vmap_purge_list);
	nr_lazy_areas++;
	nr_lazy_pages += va_size(va) >> PAGE_SHIFT;
	spin_unlock_irqrestore(&vmap_area_lock, flags2);
	if (purge_due())
		__purge_vmap_area_lazy();
	spin_unlock_irqrestore(&vmap_purge_lock, flags);

	if (vm->flags & VM_ALLOC) {
		mod_vmalloc_pages(-(long)vm->nr_pages);
		for (i = 0; i < vm->nr_pages; i++)
			__free_page(vm->pages[i]);
		meta_free(vm->pages, pages_array_size(vm->nr_pages));
	}
	meta_free(vm, sizeof(*vm));
}

/* ---- vmalloc ---- */

/*
 * __vmalloc_node - see vmalloc.h.  The pages are allocated one by one;
 * any failure gives back everything taken so far.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp,
		     int nid, const void *caller)
{
	struct vm_struct *vm;
	struct page **pages;
	unsigned long n, i;

	if (!size || size > VMALLOC_TOTAL) {
		vm_alloc_failed(size, gfp, "invalid size");
		return NULL;
	}
	n = ALIGN(size, PAGE_SIZE) >> PAGE_SHIFT;
	if (n > UINT_MAX || n > totalram_pages()) {
		vm_alloc_failed(size, gfp, "exceeds total pages");
		return NULL;
	}
	vm = get_vm_area(size, align, VM_ALLOC, gfp, caller);
	if (!vm)
		return NULL;
	pages = meta_alloc(pages_array_size(n));
	if (!pages) {
		put_vm_area_now(vm);
		vm_alloc_failed(size, gfp, "no memory for the page array");
		return NULL;
	}
	for (i = 0; i < n; i++) {
		pages[i] = vm_alloc_pages(nid, gfp & ~__GFP_COMP, 0);
		if (!pages[i])
			break;
	}
	if (i < n || map_pages((unsigned long)vm->addr, pages, n, PAGE_KERNEL)) {
		const char *why = i < n ? "out of pages" : "out of page-table pages";

		while (i-- > 0)
			__free_page(pages[i]);
		meta_free(pages, pages_array_size(n));
		put_vm_area_now(vm);
		vm_alloc_failed(size, gfp, why);
		return NULL;
	}
	vm->pages = pages;
	vm_area_ready(vm, n);
	return vm->addr;
}

/* vmalloc - see vmalloc.h; returns the address or NULL. */
void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, NUMA_NO_NODE,
			      __builtin_return_address(0));
}

/* vzalloc - zeroed vmalloc(); the address or NULL. */
void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO,
			      NUMA_NO_NODE, __builtin_return_address(0));
}

/* vmalloc_node - vmalloc() with pages from node @nid; address or NULL. */
void *vmalloc_node(unsigned long size, int nid)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, nid,
			      __builtin_return_address(0));
}

/* vzalloc_node - vzalloc() with pages from node @nid; address or NULL. */
void *vzalloc_node(unsigned long size, int nid)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO, nid,
			      __builtin_return_address(0));
}

/* __vmalloc - vmalloc() with @gfp for the pages; address or NULL. */
void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return __vmalloc_node(size, PAGE_SIZE, gfp, NUMA_NO_NODE,
			      __builtin_return_address(0));
}

/* vfree - see vmalloc.h.  Bad addresses are reported and ignored. */
void vfree(const void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = claim_area(addr, "vfree", VM_ALLOC, false);
	if (va)
		release_area(va);
}

/* ---- vmap and ioremap ---- */

/* vmap - see vmalloc.h; the address or NULL. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   unsigned int prot)
{
	struct vm_struct *vm;

	if (!count || !pages || !(prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
		vm_alloc_failed(0, GFP_KERNEL, "vmap of nothing");
		return NULL;
	}
	vm = get_vm_area((unsigned long)count << PAGE_SHIFT, PAGE_SIZE, VM_MAP,
			 GFP_KERNEL, __builtin_return_address(0));
	if (!vm)
		return NULL;
	if (map_pages((unsigned long)vm->addr, pages, count, prot)) {
		put_vm_area_now(vm);
		vm_alloc_failed((unsigned long)count << PAGE_SHIFT, GFP_KERNEL,
				"out of page-table pages");
		return NULL;
	}
	vm_area_ready(vm, count);
	return vm->addr;
}

/* vunmap - undo vmap(); the pages stay the caller's.  Bad: reported. */
void vunmap(const void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = claim_area(addr, "vunmap", VM_MAP, false);
	if (va)
		release_area(va);
}

/* ioremap - see vmalloc.h; the address of @phys or NULL. */
void *ioremap(phys_addr_t phys, unsigned long size)
{
	phys_addr_t base = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	unsigned long offset = (unsigned long)(phys - base);
	unsigned long len, flags;
	struct vm_struct *vm;
	int err;

	if (!size || phys + size < phys) {
		vm_alloc_failed(size, GFP_KERNEL, "invalid ioremap range");
		return NULL;
	}
	len = ALIGN(size + offset, PAGE_SIZE);
	vm = get_vm_area(len, PAGE_SIZE, VM_IOREMAP, GFP_KERNEL,
			 __builtin_return_address(0));
	if (!vm)
		return NULL;
	vm->phys_addr = base;
	spin_lock_irqsave(&vmap_pgtable_lock, flags);
	err = pgtable_map(kernel_pgd, (unsigned long)vm->addr, base, len,
			  PAGE_KERNEL_IO, PGTABLE_MAP_4K);
	if (err)
		pgtable_unmap(kernel_pgd, (unsigned long)vm->addr, len);
	arch_sync_kernel_mappings((unsigned long)vm->addr,
				  (unsigned long)vm->addr + len);
	spin_unlock_irqrestore(&vmap_pgtable_lock, flags);
	if (err) {
		put_vm_area_now(vm);
		vm_alloc_failed(size, GFP_KERNEL, err == -ENOMEM ? "out of page-table pages"
							: "physical range cannot be mapped");
		return NULL;
	}
	vm_area_ready(vm, 0);
	return (char *)vm->addr + offset;
}

/* iounmap - undo ioremap(); any address in its first page.  Bad: reported. */
void iounmap(const volatile void *addr)
{
	struct vmap_area *va;

	if (!addr)
		return;
	va = claim_area((const void *)addr, "iounmap", VM_IOREMAP, true);
	if (va)
		release_area(va);
}

/* ---- lookups ---- */

/* vmalloc_to_page - the page mapped at @addr, NULL if none (or MMIO). */
struct page *vmalloc_to_page(const void *addr)
{
	phys_addr_t pa;

	if (!kernel_pgd ||
	    !pgtable_translate(kernel_pgd, (unsigned long)addr, &pa, NULL) ||
	    !pfn_valid(PHYS_PFN(pa)))
		return NULL;
	return pfn_to_page(PHYS_PFN(pa));
}

/* vmalloc_to_pfn - the pfn mapped at @addr, 0 if nothing is mapped. */
unsigned long vmalloc_to_pfn(const void *addr)
{
	phys_addr_t pa;

	if (!kernel_pgd ||
	    !pgtable_translate(kernel_pgd, (unsigned long)addr, &pa, NULL))
		return 0;
	return PHYS_PFN(pa);
}

/* find_vm_area - the live area starting in @addr's page, or NULL. */
struct vm_struct *find_vm_area(const void *addr)
{
	unsigned long a = ALIGN_DOWN((unsigned long)addr, PAGE_SIZE), flags;
	struct vmap_area *va;
	struct vm_struct *vm = NULL;

	spin_lock_irqsave(&vmap_area_lock, flags);
	va = find_vmap_area_locked(a);
	if (va && va->va_start == a)
		vm = va->vm;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return vm;
}

/* ---- boot and counters ---- */

/* vmalloc_init - one free block covering the range; 0 or -ENOMEM. */
int vmalloc_init(void)
{
	struct vmap_area *va;

	vmalloc_ready = false;
	vmap_area_root = RB_ROOT;
	free_vmap_area_root = RB_ROOT;
	INIT_LIST_HEAD(&vmap_purge_list);
	nr_busy_areas = nr_free_blocks = busy_bytes = nr_vmalloc_pages = 0;
	nr_lazy_areas = nr_lazy_pages = 0;
	nr_purges = nr_purged_areas = nr_lazy_flushes = 0;
	nr_alloc_failures = 0;
	fail_after = fail_count = 0;
	spin_lock_init(&vmap_purge_lock);
	spin_lock_init(&vmap_pgtable_lock);
	spin_lock_init(&vmap_area_lock);
	spin_lock_init(&vmap_meta_lock);
	meta_reset();

	va = va_alloc();
	if (!va) {
		pr_err("no memory for the first vmap_area\n");
		return -ENOMEM;
	}
	va->va_start = VMALLOC_START;
	va->va_end = VMALLOC_END;
	free_block_insert(va);
	vmalloc_ready = true;
	pr_info("0x%016lx-0x%016lx (%lu GiB), guard page after every area, lazy purge after %lu MiB or %lu areas\n",
		(unsigned long)VMALLOC_START, (unsigned long)VMALLOC_END,
		(unsigned long)(VMALLOC_TOTAL >> 30),
		vmap_lazy_max_pages >> (20 - PAGE_SHIFT), vmap_lazy_max_areas);
	return 0;
}

/* vmalloc_initialized - true once vmalloc_init() succeeded. */
bool vmalloc_initialized(void)
{
	return READ_ONCE(vmalloc_ready);
}

/* vmalloc_nr_pages - pages owned by live vmalloc() areas (VmallocUsed). */
unsigned long vmalloc_nr_pages(void)
{
	return READ_ONCE(nr_vmalloc_pages);
}

/* vmalloc_get_stats - fill @st consistently (both locks held). */
void vmalloc_get_stats(struct vmalloc_stats *st)
{
	unsigned long flags, flags2, flags3;

	spin_lock_irqsave(&vmap_purge_lock, flags);
	spin_lock_irqsave(&vmap_area_lock, flags2);
	st->nr_busy = nr_busy_areas;
	st->nr_free = nr_free_blocks;
	st->used_bytes = busy_bytes;
	st->nr_lazy = nr_lazy_areas;
	st->lazy_pages = nr_lazy_pages;
	st->purges = nr_purges;
	st->purged_areas = nr_purged_areas;
	st->lazy_flushes = nr_lazy_flushes;
	spin_lock_irqsave(&vmap_meta_lock, flags3);
	st->meta_pages = nr_meta_pages;
	spin_unlock_irqrestore(&vmap_meta_lock, flags3);
	spin_unlock_irqrestore(&vmap_area_lock, flags2);
	spin_unlock_irqrestore(&vmap_purge_lock, flags);
	st->alloc_failures = READ_ONCE(nr_alloc_failures);
}

/* ---- reports ---- */

/* One /proc/vmallocinfo line for a live area (Linux's s_show()). */
static void show_vm_area(const struct vmap_area *va)
{
	const struct vm_struct *vm = va->vm;
	char line[160];
	int len;

	len = scnprintf(line, sizeof(line), "0x%016lx-0x%016lx %7lu 0x%lx",
			va->va_start, va->va_end, va_size(va),
			(unsigned long)vm->caller);
	if (vm->nr_pages)
		len += scnprintf(line + len, sizeof(line) - len, " pages=%u",
				 vm->nr_pages);
	if (vm->phys_addr)
		len += scnprintf(line + len, sizeof(line) - len, " phys=0x%016llx",
				 (unsigned long long)vm->phys_addr);
	if (vm->flags & VM_IOREMAP)
		len += scnprintf(line + len, sizeof(line) - len, " ioremap");
	if (vm->flags & VM_ALLOC)
		len += scnprintf(line + len, sizeof(line) - len, " vmalloc");
	if (vm->flags & VM_MAP)
		len += scnprintf(line + len, sizeof(line) - len, " vmap");
	printk("%s\n", line);
}

/* vmallocinfo_show - /proc/vmallocinfo (see vmalloc.h). */
void vmallocinfo_show(void)
{
	struct vmap_area *va;
	struct rb_node *n;
	unsigned long flags, flags2;

	spin_lock_irqsave(&vmap_purge_lock, flags);
	spin_lock_irqsave(&vmap_area_lock, flags2);
	for (n = rb_first(&vmap_area_root); n; n = rb_next(n)) {
		va = va_of(n);
		if (va->vm->flags & VM_UNINITIALIZED)
			continue;	/* Linux hides areas being set up */
		show_vm_area(va);
	}
	list_for_each_entry(va, &vmap_purge_list, list)
		printk("0x%016lx-0x%016lx %7lu unpurged vm_area\n",
		       va->va_start, va->va_end, va_size(va));
	spin_unlock_irqrestore(&vmap_area_lock, flags2);
	spin_unlock_irqrestore(&vmap_purge_lock, flags);
}

static void describe_area(const char *what, const struct vmap_area *va)
{
	if (!va) {
		pr_alert("  %s: none (%s of the vmalloc space)\n", what,
			 what[0] == 'b' ? "start" : "end");
		return;
	}
	pr_alert("  %s: 0x%016lx-0x%016lx %lu bytes %s, caller 0x%lx\n", what,
		 va->va_start, va->va_end, va_size(va),
		 vm_type_name(va->vm->flags), (unsigned long)va->vm->caller);
}

/*
 * vmalloc_report_fault - explain a fault at @addr (pc @pc) in vmalloc
 * space; see vmalloc.h.  Reads the trees without locks.
 */
void vmalloc_report_fault(unsigned long addr, unsigned long pc)
{
	struct vmap_area *va, *below, *above;
	unsigned long page = ALIGN_DOWN(addr, PAGE_SIZE);

	pr_alert("BUG: unable to handle kernel access to vmalloc address 0x%016lx at pc 0x%lx\n",
		 addr, pc);
	if (!is_vmalloc_addr((void *)addr)) {
		pr_alert("  0x%016lx is outside the vmalloc space 0x%016lx-0x%016lx\n",
			 addr, (unsigned long)VMALLOC_START,
			 (unsigned long)VMALLOC_END);
		return;
	}
	if (!vmalloc_ready) {
		pr_alert("  vmalloc is not initialised\n");
		return;
	}
	if (spin_is_locked(&vmap_area_lock) || spin_is_locked(&vmap_purge_lock))
		pr_alert("  (vmalloc locks are held: what follows may be out of date)\n");

	va = find_vmap_area_locked(addr);
	if (va) {
		const struct vm_struct *vm = va->vm;

		if (page == va->va_end - PAGE_SIZE)
			pr_alert("  0x%016lx is in the guard page of 0x%016lx-0x%016lx (%lu bytes %s, caller 0x%lx): access beyond its end, at offset 0x%lx of %lu usable bytes\n",
				 addr, va->va_start, va->va_end, va_size(va),
				 vm_type_name(vm->flags), (unsigned long)vm->caller,
				 addr - va->va_start, va_size(va) - PAGE_SIZE);
		else
			pr_alert("  0x%016lx is at offset 0x%lx of live area 0x%016lx-0x%016lx (%lu bytes %s, caller 0x%lx)%s\n",
				 addr, addr - va->va_start, va->va_start, va->va_end,
				 va_size(va), vm_type_name(vm->flags),
				 (unsigned long)vm->caller,
				 (vm->flags & VM_FREEING) ? ", being freed" :
				 (vm->flags & VM_UNINITIALIZED) ? ", not mapped yet" :
				 pgtable_translate(kernel_pgd, addr, NULL, NULL) ?
				 ", mapped: a permission fault" : ", not mapped");
		return;
	}

	list_for_each_entry(va, &vmap_purge_list, list) {
		if (addr >= va->va_start && addr < va->va_end) {
			pr_alert("  0x%016lx is at offset 0x%lx of freed area 0x%016lx-0x%016lx (%lu bytes %s, caller 0x%lx), waiting for the lazy TLB purge: use after free\n",
				 addr, addr - va->va_start, va->va_start,
				 va->va_end, va_size(va),
				 vm_type_name(va->freed_flags),
				 (unsigned long)va->freed_caller);
			return;
		}
	}

	busy_neighbours(addr, &below, &above);
	pr_alert("  0x%016lx is in unallocated vmalloc space (never allocated, or freed and purged), between\n",
		 addr);
	describe_area("below", below);
	describe_area("above", above);
}

/* ---- checker ---- */

static bool va_less(const struct rb_node *a, const struct rb_node *b)
{
	return va_of(a)->va_start < va_of(b)->va_start;
}

static bool free_va_aug_ok(const struct rb_node *n)
{
	return va_of(n)->subtree_max_size == compute_subtree_max(n);
}

#define VCHECK(cond, fmt, ...)						\
	do {								\
		if (!(cond)) {						\
			pr_err("check: " fmt "\n", ##__VA_ARGS__);	\
			err = -EINVAL;					\
			goto out;					\
		}							\
	} while (0)

/* Does [s, e) overlap anything in @root (ordered by va_start)? */
static struct vmap_area *tree_overlap(const struct rb_root *root,
				      unsigned long s, unsigned long e)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct vmap_area *va = va_of(n);

		if (e <= va->va_start)
			n = n->rb_left;
		else if (s >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* vmalloc_check - prove the invariants (see vmalloc.h); 0 or -EINVAL. */
int vmalloc_check(void)
{
	struct rb_node *bn, *fn;
	struct vmap_area *va, *va2, *prev = NULL;
	unsigned long flags, flags2;
	unsigned long covered = 0, pages = 0, bytes = 0, lazy_pages = 0;
	unsigned long nlazy = 0;
	long nb, nf;
	int err = 0;

	mm_check_count(MM_CHECK_VMALLOC);
	if (!vmalloc_ready)
		return 0;
	spin_lock_irqsave(&vmap_purge_lock, flags);
	spin_lock_irqsave(&vmap_area_lock, flags2);

	nb = rb_check(&vmap_area_root, "vmalloc busy", va_less, NULL);
	nf = rb_check(&free_vmap_area_root, "vmalloc free", va_less, free_va_aug_ok);
	VCHECK(nb >= 0 && nf >= 0, "a tree is broken (see above)");
	VCHECK((unsigned long)nb == nr_busy_areas, "busy tree has %ld areas, counter says %lu",
	       nb, nr_busy_areas);
	VCHECK((unsigned long)nf == nr_free_blocks, "free tree has %ld blocks, counter says %lu",
	       nf, nr_free_blocks);

	/* Busy and free together, in address order: disjoint, in range. */
	bn = rb_first(&vmap_area_root);
	fn = rb_first(&free_vmap_area_root);
	while (bn || fn) {
		bool busy = bn && (!fn || va_of(bn)->va_start < va_of(fn)->va_start);

		va = busy ? va_of(bn) : va_of(fn);
		VCHECK(va->va_start < va->va_end &&
		       IS_ALIGNED(va->va_start | va->va_end, PAGE_SIZE),
		       "%s 0x%016lx-0x%016lx is empty or not page aligned",
		       busy ? "area" : "free block", va->va_start, va->va_end);
		VCHECK(va->va_start >= VMALLOC_START && va->va_end <= VMALLOC_END,
		       "0x%016lx-0x%016lx is outside the vmalloc space",
		       va->va_start, va->va_end);
		VCHECK(!prev || prev->va_end <= va->va_start,
		       "0x%016lx-0x%016lx overlaps 0x%016lx-0x%016lx",
		       prev->va_start, prev->va_end, va->va_start, va->va_end);
		covered += va_size(va);
		if (busy) {
			const struct vm_struct *vm = va->vm;

			VCHECK(vm && (unsigned long)vm->addr == va->va_start &&
			       vm->size == va_size(va),
			       "area 0x%016lx-0x%016lx and its vm_struct disagree",
			       va->va_start, va->va_end);
			VCHECK(is_power_of_2(vm->flags & VM_TYPE_MASK),
			       "area 0x%016lx has flags 0x%lx", va->va_start, vm->flags);
			VCHECK(vm->nr_pages <= (vm->size >> PAGE_SHIFT) - 1,
			       "area 0x%016lx: %u pages in %lu bytes",
			       va->va_start, vm->nr_pages, vm->size);
			VCHECK(!(vm->flags & VM_ALLOC) || vm->nr_pages == 0 ||
			       vm->nr_pages == (vm->size >> PAGE_SHIFT) - 1,
			       "vmalloc area 0x%016lx: %u pages for %lu bytes",
			       va->va_start, vm->nr_pages, vm->size);
			if (vm->flags & VM_ALLOC)
				pages += vm->nr_pages;
			bytes += va_size(va);
			bn = rb_next(bn);
		} else {
			struct rb_node *next = rb_next(fn);

			VCHECK(!next || va->va_end < va_of(next)->va_start,
			       "free blocks 0x%016lx-0x%016lx and 0x%016lx-0x%016lx touch: not merged",
			       va->va_start, va->va_end, va_of(next)->va_start,
			       va_of(next)->va_end);
			fn = next;
		}
		prev = va;
	}

	/* Lazy ranges: in range, overlapping nothing. */
	list_for_each_entry(va, &vmap_purge_list, list) {
		VCHECK(va->va_start < va->va_end &&
		       va->va_start >= VMALLOC_START && va->va_end <= VMALLOC_END &&
		       IS_ALIGNED(va->va_start | va->va_end, PAGE_SIZE),
		       "lazy 0x%016lx-0x%016lx is bad", va->va_start, va->va_end);
		va2 = tree_overlap(&vmap_area_root, va->va_start, va->va_end);
		VCHECK(!va2, "lazy 0x%016lx-0x%016lx overlaps area 0x%016lx-0x%016lx",
		       va->va_start, va->va_end, va2->va_start, va2->va_end);
		va2 = tree_overlap(&free_vmap_area_root, va->va_start, va->va_end);
		VCHECK(!va2, "lazy 0x%016lx-0x%016lx overlaps free 0x%016lx-0x%016lx",
		       va->va_start, va->va_end, va2->va_start, va2->va_end);
		for (va2 = list_next_entry(va, list); &va2->list != &vmap_purge_list;
		     va2 = list_next_entry(va2, list))
			VCHECK(va->va_end <= va2->va_start || va2->va_end <= va->va_start,
			       "lazy 0x%016lx-0x%016lx overlaps lazy 0x%016lx-0x%016lx",
			       va->va_start, va->va_end, va2->va_start, va2->va_end);
		covered += va_size(va);
		lazy_pages += va_size(va) >> PAGE_SHIFT;
		nlazy++;
	}

	VCHECK(covered == VMALLOC_TOTAL,
	       "busy + free + lazy cover 0x%lx bytes, the space is 0x%lx",
	       covered, (unsigned long)VMALLOC_TOTAL);
	VCHECK(nlazy == nr_lazy_areas && lazy_pages == nr_lazy_pages,
	       "purge list has %lu areas / %lu pages, counters say %lu / %lu",
	       nlazy, lazy_pages, nr_lazy_areas, nr_lazy_pages);
	VCHECK(pages == nr_vmalloc_pages, "areas own %lu pages, counter says %lu",
	       pages, nr_vmalloc_pages);
	VCHECK(bytes == busy_bytes, "areas span %lu bytes, counter says %lu",
	       bytes, busy_bytes);
out:
	spin_unlock_irqrestore(&vmap_area_lock, flags2);
	spin_unlock_irqrestore(&vmap_purge_lock, flags);
	return err;
}
