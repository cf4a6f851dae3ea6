/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V TLB maintenance.  Local flushes use sfence.vma; flush_tlb_all()
 * and flush_tlb_kernel_range() also reach every other online hart through
 * SBI RFENCE remote_sfence_vma (arch/riscv/mm/tlbflush.c), which returns
 * once they have all flushed.
 */
#ifndef _ASM_RISCV_TLBFLUSH_H
#define _ASM_RISCV_TLBFLUSH_H

static inline void local_flush_tlb_all(void)
{
	__asm__ __volatile__("sfence.vma" ::: "memory");
}

static inline void local_flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("sfence.vma %0" :: "r"(va) : "memory");
}

static inline void local_flush_tlb_range(unsigned long start, unsigned long end)
{
	if (end - start > 64 * 4096UL) {
		local_flush_tlb_all();
		return;
	}
	for (; start < end; start += 4096)
		local_flush_tlb_page(start);
}

/* Every online hart: this one with sfence.vma, the others through SBI. */
void flush_tlb_all(void);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

#endif /* _ASM_RISCV_TLBFLUSH_H */
