# SPDX-License-Identifier: GPL-2.0-or-later
"""Hardening scenarios: protections that must fault, failures injected,
memory run out.

  crash-*       crash=text|rodata|null|stack|guard (src/crash.c) on RISC-V
                virt (2 harts) and on x86-64: each must print its report
                line, then panic, and QEMU must exit non-zero.  `stack`
                runs under fw_jump, where the boot hart is rarely 0, and
                the report must name CPU 0 with the boot hart (RISC-V:
                the "Boot hart N" line) or APIC id (x86-64: the "CPU:
                ... APIC id N" line) the log printed.  `guard` must
                name the address past the area, the area (range, size,
                caller) and one faulting pc everywhere it is printed,
                inside crash_trigger() by the ELF's symbols
  crash-stack-cpuN
                crash=stack,N on RISC-V with -smp 4 (fw_jump), for every
                secondary CPU N: the overflow runs on CPU N's own vmalloc'ed
                stack (a cross-CPU call), and the report must name CPU N
                and the hart the boot log says CPU N is ("smp: CPUN:
                Booted secondary processor 0x<hart>"), then panic
  fail-inject   the `fail_inject` self-tests with several seeds; the first
                run is the whole self-test set with the boot parameters
                of the issue (ktest=all fail_page_alloc=10,1 failslab=10,2),
                every case under injection (tests/unit/fail_inject_guard.c):
                no case may fail, and cases may only skip for an injected
                failure
  fail-inject-boot  fail_inject.boot on RISC-V (4 harts: the secondary
                stacks) and x86-64: boot's own allocations may fail, and
                each run must either reach the self-tests and pass them,
                or panic naming the step that could not allocate and the
                remedy; never a trap report, a hang or a silent exit
  oom           `ktest=oom` with -m 64M: every allocator runs dry, the
                kernel stays responsive, every count comes back
"""
import os
import re

import ksyms
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
               r" in the guard page below " + HEX + "$")],  # and stack_report() below
    "guard": [("report", r"^Unable to handle kernel paging request at virtual address " + HEX + "$"),
              ("vmalloc", r"is in the guard page of " + HEX + "-" + HEX)],
}


def cpu_hw_ids(lines):
    """Logical CPU -> hart id (RISC-V) or APIC id (x86-64), as the boot
    log says: CPU 0 is the boot hart ("Boot hart N") or the boot CPU
    ("CPU: ... APIC id N"); each secondary says "smp: CPUn: Booted
    secondary processor 0x<hart>"."""
    ids = {}
    for l in lines:
        m = (re.match(r"^Boot hart (\d+), device tree", l) or
             re.match(r"^CPU: .*, APIC id (\d+)$", l))
        if m:
            ids[0] = int(m.group(1))
        m = re.match(r"^smp: CPU(\d+): Booted secondary processor 0x([0-9a-f]+)$", l)
        if m:
            ids[int(m.group(1))] = int(m.group(2), 16)
    return ids


def stack_report(record, name, lines, log, cpu):
    """The overflow report names @cpu and the id the boot log gave it."""
    ids = cpu_hw_ids(lines)
    hw = "hart" if any(l.startswith("Boot hart ") for l in lines) else "APIC"
    want = r"^Kernel stack overflow on CPU %d \(%s %s\): sp " % (
        cpu, hw, ids.get(cpu, "unknown")) + HEX + r" in the guard page below " + HEX + "$"
    reports = [l for l in lines if l.startswith("Kernel stack overflow")]
    record(name + "/names-cpu-and-%s" % hw, cpu in ids and any(re.match(want, l) for l in reports),
           "reports %s; the boot log gives CPU -> %s %s" % (reports, hw, ids))


