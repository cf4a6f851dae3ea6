/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86-64 early console and early MMIO.
 *
 * early_console_init() programs COM1 (the 16550 at I/O port 0x3f8,
 * 115200 8N1: on a PC nothing else has to) and registers it as a boot
 * console; it needs no mapping, so printk works from the first C line.
 * arch_setup() then hands the same UART to the generic 8250 driver
 * (serial_setup_port()), which becomes ttyS0.  arch_early_ioremap() maps
 * a device page into a fixmap slot, for a UART a device tree names.
 */
#ifndef _ASM_X86_EARLY_CONSOLE_H
#define _ASM_X86_EARLY_CONSOLE_H

#include <kernel/types.h>

/* The legacy PC serial port the kernel logs to. */
#define X86_COM1_PORT	0x3f8

void early_console_init(void);

/* Map @size bytes of MMIO at @pa (at most one page); NULL if out of slots. */
void *arch_early_ioremap(phys_addr_t pa, unsigned long size);

#endif /* _ASM_X86_EARLY_CONSOLE_H */
