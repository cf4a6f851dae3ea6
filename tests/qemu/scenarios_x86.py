# SPDX-License-Identifier: GPL-2.0-or-later
"""QEMU boot scenarios for the x86-64 port (qemu-system-x86_64).

Each scenario boots build/x86_64-qemu-x86_64/arbor.elf (PVH, QEMU
-kernel) or the GRUB rescue ISO (Multiboot2) once and checks what it
printed against expectations computed here, not from the kernel's own
conclusions:

  RAM       QEMU's split rule (hw/i386/pc_piix.c, pc_q35.c, QEMU 7.2):
            pc puts min(RAM, 3.5 GiB) below 4 GiB, but only 3 GiB once RAM
            reaches 3.5 GiB (gigabyte alignment); q35 puts 2 GiB below
            4 GiB once RAM reaches 2.75 GiB (0xb0000000), else all of it;
            the rest starts at 4 GiB.  SeaBIOS then reports that RAM as
            E820 "usable" minus the first MiB's BIOS areas and a small
            reservation at the top of low RAM (its ACPI tables).  The
            printed BIOS-e820 lines must agree with that rule, and
            memblock.memory must be exactly the usable lines without page
            0 (Linux's trim_bios_range), merged and trimmed to pages
            (Linux's e820__memblock_setup).
  reserved  page 0, the kernel image (from nm), the boot data the kernel
            says it reserved (QEMU's PVH ROM puts start_info, the E820
            copy and the command line in the first 64 KiB; GRUB puts its
            MBI below 4 GiB), a module where QEMU's rule puts an initrd:
            (below_4g - 0x28000 - 1 - size) & ~0xfff, and the device
            tree's reservations computed from the .dtb by tests/qemu/fdt.py.
  1 GiB     -cpu max has pdpe1gb, QEMU's default qemu64 does not: the
  leaves    kernel's DirectMap line must match a model of "largest leaf
            that fits" over memblock.memory.
  exit      0 after a clean power-off (ACPI S5); 3 after a panic
            (isa-debug-exit with status 1: (1 << 1) | 1).
"""
import os
import re
import subprocess
import tempfile

import fdt as fdtlib
import ksyms
import memmodel as mm
import vmallocinfo
from dtexpect import NOMAP, split_flag
from qemu import ROOT, run_qemu, boot_cmdline, MONITOR_VMALLOCINFO

BUILD = os.path.join(ROOT, "build", "x86_64-qemu-x86_64")
KERNEL = os.path.join(BUILD, "arbor.elf")
ISO = os.path.join(BUILD, "arbor.iso")
QEMU = "qemu-system-x86_64"
DTS = os.path.join(ROOT, "dts", "qemu-x86_64-pc-512M.dts")
KERNEL_LOAD_PA = 0x200000
KERNEL_VBASE = 0xffffffff80000000
ACPI_DATA_SIZE = 0x28000        # QEMU pc/q35: ACPI tables + legacy area
GiB, MiB = 1 << 30, 1 << 20
EXIT_PANIC = 3                  # isa-debug-exit: (1 << 1) | 1


def parse_size(s):
    units = {"M": MiB, "G": GiB}
    return int(s[:-1]) * units[s[-1]] if s[-1] in units else int(s)


def qemu_ram_split(machine, mem):
    """(below_4g, above_4g) bytes of RAM, by QEMU 7.2's rules."""
    ram = parse_size(mem)
    if machine == "q35":
        lowmem = 0x80000000 if ram >= 0xb0000000 else 0xb0000000
    else:
        lowmem = 0xe0000000
        if ram >= lowmem:
            lowmem = 0xc0000000
    if ram >= lowmem:
        return lowmem, ram - lowmem
    return ram, 0


def image_range():
    out = subprocess.run(["nm", KERNEL], stdout=subprocess.PIPE, check=True).stdout.decode()
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    start = syms["_start"] - KERNEL_VBASE + KERNEL_LOAD_PA
    return start, syms["_end"] - syms["_start"]


def page_out(base, size):
    start = base & ~(mm.PAGE - 1)
    end = (base + size + mm.PAGE - 1) & ~(mm.PAGE - 1)
    return start, end - start


