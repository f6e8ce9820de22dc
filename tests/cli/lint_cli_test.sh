#!/usr/bin/env bash
# The `sievegate lint` contract (cli.md): output forms, exit codes, files, folders, stdin.
# Usage: lint_cli_test.sh SIEVEGATE REPO_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/lib.sh"

printf 'require "fileinto";\nfileinto "INBOX";\n' > "$tmp/good.sieve"
printf 'require "fileinto";\nif hedaer :is "a" "b" {\n  keep;\n}\n' > "$tmp/bad.sieve"
printf 'require "imapflags";\nkeep;\n' > "$tmp/warn.sieve"
mkdir -p "$tmp/dir/sub" && cp "$tmp/good.sieve" "$tmp/dir/a.sieve" && cp "$tmp/bad.sieve" "$tmp/dir/sub/b.sieve"
echo 'not a script' > "$tmp/dir/ignored.txt"

out=$("$bin" lint "$tmp/good.sieve"); rc=$?
check "clean file: exit 0" 0 "$rc"; check "clean file: no output" "" "$out"

out=$("$bin" lint "$tmp/bad.sieve"); rc=$?
check "broken file: exit 1" 1 "$rc"
check "broken file: FILE:LINE:COL" "$tmp/bad.sieve:2:4: error: unknown test 'hedaer' (did you mean 'header'?)" "$out"

out=$("$bin" lint "$tmp/warn.sieve"); rc=$?
check "warnings only: exit 0" 0 "$rc"
check "warning line" "$tmp/warn.sieve:1:9: warning: extension \"imapflags\" is deprecated, use \"imap4flags\"" "$out"

out=$("$bin" lint "$tmp/dir"); rc=$?
check "folder: exit 1" 1 "$rc"
check "folder: only *.sieve, recursively" "$tmp/dir/sub/b.sieve:2:4: error: unknown test 'hedaer' (did you mean 'header'?)" "$out"

out=$("$bin" lint - < "$tmp/bad.sieve"); rc=$?
check "stdin: exit 1" 1 "$rc"
check "stdin: path" "<stdin>:2:4: error: unknown test 'hedaer' (did you mean 'header'?)" "$out"

out=$("$bin" lint --format json "$tmp/good.sieve" "$tmp/bad.sieve"); rc=$?
check "json: exit 1" 1 "$rc"
expected='{"files": [{"path": "'$tmp'/good.sieve", "diagnostics": []}, {"path": "'$tmp'/bad.sieve", "diagnostics": [{"severity": "error", "line": 2, "column": 4, "code": "unknown-test", "message": "unknown test '"'"'hedaer'"'"' (did you mean '"'"'header'"'"'?)"}]}], "errors": 1, "warnings": 0}'
check "json: document" "$expected" "$out"
if command -v python3 >/dev/null; then
  echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["errors"]==1' 2>/dev/null
  check "json: parses" 0 $?
fi

# A file that cannot be read: exit 2, the OS's reason on stderr (no position), and in
# the JSON document an error without a position, code "unreadable".
out=$("$bin" lint "$tmp/missing.sieve" 2>"$tmp/err"); rc=$?
check "missing file: exit 2" 2 "$rc"
check "missing file: nothing on stdout" "" "$out"
check "missing file: path and reason on stderr" "$tmp/missing.sieve: cannot read: No such file or directory" "$(cat "$tmp/err")"
out=$("$bin" lint --format json "$tmp/good.sieve" "$tmp/missing.sieve" 2>"$tmp/err"); rc=$?
check "missing file, json: exit 2" 2 "$rc"
expected='{"files": [{"path": "'$tmp'/good.sieve", "diagnostics": []}, {"path": "'$tmp'/missing.sieve", "diagnostics": [{"severity": "error", "line": 0, "column": 0, "code": "unreadable", "message": "cannot read: No such file or directory"}]}], "errors": 1, "warnings": 0}'
check "missing file, json: document" "$expected" "$out"
check "missing file, json: reason on stderr" "$tmp/missing.sieve: cannot read: No such file or directory" "$(cat "$tmp/err")"
"$bin" lint >/dev/null 2>&1; check "no path: exit 2" 2 $?
"$bin" lint --format xml "$tmp/good.sieve" >/dev/null 2>&1; check "bad format: exit 2" 2 $?
"$bin" lint --bogus "$tmp/good.sieve" >/dev/null 2>&1; check "bad option: exit 2" 2 $?
"$bin" nosuchcommand >/dev/null 2>&1; check "unknown command: exit 2" 2 $?
"$bin" lint --help | grep -q 'usage: sievegate lint'; check "lint --help" 0 $?
"$bin" --help | grep -q 'lint'; check "--help" 0 $?
"$bin" --version | grep -q '^sievegate '; check "--version" 0 $?

"$bin" lint "$root/samples" >/dev/null; check "samples lint clean" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
