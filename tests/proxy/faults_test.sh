#!/usr/bin/env bash
# Backend faults through the proxy, on loopback: tests/proxy/fake_backend.py plays the
# MTA behind `sievegate serve` and refuses, stalls, resets or talks nonsense at one stage.
#   - A refusal by the backend (MAIL, RCPT, DATA, final dot) reaches the client with the
#     backend's code and text unchanged; nothing is recorded as delivered.
#   - A broken backend (down, reset, garbage, hanging or slower than
#     [remote."backend"] timeout) gives the client 451 4.4.x - never 250, never 5xx - the
#     session continues (QUIT -> 221) or ends with 421, nothing is delivered, and a new
#     session afterwards delivers normally (faults are --once).
# The slow and hanging cases rely on [remote."backend"] timeout (2 s here), which is the
# wait for every reply but the one after the final dot; that one is [queue.outbound.timeouts]
# data (default 10 minutes), also 2 s here, for the hang-at-dot case.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: faults_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require python3
use_fake_backend
proxy_port=$(port)
backend_port=$(port)
delivered() { find "$1" -name 'msg-*.eml' 2>/dev/null | wc -l | tr -d ' '; }

write_config() {  # write_config FILE BACKEND-TIMEOUT (base_config's, with the timeouts)
  { base_config "$proxy_port" "$backend_port" "timeout = $2"; cat <<TOML; } > "$1"

[queue.outbound.timeouts]
data = "2s"     # the wait for the reply after the final dot (hang-at-dot)

[session]
timeout = "30s"
duration = "5m"

[session.rcpt.errors]
wait = "50ms"   # the tarpit after a refused recipient (Stalwart's default is 30s)
TOML
}

# [remote."backend"] timeout is read like any other duration: an invalid one stops the
# start.
write_config "$tmp/probe.toml" '"not-a-duration"'
timeout 5 "$bin" serve --config "$tmp/probe.toml" >/dev/null 2>"$tmp/probe.err"
check "an invalid backend timeout is refused at start" 1 $?
contains "the refusal names the value" 'invalid duration "not-a-duration"' "$(cat "$tmp/probe.err")"

write_config "$tmp/sg.toml" '"2s"'
start_proxy "$tmp/sg.toml" "$proxy_port"; check "proxy up" 0 $?

# A message whose lines exercise dot-stuffing; every case sends it (CRLF line ends).
printf 'From: a@example.org\r\nTo: b@example.net\r\nSubject: faults\r\n\r\nline one\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n' \
  > "$tmp/msg.eml"
# A big one, so that a reset in the middle of DATA really is in the middle.
"$python" -c '
import sys
body = b"".join(b"line %06d " % i + b"x" * 60 + b"\r\n" for i in range(5000))
open(sys.argv[1], "wb").write(b"Subject: big\r\n\r\n" + body)' "$tmp/big.eml"