class Boot:
    """One x86 boot and the facts the checks need."""

    def __init__(self, name, machine="q35", mem="2G", bootargs="", cpu="",
                 dtb_path="", iso=False, timeout=180, prefix="qemu"):
        self.name, self.machine, self.mem, self.cpu = name, machine, mem, cpu
        self.prefix = prefix
        # The kernel powers off at the monitor through monitor.script=
        # (or ktest=), after printing vmallocinfo unless the scenario has a
        # script of its own: on the loader's command line, or, with a
        # device tree, in its /chosen/bootargs (build_dtb), as an empty PVH
        # command line leaves the tree's in force.
        if not iso and not dtb_path:
            bootargs = boot_cmdline(bootargs, MONITOR_VMALLOCINFO)
        self.bootargs, self.dtb_path, self.iso = bootargs, dtb_path, iso
        extra = "-cpu %s" % cpu if cpu else ""
        self.rc, self.log = run_qemu(ISO if iso else KERNEL, mem=mem, smp=1,
                                     bootargs="" if iso else bootargs,
                                     dtb=dtb_path, extra=extra, qemu=QEMU,
                                     machine=machine, timeout=timeout, script=False)
        self.lines = [mm.strip_ts(l) for l in self.log.splitlines()]
        self.below_4g, self.above_4g = qemu_ram_split(machine, mem)

    def n(self, what):
        return "%s/%s/%s" % (self.prefix, self.name, what)

    def grep(self, pattern):
        return [l for l in self.lines if re.search(pattern, l)]

    def e820(self):
        """The printed BIOS-e820 lines as (start, end_exclusive, type)."""
        out = []
        for l in self.lines:
            m = re.match(r"^BIOS-e820: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] (.*)$", l)
            if m:
                out.append((int(m.group(1), 16), int(m.group(2), 16) + 1, m.group(3)))
        return out

    def reserved_boot_data(self):
        """Ranges from "x86: reserve WHAT [mem A-B]" lines: (what, base, size)."""
        out = []
        for l in self.lines:
            m = re.match(r"^x86: reserve (.*) \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]$", l)
            if m:
                a, b = int(m.group(2), 16), int(m.group(3), 16)
                out.append((m.group(1), a, b - a + 1))
        return out

    def gbpages(self):
        return self.cpu == "max"


def compare_list(record, name, printed, expected, log=""):
    want = mm.debugfs_lines(expected)
    if printed is None:
        record(name, False, "list not printed; log tail: " + log[-400:])
        return
    record(name, printed == want, "printed %s; expected %s" % (printed, want))


def check_common(record, b, exit_code=0, protocol="PVH"):
    record(b.n("exit-status"), b.rc == exit_code,
           "QEMU exited %s, wanted %d; log tail: %s" % (b.rc, exit_code, b.log[-600:]))
    record(b.n("banner"), any(re.match(r"^Arbor version \S+ \(x86_64\) booting on CPU 0$", l)
                              for l in b.lines), "no x86_64 banner")
    want = ("Kernel command line: " + b.bootargs).rstrip()
    record(b.n("cmdline"), want in [l.rstrip() for l in b.lines], "no '%s'" % want)
    record(b.n("uart-console"), "printk: console [ttyS0] enabled" in b.lines,
           "console did not move to the 8250 driver on COM1")
    check_uart_port_io(record, b)
    record(b.n("boot-protocol"), any(l.startswith("x86: %s boot:" % protocol) for l in b.lines),
           "no 'x86: %s boot:' line" % protocol)


def check_uart_port_io(record, b):
    """COM1 is reached through I/O ports, not memory: unlike RISC-V's
    UART (scenarios.check_uart_ioremap) nothing is ioremapped for it, and
    vmallocinfo (when the monitor script ran it) is Linux's format and
    lists no ioremap area."""
    port = "serial8250: ttyS0 at I/O 0x3f8 (irq = 0, base_baud = 115200) is a 16550A"
    remap = [l for l in b.lines if l.startswith("serial: ttyS0 registers ")]
    record(b.n("uart-port-io-not-remapped"), port in b.lines and not remap,
           "want %r and no remap line; remap lines %s" % (port, remap))
    out = vmallocinfo.command_output(b.lines, "vmallocinfo")
    if out is None:
        return
    try:
        areas = vmallocinfo.parse(out, "x86_64", ksyms.load(KERNEL, "x86_64")[".text"])
    except ValueError as e:
        record(b.n("vmallocinfo-format"), False, str(e))
        return
    record(b.n("vmallocinfo-format"), True)
    io = [a["line"] for a in areas if a["type"] == "ioremap"]
    record(b.n("vmallocinfo-no-ioremap"), not io, "ioremap areas on x86-64: %s" % io)


