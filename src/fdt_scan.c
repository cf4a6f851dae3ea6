// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The device-tree boot scan, part 1: header checks, the root's cell sizes,
 * /chosen and the memory nodes (the reserved regions are in
 * fdt_reserved_mem.c).
 *
 * What it owns
 *   Turning the DTB handed over by the firmware into memblock.memory, and
 *   remembering what /chosen says (command line, initrd, console).  The
 *   rules are Linux's (drivers/of/fdt.c) and the Devicetree specification's:
 *
 *     / { #address-cells = <2>; #size-cells = <2>;     defaults 2 and 1
 *         chosen { bootargs; linux,initrd-start/-end; stdout-path; };
 *         memory@80000000 {                             any top-level name
 *             device_type = "memory";                   required
 *             status = "okay";                          optional
 *             reg = <0x0 0x80000000 0x0 0x40000000>;    one or more tuples
 *             linux,usable-memory = <...>;              overrides reg
 *             numa-node-id = <0>;                       default 0
 *         };
 *     };
 *
 *   Each bank becomes whole pages below 2^MAX_PHYSMEM_BITS:
 *
 *     reg        |..[=======================]..|      (.. = partial page)
 *     memblock      [=======================]         base rounded up,
 *                                                     end rounded down
 *
 * Who calls it, when
 *   start_kernel, first thing after the early console; tools/fdtmem on the
 *   host for any .dtb.  The blob is only read, through libfdt's checked
 *   accessors, so a corrupt blob is reported, never overrun.
 *
 * Locking: none; boot is single-threaded while this runs.
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <kernel/of_fdt.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include <libfdt.h>

int dt_root_addr_cells = 2;
int dt_root_size_cells = 1;
phys_addr_t initrd_start, initrd_end;
const char *of_stdout_path;
const char *of_stdout_options;

static char stdout_path_buf[256];
static char stdout_options_buf[64];
static char scan_error[256];

/* The highest physical address the arch can address (inclusive). */
#define PHYS_LIMIT_LAST	(PHYS_ADDR_MAX >> (64 - MAX_PHYSMEM_BITS))

/*
 * Banks added so far, to name the earlier node when a new bank overlaps
 * one.  Past MAX_SEEN_BANKS, overlaps are still found in memblock, just
 * without the other node's name.
 */
#define MAX_SEEN_BANKS	32
static struct {
	int node;
	phys_addr_t base, last;		/* inclusive */
} seen_banks[MAX_SEEN_BANKS];
static int nr_seen_banks;

static inline unsigned long long ull(u64 v)
{
	return (unsigned long long)v;
}

/* ---- helpers shared with fdt_reserved_mem.c ---- */

/*
 * of_fdt_fail - record the one-line reason for a fatal scan error (see
 * fdt_scan_error()) and print it with pr_err.
 */
void of_fdt_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(scan_error, sizeof(scan_error), fmt, ap);
	va_end(ap);
	pr_err("%s\n", scan_error);
}

/* fdt_scan_error - the last fatal error's text, "" if there was none. */
const char *fdt_scan_error(void)
{
	return scan_error;
}

/* True if the property value @p of @len bytes is exactly the string @s. */
static bool prop_streq(const char *p, int len, const char *s)
{
	int n = (int)strlen(s);

	return p && len >= n && !memcmp(p, s, n) && (len == n || !p[n]);
}

/* of_fdt_is_available - no status property, or status "okay" / "ok". */
bool of_fdt_is_available(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	if (!status)
		return true;
	return prop_streq(status, len, "okay") || prop_streq(status, len, "ok");
}

/* of_fdt_node_path - see of_fdt.h. */
const char *of_fdt_node_path(const void *fdt, int node, char *buf, int size)
{
	const char *name;

	if (fdt_get_path(fdt, node, buf, size) == 0)
		return buf;
	name = fdt_get_name(fdt, node, NULL);
	snprintf(buf, size, "%s", name ? name : "<bad node>");
	return buf;
}

