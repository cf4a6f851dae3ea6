// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock: the boot-time map of physical memory and its first allocator.
 *
 * What it owns
 *   Two arrays of [base, base + size) regions, kept sorted by base, free of
 *   overlaps, and merged wherever two neighbours touch and agree on node
 *   and flags:
 *
 *     memblock.memory    RAM the firmware described (DT memory nodes, E820)
 *     memblock.reserved  the parts of it already spoken for
 *
 *     memory    |=======================|      |==========|
 *     reserved       |===|     |==|                 |=|
 *     free      |====|   |=====|  |=====|      |====| |===|
 *
 *   "Free" is memory minus reserved; memblock_alloc*() picks a free range
 *   (the highest one by default, the lowest after memblock_set_bottom_up),
 *   reserves it and returns it.
 *
 * Who calls it, when
 *   The DT scan (or the arch's memory map) adds memory and reserves the
 *   kernel image, the DTB, the initrd and firmware ranges; `mem=` trims
 *   memory; early page-table setup and the memmap allocate from it; at the
 *   end of boot every free range is handed to the buddy allocator.  The
 *   arrays stay readable afterwards for the `memblock` monitor command.
 *
 * Storage
 *   Each array starts as a static table of INIT_MEMBLOCK_REGIONS entries.
 *   Once memblock_allow_resize() has been called (when the reserved map is
 *   trustworthy) a full table doubles: the new table is carved out of free
 *   memory by memblock itself, reached through __va(), and reserved.
 *
 * Locking: none.  Boot is single-threaded while memblock changes, and
 * nothing changes it after the buddy allocator takes over.
 */
#include <mm/memblock.h>
#include <mm/mm_checks.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/cmdline.h>
#include <asm/page.h>

/*
 * memblock_alloc_low() stays below 4 GiB (for devices with 32-bit DMA).
 * Linux passes 0xffffffff as the exclusive end; Arbor's ranges are
 * half-open, so the end is 4 GiB itself.
 */
#define MEMBLOCK_LOW_END	SZ_4G

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_RESERVED_REGIONS];

struct memblock memblock = {
	.bottom_up		= false,
	.current_limit		= MEMBLOCK_ALLOC_ANYWHERE,
	.memory = {
		.regions	= memblock_memory_init_regions,
		.max		= INIT_MEMBLOCK_REGIONS,
		.name		= "memory",
	},
	.reserved = {
		.regions	= memblock_reserved_init_regions,
		.max		= INIT_MEMBLOCK_RESERVED_REGIONS,
		.name		= "reserved",
	},
};

bool memblock_debug;

/* Set by memblock_allow_resize(): full arrays may then double. */
static bool memblock_can_resize;

/*
 * Linux's `movable_node`: keep hotpluggable memory out of boot
 * allocations.  Arbor has no hotplug, so it stays off; the iterators honour
 * it so MEMBLOCK_HOTPLUG means what it means on Linux.
 */
static bool movable_node_enabled;

#define memblock_dbg(fmt, ...)						\
	do {								\
		if (memblock_debug)					\
			pr_info(fmt, ##__VA_ARGS__);			\
	} while (0)

#define RET_IP	((unsigned long)__builtin_return_address(0))

/* Linux's memblock=debug line for an API call on [base, base + size),
 * naming the function and its caller. */
#define memblock_dbg_range(base, size)					\
	memblock_dbg("%s: [0x%016llx-0x%016llx] 0x%lx\n", __func__,	\
		     ull(base), ull((base) + (size) - 1), RET_IP)

static inline unsigned long long ull(phys_addr_t v)
{
	return (unsigned long long)v;
}

static inline bool numa_valid_node(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES;
}

/*
 * Shrink @size so [base, base + size) ends at the top of the physical
 * address space at the latest instead of wrapping around to 0.
 */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t size)
{
	return min(size, PHYS_ADDR_MAX - base);
}

static inline bool memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
					  phys_addr_t base2, phys_addr_t size2)
{
	return base1 < base2 + size2 && base2 < base1 + size1;
}

static void memblock_clear_type(struct memblock_type *type,
				struct memblock_region *init_regions,
				unsigned long init_max, const char *name)
{
	memset(init_regions, 0, init_max * sizeof(*init_regions));
	init_regions[0].nid = MAX_NUMNODES;
	type->regions = init_regions;
	type->cnt = 0;
	type->max = init_max;
	type->total_size = 0;
	type->name = name;
}

/*
 * memblock_reset - forget every region and return to the static arrays.
 *
 * Any array that was doubled is dropped without being freed (the memory it
 * lived in is forgotten together with everything else).  The direction
 * goes back to top-down, the limit to MEMBLOCK_ALLOC_ANYWHERE, and arrays
 * may not grow until memblock_allow_resize() is called again.
 * memblock_debug is left alone: `memblock=debug` may already be parsed.
 */
void memblock_reset(void)
{
	memblock_clear_type(&memblock.memory, memblock_memory_init_regions,
			    INIT_MEMBLOCK_REGIONS, "memory");
	memblock_clear_type(&memblock.reserved, memblock_reserved_init_regions,
			    INIT_MEMBLOCK_RESERVED_REGIONS, "reserved");
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_can_resize = false;
}

