// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmalloc tests that run anywhere: on the host (a fresh fake machine per
 * case, built by tests/host/vmalloc_host_test.c, where the host "MMU"
 * makes vmalloc memory really accessible) and inside the kernel (on the
 * live allocator).  So they only allocate, use and free, and prove that
 * every count is back where it was:
 *
 *   - init purges the lazy areas, drains the per-CPU page lists and
 *     records the free pages, the allocator's counters and its
 *     bookkeeping pages; exit does the same and expects equal numbers.
 *     Free pages + bookkeeping pages must match exactly; on a fresh
 *     machine each must match on its own (elsewhere the pool's objects
 *     may end up spread over a different number of pages);
 *   - vmalloc_check() runs after every step.
 *
 * Placement here is checked by what first fit implies on any space (the
 * one-page holes case) and, on the host's empty one, at exact addresses.
 * Tests that need an empty space throughout, fault reports, the log, and
 * more memory than a small QEMU machine has live in
 * tests/host/vmalloc_host_test.c; 15 000 live areas run here and skip on
 * a machine without the memory for them.
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/vmalloc.h>
#include <asm/cpu.h>

/*
 * Set by the host harness to build a fresh machine before each case and
 * tear it down after; NULL in the kernel, which tests the live allocator.
 */
void (*vmalloc_test_machine_setup)(void);
void (*vmalloc_test_machine_teardown)(void);

struct vt_snapshot {
	unsigned long free_pages;
	unsigned long vmalloc_pages;
	struct vmalloc_stats st;
};

static struct vt_snapshot vt_start;
static unsigned long vt_saved_max_pages, vt_saved_max_areas;
static u64 vt_rng;

static void vt_snap(struct vt_snapshot *s)
{
	vm_unmap_aliases();
	drain_all_pages(NULL);
	s->free_pages = nr_free_pages();
	s->vmalloc_pages = vmalloc_nr_pages();
	vmalloc_get_stats(&s->st);
}

/*
 * An area the case needs did not come (under failure injection any
 * allocation may fail): free the @n areas taken so far, so that the case
 * stops with nothing lost.  The caller's KT_ASSERT then ends it.
 */
static void vt_drop(void **p, size_t n)
{
	while (n)
		vfree(p[--n]);
}

/* The same for @n pages of vmap()'s caller. */
static void vt_drop_pages(struct page **pages, size_t n)
{
	while (n)
		__free_page(pages[--n]);
}

static u32 vt_rand(void)
{
	vt_rng ^= vt_rng >> 12;
	vt_rng ^= vt_rng << 25;
	vt_rng ^= vt_rng >> 27;
	return (u32)((vt_rng * 0x2545f4914f6cdd1dULL) >> 32);
}

#define VCHECK(t)	KT_EXPECT_SEQ(t, vmalloc_check(), 0)

static void vmalloc_test_init(struct ktest_ctx *t)
{
	if (vmalloc_test_machine_setup)
		vmalloc_test_machine_setup();
	if (!vmalloc_initialized() || !kernel_pgd) {
		t->skip = "vmalloc is not initialised";
		return;
	}
	vt_saved_max_pages = vmap_lazy_max_pages;
	vt_saved_max_areas = vmap_lazy_max_areas;
	vt_rng = 0x5eed1234abcdULL;
	vt_snap(&vt_start);
	VCHECK(t);
}

static void vmalloc_test_exit(struct ktest_ctx *t)
{
	struct vt_snapshot end;

	if (t->skip)
		goto out;
	vmalloc_fail_alloc_after(0);
	vmap_lazy_max_pages = vt_saved_max_pages;
	vmap_lazy_max_areas = vt_saved_max_areas;
	vt_snap(&end);
	KT_EXPECT_EQ(t, end.st.nr_busy, vt_start.st.nr_busy);
	KT_EXPECT_EQ(t, end.st.nr_free, vt_start.st.nr_free);
	KT_EXPECT_EQ(t, end.st.used_bytes, vt_start.st.used_bytes);
	KT_EXPECT_EQ(t, end.st.nr_lazy, 0);
	KT_EXPECT_EQ(t, end.vmalloc_pages, vt_start.vmalloc_pages);
	KT_EXPECT_EQ(t, end.free_pages + end.st.meta_pages,
		     vt_start.free_pages + vt_start.st.meta_pages);
	if (vmalloc_test_machine_setup) {
		KT_EXPECT_EQ(t, end.free_pages, vt_start.free_pages);
		KT_EXPECT_EQ(t, end.st.meta_pages, vt_start.st.meta_pages);
	}
	VCHECK(t);
out:
	if (vmalloc_test_machine_teardown)
		vmalloc_test_machine_teardown();
}

