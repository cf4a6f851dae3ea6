/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The device-tree boot scan: from a flattened device tree (DTB) to memblock.
 *
 * start_kernel (and tools/fdtmem on the host) call these in order:
 *
 *   early_init_dt_verify(fdt, avail)        header sane, blob fits in @avail
 *   early_init_dt_scan_nodes(fdt)           root cells, /chosen, memory nodes
 *                                           -> memblock.memory
 *   early_init_fdt_reserve_self(pa, fdt)    the DTB itself -> memblock.reserved
 *   fdt_apply_mem_limit()                   `mem=` from the command line
 *   early_init_fdt_scan_reserved_mem(fdt)   /reserved-memory, /memreserve/,
 *                                           initrd -> reserved or NOMAP
 *
 * The first two return 0 or a negative errno; on failure fdt_scan_error()
 * holds one line naming the node and the values, for the panic message.
 * Everything after the memory scan only prints and carries on: a bad
 * reserved region is reported, never fatal.
 *
 * Messages use Linux's prefixes and formats ("OF: fdt: ", "OF: reserved
 * mem: ") so a boot log reads like Linux's.  All accesses to the blob go
 * through libfdt's bounds-checked accessors: a corrupt blob yields an error,
 * never a read outside it.
 *
 * Runs single-threaded at boot; the globals below are written only here.
 */
#ifndef _KERNEL_OF_FDT_H
#define _KERNEL_OF_FDT_H

#include <kernel/types.h>
#include <kernel/compiler.h>

/* Root #address-cells / #size-cells, as read by early_init_dt_scan_nodes. */
extern int dt_root_addr_cells;
extern int dt_root_size_cells;

/*
 * /chosen linux,initrd-start and linux,initrd-end: [initrd_start,
 * initrd_end), both 0 when there is none or it was rejected.
 */
extern phys_addr_t initrd_start, initrd_end;

/*
 * /chosen stdout-path (or the legacy linux,stdout-path) split at the first
 * ':' into the path or alias ("/soc/serial@10000000", "serial0") and the
 * options ("115200n8").  NULL when absent.
 */
extern const char *of_stdout_path;
extern const char *of_stdout_options;

/*
 * early_init_dt_verify - check that @fdt is a device tree we can read.
 * @fdt:   the blob (must be 8-byte aligned, as the boot protocols promise)
 * @avail: bytes that are readable at @fdt (file size, or a mapping's size)
 *
 * Checks the magic, version >= 16 with last_comp_version <= 17, that
 * totalsize fits in @avail and covers the header, and that the memory
 * reserve map (8-byte aligned), structure (4-byte aligned) and strings
 * blocks lie inside totalsize; then libfdt's fdt_check_header(), and a walk
 * of every tag of the structure block (one root, nodes properly nested,
 * FDT_END inside the block).  Returns 0 or -EINVAL (fdt_scan_error() says
 * why).
 */
int early_init_dt_verify(const void *fdt, size_t avail);

/*
 * early_init_dt_scan_nodes - read the root's cell sizes, /chosen and every
 * memory node of a verified @fdt into memblock.memory.
 *
 * /chosen: bootargs -> cmdline_set(); linux,initrd-start/-end ->
 * initrd_start/initrd_end; stdout-path -> of_stdout_path/_options.
 * Memory: top-level nodes with device_type = "memory" and status "okay"
 * (or none); linux,usable-memory overrides reg; each bank is trimmed to
 * whole pages and to MAX_PHYSMEM_BITS and added with its numa-node-id.
 *
 * Returns 0; -EINVAL for invalid root #address-cells/#size-cells or a
 * structure block libfdt cannot walk; -ENOENT if no usable memory was
 * found; -ENOMEM if memblock could not take a bank.
 */
int early_init_dt_scan_nodes(const void *fdt);

/*
 * early_init_fdt_scan_reserved_mem - keep the allocators away from memory
 * the device tree says is in use.
 *
 * In this order: static /reserved-memory children (reg: reserved, or marked
 * NOMAP with no-map), /memreserve/ entries, the initrd (page-aligned
 * outward), then dynamic /reserved-memory children (size, alignment,
 * alloc-ranges), allocated from what is still free.  Regions outside RAM
 * are reported and ignored.  Call after early_init_dt_scan_nodes().
 * Returns 0; problems are printed, never fatal.
 */
int early_init_fdt_scan_reserved_mem(const void *fdt);

/*
 * early_init_fdt_reserve_self - reserve the DTB at physical @fdt_pa (its
 * totalsize, page-aligned outward) so nothing allocates over it.
 */
void early_init_fdt_reserve_self(phys_addr_t fdt_pa, const void *fdt);

/*
 * fdt_apply_mem_limit - Linux's `mem=`: if boot_command_line has
 * mem=SIZE, keep only the lowest SIZE bytes (rounded down to a page) of
 * memblock.memory.  Returns 0 (also when there is no mem=), or -EINVAL if
 * the value does not parse or is 0.
 */
int fdt_apply_mem_limit(void);

/*
 * fdt_scan_error - one line describing the last fatal error of
 * early_init_dt_verify() or early_init_dt_scan_nodes() ("" if none).
 */
const char *fdt_scan_error(void);

/* ---- shared by src/fdt_scan.c and src/fdt_reserved_mem.c only ---- */

/*
 * Read a big-endian number of @cells 32-bit cells (1 or 2; more keep the
 * low 64 bits, as Linux's of_read_number does) at @p.
 */
static inline u64 of_read_number(const void *p, int cells)
{
	const u8 *b = p;
	u64 v = 0;

	for (int i = 0; i < cells * 4; i++)
		v = v << 8 | b[i];
	return v;
}

/* True if @node has no status property, or "okay"/"ok". */
bool of_fdt_is_available(const void *fdt, int node);

/*
 * Write the full path of @node ("/memory@80000000") into @buf; falls back
 * to the bare name, or "<bad node>", if libfdt cannot produce it.
 */
const char *of_fdt_node_path(const void *fdt, int node, char *buf, int size);

/*
 * Check a reg-like property of @len bytes made of (@acells + @scells)-cell
 * tuples.  Returns the number of whole tuples; if @len is not a multiple of
 * the tuple size, prints an error naming @what (the node path) and the
 * cells, and the trailing bytes are to be ignored.
 */
int of_fdt_reg_tuples(const char *prefix, const char *what, const char *prop,
		      int len, int acells, int scells);

/* Record the text of a fatal error (also printed with pr_err). */
void of_fdt_fail(const char *fmt, ...) __printf(1, 2);

#endif /* _KERNEL_OF_FDT_H */
