// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The device-tree boot scan, part 2: memory the device tree says is taken.
 *
 * What it owns
 *   Moving firmware, initrd and DTB ranges into memblock.reserved (or
 *   flagging them NOMAP) before any allocator runs:
 *
 *     /memreserve/ 0x80000000 0x80000;             header entries: reserved
 *     / { chosen { linux,initrd-start; linux,initrd-end; };
 *         reserved-memory {
 *             #address-cells, #size-cells          must equal the root's
 *             ranges;                              required (empty: identity)
 *             mmode_resv0@80000000 {               static: reg tuples
 *                 reg = <0x0 0x80000000 0x0 0x80000>;
 *                 no-map;                          NOMAP instead of reserved
 *             };
 *             linux,cma {                          dynamic: size, optional
 *                 size = <0x0 0x1000000>;          alignment, alloc-ranges;
 *                 alignment = <0x0 0x400000>;      allocated top-down from
 *                 alloc-ranges = <...>;            what is still free
 *                 reusable;
 *             };
 *         };
 *     };
 *
 *   Order (as Linux): static /reserved-memory regions, /memreserve/, the
 *   initrd, and only then the dynamic regions, so an allocation can never
 *   land on a region the device tree names further down.  NOMAP memory
 *   stays in memblock.memory (Linux 6.1's behaviour) but is never
 *   allocated from or mapped.
 *
 * Who calls it, when
 *   start_kernel after the memory scan and after reserving the kernel
 *   image; tools/fdtmem on the host.  Nothing here is fatal: a bad region
 *   is printed and skipped.
 *
 * Locking: none; boot is single-threaded while this runs.
 */
#include <kernel/of_fdt.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include <libfdt.h>

#define FDT	"OF: fdt: "
#define RMEM	"OF: reserved mem: "

/* Dynamic regions wait until every static one is reserved. */
#define MAX_DYNAMIC_REGIONS	32

static inline unsigned long long ull(u64 v)
{
	return (unsigned long long)v;
}

/* How much of [base, base + size) memblock.memory covers. */
enum ram_cover { RAM_NONE, RAM_PART, RAM_ALL };

static enum ram_cover ram_cover(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + min(size, PHYS_ADDR_MAX - base);
	phys_addr_t covered = 0;
	const struct memblock_region *r;

	for_each_mem_region(r) {
		phys_addr_t s = max(base, r->base);
		phys_addr_t e = min(end, r->base + r->size);

		if (s < e)
			covered += e - s;
	}
	if (!covered)
		return RAM_NONE;
	return covered == end - base ? RAM_ALL : RAM_PART;
}

/* Clip a tuple that wraps past the top of the address space. */
static phys_addr_t clip_size(const char *prefix, const char *what,
			     phys_addr_t base, phys_addr_t size)
{
	if (size - 1 <= PHYS_ADDR_MAX - base)
		return size;
	printk(KERN_WARNING "%s%s: 0x%016llx + 0x%llx wraps past the top of the address space; clipped\n",
	       prefix, what, ull(base), ull(size));
	return PHYS_ADDR_MAX - base + 1;
}

static void print_region(phys_addr_t base, phys_addr_t size, bool nomap,
			 bool reusable, const char *name, const char *how)
{
	pr_info(RMEM "0x%016llx..0x%016llx (%llu KiB) %s %s %s%s\n",
		ull(base), ull(base + size - 1), ull(size >> 10),
		nomap ? "nomap" : "map", reusable ? "reusable" : "non-reusable",
		name, how);
}

/* Mark [base, base + size) NOMAP, whole pages, or reserve it if it is in use. */
static bool make_nomap(const char *name, phys_addr_t *base, phys_addr_t *size)
{
	phys_addr_t start = ALIGN_DOWN(*base, (phys_addr_t)PAGE_SIZE);
	phys_addr_t last = *base + *size - 1;

	/* A NOMAP page is unmapped entirely: round out to whole pages. */
	if (last < PHYS_ADDR_MAX - PAGE_SIZE)
		last = ALIGN(last + 1, (phys_addr_t)PAGE_SIZE) - 1;
	if (memblock_is_region_reserved(start, last - start + 1)) {
		pr_err(RMEM "%s: 0x%016llx..0x%016llx overlaps memory that is already reserved; reserving it instead of marking it no-map\n",
		       name, ull(start), ull(last));
		memblock_reserve(*base, *size);
		return false;
	}
	*base = start;
	*size = last - start + 1;
	memblock_mark_nomap(*base, *size);
	return true;
}

/* Reserve (or mark NOMAP) each reg tuple of static region @node. */
static void reserve_static(const void *fdt, int node, const char *name,
			   const u8 *reg, int len)
{
	int ac = dt_root_addr_cells, sc = dt_root_size_cells;
	bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
	bool reusable = fdt_getprop(fdt, node, "reusable", NULL) != NULL;
	int i, n = of_fdt_reg_tuples(RMEM, name, "reg", len, ac, sc);

	if (nomap && reusable)
		pr_err(RMEM "%s: no-map and reusable exclude each other; honouring no-map\n",
		       name);
	for (i = 0; i < n; i++, reg += (ac + sc) * 4) {
		phys_addr_t base = of_read_number(reg, ac);
		phys_addr_t size = of_read_number(reg + ac * 4, sc);
		bool marked = false;

		if (!size) {
			pr_warn(RMEM "%s: reg entry %d at 0x%016llx has size 0; ignored\n",
				name, i, ull(base));
			continue;
		}
		size = clip_size(RMEM, name, base, size);
		switch (ram_cover(base, size)) {
		case RAM_NONE:
			pr_warn(RMEM "%s: 0x%016llx..0x%016llx is not in RAM; ignored\n",
				name, ull(base), ull(base + size - 1));
			continue;
		case RAM_PART:
			pr_warn(RMEM "%s: 0x%016llx..0x%016llx is partly outside RAM\n",
				name, ull(base), ull(base + size - 1));
			break;
		case RAM_ALL:
			break;
		}
		if (nomap)
			marked = make_nomap(name, &base, &size);
		else
			memblock_reserve(base, size);
		print_region(base, size, marked, reusable && !nomap, name, "");
	}
}

/* Read a size-cells property that must be exactly one value. */
static bool read_size_prop(const void *fdt, int node, const char *name,
			   const char *prop, phys_addr_t *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, prop, &len);

	if (!p)
		return false;
	if (len != dt_root_size_cells * 4) {
		pr_err(RMEM "%s: %s is %d bytes, expected %d (#size-cells=%d); ignored\n",
		       name, prop, len, dt_root_size_cells * 4,
		       dt_root_size_cells);
		*out = 0;
		return true;
	}
	*out = of_read_number(p, dt_root_size_cells);
	return true;
}

