// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host-only vmalloc tests (suite vmalloc_host), and the fake machine both
 * vmalloc suites run on.
 *
 * The machine (vmalloc_machine_setup(), before every case of "vmalloc"
 * and "vmalloc_host"): 256 MiB of RAM at 0x80000000 given to memblock,
 * the memmap, zones and buddy allocator built from it, page-table pages
 * from the buddy allocator through a counting allocator that can be told
 * to fail, a fresh kernel_pgd, the host vmalloc window made PROT_NONE
 * again (tests/host/host_vmap.c), and vmalloc_init().  Teardown puts back
 * the table allocator and kernel_pgd (NULL: other suites check it to know
 * they are on the host).
 *
 * Thanks to the host "MMU" every vmalloc'ed byte written here really goes
 * through kernel_pgd to the fake physical page, and a guard page or a
 * freed area really faults: guard_page_fault_report catches the SIGSEGV
 * and hands the address to vmalloc_report_fault(), as a trap handler
 * would.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/ktest.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/memblock.h>
#include <mm/pgtable.h>
#include <mm/kernel_map.h>
#include <mm/vmalloc.h>
#include <asm/page.h>
#include <asm/tlbflush.h>
#include <asm/cpu.h>
#include "host.h"

/* tests/host/host_vmap.c */
/* tests/unit/vmalloc_test.c */
extern void (*vmalloc_test_machine_setup)(void);
extern void (*vmalloc_test_machine_teardown)(void);

#define VM_RAM_BASE	0x80000000ULL
#define VM_RAM_SIZE	(256ULL << 20)
#define VM_MMIO_BASE	0x10000000ULL	/* fake device registers, not RAM */
#define VM_MMIO_SIZE	(64ULL << 10)

/* ---- page-table pages: from the buddy allocator, counted ---- */

struct vt_table_alloc {
	long allocs, frees;
	long fail_after;	/* refuse once allocs reaches this; -1: never */
};

static struct vt_table_alloc vta;

static phys_addr_t vt_table_alloc_page(void *ctx)
{
	struct vt_table_alloc *a = ctx;
	struct page *page;

	if (a->fail_after >= 0 && a->allocs >= a->fail_after)
		return 0;
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page)
		return 0;
	memset(page_address(page), 0x5a, PAGE_SIZE);	/* must be cleared */
	a->allocs++;
	return page_to_phys(page);
}

static void vt_table_free_page(phys_addr_t pa, void *ctx)
{
	struct vt_table_alloc *a = ctx;

	memset(__va(pa), 0xa5, PAGE_SIZE);
	__free_page(phys_to_page(pa));
	a->frees++;
}

static const struct pgtable_allocator vt_table_allocator = {
	.name	= "vmalloc-test",
	.alloc	= vt_table_alloc_page,
	.free	= vt_table_free_page,
	.ctx	= &vta,
};

static const struct pgtable_allocator *vt_saved_allocator;
static pte_t *vt_saved_pgd;

/* ---- the machine ---- */

static void vmalloc_machine_setup(void)
{
	bool echo = host_log_echo;
	phys_addr_t root;

	host_log_echo = false;		/* zone and memory banners */
	host_mem_reset();
	host_vmap_reset();
	memblock_reset();
	host_mem_map(VM_RAM_BASE, VM_RAM_SIZE);
	host_mem_map(VM_MMIO_BASE, VM_MMIO_SIZE);
	memblock_add(VM_RAM_BASE, VM_RAM_SIZE);
	if (zones_init())
		abort();
	memblock_free_all();

	vta = (struct vt_table_alloc){ .fail_after = -1 };
	vt_saved_allocator = pgtable_set_allocator(&vt_table_allocator);
	vt_saved_pgd = kernel_pgd;
	root = pgtable_alloc_table();
	if (!root)
		abort();
	kernel_pgd = __va(root);
	if (vmalloc_init())
		abort();
	host_log_echo = echo;
}

