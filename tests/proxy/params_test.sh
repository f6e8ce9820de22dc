#!/usr/bin/env bash
# Pipelined replies in order, and MAIL/RCPT parameters only as advertised (issue #11), on
# loopback, `sievegate serve` in front of tests/proxy/fake_backend.py and smtp-sink.
#   1. RFC 2920: EHLO, MAIL, RCPT (good), RCPT <a b@@c> (a syntax error sievegate answers
#      itself, 501 5.1.3), RCPT (good), DATA in one write, to a backend that takes 0.3 s
#      per RCPT: the replies come in command order (250 250 250 501 250 354), although the
#      local 501 is ready long before the backend's 250 for the first recipient. The
#      message is delivered to the two good recipients only. A second batch puts a local
#      555 (NOTIFY without DSN) between two slow RCPTs, then RSET and NOOP.
#   2. RFC 5321 4.1.1.1 / 1869 / 6152 / 6531: after EHLO an unknown parameter is 555
#      5.5.4, a bad BODY/SIZE/SMTPUTF8 value 501 5.5.4, BODY=8BITMIME 250, a non-ASCII
#      address without SMTPUTF8 553 5.6.7 and with it 250; after HELO every parameter is
#      555 5.5.4. Nothing refused reaches the backend.
#   3. RFC 3461 DSN is offered only when the backend offers it (sievegate probes it at
#      start): a backend without DSN -> EHLO has no DSN, NOTIFY/ORCPT/RET/ENVID are 555
#      5.5.4; a backend with DSN (fake_backend.py --dsn; smtp-sink) -> EHLO lists DSN,
#      RET/ENVID/NOTIFY/ORCPT are relayed unchanged (the fake's transcript, smtp-sink's
#      X-Mail-Args / X-Rcpt-Args), NOTIFY=NEVER,SUCCESS and RET=ALL are 501 5.5.4;
#      `[session.extensions] dsn = false` pins DSN off in front of a backend that has it.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: params_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require smtp-sink python3
use_fake_backend

cat > "$tmp/client.py" <<'PY'
"""Client side of params_test.sh; see its header."""
import socket, sys, time
from fake_backend import Client, stuff

MESSAGE = b"Subject: params\r\n\r\nhello\r\n"


def converse(port, cmds):
    """One session; one line per command: its reply ("250-a|250 b"), EOF or TIMEOUT.
    <banner> reads a reply without sending, <message> sends a message and its end."""
    c = Client(port, timeout=5)
    for cmd in cmds:
        if cmd == "<banner>":
            r = c.reply()
        elif cmd == "<message>":
            c.send(stuff(MESSAGE))
            r = c.reply()
        else:
            r = c.cmd(cmd)
        print(r, flush=True)
    c.close()


def codes(replies):
    return " ".join(r if r in ("EOF", "TIMEOUT") else r[:3] for r in replies)


def pipeline(port):
    """The batches of part 1; one line per result, in the order params_test.sh reads them."""
    c = Client(port, timeout=5)
    c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(c.reply())
    batch = ["EHLO c.example", "MAIL FROM:<a@x.org>", "RCPT TO:<r1@x.org>", "RCPT TO:<a b@@c>",
             "RCPT TO:<r3@x.org>", "DATA"]
    start = time.monotonic()
    c.send("".join(l + "\r\n" for l in batch))  # one write, one packet (TCP_NODELAY)
    replies, times = [], []
    for _ in batch:
        replies.append(c.reply())
        times.append(time.monotonic() - start)
    print(codes(replies))
    print(replies[0])  # the EHLO reply, multi-line
    print(replies[3])  # the local refusal
    # the backend's 250 for r1 took its 0.3 s: the 501 was ready long before it was sent
    print("slow" if times[2] >= 0.25 else "fast %.3f" % times[2])
    print(c.reply(0.2) if replies[-1].startswith("354") else "no 354")  # nothing more: TIMEOUT
    c.send(stuff(MESSAGE))
    print(c.reply())
    batch = ["MAIL FROM:<a@x.org>", "RCPT TO:<r1@x.org>", "RCPT TO:<r2@x.org> NOTIFY=SUCCESS",
             "RCPT TO:<r3@x.org>", "RSET", "NOOP"]
    c.send("".join(l + "\r\n" for l in batch))
    replies = [c.reply() for _ in batch]
    print(codes(replies))
    print(replies[2])
    print(c.cmd("QUIT"))
    print("closed" if c.wait_closed(3) else "open")
    c.close()


