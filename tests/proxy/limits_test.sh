#!/usr/bin/env bash
# Session limits and slow clients on the wire, on loopback: `sievegate serve` with small
# limits in front of tests/proxy/fake_backend.py, raw-socket clients in python.
# config.md "Session limits end with 421": timeout -> 421 4.4.2, duration -> 421 4.3.2,
# transfer-limit -> 421 4.7.28, each with the hostname, then the connection is closed.
# stalwart-stages.md 1: size -> 552 5.3.4, messages -> 451 4.4.5, max-recipients ->
# 451 4.5.3; too many bad commands -> 421 4.3.0; over-long lines -> 500 5.5.2 / 554 5.3.4.
# What a limit refused must never reach the backend: the backend's files and transcript
# are checked. Every process started here is stopped by its PID; every wait is bounded.
# Usage: limits_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require python3
use_fake_backend

start_backend spool 0; check "backend up" 0 $?

# limits_proxy NAME SESSION-TOML: a proxy with these session settings; sets NAME_port.
# One runs at a time (proxy_pid, stopped by stop_proxy), each for its own section.
limits_proxy() {
  local p; p=$(port)
  { base_config "$p" "$backend_port"; printf '\n%s\n' "$2"; } > "$tmp/$1.toml"
  printf -v "${1}_port" '%s' "$p"
  start_proxy "$tmp/$1.toml" "$p"; check "proxy $1 up" 0 $?
}
stop_proxy() {
  kill "$proxy_pid" 2>/dev/null
  wait "$proxy_pid" 2>/dev/null
}

# py PORT <<'PY' ... : a client script with `port` and fake_backend's helpers at hand.
py() { "$python" -c "import sys; from fake_backend import *; port = int(sys.argv[1]); exec(sys.stdin.read())" "$@"; }
fact() { printf '%s\n' "$2" | sed -n "s/^$1: //p" | head -1; }  # fact NAME OUTPUT
# Messages the backend recorded from SENDER; backend command lines mentioning TEXT.
delivered_from() { grep -l "\"from\": \"$1\"" "$spool"/msg-*.json 2>/dev/null | wc -l | tr -d ' '; }
backend_saw() { grep -c -F -- "$1" "$spool/transcript.log" 2>/dev/null; }
rcpts_of() {  # rcpts_of SENDER: the recipients of the messages from SENDER, comma list
  "$python" -c '
import glob, json, sys
for f in sorted(glob.glob(sys.argv[1] + "/msg-*.json")):
    e = json.load(open(f))
    if e["from"] == sys.argv[2]: print(",".join(e["rcpts"]))' "$spool" "$1"
}

# ---------------------------------------------------------------- timeout = "2s"
limits_proxy idle '[session]
timeout = "2s"
duration = "60s"'

# An idle server waits in poll: it does not burn a core per reactor thread.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
t0=$(cpu_ticks "$proxy_pid"); sleep 2; t1=$(cpu_ticks "$proxy_pid")
hz=$(getconf CLK_TCK)
check "idle proxy: under 0.2 s of CPU in 2 s" yes "$([ $((t1 - t0)) -lt $((hz / 5)) ] && echo yes || echo "no ($((t1 - t0)) ticks at $hz/s)")"

# An idle client is told 421 and closed at 2 s.
out=$(py "$idle_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
t = time.monotonic()
print("reply: " + c.reply(6))
print("after: %.1f" % (time.monotonic() - t))
print("closed: %s" % c.wait_closed(3))
PY
)
check "idle client: 421 4.4.2" "421 4.4.2 proxy.test Disconnecting inactive client." "$(fact reply "$out")"
after=$(fact after "$out")
check "idle client: not before the timeout (${after}s)" yes "$(awk -v a="$after" 'BEGIN{print (a >= 1.8 && a <= 4.5) ? "yes" : "no"}')"
check "idle client: connection closed" True "$(fact closed "$out")"

# Silent in the middle of DATA: 421, and the half message is not delivered.
out=$(py "$idle_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
print("MAIL: " + c.cmd("MAIL FROM:<silent@limits.test>"))
print("RCPT: " + c.cmd("RCPT TO:<b@example.net>"))
print("DATA: " + c.cmd("DATA"))
c.send("Subject: half\r\n\r\nthe first half of the message\r\n")
print("reply: " + c.reply(6))
print("closed: %s" % c.wait_closed(3))
PY
)
check "silent mid-DATA: MAIL 250" 250 "$(fact MAIL "$out" | cut -c1-3)"
check "silent mid-DATA: 421 4.4.2" "421 4.4.2 proxy.test Disconnecting inactive client." "$(fact reply "$out")"
check "silent mid-DATA: connection closed" True "$(fact closed "$out")"
check "silent mid-DATA: nothing delivered" 0 "$(delivered_from silent@limits.test)"

