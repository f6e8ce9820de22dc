#!/usr/bin/env bash
# Sieve at every stage, live: a Stalwart-style config with a script at connect, EHLO,
# MAIL, RCPT and DATA, rules choosing scripts by listener, client address and recipient
# domain, sievegate serve in front of smtp-sink (with dumps), Python raw-socket clients
# bound to different loopback addresses. Also: the seed config verbatim, and
# `sievegate run --stage` giving the same verdict as the live proxy.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: stages_test.sh SIEVEGATE
set -u
bin=$1
for tool in smtp-sink python3; do
  command -v "$tool" >/dev/null || { echo "$tool missing: skipped"; exit 77; }
done
source "$(dirname "$0")/../proxy/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
proxy_port=$(port)
second_port=$(port)
sink_port=$(port)
seed_port=$(port)

# The client: one SMTP session from a chosen loopback address; prints every reply line.
cat > "$tmp/client.py" <<'PY'
import socket, sys
# client.py PORT SOURCE_IP COMMAND... ; "DATA:<text>" sends DATA then the text and ".".
port, source = int(sys.argv[1]), sys.argv[2]
s = socket.socket()
s.settimeout(10)
s.bind((source, 0))
s.connect(("127.0.0.1", port))
f = s.makefile("rb")
def reply():
    lines = []
    while True:
        line = f.readline().decode(errors="replace")
        if not line:
            lines.append("<closed>")
            return lines
        lines.append(line.rstrip("\r\n"))
        if len(line) < 4 or line[3] != "-":
            return lines
out = reply()
for cmd in sys.argv[3:]:
    if out and out[-1] == "<closed>":
        break
    if cmd.startswith("DATA:"):
        s.sendall(b"DATA\r\n")
        r = reply()
        out += r
        if r[-1].startswith("354"):
            lines = cmd[5:].split("\\n")
            body = "\r\n".join("." + l if l.startswith(".") else l for l in lines)  # dot-stuffed
            s.sendall(body.encode() + b"\r\n.\r\n")
            out += reply()
    else:
        s.sendall(cmd.encode() + b"\r\n")
        out += reply()
print("\n".join(out))
PY
client() { timeout 20 python3 "$tmp/client.py" "$@"; }

cat > "$tmp/sg.toml" <<TOML
[server]
hostname = "proxy.test"

[server.listener."smtp"]
bind = ["127.0.0.1:$proxy_port"]

[server.listener."second"]
bind = ["127.0.0.1:$second_port"]
hostname = "second.test"

[remote."backend"]
address = "127.0.0.1"
port = $sink_port

[relay]
next-hop = "backend"

[session.connect]
script = [ { if = "listener", eq = "second", then = "connect_second" },
           { if = "remote-ip", eq = "127.0.0.4/32", then = false },
           { else = "connect_filter" } ]

[session.ehlo]
script = "ehlo_filter"

[session.mail]
script = "mail_filter"

[session.rcpt]
script = [ { if = "rcpt-domain", eq = "other.example", then = "rcpt_other" },
           { else = "rcpt_filter" } ]

[session.data]
script = "data_filter"

[sieve.trusted.scripts]
connect_filter = '''
require ["variables", "reject"];
if string "\${env.remote_ip}" ["127.0.0.3", "127.0.0.4"] {
    reject "Your IP '\${env.remote_ip}' is not welcomed here.";
}
'''
connect_second = '''
require "reject";
reject "554 5.7.1 The second listener is closed.";
'''
ehlo_filter = '''
require ["variables", "reject"];
if string :is "\${env.helo_domain}" "bad.example" {
    reject "550 5.7.0 No thanks, \${env.helo_domain} (stage \${env.stage}).";
}
'''
mail_filter = '''
require ["variables", "reject", "envelope"];
if envelope :domain "from" "spam.example" {
    reject "Senders from spam.example are refused.";
}
if envelope :is "from" "rewrite@example.org" {
    set "envelope.from" "bounces@example.org";
}
'''
rcpt_filter = '''
require ["variables", "reject", "envelope", "copy"];
if envelope :is "to" "blocked@example.net" {
    reject "450 4.2.1 Mailbox busy, try later.";
}
if envelope :is "to" "alias@example.net" {
    redirect "real@example.net";
}
if envelope :is "to" "copy@example.net" {
    redirect :copy "archive@example.net";
}
'''
rcpt_other = '''
require "reject";
reject "551 5.1.6 other.example moved away.";
'''
data_filter = '''
require ["variables", "reject", "editheader", "envelope"];
if header :contains "subject" "SPAM" {
    reject "Spam is refused.";
}
if header :is "subject" "discard me" {
    discard;
    stop;
}
deleteheader "X-Remove-Me";
addheader "X-Sievegate" "tagged \${env.remote_ip} \${envelope.from}";
'''
TOML