KTEST_SUITE(vmalloc, vmalloc_test_init, vmalloc_test_exit);

/* A byte pattern that differs per address and per round. */
static inline u8 vt_byte(const void *p, unsigned int round)
{
	unsigned long a = (unsigned long)p;

	return (u8)((a >> 12) * 31 + (a & 0xfff) / 8 + round * 7);
}

/* The pattern in every 8th byte of [p, p + size), 0x5a in the last. */
static void vt_fill(u8 *p, unsigned long size, unsigned int round)
{
	for (unsigned long i = 0; i + 1 < size; i += 8)
		p[i] = vt_byte(p + i, round);
	p[size - 1] = 0x5a;
}

static bool vt_verify(const u8 *p, unsigned long size, unsigned int round)
{
	for (unsigned long i = 0; i + 1 < size; i += 8)
		if (p[i] != vt_byte(p + i, round))
			return false;
	return p[size - 1] == 0x5a;
}

/* The area's pages are distinct, mapped, and seen the same through the
 * linear map; nothing is mapped at the guard page. */
static void vt_expect_area(struct ktest_ctx *t, void *p, unsigned long size)
{
	unsigned long pages = DIV_ROUND_UP(size, PAGE_SIZE);
	struct vm_struct *vm = find_vm_area(p);
	unsigned long i;

	KT_ASSERT_NOT_NULL(t, vm);
	KT_EXPECT_EQ(t, vm->addr, p);
	KT_EXPECT_EQ(t, vm->size, (pages + 1) * PAGE_SIZE);
	KT_EXPECT_EQ(t, vm->nr_pages, pages);
	KT_EXPECT_EQ(t, vm->flags & (VM_ALLOC | VM_MAP | VM_IOREMAP), VM_ALLOC);
	KT_EXPECT_TRUE(t, is_vmalloc_addr(p));
	KT_EXPECT_TRUE(t, is_vmalloc_addr((char *)p + size - 1));
	for (i = 0; i < pages; i++) {
		char *va = (char *)p + i * PAGE_SIZE;
		struct page *pg = vmalloc_to_page(va);

		KT_ASSERT_TRUE(t, pg == vm->pages[i]);
		KT_EXPECT_EQ(t, vmalloc_to_pfn(va), page_to_pfn(pg));
		/* Same byte through the linear map alias. */
		KT_EXPECT_EQ(t, *(u8 *)page_address(pg), *(u8 *)va);
	}
	KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd,
					     (unsigned long)p + pages * PAGE_SIZE,
					     NULL, NULL));
}

/*
 * 300 random steps over up to 16 live areas of 1..100 pages (sizes not
 * page multiples), every page written and read back, checks each step.
 */
KTEST(vmalloc, random_sizes_read_write)
{
	struct { u8 *p; unsigned long size; } live[16] = { { 0 } };
	unsigned int step;

	for (step = 0; step < 300; step++) {
		unsigned int slot = vt_rand() % ARRAY_SIZE(live);

		if (live[slot].p) {
			KT_ASSERT_TRUE(t, vt_verify(live[slot].p, live[slot].size, slot));
			vfree(live[slot].p);
			live[slot].p = NULL;
		} else {
			unsigned long pages = 1 + vt_rand() % 100;
			unsigned long size = pages * PAGE_SIZE - vt_rand() % PAGE_SIZE;

			live[slot].p = vmalloc(size);
			if (!live[slot].p) {
				/* Refused: free the rest below, then fail. */
				KT_EXPECT_NOT_NULL(t, live[slot].p);
				break;
			}
			live[slot].size = size;
			KT_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)live[slot].p, PAGE_SIZE));
			vt_fill(live[slot].p, size, slot);
			vt_expect_area(t, live[slot].p, size);
		}
		KT_ASSERT_SEQ(t, vmalloc_check(), 0);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(live); i++) {
		if (!live[i].p)
			continue;
		KT_EXPECT_TRUE(t, vt_verify(live[i].p, live[i].size, i));
		vfree(live[i].p);
		VCHECK(t);
	}
}

