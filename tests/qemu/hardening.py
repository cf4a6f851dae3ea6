# SPDX-License-Identifier: GPL-2.0-or-later
"""Hardening scenarios: protections that must fault, failures injected,
memory run out.

  crash-*       crash=text|rodata|null|stack|guard (src/crash.c) on RISC-V
                virt (2 harts) and on x86-64: each must print its report
                line, then panic, and QEMU must exit non-zero
  fail-inject   the `fail_inject` self-tests with several seeds; the first
                run is the whole self-test set with the boot parameters
                of the issue (ktest=all fail_page_alloc=10,1 failslab=10,2),
                which must pass unchanged: injection is only ever on inside
                its own suite
  oom           `ktest=oom` with -m 64M: every allocator runs dry, the
                kernel stays responsive, every count comes back
"""
import os
import re

import memmodel as mm
from qemu import ROOT, run_qemu

RISCV = os.path.join(ROOT, "build", "riscv-qemu-virt", "arbor.elf")
X86 = os.path.join(ROOT, "build", "x86_64-qemu-x86_64", "arbor.elf")

HEX = r"0x[0-9a-f]{16}"

# kind -> [(what, regex every line of which must appear)]
CRASH_REPORTS = {
    "text": [("report", r"^Unable to handle kernel write to read-only memory at virtual address " + HEX + "$"),
             ("section", r"^  in the kernel image's \.text section \[" + HEX + "-" + HEX + r"\], mapped r-x$"),
             ("pc", r"^  pc " + HEX + r" in \.text$")],
    "rodata": [("report", r"^Unable to handle kernel write to read-only memory at virtual address " + HEX + "$"),
               ("section", r"^  in the kernel image's \.rodata section \[" + HEX + "-" + HEX + r"\], mapped r--$"),
               ("pc", r"^  pc " + HEX + r" in \.text$")],
    "null": [("report", r"^Unable to handle kernel NULL pointer dereference at virtual address 0x0000000000000000$")],
    "stack": [("report", r"^Kernel stack overflow on CPU 0 \((hart|APIC) \d+\): sp " + HEX +
               r" in the guard page below " + HEX + "$")],
    "guard": [("report", r"^Unable to handle kernel paging request at virtual address " + HEX + "$"),
              ("vmalloc", r"is in the guard page of " + HEX + "-" + HEX)],
}


def crash(record, arch, kind):
    name = "hardening/%s/crash-%s" % (arch, kind)
    if arch == "riscv":
        rc, log = run_qemu(RISCV, mem="256M", smp=2,
                           bootargs="crash=%s monitor.script=poweroff" % kind, timeout=60)
    else:
        rc, log = run_qemu(X86, mem="256M", smp=1, qemu="qemu-system-x86_64",
                           machine="q35", bootargs="crash=%s monitor.script=poweroff" % kind,
                           timeout=60)
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    record(name + "/exit-nonzero", rc not in (0, None), "QEMU exited %s" % rc)
    for what, pattern in CRASH_REPORTS[kind]:
        record("%s/%s" % (name, what), any(re.search(pattern, l) for l in lines),
               "no line matching %r; tail: %s" % (pattern, log[-700:]))
    record(name + "/panic", any(l.startswith("Kernel panic - not syncing:") for l in lines),
           "no panic; tail: " + log[-400:])
    if kind in ("text", "rodata"):
        # The address reported is the one the trigger named.
        m = re.search(r"crash: writing to the kernel's %s at (%s)" % (kind, HEX), log)
        record(name + "/address", bool(m) and
               ("read-only memory at virtual address " + m.group(1)) in log,
               "the report does not name the address written")


def sc_crash(record, parse_ktap):
    for kind in CRASH_REPORTS:
        crash(record, "riscv", kind)
    if os.path.exists(X86):
        for kind in CRASH_REPORTS:
            crash(record, "x86_64", kind)


FAIL_INJECT_RUNS = [
    # (name, mem, bootargs)
    ("all-seeds-1-2", "512M", "ktest=all fail_page_alloc=10,1 failslab=10,2"),
    ("seeds-3-4", "256M", "ktest=fail_inject fail_page_alloc=10,3 failslab=10,4"),
    ("seeds-5-6-heavy", "256M", "ktest=fail_inject fail_page_alloc=30,5 failslab=30,6"),
    ("seeds-7-8-pages-only", "256M", "ktest=fail_inject fail_page_alloc=20,7 failslab=0,8"),
]


def sc_fail_inject(record, parse_ktap):
    for name, mem, args in FAIL_INJECT_RUNS:
        n = "hardening/fail-inject-%s" % name
        rc, log = run_qemu(RISCV, mem=mem, smp=2, bootargs=args, timeout=240)
        seen = parse_ktap(log, "riscv-fi-" + name)
        record(n + "/completed", rc == 0 and seen > 0 and "# Totals:" in log,
               "exit %s, %d cases; tail: %s" % (rc, seen, log[-600:]))
        m = re.search(r"# random_workload: .*fail_page_alloc=(\d+),(\d+) injected (\d+) of (\d+), "
                      r"failslab=(\d+),(\d+) injected (\d+) of (\d+)", log)
        want = re.search(r"fail_page_alloc=(\d+),(\d+) failslab=(\d+),(\d+)", args).groups()
        ok = bool(m) and m.group(1, 2, 5, 6) == want and \
            (int(m.group(3)) > 0) == (want[0] != "0") and (int(m.group(7)) > 0) == (want[2] != "0")
        record(n + "/injected-as-asked", ok,
               "workload line %r for %s" % (m.group(0) if m else None, args))


def sc_oom(record, parse_ktap):
    rc, log = run_qemu(RISCV, mem="64M", smp=2, bootargs="ktest=oom", timeout=240)
    seen = parse_ktap(log, "riscv-oom-64M")
    record("hardening/oom-64M/completed", rc == 0 and seen > 0 and "# Totals:" in log,
           "exit %s, %d cases; tail: %s" % (rc, seen, log[-600:]))
    m = re.search(r"printed (\d+) failure reports", log)
    record("hardening/oom-64M/rate-limited", bool(m) and int(m.group(1)) <= 100,
           "report count line: %s" % (m.group(0) if m else None))


ALL = [sc_crash, sc_fail_inject, sc_oom]
for _f in ALL:
    _f.name = _f.__name__[3:]
