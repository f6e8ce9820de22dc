#!/usr/bin/env bash
# Differential test against Pigeonhole (the reference Sieve implementation): for every
# script of the corpus, sievegate's verdict (valid / invalid) must agree with sievec's.
# Scripts are skipped where agreement cannot be asked for, each for a listed reason:
# - they require an extension Pigeonhole 0.5.19 does not have, or one only Pigeonhole has
#   (vnd.dovecot.*, the draft "notify"), see the list below;
# - they use the Stalwart `env.` / `envelope.` variable namespaces (a deliberate
#   difference: Pigeonhole reports "unknown namespace");
# - they are named in differences.txt, with the reason there.
# Usage: agreement_test.sh SIEVEGATE TESTS_DIR.  Exit 77 (skipped) without sievec.
set -u
bin=$1
tests=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v sievec >/dev/null 2>&1; then
  echo "sievec not installed (apt-get install dovecot-sieve): skipped"
  exit 77
fi
unsupported='comparator-i;unicode-casemap|"ereject"|"replace"|"enclose"|"fcc"|"mailboxid"|"extlists"|envelope-dsn|redirect-dsn|envelope-deliverby|redirect-deliverby|"vnd\.|"notify"|"denotify"'
declare -A listed
while IFS='|' read -r name reason; do
  name=$(echo "$name" | xargs)
  [ -n "$name" ] && [ "${name:0:1}" != "#" ] && listed[$name]=$reason
done < "$here/differences.txt"

agree=0 disagree=0 skipped=0
files=$(ls "$tests"/sieve/valid/*.sieve "$tests"/sieve/invalid/*.sieve "$tests"/sieve/probe/*.sieve)
verdicts=$("$here/sievec_verdict.sh" -c "$here/dovecot.conf" $files)
while IFS=$'\t' read -r file theirs message; do
  base=$(basename "$file")
  if [ -n "${listed[$base]:-}" ] || grep -aEq "$unsupported" "$file" ||
     grep -aEqi '\$\{env\.|\$\{envelope\.|"envelope\.[a-z_]+"' "$file"; then
    skipped=$((skipped + 1)); continue
  fi
  if "$bin" lint "$file" >/dev/null 2>&1; then ours=ok; else ours=error; fi
  if [ "$ours" == "$theirs" ]; then
    agree=$((agree + 1))
  else
    disagree=$((disagree + 1))
    printf 'DISAGREE %s: sievegate %s, pigeonhole %s %s\n' "$file" "$ours" "$theirs" "$message"
  fi
done <<< "$verdicts"
echo "pigeonhole agreement: $agree agree, $disagree disagree, $skipped skipped"
echo "$agree passed, $disagree failed"
[ "$disagree" -eq 0 ]