# A slow client: every byte of the session sent on its own with a pause, and a 1.5 s
# pause (under the 2 s timeout) mid-DATA; the message arrives byte-exact.
out=$(py "$idle_port" "$spool" <<'PY'
msg = (b"From: drip@limits.test\r\nSubject: one byte at a time\r\n\r\n"
       b"line one\r\n.leading dot\r\n..two dots\r\n.\r\nthe end\r\n")
c = Client(port, timeout=10)
def drip(data, pause=0.003):
    for i in range(len(data)):
        c.send(data[i:i + 1]); time.sleep(pause)
c.reply()
for label, line in (("EHLO", "EHLO client.example"), ("MAIL", "MAIL FROM:<drip@limits.test>"),
                    ("RCPT", "RCPT TO:<b@example.net>"), ("DATA", "DATA")):
    drip((line + "\r\n").encode()); print("%s: %s" % (label, c.reply(5)))
data = stuff(msg)
drip(data[:40]); time.sleep(1.5); drip(data[40:])
print("END: " + c.reply(5))
print("QUIT: " + c.cmd("QUIT", 5))
import glob, json
for f in glob.glob(sys.argv[2] + "/msg-*.json"):
    if json.load(open(f))["from"] == "drip@limits.test":
        print("same: %s" % same_message(open(f[:-5] + ".eml", "rb").read(), msg))
PY
)
check "slow client: DATA 354" 354 "$(fact DATA "$out" | cut -c1-3)"
check "slow client: 250 after DATA" 250 "$(fact END "$out" | cut -c1-3)"
check "slow client: delivered once" 1 "$(delivered_from drip@limits.test)"
check "slow client: byte-exact" True "$(fact same "$out")"

# The idle timeout still fires while other sessions keep the proxy busy (one NOOP
# flooder per CPU, so one shares the idle client's reactor whatever the round robin).
out=$(py "$idle_port" "$(getconf _NPROCESSORS_ONLN)" <<'PY'
import threading
stop = threading.Event()
idle = Client(port, timeout=10)
idle.reply(); idle.cmd("EHLO client.example")
def flood():
    c = Client(port, timeout=10)
    c.reply()
    while not stop.is_set() and c.cmd("NOOP", 2).startswith("250"):
        time.sleep(0.05)
    c.close()
threads = [threading.Thread(target=flood) for _ in range(min(int(sys.argv[2]), 16))]
for t in threads: t.start()
print("reply: " + idle.reply(5))
stop.set()
for t in threads: t.join(5)
PY
)
check "idle client beside busy ones: 421 4.4.2" "421 4.4.2 proxy.test Disconnecting inactive client." "$(fact reply "$out")"

stop_proxy

# ---------------------------------------------------------------- duration = "3s"
limits_proxy dur '[session]
timeout = "2s"
duration = "3s"'
# A client that keeps the session busy with NOOPs (often enough for the 2 s timeout to
# never fire) is ended at 3 s; every NOOP before that is answered 250.
for pause in 0.6 0.1; do
  out=$(py "$dur_port" "$pause" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
t = time.monotonic(); last = ""
while time.monotonic() - t < 6:
    last = c.cmd("NOOP", 2)
    if not last.startswith("250"):
        break
    time.sleep(float(sys.argv[2]))
print("reply: " + last)
print("after: %.1f" % (time.monotonic() - t))
print("closed: %s" % c.wait_closed(2))
PY
)
  check "NOOP every ${pause}s: 421 4.3.2" "421 4.3.2 proxy.test Session open for too long." "$(fact reply "$out")"
  after=$(fact after "$out")
  check "NOOP every ${pause}s: at about 3 s (${after}s)" yes "$(awk -v a="$after" 'BEGIN{print (a >= 2.5 && a <= 4.5) ? "yes" : "no"}')"
  check "NOOP every ${pause}s: connection closed" True "$(fact closed "$out")"
done

stop_proxy

