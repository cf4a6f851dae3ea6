# SPDX-License-Identifier: GPL-2.0-or-later
"""slub_debug in the kernel: the `slab_debug` self-tests' corruption
reports read back field by field, and the generic slab suite with every
cache in debug mode.

  slub-debug-reports   ktest=slab_debug on RISC-V (2 harts) and x86-64.
                       Each case of tests/unit/slab_debug_test.c corrupts
                       one object in a known way (the table CASES below
                       mirrors what it writes where); its report, between
                       the previous KTAP result and its own, must be the
                       only "BUG" there and must say, in Linux's format:
                       the banner; the cache and the kind; the Slab line;
                       the Object line, whose address minus @offset is a
                       page-aligned slab; the first and last wrong byte,
                       their @offset from that slab, the byte found and
                       the one expected; the same bytes in the hex dump;
                       the alloc/free tracks with callers in the kernel
                       image; and exactly the FIX lines the kind calls
                       for.  kmalloc-64 is no debug cache there, so
                       kmalloc_64_redzone must SKIP and print nothing.
  slub-debug-all       slub_debug=FZPU ktest=slab,slab_debug: every cache
                       in debug mode ("N of N caches"), the generic slab
                       suite passing with no report at all, and the
                       kmalloc_64_redzone report from kmalloc-64 itself
                       (a kmalloc(50) written at bytes 52 and 53).
  slub-debug-inject    ktest=slab_debug under fail_page_alloc=/failslab=:
                       no case fails, skips only for an injected failure.
"""
import os
import re

import memmodel as mm
from qemu import ROOT, run_qemu

RISCV = os.path.join(ROOT, "build", "riscv-qemu-virt", "arbor.elf")
X86 = os.path.join(ROOT, "build", "x86_64-qemu-x86_64", "arbor.elf")

HEX = r"0x[0-9a-f]{16}"
KERNEL_VBASE = 0xffffffff80000000   # both arches: callers lie above it
PAGE = 4096

# tests/unit/slab_debug_test.c: SD_SIZE, SD_REQUEST, SD_FP_FLIP, and the
# bytes each case writes, as (first, last) offsets from the object and
# the bytes written there.
SD_SIZE, SD_REQUEST, SD_FP_FLIP = 64, 50, 0x40000
RED_ACTIVE, POISON_FREE = 0xcc, 0x6b

KMALLOC_FAULT = (SD_REQUEST + 2, SD_REQUEST + 3, 0x41, 0x42, RED_ACTIVE)
CASES = {
    # case: cache, kind, fault (first, last, byte, last byte, expected),
    # the FIX lines ({obj}, {from}, {to} filled in), free track printed
    "right_redzone": ("debug-right", "Right Redzone overwritten",
                      (SD_SIZE, SD_SIZE + 2, 0x41, 0x43, RED_ACTIVE),
                      ["Restoring Right Redzone {from}-{to}=0xcc", "Object at {obj} not freed"],
                      False),
    "left_redzone": ("debug-left", "Left Redzone overwritten", (-3, -3, 0x41, 0x41, RED_ACTIVE),
                     ["Restoring Left Redzone {from}-{to}=0xcc", "Object at {obj} not freed"],
                     False),
    "kmalloc_redzone": ("debug-kmalloc", "kmalloc Redzone overwritten", KMALLOC_FAULT,
                        ["Restoring kmalloc Redzone {from}-{to}=0xcc", "Object at {obj} not freed"],
                        False),
    # A kmalloc-64 object may have been freed before: a free track or not.
    "kmalloc_64_redzone": ("kmalloc-64", "kmalloc Redzone overwritten", KMALLOC_FAULT,
                           ["Restoring kmalloc Redzone {from}-{to}=0xcc",
                            "Object at {obj} not freed"], None),
    "use_after_free": ("debug-uaf", "Poison overwritten", (8, 8, 0x41, 0x41, POISON_FREE),
                       ["Restoring Poison {from}-{to}=0x6b",
                        "Object {obj} quarantined: it is never handed out again"], True),
    "double_free": ("debug-df", "Object already free", None, ["Object at {obj} not freed"], True),
    "freepointer_corrupt": ("debug-fp", "Freepointer corrupt", None,
                            ["Isolate corrupted freechain"], True),
    "free_not_object_start": ("debug-ptr", "Invalid object pointer", None,
                              ["Object at {ptr} not freed"], False),
}
PTR_DELTA = 8   # free_not_object_start frees object + 8


