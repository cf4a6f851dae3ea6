# SPDX-License-Identifier: GPL-2.0-or-later
"""Real-world device trees through tools/fdtmem.

Every RISC-V board tree of Linux 6.1 (build/linux-source-6.1/arch/riscv/
boot/dts/**.dts, extracted at build time, never committed) is built the way
the kernel's Makefile builds it:

    cpp -nostdinc -I <dts dir> -I <linux>/include -undef -D__DTS__ \\
        -x assembler-with-cpp BOARD.dts | dtc -I dts -O dtb

and so are the project's own trees (dts/*.dts, the VisionFive 2 one at each
memory size the board ships with).  tools/fdtmem replays the kernel's scan
on each; its memblock lists must equal what the device tree implies, read
with fdtget and fdtdump (the dtc project's tools) rather than with any code
of ours that parses trees, and turned into lists by tests/qemu/dtexpect.py.
One result per device tree.
"""
import glob
import os
import re
import subprocess
import tempfile

import dtexpect
import fdt as fdtlib
import memmodel as mm
from qemu import ROOT

LINUX = os.path.join(ROOT, "build", "linux-source-6.1")
DTS_ROOT = os.path.join(LINUX, "arch", "riscv", "boot", "dts")
FDTMEM = os.path.join(ROOT, "tools", "fdtmem")
VF2_SIZES = (2, 4, 8)           # GiB: the VisionFive 2 variants


def run(*cmd, **kw):
    p = subprocess.run(list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60, **kw)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def build_linux_dtb(dts, out):
    """cpp + dtc as Linux's scripts/Makefile.lib does; None or an error text."""
    cpp = subprocess.run(["cpp", "-nostdinc", "-I", os.path.dirname(dts),
                          "-I", os.path.join(LINUX, "include"), "-undef", "-D__DTS__",
                          "-x", "assembler-with-cpp", dts],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=60)
    if cpp.returncode:
        return dangling_hint() + "cpp: " + cpp.stderr.decode(errors="replace")[-300:]
    dtc = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, "-"],
                         input=cpp.stdout, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=60)
    if dtc.returncode:
        return "dtc: " + dtc.stderr.decode(errors="replace")[-400:]
    return None


def dangling_hint():
    """Name headers the extraction left as dangling symlinks, if any."""
    bad = []
    for dirpath, _, files in os.walk(os.path.join(LINUX, "include", "dt-bindings")):
        for f in files:
            path = os.path.join(dirpath, f)
            if os.path.islink(path) and not os.path.exists(path):
                bad.append("%s -> %s" % (os.path.relpath(path, LINUX), os.readlink(path)))
    if not bad:
        return ""
    return ("dangling symlinks in the extracted tree: %s; tools/fetch-linux-source.sh "
            "must extract their targets. " % ", ".join(bad))


class FdtgetNode:
    """A node read through fdtget, with the interface of fdt.Node."""

    def __init__(self, dtb, path, name):
        self.dtb, self.path, self.name = dtb, path, name
        rc, out, _ = run("fdtget", "-p", dtb, path)
        self.props = {p: None for p in out.split()} if rc == 0 else {}
        self._children = None

    @property
    def children(self):
        if self._children is None:
            rc, out, _ = run("fdtget", "-l", self.dtb, self.path)
            names = out.split() if rc == 0 else []
            base = self.path.rstrip("/")
            self._children = [FdtgetNode(self.dtb, base + "/" + n, n) for n in names]
        return self._children

    def child(self, name):
        return next((c for c in self.children if c.name == name), None)

    def cells(self, prop):
        if prop not in self.props:
            return None
        rc, out, _ = run("fdtget", "-t", "u", self.dtb, self.path, prop)
        return [int(v) for v in out.split()] if rc == 0 else []

    def string(self, prop):
        if prop not in self.props:
            return None
        rc, out, _ = run("fdtget", "-t", "s", self.dtb, self.path, prop)
        return out.rstrip("\n").split(" ")[0] if rc == 0 else None


