# SPDX-License-Identifier: GPL-2.0-or-later
"""QEMU boot scenarios for RISC-V virt.

Each scenario boots the kernel once and checks what it printed, field by
field, against expectations computed here from the device tree QEMU
generates (dumped with -M virt,dumpdtb=) or from the device tree the test
wrote, never from the kernel's own output about the same thing.
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
from qemu import (ROOT, run_qemu, dump_dtb, dtb_to_dts, dts_to_dtb, boot_cmdline,
                  MONITOR_VMALLOCINFO)

KERNEL = os.path.join(ROOT, "build", "riscv-qemu-virt", "arbor.elf")
LOAD_PA = 0x80200000
OPENSBI_RESV = (0x80000000, 0x80000)  # Debian OpenSBI 1.1: mmode_resv0, 512 KiB


def image_size():
    out = subprocess.run(["riscv64-unknown-elf-nm", KERNEL], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms["_end"] - syms["_start"]


def page_out(base, size):
    start = base & ~(mm.PAGE - 1)
    end = (base + size + mm.PAGE - 1) & ~(mm.PAGE - 1)
    return start, end - start


class Boot:
    """One boot and the facts the checks need."""

    def __init__(self, name, mem="2G", smp=1, fw="fw_dynamic", bootargs="",
                 dtb_path="", extra="", numa=()):
        self.name, self.mem, self.smp, self.fw = name, mem, smp, fw
        # What the kernel gets: vmallocinfo and power off at the monitor,
        # unless ktest= or a monitor.script= of the scenario's own says.
        bootargs = boot_cmdline(bootargs, MONITOR_VMALLOCINFO)
        self.bootargs, self.dtb_path, self.extra = bootargs, dtb_path, extra
        self.numa = numa
        self.rc, self.log = run_qemu(KERNEL, mem=mem, smp=smp, fw=fw,
                                     bootargs=bootargs, dtb=dtb_path,
                                     extra=" ".join(list(numa) + ([extra] if extra else [])))
        self.lines = [mm.strip_ts(l) for l in self.log.splitlines()]
        if dtb_path:
            self.fdt = fdtlib.load(dtb_path)
        else:
            self.fdt = fdtlib.FDT(dump_dtb(mem=mem, smp=smp, extra=list(numa)))

    def grep(self, pattern):
        return [l for l in self.lines if re.search(pattern, l)]

    def dtb_location(self):
        m = re.search(r"device tree at 0x([0-9a-f]+) \((\d+) bytes\)", self.log)
        return (int(m.group(1), 16), int(m.group(2))) if m else None


def expected_memory(fdt, mem_limit=None):
    regions = []
    for base, size, nid in fdt.memory_banks():
        t = mm.trim_pages(base, size)
        if t:
            regions.append((t[0], t[1], nid, 0))
    regions = mm.merge(regions)
    if mem_limit is not None:
        regions = mm.limit_memory(regions, mem_limit)
    return regions


def expected_reserved(boot, extra=(), opensbi=True):
    regs = [(LOAD_PA, image_size(), mm.NO_NODE, 0)]
    if opensbi:
        regs.append((OPENSBI_RESV[0], OPENSBI_RESV[1], mm.NO_NODE, 0))
    loc = boot.dtb_location()
    if loc:
        b, s = page_out(*loc)
        regs.append((b, s, mm.NO_NODE, 0))
    for base, size in boot.fdt.memreserve:
        regs.append((base, size, mm.NO_NODE, 0))
    regs.extend(extra)
    return mm.merge(regs)


def compare_list(record, name, printed, expected):
    want = mm.debugfs_lines(expected)
    if printed is None:
        record(name, False, "list not printed")
        return
    ok = printed == want
    record(name, ok, "printed %s; expected %s" % (printed, want))


def check_common(record, b, exit_code=0):
    n = "qemu/%s" % b.name
    record(n + "/exit-status", b.rc == exit_code,
           "QEMU exited %s, wanted %d; log tail: %s" % (b.rc, exit_code, b.log[-600:]))
    record(n + "/cmdline", ("Kernel command line: " + b.bootargs).rstrip()
           in [l.rstrip() for l in b.lines], "no 'Kernel command line: %s'" % b.bootargs)
    record(n + "/uart-console", any("printk: console [ttyS0] enabled" in l for l in b.lines),
           "console did not move to the ns16550a UART")
    check_uart_ioremap(record, b)


def check_uart_ioremap(record, b):
    """The console UART (the device tree's /chosen/stdout-path) moves to
    an ioremap() mapping once vmalloc runs: the boot log says so with the
    tree's address, and vmallocinfo (when the boot's monitor script ran
    it) lists an ioremap area holding its registers, called from
    serial_remap(), at the address the log gave."""
    n = "qemu/%s" % b.name
    uart = b.fdt.stdout_uart()
    if uart is None:
        record(n + "/uart-in-device-tree", False, "no /chosen/stdout-path UART with a reg")
        return
    path, base, shift = uart
    regs = 8 << shift                   # eight registers (src/serial_8250.c)
    lines = [l for l in b.lines if l.startswith("serial: ttyS0 registers ")]
    m = re.match(r"^serial: ttyS0 registers 0x([0-9a-f]+) remapped at 0x([0-9a-f]{16})$",
                 lines[0]) if len(lines) == 1 else None
    record(n + "/uart-ioremap-line", bool(m) and int(m.group(1), 16) == base,
           "want one 'serial: ttyS0 registers 0x%x remapped at 0x...' (%s in the device "
           "tree); printed %s" % (base, path, lines))
    out = vmallocinfo.command_output(b.lines, "vmallocinfo")
    if out is None:
        return
    syms = ksyms.load(KERNEL, "riscv")
    try:
        areas = vmallocinfo.parse(out, "riscv", syms[".text"])
        record(n + "/vmallocinfo-format", bool(areas), "no areas: %s" % out)
    except ValueError as e:
        record(n + "/vmallocinfo-format", False, str(e))
        return
    found = vmallocinfo.uart_area(areas, base, regs)
    a = found[0] if len(found) == 1 else None
    problems = []
    if a is None:
        problems.append("%d ioremap areas hold 0x%x-0x%x" % (len(found), base, base + regs))
    else:
        pages = (base % mm.PAGE + regs + mm.PAGE - 1) // mm.PAGE
        if a["phys"] != base - base % mm.PAGE:
            problems.append("phys=0x%x, the UART's page is 0x%x" % (a["phys"], base - base % mm.PAGE))
        if a["size"] != (pages + 1) * mm.PAGE:
            problems.append("size %d, want %d pages and the guard" % (a["size"], pages))
        if not ksyms.returns_into(syms, "serial_remap", a["caller"]):
            problems.append("caller 0x%x is not in serial_remap() %s (it is in %s)" % (
                a["caller"], [hex(x) for x in syms.get("serial_remap", ())],
                ksyms.function_at(syms, a["caller"]) or "no function"))
        if m and int(m.group(2), 16) != a["start"] + base % mm.PAGE:
            problems.append("the log's remap address 0x%s is not the area's 0x%x + 0x%x" % (
                m.group(2), a["start"], base % mm.PAGE))
    record(n + "/vmallocinfo-uart-ioremap", not problems, "; ".join(problems) + ": %s" % out)


def check_lists(record, b, mem_limit=None, reserved_extra=(), nomap=()):
    n = "qemu/%s" % b.name
    memory = expected_memory(b.fdt, mem_limit)
    # NOMAP regions split memory regions and carry the flag.
    for base, size in nomap:
        memory = split_flag(memory, base, size, NOMAP)
    compare_list(record, n + "/memblock-memory", mm.printed_list(b.log, "memory"), memory)
    resv = expected_reserved(b, reserved_extra)
    if mem_limit is not None:
        end = memory[-1][0] + memory[-1][1]
        resv = mm.clip(resv, end)
    compare_list(record, n + "/memblock-reserved", mm.printed_list(b.log, "reserved"), resv)


MEMORY_LINE = re.compile(
    r"^Memory: (\d+)K/(\d+)K available \((\d+)K kernel code, (\d+)K rwdata, "
    r"(\d+)K rodata, (\d+)K init, (\d+)K bss, (\d+)K reserved, (\d+)K cma-reserved\)$")


def check_zones_memory(record, b, mem_limit=None):
    """Linux's Zone ranges lines and the Memory: line, with its arithmetic."""
    n = "qemu/%s" % b.name
    memory = expected_memory(b.fdt, mem_limit)
    start, end = memory[0][0], memory[-1][0] + memory[-1][1]
    four_g = 1 << 32
    want = ["Zone ranges:",
            "  DMA32    [mem 0x%016x-0x%016x]" % (start, min(end, four_g) - 1),
            "  Normal   [mem 0x%016x-0x%016x]" % (four_g, end - 1) if end > four_g
            else "  Normal   empty"]
    try:
        i = b.lines.index("Zone ranges:")
        got = b.lines[i:i + 3]
    except ValueError:
        got = None
    record(n + "/zone-ranges", got == want, "printed %s expected %s" % (got, want))
    lines = [l for l in b.lines if l.startswith("Memory: ")]
    m = MEMORY_LINE.match(lines[0]) if lines else None
    if not m:
        record(n + "/memory-line", False, "no Linux-format Memory: line: %s" % lines)
        return
    avail, total, code, rw, ro, init, bss, resv, cma = map(int, m.groups())
    present_k = sum(size for _, size, _, _ in memory) // 1024
    image_k = image_size() // 1024
    ok = (avail + resv == total and total == present_k and cma == 0 and
          code + rw + ro + init + bss <= resv and
          abs(code + rw + ro + init + bss - image_k) <= 8)
    record(n + "/memory-line", ok,
           "%s: avail+reserved=%d total=%d present=%dK image=%dK parts=%dK" %
           (lines[0], avail + resv, total, present_k, image_k, code + rw + ro + init + bss))


