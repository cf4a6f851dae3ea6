/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The generic page-table walker, mapper and dumper (mm/pgtable.c, and
 * mm/ptdump.c for the reports), and the contract an architecture's
 * asm/pgtable.h fulfils so that they can read and write its tables.
 *
 * Levels are numbered from the leaf up: level 0 tables hold 4 KiB pages,
 * level PT_LEVELS-1 is the root.  Linux's names follow the same order:
 *
 *   level        Sv39 (3 levels)           host / x86-64 (4 levels)
 *   3            -                         root (PGD), 512 GiB per entry
 *   2            root, 1 GiB leaf (PUD)    1 GiB leaf (PUD)
 *   1            2 MiB leaf (PMD)          2 MiB leaf (PMD)
 *   0            4 KiB leaf (PTE)          4 KiB leaf (PTE)
 *
 * so "level 1" is the 2 MiB level everywhere, whatever the depth.
 *
 * ---- What asm/pgtable.h must provide ----
 *
 * A missing piece stops the build below (Unikraft's habit); functions are
 * static inlines followed by "#define name name" so they can be checked.
 *
 *   pte_t                  the entry type (u64 on every supported arch)
 *   PT_LEVELS              number of levels; the root is PT_LEVELS - 1
 *   PTRS_PER_PT            entries per table (a table is one page)
 *   VA_BITS                implemented virtual-address bits
 *   PT_PA_BITS             physical-address bits an entry can hold
 *   pt_level_shift(l)      log2 of the span of one level-@l entry
 *                          (12 for level 0: PAGE_SHIFT)
 *   pt_index(va, l)        the index of @va in a level-@l table (default:
 *                          bits above pt_level_shift, modulo PTRS_PER_PT)
 *   pt_level_has_leaf(l)   true if level @l may hold a leaf
 *   va_is_canonical(va)    true if @va is a valid address (default: sign
 *                          extended from bit VA_BITS - 1)
 *   pte_none(pte)          the entry is entirely clear (default: == 0)
 *   pte_present(pte)       the hardware will use the entry
 *   pte_is_leaf(pte, l)    a present level-@l entry maps memory (else it
 *                          points to the next table).  @l matters where
 *                          the format differs by level: x86-64 marks large
 *                          leaves with PS, but every level-0 entry is a leaf
 *   pte_phys(pte, l)       the physical address a level-@l entry maps or
 *                          points to (x86-64: bit 12 of a large leaf is PAT)
 *   pte_attrs(pte)         the entry without its address (for coalescing)
 *   pte_mk_table(pa)       an entry pointing to the table page at @pa
 *   pte_mk_leaf(pa, prot, l)  a leaf at level @l mapping @pa with PROT_*
 *                          @prot; must set whatever the hardware needs to
 *                          use it without faulting (A/D on RISC-V)
 *   arch_prot_to_pte(prot) the PTE permission bits for PROT_* @prot
 *   pte_prot(pte)          a leaf's permissions as PROT_* (W^X checks,
 *                          translate, dumps).  pte_prot(pte_mk_leaf(pa, p,
 *                          l)) may differ from p where the arch cannot
 *                          express a bit (Sv39: no PROT_DEVICE, W => R)
 *   pte_reserved_reason(pte, l)  NULL, or why a present entry at level @l
 *                          is an encoding the hardware reserves
 *   pte_flags_str(pte, buf, size)  the decoded bits, one column per bit,
 *                          "." when clear (at most 32 bytes with the NUL)
 *
 * Optional, with the defaults below:
 *   pt_level_size(l)       1 << pt_level_shift(l)
 *   pt_level_name(l)       Linux's names counted from the leaf: PTE, PMD,
 *                          PUD, P4D, PGD
 *
 * ---- Memory and locking ----
 *
 * Every table is one physical page reached through __va(); the root is the
 * caller's (e.g. the kernel's swapper_pg_dir).  Table pages come from a
 * pluggable allocator (struct pgtable_allocator) because what can allocate
 * changes during boot, as in Linux's arch/riscv/mm/init.c:
 *
 *   phase 1  MMU off: the arch's static early tables in .bss
 *            (arch/riscv/mm/early.c); the generic code is not used
 *   phase 2  final tables built from memblock: pgtable_alloc_memblock
 *   phase 3  buddy allocator running (vmalloc, ioremap):
 *            pgtable_alloc_buddy, provided with the page allocator
 *
 * The generic code needs __va() to work for table pages, so phase 2 must
 * run on tables in which the memory memblock hands out is already mapped
 * (the arch's early linear map, or memblock_set_current_limit() to keep
 * allocations inside it).  A page allocated in phase 2 and freed in
 * phase 3 goes to the phase-3 allocator's free, which must accept it
 * (Linux frees such boot pages with free_reserved_page()).
 *
 * Nothing here locks.  Callers serialise every change to one tree (for
 * the kernel's tables: a lock the caller holds, or single-threaded boot);
 * walks and dumps may run against concurrent changes only if the caller
 * accepts a torn view.  Entries are written with WRITE_ONCE so a hardware
 * walker on another CPU sees either the old or the new entry.
 *
 * TLB: pgtable_map() fills only empty slots unless PGTABLE_MAP_REPLACE,
 * and does not flush; an architecture that may cache invalid entries
 * (RISC-V without Svvptc) flushes the range before using a new mapping.
 * pgtable_unmap() and a replacing pgtable_map() flush the kernel range
 * they changed (flush_tlb_kernel_range) before any table page they freed
 * goes back to the allocator.
 */
#ifndef _MM_PGTABLE_H
#define _MM_PGTABLE_H

#include <kernel/types.h>
#include <mm/prot.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#ifndef PT_LEVELS
#error "asm/pgtable.h must define PT_LEVELS"
#endif
#ifndef PTRS_PER_PT
#error "asm/pgtable.h must define PTRS_PER_PT"
#endif
#ifndef VA_BITS
#error "asm/pgtable.h must define VA_BITS"
#endif
#ifndef PT_PA_BITS
#error "asm/pgtable.h must define PT_PA_BITS"
#endif
#ifndef pt_level_shift
#error "asm/pgtable.h must define pt_level_shift(level)"
#endif
/* Defaults an arch may override (Linux's #ifndef pattern). */
#ifndef pt_index
#define pt_index(va, level)	\
	((unsigned int)(((va) >> pt_level_shift(level)) & (PTRS_PER_PT - 1)))
#endif
#ifndef pt_level_has_leaf
#error "asm/pgtable.h must define pt_level_has_leaf(level)"
#endif
#ifndef va_is_canonical
/* Canonical: bits 63..VA_BITS-1 all equal (sign extension of the VA). */
static inline bool va_is_canonical(unsigned long va)
{
	long top = (long)va >> (VA_BITS - 1);

	return top == 0 || top == -1;
}
#define va_is_canonical va_is_canonical
#endif
#ifndef pte_none
static inline bool pte_none(pte_t pte)
{
	return pte == 0;
}
#define pte_none pte_none
#endif
#ifndef pte_present
#error "asm/pgtable.h must define pte_present(pte)"
#endif
#ifndef pte_is_leaf
#error "asm/pgtable.h must define pte_is_leaf(pte, level)"
#endif
#ifndef pte_phys
#error "asm/pgtable.h must define pte_phys(pte, level)"
#endif
#ifndef pte_attrs
#error "asm/pgtable.h must define pte_attrs(pte)"
#endif
#ifndef pte_mk_table
#error "asm/pgtable.h must define pte_mk_table(pa)"
#endif
#ifndef pte_mk_leaf
#error "asm/pgtable.h must define pte_mk_leaf(pa, prot, level)"
#endif
#ifndef arch_prot_to_pte
#error "asm/pgtable.h must define arch_prot_to_pte(prot)"
#endif
#ifndef pte_prot
#error "asm/pgtable.h must define pte_prot(pte)"
#endif
#ifndef pte_reserved_reason
#error "asm/pgtable.h must define pte_reserved_reason(pte, level)"
#endif
#ifndef pte_flags_str
#error "asm/pgtable.h must define pte_flags_str(pte, buf, size)"
#endif

#if PT_LEVELS < 2 || PT_LEVELS > 5
#error "asm/pgtable.h: PT_LEVELS must be 2..5"
#endif

#ifndef pt_level_size
#define pt_level_size(level)	(1UL << pt_level_shift(level))
#endif

#ifndef pt_level_name
static inline const char *pt_level_name(unsigned int level)
{
	static const char *const names[] = { "PTE", "PMD", "PUD", "P4D", "PGD" };

	return level < 5 ? names[level] : "???";
}
#define pt_level_name pt_level_name
#endif

/* The root table's level. */
#define PT_ROOT_LEVEL		(PT_LEVELS - 1)

/* Room pte_flags_str() may use, NUL included. */
#define PTE_FLAGS_STR_SIZE	32

/* ---- Table-page allocation ---- */

/*
 * Where table pages come from.  @alloc returns the physical address of one
 * page-aligned page (its contents need not be zero: the caller clears it
 * through __va()), or 0 when none is left; physical page 0 is therefore
 * never a table page.  @free takes back a page @alloc returned; NULL means
 * pages are never returned (they leak, which is acceptable at boot).
 * @ctx is passed to both.  @name is printed in failure messages.
 */
struct pgtable_allocator {
	const char *name;
	phys_addr_t (*alloc)(void *ctx);
	void (*free)(phys_addr_t pa, void *ctx);
	void *ctx;
};

/* memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE) / memblock_phys_free(). */
extern const struct pgtable_allocator pgtable_alloc_memblock;
/*
 * alloc_page(GFP_KERNEL) / __free_page(), for after the buddy allocator
 * takes over.  Declared here; defined with the page allocator.
 */
extern const struct pgtable_allocator pgtable_alloc_buddy;

/*
 * pgtable_set_allocator - use @a for every table page allocated or freed
 * from now on; returns the allocator in use before.  The default is
 * pgtable_alloc_memblock.  Call it under the same serialisation as the
 * table changes.
 */
const struct pgtable_allocator *pgtable_set_allocator(const struct pgtable_allocator *a);
/* pgtable_get_allocator - the allocator pgtable_map() will use. */
const struct pgtable_allocator *pgtable_get_allocator(void);

/*
 * pgtable_alloc_table - a zeroed page from the current allocator, as a
 * table (or root) ready to use.  Returns its physical address or 0.
 */
phys_addr_t pgtable_alloc_table(void);

/* ---- Mapping ---- */

/* pgtable_map() flags. */
#define PGTABLE_MAP_4K		0x1	/* only base pages (kernel image) */
#define PGTABLE_MAP_REPLACE	0x2	/* overwrite existing mappings */

/*
 * pgtable_map - map [@va, @va + @size) to [@pa, @pa + @size) with
 * protections @prot (PROT_*) in the tree at @root.
 *
 * Each step uses the largest leaf its level allows that fits the
 * alignment of both @va and @pa and the size left, so a 1 GiB-congruent
 * range gets 1 GiB leaves in the middle and 2 MiB / 4 KiB ones at the
 * ragged edges.  PGTABLE_MAP_4K forces base pages.
 *
 * Without PGTABLE_MAP_REPLACE nothing is changed if any page of the range
 * is already mapped.  With it, existing mappings are overwritten: a larger
 * leaf that is only partly covered is split first, tables under a range
 * that becomes one leaf are freed.
 *
 * Returns 0; -EINVAL if @va, @pa or @size is not page aligned, the range
 * is not canonical or wraps, @pa is beyond PT_PA_BITS, or @prot grants no
 * access; -EEXIST if part of the range is mapped (nothing changed);
 * -ENOMEM if a table page could not be allocated: what was mapped before
 * the failure stays mapped and valid, the error message says how far it
 * got, the rest is untouched.  @size 0 maps nothing and returns 0.
 */
int pgtable_map(pte_t *root, unsigned long va, phys_addr_t pa,
		unsigned long size, unsigned int prot, unsigned int flags);

/*
 * pgtable_unmap - remove every mapping in [@va, @va + @size).
 *
 * A large leaf that straddles an end of the range is split (a table of
 * smaller leaves replaces it) and only the part inside is removed.  Table
 * pages left empty are freed, after the TLB flush.  Unmapped holes inside
 * the range are fine.  Returns 0; -EINVAL for a misaligned or
 * non-canonical range; -ENOMEM if a split needed a table page and none was
 * left (everything before that leaf is unmapped, the leaf and the rest
 * are intact).
 */
int pgtable_unmap(pte_t *root, unsigned long va, unsigned long size);

/*
 * vmemmap_populate_basepages - back [@start, @end) (page-aligned outward)
 * with fresh zeroed pages from the current table allocator, mapped
 * PAGE_KERNEL with 4 KiB leaves.  Pages already mapped are kept, so
 * overlapping calls are fine.  Returns 0 or -ENOMEM (pages mapped so far
 * stay), -EINVAL for a non-canonical range.
 */
int vmemmap_populate_basepages(pte_t *root, unsigned long start,
			       unsigned long end);

/*
 * vmemmap_populate - as vmemmap_populate_basepages(), but one 2 MiB leaf
 * of fresh memblock memory for every aligned 2 MiB chunk the range covers
 * whole (base pages for the rest).  Boot only.  Returns 0, -EINVAL or
 * -ENOMEM.
 */
int vmemmap_populate(pte_t *root, unsigned long start, unsigned long end);

/* ---- Lookups ---- */

/*
 * pgtable_walk - the leaf entry that maps @va, or NULL if none does.
 * *@level (if @level is not NULL) is set to the leaf's level, or to the
 * level at which the walk found an empty entry.
 */
pte_t *pgtable_walk(pte_t *root, unsigned long va, int *level);

/*
 * pgtable_translate - the physical address @va maps to and its PROT_*
 * permissions (either out pointer may be NULL).  Returns false if @va is
 * not mapped.
 */
bool pgtable_translate(pte_t *root, unsigned long va, phys_addr_t *pa,
		       unsigned int *prot);

/* pgtable_count_tables - table pages in the tree, not counting the root. */
unsigned long pgtable_count_tables(pte_t *root);

/* ---- Checks ---- */

/*
 * pgtable_check - prove the tree's structural invariants: every table
 * entry points to a page-aligned table and sits above level 0, every leaf
 * sits at a level that allows leaves and maps a physical address aligned
 * to its size, no entry uses a reserved encoding, no non-present entry
 * carries stray bits.  Prints each violation (up to 10).  Returns 0 or
 * -EINVAL.
 */
int pgtable_check(pte_t *root);

/*
 * pgtable_check_wx - count the leaves that are both writable and
 * executable, printing the first 10 ("Found insecure W+X mapping at
 * address ...") and then Linux's summary line ("Checked W+X mappings:
 * passed, no W+X pages found" or "... failed, N W+X pages found", N in
 * 4 KiB pages).  Returns the number of such leaves (0: W^X holds).
 */
int pgtable_check_wx(pte_t *root);

struct memblock_type;

/*
 * pgtable_verify_linear - prove the linear map in @root is exact for
 * @memory (normally &memblock.memory): for VA = PA + @va_pa_offset,
 *   - every page of every region without MEMBLOCK_NOMAP is mapped to
 *     exactly its PA,
 *   - no page of a NOMAP region is mapped at its linear address,
 *   - every leaf inside the window [lowest base, highest end) +
 *     @va_pa_offset maps its VA to VA - @va_pa_offset and only mapped RAM,
 *     so no RAM page is reachable twice through the window and no hole is
 *     mapped.
 * Aliases outside the window (the kernel image, vmalloc) are not its
 * business.  Prints each problem (up to 10) and a summary.  Returns the
 * number of problems found; 0 means proven.
 */
int pgtable_verify_linear(pte_t *root, const struct memblock_type *memory,
			  unsigned long va_pa_offset);

/* ---- Reports (mm/ptdump.c) ---- */

/*
 * A named boundary in a dump, as Linux's ptdump address markers: the
 * header "---[ name ]---" is printed before the first range at or above
 * @start.  Arrays are sorted by @start and end with { 0, NULL }.
 */
struct pgtable_marker {
	unsigned long start;
	const char *name;
};

/*
 * pgtable_dump - print every mapping in @root, one line per run of leaves
 * that are contiguous in VA and PA, at the same level and with the same
 * attributes (Linux's riscv/arm64 ptdump format, KERN_INFO):
 *
 *   0xffffffd800000000-0xffffffdc00000000    0x0000000080000000        16G PUD     D A G . . W R V
 *   ^ VA start         ^ VA end (excl.)       ^ PA of the start         ^ size  ^ level ^ pte_flags_str()
 *
 * The size is the largest exact unit of K, M, G, T, P, E.
 */
void pgtable_dump(pte_t *root);

/* pgtable_dump_markers - pgtable_dump() with section headers; NULL: none. */
void pgtable_dump_markers(pte_t *root, const struct pgtable_marker *markers);

/*
 * pgtable_dump_va - walk @va level by level, printing each entry's index,
 * raw value and decoded bits, then the translation (Sv39 shown):
 *
 *   pgtable: walk of 0xffffffc000201234
 *     PUD[256] = 0x00000000047ff801  . . . . . . . V  table 0x0000000011ffe000
 *     PMD[1]   = 0x00000000200800e7  D A G . . W R V  leaf 2M
 *     -> pa 0x0000000080201234 (2M PMD, prot 0x23)
 *
 * or "not mapped (empty PMD entry)", or why the address is not canonical.
 */
void pgtable_dump_va(pte_t *root, unsigned long va);

/* ---- Internal helpers shared by mm/pgtable.c and mm/ptdump.c ---- */

/*
 * Called for each present leaf in VA order with the entry, its level and
 * the VA it maps; a non-zero return stops the walk and is returned.
 */
typedef int (*pgtable_leaf_fn)(pte_t pte, unsigned int level,
			       unsigned long va, void *arg);
int pgtable_for_each_leaf(pte_t *root, pgtable_leaf_fn fn, void *arg);

/* @va with bits VA_BITS..63 copied from bit VA_BITS - 1. */
static inline unsigned long pgtable_sign_extend(unsigned long va)
{
	return (unsigned long)((long)(va << (64 - VA_BITS)) >> (64 - VA_BITS));
}

#endif /* _MM_PGTABLE_H */
