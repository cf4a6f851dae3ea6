# SPDX-License-Identifier: GPL-2.0-or-later
"""Boot Arbor under QEMU the way a user does (tools/run-qemu), with standard
input closed and a time limit, and return the exit status and the log.

After boot the kernel waits at the mm> monitor; a boot that should end by
itself says so on its command line: ktest= (self-tests, then power-off)
or monitor.script=...;poweroff.  boot_cmdline() adds
monitor.script=poweroff to any other command line, and run_qemu() boots
with it unless told not to (script=False: the command line comes from
somewhere else, such as a device tree's /chosen/bootargs)."""
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic"
MONITOR_POWEROFF = "monitor.script=poweroff"
# The boot scenarios' default: /proc/vmallocinfo at the prompt, then off.
MONITOR_VMALLOCINFO = "monitor.script=vmallocinfo;poweroff"


def boot_cmdline(bootargs, script=MONITOR_POWEROFF):
    """@bootargs, plus @script (monitor.script=poweroff, or commands to
    run first, such as MONITOR_VMALLOCINFO) unless it already has ktest=
    or a monitor.script= of its own: what the kernel will print as its
    command line."""
    if re.search(r"(^|\s)(ktest|monitor\.script)=", bootargs):
        return bootargs
    return (bootargs + " " + script).strip()


def run_qemu(kernel, mem="2G", smp=1, fw="fw_dynamic", bootargs="", dtb="",
             extra="", qemu="qemu-system-riscv64", machine="virt", timeout=120,
             script=True):
    if script:
        bootargs = boot_cmdline(bootargs)
    env = dict(os.environ, QEMU=qemu, QEMU_MACHINE=machine, QEMU_MEM=str(mem),
               QEMU_SMP=str(smp), FW=fw, OPENSBI_DIR=OPENSBI, BOOTARGS=bootargs,
               DTB=dtb, QEMU_EXTRA=extra)
    cmd = [os.path.join(ROOT, "tools", "run-qemu"), kernel]
    try:
        p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, cwd=ROOT)
        return p.returncode, p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if e.stdout else ""
        return None, out + "\n[run-tests: QEMU timed out after %ds]\n" % timeout


def dump_dtb(mem="2G", smp=1, extra=(), machine="virt"):
    """QEMU's own device tree for this configuration, as bytes."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "virt.dtb")
        subprocess.run(["qemu-system-riscv64", "-M", "%s,dumpdtb=%s" % (machine, path),
                        "-m", str(mem), "-smp", str(smp), "-nographic", *extra],
                       check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(path, "rb") as f:
            return f.read()


def dtb_to_dts(blob):
    p = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", "-"], input=blob,
                       stdout=subprocess.PIPE, check=True)
    return p.stdout.decode()


def dts_to_dtb(text, path):
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", path, "-"],
                   input=text.encode(), check=True)
