#!/usr/bin/env bash
# The README's main job (scripts/demo) keeps working: the policies at every stage show in
# what the clients saw and in what reached the backend.
# Usage: demo_test.sh SIEVEGATE
set -u
bin=$1
for tool in smtp-sink swaks python3; do
  command -v "$tool" >/dev/null || { echo "$tool missing: skipped"; exit 77; }
done
source "$(dirname "$0")/lib.sh"
out=$(timeout 150 "$(dirname "$0")/../../scripts/demo" "$bin" 2>&1)
check "demo: exits 0" 0 $?
contains "demo: config checked" "== checking the configuration: sievegate check-config
   ok" "$out"
contains "demo: rcpt refused" "<** 550 5.1.2 Relay not allowed." "$out"
contains "demo: sender greylisted" "<** 451 4.7.1 Greylisted, please try again later." "$out"
contains "demo: client refused before the banner" "<** 554 5.7.1 Connections from 127.0.0.2 are not accepted." "$out"
contains "demo: spam tagged at the backend" "X-Spam-Flag: YES" "$out"
contains "demo: sievegate's Received" "by mx.example.org (sievegate) with ESMTP" "$out"
check "demo: two messages reached the backend" 2 "$(grep -c -- '--- message' <<< "$out")"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
