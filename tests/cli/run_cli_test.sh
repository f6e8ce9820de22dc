#!/usr/bin/env bash
# The `sievegate run` contract (cli.md): the seed script, JSON and text output, stages,
# envelope, message changes, runtime errors and exit codes.
# Usage: run_cli_test.sh SIEVEGATE REPO_ROOT
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/lib.sh"

seed="$root/samples/connect_filter.sieve"

out=$("$bin" run --script "$seed" --stage connect --env remote_ip=10.0.0.88 --format json); rc=$?
check "seed reject: exit 0" 0 "$rc"
check "seed reject: json" '{"actions": [{"action": "reject", "reason": "Your IP '"'"'10.0.0.88'"'"' is not welcomed here."}], "implicit_keep": false, "implicit_keep_flags": [], "smtp_reply": {"code": 554, "enhanced": "5.7.1", "text": "Your IP '"'"'10.0.0.88'"'"' is not welcomed here."}, "message_changed": false, "errors": []}' "$out"

out=$("$bin" run --script "$seed" --stage connect --env remote_ip=192.0.2.7 --format json); rc=$?
check "seed other IP: exit 0" 0 "$rc"
check "seed other IP: json" '{"actions": [], "implicit_keep": true, "implicit_keep_flags": [], "message_changed": false, "errors": []}' "$out"

out=$("$bin" run --script "$seed" --stage connect --env remote_ip=10.0.0.88); rc=$?
contains "seed text: action" "reject \"Your IP '10.0.0.88' is not welcomed here.\"" "$out"
contains "seed text: reply" "smtp reply at connect: 554 5.7.1 Your IP '10.0.0.88' is not welcomed here." "$out"
contains "seed text: implicit keep" "implicit keep: no" "$out"

# A reason with its own code is sent as written (config.md).
printf 'require "reject";\nreject "451 4.7.1 Greylisted, try later";\n' > "$tmp/grey.sieve"
out=$("$bin" run --script "$tmp/grey.sieve" --stage rcpt --format json)
contains "verbatim code" '"smtp_reply": {"code": 451, "enhanced": "4.7.1", "text": "Greylisted, try later"}' "$out"
out=$("$bin" run --script "$tmp/grey.sieve" --stage rcpt)
contains "verbatim code text" "smtp reply at rcpt: 451 4.7.1 Greylisted, try later" "$out"

# Plain delivery-time evaluation with a message and envelope.
printf 'From: Alice <alice@example.org>\r\nTo: bob+lists@example.net\r\nSubject: Hello there\r\n\r\nBody text\r\n' > "$tmp/m.eml"
cat > "$tmp/route.sieve" <<'SIEVE'
require ["fileinto", "envelope", "subaddress", "variables", "imap4flags", "copy"];
if envelope :detail "to" "lists" { fileinto :copy "Lists"; }
if header :matches "subject" "Hello *" { set "who" "${1}"; addflag "\\Seen"; }
if address :domain :is "from" "example.org" { fileinto "From-${who}"; }
SIEVE
out=$("$bin" run --script "$tmp/route.sieve" --message "$tmp/m.eml" --from alice@example.org --to bob+lists@example.net --format json); rc=$?
check "routing: exit 0" 0 "$rc"
check "routing: json" '{"actions": [{"action": "fileinto", "mailbox": "Lists", "copy": true, "flags": []}, {"action": "fileinto", "mailbox": "From-there", "copy": false, "flags": ["\\Seen"]}], "implicit_keep": false, "implicit_keep_flags": [], "message_changed": false, "errors": []}' "$out"

# editheader changes are reported and written with --output.
printf 'require "editheader";\naddheader "X-Tag" "yes";\n' > "$tmp/tag.sieve"
out=$("$bin" run --script "$tmp/tag.sieve" --message "$tmp/m.eml" --output "$tmp/out.eml" --format json)
contains "editheader: changed" '"message_changed": true' "$out"
check "editheader: output" "X-Tag: yes" "$(head -1 "$tmp/out.eml" | tr -d '\r')"

# replace / enclose (RFC 5703): the new message is what later tests see and --output writes.
printf 'require ["replace", "enclose", "body"];\nreplace :subject "Replaced" "new body";\nif body :contains "new body" { enclose :subject "Wrapped" "See attached."; }\n' > "$tmp/wrap.sieve"
out=$("$bin" run --script "$tmp/wrap.sieve" --message "$tmp/m.eml" --output "$tmp/wrapped.eml" --format json)
contains "enclose: changed" '"message_changed": true' "$out"
check "enclose: subject" "Subject: Wrapped" "$(grep '^Subject:' "$tmp/wrapped.eml" | head -1 | tr -d '\r')"
check "enclose: inner subject" "Subject: Replaced" "$(grep '^Subject:' "$tmp/wrapped.eml" | sed -n 2p | tr -d '\r')"
grep -q '^Content-Type: message/rfc822' "$tmp/wrapped.eml"; check "enclose: attachment" 0 $?