/* ---- array primitives ---- */

/* Insert a region at index @idx; the caller made sure there is room. */
static void memblock_insert_region(struct memblock_type *type,
				   unsigned long idx, phys_addr_t base,
				   phys_addr_t size, int nid,
				   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	if (WARN_ON(type->cnt >= type->max))
		return;
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	rgn->nid = nid;
	type->cnt++;
	type->total_size += size;
}

static void memblock_remove_region(struct memblock_type *type, unsigned long idx)
{
	struct memblock_region *rgn = &type->regions[idx];

	type->total_size -= rgn->size;
	memmove(rgn, rgn + 1, (type->cnt - idx - 1) * sizeof(*rgn));
	type->cnt--;

	/* An empty array keeps a clean slot 0, as after memblock_reset(). */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = MEMBLOCK_NONE;
		type->regions[0].nid = MAX_NUMNODES;
	}
}

/* Join every pair of neighbours that touch and agree on node and flags. */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = this + 1;

		if (this->base + this->size != next->base ||
		    this->nid != next->nid || this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1, (type->cnt - i - 2) * sizeof(*next));
		type->cnt--;
	}
}

/* Index of the region of @type holding @addr, or -1. */
static long memblock_search(const struct memblock_type *type, phys_addr_t addr)
{
	unsigned long lo = 0, hi = type->cnt;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		const struct memblock_region *r = &type->regions[mid];

		if (addr < r->base)
			hi = mid;
		else if (addr >= r->base + r->size)
			lo = mid + 1;
		else
			return (long)mid;
	}
	return -1;
}

/* ---- allocation of free ranges (used by the allocators and doubling) ---- */

/* Lowest @align-aligned fit for @size within [start, end), or 0. */
static phys_addr_t memblock_find_bottom_up(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		cand = ALIGN(this_start, align);
		if (cand < this_start)		/* aligning wrapped past the top */
			continue;
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

/* Highest @align-aligned fit for @size within [start, end), or 0. */
static phys_addr_t memblock_find_top_down(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end,
					NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		if (this_end < size)
			continue;
		cand = ALIGN_DOWN(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/*
 * Find (without reserving) a free, @align-aligned range of @size bytes in
 * [start, end) on node @nid.  end == MEMBLOCK_ALLOC_ACCESSIBLE means
 * current_limit.  The first page is never returned, so 0 can mean failure.
 */
static phys_addr_t memblock_find_in_range_node(phys_addr_t size,
					       phys_addr_t align,
					       phys_addr_t start,
					       phys_addr_t end, int nid,
					       enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;
	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);

	if (memblock.bottom_up)
		return memblock_find_bottom_up(start, end, size, align, nid,
					       flags);
	return memblock_find_top_down(start, end, size, align, nid, flags);
}

/* ---- growing the arrays ---- */

/*
 * Double @type's array.  [avoid_base, avoid_base + avoid_size) is the range
 * the caller is about to add, reserve or change: the new array must not
 * land there.  Returns 0 or -ENOMEM.
 */
static int memblock_double_array(struct memblock_type *type,
				 phys_addr_t avoid_base, phys_addr_t avoid_size)
{
	struct memblock_region *old_array = type->regions, *new_array;
	phys_addr_t old_size = type->max * sizeof(struct memblock_region);
	phys_addr_t new_size = old_size * 2;
	phys_addr_t old_alloc = ALIGN(old_size, (phys_addr_t)PAGE_SIZE);
	phys_addr_t new_alloc = ALIGN(new_size, (phys_addr_t)PAGE_SIZE);
	phys_addr_t addr;

	if (!memblock_can_resize) {
		pr_err("memblock: %s array is full (%lu regions) and cannot grow before memblock_allow_resize(); raise INIT_MEMBLOCK_REGIONS or merge ranges\n",
		       type->name, type->max);
		return -ENOMEM;
	}

	/* Prefer room above the range in flight, then below it. */
	addr = memblock_find_in_range_node(new_alloc, PAGE_SIZE,
					   avoid_base + avoid_size,
					   memblock.current_limit,
					   NUMA_NO_NODE, MEMBLOCK_NONE);
	if (!addr && avoid_size)
		addr = memblock_find_in_range_node(new_alloc, PAGE_SIZE, 0,
						   min(avoid_base,
						       memblock.current_limit),
						   NUMA_NO_NODE, MEMBLOCK_NONE);
	if (!addr) {
		pr_err("memblock: failed to double %s array from %lu to %lu entries: no free %llu bytes below 0x%016llx\n",
		       type->name, type->max, type->max * 2, ull(new_alloc),
		       ull(memblock.current_limit));
		return -ENOMEM;
	}

	memblock_dbg("memblock: %s is doubled to %lu at [0x%016llx-0x%016llx]\n",
		     type->name, type->max * 2, ull(addr),
		     ull(addr + new_size - 1));

	new_array = __va(addr);
	memcpy(new_array, old_array, old_size);
	memset((char *)new_array + old_size, 0, new_size - old_size);
	type->regions = new_array;
	type->max *= 2;

	/*
	 * Free the old array first (a static table was never reserved), then
	 * reserve the new one.  Either may split a reserved region; when
	 * @type is the reserved array it now has room, and when it is the
	 * memory array, growing the reserved array recurses safely.
	 */
	if (old_array != memblock_memory_init_regions &&
	    old_array != memblock_reserved_init_regions)
		memblock_free(old_array, old_alloc);
	if (memblock_reserve(addr, new_alloc)) {
		/* Cannot happen: the reserved array has room by now. */
		pr_err("memblock: cannot reserve the new %s array at 0x%016llx\n",
		       type->name, ull(addr));
		return -ENOMEM;
	}
	return 0;
}

/* ---- adding, isolating, removing ---- */

/*
 * Walk the parts of [base, end) that no region of @type covers.  With
 * @insert false, only count them; with @insert true, insert each as a
 * region with @nid and @flags.  Returns the number of parts.
 */
static unsigned long memblock_fill_gaps(struct memblock_type *type,
					phys_addr_t base, phys_addr_t end,
					int nid, enum memblock_flags flags,
					bool insert)
{
	unsigned long i, nr = 0;

	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *rgn = &type->regions[i];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase > base) {
			nr++;
			if (insert) {
				memblock_insert_region(type, i, base,
						       rbase - base, nid, flags);
				i++;
			}
		}
		base = min(rend, end);
	}
	if (base < end) {
		nr++;
		if (insert)
			memblock_insert_region(type, i, base, end - base, nid,
					       flags);
	}
	return nr;
}