def check_e820_rule(record, b):
    """The usable E820 ranges agree with QEMU's RAM split."""
    usable = [(s, e) for s, e, t in b.e820() if t == "usable"]
    low = [(s, e) for s, e in usable if e <= 1 << 32]
    high = [(s, e) for s, e in usable if s >= 1 << 32]
    problems = []
    if len(low) + len(high) != len(usable):
        problems.append("a usable range crosses 4 GiB")
    if not low or low[0] != (0, 0x9fc00):
        problems.append("conventional memory is not [0, 0x9fc00): %s" % low[:1])
    if any(e > b.below_4g for _, e in low):
        problems.append("usable RAM beyond QEMU's below-4G size 0x%x" % b.below_4g)
    if not any(s <= MiB and e >= b.below_4g - 0x40000 for s, e in low):
        problems.append("[1 MiB, 0x%x) is not one usable range" % (b.below_4g - 0x40000))
    want_high = [(1 << 32, (1 << 32) + b.above_4g)] if b.above_4g else []
    if high != want_high:
        problems.append("above 4 GiB: %s, QEMU put RAM at %s" %
                        ([(hex(s), hex(e)) for s, e in high],
                         [(hex(s), hex(e)) for s, e in want_high]))
    record(b.n("e820-matches-qemu"), bool(usable) and not problems,
           "; ".join(problems) or "no usable E820 lines printed")


def cut(regions, start, end):
    """@regions without [start, end)."""
    out = []
    for base, size, nid, fl in regions:
        for lo, hi in ((base, min(base + size, start)), (max(base, end), base + size)):
            if lo < hi:
                out.append((lo, hi - lo, nid, fl))
    return out


def e820_memory(b, mem_limit=None):
    """memblock.memory from the firmware's usable lines, as Linux builds it:
    page 0 and the BIOS hole [0xa0000, 1 MiB) are never RAM
    (trim_bios_range), the rest is merged and trimmed to whole pages."""
    regions = [(s, e - s, 0, 0) for s, e, t in b.e820() if t == "usable"]
    regions = cut(cut(regions, 0, mm.PAGE), 0xa0000, MiB)
    regions = mm.merge(regions)
    trimmed = [t + (0, 0) for t in (mm.trim_pages(s, sz) for s, sz, _, _ in regions) if t]
    trimmed = mm.merge(trimmed)
    if mem_limit is not None:
        trimmed = mm.limit_memory(trimmed, mem_limit)
    return trimmed


def expected_reserved(b, extra=(), clip_end=None):
    regs = [(0, mm.PAGE, mm.NO_NODE, 0), image_range() + (mm.NO_NODE, 0)]
    for _, base, size in b.reserved_boot_data():
        s, sz = page_out(base, size)
        regs.append((s, sz, mm.NO_NODE, 0))
    regs.extend(extra)
    regs = mm.merge(regs)
    return mm.clip(regs, clip_end) if clip_end is not None else regs


def check_boot_data(record, b):
    """PVH: QEMU's option ROM keeps its data in the first 64 KiB."""
    data = [(w, s, sz) for w, s, sz in b.reserved_boot_data() if w != "module"]
    if b.iso:
        ok = bool(data) and all(w == "Multiboot2 info" and s + sz <= 1 << 32 for w, s, sz in data)
    else:
        whats = sorted({w for w, _, _ in data})
        ok = ({"PVH start_info", "E820 map"} <= set(whats) and
              all(s + sz <= 0x10000 for _, s, sz in data))
    record(b.n("boot-data-reserved"), ok, "reserved boot data: %s" % data)


def leaf_model(regions, gbpages):
    """Bytes mapped per leaf size for the linear map of @regions."""
    sizes = [GiB, 2 * MiB, 4096] if gbpages else [2 * MiB, 4096]
    out = {GiB: 0, 2 * MiB: 0, 4096: 0}
    for base, size, _, flags in regions:
        if flags & NOMAP:   # not in the linear map
            continue
        va, end = base, base + size
        while va < end:
            for s in sizes:
                if va % s == 0 and va + s <= end:
                    out[s] += s
                    va += s
                    break
    return out


def check_direct_map(record, b, memory):
    m = [re.match(r"^x86/mm: DirectMap4k: (\d+) kB, DirectMap2M: (\d+) kB, DirectMap1G: (\d+) kB", l)
         for l in b.lines]
    m = [x for x in m if x]
    want = leaf_model(memory, b.gbpages())
    want = (want[4096] >> 10, want[2 * MiB] >> 10, want[GiB] >> 10)
    got = tuple(int(x) for x in m[0].groups()) if m else None
    record(b.n("direct-map-leaves"), got == want,
           "printed 4k/2M/1G kB %s, model (gbpages=%s) %s" % (got, b.gbpages(), want))