/* __vmalloc_node() honours alignments above a page. */
KTEST(vmalloc, aligned_areas)
{
	static const unsigned long aligns[] = { SZ_8K, SZ_64K, SZ_2M, SZ_16M };
	void *p[ARRAY_SIZE(aligns)];
	void *small = vmalloc(PAGE_SIZE);	/* misalign the next free block */
	size_t i;

	KT_ASSERT_NOT_NULL(t, small);
	for (i = 0; i < ARRAY_SIZE(aligns); i++) {
		p[i] = __vmalloc_node(3 * PAGE_SIZE, aligns[i], GFP_KERNEL,
				      NUMA_NO_NODE, NULL);
		if (!p[i]) {
			vt_drop(p, i);
			vfree(small);
		}
		KT_ASSERT_NOT_NULL(t, p[i]);
		KT_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p[i], aligns[i]));
		memset(p[i], 0x11 * (int)(i + 1), 3 * PAGE_SIZE);
		VCHECK(t);
	}
	for (i = 0; i < ARRAY_SIZE(aligns); i++) {
		KT_EXPECT_EQ(t, ((u8 *)p[i])[3 * PAGE_SIZE - 1], 0x11 * (i + 1));
		vfree(p[i]);
		VCHECK(t);
	}
	vfree(small);
	/* Not a power of two: refused. */
	KT_EXPECT_NULL(t, __vmalloc_node(PAGE_SIZE, 3 * PAGE_SIZE,
					 GFP_KERNEL | __GFP_NOWARN, NUMA_NO_NODE, NULL));
	VCHECK(t);
}

/* vzalloc() memory is zero even when the pages were dirty before. */
KTEST(vmalloc, vzalloc_is_zeroed)
{
	const unsigned long size = 24 * PAGE_SIZE;
	u8 *p = vmalloc(size);
	unsigned long i, nonzero = 0;

	KT_ASSERT_NOT_NULL(t, p);
	memset(p, 0xa5, size);
	vfree(p);
	vm_unmap_aliases();
	p = vzalloc(size);
	KT_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < size; i++)
		nonzero += p[i] != 0;
	KT_EXPECT_EQ(t, nonzero, 0);
	VCHECK(t);
	vfree(p);
	p = vzalloc_node(PAGE_SIZE + 1, 0);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, p[0] | p[PAGE_SIZE] | p[2 * PAGE_SIZE - 1], 0);
	vfree(p);
	VCHECK(t);
}

/* Pages, VmallocUsed and the space come back exactly after a purge. */
KTEST(vmalloc, counts_restored)
{
	struct vt_snapshot before, after;
	void *p[40];
	unsigned long want = 0;
	size_t i;

	vt_snap(&before);
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		unsigned long pages = 1 + (i * 7) % 13;

		p[i] = vmalloc_node(pages * PAGE_SIZE, NUMA_NO_NODE);
		if (!p[i])
			vt_drop(p, i);
		KT_ASSERT_NOT_NULL(t, p[i]);
		want += pages;
	}
	KT_EXPECT_EQ(t, vmalloc_nr_pages(), before.vmalloc_pages + want);
	drain_all_pages(NULL);
	KT_EXPECT_LE(t, nr_free_pages() + want, before.free_pages);
	VCHECK(t);
	for (i = 0; i < ARRAY_SIZE(p); i += 2)
		vfree(p[i]);
	for (i = 1; i < ARRAY_SIZE(p); i += 2)
		vfree(p[i]);
	KT_EXPECT_EQ(t, vmalloc_nr_pages(), before.vmalloc_pages);
	VCHECK(t);
	vt_snap(&after);
	KT_EXPECT_EQ(t, after.free_pages + after.st.meta_pages,
		     before.free_pages + before.st.meta_pages);
	KT_EXPECT_EQ(t, after.st.nr_busy, before.st.nr_busy);
	KT_EXPECT_EQ(t, after.st.nr_free, before.st.nr_free);
}

