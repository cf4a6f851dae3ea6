/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The mm> monitor: a prompt on the serial console for studying memory
 * management interactively (DESIGN.md §1, §8).
 *
 * start_kernel() enters it at the end of boot (unless ktest= asked for
 * self-tests and a power-off) and it never returns:
 *
 *   monitor_run(&(struct monitor_boot){ .getc = serial_getc,
 *                                       .fdt = arch_boot_fdt() });
 *
 * It polls for characters, edits one line at a time (backspace/DEL,
 * Ctrl-U, Ctrl-C, history on the arrow keys, Tab completes a command
 * name) and runs the command on Enter.  Reports print in Linux's /proc
 * and debugfs formats, without printk timestamps, whatever the loglevel.
 * `monitor.script=cmd1;cmd2;...` on the command line runs commands at
 * boot first, each echoed after a prompt (src/monitor.c says how to put
 * spaces in them).
 *
 * Files, one concept each:
 *   src/monitor.c          prompt, line editor, history, script, dispatch
 *   src/monitor_report.c   the /proc-style reports, freeblocks, ptdump
 *   src/monitor_page.c     `page`: one struct page decoded
 *   src/monitor_fdt.c      `fdt`: a node of the boot device tree
 *   src/monitor_alloc.c    alloc/free/held and the frag workload
 *   src/monitor_bench.c    `bench`: timing loops
 *   src/monitor_system.c   selftest, check, drain, dmesg, crash, poweroff
 *
 * Nothing a user types may crash the kernel (except `crash`): every
 * argument is parsed strictly, and a bad one gets a one-line usage.
 * The monitor runs on one CPU; it takes the allocators' own locks only
 * through their APIs (freeblocks takes zone->lock to read free lists).
 */
#ifndef _KERNEL_MONITOR_H
#define _KERNEL_MONITOR_H

#include <kernel/types.h>
#include <kernel/compiler.h>

/* What start_kernel hands the monitor: its input, and boot facts. */
struct monitor_boot {
	/* One character if one is waiting, else -1 (serial_getc). */
	int (*getc)(void);
	/* The device tree the kernel booted with, or NULL (arch_boot_fdt). */
	const void *fdt;
};

/*
 * monitor_run - run monitor.script, then serve the mm> prompt forever.
 * Only `poweroff` (status 0) or `crash` leave it.
 */
void monitor_run(const struct monitor_boot *boot) __noreturn;

/*
 * monitor_exec - run one command line as if typed at the prompt (output
 * through printk).  Returns 0, -EINVAL after printing a usage line, or
 * another negative errno the command reported.
 */
int monitor_exec(const char *line);

/* ---- shared by src/monitor*.c only ---- */

#define MONITOR_LINE_MAX	256	/* bytes per command line, NUL included */
#define MONITOR_MAX_ARGS	8

/*
 * A command.  run() gets the words of the line (argv[0] is the name) and
 * returns 0, -EINVAL for a usage error (the monitor then prints
 * "usage: <name> <args>"), or another negative errno after printing why.
 */
struct monitor_cmd {
	const char *name;
	const char *args;	/* synopsis of the arguments, "" if none */
	const char *help;	/* one line for `help` */
	int (*run)(int argc, char **argv);
};

/* The boot facts monitor_run() was given. */
extern const void *monitor_fdt;

/*
 * monitor_parse_u64 - a number as a user types it: decimal, 0x hex, and
 * an optional K, M or G suffix (memparse's), nothing else after it.
 * Returns false (and leaves *@v alone) for anything else or overflow.
 */
bool monitor_parse_u64(const char *s, u64 *v);

/* monitor_parse_u64() limited to [@lo, @hi]. */
bool monitor_parse_range(const char *s, u64 lo, u64 hi, u64 *v);

/*
 * Report mode, around every command: printk timestamps off, the console
 * loglevel at least the default.  Calls nest (a command may run
 * monitor_exec()); the outermost end restores both.  A command calls
 * end, then begin, around last words that should look like the kernel's
 * own (a crash report, "reboot: Power down").
 */
void monitor_output_begin(void);
void monitor_output_end(void);

/* Command handlers (the table and help texts are in src/monitor.c). */
int monitor_cmd_meminfo(int argc, char **argv);
int monitor_cmd_buddyinfo(int argc, char **argv);
int monitor_cmd_pagetypeinfo(int argc, char **argv);
int monitor_cmd_zoneinfo(int argc, char **argv);
int monitor_cmd_slabinfo(int argc, char **argv);
int monitor_cmd_vmallocinfo(int argc, char **argv);
int monitor_cmd_memblock(int argc, char **argv);
int monitor_cmd_freeblocks(int argc, char **argv);
int monitor_cmd_ptdump(int argc, char **argv);
int monitor_cmd_cmdline(int argc, char **argv);
int monitor_cmd_page(int argc, char **argv);
int monitor_cmd_fdt(int argc, char **argv);
int monitor_cmd_alloc(int argc, char **argv);
int monitor_cmd_free(int argc, char **argv);
int monitor_cmd_held(int argc, char **argv);
int monitor_cmd_frag(int argc, char **argv);
int monitor_cmd_bench(int argc, char **argv);
int monitor_cmd_selftest(int argc, char **argv);
int monitor_cmd_check(int argc, char **argv);
int monitor_cmd_drain(int argc, char **argv);
int monitor_cmd_dmesg(int argc, char **argv);
int monitor_cmd_crash(int argc, char **argv);
int monitor_cmd_poweroff(int argc, char **argv);

/* Set up the held-allocation table before the first command (alloc.c). */
int monitor_alloc_init(void);

#endif /* _KERNEL_MONITOR_H */