/* of_fdt_reg_tuples - see of_fdt.h. */
int of_fdt_reg_tuples(const char *prefix, const char *what, const char *prop,
		      int len, int acells, int scells)
{
	int tuple = (acells + scells) * 4;

	if (len % tuple)
		printk(KERN_ERR "%s%s: %s is %d bytes, not a multiple of %d (#address-cells=%d #size-cells=%d); ignoring the trailing %d bytes\n",
		       prefix, what, prop, len, tuple, acells, scells,
		       len % tuple);
	return len / tuple;
}

/* ---- header ---- */

/*
 * Walk every tag of the structure block: it must hold one root node whose
 * BEGIN_NODE/END_NODE tags nest, then FDT_END, all inside the block.
 * libfdt's iterators turn such damage into "not found"; this names it.
 */
static int check_structure(const void *fdt)
{
	int offset = 0, next, depth = 0;
	bool root_done = false;
	const fdt32_t *raw;
	u32 tag;

	for (;;) {
		tag = fdt_next_tag(fdt, offset, &next);
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (root_done)
				goto bad;	/* a second root */
			depth++;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				goto bad;
			root_done = !depth;
			break;
		case FDT_PROP:
			if (!depth)
				goto bad;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (next < 0 || !root_done)
				goto bad;
			return 0;
		default:
			goto bad;
		}
		if (next <= offset)
			goto bad;
		offset = next;
	}
bad:
	/* Name the tag as stored, not as fdt_next_tag() reported it. */
	raw = fdt_offset_ptr(fdt, offset, FDT_TAGSIZE);
	of_fdt_fail("the structure block is corrupt at offset %d (tag 0x%08x, depth %d): %s",
		    offset, raw ? fdt32_ld(raw) : tag, depth,
		    fdt_strerror(next < 0 ? next : -FDT_ERR_BADSTRUCTURE));
	return -EINVAL;
}

/* early_init_dt_verify - see of_fdt.h. */
int early_init_dt_verify(const void *fdt, size_t avail)
{
	u32 total, version, hdrsize, off, size;
	int err;

	scan_error[0] = '\0';
	if (!fdt) {
		of_fdt_fail("no device tree (NULL pointer)");
		return -EINVAL;
	}
	if ((unsigned long)fdt & 7) {
		of_fdt_fail("blob at 0x%lx is not 8-byte aligned",
			    (unsigned long)fdt);
		return -EINVAL;
	}
	if (avail < FDT_V1_SIZE) {
		of_fdt_fail("blob of %zu bytes is too short to hold a header (at least %zu bytes)",
			    avail, (size_t)FDT_V1_SIZE);
		return -EINVAL;
	}
	if (fdt_magic(fdt) != FDT_MAGIC) {
		of_fdt_fail("bad magic 0x%08x (expected 0x%08x): not a flattened device tree",
			    fdt_magic(fdt), FDT_MAGIC);
		return -EINVAL;
	}
	version = fdt_version(fdt);
	if (version < 16 || fdt_last_comp_version(fdt) > 17 ||
	    version < fdt_last_comp_version(fdt)) {
		of_fdt_fail("unsupported version %u (last compatible version %u): need version >= 16 and last compatible version <= 17",
			    version, fdt_last_comp_version(fdt));
		return -EINVAL;
	}
	hdrsize = fdt_header_size_(version);
	total = fdt_totalsize(fdt);
	if (total > avail) {
		of_fdt_fail("totalsize %u is larger than the %zu bytes available: truncated blob",
			    total, avail);
		return -EINVAL;
	}
	if (total < hdrsize) {
		of_fdt_fail("totalsize %u is smaller than the %u-byte header",
			    total, hdrsize);
		return -EINVAL;
	}

	/*
	 * The specification aligns the reserve map to 8 bytes and the
	 * structure block to 4; libfdt reads both as aligned structures.
	 */
	off = fdt_off_mem_rsvmap(fdt);
	if (off < hdrsize || off > total ||
	    total - off < sizeof(struct fdt_reserve_entry) || (off & 7)) {
		of_fdt_fail("memory reserve map at offset %u is outside the blob or not 8-byte aligned (header %u, totalsize %u)",
			    off, hdrsize, total);
		return -EINVAL;
	}
	off = fdt_off_dt_struct(fdt);
	size = version >= 17 ? fdt_size_dt_struct(fdt) : 4;
	if (off & 3) {
		of_fdt_fail("structure block at offset %u is not 4-byte aligned",
			    off);
		return -EINVAL;
	}
	if (off < hdrsize || off > total || size > total - off) {
		of_fdt_fail("structure block at offset %u, %u bytes, is outside the blob (header %u, totalsize %u)",
			    off, size, hdrsize, total);
		return -EINVAL;
	}
	off = fdt_off_dt_strings(fdt);
	size = fdt_size_dt_strings(fdt);
	if (off < hdrsize || off > total || size > total - off) {
		of_fdt_fail("strings block at offset %u, %u bytes, is outside the blob (header %u, totalsize %u)",
			    off, size, hdrsize, total);
		return -EINVAL;
	}
	err = fdt_check_header(fdt);
	if (err) {
		of_fdt_fail("libfdt rejects the header: %s", fdt_strerror(err));
		return -EINVAL;
	}
	return check_structure(fdt);
}

