# SPDX-License-Identifier: GPL-2.0-or-later
"""Malformed device trees (tools/gen-bad-dtbs): every one through
tools/fdtmem, the qemu-* ones through a RISC-V boot with -dtb, and every
one through an x86-64 boot as the kernel's first module (-initrd).

Each run generates its own set (in a temporary directory under build/;
`tools/gen-bad-dtbs` alone writes build/bad-dtbs/), and expect.json says
for each blob what must happen:
  fdtmem   exit 1 with the reason on stderr (the scan refused it), or
           exit 0 with exactly the expected memblock lists and messages;
           exit 2 only for a file that is no DTB at all (empty); never a
           hang (each run has a time limit) or a sanitizer report
  QEMU     a panic naming the problem and a non-zero exit, or a boot that
           prints exactly the expected memblock.memory list
  x86-64   QEMU hands the file to the kernel untouched, so the kernel's
           early_init_dt_verify() and scan meet every malformation: a
           panic (QEMU exits 3) whose line holds fdtmem's reason; for a
           tree the scan accepts, exactly the expected banks from the
           scan's "OF: fdt:" lines, then the panic for a tree without RAM
           at the image's load address; for a module that is no DTB at
           all (empty, 4 bytes, bad magic), the E820 boot checked as
           scenarios_x86 checks one, and no device-tree line
The boots pass monitor.script=poweroff so the kernel powers off at the
end instead of waiting at the mm> prompt.  An x86-64 boot takes about half
a second, so all of them run, one after another.
"""
import json
import os
import re
import subprocess
import tempfile
import time

import memmodel as mm
import scenarios_x86 as x86
from qemu import ROOT, run_qemu

# The program tools/fdtmem runs after making sure it is built (the wrapper's
# `make` costs half a second a call; run_all builds it once).
FDTMEM = os.path.join(ROOT, "build", "host", "fdtmem")
KERNEL = os.path.join(ROOT, "build", "riscv-qemu-virt", "arbor.elf")


def lines(regions):
    return mm.debugfs_lines([tuple(r) for r in regions])


def check_fdtmem(record, case, out_dir):
    name = "bad-dtbs/fdtmem/%s" % case["name"]
    want = case["fdtmem"]
    try:
        p = subprocess.run([FDTMEM, os.path.join(out_dir, case["file"])], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=20)
    except subprocess.TimeoutExpired:
        record(name, False, "fdtmem did not finish in 20 s (%s)" % case["why"])
        return
    out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    problems = []
    if p.returncode != want["exit"]:
        problems.append("exit %d, wanted %d" % (p.returncode, want["exit"]))
    if "Sanitizer" in err or "runtime error" in err:
        problems.append("sanitizer report")
    if want["exit"]:
        if want["stderr"] not in err:
            problems.append("stderr %r lacks %r" % (err.strip()[-300:], want["stderr"]))
        if "memblock/memory:" in out:
            problems.append("printed lists although it failed")
    else:
        for kind in ("memory", "reserved"):
            got = mm.printed_list(out, kind)
            if got != lines(want[kind]):
                problems.append("%s list %s, wanted %s" % (kind, got, lines(want[kind])))
        for text in want.get("log", []):
            if text not in out:
                problems.append("no %r in the output" % text)
    record(name, not problems, "%s: %s" % (case["why"], "; ".join(problems)))


def check_qemu(record, case, out_dir):
    name = "bad-dtbs/qemu/%s" % case["name"]
    want = case["qemu"]
    rc, log = run_qemu(KERNEL, mem="256M", smp=1, dtb=os.path.join(out_dir, case["file"]),
                       bootargs="monitor.script=poweroff", timeout=60)
    plain = [mm.strip_ts(l) for l in log.splitlines()]
    if "panic" in want:
        panics = [l for l in plain if l.startswith("Kernel panic - not syncing:")]
        record(name + "/exit-nonzero", rc not in (0, None), "QEMU exited %s (%s)" % (rc, case["why"]))
        record(name + "/panic-message", any(want["panic"] in l for l in panics),
               "panic lines %s lack %r; tail: %s" % (panics, want["panic"], log[-400:]))
        return
    record(name + "/exit-0", rc == 0, "QEMU exited %s; tail: %s" % (rc, log[-600:]))
    got = mm.printed_list(log, "memory")
    record(name + "/memblock-memory", got == lines(want["memory"]),
           "printed %s, wanted %s" % (got, lines(want["memory"])))
    missing = [t for t in want.get("log", []) if not any(t in l for l in plain)]
    record(name + "/messages", not missing, "missing %s" % missing)


