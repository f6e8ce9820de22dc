#!/usr/bin/env bash
# The proxy with real processes on loopback: Postfix's smtp-sink as the backend (with
# message dumps), `sievegate serve` in front, swaks and raw sockets as clients.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: relay_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require smtp-sink swaks
sink_and_proxy '[session]
timeout = "5m"
transfer-limit = 262144000
duration = "10m"'

# 1. A message arrives at the backend with its body intact (dot-stuffing round-trips).
printf 'line one\n.leading dot\n..two dots\nend' > "$tmp/body"
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --from a@example.org --to b@example.net \
      --header "Subject: relay-1" --body "$tmp/body" 2>&1)
contains "relay: 250 after DATA" "<-  250 2.0.0 Ok" "$out"
dump=$(grep -l "Subject: relay-1" "$tmp"/dump-* 2>/dev/null | head -1)
check "relay: message dumped" "yes" "$([ -n "$dump" ] && echo yes || echo no)"
if [ -n "$dump" ]; then
  body=$(sed -n '/^$/,$p' "$dump" | sed '1d' | head -4)
  check "relay: body byte-exact" "$(printf 'line one\n.leading dot\n..two dots\nend')" "$body"
  grep -q "^X-Mail-Args: <a@example.org>" "$dump"; check "relay: envelope sender" 0 $?
  grep -q "^X-Rcpt-Args: <b@example.net>" "$dump"; check "relay: envelope recipient" 0 $?
fi

# 2. Two messages in one session, pipelined.
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --pipeline --from a@example.org \
      --to b@example.net,c@example.net --header "Subject: relay-2" 2>&1)
contains "pipelining: accepted" "<-  250 2.0.0 Ok" "$out"
grep -l "Subject: relay-2" "$tmp"/dump-* >/dev/null 2>&1; check "pipelining: delivered" 0 $?

# 3. Smuggling: <LF>.<LF> does not end the message (a bare LF is a line end, as in
# Postfix 3.9): one message with the smuggled lines as content (smuggling_test.sh has
# every variant).
reply=$(python3 - "$proxy_port" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"EHLO c.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n")
time.sleep(0.5)
s.sendall(b"Subject: smuggle\r\n\r\nhi\n.\nMAIL FROM:<evil@example.org>\r\nRCPT TO:<v@example.net>\r\nDATA\r\nevil\r\n.\r\n")
data = b""
deadline = time.time() + 5
while time.time() < deadline:
    try:
        chunk = s.recv(4096)
    except socket.timeout:
        break
    if not chunk:
        break
    data += chunk
print(data.decode(errors="replace").replace("\r", ""))
PY
)
check "smuggling: one message accepted" 1 "$(grep -c '^250 2.0.0' <<<"$reply")"
grep -l "^X-Mail-Args: <evil@example.org>" "$tmp"/dump-* >/dev/null 2>&1; check "smuggling: no smuggled envelope at the backend" 1 $?
dump=$(grep -l "Subject: smuggle" "$tmp"/dump-* 2>/dev/null | head -1)
grep -q "^MAIL FROM:<evil@example.org>" "$dump" 2>/dev/null; check "smuggling: the smuggled lines are content" 0 $?

# 4. Backend down: the client gets 451, never 250.
kill "$sink_pid"; wait "$sink_pid" 2>/dev/null
out=$(timeout 20 swaks --helo client.example --server "127.0.0.1:$proxy_port" --from a@example.org --to b@example.net 2>&1)
contains "backend down: 451" "<** 451 4.4.1" "$out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