/* ---- root ---- */

/*
 * Read one cell-count property of the root (@def if absent) into *@out.
 * Returns 0 or -EINVAL with the error recorded.
 */
static int read_root_cells(const void *fdt, const char *name, int def,
			   int *out)
{
	int len;
	const void *p = fdt_getprop(fdt, 0, name, &len);
	u32 v;

	if (!p) {
		if (len != -FDT_ERR_NOTFOUND) {
			of_fdt_fail("cannot read the root node's %s: %s",
				    name, fdt_strerror(len));
			return -EINVAL;
		}
		*out = def;
		return 0;
	}
	if (len != 4) {
		of_fdt_fail("root node: %s is %d bytes long, expected one 4-byte cell",
			    name, len);
		return -EINVAL;
	}
	v = (u32)of_read_number(p, 1);
	if (v == 0 || v > 2) {
		of_fdt_fail("root node: %s = <%u> is not supported: memory addresses and sizes take 1 or 2 cells; fix the device tree",
			    name, v);
		return -EINVAL;
	}
	*out = (int)v;
	return 0;
}

static int scan_root(const void *fdt)
{
	int len;

	if (!fdt_get_name(fdt, 0, &len)) {
		of_fdt_fail("the structure block does not start with the root node: %s",
			    fdt_strerror(len));
		return -EINVAL;
	}
	/* The Devicetree specification's defaults (Linux uses 1 and 1). */
	if (read_root_cells(fdt, "#address-cells", 2, &dt_root_addr_cells) ||
	    read_root_cells(fdt, "#size-cells", 1, &dt_root_size_cells))
		return -EINVAL;
	return 0;
}

/* ---- /chosen ---- */

/* Read a 1- or 2-cell property (initrd bounds); false if absent or bad. */
static bool read_chosen_addr(const void *fdt, int node, const char *name,
			     phys_addr_t *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return false;
	if (len != 4 && len != 8) {
		pr_warn("/chosen: %s is %d bytes, expected 4 or 8; initrd ignored\n",
			name, len);
		return false;
	}
	*out = of_read_number(p, len / 4);
	return true;
}

static void scan_chosen_initrd(const void *fdt, int node)
{
	phys_addr_t start, end;
	bool has_start = read_chosen_addr(fdt, node, "linux,initrd-start", &start);
	bool has_end = read_chosen_addr(fdt, node, "linux,initrd-end", &end);

	if (!has_start && !has_end)
		return;
	if (!has_start || !has_end) {
		pr_warn("/chosen: linux,initrd-%s without linux,initrd-%s; initrd ignored\n",
			has_start ? "start" : "end", has_start ? "end" : "start");
		return;
	}
	if (start >= end) {
		pr_warn("/chosen: initrd start 0x%llx is not below its end 0x%llx; initrd ignored\n",
			ull(start), ull(end));
		return;
	}
	initrd_start = start;
	initrd_end = end;
}

