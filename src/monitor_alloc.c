// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Allocating at the prompt: `alloc`, `free`, `held`, and the `frag`
 * workload.  What the user holds is a table in kmalloc'ed memory, one
 * entry per object; every `alloc` command gets a new handle, shared by
 * the n objects it took:
 *
 *   mm> alloc pages 2 4
 *   alloc: handle 1: 4 x pages order 2 (16384 bytes each): pfn 0x9fc10 0x9fc14 ...
 *   mm> held
 *     handle 1: pages order 2, 4 x 16384 bytes = 65536 bytes; first pfn 0x9fc10
 *   mm> free 1
 *
 * The table starts with HELD_INITIAL entries, allocated when the monitor
 * starts (so the first allocations move no counter but their own), and
 * doubles with krealloc up to HELD_MAX.  One command takes at most
 * ALLOC_MAX_N objects; an allocation that fails stops the command and
 * keeps what it got.
 *
 * frag <seed> allocates order-0 pages (a quarter of free memory, at most
 * FRAG_MAX_PAGES), gives back a pseudo-random 7 of every 8 (xorshift64*
 * from @seed), keeps the rest as long-lived pins, and drains the per-CPU
 * lists so the holes show in buddyinfo and freeblocks.  `frag release`
 * frees the pins and drains again, and the buddy allocator merges
 * everything back.
 *
 * Locking: none of its own (the monitor is single-threaded); the
 * allocators lock themselves.
 */
#include <kernel/monitor.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/page.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define HELD_INITIAL	256
#define HELD_MAX	65536
#define ALLOC_MAX_N	4096
#define ALLOC_SHOW	8		/* addresses printed per alloc */
#define FRAG_MAX_PAGES	16384		/* 64 MiB of 4 KiB pages */
#define FRAG_KEEP_ONE_IN	8

enum held_kind { HELD_PAGES, HELD_KMALLOC, HELD_VMALLOC };

static const char *const held_kind_names[] = {
	[HELD_PAGES]	= "pages",
	[HELD_KMALLOC]	= "kmalloc",
	[HELD_VMALLOC]	= "vmalloc",
};

struct held {
	unsigned int handle;
	enum held_kind kind;
	unsigned long size;	/* bytes (pages: PAGE_SIZE << order) */
	void *ptr;		/* struct page *, or the address */
};

static struct held *held;
static unsigned long held_nr, held_cap;
static unsigned int next_handle = 1;

static struct page **frag_pages;
static unsigned long frag_nr;

int monitor_alloc_init(void)
{
	held = kmalloc_array(HELD_INITIAL, sizeof(*held), GFP_KERNEL);
	if (!held)
		return -ENOMEM;
	held_cap = HELD_INITIAL;
	return 0;
}

/* Room for @n more entries; false after saying why not. */
static bool held_reserve(unsigned long n)
{
	unsigned long cap = held_cap ? held_cap : HELD_INITIAL;
	struct held *bigger;

	if (held_nr + n <= held_cap)
		return true;
	while (cap < held_nr + n)
		cap *= 2;
	if (cap > HELD_MAX) {
		pr_info("alloc: the table holds at most %d objects (%lu held); free some first\n",
			HELD_MAX, held_nr);
		return false;
	}
	bigger = krealloc(held, cap * sizeof(*held), GFP_KERNEL);
	if (!bigger) {
		pr_info("alloc: no memory to grow the table to %lu entries\n", cap);
		return false;
	}
	held = bigger;
	held_cap = cap;
	return true;
}

static void held_release(const struct held *h)
{
	switch (h->kind) {
	case HELD_PAGES:
		__free_pages(h->ptr, get_order(h->size));
		break;
	case HELD_KMALLOC:
		kfree(h->ptr);
		break;
	case HELD_VMALLOC:
		vfree(h->ptr);
		break;
	}
}

static void print_where(char *buf, size_t size, const struct held *h)
{
	if (h->kind == HELD_PAGES)
		scnprintf(buf, size, "pfn 0x%lx", page_to_pfn((struct page *)h->ptr));
	else
		scnprintf(buf, size, "va 0x%lx", (unsigned long)h->ptr);
}

