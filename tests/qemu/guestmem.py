# SPDX-License-Identifier: GPL-2.0-or-later
"""Boot QEMU, stop the guest at its last instruction, read its memory.

Some boots cannot be judged from the serial log alone: the console may be
a device the test cannot see, or the question is what a boot loader
handed the kernel (the DTB U-Boot built).  QEMU 7.2's virt test device
exits the process the moment the guest powers off, so memory must be read
before that.  run_and_inspect() therefore:

  1. starts QEMU paused (-S) with a gdbstub and a QMP socket,
  2. plants a breakpoint (gdb remote protocol, Z0) at the kernel's
     arch_poweroff, which every way out of the kernel goes through,
  3. lets the guest run until it stops there,
  4. copies physical memory ranges out with QMP's pmemsave,
  5. detaches the debugger so the guest finishes powering off, and
     collects QEMU's exit status as usual.

The breakpoint matches the kernel's virtual program counter, so firmware
and U-Boot run untouched.  Standard input is closed; every wait is bounded.
"""
import json
import os
import select
import shutil
import socket
import subprocess
import tempfile
import time


def _connect(path, deadline):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    while True:
        try:
            s.connect(path)
            return s
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.05)


def _recv(sock, deadline):
    left = deadline - time.time()
    if left <= 0:
        raise TimeoutError("time limit reached")
    r, _, _ = select.select([sock], [], [], left)
    if not r:
        raise TimeoutError("time limit reached")
    data = sock.recv(65536)
    if not data:
        raise EOFError("QEMU closed the connection")
    return data


class QMP:
    """A minimal QMP client: one command at a time, events ignored."""

    def __init__(self, path, deadline):
        self.sock, self.deadline, self.buf = _connect(path, deadline), deadline, b""
        self._message()                     # the greeting
        self.command("qmp_capabilities")

    def _message(self):
        while b"\n" not in self.buf:
            self.buf += _recv(self.sock, self.deadline)
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def command(self, name, **args):
        msg = {"execute": name, **({"arguments": args} if args else {})}
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self._message()
            if "error" in reply:
                raise RuntimeError("QMP %s: %s" % (name, reply["error"].get("desc")))
            if "return" in reply:
                return reply["return"]


class GDB:
    """Just enough of the gdb remote serial protocol: packets and acks."""

    def __init__(self, path, deadline):
        self.sock, self.deadline, self.buf = _connect(path, deadline), deadline, b""

    def send(self, data):
        body = data.encode()
        self.sock.sendall(b"$%s#%02x" % (body, sum(body) & 0xff))

    def packet(self):
        """The next packet's payload (acks skipped, each packet acked)."""
        while True:
            start = self.buf.find(b"$")
            if start >= 0:
                hash_ = self.buf.find(b"#", start)
                if hash_ >= 0 and len(self.buf) >= hash_ + 3:
                    body = self.buf[start + 1:hash_]
                    self.buf = self.buf[hash_ + 3:]
                    self.sock.sendall(b"+")
                    return body.decode(errors="replace")
            self.buf += _recv(self.sock, self.deadline)

    def request(self, data):
        self.send(data)
        return self.packet()


class Result:
    def __init__(self):
        self.stopped = False    # the guest reached the breakpoint
        self.rc = None          # QEMU's exit status (None: killed on timeout)
        self.log = ""           # everything QEMU wrote to stdout/stderr
        self.mem = {}           # name -> bytes read from guest memory
        self.elapsed = 0.0      # seconds from start to QEMU's exit
        self.error = ""         # why inspection stopped early, if it did