/* Allocate dynamic region @node (size, alignment, alloc-ranges). */
static void alloc_dynamic(const void *fdt, int node)
{
	int ac = dt_root_addr_cells, sc = dt_root_size_cells;
	const char *name = fdt_get_name(fdt, node, NULL);
	bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
	bool reusable = fdt_getprop(fdt, node, "reusable", NULL) != NULL;
	phys_addr_t size = 0, align = 0, base = 0;
	char tried[192];
	size_t tlen = 0;
	const u8 *ranges;
	int len, i, n;

	if (!name)
		name = "<bad node>";
	read_size_prop(fdt, node, name, "size", &size);
	if (!size) {
		pr_err(RMEM "%s: size is 0; ignored\n", name);
		return;
	}
	if (read_size_prop(fdt, node, name, "alignment", &align) &&
	    align && !is_power_of_2(align)) {
		pr_err(RMEM "%s: alignment 0x%llx is not a power of two; ignored\n",
		       name, ull(align));
		return;
	}
	align = max(align, (phys_addr_t)PAGE_SIZE);
	if (nomap && reusable)
		pr_err(RMEM "%s: no-map and reusable exclude each other; honouring no-map\n",
		       name);
	if (nomap) {
		/* NOMAP works on whole pages; the base is page-aligned. */
		if (size > PHYS_ADDR_MAX - PAGE_SIZE) {
			pr_err(RMEM "%s: size 0x%llx is too large; ignored\n",
			       name, ull(size));
			return;
		}
		size = ALIGN(size, (phys_addr_t)PAGE_SIZE);
	}

	ranges = fdt_getprop(fdt, node, "alloc-ranges", &len);
	if (ranges) {
		tlen = scnprintf(tried, sizeof(tried), "in");
		n = of_fdt_reg_tuples(RMEM, name, "alloc-ranges", len, ac, sc);
		for (i = 0; i < n && !base; i++, ranges += (ac + sc) * 4) {
			phys_addr_t start = of_read_number(ranges, ac);
			phys_addr_t rsize = of_read_number(ranges + ac * 4, sc);
			phys_addr_t end;

			if (!rsize)
				continue;
			rsize = clip_size(RMEM, name, start, rsize);
			end = start + rsize - 1;	/* inclusive */
			tlen += scnprintf(tried + tlen, sizeof(tried) - tlen,
					  " [mem 0x%016llx-0x%016llx]",
					  ull(start), ull(end));
			/* A range reaching the top of memory: "anywhere above". */
			base = memblock_phys_alloc_range(size, align, start,
					end == PHYS_ADDR_MAX ?
					MEMBLOCK_ALLOC_ANYWHERE : end + 1);
		}
		if (tlen == 2)
			scnprintf(tried, sizeof(tried), "with an empty alloc-ranges");
	} else {
		base = memblock_phys_alloc_range(size, align, 0,
						 MEMBLOCK_ALLOC_ANYWHERE);
		scnprintf(tried, sizeof(tried), "anywhere in RAM");
	}
	if (!base) {
		pr_err(RMEM "%s: cannot allocate 0x%llx bytes aligned to 0x%llx %s; ignored\n",
		       name, ull(size), ull(align), tried);
		return;
	}
	/* The allocation reserved it; NOMAP also keeps it out of the map. */
	if (nomap)
		memblock_mark_nomap(base, size);
	print_region(base, size, nomap, reusable && !nomap, name, " allocated");
}