static const char *describe(char *buf, size_t size, const struct held *h)
{
	if (h->kind == HELD_PAGES)
		scnprintf(buf, size, "pages order %u", get_order(h->size));
	else
		scnprintf(buf, size, "%s %lu", held_kind_names[h->kind], h->size);
	return buf;
}

static int do_alloc(enum held_kind kind, unsigned long size, unsigned long n)
{
	unsigned int handle = next_handle;
	char line[320], what[40];
	unsigned long got = 0;
	size_t len;

	if (!held_reserve(n))
		return -ENOMEM;
	for (; got < n; got++) {
		struct held *h = &held[held_nr];
		void *p = NULL;

		switch (kind) {
		case HELD_PAGES:
			p = alloc_pages(GFP_KERNEL, get_order(size));
			break;
		case HELD_KMALLOC:
			p = kmalloc(size, GFP_KERNEL);
			break;
		case HELD_VMALLOC:
			p = vmalloc(size);
			break;
		}
		if (!p)
			break;
		*h = (struct held){ handle, kind, size, p };
		held_nr++;
	}
	if (!got) {
		pr_info("alloc: %s failed: out of memory\n",
			describe(what, sizeof(what), &(struct held){ 0, kind, size, NULL }));
		return -ENOMEM;
	}
	next_handle++;
	len = scnprintf(line, sizeof(line), "alloc: handle %u: %lu x %s (%lu bytes each):",
			handle, got, describe(what, sizeof(what), &held[held_nr - got]), size);
	for (unsigned long i = 0; i < got && i < ALLOC_SHOW; i++) {
		const struct held *h = &held[held_nr - got + i];

		if (kind == HELD_PAGES)
			len += scnprintf(line + len, sizeof(line) - len, " %s0x%lx",
					 i ? "" : "pfn ", page_to_pfn((struct page *)h->ptr));
		else
			len += scnprintf(line + len, sizeof(line) - len, " 0x%lx",
					 (unsigned long)h->ptr);
	}
	pr_info("%s%s\n", line, got > ALLOC_SHOW ? " ..." : "");
	if (got < n)
		pr_info("alloc: only %lu of %lu succeeded: out of memory\n", got, n);
	return 0;
}

int monitor_cmd_alloc(int argc, char **argv)
{
	enum held_kind kind;
	u64 a, n = 1;

	if (argc < 3 || argc > 4)
		return -EINVAL;
	if (!strcmp(argv[1], "pages")) {
		if (!monitor_parse_range(argv[2], 0, MAX_ORDER, &a))
			return -EINVAL;
		kind = HELD_PAGES;
		a = PAGE_SIZE << a;
	} else if (!strcmp(argv[1], "kmalloc")) {
		if (!monitor_parse_range(argv[2], 1, KMALLOC_MAX_SIZE, &a))
			return -EINVAL;
		kind = HELD_KMALLOC;
	} else if (!strcmp(argv[1], "vmalloc")) {
		if (argc != 3 || !monitor_parse_range(argv[2], 1, VMALLOC_TOTAL, &a))
			return -EINVAL;
		kind = HELD_VMALLOC;
	} else {
		return -EINVAL;
	}
	if (argc == 4 && !monitor_parse_range(argv[3], 1, ALLOC_MAX_N, &n))
		return -EINVAL;
	/* The arguments are good: only now may the table be needed. */
	if (!held && monitor_alloc_init()) {
		pr_info("alloc: no memory for the table of held allocations\n");
		return -ENOMEM;
	}
	return do_alloc(kind, a, n);
}

/* Free every object of @handle (0: all); returns how many. */
static unsigned long free_handle(unsigned int handle)
{
	unsigned long kept = 0, freed = 0;

	for (unsigned long i = 0; i < held_nr; i++) {
		if (!handle || held[i].handle == handle) {
			held_release(&held[i]);
			freed++;
		} else {
			held[kept++] = held[i];
		}
	}
	held_nr = kept;
	return freed;
}

