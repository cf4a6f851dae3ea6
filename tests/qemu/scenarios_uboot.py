# SPDX-License-Identifier: GPL-2.0-or-later
"""Boot scenarios through U-Boot's booti, as on a VisionFive board.

QEMU virt -> OpenSBI fw_dynamic -> Debian's S-mode U-Boot -> a virtio disk
made by tools/mksdimage (MBR + FAT: Image, extlinux/extlinux.conf,
boot.scr) -> booti -> Arbor.  No keystrokes: distro boot finds
extlinux.conf after U-Boot's autoboot countdown, or a /config node in the
device tree QEMU hands U-Boot sets bootdelay = <0> and a bootcmd that
sources boot.scr.

Each boot stops at the kernel's arch_poweroff (tests/qemu/guestmem.py) to
copy out the device tree U-Boot actually passed, then lets the guest power
off.  The command lines end in monitor.script=poweroff (qemu.boot_cmdline)
so the kernel powers off at its mm> monitor.  Expectations come from that device tree and from what U-Boot printed,
never from the kernel's own account of the same thing.
"""
import os
import re
import subprocess
import tempfile

import dtexpect
import fdt as fdtlib
import guestmem
import memmodel as mm
import scenarios
from qemu import ROOT, OPENSBI, dump_dtb, dtb_to_dts, dts_to_dtb, boot_cmdline

UBOOT = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin"
MKSDIMAGE = os.path.join(ROOT, "tools", "mksdimage")
TIME_LIMIT = 60         # seconds per boot; a good one takes 2-5


def make_disk(tmpdir, kernel, bootargs, name="disk.img"):
    path = os.path.join(tmpdir, name)
    subprocess.run([MKSDIMAGE, "-k", kernel.image, "-a", bootargs, path], check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT)
    return path


def qemu_args(mem, smp, disk, dtb=None):
    args = ["qemu-system-riscv64", "-M", "virt", "-m", mem, "-smp", str(smp),
            "-nographic", "-bios", os.path.join(OPENSBI, "fw_dynamic.bin"),
            "-kernel", UBOOT,
            "-drive", "file=%s,format=raw,if=none,id=disk0" % disk,
            "-device", "virtio-blk-device,drive=disk0"]
    return args + (["-dtb", dtb] if dtb else [])


class UBootBoot:
    """One boot through U-Boot, and the facts the checks need."""

    def __init__(self, name, kernel, disk, mem="2G", smp=4, qemu_dtb=None):
        self.name, self.kernel, self.mem, self.smp = name, kernel, mem, smp

        def dtb_range(res):
            loc = self._dtb_location(res.log)
            return [("dtb", loc[0], loc[1])] if loc else []

        self.res = guestmem.run_and_inspect(
            qemu_args(mem, smp, disk, qemu_dtb), kernel.addr("arch_poweroff"),
            dumps_after=dtb_range, timeout=TIME_LIMIT)
        self.rc, self.log = self.res.rc, self.res.log
        self.lines = [mm.strip_ts(l) for l in self.log.splitlines()]
        # The device tree QEMU gave the firmware and U-Boot ...
        if qemu_dtb:
            self.qemu_fdt = fdtlib.load(qemu_dtb)
        else:
            self.qemu_fdt = fdtlib.FDT(dump_dtb(mem=mem, smp=smp))
        # ... and the one U-Boot handed the kernel, read from guest memory.
        blob = self.res.mem.get("dtb")
        self.fdt = fdtlib.FDT(blob) if blob else None

    @staticmethod
    def _dtb_location(log):
        m = re.search(r"device tree at 0x([0-9a-f]+) \((\d+) bytes\)", log)
        return (int(m.group(1), 16), int(m.group(2))) if m else None

    def dtb_location(self):
        return self._dtb_location(self.log)

    def grep(self, pattern):
        return [l for l in self.lines if re.search(pattern, l)]

    def kernel_lines(self):
        """What the kernel printed: everything after U-Boot's last words."""
        try:
            i = self.lines.index("Starting kernel ...")
        except ValueError:
            return []
        return self.lines[i + 1:]

    def boot_hart(self):
        m = self.grep(r"^Boot hart \d+,")
        return int(m[0].split()[2].rstrip(",")) if m else None

    def ram_base(self):
        return min(base for base, _, _ in self.qemu_fdt.memory_banks())