static void vmalloc_machine_teardown(void)
{
	pgtable_set_allocator(vt_saved_allocator);
	kernel_pgd = vt_saved_pgd;
	host_vmap_reset();
}

__attribute__((constructor)) static void vmalloc_host_hooks(void)
{
	vmalloc_test_machine_setup = vmalloc_machine_setup;
	vmalloc_test_machine_teardown = vmalloc_machine_teardown;
}

/*
 * The host suite uses the same init/exit as tests/unit/vmalloc_test.c
 * (count checks included), through the hooks above.
 */
static unsigned long vh_free_start, vh_tables_start;

static void vh_init(struct ktest_ctx *t)
{
	vmalloc_machine_setup();
	vm_unmap_aliases();
	drain_all_pages(NULL);
	vh_free_start = nr_free_pages();
	vh_tables_start = pgtable_count_tables(kernel_pgd);
	KT_EXPECT_SEQ(t, vmalloc_check(), 0);
}

static void vh_exit(struct ktest_ctx *t)
{
	vmalloc_fail_alloc_after(0);
	vta.fail_after = -1;
	vm_unmap_aliases();
	drain_all_pages(NULL);
	KT_EXPECT_SEQ(t, vmalloc_check(), 0);
	KT_EXPECT_EQ(t, vmalloc_nr_pages(), 0);
	KT_EXPECT_EQ(t, nr_free_pages(), vh_free_start);
	KT_EXPECT_EQ(t, pgtable_count_tables(kernel_pgd), vh_tables_start);
	KT_EXPECT_EQ(t, vta.allocs - vta.frees, 1);	/* the root */
	KT_EXPECT_SEQ(t, pgtable_check(kernel_pgd), 0);
	vmalloc_machine_teardown();
}

KTEST_SUITE(vmalloc_host, vh_init, vh_exit);

#define VCHECK(t)	KT_EXPECT_SEQ(t, vmalloc_check(), 0)

/* ---- placement ---- */

/* On an empty space areas are packed from VMALLOC_START, guard included. */
KTEST(vmalloc_host, first_fit_from_the_bottom)
{
	void *a = vmalloc(PAGE_SIZE);
	void *b = vmalloc(3 * PAGE_SIZE);
	void *c = vmalloc(1);

	KT_EXPECT_EQ(t, (unsigned long)a, VMALLOC_START);
	KT_EXPECT_EQ(t, (unsigned long)b, VMALLOC_START + 2 * PAGE_SIZE);
	KT_EXPECT_EQ(t, (unsigned long)c, VMALLOC_START + 6 * PAGE_SIZE);
	VCHECK(t);
	vfree(b);
	vm_unmap_aliases();
	/* b's 4 pages are a hole now: a 2-page request fits there first. */
	b = vmalloc(2 * PAGE_SIZE);
	KT_EXPECT_EQ(t, (unsigned long)b, VMALLOC_START + 2 * PAGE_SIZE);
	VCHECK(t);
	vfree(a);
	vfree(b);
	vfree(c);
	vm_unmap_aliases();
	VCHECK(t);
	{
		struct vmalloc_stats s;

		vmalloc_get_stats(&s);
		KT_EXPECT_EQ(t, s.nr_free, 1);	/* all merged again */
	}
}

/* ---- memory really behind the addresses ---- */

/*
 * Write through the vmalloc address, read through the linear map and
 * back: both are the same fake physical page (the host MMU maps the
 * memfd at both).
 */
KTEST(vmalloc_host, both_aliases_see_the_same_bytes)
{
	const unsigned long n = 37;
	u8 *p = vmalloc(n * PAGE_SIZE);
	unsigned long i;

	KT_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < n; i++) {
		u8 *lin = page_address(vmalloc_to_page(p + i * PAGE_SIZE));

		memset(p + i * PAGE_SIZE, (int)i, PAGE_SIZE);
		KT_EXPECT_EQ(t, lin[0], i);
		KT_EXPECT_EQ(t, lin[PAGE_SIZE - 1], i);
		lin[123] = 0xee;
		KT_EXPECT_EQ(t, p[i * PAGE_SIZE + 123], 0xee);
	}
	vfree(p);
}