# session [--wait S] [--message FILE] [--rcpt ADDR]... [--again] [--recover]: one client
# session with one transaction (--again: two), then QUIT. Prints "LABEL: [reply]" per
# step, "clean: yes|no", then what the backend recorded in $spool: "delivered: N" and,
# for the first message, "same: yes|no" (byte-exact) and "rcpts: a,b". --recover: then a
# new session with one normal transaction, its lines prefixed "next ".
session() {
  "$python" - "$proxy_port" "$spool" "$tmp/msg.eml" "$@" <<'PY'
import argparse, glob, json
from fake_backend import Client, transaction, ends_cleanly, same_message
ap = argparse.ArgumentParser()
ap.add_argument("port"); ap.add_argument("spool"); ap.add_argument("default_message")
ap.add_argument("--wait", type=float, default=10.0)
ap.add_argument("--message")
ap.add_argument("--rcpt", action="append")
ap.add_argument("--again", action="store_true")
ap.add_argument("--recover", action="store_true")
a = ap.parse_args()
normal = open(a.default_message, "rb").read()

def one(prefix, message, rcpts, wait, again):
    c = Client(a.port, timeout=10)
    steps = transaction(c, "a@example.org", rcpts, message, wait=wait)
    if again:
        steps += [("again " + l, r) for l, r in transaction(c, "a2@example.org", rcpts, message, greet=False)]
    clean = ends_cleanly(c, steps, wait=1.0 if steps[-1][1] == "TIMEOUT" else 3.0)
    c.close()
    for label, r in steps:
        print("%s%s: [%s]" % (prefix, label, r))
    print("%sclean: %s" % (prefix, "yes" if clean else "no"))
    emls = sorted(glob.glob(a.spool + "/msg-*.eml"))
    print("%sdelivered: %d" % (prefix, len(emls)))
    if emls:
        print("%ssame: %s" % (prefix, "yes" if same_message(open(emls[0], "rb").read(), message) else "no"))
        print("%srcpts: %s" % (prefix, ",".join(json.load(open(emls[0][:-4] + ".json"))["rcpts"])))

one("", open(a.message, "rb").read() if a.message else normal, a.rcpt or ["b@example.net"], a.wait, a.again)
if a.recover:
    one("next ", normal, ["b@example.net"], 10.0, False)
PY
}

# reply_of LABEL OUTPUT: the reply of one step ("" if the step did not happen).
reply_of() { printf '%s\n' "$2" | sed -n "s/^$1: \[\(.*\)\]\$/\1/p" | head -1; }
fact() { printf '%s\n' "$2" | sed -n "s/^$1: //p" | head -1; }  # fact NAME OUTPUT
is_451() { [[ "$1" =~ ^451\ 4\.4\.[0-9]{1,3}\  ]] && echo yes || echo no; }

# The session in OUTPUT delivered one message, byte-exact, to exactly RCPTS (comma list).
check_delivery() {  # check_delivery NAME OUTPUT RCPTS [PREFIX]
  check "$1: exactly one message delivered" 1 "$(fact "${4:-}delivered" "$2")"
  check "$1: delivered byte-exact" yes "$(fact "${4:-}same" "$2")"
  check "$1: envelope recipients" "$3" "$(fact "${4:-}rcpts" "$2")"
}

# After a fault: the new session of `session --recover` delivered normally.
recovered() {  # recovered NAME OUTPUT
  check "$1: next session: 250 after DATA" 250 "$(reply_of "next END" "$2" | cut -c1-3)"
  check_delivery "$1: next session" "$2" b@example.net "next "
}

# fault_case NAME STEP WAIT -- BACKEND-OPTIONS...: the backend breaks once; the
# client's STEP (MAIL, RCPT b@example.net, END) gets 451 4.4.x within WAIT seconds,
# the session ends cleanly, nothing is delivered, the next session delivers.
fault_case() {
  local name=$1 step=$2 wait=$3; shift 4
  start_backend "$name" "$backend_port" --once "$@"; check "$name: backend up" 0 $?
  local out; out=$(session --wait "$wait" --recover)
  check "$name: $step gets 451 4.4.x" yes "$(is_451 "$(reply_of "$step" "$out")")"
  [ "$(is_451 "$(reply_of "$step" "$out")")" = yes ] || printf '  session: %s\n' "$(echo "$out" | tr '\n' ' ')"
  check "$name: no 250 for the message" "" "$(reply_of END "$out" | grep '^250')"
  check "$name: session ends cleanly" "clean: yes" "$(echo "$out" | grep '^clean:')"
  check "$name: nothing delivered" 0 "$(fact delivered "$out")"
  recovered "$name" "$out"
  stop_backend
}