def run_and_inspect(args, stop_at, dumps=(), dumps_after=None, timeout=60):
    """Run qemu @args (a list, binary first); stop at virtual address @stop_at.

    @dumps: (name, physical address, size) ranges saved at the stop.
    @dumps_after(result) may return more ranges, computed from the serial
    log so far (result.log), e.g. the DTB address the kernel printed.
    Returns a Result.  A guest that never reaches @stop_at leaves
    result.stopped False; QEMU is killed at the time limit (rc None).
    """
    res = Result()
    start = time.time()
    deadline = start + timeout
    with tempfile.TemporaryDirectory() as d:
        qmp_path, gdb_path = os.path.join(d, "qmp.sock"), os.path.join(d, "gdb.sock")
        logpath = os.path.join(d, "serial.log")
        cmd = list(args) + [
            "-S", "-qmp", "unix:%s,server=on,wait=off" % qmp_path,
            "-chardev", "socket,id=gdb0,path=%s,server=on,wait=off" % gdb_path,
            "-gdb", "chardev:gdb0"]
        with open(logpath, "wb") as logf:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=logf,
                                    stderr=subprocess.STDOUT)
        try:
            qmp = QMP(qmp_path, deadline)
            gdb = GDB(gdb_path, deadline)
            gdb.request("?")                        # initial stop reason
            if gdb.request("Z0,%x,4" % stop_at) != "OK":
                raise RuntimeError("gdbstub refused a breakpoint at 0x%x" % stop_at)
            gdb.send("c")
            reply = gdb.packet()                    # T05... at the breakpoint
            if not reply.startswith(("T", "S")):
                raise RuntimeError("guest did not stop: %r" % reply)
            res.stopped = True
            with open(logpath, "rb") as f:
                res.log = f.read().decode(errors="replace")
            ranges = list(dumps) + list(dumps_after(res) if dumps_after else [])
            for name, addr, size in ranges:
                out = os.path.join(d, "dump-%s" % name)
                qmp.command("pmemsave", val=addr, size=size, filename=out)
                with open(out, "rb") as f:
                    res.mem[name] = f.read()
            gdb.request("z0,%x,4" % stop_at)
            gdb.send("D")                           # detach: the guest runs on
        except (OSError, EOFError, TimeoutError, RuntimeError, ValueError) as e:
            res.error = repr(e)
        finally:
            try:
                res.rc = proc.wait(timeout=max(1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                res.rc = None
            with open(logpath, "rb") as f:
                res.log = f.read().decode(errors="replace")
            if res.rc is None:
                res.log += "\n[guestmem: QEMU timed out after %ds]\n" % timeout
        res.elapsed = time.time() - start
    return res


def kernel_symbols(elf):
    """{name: (address, size)} from the kernel ELF's symbol table (nm -S)."""
    out = subprocess.run(["riscv64-unknown-elf-nm", "-S", elf], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=True).stdout.decode()
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4:
            syms[parts[3]] = (int(parts[0], 16), int(parts[1], 16))
        elif len(parts) == 3:
            syms[parts[2]] = (int(parts[0], 16), 0)
    return syms


class KernelCopy:
    """A private copy of the kernel ELF and the raw Image made from it.

    Tests take symbols and the Image from the same copy, so a rebuild
    while they run cannot pair one kernel's addresses with another's code.
    The Image is what the Makefile's arbor.bin rule makes (objcopy -O binary).
    """

    def __init__(self, elf, tmpdir):
        self.elf = os.path.join(tmpdir, "arbor.elf")
        self.image = os.path.join(tmpdir, "Image")
        shutil.copyfile(elf, self.elf)
        subprocess.run(["riscv64-unknown-elf-objcopy", "-O", "binary", self.elf, self.image],
                       check=True)
        self.syms = kernel_symbols(self.elf)
        self.start = self.syms["_start"][0]
        self.image_size = self.syms["_end"][0] - self.start
        with open(self.image, "rb") as f:
            self.header = f.read(64)
        self.text_offset = int.from_bytes(self.header[8:16], "little")

    def addr(self, name):
        return self.syms[name][0]

    def pa(self, name, load_pa):
        """Physical address of symbol @name when the Image sits at @load_pa."""
        return self.syms[name][0] - self.start + load_pa

    def printk_ranges(self, load_pa):
        """(name, pa, size) of the printk ring and its head, for run_and_inspect."""
        return [("log_buf", self.pa("log_buf", load_pa), self.syms["log_buf"][1]),
                ("log_head", self.pa("log_head", load_pa), 8)]


def kernel_log(mem):
    """The kernel's printk ring (src/printk.c: log_buf, log_head) as text,
    from the ranges KernelCopy.printk_ranges() named; None if not read."""
    if "log_buf" not in mem or "log_head" not in mem:
        return None
    buf, head = mem["log_buf"], int.from_bytes(mem["log_head"][:8], "little")
    if head <= len(buf):
        text = buf[:head]
    else:
        cut = head % len(buf)
        text = buf[cut:] + buf[:cut]
    return text.decode(errors="replace")