/*
 * Add [base, base + size) to @type.  Parts already covered keep their
 * node and flags; the rest gets @nid and @flags.  The array is merged
 * afterwards.  Returns 0 or -ENOMEM.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, int nid,
			      enum memblock_flags flags)
{
	phys_addr_t end;
	unsigned long nr;

	size = memblock_cap_size(base, size);
	if (!size)
		return 0;
	end = base + size;

	/*
	 * Count, grow, and count again: growing can itself change this
	 * array (the new table is reserved, the old one freed).
	 */
	for (;;) {
		nr = memblock_fill_gaps(type, base, end, nid, flags, false);
		if (!nr)
			return 0;
		if (type->cnt + nr <= type->max)
			break;
		if (memblock_double_array(type, base, size))
			return -ENOMEM;
	}
	memblock_fill_gaps(type, base, end, nid, flags, true);
	memblock_merge_regions(type);
	return 0;
}

/*
 * Split the regions of @type at @base and @base + @size so that the range
 * is covered by whole regions, [*start_rgn, *end_rgn).  Both are 0 when
 * nothing overlaps.  Returns 0 or -ENOMEM.
 */
static int memblock_isolate_range(struct memblock_type *type,
				  phys_addr_t base, phys_addr_t size,
				  unsigned long *start_rgn,
				  unsigned long *end_rgn)
{
	phys_addr_t end;
	unsigned long i, splits;

	*start_rgn = *end_rgn = 0;
	size = memblock_cap_size(base, size);
	if (!size)
		return 0;
	end = base + size;

	for (;;) {
		splits = 0;
		for (i = 0; i < type->cnt; i++) {
			phys_addr_t rbase = type->regions[i].base;
			phys_addr_t rend = rbase + type->regions[i].size;

			if (rbase < base && base < rend)
				splits++;
			if (rbase < end && end < rend)
				splits++;
		}
		if (type->cnt + splits <= type->max)
			break;
		if (memblock_double_array(type, base, size))
			return -ENOMEM;
	}

	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *rgn = &type->regions[i];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;
		int nid = rgn->nid;
		enum memblock_flags flags = rgn->flags;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/*
			 * Cut [rbase, base) off the front; the rest moves to
			 * i + 1 and is looked at on the next pass.
			 */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, i, rbase, base - rbase,
					       nid, flags);
		} else if (rend > end) {
			/* Cut [end, rend) off the back: [rbase, end) stays at i. */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, i, rbase, end - rbase,
					       nid, flags);
			if (!*end_rgn)
				*start_rgn = i;
			*end_rgn = i + 1;
			break;
		} else {
			if (!*end_rgn)
				*start_rgn = i;
			*end_rgn = i + 1;
		}
	}
	return 0;
}

static int memblock_remove_range(struct memblock_type *type,
				 phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn, i;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = end_rgn; i > start_rgn; i--)
		memblock_remove_region(type, i - 1);
	return 0;
}

