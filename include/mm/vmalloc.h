/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmalloc: virtually contiguous kernel memory built from single pages, and
 * the other users of the same virtual space (vmap of given pages, ioremap
 * of device memory).  Linux's names and meanings (include/linux/vmalloc.h).
 *
 *   VMALLOC_START                                            VMALLOC_END
 *   |[area A ][g]    free     [area B     ][g][lazy  ][g]    free       |
 *              ^ unmapped guard page: part of each area's size
 *
 * Every area is followed by one unmapped guard page, counted in its size
 * (vm_struct.size and the vmallocinfo size include it, as in Linux), so an
 * overrun faults instead of running into the next area.  A freed area is
 * unmapped at once but its virtual range stays "lazy" until a batched TLB
 * flush (see mm/vmalloc.c); only then can it be handed out again.
 *
 * Allocation never panics and never sleeps: on failure it returns NULL,
 * leaves every counter as it was, counts the failure and (unless
 * __GFP_NOWARN) prints a rate-limited warning.
 */
#ifndef _MM_VMALLOC_H
#define _MM_VMALLOC_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/rbtree.h>
#include <mm/page.h>
#include <asm/memlayout.h>

/* vm_struct.flags: what made the area (Linux's values). */
#define VM_IOREMAP	0x00000001	/* ioremap(): device memory */
#define VM_ALLOC	0x00000002	/* vmalloc(): pages owned by the area */
#define VM_MAP		0x00000004	/* vmap(): pages owned by the caller */

/*
 * A mapped area, as Linux's vm_struct.  @size includes the guard page;
 * @addr is page aligned.  For VM_ALLOC, @pages holds the @nr_pages pages
 * in address order; vmap and ioremap areas keep no page array.
 */
struct vm_struct {
	void *addr;
	unsigned long size;
	unsigned long flags;
	struct page **pages;
	unsigned int nr_pages;
	phys_addr_t phys_addr;		/* ioremap: first mapped byte's page */
	const void *caller;		/* return address of the allocator */
};

/*
 * A range of vmalloc virtual space, [va_start, va_end).  Each one is in
 * exactly one place: the busy tree (with its vm_struct), the free tree
 * (with the largest free size in its subtree), or the lazy-purge list
 * (remembering who had allocated it, for fault reports).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct rb_node rb_node;		/* busy or free tree, by va_start */
	struct list_head list;		/* lazy-purge list */
	union {
		unsigned long subtree_max_size;	/* free tree */
		struct vm_struct *vm;		/* busy tree */
		const void *freed_caller;	/* purge list */
	};
	unsigned long freed_flags;	/* purge list: vm->flags it had */
};

/* ---- allocation ---- */

/*
 * vmalloc - @size bytes (rounded up to pages) of virtually contiguous,
 * page-aligned memory, from order-0 pages mapped PAGE_KERNEL.  Returns
 * the address or NULL (size 0, no virtual space, or no pages).
 */
void *vmalloc(unsigned long size);
/* vzalloc - vmalloc() of zeroed memory. */
void *vzalloc(unsigned long size);
/* vmalloc_node / vzalloc_node - pages preferably from NUMA node @nid. */
void *vmalloc_node(unsigned long size, int nid);
void *vzalloc_node(unsigned long size, int nid);
/* __vmalloc - vmalloc() with the page allocator's flags @gfp. */
void *__vmalloc(unsigned long size, gfp_t gfp);
/*
 * __vmalloc_node - the general form: the area starts at a multiple of
 * @align (a power of two; less than a page means a page), pages come
 * from node @nid (NUMA_NO_NODE: any) with @gfp, @caller is recorded for
 * vmallocinfo.  Returns the address or NULL.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp,
		     int nid, const void *caller);

/*
 * vfree - free memory from vmalloc(); NULL is ignored.  Anything that is
 * not the start of a live vmalloc area is reported ("vfree: bad address
 * 0x...") and left alone.  Never fails otherwise.
 */
void vfree(const void *addr);

/*
 * vmap - map @count pages (the caller keeps owning them) at consecutive
 * addresses with PROT_* @prot; @flags is VM_MAP (the area is always
 * recorded as one).  Returns the address or NULL.  vunmap() removes the
 * mapping and leaves the pages alone.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   unsigned int prot);
void vunmap(const void *addr);

/*
 * ioremap - map the device memory [@phys, @phys + @size) PAGE_KERNEL_IO.
 * The offset of @phys in its page is kept: the result points at @phys
 * itself.  Returns NULL on failure or for @size 0.  iounmap() takes the
 * value ioremap() returned (any address inside the first page works).
 */
void *ioremap(phys_addr_t phys, unsigned long size);
void iounmap(const volatile void *addr);

/* ---- lookups ---- */

