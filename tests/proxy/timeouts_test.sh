#!/usr/bin/env bash
# Timeouts and shutdown through the proxy, on loopback (issue #10, behaviours B, C, D):
# `sievegate serve` in front of tests/proxy/fake_backend.py, whose --delay-at makes one
# reply late, and raw-socket python clients.
# B. Which wait applies to the backend's reply. [remote."backend"] timeout is the wait
#    for every command except the end of data; after the final dot (or BDAT LAST) the
#    wait is [queue.outbound.timeouts] data (default 10 minutes, RFC 5321 4.5.3.2.6),
#    because a message the backend accepts after the client was told 451 is delivered
#    twice when the client retries. [queue.outbound.timeouts] greeting, ehlo, mail-from
#    and rcpt-to (Stalwart's names) set the wait for those replies.
#      B1 remote timeout 1s, the 250 after the dot 3 s late: the client gets that 250,
#         the backend has exactly one copy;
#      B2 data = "1s", the same 3 s: 451 4.4.x after about 1 s, the session goes on;
#      B3 remote timeout 1s, MAIL / RCPT / DATA-command replies 3 s late: 451 (the
#         shorter wait is kept for everything but the end of data);
#      B4 greeting, ehlo, mail-from, rcpt-to = "1s" (remote timeout 30s): 451.
# C. SIGTERM with shutdown-grace = "1s" while 5 clients wait for the reply to their
#    final dot (the backend answers 3 s after it): each gets the backend's 250, never
#    421 (the message is on its way to delivery: a 421 makes the client send it again),
#    there are 5 copies, and the proxy still exits within 5 s.
# D. [session] timeout = "2s" against clients that drip bytes: a command line must be
#    complete within the timeout after the proxy's last reply, whatever trickles in; DATA
#    content must bring 64 KiB per timeout period (or end): 421 4.4.2 otherwise. An idle
#    client is still cut at about 2 s; a fast 1 MB DATA, a DATA of 80 KiB a second for
#    6 s, and NOOPs dripped slowly but completed within 2 s each are not cut.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: timeouts_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require python3
use_fake_backend
backend_port=$(port)

# proxy NAME REMOTE-TIMEOUT EXTRA-TOML: a proxy (one at a time) with that backend
# timeout; EXTRA-TOML is appended ([server] shutdown-grace comes in as $grace).
proxy() {
  proxy_port=$(port)
  { base_config "$proxy_port" "$backend_port" "timeout = \"$2\"" "shutdown-grace = \"${grace:-5s}\""
    printf '\n%s\n' "$3"; } > "$tmp/$1.toml"
  start_proxy "$tmp/$1.toml" "$proxy_port"; check "proxy $1 up" 0 $?
}
stop_proxy() {  # SIGTERM; SIGKILL if it is still there after 10 s
  kill "$proxy_pid" 2>/dev/null
  wait_gone "$proxy_pid" 10 || kill -KILL "$proxy_pid" 2>/dev/null
  wait "$proxy_pid" 2>/dev/null
}

# py ARGS... <<'PY': a client script with `port` (the proxy's) and fake_backend's helpers.
py() { "$python" -c "import sys; from fake_backend import *; port = int(sys.argv[1]); exec(sys.stdin.read())" "$proxy_port" "$@"; }
fact() { printf '%s\n' "$2" | sed -n "s/^$1: //p" | head -1; }  # fact NAME OUTPUT
copies() { find "$1" -name 'msg-*.eml' 2>/dev/null | wc -l | tr -d ' '; }
within() { awk -v a="$1" -v lo="$2" -v hi="$3" 'BEGIN{print (a != "" && a >= lo && a <= hi) ? "yes" : "no (" a "s)"}'; }
is_451() { [[ "$1" =~ ^451\ 4\.4\.[0-9]{1,3}\  ]] && echo yes || echo "no ($1)"; }

# One transaction; every reply awaited up to WAIT s. Prints "LABEL: reply" and
# "LABEL-secs: S" (from sending the command to its reply) for banner, EHLO, MAIL, RCPT,
# DATA, END (the reply after the dot), then "QUIT: reply" (2 s at most).
TX='
wait = float(sys.argv[2]); subject = sys.argv[3]
c = Client(port, timeout=wait)
def step(label, data):
    t = time.monotonic()
    if data: c.send(data)
    r = c.reply(wait)
    print("%s: %s" % (label, r))
    print("%s-secs: %.2f" % (label, time.monotonic() - t))
    return r