/* ioremap of fake device memory, at a sub-page offset, both directions. */
KTEST(vmalloc_host, ioremap_fake_mmio)
{
	volatile u32 *regs;
	u32 *dev = __va(VM_MMIO_BASE + 0x1000);
	unsigned long free = nr_free_pages();
	struct vm_struct *vm;

	dev[4] = 0xdeadbeef;			/* "device" state */
	dev[5] = 0x12345678;
	regs = ioremap(VM_MMIO_BASE + 0x1010, 0x2000);
	KT_ASSERT_NOT_NULL(t, regs);
	KT_EXPECT_EQ(t, (unsigned long)regs & (PAGE_SIZE - 1), 0x10);
	KT_EXPECT_EQ(t, regs[0], 0xdeadbeef);
	KT_EXPECT_EQ(t, regs[1], 0x12345678);
	regs[2] = 0xcafe;			/* driver writes a register */
	KT_EXPECT_EQ(t, dev[6], 0xcafe);
	vm = find_vm_area((const void *)regs);
	KT_ASSERT_NOT_NULL(t, vm);
	KT_EXPECT_EQ(t, vm->phys_addr, VM_MMIO_BASE + 0x1000);
	KT_EXPECT_EQ(t, vm->size, 4 * PAGE_SIZE);	/* 3 touched + guard */
	KT_EXPECT_NULL(t, vmalloc_to_page((const void *)regs));	/* no struct page */
	KT_EXPECT_EQ(t, vmalloc_to_pfn((const void *)regs), PHYS_PFN(VM_MMIO_BASE) + 1);
	VCHECK(t);
	iounmap(regs);
	vm_unmap_aliases();
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), free);	/* only table pages moved */
}

/* vmap: two views of the same pages, in a different order. */
KTEST(vmalloc_host, vmap_reversed_pages)
{
	struct page *pg[4];
	u8 *v;
	int i;

	for (i = 0; i < 4; i++) {
		pg[3 - i] = alloc_page(GFP_KERNEL);
		KT_ASSERT_NOT_NULL(t, pg[3 - i]);
		memset(page_address(pg[3 - i]), 'a' + (3 - i), PAGE_SIZE);
	}
	v = vmap(pg, 4, VM_MAP, PAGE_KERNEL_RO);
	KT_ASSERT_NOT_NULL(t, v);
	for (i = 0; i < 4; i++)
		KT_EXPECT_EQ(t, v[i * PAGE_SIZE + 9], 'a' + i);
	vunmap(v);
	for (i = 0; i < 4; i++)
		__free_page(pg[i]);
}

/* ---- concurrency ---- */

/*
 * Two threads playing CPUs 1 and 2 allocate, fill, check and free areas
 * (and vmap pages) at once while the main thread runs vmalloc_check()
 * every 2 ms: the locks keep the trees, the purge list and the counters
 * consistent at every moment.  (Spinlocks in a program with more
 * threads than host CPUs spin while a preempted holder sleeps, hence few
 * threads and a checker that mostly sleeps.)
 */
#define VH_THREADS	2
#define VH_ROUNDS	400

struct vh_worker {
	int cpu;
	u64 rng;
	unsigned long errors;
};

static volatile int vh_workers_left;

static u32 vh_worker_rand(struct vh_worker *w)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return (u32)((w->rng * 0x2545f4914f6cdd1dULL) >> 32);
}

