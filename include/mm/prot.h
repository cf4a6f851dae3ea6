/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Generic page protections: what a mapping may be used for, independent of
 * how an architecture encodes it.  mm/ code speaks only these bits; each
 * arch's asm/pgtable.h turns them into PTE bits (arch_prot_to_pte()) and
 * back (pte_prot()).
 *
 *   PROT_READ    loads allowed
 *   PROT_WRITE   stores allowed (an arch without write-only pages, such as
 *                Sv39, adds PROT_READ)
 *   PROT_EXEC    instruction fetch allowed
 *   PROT_USER    reachable from user mode (kernel mappings never set it)
 *   PROT_DEVICE  MMIO: uncached, strongly ordered, where the arch can say so
 *                in the PTE (x86 PCD/PWT, Svpbmt IO); elsewhere the platform's
 *                physical memory attributes decide and the bit is dropped
 *   PROT_GLOBAL  present in every address space (not flushed on a switch)
 *
 * A mapping needs at least one of READ, WRITE, EXEC: "no access" is no
 * mapping.  The first three match POSIX mmap's values on purpose.
 *
 * Arbor's kernel mappings obey W^X: no combination below is both writable
 * and executable, and pgtable_check_wx() proves it for a whole table.
 */
#ifndef _MM_PROT_H
#define _MM_PROT_H

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_USER	0x8
#define PROT_DEVICE	0x10
#define PROT_GLOBAL	0x20

/* Every generic bit, for masks and checks. */
#define PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_USER | \
			 PROT_DEVICE | PROT_GLOBAL)

/* Linux's names for the kernel's protections. */
#define PAGE_KERNEL		(PROT_READ | PROT_WRITE | PROT_GLOBAL)	/* data, linear map */
#define PAGE_KERNEL_RO		(PROT_READ | PROT_GLOBAL)		/* rodata */
#define PAGE_KERNEL_EXEC	(PROT_READ | PROT_EXEC | PROT_GLOBAL)	/* text */
#define PAGE_KERNEL_IO		(PROT_READ | PROT_WRITE | PROT_DEVICE | PROT_GLOBAL) /* MMIO */

#endif /* _MM_PROT_H */