static void scan_chosen_stdout(const void *fdt, int node)
{
	const char *name = "stdout-path";
	const char *p;
	int len, n, colon;

	p = fdt_getprop(fdt, node, name, &len);
	if (!p) {
		name = "linux,stdout-path";
		p = fdt_getprop(fdt, node, name, &len);
	}
	if (!p || len <= 0)
		return;
	n = (int)strnlen(p, len);
	if (n == len)
		pr_warn("/chosen: %s is not NUL-terminated; using its %d bytes\n",
			name, len);
	for (colon = 0; colon < n && p[colon] != ':'; colon++)
		;
	if (colon >= (int)sizeof(stdout_path_buf) ||
	    n - colon > (int)sizeof(stdout_options_buf)) {
		pr_warn("/chosen: %s \"%.*s\" is too long; ignored\n",
			name, n, p);
		return;
	}
	memcpy(stdout_path_buf, p, colon);
	stdout_path_buf[colon] = '\0';
	of_stdout_path = stdout_path_buf;
	if (colon < n) {
		memcpy(stdout_options_buf, p + colon + 1, n - colon - 1);
		stdout_options_buf[n - colon - 1] = '\0';
		of_stdout_options = stdout_options_buf;
	}
}

static void scan_chosen(const void *fdt)
{
	static char bootargs[COMMAND_LINE_SIZE + 1];
	int node, len;
	const char *p;

	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		node = fdt_path_offset(fdt, "/chosen@0");
	if (node < 0)
		return;

	p = fdt_getprop(fdt, node, "bootargs", &len);
	if (p && len > 0) {
		/* Never trust the NUL: copy at most what the property holds. */
		size_t n = strnlen(p, min_t(size_t, len, COMMAND_LINE_SIZE));

		memcpy(bootargs, p, n);
		bootargs[n] = '\0';
		cmdline_set(bootargs);
	}
	scan_chosen_initrd(fdt, node);
	scan_chosen_stdout(fdt, node);
}

/* ---- memory nodes ---- */

/* Warn about every earlier bank that [base, last] overlaps. */
static void check_overlap(const void *fdt, const char *path,
			  phys_addr_t base, phys_addr_t last)
{
	char other[128];
	int i;

	for (i = 0; i < nr_seen_banks; i++) {
		if (base > seen_banks[i].last || last < seen_banks[i].base)
			continue;
		pr_warn("%s: [mem 0x%016llx-0x%016llx] overlaps %s [mem 0x%016llx-0x%016llx]; memblock merges them\n",
			path, ull(base), ull(last),
			of_fdt_node_path(fdt, seen_banks[i].node, other,
					 sizeof(other)),
			ull(seen_banks[i].base), ull(seen_banks[i].last));
		return;
	}
	if (nr_seen_banks == MAX_SEEN_BANKS &&
	    memblock_overlaps_region(&memblock.memory, base, last - base + 1))
		pr_warn("%s: [mem 0x%016llx-0x%016llx] overlaps an earlier memory bank; memblock merges them\n",
			path, ull(base), ull(last));
}

/*
 * Add one (base, size) tuple of memory node @node to memblock after
 * clipping it to the physical address limit and trimming it to whole
 * pages.  Returns 1 if memory was added, 0 if the bank was dropped,
 * -ENOMEM if memblock is full.
 */