r = step("banner", None)
if r.startswith("220"): r = step("EHLO", "EHLO client.example\r\n")
if r.startswith("250"): r = step("MAIL", "MAIL FROM:<%s@timeouts.test>\r\n" % subject)
if r.startswith("250"): r = step("RCPT", "RCPT TO:<b@example.net>\r\n")
if r.startswith("250"): r = step("DATA", "DATA\r\n")
if r.startswith("354"): r = step("END", stuff(b"Subject: %s\r\n\r\nbody\r\n" % subject.encode()))
print("QUIT: " + c.cmd("QUIT", 2))
'
tx() { py "$@" <<< "$TX"; }  # tx WAIT SUBJECT

# ================================================================ B: which wait applies
# B1: remote timeout 1s does not apply after the dot.
proxy b1 1s '[session]
timeout = "30s"
duration = "10m"'
start_backend b1 "$backend_port" --once --delay-at dot=3
out=$(tx 8 b1)
check "B1 remote timeout 1s, 250 after the dot 3 s late: client gets 250" 250 "$(fact END "$out" | cut -c1-3)"
check "B1: that 250 is the backend's (came after its 3 s)" yes "$(within "$(fact END-secs "$out")" 2.8 8)"
sleep 2.5  # a copy the backend writes after the proxy gave up is counted too (at 3 s)
check "B1: exactly one copy" 1 "$(copies "$spool")"
stop_backend
# B3: ... but it still applies to MAIL, RCPT and the DATA command.
for stage in mail rcpt data; do
  start_backend "b3-$stage" "$backend_port" --once --delay-at "$stage=3"
  out=$(tx 8 "b3$stage")
  step=$(tr a-z A-Z <<< "$stage"); [ "$stage" = data ] && step=END  # DATA is relayed after the dot
  check "B3 remote timeout 1s, $stage reply 3 s late: $step gets 451 4.4.x" yes "$(is_451 "$(fact "$step" "$out")")"
  check "B3 $stage: within 0.8-2.5 s" yes "$(within "$(fact "$step-secs" "$out")" 0.8 2.5)"
  check "B3 $stage: session goes on (QUIT 221)" 221 "$(fact QUIT "$out" | cut -c1-3)"
  stop_backend
done
stop_proxy

# B2, B4: [queue.outbound.timeouts], remote timeout 30s.
proxy b2 30s '[session]
timeout = "30s"
duration = "10m"

[queue.outbound.timeouts]
data = "1s"
greeting = "1s"
ehlo = "1s"
mail-from = "1s"
rcpt-to = "1s"'
start_backend b2 "$backend_port" --once --delay-at dot=3
out=$(py 8 <<'PY'
wait = float(sys.argv[2])
c = Client(port, timeout=wait)
c.reply(); c.cmd("EHLO client.example")
for n in (1, 2):  # the second transaction in the same session: the delay was --once
    r = c.cmd("MAIL FROM:<b2-%d@timeouts.test>" % n)
    if r.startswith("250"): r = c.cmd("RCPT TO:<b@example.net>")
    if r.startswith("250"): r = c.cmd("DATA")
    t = time.monotonic()
    if r.startswith("354"):
        c.send(stuff(b"Subject: b2-%d\r\n\r\nbody\r\n" % n)); r = c.reply(wait)
    print("END%d: %s" % (n, r))
    print("secs%d: %.2f" % (n, time.monotonic() - t))
print("QUIT: " + c.cmd("QUIT", 2))
PY
)
check "B2 data = 1s, 250 after the dot 3 s late: 451 4.4.x" yes "$(is_451 "$(fact END1 "$out")")"
check "B2: within 0.8-2.5 s" yes "$(within "$(fact secs1 "$out")" 0.8 2.5)"
check "B2: next transaction in the session delivered" 250 "$(fact END2 "$out" | cut -c1-3)"
check "B2: QUIT 221" 221 "$(fact QUIT "$out" | cut -c1-3)"
sleep 2  # the backend writes its copy 3 s after the dot, whether or not anyone listens
echo "B2: backend copies of the message timed out after its dot: $(grep -l 'b2-1@' "$spool"/msg-*.json 2>/dev/null | wc -l) (a late 250: the duplicate window any data timeout has)"
stop_backend
for how in "greeting:MAIL" "ehlo:MAIL" "mail:MAIL" "rcpt:RCPT"; do
  IFS=: read -r stage step <<< "$how"
  key=$stage; [ "$stage" = mail ] && key=mail-from; [ "$stage" = rcpt ] && key=rcpt-to
  start_backend "b4-$stage" "$backend_port" --once --delay-at "$stage=3"
  out=$(tx 8 "b4$stage")
  check "B4 $key = 1s, $stage reply 3 s late: $step gets 451 4.4.x" yes "$(is_451 "$(fact "$step" "$out")")"
  check "B4 $key: within 0.8-2.5 s" yes "$(within "$(fact "$step-secs" "$out")" 0.8 2.5)"
  check "B4 $key: session goes on (QUIT 221)" 221 "$(fact QUIT "$out" | cut -c1-3)"
  stop_backend
