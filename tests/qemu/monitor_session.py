# SPDX-License-Identifier: GPL-2.0-or-later
"""The mm> monitor, driven over QEMU's serial console as a user types.

QEMU runs under tools/run-qemu with its standard input and output on
pipes (-nographic puts the first serial port on stdio).  Monitor (below)
writes a command line, reads until the next "mm> " prompt, and hands
back the lines in between: everything bounded by a time limit, nothing
but the standard library.

Checks (sc_monitor_session on RISC-V, sc_monitor_session_x86 on x86-64:
one list of steps, SESSION_STEPS; Arch says what differs between ports):
  format     every report parses in its Linux format: meminfo keys and
             kB units, buddyinfo's 11 columns per zone, slabinfo 2.1's
             header and rows, vmallocinfo ranges, the memblock debugfs
             lists, zoneinfo's fields, ptdump ranges and a VA walk,
             freeblocks runs that add up to buddyinfo
  exact      `alloc pages 2 4` lowers MemFree by exactly 64 kB and `free`
             restores it; `alloc pages 5 3` takes exactly 3 blocks' worth
             of pages off the buddy lists (order > 3: no per-CPU lists in
             the way) and `free` gives buddyinfo back unchanged;
             `alloc kmalloc 192 10` adds exactly 10 active objects to
             kmalloc-192; `alloc vmalloc 40K` adds one vmallocinfo line of
             45056 bytes (40 KiB + the guard page) with pages=10
  commands   page (allocated, free, by pa, by vmalloc va, a hole refused),
             frag/frag release, selftest (KTAP, no timestamps when the
             monitor's own suite nests commands), bench, drain, dmesg,
             free all, held, check: each answers in its documented form
  editing    backspace and DEL, Ctrl-U, Ctrl-C, history recall with the
             arrow keys (ESC [ A / ESC [ B), Tab completion
  robust     each unknown command or bad argument gets exactly one line:
             its command's usage line, or the refusal naming the
             problem (BAD_INPUT), and the next command still works;
             `poweroff` exits QEMU with 0
  x86-64     the same, except: `fdt` says there is no device tree, the
             hole refused by `page` is the VGA hole (pfn 0xa0), and the
             zones are DMA and DMA32
and, on x86-64, monitor.script= runs commands at boot (sc_monitor_script_x86);
`crash null` from a script panics and QEMU exits non-zero (sc_monitor_crash);
tools/plot-memmap draws pictures from a saved log, and NOMAP regions from
fdtmem's output in their own colour (sc_plot_memmap).

Run alone to print a transcript (used for docs/monitor.md):
  python3 tests/qemu/monitor_session.py [--x86] [--mem 2G --smp 4] "alloc pages 3" buddyinfo
"""
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import zlib

import memmodel as mm
import vmallocinfo
from qemu import ROOT, OPENSBI, run_qemu

RISCV_KERNEL = os.path.join(ROOT, "build", "riscv-qemu-virt", "arbor.elf")
X86_KERNEL = os.path.join(ROOT, "build", "x86_64-qemu-x86_64", "arbor.elf")


class Arch:
    """What a session may expect of one port; everything else is shared.

    zones     the zones buddyinfo lists with 512 MiB of RAM
    hole_pfn  a page frame with no RAM behind it: pfn 1 is RAM on x86-64
              (E820 starts usable at 0), pfn 0xa0 is the legacy VGA hole
              between 640 KiB and 1 MiB, which no E820 map calls usable
    has_dtb   booted with a device tree (x86-64 boots from E820)
    """

    def __init__(self, prefix, kernel, x86, smp, zones, hole_pfn, has_dtb):
        self.prefix, self.kernel, self.x86, self.smp = prefix, kernel, x86, smp
        self.zones, self.hole_pfn, self.has_dtb = zones, hole_pfn, has_dtb


RISCV = Arch("qemu/monitor-session", RISCV_KERNEL, x86=False, smp=2,
             zones={"DMA32"}, hole_pfn=0x1, has_dtb=True)
X86 = Arch("qemu/monitor-session-x86", X86_KERNEL, x86=True, smp=1,
           zones={"DMA", "DMA32"}, hole_pfn=0xa0, has_dtb=False)

PROMPT = b"mm> "
BOOT_LIMIT = 60         # seconds from QEMU start to the first prompt
COMMAND_LIMIT = 60      # seconds per command


class MonitorError(Exception):
    pass


