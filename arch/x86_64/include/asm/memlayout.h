/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 kernel virtual memory layout: Linux's 4-level layout
 * (Documentation/x86/x86_64/mm.rst) without KASLR, so what you learn here
 * reads the same on a Linux x86-64 machine:
 *
 *   0x0000000000000000 +------------------------------+
 *                      | user space (unused)  128 TiB | page 0 never mapped
 *   0x0000800000000000 +------------------------------+
 *                      |   non-canonical hole         |
 *   0xffff800000000000 +------------------------------+
 *                      |   guard hole, LDT remap      |
 *   0xffff888000000000 | linear map of RAM     64 TiB | PAGE_OFFSET
 *   0xffffc88000000000 |   unused                     |
 *   0xffffc90000000000 | vmalloc / ioremap     32 TiB | VMALLOC_START
 *   0xffffe90000000000 |   unused                     |
 *   0xffffea0000000000 | vmemmap                1 TiB | struct page array
 *   0xffffeb0000000000 |   unused (KASAN, EFI, ...)   |
 *   0xffffffff80000000 | kernel image           1 GiB | KERNEL_VBASE = _start
 *   0xffffffffc0000000 |   unused (modules)           |
 *   0xffffffffff000000 | fixmap                 2 MiB | early MMIO slots
 *   0xffffffffff200000 |   unused                     |
 *   0xffffffffffffffff +------------------------------+
 *
 * Each region owns whole top-level (512 GiB) entries except the kernel
 * image and the fixmap, which share the last one (PGD 511: PUD 510 is the
 * image, PUD 511 the fixmap).  The kernel image maps physical
 * KERNEL_LOAD_PA (2 MiB) at KERNEL_VBASE.
 */
#ifndef _ASM_X86_MEMLAYOUT_H
#define _ASM_X86_MEMLAYOUT_H

#include <asm/page.h>

#define LINEAR_MAP_SIZE	(_UL(64) << 40)
#define VMALLOC_START	_UL(0xffffc90000000000)
#define VMALLOC_END	_UL(0xffffe90000000000)
#define VMEMMAP_START	_UL(0xffffea0000000000)
#define VMEMMAP_SIZE	(_UL(1) << 40)

/*
 * The fixmap: one 2 MiB slot of the last PUD entry, backed by one static
 * page table (boot/head.S) that the final tables link in as well.  It
 * holds 4 KiB windows for early MMIO (arch_early_ioremap()): a UART named
 * by a device tree, for instance.  Port I/O needs no mapping.
 */
#define FIXADDR_START	_UL(0xffffffffff000000)
#define FIXADDR_TOP	_UL(0xffffffffff200000)
#define FIX_IO_VA	FIXADDR_START
#define FIX_IO_SLOTS	16

#endif /* _ASM_X86_MEMLAYOUT_H */