/* Each area ends with an unmapped guard page counted in its size. */
KTEST(vmalloc, guard_page_after_every_area)
{
	void *p[8];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(p); i++) {
		p[i] = vmalloc((i + 1) * PAGE_SIZE);
		if (!p[i])
			vt_drop(p, i);
		KT_ASSERT_NOT_NULL(t, p[i]);
	}
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		unsigned long a = (unsigned long)p[i];
		unsigned long last = a + i * PAGE_SIZE;
		struct vm_struct *vm = find_vm_area(p[i]);

		KT_ASSERT_NOT_NULL(t, vm);
		KT_EXPECT_EQ(t, vm->size, (i + 2) * PAGE_SIZE);
		KT_EXPECT_TRUE(t, pgtable_translate(kernel_pgd, last, NULL, NULL));
		KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd, last + PAGE_SIZE,
						     NULL, NULL));
		/* No other area starts inside the guard page. */
		KT_EXPECT_NULL(t, find_vm_area((void *)(last + PAGE_SIZE)));
	}
	for (i = 0; i < ARRAY_SIZE(p); i++)
		vfree(p[i]);
	VCHECK(t);
}

/* vmap() shows the caller's pages at new addresses; vunmap() keeps them. */
KTEST(vmalloc, vmap_vunmap)
{
	struct page *pages[5];
	struct vt_snapshot before, after;
	u8 *v;
	size_t i;

	vt_snap(&before);
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			vt_drop_pages(pages, i);
		KT_ASSERT_NOT_NULL(t, pages[i]);
		memset(page_address(pages[i]), (int)(0x30 + i), PAGE_SIZE);
	}
	v = vmap(pages, ARRAY_SIZE(pages), VM_MAP, PAGE_KERNEL);
	if (!v)
		vt_drop_pages(pages, ARRAY_SIZE(pages));
	KT_ASSERT_NOT_NULL(t, v);
	VCHECK(t);
	KT_EXPECT_EQ(t, find_vm_area(v)->flags & VM_MAP, VM_MAP);
	KT_EXPECT_EQ(t, find_vm_area(v)->size, (ARRAY_SIZE(pages) + 1) * PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		u8 *alias = page_address(pages[i]);

		KT_EXPECT_TRUE(t, vmalloc_to_page(v + i * PAGE_SIZE) == pages[i]);
		KT_EXPECT_EQ(t, v[i * PAGE_SIZE + 100], 0x30 + i);
		v[i * PAGE_SIZE + 7] = 0xe0 + i;		/* write via vmap */
		KT_EXPECT_EQ(t, alias[7], 0xe0 + i);		/* read via linear */
	}
	KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd,
			(unsigned long)v + ARRAY_SIZE(pages) * PAGE_SIZE, NULL, NULL));
	vunmap(v);
	VCHECK(t);
	KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd, (unsigned long)v, NULL, NULL));
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		KT_EXPECT_EQ(t, ((u8 *)page_address(pages[i]))[7], 0xe0 + i);
		__free_page(pages[i]);
	}
	vt_snap(&after);
	KT_EXPECT_EQ(t, after.free_pages + after.st.meta_pages,
		     before.free_pages + before.st.meta_pages);
}

/*
 * ioremap() keeps the sub-page offset and maps every page the range
 * touches.  The physical range here is an ordinary page, never accessed
 * through the I/O mapping (the host suite reads fake MMIO).
 */
KTEST(vmalloc, ioremap_offsets)
{
	struct page *pg = alloc_pages(GFP_KERNEL, 1);
	phys_addr_t pa;
	struct vm_struct *vm;
	char *io;
	phys_addr_t got;

	KT_ASSERT_NOT_NULL(t, pg);
	pa = page_to_phys(pg);

	io = ioremap(pa + 0x123, 0x40);
	KT_ASSERT_NOT_NULL(t, io);
	KT_EXPECT_EQ(t, (unsigned long)io & (PAGE_SIZE - 1), 0x123);
	vm = find_vm_area(io);
	KT_ASSERT_NOT_NULL(t, vm);
	KT_EXPECT_EQ(t, vm->flags & VM_IOREMAP, VM_IOREMAP);
	KT_EXPECT_EQ(t, vm->phys_addr, pa);
	KT_EXPECT_EQ(t, vm->size, 2 * PAGE_SIZE);
	KT_EXPECT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)io, &got, NULL));
	KT_EXPECT_EQ(t, got, pa + 0x123);
	KT_EXPECT_EQ(t, vmalloc_to_pfn(io), PHYS_PFN(pa));
	VCHECK(t);
	iounmap(io);		/* with the offset, as returned */
	VCHECK(t);

	/* 0x20 bytes across a page boundary: two pages plus the guard. */
	io = ioremap(pa + PAGE_SIZE - 0x10, 0x20);
	KT_ASSERT_NOT_NULL(t, io);
	vm = find_vm_area(io);
	KT_ASSERT_NOT_NULL(t, vm);
	KT_EXPECT_EQ(t, vm->size, 3 * PAGE_SIZE);
	KT_EXPECT_TRUE(t, pgtable_translate(kernel_pgd, (unsigned long)io + 0x10, &got, NULL));
	KT_EXPECT_EQ(t, got, pa + PAGE_SIZE);
	iounmap(io);
	KT_EXPECT_NULL(t, ioremap(pa, 0));
	VCHECK(t);
	__free_pages(pg, 1);
}