def p(addr):
    """An address as the kernel's %p prints it."""
    return "0x%016x" % addr


def case_segments(lines, suite):
    """{case: (result line, [lines printed while it ran])} of @suite."""
    out, seg, inside = {}, [], False
    for l in lines:
        if l == "    # Subtest: %s" % suite:
            inside, seg = True, []
            continue
        if not inside:
            continue
        m = re.match(r"^    (ok|not ok) \d+ (\S+)(.*)$", l)
        if m:
            out[m.group(2)] = (l, seg)
            seg = []
        elif l.startswith("# %s:" % suite):
            break
        else:
            seg.append(l)
    return out


def hexdump(seg):
    """Address -> byte from the report's Redzone/Object/Padding dumps."""
    mem = {}
    for l in seg:
        m = re.match(r"^(Redzone|Object|Padding) +([0-9a-f]{16}): ((?:[0-9a-f]{2} )+)", l)
        if m:
            base = int(m.group(2), 16)
            for i, b in enumerate(m.group(3).split()):
                mem[base + i] = int(b, 16)
    return mem


def one(seg, pattern):
    """The match of the one line matching @pattern, or None."""
    ms = [m for m in (re.match(pattern, l) for l in seg) if m]
    return ms[0] if len(ms) == 1 else None


def check_report(record, n, case, seg):
    """The report @case printed (its lines @seg), field by field."""
    cache, kind, fault, fixes, freed = CASES[case]
    bugs = [i for i, l in enumerate(seg) if l.startswith("BUG ")]
    record(n + "/one-report", len(bugs) == 1, "BUG lines: %s" % [seg[i] for i in bugs])
    if len(bugs) != 1:
        return
    i = bugs[0]
    if case == "free_not_object_start":
        m = re.match(r"^BUG (\S+) \(Not tainted\): Invalid object pointer (%s)$" % HEX, seg[i])
        record(n + "/bug-line", bool(m) and m.group(1) == cache, seg[i])
    else:
        want = "BUG %s (Not tainted): %s" % (cache, kind)
        record(n + "/bug-line", seg[i] == want, "%r, wanted %r" % (seg[i], want))
    record(n + "/banner", i > 0 and seg[i - 1] == "=" * 77 and seg[i + 1:i + 3] == ["-" * 77, ""],
           "around the BUG line: %s" % seg[max(i - 1, 0):i + 3])
    slab = one(seg, r"^Slab (%s) objects=(\d+) used=(\d+) fp=(%s) flags=0x[0-9a-f]+"
                    r"\(slab(\|head)?\|node=\d+\|zone=\d+\)$" % (HEX, HEX))
    record(n + "/slab-line", bool(slab) and int(slab.group(3)) <= int(slab.group(2)),
           "Slab lines: %s" % [l for l in seg if l.startswith("Slab ")])
    fix_lines = [l for l in seg if l.startswith("FIX ")]

    if case == "free_not_object_start":
        ptr = int(m.group(2), 16) if m else 0
        w = one(seg, r"^(%s) @offset=(\d+) is not the start of an object \(objects of (\d+) "
                     r"bytes every (\d+) bytes from offset (\d+)\)$" % HEX)
        ok = bool(w) and int(w.group(1), 16) == ptr and (ptr - int(w.group(2))) % PAGE == 0
        if ok:
            off, size, stride, left = (int(w.group(k)) for k in range(2, 6))
            ok = size == SD_SIZE and stride >= size and (off - left) % stride == PTR_DELTA
        record(n + "/where", ok, "pointer %s; line %s" % (p(ptr), w.group(0) if w else None))
        want = ["FIX %s: %s" % (cache, f.format(ptr=p(ptr))) for f in fixes]
        record(n + "/fix-lines", fix_lines == want, "%s, wanted %s" % (fix_lines, want))
        return

    o = one(seg, r"^Object (%s) @offset=(\d+) fp=(%s)$" % (HEX, HEX))
    obj = int(o.group(1), 16) if o else 0
    base = obj - int(o.group(2)) if o else 1
    record(n + "/object-line", bool(o) and base % PAGE == 0 and int(o.group(2)) < PAGE << 3,
           "Object lines: %s" % [l for l in seg if l.startswith("Object ")])
    if case == "freepointer_corrupt":
        record(n + "/corrupt-fp", bool(o) and int(o.group(3), 16) == SD_FP_FLIP,
               "fp printed %s, wanted the flipped bit %s" % (o.group(3) if o else None,
                                                            p(SD_FP_FLIP)))
    tracks = [re.match(r"^INFO: (Allocated|Freed) in (%s) age=\d+ cpu=\d+ pid=0$" % HEX, l)
              for l in seg if l.startswith("INFO: ")]
    names = [t.group(1) for t in tracks if t]
    want = [["Allocated", "Freed"]] if freed else [["Allocated"]]
    if freed is None:
        want = [["Allocated"], ["Allocated", "Freed"]]
    record(n + "/tracks", len(tracks) == len(names) and names in want and
           all(int(t.group(2), 16) >= KERNEL_VBASE for t in tracks),
           "INFO lines: %s" % [l for l in seg if l.startswith("INFO: ")])
    subst = {"obj": p(obj)}
    if fault:
        first, last, byte, last_byte, expected = fault
        f = one(seg, r"^(%s)-(%s) @offset=(\d+)\. First byte 0x([0-9a-f]+) instead of "
                     r"0x([0-9a-f]+)$" % (HEX, HEX))
        ok = bool(f) and bool(o) and (
            int(f.group(1), 16) == obj + first and int(f.group(2), 16) == obj + last and
            int(f.group(3)) == obj + first - base and int(f.group(4), 16) == byte and
            int(f.group(5), 16) == expected)
        record(n + "/fault-line", ok, "%s; object %s in slab %s, wanted bytes %+d..%+d = 0x%x "
               "instead of 0x%x" % (f.group(0) if f else "no fault line", p(obj), p(base),
                                    first, last, byte, expected))
        mem = hexdump(seg)
        record(n + "/hexdump", mem.get(obj + first) == byte and mem.get(obj + last) == last_byte
               and all(obj + k in mem for k in range(SD_SIZE)),
               "dumped %s at %+d, %s at %+d" % (mem.get(obj + first), first,
                                                mem.get(obj + last), last))
        subst.update({"from": p(obj + first), "to": p(obj + last)})
    want = ["FIX %s: %s" % (cache, fx.format(**subst)) for fx in fixes]
    record(n + "/fix-lines", fix_lines == want, "%s, wanted %s" % (fix_lines, want))
    if case == "use_after_free":
        w = "kmem_cache_destroy %s: 1 objects quarantined by slub_debug keep 1 slabs; " \
            "they are leaked" % cache
        record(n + "/leak-warning", w in seg, "no %r" % w)