def check_w_x(record, b):
    record(b.n("w^x"), "Checked W+X mappings: passed, no W+X pages found" in b.lines,
           "no W+X summary line, or it failed")


def expected_zones(memory):
    """x86-64's zones over @memory: DMA < 16 MiB, DMA32 < 4 GiB, Normal."""
    lo, hi = memory[0][0], memory[-1][0] + memory[-1][1]
    out = []
    for name, zlo, zhi in (("DMA", 0, 16 * MiB), ("DMA32", 16 * MiB, 1 << 32),
                           ("Normal", 1 << 32, 1 << 64)):
        s, e = max(lo, zlo), min(hi, zhi)
        out.append("  %-8s %s" % (name, "[mem 0x%016x-0x%016x]" % (s, e - 1) if s < e
                                  else "empty"))
    return out


def check_zones(record, b, memory):
    """Linux's "Zone ranges:" block, once start_kernel prints it."""
    if "Zone ranges:" not in b.lines:
        print("skip %s # SKIP no 'Zone ranges:' in this kernel's boot" % b.n("zone-ranges"),
              flush=True)
        return
    i = b.lines.index("Zone ranges:")
    got = [l.rstrip() for l in b.lines[i + 1: i + 4]]
    want = expected_zones(memory)
    record(b.n("zone-ranges"), got == want, "printed %s; expected %s" % (got, want))


def check_lists(record, b, mem_limit=None, reserved_extra=(), memory=None):
    if memory is None:
        memory = e820_memory(b, mem_limit)
    compare_list(record, b.n("memblock-memory"), mm.printed_list(b.log, "memory"), memory,
                 b.log)
    end = memory[-1][0] + memory[-1][1] if memory and mem_limit is not None else None
    compare_list(record, b.n("memblock-reserved"), mm.printed_list(b.log, "reserved"),
                 expected_reserved(b, reserved_extra, end))
    check_direct_map(record, b, memory)
    check_zones(record, b, memory)


# ---- scenarios ----

def sc_x86_build(record, parse_ktap):
    for label, targets in (("build/x86_64-kernel", ["all"]),
                           ("build/x86_64-iso", ["iso", "BOOTARGS=ktest=x86_pgtable,x86_mm"])):
        p = subprocess.run(["make", "-s", "ARCH=x86_64", *targets], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode(errors="replace")
        record(label, p.returncode == 0 and "warning:" not in out, out[-1500:])


def sc_x86_sizes(record, parse_ktap):
    """pc 512 MiB and q35 8 GiB, with QEMU's default CPU and -cpu max."""
    for machine, mem in (("pc", "512M"), ("q35", "8G")):
        for cpu in ("", "max"):
            name = "x86-%s-%s%s" % (machine, mem, "-cpumax" if cpu else "")
            b = Boot(name, machine=machine, mem=mem, cpu=cpu)
            check_common(record, b)
            check_e820_rule(record, b)
            check_boot_data(record, b)
            check_lists(record, b)
            check_w_x(record, b)
            gb = [l for l in b.lines if l.startswith("x86/cpu:")]
            record(b.n("pdpe1gb-reported"),
                   bool(gb) and ("pdpe1gb) yes" in gb[0]) == (cpu == "max"),
                   "CPU line %s with -cpu %s" % (gb, cpu or "default"))


def sc_x86_mem_limit(record, parse_ktap):
    b = Boot("x86-q35-2G-mem256M", machine="q35", mem="2G",
             bootargs="mem=256M memblock=debug")
    check_common(record, b)
    check_lists(record, b, mem_limit=256 * MiB)
    record(b.n("limit-announced"), "Memory limited to 256MB" in b.lines,
           "no 'Memory limited to 256MB'")


def build_dtb(d, edit=None):
    """dts/qemu-x86_64-pc-512M.dts as a .dtb; its bootargs also power off
    at the monitor (the tree's command line is the one the kernel uses)."""
    with open(DTS) as f:
        text = f.read()
    text = re.sub(r'(\bbootargs = "[^"]*)"', r'\1 monitor.script=poweroff"', text, count=1)
    if edit:
        text = edit(text)
    path = os.path.join(d, "x86.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", path, "-"],
                   input=text.encode(), check=True)
    return path