# refusal_case NAME STEP EXPECTED-REPLY -- BACKEND-OPTIONS...: the client's STEP gets the
# backend's reply exactly; nothing is delivered.
refusal_case() {
  local name=$1 step=$2 expected=$3; shift 4
  start_backend "$name" "$backend_port" "$@"; check "$name: backend up" 0 $?
  local out; out=$(session)
  check "$name: $step reply unchanged" "$expected" "$(reply_of "$step" "$out")"
  check "$name: session continues" "clean: yes" "$(echo "$out" | grep '^clean:')"
  check "$name: nothing delivered" 0 "$(fact delivered "$out")"
  stop_backend
}

# ---------------------------------------------------------------- refusals
refusal_case refuse-mail MAIL "550 5.7.1 no" -- --refuse-mail "550 5.7.1 no"
refusal_case refuse-mail-4xx MAIL "451 4.7.1 Greylisted, try again later" -- \
  --refuse-mail "451 4.7.1 Greylisted, try again later"
refusal_case refuse-mail-multiline MAIL "550-5.7.1 first line|550 5.7.1 second line" -- \
  --refuse-mail '550-5.7.1 first line\n550 5.7.1 second line'
refusal_case refuse-data END "554 5.6.0 bad" -- --refuse-data "554 5.6.0 bad"
refusal_case refuse-data-4xx END "452 4.3.1 Insufficient system storage" -- \
  --refuse-data "452 4.3.1 Insufficient system storage"
refusal_case final-4xx END "452 4.3.1 full" -- --final "452 4.3.1 full"
refusal_case final-5xx END "554 5.7.1 Message rejected as spam" -- --final "554 5.7.1 Message rejected as spam"

# One of two recipients refused: that reply passes unchanged, the other gets the message.
start_backend refuse-rcpt "$backend_port" --refuse-rcpt "bad@example.net=550 5.1.1 <bad@example.net>: Recipient address rejected"
out=$(session --rcpt good@example.net --rcpt bad@example.net)
check "refuse-rcpt: good recipient 250" 250 "$(reply_of "RCPT good@example.net" "$out" | cut -c1-3)"
check "refuse-rcpt: RCPT reply unchanged" "550 5.1.1 <bad@example.net>: Recipient address rejected" \
  "$(reply_of "RCPT bad@example.net" "$out")"
check "refuse-rcpt: 250 after DATA" 250 "$(reply_of END "$out" | cut -c1-3)"
check_delivery "refuse-rcpt" "$out" good@example.net
stop_backend

# After a refused DATA or final dot, the same session can send the next message: the
# proxy must leave the backend without an open transaction (RFC 5321 4.1.1.4 does not
# end it on a refused DATA; Postfix keeps it, and so does the fake backend).
for how in "refuse-data:--refuse-data:554 5.6.0 bad" "final:--final:452 4.3.1 full"; do
  IFS=: read -r name opt reply <<< "$how"
  start_backend "$name-again" "$backend_port" --once "$opt" "$reply"
  out=$(session --again)
  check "$name then same session: first refused unchanged" "$reply" "$(reply_of END "$out")"
  check "$name then same session: second MAIL 250" 250 "$(reply_of "again MAIL" "$out" | cut -c1-3)"
  check "$name then same session: second message 250" 250 "$(reply_of "again END" "$out" | cut -c1-3)"
  [ "$(reply_of "again END" "$out" | cut -c1-3)" = 250 ] && check_delivery "$name then same session" "$out" b@example.net
  stop_backend
done

# ---------------------------------------------------------------- broken backends
# Down: nothing listens on the backend port.
spool=$tmp/down
out=$(session)
check "down: MAIL gets 451 4.4.x" yes "$(is_451 "$(reply_of MAIL "$out")")"
check "down: session ends cleanly" "clean: yes" "$(echo "$out" | grep '^clean:')"
start_backend down "$backend_port"; out=$(session); recovered down "$(echo "$out" | sed 's/^/next /')"; stop_backend

for stage in greeting ehlo mail; do
  fault_case "reset-at-$stage" MAIL 10 -- --reset-at "$stage"
  fault_case "garbage-at-$stage" MAIL 10 -- --garbage-at "$stage"