/* /reserved-memory must use the root's cells and have ranges. */
static bool reserved_root_ok(const void *fdt, int node)
{
	static const char *const names[] = { "#address-cells", "#size-cells" };
	const int want[] = { dt_root_addr_cells, dt_root_size_cells };
	int len;

	for (int i = 0; i < 2; i++) {
		const void *p = fdt_getprop(fdt, node, names[i], &len);
		u32 v = p && len == 4 ? (u32)of_read_number(p, 1) : 0;

		if (!p || len != 4 || v != (u32)want[i]) {
			if (p && len == 4)
				pr_err(RMEM "/reserved-memory: %s = <%u> differs from the root's <%d>; ignoring /reserved-memory\n",
				       names[i], v, want[i]);
			else
				pr_err(RMEM "/reserved-memory: %s is missing or malformed (the root's is <%d>); ignoring /reserved-memory\n",
				       names[i], want[i]);
			return false;
		}
	}
	if (!fdt_getprop(fdt, node, "ranges", &len)) {
		pr_err(RMEM "/reserved-memory: no ranges property; ignoring /reserved-memory\n");
		return false;
	}
	if (len)
		pr_warn(RMEM "/reserved-memory: ranges is not empty; taking child addresses as physical\n");
	return true;
}

/*
 * Reserve the static children of /reserved-memory and collect the dynamic
 * ones in @dyn (at most @max).  Returns the number collected.
 */
