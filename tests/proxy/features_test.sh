#!/usr/bin/env bash
# The proxy's ESMTP features with real processes on loopback: STARTTLS and implicit TLS
# (throw-away certificate made here with openssl), AUTH PLAIN/LOGIN against a memory
# directory, BDAT/CHUNKING, the per-IP connection limit, JSON logs, SIGHUP reload and the
# SIGTERM drain. Backend: smtp-sink with dumps; clients: swaks and Python's smtplib.
# Usage: features_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require smtp-sink swaks openssl python3
proxy_port=$(port)
tls_port=$(port)
sink_port=$(port)

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=proxy.test" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
check "throw-away certificate" 0 $?

write_config() {  # write_config HOSTNAME
  cat > "$tmp/sg.toml" <<TOML
[server]
hostname = "$1"
shutdown-grace = "5s"

[server.listener."smtp"]
bind = ["127.0.0.1:$proxy_port"]

[server.listener."smtps"]
bind = ["127.0.0.1:$tls_port"]
tls.implicit = true

[certificate."default"]
cert = "file://$tmp/cert.pem"
private-key = "file://$tmp/key.pem"

[remote."backend"]
address = "127.0.0.1"
port = $sink_port

[relay]
next-hop = "backend"
spool-threshold = 4096
spool-dir = "$tmp/spool"

[session]
timeout = "1m"

[[session.throttle]]
key = ["remote-ip"]
concurrency = 5

[session.auth]
mechanisms = ["plain", "login"]
directory = "users"
errors.wait = "1s"

[directory."users"]
type = "memory"

[[directory."users".users]]
name = "alice"
secret = "s3cret"

[global.tracing]
format = "json"
TOML
}
write_config proxy.test
mkdir -p "$tmp/spool"
start_sink "$sink_port"; check "backend up" 0 $?
start_proxy "$tmp/sg.toml" "$proxy_port"; check "proxy up" 0 $?

# 1. STARTTLS: offered in clear, AUTH only after it; the message arrives.
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --from a@example.org --to b@example.net \
      --header "Subject: tls-1" --tls 2>&1)
contains "starttls: offered" "250-STARTTLS" "$out"
contains "starttls: ready" "220 2.0.0 Ready to start TLS." "$out"
contains "starttls: delivered" "<~  250 2.0.0 Ok" "$out"
grep -l "Subject: tls-1" "$tmp"/dump-* >/dev/null 2>&1; check "starttls: message at the backend" 0 $?
plain_ehlo=$(printf '%s\n' "$out" | sed -n '/-> EHLO/,/-> STARTTLS/p')
check "starttls: no AUTH offered in clear" "" "$(printf '%s\n' "$plain_ehlo" | grep 'AUTH')"
contains "starttls: AUTH offered after TLS" "<~  250-AUTH PLAIN LOGIN" "$out"

# 2. Implicit TLS listener.
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$tls_port" --tlsc --from a@example.org --to b@example.net \
      --header "Subject: tls-2" 2>&1)
contains "implicit tls: banner inside TLS" "<~  220 proxy.test" "$out"
contains "implicit tls: delivered" "<~  250 2.0.0 Ok" "$out"

# 3. AUTH over TLS: good and bad credentials, PLAIN and LOGIN.
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --tls --auth PLAIN --auth-user alice \
      --auth-password s3cret --from alice@example.org --to b@example.net 2>&1)
contains "auth plain: accepted" "<~  235 2.7.0 Authentication succeeded." "$out"
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --tls --auth LOGIN --auth-user alice \
      --auth-password s3cret --from alice@example.org --to b@example.net 2>&1)
contains "auth login: accepted" "<~  235 2.7.0 Authentication succeeded." "$out"
started=$(date +%s%N)
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --tls --auth PLAIN --auth-user alice \
      --auth-password wrong --from alice@example.org --to b@example.net 2>&1)
waited_ms=$(( ($(date +%s%N) - started) / 1000000 ))
contains "auth: bad password refused" "<~* 535 5.7.8 Authentication credentials invalid." "$out"
check "auth: the refusal waited errors.wait (1s)" yes "$([ "$waited_ms" -ge 1000 ] && echo yes || echo "no, ${waited_ms} ms")"

# 4. BDAT: chunks from the client, relayed to smtp-sink (no CHUNKING) with DATA, bytes intact.
reply=$(python3 - "$proxy_port" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
f = s.makefile("rb")
def reply():
    lines = []
    while True:
        line = f.readline().decode()
        lines.append(line.strip())
        if len(line) < 4 or line[3] != "-":
            return lines
reply()
s.sendall(b"EHLO c.example\r\n"); ehlo = reply()
print(any(l[4:] == "CHUNKING" for l in ehlo))
s.sendall(b"MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"); reply(); reply()
part1 = b"Subject: bdat-1\r\n\r\n.starts with a dot\r\n"
part2 = b"second chunk\r\n"
s.sendall(b"BDAT %d\r\n" % len(part1) + part1); print(reply()[-1])
s.sendall(b"BDAT %d LAST\r\n" % len(part2) + part2); print(reply()[-1])
s.sendall(b"QUIT\r\n"); reply()
PY
)
contains "bdat: CHUNKING offered" "True" "$reply"
contains "bdat: chunk accepted" "250 2.6.0 Chunk accepted." "$reply"
contains "bdat: final reply is the backend's" "250 2.0.0 Ok" "$reply"
dump=$(grep -l "Subject: bdat-1" "$tmp"/dump-* 2>/dev/null | head -1)
if [ -n "$dump" ]; then
  body=$(sed -n '/^$/,$p' "$dump" | sed '1d' | head -2)
  check "bdat: body byte-exact" "$(printf '.starts with a dot\nsecond chunk')" "$body"
