#!/usr/bin/env bash
# `sievegate check-config` follows cli.md: text diagnostics as file:line:col, one JSON
# document with --format json, exit codes 0 / 1 / 2; serve reports an unreadable
# configuration the same way.
# Usage: check_config_cli_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")/../.." && pwd)

"$bin" check-config "$here/samples/sievegate.toml" > "$tmp/out" 2>&1
check "sample config: exit 0" 0 $?
check "sample config: no diagnostics" "" "$(cat "$tmp/out")"

cat > "$tmp/bad.toml" <<'TOML'
[session]
timeout = "5x"
[session.connect]
script = "c"
[queue]
hostname = "x"
[sieve.trusted.scripts]
c = '''
require "reject";
rejectt "no";
'''
TOML
out=$("$bin" check-config "$tmp/bad.toml" 2>&1)
check "broken config: exit 1" 1 $?
contains "text: value error at its position" "$tmp/bad.toml:2:11: error: invalid duration \"5x\"" "$out"
contains "text: script error at its position in the config" "$tmp/bad.toml:10:1: error: unknown command 'rejectt'" "$out"
contains "text: ignored key is a warning" "$tmp/bad.toml:6:12: warning: 'queue.hostname' is ignored by sievegate" "$out"

json=$("$bin" check-config --format json "$tmp/bad.toml" 2>/dev/null)
check "json: exit 1" 1 $?
summary=$(python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
f = d["files"][0]
severities = sorted({x["severity"] for x in f["diagnostics"]})
codes = [x["code"] for x in f["diagnostics"] if x["severity"] == "error"]
print(d["errors"], d["warnings"] > 0, f["path"].endswith("bad.toml"), ",".join(severities), "invalid-duration" in codes)
' <<< "$json")
check "json: one document with counts, positions and codes" "2 True True error,warning True" "$summary"

# A file that cannot be read is a system failure: exit 2, "path: cannot read: <OS reason>"
# on stderr (never path:0:0:), and with --format json also an error without a position.
out=$("$bin" check-config "$tmp/missing.toml" 2>"$tmp/err"); rc=$?
check "unreadable file: exit 2" 2 "$rc"
check "unreadable file: nothing on stdout" "" "$out"
check "unreadable file: path and reason" "$tmp/missing.toml: cannot read: No such file or directory" "$(cat "$tmp/err")"
out=$("$bin" check-config --format json "$tmp/missing.toml" 2>"$tmp/err"); rc=$?
check "unreadable file, json: exit 2" 2 "$rc"
check "unreadable file, json: document" '{"files": [{"path": "'$tmp'/missing.toml", "diagnostics": [{"severity": "error", "line": 0, "column": 0, "code": "unreadable", "message": "cannot read: No such file or directory"}]}], "errors": 1, "warnings": 0}' "$out"
check "unreadable file, json: path and reason on stderr" "$tmp/missing.toml: cannot read: No such file or directory" "$(cat "$tmp/err")"
out=$("$bin" check-config "$tmp" 2>&1); rc=$?
check "a folder: exit 2" 2 "$rc"
check "a folder: reason" "$tmp: cannot read: Is a directory" "$out"
# serve reads the configuration the same way.
out=$("$bin" serve --config "$tmp/missing.toml" 2>"$tmp/err"); rc=$?
check "serve, unreadable config: exit 2" 2 "$rc"
check "serve, unreadable config: path and reason" "$tmp/missing.toml: cannot read: No such file or directory" "$(cat "$tmp/err")"
printf '[sieve.trusted.scripts]\nc = "file://missing.sieve"\n' > "$tmp/script.toml"
out=$("$bin" check-config "$tmp/script.toml" 2>&1); rc=$?
check "unreadable script file: exit 1" 1 "$rc"
contains "unreadable script file: position and reason" "$tmp/script.toml:2:5: error: cannot read script file '$tmp/missing.sieve': No such file or directory" "$out"
"$bin" check-config >/dev/null 2>&1
check "no file: exit 2" 2 $?
"$bin" check-config --format yaml "$tmp/bad.toml" >/dev/null 2>&1
check "unknown format: exit 2" 2 $?
printf '[session\n' > "$tmp/syntax.toml"
out=$("$bin" check-config "$tmp/syntax.toml" 2>&1)
check "TOML syntax error: exit 1" 1 $?
contains "TOML syntax error: position" "$tmp/syntax.toml:1:" "$out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
