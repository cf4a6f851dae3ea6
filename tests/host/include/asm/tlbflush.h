/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host "arch": there is no TLB; flushes only count, for tests (atomically:
 * threads playing CPUs flush under different locks).
 */
#ifndef _ASM_HOST_TLBFLUSH_H
#define _ASM_HOST_TLBFLUSH_H

extern unsigned long host_tlb_flushes;

static inline void host_count_flush(void)
{
	__atomic_add_fetch(&host_tlb_flushes, 1, __ATOMIC_RELAXED);
}

static inline void local_flush_tlb_all(void) { host_count_flush(); }
static inline void local_flush_tlb_page(unsigned long va) { (void)va; host_count_flush(); }
static inline void local_flush_tlb_range(unsigned long s, unsigned long e) { (void)s; (void)e; host_count_flush(); }
static inline void flush_tlb_all(void) { host_count_flush(); }
static inline void flush_tlb_kernel_range(unsigned long s, unsigned long e) { (void)s; (void)e; host_count_flush(); }

#endif /* _ASM_HOST_TLBFLUSH_H */
