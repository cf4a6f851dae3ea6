// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The mm> monitor's core: the prompt, the line editor, history, the boot
 * script, and the command table (include/kernel/monitor.h has the
 * overview; the commands live in src/monitor_*.c).
 *
 * Input is polled: getc() returns a character or -1, and the loop relaxes
 * the CPU between polls.  Keys the editor understands:
 *
 *   printable        inserted at the end of the line and echoed
 *   BS (^H), DEL     erase the last character
 *   ^U               erase the whole line
 *   ^C               abandon the line ("^C"), fresh prompt
 *   ESC [ A, ESC [ B previous / next history entry (ESC O A/B too);
 *                    other escape sequences are swallowed
 *   Tab              complete a command name
 *   CR, LF, CR LF    run the line
 *
 * The last MONITOR_HISTORY distinct lines are kept.  Lines are at most
 * MONITOR_LINE_MAX - 1 characters; more rings the bell.
 *
 * monitor.script=CMD;CMD;... runs before the first prompt, each command
 * echoed after "mm> " as if typed.  The kernel command line splits words
 * at spaces, so a command with arguments needs either double quotes
 * around the whole value (Linux's quoting, src/cmdline.c):
 *
 *   monitor.script="alloc pages 3;buddyinfo;poweroff"
 *
 * or ',' for each space (for boot loaders that cannot pass quotes):
 *
 *   monitor.script=alloc,pages,3;buddyinfo;poweroff
 *
 * While a command runs, printk timestamps are off and the console
 * loglevel is at least the default, so reports look like Linux's /proc
 * files and are never hidden by loglevel=.
 *
 * Locking: none; the monitor runs on the boot CPU only.
 */
#include <kernel/monitor.h>
#include <kernel/smp.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <asm/cpu.h>

#define MONITOR_HISTORY		32
#define PROMPT			"mm> "

/* Help order: look, then touch, then run. */
static const struct monitor_cmd commands[] = {
	{ "help", "", "list the commands", NULL },
	{ "meminfo", "", "/proc/meminfo: memory totals in kB",
	  monitor_cmd_meminfo },
	{ "buddyinfo", "", "/proc/buddyinfo: free blocks per order and zone",
	  monitor_cmd_buddyinfo },
	{ "pagetypeinfo", "", "/proc/pagetypeinfo: free blocks per migratetype",
	  monitor_cmd_pagetypeinfo },
	{ "zoneinfo", "", "/proc/zoneinfo: watermarks, spans, per-CPU lists",
	  monitor_cmd_zoneinfo },
	{ "slabinfo", "", "/proc/slabinfo (version 2.1): the slab caches",
	  monitor_cmd_slabinfo },
	{ "vmallocinfo", "", "/proc/vmallocinfo: vmalloc, vmap and ioremap areas",
	  monitor_cmd_vmallocinfo },
	{ "memblock", "", "debugfs memblock/memory and memblock/reserved",
	  monitor_cmd_memblock },
	{ "freeblocks", "[order]", "free buddy blocks by address (runs of one order)",
	  monitor_cmd_freeblocks },
	{ "ptdump", "[va]", "kernel page tables, or one address walked level by level",
	  monitor_cmd_ptdump },
	{ "page", "<pfn|pa|va>", "decode one struct page",
	  monitor_cmd_page },
	{ "fdt", "[path]", "a node of the device tree the kernel booted with",
	  monitor_cmd_fdt },
	{ "cmdline", "", "/proc/cmdline: the kernel command line",
	  monitor_cmd_cmdline },
	{ "alloc", "pages <order> [n] | kmalloc <size> [n] | vmalloc <size>",
	  "allocate and hold memory (see held, free)", monitor_cmd_alloc },
	{ "free", "<handle> | all", "give back what alloc took",
	  monitor_cmd_free },
	{ "held", "", "list what alloc holds, by handle",
	  monitor_cmd_held },
	{ "frag", "<seed> | release", "fragment memory with order-0 pages, or give them back",
	  monitor_cmd_frag },
	{ "drain", "", "return the per-CPU page lists to the buddy lists",
	  monitor_cmd_drain },
	{ "check", "", "run every allocator's invariant checker",
	  monitor_cmd_check },
	{ "bench", "[page|kmalloc|vmalloc]", "time alloc/free pairs (ns per pair)",
	  monitor_cmd_bench },
	{ "selftest", "[suite[,suite]]", "run the in-kernel self-tests (KTAP)",
	  monitor_cmd_selftest },
	{ "dmesg", "", "the kernel log kept in memory",
	  monitor_cmd_dmesg },
	{ "crash", "<guard|text|rodata|null|stack> [cpu]", "make the kernel fault on purpose",
	  monitor_cmd_crash },
	{ "poweroff", "", "power off (QEMU exits with status 0)",
	  monitor_cmd_poweroff },
};

const void *monitor_fdt;

static char monitor_script[COMMAND_LINE_SIZE];

/* monitor.script=CMD;CMD;...: commands to run before the first prompt. */
static int early_monitor_script(char *arg)
{
	if (!arg)
		return -EINVAL;
	snprintf(monitor_script, sizeof(monitor_script), "%s", arg);
	return 0;
}
early_param("monitor.script", early_monitor_script);

/* ---- output ---- */

static bool saved_time = true;
static int saved_loglevel;
static int output_depth;	/* monitor_exec() may nest (the monitor's ktest) */

void monitor_output_begin(void)
{
	if (output_depth++)
		return;
	saved_time = printk_time_enable(false);
	saved_loglevel = console_loglevel;
	if (console_loglevel < CONSOLE_LOGLEVEL_DEFAULT)
		console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
}

void monitor_output_end(void)
{
	if (!output_depth || --output_depth)
		return;
	printk_time_enable(saved_time);
	console_loglevel = saved_loglevel;
}

static void out(const char *s)
{
	console_write(s, strlen(s));
}

static void out_char(char c)
{
	console_write(&c, 1);
}

/* ---- numbers ---- */

bool monitor_parse_u64(const char *s, u64 *v)
{
	unsigned int base = 10, shift = 0;
	u64 n = 0;
	bool digits = false;

	if (!s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (n > (~0ULL - d) / base)
			return false;		/* overflow */
		n = n * base + d;
		digits = true;
	}
	if (!digits)
		return false;
	switch (*s) {
	case 'K': case 'k':
		shift = 10;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	case '\0':
		break;
	default:
		return false;
	}
	if (shift) {
		if (s[1] || n > (~0ULL >> shift))
			return false;
		n <<= shift;
	}
	*v = n;
	return true;
}

bool monitor_parse_range(const char *s, u64 lo, u64 hi, u64 *v)
{
	u64 n;

	if (!monitor_parse_u64(s, &n) || n < lo || n > hi)
		return false;
	*v = n;
	return true;
}

/* ---- commands ---- */

static const struct monitor_cmd *find_command(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int cmd_help(void)
{
	char synopsis[80];

	pr_info("Commands (numbers: decimal or 0x hex, with an optional K/M/G suffix):\n");
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct monitor_cmd *c = &commands[i];

		snprintf(synopsis, sizeof(synopsis), "%s%s%s", c->name,
			 c->args[0] ? " " : "", c->args);
		if (strlen(synopsis) > 30) {
			pr_info("  %s\n", synopsis);
			pr_info("  %-30s  %s\n", "", c->help);
		} else {
			pr_info("  %-30s  %s\n", synopsis, c->help);
		}
	}
	pr_info("Keys: Backspace/DEL, Ctrl-U erase; Ctrl-C abandons a line; "
		"Up/Down history; Tab completes\n");
	return 0;
}

/* Split @buf in place at spaces and tabs; returns the word count or -E2BIG. */
static int split_words(char *buf, char **argv)
{
	int argc = 0;
	char *p = buf;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			return argc;
		if (argc == MONITOR_MAX_ARGS)
			return -E2BIG;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
}

int monitor_exec(const char *line)
{
	char buf[MONITOR_LINE_MAX];
	char *argv[MONITOR_MAX_ARGS + 1];
	const struct monitor_cmd *c;
	int argc, err;

	snprintf(buf, sizeof(buf), "%s", line);
	argc = split_words(buf, argv);
	if (argc == 0)
		return 0;
	monitor_output_begin();
	c = argc > 0 ? find_command(argv[0]) : NULL;
	if (argc < 0) {
		pr_info("mm: too many words (at most %d); 'help' lists the commands\n",
			MONITOR_MAX_ARGS);
		err = -E2BIG;
	} else if (!c) {
		pr_info("mm: unknown command '%s'; 'help' lists the commands\n", argv[0]);
		err = -ENOENT;
	} else if (!c->run) {
		err = argc == 1 ? cmd_help() : -EINVAL;
	} else {
		argv[argc] = NULL;
		err = c->run(argc, argv);
	}
	if (err == -EINVAL && c)
		pr_info("usage: %s%s%s\n", c->name, c->args[0] ? " " : "", c->args);
	monitor_output_end();
	return err;
}

/* ---- the line editor ---- */

struct line_editor {
	char buf[MONITOR_LINE_MAX];
	unsigned int len;
	int esc;		/* 0, or 1 after ESC, 2 inside ESC [ or ESC O */
	bool last_cr;		/* swallow the LF of a CR LF pair */
	unsigned int back;	/* history entries walked back; 0: new line */
};

static char history[MONITOR_HISTORY][MONITOR_LINE_MAX];

static size_t strspn_blank(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}
static unsigned int history_count;	/* lines ever added */

static void history_add(const char *s)
{
	if (!s[strspn_blank(s)])
		return;			/* nothing but blanks */
	if (history_count &&
	    !strcmp(history[(history_count - 1) % MONITOR_HISTORY], s))
		return;
	snprintf(history[history_count % MONITOR_HISTORY], MONITOR_LINE_MAX, "%s", s);
	history_count++;
}

/* Entry @back lines before the newest (1: the newest). */
static const char *history_get(unsigned int back)
{
	return history[(history_count - back) % MONITOR_HISTORY];
}

static void erase_chars(unsigned int n)
{
	while (n--)
		out("\b \b");
}

static void line_replace(struct line_editor *l, const char *s)
{
	erase_chars(l->len);
	snprintf(l->buf, sizeof(l->buf), "%s", s);
	l->len = strlen(l->buf);
	out(l->buf);
}

/* Extend the line with @s (a completion: the typed part stays). */
static void line_append(struct line_editor *l, const char *s)
{
	while (*s && l->len + 1 < sizeof(l->buf)) {
		l->buf[l->len++] = *s;
		out_char(*s++);
	}
	l->buf[l->len] = '\0';
}

static void history_move(struct line_editor *l, bool older)
{
	unsigned int avail = min(history_count, (unsigned int)MONITOR_HISTORY);

	if (older) {
		if (l->back >= avail) {
			out_char('\a');
			return;
		}
		l->back++;
	} else {
		if (l->back == 0) {
			out_char('\a');
			return;
		}
		l->back--;
	}
	line_replace(l, l->back ? history_get(l->back) : "");
}

static void complete(struct line_editor *l)
{
	const struct monitor_cmd *first = NULL;
	unsigned int matches = 0, common = 0;

	if (memchr(l->buf, ' ', l->len))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++) {
		const char *name = commands[i].name;

		if (strncmp(name, l->buf, l->len))
			continue;
		if (!first) {
			first = &commands[i];
			common = strlen(name);
		} else {
			unsigned int k = l->len;

			while (k < common && name[k] == first->name[k])
				k++;
			common = k;
		}
		matches++;
	}
	if (!matches) {
		out_char('\a');
		return;
	}
	if (matches == 1) {
		line_append(l, first->name + l->len);
		line_append(l, " ");
		return;
	}
	if (common > l->len) {
		char rest[MONITOR_LINE_MAX];

		snprintf(rest, sizeof(rest), "%.*s", (int)(common - l->len),
			 first->name + l->len);
		line_append(l, rest);
		return;
	}
	/* Ambiguous: show the candidates, then the line again. */
	out("\n");
	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strncmp(commands[i].name, l->buf, l->len)) {
			out(commands[i].name);
			out("  ");
		}
	}
	out("\n" PROMPT);
	out(l->buf);
}