done
fault_case reset-at-rcpt "RCPT b@example.net" 10 -- --reset-at rcpt
fault_case garbage-at-rcpt "RCPT b@example.net" 10 -- --garbage-at rcpt
fault_case reset-at-data END 10 -- --reset-at data
fault_case garbage-at-data END 10 -- --garbage-at data
fault_case reset-at-dot END 10 -- --reset-at dot
fault_case garbage-at-dot END 10 -- --garbage-at dot
fault_case garbage-code-at-dot END 10 -- --garbage-at dot --garbage $'354 go ahead\r\n'
fault_case reset-at-xclient MAIL 10 -- --xclient --reset-at xclient

# XCLIENT offered: the backend learns the real client (and still gets the message).
start_backend xclient "$backend_port" --xclient
out=$(session); check "xclient: 250" 250 "$(reply_of END "$out" | cut -c1-3)"
check "xclient: backend saw the client's address" 1 "$(grep -c '"ADDR": "127.0.0.1"' "$spool"/msg-0001.json 2>/dev/null)"
stop_backend

# Reset in the middle of a 400 kB DATA transfer.
start_backend reset-mid-data "$backend_port" --once --reset-at mid-data
out=$(session --message "$tmp/big.eml" --recover)
check "reset-mid-data: END gets 451 4.4.x" yes "$(is_451 "$(reply_of END "$out")")"
check "reset-mid-data: session ends cleanly" "clean: yes" "$(echo "$out" | grep '^clean:')"
check "reset-mid-data: nothing delivered" 0 "$(fact delivered "$out")"
recovered reset-mid-data "$out"
stop_backend

# Pipelined client, backend reset at RCPT: replies stay in order, DATA is not accepted,
# and it is refused temporarily (451, not 503): the transaction failed for want of the
# backend, not through the client's fault.
start_backend pipelined "$backend_port" --once --reset-at rcpt
out=$("$python" - "$proxy_port" <<'PY'
import sys
from fake_backend import Client
c = Client(sys.argv[1], timeout=10)
c.reply()
c.cmd("EHLO client.example")
c.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n")
print("|".join(c.reply() for _ in range(3)))
c.cmd("QUIT")
PY
)
IFS='|' read -r r_mail r_rcpt r_data <<< "$out"
check "pipelined reset: MAIL 250" 250 "${r_mail:0:3}"
check "pipelined reset: RCPT 451 4.4.x" yes "$(is_451 "$r_rcpt")"
check "pipelined reset: DATA refused with 451 4.4.x, no 354" yes "$(is_451 "$r_data")"
check "pipelined reset: nothing delivered" 0 "$(delivered "$spool")"
stop_backend

# ---------------------------------------------------------------- slow and silent backends
# Within the timeout: delivered, even when the whole exchange takes longer than it.
start_backend slow-greeting-1s "$backend_port" --slow-greeting 1
out=$(session); check "slow greeting 1s: 250" 250 "$(reply_of END "$out" | cut -c1-3)"
check_delivery "slow greeting 1s" "$out" b@example.net
stop_backend
start_backend slow-replies "$backend_port" --delay 0.5
out=$(session); check "every reply 0.5s late (3 s in all): 250" 250 "$(reply_of END "$out" | cut -c1-3)"
check_delivery "every reply 0.5s late" "$out" b@example.net
stop_backend

# Beyond the timeout ("2s"): 451 within 4 s.
fault_case slow-greeting-30s MAIL 4 -- --slow-greeting 30
fault_case hang-at-mail MAIL 4 -- --hang-at mail
fault_case hang-at-rcpt "RCPT b@example.net" 4 -- --hang-at rcpt
fault_case hang-at-data END 4 -- --hang-at data
fault_case hang-at-dot END 4 -- --hang-at dot
# 100 kB without a line end: not a reply, however long the proxy reads.
fault_case endless-line-at-mail MAIL 4 -- --garbage-at mail --garbage x --garbage-repeat 100000

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
