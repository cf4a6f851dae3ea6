# SPDX-License-Identifier: GPL-2.0-or-later
"""A small, independent reader of flattened device trees (DTB), used by the
tests to compute what the kernel *should* print without trusting the code
under test.  Spec: Devicetree Specification v0.4, chapter 5."""
import struct

FDT_MAGIC = 0xD00DFEED
FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


class Node:
    def __init__(self, name, parent=None):
        self.name, self.parent, self.props, self.children = name, parent, {}, []

    @property
    def path(self):
        if self.parent is None:
            return "/"
        base = self.parent.path
        return (base if base.endswith("/") else base + "/") + self.name

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None

    def cells(self, prop):
        v = self.props.get(prop)
        return None if v is None else list(struct.unpack(">%dI" % (len(v) // 4), v[: len(v) // 4 * 4]))

    def string(self, prop):
        v = self.props.get(prop)
        return None if v is None else v.split(b"\0")[0].decode()


class FDT:
    def __init__(self, blob):
        (magic, totalsize, off_struct, off_strings, off_rsv, version, _last,
         _boot_cpu, size_strings, size_struct) = struct.unpack(">10I", blob[:40])
        if magic != FDT_MAGIC:
            raise ValueError("bad magic 0x%x" % magic)
        self.totalsize, self.version = totalsize, version
        self.memreserve = []
        off = off_rsv
        while True:
            addr, size = struct.unpack(">QQ", blob[off: off + 16])
            off += 16
            if addr == 0 and size == 0:
                break
            self.memreserve.append((addr, size))
        strings = blob[off_strings: off_strings + size_strings]
        off, end = off_struct, off_struct + size_struct
        self.root, node = None, None
        while off < end:
            (tok,) = struct.unpack(">I", blob[off: off + 4])
            off += 4
            if tok == FDT_BEGIN_NODE:
                nul = blob.index(b"\0", off)
                name = blob[off:nul].decode()
                off = (nul + 4) & ~3
                new = Node(name, node)
                if node is None:
                    self.root = new
                else:
                    node.children.append(new)
                node = new
            elif tok == FDT_END_NODE:
                node = node.parent
            elif tok == FDT_PROP:
                length, nameoff = struct.unpack(">II", blob[off: off + 8])
                off += 8
                pname = strings[nameoff: strings.index(b"\0", nameoff)].decode()
                node.props[pname] = blob[off: off + length]
                off = (off + length + 3) & ~3
            elif tok == FDT_NOP:
                continue
            elif tok == FDT_END:
                break
            else:
                raise ValueError("bad token %d" % tok)

    def find(self, path):
        node = self.root
        for part in [p for p in path.split("/") if p]:
            node = node.child(part)
            if node is None:
                return None
        return node

    def root_cells(self):
        ac = self.root.cells("#address-cells")
        sc = self.root.cells("#size-cells")
        return (ac[0] if ac else 2), (sc[0] if sc else 1)

    @staticmethod
    def tuples(cells, ac, sc):
        out = []
        step = ac + sc
        for i in range(0, len(cells) - step + 1, step):
            a = 0
            for c in cells[i: i + ac]:
                a = a << 32 | c
            s = 0
            for c in cells[i + ac: i + step]:
                s = s << 32 | c
            out.append((a, s))
        return out

    def memory_banks(self):
        """(base, size, nid) of every usable memory bank, Linux's rules."""
        ac, sc = self.root_cells()
        banks = []
        for n in self.root.children:
            if n.string("device_type") != "memory":
                continue
            status = n.string("status")
            if status not in (None, "okay", "ok"):
                continue
            reg = n.cells("linux,usable-memory") or n.cells("reg") or []
            nid = (n.cells("numa-node-id") or [0])[0]
            for base, size in self.tuples(reg, ac, sc):
                banks.append((base, size, nid))
        return banks

    def stdout_uart(self):
        """(node path, MMIO base, reg-shift) of the UART /chosen/stdout-path
        names (an alias or a full path, options after ':' dropped), with
        its parent's #address-cells; None if there is none."""
        chosen = self.find("/chosen")
        path = chosen.string("stdout-path") if chosen else None
        if not path:
            return None
        path = path.split(":")[0]
        if not path.startswith("/"):
            aliases = self.find("/aliases")
            path = aliases.string(path) if aliases else None
            if not path:
                return None
        node = self.find(path)
        if node is None or node.cells("reg") is None:
            return None
        ac = (node.parent.cells("#address-cells") or [2])[0]
        base = 0
        for c in node.cells("reg")[:ac]:
            base = base << 32 | c
        return node.path, base, (node.cells("reg-shift") or [0])[0]


def load(path):
    with open(path, "rb") as f:
        blob = f.read()
    return FDT(blob)
