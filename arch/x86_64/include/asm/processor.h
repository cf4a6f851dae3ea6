/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 control registers, MSRs, CPUID and the TSC: the bits Arbor uses
 * (Intel SDM vol. 3A ch. 2 and 4; AMD APM vol. 2).  Shared with
 * boot/head.S, so the C parts are guarded.
 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#define X86_CR0_PE	(1 << 0)	/* protected mode */
#define X86_CR0_WP	(1 << 16)	/* read-only pages bind the kernel too */
#define X86_CR0_PG	(1 << 31)	/* paging */

#define X86_CR4_PAE	(1 << 5)
#define X86_CR4_PGE	(1 << 7)	/* global pages */

#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)	/* long mode enable */
#define EFER_NXE	(1 << 11)	/* no-execute bit in PTEs */
#define MSR_GS_BASE	0xc0000101

/* CPUID 0x80000001 EDX */
#define X86_EXT_NX	(1 << 20)
#define X86_EXT_GBPAGES	(1 << 26)	/* pdpe1gb: 1 GiB pages */
#define X86_EXT_LM	(1 << 29)	/* long mode */

/* Segment selectors of the GDT (kernel/cpu.c and boot/head.S). */
#define __KERNEL_CS	0x08
#define __KERNEL_DS	0x10
#define GDT_TSS		0x18		/* 16-byte system descriptor */

#ifndef __ASSEMBLY__
#include <kernel/types.h>

static inline unsigned long read_cr2(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr3(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" :: "r"(v) : "memory");
}

static inline unsigned long read_cr4(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" :: "r"(v) : "memory");
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
			     : "memory");
}

static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c,
			       u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	cpuid_count(leaf, 0, a, b, c, d);
}

/* The time-stamp counter: ticks since the CPU was reset. */
static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}
#endif /* !__ASSEMBLY__ */

#endif /* _ASM_X86_PROCESSOR_H */
