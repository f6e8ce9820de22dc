#!/usr/bin/env bash
# Compares sievegate's verdict with Pigeonhole's (sievec) for every probe script.
# Usage: tests/sieve/probe/run.sh [SIEVEGATE]   (prints one TSV row per file:
# AGREE|DISAGREE, file, sievegate verdict, sievec verdict, sievec message, sievegate diagnostics)
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../../build/sievegate}
oracle=$here/../../oracle
cd "$here"
"$oracle/sievec_verdict.sh" -S -c "$oracle/dovecot.conf" *.sieve |
while IFS=$'\t' read -r f v msg; do
  out=$("$bin" lint "$f" 2>&1); rc=$?
  case $rc in 0) ours=ok ;; 1) ours=error ;; *) ours=rc$rc ;; esac
  th=$v; [ "$v" = softerror ] && th=error
  [ "$ours" = "$th" ] && st=AGREE || st=DISAGREE
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$st" "$f" "$ours" "$v" "$msg" \
    "$(printf '%s\n' "$out" | grep -E ': (error|warning): ' | head -3 | tr '\n' '|')"
done
