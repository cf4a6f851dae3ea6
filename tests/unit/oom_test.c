// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Out of memory: the suite `oom` takes memory until every allocator says
 * no, checks that the kernel is still itself, gives everything back and
 * expects every count exactly where it started (tests/unit/mm_state.h).
 *
 *   0. a purse of 1024 single pages, to give back in small change
 *   1. pages of each order, MAX_ORDER down to 0, until each order fails
 *   2. 256 pages of the purse back, then vmalloc areas of 1 MiB, 64 KiB
 *      and one page, until each fails
 *   3. for a large (page-backed) kmalloc and for each kmalloc size class,
 *      8 KiB down to 8 bytes: 48 pages back, then that size until it fails
 *   4. single pages, GFP_KERNEL then GFP_ATOMIC (which may dip below the
 *      min watermark), until none is left
 *
 * A second case leaves a page on another CPU's per-CPU list, runs dry
 * with GFP_ATOMIC, and checks that only a GFP_KERNEL failure has that
 * CPU give its lists back (needs two online CPUs).
 *
 * (Giving a little back lets vmalloc and each kmalloc class run into
 * their own limit, not just into the page allocator's first refusal.)
 *
 * Then every allocator must fail at once and cleanly (NULL, nothing
 * half-done: the checkers pass), and 1000 more failing allocations that
 * do warn must print only a rate-limited handful of reports.  Everything
 * taken is chained through its own memory (no bookkeeping needs memory
 * that is not there), freed in reverse, and the allocators must work
 * again.
 *
 * In QEMU: `-m 64M ktest=oom` (tests/qemu/hardening.py).  On the host it
 * runs on the machine tests/host/mm_machine_host_test.c builds; anywhere
 * else it takes whatever memory the kernel has, so keep it to small
 * machines (a full 2 GiB takes a while under TCG).
 */
#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <mm/fail_inject.h>
#include "mm_state.h"

static struct mm_state oom_start;

static void oom_test_init(struct ktest_ctx *t)
{
	if (mm_test_machine_setup)
		mm_test_machine_setup();
	if (!slab_is_available() || !vmalloc_initialized() || !kernel_pgd) {
		t->skip = "needs the page allocator, slab and vmalloc";
		return;
	}
	mm_state_take(&oom_start);
}

static void oom_test_exit(struct ktest_ctx *t)
{
	if (!t->skip)
		mm_state_expect(t, &oom_start);
	if (mm_test_machine_teardown)
		mm_test_machine_teardown();
}

KTEST_SUITE(oom, oom_test_init, oom_test_exit);

/* What has been taken, each kind chained through its own first word. */
struct oom_hoard {
	void *pages[MAX_ORDER + 1];		/* linear-map addresses */
	unsigned long nr_pages[MAX_ORDER + 1];
	void *vmalloc;				/* areas of any size */
	unsigned long nr_vmalloc, vmalloc_bytes;
	void *kmalloc;				/* objects of any class */
	unsigned long nr_kmalloc, kmalloc_bytes;
};

static struct oom_hoard hoard;

static void push(void **list, void *p)
{
	*(void **)p = *list;
	*list = p;
}

static void *pop(void **list)
{
	void *p = *list;

	if (p)
		*list = *(void **)p;
	return p;
}

/* Take 2^@order-page blocks with @gfp until the allocator says no. */
static unsigned long take_pages(unsigned int order, gfp_t gfp)
{
	unsigned long n = 0;
	unsigned long addr;

	while ((addr = __get_free_pages(gfp | __GFP_NOWARN, order))) {
		push(&hoard.pages[order], (void *)addr);
		hoard.nr_pages[order]++;
		n++;
	}
	return n;
}

static unsigned long take_vmalloc(unsigned long size)
{
	unsigned long n = 0;
	void *p;

	while ((p = __vmalloc(size, GFP_KERNEL | __GFP_NOWARN))) {
		push(&hoard.vmalloc, p);
		hoard.nr_vmalloc++;
		hoard.vmalloc_bytes += size;
		n++;
	}
	return n;
}

static unsigned long take_kmalloc(size_t size)
{
	unsigned long n = 0;
	void *p;

	while ((p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN))) {
		push(&hoard.kmalloc, p);
		hoard.nr_kmalloc++;
		hoard.kmalloc_bytes += size;
		n++;
	}
	return n;
}