def initrd_address(b, size):
    """Where QEMU 7.2 loads an initrd (module) of @size bytes for PVH."""
    initrd_max = b.below_4g - ACPI_DATA_SIZE - 1
    return (initrd_max - size) & ~0xfff


def sc_x86_dtb_module(record, parse_ktap):
    """A device tree as module 0 describes RAM instead of the E820 map."""
    with tempfile.TemporaryDirectory() as d:
        path = build_dtb(d)
        size = os.path.getsize(path)
        tree = fdtlib.load(path)
        b = Boot("x86-pc-512M-dtb", machine="pc", mem="512M", dtb_path=path)
        b.bootargs = tree.find("/chosen").string("bootargs")
        check_common(record, b)
        addr = initrd_address(b, size)
        record(b.n("dtb-at-qemu-initrd-address"),
               "x86: device tree at 0x%016x (%d bytes) from module 0 describes RAM" % (addr, size)
               in b.lines, "no device-tree line at 0x%x" % addr)
        memory = []
        for base, sz, nid in tree.memory_banks():
            t = mm.trim_pages(base, sz)
            if t:
                memory.append((t[0], t[1], nid, 0))
        memory = mm.merge(memory)
        resv = tree.find("/reserved-memory")
        extra = [(base, sz, mm.NO_NODE, 0) for base, sz in tree.memreserve]
        extra.append(page_out(addr, size) + (mm.NO_NODE, 0))
        for child in resv.children:
            (base, sz), = fdtlib.FDT.tuples(child.cells("reg"), 2, 2)
            if "no-map" in child.props:
                memory = split_flag(memory, base, sz, NOMAP)
            else:
                extra.append((base, sz, mm.NO_NODE, 0))
        check_lists(record, b, reserved_extra=extra, memory=memory)
        check_w_x(record, b)


def sc_x86_panic(record, parse_ktap):
    """A device tree without memory: a clear panic, QEMU exits 3."""
    with tempfile.TemporaryDirectory() as d:
        path = build_dtb(d, lambda t: re.sub(r"\n\tmemory@[0-9a-f]+ \{.*?\n\t\};", "", t,
                                             flags=re.S))
        b = Boot("x86-pc-dtb-no-memory", machine="pc", mem="512M", dtb_path=path)
        record(b.n("exit-status"), b.rc == EXIT_PANIC,
               "QEMU exited %s, wanted %d (isa-debug-exit)" % (b.rc, EXIT_PANIC))
        record(b.n("panic-message"),
               any(l.startswith("Kernel panic - not syncing:") and "memory" in l for l in b.lines),
               "no panic naming the missing memory; tail: " + b.log[-400:])


def sc_x86_ktest(record, parse_ktap):
    """Every in-kernel KTAP suite on x86-64 (5 GiB: a whole GiB above 4 GiB)."""
    b = Boot("x86-ktest", machine="q35", mem="5G", cpu="max", bootargs="ktest=all",
             timeout=600)
    seen = parse_ktap(b.log, "x86_64")
    record(b.n("completed"), b.rc == 0 and seen > 0 and "# Totals:" in b.log,
           "exit %s, %d cases; tail: %s" % (b.rc, seen, b.log[-600:]))


def sc_x86_iso(record, parse_ktap):
    """The GRUB rescue ISO: Multiboot2 into the same kernel."""
    b = Boot("x86-iso-pc-512M", machine="pc", mem="512M", iso=True,
             bootargs="ktest=x86_pgtable,x86_mm")
    check_common(record, b, protocol="Multiboot2")
    check_e820_rule(record, b)
    check_boot_data(record, b)
    check_lists(record, b)
    parse_ktap(b.log, "x86_64-multiboot2")


ALL = [sc_x86_build, sc_x86_sizes, sc_x86_mem_limit, sc_x86_dtb_module, sc_x86_panic,
       sc_x86_ktest, sc_x86_iso]
for _f in ALL:
    _f.name = _f.__name__[3:]


def run_all(record, parse_ktap):
    for sc in ALL:
        if sc is not sc_x86_build and not os.path.exists(KERNEL):
            record("qemu/x86-kernel-built", False, KERNEL + " missing")
            return
        try:
            sc(record, parse_ktap)
        except Exception as e:  # a broken scenario is a failure, not a crash
            record("qemu/%s/scenario-ran" % sc.name, False, repr(e))