/*
 * Feed one input byte to the editor.  Returns true when a line is
 * complete (in l->buf, NUL-terminated).
 */
static bool line_key(struct line_editor *l, int c)
{
	bool was_cr = l->last_cr;

	l->last_cr = false;
	if (l->esc == 1) {
		l->esc = (c == '[' || c == 'O') ? 2 : 0;
		return false;
	}
	if (l->esc == 2) {
		if (c >= 0x40 && c <= 0x7e) {	/* final byte */
			l->esc = 0;
			if (c == 'A')
				history_move(l, true);
			else if (c == 'B')
				history_move(l, false);
		}
		return false;
	}
	switch (c) {
	case '\r':
		l->last_cr = true;
		return true;
	case '\n':
		return !was_cr;
	case 0x1b:
		l->esc = 1;
		return false;
	case '\b':
	case 0x7f:
		if (l->len) {
			l->buf[--l->len] = '\0';
			erase_chars(1);
		}
		return false;
	case 0x15:			/* ^U */
		line_replace(l, "");
		return false;
	case 0x03:			/* ^C */
		out("^C\n" PROMPT);
		l->len = 0;
		l->buf[0] = '\0';
		l->back = 0;
		return false;
	case '\t':
		complete(l);
		return false;
	default:
		break;
	}
	if (c < 0x20 || c > 0x7e)
		return false;		/* other control characters: ignored */
	if (l->len + 1 >= sizeof(l->buf)) {
		out_char('\a');
		return false;
	}
	l->buf[l->len++] = (char)c;
	l->buf[l->len] = '\0';
	out_char((char)c);
	return false;
}

