/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * panic(): the one way the kernel stops.
 *
 * A panic message says what went wrong, the values involved, and what the
 * user can do about it, e.g.
 *   panic("DT: memory@80000000: reg has 12 bytes, not a multiple of 16 "
 *         "(#address-cells=2, #size-cells=2); fix the device tree");
 * Boot code returns errors to start_kernel, which is the main caller.
 * Runtime allocators never panic.
 */
#ifndef _KERNEL_PANIC_H
#define _KERNEL_PANIC_H

#include <kernel/types.h>
#include <kernel/compiler.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Report a broken invariant once per call site and carry on. */
#define WARN_ON(cond)							\
	({								\
		bool __c = !!(cond);					\
		if (unlikely(__c))					\
			__warn(__FILE__, __LINE__, #cond);		\
		__c;							\
	})
void __warn(const char *file, int line, const char *cond);

#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)


/* Exit statuses handed to arch_poweroff() (QEMU's exit status on virt). */
#define POWEROFF_SUCCESS	0
#define POWEROFF_FAILURE	1

/* The text of the last panic, for the host harness and post-mortems. */
extern char panic_message[256];

#endif /* _KERNEL_PANIC_H */