def check_opensbi(record, b):
    want = "OF: reserved mem: 0x0000000080000000..0x000000008007ffff (512 KiB) map non-reusable mmode_resv0@80000000"
    record("qemu/%s/opensbi-reserved-mem" % b.name, want in b.lines,
           "missing line: " + want)


# ---- scenarios ----

def sc_default(record, parse_ktap):
    """What `make run` does: 2 GiB, 4 harts, fw_dynamic."""
    b = Boot("virt-2G-smp4", mem="2G", smp=4)
    check_common(record, b)
    check_lists(record, b)
    check_zones_memory(record, b)
    check_opensbi(record, b)


def sc_sizes(record, parse_ktap):
    for mem, smp in (("128M", 1), ("16G", 1)):
        b = Boot("virt-%s-smp%d" % (mem, smp), mem=mem, smp=smp)
        check_common(record, b)
        check_lists(record, b)
        check_zones_memory(record, b)


def sc_fw_jump(record, parse_ktap):
    b = Boot("virt-fw_jump", mem="1G", smp=4, fw="fw_jump")
    check_common(record, b)
    check_lists(record, b)
    hart = b.grep(r"^Boot hart \d+")
    record("qemu/virt-fw_jump/boot-hart-reported", bool(hart), "no 'Boot hart' line")