/* True if @addr lies in [VMALLOC_START, VMALLOC_END). */
static inline bool is_vmalloc_addr(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/*
 * vmalloc_to_page - the page mapped at vmalloc/vmap address @addr (from
 * the kernel page tables), NULL if none is mapped there.
 */
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

/*
 * find_vm_area - the live area that starts at @addr (its first page; an
 * offset inside that page is allowed), NULL if there is none.  The result
 * is valid only until the area is freed.
 */
struct vm_struct *find_vm_area(const void *addr);

/* ---- lazy purge ---- */

/*
 * vm_unmap_aliases - end every lazy area now: one TLB flush for the lot,
 * then their ranges become free space again.  Tests call it to get exact
 * placement; the allocator calls it itself when space runs out.
 */
void vm_unmap_aliases(void);

/* Lazy areas are purged when they hold more pages, or more areas, than: */
extern unsigned long vmap_lazy_max_pages;	/* default 32 MiB worth */
extern unsigned long vmap_lazy_max_areas;	/* default 64 */

/* ---- boot, reports, checks ---- */

/*
 * vmalloc_init - the whole of [VMALLOC_START, VMALLOC_END) becomes one
 * free block.  Needs the page allocator (for the allocator's own
 * bookkeeping) and kernel_pgd.  Host tests call it again for each fresh
 * machine: it forgets all earlier state without freeing anything.
 * Returns 0 or -ENOMEM.
 */
int vmalloc_init(void);
bool vmalloc_initialized(void);

/* VmallocTotal: bytes of vmalloc space. */
#define VMALLOC_TOTAL	(VMALLOC_END - VMALLOC_START)

/* VmallocUsed: pages currently owned by vmalloc() areas. */
unsigned long vmalloc_nr_pages(void);

struct vmalloc_stats {
	unsigned long nr_busy;		/* live areas */
	unsigned long nr_free;		/* free-tree blocks */
	unsigned long nr_lazy;		/* areas waiting for the purge */
	unsigned long lazy_pages;	/* pages of virtual space they hold */
	unsigned long purges;		/* batches purged since boot */
	unsigned long purged_areas;	/* areas purged since boot */
	unsigned long lazy_flushes;	/* TLB flushes issued by purges */
	unsigned long alloc_failures;	/* requests that returned NULL */
	unsigned long meta_pages;	/* pages holding areas and page arrays */
	unsigned long used_bytes;	/* sum of busy area sizes (guards too) */
};

/* Snapshot of the counters, taken under the locks. */
void vmalloc_get_stats(struct vmalloc_stats *st);

/*
 * vmallocinfo_show - Linux's /proc/vmallocinfo, one line per area in
 * address order, then the lazy ones:
 *
 *   0xffffffc800000000-0xffffffc800003000   12288 0xffffffff80203a1c pages=2 vmalloc
 *   0xffffffc800003000-0xffffffc800005000    8192 0xffffffff80204410 phys=0x0000000010000000 ioremap
 *   0xffffffc800005000-0xffffffc800007000    8192 unpurged vm_area
 *
 * (size includes the guard page; the caller is an address: there is no
 * symbol table).
 */
void vmallocinfo_show(void);

/*
 * vmalloc_report_fault - explain a fault at vmalloc address @addr taken
 * at @pc: which area's guard page it hit, or that the area was freed
 * (lazily or already purged), or which two areas the address lies
 * between.  Prints only; the arch trap handler panics afterwards.  Takes
 * no locks (it runs on the way to a panic) and says so if a lock was held.
 */
void vmalloc_report_fault(unsigned long addr, unsigned long pc);

/*
 * vmalloc_check - prove the allocator's invariants: both trees are valid
 * red-black trees in address order, every free node's subtree_max_size is
 * right, free blocks neither overlap nor touch (they would have merged),
 * busy areas and lazy ranges overlap nothing, busy + free + lazy cover
 * [VMALLOC_START, VMALLOC_END) exactly, and the page and area counters
 * match.  Returns 0, or prints the first violation and returns -EINVAL.
 */
int vmalloc_check(void);

/*
 * Fault injection for tests: make the page allocations (data pages, page
 * arrays, bookkeeping) of vmalloc fail from the @n-th one on (counting
 * from 1); 0 turns it off.
 */
void vmalloc_fail_alloc_after(unsigned long n);

/* ---- arch hook ---- */

/*
 * arch_sync_kernel_mappings - kernel page-table entries in [@start, @end)
 * of the vmalloc range changed (mapped or unmapped).  Called after every
 * change, before the range is used or reused, with vmalloc's page-table
 * lock held (the tables hold still; the hook must not call back into
 * vmalloc, allocate or sleep).  Unmapping does not flush the TLB: the
 * lazy purge does, later.
 *
 *   x86-64   nothing: the hardware walks the same tables and never caches
 *            a not-present entry
 *   RISC-V   without Svvptc an invalid entry may be cached, so after a
 *            mapping either flush [@start, @end) here, or treat a kernel
 *            fault on an address pgtable_translate() finds mapped as
 *            spurious (sfence.vma, retry) before vmalloc_report_fault()
 *   host     copies the mappings into the test program's own address
 *            space, so tests really touch the memory
 */
void arch_sync_kernel_mappings(unsigned long start, unsigned long end);

#endif /* _MM_VMALLOC_H */
