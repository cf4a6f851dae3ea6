// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `bench [page|kmalloc|vmalloc]`: small timing loops over the allocators'
 * fast paths, timed with arch_clock_ns():
 *
 *   page      alloc_page() + __free_page() pairs   (the per-CPU lists)
 *   kmalloc   kmalloc(64) + kfree() pairs          (the CPU's active slab)
 *   vmalloc   vmalloc(4 pages) + vfree() pairs     (tree search, mapping,
 *                                                   lazy purge)
 *
 * Each prints "bench: NAME: N pairs, T ns/pair".  After a short warm-up
 * the loop runs BENCH_ITERS times (vmalloc: a tenth).  Under QEMU with
 * -icount shift=0 guest time advances one nanosecond per instruction, so
 * the numbers are instruction counts and repeat exactly run to run; on
 * real hardware they are wall time and move with caches and the timer's
 * resolution.  tools/bench does the careful measurements; this is for
 * watching a change from the prompt.
 */
#include <kernel/monitor.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <asm/cpu.h>

#define BENCH_ITERS	10000
#define BENCH_WARMUP	64

static bool bench_page(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		if (!p)
			return false;
		__free_page(p);
	}
	return true;
}

static bool bench_kmalloc(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return false;
		kfree(p);
	}
	return true;
}

static bool bench_vmalloc(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		void *p = vmalloc(4 * PAGE_SIZE);

		if (!p)
			return false;
		vfree(p);
	}
	return true;
}

static const struct bench {
	const char *name;
	const char *what;
	bool (*run)(unsigned long n);
	unsigned long iters;
} benches[] = {
	{ "page", "alloc_page + __free_page", bench_page, BENCH_ITERS },
	{ "kmalloc", "kmalloc(64) + kfree", bench_kmalloc, BENCH_ITERS },
	{ "vmalloc", "vmalloc(4 pages) + vfree", bench_vmalloc, BENCH_ITERS / 10 },
};

static int run_bench(const struct bench *b)
{
	u64 t0, t1;

	if (!b->run(BENCH_WARMUP)) {
		pr_info("bench: %s: allocation failed during warm-up\n", b->name);
		return -ENOMEM;
	}
	t0 = arch_clock_ns();
	if (!b->run(b->iters)) {
		pr_info("bench: %s: allocation failed\n", b->name);
		return -ENOMEM;
	}
	t1 = arch_clock_ns();
	pr_info("bench: %-8s %6lu pairs of %-26s %8llu ns/pair\n", b->name, b->iters,
		b->what, (unsigned long long)((t1 - t0) / b->iters));
	return 0;
}

int monitor_cmd_bench(int argc, char **argv)
{
	int err = 0;

	if (argc > 2)
		return -EINVAL;
	for (unsigned int i = 0; i < ARRAY_SIZE(benches); i++) {
		if (argc == 2 && strcmp(argv[1], benches[i].name))
			continue;
		err = run_bench(&benches[i]);
		if (err || argc == 2)
			return err;
	}
	return argc == 2 ? -EINVAL : 0;
}
