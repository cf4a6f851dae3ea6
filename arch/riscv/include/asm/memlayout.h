/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V Sv39 kernel virtual memory layout (mirrors Linux 6.1 riscv64 so
 * what you learn here reads the same there):
 *
 *   0x0000000000000000 +-----------------------------+
 *                      | user space (unused)  256 GiB |
 *   0x0000004000000000 +-----------------------------+
 *                      |   non-canonical hole         |
 *   0xffffffc000000000 +-----------------------------+
 *                      |   unused                     |
 *   0xffffffc6fea00000 | fixmap                 6 MiB | FDT window, early MMIO
 *   0xffffffc6ff000000 | (PCI I/O, unused)     16 MiB |
 *   0xffffffc700000000 | vmemmap                4 GiB | struct page array
 *   0xffffffc800000000 | vmalloc / ioremap     64 GiB |
 *   0xffffffd800000000 | linear map of RAM    124 GiB | PAGE_OFFSET
 *   0xfffffff700000000 |   unused                     |
 *   0xffffffff80000000 | kernel image           2 GiB | KERNEL_VBASE
 *   0xffffffffffffffff +-----------------------------+
 */
#ifndef _ASM_RISCV_MEMLAYOUT_H
#define _ASM_RISCV_MEMLAYOUT_H

#include <asm/page.h>

#define FIXADDR_START	0xffffffc6fea00000UL
#define FIXADDR_TOP	0xffffffc6ff000000UL
#define VMEMMAP_START	0xffffffc700000000UL
#define VMEMMAP_SIZE	(4UL << 30)
#define VMALLOC_START	0xffffffc800000000UL
#define VMALLOC_END	0xffffffd800000000UL
#define LINEAR_MAP_SIZE	(124UL << 30)

/*
 * Fixmap slots, used before the allocators exist:
 *   FIX_FDT      4 MiB   two 2 MiB leaves: a DTB of up to 2 MiB at any offset
 *   FIX_IO_BASE  2 MiB   a table of 4 KiB slots for early MMIO (console,
 *                        QEMU's test finisher)
 */
#define FIX_FDT_VA		FIXADDR_START
#define FIX_FDT_SIZE		(4UL << 20)
#define FIX_IO_VA		(FIXADDR_START + FIX_FDT_SIZE)
#define FIX_IO_SLOTS		16

#endif /* _ASM_RISCV_MEMLAYOUT_H */
