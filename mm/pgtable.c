// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The generic page-table walker and mapper.
 *
 * What it owns
 *   Building, changing and checking page-table trees in any format an
 *   asm/pgtable.h describes (the contract is in include/mm/pgtable.h):
 *   map a range with the largest leaves that fit, unmap a range (splitting
 *   large leaves at its ends and freeing tables left empty), walk and
 *   translate one address, populate the vmemmap with base pages, and prove
 *   the invariants (pgtable_check), W^X (pgtable_check_wx) and the exactness
 *   of the linear map (pgtable_verify_linear).  The reports that print a
 *   tree live in mm/ptdump.c.
 *
 *   Levels count from the leaf: a walk starts at level PT_LEVELS - 1 (the
 *   root) and ends at level 0 at the latest.  The operations are recursive
 *   over levels, each loop cutting its range at the boundaries of the
 *   current level's entries:
 *
 *     va ...|<--------- one level-l entry: pt_level_size(l) --------->|...
 *              leaf here if va and pa are aligned to it and the range
 *              covers it (and the level allows leaves), else descend
 *
 *   Sizes are carried instead of end addresses so a range that ends at
 *   the very top of the address space needs no special case.
 *
 * Table pages
 *   come from the allocator set with pgtable_set_allocator() (memblock
 *   during boot, the buddy allocator after), are cleared through __va() and
 *   published with a release fence, so a hardware walker that sees the new
 *   entry sees the cleared table behind it.  Pages that leave a tree are
 *   batched and freed only after the TLB flush for the range, so no CPU
 *   can still walk through a page that is being reused.
 *
 * Locking: none here.  The caller serialises all changes to one tree
 *   (the kernel's tables: a lock the caller holds, or single-threaded
 *   boot) and any change of allocator.
 */
#define pr_fmt(fmt) "pgtable: " fmt

#include <mm/pgtable.h>
#include <mm/memblock.h>
#include <mm/mm_checks.h>
#include <kernel/kernel.h>
#include <kernel/compiler.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <asm/tlbflush.h>

BUILD_BUG_ON(PTRS_PER_PT * sizeof(pte_t) != PAGE_SIZE);
BUILD_BUG_ON(pt_level_shift(0) != PAGE_SHIFT);

/* How many problems the checkers print before only counting. */
#define PGTABLE_REPORT_MAX	10

/* ---- table pages ---- */

static phys_addr_t memblock_table_alloc(void *ctx)
{
	(void)ctx;
	return memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
}

static void memblock_table_free(phys_addr_t pa, void *ctx)
{
	(void)ctx;
	memblock_phys_free(pa, PAGE_SIZE);
}

const struct pgtable_allocator pgtable_alloc_memblock = {
	.name	= "memblock",
	.alloc	= memblock_table_alloc,
	.free	= memblock_table_free,
};

static const struct pgtable_allocator *pt_allocator = &pgtable_alloc_memblock;

/*
 * pgtable_set_allocator - install @a for all later table allocations and
 * frees.  Returns the previous allocator.  @a must stay valid while in use.
 */
const struct pgtable_allocator *pgtable_set_allocator(const struct pgtable_allocator *a)
{
	const struct pgtable_allocator *old = pt_allocator;

	pt_allocator = a;
	return old;
}

/* pgtable_get_allocator - the allocator in use. */
const struct pgtable_allocator *pgtable_get_allocator(void)
{
	return pt_allocator;
}

/*
 * pgtable_alloc_table - one page from the current allocator, cleared.
 * Returns its physical address, or 0 if the allocator has none left.
 */
phys_addr_t pgtable_alloc_table(void)
{
	phys_addr_t pa = pt_allocator->alloc(pt_allocator->ctx);

	if (!pa)
		return 0;
	if (WARN_ON(!IS_ALIGNED(pa, PAGE_SIZE)))
		return 0;
	memset(__va(pa), 0, PAGE_SIZE);
	return pa;
}