def guard_report(record, name, arch, lines):
    """crash=guard: the report names the address one byte past the area
    the trigger announced, that area (range, size, type, and a caller in
    crash_trigger()), and the faulting pc, the same in every line that
    gives it; the pc lies in the kernel's text and in crash_trigger(),
    the function of src/crash.c that made the access (both from the
    ELF's symbols, not from the kernel's words)."""
    syms = ksyms.load(RISCV if arch == "riscv" else X86, arch)
    text = "\n".join(lines)
    trig = re.search(r"^crash: writing one byte past the vmalloc area 0x([0-9a-f]{16})-0x([0-9a-f]{16}), "
                     r"into its guard page$", text, re.M)
    if not trig:
        record(name + "/trigger-names-area", False, "no 'crash: writing one byte past' line")
        return
    start, last = int(trig.group(1), 16), int(trig.group(2), 16)
    addr = last + 1
    fault = re.search(r"^Unable to handle kernel paging request at virtual address 0x([0-9a-f]{16})$",
                      text, re.M)
    record(name + "/address-past-the-area", bool(fault) and int(fault.group(1), 16) == addr,
           "the area ends at 0x%x; report %s" % (last, fault.group(0) if fault else None))
    # The faulting pc, wherever it is printed: the generic report, the
    # vmalloc report, the register dump (epc / RIP) and the panic line.
    pcs = {"pc line": r"^  pc 0x([0-9a-f]{16}) in \.text$",
           "vmalloc report": r"^vmalloc: BUG: unable to handle kernel access to vmalloc address "
                             r"0x%016x at pc 0x([0-9a-f]+)$" % addr,
           "registers": r"^epc : 0x([0-9a-f]{16}) " if arch == "riscv" else r"^RIP: 0x([0-9a-f]{16}) ",
           "panic": r"^Kernel panic - not syncing: Oops: .* \(pc 0x([0-9a-f]{16})[,)]"}
    found = {w: re.search(p, text, re.M) for w, p in pcs.items()}
    found = {w: int(m.group(1), 16) for w, m in found.items() if m}
    pc = found.get("pc line")
    record(name + "/pc-named", len(found) == len(pcs) and len(set(found.values())) == 1,
           "pc as printed: %s; wanted in each of %s" %
           ({w: hex(v) for w, v in found.items()}, list(pcs)))
    lo, hi = syms[".text"]
    record(name + "/pc-in-kernel-text", pc is not None and lo <= pc < hi,
           "pc %s, text 0x%x-0x%x" % (hex(pc) if pc else None, lo, hi))
    fn = syms.get("crash_trigger")
    record(name + "/pc-in-crash_trigger", pc is not None and fn and fn[0] <= pc < fn[1],
           "pc %s is in %s; crash_trigger() is %s" %
           (hex(pc) if pc else None, ksyms.function_at(syms, pc or 0) or "no function",
            [hex(x) for x in fn or ()]))
    area = re.search(r"^vmalloc:   0x%016x is in the guard page of 0x%016x-0x%016x \(%d bytes vmalloc, "
                     r"caller 0x([0-9a-f]+)\): access beyond its end, at offset 0x%x of %d usable bytes$" %
                     (addr, start, last + 1 + mm.PAGE, last + 1 + mm.PAGE - start, addr - start,
                      last + 1 - start), text, re.M)
    record(name + "/area-named", bool(area) and
           ksyms.returns_into(syms, "crash_trigger", int(area.group(1), 16)),
           "no guard-page line naming 0x%x-0x%x with its size, a caller in crash_trigger() "
           "and the offset; vmalloc lines: %s" %
           (start, last + 1 + mm.PAGE, [l for l in lines if l.startswith("vmalloc:")]))


def crash(record, arch, kind, cpu=None):
    arg = kind if cpu is None else "%s,%d" % (kind, cpu)
    name = "hardening/%s/crash-%s" % (arch, kind if cpu is None else "%s-cpu%d" % (kind, cpu))
    if arch == "riscv":
        # Under fw_jump the boot hart is rarely hart 0, so CPU numbers
        # and hart ids differ: a report naming the wrong one shows.
        rc, log = run_qemu(RISCV, mem="256M", smp=2 if cpu is None else 4,
                           fw="fw_jump" if kind == "stack" else "fw_dynamic",
                           bootargs="crash=%s monitor.script=poweroff" % arg, timeout=60)
    else:
        rc, log = run_qemu(X86, mem="256M", smp=1, qemu="qemu-system-x86_64",
                           machine="q35", bootargs="crash=%s monitor.script=poweroff" % arg,
                           timeout=60)
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    record(name + "/exit-nonzero", rc not in (0, None), "QEMU exited %s" % rc)
    for what, pattern in CRASH_REPORTS[kind] if cpu is None else ():
        record("%s/%s" % (name, what), any(re.search(pattern, l) for l in lines),
               "no line matching %r; tail: %s" % (pattern, log[-700:]))
    if kind == "stack":
        stack_report(record, name, lines, log, cpu or 0)
    if kind == "guard":
        guard_report(record, name, arch, lines)
    if cpu is not None:
        record(name + "/ran-there", "crash: on CPU %d" % cpu in lines,
               "no 'crash: on CPU %d': the call did not run there; tail: %s" % (cpu, log[-700:]))
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
    # Each secondary hart's vmalloc'ed stack and its guard page.  x86-64
    # starts no application processors (arch/x86_64/kernel/smp.c), so
    # there only CPU 0's stack is tried.
    for cpu in (1, 2, 3):
        crash(record, "riscv", "stack", cpu=cpu)
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
        if args.startswith("ktest=all"):
            # Every case ran under injection; some met a failure.
            g = re.search(r"^# fail_inject: (\d+) cases under injection, (\d+) met an injected failure, "
                          r"(\d+) skipped for it$", "\n".join(mm.strip_ts(l) for l in log.splitlines()), re.M)
            record(n + "/every-case-under-injection", bool(g) and int(g.group(1)) == seen and
                   int(g.group(2)) > 0, "guard line %r, %d cases" % (g.group(0) if g else None, seen))


