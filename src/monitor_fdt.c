// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fdt [path]`: print a node of the device tree the kernel booted with,
 * and everything below it, in dtc's source syntax:
 *
 *   mm> fdt /memory@80000000
 *   /memory@80000000 {
 *   	device_type = "memory";
 *   	reg = <0x00 0x80000000 0x00 0x80000000>;
 *   };
 *
 * A property is shown as strings when it is a list of non-empty,
 * printable, NUL-terminated strings, as 32-bit cells when its length is a
 * multiple of 4, and as bytes otherwise (dtc's own guesses).  Long values
 * are cut after FDT_SHOW_MAX bytes.  The path may be an alias
 * ("serial0").  Everything is read through libfdt's bounds-checked
 * accessors; the blob is the one start_kernel passed to monitor_run()
 * (arch_boot_fdt(): still mapped, never freed).
 */
#include <kernel/monitor.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <libfdt.h>

#define FDT_SHOW_MAX	256	/* bytes of one value shown */
#define FDT_MAX_DEPTH	16

static const char tabs[FDT_MAX_DEPTH + 2] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

static bool is_string_list(const char *p, int len)
{
	if (len <= 0 || p[len - 1] != '\0' || p[0] == '\0')
		return false;
	for (int i = 0; i < len; i++) {
		if (p[i] == '\0') {
			if (i + 1 < len && p[i + 1] == '\0')
				return false;	/* empty string in the list */
		} else if (p[i] < 0x20 || p[i] > 0x7e) {
			return false;
		}
	}
	return true;
}

/* Format @len bytes at @p as a dtc value into @buf; returns @buf. */
static const char *format_value(const void *p, int len, char *buf, size_t size)
{
	const u8 *b = p;
	int shown = min(len, FDT_SHOW_MAX);
	size_t n = 0;

	if (is_string_list(p, len) && len <= FDT_SHOW_MAX) {
		for (int i = 0; i < len; i += strlen((const char *)b + i) + 1)
			n += scnprintf(buf + n, size - n, "%s\"%s\"", i ? ", " : "",
				       (const char *)b + i);
		return buf;
	}
	if (len % 4 == 0) {
		n += scnprintf(buf + n, size - n, "<");
		for (int i = 0; i + 4 <= shown; i += 4)
			n += scnprintf(buf + n, size - n, "%s0x%02x", i ? " " : "",
				       (u32)b[i] << 24 | (u32)b[i + 1] << 16 |
				       (u32)b[i + 2] << 8 | b[i + 3]);
		scnprintf(buf + n, size - n, "%s>", shown < len ? " ..." : "");
		return buf;
	}
	n += scnprintf(buf + n, size - n, "[");
	for (int i = 0; i < shown; i++)
		n += scnprintf(buf + n, size - n, "%s%02x", i ? " " : "", b[i]);
	scnprintf(buf + n, size - n, "%s]", shown < len ? " ..." : "");
	return buf;
}

static void show_node(const void *fdt, int node, const char *label, int depth)
{
	static char value[FDT_SHOW_MAX * 3 + 16];
	const char *ind = tabs + FDT_MAX_DEPTH + 1 - depth;
	int prop, child;

	pr_info("%s%s {\n", ind, label);
	fdt_for_each_property_offset(prop, fdt, node) {
		const char *name;
		const void *p;
		int len;

		p = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!p || !name)
			continue;
		if (len == 0)
			pr_info("%s\t%s;\n", ind, name);
		else
			pr_info("%s\t%s = %s;\n", ind, name,
				format_value(p, len, value, sizeof(value)));
	}
	fdt_for_each_subnode(child, fdt, node) {
		const char *name = fdt_get_name(fdt, child, NULL);

		if (depth + 1 >= FDT_MAX_DEPTH) {
			pr_info("%s\t%s { ... };\n", ind, name ? name : "?");
			continue;
		}
		show_node(fdt, child, name ? name : "?", depth + 1);
	}
	pr_info("%s};\n", ind);
}

int monitor_cmd_fdt(int argc, char **argv)
{
	const char *path = argc == 2 ? argv[1] : "/";
	const void *fdt = monitor_fdt;
	char full[256];
	int node;

	if (argc > 2)
		return -EINVAL;
	if (!fdt || fdt_check_header(fdt)) {
		pr_info("fdt: the kernel did not boot with a device tree\n");
		return -ENOENT;
	}
	node = fdt_path_offset(fdt, path);
	if (node < 0) {
		pr_info("fdt: no node %s (%s)\n", path, fdt_strerror(node));
		return -ENOENT;
	}
	if (fdt_get_path(fdt, node, full, sizeof(full)) < 0)
		snprintf(full, sizeof(full), "%s", path);
	show_node(fdt, node, full, 0);
	return 0;
}
