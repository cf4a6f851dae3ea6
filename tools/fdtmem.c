// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fdtmem: replay the kernel's device-tree boot scan on the host.
 *
 *   tools/fdtmem FILE.dtb [--bootargs "..."]
 *
 * Runs the same code the kernel runs at boot (src/fdt_scan.c,
 * src/fdt_reserved_mem.c, mm/memblock.c, linked from the host library) on
 * FILE.dtb and prints what the kernel would register:
 *
 *   # fdtmem: FILE.dtb
 *   # Kernel command line: console=ttyS0          (if there is one)
 *   # ...comment lines...
 *   OF: fdt: /memory@80000000: [mem 0x...-0x...] node 0   (the scan's log)
 *   memblock/memory:
 *      0: 0x0000000080000000..0x00000000bfffffff    0 NONE
 *   memblock/reserved:
 *      0: ...
 *
 * The lists use the format of Linux's /sys/kernel/debug/memblock/.
 * --bootargs replaces the DT's /chosen/bootargs, as QEMU's -append does;
 * mem= in the command line is applied, and early parameters such as
 * memblock=debug take effect after the memory scan.
 *
 * Exit status: 0 on success; 1 if the scan fails (the reason, from
 * fdt_scan_error(), goes to stderr); 2 on a usage error or unreadable file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/cmdline.h>
#include <kernel/of_fdt.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <asm/early_console.h>
#include "host.h"

#define MAX_DTB_SIZE	(64u << 20)

static void usage(void)
{
	fprintf(stderr, "usage: fdtmem FILE.dtb [--bootargs \"...\"]\n");
	exit(2);
}

/* Read all of @path into a buffer of exactly its size (ASan sees overreads). */
static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f) {
		fprintf(stderr, "fdtmem: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "fdtmem: %s: cannot tell its size\n", path);
		exit(2);
	}
	if (len == 0 || (unsigned long)len > MAX_DTB_SIZE) {
		fprintf(stderr, "fdtmem: %s: %ld bytes; a DTB is 1 byte to %u MiB\n",
			path, len, MAX_DTB_SIZE >> 20);
		exit(2);
	}
	buf = malloc(len);	/* malloc's alignment covers the DTB's 8 */
	if (!buf || fread(buf, 1, len, f) != (size_t)len) {
		fprintf(stderr, "fdtmem: %s: cannot read %ld bytes\n", path, len);
		exit(2);
	}
	fclose(f);
	*size = len;
	return buf;
}

/* Print the scan's captured log and a fatal error; exit 1. */
static void fail(const char *path)
{
	fputs(host_log(), stdout);
	fflush(stdout);
	fprintf(stderr, "fdtmem: %s: %s\n", path, fdt_scan_error());
	exit(1);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *bootargs = NULL;
	size_t size;
	void *fdt;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bootargs") && i + 1 < argc)
			bootargs = argv[++i];
		else if (!strncmp(argv[i], "--bootargs=", 11))
			bootargs = argv[i] + 11;
		else if (argv[i][0] == '-' || path)
			usage();
		else
			path = argv[i];
	}
	if (!path)
		usage();
	fdt = read_file(path, &size);

	/*
	 * The scan's messages are captured, not echoed, so that the header
	 * (which needs the command line found by the scan) comes first.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);
	host_log_echo = false;
	early_console_init();
	cmdline_set("printk.time=0");
	parse_early_param();
	cmdline_set("");
	host_log_clear();

	if (early_init_dt_verify(fdt, size) || early_init_dt_scan_nodes(fdt))
		fail(path);
	if (bootargs)
		cmdline_set(bootargs);
	parse_early_param();
	fdt_apply_mem_limit();
	early_init_fdt_scan_reserved_mem(fdt);

	printf("# fdtmem: %s\n", path);
	if (boot_command_line[0])
		printf("# Kernel command line: %s\n", boot_command_line);
	printf("# the DTB itself is not reserved: its load address is unknown on the host\n");
	fputs(host_log(), stdout);

	host_log_echo = true;
	printf("memblock/memory:\n");
	memblock_debugfs_show(&memblock.memory);
	printf("memblock/reserved:\n");
	memblock_debugfs_show(&memblock.reserved);
	fflush(stdout);
	free(fdt);
	return 0;
}