"$bin" check-config "$tmp/sg.toml" > "$tmp/check.out" 2>&1
check "config: check-config accepts it" 0 $?
start_sink "$sink_port"; check "backend up" 0 $?
start_proxy "$tmp/sg.toml" "$proxy_port"; check "proxy up" 0 $?

dumps() { cat "$tmp"/dump-* 2>/dev/null; }

# connect: refused address (default code, no banner), other addresses get the banner, a
# rule by remote-ip turns the script off, a rule by listener picks another script.
out=$(client "$proxy_port" 127.0.0.3 "EHLO c.example")
check "connect: refused, default code, no banner" "554 5.7.1 Your IP '127.0.0.3' is not welcomed here.
<closed>" "$out"
out=$(client "$proxy_port" 127.0.0.4 "QUIT")
contains "connect: a rule (remote-ip) runs no script" "220 proxy.test" "$out"
out=$(client "$second_port" 127.0.0.1 "QUIT")
check "connect: a rule (listener) picks another script, verbatim code" "554 5.7.1 The second listener is closed.
<closed>" "$out"

# ehlo: refused with the reason's own code, variables expanded; the session goes on.
out=$(client "$proxy_port" 127.0.0.1 "EHLO bad.example" "EHLO good.example" "QUIT")
contains "ehlo: refused verbatim with variables" "550 5.7.0 No thanks, bad.example (stage ehlo)." "$out"
contains "ehlo: the session goes on" "250-proxy.test says hello" "$out"

# mail: default code; a changed sender reaches the backend.
out=$(client "$proxy_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<x@spam.example>" "QUIT")
contains "mail: refused, default code" "550 5.7.1 Senders from spam.example are refused." "$out"
out=$(client "$proxy_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<rewrite@example.org>" "RCPT TO:<b@example.net>" \
      "DATA:Subject: mail-rewrite\n\nbody" "QUIT")
contains "mail: accepted" "250 2.0.0 Ok" "$out"
dump=$(grep -l "Subject: mail-rewrite" "$tmp"/dump-* 2>/dev/null | head -1)
grep -q "^X-Mail-Args: <bounces@example.org>" "$dump" 2>/dev/null; check "mail: the new sender at the backend" 0 $?

# rcpt: verbatim 4xx, redirect replaces, redirect :copy adds, a rule (rcpt-domain) picks a script.
out=$(client "$proxy_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<a@example.org>" "RCPT TO:<blocked@example.net>" \
      "RCPT TO:<other@other.example>" "RCPT TO:<alias@example.net>" "RCPT TO:<copy@example.net>" \
      "DATA:Subject: rcpt-changes\n\nbody" "QUIT")
contains "rcpt: refused verbatim" "450 4.2.1 Mailbox busy, try later." "$out"
contains "rcpt: a rule (rcpt-domain) picks another script" "551 5.1.6 other.example moved away." "$out"
contains "rcpt: message accepted" "250 2.0.0 Ok" "$out"
dump=$(grep -l "Subject: rcpt-changes" "$tmp"/dump-* 2>/dev/null | head -1)
rcpts=$(grep "^X-Rcpt-Args:" "$dump" 2>/dev/null | sed 's/X-Rcpt-Args: //' | tr -d '\r' | sort | tr '\n' ' ')
check "rcpt: redirect and redirect :copy at the backend" "<archive@example.net> <copy@example.net> <real@example.net> " "$rcpts"

