#!/usr/bin/env bash
# The backend lost at every step of a transaction, through the proxy, on loopback
# (issue #10, behaviour A): tests/proxy/fake_backend.py plays the MTA and resets (RST) its
# connection before a reply (--reset-at), right after one (--reset-after), exits (the MTA
# crashed and stays down: --exit-at), or is reset from outside at a moment the test
# chooses (SIGUSR1): between MAIL and RCPT, between RCPT and DATA, while the client is
# still sending DATA, between BDAT chunks, between transactions. Clients use DATA or
# three BDAT chunks (to a CHUNKING backend and to one without), one command at a time or
# MAIL+RCPT+RCPT in one packet.
# For each case, what a client must see:
#   - never a 5xx: the backend being absent is a temporary failure, not "503 5.5.1 MAIL
#     is required first" for the client's next RCPT, DATA or BDAT;
#   - "451 4.4.1" for the transaction within 5 s: at once where a reply is owed, after
#     the final dot if the backend died while the DATA content was still coming, at the
#     next BDAT chunk (never a 250 for a chunk followed by a 5xx). [session] duration is
#     10 minutes, so a session left without a reply shows as a 5 s TIMEOUT, and the
#     backend timeout is 30 s, so a 451 within 5 s comes from noticing the loss;
#   - the session goes on: a second transaction in it (a new MAIL, no RSET) is
#     delivered (the proxy reconnects; faults are --once), and QUIT gets 221.
# And over all cases, counted from the client's 250s and the backend's msg-*.eml copies:
# nothing lost (every client 250 has its copy) and nothing duplicated (no copy without a
# client 250, no message twice), except the window of --reset-after dot: the backend
# recorded the message and sent 250, and the connection died right after; a copy whose
# 250 the client did not get is counted there, separately.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: fault_injection_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require python3
use_fake_backend
proxy_port=$(port)
backend_port=$(port)

{ base_config "$proxy_port" "$backend_port" 'timeout = "30s"'; cat <<TOML; } > "$tmp/sg.toml"

[session]
timeout = "30s"
duration = "10m"

[session.rcpt.errors]
wait = "50ms"
TOML
start_proxy "$tmp/sg.toml" "$proxy_port"; check "proxy up" 0 $?