if sys.argv[1] == "converse":
    converse(sys.argv[2], sys.argv[3:])
elif sys.argv[1] == "pipeline":
    pipeline(sys.argv[2])
PY

# reply_is NAME EXPECTED REPLY: REPLY starts with EXPECTED (the whole reply is shown if not)
reply_is() {
  if [[ "$3" == "$2"* ]]; then check "$1" "$2" "$2"; else check "$1" "$2..." "$3"; fi
}
# talk NAME PORT 'EXPECTED|COMMAND'...: one session, each COMMAND's reply must start with
# EXPECTED (<banner>: the greeting; <message>: a message sent after a 354). The replies are
# left in the array `got`.
talk() {
  local name=$1 p=$2 a i; shift 2
  local exp=() cmds=()
  for a in "$@"; do exp+=("${a%%|*}"); cmds+=("${a#*|}"); done
  mapfile -t got < <("$python" "$tmp/client.py" converse "$p" "${cmds[@]}")
  for i in "${!cmds[@]}"; do
    reply_is "$name: ${cmds[$i]}" "${exp[$i]}" "${got[$i]:-<no reply>}"
  done
}
# dsn_offered EHLO-REPLY: yes if a line of it is the DSN keyword
dsn_offered() { tr '|' '\n' <<<"$1" | grep -Eqx '250[- ]DSN' && echo yes || echo no; }
# sent_lines DIR VERB: the fake backend's transcript lines of that verb, without "cN "
sent_lines() { sed -n "s/^c[0-9]* \($2 .*\)$/\1/p" "$1/transcript.log" 2>/dev/null; }

# Backends: slow (0.3 s per RCPT, no DSN), plain (SMTPUTF8, no DSN), dsn (DSN, no SMTPUTF8),
# smtp-sink (DSN, SMTPUTF8).
start_backend slow 0 --delay-at rcpt=0.3; check "slow backend up" 0 $?; slow_port=$backend_port
start_backend plain 0 --smtputf8; check "plain backend up" 0 $?; plain_port=$backend_port
start_backend dsn 0 --dsn; check "DSN backend up" 0 $?; dsn_port=$backend_port
sink_port=$(port)
mkdir -p "$tmp/sink"; chmod 777 "$tmp/sink"
smtp-sink -u nobody -m 16 -d "$tmp/sink/dump-%M%S" "127.0.0.1:$sink_port" 16 &
pids+=("$!")
wait_port "$sink_port"; check "smtp-sink up" 0 $?

# Proxies, one per config. The backend is up before each starts: its probe finds DSN.
p_slow=$(port); p_plain=$(port); p_dsn=$(port); p_sink=$(port); p_pin=$(port)
proxy_config "$tmp/slow.toml" "$p_slow" "$slow_port"
proxy_config "$tmp/plain.toml" "$p_plain" "$plain_port"
proxy_config "$tmp/dsn.toml" "$p_dsn" "$dsn_port"
proxy_config "$tmp/sink.toml" "$p_sink" "$sink_port"
proxy_config "$tmp/pin.toml" "$p_pin" "$sink_port" $'\n[session.extensions]\ndsn = false'
for c in slow plain dsn sink pin; do
  p_var=p_$c
  start_proxy "$tmp/$c.toml" "${!p_var}"; check "proxy ($c) up" 0 $?
done
grep -q "stage=probe address=127.0.0.1:$dsn_port dsn=yes" "$tmp/serve.log"
check "the probe found DSN at the fake backend with --dsn" 0 $?
grep -q "stage=probe address=127.0.0.1:$plain_port dsn=no" "$tmp/serve.log"
check "the probe found no DSN at the plain fake backend" 0 $?

# 1. Pipelining: replies in command order, a local refusal held behind slow backend replies.
mapfile -t pl < <("$python" "$tmp/client.py" pipeline "$p_slow")
reply_is "pipeline: banner" "220 proxy.test" "${pl[0]:-}"
check "pipeline: EHLO MAIL RCPT RCPT(bad) RCPT DATA in one write -> replies in command order" \
  "250 250 250 501 250 354" "${pl[1]:-}"