static int add_bank(const void *fdt, int node, const char *path,
		    phys_addr_t base, phys_addr_t size, int nid, bool hotplug)
{
	phys_addr_t last, start, end;	/* end: inclusive */
	int err;

	if (!size) {
		pr_warn("%s: bank at 0x%016llx has size 0; ignored\n",
			path, ull(base));
		return 0;
	}
	if (size - 1 > PHYS_ADDR_MAX - base) {
		pr_warn("%s: bank at 0x%016llx of 0x%llx bytes wraps past the top of the address space; clipped at 0x%016llx\n",
			path, ull(base), ull(size), ull(PHYS_ADDR_MAX));
		last = PHYS_ADDR_MAX;
	} else {
		last = base + size - 1;
	}

	if (base > PHYS_LIMIT_LAST) {
		pr_warn("%s: [mem 0x%016llx-0x%016llx] is above the %d-bit physical address limit (0x%016llx); ignored\n",
			path, ull(base), ull(last), MAX_PHYSMEM_BITS,
			ull(PHYS_LIMIT_LAST));
		return 0;
	}
	if (last > PHYS_LIMIT_LAST) {
		pr_warn("%s: [mem 0x%016llx-0x%016llx] extends past the %d-bit physical address limit; clipped to [mem 0x%016llx-0x%016llx]\n",
			path, ull(base), ull(last), MAX_PHYSMEM_BITS, ull(base),
			ull(PHYS_LIMIT_LAST));
		last = PHYS_LIMIT_LAST;
	}

	/*
	 * Whole pages only.  PHYS_LIMIT_LAST + 1 is page-aligned, so rounding
	 * @base up can only wrap when the limit is the whole 64-bit space
	 * (caught by start < base).  The end is kept inclusive so that last
	 * == PHYS_ADDR_MAX cannot wrap either.
	 */
	start = ALIGN(base, (phys_addr_t)PAGE_SIZE);
	if ((last & (PAGE_SIZE - 1)) == PAGE_SIZE - 1)
		end = last;			/* the last page is whole */
	else if (last >= PAGE_SIZE)
		end = (last & ~(phys_addr_t)(PAGE_SIZE - 1)) - 1;
	else
		end = 0;			/* no page ends in the bank */
	if (start < base || end < start || end - start < PAGE_SIZE - 1) {
		pr_warn("%s: [mem 0x%016llx-0x%016llx] holds no whole %lu-byte page; ignored\n",
			path, ull(base), ull(last), (unsigned long)PAGE_SIZE);
		return 0;
	}
	if (start != base || end != last)
		pr_warn("%s: [mem 0x%016llx-0x%016llx] is not page-aligned; trimmed to [mem 0x%016llx-0x%016llx]\n",
			path, ull(base), ull(last), ull(start), ull(end));

	check_overlap(fdt, path, start, end);
	err = memblock_add_node(start, end - start + 1, nid, MEMBLOCK_NONE);
	if (err) {
		/* The panic message: without it the reason would be empty. */
		of_fdt_fail("%s: no room for [mem 0x%016llx-0x%016llx]: memblock holds %lu regions until the kernel is reserved (INIT_MEMBLOCK_REGIONS); merge banks",
			    path, ull(start), ull(end), memblock.memory.cnt);
		return err;
	}
	if (hotplug && memblock_mark_hotplug(start, end - start + 1))
		pr_warn("%s: cannot mark [mem 0x%016llx-0x%016llx] hotpluggable\n",
			path, ull(start), ull(end));
	pr_info("%s: [mem 0x%016llx-0x%016llx] node %d\n", path, ull(start),
		ull(end), nid);

	if (nr_seen_banks < MAX_SEEN_BANKS) {
		seen_banks[nr_seen_banks].node = node;
		seen_banks[nr_seen_banks].base = start;
		seen_banks[nr_seen_banks].last = end;
		nr_seen_banks++;
	}
	return 1;
}

static int node_nid(const void *fdt, int node, const char *path)
{
	int len;
	const void *p = fdt_getprop(fdt, node, "numa-node-id", &len);
	u32 nid;

	if (!p)
		return 0;
	if (len != 4) {
		pr_err("%s: numa-node-id is %d bytes, expected 4; using node 0\n",
		       path, len);
		return 0;
	}
	nid = (u32)of_read_number(p, 1);
	if (nid >= MAX_NUMNODES) {
		pr_err("%s: numa-node-id = <%u> is not below MAX_NUMNODES (%d); using node 0\n",
		       path, nid, MAX_NUMNODES);
		return 0;
	}
	return (int)nid;
}