def scanned_banks(lines):
    """The banks the DT scan added, from its "OF: fdt: NODE: [mem A-B]
    node N" lines, whole pages, merged as memblock merges them."""
    out = []
    for l in lines:
        m = re.match(r"^OF: fdt: \S+: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] node (\d+)$", l)
        if m:
            base, last = int(m.group(1), 16), int(m.group(2), 16)
            t = mm.trim_pages(base, last - base + 1)
            if t:
                out.append(t + (int(m.group(3)), 0))
    return mm.merge(out)


def check_x86(record, case, out_dir):
    want = case["x86"]
    b = x86.Boot(case["name"], machine="pc", mem="512M", bootargs="monitor.script=poweroff",
                 dtb_path=os.path.join(out_dir, case["file"]), timeout=60,
                 prefix="bad-dtbs/x86")
    took_dt = [l for l in b.lines if re.match(r"^x86: device tree at 0x[0-9a-f]+ \(\d+ bytes\) "
                                              r"from module 0 describes RAM$", l)]
    if want.get("e820"):
        record(b.n("not-a-dtb"), not took_dt, "the kernel took it as a DTB: %s" % took_dt)
        x86.check_common(record, b)
        x86.check_lists(record, b)
        return
    panics = [l for l in b.lines if l.startswith("Kernel panic - not syncing:")]
    record(b.n("exit-panic"), b.rc == x86.EXIT_PANIC,
           "QEMU exited %s, wanted %d (%s); tail: %s" % (b.rc, x86.EXIT_PANIC, case["why"],
                                                        b.log[-400:]))
    record(b.n("panic-message"), any(want["panic"] in l for l in panics),
           "panic lines %s lack %r; tail: %s" % (panics, want["panic"], b.log[-400:]))
    if "memory" not in want:
        return
    record(b.n("took-dt"), len(took_dt) == 1, "no 'x86: device tree at' line")
    got = mm.debugfs_lines(scanned_banks(b.lines))
    record(b.n("scanned-banks"), got == lines(want["memory"]),
           "scanned %s, wanted %s" % (got, lines(want["memory"])))
    missing = [t for t in want["log"] if not any(t in l for l in b.lines)]
    record(b.n("messages"), not missing, "missing %s" % missing)


def sc_bad_dtbs(record, parse_ktap=None):
    subprocess.run(["make", "-s", "fdtmem"], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    # A directory of this run's own: a test run elsewhere in the same tree
    # may be regenerating build/bad-dtbs/ at the same time.
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bad-dtbs-", dir=os.path.join(ROOT, "build")) as out_dir:
        p = subprocess.run([os.path.join(ROOT, "tools", "gen-bad-dtbs"), out_dir], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        out = p.stdout.decode(errors="replace")
        try:
            with open(os.path.join(out_dir, "expect.json")) as f:
                cases = json.load(f)["cases"]
        except (OSError, ValueError):
            cases = []
        record("bad-dtbs/generated (%d device trees)" % len(cases),
               p.returncode == 0 and len(cases) >= 60, out[-600:])
        for case in cases:
            check_fdtmem(record, case, out_dir)
        if not os.path.exists(KERNEL):
            record("bad-dtbs/qemu/kernel-built", False, KERNEL + " missing")
            return
        for case in cases:
            if case.get("qemu"):
                check_qemu(record, case, out_dir)
        if not os.path.exists(x86.KERNEL):
            record("bad-dtbs/x86/kernel-built", False, x86.KERNEL + " missing")
            return
        start = time.time()
        for case in cases:
            check_x86(record, case, out_dir)
        print("bad-dtbs: %d x86-64 boots in %.0f s" % (len(cases), time.time() - start),
              flush=True)

ALL = [sc_bad_dtbs]
sc_bad_dtbs.name = "bad_dtbs"