reply_is "pipeline: the EHLO reply is multi-line, PIPELINING offered" "250-proxy.test" "${pl[2]:-}"
contains "pipeline: the EHLO reply offers PIPELINING" "|250-PIPELINING|" "${pl[2]:-}"
reply_is "pipeline: RCPT TO:<a b@@c> -> 501 5.1.3" "501 5.1.3" "${pl[3]:-}"
check "pipeline: the backend's 250 for r1 came after its 0.3 s (the 501 was ready first)" slow "${pl[4]:-}"
check "pipeline: nothing more than the six replies" TIMEOUT "${pl[5]:-}"
reply_is "pipeline: message -> 250 from the backend" "250 2.0.0 Ok: queued as FAKE" "${pl[6]:-}"
check "pipeline: MAIL RCPT RCPT(NOTIFY, no DSN) RCPT RSET NOOP -> in order" "250 250 555 250 250 250" "${pl[7]:-}"
reply_is "pipeline: RCPT NOTIFY=SUCCESS without DSN -> 555 5.5.4" "555 5.5.4" "${pl[8]:-}"
reply_is "pipeline: QUIT" "221" "${pl[9]:-}"
check "pipeline: closed after QUIT" closed "${pl[10]:-}"
check "pipeline: the backend got the good recipients only" \
  "RCPT TO:<r1@x.org> RCPT TO:<r3@x.org> RCPT TO:<r1@x.org> RCPT TO:<r3@x.org>" \
  "$(sent_lines "$tmp/slow" RCPT | tr '\n' ' ' | sed 's/ $//')"
check "pipeline: one message, to r1 and r3" '["r1@x.org", "r3@x.org"]' \
  "$("$python" -c 'import json,glob,sys; f=sorted(glob.glob(sys.argv[1]+"/msg-*.json")); print(json.dumps([json.load(open(x))["rcpts"] for x in f][0] if len(f)==1 else len(f)))' "$tmp/slow")"

# 2. MAIL parameters only as advertised (the plain backend: no DSN).
talk "params (EHLO)" "$p_plain" \
  "220|<banner>" "250-|EHLO c.example" \
  "555 5.5.4|MAIL FROM:<a@x.org> FOO=BAR" \
  "501 5.5.4|MAIL FROM:<a@x.org> BODY=NONSENSE" \
  "501 5.5.4|MAIL FROM:<a@x.org> SIZE=abc" \
  "501 5.5.4|MAIL FROM:<a@x.org> SMTPUTF8=yes" \
  "553 5.6.7|MAIL FROM:<ü@x.org>" \
  "250 2.1.0|MAIL FROM:<a@x.org> BODY=8BITMIME" \
  "250|RSET" \
  "250 2.1.0|MAIL FROM:<ü@x.org> SMTPUTF8" \
  "250|RSET" \
  "221|QUIT"
talk "params (HELO)" "$p_plain" \
  "220|<banner>" "250 |HELO c.example" \
  "555 5.5.4|MAIL FROM:<a@x.org> BODY=8BITMIME" \
  "555 5.5.4|MAIL FROM:<a@x.org> SIZE=100" \
  "555 5.5.4|MAIL FROM:<a@x.org> SMTPUTF8" \
  "555 5.5.4|MAIL FROM:<a@x.org> FOO=BAR" \
  "250 2.1.0|MAIL FROM:<a@x.org>" \
  "555 5.5.4|RCPT TO:<b@x.org> NOTIFY=SUCCESS" \
  "250 2.1.5|RCPT TO:<b@x.org>" \
  "250|RSET" \
  "221|QUIT"

# 3a. DSN from a backend without it: not offered, its parameters refused.
talk "no DSN" "$p_plain" \
  "220|<banner>" "250-|EHLO c.example" \
  "555 5.5.4|MAIL FROM:<a@x.org> RET=HDRS" \
  "555 5.5.4|MAIL FROM:<a@x.org> ENVID=abc" \
  "250 2.1.0|MAIL FROM:<a@x.org>" \
  "555 5.5.4|RCPT TO:<b@x.org> NOTIFY=SUCCESS ORCPT=rfc822;b@x.org" \
  "555 5.5.4|RCPT TO:<b@x.org> ORCPT=rfc822;b@x.org" \
  "250|RSET" \
  "221|QUIT"
check "no DSN: EHLO does not list DSN" no "$(dsn_offered "${got[1]:-}")"
check "params, no DSN: what reached the plain backend's MAIL" \
  "MAIL FROM:<a@x.org> BODY=8BITMIME|MAIL FROM:<ü@x.org> SMTPUTF8|MAIL FROM:<a@x.org>|MAIL FROM:<a@x.org>" \
  "$(sent_lines "$tmp/plain" MAIL | tr '\n' '|' | sed 's/|$//')"
