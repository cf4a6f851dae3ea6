// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel command line: storage, Linux-style tokenising ("name=value"
 * words separated by spaces, double quotes around values with spaces) and
 * the early_param handlers collected by the linker.
 */
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct early_param __start_early_params[], __stop_early_params[];

void cmdline_set(const char *s)
{
	size_t len = strnlen(s, COMMAND_LINE_SIZE);

	if (len == COMMAND_LINE_SIZE) {
		pr_warn("Kernel command line truncated to %d bytes\n",
			COMMAND_LINE_SIZE - 1);
		len = COMMAND_LINE_SIZE - 1;
	}
	memcpy(boot_command_line, s, len);
	boot_command_line[len] = '\0';
}

/*
 * Split the next word off @p: returns a pointer past it and fills @word
 * (NUL-terminated, quotes removed) or returns NULL at the end.
 */
static const char *next_word(const char *p, char *word, size_t size)
{
	size_t n = 0;
	bool quoted = false;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!*p)
		return NULL;
	for (; *p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (n + 1 < size)
			word[n++] = *p;
	}
	word[n] = '\0';
	return p;
}

bool cmdline_find_option(const char *cmdline, const char *name, char *buf,
			 size_t size)
{
	char word[COMMAND_LINE_SIZE];
	size_t len = strlen(name);
	bool found = false;

	/* The last occurrence wins, as in Linux. */
	while ((cmdline = next_word(cmdline, word, sizeof(word)))) {
		if (strncmp(word, name, len))
			continue;
		if (word[len] == '=') {
			if (buf && size) {
				size_t v = strnlen(word + len + 1, size - 1);

				memcpy(buf, word + len + 1, v);
				buf[v] = '\0';
			}
			found = true;
		} else if (word[len] == '\0') {
			if (buf && size)
				buf[0] = '\0';
			found = true;
		}
	}
	return found;
}

void parse_early_param(void)
{
	static char word[COMMAND_LINE_SIZE];
	const char *p = boot_command_line;

	while ((p = next_word(p, word, sizeof(word)))) {
		char *eq = strchr(word, '=');
		char *arg = NULL;

		if (eq) {
			*eq = '\0';
			arg = eq + 1;
		}
		for (const struct early_param *ep = __start_early_params;
		     ep < __stop_early_params; ep++) {
			if (strcmp(ep->name, word))
				continue;
			if (ep->setup(arg))
				pr_warn("Malformed early option '%s%s%s'\n",
					word, arg ? "=" : "", arg ? arg : "");
		}
	}
}

/* Parse "512M", "2G", "0x1000" etc. into bytes (Linux's memparse). */
unsigned long long memparse(const char *s, char **retptr)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);

	switch (*end) {
	case 'E': case 'e':
		v <<= 10;
		/* fallthrough */
	case 'P': case 'p':
		v <<= 10;
		/* fallthrough */
	case 'T': case 't':
		v <<= 10;
		/* fallthrough */
	case 'G': case 'g':
		v <<= 10;
		/* fallthrough */
	case 'M': case 'm':
		v <<= 10;
		/* fallthrough */
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	default:
		break;
	}
	if (retptr)
		*retptr = end;
	return v;
}