def reports(record, n, log, kmalloc64):
    """Every slab_debug case of @log: passed, and its report as above."""
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    segs = case_segments(lines, "slab_debug")
    record(n + "/every-case-ran", set(segs) == set(CASES) | {"caches_follow_slub_debug"},
           "cases seen: %s" % sorted(segs))
    for case in CASES:
        if case not in segs:
            continue
        result, seg = segs[case]
        if case == "kmalloc_64_redzone" and not kmalloc64:
            record("%s/%s/skipped" % (n, case),
                   result.endswith("# SKIP kmalloc-64 has no red zone past the request "
                                   "(boot with slub_debug=Z or FZPU)") and
                   not any(l.startswith(("BUG ", "FIX ")) for l in seg),
                   "%s; %d lines printed" % (result, len(seg)))
            continue
        record("%s/%s/passed" % (n, case), re.match(r"^    ok \d+ \S+$", result) is not None,
               "%s; %s" % (result, " | ".join(l for l in seg if l.startswith("    #"))[:300]))
        check_report(record, "%s/%s" % (n, case), case, seg)
    return lines, segs


def boot(arch, bootargs, mem="256M"):
    if arch == "riscv":
        return run_qemu(RISCV, mem=mem, smp=2, bootargs=bootargs, timeout=120)
    return run_qemu(X86, mem=mem, smp=1, qemu="qemu-system-x86_64", machine="q35",
                    bootargs=bootargs, timeout=120)


