/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The boot sequence: start_kernel() and the arch hooks it calls, in order
 * (DESIGN.md §3).  Each hook returns 0 or a negative errno after recording
 * why with boot_error(); start_kernel() is the one place that panics.
 */
#ifndef _KERNEL_SETUP_H
#define _KERNEL_SETUP_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define ARBOR_VERSION	"0.1"

void start_kernel(void) __noreturn;

/*
 * Find RAM and the command line: the DT scan (or the arch's memory map)
 * fills memblock.memory and boot_command_line; the console named by the
 * firmware replaces the early one.
 */
int arch_setup(void);

/* Reserve what the boot loader and firmware left in RAM: the DTB, initrd,
 * firmware regions, /memreserve/ and /reserved-memory. */
int arch_reserve_memory(void);

/* The machine's name for the banner ("riscv64", "x86_64"). */
extern const char arch_name[];

/*
 * Record why boot cannot go on: what failed, the values, and the remedy.
 * Returns @err so callers can `return boot_error(-EINVAL, ...)`.
 */
int boot_error(int err, const char *fmt, ...) __printf(2, 3);
extern char boot_error_msg[320];

#endif /* _KERNEL_SETUP_H */