static void pt_free_page(phys_addr_t pa)
{
	if (pt_allocator->free)
		pt_allocator->free(pa, pt_allocator->ctx);
}

/* The table a level-@level table entry points to. */
static inline pte_t *pt_table(pte_t pte, unsigned int level)
{
	return __va(pte_phys(pte, level));
}

/* Publish @pte; a new table behind it must be visible first. */
static inline void pt_set(pte_t *ptep, pte_t pte)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	WRITE_ONCE(*ptep, pte);
}

static bool pt_table_empty(const pte_t *table)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PT; i++)
		if (!pte_none(READ_ONCE(table[i])))
			return false;
	return true;
}

/*
 * One change to a tree: the range it covers (for the TLB flush) and the
 * table pages waiting for that flush before they may be freed.
 */
struct pt_op {
	unsigned long start;
	unsigned long size;
	bool changed;			/* a live entry was cleared or rewritten */
	unsigned int nfree;
	phys_addr_t to_free[16];
};

static void pt_op_flush(struct pt_op *op)
{
	unsigned long end = op->start + op->size;

	if (end > op->start)
		flush_tlb_kernel_range(op->start, end);
	else
		flush_tlb_all();	/* the range reaches the top of the space */
}

/* Flush, then hand every waiting table page back to the allocator. */
static void pt_op_release(struct pt_op *op)
{
	unsigned int i;

	if (op->changed || op->nfree)
		pt_op_flush(op);
	for (i = 0; i < op->nfree; i++)
		pt_free_page(op->to_free[i]);
	op->nfree = 0;
	op->changed = false;
}

static void pt_op_free_later(struct pt_op *op, phys_addr_t pa)
{
	if (op->nfree == ARRAY_SIZE(op->to_free))
		pt_op_release(op);
	op->to_free[op->nfree++] = pa;
}

/*
 * Queue the table that @pte (a table entry at level @level) points to, and
 * every table below it, for freeing.
 */
static void pt_free_subtree(struct pt_op *op, pte_t pte, unsigned int level)
{
	pte_t *table = pt_table(pte, level);
	unsigned int i;

	if (level > 1) {
		for (i = 0; i < PTRS_PER_PT; i++) {
			pte_t e = READ_ONCE(table[i]);

			if (pte_present(e) && !pte_is_leaf(e, level - 1))
				pt_free_subtree(op, e, level - 1);
		}
	}
	pt_op_free_later(op, pte_phys(pte, level));
}

/*
 * Replace the leaf @old at *@ptep (level @level) by a table of
 * next-level leaves that map the same memory with the same permissions.
 * The translation does not change, so no flush is needed for the swap
 * itself.  Returns 0, -ENOMEM, or -EINVAL if the level below cannot hold
 * leaves (a broken asm/pgtable.h).
 */
static int pt_split_leaf(pte_t *ptep, pte_t old, unsigned int level)
{
	unsigned long sub = pt_level_size(level - 1);
	unsigned int prot = pte_prot(old);
	phys_addr_t pa = pte_phys(old, level);
	phys_addr_t table_pa;
	pte_t *table;
	unsigned int i;

	if (WARN_ON(level == 0 || !pt_level_has_leaf(level - 1)))
		return -EINVAL;
	table_pa = pgtable_alloc_table();
	if (!table_pa)
		return -ENOMEM;
	table = __va(table_pa);
	for (i = 0; i < PTRS_PER_PT; i++)
		table[i] = pte_mk_leaf(pa + (phys_addr_t)i * sub, prot, level - 1);
	pt_set(ptep, pte_mk_table(table_pa));
	return 0;
}

/* Bytes from @va to the end of its level-@level entry, capped at @size. */
static inline unsigned long pt_chunk(unsigned long va, unsigned long size,
				     unsigned int level)
{
	unsigned long span = pt_level_size(level);
	unsigned long left = span - (va & (span - 1));

	return min(size, left);
}

/* ---- range checks ---- */

/*
 * True if [@va, @va + @size) is non-empty, does not wrap and lies in one
 * canonical half.
 */