static void *vh_worker_run(void *arg)
{
	struct vh_worker *w = arg;
	struct { u8 *p; unsigned long pages; struct page *pg; } live[8] = { { 0 } };
	int round, i;

	host_cpu_id = w->cpu;
	for (round = 0; round < VH_ROUNDS; round++) {
		i = vh_worker_rand(w) % 8;
		if (live[i].p) {
			unsigned long j;

			for (j = 0; j < live[i].pages; j++)
				if (live[i].p[j * PAGE_SIZE + 17] != (u8)(w->cpu * 16 + j))
					w->errors++;
			if (live[i].pg) {
				vunmap(live[i].p);
				__free_page(live[i].pg);
			} else {
				vfree(live[i].p);
			}
			live[i].p = NULL;
		} else if (vh_worker_rand(w) % 5 == 0) {
			live[i].pg = alloc_page(GFP_KERNEL);
			if (!live[i].pg) {
				w->errors++;
				continue;
			}
			live[i].p = vmap(&live[i].pg, 1, VM_MAP, PAGE_KERNEL);
			live[i].pages = 1;
			if (!live[i].p) {
				__free_page(live[i].pg);
				w->errors++;
				continue;
			}
			live[i].p[17] = (u8)(w->cpu * 16);
		} else {
			unsigned long j;

			live[i].pg = NULL;
			live[i].pages = 1 + vh_worker_rand(w) % 16;
			live[i].p = vmalloc(live[i].pages * PAGE_SIZE);
			if (!live[i].p) {
				w->errors++;
				continue;
			}
			for (j = 0; j < live[i].pages; j++)
				live[i].p[j * PAGE_SIZE + 17] = (u8)(w->cpu * 16 + j);
		}
	}
	for (i = 0; i < 8; i++) {
		if (!live[i].p)
			continue;
		if (live[i].pg) {
			vunmap(live[i].p);
			__free_page(live[i].pg);
		} else {
			vfree(live[i].p);
		}
	}
	__atomic_sub_fetch(&vh_workers_left, 1, __ATOMIC_RELEASE);
	return NULL;
}

KTEST(vmalloc_host, concurrent_cpus)
{
	struct vh_worker w[VH_THREADS];
	pthread_t tid[VH_THREADS];
	unsigned long checks = 0, bad = 0;
	int i;

	vh_workers_left = VH_THREADS;
	for (i = 0; i < VH_THREADS; i++) {
		w[i] = (struct vh_worker){ .cpu = i + 1, .rng = 0x1234567ULL * (i + 3) };
		KT_ASSERT_SEQ(t, pthread_create(&tid[i], NULL, vh_worker_run, &w[i]), 0);
	}
	while (__atomic_load_n(&vh_workers_left, __ATOMIC_ACQUIRE)) {
		struct timespec ts = { 0, 2000000 };

		bad += vmalloc_check() != 0;
		checks++;
		nanosleep(&ts, NULL);
	}
	for (i = 0; i < VH_THREADS; i++) {
		pthread_join(tid[i], NULL);
		KT_EXPECT_EQ(t, w[i].errors, 0);
	}
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT_GT(t, checks, 0);
	VCHECK(t);
	printk("    # %d CPUs x %d rounds, %lu concurrent checks\n", VH_THREADS,
	       VH_ROUNDS, checks);
	/* Per-CPU page lists of the worker CPUs go back to the buddy. */
	drain_all_pages(NULL);
}

/* ---- failures ---- */

/*
 * As many pages as the machine manages (more than are free): the buddy
 * runs dry part way, and everything taken comes back.  More than that
 * is refused before any page is taken.
 */