FAIL_INJECT_BOOT_RUNS = [
    # (name, arch, bootargs); the outcome (boot or panic) is whatever the
    # seed makes of boot's allocations: either is right, nothing else is.
    ("riscv-10-1", "riscv", "ktest=lib fail_page_alloc=10,1 failslab=10,2"),
    ("riscv-20-3", "riscv", "ktest=lib fail_page_alloc=20,3 failslab=20,103"),
    ("riscv-15-2", "riscv", "ktest=lib,vmalloc,smp_stress smp_stress.ops=2000 "
     "fail_page_alloc=15,2 failslab=15,102"),
    ("riscv-3-5", "riscv", "ktest=fail_inject,slab,vmalloc,smp_stress smp_stress.ops=2000 "
     "fail_page_alloc=3,5 failslab=3,6"),
    ("x86_64-10-9", "x86_64", "ktest=lib fail_page_alloc=10,9 failslab=10,109"),
    ("x86_64-3-5", "x86_64", "ktest=fail_inject,slab,vmalloc fail_page_alloc=3,5 failslab=3,6"),
]

# What a boot step that could not allocate must say (src/main.c).
BOOT_PANIC = (r"^Kernel panic - not syncing: (kmem_cache_init|vmalloc_init) failed \(-12\): "
              r".+; the failure was injected \(fail_page_alloc=/failslab= with fail_inject\.boot\); "
              r"boot without fail_inject\.boot, or with other seeds$")
# Any of these is a fault, not an allocation failure handled.
TRAP_REPORTS = (r"Unable to handle kernel|^Oops|Kernel stack overflow|general protection|"
                r"Bad page state|BUG:|unhandled (trap|exception)|QEMU timed out")


def fail_inject_boot(record, parse_ktap, name, arch, args):
    """One fail_inject.boot run; returns ("boot" or "panic" or None, log)."""
    n = "hardening/fail-inject-boot-" + name
    args = "fail_inject.boot " + args
    if arch == "riscv":
        rc, log = run_qemu(RISCV, mem="256M", smp=4, bootargs=args, timeout=120)
    else:
        rc, log = run_qemu(X86, mem="256M", smp=1, qemu="qemu-system-x86_64",
                           machine="q35", bootargs=args, timeout=120)
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    trap = [l for l in lines if re.search(TRAP_REPORTS, l)]
    record(n + "/no-trap-report", not trap, "%s; tail: %s" % (trap[:2], log[-500:]))
    panic = [l for l in lines if l.startswith("Kernel panic - not syncing:")]
    totals = re.search(r"^# Totals: pass:\d+ fail:(\d+) skip:\d+ total:(\d+)$", "\n".join(lines), re.M)
    if panic:
        record(n + "/panic-names-step-and-remedy", re.search(BOOT_PANIC, panic[0]) is not None,
               "panic line %r" % panic[0])
        record(n + "/panic-exit-nonzero", rc not in (0, None), "QEMU exited %s" % rc)
        record(n + "/panic-before-ktest", not totals, "a panic after the self-tests")
        return "panic", log
    seen = parse_ktap(log, "%s-fib-%s" % (arch, name))
    m = re.search(r"^fail_inject: fail_page_alloc=.* \(from boot\)$", "\n".join(lines), re.M)
    record(n + "/boot-report", m is not None, "no 'fail_inject: ... (from boot)' line")
    record(n + "/completed", rc == 0 and totals is not None and totals.group(1) == "0" and
           int(totals.group(2)) == seen > 0,
           "exit %s, totals %s, %d cases; tail: %s" %
           (rc, totals.group(0) if totals else None, seen, log[-600:]))
    return ("boot" if totals else None), log


def sc_fail_inject_boot(record, parse_ktap):
    outcomes, stacks = [], False
    for name, arch, args in FAIL_INJECT_BOOT_RUNS:
        if arch == "x86_64" and not os.path.exists(X86):
            continue
        outcome, log = fail_inject_boot(record, parse_ktap, name, arch, args)
        outcomes.append(outcome)
        stacks |= outcome == "boot" and re.search(
            r"smp: CPU\d+ \(hart \d+\): no memory for its \d+ KiB stack; skipped", log) is not None
    # Together the seeds reach both outcomes (a boot step refused, and a
    # boot that got past refusals to the self-tests), and a secondary
    # hart's stack refused, with the boot going on without that hart.
    record("hardening/fail-inject-boot/both-outcomes",
           "panic" in outcomes and "boot" in outcomes, "outcomes %s" % outcomes)
    record("hardening/fail-inject-boot/secondary-stack-refused", stacks,
           "no run refused a secondary CPU's stack and booted")


def sc_oom(record, parse_ktap):
    rc, log = run_qemu(RISCV, mem="64M", smp=2, bootargs="ktest=oom", timeout=240)
    seen = parse_ktap(log, "riscv-oom-64M")
    record("hardening/oom-64M/completed", rc == 0 and seen > 0 and "# Totals:" in log,
           "exit %s, %d cases; tail: %s" % (rc, seen, log[-600:]))
    m = re.search(r"printed (\d+) failure reports", log)
    record("hardening/oom-64M/rate-limited", bool(m) and int(m.group(1)) <= 100,
           "report count line: %s" % (m.group(0) if m else None))


ALL = [sc_crash, sc_fail_inject, sc_fail_inject_boot, sc_oom]
for _f in ALL:
    _f.name = _f.__name__[3:]
