// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The host "MMU" for the vmalloc range: makes what kernel_pgd says about
 * [VMALLOC_START, VMALLOC_END) true in the test program's own address
 * space, so host tests read and write vmalloc memory through the page
 * tables (and ASan watches every access).
 *
 *   host_vmalloc_window (64 GiB, PROT_NONE reservation)
 *   | guard | area A page 0 | area A page 1 | guard | ...
 *             |  mmap(MAP_SHARED|MAP_FIXED, host_phys_fd, offset = pa)
 *             v
 *   host_phys_fd (memfd): physical address P at file offset P, the same
 *   file host_phys_window maps, so a page seen at __va(pa) and at its
 *   vmalloc address is one page.
 *
 * arch_sync_kernel_mappings(start, end), which mm/vmalloc.c calls after
 * every change, walks kernel_pgd (pgtable_translate) for each page of the
 * range and maps runs of pages that are contiguous in both spaces with one
 * mmap: the memfd at the entry's physical address with the entry's
 * permissions, or fresh PROT_NONE memory where nothing is mapped.  The
 * guard pages and freed areas thus fault like unmapped kernel memory.
 *
 * host_vmap_reset() makes the whole window PROT_NONE again (a new machine:
 * host_mem_reset() replaces the memfd, so old mappings would show stale
 * memory).
 *
 * Locking: none; the harness drives it from one thread at a time (the
 * vmalloc code calls it outside its locks).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <kernel/kernel.h>
#include <mm/pgtable.h>
#include <mm/prot.h>
#include <mm/kernel_map.h>
#include <mm/vmalloc.h>
#include <asm/page.h>
#include <asm/memlayout.h>

/* The fake physical memory file (tests/host/host_arch.c). */
extern int host_phys_fd;

/* mmap calls made so far, for tests and curiosity. */
unsigned long host_vmap_mmaps;

static int host_prot(unsigned int prot)
{
	int p = 0;

	if (prot & PROT_READ)
		p |= PROT_READ;
	if (prot & PROT_WRITE)
		p |= PROT_READ | PROT_WRITE;
	/* Never executable on the host: no code runs from vmalloc here. */
	return p;
}

static void host_vmap_fail(const char *what, unsigned long va, size_t len)
{
	fprintf(stderr, "host_vmap: %s at 0x%lx (+0x%zx): %s\n", what, va, len,
		strerror(errno));
	abort();
}

/* The state of one page: mapped (pa, prot) or not. */
struct host_pte {
	bool mapped;
	phys_addr_t pa;
	unsigned int prot;
};

static struct host_pte host_lookup(unsigned long va)
{
	struct host_pte e = { 0 };

	if (kernel_pgd)
		e.mapped = pgtable_translate(kernel_pgd, va, &e.pa, &e.prot);
	return e;
}

/*
 * arch_sync_kernel_mappings - copy kernel_pgd's view of [@start, @end)
 * into the host address space (see the top of the file).  Aborts on a
 * range outside the window or a failed mmap: the harness cannot go on.
 */
void arch_sync_kernel_mappings(unsigned long start, unsigned long end)
{
	unsigned long va;

	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = ALIGN(end, PAGE_SIZE);
	if (start < VMALLOC_START || end > VMALLOC_END || end < start) {
		errno = EINVAL;
		host_vmap_fail("range outside the vmalloc window", start, end - start);
	}

	for (va = start; va < end;) {
		struct host_pte first = host_lookup(va), e;
		unsigned long len = PAGE_SIZE;
		void *p;

		/* Grow the run while the next page continues it. */
		while (va + len < end) {
			e = host_lookup(va + len);
			if (e.mapped != first.mapped)
				break;
			if (first.mapped && (e.prot != first.prot ||
					     e.pa != first.pa + len))
				break;
			len += PAGE_SIZE;
		}
		if (first.mapped)
			p = mmap((void *)va, len, host_prot(first.prot),
				 MAP_SHARED | MAP_FIXED, host_phys_fd,
				 (off_t)first.pa);
		else
			p = mmap((void *)va, len, PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				 MAP_FIXED, -1, 0);
		if (p == MAP_FAILED)
			host_vmap_fail(first.mapped ? "mmap of physical memory"
						    : "mmap PROT_NONE", va, len);
		host_vmap_mmaps++;
		va += len;
	}
}

/* host_vmap_reset - the whole vmalloc window inaccessible again. */
void host_vmap_reset(void)
{
	if (mmap(host_vmalloc_window, VMALLOC_END - VMALLOC_START, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		 -1, 0) == MAP_FAILED)
		host_vmap_fail("reset", VMALLOC_START, VMALLOC_END - VMALLOC_START);
	host_vmap_mmaps = 0;
}
