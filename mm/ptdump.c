// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ptdump: the page-table reports, in the format of Linux's
 * /sys/kernel/debug/kernel_page_tables so the two can be read side by side.
 *
 * What it owns
 *   pgtable_dump()/pgtable_dump_markers(): every mapping of a tree, leaves
 *   coalesced into ranges; pgtable_dump_va(): one address walked level by
 *   level.  The `ptdump` and VA look-up monitor commands print these.
 *
 *   A range is a run of leaves that follow each other in VA and in PA and
 *   agree on level and attributes (pte_attrs()).  Its line:
 *
 *   0xffffffd800000000-0xffffffdc00000000    0x0000000080000000        16G PUD D A G . . W R V
 *   |VA start          |VA end, exclusive    |PA of VA start    |size, %9lu+unit|level|pte_flags_str()
 *
 *   The size is printed in the largest unit (K M G T P E) that divides it.
 *   Section headers "---[ name ]---" come from optional markers, as Linux's
 *   address markers, and also cut ranges at their boundaries.
 *
 * Everything is printed with printk(KERN_INFO) without a prefix, one line
 * per call.  Locking: as mm/pgtable.c; a dump of a tree that changes under
 * it shows a torn but safe view only if tables are not freed meanwhile, so
 * callers hold the page-table lock.
 */
#include <mm/pgtable.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>

struct pt_dump {
	const struct pgtable_marker *marker;	/* next header to print */
	bool open;				/* a range is being built */
	unsigned long start;			/* VA of the range */
	unsigned long next;			/* VA just past it */
	phys_addr_t pa;				/* PA of start */
	phys_addr_t next_pa;			/* PA just past it */
	unsigned int level;
	pte_t pte;				/* its first leaf (attributes) */
};

static void pt_dump_headers(struct pt_dump *d, unsigned long va, bool all)
{
	while (d->marker && d->marker->name && (all || d->marker->start <= va)) {
		printk(KERN_INFO "---[ %s ]---\n", d->marker->name);
		d->marker++;
	}
}

static void pt_dump_flush(struct pt_dump *d)
{
	static const char units[] = "KMGTPE";
	const char *unit = units;
	unsigned long size = (d->next - d->start) >> 10;
	char flags[PTE_FLAGS_STR_SIZE];

	if (!d->open)
		return;
	while (!(size & 1023) && unit[1]) {
		size >>= 10;
		unit++;
	}
	pte_flags_str(d->pte, flags, sizeof(flags));
	printk(KERN_INFO "0x%016lx-0x%016lx    0x%016llx %9lu%c %s %s\n",
	       d->start, d->next, (unsigned long long)d->pa, size, *unit,
	       pt_level_name(d->level), flags);
	d->open = false;
}

static int pt_dump_leaf(pte_t pte, unsigned int level, unsigned long va,
			void *arg)
{
	struct pt_dump *d = arg;
	unsigned long size = pt_level_size(level);
	bool crosses_marker = d->marker && d->marker->name &&
			      d->marker->start <= va;

	if (d->open && !crosses_marker && va == d->next &&
	    pte_phys(pte, level) == d->next_pa && level == d->level &&
	    pte_attrs(pte) == pte_attrs(d->pte)) {
		d->next += size;
		d->next_pa += size;
		return 0;
	}
	pt_dump_flush(d);
	pt_dump_headers(d, va, false);
	d->open = true;
	d->start = va;
	d->next = va + size;
	d->pa = pte_phys(pte, level);
	d->next_pa = d->pa + size;
	d->level = level;
	d->pte = pte;
	return 0;
}

/*
 * pgtable_dump_markers - print every mapping of @root as coalesced ranges,
 * with the section headers of @markers (sorted, ended by a NULL name; may
 * be NULL).
 */
void pgtable_dump_markers(pte_t *root, const struct pgtable_marker *markers)
{
	struct pt_dump d = { .marker = markers };

	pgtable_for_each_leaf(root, pt_dump_leaf, &d);
	pt_dump_flush(&d);
	pt_dump_headers(&d, 0, true);
}

/* pgtable_dump - print every mapping of @root as coalesced ranges. */
void pgtable_dump(pte_t *root)
{
	pgtable_dump_markers(root, NULL);
}

/*
 * pgtable_dump_va - print the walk for @va: each level's index, raw entry
 * and decoded bits, then the translation or why there is none.
 */
void pgtable_dump_va(pte_t *root, unsigned long va)
{
	char flags[PTE_FLAGS_STR_SIZE], where[16];
	pte_t *table = root;
	int level;

	printk(KERN_INFO "pgtable: walk of 0x%016lx\n", va);
	if (!va_is_canonical(va)) {
		printk(KERN_INFO "  not canonical: bits 63..%d must equal bit %d\n",
		       VA_BITS, VA_BITS - 1);
		return;
	}
	for (level = PT_ROOT_LEVEL; level >= 0; level--) {
		unsigned int idx = pt_index(va, level);
		pte_t pte = READ_ONCE(table[idx]);
		unsigned long size = pt_level_size(level);
		unsigned long long raw = pte;

		snprintf(where, sizeof(where), "%s[%u]", pt_level_name(level), idx);
		if (pte_none(pte)) {
			printk(KERN_INFO "  %-8s = 0x%016llx  not mapped (empty %s entry)\n",
			       where, raw, pt_level_name(level));
			return;
		}
		pte_flags_str(pte, flags, sizeof(flags));
		if (!pte_present(pte)) {
			printk(KERN_INFO "  %-8s = 0x%016llx  %s  not present\n",
			       where, raw, flags);
			return;
		}
		if (pte_is_leaf(pte, level)) {
			phys_addr_t pa = pte_phys(pte, level) + (va & (size - 1));
			const char *unit = "KMG";
			unsigned long n = size >> 10;

			while (!(n & 1023) && unit[1]) {
				n >>= 10;
				unit++;
			}
			printk(KERN_INFO "  %-8s = 0x%016llx  %s  leaf %lu%c\n",
			       where, raw, flags, n, *unit);
			printk(KERN_INFO "  -> pa 0x%016llx (%lu%c %s, prot 0x%x)\n",
			       (unsigned long long)pa, n, *unit,
			       pt_level_name(level), pte_prot(pte));
			return;
		}
		printk(KERN_INFO "  %-8s = 0x%016llx  %s  table 0x%016llx\n",
		       where, raw, flags, (unsigned long long)pte_phys(pte, level));
		if (level == 0) {
			printk(KERN_INFO "  -> broken: a table pointer at level 0\n");
			return;
		}
		table = __va(pte_phys(pte, level));
	}
}