# A runtime error: implicit keep, errors reported, exit 1.
printf 'require ["reject", "fileinto"];\nfileinto "A";\nreject "no";\n' > "$tmp/conflict.sieve"
out=$("$bin" run --script "$tmp/conflict.sieve" --format json); rc=$?
check "runtime error: exit 1" 1 "$rc"
contains "runtime error: implicit keep" '"implicit_keep": true' "$out"
contains "runtime error: reported" '"errors": [{"line": 3, "column": 1, "message": ' "$out"

# A script with errors: diagnostics on stderr, exit 1.
printf 'if hedaer "a" "b" { keep; }\n' > "$tmp/bad.sieve"
err=$("$bin" run --script "$tmp/bad.sieve" 2>&1 >/dev/null); rc=$?
check "bad script: exit 1" 1 "$rc"
contains "bad script: diagnostic" "$tmp/bad.sieve:1:4: error: unknown test 'hedaer'" "$err"

# include (RFC 6609): scripts from the script's folder, globals shared, :once honoured.
mkdir -p "$tmp/inc"
cat > "$tmp/inc/main.sieve" <<'SIEVE'
require ["include", "variables", "fileinto"];
global "tag";
set "tag" "main";
include :personal "sub";
include :once "sub";
include :optional "absent";
fileinto "after-${tag}";
SIEVE
cat > "$tmp/inc/sub.sieve" <<'SIEVE'
require ["include", "variables", "fileinto"];
global "tag";
fileinto "sub-${tag}";
set "tag" "sub";
return;
fileinto "never";
SIEVE
out=$("$bin" run --script "$tmp/inc/main.sieve" --format json); rc=$?
check "include: exit 0" 0 "$rc"
contains "include: actions" '"actions": [{"action": "fileinto", "mailbox": "sub-main", "copy": false, "flags": []}, {"action": "fileinto", "mailbox": "after-sub", "copy": false, "flags": []}]' "$out"
printf 'require "include";
include "absent";
' > "$tmp/inc/bad.sieve"
err=$("$bin" run --script "$tmp/inc/bad.sieve" 2>&1 >/dev/null); rc=$?
check "missing include: exit 1" 1 "$rc"
contains "missing include: message" "bad.sieve:2:1: error: included personal script 'absent' does not exist" "$err"

# include nesting is limited (RFC 6609 leaves the depth to the site; ours is 10).
for i in $(seq 0 11); do printf 'require "include";\ninclude "n%d";\n' $((i + 1)) > "$tmp/inc/n$i.sieve"; done
printf 'keep;\n' > "$tmp/inc/n12.sieve"
err=$("$bin" run --script "$tmp/inc/n0.sieve" 2>&1 >/dev/null); rc=$?
check "include depth: exit 1" 1 "$rc"
contains "include depth: message" "includes nested deeper than 10 levels" "$err"

# duplicate (RFC 7352 3): IDs are recorded after delivery, so within one run the same
# id is not a duplicate yet.
printf 'require ["duplicate", "fileinto"];
if duplicate { fileinto "first-dup"; }
if duplicate { fileinto "second-dup"; }
' > "$tmp/dup.sieve"
printf 'Message-ID: <1@example.org>\r\nSubject: x\r\n\r\nbody\r\n' > "$tmp/id.eml"
out=$("$bin" run --script "$tmp/dup.sieve" --message "$tmp/id.eml" --format json 2>&1)
contains "duplicate" '"actions": [], "implicit_keep": true' "$out"

"$bin" run >/dev/null 2>&1; check "no script: exit 2" 2 $?
out=$("$bin" run --script "$tmp/missing.sieve" 2>"$tmp/err"); rc=$?
check "missing script: exit 2" 2 "$rc"
check "missing script: nothing on stdout" "" "$out"
check "missing script: path and reason" "$tmp/missing.sieve: cannot read: No such file or directory" "$(cat "$tmp/err")"
out=$("$bin" run --script "$tmp/missing.sieve" --format json 2>"$tmp/err"); rc=$?
check "missing script, json: exit 2" 2 "$rc"
check "missing script, json: nothing on stdout" "" "$out"
check "missing script, json: path and reason" "$tmp/missing.sieve: cannot read: No such file or directory" "$(cat "$tmp/err")"
"$bin" run --script "$seed" --message "$tmp/missing.eml" 2>"$tmp/err"; rc=$?
check "missing message: exit 2" 2 "$rc"
check "missing message: path and reason" "$tmp/missing.eml: cannot read: No such file or directory" "$(cat "$tmp/err")"
"$bin" run --script "$seed" --stage lunch >/dev/null 2>&1; check "bad stage: exit 2" 2 $?
"$bin" run --script "$seed" --env novalue >/dev/null 2>&1; check "bad env: exit 2" 2 $?
"$bin" run --help | grep -q -- '--stage'; check "run --help" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
