// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V TLB shootdown: flush_tlb_all() and flush_tlb_kernel_range() for
 * every online hart.
 *
 * The calling hart flushes itself with sfence.vma; the other online harts
 * get one SBI RFENCE remote_sfence_vma call per group of hart ids
 * (normally one call in all), and the SBI returns only after every target
 * has executed its sfence.vma.  That is synchronous: callers may free a
 * page-table page or reuse a virtual range right after the call.
 *
 * Callers batch: vmalloc's lazy purge flushes once for a whole batch of
 * freed areas (mm/vmalloc.c), so the cost of the firmware round trip is
 * paid once per batch, not per vfree().  Ranges of more than
 * TLB_FLUSH_ALL_PAGES pages become a full flush (size -1), as Linux's
 * tlb_flush_all_threshold does.
 *
 * New mappings are not pushed to other harts: arch_sync_kernel_mappings()
 * flushes only the local hart.  QEMU, and harts with Svvptc, never cache
 * an invalid entry, so another hart sees a fresh vmalloc mapping at once;
 * a hart that did cache one would fault on it (Linux retries such a
 * fault after a local sfence.vma; Arbor does not yet).
 *
 * Locking: none here.  May be called with interrupts off and spinlocks
 * held: the remote flush is done by the SBI in M-mode, whose interrupts
 * S-mode cannot mask, so a target spinning with interrupts off still
 * answers.
 */
#include <kernel/smp.h>
#include <asm/sbi.h>
#include <asm/tlbflush.h>
#include <asm/page.h>

#include "../kernel/riscv.h"

#define TLB_FLUSH_ALL_PAGES	64

struct rfence_range {
	unsigned long start, size;
};

static void rfence_group(unsigned long hmask, unsigned long hbase, void *arg)
{
	struct rfence_range *r = arg;

	sbi_remote_sfence_vma(hmask, hbase, r->start, r->size);
}

/* Online harts other than this one, as a CPU mask. */
static unsigned long other_online_cpus(void)
{
	return __atomic_load_n(&cpu_online_mask, __ATOMIC_ACQUIRE) &
	       ~(1UL << arch_cpu_id());
}

/* flush_tlb_all - every translation on every online hart. */
void flush_tlb_all(void)
{
	struct rfence_range all = { 0, ~0UL };
	unsigned long others = other_online_cpus();

	local_flush_tlb_all();
	if (others)
		riscv_for_each_hart_group(others, rfence_group, &all);
}

/*
 * flush_tlb_kernel_range - translations of [@start, @end) on every online
 * hart (the whole TLB for large ranges).
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct rfence_range r = { start, end - start };
	unsigned long others = other_online_cpus();

	local_flush_tlb_range(start, end);
	if (!others)
		return;
	if (end - start > TLB_FLUSH_ALL_PAGES * PAGE_SIZE) {
		r.start = 0;
		r.size = ~0UL;
	}
	riscv_for_each_hart_group(others, rfence_group, &r);
}