def check_uboot_boot(record, b, bootargs):
    """Checks every U-Boot boot shares."""
    n = "qemu/%s" % b.name
    k = b.kernel
    record(n + "/exit-status", b.rc == 0 and b.res.elapsed < TIME_LIMIT,
           "QEMU exited %s after %.1fs (limit %ds); %s; log tail: %s" %
           (b.rc, b.res.elapsed, TIME_LIMIT, b.res.error, b.log[-600:]))
    record(n + "/reached-kernel",
           any(l.startswith("Arbor version ") for l in b.kernel_lines()),
           "no 'Arbor version' banner after U-Boot's 'Starting kernel ...'")
    record(n + "/stopped-at-poweroff", b.res.stopped,
           "the guest never reached arch_poweroff (0x%x): %s" %
           (k.addr("arch_poweroff"), b.res.error))

    # booti: the Image goes to RAM base + text_offset, and U-Boot's idea of
    # its end comes from the header's image_size.
    dst = b.ram_base() + k.text_offset
    m = b.grep(r"^Moving Image from 0x[0-9a-f]+ to 0x([0-9a-f]+), end=([0-9a-f]+)")
    moved = re.search(r"to 0x([0-9a-f]+), end=([0-9a-f]+)", m[0]) if m else None
    record(n + "/booti-destination",
           moved is not None and int(moved.group(1), 16) == dst and
           int(moved.group(2), 16) - dst == k.image_size,
           "wanted 'Moving Image from ... to 0x%x, end=%x' (RAM base + text_offset "
           "0x%x; image_size 0x%x); got %s" %
           (dst, dst + k.image_size, k.text_offset, k.image_size, m))

    # The DTB U-Boot says it passed is the one the kernel found in a1.
    m = b.grep(r"Booting using the fdt blob at 0x([0-9a-f]+)")
    loc = b.dtb_location()
    record(n + "/dtb-handover",
           bool(m) and loc is not None and int(m[-1].split("0x")[-1], 16) == loc[0],
           "U-Boot: %s; kernel: %s" % (m, loc))
    if b.fdt is None:
        record(n + "/dtb-captured", False, "could not read the DTB from guest memory: %s"
               % b.res.error)
        return
    record(n + "/dtb-size", b.fdt.totalsize == loc[1],
           "header totalsize %d, kernel printed %d" % (b.fdt.totalsize, loc[1]))

    # What U-Boot adds to /chosen: bootargs, boot-hartid, its version.
    chosen = b.fdt.find("/chosen")
    got = chosen.string("bootargs") if chosen else None
    record(n + "/chosen-bootargs", got == (bootargs or None),
           "/chosen/bootargs is %r, wanted %r" % (got, bootargs))
    record(n + "/cmdline", "Kernel command line: " + bootargs in
           [l.rstrip() for l in b.lines] or
           (not bootargs and "Kernel command line:" in [l.rstrip() for l in b.lines]),
           "no 'Kernel command line: %s'" % bootargs)
    hartid = chosen.cells("boot-hartid") if chosen else None
    record(n + "/chosen-boot-hartid",
           hartid is not None and b.boot_hart() is not None and hartid[0] == b.boot_hart(),
           "/chosen/boot-hartid %s, kernel's 'Boot hart' %s" % (hartid, b.boot_hart()))
    record(n + "/chosen-u-boot-version", bool(chosen and chosen.string("u-boot,version")),
           "no /chosen/u-boot,version")

    # memblock, from the DTB the kernel really got.
    dtb_pages = scenarios.page_out(*loc)
    memory, reserved = dtexpect.expected_lists(
        b.fdt, [(dst, k.image_size), dtb_pages])
    scenarios.compare_list(record, n + "/memblock-memory",
                           mm.printed_list(b.log, "memory"), memory)
    scenarios.compare_list(record, n + "/memblock-reserved",
                           mm.printed_list(b.log, "reserved"), reserved)
    scenarios.check_opensbi(record, b)
    record(n + "/uart-console", "printk: console [ttyS0] enabled" in b.lines,
           "console did not move to the ns16550a UART")


# ---- scenarios ----

def sc_uboot_extlinux(record, parse_ktap):
    """QEMU's own device tree; U-Boot's default bootcmd (distro boot)
    counts down, scans virtio 0:1 and boots extlinux/extlinux.conf."""
    bootargs = boot_cmdline("memblock=debug arbor.boot=extlinux")
    with tempfile.TemporaryDirectory() as d:
        k = guestmem.KernelCopy(scenarios.KERNEL, d)
        b = UBootBoot("uboot-extlinux", k, make_disk(d, k, bootargs), mem="2G", smp=4)
    check_uboot_boot(record, b, bootargs)
    n = "qemu/%s" % b.name
    record(n + "/distro-boot-extlinux", "Found /extlinux/extlinux.conf" in b.lines and
           "append: " + bootargs in b.lines,
           "U-Boot did not find and use extlinux.conf")


