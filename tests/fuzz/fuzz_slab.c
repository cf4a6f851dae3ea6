// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target `slab`: caches, kmalloc and the slab layer (mm/slab.c,
 * mm/kmalloc.c, mm/slab_debug.c) driven by an operation stream on a
 * fresh 16 MiB fake machine per input, with a shadow of every live object.
 *
 * The first byte chooses plain caches or slub_debug=FZPU for all of
 * them.  Operations: create caches (size, alignment, flags, constructor
 * from the input; invalid arguments must be refused), allocate from them
 * one at a time or in bulk, kmalloc/kzalloc/kcalloc/krealloc of any size
 * (8 KiB and up go to whole pages), ksize, free (one, in bulk, or with
 * kfree), shrink one cache or all, destroy caches (one that still has
 * objects must say so and stay usable for frees), play another CPU, and
 * inject failures (failslab and fail_page_alloc with seeds from the
 * input).
 *
 * Checked:
 *   - after every step slab_check_all() passes and no slub_debug report
 *     was printed (the harness never misuses the API);
 *   - every new object is aligned as its cache promises, lies inside a
 *     slab of that cache (or a page block for large kmallocs), overlaps
 *     no live object, is zeroed if asked and carries its constructor's
 *     pattern if it has one;
 *   - each live object is filled with its own pattern, verified when it
 *     is freed (and krealloc must keep the common prefix);
 *   - at the end everything is freed and every cache destroyed (no
 *     complaint), every CPU's active slabs flushed, and the page allocator
 *     has exactly as many free pages as right after kmem_cache_init().
 */
#include <kernel/kernel.h>
#include <kernel/errno.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/fail_inject.h>
#include <asm/cpu.h>
#include "fuzz.h"

#define RAM_BASE	0x80000000ULL
#define RAM_SIZE	(16 * SZ_1M)
#define MAX_CACHES	6
#define MAX_LIVE	512
#define CTOR_BYTE	0xc7

struct fcache {
	struct kmem_cache *s;
	unsigned int size, align;
	bool ctor;
	bool zombie;		/* destroy refused: only frees from now on */
};

struct obj {
	u8 *p;
	size_t size;		/* bytes the harness may use */
	int cache;		/* index into caches[], or -1 for kmalloc */
	u8 tag;
};

static struct fcache caches[MAX_CACHES];
static struct obj live[MAX_LIVE];
static unsigned int nlive;
static unsigned long base_free, base_reports;
static struct fuzz_input *in;
static u8 next_tag = 1;

static void ctor_fill(void *obj)
{
	struct page *slab = virt_to_slab(obj);

	memset(obj, CTOR_BYTE, slab->slab_cache->object_size);
}

/* ---- the machine ---- */

static void machine(bool debug)
{
	char opt[8];

	kmem_cache_reset();
	host_cpu_id = 0;
	host_mem_reset();
	memblock_reset();
	host_mem_map(RAM_BASE, RAM_SIZE);
	memblock_add(RAM_BASE, RAM_SIZE);
	snprintf(opt, sizeof(opt), "%s", debug ? "FZPU" : "-");
	setup_slub_debug(opt);
	if (zones_init())
		fuzz_fail("zones_init failed");
	memblock_free_all();
	if (kmem_cache_init())
		fuzz_fail("kmem_cache_init failed");
	memset(caches, 0, sizeof(caches));
	nlive = 0;
}

/* Flush every CPU's active slabs and free empty slabs. */
static void shrink_everywhere(void)
{
	int cpu = host_cpu_id;

	for (int c = 0; c < NR_CPUS; c++) {
		host_cpu_id = c;
		kmem_cache_shrink_all();
	}
	host_cpu_id = cpu;
}

/* ---- shadow ---- */

static void check_step(const char *what)
{
	if (slab_check_all())
		fuzz_fail("slab_check_all failed after %s", what);
	if (slab_bug_reports() != base_reports)
		fuzz_fail("a slub_debug report after %s", what);
}

static void fill(struct obj *o)
{
	for (size_t i = 0; i < o->size; i++)
		o->p[i] = (u8)(o->tag + i * 7);
}

static void verify(const struct obj *o, size_t upto, const char *when)
{
	for (size_t i = 0; i < min(upto, o->size); i++)
		if (o->p[i] != (u8)(o->tag + i * 7))
			fuzz_fail("object %p (%zu bytes) byte %zu changed %s",
				  o->p, o->size, i, when);
}

