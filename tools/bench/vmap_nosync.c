// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The host "MMU" of tests/host/host_vmap.c, made a no-op, for
 * build/bench/arbor-bench-nosync.
 *
 * The real hook copies every vmalloc mapping into the benchmark's own
 * address space with one mmap() per physically contiguous run: a system
 * call per page of a fresh area, and two host VMAs per live area, so
 * 100k live areas exceed Linux's vm.max_map_count (65530).  A kernel
 * pays nothing of the kind (on x86-64 arch_sync_kernel_mappings() is
 * empty; RISC-V flushes a range).  Linking this file instead measures
 * what mm/vmalloc.c itself does: the area trees, the data pages, the
 * page-table updates and the lazy purge.  Nothing may touch vmalloc'ed
 * memory in this program.
 */
#include <mm/vmalloc.h>

/* The counters tests/host/host_vmap.c keeps: always 0 here. */
unsigned long host_vmap_mmaps;

void arch_sync_kernel_mappings(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
}

void host_vmap_reset(void);

void host_vmap_reset(void)
{
}
