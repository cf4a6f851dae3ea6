#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Run Arbor's libFuzzer targets (build/fuzz/fuzz-NAME, see mk/fuzz.mk).

For each target: first replay every input of tests/fuzz/regressions/NAME/
(each one once crashed the code; now each must pass), then fuzz for a
fixed time starting from build/fuzz/corpus/NAME/ (kept between runs),
build/fuzz/seeds/NAME/ and the regressions.  A crash, a sanitizer report,
a failed check (the target aborts) or a hang (-timeout) fails the target;
libFuzzer saves the input in build/fuzz/artifacts/NAME/.

    python3 tests/fuzz/fuzzrun.py [--seconds N] [--max-len N] [--no-corpus] [NAME...]

`make fuzz FUZZ_SECONDS=N` runs this; tools/run-tests imports it and
records one result per target.  Prints, per target, the executions, the
time and the invariant-checker runs libFuzzer and the target reported.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUZZ_O = os.path.join(ROOT, "build", "fuzz")
REGRESSIONS = os.path.join(ROOT, "tests", "fuzz", "regressions")
# A single input that runs longer than this is a hang.
INPUT_TIMEOUT = 10
# -max_len of a run without a kept corpus (tools/run-tests), per target.
# Every step of a `buddy` or `slab` operation stream (about 3 bytes) runs
# buddy_check() or slab_check_all() over the whole machine, so a long input
# is a slow execution: at libFuzzer's default 4096 bytes the 15 s run made
# only a few hundred executions.  `make fuzz` (a kept corpus) leaves
# libFuzzer's default, so long streams stay possible there; --max-len
# overrides both.
BOUNDED_MAX_LEN = {"buddy": 256, "slab": 256}


def targets():
    """Every tests/fuzz/fuzz_NAME.c, by NAME."""
    return sorted(os.path.basename(p)[5:-2]
                  for p in glob.glob(os.path.join(ROOT, "tests", "fuzz", "fuzz_*.c")))


def binary(name):
    return os.path.join(FUZZ_O, "fuzz-" + name)


def regression_inputs(name):
    d = os.path.join(REGRESSIONS, name)
    return sorted(p for p in glob.glob(os.path.join(d, "*"))
                  if os.path.isfile(p) and not p.endswith(".md"))


def _tail(text, n=1500):
    return text[-n:]


def replay(name):
    """Run every regression input once.  Returns (ok, count, detail)."""
    inputs = regression_inputs(name)
    if not inputs:
        return True, 0, ""
    try:
        p = subprocess.run([binary(name), "-timeout=%d" % INPUT_TIMEOUT, *inputs],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=600)
    except subprocess.TimeoutExpired:
        return False, len(inputs), "replay timed out"
    out = p.stdout.decode(errors="replace")
    return p.returncode == 0, len(inputs), _tail(out)


def fuzz(name, seconds, keep_corpus=True, max_len=None):
    """Fuzz @name for @seconds.  With @keep_corpus the inputs worth keeping
    go to build/fuzz/corpus/NAME/ and the next run starts from them (the
    corpus grows, and so does the time libFuzzer spends replaying it
    first); without, a run starts from the seeds and regressions only and
    takes a bounded time, and inputs are at most BOUNDED_MAX_LEN bytes.
    @max_len (0: libFuzzer's default) overrides that.  Returns a dict: ok,
    execs, seconds, checks (invariant-checker runs), detail."""
    seeds = os.path.join(FUZZ_O, "seeds", name)
    artifacts = os.path.join(FUZZ_O, "artifacts", name)
    regress = os.path.join(REGRESSIONS, name)
    scratch = None
    if keep_corpus:
        corpus = os.path.join(FUZZ_O, "corpus", name)
    else:
        scratch = tempfile.TemporaryDirectory(prefix="arbor-fuzz-")
        corpus = scratch.name
    for d in (corpus, seeds, artifacts, regress):
        os.makedirs(d, exist_ok=True)
    cmd = [binary(name), "-max_total_time=%d" % seconds, "-print_final_stats=1",
           "-timeout=%d" % INPUT_TIMEOUT, "-rss_limit_mb=4096",
           "-artifact_prefix=%s/" % artifacts]
    if max_len is None and not keep_corpus:
        max_len = BOUNDED_MAX_LEN.get(name)
    if max_len:
        cmd.append("-max_len=%d" % max_len)
    cmd += [corpus, seeds, regress]
    start = time.time()
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=seconds + 300)
        out, rc = p.stdout.decode(errors="replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode(errors="replace"), None
    finally:
        if scratch:
            scratch.cleanup()
    elapsed = time.time() - start
    m = re.search(r"stat::number_of_executed_units: (\d+)", out)
    execs = int(m.group(1)) if m else 0
    m = re.search(r"stat::invariant_checks:.* total=(\d+)", out)
    checks = int(m.group(1)) if m else 0
    written = re.findall(r"Test unit written to (\S+)", out)
    ok = rc == 0 and not written and execs > 0
    detail = ""
    if not ok:
        detail = "exit %s after %.0f s; %s%s" % (
            rc, elapsed, ("input saved as %s; " % written[-1]) if written else "",
            _tail(out))
    return {"ok": ok, "execs": execs, "seconds": elapsed, "checks": checks,
            "detail": detail}


def run(record, names, seconds, keep_corpus=True, max_len=None):
    """Replay and fuzz each target, calling record(name, ok, detail)."""
    for name in names:
        if not os.path.exists(binary(name)):
            record("fuzz/%s" % name, False, binary(name) + " missing")
            continue
        ok, count, detail = replay(name)
        record("fuzz/%s/regressions (%d inputs)" % (name, count), ok, detail)
        r = fuzz(name, seconds, keep_corpus, max_len)
        record("fuzz/%s (%d executions in %.0f s, %d invariant checks, 0 crashes)"
               % (name, r["execs"], r["seconds"], r["checks"]) if r["ok"] else
               "fuzz/%s" % name, r["ok"], r["detail"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--max-len", type=int, default=None,
                    help="libFuzzer -max_len for every target (0: its default)")
    ap.add_argument("--no-corpus", action="store_true",
                    help="start from the seeds alone, as tools/run-tests does")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    failed = []

    def record(name, ok, detail=""):
        print("%s %s%s" % ("ok  " if ok else "FAIL", name,
                           (" -- " + detail) if detail and not ok else ""), flush=True)
        if not ok:
            failed.append(name)

    run(record, args.names or targets(), args.seconds,
        keep_corpus=not args.no_corpus, max_len=args.max_len)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