/*
 * Freed areas wait on the purge list (unmapped, not reusable) until more
 * than vmap_lazy_max_areas are waiting; then one batch flush ends them.
 */
KTEST(vmalloc, lazy_purge_batching)
{
	struct vmalloc_stats s0, s;
	void *p[20], *q;
	size_t i;

	vmap_lazy_max_areas = 8;
	vmap_lazy_max_pages = ULONG_MAX;
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		p[i] = vmalloc(PAGE_SIZE);
		if (!p[i])
			vt_drop(p, i);
		KT_ASSERT_NOT_NULL(t, p[i]);
	}
	vmalloc_get_stats(&s0);
	KT_EXPECT_EQ(t, s0.nr_lazy, 0);

	for (i = 0; i < 8; i++) {
		vfree(p[i]);
		KT_EXPECT_FALSE(t, pgtable_translate(kernel_pgd, (unsigned long)p[i],
						     NULL, NULL));
		VCHECK(t);
	}
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_lazy, 8);
	KT_EXPECT_EQ(t, s.lazy_pages, 16);		/* page + guard each */
	KT_EXPECT_EQ(t, s.purges, s0.purges);
	KT_EXPECT_EQ(t, s.lazy_flushes, s0.lazy_flushes);

	/* Lazily freed space is not handed out again. */
	q = vmalloc(PAGE_SIZE);
	if (!q)
		vt_drop(p + 8, ARRAY_SIZE(p) - 8);
	KT_ASSERT_NOT_NULL(t, q);
	for (i = 0; i < 8; i++)
		KT_EXPECT_NE(t, q, p[i]);
	vfree(q);				/* 9 lazy: more than 8 */
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_lazy, 0);
	KT_EXPECT_EQ(t, s.purges, s0.purges + 1);
	KT_EXPECT_EQ(t, s.purged_areas, s0.purged_areas + 9);
	KT_EXPECT_EQ(t, s.lazy_flushes, s0.lazy_flushes + 1);
	VCHECK(t);

	for (i = 8; i < ARRAY_SIZE(p); i++) {
		vfree(p[i]);
		VCHECK(t);
	}
	vmalloc_get_stats(&s);			/* 12 more: one more batch */
	KT_EXPECT_EQ(t, s.purges, s0.purges + 2);
	KT_EXPECT_EQ(t, s.lazy_flushes, s0.lazy_flushes + 2);
	KT_EXPECT_EQ(t, s.nr_lazy, 3);
	vm_unmap_aliases();
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.purges, s0.purges + 3);
	KT_EXPECT_EQ(t, s.nr_lazy, 0);
	vm_unmap_aliases();			/* nothing to do: no flush */
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.lazy_flushes, s0.lazy_flushes + 3);
	VCHECK(t);
}

/*
 * A failure at any page allocation (data page, page array or bookkeeping)
 * unwinds completely: injected at the 1st, 2nd, ... allocation in turn.
 */
KTEST(vmalloc, failure_unwinds_everything)
{
	const unsigned long size = 40 * PAGE_SIZE;	/* array > 256 bytes */
	struct vt_snapshot before, after;
	struct vmalloc_stats s;
	unsigned long k, failed = 0;

	vt_snap(&before);
	for (k = 1; k <= 48; k++) {
		void *p;

		vmalloc_fail_alloc_after(k);
		p = __vmalloc(size, GFP_KERNEL | __GFP_NOWARN);
		vmalloc_fail_alloc_after(0);
		if (p) {
			KT_EXPECT_EQ(t, vmalloc_nr_pages(), before.vmalloc_pages + 40);
			vfree(p);
		} else {
			failed++;
			KT_EXPECT_EQ(t, vmalloc_nr_pages(), before.vmalloc_pages);
		}
		KT_ASSERT_SEQ(t, vmalloc_check(), 0);
		vt_snap(&after);
		KT_ASSERT_EQ(t, after.free_pages + after.st.meta_pages,
			     before.free_pages + before.st.meta_pages);
		KT_ASSERT_EQ(t, after.st.nr_busy, before.st.nr_busy);
		KT_ASSERT_EQ(t, after.st.nr_free, before.st.nr_free);
	}
	KT_EXPECT_GE(t, failed, 40);	/* each of the 40 data pages at least */
	vmalloc_get_stats(&s);
	KT_EXPECT_GE(t, s.alloc_failures, before.st.alloc_failures + failed);
}