def sc_mem_limit(record, parse_ktap):
    args = "mem=512M memblock=debug"
    b = Boot("virt-mem512M", mem="2G", smp=1, bootargs=args)
    check_common(record, b)
    check_lists(record, b, mem_limit=512 << 20)
    check_zones_memory(record, b, mem_limit=512 << 20)
    record("qemu/virt-mem512M/limit-announced", "Memory limited to 512MB" in b.lines,
           "no 'Memory limited to 512MB'")
    record("qemu/virt-mem512M/memblock-debug-dump", "MEMBLOCK configuration:" in b.lines,
           "memblock=debug did not print the MEMBLOCK configuration")


def sc_numa(record, parse_ktap):
    numa = ("-numa", "node,cpus=0-1,mem=1G,nodeid=0", "-numa", "node,cpus=2-3,mem=1G,nodeid=1")
    b = Boot("virt-numa2", mem="2G", smp=4, numa=numa)
    check_common(record, b)
    check_lists(record, b)
    nids = sorted({nid for _, _, nid in b.fdt.memory_banks()})
    record("qemu/virt-numa2/dt-has-two-nodes", nids == [0, 1], "QEMU DT nodes %s" % nids)


def custom_dtb(tmpdir, edit, mem="1G", smp=2):
    dts = dtb_to_dts(dump_dtb(mem=mem, smp=smp))
    dts = edit(dts)
    path = os.path.join(tmpdir, "custom.dtb")
    dts_to_dtb(dts, path)
    return path


def replace_memory(dts, nodes):
    """Replace QEMU's memory node(s) with `nodes` (dts text)."""
    out = re.sub(r"\n\tmemory@[0-9a-f]+ \{.*?\n\t\};", "", dts, flags=re.S)
    return out.replace("\n\tcpus {", nodes + "\n\tcpus {", 1)


TWO_BANKS = """
	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x10000000>;
	};

	memory@a0000000 {
		device_type = "memory";
		reg = <0x0 0xa0000000 0x0 0x20000000>;
	};

	reserved-memory {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		ranges;

		framebuffer@88000000 {
			reg = <0x0 0x88000000 0x0 0x100000>;
			no-map;
		};

		firmware-log@8c000000 {
			reg = <0x0 0x8c000000 0x0 0x4000>;
		};
	};
"""


