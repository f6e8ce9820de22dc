#!/usr/bin/env bash
# Differential test of the runtime against Pigeonhole's recorded results: every case in
# tests/runtime/cases (script.sieve, message.eml, envelope, expected.txt written by
# regenerate.sh from sieve-test) is run through `sievegate run`, converted to the same
# canonical form, and compared. Cases named in differences.txt (with the reason) are
# reported but do not fail the test.
# Usage: agreement_test.sh SIEVEGATE [CASE...]
set -u
bin=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
declare -A listed
if [ -f "$here/differences.txt" ]; then
  while IFS='|' read -r name reason; do
    name=$(echo "$name" | xargs)
    [ -n "$name" ] && [ "${name:0:1}" != "#" ] && listed[$name]=$reason
  done < "$here/differences.txt"
fi
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("$here"/cases/*/)
agree=0 disagree=0 known=0
for dir in "${cases[@]}"; do
  dir=${dir%/}
  name=$(basename "$dir")
  [ -f "$dir/expected.txt" ] || continue
  args=(--script "$dir/script.sieve" --format json)
  [ -f "$dir/message.eml" ] && args+=(--message "$dir/message.eml")
  if [ -f "$dir/envelope" ]; then
    while IFS= read -r line; do
      key=${line%%:*}
      value=$(echo "${line#*:}" | xargs)
      case "$key" in
        from) args+=(--from "$value") ;;
        to) args+=(--to "$value") ;;
      esac
    done < "$dir/envelope"
  fi
  actual=$("$bin" run "${args[@]}" 2>/dev/null | python3 "$here/canon_sievegate.py" 2>&1)
  if [ "$actual" == "$(cat "$dir/expected.txt")" ]; then
    agree=$((agree + 1))
  elif [ -n "${listed[$name]:-}" ]; then
    known=$((known + 1))
  else
    disagree=$((disagree + 1))
    echo "DISAGREE $name"
    diff <(cat "$dir/expected.txt") <(echo "$actual") | sed 's/^/    /' | head -12
  fi
done
total=$((agree + disagree + known))
echo "runtime agreement with Pigeonhole: $agree of $total agree, $known known differences, $disagree disagree"
echo "$((agree + known)) passed, $disagree failed"
[ "$disagree" -eq 0 ]