static bool pt_range_ok(unsigned long va, unsigned long size)
{
	unsigned long last = va + size - 1;

	if (!size || last < va)
		return false;
	if (!va_is_canonical(va) || !va_is_canonical(last))
		return false;
	/* Both canonical: same half iff bits VA_BITS-1..63 agree. */
	return ((va ^ last) >> (VA_BITS - 1)) == 0;
}

/* True if any page of [@va, @va + @size) has a leaf. */
static bool pt_any_mapped(pte_t *table, unsigned int level, unsigned long va,
			  unsigned long size)
{
	while (size) {
		unsigned long chunk = pt_chunk(va, size, level);
		pte_t pte = READ_ONCE(table[pt_index(va, level)]);

		if (pte_present(pte)) {
			if (pte_is_leaf(pte, level))
				return true;
			if (level > 0 &&
			    pt_any_mapped(pt_table(pte, level), level - 1, va, chunk))
				return true;
		}
		va += chunk;
		size -= chunk;
	}
	return false;
}

/* ---- map ---- */

struct pt_map_args {
	struct pt_op op;
	phys_addr_t delta;		/* pa = va + delta (mod 2^64) */
	unsigned int prot;
	unsigned int flags;
	unsigned long fail_va;		/* where -ENOMEM stopped the map */
};

static bool pt_leaf_fits(unsigned int level, unsigned long va, phys_addr_t pa,
			 unsigned long chunk, unsigned int flags)
{
	unsigned long span = pt_level_size(level);

	if (level > 0 && (flags & PGTABLE_MAP_4K))
		return false;
	return pt_level_has_leaf(level) && chunk == span &&
	       IS_ALIGNED(va, span) && IS_ALIGNED(pa, (phys_addr_t)span);
}

static int pt_map_level(pte_t *table, unsigned int level, unsigned long va,
			unsigned long size, struct pt_map_args *m)
{
	while (size) {
		unsigned long chunk = pt_chunk(va, size, level);
		pte_t *ptep = &table[pt_index(va, level)];
		pte_t old = READ_ONCE(*ptep);
		phys_addr_t pa = va + m->delta;
		bool fresh = false;
		int err;

		if (pt_leaf_fits(level, va, pa, chunk, m->flags)) {
			if (pte_present(old)) {
				if (!(m->flags & PGTABLE_MAP_REPLACE))
					return -EEXIST;
				m->op.changed = true;
			}
			pt_set(ptep, pte_mk_leaf(pa, m->prot, level));
			if (pte_present(old) && !pte_is_leaf(old, level) && level > 0)
				pt_free_subtree(&m->op, old, level);
		} else {
			if (WARN_ON(level == 0))
				return -EINVAL;	/* level 0 without leaves */
			if (!pte_present(old)) {
				phys_addr_t table_pa = pgtable_alloc_table();

				if (!table_pa) {
					m->fail_va = va;
					return -ENOMEM;
				}
				pt_set(ptep, pte_mk_table(table_pa));
				fresh = true;
			} else if (pte_is_leaf(old, level)) {
				if (!(m->flags & PGTABLE_MAP_REPLACE))
					return -EEXIST;
				err = pt_split_leaf(ptep, old, level);
				if (err) {
					m->fail_va = va;
					return err;
				}
				m->op.changed = true;
			}
			err = pt_map_level(pt_table(*ptep, level), level - 1, va,
					   chunk, m);
			if (err) {
				/* Do not leave a table we just added empty. */
				if (fresh && pt_table_empty(pt_table(*ptep, level))) {
					pte_t t = *ptep;

					pt_set(ptep, 0);
					pt_op_free_later(&m->op, pte_phys(t, level));
				}
				return err;
			}
		}
		va += chunk;
		size -= chunk;
	}
	return 0;
}

/*
 * pgtable_map - map [@va, @va + @size) to @pa with @prot; see
 * include/mm/pgtable.h for the rules.  Returns 0, -EINVAL, -EEXIST or
 * -ENOMEM.
 */