def sc_uboot_file_dtb(record, parse_ktap):
    """The VisionFive sdimage's path: extlinux.conf names a DTB file on the
    partition (`fdt /qemu-virt.dtb`), so the kernel gets that file, fixed
    up by U-Boot, instead of U-Boot's own tree."""
    bootargs = boot_cmdline("arbor.boot=file-dtb")
    with tempfile.TemporaryDirectory() as d:
        k = guestmem.KernelCopy(scenarios.KERNEL, d)
        blob = dump_dtb(mem="2G", smp=2)
        blob = blob[:fdtlib.FDT(blob).totalsize]        # dumpdtb pads to 1 MiB
        dtb = os.path.join(d, "qemu-virt.dtb")
        with open(dtb, "wb") as f:
            f.write(blob)
        disk = os.path.join(d, "disk.img")
        subprocess.run([MKSDIMAGE, "-k", k.image, "-d", dtb, "-a", bootargs, disk],
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
        b = UBootBoot("uboot-file-dtb", k, disk, mem="2G", smp=2)
    check_uboot_boot(record, b, bootargs)
    n = "qemu/%s" % b.name
    record(n + "/loaded-dtb-file", "Retrieving file: /qemu-virt.dtb" in b.lines,
           "U-Boot did not load the fdt named in extlinux.conf")
    # The file has no OpenSBI reservation; U-Boot copies it from its own tree.
    had = fdtlib.FDT(blob).find("/reserved-memory")
    got = b.fdt.find("/reserved-memory") if b.fdt else None
    record(n + "/firmware-reservation-copied",
           had is None and got is not None and
           any(c.name.startswith("mmode_resv") for c in got.children),
           "reserved-memory in the file: %s; in the kernel's DTB: %s" %
           (had and [c.name for c in had.children], got and [c.name for c in got.children]))


CONFIG_NODE = """
	config {
		bootdelay = <0>;
		bootcmd = "virtio scan; setenv devtype virtio; setenv devnum 0; setenv distro_bootpart 1; load virtio 0:1 ${scriptaddr} /boot.scr && source ${scriptaddr}";
	};
"""


def sc_uboot_bootscr(record, parse_ktap):
    """A /config node in the DTB QEMU hands U-Boot: bootdelay = <0> and a
    bootcmd that sources boot.scr, which ends in booti ... ${fdtcontroladdr}."""
    bootargs = boot_cmdline("arbor.boot=boot.scr")
    with tempfile.TemporaryDirectory() as d:
        k = guestmem.KernelCopy(scenarios.KERNEL, d)
        dts = dtb_to_dts(dump_dtb(mem="1G", smp=2))
        dts = dts.replace("\n\tchosen {", CONFIG_NODE + "\n\tchosen {", 1)
        qdtb = os.path.join(d, "config.dtb")
        dts_to_dtb(dts, qdtb)
        b = UBootBoot("uboot-bootscr", k, make_disk(d, k, bootargs), mem="1G", smp=2,
                      qemu_dtb=qdtb)
    check_uboot_boot(record, b, bootargs)
    n = "qemu/%s" % b.name
    record(n + "/no-countdown", not b.grep(r"autoboot:\s+[1-9]"),
           "U-Boot counted down: %s" % b.grep(r"autoboot:"))
    record(n + "/script-ran",
           "Arbor boot.scr: loading Image from virtio 0:1" in b.lines,
           "boot.scr's echo line is missing")
    # fdtcontroladdr: the kernel got U-Boot's control DT, /config and all.
    cfg = b.fdt.find("/config") if b.fdt else None
    record(n + "/got-control-dtb", cfg is not None and cfg.string("bootcmd") is not None,
           "the DTB the kernel got has no /config/bootcmd")


def sc_make_run_uboot(record, parse_ktap):
    """`make run-uboot` as a user types it, standard input closed."""
    bootargs = boot_cmdline("arbor.boot=make-run-uboot")
    n = "qemu/make-run-uboot"
    try:
        p = subprocess.run(["make", "-s", "run-uboot", "BOOTARGS=" + bootargs,
                            "QEMU_SMP=2", "QEMU_MEM=1G"], cwd=ROOT,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIME_LIMIT + 60)
        rc, out = p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        rc, out = None, (e.stdout or b"").decode(errors="replace")
    lines = [mm.strip_ts(l).rstrip() for l in out.splitlines()]
    record(n + "/exit-status", rc == 0, "make exited %s; tail: %s" % (rc, out[-600:]))
    record(n + "/extlinux", "Found /extlinux/extlinux.conf" in lines,
           "distro boot did not find extlinux.conf")
    record(n + "/cmdline", "Kernel command line: " + bootargs in lines,
           "no 'Kernel command line: %s'" % bootargs)


ALL = [sc_uboot_extlinux, sc_uboot_file_dtb, sc_uboot_bootscr, sc_make_run_uboot]
for _f in ALL:
    _f.name = _f.__name__[3:].replace("_", "-")
