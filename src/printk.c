// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * printk: format a message, prefix it with Linux's "[    s.uuuuuu] "
 * timestamp, keep it in a small log buffer, and write it to every console.
 *
 * Locking: one spinlock serialises formatting and output, so lines from
 * different CPUs never interleave.  printk may be called before any
 * allocator exists and from any context; it allocates nothing.
 */
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <kernel/kernel.h>
#include <asm/cpu.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static bool printk_time = true;

static struct console *consoles;
static DEFINE_SPINLOCK(printk_lock);
static bool line_open;		/* the last message did not end in '\n' */
static int line_level;		/* level of the open line */

/* A ring of the most recent log text, for printk_log_read(). */
#define LOG_BUF_SIZE	(16 * 1024)
static char log_buf[LOG_BUF_SIZE];
static size_t log_head;		/* total bytes ever logged */

static void log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_head + i) % LOG_BUF_SIZE] = s[i];
	log_head += len;
}

size_t printk_log_read(char *buf, size_t size, size_t offset)
{
	size_t first = log_head > LOG_BUF_SIZE ? log_head - LOG_BUF_SIZE : 0;
	size_t n = 0;

	if (offset < first)
		offset = first;
	while (offset + n < log_head && n < size) {
		buf[n] = log_buf[(offset + n) % LOG_BUF_SIZE];
		n++;
	}
	return n;
}

size_t printk_log_end(void)
{
	unsigned long flags;
	size_t end;

	spin_lock_irqsave(&printk_lock, flags);
	end = log_head;
	spin_unlock_irqrestore(&printk_lock, flags);
	return end;
}

static void emit(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, len);
}

void console_write(const char *s, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&printk_lock, flags);
	emit(s, len);
	spin_unlock_irqrestore(&printk_lock, flags);
}

void register_console(struct console *con)
{
	struct console *retired[4];
	unsigned int nretired = 0;
	unsigned long flags;

	spin_lock_irqsave(&printk_lock, flags);
	if (!(con->flags & CON_BOOT)) {
		/* A real console replaces every boot console. */
		struct console **pp = &consoles;

		while (*pp) {
			if ((*pp)->flags & CON_BOOT) {
				if (nretired < ARRAY_SIZE(retired))
					retired[nretired++] = *pp;
				*pp = (*pp)->next;
			} else {
				pp = &(*pp)->next;
			}
		}
	}
	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&printk_lock, flags);

	pr_info("printk: %sconsole [%s] enabled\n",
		con->flags & CON_BOOT ? "boot" : "", con->name);
	for (unsigned int i = 0; i < nretired; i++)
		pr_info("printk: bootconsole [%s] disabled\n", retired[i]->name);
}

void unregister_console(struct console *con)
{
	unsigned long flags;
	struct console **pp;

	spin_lock_irqsave(&printk_lock, flags);
	for (pp = &consoles; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			break;
		}
	}
	spin_unlock_irqrestore(&printk_lock, flags);
}

static size_t format_time(char *buf, size_t size)
{
	u64 ns = arch_clock_ns();

	return scnprintf(buf, size, "[%5llu.%06llu] ",
			 (unsigned long long)(ns / 1000000000ULL),
			 (unsigned long long)((ns % 1000000000ULL) / 1000));
}

int vprintk(const char *fmt, va_list args)
{
	static char text[1024];
	char prefix[32];
	size_t plen = 0, len;
	int level = -1;
	bool cont = false;
	unsigned long flags;

	while (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}

	spin_lock_irqsave(&printk_lock, flags);
	len = vsnprintf(text, sizeof(text), fmt, args);
	if (len >= sizeof(text))
		len = sizeof(text) - 1;

	if (cont && line_open) {
		level = line_level;
	} else {
		if (line_open && line_level < console_loglevel) {
			emit("\n", 1);	/* close a line left open */
			log_store("\n", 1);
		}
		if (level < 0)
			level = LOGLEVEL_DEFAULT;
		line_level = level;
		if (printk_time)
			plen = format_time(prefix, sizeof(prefix));
	}
	line_open = len == 0 || text[len - 1] != '\n';

	log_store(prefix, plen);
	log_store(text, len);
	if (level < console_loglevel) {
		emit(prefix, plen);
		emit(text, len);
	}
	spin_unlock_irqrestore(&printk_lock, flags);
	return (int)len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static int early_loglevel(char *arg)
{
	if (!arg)
		return -1;
	console_loglevel = (int)strtoul(arg, NULL, 10);
	return 0;
}
early_param("loglevel", early_loglevel);

static int early_debug(char *arg)
{
	(void)arg;
	console_loglevel = 10;
	return 0;
}
early_param("debug", early_debug);

bool printk_time_enable(bool on)
{
	bool was = READ_ONCE(printk_time);

	WRITE_ONCE(printk_time, on);
	return was;
}

static int early_printk_time(char *arg)
{
	printk_time = !arg || arg[0] == '1' || arg[0] == 'y' || arg[0] == 'Y';
	return 0;
}
early_param("printk.time", early_printk_time);
