# SPDX-License-Identifier: GPL-2.0-or-later
"""The VisionFive 2's shape, in QEMU virt.

QEMU has no JH7110, so these scenarios take QEMU virt's own device tree
(RAM at 0x80000000, the ns16550a at 0x10000000 stay where QEMU has them)
and give it the features of the VisionFive 2 that the kernel must cope
with:

  harts     5 harts; cpu@0 becomes the S7 monitor core as in the JH7110
            tree: compatible "sifive,s7", rv64imac, no mmu-type, status
            "disabled".  OpenSBI 1.1 then leaves hart 0 parked and boots
            the kernel on one of harts 1-4 (measured; with cpu@0 merely
            missing mmu-type but "okay", OpenSBI still picks hart 0 most
            of the time, so the status is what matters).
  console   /aliases serial0 and stdout-path = "serial0:115200n8", as the
            board's tree says it.
  DW UART   The console of the second scenario is a DesignWare APB UART
            description (reg-shift 2, reg-io-width 4).  QEMU's ns16550a
            cannot stand in for it: it decodes 8 bytes with byte spacing,
            so the line-status register at +0x14 is unmapped and an access
            faults.  Instead the "UART" is 2 MiB of RAM the device tree
            does not call memory, with the line-status word pre-set to
            0x60 (transmitter empty) by QEMU's generic loader.  OpenSBI
            and the kernel write their output there; nothing reaches the
            serial port.  The test stops the guest at arch_poweroff and
            reads the kernel's printk ring from guest memory instead.

What the DW scenario proves: the kernel parsed the description (its own
log line names reg-shift 2 and reg-io-width 4), polled line status at
base + (5 << 2) (any other offset reads 0 and each character would spin
the driver's full 10^6 iterations: the boot would take minutes), and went
on to build the memblock lists the device tree implies.  It cannot prove
the 32-bit access width: OpenSBI writes the same registers with 32-bit
stores first, so the RAM left behind looks the same either way.
"""
import os
import re
import tempfile

import dtexpect
import fdt as fdtlib
import guestmem
import memmodel as mm
import scenarios
from qemu import OPENSBI, MONITOR_POWEROFF, dump_dtb, dtb_to_dts, dts_to_dtb

TIME_LIMIT = 60
DW_BASE = 0xffe00000            # the top 2 MiB of a 2 GiB virt machine
DW_LSR = DW_BASE + (5 << 2)     # line status register, reg-shift 2
LSR_IDLE = 0x60                 # THRE | TEMT: ready to send


def s7_hart0(dts):
    """cpu@0 as the JH7110's S7: no MMU, no S-mode, disabled."""
    m = re.search(r"\n\t\tcpu@0 \{.*?\n\t\t\};", dts, re.S)
    blk = m.group(0)
    new = blk.replace('status = "okay";', 'status = "disabled";')
    new = new.replace('compatible = "riscv";', 'compatible = "sifive,s7", "riscv";')
    new = re.sub(r'riscv,isa = "[^"]*";', 'riscv,isa = "rv64imac";', new)
    new = re.sub(r'\n\t\t\tmmu-type = "[^"]*";', "", new)
    return dts.replace(blk, new)


def stdout_alias(dts, target):
    """/aliases serial0 = target; stdout-path = "serial0:115200n8"."""
    dts = re.sub(r'stdout-path = "[^"]*";', 'stdout-path = "serial0:115200n8";', dts)
    aliases = '\n\taliases {\n\t\tserial0 = "%s";\n\t};\n' % target
    return dts.replace("\n\tchosen {", aliases + "\n\tchosen {", 1)


DW_UART = """
		serial@%x {
			compatible = "snps,dw-apb-uart";
			reg = <0x00 0x%x 0x00 0x10000>;
			reg-io-width = <0x04>;
			reg-shift = <0x02>;
			clock-frequency = <0x16e3600>;
			current-speed = <0x1c200>;
		};
""" % (DW_BASE, DW_BASE)


def vf2_dtb(tmpdir, mem, smp, dw_uart):
    dts = dtb_to_dts(dump_dtb(mem=mem, smp=smp))
    dts = s7_hart0(dts)
    if dw_uart:
        # RAM ends 2 MiB early in the device tree; the DW "UART" lives there.
        dts = dts.replace("reg = <0x00 0x80000000 0x00 0x80000000>;",
                          "reg = <0x00 0x80000000 0x00 0x%x>;" % (DW_BASE - 0x80000000))
        end = dts.index("\n\t};", dts.index("\n\tsoc {"))   # after soc's properties
        dts = dts[:end] + "\n" + DW_UART.rstrip("\n") + dts[end:]
        dts = stdout_alias(dts, "/soc/serial@%x" % DW_BASE)
    else:
        dts = stdout_alias(dts, "/soc/serial@10000000")
    path = os.path.join(tmpdir, "vf2-shape.dtb")
    dts_to_dtb(dts, path)
    return path


def check_harts(record, n, boot_hart):
    record(n + "/boot-hart-not-s7", boot_hart in (1, 2, 3, 4),
           "boot hart %s; wanted one of the U74 harts 1-4" % boot_hart)