done
stop_proxy

# ================================================================ C: SIGTERM in flight
grace=1s proxy c 30s '[session]
timeout = "30s"
duration = "10m"'
start_backend c "$backend_port" --delay-at dot=3
# Five clients reach the end of their DATA content together, then send the final dot;
# $tmp/dots appears once every dot is out. Each reply is awaited 10 s.
py "$tmp/dots" > "$tmp/c.out" <<'PY' &
import threading
n = 5
ready = threading.Barrier(n + 1, timeout=10)
sent = threading.Barrier(n + 1, timeout=10)
replies = ["none"] * n
def client(i):
    try:
        c = Client(port, timeout=10)
        c.reply(); c.cmd("EHLO client.example")
        ok = c.cmd("MAIL FROM:<c%d@timeouts.test>" % i).startswith("250")
        ok = ok and c.cmd("RCPT TO:<b@example.net>").startswith("250")
        ok = ok and c.cmd("DATA").startswith("354")
        data = stuff(b"Subject: c%d\r\n\r\nbody\r\n" % i)
        c.send(data[:-3])
        ready.wait()
        c.send(data[-3:])  # ".\r\n"
        sent.wait()
        t = time.monotonic()
        replies[i] = c.reply(10) if ok else "setup failed"
        replies[i] += " (%.1fs)" % (time.monotonic() - t)
    except Exception as e:
        replies[i] = "error %r" % e
        for b in (ready, sent):
            b.abort()
threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
for t in threads: t.start()
try:
    ready.wait(); time.sleep(0.2); sent.wait()
    open(sys.argv[2], "w").close()
except threading.BrokenBarrierError:
    pass
for t in threads: t.join(15)
for i, r in enumerate(replies):
    print("client %d: %s" % (i, r))
PY
clients_pid=$!
pids+=("$clients_pid")
for _ in $(seq 1 100); do [ -f "$tmp/dots" ] && break; sleep 0.1; done
check "C: five clients sent their final dot" yes "$([ -f "$tmp/dots" ] && echo yes || echo no)"
sleep 0.5
kill -TERM "$proxy_pid"
t0=$(date +%s.%N)
wait_gone "$proxy_pid" 10; gone=$?
secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b - a}')
check "C: the proxy exits within 5 s of SIGTERM" yes "$([ $gone -eq 0 ] && within "$secs" 0 5 || echo "no (still running after ${secs}s)")"
[ $gone -eq 0 ] || kill -KILL "$proxy_pid" 2>/dev/null
wait_gone "$clients_pid" 40 || kill "$clients_pid" 2>/dev/null  # its own waits add up to 35 s at most
wait "$clients_pid" 2>/dev/null
c_out=$(cat "$tmp/c.out")
check "C: all five clients got 250 (none 421)" 5 "$(grep -c '^client [0-9]: 250 ' <<< "$c_out")"
grep -v '^client [0-9]: 250 ' <<< "$c_out" | sed 's/^/  /' | head -5
for _ in $(seq 1 30); do [ "$(copies "$spool")" -ge 5 ] && break; sleep 0.1; done
sleep 0.5
check "C: five copies" 5 "$(copies "$spool")"
stop_backend

# ================================================================ D: dripping clients
proxy d 30s '[session]
timeout = "2s"
duration = "60s"'
start_backend d "$backend_port"

# D1: a command line that never ends, one byte every 0.5 s.
out=$(py <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
t = time.monotonic()
line = b"MAIL FROM:<a@b>" + b"x" * 100
r = "TIMEOUT"
for i in range(len(line)):
    if time.monotonic() - t > 10 or not c.send(line[i:i + 1]):
        break
    r = c.reply(0.5)
    if r != "TIMEOUT":
        break
print("reply: " + r)
print("after: %.1f" % (time.monotonic() - t))
print("closed: %s" % c.wait_closed(3))
PY
)
check "D1 command line dripped 1 byte/0.5 s: 421 4.4.2" "421 4.4.2 proxy.test Disconnecting inactive client." "$(fact reply "$out")"
check "D1: within 1.8-4 s of the last reply" yes "$(within "$(fact after "$out")" 1.8 4)"
check "D1: connection closed" True "$(fact closed "$out")"