/* A new object: check and record it; false if the table is full. */
static bool track(void *p, size_t size, int cache, gfp_t gfp)
{
	struct obj *o;

	if (ZERO_OR_NULL_PTR(p))
		fuzz_fail("track(%p)", p);
	for (unsigned int i = 0; i < nlive; i++) {
		const struct obj *l = &live[i];

		if ((u8 *)p < l->p + l->size && l->p < (u8 *)p + size)
			fuzz_fail("new object %p+%zu overlaps live object %p+%zu",
				  p, size, l->p, l->size);
	}
	if (cache >= 0) {
		struct fcache *c = &caches[cache];
		struct page *slab = virt_to_slab(p);

		if (!PageSlab(slab) || slab->slab_cache != c->s ||
		    !slab_valid_object(c->s, slab, p))
			fuzz_fail("object %p is not an object of its cache", p);
		if (c->align && (unsigned long)p % c->align)
			fuzz_fail("object %p is not aligned to %u", p, c->align);
		if (c->ctor && !(gfp & __GFP_ZERO))
			for (size_t i = 0; i < size; i++)
				if (((u8 *)p)[i] != CTOR_BYTE)
					fuzz_fail("constructed object %p byte %zu is %#x",
						  p, i, ((u8 *)p)[i]);
	}
	if (gfp & __GFP_ZERO)
		for (size_t i = 0; i < size; i++)
			if (((u8 *)p)[i])
				fuzz_fail("zeroed object %p byte %zu is %#x", p, i, ((u8 *)p)[i]);
	if (size >= 8 && (unsigned long)p % 8)
		fuzz_fail("object %p of %zu bytes is not 8-byte aligned", p, size);
	if (nlive == MAX_LIVE)
		return false;
	o = &live[nlive++];
	o->p = p;
	o->size = size;
	o->cache = cache;
	o->tag = next_tag++;
	fill(o);
	return true;
}

/* Free live[i] (pattern checked first). */
static void release(unsigned int i)
{
	struct obj o = live[i];

	verify(&o, o.size, "while live");
	live[i] = live[--nlive];
	if (o.cache >= 0) {
		if (caches[o.cache].ctor)
			memset(o.p, CTOR_BYTE, o.size);	/* SLUB: give it back constructed */
		kmem_cache_free(caches[o.cache].s, o.p);
	} else {
		kfree(o.p);
	}
}

static unsigned int live_in(int cache)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < nlive; i++)
		n += live[i].cache == cache;
	return n;
}

/* ---- operations ---- */

static gfp_t read_gfp(void)
{
	unsigned int b = fz_u8(in);
	gfp_t gfp = GFP_KERNEL;

	if (b & 1)
		gfp |= __GFP_ZERO;
	if (b & 2)
		gfp |= __GFP_HIGH;
	if (!(b & 0x80) || fz_u8(in))
		gfp |= __GFP_NOWARN;
	return gfp;
}

static size_t read_size(void)
{
	unsigned int b = fz_u8(in);

	switch (b % 8) {
	case 0:
		return 0;
	case 1:
	case 2:
	case 3:
		return 1 + fz_below(in, 256);
	case 4:
	case 5:
		return 1 + fz_below(in, KMALLOC_MAX_CACHE_SIZE);
	case 6:
		return KMALLOC_MAX_CACHE_SIZE + fz_below(in, 4 * PAGE_SIZE);
	default:
		return (b & 8) ? KMALLOC_MAX_SIZE + 1 : 1 + fz_below(in, 64 * 1024);
	}
}

static void op_create(void)
{
	static const unsigned int aligns[] = { 0, 8, 16, 32, 64, 128, 256, 512,
					       4096, 3, 8192, 24 };
	static const slab_flags_t flag_bits[] = {
		SLAB_HWCACHE_ALIGN, SLAB_RECLAIM_ACCOUNT, SLAB_RED_ZONE,
		SLAB_POISON, SLAB_STORE_USER, SLAB_CONSISTENCY_CHECKS,
	};
	unsigned int slot = (unsigned int)fz_below(in, MAX_CACHES);
	unsigned int size = (unsigned int)fz_below(in, 12001);
	unsigned int align = aligns[fz_below(in, ARRAY_SIZE(aligns))];
	unsigned int fb = fz_u8(in);
	bool ctor = fz_u8(in) & 1;
	slab_flags_t flags = 0;
	bool valid = size && (!align || (is_power_of_2(align) && align <= PAGE_SIZE));
	struct kmem_cache *s;
	char name[16];

	if (caches[slot].s)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(flag_bits); i++)
		if (fb & (1u << i))
			flags |= flag_bits[i];
	snprintf(name, sizeof(name), "fz-%u", slot);
	s = kmem_cache_create(name, size, align, flags, ctor ? ctor_fill : NULL);
	if (s && !valid)
		fuzz_fail("kmem_cache_create(size %u, align %u) accepted bad arguments",
			  size, align);
	if (!s)
		return;		/* refused, or no memory */
	if (kmem_cache_size(s) != size)
		fuzz_fail("kmem_cache_size %u, asked for %u", kmem_cache_size(s), size);
	caches[slot] = (struct fcache){ .s = s, .size = size, .align = align,
					.ctor = ctor };
}