/*
 * memblock_add_node - add memory on node @nid with @flags.
 *
 * Used by the DT scan (nid 0 when the DT has no numa-node-id).  Returns 0,
 * or -ENOMEM if the memory array is full and cannot grow.
 */
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags)
{
	memblock_dbg("%s: [0x%016llx-0x%016llx] nid=%d flags=%x 0x%lx\n",
		     __func__, ull(base), ull(base + size - 1), nid, flags,
		     RET_IP);
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/*
 * memblock_add - add memory with no node (nid MAX_NUMNODES) and no flags.
 *
 * Overlaps with known memory are fine.  Returns 0, or -ENOMEM if the
 * memory array is full and cannot grow.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(base, size);
	return memblock_add_range(&memblock.memory, base, size, MAX_NUMNODES,
				  MEMBLOCK_NONE);
}

/*
 * memblock_remove - forget the memory in [base, base + size).
 *
 * Reserved regions are left as they are.  Returns 0, or -ENOMEM if
 * splitting a region needs a slot the array cannot provide.
 */
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(base, size);
	return memblock_remove_range(&memblock.memory, base, size);
}

/*
 * memblock_reserve - mark [base, base + size) as in use.
 *
 * The range need not be memory.  Returns 0, or -ENOMEM if the reserved
 * array is full and cannot grow.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(base, size);
	return memblock_add_range(&memblock.reserved, base, size, MAX_NUMNODES,
				  MEMBLOCK_NONE);
}

/*
 * memblock_phys_free - give back a reserved range (the opposite of
 * memblock_reserve/memblock_phys_alloc).
 *
 * Returns 0, or -ENOMEM if splitting a reserved region needs a slot the
 * array cannot provide.
 */
int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(base, size);
	return memblock_remove_range(&memblock.reserved, base, size);
}

/*
 * memblock_free - give back what memblock_alloc*() returned.
 *
 * @ptr is a linear-map address; NULL is ignored.  Returns nothing: the one
 * possible failure (no slot to split a reserved region, before
 * memblock_allow_resize) leaves the range reserved and is logged.
 */
void memblock_free(void *ptr, size_t size)
{
	if (!ptr)
		return;
	if (memblock_phys_free(__pa(ptr), size))
		pr_warn("memblock: could not free [0x%016llx-0x%016llx]\n",
			ull(__pa(ptr)), ull(__pa(ptr) + size - 1));
}

/* ---- flags and nodes ---- */

static int memblock_setclr_flag(struct memblock_type *type, phys_addr_t base,
				phys_addr_t size, bool set,
				enum memblock_flags flag)
{
	unsigned long start_rgn, end_rgn, i;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

/*
 * memblock_mark_nomap - keep memory in [base, base + size) out of the
 * linear map and out of every allocation (DT `no-map` reservations).
 *
 * Returns 0, or -ENOMEM if the memory array cannot hold the split.
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, true,
				    MEMBLOCK_NOMAP);
}

/*
 * memblock_clear_nomap - undo memblock_mark_nomap; neighbours that now
 * agree merge again.  Returns 0 or -ENOMEM as memblock_mark_nomap.
 */
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, false,
				    MEMBLOCK_NOMAP);
}

/*
 * memblock_mark_hotplug - flag memory as hotpluggable.
 * Returns 0, or -ENOMEM if the memory array cannot hold the split.
 */
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, true,
				    MEMBLOCK_HOTPLUG);
}

/*
 * memblock_clear_hotplug - undo memblock_mark_hotplug.
 * Returns 0, or -ENOMEM if the memory array cannot hold the split.
 */
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(&memblock.memory, base, size, false,
				    MEMBLOCK_HOTPLUG);
}

/*
 * memblock_set_node - assign node @nid to the parts of @type in
 * [base, base + size), splitting regions at the edges.
 *
 * Returns 0, or -ENOMEM if the array cannot hold the split.
 */
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid)
{
	unsigned long start_rgn, end_rgn, i;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = start_rgn; i < end_rgn; i++)
		type->regions[i].nid = nid;
	memblock_merge_regions(type);
	return 0;
}

/* ---- settings ---- */

/*
 * memblock_allow_resize - let full arrays double from now on.  Call it once
 * every range that must not be allocated from has been reserved.
 */
void memblock_allow_resize(void)
{
	memblock_can_resize = true;
}

/* memblock_set_bottom_up - allocate from low addresses up (true) or down. */
void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

/* memblock_bottom_up - true if allocations go bottom-up. */
bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

/*
 * memblock_set_current_limit - keep MEMBLOCK_ALLOC_ACCESSIBLE allocations
 * below @limit (e.g. the end of what early page tables map).
 */
void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/* memblock_get_current_limit - returns the current allocation limit. */
phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

/* ---- allocators ---- */

/*
 * Find and reserve @size bytes in [start, end), on @nid first and then,
 * unless @exact_nid, on any node.  Returns the address or 0.
 */