static int scan_reserved_memory(const void *fdt, int *dyn, int max)
{
	int rmem = fdt_path_offset(fdt, "/reserved-memory");
	int child, ndyn = 0;

	if (rmem < 0 || !reserved_root_ok(fdt, rmem))
		return 0;

	fdt_for_each_subnode(child, fdt, rmem) {
		const char *name = fdt_get_name(fdt, child, NULL);
		const u8 *reg;
		int len;

		if (!name || !of_fdt_is_available(fdt, child))
			continue;
		reg = fdt_getprop(fdt, child, "reg", &len);
		if (reg && len > 0) {
			reserve_static(fdt, child, name, reg, len);
		} else if (fdt_getprop(fdt, child, "size", NULL)) {
			if (ndyn < max)
				dyn[ndyn++] = child;
			else
				pr_err(RMEM "%s: more than %d dynamic regions; ignored\n",
				       name, max);
		} else {
			pr_warn(RMEM "%s: neither reg nor size; ignored\n",
				name);
		}
	}
	if (child != -FDT_ERR_NOTFOUND)
		pr_err(RMEM "/reserved-memory: stopped early: %s\n",
		       fdt_strerror(child));
	return ndyn;
}

/* Reserve every /memreserve/ entry of the header's reserve map. */
static void scan_memreserve(const void *fdt)
{
	u64 base, size;

	for (int i = 0;; i++) {
		int err = fdt_get_mem_rsv(fdt, i, &base, &size);

		if (err) {
			pr_err(FDT "/memreserve/ map has no terminating entry inside the blob (%s)\n",
			       fdt_strerror(err));
			return;
		}
		if (!size)
			return;
		size = clip_size(FDT, "/memreserve/", base, size);
		pr_info(FDT "/memreserve/ [mem 0x%016llx-0x%016llx]\n",
			ull(base), ull(base + size - 1));
		memblock_reserve(base, size);
	}
}

/* Reserve the initrd, whole pages, if it lies in RAM; forget it otherwise. */
static void reserve_initrd(void)
{
	phys_addr_t start, end;

	if (initrd_start >= initrd_end)
		return;
	start = ALIGN_DOWN(initrd_start, (phys_addr_t)PAGE_SIZE);
	end = initrd_end > PHYS_ADDR_MAX - PAGE_SIZE ? initrd_end :
	      ALIGN(initrd_end, (phys_addr_t)PAGE_SIZE);
	if (ram_cover(start, end - start) != RAM_ALL) {
		pr_warn(FDT "initrd [mem 0x%016llx-0x%016llx] is not (entirely) in RAM; ignored\n",
			ull(initrd_start), ull(initrd_end - 1));
		initrd_start = initrd_end = 0;
		return;
	}
	memblock_reserve(start, end - start);
	pr_info(FDT "initrd [mem 0x%016llx-0x%016llx]\n", ull(start),
		ull(end - 1));
}

/* early_init_fdt_scan_reserved_mem - see of_fdt.h. */
int early_init_fdt_scan_reserved_mem(const void *fdt)
{
	int dyn[MAX_DYNAMIC_REGIONS];
	int ndyn = scan_reserved_memory(fdt, dyn, MAX_DYNAMIC_REGIONS);

	scan_memreserve(fdt);
	reserve_initrd();
	for (int i = 0; i < ndyn; i++)
		alloc_dynamic(fdt, dyn[i]);
	return 0;
}

/* early_init_fdt_reserve_self - see of_fdt.h. */
void early_init_fdt_reserve_self(phys_addr_t fdt_pa, const void *fdt)
{
	phys_addr_t start = ALIGN_DOWN(fdt_pa, (phys_addr_t)PAGE_SIZE);
	phys_addr_t end = ALIGN(fdt_pa + fdt_totalsize(fdt),
				(phys_addr_t)PAGE_SIZE);

	memblock_reserve(start, end - start);
	pr_info(FDT "device tree [mem 0x%016llx-0x%016llx]\n", ull(start),
		ull(end - 1));
}
