/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * How many times each invariant checker has run since boot (or since the
 * test program started): the figure docs/testing.md quotes, printed by
 * the ktest runner at the end of a run and by the fuzz targets at exit.
 * Each checker counts itself on entry; nothing else reads the counters.
 */
#ifndef _MM_MM_CHECKS_H
#define _MM_MM_CHECKS_H

enum mm_check {
	MM_CHECK_MEMBLOCK,	/* memblock_check() */
	MM_CHECK_BUDDY,		/* buddy_check() */
	MM_CHECK_SLAB,		/* slab_check(), once per cache checked */
	MM_CHECK_VMALLOC,	/* vmalloc_check() */
	MM_CHECK_PGTABLE,	/* pgtable_check() */
	NR_MM_CHECKS
};

extern unsigned long mm_checks_run[NR_MM_CHECKS];
/* "memblock", "buddy", ...: the names the reports print. */
extern const char *const mm_check_names[NR_MM_CHECKS];

/* Count one run of checker @c (any CPU; relaxed atomic). */
static inline void mm_check_count(enum mm_check c)
{
	__atomic_add_fetch(&mm_checks_run[c], 1, __ATOMIC_RELAXED);
}

/* Runs of all checkers together. */
unsigned long mm_checks_total(void);

#endif /* _MM_MM_CHECKS_H */