class FdtgetTree(fdtlib.FDT):
    """fdt.FDT's queries (memory_banks, root_cells, find), answered by
    fdtget; /memreserve/ from fdtdump's listing."""

    def __init__(self, dtb):  # noqa: super().__init__ parses bytes; not wanted here
        self.root = FdtgetNode(dtb, "/", "")
        rc, out, _ = run("fdtdump", dtb)
        self.memreserve = [(int(a, 16), int(s, 16)) for a, s in
                           re.findall(r"^/memreserve/\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+);",
                                      out, re.M)]

    def root_cells(self):
        ac = self.root.cells("#address-cells")
        sc = self.root.cells("#size-cells")
        return (ac[0] if ac else 2), (sc[0] if sc else 1)


def fdtmem_lists(dtb):
    rc, out, err = run(FDTMEM, dtb)
    return rc, out, err, mm.printed_list(out, "memory"), mm.printed_list(out, "reserved")


def check_dtb(record, name, dtb):
    tree = FdtgetTree(dtb)
    if dtexpect.has_dynamic_regions(tree):
        print("skip %s # dynamic /reserved-memory regions are not modelled" % name, flush=True)
        return
    memory, reserved = dtexpect.expected_lists(tree)
    rc, out, err, got_mem, got_res = fdtmem_lists(dtb)
    want_mem, want_res = mm.debugfs_lines(memory), mm.debugfs_lines(reserved)
    problems = []
    if rc != 0:
        problems.append("fdtmem exited %d: %s" % (rc, err.strip()[-300:]))
    if got_mem != want_mem:
        problems.append("memory: fdtmem %s, expected %s" % (got_mem, want_mem))
    if got_res != want_res:
        problems.append("reserved: fdtmem %s, expected %s" % (got_res, want_res))
    if not want_mem:
        problems.append("the device tree has no usable memory bank")
    record(name, not problems, "; ".join(problems))


def sc_linux_boards(record, parse_ktap):
    """Linux 6.1's RISC-V board device trees."""
    sources = sorted(glob.glob(os.path.join(DTS_ROOT, "**", "*.dts"), recursive=True))
    if not sources:
        record("realdtb/linux-source", False,
               "no .dts under %s: run make (tools/fetch-linux-source.sh)" % DTS_ROOT)
        return
    with tempfile.TemporaryDirectory() as d:
        for dts in sources:
            rel = os.path.relpath(dts, DTS_ROOT)[:-4]
            name = "realdtb/linux-6.1/" + rel
            out = os.path.join(d, rel.replace("/", "_") + ".dtb")
            err = build_linux_dtb(dts, out)
            if err:
                record(name, False, err)
                continue
            check_dtb(record, name, out)


def sc_project_boards(record, parse_ktap):
    """dts/*.dts, the VisionFive 2 at 2, 4 and 8 GiB as its U-Boot fixes it up."""
    with tempfile.TemporaryDirectory() as d:
        for dts in sorted(glob.glob(os.path.join(ROOT, "dts", "*.dts"))):
            base = os.path.basename(dts)[:-4]
            out = os.path.join(d, base + ".dtb")
            rc, _, err = run("dtc", "-I", "dts", "-O", "dtb", "-o", out, dts)
            if rc:
                record("realdtb/project/" + base, False, "dtc: " + err[-400:])
                continue
            check_dtb(record, "realdtb/project/" + base, out)
            if base == "jh7110-visionfive2":
                for gib in VF2_SIZES:
                    sized = os.path.join(d, "%s-%dG.dtb" % (base, gib))
                    with open(out, "rb") as src, open(sized, "wb") as dst:
                        dst.write(src.read())
                    rc, _, err = run("fdtput", "-t", "x", sized, "/memory@40000000", "reg",
                                     "0", "40000000", "%x" % (gib >> 2), "%x" %
                                     ((gib & 3) << 30))
                    if rc:
                        record("realdtb/project/%s-%dG" % (base, gib), False, err)
                        continue
                    check_dtb(record, "realdtb/project/%s-%dG" % (base, gib), sized)


ALL = [sc_linux_boards, sc_project_boards]
for _f in ALL:
    _f.name = _f.__name__[3:].replace("_", "-")
