/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel command line, with Linux's parameter names.
 *
 * The DT scan (or the arch's boot protocol) copies the command line into
 * boot_command_line.  Handlers registered with early_param() run from
 * parse_early_param() in start_kernel, before any allocator exists; they
 * must only record values.
 *
 *	static int __init early_mem(char *arg) { ... return 0; }
 *	early_param("mem", early_mem);
 */
#ifndef _KERNEL_CMDLINE_H
#define _KERNEL_CMDLINE_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define COMMAND_LINE_SIZE 1024

extern char boot_command_line[COMMAND_LINE_SIZE];

struct early_param {
	const char *name;
	/* @arg is the text after '=', or NULL for a bare flag. 0 = accepted. */
	int (*setup)(char *arg);
};

#define early_param(str, fn)						\
	static const struct early_param __early_param_##fn		\
	__section("early_params") __used __aligned(8) = { str, fn }

/* Set boot_command_line (truncating, with a warning, past the limit). */
void cmdline_set(const char *s);

/* Run every early_param handler named on the command line, in order. */
void parse_early_param(void);

/*
 * Find "name=value" or bare "name" in @cmdline.  Copies the value into
 * @buf (NUL-terminated, truncated to @size) and returns true if present.
 */
bool cmdline_find_option(const char *cmdline, const char *name,
			 char *buf, size_t size);

#endif /* _KERNEL_CMDLINE_H */