def sc_vf2_shape_harts(record, parse_ktap):
    """S7 hart 0 disabled, console through the serial0 alias."""
    with tempfile.TemporaryDirectory() as d:
        path = vf2_dtb(d, "2G", 5, dw_uart=False)
        b = scenarios.Boot("vf2-shape-harts", mem="2G", smp=5, dtb_path=path)
    n = "qemu/%s" % b.name
    scenarios.check_common(record, b)
    scenarios.check_lists(record, b)
    scenarios.check_opensbi(record, b)
    m = b.grep(r"^Boot hart (\d+),")
    hart = int(re.search(r"(\d+)", m[0]).group(1)) if m else None
    check_harts(record, n, hart)
    sbi = re.search(r"Boot HART ID\s*:\s*(\d+)", b.log)
    record(n + "/opensbi-agrees", sbi is not None and int(sbi.group(1)) == hart,
           "OpenSBI booted hart %s, kernel says %s" % (sbi and sbi.group(1), hart))
    record(n + "/s7-skipped",
           "smp: hart 0 has no MMU (no mmu-type); skipped" in b.lines and
           "smp: Brought up 1 node, 4 CPUs" in b.lines,
           "hart 0 (no MMU) not skipped, or not the 4 U74 harts up: %s" %
           b.grep(r"^smp: (hart|Brought up)"))
    record(n + "/console-via-alias",
           "serial@10000000: ttyS0 at MMIO 0x10000000 (reg-shift 0, reg-io-width 1) is a 16550A"
           in b.lines, "stdout-path = \"serial0:...\" did not resolve to the ns16550a")


def sc_vf2_shape_dw_uart(record, parse_ktap):
    """The console is a DesignWare UART description (see the module notes)."""
    n = "qemu/vf2-shape-dw-uart"
    with tempfile.TemporaryDirectory() as d:
        k = guestmem.KernelCopy(scenarios.KERNEL, d)
        path = vf2_dtb(d, "2G", 5, dw_uart=True)
        args = ["qemu-system-riscv64", "-M", "virt", "-m", "2G", "-smp", "5",
                "-nographic", "-bios", os.path.join(OPENSBI, "fw_dynamic.bin"),
                "-kernel", k.elf, "-dtb", path, "-append", MONITOR_POWEROFF,
                "-device", "loader,addr=0x%x,data=0x%x,data-len=4" % (DW_LSR, LSR_IDLE)]
        res = guestmem.run_and_inspect(
            args, k.addr("arch_poweroff"), timeout=TIME_LIMIT,
            dumps=k.printk_ranges(scenarios.LOAD_PA) + [("uart", DW_BASE, 0x20)])
        fdt = fdtlib.load(path)
    record(n + "/exit-status", res.rc == 0 and res.stopped,
           "QEMU exited %s after %.1fs, stopped at arch_poweroff: %s; %s; serial: %s" %
           (res.rc, res.elapsed, res.stopped, res.error, res.log[-400:]))
    record(n + "/serial-port-silent", "Arbor version" not in res.log and
           "OpenSBI" not in res.log,
           "output reached QEMU's ns16550a: %s" % res.log[:400])
    log = guestmem.kernel_log(res.mem)
    if not log:
        record(n + "/printk-ring-read", False, "no kernel log in guest memory: " + res.error)
        return
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    want = ("serial@%x: ttyS0 at MMIO 0x%x (reg-shift 2, reg-io-width 4) is a 16550A"
            % (DW_BASE, DW_BASE))
    record(n + "/dw-uart-parsed", want in lines, "missing line: " + want)
    record(n + "/console-enabled", "printk: console [ttyS0] enabled" in lines,
           "the DW UART console was not registered")
    uart = res.mem.get("uart", b"")
    lsr = int.from_bytes(uart[0x14:0x18], "little") if len(uart) >= 0x18 else None
    record(n + "/lsr-untouched", lsr == LSR_IDLE,
           "the line-status word at +0x14 is %s, seeded 0x%x" % (lsr, LSR_IDLE))

    # Guest time from the console switch to power-off: a driver polling
    # the wrong offset would spin 10^6 times per character.
    def stamp(text):
        for raw in log.splitlines():
            if text in raw:
                m = re.match(r"^\[\s*(\d+\.\d+)\]", raw)
                return float(m.group(1)) if m else None
        return None
    t0, t1 = stamp("printk: console [ttyS0] enabled"), stamp("reboot: Power down")
    record(n + "/console-no-spin", t0 is not None and t1 is not None and t1 - t0 < 1.0,
           "guest time from console switch to power-off: %s .. %s s" % (t0, t1))

    m = re.search(r"Boot hart (\d+), device tree at 0x([0-9a-f]+) \((\d+) bytes\)", log)
    check_harts(record, n, int(m.group(1)) if m else None)
    if not m:
        return
    memory, reserved = dtexpect.expected_lists(
        fdt, [(scenarios.LOAD_PA, k.image_size),
              scenarios.page_out(int(m.group(2), 16), int(m.group(3)))] +
        [scenarios.OPENSBI_RESV])
    scenarios.compare_list(record, n + "/memblock-memory", mm.printed_list(log, "memory"),
                           memory)
    scenarios.compare_list(record, n + "/memblock-reserved",
                           mm.printed_list(log, "reserved"), reserved)


ALL = [sc_vf2_shape_harts, sc_vf2_shape_dw_uart]
for _f in ALL:
    _f.name = _f.__name__[3:].replace("_", "-")