int pgtable_map(pte_t *root, unsigned long va, phys_addr_t pa,
		unsigned long size, unsigned int prot, unsigned int flags)
{
	struct pt_map_args m = {
		.op = { .start = va, .size = size },
		.delta = pa - va,
		.prot = prot,
		.flags = flags,
	};
	int err;

	if (!size)
		return 0;
	if (!IS_ALIGNED(va | size, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE) ||
	    !pt_range_ok(va, size) || pa + size - 1 < pa ||
	    ((pa + size - 1) >> PT_PA_BITS) ||
	    !(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) ||
	    (prot & ~PROT_ALL) || (flags & ~(PGTABLE_MAP_4K | PGTABLE_MAP_REPLACE))) {
		pr_warn("map: invalid request va 0x%lx pa 0x%llx size 0x%lx prot 0x%x flags 0x%x\n",
			va, (unsigned long long)pa, size, prot, flags);
		return -EINVAL;
	}
	if (!(flags & PGTABLE_MAP_REPLACE) &&
	    pt_any_mapped(root, PT_ROOT_LEVEL, va, size))
		return -EEXIST;

	err = pt_map_level(root, PT_ROOT_LEVEL, va, size, &m);
	pt_op_release(&m.op);
	if (err == -ENOMEM && m.fail_va == va)
		pr_err("map: out of page-table pages (%s allocator) mapping 0x%016lx-0x%016lx: nothing mapped\n",
		       pt_allocator->name, va, va + size);
	else if (err == -ENOMEM)
		pr_err("map: out of page-table pages (%s allocator) mapping 0x%016lx-0x%016lx: 0x%016lx-0x%016lx is mapped, the rest is not\n",
		       pt_allocator->name, va, va + size, va, m.fail_va);
	return err;
}

/* ---- unmap ---- */

static int pt_unmap_level(pte_t *table, unsigned int level, unsigned long va,
			  unsigned long size, struct pt_op *op)
{
	while (size) {
		unsigned long chunk = pt_chunk(va, size, level);
		pte_t *ptep = &table[pt_index(va, level)];
		pte_t old = READ_ONCE(*ptep);
		pte_t *child;
		int err;

		if (!pte_present(old))
			goto next;
		if (pte_is_leaf(old, level)) {
			if (chunk == pt_level_size(level)) {
				pt_set(ptep, 0);
				op->changed = true;
				goto next;
			}
			err = pt_split_leaf(ptep, old, level);
			if (err)
				return err;
		}
		if (WARN_ON(level == 0))
			return -EINVAL;
		child = pt_table(*ptep, level);
		err = pt_unmap_level(child, level - 1, va, chunk, op);
		if (pt_table_empty(child)) {
			pte_t t = *ptep;

			pt_set(ptep, 0);
			op->changed = true;
			pt_op_free_later(op, pte_phys(t, level));
		}
		if (err)
			return err;
next:
		va += chunk;
		size -= chunk;
	}
	return 0;
}

/*
 * pgtable_unmap - remove the mappings in [@va, @va + @size), splitting
 * large leaves at the ends and freeing emptied tables; see
 * include/mm/pgtable.h.  Returns 0, -EINVAL or -ENOMEM.
 */
int pgtable_unmap(pte_t *root, unsigned long va, unsigned long size)
{
	struct pt_op op = { .start = va, .size = size };
	int err;

	if (!size)
		return 0;
	if (!IS_ALIGNED(va | size, PAGE_SIZE) || !pt_range_ok(va, size)) {
		pr_warn("unmap: invalid range va 0x%lx size 0x%lx\n", va, size);
		return -EINVAL;
	}
	err = pt_unmap_level(root, PT_ROOT_LEVEL, va, size, &op);
	pt_op_release(&op);
	if (err == -ENOMEM)
		pr_err("unmap: out of page-table pages (%s allocator) splitting a large page in 0x%016lx-0x%016lx\n",
		       pt_allocator->name, va, va + size);
	return err;
}

