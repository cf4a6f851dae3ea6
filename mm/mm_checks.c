// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Counters of invariant-checker runs (include/mm/mm_checks.h).  Updated
 * with relaxed atomics by whichever CPU runs a checker; no lock.
 */
#include <mm/mm_checks.h>

unsigned long mm_checks_run[NR_MM_CHECKS];

const char *const mm_check_names[NR_MM_CHECKS] = {
	[MM_CHECK_MEMBLOCK]	= "memblock",
	[MM_CHECK_BUDDY]	= "buddy",
	[MM_CHECK_SLAB]		= "slab",
	[MM_CHECK_VMALLOC]	= "vmalloc",
	[MM_CHECK_PGTABLE]	= "pgtable",
};

/* mm_checks_total - the runs of every checker added up. */
unsigned long mm_checks_total(void)
{
	unsigned long sum = 0;

	for (int i = 0; i < NR_MM_CHECKS; i++)
		sum += __atomic_load_n(&mm_checks_run[i], __ATOMIC_RELAXED);
	return sum;
}
