/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Serial console drivers.  serial_setup_from_fdt() follows
 * /chosen/stdout-path to a UART it knows (ns16550a, ns16550, ns8250,
 * snps,dw-apb-uart), maps it, and registers it as the console (ttyS0),
 * which retires the early boot console.  serial_setup_port() does the same
 * for a 16550 at a known I/O port (x86: COM1 at 0x3f8), on architectures
 * with port I/O.
 */
#ifndef _KERNEL_SERIAL_H
#define _KERNEL_SERIAL_H

#include <kernel/types.h>

/* 0 when a console was registered, -ENOENT/-ENODEV when none could be. */
int serial_setup_from_fdt(const void *fdt);

/* A 16550 at I/O port @iobase becomes ttyS0.  Returns 0. */
int serial_setup_port(unsigned long iobase);

/* Once vmalloc runs: move an MMIO UART to an ioremap() mapping.  0 or -ENOMEM. */
int serial_remap(void);

/* Read one character if one is waiting; -1 otherwise. */
int serial_getc(void);

#endif /* _KERNEL_SERIAL_H */