/*
 * vmemmap_populate_basepages - back [@start, @end) with zeroed pages from
 * the table allocator, 4 KiB leaves, PAGE_KERNEL.  Returns 0, -EINVAL or
 * -ENOMEM (what was populated stays).
 */
int vmemmap_populate_basepages(pte_t *root, unsigned long start,
			       unsigned long end)
{
	unsigned long va;

	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = ALIGN(end, PAGE_SIZE);
	if (end == start)
		return 0;
	if (!pt_range_ok(start, end - start)) {
		pr_warn("vmemmap: invalid range 0x%lx-0x%lx\n", start, end);
		return -EINVAL;
	}
	for (va = start; va != end; va += PAGE_SIZE) {
		phys_addr_t pa;
		int err;

		if (pgtable_walk(root, va, NULL))
			continue;
		pa = pgtable_alloc_table();
		if (!pa) {
			pr_err("vmemmap: out of pages (%s allocator) at 0x%016lx of 0x%016lx-0x%016lx\n",
			       pt_allocator->name, va, start, end);
			return -ENOMEM;
		}
		err = pgtable_map(root, va, pa, PAGE_SIZE, PAGE_KERNEL,
				  PGTABLE_MAP_4K);
		if (err) {
			pt_free_page(pa);
			return err;
		}
	}
	return 0;
}

/*
 * vmemmap_populate - back [@start, @end) like vmemmap_populate_basepages(),
 * with one large leaf (pt_level_size(1): 2 MiB on both ports) for every
 * aligned chunk the range covers whole, is not mapped yet and memblock
 * has an aligned zeroed block for (Linux's vmemmap_populate_hugepages()).
 * Ragged ends, and chunks memblock cannot give, get base pages.  Fewer
 * table pages, fewer TLB entries, and a ptdump of a few lines.  Boot only
 * (memblock).  Returns 0, -EINVAL or -ENOMEM.
 */
int vmemmap_populate(pte_t *root, unsigned long start, unsigned long end)
{
	const unsigned long chunk = pt_level_size(1);
	unsigned long va, next;
	int err;

	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = ALIGN(end, PAGE_SIZE);
	if (end < start || !pt_range_ok(start, end - start)) {
		pr_warn("vmemmap: invalid range 0x%lx-0x%lx\n", start, end);
		return -EINVAL;
	}
	for (va = start; va < end; va = next) {
		next = min(ALIGN_DOWN(va, chunk) + chunk, end);
		if (pt_level_has_leaf(1) && IS_ALIGNED(va, chunk) &&
		    next - va == chunk &&
		    !pt_any_mapped(root, PT_ROOT_LEVEL, va, chunk)) {
			void *block = memblock_alloc(chunk, chunk);

			if (block) {
				err = pgtable_map(root, va, __pa(block), chunk,
						  PAGE_KERNEL, 0);
				if (!err)
					continue;
				memblock_phys_free(__pa(block), chunk);
				if (err != -ENOMEM)
					return err;
			}
		}
		err = vmemmap_populate_basepages(root, va, next);
		if (err)
			return err;
	}
	return 0;
}

/* ---- lookups ---- */

/*
 * pgtable_walk - the leaf that maps @va, or NULL; *@level gets the level
 * of the leaf or of the empty entry that ended the walk.
 */
pte_t *pgtable_walk(pte_t *root, unsigned long va, int *level)
{
	pte_t *table = root;
	int l;

	if (!va_is_canonical(va)) {
		if (level)
			*level = PT_ROOT_LEVEL;
		return NULL;
	}
	for (l = PT_ROOT_LEVEL; l >= 0; l--) {
		pte_t *ptep = &table[pt_index(va, l)];
		pte_t pte = READ_ONCE(*ptep);

		if (level)
			*level = l;
		if (!pte_present(pte))
			return NULL;
		if (pte_is_leaf(pte, l))
			return ptep;
		if (l == 0)
			return NULL;	/* a table pointer at level 0: broken */
		table = pt_table(pte, l);
	}
	return NULL;
}

