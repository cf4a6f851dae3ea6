# SPDX-License-Identifier: GPL-2.0-or-later
"""SMP boots on QEMU virt: every hart the device tree offers comes up.

The expected CPU count is computed here from the device tree QEMU generated
(or the one the test wrote): harts under /cpus that are `okay` and have an
`mmu-type` other than "riscv,none", plus the boot hart (which the kernel
always counts; which hart that is comes from the firmware's lottery, read
from the kernel's "Boot hart N" line).  Then the smp_stress ktest suite
runs on -smp 4 and -smp 8, twice each with different seeds.

QEMU runs each hart in its own host thread; on a host with fewer cores
than harts, ticket spinlocks convoy (a waiter whose host thread is not
running holds up everyone queued behind it), so the stress runs use fewer
operations per hart than the kernel's default of 20000
(smp_stress.ops=): the suite is about interleavings, not volume.
"""
import os
import re
import tempfile

import fdt as fdtlib
import memmodel as mm
from qemu import ROOT, run_qemu, dump_dtb, dtb_to_dts, dts_to_dtb

KERNEL = os.path.join(ROOT, "build", "riscv-qemu-virt", "arbor.elf")
POWEROFF = "monitor.script=poweroff"
# smp_stress operations per hart in these boots (see above).
STRESS_OPS = {4: 3000, 8: 1500}
STRESS_SEEDS = (0x5eed0001, 0xc0ffee42)


def usable_harts(fdt):
    """Hart ids of /cpus/cpu@* nodes that are okay and have an MMU."""
    cpus = fdt.find("/cpus")
    out = []
    for n in cpus.children if cpus else []:
        if n.string("device_type") != "cpu":
            continue
        status = n.string("status")
        mmu = n.string("mmu-type")
        if status not in (None, "okay", "ok") or mmu in (None, "riscv,none"):
            continue
        out.append(n.cells("reg")[-1])
    return out


class SmpBoot:
    def __init__(self, name, smp, fw="fw_dynamic", bootargs=POWEROFF, dtb_path="",
                 mem="1G", extra="", timeout=240):
        self.name = "qemu/smp-" + name
        self.rc, self.log = run_qemu(KERNEL, mem=mem, smp=smp, fw=fw,
                                     bootargs=bootargs, dtb=dtb_path, extra=extra,
                                     timeout=timeout)
        self.lines = [mm.strip_ts(l) for l in self.log.splitlines()]
        blob = open(dtb_path, "rb").read() if dtb_path else dump_dtb(mem=mem, smp=smp)
        self.fdt = fdtlib.FDT(blob)
        m = re.search(r"Boot hart (\d+),", self.log)
        self.boot_hart = int(m.group(1)) if m else None

    def expected_cpus(self):
        harts = set(usable_harts(self.fdt))
        if self.boot_hart is not None:
            harts.add(self.boot_hart)
        return len(harts)

    def tail(self, n=600):
        return self.log[-n:]


def brought_up_line(ncpus):
    return "smp: Brought up 1 node, %d CPU%s" % (ncpus, "s" if ncpus > 1 else "")


def check_bringup(record, b):
    want = brought_up_line(b.expected_cpus())
    record(b.name + "/exit-0", b.rc == 0, "QEMU exited %s; tail: %s" % (b.rc, b.tail()))
    record(b.name + "/bringing-up", "smp: Bringing up secondary CPUs ..." in b.lines,
           "no 'smp: Bringing up secondary CPUs ...'")
    got = [l for l in b.lines if l.startswith("smp: Brought up")]
    record(b.name + "/brought-up", got == [want],
           "want %r, got %r (boot hart %s)" % (want, got, b.boot_hart))
    errs = [l for l in b.lines if l.startswith("smp:") and
            ("did not come" in l or "failed" in l)]
    record(b.name + "/no-bringup-errors", not errs, "; ".join(errs))


def sc_smp_counts(record, parse_ktap):
    """-smp 1, 4 and 8 with fw_dynamic: every hart comes up."""
    for n in (1, 4, 8):
        check_bringup(record, SmpBoot("%d" % n, n))


def sc_smp_fw_jump(record, parse_ktap):
    """fw_jump: the boot hart is whichever won OpenSBI's lottery (rarely 0)."""
    b = SmpBoot("fw_jump-4", 4, fw="fw_jump")
    check_bringup(record, b)
    record(b.name + "/boot-hart-known", b.boot_hart is not None, "no 'Boot hart N' line")
    if b.boot_hart not in (None, 0):
        # Logical CPU 0 is the boot hart; hart 0 is just another secondary.
        record(b.name + "/boot-hart-nonzero", True)


def sc_smp_skipped_harts(record, parse_ktap):
    """A DT where harts 0 and 1 have no MMU (like a SiFive monitor core)
    and hart 3 is disabled: each one that is not the boot hart is skipped
    with its log line; the boot hart runs whatever its DT node says."""
    with tempfile.TemporaryDirectory() as d:
        dts = dtb_to_dts(dump_dtb(mem="1G", smp=4))
        for h in (0, 1):
            dts = re.sub(r"(cpu@%d \{.*?)\n\t\t\tmmu-type = \"[^\"]*\";" % h,
                         r"\1", dts, count=1, flags=re.S)
        dts = re.sub(r"(cpu@3 \{.*?status = )\"okay\"", r'\1"disabled"', dts,
                     count=1, flags=re.S)
        path = os.path.join(d, "smp-skip.dtb")
        dts_to_dtb(dts, path)
        b = SmpBoot("skip-nommu-disabled", 4, fw="fw_jump", dtb_path=path)
        check_bringup(record, b)
        for h in (0, 1):
            if b.boot_hart != h:
                want = "smp: hart %d has no MMU (no mmu-type); skipped" % h
                record(b.name + "/hart%d-no-mmu-logged" % h, want in b.lines,
                       "missing %r" % want)
        if b.boot_hart != 3:
            record(b.name + "/hart3-disabled-logged",
                   'smp: hart 3 is not available (status "disabled"); skipped' in b.lines,
                   "no 'smp: hart 3 is not available' line")