# drive NAME [options]: one client session against the backend $backend_pid / $spool.
#   --bdat           the message goes as three BDAT chunks (the last one LAST), else DATA
#   --pipeline       MAIL, RCPT b1, RCPT b2 in one packet (else MAIL, RCPT b1 one by one)
#   --big            a 400 kB message (else a short one with dot-stuffed lines)
#   --signal POINT   SIGUSR1 to the backend (all its connections reset) at POINT:
#                    after-mail, after-rcpt, mid-data (half the DATA content sent),
#                    after-chunk1, after-chunk2, between (after a first, delivered
#                    transaction "tx0"; then tx1 must be delivered too)
#   --settle         wait 0.3 s before tx2, so that the proxy has seen a reset that came
#                    right after tx1's 250 (--reset-after dot): a MAIL sent into a
#                    connection being reset may get 451, which is not what tx2 tests
# Transaction tx1 (the one the fault hits), then tx2 (a new MAIL in the same session),
# then QUIT. Each reply is awaited 5 s at most; after a TIMEOUT or EOF the session is
# not continued. Prints "txN LABEL: [reply]" per step and, per transaction, "txN: END
# reply or the first refusal" and "txN-step: LABEL" of that refusal (or END), its
# "txN-secs", then "fivexx: ..." (every 5xx seen), "QUIT: [...]", "closed: yes|no",
# "reset: N" (connections the signal reset), "ok250: tx ids the client got 250 for",
# "copies: tx ids of the backend's copies" and "tx2-same: yes|no" (byte-exact).
drive() {
  "$python" - "$proxy_port" "$spool" "$backend_pid" "$@" <<'PY'
import argparse, glob, re, time
from fake_backend import Client, stuff, same_message, reset_connections
ap = argparse.ArgumentParser()
ap.add_argument("port"); ap.add_argument("spool"); ap.add_argument("backend_pid"); ap.add_argument("name")
ap.add_argument("--bdat", action="store_true")
ap.add_argument("--pipeline", action="store_true")
ap.add_argument("--big", action="store_true")
ap.add_argument("--signal")
ap.add_argument("--settle", action="store_true")
a = ap.parse_args()
WAIT = 5.0
c = Client(a.port, timeout=WAIT)
out, fivexx, resets, sent = [], [], [], {}
dead = False  # a TIMEOUT or EOF: the session is not continued

def message(txid):
    body = b"line one\r\n.leading dot\r\n..two dots\r\nend\r\n"
    if a.big:
        body += b"".join(b"line %06d " % i + b"x" * 60 + b"\r\n" for i in range(5000))
    return b"From: a@example.org\r\nTo: b@example.net\r\nSubject: fi %s\r\n\r\n" % txid.encode() + body

def signal_at(point):
    if a.signal == point and not resets:  # once: in the first transaction that gets there
        resets.append(reset_connections(a.backend_pid, a.spool))
        time.sleep(0.3)  # the proxy sees the reset before the client goes on

def got(tx, label, reply, t0, after_refused_mail=False):
    global dead
    out.append("%s %s: [%s]" % (tx, label, reply))
    # RCPTs pipelined after a refused MAIL get 503 (RFC 2920): the MAIL's 451 is the answer.
    if reply.startswith("5") and not after_refused_mail:
        fivexx.append("%s %s %s" % (tx, label, reply))
    if reply in ("TIMEOUT", "EOF"):
        dead = True
    return reply

def result(tx, label, reply, t0):
    out.append("%s: %s" % (tx, reply))
    out.append("%s-step: %s" % (tx, label))
    out.append("%s-secs: %.1f" % (tx, time.monotonic() - t0))
    return reply

def transaction(tx):
    txid = "%s-%s" % (a.name, tx)
    msg = message(txid)
    sent[txid] = msg
    rcpts = ["b1@example.net", "b2@example.net"] if a.pipeline else ["b1@example.net"]
    t0 = time.monotonic()
    if a.pipeline:
        c.send("MAIL FROM:<a@example.org>\r\n" + "".join("RCPT TO:<%s>\r\n" % r for r in rcpts))
        replies = [("MAIL", got(tx, "MAIL", c.reply(WAIT), t0))]
        if dead: return result(tx, "MAIL", replies[0][1], t0)
        for i in range(len(rcpts)):
            label = "RCPT%d" % (i + 1)
            replies.append((label, got(tx, label, c.reply(WAIT), t0, not replies[0][1].startswith("250"))))
            if dead: return result(tx, replies[-1][0], replies[-1][1], t0)
        if not replies[0][1].startswith("250"):
            return result(tx, "MAIL", replies[0][1], t0)
        if not any(r.startswith("250") for _, r in replies[1:]):
            label, r = next((l, r) for l, r in replies[1:] if not r.startswith("250"))
            return result(tx, label, r, t0)
    else:
        r = got(tx, "MAIL", c.cmd("MAIL FROM:<a@example.org>", WAIT), t0)
        if not r.startswith("250"): return result(tx, "MAIL", r, t0)
        signal_at("after-mail")
        t0 = time.monotonic()
        r = got(tx, "RCPT", c.cmd("RCPT TO:<%s>" % rcpts[0], WAIT), t0)
        if not r.startswith("250"): return result(tx, "RCPT", r, t0)
    signal_at("after-rcpt")
    t0 = time.monotonic()
    if a.bdat:
        third = len(msg) // 3
        parts = [msg[:third], msg[third:2 * third], msg[2 * third:]]
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            c.send(b"BDAT %d%s\r\n" % (len(part), b" LAST" if last else b"") + part)
            label = "BDAT%d" % (i + 1)
            r = got(tx, label, c.reply(WAIT), t0)
            if not r.startswith("250") or last: return result(tx, label, r, t0)
            signal_at("after-chunk%d" % (i + 1))
            t0 = time.monotonic()
    r = got(tx, "DATA", c.cmd("DATA", WAIT), t0)
    if not r.startswith("354"): return result(tx, "DATA", r, t0)
    data = stuff(msg)
    if a.signal == "mid-data":
        c.send(data[: len(data) // 2])
        signal_at("mid-data")
        t0 = time.monotonic()
        c.send(data[len(data) // 2:])
    else:
        c.send(data)
    return result(tx, "END", got(tx, "END", c.reply(WAIT), t0), t0)

c.reply(WAIT)
c.cmd("EHLO client.example", WAIT)
results = {}
if a.signal == "between":
    results["tx0"] = transaction("tx0")
    signal_at("between")
for tx in ("tx1", "tx2"):
    if dead: break
    if tx == "tx2" and a.settle:
        time.sleep(0.3)
    results[tx] = transaction(tx)
r = c.cmd("QUIT", 2.0 if dead else WAIT)
out.append("QUIT: [%s]" % r)
out.append("closed: %s" % ("yes" if r.startswith("221") and c.wait_closed(WAIT) else "no"))
c.close()
out.append("fivexx: %s" % ("; ".join(fivexx) or "none"))
out.append("reset: %s" % ",".join(map(str, resets)))
out.append("ok250: %s" % " ".join(sorted("%s-%s" % (a.name, t) for t, r in results.items() if r.startswith("250"))))
copies = []
tx2_same = "no"
time.sleep(0.2)  # a copy written as the 250 went out
for f in sorted(glob.glob(a.spool + "/msg-*.eml")):
    data = open(f, "rb").read()
    m = re.search(rb"^Subject: fi (\S+)\r$", data, re.M)
    txid = m.group(1).decode() if m else "?"
    copies.append(txid)
    if txid == "%s-tx2" % a.name and same_message(data, sent[txid]):
        tx2_same = "yes"
out.append("copies: %s" % " ".join(copies))
out.append("tx2-same: %s" % tx2_same)
print("\n".join(out))
PY
}

fact() { printf '%s\n' "$2" | sed -n "s/^$1: //p" | head -1; }  # fact NAME OUTPUT
is_4541() { [[ "$1" =~ ^451\ 4\.4\.1\  ]] && echo yes || echo no; }

# Over all cases: client 250s (for the message) and backend copies.
total_250=0 total_copies=0 lost=0 duplicated=0 window=0

# account NAME OUTPUT WINDOW: adds the case's 250s and copies to the totals, and
# checks that nothing was lost or duplicated (WINDOW=yes: a copy without a 250 of tx1
# counts in $window, not as a duplicate).
account() {
  local name=$1 out=$2 win=$3 id n
  local ok250 copies; ok250=$(fact ok250 "$out"); copies=$(fact copies "$out")
  total_250=$((total_250 + $(wc -w <<< "$ok250")))
  total_copies=$((total_copies + $(wc -w <<< "$copies")))
  for id in $ok250; do
    n=$(tr ' ' '\n' <<< "$copies" | grep -cx -- "$id")
    if [ "$n" -eq 0 ]; then lost=$((lost + 1)); check "$name: $id got 250 and has a copy" 1 0; fi
  done
  for id in $(tr ' ' '\n' <<< "$copies" | sort | uniq -c | awk '$1 > 1 {print $2}'); do
    duplicated=$((duplicated + 1)); check "$name: $id has one copy" 1 "$(tr ' ' '\n' <<< "$copies" | grep -cx -- "$id")"
  done
  for id in $(tr ' ' '\n' <<< "$copies" | sort -u); do
    if ! tr ' ' '\n' <<< "$ok250" | grep -qx -- "$id"; then
      if [ "$win" = yes ] && [ "$id" = "$name-tx1" ]; then window=$((window + 1)); else
        duplicated=$((duplicated + 1)); check "$name: no copy of $id without a client 250" none "$id"; fi
    fi
  done
}

# fault NAME STEPS [--window] [--tx2 451] -- BACKEND-OPTIONS -- DRIVE-OPTIONS: the case.
# STEPS: where tx1's 451 4.4.1 may come (a regex over MAIL RCPT RCPT1 RCPT2 DATA END
# BDAT1..3; timing decides between them in some cases). --window: tx1 may also get 250
# (--reset-after dot). --tx2 451: the backend is gone for good (--exit-at); tx2 gets
# 451 4.4.1 at MAIL instead of being delivered.
fault() {
  local name=$1 steps=$2 win=no tx2=250 failed_before=$fail; shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    case $1 in
      --window) win=yes; shift ;;
      --tx2) tx2=$2; shift 2 ;;
      *) check "fault $name: known option" yes "no ($1)"; shift ;;
    esac
  done
  [ $# -gt 0 ] && shift
  local bopts=() dopts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do bopts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  dopts=("$@")
  [ "$win" = yes ] && dopts+=(--settle)
  start_backend "$name" "$backend_port" "${bopts[@]}"; check "$name: backend up" 0 $?
  local out; out=$(drive "$name" "${dopts[@]}")
  local r1 step1; r1=$(fact tx1 "$out"); step1=$(fact tx1-step "$out")
  check "$name: no 5xx to the client" none "$(fact fivexx "$out")"
  if [ "$win" = yes ] && [ "${r1:0:3}" = 250 ]; then
    check "$name: tx1 250 (the 250 got through before the reset)" 250 "${r1:0:3}"
  else
    check "$name: tx1 gets 451 4.4.1 within 5 s" yes "$(is_4541 "$r1")"
    check "$name: tx1's 451 at $steps" yes "$([[ "$step1" =~ ^($steps)$ ]] && echo yes || echo "no ($step1)")"
  fi
  if [ "$tx2" = 451 ]; then
    check "$name: tx2 (backend down for good) MAIL 451 4.4.1" "yes MAIL" \
      "$(is_4541 "$(fact tx2 "$out")") $(fact tx2-step "$out")"
  else
    check "$name: tx2 in the same session delivered (250)" 250 "$(fact tx2 "$out" | cut -c1-3)"
    check "$name: tx2 byte-exact" yes "$(fact tx2-same "$out")"
  fi
  check "$name: QUIT 221, closed" yes "$(fact closed "$out")"
  [ "$fail" -gt "$failed_before" ] && printf '  session: %s\n' "$(grep -E '^tx[0-9] [A-Z0-9]+:|^QUIT' <<< "$out" | tr '\n' ' ')"
  account "$name" "$out" "$win"
  stop_backend
}

# signal_case NAME STEPS -- BACKEND-OPTIONS -- DRIVE-OPTIONS: as fault, and the signal
# did reset the proxy's backend connection.
signal_case() {
  local name=$1
  fault "$@"
  check "$name: the signal reset a connection" yes "$(grep -q '! reset by signal' "$tmp/$name/transcript.log" 2>/dev/null && echo yes || echo no)"
}

# ---------------------------------------------------------------- DATA, one command at a time
fault reset-at-greeting MAIL -- --once --reset-at greeting --
fault reset-after-greeting MAIL -- --once --reset-after greeting --
fault reset-at-ehlo MAIL -- --once --reset-at ehlo --
fault reset-after-ehlo MAIL -- --once --reset-after ehlo --
fault reset-at-mail MAIL -- --once --reset-at mail --
fault reset-after-mail 'MAIL|RCPT' -- --once --reset-after mail --
fault reset-at-rcpt RCPT -- --once --reset-at rcpt --
fault reset-after-rcpt 'RCPT|DATA|END' -- --once --reset-after rcpt --
fault reset-at-data END -- --once --reset-at data --           # DATA goes to the backend after the dot
fault reset-after-data END -- --once --reset-after data --
fault reset-at-mid-data END -- --once --reset-at mid-data -- --big
fault reset-at-dot END -- --once --reset-at dot --
fault reset-after-dot END --window -- --once --reset-after dot --
fault exit-at-rcpt RCPT --tx2 451 -- --exit-at rcpt --
fault exit-at-dot END --tx2 451 -- --exit-at dot --
# Reset from outside, at a moment the proxy is not waiting for the backend.
signal_case signal-after-mail RCPT -- -- --signal after-mail
signal_case signal-after-rcpt DATA -- -- --signal after-rcpt
signal_case signal-mid-data END -- -- --signal mid-data
signal_case signal-mid-data-big END -- -- --signal mid-data --big
# Lost between transactions: no transaction is hurt, the next one is delivered.
start_backend signal-between "$backend_port"
out=$(drive signal-between --signal between)
check "signal-between: the signal reset a connection" 1 "$(fact reset "$out")"
check "signal-between: no 5xx" none "$(fact fivexx "$out")"
check "signal-between: tx0 250" 250 "$(printf '%s\n' "$out" | sed -n 's/^tx0 END: \[\(...\).*/\1/p')"
check "signal-between: tx1 after the loss 250" 250 "$(fact tx1 "$out" | cut -c1-3)"
check "signal-between: tx2 250" 250 "$(fact tx2 "$out" | cut -c1-3)"
check "signal-between: QUIT 221, closed" yes "$(fact closed "$out")"
account signal-between "$out" no
stop_backend

# ---------------------------------------------------------------- DATA, pipelined MAIL+RCPT+RCPT
fault pipelined-reset-after-mail 'MAIL|RCPT1' -- --once --reset-after mail -- --pipeline
fault pipelined-reset-at-rcpt RCPT1 -- --once --reset-at rcpt -- --pipeline
# RCPT b1 answered 250 by the backend, then the reset: b2 and the message get 451.
fault pipelined-reset-after-rcpt 'RCPT2|DATA|END' -- --once --reset-after rcpt -- --pipeline
fault pipelined-reset-at-dot END -- --once --reset-at dot -- --pipeline

# ---------------------------------------------------------------- BDAT to a CHUNKING backend
fault bdat-reset-at-mail MAIL -- --chunking --once --reset-at mail -- --bdat
fault bdat-reset-after-mail 'MAIL|RCPT' -- --chunking --once --reset-after mail -- --bdat
fault bdat-reset-at-rcpt RCPT -- --chunking --once --reset-at rcpt -- --bdat
fault bdat-reset-after-rcpt 'RCPT|BDAT1|BDAT2|BDAT3' -- --chunking --once --reset-after rcpt -- --bdat
signal_case bdat-signal-after-rcpt BDAT1 -- --chunking -- --bdat --signal after-rcpt
signal_case bdat-signal-after-chunk1 BDAT2 -- --chunking -- --bdat --signal after-chunk1
signal_case bdat-signal-after-chunk2 BDAT3 -- --chunking -- --bdat --signal after-chunk2
fault bdat-reset-at-mid-data BDAT3 -- --chunking --once --reset-at mid-data -- --bdat --big
fault bdat-reset-at-last BDAT3 -- --chunking --once --reset-at dot -- --bdat
fault bdat-reset-after-last BDAT3 --window -- --chunking --once --reset-after dot -- --bdat
fault bdat-pipelined-reset-after-rcpt 'RCPT2|BDAT1|BDAT2|BDAT3' -- --chunking --once --reset-after rcpt -- --bdat --pipeline

# ---------------------------------------------------------------- BDAT to a backend without CHUNKING (relayed with DATA)
fault bdat-nochunking-reset-at-data BDAT3 -- --once --reset-at data -- --bdat
fault bdat-nochunking-reset-after-data BDAT3 -- --once --reset-after data -- --bdat
fault bdat-nochunking-reset-at-dot BDAT3 -- --once --reset-at dot -- --bdat
signal_case bdat-nochunking-signal-after-chunk1 BDAT2 -- -- --bdat --signal after-chunk1

echo "client 250s: $total_250, backend copies: $total_copies, lost: $lost, duplicated: $duplicated, window (copy, connection lost before the 250 reached the proxy): $window"
check "nothing lost (every client 250 has its copy)" 0 "$lost"
check "nothing duplicated (no copy without a client 250, none twice)" 0 "$duplicated"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