static void op_cache_alloc(void)
{
	unsigned int slot = (unsigned int)fz_below(in, MAX_CACHES);
	struct fcache *c = &caches[slot];
	gfp_t gfp = read_gfp();
	void *p;

	if (!c->s || c->zombie)
		return;
	if (fz_u8(in) & 1) {
		p = kmem_cache_zalloc(c->s, gfp);
		gfp |= __GFP_ZERO;
	} else {
		p = kmem_cache_alloc(c->s, gfp);
	}
	if (!p)
		return;
	if (!track(p, c->size, (int)slot, gfp)) {
		if (c->ctor)
			memset(p, CTOR_BYTE, c->size);
		kmem_cache_free(c->s, p);
	}
}

static void op_bulk(void)
{
	unsigned int slot = (unsigned int)fz_below(in, MAX_CACHES);
	struct fcache *c = &caches[slot];
	size_t n = 1 + fz_below(in, 32);
	void *p[32];

	if (!c->s || c->zombie)
		return;
	if (fz_u8(in) & 1) {	/* free up to n live objects of this cache in one go */
		size_t k = 0;

		for (unsigned int i = 0; i < nlive && k < n;) {
			if (live[i].cache != (int)slot) {
				i++;
				continue;
			}
			verify(&live[i], live[i].size, "before a bulk free");
			if (c->ctor)
				memset(live[i].p, CTOR_BYTE, live[i].size);
			p[k++] = live[i].p;
			live[i] = live[--nlive];
		}
		kmem_cache_free_bulk(c->s, k, p);
		return;
	}
	if (kmem_cache_alloc_bulk(c->s, GFP_KERNEL | __GFP_NOWARN, n, p) != (int)n)
		return;		/* all or nothing */
	for (size_t i = 0; i < n; i++) {
		if (!track(p[i], c->size, (int)slot, GFP_KERNEL)) {
			if (c->ctor)
				memset(p[i], CTOR_BYTE, c->size);
			kmem_cache_free(c->s, p[i]);
		}
	}
}

static void op_kmalloc(void)
{
	size_t size = read_size();
	gfp_t gfp = read_gfp();
	unsigned int how = fz_u8(in) % 3;
	void *p;

	if (how == 2) {		/* kcalloc, sometimes with a product that overflows */
		size_t n = 1 + fz_below(in, 16);

		if (fz_u8(in) % 8 == 0) {
			if (kcalloc(SIZE_MAX / 2, 4, gfp))
				fuzz_fail("kcalloc with an overflowing product succeeded");
			return;
		}
		size = size / n;
		p = kcalloc(n, size, gfp);
		size *= n;
		gfp |= __GFP_ZERO;
	} else {
		p = how ? kzalloc(size, gfp) : kmalloc(size, gfp);
		if (how)
			gfp |= __GFP_ZERO;
	}
	if (!size) {
		if (p != ZERO_SIZE_PTR)
			fuzz_fail("a 0-byte kmalloc returned %p", p);
		return;
	}
	if (size > KMALLOC_MAX_SIZE) {
		if (p)
			fuzz_fail("kmalloc(%zu) above KMALLOC_MAX_SIZE succeeded", size);
		return;
	}
	if (!p)
		return;
	if (ksize(p) < size)
		fuzz_fail("ksize %zu < %zu requested", ksize(p), size);
	if (!track(p, size, -1, gfp))
		kfree(p);
}