# ---------------------------------------------------------------- transfer-limit = 20000
limits_proxy xfer '[session]
timeout = "30s"
duration = "5m"
transfer-limit = 20000'
# A first message of 12 kB is delivered; the second one takes the session past 20000
# bytes: 421 4.7.28, closed, and the second message never reaches the backend.
out=$(py "$xfer_port" <<'PY'
body = b"Subject: quota\r\n\r\n" + b"".join(b"%04d " % i + b"q" * 93 + b"\r\n" for i in range(120))
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
for n, sender in ((1, "xfer1@limits.test"), (2, "xfer2@limits.test")):
    r = c.cmd("MAIL FROM:<%s>" % sender)
    if r.startswith("250"): r = c.cmd("RCPT TO:<b@example.net>")
    if r.startswith("250"): r = c.cmd("DATA")
    if r.startswith("354"):
        c.send(stuff(body)); r = c.reply(5)
    print("message %d: %s" % (n, r))
print("closed: %s" % c.wait_closed(3))
PY
)
check "transfer: first message 250" 250 "$(fact "message 1" "$out" | cut -c1-3)"
check "transfer: first message delivered" 1 "$(delivered_from xfer1@limits.test)"
check "transfer: 421 4.7.28" "421 4.7.28 proxy.test Session exceeded transfer quota." "$(fact "message 2" "$out")"
check "transfer: connection closed" True "$(fact closed "$out")"
check "transfer: second message not delivered" 0 "$(delivered_from xfer2@limits.test)"
# The backend got exactly one message's content on that connection.
conn=$(grep -F "MAIL FROM:<xfer1@limits.test>" "$spool/transcript.log" | cut -d' ' -f1)
check "transfer: one DATA content on the backend connection" 1 "$(grep -c "^$conn <data" "$spool/transcript.log")"

stop_proxy

# ---------------------------------------------------------------- size, messages, recipients, errors
limits_proxy lim '[session]
timeout = "30s"
duration = "5m"

[session.data.limits]
size = 10000
messages = 2

[session.rcpt]
max-recipients = 2'

# [session.data.limits] size = 10000
out=$(py "$lim_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
print("SIZE over: " + c.cmd("MAIL FROM:<size-over@limits.test> SIZE=10001"))
r = c.cmd("MAIL FROM:<size-at@limits.test> SIZE=10000")
print("SIZE at: " + r)
if r.startswith("250"): c.cmd("RSET")
big = b"Subject: big\r\n\r\n" + b"".join(b"%04d " % i + b"b" * 93 + b"\r\n" for i in range(150))
for label, sender, body in (("body over", "body-over@limits.test", big),
                            ("after", "size-after@limits.test", b"Subject: small\r\n\r\nsmall\r\n")):
    r = c.cmd("MAIL FROM:<%s>" % sender)
    if r.startswith("250"): r = c.cmd("RCPT TO:<b@example.net>")
    if r.startswith("250"): r = c.cmd("DATA")
    if r.startswith("354"):
        c.send(stuff(body)); r = c.reply(5)
    print("%s: %s" % (label, r))
PY
)
check "size: MAIL SIZE= over the limit" "552 5.3.4 Message too big for system." "$(fact "SIZE over" "$out")"
check "size: that MAIL not relayed" 0 "$(backend_saw "size-over@limits.test")"
check "size: MAIL SIZE= at the limit 250" 250 "$(fact "SIZE at" "$out" | cut -c1-3)"
check "size: body over the limit" "552 5.3.4 Message too big for system." "$(fact "body over" "$out")"
check "size: body over not delivered" 0 "$(delivered_from body-over@limits.test)"
check "size: next message in the session 250" 250 "$(fact after "$out" | cut -c1-3)"
check "size: next message delivered" 1 "$(delivered_from size-after@limits.test)"

# [session.data.limits] messages = 2
out=$(py "$lim_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
for n in (1, 2, 3):
    r = c.cmd("MAIL FROM:<msg%d@limits.test>" % n)
    if r.startswith("250"): r = c.cmd("RCPT TO:<b@example.net>")
    if r.startswith("250"): r = c.cmd("DATA")
    if r.startswith("354"):
        c.send(stuff(b"Subject: %d\r\n\r\nx\r\n" % n)); r = c.reply(5)
    print("message %d: %s" % (n, r))
print("NOOP: " + c.cmd("NOOP"))
PY
)
check "messages: first 250" 250 "$(fact "message 1" "$out" | cut -c1-3)"
check "messages: second 250" 250 "$(fact "message 2" "$out" | cut -c1-3)"
check "messages: third MAIL" "451 4.4.5 Maximum number of messages per session exceeded." "$(fact "message 3" "$out")"
check "messages: third not relayed" 0 "$(backend_saw "msg3@limits.test")"
check "messages: two delivered" 2 "$(( $(delivered_from msg1@limits.test) + $(delivered_from msg2@limits.test) ))"
check "messages: session continues" 250 "$(fact NOOP "$out" | cut -c1-3)"