/* Bad frees are reported and change nothing. */
KTEST(vmalloc, bad_frees_change_nothing)
{
	struct vmalloc_stats s0, s;
	static int not_vmalloc;
	u8 *p = vmalloc(3 * PAGE_SIZE);

	KT_ASSERT_NOT_NULL(t, p);
	p[0] = 0x77;
	vmalloc_get_stats(&s0);
	vfree(NULL);
	vunmap(NULL);
	iounmap(NULL);
	vfree(p + PAGE_SIZE);		/* inside the area */
	vfree(p + 1);			/* not the start */
	vfree(&not_vmalloc);		/* not vmalloc at all */
	vunmap(p + 3 * PAGE_SIZE);	/* the guard page */
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_busy, s0.nr_busy);
	KT_EXPECT_EQ(t, s.nr_lazy, s0.nr_lazy);
	KT_EXPECT_EQ(t, p[0], 0x77);
	VCHECK(t);
	vfree(p);
	vfree(p);			/* double free: reported, ignored */
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_busy, s0.nr_busy - 1);
	VCHECK(t);
	KT_EXPECT_NULL(t, vmalloc(0));
	KT_EXPECT_NULL(t, __vmalloc(VMALLOC_TOTAL, GFP_KERNEL | __GFP_NOWARN));
	VCHECK(t);
}

/* find_vm_area() and is_vmalloc_addr() agree with what was allocated. */
KTEST(vmalloc, lookups)
{
	u8 *p = vmalloc(2 * PAGE_SIZE);
	static int not_vmalloc;

	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_TRUE(t, find_vm_area(p) != NULL);
	KT_EXPECT_TRUE(t, find_vm_area(p + 5) == find_vm_area(p));
	KT_EXPECT_NULL(t, find_vm_area(p + PAGE_SIZE));
	KT_EXPECT_FALSE(t, is_vmalloc_addr(&not_vmalloc));
	KT_EXPECT_TRUE(t, is_vmalloc_addr(p));
	KT_EXPECT_FALSE(t, is_vmalloc_addr((void *)VMALLOC_END));
	KT_EXPECT_TRUE(t, is_vmalloc_addr((void *)(VMALLOC_END - 1)));
	KT_EXPECT_NULL(t, vmalloc_to_page(p + 2 * PAGE_SIZE));	/* guard */
	KT_EXPECT_EQ(t, find_vm_area(p)->caller != NULL, 1);
	vfree(p);
	KT_EXPECT_NULL(t, find_vm_area(p));
	KT_EXPECT_NULL(t, vmalloc_to_page(p));
	VCHECK(t);
}

/* Free every area in @p[0..@n) still marked in @live (a failed step's unwind). */
static void vt_drop_live(void **p, u8 *live, size_t n)
{
	while (n--) {
		if (live[n])
			vfree(p[n]);
		live[n] = 0;
	}
}

/* Are p[i - 1], p[i] and p[i + 1] packed (each area's guard touching the next)? */
static bool vt_packed(void *const *p, size_t i)
{
	unsigned long a = (unsigned long)p[i];

	return (unsigned long)p[i - 1] + 2 * PAGE_SIZE == a &&
	       a + 2 * PAGE_SIZE == (unsigned long)p[i + 1];
}

/*
 * Full-fit reuse of one-page holes.  A one-page area takes two pages of
 * space (its page and its guard) at the lowest free block that holds
 * them, so N of them come at rising addresses and leave no free block of
 * two pages or more below the last one.  Freeing every other one then
 * makes holes that start at exactly the freed addresses, and N/2 new
 * one-page areas must come back there, lowest first, each filling its
 * hole (the free-block count returns to what it was).  A two-page area
 * needs three pages: it may not use any hole of exactly two.
 *
 * On the host's fresh machine the space is empty, so the addresses are
 * known outright: packed from VMALLOC_START.  In the kernel the areas
 * start after whatever boot left (the console's ioremap, CPU stacks) and
 * fill its holes first; the reasoning above holds all the same.
 */
