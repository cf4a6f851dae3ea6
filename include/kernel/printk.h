/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printk: the kernel log, with Linux's levels and line format.
 *
 * Every line is "[seconds.micros] text" on every registered console.  A
 * message whose level is numerically >= console_loglevel is not shown
 * (Linux's rule; `loglevel=N` and `debug` on the command line change it).
 */
#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	4	/* level of a message without a prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7	/* show everything but debug */

extern int console_loglevel;

/* Print a message to every console; returns the number of characters. */
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/*
 * Print at most once per @interval_ns... kept simple: print the first
 * @burst messages from one call site, then one in every 2^k.
 */
#define printk_ratelimited(fmt, ...)					\
	({								\
		static unsigned long __rl_count;			\
		unsigned long __n = __rl_count++;			\
		(__n < 10 || (__n & (__n - 1)) == 0) ?			\
			printk(fmt, ##__VA_ARGS__) : 0;			\
	})
#define pr_warn_ratelimited(fmt, ...) \
	printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)

/* Formatting into a buffer (C99 semantics: returns the would-be length). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* Like snprintf but returns the number of characters actually stored. */
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* A console: something printk writes finished lines to. */
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	unsigned int flags;
	struct console *next;
};
#define CON_BOOT	0x1	/* early console: dropped when a real one arrives */

/* Add @con; a non-boot console replaces every boot console. */
void register_console(struct console *con);
void unregister_console(struct console *con);

/* Raw output to all consoles, without a timestamp or level (monitor use). */
void console_write(const char *s, size_t len);

/*
 * printk_time_enable - turn the "[seconds.micros] " prefix on or off, as
 * printk.time= does at boot; returns the previous setting.  The monitor
 * turns it off while a command prints a report, so reports read exactly
 * like Linux's /proc files.
 */
bool printk_time_enable(bool on);

/*
 * The log kept for `dmesg`-like inspection: the most recent 16 KiB of
 * everything printed (timestamps included, whatever the console level).
 * Offsets count bytes since boot.  printk_log_read() copies up to @size
 * bytes from @offset (or from the oldest byte still kept, if @offset fell
 * out of the ring) and returns how many; printk_log_end() is the offset
 * the next byte printed will have, so a caller that notes it, does
 * something, and reads from it sees exactly what that something printed.
 */
size_t printk_log_read(char *buf, size_t size, size_t offset);
size_t printk_log_end(void);

#endif /* _KERNEL_PRINTK_H */