static phys_addr_t memblock_alloc_range_nid(phys_addr_t size,
					    phys_addr_t align,
					    phys_addr_t start, phys_addr_t end,
					    int nid, bool exact_nid)
{
	phys_addr_t found;

	if (!size)
		return 0;
	if (!align)
		align = SMP_CACHE_BYTES;
	if (!is_power_of_2(align)) {
		pr_warn("memblock: alignment 0x%llx is not a power of two\n",
			ull(align));
		return 0;
	}
	if (nid == MAX_NUMNODES)
		nid = NUMA_NO_NODE;

	found = memblock_find_in_range_node(size, align, start, end, nid,
					    MEMBLOCK_NONE);
	if (found && !memblock_reserve(found, size))
		return found;

	if (numa_valid_node(nid) && !exact_nid) {
		found = memblock_find_in_range_node(size, align, start, end,
						    NUMA_NO_NODE,
						    MEMBLOCK_NONE);
		if (found && !memblock_reserve(found, size))
			return found;
	}

	pr_debug("memblock: no 0x%llx bytes (align 0x%llx) in [0x%016llx-0x%016llx) on node %d\n",
		 ull(size), ull(align), ull(start), ull(end), nid);
	return 0;
}

/*
 * memblock_phys_alloc_range - allocate @size bytes aligned to @align
 * (0 = SMP_CACHE_BYTES) inside [start, end).
 *
 * @end MEMBLOCK_ALLOC_ACCESSIBLE means current_limit; any other end is
 * taken as given.  Returns the physical address, or 0 if no free range
 * fits.  The memory is not cleared.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	memblock_dbg("%s: %llu bytes align=0x%llx from=0x%016llx max_addr=0x%016llx 0x%lx\n",
		     __func__, ull(size), ull(align), ull(start), ull(end),
		     RET_IP);
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
					false);
}

/*
 * memblock_phys_alloc_try_nid - allocate below current_limit, on node @nid
 * if it has room, else anywhere.  Returns the address or 0.
 */
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_range_nid(size, align, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

/*
 * memblock_phys_alloc - allocate anywhere below current_limit.
 * Returns the address or 0.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE);
}

/*
 * The virtual allocators' common path: @max_addr is clamped to
 * current_limit, and if nothing fits above @min_addr the search is
 * repeated from 0.  Returns the linear-map address or NULL.
 */
static void *memblock_alloc_internal(phys_addr_t size, phys_addr_t align,
				     phys_addr_t min_addr, phys_addr_t max_addr,
				     int nid, bool exact_nid)
{
	phys_addr_t pa;

	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	pa = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid,
				      exact_nid);
	if (!pa && min_addr)
		pa = memblock_alloc_range_nid(size, align, 0, max_addr, nid,
					      exact_nid);
	if (!pa)
		return NULL;
	return __va(pa);
}

/*
 * memblock_alloc_try_nid_raw - allocate @size bytes in [min_addr, max_addr)
 * preferring node @nid, without clearing them.
 *
 * @max_addr MEMBLOCK_ALLOC_ACCESSIBLE (or anything above current_limit)
 * means current_limit.  If [min_addr, max_addr) has no room, the lower
 * bound is dropped; if node @nid has none, any node is used.  Returns the
 * linear-map address, or NULL if nothing fits.
 */
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid)
{
	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=0x%016llx max_addr=0x%016llx 0x%lx\n",
		     __func__, ull(size), ull(align), nid, ull(min_addr),
		     ull(max_addr), RET_IP);
	return memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				       false);
}

/*
 * memblock_alloc_try_nid - as memblock_alloc_try_nid_raw, but the memory is
 * zeroed.  Returns the linear-map address or NULL.
 */
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid)
{
	void *ptr;

	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=0x%016llx max_addr=0x%016llx 0x%lx\n",
		     __func__, ull(size), ull(align), nid, ull(min_addr),
		     ull(max_addr), RET_IP);
	ptr = memblock_alloc_internal(size, align, min_addr, max_addr, nid,
				      false);
	if (ptr)
		memset(ptr, 0, size);
	return ptr;
}

/*
 * memblock_alloc - zeroed memory anywhere below current_limit.
 * Returns the linear-map address or NULL.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/*
 * memblock_alloc_raw - memory below current_limit, not zeroed.
 * Returns the linear-map address or NULL.
 */
void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
}

/*
 * memblock_alloc_from - zeroed memory at or above @min_addr if possible
 * (else anywhere) below current_limit.  Returns the address or NULL.
 */
void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
			  phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/*
 * memblock_alloc_low - zeroed memory below 4 GiB (and current_limit).
 * Returns the linear-map address or NULL.
 */
void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_LOW_END, NUMA_NO_NODE);
}

/* ---- queries ---- */

/* memblock_phys_mem_size - returns the bytes of memory known. */
phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/* memblock_reserved_size - returns the bytes reserved. */
phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/* memblock_start_of_DRAM - returns the lowest memory address (0 if none). */
phys_addr_t memblock_start_of_DRAM(void)
{
	if (!memblock.memory.cnt)
		return 0;
	return memblock.memory.regions[0].base;
}

/* memblock_end_of_DRAM - returns the end of the highest memory region (0 if none). */
phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_region *r;

	if (!memblock.memory.cnt)
		return 0;
	r = &memblock.memory.regions[memblock.memory.cnt - 1];
	return r->base + r->size;
}

/* memblock_is_memory - true if @addr lies in a memory region. */
bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/* memblock_is_map_memory - true if @addr is memory that is not NOMAP. */
bool memblock_is_map_memory(phys_addr_t addr)
{
	long i = memblock_search(&memblock.memory, addr);

	return i != -1 && !memblock_is_nomap(&memblock.memory.regions[i]);
}

