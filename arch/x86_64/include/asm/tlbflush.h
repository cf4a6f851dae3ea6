/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 TLB maintenance.  invlpg drops one page's translation (global or
 * not); a CR3 load keeps global entries, so "everything" toggles CR4.PGE,
 * which flushes them too (Intel SDM vol. 3A, 4.10.4.1).  Remote flushes
 * become IPIs once secondary CPUs run; until then they are local.
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/processor.h>

static inline void local_flush_tlb_all(void)
{
	unsigned long cr4 = read_cr4();

	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4);
}

static inline void local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(va) : "memory");
}

static inline void local_flush_tlb_range(unsigned long start, unsigned long end)
{
	if (end - start > 64 * 4096UL) {
		local_flush_tlb_all();
		return;
	}
	for (start &= ~4095UL; start < end; start += 4096)
		local_flush_tlb_page(start);
}

/* Every CPU (SMP-aware versions arrive with secondary CPUs). */
void flush_tlb_all(void);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif /* _ASM_X86_TLBFLUSH_H */