KTEST(vmalloc_host, exhausting_the_buddy_unwinds)
{
	unsigned long free = nr_free_pages();
	struct vmalloc_stats s0, s;
	void *p;

	vmalloc_get_stats(&s0);
	KT_EXPECT_GT(t, totalram_pages(), free);
	p = __vmalloc(totalram_pages() * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
	KT_EXPECT_NULL(t, p);
	VCHECK(t);
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	p = __vmalloc(VM_RAM_SIZE + SZ_16M, GFP_KERNEL | __GFP_NOWARN);
	KT_EXPECT_NULL(t, p);
	VCHECK(t);
	vm_unmap_aliases();
	drain_all_pages(NULL);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	KT_EXPECT_EQ(t, vmalloc_nr_pages(), 0);
	vmalloc_get_stats(&s);
	KT_EXPECT_EQ(t, s.alloc_failures, s0.alloc_failures + 2);
	KT_EXPECT_EQ(t, s.nr_busy, 0);
	/* And it still works afterwards. */
	p = vmalloc(SZ_1M);
	KT_ASSERT_NOT_NULL(t, p);
	memset(p, 1, SZ_1M);
	vfree(p);
}

/*
 * Try __vmalloc(@pages pages) with the table allocator failing after 0, 1,
 * 2, ... more pages until it succeeds; after each failure the tables, the
 * free pages and the allocator must be exactly as before.  Returns the
 * number of failures, the area in *@out.
 */
static long vh_table_failures(struct ktest_ctx *t, unsigned long pages, void **out)
{
	unsigned long free, tables, vpages;
	long k;

	vm_unmap_aliases();
	drain_all_pages(NULL);
	free = nr_free_pages();
	tables = pgtable_count_tables(kernel_pgd);
	vpages = vmalloc_nr_pages();
	for (k = 0; k < 16; k++) {
		vta.fail_after = vta.allocs + k;
		*out = __vmalloc(pages * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
		vta.fail_after = -1;
		if (*out)
			return k;
		KT_EXPECT_SEQ(t, vmalloc_check(), 0);
		KT_EXPECT_SEQ(t, pgtable_check(kernel_pgd), 0);
		KT_EXPECT_EQ(t, pgtable_count_tables(kernel_pgd), tables);
		drain_all_pages(NULL);
		KT_EXPECT_EQ(t, nr_free_pages(), free);
		KT_EXPECT_EQ(t, vmalloc_nr_pages(), vpages);
	}
	return k;
}

/*
 * Page-table pages running out at every point of a mapping: first the
 * very first area (it needs a table at each level below the root), then
 * one that straddles a 2 MiB boundary, so half of it is mapped when the
 * second last-level table cannot be had.
 */
KTEST(vmalloc_host, table_page_failure_unwinds)
{
	unsigned long boundary, pin_pages;
	void *p, *pin;
	u8 *q;
	long failed;

	failed = vh_table_failures(t, 8, &p);
	KT_EXPECT_GE(t, failed, PT_LEVELS - 1);	/* one more if it crosses 2 MiB */
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, (unsigned long)p, VMALLOC_START);
	vfree(p);
	vm_unmap_aliases();
	KT_EXPECT_EQ(t, pgtable_count_tables(kernel_pgd), 0);

	/* A pin that ends 4 pages below a 2 MiB boundary (guard included). */
	boundary = ALIGN(VMALLOC_START + 8 * PAGE_SIZE, SZ_2M);
	pin_pages = (boundary - 4 * PAGE_SIZE - VMALLOC_START) / PAGE_SIZE - 1;
	pin = vmalloc(pin_pages * PAGE_SIZE);
	KT_ASSERT_NOT_NULL(t, pin);
	failed = vh_table_failures(t, 8, &p);
	KT_EXPECT_GE(t, failed, 1);
	KT_ASSERT_NOT_NULL(t, p);
	KT_EXPECT_EQ(t, (unsigned long)p, boundary - 4 * PAGE_SIZE);
	q = p;
	memset(q, 0x3c, 8 * PAGE_SIZE);		/* both halves really mapped */
	KT_EXPECT_EQ(t, q[8 * PAGE_SIZE - 1], 0x3c);
	vfree(p);
	vfree(pin);
	VCHECK(t);
}

/* ---- lazy purge on the host TLB counter ---- */

/*
 * One flush per batch, however many areas it holds.  Two pins, below and
 * above the 32 areas (which span less than 2 MiB), keep every page-table
 * page they touch in use, so pgtable_unmap() has no table to free and
 * adds no flush of its own.
 */
KTEST(vmalloc_host, one_tlb_flush_per_batch)
{
	void *pin = vmalloc(PAGE_SIZE), *pin2;
	void *p[32];
	unsigned long flushes;
	int i;

	KT_ASSERT_NOT_NULL(t, pin);
	vmap_lazy_max_areas = 1000;
	for (i = 0; i < 32; i++) {
		p[i] = vmalloc(PAGE_SIZE * (1 + i % 3));
		KT_ASSERT_NOT_NULL(t, p[i]);
	}
	pin2 = vmalloc(PAGE_SIZE);
	KT_ASSERT_NOT_NULL(t, pin2);
	flushes = host_tlb_flushes;
	for (i = 0; i < 32; i++)
		vfree(p[i]);
	KT_EXPECT_EQ(t, host_tlb_flushes, flushes);	/* nothing yet */
	vm_unmap_aliases();
	KT_EXPECT_EQ(t, host_tlb_flushes, flushes + 1);	/* one for all 32 */
	vmap_lazy_max_areas = 64;
	vfree(pin);
	vfree(pin2);
	VCHECK(t);
}

/* ---- reports ---- */

static sigjmp_buf vh_fault_jmp;
static volatile unsigned long vh_fault_addr;

static void vh_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	vh_fault_addr = (unsigned long)si->si_addr;
	/* What an arch trap handler does for a vmalloc address. */
	vmalloc_report_fault(vh_fault_addr, (unsigned long)vh_segv);
	siglongjmp(vh_fault_jmp, 1);
}