# [session.rcpt] max-recipients = 2
out=$(py "$lim_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
c.cmd("MAIL FROM:<rcpts@limits.test>")
for n in (1, 2, 3):
    print("rcpt %d: %s" % (n, c.cmd("RCPT TO:<r%d@example.net>" % n)))
r = c.cmd("DATA")
if r.startswith("354"):
    c.send(stuff(b"Subject: rcpts\r\n\r\nx\r\n")); r = c.reply(5)
print("END: " + r)
PY
)
check "max-recipients: first 250" 250 "$(fact "rcpt 1" "$out" | cut -c1-3)"
check "max-recipients: second 250" 250 "$(fact "rcpt 2" "$out" | cut -c1-3)"
check "max-recipients: third" "451 4.5.3 Too many recipients." "$(fact "rcpt 3" "$out")"
check "max-recipients: third not relayed" 0 "$(backend_saw "r3@example.net")"
check "max-recipients: message 250" 250 "$(fact END "$out" | cut -c1-3)"
check "max-recipients: delivered to the first two" "r1@example.net,r2@example.net" "$(rcpts_of rcpts@limits.test)"

# Bad commands: nine are answered 500 and the session goes on; the tenth ends it.
out=$(py "$lim_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
print("bad: " + ",".join(c.cmd("BOGUS %d" % i)[:3] for i in range(9)))
print("NOOP: " + c.cmd("NOOP"))
c.send("BOGUS 10\r\n")
print("tenth: " + c.reply())
print("then: " + c.reply(3))
print("closed: %s" % c.wait_closed(3))
PY
)
check "bad commands: nine 500s" "500,500,500,500,500,500,500,500,500" "$(fact bad "$out")"
check "bad commands: still open after nine" 250 "$(fact NOOP "$out" | cut -c1-3)"
check "bad commands: tenth answered 500" 500 "$(fact tenth "$out" | cut -c1-3)"
check "bad commands: then 421 4.3.0" "421 4.3.0 Too many errors, disconnecting." "$(fact then "$out")"
check "bad commands: connection closed" True "$(fact closed "$out")"

# Over-long lines. A command line over the limit (RFC 5321 4.5.3.1.4: 512 at least; sievegate 4096):
# one 500 5.5.2, and the session goes on.
out=$(py "$lim_port" <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
print("long: " + c.cmd("NOOP " + "a" * 5000))
print("NOOP: " + c.cmd("NOOP"))
# The same, arriving in two parts: the tail of the long line is not a command of its own.
c.send("X" * 5000); time.sleep(0.3)
c.send("MAIL FROM:<tail@limits.test>\r\n")
replies = []
while True:
    r = c.reply(1.0)
    if r in ("TIMEOUT", "EOF"): break
    replies.append(r)
print("split replies: %d" % len(replies))
print("split first: " + (replies[0] if replies else ""))
print("split NOOP: " + c.cmd("NOOP"))
# A DATA line over 1000 octets (RFC 5321 4.5.3.1.6): 554 5.3.4, nothing relayed.
c.cmd("RSET")
c.cmd("MAIL FROM:<longline@limits.test>"); c.cmd("RCPT TO:<b@example.net>"); c.cmd("DATA")
c.send(stuff(b"Subject: long line\r\n\r\n" + b"y" * 1500 + b"\r\n"))
print("data line: " + c.reply(5))
print("after NOOP: " + c.cmd("NOOP"))
PY
)
check "long line: 500 5.5.2" "500 5.5.2" "$(fact long "$out" | cut -c1-9)"
check "long line: session continues" 250 "$(fact NOOP "$out" | cut -c1-3)"
check "long line in two parts: 500 5.5.2" "500 5.5.2" "$(fact "split first" "$out" | cut -c1-9)"
check "long line in two parts: exactly one reply" 1 "$(fact "split replies" "$out")"
check "long line in two parts: its tail never reaches the backend" 0 "$(backend_saw "tail@limits.test")"
check "long line in two parts: session continues" 250 "$(fact "split NOOP" "$out" | cut -c1-3)"
check "long DATA line: 554 5.3.4" "554 5.3.4 Line is too long." "$(fact "data line" "$out")"
check "long DATA line: not delivered" 0 "$(delivered_from longline@limits.test)"
check "long DATA line: session continues" 250 "$(fact "after NOOP" "$out" | cut -c1-3)"

stop_proxy

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