/*
 * Add every bank of memory node @node.  Returns the number of banks
 * added, or -ENOMEM.
 */
static int scan_memory_node(const void *fdt, int node, const char *path)
{
	int ac = dt_root_addr_cells, sc = dt_root_size_cells;
	const char *prop = "linux,usable-memory";
	const u8 *reg;
	int len, n, i, nid, added = 0;
	bool hotplug;

	/* As Linux: an empty linux,usable-memory means none is usable. */
	reg = fdt_getprop(fdt, node, prop, &len);
	if (!reg) {
		prop = "reg";
		reg = fdt_getprop(fdt, node, prop, &len);
	}
	if (!reg || len <= 0) {
		pr_warn("%s: %s is %s; ignored\n", path, prop,
			reg ? "empty" : "missing");
		return 0;
	}
	n = of_fdt_reg_tuples("OF: fdt: ", path, prop, len, ac, sc);
	nid = node_nid(fdt, node, path);
	hotplug = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;

	for (i = 0; i < n; i++, reg += (ac + sc) * 4) {
		int ret = add_bank(fdt, node, path, of_read_number(reg, ac),
				   of_read_number(reg + ac * 4, sc), nid,
				   hotplug);

		if (ret < 0)
			return ret;
		added += ret;
	}
	return added;
}

static int scan_memory(const void *fdt)
{
	char path[128];
	int node, len, added = 0;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const char *name = fdt_get_name(fdt, node, NULL);
		int ret;

		if (!prop_streq(type, len, "memory")) {
			/* Linux (non-PPC) requires device_type; say so. */
			if (name && (!strcmp(name, "memory") ||
				     !strncmp(name, "memory@", 7)))
				pr_warn("/%s: no device_type = \"memory\"; ignored\n",
					name);
			continue;
		}
		of_fdt_node_path(fdt, node, path, sizeof(path));
		if (!of_fdt_is_available(fdt, node)) {
			pr_info("%s: status is not \"okay\"; ignored\n", path);
			continue;
		}
		ret = scan_memory_node(fdt, node, path);
		if (ret < 0)
			return ret;
		added += ret;
	}
	if (node != -FDT_ERR_NOTFOUND) {
		of_fdt_fail("the structure block is corrupt: %s",
			    fdt_strerror(node));
		return -EINVAL;
	}
	if (!added) {
		of_fdt_fail("no usable memory node (device_type = \"memory\") in the device tree");
		return -ENOENT;
	}
	return 0;
}

/* early_init_dt_scan_nodes - see of_fdt.h. */
int early_init_dt_scan_nodes(const void *fdt)
{
	int err;

	scan_error[0] = '\0';
	initrd_start = initrd_end = 0;
	of_stdout_path = NULL;
	of_stdout_options = NULL;
	nr_seen_banks = 0;

	err = scan_root(fdt);
	if (err)
		return err;
	scan_chosen(fdt);
	return scan_memory(fdt);
}

/* fdt_apply_mem_limit - see of_fdt.h. */
int fdt_apply_mem_limit(void)
{
	char val[64];
	char *end;
	phys_addr_t limit;

	if (!cmdline_find_option(boot_command_line, "mem", val, sizeof(val)))
		return 0;
	limit = memparse(val, &end) & ~(phys_addr_t)(PAGE_SIZE - 1);
	if (!val[0] || *end || !limit) {
		printk(KERN_ERR "mem=%s: not a size of at least one page (e.g. mem=512M); ignored\n",
		       val);
		return -EINVAL;
	}
	printk(KERN_NOTICE "Memory limited to %lluMB\n", ull(limit >> 20));
	memblock_enforce_memory_limit(limit);
	return 0;
}