/* Free blocks from the smallest orders up until @pages pages are free. */
static void give_some_back(unsigned long pages)
{
	unsigned long freed = 0;

	for (int order = 0; order <= MAX_ORDER && freed < pages; order++) {
		void *p;

		while (freed < pages && (p = pop(&hoard.pages[order]))) {
			free_pages((unsigned long)p, (unsigned int)order);
			hoard.nr_pages[order]--;
			freed += 1UL << order;
		}
	}
}

/* Give back 48 pages, then take kmalloc(@size) objects; up to 16
 * rounds until some come.  Returns how many came. */
static unsigned long take_kmalloc_after_giving_back(size_t size)
{
	unsigned long n = 0;

	for (int round = 0; round < 16 && !n; round++) {
		give_some_back(48);
		n = take_kmalloc(size);
	}
	return n;
}

static void give_back(void)
{
	void *p;

	while ((p = pop(&hoard.kmalloc)))
		kfree(p);
	while ((p = pop(&hoard.vmalloc)))
		vfree(p);
	for (int order = 0; order <= MAX_ORDER; order++)
		while ((p = pop(&hoard.pages[order])))
			free_pages((unsigned long)p, (unsigned int)order);
}

KTEST(oom, exhaust_every_allocator_then_recover)
{
	static const size_t classes[] = { 8192, 4096, 2048, 1024, 512, 256, 192,
					  128, 96, 64, 32, 16, 8 };
	static const unsigned long vsizes[] = { SZ_1M, SZ_64K, PAGE_SIZE };
	struct mm_count_console count;
	unsigned long total_pages = 0, before_fail, free_at_oom;
	unsigned long fail_before = nr_page_alloc_failures();
	unsigned long injected = fail_inject_injected();
	void *p;
	int order;

	memset(&hoard, 0, sizeof(hoard));

	/* 0: small change; 1: every order down to 0. */
	for (int i = 0; i < 1024; i++) {
		unsigned long addr = __get_free_page(GFP_KERNEL | __GFP_NOWARN);

		if (!addr)
			break;
		push(&hoard.pages[0], (void *)addr);
		hoard.nr_pages[0]++;
	}
	for (order = MAX_ORDER; order >= 0; order--)
		take_pages((unsigned int)order, GFP_KERNEL);
	/* 2: vmalloc, with 256 pages given back. */
	give_some_back(256);
	for (unsigned int i = 0; i < ARRAY_SIZE(vsizes); i++)
		take_vmalloc(vsizes[i]);
	/*
	 * 3: a large (page-backed) kmalloc, then each class, 48 pages given
	 * back at a time until the class gets some.  Which zone a page given
	 * back lands in decides whether GFP_KERNEL may use it (a low zone
	 * keeps its lowmem reserve), so one round is not always enough.
	 */
	KT_EXPECT_GT(t, take_kmalloc_after_giving_back(3 * PAGE_SIZE), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		KT_EXPECT_GT(t, take_kmalloc_after_giving_back(classes[i]), 0);
	/* 4: the last single pages, then the reserve __GFP_HIGH may use. */
	take_pages(0, GFP_KERNEL);
	take_pages(0, GFP_ATOMIC);
	/*
	 * Under fail_page_alloc=/failslab= (the ktest guard) a refusal may
	 * have been injected, stopping a take before memory ran out: what
	 * follows would test nothing.  Give everything back (the suite's
	 * exit still checks every count) and skip.
	 */
	if (fail_inject_injected() != injected) {
		give_back();
		KT_SKIP(t, "an injected failure stopped the exhaustion early");
	}

	for (order = 0; order <= MAX_ORDER; order++)
		total_pages += hoard.nr_pages[order] << order;
	free_at_oom = nr_free_pages();
	printk("    # exhaust_every_allocator_then_recover: took %lu pages in blocks, %lu vmalloc areas (%lu KiB), %lu kmalloc objects (%lu KiB); %lu pages left free (per-CPU lists and below the atomic reserve)\n",
	       total_pages, hoard.nr_vmalloc, hoard.vmalloc_bytes >> 10,
	       hoard.nr_kmalloc, hoard.kmalloc_bytes >> 10, free_at_oom);
	KT_EXPECT_GT(t, total_pages, 0);
	KT_EXPECT_GT(t, hoard.nr_vmalloc, 0);
	KT_EXPECT_GT(t, hoard.nr_kmalloc, 0);

	/* Every allocator now fails, cleanly. */
	KT_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0));
	for (order = 1; order <= MAX_ORDER; order++)
		KT_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, (unsigned int)order));
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		KT_EXPECT_NULL(t, kmalloc(classes[i], GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, kmalloc(3 * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN));
	KT_EXPECT_NULL(t, vmalloc(PAGE_SIZE));
	KT_EXPECT_NULL(t, vzalloc(SZ_64K));
	KT_EXPECT_SEQ(t, buddy_check(), 0);
	KT_EXPECT_SEQ(t, slab_check_all(), 0);
	KT_EXPECT_SEQ(t, vmalloc_check(), 0);

	/*
	 * Still responsive: 1000 failures that may warn, each returning
	 * NULL, each counted, and only a rate-limited few printed.
	 */
	before_fail = nr_page_alloc_failures();
	mm_count_start(&count);
	for (int i = 0; i < 1000; i++) {
		p = kmalloc(64, GFP_KERNEL);
		if (p) {	/* a slab freed by someone: keep it */
			push(&hoard.kmalloc, p);
			hoard.nr_kmalloc++;
		}
		if (alloc_pages(GFP_KERNEL, 0))
			KT_EXPECT_TRUE(t, false);
	}
	mm_count_stop(&count);
	printk("    # 1000 failing page allocations (and kmallocs) that may warn printed %lu failure reports, %lu bytes\n",
	       count.failures, count.bytes);
	/* Every failure counted; printed: first 10, then powers of two. */
	KT_EXPECT_GE(t, nr_page_alloc_failures() - before_fail, 1000);
	KT_EXPECT_LE(t, count.failures, 100);
	KT_EXPECT_LT(t, count.bytes, 512 * 1024);
	KT_EXPECT_GT(t, nr_page_alloc_failures(), fail_before);

	/* Give it all back; allocations work again. */
	give_back();
	p = vmalloc(SZ_64K);
	KT_EXPECT_NOT_NULL(t, p);
	vfree(p);
	p = kmalloc(100, GFP_KERNEL);
	KT_EXPECT_NOT_NULL(t, p);
	kfree(p);
	p = (void *)__get_free_pages(GFP_KERNEL, MAX_ORDER);
	KT_EXPECT_NOT_NULL(t, p);
	if (p)
		free_pages((unsigned long)p, MAX_ORDER);
	/* The suite's exit compares every count with the start. */
}