/*
 * memblock_is_region_memory - true if all of [base, base + size) lies in a
 * single memory region.
 */
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	long i = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, size);
	const struct memblock_region *r;

	if (i == -1)
		return false;
	r = &memblock.memory.regions[i];
	return r->base <= base && r->base + r->size >= end;
}

/* memblock_is_reserved - true if @addr lies in a reserved region. */
bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

/*
 * memblock_is_region_reserved - true if any byte of [base, base + size) is
 * reserved.
 */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/*
 * memblock_overlaps_region - true if any region of @type shares a byte with
 * [base, base + size).
 */
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	size = memblock_cap_size(base, size);
	if (!size)
		return false;	/* no byte: nothing overlaps (found by fuzzing) */
	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			return true;
	return false;
}

/* ---- trimming ---- */

/*
 * The address below which memory adds up to @limit bytes, or
 * PHYS_ADDR_MAX if there is not that much memory.
 */
static phys_addr_t memblock_find_max_addr(phys_addr_t limit)
{
	const struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size)
			return r->base + limit;
		limit -= r->size;
	}
	return PHYS_ADDR_MAX;
}

/*
 * memblock_enforce_memory_limit - Linux's `mem=`: keep the lowest @limit
 * bytes of memory (NOMAP regions count too), drop memory above that point
 * and truncate the reserved regions there as well.  0 means no limit.
 */
void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = memblock_find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/*
 * memblock_cap_memory_range - keep only [base, base + size) of the memory
 * (and NOMAP regions wherever they are, since firmware owns them), and
 * only the reserved regions inside the range.  Used by crash kernels.
 */
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn, i;

	size = memblock_cap_size(base, size);
	if (!size)
		return;
	if (!memblock.memory.total_size) {
		pr_warn("%s: no memory registered yet\n", __func__);
		return;
	}
	if (memblock_isolate_range(&memblock.memory, base, size, &start_rgn,
				   &end_rgn))
		return;

	/* Above the range, then below it, drop everything but NOMAP. */
	for (i = memblock.memory.cnt; i > end_rgn; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i - 1]))
			memblock_remove_region(&memblock.memory, i - 1);
	for (i = start_rgn; i > 0; i--)
		if (!memblock_is_nomap(&memblock.memory.regions[i - 1]))
			memblock_remove_region(&memblock.memory, i - 1);
	/*
	 * A NOMAP region that straddled an end of the range was split there
	 * and both halves stayed: join them again (found by fuzzing).
	 */
	memblock_merge_regions(&memblock.memory);

	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

/*
 * memblock_mem_limit_remove_map - like memblock_enforce_memory_limit, but
 * NOMAP memory above the cut is kept.  0 means no limit.
 */
void memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = memblock_find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_cap_memory_range(0, max_addr);
}

/*
 * memblock_trim_memory - shrink every memory region inward to multiples of
 * @align (a power of two), dropping regions that vanish.
 */
void memblock_trim_memory(phys_addr_t align)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i = 0;

	if (!is_power_of_2(align)) {
		pr_warn("memblock: trim alignment 0x%llx is not a power of two\n",
			ull(align));
		return;
	}
	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t orig_start = r->base;
		phys_addr_t orig_end = r->base + r->size;
		phys_addr_t start = ALIGN(orig_start, align);
		phys_addr_t end = ALIGN_DOWN(orig_end, align);

		if (start < orig_start)		/* rounding up wrapped */
			start = orig_end;
		if (start < end) {
			type->total_size -= r->size - (end - start);
			r->base = start;
			r->size = end - start;
			i++;
		} else {
			memblock_remove_region(type, i);
		}
	}
}

/* ---- iterators ---- */

/*
 * Does iterating @type for node @nid with @flags pass over @m?  Only
 * memory regions are filtered: node, hotplug (under movable_node),
 * mirror, NOMAP and driver-managed memory each need asking for.
 */
static bool should_skip_region(const struct memblock_type *type,
			       const struct memblock_region *m, int nid,
			       enum memblock_flags flags)
{
	if (type != &memblock.memory)
		return false;
	if (numa_valid_node(nid) && nid != m->nid)
		return true;
	if (movable_node_enabled && (m->flags & MEMBLOCK_HOTPLUG) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !(m->flags & MEMBLOCK_MIRROR))
		return true;
	if (!(flags & MEMBLOCK_NOMAP) && (m->flags & MEMBLOCK_NOMAP))
		return true;
	if (!(flags & MEMBLOCK_DRIVER_MANAGED) &&
	    (m->flags & MEMBLOCK_DRIVER_MANAGED))
		return true;
	return false;
}

/*
 * @idx packs two cursors: the low 32 bits index @type_a, the high 32 bits
 * index the gaps of @type_b.  Gap g of type_b is the space before region g:
 *
 *   type_b    |gap 0|==r0==|gap 1|==r1==|gap 2 ... to PHYS_ADDR_MAX
 */