/* Touch @addr; returns true if it faulted (and the report was printed). */
static bool vh_touch(volatile u8 *addr)
{
	struct sigaction sa = { 0 }, old;
	bool faulted;

	sa.sa_sigaction = vh_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old);
	vh_fault_addr = 0;
	if (sigsetjmp(vh_fault_jmp, 1) == 0) {
		*addr = 1;
		faulted = false;
	} else {
		faulted = true;
	}
	sigaction(SIGSEGV, &old, NULL);
	return faulted;
}

KTEST(vmalloc_host, guard_page_fault_report)
{
	u8 *a = vmalloc(2 * PAGE_SIZE);
	u8 *b = vmalloc(PAGE_SIZE);
	char want[200];

	KT_ASSERT_NOT_NULL(t, a);
	KT_ASSERT_NOT_NULL(t, b);
	host_log_clear();
	KT_EXPECT_FALSE(t, vh_touch(a + 2 * PAGE_SIZE - 1));	/* last byte */
	KT_ASSERT_TRUE(t, vh_touch(a + 2 * PAGE_SIZE + 8));	/* guard */
	KT_EXPECT_EQ(t, vh_fault_addr, (unsigned long)a + 2 * PAGE_SIZE + 8);
	snprintf(want, sizeof(want),
		 "0x%016lx is in the guard page of 0x%016lx-0x%016lx (12288 bytes vmalloc, caller 0x",
		 (unsigned long)a + 2 * PAGE_SIZE + 8, (unsigned long)a,
		 (unsigned long)a + 3 * PAGE_SIZE);
	KT_EXPECT_TRUE(t, host_log_contains(want));
	KT_EXPECT_TRUE(t, host_log_contains("access beyond its end, at offset 0x2008 of 8192 usable bytes"));
	KT_EXPECT_TRUE(t, host_log_contains("BUG: unable to handle kernel access to vmalloc address"));

	/* Use after vfree, before the purge: a lazily freed area. */
	vfree(a);
	host_log_clear();
	KT_ASSERT_TRUE(t, vh_touch(a + 100));
	snprintf(want, sizeof(want),
		 "0x%016lx is at offset 0x64 of freed area 0x%016lx-0x%016lx (12288 bytes vmalloc",
		 (unsigned long)a + 100, (unsigned long)a, (unsigned long)a + 3 * PAGE_SIZE);
	KT_EXPECT_TRUE(t, host_log_contains(want));
	KT_EXPECT_TRUE(t, host_log_contains("waiting for the lazy TLB purge: use after free"));

	/* After the purge: free space, with its neighbours named. */
	vm_unmap_aliases();
	host_log_clear();
	KT_ASSERT_TRUE(t, vh_touch(a + 100));
	KT_EXPECT_TRUE(t, host_log_contains("is in unallocated vmalloc space"));
	KT_EXPECT_TRUE(t, host_log_contains("  below: none (start of the vmalloc space)"));
	snprintf(want, sizeof(want), "  above: 0x%016lx-0x%016lx 8192 bytes vmalloc, caller 0x",
		 (unsigned long)b, (unsigned long)b + 2 * PAGE_SIZE);
	KT_EXPECT_TRUE(t, host_log_contains(want));

	/* Past the last area: "above" is the end of the space. */
	host_log_clear();
	KT_ASSERT_TRUE(t, vh_touch(b + 5 * PAGE_SIZE));
	KT_EXPECT_TRUE(t, host_log_contains("  above: none (end of the vmalloc space)"));
	vfree(b);
}

