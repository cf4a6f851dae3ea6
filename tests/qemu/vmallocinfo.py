# SPDX-License-Identifier: GPL-2.0-or-later
"""/proc/vmallocinfo as Linux prints it (mm/vmalloc.c, s_show()), read
strictly, field by field, and the console's ioremap area found in it.

  0xffffffc800000000-0xffffffc800002000    8192 0xffffffff8000852e phys=0x0000000010000000 ioremap
  0xffffffc800002000-0xffffffc800007000   20480 0xffffffff80048102 pages=4 vmalloc
  0xffffffc800007000-0xffffffc800009000    8192 unpurged vm_area

  range    "0x%px-0x%px": 0x and 16 hex digits each, start below end,
           both page aligned and inside the architecture's vmalloc space
  size     "%7ld": end - start (the guard page included), right-aligned
           in at least 7 columns
  caller   Linux prints a symbol (%pS); Arbor, which has no symbol table,
           the return address as 0x and hex digits
  pages=N  only for areas that own pages (vmalloc): N = size / page - 1
  phys=    only for ioremap: "%pa", 0x and 16 hex digits, page aligned
  type     ioremap, vmalloc or vmap; lazily freed areas print
           "unpurged vm_area" instead of caller and type
"""
import re

import memmodel as mm

# [VMALLOC_START, VMALLOC_END): Linux's layouts (Sv39 and 4-level x86-64),
# which arch/*/include/asm/memlayout.h follow (DESIGN.md section 4).
VMALLOC = {"riscv": (0xffffffc800000000, 0xffffffd800000000),
           "x86_64": (0xffffc90000000000, 0xffffe90000000000)}

LINE = re.compile(r"^0x(?P<start>[0-9a-f]{16})-0x(?P<end>[0-9a-f]{16}) (?P<size> *\d+) "
                  r"(?:(?P<unpurged>unpurged vm_area)|0x(?P<caller>[0-9a-f]+)"
                  r"(?: pages=(?P<pages>\d+))?(?: phys=0x(?P<phys>[0-9a-f]{16}))?"
                  r" (?P<type>ioremap|vmalloc|vmap))$")


def command_output(lines, cmd):
    """The lines @cmd printed at the monitor (after "mm> @cmd", up to the
    next prompt), or None if the boot never ran it."""
    try:
        i = lines.index("mm> " + cmd)
    except ValueError:
        return None
    out = []
    for l in lines[i + 1:]:
        if l.startswith("mm> "):
            break
        out.append(l)
    return out


def parse(lines, arch=None, text=None):
    """One dict per line (start, end, size, caller, pages, phys, type, as
    ints where numbers; rest, what follows the size); ValueError naming
    the first line and field that is not Linux's format.  With @arch,
    every range must lie in its vmalloc space; with @text, (start, end)
    of the kernel's code, every caller must be a return address into it."""
    lo, hi = VMALLOC[arch] if arch else (0, 1 << 64)
    areas = []
    for l in lines:
        m = LINE.match(mm.strip_ts(l))
        if not m:
            raise ValueError("not a vmallocinfo line: %r" % l)
        start, end, size = int(m["start"], 16), int(m["end"], 16), int(m["size"])
        a = {"start": start, "end": end, "size": size, "line": l,
             "rest": mm.strip_ts(l)[m.end("size") + 1:],
             "type": "unpurged" if m["unpurged"] else m["type"],
             "caller": int(m["caller"], 16) if m["caller"] else None,
             "pages": int(m["pages"]) if m["pages"] else None,
             "phys": int(m["phys"], 16) if m["phys"] else None}
        problems = []
        if not lo <= start < end <= hi:
            problems.append("range outside the vmalloc space 0x%x-0x%x" % (lo, hi))
        if start % mm.PAGE or end % mm.PAGE:
            problems.append("range not page aligned")
        if m["size"] != "%7d" % size or size != end - start:
            problems.append("size field %r is not %%7ld of end - start" % m["size"])
        if a["type"] == "vmalloc" and a["pages"] != size // mm.PAGE - 1:
            problems.append("pages= is not the area's pages without the guard")
        if a["type"] in ("ioremap", "vmap", "unpurged") and a["pages"] is not None:
            problems.append("pages= on an area that owns no pages")
        if (a["type"] == "ioremap") != (a["phys"] is not None):
            problems.append("phys= must come with ioremap, and only with it")
        if text and a["caller"] is not None and not text[0] < a["caller"] <= text[1]:
            problems.append("caller outside the kernel's text 0x%x-0x%x" % text)
        if a["phys"] is not None and a["phys"] % mm.PAGE:
            problems.append("phys= not page aligned")
        if problems:
            raise ValueError("%r: %s" % (l, "; ".join(problems)))
        areas.append(a)
    if [a["start"] for a in areas if a["type"] != "unpurged"] != \
            sorted(a["start"] for a in areas if a["type"] != "unpurged"):
        raise ValueError("live areas not in address order")
    return areas


def uart_area(areas, base, reg_bytes):
    """The ioremap areas whose mapped pages (the guard excluded) hold the
    registers [@base, @base + @reg_bytes)."""
    return [a for a in areas if a["type"] == "ioremap" and
            a["phys"] <= base and base + reg_bytes <= a["phys"] + a["size"] - mm.PAGE]