# data: refused (default code), discarded (250, nothing relayed), edited headers byte for byte.
out=$(client "$proxy_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<a@example.org>" "RCPT TO:<b@example.net>" \
      "DATA:Subject: buy SPAM now\n\nbody" "QUIT")
contains "data: refused, default code" "550 5.7.1 Spam is refused." "$out"
out=$(client "$proxy_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<a@example.org>" "RCPT TO:<b@example.net>" \
      "DATA:Subject: discard me\n\nbody" "QUIT")
contains "data: discard answers 250" "250 2.0.0 Message queued for delivery." "$out"
dumps | grep -q "Subject: discard me"; check "data: discarded message not relayed" 1 $?
dumps | grep -q "Subject: buy SPAM now"; check "data: refused message not relayed" 1 $?
out=$(client "$proxy_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<a@example.org>" "RCPT TO:<b@example.net>" \
      "DATA:Subject: edited\nX-Remove-Me: yes\nX-Keep: 1\n\nline one\n.dot line" "QUIT")
contains "data: edited message accepted" "250 2.0.0 Ok" "$out"
dump=$(grep -l "Subject: edited" "$tmp"/dump-* 2>/dev/null | head -1)
if [ -n "$dump" ]; then
  # smtp-sink writes its X-* lines, then the message (sievegate's Received: first).
  msg=$(sed -n '/^Received: from c.example/,$p' "$dump" | tr -d '\r')
  expected_tail="X-Sievegate: tagged 127.0.0.1 a@example.org
Subject: edited
X-Keep: 1

line one
.dot line"
  check "data: headers changed byte for byte, body intact" "$expected_tail" "$(printf '%s\n' "$msg" | sed -n '/^X-Sievegate/,$p' | sed '/^$/{N;/^\n$/d}' | head -6)"
  contains "data: Received: names sievegate and the client" "by proxy.test (sievegate) with ESMTP" "$msg"
else
  check "data: edited message at the backend" "dumped" "missing"
fi

# The same verdict from `sievegate run --stage` as from the live proxy (one code path).
printf '%s' "$(sed -n "/^connect_filter = '''/,/^'''/p" "$tmp/sg.toml" | sed '1d;$d' | sed 's/\\\$/$/g')" > "$tmp/connect_filter.sieve"
run_out=$("$bin" run --script "$tmp/connect_filter.sieve" --stage connect --env remote_ip=127.0.0.3 --format json)
contains "run --stage: same reply as live" "\"smtp_reply\": {\"code\": 554, \"enhanced\": \"5.7.1\", \"text\": \"Your IP '127.0.0.3' is not welcomed here.\"}" "$run_out"

# The seed config, verbatim but for the address it refuses, plus a listener and a backend.
seed_config() {  # seed_config ADDRESS
  sed "s/10\.0\.0\.88/$1/" "$here/seed.toml" > "$tmp/seed.toml"
  cat >> "$tmp/seed.toml" <<TOML

[server.listener."smtp"]
bind = ["127.0.0.1:$seed_port"]

[remote."backend"]
address = "127.0.0.1"
port = $sink_port
TOML
}
seed_config 127.0.0.1
start_proxy "$tmp/seed.toml" "$seed_port"; check "seed: proxy up" 0 $?
out=$(client "$seed_port" 127.0.0.1 "EHLO c.example")
check "seed: refused with the script's text, no banner" "554 5.7.1 Your IP '127.0.0.1' is not welcomed here.
<closed>" "$out"
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null
seed_config 127.0.0.99
start_proxy "$tmp/seed.toml" "$seed_port"; check "seed: proxy up again" 0 $?
out=$(client "$seed_port" 127.0.0.1 "EHLO c.example" "MAIL FROM:<a@example.org>" "RCPT TO:<b@example.net>" \
      "DATA:Subject: seed-flows\n\nbody" "QUIT")
contains "seed: another IP gets the banner" "220 $(hostname)" "$out"
contains "seed: mail flows" "250 2.0.0 Ok" "$out"
grep -l "Subject: seed-flows" "$tmp"/dump-* >/dev/null 2>&1; check "seed: message at the backend" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
