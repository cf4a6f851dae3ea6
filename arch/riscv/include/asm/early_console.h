/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V early console and early MMIO.
 *
 * early_console_init() registers the SBI legacy console (ecall putchar),
 * usable before anything is mapped.  arch_early_ioremap() maps a device
 * page into a fixmap slot so a real driver (the UART named by
 * /chosen/stdout-path) can take over before vmalloc/ioremap exist.
 */
#ifndef _ASM_RISCV_EARLY_CONSOLE_H
#define _ASM_RISCV_EARLY_CONSOLE_H

#include <kernel/types.h>

void early_console_init(void);

/* Map @size bytes of MMIO at @pa (at most one page); NULL if out of slots. */
void *arch_early_ioremap(phys_addr_t pa, unsigned long size);

#endif /* _ASM_RISCV_EARLY_CONSOLE_H */
