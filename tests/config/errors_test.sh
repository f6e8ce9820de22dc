#!/usr/bin/env bash
# Broken configurations: each file in tests/config/errors starts with
# "# expect: LINE:COL: fragment" (COL or the fragment may be left out); check-config must
# exit 1 and report an error at that place whose message contains the fragment.
# Usage: errors_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/../cli/lib.sh"
for f in "$(dirname "$0")"/errors/*.toml; do
  expect=$(head -1 "$f" | sed -n 's/^# expect: //p')
  where=${expect%%: *}
  fragment=${expect#*: }
  [ "$fragment" == "$expect" ] && fragment=""
  out=$("$bin" check-config "$f" 2>&1)
  code=$?
  check "$(basename "$f"): exit 1" 1 "$code"
  found=no
  while IFS= read -r line; do
    case "$line" in
      "$f:$where"*": error: "*"$fragment"*) found=yes ;;
    esac
  done <<< "$out"
  check "$(basename "$f"): error at $where containing '$fragment'" yes "$found"
  [ "$found" == yes ] || printf '  got: %s\n' "$out"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