static inline u64 pack_idx(int a, int b)
{
	return (u64)(u32)a | (u64)(u32)b << 32;
}

static void gap_bounds(const struct memblock_type *type_b, int g,
		       phys_addr_t *start, phys_addr_t *end)
{
	const struct memblock_region *r = type_b->regions;

	*start = g ? r[g - 1].base + r[g - 1].size : 0;
	*end = (unsigned long)g < type_b->cnt ? r[g].base : PHYS_ADDR_MAX;
}

/*
 * __next_mem_range - the next range of @type_a that lies outside every
 * region of @type_b (or, with @type_b NULL, the next region of @type_a),
 * in ascending order, filtered by @nid and @flags as Linux does.
 *
 * Start with *@idx 0; *@idx becomes ULLONG_MAX when there are no more.
 * Each out pointer may be NULL.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid)
{
	int idx_a = (int)(u32)*idx;
	int idx_b = (int)(u32)(*idx >> 32);

	if (nid == MAX_NUMNODES)
		nid = NUMA_NO_NODE;

	for (; (unsigned long)idx_a < type_a->cnt; idx_a++) {
		const struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m->nid;
			*idx = pack_idx(idx_a + 1, idx_b);
			return;
		}

		for (; (unsigned long)idx_b <= type_b->cnt; idx_b++) {
			phys_addr_t r_start, r_end;

			gap_bounds(type_b, idx_b, &r_start, &r_end);
			if (r_start >= m_end)
				break;		/* next region of type_a */
			if (m_start < r_end) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m->nid;
				/* Advance whichever of the two ends first. */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = pack_idx(idx_a, idx_b);
				return;
			}
		}
	}
	*idx = ULLONG_MAX;
}

/*
 * __next_mem_range_rev - as __next_mem_range, in descending order.  Start
 * with *@idx ULLONG_MAX; it becomes ULLONG_MAX again at the end.
 */
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid)
{
	int idx_a, idx_b;

	if (nid == MAX_NUMNODES)
		nid = NUMA_NO_NODE;

	if (*idx == ULLONG_MAX) {
		idx_a = (int)type_a->cnt - 1;
		idx_b = type_b ? (int)type_b->cnt : 0;
	} else {
		idx_a = (int)(u32)*idx;
		idx_b = (int)(u32)(*idx >> 32);
	}

	for (; idx_a >= 0; idx_a--) {
		const struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m->nid;
			*idx = pack_idx(idx_a - 1, idx_b);
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			phys_addr_t r_start, r_end;

			gap_bounds(type_b, idx_b, &r_start, &r_end);
			if (r_end <= m_start)
				break;		/* previous region of type_a */
			if (m_end > r_start) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m->nid;
				/* Step back whichever of the two starts last. */
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = pack_idx(idx_a, idx_b);
				return;
			}
		}
	}
	*idx = ULLONG_MAX;
}

/*
 * __next_mem_pfn_range - the next memory region on @nid (any node if
 * @nid is not a valid node) that holds at least one whole page, as page
 * frame numbers [*out_start_pfn, *out_end_pfn).  Start with *@idx -1;
 * it is -1 again at the end.  NOMAP regions are included.
 */
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid)
{
	const struct memblock_type *type = &memblock.memory;
	const struct memblock_region *r = NULL;
	unsigned long start_pfn = 0, end_pfn = 0;

	while ((unsigned long)++*idx < type->cnt) {
		r = &type->regions[*idx];
		/* Round up without base + PAGE_SIZE - 1, which wraps near 2^64. */
		start_pfn = (unsigned long)(r->base >> PAGE_SHIFT) +
			    !!(r->base & (PAGE_SIZE - 1));
		end_pfn = (unsigned long)((r->base + r->size) >> PAGE_SHIFT);
		if (start_pfn >= end_pfn)
			continue;
		if (!numa_valid_node(nid) || nid == r->nid)
			break;
	}
	if ((unsigned long)*idx >= type->cnt) {
		*idx = -1;
		return;
	}
	if (out_start_pfn)
		*out_start_pfn = start_pfn;
	if (out_end_pfn)
		*out_end_pfn = end_pfn;
	if (out_nid)
		*out_nid = r->nid;
}

/* ---- reports ---- */

static void memblock_dump(const struct memblock_type *type)
{
	unsigned long i;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		pr_info(" %s[0x%x]\t[0x%016llx-0x%016llx], 0x%016llx bytes on node %d flags: 0x%x\n",
			type->name, (unsigned int)i, ull(r->base),
			ull(r->base + r->size - 1), ull(r->size), r->nid,
			(unsigned int)r->flags);
	}
}

/*
 * __memblock_dump_all - print the "MEMBLOCK configuration:" block (both
 * arrays) as Linux does under memblock=debug.
 */
void __memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = 0x%016llx reserved size = 0x%016llx\n",
		ull(memblock.memory.total_size),
		ull(memblock.reserved.total_size));
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}

/* memblock_dump_all - __memblock_dump_all, only under memblock=debug. */
void memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}