def arches():
    return ["riscv"] + (["x86_64"] if os.path.exists(X86) else [])


def caches_line(lines):
    m = one(lines, r"^    # caches_follow_slub_debug: (\d+) of (\d+) caches in debug mode$")
    return (int(m.group(1)), int(m.group(2))) if m else None


def sc_slub_debug_reports(record, parse_ktap):
    for arch in arches():
        n = "slub-debug/%s-reports" % arch
        rc, log = boot(arch, "ktest=slab_debug")
        seen = parse_ktap(log, "%s-slub-debug" % arch)
        record(n + "/completed", rc == 0 and seen == len(CASES) + 1 and "# Totals:" in log,
               "exit %s, %d cases; tail: %s" % (rc, seen, log[-600:]))
        lines, _ = reports(record, n, log, kmalloc64=False)
        c = caches_line(lines)
        record(n + "/no-debug-cache-at-boot", bool(c) and c[0] == 0 and c[1] >= 14,
               "caches line: %s" % (c,))


def sc_slub_debug_all(record, parse_ktap):
    for arch in arches():
        n = "slub-debug/%s-all-FZPU" % arch
        rc, log = boot(arch, "slub_debug=FZPU ktest=slab,slab_debug", mem="512M")
        seen = parse_ktap(log, "%s-slub-debug-FZPU" % arch)
        totals = re.search(r"# Totals: pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)", log)
        record(n + "/completed", rc == 0 and bool(totals) and totals.group(2) == "0" and
               totals.group(3) == "0" and int(totals.group(4)) == seen > len(CASES),
               "exit %s, totals %s, %d cases; tail: %s" %
               (rc, totals.group(0) if totals else None, seen, log[-600:]))
        lines, _ = reports(record, n, log, kmalloc64=True)
        c = caches_line(lines)
        record(n + "/every-cache-in-debug-mode", bool(c) and c[0] == c[1] >= 14,
               "caches line: %s" % (c,))
        # The generic suite, every cache checked on each operation: not
        # one report (its objects are all used within bounds).
        slab = case_segments(lines, "slab")
        noisy = [l for _, seg in slab.values() for l in seg if l.startswith(("BUG ", "FIX "))]
        record(n + "/slab-suite-quiet", len(slab) > 0 and not noisy,
               "%d slab cases; reports: %s" % (len(slab), noisy[:3]))


INJECT_RUNS = [("riscv", "20,11", "20,12"), ("riscv", "35,13", "10,14")]


def sc_slub_debug_inject(record, parse_ktap):
    for arch, pages, slabs in INJECT_RUNS:
        n = "slub-debug/%s-inject-%s-%s" % (arch, pages.replace(",", "-"), slabs.replace(",", "-"))
        rc, log = boot(arch, "ktest=slab_debug fail_page_alloc=%s failslab=%s" % (pages, slabs))
        parse_ktap(log, "%s-slub-debug-inject-%s-%s" % (arch, pages, slabs))
        lines = [mm.strip_ts(l) for l in log.splitlines()]
        results = [r for r, _ in case_segments(lines, "slab_debug").values()]
        skips = [r for r in results if "# SKIP" in r]
        odd = [r for r in skips if not re.search(r"# SKIP (injected allocation failure \(\d+\)|"
                                                 r"kmalloc-64 has no red zone)", r)]
        record(n + "/completed", rc == 0 and len(results) == len(CASES) + 1 and not odd and
               not any(r.startswith("    not ok") for r in results),
               "exit %s, results %s" % (rc, results))


ALL = [sc_slub_debug_reports, sc_slub_debug_all, sc_slub_debug_inject]
for _f in ALL:
    _f.name = _f.__name__[3:]