KTEST(vmalloc, one_page_holes_refilled_lowest_first)
{
	enum { N = 2000 };
	static void *p[N];
	static u8 live[N];
	struct vmalloc_stats s0, full, s;
	void *big;
	size_t i;
	bool fits;

	vmalloc_get_stats(&s0);
	for (i = 0; i < N; i++) {
		unsigned long a;
		bool placed;

		p[i] = vmalloc(PAGE_SIZE);
		if (!p[i])
			vt_drop_live(p, live, i);
		KT_ASSERT_NOT_NULL(t, p[i]);
		live[i] = 1;
		a = (unsigned long)p[i];
		placed = vmalloc_test_machine_setup ?
			 a == VMALLOC_START + i * 2 * PAGE_SIZE :
			 i == 0 || a > (unsigned long)p[i - 1];
		if (!placed || (i % 200 == 199 && vmalloc_check()))
			vt_drop_live(p, live, i + 1);
		KT_ASSERT_TRUE(t, placed);
		KT_ASSERT_TRUE(t, live[i]);	/* else the checker failed */
	}
	vmalloc_get_stats(&full);
	KT_EXPECT_EQ(t, full.nr_busy, s0.nr_busy + N);

	for (i = 0; i < N; i += 2) {
		vfree(p[i]);
		live[i] = 0;
	}
	vm_unmap_aliases();
	vmalloc_get_stats(&s);
	if (vmalloc_test_machine_setup)
		KT_EXPECT_EQ(t, s.nr_free, N / 2 + 1);
	KT_EXPECT_GT(t, s.nr_free, full.nr_free);
	KT_EXPECT_LE(t, s.nr_free, full.nr_free + N / 2);
	VCHECK(t);

	for (i = 0; i < N; i += 2) {
		u8 *q = vmalloc(PAGE_SIZE);

		if (!q)
			vt_drop_live(p, live, N);
		KT_ASSERT_NOT_NULL(t, q);
		if (q != p[i]) {
			vfree(q);
			vt_drop_live(p, live, N);
		}
		KT_ASSERT_TRUE(t, q == p[i]);
		live[i] = 1;
		q[PAGE_SIZE - 1] = (u8)i;	/* mapped, up to its last byte */
		if (i % 200 == 0 && vmalloc_check())
			vt_drop_live(p, live, N);
		KT_ASSERT_TRUE(t, live[i]);
	}
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_free, full.nr_free);	/* every hole full */
	VCHECK(t);

	/* Holes of exactly two pages: a two-page area passes them all. */
	for (i = 1; i < N - 1; i += 4) {
		vfree(p[i]);
		live[i] = 0;
	}
	vm_unmap_aliases();
	big = vmalloc(2 * PAGE_SIZE);
	if (!big)
		vt_drop_live(p, live, N);
	KT_ASSERT_NOT_NULL(t, big);
	fits = (unsigned long)big > (unsigned long)p[N - 1];
	for (i = 1; i < N - 1; i += 4)
		if (big == p[i] && !vt_packed(p, i))
			fits = true;	/* a hole of three pages or more */
	KT_EXPECT_TRUE(t, fits);
	if (vmalloc_test_machine_setup)
		KT_EXPECT_EQ(t, (unsigned long)big, VMALLOC_START + N * 2 * PAGE_SIZE);
	vfree(big);
	VCHECK(t);
	vt_drop_live(p, live, N);
	VCHECK(t);
	vm_unmap_aliases();
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_busy, s0.nr_busy);
	KT_EXPECT_EQ(t, s.nr_free, s0.nr_free);
}

/*
 * What one area of a few pages costs beyond its pages, with room to spare:
 * its vmap_area, vm_struct and page array from vmalloc's pool (about 256
 * bytes; see mm/vmalloc.c), and its share of last-level page tables.
 */
#define VT_AREA_META_BYTES	512

/*
 * 15 000 live areas of 1..4 pages at once: every page tagged, all read
 * back while all are live, then freed in a random order, the checker run
 * every VT_MANY_CHECK steps and at each phase.  The table of areas is a
 * vmalloc area too.  The machine must have the memory (about 160 MiB)
 * and the virtual space; a smaller one skips, saying what it has.
 */
#define VT_MANY_AREAS	15000
#define VT_MANY_CHECK	100