check "params, no DSN: what reached the plain backend's RCPT" "RCPT TO:<b@x.org>" \
  "$(sent_lines "$tmp/plain" RCPT | tr '\n' '|' | sed 's/|$//')"

# 3b. DSN from a backend with it (fake_backend.py --dsn): offered, relayed unchanged.
talk "DSN" "$p_dsn" \
  "220|<banner>" "250-|EHLO c.example" \
  "501 5.5.4|MAIL FROM:<a@x.org> RET=ALL" \
  "250 2.1.0|MAIL FROM:<a@x.org> RET=HDRS ENVID=abc" \
  "501 5.5.4|RCPT TO:<b@x.org> NOTIFY=NEVER,SUCCESS" \
  "250 2.1.5|RCPT TO:<b@x.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@x.org" \
  "354|DATA" "250 2.0.0|<message>" \
  "221|QUIT"
check "DSN: EHLO lists DSN" yes "$(dsn_offered "${got[1]:-}")"
check "DSN: MAIL reached the backend unchanged" "MAIL FROM:<a@x.org> RET=HDRS ENVID=abc" \
  "$(sent_lines "$tmp/dsn" MAIL | tr '\n' '|' | sed 's/|$//')"
check "DSN: RCPT reached the backend unchanged" "RCPT TO:<b@x.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@x.org" \
  "$(sent_lines "$tmp/dsn" RCPT | tr '\n' '|' | sed 's/|$//')"
check "DSN: one message delivered" 1 "$(find "$tmp/dsn" -name 'msg-*.eml' | wc -l | tr -d ' ')"
check "DSN: SMTPUTF8 not offered (the backend lacks it)" no \
  "$(case "${got[1]:-}" in *SMTPUTF8*) echo yes ;; *) echo no ;; esac)"
talk "SMTPUTF8 the backend lacks" "$p_dsn" \
  "220|<banner>" "250-|EHLO c.example" \
  "555 5.5.4|MAIL FROM:<ü@x.org> SMTPUTF8" \
  "553 5.6.7|MAIL FROM:<ü@x.org>" \
  "221|QUIT"
talk "DSN after HELO" "$p_dsn" \
  "220|<banner>" "250 |HELO c.example" \
  "555 5.5.4|MAIL FROM:<a@x.org> RET=HDRS" \
  "250 2.1.0|MAIL FROM:<a@x.org>" \
  "555 5.5.4|RCPT TO:<b@x.org> NOTIFY=SUCCESS" \
  "250|RSET" \
  "221|QUIT"

# 3c. smtp-sink (offers DSN): the same through a real Postfix tool's dump.
talk "DSN (smtp-sink)" "$p_sink" \
  "220|<banner>" "250-|EHLO c.example" \
  "250 2.1.0|MAIL FROM:<a@x.org> RET=HDRS ENVID=abc" \
  "250 2.1.5|RCPT TO:<b@x.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@x.org" \
  "354|DATA" "250|<message>" \
  "221|QUIT"
check "DSN (smtp-sink): EHLO lists DSN" yes "$(dsn_offered "${got[1]:-}")"
dump=
for _ in $(seq 1 30); do dump=$(ls "$tmp"/sink/dump-* 2>/dev/null | head -1); [ -n "$dump" ] && break; sleep 0.1; done
check "DSN (smtp-sink): X-Mail-Args" "X-Mail-Args: <a@x.org> RET=HDRS ENVID=abc" \
  "$(grep -a '^X-Mail-Args:' "${dump:-/dev/null}" | tr -d '\r')"
check "DSN (smtp-sink): X-Rcpt-Args" "X-Rcpt-Args: <b@x.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@x.org" \
  "$(grep -a '^X-Rcpt-Args:' "${dump:-/dev/null}" | tr -d '\r')"

# 3d. [session.extensions] dsn = false, in front of smtp-sink (which has DSN).
talk "DSN pinned off" "$p_pin" \
  "220|<banner>" "250-|EHLO c.example" \
  "555 5.5.4|MAIL FROM:<a@x.org> RET=HDRS ENVID=abc" \
  "250 2.1.0|MAIL FROM:<a@x.org>" \
  "555 5.5.4|RCPT TO:<b@x.org> NOTIFY=SUCCESS ORCPT=rfc822;b@x.org" \
  "250|RSET" \
  "221|QUIT"
check "DSN pinned off: EHLO does not list DSN" no "$(dsn_offered "${got[1]:-}")"

if [ "$fail" -ne 0 ]; then echo "--- serve.log (last 40 lines)"; tail -40 "$tmp/serve.log"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