int monitor_cmd_free(int argc, char **argv)
{
	unsigned long freed;
	u64 handle;

	if (argc != 2)
		return -EINVAL;
	if (!strcmp(argv[1], "all")) {
		freed = free_handle(0);
		pr_info("free: %lu objects freed\n", freed);
		return 0;
	}
	if (!monitor_parse_range(argv[1], 1, UINT_MAX, &handle))
		return -EINVAL;
	freed = free_handle((unsigned int)handle);
	if (!freed) {
		pr_info("free: no handle %llu ('held' lists them)\n",
			(unsigned long long)handle);
		return -ENOENT;
	}
	pr_info("free: handle %llu: %lu objects freed\n", (unsigned long long)handle,
		freed);
	return 0;
}

int monitor_cmd_held(int argc, char **argv)
{
	unsigned long total = 0, handles = 0;
	char what[40], where[40];

	(void)argv;
	if (argc != 1)
		return -EINVAL;
	for (unsigned long i = 0; i < held_nr;) {
		const struct held *h = &held[i];
		unsigned long j = i, bytes = 0;

		/* One handle's objects are adjacent: they were appended together. */
		while (j < held_nr && held[j].handle == h->handle)
			bytes += held[j++].size;
		print_where(where, sizeof(where), h);
		pr_info("  handle %u: %s, %lu x %lu bytes = %lu bytes; first %s\n", h->handle,
			describe(what, sizeof(what), h), j - i, h->size, bytes, where);
		total += bytes;
		handles++;
		i = j;
	}
	if (frag_nr)
		pr_info("  frag: %lu order-0 pages = %lu bytes ('frag release')\n", frag_nr,
			frag_nr * PAGE_SIZE);
	pr_info("held: %lu handles, %lu objects, %lu bytes\n", handles, held_nr, total);
	return 0;
}

/* ---- frag ---- */

/* xorshift64*: small, and the same sequence for the same seed everywhere. */
static u64 frag_rand(u64 *state)
{
	u64 x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static int frag_release(void)
{
	unsigned long n = frag_nr;

	if (!frag_pages) {
		pr_info("frag: nothing held\n");
		return 0;
	}
	for (unsigned long i = 0; i < frag_nr; i++)
		__free_page(frag_pages[i]);
	kfree(frag_pages);
	frag_pages = NULL;
	frag_nr = 0;
	drain_all_pages(NULL);
	pr_info("frag: released %lu pages; per-CPU lists drained\n", n);
	return 0;
}

int monitor_cmd_frag(int argc, char **argv)
{
	unsigned long want, got, keep = 0;
	u64 seed, state;

	if (argc != 2)
		return -EINVAL;
	if (!strcmp(argv[1], "release"))
		return frag_release();
	if (!monitor_parse_u64(argv[1], &seed))
		return -EINVAL;
	if (frag_pages) {
		pr_info("frag: already holding %lu pages; 'frag release' first\n", frag_nr);
		return -EBUSY;
	}
	want = min(nr_free_pages() / 4, (unsigned long)FRAG_MAX_PAGES);
	frag_pages = want ? kmalloc_array(want, sizeof(*frag_pages),
					  GFP_KERNEL | __GFP_NOWARN) : NULL;
	if (!frag_pages) {
		pr_info("frag: no memory for the page array (%lu pages wanted)\n", want);
		return -ENOMEM;
	}
	for (got = 0; got < want; got++) {
		frag_pages[got] = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!frag_pages[got])
			break;
	}
	state = seed ? seed : 0x9e3779b97f4a7c15ULL;
	for (unsigned long i = 0; i < got; i++) {
		if (frag_rand(&state) % FRAG_KEEP_ONE_IN == 0)
			frag_pages[keep++] = frag_pages[i];
		else
			__free_page(frag_pages[i]);
	}
	frag_nr = keep;
	drain_all_pages(NULL);
	pr_info("frag: seed %llu: allocated %lu order-0 pages (%lu KiB), freed %lu at random, "
		"holding %lu; per-CPU lists drained\n", (unsigned long long)seed, got,
		got * (PAGE_SIZE >> 10), got - keep, keep);
	return 0;
}