class Monitor:
    """One QEMU boot with a conversation on its serial console."""

    def __init__(self, kernel=RISCV_KERNEL, mem="512M", smp=2, bootargs="", x86=False,
                 machine=None, extra=""):
        env = dict(os.environ, QEMU_MEM=str(mem), QEMU_SMP=str(smp), BOOTARGS=bootargs,
                   DTB="", QEMU_EXTRA=extra, FW="fw_dynamic", OPENSBI_DIR=OPENSBI)
        if x86:
            env.update(QEMU="qemu-system-x86_64", QEMU_MACHINE=machine or "q35")
        else:
            env.update(QEMU="qemu-system-riscv64", QEMU_MACHINE=machine or "virt")
        self.proc = subprocess.Popen([os.path.join(ROOT, "tools", "run-qemu"), kernel],
                                     env=env, cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.out = b""          # everything QEMU printed
        self.pos = 0            # how much of it has been consumed
        self.transcript = []    # (command, output lines)

    # ---- raw I/O ----

    def _fill(self, deadline):
        left = deadline - time.time()
        if left <= 0:
            raise MonitorError("time limit reached")
        r, _, _ = select.select([self.proc.stdout], [], [], min(left, 1.0))
        if not r:
            if self.proc.poll() is not None:
                raise MonitorError("QEMU exited with %s" % self.proc.returncode)
            return
        data = self.proc.stdout.read(65536)
        if data is None:
            return
        if not data:
            self.proc.wait(timeout=10)
            raise MonitorError("QEMU exited with %s" % self.proc.returncode)
        self.out += data

    def read_until(self, needle, limit=COMMAND_LIMIT):
        """Bytes up to and including @needle; raises MonitorError on time-out."""
        deadline = time.time() + limit
        while True:
            i = self.out.find(needle, self.pos)
            if i >= 0:
                got = self.out[self.pos:i + len(needle)]
                self.pos = i + len(needle)
                return got
            self._fill(deadline)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def tail(self, n=800):
        return self.out[-n:].decode(errors="replace")

    # ---- the conversation ----

    def boot(self):
        """Wait for the first prompt; returns the boot log."""
        return self.read_until(PROMPT, BOOT_LIMIT).decode(errors="replace")

    def raw(self, keys, limit=COMMAND_LIMIT):
        """Type @keys (they must end the line); returns everything echoed
        and printed up to the next prompt, CRs removed."""
        self.send(keys)
        got = self.read_until(b"\n" + PROMPT, limit)
        return got[:-len(PROMPT)].decode(errors="replace").replace("\r", "")

    def cmd(self, line, limit=COMMAND_LIMIT):
        """Run @line; returns its output lines (the echo removed)."""
        text = self.raw(line + "\r", limit)
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or lines[0] != line:
            raise MonitorError("echo %r is not the command %r" % (lines[:1], line))
        self.transcript.append((line, lines[1:]))
        return lines[1:]

    def poweroff(self, limit=30):
        """Send poweroff; returns QEMU's exit status (None on time-out)."""
        self.send("poweroff\r")
        deadline = time.time() + limit
        while self.proc.poll() is None and time.time() < deadline:
            try:
                self._fill(deadline)
            except MonitorError:
                break
        try:
            return self.proc.wait(timeout=max(1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# ---- parsers: Linux's formats ----

MEMINFO_KEYS = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
                "Active", "Inactive", "Slab", "SReclaimable", "SUnreclaim", "KernelStack",
                "PageTables", "VmallocTotal", "VmallocUsed", "VmallocChunk"]


def parse_meminfo(lines):
    """{key: kB}; raises ValueError on any line not in /proc/meminfo's shape."""
    out = {}
    for l in lines:
        m = re.match(r"^([A-Za-z()_]+):\s+(\d+) kB$", l)
        if not m:
            raise ValueError("meminfo line %r" % l)
        out[m.group(1)] = int(m.group(2))
    missing = [k for k in MEMINFO_KEYS if k not in out]
    if missing:
        raise ValueError("meminfo lacks %s" % missing)
    return out


def parse_buddyinfo(lines):
    """{(node, zone): [11 counts]}."""
    out = {}
    for l in lines:
        m = re.match(r"^Node (\d+), zone\s+(\S+)((?:\s+\d+)+)\s*$", l)
        if not m:
            raise ValueError("buddyinfo line %r" % l)
        counts = [int(x) for x in m.group(3).split()]
        if len(counts) != 11:
            raise ValueError("buddyinfo: %d columns, not 11: %r" % (len(counts), l))
        out[(int(m.group(1)), m.group(2))] = counts
    if not out:
        raise ValueError("buddyinfo printed nothing")
    return out


def buddy_pages(info):
    return sum(c << o for counts in info.values() for o, c in enumerate(counts))


SLAB_HEADER = ("# name            <active_objs> <num_objs> <objsize> <objperslab> "
               "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
               "slabdata <active_slabs> <num_slabs> <sharedavail>")


def parse_slabinfo(lines):
    """{name: (active_objs, num_objs, objsize, objperslab, pagesperslab)}."""
    if len(lines) < 2 or lines[0] != "slabinfo - version: 2.1":
        raise ValueError("slabinfo header %r" % lines[:1])
    if lines[1] != SLAB_HEADER:
        raise ValueError("slabinfo column line %r" % lines[1])
    out = {}
    for l in lines[2:]:
        m = re.match(r"^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) : tunables\s+0\s+0\s+0 : "
                     r"slabdata\s+(\d+)\s+(\d+)\s+0$", l)
        if not m:
            raise ValueError("slabinfo row %r" % l)
        v = [int(x) for x in m.groups()[1:]]
        if v[0] > v[1] or v[5] != v[6]:
            raise ValueError("slabinfo row inconsistent: %r" % l)
        out[m.group(1)] = tuple(v[:5])
    return out


def parse_vmallocinfo(lines):
    """[(start, end, size, rest)], each line read field by field as
    tests/qemu/vmallocinfo.py reads Linux's format."""
    return [(a["start"], a["end"], a["size"], a["rest"]) for a in vmallocinfo.parse(lines)]


def parse_memblock(lines):
    """(memory lines, reserved lines) in debugfs format."""
    if "memblock/memory:" not in lines or "memblock/reserved:" not in lines:
        raise ValueError("memblock headers missing: %r" % lines[:2])
    i, j = lines.index("memblock/memory:"), lines.index("memblock/reserved:")
    lists = (lines[i + 1:j], lines[j + 1:])
    for lst in lists:
        for k, l in enumerate(lst):
            if not re.match(r"^\s*%d: 0x[0-9a-f]{16}\.\.0x[0-9a-f]{16}\s+(\d+|x) "
                            r"(NONE|[A-Z_|]+)$" % k, l):
                raise ValueError("memblock line %r" % l)
    return lists


ZONEINFO_FIELDS = ["pages free", "boost", "min", "low", "high", "spanned", "present",
                   "managed"]


def parse_zoneinfo(lines):
    """{zone name: {field: value}} for the fields above."""
    out, zone = {}, None
    for l in lines:
        m = re.match(r"^Node (\d+), zone\s+(\S+)$", l)
        if m:
            zone = out.setdefault(m.group(2), {})
            continue
        m = re.match(r"^\s+(pages free|boost|min|low|high|spanned|present|managed)\s+(\d+)$", l)
        if m and zone is not None:
            zone[m.group(1)] = int(m.group(2))
    if not out:
        raise ValueError("zoneinfo: no zones")
    for name, z in out.items():
        if z and [f for f in ZONEINFO_FIELDS if f not in z]:
            raise ValueError("zoneinfo %s lacks %s" %
                             (name, [f for f in ZONEINFO_FIELDS if f not in z]))
    if not any(out.values()):
        raise ValueError("zoneinfo: no populated zone")
    return out


FREEBLOCK_LINE = re.compile(r"^\s+(buddy|pcp)\s+order\s+(\d+) pfn 0x([0-9a-f]+) count\s+(\d+) "
                            r"\[mem 0x([0-9a-f]{16})-0x([0-9a-f]{16})\]$")


def parse_freeblocks(lines):
    """{zone: [(kind, order, pfn, count)]}."""
    out, zone = {}, None
    for l in lines:
        m = re.match(r"^Node (\d+), zone\s+(\S+)$", l)
        if m:
            zone = out.setdefault(m.group(2), [])
            continue
        m = FREEBLOCK_LINE.match(l)
        if m and zone is not None:
            kind, order, pfn, count = (m.group(1), int(m.group(2)), int(m.group(3), 16),
                                       int(m.group(4)))
            start, end = int(m.group(5), 16), int(m.group(6), 16)
            if start != pfn << 12 or end + 1 - start != (count << order) << 12:
                raise ValueError("freeblocks range disagrees: %r" % l)
            zone.append((kind, order, pfn, count))
            continue
        if re.match(r"^\s+total: buddy \d+ pages in \d+ blocks, pcp \d+ pages$", l):
            continue
        raise ValueError("freeblocks line %r" % l)
    return out


PTDUMP_LINE = re.compile(r"^0x([0-9a-f]{16})-0x([0-9a-f]{16})\s+0x([0-9a-f]{16})\s+(\d+)([KMGTPE]) "
                         r"(PTE|PMD|PUD|P4D|PGD)\s+(.*)$")


def parse_ptdump(lines):
    out = []
    for l in lines:
        if re.match(r"^---\[ .* \]---$", l):
            continue
        m = PTDUMP_LINE.match(l)
        if not m:
            raise ValueError("ptdump line %r" % l)
        start, end = int(m.group(1), 16), int(m.group(2), 16)
        size = int(m.group(4)) << {"K": 10, "M": 20, "G": 30, "T": 40, "P": 50, "E": 60}[m.group(5)]
        if end - start != size:
            raise ValueError("ptdump range and size disagree: %r" % l)
        out.append((start, end, int(m.group(3), 16), m.group(6), m.group(7)))
    return out


# ---- scenarios ----

class Checker:
    def __init__(self, record, prefix):
        self.record, self.prefix = record, prefix

    def __call__(self, name, ok, detail=""):
        self.record("%s/%s" % (self.prefix, name), bool(ok), detail)

    def parses(self, name, fn, lines):
        try:
            v = fn(lines)
        except ValueError as e:
            self(name, False, "%s; output: %s" % (e, lines[:12]))
            return None
        self(name, True)
        return v


NO_DTB = "fdt: the kernel did not boot with a device tree"


def check_reports(c, m):
    """Every report command, each in its Linux format."""
    c.parses("meminfo-format", parse_meminfo, m.cmd("meminfo"))
    info = c.parses("buddyinfo-format", parse_buddyinfo, m.cmd("buddyinfo"))
    if info:
        zones = {zone for _, zone in info}
        c("buddyinfo-zones", zones == m.arch.zones, "zones %s, wanted %s" %
          (sorted(zones), sorted(m.arch.zones)))
    lines = m.cmd("pagetypeinfo")
    c("pagetypeinfo-format",
      any(l.startswith("Page block order: 9") for l in lines) and
      any(re.match(r"^Node\s+0, zone\s+\S+, type\s+Movable(\s+\d+){11}\s*$", l) for l in lines)
      and any(l.startswith("Number of blocks type") for l in lines), lines[:8])
    c.parses("zoneinfo-format", parse_zoneinfo, m.cmd("zoneinfo"))
    c.parses("slabinfo-format", parse_slabinfo, m.cmd("slabinfo"))
    c.parses("vmallocinfo-format", parse_vmallocinfo, m.cmd("vmallocinfo"))
    c.parses("memblock-format", parse_memblock, m.cmd("memblock"))
    dump = c.parses("ptdump-format", parse_ptdump, m.cmd("ptdump"))
    if dump:
        c("ptdump-linear-map-present", any(lvl in ("PUD", "PMD") for _, _, _, lvl, _ in dump),
          "no large leaves in %s" % dump[:4])
    lines = m.cmd("cmdline")
    c("cmdline", len(lines) == 1 and lines[0] == m.bootargs, lines)
    lines = m.cmd("fdt /memory@80000000")
    if m.arch.has_dtb:
        c("fdt-memory-node", lines[:2] == ["/memory@80000000 {", '\tdevice_type = "memory";'] and
          lines[-1] == "};" and any(l.startswith("\treg = <0x00 0x80000000 ") for l in lines),
          lines)
        lines = m.cmd("fdt /nonexistent")
        c("fdt-missing-node", len(lines) == 1 and
          lines[0].startswith("fdt: no node /nonexistent"), lines)
    else:
        c("fdt-no-device-tree", lines == [NO_DTB], lines)
        lines = m.cmd("fdt")
        c("fdt-root-no-device-tree", lines == [NO_DTB], lines)
    lines = m.cmd("help")
    names = {l.split()[0] for l in lines[1:] if l.startswith("  ") and l.split()}
    want = {"meminfo", "buddyinfo", "pagetypeinfo", "zoneinfo", "slabinfo", "vmallocinfo",
            "memblock", "ptdump", "page", "fdt", "cmdline", "alloc", "free", "held", "frag",
            "selftest", "bench", "crash", "poweroff", "freeblocks"}
    c("help-lists-commands", want <= names, "missing: %s" % sorted(want - names))


def check_freeblocks(c, m):
    info = parse_buddyinfo(m.cmd("buddyinfo"))
    blocks = c.parses("freeblocks-format", parse_freeblocks, m.cmd("freeblocks"))
    if blocks is None:
        return
    ok, detail = True, []
    for (node, zone), counts in info.items():
        got = [0] * 11
        for kind, order, pfn, count in blocks.get(zone, []):
            if kind == "buddy":
                got[order] += count
        if got != counts:
            ok = False
            detail.append("%s: buddyinfo %s, freeblocks %s" % (zone, counts, got))
    c("freeblocks-matches-buddyinfo", ok, "; ".join(detail))
    lines = m.cmd("freeblocks 10")
    c("freeblocks-one-order", all(" order 10 " in l for l in lines if "pfn 0x" in l) and
      any(" order 10 " in l for l in lines), lines[:4])


def check_alloc_pages(c, m):
    before = parse_meminfo(m.cmd("meminfo"))["MemFree"]
    out = m.cmd("alloc pages 2 4")
    handle = re.match(r"^alloc: handle (\d+): 4 x pages order 2 ", out[0]) if out else None
    c("alloc-pages-reply", handle, out)
    after = parse_meminfo(m.cmd("meminfo"))["MemFree"]
    c("alloc-pages-memfree-exact", before - after == 64, "MemFree %d -> %d kB, wanted -64" %
      (before, after))
    held = m.cmd("held")
    c("held-lists-handle", handle and any(re.match(r"^\s+handle %s: pages order 2, 4 x 16384 "
                                                   r"bytes = 65536 bytes; first pfn 0x[0-9a-f]+$"
                                                   % handle.group(1), l) for l in held), held)
    out = m.cmd("free %s" % (handle.group(1) if handle else "1"))
    again = parse_meminfo(m.cmd("meminfo"))["MemFree"]
    c("free-pages-memfree-exact", again == before, "MemFree %d -> %d -> %d kB" %
      (before, after, again))

    # Order 5 bypasses the per-CPU lists: the buddy lists show it exactly.
    b0 = parse_buddyinfo(m.cmd("buddyinfo"))
    out = m.cmd("alloc pages 5 3")
    handle = re.match(r"^alloc: handle (\d+): 3 x pages order 5 ", out[0]) if out else None
    b1 = parse_buddyinfo(m.cmd("buddyinfo"))
    c("alloc-order5-buddy-exact", buddy_pages(b0) - buddy_pages(b1) == 3 * 32,
      "buddy pages %d -> %d, wanted -96; %s -> %s" % (buddy_pages(b0), buddy_pages(b1), b0, b1))
    m.cmd("free %s" % (handle.group(1) if handle else "1"))
    b2 = parse_buddyinfo(m.cmd("buddyinfo"))
    c("free-order5-buddyinfo-restored", b2 == b0, "%s -> %s -> %s" % (b0, b1, b2))


def check_page(c, m):
    out = m.cmd("alloc pages 3 1")
    h = re.match(r"^alloc: handle (\d+): 1 x pages order 3 \(32768 bytes each\): pfn 0x([0-9a-f]+)$",
                 out[0]) if out else None
    if not h:
        c("page-alloc", False, out)
        return
    pfn = int(h.group(2), 16)
    lines = m.cmd("page 0x%x" % pfn)
    c("page-allocated", lines and lines[0].startswith("page: pfn 0x%x pa 0x%016x" % (pfn, pfn << 12))
      and any(re.match(r"^flags: 0x[0-9a-f]+\(.*zone=\d\|node=0\)$", l) for l in lines) and
      any(re.match(r"^raw:( [0-9a-f]{16}){4}$", l) for l in lines) and
      any(l.startswith("zone: ") for l in lines), lines)
    lines = m.cmd("page pa 0x%x" % ((pfn + 1) << 12))
    c("page-by-pa", lines and lines[0].startswith("page: pfn 0x%x " % (pfn + 1)), lines)
    m.cmd("free %s" % h.group(1))
    lines = m.cmd("page 0x%x" % pfn)
    c("page-free-block", any(l.startswith("buddy: free block of order") or
                             l.startswith("pcp: ") or l.startswith("free: inside")
                             for l in lines), lines)
    lines = m.cmd("page 0x%x" % m.arch.hole_pfn)
    c("page-refuses-hole", len(lines) == 1 and
      lines[0].startswith("page: 0x%x is no pfn, physical address" % m.arch.hole_pfn), lines)
    kernel = [l for l in m.cmd("page va 0xffffffff80000000")]
    c("page-by-va-kernel-image", any("reserved" in l for l in kernel), kernel)


def check_kmalloc(c, m):
    s0 = parse_slabinfo(m.cmd("slabinfo"))
    out = m.cmd("alloc kmalloc 192 10")
    h = re.match(r"^alloc: handle (\d+): 10 x kmalloc 192 ", out[0]) if out else None
    s1 = parse_slabinfo(m.cmd("slabinfo"))
    a0, a1 = s0.get("kmalloc-192", (0,))[0], s1.get("kmalloc-192", (0,))[0]
    c("kmalloc-192-active-objs-exact", h and a1 - a0 == 10, "active_objs %d -> %d; %s" %
      (a0, a1, out))
    check_active_slab(c, m, out, s1.get("kmalloc-192"))
    m.cmd("free %s" % (h.group(1) if h else "1"))
    a2 = parse_slabinfo(m.cmd("slabinfo")).get("kmalloc-192", (0,))[0]
    c("kfree-192-active-objs-exact", a2 == a0, "active_objs %d -> %d -> %d" % (a0, a1, a2))


def check_active_slab(c, m, out, info):
    """`page va` of the first object just allocated: its slab is this
    CPU's active (frozen) one, whose inuse counts the CPU's private
    freelist too; the report splits it into free and allocated objects,
    and when the cache has one slab the allocated ones are slabinfo's
    active objects."""
    first = re.search(r": 0x([0-9a-f]{16})", out[0]) if out else None
    lines = m.cmd("page va 0x%s" % first.group(1)) if first else []
    sl = [re.match(r"^slab of cache kmalloc-192: order (\d+), objects (\d+), inuse (\d+), "
                   r"state frozen \(a CPU's active slab\), freelist 0x[0-9a-f]{16}$", l)
          for l in lines]
    sl = [x for x in sl if x]
    cpu = [re.match(r"^CPU (\d+)'s active slab: (\d+) objects on its freelist, (\d+) allocated$", l)
           for l in lines]
    cpu = [x for x in cpu if x]
    ok = len(sl) == 1 and len(cpu) == 1 and info is not None
    if ok:
        objects, inuse = int(sl[0].group(2)), int(sl[0].group(3))
        free, allocated = int(cpu[0].group(2)), int(cpu[0].group(3))
        ok = (objects == info[3] and inuse == objects and free + allocated == inuse and
              allocated >= 10 and (info[1] != objects or allocated == info[0]))
    c("page-active-slab-split", ok, "slabinfo %s; %s" % (info, lines))


def check_vmalloc(c, m):
    v0 = parse_vmallocinfo(m.cmd("vmallocinfo"))
    out = m.cmd("alloc vmalloc 40K")
    h = re.match(r"^alloc: handle (\d+): 1 x vmalloc 40960 \(40960 bytes each\): 0x([0-9a-f]+)$",
                 out[0]) if out else None
    v1 = parse_vmallocinfo(m.cmd("vmallocinfo"))
    new = [v for v in v1 if v not in v0]
    c("vmalloc-40K-vmallocinfo", h and len(new) == 1 and new[0][2] == 45056 and
      new[0][0] == int(h.group(2), 16) and re.search(r"\bpages=10 vmalloc$", new[0][3]),
      "new lines %s; %s" % (new, out))
    if h:
        walk = m.cmd("ptdump 0x%s" % h.group(2))
        c("ptdump-va-walk", walk and walk[0] == "pgtable: walk of 0x%016x" % int(h.group(2), 16)
          and any(l.strip().startswith("-> pa 0x") for l in walk), walk)
        lines = m.cmd("page va 0x%s" % h.group(2))
        c("page-by-vmalloc-va", lines and lines[0].startswith("page: pfn 0x"), lines)
    m.cmd("free %s" % (h.group(1) if h else "1"))
    v2 = parse_vmallocinfo(m.cmd("vmallocinfo"))
    gone = h and not any(v[0] == int(h.group(2), 16) and v[3].endswith(" vmalloc") for v in v2)
    c("vfree-vmallocinfo", gone, v2)


def check_frag(c, m):
    b0 = parse_buddyinfo(m.cmd("buddyinfo"))
    out = m.cmd("frag 7")
    c("frag-reply", out and re.match(r"^frag: seed 7: allocated \d+ order-0 pages", out[0]), out)
    b1 = parse_buddyinfo(m.cmd("buddyinfo"))
    low0 = sum(counts[0] for counts in b0.values())
    low1 = sum(counts[0] for counts in b1.values())
    c("frag-fragments", low1 > low0 + 100, "order-0 free blocks %d -> %d" % (low0, low1))
    out = m.cmd("frag 8")
    c("frag-twice-refused", out and "frag release" in out[0], out)
    out = m.cmd("frag release")
    c("frag-release", out and out[0].startswith("frag: released"), out)
    b2 = parse_buddyinfo(m.cmd("buddyinfo"))
    top0 = sum(counts[10] for counts in b0.values())
    top2 = sum(counts[10] for counts in b2.values())
    c("frag-release-merges", top2 >= top0 - 1, "order-10 blocks %d -> %d" % (top0, top2))


def check_system(c, m):
    """selftest, bench, drain, dmesg, free all: each does its job."""
    # The monitor suite runs commands itself: report mode must nest.
    lines = m.cmd("selftest lib,monitor", limit=300)
    c("selftest-ktap", lines[:1] == ["KTAP version 1"] and
      any(re.match(r"^# Totals: pass:[1-9]\d* fail:0 skip:\d+ total:\d+$", l) for l in lines) and
      lines[-1].startswith("selftest: ") and " 0 failed" in lines[-1], lines[-6:])
    c("selftest-no-timestamps", not [l for l in lines if mm.TS.match(l)],
      [l for l in lines if mm.TS.match(l)][:3])
    lines = m.cmd("bench page", limit=300)
    c("bench-page", len(lines) == 1 and
      re.match(r"^bench: page\s+\d+ pairs of alloc_page \+ __free_page\s+\d+ ns/pair$", lines[0]),
      lines)
    m.cmd("alloc pages 0 5")
    lines = m.cmd("drain")
    c("drain", len(lines) == 1 and re.match(r"^drain: \d+ pages moved from the per-CPU lists "
                                            r"to the buddy lists \(0 left\)$", lines[0]), lines)
    lines = m.cmd("dmesg")
    c("dmesg", any(l.startswith("drain: ") for l in lines[-3:]), lines[-5:])
    lines = m.cmd("free all")
    c("free-all", len(lines) == 1 and re.match(r"^free: \d+ objects freed$", lines[0]), lines)
    lines = m.cmd("held")
    c("held-empty", lines == ["held: 0 handles, 0 objects, 0 bytes"], lines)


def check_editing(c, m):
    # Backspace and DEL.
    out = m.raw("buddyinfX\x7fo\r")
    lines = [l for l in out.split("\n") if l]
    c("edit-del", any(l.startswith("Node 0, zone") for l in lines[1:]) and
      not any(l.startswith("mm: unknown") for l in lines), lines[:3])
    out = m.raw("cmdlinn\x08e\r")
    c("edit-backspace", out.split("\n")[1:2] == [m.bootargs], out)
    # Ctrl-U kills the line.
    out = m.raw("garbage words\x15cmdline\r")
    c("edit-ctrl-u", out.split("\n")[1:2] == [m.bootargs] and "unknown" not in out, out)
    # Ctrl-C abandons a line: a fresh prompt, nothing runs.
    m.send("meminfo\x03")
    got = m.read_until(b"^C\r\n" + PROMPT).decode(errors="replace")
    out = m.raw("cmdline\r")
    c("edit-ctrl-c", "MemTotal" not in got and out.split("\n")[1:2] == [m.bootargs], got + out)
    # History: up twice recalls the line before last; down comes back.
    m.cmd("held")
    m.cmd("cmdline")
    out = m.raw("\x1b[A\x1b[A\r")
    c("history-up", out.split("\n")[-2].startswith("held:") if out.count("\n") >= 2 else False,
      out)
    m.cmd("held")
    m.cmd("cmdline")
    out = m.raw("\x1b[A\x1b[A\x1b[B\r")
    c("history-down", out.split("\n")[1:] == [m.bootargs, ""], out)
    # Tab completes a unique prefix.
    out = m.raw("cmdl\t\r")
    c("tab-completion", out.split("\n")[1:2] == [m.bootargs], out)


def usage(command):
    """The usage line the monitor prints for @command's -EINVAL."""
    return r"usage: %s( .*)?" % re.escape(command)


NO_PFN = r"page: %s is no pfn, physical address or mapped kernel address with a struct page .*"
UNKNOWN = r"mm: unknown command '%s'; 'help' lists the commands"

# Each bad input and the one line it must get back (a regular expression
# for the whole line): the command's usage line where the command says
# -EINVAL, else the refusal that names what is wrong.
BAD_INPUT = [
    ("frobnicate", UNKNOWN % "frobnicate"),
    ("alloc", usage("alloc")),
    ("alloc pages", usage("alloc")),
    ("alloc pages 11", usage("alloc")),
    ("alloc pages -1", usage("alloc")),
    ("alloc pages 2 0", usage("alloc")),
    ("alloc pages 2x", usage("alloc")),
    ("alloc kmalloc 0", usage("alloc")),
    ("alloc kmalloc 5Q", usage("alloc")),
    ("alloc vmalloc", usage("alloc")),
    ("alloc slab 3", usage("alloc")),
    ("alloc pages 99999999999999999999999", usage("alloc")),
    ("free", usage("free")),
    ("free 999999", r"free: no handle 999999 \('held' lists them\)"),
    ("free x", usage("free")),
    ("page", usage("page")),
    ("page 0xzz", usage("page")),
    ("page nope 1", usage("page")),
    ("page 18446744073709551615", NO_PFN % "0xffffffffffffffff"),
    ("frag", usage("frag")),
    ("frag x", usage("frag")),
    ("ptdump 1 2", usage("ptdump")),
    ("freeblocks 11", usage("freeblocks")),
    ("bench nothing", usage("bench")),
    ("crash", usage("crash")),
    ("crash everything", usage("crash")),
    ("crash stack 63", r"crash: CPU 63 is not online \(\d+ online\)"),
    ("crash null x", usage("crash")),
    ("crash guard 1 2", usage("crash")),
    ("selftest no_such_suite", r"selftest: no suite matches 'no_such_suite'"),
    ("selftest lib monitor", usage("selftest")),
    ("memblock extra", usage("memblock")),
    ("a b c d e f g h i j", r"mm: too many words \(at most \d+\); 'help' lists the commands"),
    # Longer than a line: the editor rings the bell and keeps the first 255.
    ("x" * 300, UNKNOWN % ("x" * 255)),
]


def check_bad_input(c, m):
    problems = []
    for line, want in BAD_INPUT:
        try:
            if len(line) < 256:
                out = m.cmd(line)
            else:
                out = m.raw(line + "\r").split("\n")[1:]
        except MonitorError as e:
            problems.append("%r: %s" % (line, e))
            break
        said = [l for l in out if l]
        if len(said) != 1 or not re.fullmatch(want, said[0]):
            problems.append("%r -> %r, wanted one line %r" % (line[:40], out, want))
        ok = m.cmd("cmdline")
        if ok != [m.bootargs]:
            problems.append("after %r the next command printed %r" % (line[:40], ok))
    c("bad-input-usage-and-survive", not problems, "; ".join(problems))
    out = m.cmd("alloc pages 2x")
    c("usage-line", out == ["usage: alloc pages <order> [n] | kmalloc <size> [n] | vmalloc <size>"],
      out)
    out = m.cmd("check")
    c("check-invariants", out and out[-1] == "check: all invariants hold", out[-8:])


SESSION_STEPS = (check_reports, check_freeblocks, check_alloc_pages, check_page, check_kmalloc,
                 check_vmalloc, check_frag, check_system, check_editing, check_bad_input)


def run_session(record, arch):
    """The scripted session on @arch's serial console: every step of
    SESSION_STEPS, then poweroff."""
    c = Checker(record, arch.prefix)
    if not os.path.exists(arch.kernel):
        c("kernel-built", False, arch.kernel + " missing")
        return
    m = Monitor(kernel=arch.kernel, x86=arch.x86, mem="512M", smp=arch.smp,
                bootargs="memblock=debug")
    m.arch, m.bootargs = arch, "memblock=debug"
    try:
        log = m.boot()
        c("prompt-after-boot", "mm: memory monitor ready" in log, log[-400:])
        for step in SESSION_STEPS:
            try:
                step(c, m)
            except (MonitorError, ValueError, IndexError) as e:
                c("%s-ran" % step.__name__[6:].replace("_", "-"), False,
                  "%s; output tail: %s" % (e, m.tail()))
        rc = m.poweroff()
        c("poweroff-exit-0", rc == 0, "QEMU exited %s; tail: %s" % (rc, m.tail()))
    except MonitorError as e:
        c("session", False, "%s; output tail: %s" % (e, m.tail()))
    finally:
        m.close()


def sc_monitor_session(record, parse_ktap):
    """The scripted session on QEMU virt (RISC-V)."""
    run_session(record, RISCV)


def sc_monitor_session_x86(record, parse_ktap):
    """The same session on the x86-64 kernel (q35, E820, no device tree)."""
    run_session(record, X86)


def sc_monitor_script_x86(record, parse_ktap):
    """monitor.script= on x86-64: commands at boot, then power-off."""
    c = Checker(record, "qemu/monitor-script-x86")
    if not os.path.exists(X86_KERNEL):
        c("kernel-built", False, X86_KERNEL + " missing")
        return
    script = 'monitor.script="buddyinfo;alloc pages 4;held;meminfo;free,all;fdt;poweroff"'
    try:
        p = subprocess.run([os.path.join(ROOT, "tools", "run-qemu"), X86_KERNEL], cwd=ROOT,
                           env=dict(os.environ, QEMU="qemu-system-x86_64", QEMU_MACHINE="q35",
                                    QEMU_MEM="1G", QEMU_SMP="1", BOOTARGS=script, DTB="",
                                    QEMU_EXTRA=""),
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
        rc, log = p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        rc, log = None, (e.stdout or b"").decode(errors="replace")
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    c("exit-status", rc == 0, "QEMU exited %s; tail: %s" % (rc, log[-600:]))
    echoed = [l[4:] for l in lines if l.startswith("mm> ")]
    c("commands-echoed", echoed == ["buddyinfo", "alloc pages 4", "held", "meminfo",
                                    "free all", "fdt", "poweroff"], echoed)
    zones = {z for _, z in parse_buddyinfo([l for l in lines if l.startswith("Node ")][:3])}
    c("buddyinfo-x86-zones", {"DMA", "DMA32"} <= zones, zones)
    c("alloc-x86", any(re.match(r"^alloc: handle 1: 1 x pages order 4 ", l) for l in lines),
      lines[-20:])
    c("free-all-x86", "free: 1 objects freed" in lines, lines[-20:])
    c("fdt-none-on-e820", "fdt: the kernel did not boot with a device tree" in lines,
      lines[-10:])


def sc_monitor_crash(record, parse_ktap):
    """`crash null` from a boot script (',' for the space): the kernel
    faults on purpose, panics, and QEMU exits non-zero."""
    c = Checker(record, "qemu/monitor-crash")
    if not os.path.exists(RISCV_KERNEL):
        c("kernel-built", False, RISCV_KERNEL + " missing")
        return
    rc, log = run_qemu(RISCV_KERNEL, mem="256M", smp=1, bootargs="monitor.script=crash,null",
                       script=False, timeout=60)
    lines = [mm.strip_ts(l) for l in log.splitlines()]
    c("script-echo", "mm> crash null" in lines, lines[-12:])
    c("panics", rc not in (0, None) and
      any(l.startswith("Kernel panic - not syncing") for l in lines),
      "QEMU exited %s; tail: %s" % (rc, log[-600:]))


def png_rows(path):
    """(width, height, rows) of an 8-bit RGB(A) PNG: each row a list of
    (r, g, b) tuples, alpha dropped."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h = int.from_bytes(hdr[0:4], "big"), int.from_bytes(hdr[4:8], "big")
    depth, ctype = hdr[8], hdr[9]
    if depth != 8 or ctype not in (2, 6):
        raise ValueError("PNG depth %d colour type %d: expected 8-bit RGB or RGBA" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, rows, i = bytearray(stride), [], 0
    for _ in range(h):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, cc = prev[x], prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif ftype == 4:
                pa, pb, pc = abs(b - cc), abs(a - cc), abs(a + b - 2 * cc)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else cc)
                line[x] = (line[x] + pred) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return w, h, rows


def png_colours(path):
    """(width, height, number of distinct colours) of an 8-bit RGB(A) PNG."""
    w, h, rows = png_rows(path)
    colours = {px for row in rows for px in row[::7]}      # a sample is plenty
    return w, h, len(colours)


def colour_runs(rows, rgb):
    """[(y, x, length)]: the horizontal runs of pixels exactly @rgb."""
    runs = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x] != rgb:
                x += 1
                continue
            end = x
            while end < len(row) and row[end] == rgb:
                end += 1
            runs.append((y, x, end - x))
            x = end
    return runs


PLOT_MEMMAP = os.path.join(ROOT, "tools", "plot-memmap")


def check_plot_nomap(c, d):
    """The memory map of fdtmem's output for a DTB whose firmware regions
    are no-map (tests/dts/opensbi-nomap.dts: 256 + 128 KiB at 0x80000000)
    must draw those 96 pages in the NOMAP colour, over the firmware
    colour their "OF: reserved mem:" lines also give them, and list NOMAP
    in the legend."""
    import fdtmem_cli
    dtb = os.path.join(ROOT, "build", "host", "dtb", "opensbi-nomap.dtb")
    rc, text, err = fdtmem_cli.fdtmem(dtb)      # tools/fdtmem builds the DTB first
    if rc != 0 or " NOMAP" not in text:
        c("nomap-fdtmem", False, "exit %d, no NOMAP region: %s %s" % (rc, text[-400:], err))
        return
    log, png = os.path.join(d, "nomap.txt"), os.path.join(d, "nomap.png")
    with open(log, "w") as f:
        f.write(text)
    p = subprocess.run([PLOT_MEMMAP, "--log", log, "--memmap", png],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    c("nomap-runs", p.returncode == 0, p.stdout.decode(errors="replace")[-600:])
    # The tool's own colour for NOMAP: it must be no grey, which the
    # text, the axes, holes and RAM in use are drawn in.
    with open(PLOT_MEMMAP) as f:
        m = re.search(r'NOMAP: \("#([0-9a-f]{6})"', f.read())
    rgb = tuple(bytes.fromhex(m.group(1))) if m else None
    c("nomap-colour-distinct", rgb and len(set(rgb)) > 1, "NOMAP colour %s" % (rgb,))
    if not rgb or p.returncode:
        return
    try:
        w, h, rows = png_rows(png)
    except (OSError, ValueError, zlib.error) as e:
        c("nomap-png", False, repr(e))
        return
    runs = colour_runs(rows, rgb)
    # One pixel per page: the map's run spans the 96 pages but for the
    # axis line over its first pixels; the legend's patch is far shorter.
    longest = max((n for _, _, n in runs), default=0)
    c("nomap-on-map", longest >= 64, "longest NOMAP run %d pixels; runs %s" %
      (longest, runs[:6]))
    bands = [y for i, (y, _, _) in enumerate(runs) if i == 0 or y > runs[i - 1][0] + 1]
    c("nomap-in-legend", len(bands) >= 2, "NOMAP pixels in %d bands of rows (map, legend): "
      "runs %s" % (len(bands), runs[:12]))


def sc_plot_memmap(record, parse_ktap):
    """tools/plot-memmap on the saved log in tests/qemu/data/, and on
    fdtmem's output for a DTB with no-map regions."""
    c = Checker(record, "tools/plot-memmap")
    log = os.path.join(ROOT, "tests", "qemu", "data", "memmap-session.log.gz")
    with tempfile.TemporaryDirectory() as d:
        out, frag = os.path.join(d, "memmap.png"), os.path.join(d, "frag.png")
        # Run as a user does: the tool finds a python3 with matplotlib itself.
        p = subprocess.run([PLOT_MEMMAP, "--log", log, "--memmap", out, "--buddy", frag],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        c("runs", p.returncode == 0, p.stdout.decode(errors="replace")[-600:])
        for name, path in (("memmap-png", out), ("buddy-png", frag)):
            try:
                size = os.path.getsize(path)
                w, h, colours = png_colours(path)
                c(name, 10000 < size < 200 * 1024 and w >= 600 and h >= 300 and colours > 4,
                  "%d bytes, %dx%d, %d colours" % (size, w, h, colours))
            except (OSError, ValueError, zlib.error) as e:
                c(name, False, repr(e))
        check_plot_nomap(c, d)


ALL = [sc_monitor_session, sc_monitor_session_x86, sc_monitor_script_x86, sc_monitor_crash, sc_plot_memmap]
for _f in ALL:
    _f.name = _f.__name__[3:].replace("_", "-")


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="Print a monitor session's transcript.")
    ap.add_argument("--x86", action="store_true")
    ap.add_argument("--mem", default="512M")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--boot-tail", type=int, default=0, help="boot log lines to show")
    ap.add_argument("commands", nargs="*")
    args = ap.parse_args(argv)
    m = Monitor(kernel=X86_KERNEL if args.x86 else RISCV_KERNEL, x86=args.x86, mem=args.mem,
                smp=1 if args.x86 else args.smp)
    cmds = args.commands
    try:
        log = m.boot().replace("\r", "").split("\n")
        for line in log[-args.boot_tail - 1:-1] if args.boot_tail else []:
            print(line)
        for line in cmds:
            print("mm> " + line)
            for l in m.cmd(line, limit=300):
                print(l)
        print("mm> poweroff")
        rc = m.poweroff()
        rest = m.out[m.pos:].decode(errors="replace").replace("\r", "").split("\n")[1:]
        print("\n".join(mm.strip_ts(l) for l in rest).strip())
        return 0 if rc == 0 else 1
    finally:
        m.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