# D2: DATA content dripped, one byte every 0.5 s.
out=$(py <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
c.cmd("MAIL FROM:<d2@timeouts.test>"); c.cmd("RCPT TO:<b@example.net>")
print("DATA: " + c.cmd("DATA"))
t = time.monotonic()
content = b"Subject: d2\r\n\r\n" + b"drip " * 100
r = "TIMEOUT"
for i in range(len(content)):
    if time.monotonic() - t > 10 or not c.send(content[i:i + 1]):
        break
    r = c.reply(0.5)
    if r != "TIMEOUT":
        break
print("reply: " + r)
print("after: %.1f" % (time.monotonic() - t))
print("closed: %s" % c.wait_closed(3))
PY
)
check "D2 DATA dripped 1 byte/0.5 s: DATA 354" 354 "$(fact DATA "$out" | cut -c1-3)"
check "D2: 421 4.4.2" "421 4.4.2 proxy.test Disconnecting inactive client." "$(fact reply "$out")"
check "D2: within 1.8-4.5 s of the 354" yes "$(within "$(fact after "$out")" 1.8 4.5)"
check "D2: connection closed" True "$(fact closed "$out")"
check "D2: nothing delivered" 0 "$(grep -l '"from": "d2@timeouts.test"' "$spool"/msg-*.json 2>/dev/null | wc -l)"

# D3: what must not be cut, and the idle client that must.
out=$(py <<'PY'
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
t = time.monotonic()
print("idle: " + c.reply(6))
print("idle after: %.1f" % (time.monotonic() - t))
PY
)
check "D3 idle client: 421 4.4.2" "421 4.4.2 proxy.test Disconnecting inactive client." "$(fact idle "$out")"
check "D3 idle client: at about 2 s" yes "$(within "$(fact "idle after" "$out")" 1.8 4.5)"

out=$(py "$spool" <<'PY'
import glob, json
def sent_ok(sender):
    for f in glob.glob(sys.argv[2] + "/msg-*.json"):
        if json.load(open(f))["from"] == sender:
            return open(f[:-5] + ".eml", "rb").read()
    return b""
c = Client(port, timeout=10)
c.reply(); c.cmd("EHLO client.example")
# Three NOOPs, each dripped over 1.5 s (a byte every 0.25 s): 4.5 s in all.
for i in range(3):
    for b in b"NOOP\r\n":
        c.send(bytes([b])); time.sleep(0.25)
    print("noop %d: %s" % (i, c.reply(3)))
# 1 MB at once.
big = b"Subject: d3 fast\r\n\r\n" + b"".join(b"%07d " % i + b"f" * 90 + b"\r\n" for i in range(10000))
c.cmd("MAIL FROM:<d3fast@timeouts.test>"); c.cmd("RCPT TO:<b@example.net>"); c.cmd("DATA")
c.send(stuff(big))
print("fast: " + c.reply(10))
print("fast same: %s" % same_message(sent_ok("d3fast@timeouts.test"), big))
# 480 KiB at 80 KiB a second: 6 s, three timeout periods, each with 160 KiB.
steady = b"Subject: d3 steady\r\n\r\n" + b"".join(b"%07d " % i + b"s" * 94 + b"\r\n" for i in range(4800))
data = stuff(steady)
c.cmd("MAIL FROM:<d3steady@timeouts.test>"); c.cmd("RCPT TO:<b@example.net>"); print("steady DATA: " + c.cmd("DATA"))
piece = (len(data) + 5) // 6
cut = "no"
for i in range(6):
    if not c.send(data[i * piece:(i + 1) * piece]):
        cut = "send failed"
        break
    r = c.reply(1.0) if i < 5 else "TIMEOUT"
    if r != "TIMEOUT":
        cut = r
        break
print("steady cut: " + cut)
print("steady: " + (c.reply(10) if cut == "no" else cut))
print("steady same: %s" % same_message(sent_ok("d3steady@timeouts.test"), steady))
print("QUIT: " + c.cmd("QUIT", 3))
PY
)
check "D3 NOOP dripped over 1.5 s (1/3)" 250 "$(fact "noop 0" "$out" | cut -c1-3)"
check "D3 NOOP dripped over 1.5 s (3/3, 4.5 s after the first)" 250 "$(fact "noop 2" "$out" | cut -c1-3)"
check "D3 fast 1 MB DATA: 250" 250 "$(fact fast "$out" | cut -c1-3)"
check "D3 fast 1 MB DATA: delivered byte-exact" True "$(fact "fast same" "$out")"
check "D3 80 KiB a second for 6 s: not cut" no "$(fact "steady cut" "$out")"
check "D3 80 KiB a second for 6 s: 250" 250 "$(fact steady "$out" | cut -c1-3)"
check "D3 80 KiB a second for 6 s: delivered byte-exact" True "$(fact "steady same" "$out")"
check "D3: QUIT 221" 221 "$(fact QUIT "$out" | cut -c1-3)"
stop_backend
stop_proxy

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