/*
 * pgtable_translate - physical address and PROT_* bits for @va.
 * Returns false if @va is not mapped.
 */
bool pgtable_translate(pte_t *root, unsigned long va, phys_addr_t *pa,
		       unsigned int *prot)
{
	int level;
	pte_t *ptep = pgtable_walk(root, va, &level);
	pte_t pte;

	if (!ptep)
		return false;
	pte = READ_ONCE(*ptep);
	if (pa)
		*pa = pte_phys(pte, level) + (va & (pt_level_size(level) - 1));
	if (prot)
		*prot = pte_prot(pte);
	return true;
}

static int pt_for_each_leaf(pte_t *table, unsigned int level,
			    unsigned long base, pgtable_leaf_fn fn, void *arg)
{
	unsigned int i;
	int ret;

	for (i = 0; i < PTRS_PER_PT; i++) {
		pte_t pte = READ_ONCE(table[i]);
		unsigned long va = base + ((unsigned long)i << pt_level_shift(level));

		if (!pte_present(pte))
			continue;
		if (level == PT_ROOT_LEVEL)
			va = pgtable_sign_extend(va);
		if (pte_is_leaf(pte, level))
			ret = fn(pte, level, va, arg);
		else if (level > 0)
			ret = pt_for_each_leaf(pt_table(pte, level), level - 1, va,
					       fn, arg);
		else
			ret = 0;	/* broken; pgtable_check reports it */
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * pgtable_for_each_leaf - call @fn for every present leaf of @root in
 * ascending VA order.  Returns the first non-zero value @fn returned, or 0.
 */
int pgtable_for_each_leaf(pte_t *root, pgtable_leaf_fn fn, void *arg)
{
	return pt_for_each_leaf(root, PT_ROOT_LEVEL, 0, fn, arg);
}

static unsigned long pt_count_tables(pte_t *table, unsigned int level)
{
	unsigned long n = 0;
	unsigned int i;

	if (level == 0)
		return 0;
	for (i = 0; i < PTRS_PER_PT; i++) {
		pte_t pte = READ_ONCE(table[i]);

		if (pte_present(pte) && !pte_is_leaf(pte, level))
			n += 1 + pt_count_tables(pt_table(pte, level), level - 1);
	}
	return n;
}

/* pgtable_count_tables - table pages below @root. */
unsigned long pgtable_count_tables(pte_t *root)
{
	return pt_count_tables(root, PT_ROOT_LEVEL);
}

/* ---- checks ---- */

struct pt_check {
	int problems;
};

static void pt_check_report(struct pt_check *c, unsigned int level,
			    unsigned int idx, unsigned long va, pte_t pte,
			    const char *what)
{
	if (c->problems++ < PGTABLE_REPORT_MAX)
		pr_err("check: %s[%u] (va 0x%016lx) = 0x%016llx: %s\n",
		       pt_level_name(level), idx, va, (unsigned long long)pte,
		       what);
}

static void pt_check_table(struct pt_check *c, pte_t *table,
			   unsigned int level, unsigned long base)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PT; i++) {
		pte_t pte = READ_ONCE(table[i]);
		unsigned long va = base + ((unsigned long)i << pt_level_shift(level));
		const char *why;

		if (level == PT_ROOT_LEVEL)
			va = pgtable_sign_extend(va);
		if (pte_none(pte))
			continue;
		if (!pte_present(pte)) {
			pt_check_report(c, level, i, va, pte,
					"stray bits in a non-present entry");
			continue;
		}
		why = pte_reserved_reason(pte, level);
		if (why) {
			pt_check_report(c, level, i, va, pte, why);
			continue;
		}
		if (pte_is_leaf(pte, level)) {
			if (!pt_level_has_leaf(level))
				pt_check_report(c, level, i, va, pte,
						"leaf at a level that cannot hold one");
			else if (!IS_ALIGNED(pte_phys(pte, level),
					     (phys_addr_t)pt_level_size(level)))
				pt_check_report(c, level, i, va, pte,
						"leaf address not aligned to its size");
			continue;
		}
		if (level == 0) {
			pt_check_report(c, level, i, va, pte,
					"table pointer at level 0");
			continue;
		}
		if (!IS_ALIGNED(pte_phys(pte, level), PAGE_SIZE) ||
		    !pte_phys(pte, level)) {
			pt_check_report(c, level, i, va, pte,
					"table pointer not a page address");
			continue;
		}
		pt_check_table(c, pt_table(pte, level), level - 1, va);
	}
}

