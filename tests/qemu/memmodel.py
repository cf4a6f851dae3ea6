# SPDX-License-Identifier: GPL-2.0-or-later
"""Expected memblock lists, computed independently of the kernel: interval
arithmetic over (base, size, nid, flags) following memblock's documented
rules (page trimming, merging of neighbours with equal nid and flags)."""
import re

PAGE = 4096


def trim_pages(base, size):
    start = (base + PAGE - 1) & ~(PAGE - 1)
    end = (base + size) & ~(PAGE - 1)
    return (start, end - start) if end > start else None


def merge(regions):
    """regions: list of (base, size, nid, flags) -> sorted, merged list."""
    out = []
    for base, size, nid, flags in sorted(regions):
        if size == 0:
            continue
        if out:
            pb, ps, pn, pf = out[-1]
            if base <= pb + ps and pn == nid and pf == flags:
                out[-1] = (pb, max(pb + ps, base + size) - pb, pn, pf)
                continue
        out.append((base, size, nid, flags))
    return out


def limit_memory(regions, limit):
    """mem=: keep the lowest `limit` bytes of memory."""
    out, left = [], limit
    for base, size, nid, flags in regions:
        if left <= 0:
            break
        take = min(size, left)
        out.append((base, take, nid, flags))
        left -= take
    return out


def clip(regions, end):
    out = []
    for base, size, nid, flags in regions:
        if base >= end:
            continue
        out.append((base, min(base + size, end) - base, nid, flags))
    return out


FLAG_NAMES = {1: "HOTPLUG", 2: "MIRROR", 4: "NOMAP", 8: "DRV_MNG"}
NO_NODE = 8  # MAX_NUMNODES: printed as 'x'


def debugfs_lines(regions):
    lines = []
    for i, (base, size, nid, flags) in enumerate(regions):
        node = "%4c" % "x" if nid == NO_NODE else "%4d" % nid
        names = "|".join(n for b, n in sorted(FLAG_NAMES.items()) if flags & b) or "NONE"
        lines.append("%4d: 0x%016x..0x%016x %s %s" % (i, base, base + size - 1, node, names))
    return lines


TS = re.compile(r"^\[\s*\d+\.\d+\] ")


def strip_ts(line):
    return TS.sub("", line.rstrip("\r"))


def printed_list(log, name):
    """The lines the kernel printed under 'memblock/<name>:'."""
    lines = [strip_ts(l) for l in log.splitlines()]
    try:
        i = lines.index("memblock/%s:" % name)
    except ValueError:
        return None
    out = []
    for l in lines[i + 1:]:
        if not re.match(r"^\s*\d+: 0x", l):
            break
        out.append(l)
    return out