else
  check "bdat: message at the backend" "dumped" "missing"
fi

# 4b. A 300 KB message is spooled to a file (threshold 4 KiB) and streamed to the
#     backend in chunks; it arrives byte-exact, and the spool file is gone.
python3 - "$tmp/big" <<'PY'
import random, sys
random.seed(7)
lines = []
for i in range(6000):
    lines.append(random.choice([".", "..", ".dot", "text", "x" * 40, ""]) + " line %d" % i)
open(sys.argv[1], "w").write("\n".join(lines))
PY
out=$(timeout 30 swaks --helo client.example --server "127.0.0.1:$proxy_port" --from a@example.org --to b@example.net \
      --header "Subject: big-1" --body "$tmp/big" 2>&1)
contains "spool: big message accepted" "<-  250 2.0.0 Ok" "$out"
dump=$(grep -l "Subject: big-1" "$tmp"/dump-* 2>/dev/null | head -1)
if [ -n "$dump" ]; then
  check "spool: big message byte-exact" "$(md5sum < "$tmp/big")" "$(sed -n '/^$/,$p' "$dump" | sed '1d' | head -c "$(wc -c < "$tmp/big")" | md5sum)"
else
  check "spool: big message at the backend" "dumped" "missing"
fi
check "spool: no file left in the spool dir" "0" "$(find "$tmp/spool" -type f | wc -l)"

# 5. Per-IP limit: the 6th concurrent connection from one address gets 421 4.7.0.
reply=$(python3 - "$proxy_port" <<'PY'
import socket, sys
held = []
for i in range(5):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    s.recv(1024)
    held.append(s)
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
print(s.recv(1024).decode().strip())
for h in held: h.close()
PY
)
contains "per-ip limit: refused" "421 4.7.0 Too many connections from your address" "$reply"

# 6. JSON logs: every line parses; a delivered session has connect, stage and end events.
logs=$(python3 - "$tmp/serve.log" <<'PY'
import json, sys
bad = 0; sessions = {}
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:
        bad += 1; continue
    sessions.setdefault(e.get("session", "-"), set()).add(e["event"])
print(bad, any({"connect", "stage", "backend", "end"} <= ev for ev in sessions.values()),
      any("tls" in ev for ev in sessions.values()))
PY
)
check "logs: JSON lines, full sessions, TLS events" "0 True True" "$logs"

# 7. SIGHUP: a session opened before keeps the old hostname; new ones get the new one; a
#    broken config is refused and the running one stays.
exec 3<>/dev/tcp/127.0.0.1/"$proxy_port"
read -r -t 5 old_banner <&3
write_config reloaded.test
kill -HUP "$proxy_pid"
sleep 0.5
new_banner=$(python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$proxy_port),timeout=5); print(s.recv(200).decode().strip())")
contains "reload: old session unchanged" "220 proxy.test" "$old_banner"
contains "reload: new sessions use the new config" "220 reloaded.test" "$new_banner"
printf 'EHLO c.example\r\nQUIT\r\n' >&3
read -r -t 5 ehlo_line <&3
contains "reload: the old session still answers" "250-proxy.test" "$ehlo_line"
exec 3<&-
echo "[session" >> "$tmp/sg.toml"
kill -HUP "$proxy_pid"
sleep 0.5
banner=$(python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$proxy_port),timeout=5); print(s.recv(200).decode().strip())")
contains "reload: a broken config is refused" "220 reloaded.test" "$banner"
grep -q '"event":"reload","result":"refused"' "$tmp/serve.log"; check "reload: refusal logged" 0 $?
# The refused config's errors are JSON log events too: the log stays one JSON object per line.
refusal=$(python3 - "$tmp/serve.log" <<'PY'
import json, sys
bad = 0; config_errors = 0
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:
        bad += 1; continue
    if e.get("event") == "config" and e.get("level") == "error" and e.get("line"):
        config_errors += 1
print(bad, config_errors > 0)
PY
)
check "reload: in JSON mode the refused config's errors are JSON events" "0 True" "$refusal"

# 8. SIGTERM drain: a session in a transaction may finish; an idle one is told 421; the
#    listener is closed at once; the process exits within the grace period.
drain=$(python3 - "$proxy_port" "$proxy_pid" <<'PY'
import os, signal, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
def conn():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    f = s.makefile("rb")
    def reply():
        while True:
            line = f.readline().decode()
            if len(line) < 4 or line[3] != "-":
                return line.strip()
    reply()
    return s, reply
busy, busy_reply = conn()
busy.sendall(b"EHLO c.example\r\n"); busy_reply()
busy.sendall(b"MAIL FROM:<a@example.org>\r\n"); busy_reply()
busy.sendall(b"RCPT TO:<b@example.net>\r\n"); busy_reply()
idle, idle_reply = conn()
idle.sendall(b"EHLO c.example\r\n"); idle_reply()
os.kill(pid, signal.SIGTERM)
time.sleep(1.0)
print("idle:", idle_reply())
try:
    socket.create_connection(("127.0.0.1", port), timeout=2).recv(100)
    print("new: accepted")
except OSError:
    print("new: refused")
busy.sendall(b"DATA\r\n"); busy_reply()
busy.sendall(b"Subject: drain-1\r\n\r\nfinished during the drain\r\n.\r\n")
print("busy:", busy_reply())
busy.sendall(b"QUIT\r\n")
PY
)
contains "drain: idle session told 421" "idle: 421 4.3.2" "$drain"
contains "drain: no new connections" "new: refused" "$drain"
contains "drain: transaction finished" "busy: 250 2.0.0 Ok" "$drain"
wait_gone "$proxy_pid" 8; check "drain: process exited within the grace period" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
