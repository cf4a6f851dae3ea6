# SPDX-License-Identifier: GPL-2.0-or-later
"""Where the kernel's functions are, from the ELF's symbol table (nm -S),
so a test can say which function an address printed at run time (a
faulting pc, a vmallocinfo caller) lies in without asking the kernel."""
import functools
import subprocess

NM = {"riscv": "riscv64-unknown-elf-nm", "x86_64": "nm"}


@functools.lru_cache(maxsize=None)
def load(elf, arch):
    """{name: (start, end)} of every sized function (nm types t, T, w, W),
    and the image's text, _stext.._etext, under the key ".text"."""
    out = subprocess.run([NM[arch], "-S", "--defined-only", elf], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    syms, marks = {}, {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "tTwW":
            start, size = int(parts[0], 16), int(parts[1], 16)
            syms[parts[3]] = (start, start + size)
        elif len(parts) == 3:
            marks[parts[2]] = int(parts[0], 16)
    syms[".text"] = (marks["_stext"], marks["_etext"])
    return syms


def function_at(syms, addr):
    """The name of the function whose bytes hold @addr, or None."""
    for name, (start, end) in syms.items():
        if name != ".text" and start <= addr < end:
            return name
    return None


def returns_into(syms, name, addr):
    """Is @addr a return address into @name (a call can be its last
    instruction, so its end counts)?"""
    start, end = syms.get(name, (0, 0))
    return start < addr <= end
