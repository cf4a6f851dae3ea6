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

/*
 * Start the secondary CPUs the firmware describes (RISC-V: every `okay`
 * hart with an MMU in /cpus, through SBI HSM), each on its own stack,
 * per-CPU area and the kernel's page tables, idling until called
 * (include/kernel/smp.h).  Marks the boot CPU (logical CPU 0) online too.
 * Prints "smp: Bringing up secondary CPUs ..." and "smp: Brought up N
 * node(s), M CPU(s)".  A hart that does not come up is logged and left
 * out; this never fails boot.
 */
void arch_smp_boot(void);

/*
 * The flattened device tree the kernel booted with (RISC-V: the DTB from
 * a1; x86-64: a DTB passed as the first module), at an address that stays
 * mapped for the kernel's lifetime; NULL when RAM came from another
 * description (the E820 map).  The monitor's `fdt` command prints it.
 */
const void *arch_boot_fdt(void);

/* The machine's name for the banner ("riscv64", "x86_64"). */
extern const char arch_name[];

/*
 * Record why boot cannot go on: what failed, the values, and the remedy.
 * Returns @err so callers can `return boot_error(-EINVAL, ...)`.
 */
int boot_error(int err, const char *fmt, ...) __printf(2, 3);
extern char boot_error_msg[320];

#endif /* _KERNEL_SETUP_H */
