# SPDX-License-Identifier: GPL-2.0-or-later
"""The VisionFive SD-card images, checked from the outside.

`make BOARD=visionfive2 sdimage` (and BOARD=visionfive) must give a disk
image the stock U-Boot boots.  These checks read it back with the tools a
user has: sfdisk for the partition table, mtools (-i img@@offset) for the
FAT contents, mkimage -l for boot.scr; the uImage header, the RISC-V Image
header and the DTB are decoded here, independently of the build.
"""
import json
import os
import struct
import subprocess
import tempfile
import zlib

import fdt as fdtlib
from qemu import ROOT

BOARDS = {
    # board: (DTB file, DRAM base, console UART base)
    "visionfive2": ("jh7110-visionfive2.dtb", 0x40000000, 0x10000000),
    "visionfive": ("jh7100-visionfive.dtb", 0x80000000, 0x12440000),
}
SECTOR = 512


def run(*cmd, **kw):
    p = subprocess.run(list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, **kw)
    return p.returncode, p.stdout.decode(errors="replace")


def make(*args, timeout=900):
    try:
        return run("make", "-s", *args, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "make %s: timed out after %ds" % (" ".join(args), timeout)


def read_fat(img, offset, path, dest):
    rc, out = run("mcopy", "-n", "-o", "-i", "%s@@%d" % (img, offset), "::" + path, dest)
    if rc != 0:
        return None
    with open(dest, "rb") as f:
        return f.read()


def parse_uimage(blob):
    """The legacy uImage header (U-Boot include/image.h), CRCs checked."""
    if len(blob) < 64:
        return None
    (magic, hcrc, _time, size, _load, _ep, dcrc, os_, arch, typ, comp,
     name) = struct.unpack(">7I4B32s", blob[:64])
    header = blob[:4] + b"\0\0\0\0" + blob[8:64]
    data = blob[64:64 + size]
    return {"magic": magic, "hcrc_ok": zlib.crc32(header) == hcrc,
            "dcrc_ok": len(data) == size and zlib.crc32(data) == dcrc,
            "os": os_, "arch": arch, "type": typ, "comp": comp,
            "name": name.rstrip(b"\0").decode(errors="replace"), "data": data}


def script_text(data):
    """A script image's payload: a table of 32-bit lengths ended by 0."""
    lengths, off = [], 0
    while off + 4 <= len(data):
        (n,) = struct.unpack(">I", data[off:off + 4])
        off += 4
        if n == 0:
            break
        lengths.append(n)
    return data[off:off + lengths[0]].decode(errors="replace") if lengths else ""


def image_header(blob):
    """The 64-byte RISC-V Linux Image header (Documentation/riscv/boot-image-header)."""
    (code0, code1, text_offset, image_size, flags, version, _r1, _r2, magic,
     magic2, _r3) = struct.unpack("<IIQQQIIQ8s4sI", blob[:64])
    return {"code0": code0, "text_offset": text_offset, "image_size": image_size,
            "flags": flags, "version": version, "magic": magic, "magic2": magic2}


def image_size_from_elf(elf):
    out = subprocess.run(["riscv64-unknown-elf-nm", elf], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    syms = {p[2]: int(p[0], 16) for p in (l.split() for l in out.splitlines()) if len(p) == 3}
    return syms["_end"] - syms["_start"]


def check_board(record, board):
    dtb_name, dram_base, uart_base = BOARDS[board]
    n = "sdimage/%s" % board
    out_dir = os.path.join(ROOT, "build", "riscv-%s" % board)
    img = os.path.join(out_dir, "sdcard.img")
    rc, out = make("BOARD=" + board, "sdimage")
    record(n + "/make-sdimage", rc == 0 and os.path.exists(img),
           "make BOARD=%s sdimage exited %s: %s" % (board, rc, out[-800:]))
    if rc != 0 or not os.path.exists(img):
        return
    with open(img, "rb") as f:
        first = f.read()

    # Partition table: MBR, one bootable FAT32 (LBA) partition from 1 MiB.
    rc, out = run("sfdisk", "--json", img)
    try:
        table = json.loads(out)["partitiontable"]
        parts = table["partitions"]
    except (ValueError, KeyError):
        record(n + "/partition-table", False, "sfdisk --json: %s" % out[-400:])
        return
    total = len(first) // SECTOR
    p = parts[0] if len(parts) == 1 else {}
    record(n + "/partition-table",
           table.get("label") == "dos" and len(parts) == 1 and p.get("start") == 2048 and
           p.get("start", 0) + p.get("size", 0) == total and
           p.get("type") == "c" and p.get("bootable") is True,
           "wanted dos, one bootable type-c partition over sectors 2048..%d; got %s" %
           (total - 1, table))
    offset = p.get("start", 2048) * SECTOR

    # FAT contents.
    rc, out = run("mdir", "-b", "-/", "-i", "%s@@%d" % (img, offset), "::")
    files = sorted(l.strip() for l in out.splitlines() if l.strip() and not l.endswith("/"))
    want = sorted(["::/Image", "::/boot.scr", "::/extlinux/extlinux.conf",
                   "::/" + dtb_name])
    record(n + "/fat-files", rc == 0 and files == want,
           "mdir: %s (rc %s); wanted %s" % (files, rc, want))
    rc, fsinfo = run("minfo", "-i", "%s@@%d" % (img, offset), "::")
    record(n + "/fat32", rc == 0 and 'disk type="FAT32' in fsinfo and
           "hidden sectors: %d" % (offset // SECTOR) in fsinfo,
           "minfo: not FAT32 with %d hidden sectors: %s" % (offset // SECTOR, fsinfo[:600]))

    with tempfile.TemporaryDirectory() as d:
        # extlinux.conf: the default label boots /Image with the board DTB.
        rc, conf = run("mtype", "-i", "%s@@%d" % (img, offset), "::/extlinux/extlinux.conf")
        lines = [l.strip() for l in conf.splitlines() if l.strip() and not l.startswith("#")]
        default = [l.split()[1] for l in lines if l.startswith("default ")]
        labels = [l.split()[1] for l in lines if l.startswith("label ")]
        record(n + "/extlinux-conf",
               rc == 0 and default and default[0] in labels and
               "kernel /Image" in lines and "fdt /%s" % dtb_name in lines and
               any(l.startswith("append ") for l in lines) and
               not any(l.startswith("menu title") for l in lines),
               "extlinux.conf: %r" % conf)

        # boot.scr: a valid legacy script image that loads Image and the DTB.
        scr = read_fat(img, offset, "/boot.scr", os.path.join(d, "boot.scr"))
        rc, listing = run("mkimage", "-l", os.path.join(d, "boot.scr"))
        u = parse_uimage(scr or b"")
        text = script_text(u["data"]) if u else ""
        record(n + "/boot-scr-header",
               rc == 0 and "Script" in listing and u is not None and
               u["magic"] == 0x27051956 and u["hcrc_ok"] and u["dcrc_ok"] and
               u["type"] == 6 and u["arch"] == 26 and u["comp"] == 0,
               "mkimage -l: %s; header %s" % (listing.strip(), u and {
                   k: v for k, v in u.items() if k != "data"}))
        body = [l.strip() for l in text.splitlines()]
        record(n + "/boot-scr-script",
               "load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} /Image" in body
               and "load ${devtype} ${devnum}:${distro_bootpart} ${fdt_addr_r} /%s" % dtb_name
               in body and body[-1] == "booti ${kernel_addr_r} - ${fdt_addr_r}",
               "script: %r" % text)

        # Image: the build's arbor.bin, with a valid RISC-V Image header.
        image = read_fat(img, offset, "/Image", os.path.join(d, "Image"))
        with open(os.path.join(out_dir, "arbor.bin"), "rb") as f:
            built = f.read()
        record(n + "/image-is-arbor-bin", image == built,
               "FAT /Image (%s bytes) differs from %s/arbor.bin (%d bytes)" %
               (len(image or b""), out_dir, len(built)))
        h = image_header(image or bytes(64))
        size = image_size_from_elf(os.path.join(out_dir, "arbor.elf"))
        record(n + "/image-header",
               h["magic"] == b"RISCV\0\0\0" and h["magic2"] == b"RSC\x05" and
               h["text_offset"] == 0x200000 and h["image_size"] == size and
               h["image_size"] >= len(image or b"") and h["flags"] == 0 and
               h["version"] == 2 and h["code0"] & 3 == 3,
               "header %s; wanted magic RISCV, RSC\\x05, text_offset 0x200000, "
               "image_size 0x%x (_end - _start), flags 0, version 0.2, a 4-byte "
               "first instruction" % (h, size))

        # The DTB: the build's, describing the board's RAM and console.
        blob = read_fat(img, offset, "/" + dtb_name, os.path.join(d, "board.dtb"))
        with open(os.path.join(out_dir, dtb_name), "rb") as f:
            record(n + "/dtb-is-build-output", blob == f.read(),
                   "FAT /%s differs from %s" % (dtb_name, out_dir))
        try:
            t = fdtlib.FDT(blob)
            check_board_dtb(record, n, board, t, dram_base, uart_base)
        except (ValueError, struct.error, AttributeError, TypeError) as e:
            record(n + "/dtb-parses", False, repr(e))

    # Reproducible: a second build gives the same bytes.
    rc, out = make("BOARD=" + board, "sdimage")
    with open(img, "rb") as f:
        again = f.read()
    record(n + "/reproducible", rc == 0 and again == first,
           "a second make sdimage gave different bytes (rc %s)" % rc)


# The console UART's input clock: 24 MHz on the JH7110, 100 MHz on the JH7100.
UART_CLOCK = {"visionfive2": 24000000, "visionfive": 100000000}


def check_board_dtb(record, n, board, t, dram_base, uart_base):
    banks = t.memory_banks()
    record(n + "/dtb-memory", len(banks) == 1 and banks[0][0] == dram_base,
           "memory banks %s; wanted one at 0x%x" % (banks, dram_base))
    chosen = t.find("/chosen")
    path = chosen.string("stdout-path") if chosen else None
    alias = path.split(":")[0] if path else ""
    aliases = t.find("/aliases")
    target = aliases.string(alias) if aliases and alias in aliases.props else alias
    uart = t.find(target) if target else None
    ac = 2
    reg = fdtlib.FDT.tuples(uart.cells("reg"), ac, 2) if uart else []
    record(n + "/dtb-console",
           path == "serial0:115200n8" and uart is not None and
           uart.string("compatible") == "snps,dw-apb-uart" and
           reg and reg[0][0] == uart_base and uart.cells("reg-shift") == [2] and
           uart.cells("reg-io-width") == [4] and
           uart.cells("clock-frequency") == [UART_CLOCK[board]],
           "stdout-path %r -> %r: %s" % (path, target, uart and uart.props))
    cpus = t.find("/cpus")
    harts = [c for c in (cpus.children if cpus else []) if c.name.startswith("cpu@")]
    smode = [c.name for c in harts if c.string("mmu-type") and
             c.string("status") in (None, "okay")]
    want = (["cpu@1", "cpu@2", "cpu@3", "cpu@4"] if board == "visionfive2"
            else ["cpu@0", "cpu@1"])
    record(n + "/dtb-harts", smode == want and all(
        c.string("status") == "disabled" and not c.string("mmu-type")
        for c in harts if c.name not in want),
           "harts with an MMU and enabled: %s; wanted %s" % (smode, want))


def sc_sdimage_visionfive2(record, parse_ktap):
    check_board(record, "visionfive2")


def sc_sdimage_visionfive(record, parse_ktap):
    check_board(record, "visionfive")


def sc_same_image(record, parse_ktap):
    """One Image boots every RISC-V board: the board builds are identical."""
    images = {}
    for board in ("qemu-virt", "visionfive2"):
        path = os.path.join("build", "riscv-%s" % board, "arbor.bin")
        rc, out = make("BOARD=" + board, path)
        if rc == 0:
            with open(os.path.join(ROOT, path), "rb") as f:
                images[board] = f.read()
    record("sdimage/same-image-all-boards",
           len(images) == 2 and images["qemu-virt"] == images["visionfive2"],
           "arbor.bin differs between BOARD=qemu-virt and BOARD=visionfive2 "
           "(or failed to build: %s)" % sorted(images))


ALL = [sc_sdimage_visionfive2, sc_sdimage_visionfive, sc_same_image]
for _f in ALL:
    _f.name = _f.__name__[3:].replace("_", "-")