/* ---- the boot script ---- */

static void run_script(char *script)
{
	char *cmd = script;

	while (cmd && *cmd) {
		char *next = strchr(cmd, ';');

		if (next)
			*next++ = '\0';
		for (char *p = cmd; *p; p++)
			if (*p == ',')
				*p = ' ';
		while (*cmd == ' ')
			cmd++;
		if (*cmd) {
			out(PROMPT);
			out(cmd);
			out("\n");
			history_add(cmd);
			monitor_exec(cmd);
		}
		cmd = next;
	}
}

void monitor_run(const struct monitor_boot *boot)
{
	static struct line_editor line;
	int err;

	monitor_fdt = boot->fdt;
	err = monitor_alloc_init();
	if (err)
		pr_warn("mm: no memory for the table of held allocations (%d); alloc will fail\n",
			err);
	pr_info("mm: memory monitor ready; type 'help'\n");
	run_script(monitor_script);

	out(PROMPT);
	for (;;) {
		int c = boot->getc ? boot->getc() : -1;

		if (c < 0) {
			smp_idle_poll();	/* serve other CPUs' cross-calls */
			arch_cpu_relax();
			continue;
		}
		if (!line_key(&line, c))
			continue;
		out("\n");
		history_add(line.buf);
		monitor_exec(line.buf);
		line.len = 0;
		line.buf[0] = '\0';
		line.back = 0;
		out(PROMPT);
	}
}