/*
 * pgtable_check - prove the structural invariants of @root (see
 * include/mm/pgtable.h).  Returns 0, or -EINVAL after printing the
 * violations.
 */
int pgtable_check(pte_t *root)
{
	struct pt_check c = { 0 };

	mm_check_count(MM_CHECK_PGTABLE);
	pt_check_table(&c, root, PT_ROOT_LEVEL, 0);
	if (c.problems) {
		pr_err("check: %d problem%s in the tables at %p\n", c.problems,
		       c.problems == 1 ? "" : "s", (void *)root);
		return -EINVAL;
	}
	return 0;
}

struct pt_wx {
	int leaves;
	unsigned long pages;
};

static int pt_wx_leaf(pte_t pte, unsigned int level, unsigned long va, void *arg)
{
	struct pt_wx *wx = arg;
	unsigned int prot = pte_prot(pte);
	unsigned long size = pt_level_size(level);

	if ((prot & (PROT_WRITE | PROT_EXEC)) != (PROT_WRITE | PROT_EXEC))
		return 0;
	if (wx->leaves++ < PGTABLE_REPORT_MAX)
		pr_warn("Found insecure W+X mapping at address 0x%016lx-0x%016lx (pa 0x%016llx, %s)\n",
			va, va + size, (unsigned long long)pte_phys(pte, level),
			pt_level_name(level));
	wx->pages += size >> PAGE_SHIFT;
	return 0;
}

/*
 * pgtable_check_wx - count (and print) the leaves of @root that are both
 * writable and executable; prints Linux's summary line.  Returns the count.
 */
int pgtable_check_wx(pte_t *root)
{
	struct pt_wx wx = { 0, 0 };

	pgtable_for_each_leaf(root, pt_wx_leaf, &wx);
	if (wx.leaves)
		printk(KERN_WARNING "Checked W+X mappings: failed, %lu W+X pages found\n",
		       wx.pages);
	else
		printk(KERN_INFO "Checked W+X mappings: passed, no W+X pages found\n");
	return wx.leaves;
}

/* ---- linear-map verification ---- */

struct pt_linear {
	pte_t *root;
	const struct memblock_type *memory;
	unsigned long offset;		/* va = pa + offset */
	unsigned long win_start;	/* [win_start, win_last]: the window */
	unsigned long win_last;
	int problems;
};

static void pt_linear_report(struct pt_linear *v, const char *fmt, ...)
	__printf(2, 3);

