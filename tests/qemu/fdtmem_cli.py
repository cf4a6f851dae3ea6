# SPDX-License-Identifier: GPL-2.0-or-later
"""tools/fdtmem as a user runs it: exit statuses, messages, and the
printed lists compared with the independent DTB model (tests/qemu/fdt.py)."""
import glob
import os
import subprocess
import tempfile

import fdt as fdtlib
import memmodel as mm
from qemu import ROOT, dump_dtb

FDTMEM = os.path.join(ROOT, "tools", "fdtmem")


def fdtmem(path, *args):
    p = subprocess.run([FDTMEM, path, *args], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def expected_lists(blob_fdt, mem_limit=None):
    from scenarios import expected_memory
    memory = expected_memory(blob_fdt, mem_limit)
    resv = mm.merge([(b, s, mm.NO_NODE, 0) for b, s in blob_fdt.memreserve])
    return memory, resv


def run_all(record):
    with tempfile.TemporaryDirectory() as d:
        for mem, args, limit in (("2G", (), None), ("16G", ("--bootargs", "mem=1G"), 1 << 30)):
            path = os.path.join(d, "virt-%s.dtb" % mem)
            blob = dump_dtb(mem=mem, smp=2)
            with open(path, "wb") as f:
                f.write(blob)
            rc, out, err = fdtmem(path, *args)
            name = "tools/fdtmem/qemu-virt-%s%s" % (mem, "-mem1G" if limit else "")
            record(name + "/exit-0", rc == 0, "exit %d: %s" % (rc, err))
            memory, resv = expected_lists(fdtlib.FDT(blob), limit)
            printed = mm.printed_list(out, "memory")
            record(name + "/memory-list", printed == mm.debugfs_lines(memory),
                   "printed %s expected %s" % (printed, mm.debugfs_lines(memory)))
    # Every scenario DTB: fatal ones exit 1 with the reason on stderr, the
    # rest exit 0 and print both lists.
    fatal = {"no-memory", "cells-addr0", "cells-addr3"}
    dtbs = sorted(glob.glob(os.path.join(ROOT, "build", "host", "dtb", "*.dtb")))
    record("tools/fdtmem/scenario-dtbs-built", len(dtbs) >= 10, "%d dtbs" % len(dtbs))
    for path in dtbs:
        base = os.path.basename(path)[:-4]
        rc, out, err = fdtmem(path)
        if base in fatal:
            ok = rc == 1 and err.startswith("fdtmem: ") and "memblock/memory:" not in out
        else:
            ok = rc == 0 and "memblock/memory:" in out and "memblock/reserved:" in out
        record("tools/fdtmem/%s" % base, ok, "exit %d; stderr %r" % (rc, err[:200]))
    rc, out, err = fdtmem("/nonexistent.dtb")
    record("tools/fdtmem/missing-file-exit-2", rc == 2, "exit %d" % rc)