struct vt_many {
	u32 *p;
	unsigned int pages;
};

/* Free the first @n areas of @a, then @a itself. */
static void vt_many_drop(struct vt_many *a, unsigned long n)
{
	while (n--)
		vfree(a[n].p);
	vfree(a);
}

KTEST(vmalloc, fifteen_thousand_live_areas)
{
	static char why[128];
	const unsigned long n = VT_MANY_AREAS;
	const unsigned long table = DIV_ROUND_UP(n * sizeof(struct vt_many), PAGE_SIZE);
	unsigned long i, j, total = 0, need, span, free, vpages, bad = 0;
	struct vmalloc_stats s0, s;
	struct vt_many *a;
	u64 seed = vt_rng, t0, t1, t2;
	bool ok = true;

	/* The sizes first, to know what it takes; the same ones again below. */
	for (i = 0; i < n; i++)
		total += 1 + vt_rand() % 4;
	span = (total + n) * PAGE_SIZE;			/* guards included */
	need = total + table + DIV_ROUND_UP(n * VT_AREA_META_BYTES, PAGE_SIZE);
	need += need / 8 + ((4 * SZ_1M) >> PAGE_SHIFT);	/* and some to spare */
	free = nr_free_pages();
	if (free < need || span > VMALLOC_TOTAL / 2) {
		snprintf(why, sizeof(why),
			 "machine too small: needs %lu MiB free and %lu MiB of vmalloc space, has %lu and %lu",
			 need >> (20 - PAGE_SHIFT), 2 * (span >> 20),
			 free >> (20 - PAGE_SHIFT), (unsigned long)(VMALLOC_TOTAL >> 20));
		KT_SKIP(t, why);
	}

	vmalloc_get_stats(&s0);
	vpages = vmalloc_nr_pages();
	a = vzalloc(n * sizeof(*a));
	KT_ASSERT_NOT_NULL(t, a);
	vt_rng = seed;
	t0 = arch_clock_ns();
	for (i = 0; i < n && ok; i++) {
		a[i].pages = 1 + vt_rand() % 4;
		a[i].p = vmalloc(a[i].pages * PAGE_SIZE);
		ok = a[i].p != NULL;
		for (j = 0; ok && j < a[i].pages; j++)
			a[i].p[j * PAGE_SIZE / 4] = (u32)(i << 3 | j);
		if (ok && i % VT_MANY_CHECK == VT_MANY_CHECK - 1)
			ok = vmalloc_check() == 0;
	}
	if (!ok)
		vt_many_drop(a, i);
	KT_ASSERT_TRUE(t, ok);		/* a refused area or a broken tree */
	t1 = arch_clock_ns();
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_busy, s0.nr_busy + n + 1);
	KT_EXPECT_EQ(t, vmalloc_nr_pages(), vpages + table + total);
	VCHECK(t);
	for (i = 0; i < n; i++)
		for (j = 0; j < a[i].pages; j++)
			bad += a[i].p[j * PAGE_SIZE / 4] != (u32)(i << 3 | j);
	KT_EXPECT_EQ(t, bad, 0);

	/* Free in a random order. */
	for (i = n; i > 1; i--) {
		unsigned long k = vt_rand() % i;
		struct vt_many tmp = a[k];

		a[k] = a[i - 1];
		a[i - 1] = tmp;
	}
	for (i = 0; i < n; i++) {
		vfree(a[i].p);
		if (i % VT_MANY_CHECK == VT_MANY_CHECK - 1)
			KT_EXPECT_SEQ(t, vmalloc_check(), 0);
	}
	t2 = arch_clock_ns();
	vfree(a);
	vm_unmap_aliases();
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.nr_busy, s0.nr_busy);
	KT_EXPECT_EQ(t, s.nr_free, s0.nr_free);		/* merged back as before */
	KT_EXPECT_EQ(t, s.used_bytes, s0.used_bytes);
	KT_EXPECT_EQ(t, vmalloc_nr_pages(), vpages);
	VCHECK(t);
	if (t2 == t0)		/* the host's clock stands still */
		printk("    # %s: %lu areas, %lu pages\n", t->name, n, total);
	else
		printk("    # %s: %lu areas, %lu pages: alloc+tag %lu ms, check+free %lu ms\n",
		       t->name, n, total, (unsigned long)((t1 - t0) / 1000000),
		       (unsigned long)((t2 - t1) / 1000000));
}