static void pt_linear_report(struct pt_linear *v, const char *fmt, ...)
{
	char buf[224];
	va_list ap;

	if (v->problems++ >= PGTABLE_REPORT_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_err("linear map: %s\n", buf);
}

/*
 * True if all of [@pa, @pa + @len) lies in regions of @memory without
 * MEMBLOCK_NOMAP.  Sets *@nomap if some of it is NOMAP.
 */
static bool pt_is_map_memory(const struct memblock_type *memory,
			     phys_addr_t pa, phys_addr_t len, bool *nomap)
{
	unsigned long i;

	*nomap = false;
	while (len) {
		const struct memblock_region *r = NULL;
		phys_addr_t step;

		for (i = 0; i < memory->cnt; i++) {
			const struct memblock_region *m = &memory->regions[i];

			if (pa >= m->base && pa - m->base < m->size) {
				r = m;
				break;
			}
		}
		if (!r)
			return false;
		if (r->flags & MEMBLOCK_NOMAP) {
			*nomap = true;
			return false;
		}
		step = min(len, r->base + r->size - pa);
		pa += step;
		len -= step;
	}
	return true;
}

/* Step 1: every page of RAM outside NOMAP has a leaf at its linear VA. */
static void pt_linear_check_present(struct pt_linear *v,
				    const struct memblock_region *r)
{
	phys_addr_t pa = r->base, end = r->base + r->size;

	if (!va_is_canonical(pa + v->offset) ||
	    !va_is_canonical(end - 1 + v->offset)) {
		pt_linear_report(v, "[mem 0x%016llx-0x%016llx] has no canonical linear address (offset 0x%lx)",
				 (unsigned long long)pa,
				 (unsigned long long)end - 1, v->offset);
		return;
	}
	while (pa < end) {
		unsigned long va = pa + v->offset;
		int level;
		pte_t *ptep = pgtable_walk(v->root, va, &level);
		unsigned long span = pt_level_size(level);
		phys_addr_t step = span - (va & (span - 1));

		if (!ptep) {
			phys_addr_t hole_end = min(end, pa + step);

			pt_linear_report(v, "[mem 0x%016llx-0x%016llx] is not mapped at 0x%016lx",
					 (unsigned long long)pa,
					 (unsigned long long)hole_end - 1, va);
		}
		if (pa + step < pa)
			break;
		pa += step;
	}
}

/* Step 2: every leaf in the window maps VA to VA - offset, and only RAM. */
static int pt_linear_leaf(pte_t pte, unsigned int level, unsigned long va,
			  void *arg)
{
	struct pt_linear *v = arg;
	unsigned long size = pt_level_size(level);
	unsigned long last = va + size - 1;
	phys_addr_t pa = pte_phys(pte, level);
	bool nomap;

	if (last < v->win_start || va > v->win_last)
		return 0;
	if (pa != va - v->offset) {
		pt_linear_report(v, "0x%016lx-0x%016lx maps [mem 0x%016llx-0x%016llx], not its linear PA 0x%016lx (an alias or a misplaced mapping)",
				 va, last, (unsigned long long)pa,
				 (unsigned long long)(pa + size - 1),
				 va - v->offset);
		return 0;
	}
	if (!pt_is_map_memory(v->memory, pa, size, &nomap))
		pt_linear_report(v, "0x%016lx-0x%016lx maps [mem 0x%016llx-0x%016llx], which %s",
				 va, last, (unsigned long long)pa,
				 (unsigned long long)(pa + size - 1),
				 nomap ? "includes NOMAP memory" : "includes a hole");
	return 0;
}

/*
 * pgtable_verify_linear - prove that @root's linear map is exactly
 * @memory's RAM outside NOMAP at VA = PA + @va_pa_offset (see
 * include/mm/pgtable.h).  Returns the number of problems (0: proven).
 */
int pgtable_verify_linear(pte_t *root, const struct memblock_type *memory,
			  unsigned long va_pa_offset)
{
	struct pt_linear v = {
		.root = root,
		.memory = memory,
		.offset = va_pa_offset,
	};
	const struct memblock_region *first, *last;
	unsigned long i;

	if (!memory->cnt)
		return 0;
	first = &memory->regions[0];
	last = &memory->regions[memory->cnt - 1];
	v.win_start = first->base + va_pa_offset;
	v.win_last = last->base + last->size - 1 + va_pa_offset;

	for (i = 0; i < memory->cnt; i++)
		if (!(memory->regions[i].flags & MEMBLOCK_NOMAP))
			pt_linear_check_present(&v, &memory->regions[i]);
	pgtable_for_each_leaf(root, pt_linear_leaf, &v);

	if (v.problems)
		pr_err("linear map: %d problem%s in 0x%016lx-0x%016lx (offset 0x%lx)\n",
		       v.problems, v.problems == 1 ? "" : "s", v.win_start,
		       v.win_last, va_pa_offset);
	else
		pr_info("linear map: verified 0x%016lx-0x%016lx, %lu region%s\n",
			v.win_start, v.win_last, memory->cnt,
			memory->cnt == 1 ? "" : "s");
	return v.problems;
}