def sc_custom_dtb(record, parse_ktap):
    """Two banks with a hole, a no-map region, a /memreserve/."""
    with tempfile.TemporaryDirectory() as d:
        def edit(dts):
            dts = replace_memory(dts, TWO_BANKS)
            return dts.replace("/dts-v1/;", "/dts-v1/;\n\n/memreserve/ 0xa8000000 0x10000;", 1)
        path = custom_dtb(d, edit)
        b = Boot("virt-dtb-two-banks", mem="1G", smp=2, dtb_path=path)
        check_common(record, b)
        check_lists(record, b, nomap=[(0x88000000, 0x100000)],
                    reserved_extra=[(0x8c000000, 0x4000, mm.NO_NODE, 0)])
        record("qemu/virt-dtb-two-banks/hole-not-memory",
               all(not (0x90000000 <= base < 0xa0000000)
                   for base, _, _, _ in expected_memory(b.fdt)) and
               not any("0x0000000090000000" in l for l in (mm.printed_list(b.log, "memory") or [])),
               "hole appears in memblock.memory")


def sc_panic_no_memory(record, parse_ktap):
    """A DT without memory nodes: a clear panic and a non-zero QEMU exit."""
    with tempfile.TemporaryDirectory() as d:
        path = custom_dtb(d, lambda dts: replace_memory(dts, ""))
        b = Boot("virt-dtb-no-memory", mem="1G", smp=1, dtb_path=path, fw="fw_dynamic")
        n = "qemu/virt-dtb-no-memory"
        record(n + "/exit-nonzero", b.rc not in (0, None), "QEMU exited %s" % b.rc)
        record(n + "/panic-message",
               any(l.startswith("Kernel panic - not syncing:") and "memory" in l for l in b.lines),
               "no panic naming the missing memory; tail: " + b.log[-400:])


def sc_ktest(record, parse_ktap):
    """Every in-kernel KTAP suite, on the memory QEMU gave the kernel."""
    b = Boot("virt-ktest", mem="512M", smp=1, bootargs="ktest=all")
    seen = parse_ktap(b.log, "riscv")
    record("qemu/virt-ktest/completed", b.rc == 0 and seen > 0 and "# Totals:" in b.log,
           "exit %s, %d cases; tail: %s" % (b.rc, seen, b.log[-600:]))


ALL = [sc_default, sc_sizes, sc_fw_jump, sc_mem_limit, sc_numa, sc_custom_dtb,
       sc_panic_no_memory, sc_ktest]
for _f in ALL:
    _f.name = _f.__name__[3:]


def run_all(record, parse_ktap):
    if not os.path.exists(KERNEL):
        record("qemu/kernel-built", False, KERNEL + " missing")
        return
    for sc in ALL:
        try:
            sc(record, parse_ktap)
        except Exception as e:  # a broken scenario is a failure, not a crash
            record("qemu/%s/scenario-ran" % sc.name, False, repr(e))
    import scenarios_x86  # the x86-64 port's boots (tests/qemu/scenarios_x86.py)
    scenarios_x86.run_all(record, parse_ktap)
    # U-Boot booti, the VisionFive 2's shape, the SD-card images and real
    # board device trees (tests/qemu/{scenarios_uboot,vf2shape,sdimage,realdtb}.py).
    import scenarios_uboot, vf2shape, sdimage, realdtb  # noqa: E401
    # The mm> monitor over the serial console, and pictures of its reports
    # (tests/qemu/monitor_session.py).
    import monitor_session
    for sc in (scenarios_uboot.ALL + vf2shape.ALL + sdimage.ALL + realdtb.ALL +
               monitor_session.ALL):
        try:
            sc(record, parse_ktap)
        except Exception as e:  # a broken scenario is a failure, not a crash
            record("qemu/%s/scenario-ran" % sc.name, False, repr(e))
    # Malformed device trees; faults on purpose, failure injection, OOM
    # (tests/qemu/bad_dtbs.py, tests/qemu/hardening.py).
    import bad_dtbs, hardening  # noqa: E401
    for sc in bad_dtbs.ALL + hardening.ALL:
        try:
            sc(record, parse_ktap)
        except Exception as e:  # a broken scenario is a failure, not a crash
            record("qemu/%s/scenario-ran" % sc.name, False, repr(e))
    # SMP: every hart up, the allocators under all of them at once, the
    # scaling benchmark (tests/qemu/smp.py).
    import smp
    smp.run_all(record, parse_ktap)
    # slub_debug's reports printed by the kernel, read field by field, and
    # the slab suite with every cache in debug mode (tests/qemu/slub_debug.py).
    import slub_debug
    for sc in slub_debug.ALL:
        try:
            sc(record, parse_ktap)
        except Exception as e:  # a broken scenario is a failure, not a crash
            record("qemu/%s/scenario-ran" % sc.name, False, repr(e))
