# SPDX-License-Identifier: GPL-2.0-or-later
"""What memblock should hold after the device-tree scan, computed from a
parsed DTB (tests/qemu/fdt.py) without the code under test.

The rules are the kernel's documented contract (src/fdt_scan.c and
src/fdt_reserved_mem.c headers, DESIGN.md §6), which are Linux's except
where noted:
  memory     top-level nodes with device_type "memory", status absent or
             "okay"/"ok", linux,usable-memory over reg, the root's cells;
             each bank trimmed to whole pages, neighbours merged.
  reserved   /reserved-memory (only if its #address-cells/#size-cells equal
             the root's and it has `ranges`): children whose status is
             okay, static reg tuples; no-map ones become NOMAP in memory,
             rounded out to pages, the others are reserved as given.  A
             region entirely outside RAM is ignored (Linux 6.1 would
             reserve it anyway); one partly outside is reserved whole.
             /memreserve/ entries are reserved as given.
  Dynamic regions (size without reg) are not modelled: callers skip DTBs
  that have them.
"""
import memmodel as mm

NOMAP = 4


def expected_memory(fdt):
    """[(base, size, nid, 0)]: the memory banks, page-trimmed and merged."""
    regions = []
    for base, size, nid in fdt.memory_banks():
        t = mm.trim_pages(base, size)
        if t:
            regions.append((t[0], t[1], nid, 0))
    return mm.merge(regions)


def okay(node):
    return node.string("status") in (None, "okay", "ok")


def reserved_memory(fdt):
    """(base, size, nomap, name) for each static /reserved-memory region."""
    rm = fdt.find("/reserved-memory")
    if rm is None:
        return []
    ac, sc = fdt.root_cells()
    if (rm.cells("#address-cells") != [ac] or rm.cells("#size-cells") != [sc]
            or "ranges" not in rm.props):
        return []
    out = []
    for child in rm.children:
        if not okay(child) or "reg" not in child.props:
            continue
        for base, size in fdt.tuples(child.cells("reg"), ac, sc):
            if size:
                out.append((base, size, "no-map" in child.props, child.name))
    return out


def has_dynamic_regions(fdt):
    rm = fdt.find("/reserved-memory")
    return rm is not None and any(
        okay(c) and "reg" not in c.props and "size" in c.props for c in rm.children)


def overlaps(regions, base, size):
    return any(b < base + size and base < b + s for b, s, _, _ in regions)


def split_flag(regions, base, size, flag):
    """Set @flag on [base, base + size) of @regions, splitting as needed."""
    out = []
    for rb, rs, nid, fl in regions:
        lo, hi = max(rb, base), min(rb + rs, base + size)
        if lo >= hi:
            out.append((rb, rs, nid, fl))
            continue
        if rb < lo:
            out.append((rb, lo - rb, nid, fl))
        out.append((lo, hi - lo, nid, fl | flag))
        if hi < rb + rs:
            out.append((hi, rb + rs - hi, nid, fl))
    return out


def expected_lists(fdt, boot_reserved=()):
    """(memory, reserved) lists for @fdt, plus @boot_reserved (base, size)
    ranges the loader adds (kernel image, the DTB's own pages)."""
    memory = expected_memory(fdt)
    reserved = [(b, s, mm.NO_NODE, 0) for b, s in boot_reserved]
    for base, size, nomap, _ in reserved_memory(fdt):
        if not overlaps(memory, base, size):
            continue
        if nomap:
            start = base & ~(mm.PAGE - 1)
            end = (base + size + mm.PAGE - 1) & ~(mm.PAGE - 1)
            memory = split_flag(memory, start, end - start, NOMAP)
        else:
            reserved.append((base, size, mm.NO_NODE, 0))
    for base, size in fdt.memreserve:
        reserved.append((base, size, mm.NO_NODE, 0))
    # NOMAP splits merge back only with equal flags (memblock's rule).
    return mm.merge(memory), mm.merge(reserved)