/* On the CPU asked: free the page @info onto its per-CPU list. */
static void free_page_here(void *info)
{
	__free_page(info);
}

/*
 * Out of memory with a page on another online CPU's per-CPU list: a
 * request that may not wait (GFP_NOWAIT, GFP_ATOMIC) fails and leaves it
 * there; a GFP_KERNEL one asks that CPU, with a real cross-CPU call, to
 * give its lists back before it fails (mm/page_alloc.c).
 */
KTEST(oom, failure_drains_other_cpus_by_gfp)
{
	unsigned long injected = fail_inject_injected();
	struct per_cpu_pages *pcp;
	struct page *page;
	int order, cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != smp_processor_id() && cpu_online(cpu))
			break;
	if (cpu == NR_CPUS)
		KT_SKIP(t, "needs a second online CPU");

	memset(&hoard, 0, sizeof(hoard));
	drain_all_pages(NULL);
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page && fail_inject_injected() != injected)
		KT_SKIP(t, "an injected failure took the first page");
	KT_ASSERT_NOT_NULL(t, page);
	pcp = &page_zone(page)->pcp[cpu];
	KT_ASSERT_SEQ(t, smp_call_function_single(cpu, free_page_here, page, true), 0);
	KT_EXPECT_EQ(t, READ_ONCE(pcp->count), 1);

	/* This CPU takes all that GFP_ATOMIC may; the other's page stays. */
	for (order = MAX_ORDER; order >= 0; order--)
		take_pages((unsigned int)order, GFP_ATOMIC);
	if (fail_inject_injected() != injected) {
		give_back();
		KT_SKIP(t, "an injected failure stopped the exhaustion early");
	}
	KT_EXPECT_EQ(t, READ_ONCE(pcp->count), 1);
	KT_EXPECT_NULL(t, alloc_page(GFP_NOWAIT | __GFP_NOWARN));
	KT_EXPECT_NULL(t, alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	KT_EXPECT_EQ(t, READ_ONCE(pcp->count), 1);

	/* GFP_KERNEL stops at min, so it fails too, but drains first (an
	 * injected failure would come before the drain). */
	KT_EXPECT_NULL(t, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	if (fail_inject_injected() != injected) {
		give_back();
		KT_SKIP(t, "an injected failure came before the drain");
	}
	KT_EXPECT_EQ(t, READ_ONCE(pcp->count), 0);
	KT_EXPECT_SEQ(t, buddy_check(), 0);
	give_back();
}