def sc_smp_stress(record, parse_ktap):
    """ktest=smp_stress on 4 and 8 harts, two seeds each."""
    for n in (4, 8):
        for k, seed in enumerate(STRESS_SEEDS):
            args = "ktest=smp_stress smp_stress.seed=0x%x smp_stress.ops=%d" % (
                seed, STRESS_OPS[n])
            b = SmpBoot("stress-%d-run%d" % (n, k + 1), n, bootargs=args, mem="2G",
                        timeout=420)
            seen = parse_ktap(b.log, "riscv-smp%d-run%d" % (n, k + 1))
            record(b.name + "/completed",
                   b.rc == 0 and seen > 0 and "# smp_stress: pass:1 fail:0" in b.log,
                   "exit %s, %d cases; tail: %s" % (b.rc, seen, b.tail()))
            record(b.name + "/seed-printed",
                   any("smp_stress: seed 0x%x, %d CPUs online" % (seed, n) in l
                       for l in b.lines),
                   "no 'smp_stress: seed 0x%x, %d CPUs online' line" % (seed, n))


def sc_smp_stray_entry(record, parse_ktap):
    """A hart that enters at the image entry while the kernel runs, as
    OpenSBI 1.1's HSM race makes one do (head.S): smp.stray_entry starts
    CPU 1 there.  It must lose the boot lottery and stop itself, bring-up
    must start it again where it belongs, and all four harts must then
    pass the SMP stress (so nothing the boot hart owns was touched)."""
    seed = STRESS_SEEDS[0]
    b = SmpBoot("stray-entry-4", 4, mem="1G", timeout=420,
                bootargs="smp.stray_entry ktest=smp_stress smp_stress.seed=0x%x "
                         "smp_stress.ops=1000" % seed)
    check_bringup(record, b)
    restarts = [l for l in b.lines if "came in at the image entry" in l]
    cpu1 = [l for l in restarts if l.startswith("smp: CPU1: hart ")]
    record(b.name + "/restarted-once", len(restarts) == 1 and len(cpu1) == 1,
           "restart lines: %r" % restarts)
    seen = parse_ktap(b.log, "riscv-smp4-stray-entry")
    record(b.name + "/stress-passed",
           b.rc == 0 and seen > 0 and "# smp_stress: pass:1 fail:0" in b.log,
           "exit %s, %d cases; tail: %s" % (b.rc, seen, b.tail()))


def sc_smp_bench(record, parse_ktap):
    """ktest=smp_bench under -icount: a full table, and per-CPU paths that
    cost the same per operation on 4 harts as on 1 (within 10 %)."""
    b = SmpBoot("bench-icount-4", 4, mem="1G",
                bootargs="ktest=smp_bench smp_bench.ops=20000",
                extra="-icount shift=0,sleep=off")
    rows = {}
    for l in b.lines:
        m = re.match(r"smp_bench: (page|slab)\s+(\d+)\s+\d+\s+\d+\s+\d+\s+([\d.]+)", l)
        if m:
            rows[(m.group(1), int(m.group(2)))] = float(m.group(3))
    record(b.name + "/completed", b.rc == 0 and "# smp_bench: pass:1 fail:0" in b.log,
           "exit %s; tail: %s" % (b.rc, b.tail()))
    record(b.name + "/six-rows", len(rows) == 6, "rows: %r" % rows)
    for test in ("page", "slab"):
        one, four = rows.get((test, 1)), rows.get((test, 4))
        record(b.name + "/%s-flat" % test,
               bool(one and four and four >= 0.9 * one),
               "%s ops/Minsn: 1 hart %s, 4 harts %s" % (test, one, four))


def sc_smp_x86(record, parse_ktap):
    """x86-64 brings up the boot CPU only (APs are not started yet)."""
    kernel = os.path.join(ROOT, "build", "x86_64-qemu-x86_64", "arbor.elf")
    name = "qemu/smp-x86-q35-2cpus"
    if not os.path.exists(kernel):
        record(name + "/kernel-built", False, kernel + " missing")
        return
    rc, log = run_qemu(kernel, mem="1G", smp=2, bootargs=POWEROFF,
                       qemu="qemu-system-x86_64", machine="q35", timeout=120)
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    record(name + "/exit-0", rc == 0, "QEMU exited %s; tail: %s" % (rc, log[-600:]))
    record(name + "/brought-up", brought_up_line(1) in lines,
           "no %r line" % brought_up_line(1))


ALL = [sc_smp_counts, sc_smp_fw_jump, sc_smp_skipped_harts, sc_smp_stray_entry,
       sc_smp_stress, sc_smp_bench, sc_smp_x86]
for _f in ALL:
    _f.name = _f.__name__[3:]


def run_all(record, parse_ktap):
    for sc in ALL:
        try:
            sc(record, parse_ktap)
        except Exception as e:  # a broken scenario is a failure, not a crash
            record("qemu/%s/scenario-ran" % sc.name, False, repr(e))