KTEST(vmalloc_host, bad_vfree_messages)
{
	u8 *p = vmalloc(PAGE_SIZE);
	char want[96];

	KT_ASSERT_NOT_NULL(t, p);
	host_log_clear();
	vfree(p + 8);
	snprintf(want, sizeof(want), "vfree: bad address 0x%lx\n", (unsigned long)p + 8);
	KT_EXPECT_TRUE(t, host_log_contains(want));
	vfree(p);
	host_log_clear();
	vfree(p);
	snprintf(want, sizeof(want), "vfree: 0x%lx was already freed: double free of a vmalloc area",
		 (unsigned long)p);
	KT_EXPECT_TRUE(t, host_log_contains(want));
	VCHECK(t);
}

/* vmallocinfo: Linux's /proc/vmallocinfo lines, which parse back. */
KTEST(vmalloc_host, vmallocinfo_lines_parse)
{
	struct page *pg = alloc_page(GFP_KERNEL);
	void *v = vmalloc(2 * PAGE_SIZE);
	void *m = vmap(&pg, 1, VM_MAP, PAGE_KERNEL);
	void *io = ioremap(VM_MMIO_BASE + 0x20, 8);
	void *gone = vmalloc(PAGE_SIZE);
	const char *log, *line;
	char want[160];
	int lines = 0, seen_vmalloc = 0, seen_vmap = 0, seen_io = 0, seen_lazy = 0;

	KT_ASSERT_TRUE(t, pg && v && m && io && gone);
	vfree(gone);
	host_log_clear();
	vmallocinfo_show();
	log = host_log();

	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   12288 0x%lx pages=2 vmalloc\n",
		 (unsigned long)v, (unsigned long)v + 3 * PAGE_SIZE,
		 (unsigned long)find_vm_area(v)->caller);
	KT_EXPECT_TRUE(t, host_log_contains(want));
	snprintf(want, sizeof(want), "phys=0x%016llx ioremap\n",
		 (unsigned long long)VM_MMIO_BASE);
	KT_EXPECT_TRUE(t, host_log_contains(want));

	for (line = log; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		unsigned long s, e, size;
		char caller[40], rest[80] = "";
		const char *text = strstr(line, "] ");
		int n;

		if (!text)
			continue;
		text += 2;
		n = sscanf(text, "0x%lx-0x%lx %lu %39s %79[^\n]", &s, &e, &size, caller, rest);
		KT_ASSERT_GE(t, n, 4);
		lines++;
		KT_EXPECT_EQ(t, e - s, size);
		KT_EXPECT_TRUE(t, s >= VMALLOC_START && e <= VMALLOC_END);
		if (strstr(rest, "vmalloc"))
			seen_vmalloc++;
		if (strstr(rest, "vmap"))
			seen_vmap++;
		if (strstr(rest, "ioremap"))
			seen_io++;
		if (!strcmp(caller, "unpurged") && !strcmp(rest, "vm_area"))
			seen_lazy++;
	}
	KT_EXPECT_EQ(t, lines, 4);
	KT_EXPECT_EQ(t, seen_vmalloc, 1);
	KT_EXPECT_EQ(t, seen_vmap, 1);
	KT_EXPECT_EQ(t, seen_io, 1);
	KT_EXPECT_EQ(t, seen_lazy, 1);
	vfree(v);
	vunmap(m);
	iounmap(io);
	__free_page(pg);
}
