#!/usr/bin/env python3
"""Self-test for the canonical-form converters (no sievegate binary needed).

1. canon_sievegate.py on hand-written JSON in sievegate_samples/:
   NNN-name.json  must convert to cases/NNN-name/expected.txt (what
                  Pigeonhole produced for that case), showing that a correct
                  engine result compares equal;
   x-*.json       must convert to the x-*.expected beside it (converter
                  features Pigeonhole cannot exhibit: ereject, unknown action).
2. canon_sievetest.py is idempotent on stored results: re-running it on the
   sieve-test output is covered by regenerate.sh --check; here we only check
   that every expected.txt ends with exactly one implicit_keep line.

Exit status 0 if all pass, 1 otherwise.
"""

import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(conv, path):
    return subprocess.run([sys.executable, os.path.join(HERE, conv), path],
                          check=True, capture_output=True).stdout.decode("utf-8", "surrogateescape")


def main():
    fails = 0
    n = 0
    for js in sorted(glob.glob(os.path.join(HERE, "sievegate_samples", "*.json"))):
        base = os.path.basename(js)[:-5]
        if base.startswith("x-"):
            want_path = js[:-5] + ".expected"
        else:
            want_path = os.path.join(HERE, "cases", base, "expected.txt")
        if not os.path.exists(want_path):
            print("FAIL %s: no %s" % (base, want_path))
            fails += 1
            continue
        want = open(want_path, encoding="utf-8", errors="surrogateescape").read()
        got = run("canon_sievegate.py", js)
        n += 1
        if got != want:
            fails += 1
            print("FAIL %s\n  want:\n%s  got:\n%s" % (
                base, "".join("    " + l + "\n" for l in want.splitlines()),
                "".join("    " + l + "\n" for l in got.splitlines())))
    for exp in sorted(glob.glob(os.path.join(HERE, "cases", "*", "expected.txt"))):
        lines = open(exp, encoding="utf-8", errors="surrogateescape").read().splitlines()
        n += 1
        ik = [l for l in lines if l.startswith("implicit_keep ")]
        if len(ik) != 1 or not lines or not lines[-1].startswith("implicit_keep "):
            fails += 1
            print("FAIL %s: malformed canonical result" % exp)
    print("%d checks, %d failure(s)" % (n, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
