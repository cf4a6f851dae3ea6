/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memblock: the boot-time physical memory map and allocator (Linux's API).
 *
 * Two sorted, non-overlapping, merged arrays of [base, base + size) regions:
 *   memblock.memory   - RAM the firmware told us about (DT memory nodes, E820)
 *   memblock.reserved - parts of it already in use (kernel, DTB, firmware, ...)
 * Free memory is memory minus reserved.  memblock_alloc*() carves allocations
 * out of free memory (top-down by default) and records them as reserved.
 * At the end of boot memblock_free_all() hands every free range to the buddy
 * allocator; memblock's data stays readable for reports (`memblock` command).
 *
 * memblock runs single-threaded at boot; it takes no locks.
 */
#ifndef _MM_MEMBLOCK_H
#define _MM_MEMBLOCK_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define INIT_MEMBLOCK_REGIONS		128
#define INIT_MEMBLOCK_RESERVED_REGIONS	INIT_MEMBLOCK_REGIONS
#define MAX_NUMNODES			8
#define NUMA_NO_NODE			(-1)

/* Flags of a memory region (reserved regions carry none). */
enum memblock_flags {
	MEMBLOCK_NONE		= 0x0,	/* no special request */
	MEMBLOCK_HOTPLUG	= 0x1,	/* hotpluggable region */
	MEMBLOCK_MIRROR		= 0x2,	/* mirrored region */
	MEMBLOCK_NOMAP		= 0x4,	/* don't add to the linear map */
	MEMBLOCK_DRIVER_MANAGED	= 0x8,	/* always detected via a driver */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;			/* NUMA node, MAX_NUMNODES if unset */
};

struct memblock_type {
	unsigned long cnt;		/* regions in use */
	unsigned long max;		/* capacity of @regions */
	phys_addr_t total_size;		/* sum of the region sizes */
	struct memblock_region *regions;
	const char *name;		/* "memory" or "reserved" */
};

struct memblock {
	bool bottom_up;			/* allocation direction */
	phys_addr_t current_limit;	/* allocations stay below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;
extern bool memblock_debug;	/* `memblock=debug`: log every call */

/* Special values for the @end/@max_addr arguments of the allocators. */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE	0
#define MEMBLOCK_LOW_LIMIT		0

/* Reset memblock to empty static arrays (boot start; host tests). */
void memblock_reset(void);

/* Region management: 0 on success, -ENOMEM if an array cannot grow. */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
void memblock_free(void *ptr, size_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);

/* Allow the region arrays to double by allocating from memblock itself. */
void memblock_allow_resize(void);

void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/*
 * Allocators.  The phys_* forms return the physical address or 0 on
 * failure; the others return a zeroed kernel virtual address (via __va) or
 * NULL.  @align 0 means SMP_CACHE_BYTES.  Ranges are clamped to
 * current_limit when @end is MEMBLOCK_ALLOC_ACCESSIBLE.  A node request
 * falls back to any node before failing.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
			  phys_addr_t min_addr);
void *memblock_alloc_low(phys_addr_t size, phys_addr_t align);

/* Queries. */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size);

/* Trimming: `mem=` and alignment. */
void memblock_enforce_memory_limit(phys_addr_t limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
void memblock_trim_memory(phys_addr_t align);

/* Iteration over regions and over free ranges (memory minus reserved). */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

#define for_each_mem_range(i, p_start, p_end)				\
	for (i = 0, __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_HOTPLUG, \
				     &memblock.memory, NULL, p_start,	\
				     p_end, NULL);			\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_HOTPLUG,	\
			      &memblock.memory, NULL, p_start, p_end, NULL))

#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)	\
	for (i = 0, __next_mem_range(&i, nid, flags, &memblock.memory,	\
				     &memblock.reserved, p_start,	\
				     p_end, p_nid);			\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range(&i, nid, flags, &memblock.memory,		\
			      &memblock.reserved, p_start, p_end, p_nid))

#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid) \
	for (i = (u64)ULLONG_MAX,					\
	     __next_mem_range_rev(&i, nid, flags, &memblock.memory,	\
				  &memblock.reserved, p_start, p_end, p_nid); \
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range_rev(&i, nid, flags, &memblock.memory,	\
				  &memblock.reserved, p_start, p_end, p_nid))

#define for_each_reserved_mem_range(i, p_start, p_end)			\
	for (i = 0, __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE,	\
				     &memblock.reserved, NULL, p_start,	\
				     p_end, NULL);			\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE,		\
			      &memblock.reserved, NULL, p_start, p_end, NULL))

#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)		\
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

#define for_each_memblock_type(i, type, rgn)				\
	for (i = 0, rgn = &(type)->regions[0];				\
	     i < (type)->cnt;						\
	     i++, rgn = &(type)->regions[i])

#define for_each_mem_region(region)					\
	for (region = memblock.memory.regions;				\
	     region < (memblock.memory.regions + memblock.memory.cnt);	\
	     region++)

#define for_each_reserved_mem_region(region)				\
	for (region = memblock.reserved.regions;			\
	     region < (memblock.reserved.regions + memblock.reserved.cnt); \
	     region++)

static inline bool memblock_is_nomap(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

/*
 * Reports.  memblock_dump_all() prints Linux's "MEMBLOCK configuration:"
 * block when memblock=debug is set; __memblock_dump_all() always prints it.
 * memblock_debugfs_show() prints one list in the format of Linux's
 * /sys/kernel/debug/memblock/{memory,reserved}:
 *    0: 0x0000000080000000..0x00000000bfffffff    0 NONE
 */
void memblock_dump_all(void);
void __memblock_dump_all(void);
void memblock_debugfs_show(const struct memblock_type *type);

/*
 * Format region @idx of @type as one debugfs line (newline included) into
 * @buf, for the monitor, tools/fdtmem and tests.  Returns the length of
 * the whole line, as snprintf does; 0 (and "") if @idx is out of range.
 */
int memblock_debugfs_format(char *buf, size_t size,
			    const struct memblock_type *type, unsigned long idx);

/*
 * Invariant checker: every array sorted, non-overlapping, non-adjacent
 * regions with equal nid/flags merged, sizes non-zero, no end past the
 * top of the address space, cnt <= max, total_size the sum.  Returns 0 or
 * prints the first violation and returns -EINVAL.
 */
int memblock_check(void);

#endif /* _MM_MEMBLOCK_H */