static const char *const memblock_flag_names[] = {
	"HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG",
};

/*
 * memblock_debugfs_format - format region @idx of @type as one line of
 * Linux's debugfs memblock/{memory,reserved} file, newline included:
 *
 *      0: 0x0000000080000000..0x00000000bfffffff    0 NONE
 *
 * The end is inclusive; an unset node prints as 'x'; flags print as NONE
 * or their names joined by '|'.  Returns the length of the whole line
 * (snprintf's rule: it may exceed @size), or 0 if @idx is out of range.
 */
int memblock_debugfs_format(char *buf, size_t size,
			    const struct memblock_type *type, unsigned long idx)
{
	const struct memblock_region *r;
	size_t len;
	unsigned int j, flags;
	bool first = true;

	if (idx >= type->cnt) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	r = &type->regions[idx];

#define PUT(...)							\
	len += snprintf(len < size ? buf + len : NULL,			\
			len < size ? size - len : 0, __VA_ARGS__)

	len = 0;
	PUT("%4d: 0x%016llx..0x%016llx ", (int)idx, ull(r->base),
	    ull(r->base + r->size - 1));
	if (numa_valid_node(r->nid))
		PUT("%4d ", r->nid);
	else
		PUT("%4c ", 'x');

	flags = r->flags;
	if (!flags)
		PUT("NONE");
	for (j = 0; j < ARRAY_SIZE(memblock_flag_names); j++) {
		if (!(flags & (1u << j)))
			continue;
		PUT("%s%s", first ? "" : "|", memblock_flag_names[j]);
		first = false;
		flags &= ~(1u << j);
	}
	if (flags)
		PUT("%sUNKNOWN", first ? "" : "|");
	PUT("\n");
#undef PUT
	return (int)len;
}

/*
 * memblock_debugfs_show - print @type in the debugfs format, one
 * printk(KERN_INFO) per region.
 */
void memblock_debugfs_show(const struct memblock_type *type)
{
	char line[96];
	unsigned long i;

	for (i = 0; i < type->cnt; i++) {
		memblock_debugfs_format(line, sizeof(line), type, i);
		printk(KERN_INFO "%s", line);
	}
}

/* ---- checking ---- */

static int memblock_check_type(const struct memblock_type *type)
{
	phys_addr_t sum = 0;
	unsigned long i;

	if (!type->regions || type->max == 0 || type->cnt > type->max) {
		pr_err("memblock_check: %s: cnt %lu, max %lu, regions %s\n",
		       type->name, type->cnt, type->max,
		       type->regions ? "set" : "NULL");
		return -EINVAL;
	}
	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (!r->size) {
			pr_err("memblock_check: %s[%lu] at 0x%016llx has size 0\n",
			       type->name, i, ull(r->base));
			return -EINVAL;
		}
		if (r->size > PHYS_ADDR_MAX - r->base) {
			pr_err("memblock_check: %s[%lu] 0x%016llx + 0x%llx runs past the top of the address space\n",
			       type->name, i, ull(r->base), ull(r->size));
			return -EINVAL;
		}
		if (r->nid != MAX_NUMNODES && !numa_valid_node(r->nid)) {
			pr_err("memblock_check: %s[%lu] has node %d\n",
			       type->name, i, r->nid);
			return -EINVAL;
		}
		if (i > 0) {
			const struct memblock_region *p = r - 1;
			phys_addr_t pend = p->base + p->size;

			if (pend > r->base) {
				pr_err("memblock_check: %s[%lu] [0x%016llx-0x%016llx) overlaps or precedes %s[%lu] [0x%016llx-0x%016llx)\n",
				       type->name, i, ull(r->base),
				       ull(r->base + r->size), type->name,
				       i - 1, ull(p->base), ull(pend));
				return -EINVAL;
			}
			if (pend == r->base && p->nid == r->nid &&
			    p->flags == r->flags) {
				pr_err("memblock_check: %s[%lu] and %s[%lu] touch at 0x%016llx with equal node and flags but are not merged\n",
				       type->name, i - 1, type->name, i,
				       ull(r->base));
				return -EINVAL;
			}
		}
		sum += r->size;
	}
	if (sum != type->total_size) {
		pr_err("memblock_check: %s total_size 0x%llx, regions sum to 0x%llx\n",
		       type->name, ull(type->total_size), ull(sum));
		return -EINVAL;
	}
	return 0;
}

/*
 * memblock_check - verify both arrays (see memblock.h for the rules).
 * Returns 0, or prints the first violation and returns -EINVAL.
 */
int memblock_check(void)
{
	int ret;

	mm_check_count(MM_CHECK_MEMBLOCK);
	ret = memblock_check_type(&memblock.memory);
	if (!ret)
		ret = memblock_check_type(&memblock.reserved);
	return ret;
}

/* `memblock=debug`: log every memblock call. */
static int early_memblock(char *arg)
{
	if (!arg || strcmp(arg, "debug"))
		return -EINVAL;
	memblock_debug = true;
	return 0;
}
early_param("memblock", early_memblock);