static void op_krealloc(void)
{
	unsigned int i;
	size_t new_size = read_size();
	struct obj *o;
	u8 *np;

	if (!nlive)
		return;
	i = (unsigned int)fz_below(in, nlive);
	o = &live[i];
	if (o->cache >= 0 || new_size > KMALLOC_MAX_SIZE)
		return;
	verify(o, o->size, "before krealloc");
	np = krealloc(o->p, new_size, GFP_KERNEL | __GFP_NOWARN);
	if (!new_size) {
		if (np != ZERO_SIZE_PTR)
			fuzz_fail("krealloc to 0 returned %p", np);
		live[i] = live[--nlive];
		return;
	}
	if (!np) {
		verify(o, o->size, "after a failed krealloc");
		return;
	}
	/* Forget the old object, keep its prefix, check it moved intact. */
	{
		struct obj old = *o;

		live[i] = live[--nlive];
		for (size_t k = 0; k < min(old.size, new_size); k++)
			if (np[k] != (u8)(old.tag + k * 7))
				fuzz_fail("krealloc lost byte %zu", k);
		if (!track(np, new_size, -1, 0))
			kfree(np);
	}
}

static void op_destroy(void)
{
	unsigned int slot = (unsigned int)fz_below(in, MAX_CACHES);
	struct fcache *c = &caches[slot];
	unsigned long reports = slab_bug_reports();

	if (!c->s)
		return;
	host_log_clear();
	kmem_cache_destroy(c->s);
	if (live_in((int)slot)) {
		if (!host_log_contains("Slab cache still has objects"))
			fuzz_fail("destroying a cache with objects said nothing");
		/* That report is expected; the cache stays for the frees. */
		base_reports += slab_bug_reports() - reports;
		c->zombie = true;
		return;
	}
	if (host_log_contains("still has objects"))
		fuzz_fail("an empty cache claims to have objects");
	memset(c, 0, sizeof(*c));
}

static void step(void)
{
	unsigned int op = fz_u8(in) % 16;

	switch (op) {
	case 0:
		op_create();
		break;
	case 1:
	case 2:
	case 3:
		op_cache_alloc();
		break;
	case 4:
		op_bulk();
		break;
	case 5:
	case 6:
		op_kmalloc();
		break;
	case 7:
		op_krealloc();
		break;
	case 8:
	case 9:
	case 10:
		if (nlive)
			release((unsigned int)fz_below(in, nlive));
		break;
	case 11: {	/* ksize: the whole size class is usable */
		struct obj *o;
		size_t ks;

		if (!nlive)
			break;
		o = &live[fz_below(in, nlive)];
		if (o->cache >= 0)
			break;
		verify(o, o->size, "before ksize");
		ks = ksize(o->p);
		if (ks < o->size)
			fuzz_fail("ksize shrank an object");
		o->size = ks;
		fill(o);
		break;
	}
	case 12: {
		unsigned int slot = (unsigned int)fz_below(in, MAX_CACHES + 1);

		if (slot == MAX_CACHES)
			kmem_cache_shrink_all();
		else
			kmem_cache_shrink(caches[slot].s ? caches[slot].s :
					  kmalloc_caches[3 + slot]);
		break;
	}
	case 13:
		op_destroy();
		break;
	case 14:
		host_cpu_id = (int)fz_below(in, NR_CPUS);
		break;
	default: {
		unsigned int b = fz_u8(in);

		if (b & 1) {
			fail_inject_set(&failslab, fz_below(in, 101), fz_u8(in));
			fail_inject_set(&fail_page_alloc, fz_below(in, 101), fz_u8(in));
			fail_inject_enable();
		} else {
			fail_inject_disable();
		}
		break;
	}
	}
	check_step("a step");
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_input input = { data, size };
	unsigned int steps = 0;

	fuzz_host_init();
	host_mem_recycle = true;	/* RAM zeroed in place, not faulted in again */
	host_log_clear();
	in = &input;
	fail_inject_disable();
	machine(fz_u8(in) % 4 == 0);
	shrink_everywhere();
	base_free = nr_free_pages();
	base_reports = slab_bug_reports();
	check_step("boot");

	while (!fz_empty(in) && steps++ < 2048)
		step();

	fail_inject_disable();
	while (nlive)
		release(nlive - 1);
	for (int i = 0; i < MAX_CACHES; i++) {
		if (!caches[i].s)
			continue;
		host_log_clear();
		kmem_cache_destroy(caches[i].s);
		if (host_log_contains("still has objects"))
			fuzz_fail("cache %d still has objects after every free", i);
	}
	shrink_everywhere();
	check_step("freeing everything");
	drain_all_pages(NULL);
	if (nr_free_pages() != base_free)
		fuzz_fail("%lu pages free after freeing everything, %lu after boot",
			  nr_free_pages(), base_free);
	host_cpu_id = 0;
	return 0;
}
