// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * panic() and WARN_ON(): how the kernel reports what it cannot survive and
 * what it can.
 */
#include <kernel/panic.h>
#include <kernel/setup.h>
#include <kernel/printk.h>
#include <asm/cpu.h>

char panic_message[256];
static bool in_panic;

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_message, sizeof(panic_message), fmt, ap);
	va_end(ap);

	if (in_panic)		/* a panic while panicking: just stop */
		arch_halt();
	in_panic = true;
	pr_emerg("Kernel panic - not syncing: %s\n", panic_message);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", panic_message);
	in_panic = false;	/* the host harness may resume after this */
	arch_poweroff(POWEROFF_FAILURE);
}

void __warn(const char *file, int line, const char *cond)
{
	pr_warn("WARNING: at %s:%d: %s\n", file, line, cond);
}

char boot_error_msg[320];

int boot_error(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(boot_error_msg, sizeof(boot_error_msg), fmt, ap);
	va_end(ap);
	return err;
}
