#!/usr/bin/env bash
# The proxy in front of a real Postfix: a private Postfix instance (its own config,
# queue and data directories under a temporary directory, its own loopback ports) is
# sievegate's backend and relays everything it accepts to Postfix's smtp-sink (with
# message dumps), so the test reads what Postfix received. Clients connect from
# 127.0.0.2 with EHLO client.example; with XCLIENT, Postfix's Received: header must
# name that client, not sievegate. The system's Postfix (/etc/postfix, /var/spool) is
# not touched. Every process started here is stopped by its PID; every wait is bounded.
# Usage: postfix_xclient_test.sh SIEVEGATE
set -u
bin=$1
for tool in postfix postconf smtp-sink swaks python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool missing (apt-get install postfix swaks python3): skipped"
    exit 77
  fi
done
master=$(postconf -d -h daemon_directory)/master
if [ ! -x "$master" ] || ! id postfix >/dev/null 2>&1 || ! getent group postdrop >/dev/null; then
  echo "Postfix's master, user postfix or group postdrop missing: skipped"
  exit 77
fi
source "$(dirname "$0")/lib.sh"
chmod 755 "$tmp"  # Postfix's daemons (user postfix) reach their queue through it
mkdir -m 777 "$tmp/dump"  # smtp-sink writes as nobody
pf_pid=
extra_cleanup() {
  if [ -n "$pf_pid" ]; then
    # The master ends its daemons (its own process group) on SIGTERM; whatever is left
    # of that group after 5 s is killed.
    kill "$pf_pid" 2>/dev/null; wait "$pf_pid" 2>/dev/null
    for _ in $(seq 1 50); do pgrep -g "$pf_pid" >/dev/null || break; sleep 0.1; done
    pgrep -g "$pf_pid" >/dev/null && kill -KILL -- "-$pf_pid" 2>/dev/null
  fi
}

sink_port=$(port)
pf_port=$(port)          # Postfix, XCLIENT allowed from 127.0.0.1
pf_noxc_port=$(port)     # Postfix, XCLIENT allowed from nowhere
proxy_port=$(port)       # sievegate, xclient = true
plain_port=$(port)       # sievegate, xclient = false
noxc_port=$(port)        # sievegate, xclient = true, backend does not offer it

wait_banner() {  # wait_banner PORT: a 220 greeting within 15 s (Postfix start-up varies)
  python3 - "$1" <<'PY'
import socket, sys, time
deadline = time.time() + 15
while time.time() < deadline:
    try:
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
        banner = s.recv(512)
        s.sendall(b"QUIT\r\n")
        s.close()
        if banner.startswith(b"220"):
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(1)
PY
}

wait_dump() {  # wait_dump SUBJECT: the dump holding it, within 15 s (Postfix queues first)
  local f
  for _ in $(seq 1 150); do
    f=$(grep -l "^Subject: $1\$" "$tmp"/dump/dump-* 2>/dev/null | head -1)
    [ -n "$f" ] && { echo "$f"; return 0; }
    sleep 0.1
  done
  return 1
}

postfix_received() {  # postfix_received FILE: Postfix's Received: header, unfolded
  awk '/^$/ { exit } /^[ \t]/ { h = h " " $0; next } { if (h ~ /by postfix\.test/) print h; h = $0 }
       END { if (h ~ /by postfix\.test/) print h }' "$1" | tr -s ' \t' ' ' | head -1
}

# ---------------------------------------------------------------- smtp-sink
smtp-sink -u nobody -d "$tmp/dump/dump-%M%S" "127.0.0.1:$sink_port" 50 &
pids+=($!)
wait_port "$sink_port"; check "sink up" 0 $?

# ---------------------------------------------------------------- private Postfix
pf=$tmp/postfix
mkdir -p "$pf/conf"
mkdir -m 755 "$pf/queue"
cat > "$pf/conf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.test
mydomain = test
myorigin = postfix.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:$sink_port
smtp_host_lookup = native
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
smtpd_authorized_xclient_hosts = 127.0.0.1
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = check_recipient_access texthash:$pf/conf/rcpt_access
alias_maps =
alias_database =
local_recipient_maps =
biff = no
maillog_file = $pf/maillog
maillog_file_prefixes = $pf
CF
printf 'blocked@example.net 550 5.1.1 no such user here (postfix-xclient-test)\n' > "$pf/conf/rcpt_access"
# No chroot: the daemons need nothing copied into the queue directory.
cat > "$pf/conf/master.cf" <<CF
127.0.0.1:$pf_port inet n - n - - smtpd
127.0.0.1:$pf_noxc_port inet n - n - - smtpd -o smtpd_authorized_xclient_hosts=
pickup    unix  n - n 60    1 pickup
cleanup   unix  n - n -     0 cleanup
qmgr      unix  n - n 300   1 qmgr
rewrite   unix  - - n -     - trivial-rewrite
bounce    unix  - - n -     0 bounce
defer     unix  - - n -     0 bounce
trace     unix  - - n -     0 bounce
verify    unix  - - n -     1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -     - proxymap
smtp      unix  - - n -     - smtp
relay     unix  - - n -     - smtp
showq     unix  n - n -     - showq
error     unix  - - n -     - error
retry     unix  - - n -     - error
discard   unix  - - n -     - discard
anvil     unix  - - n -     1 anvil
scache    unix  - - n -     1 scache
postlog   unix-dgram n - n - 1 postlogd
CF
# `postfix check` creates the queue's subdirectories; the master runs in the
# foreground (-s) under a PID held here, as the leader of its own process group.
postfix -c "$pf/conf" check >"$pf/check.log" 2>&1; check "postfix: check" 0 $?
"$master" -c "$pf/conf" -s >"$pf/master.out" 2>&1 &
pf_pid=$!
wait_banner "$pf_port"; check "postfix up" 0 $?
if [ "$fail" -ne 0 ]; then  # nothing below can work without it
  cat "$pf/check.log" "$pf/master.out" "$pf/maillog" 2>/dev/null | tail -n 20
  echo "$pass passed, $fail failed"
  exit 1
fi

# ---------------------------------------------------------------- sievegate x3
start_proxy() {  # start_proxy NAME PORT BACKEND_PORT XCLIENT
  cat > "$tmp/$1.toml" <<TOML
[server]
hostname = "proxy.test"

[server.listener."smtp"]
bind = ["127.0.0.1:$2"]

[remote."backend"]
address = "127.0.0.1"
port = $3

[relay]
next-hop = "backend"
xclient = $4

[session]
timeout = "1m"
duration = "5m"

[session.rcpt.errors]
wait = "50ms"   # the tarpit after a refused recipient (Stalwart's default is 30s)
TOML
  "$bin" serve --config "$tmp/$1.toml" 2>"$tmp/$1.log" &
  pids+=($!)
  wait_port "$2"
}
start_proxy xclient "$proxy_port" "$pf_port" true; check "proxy (xclient) up" 0 $?
start_proxy plain "$plain_port" "$pf_port" false; check "proxy (no xclient) up" 0 $?
start_proxy noxc "$noxc_port" "$pf_noxc_port" true; check "proxy (xclient not offered) up" 0 $?

send() {  # send PORT SUBJECT TO [swaks options...]: from 127.0.0.2 as client.example
  local p=$1 subject=$2 to=$3
  shift 3
  timeout 30 swaks --server "127.0.0.1:$p" --local-interface 127.0.0.2 --helo client.example \
    --from a@example.org --to "$to" --header "Subject: $subject" "$@" 2>&1
}

# 1. XCLIENT: the message reaches the sink intact, and Postfix saw the real client.
printf 'line one\n.leading dot\n..two dots\nend' > "$tmp/body"
out=$(send "$proxy_port" xclient-1 b@example.net --body "$tmp/body")
contains "xclient: client got Postfix's 250 after DATA" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump xclient-1)
check "xclient: message reached the sink" "yes" "$([ -n "$dump" ] && echo yes || echo no)"
if [ -n "$dump" ]; then
  body=$(sed -n '/^$/,$p' "$dump" | sed '1d' | head -4)
  check "xclient: body byte-exact" "$(printf 'line one\n.leading dot\n..two dots\nend')" "$body"
  received=$(postfix_received "$dump")
  contains "xclient: Postfix's Received: has the client's address" "(unknown [127.0.0.2])" "$received"
  contains "xclient: Postfix's Received: has the client's EHLO name" "Received: from client.example " "$received"
  contains "xclient: Postfix's Received: says ESMTP" "with ESMTP id" "$received"
fi

# 2. XCLIENT for a client that said HELO: PROTO=SMTP, and Postfix records SMTP.
out=$(send "$proxy_port" xclient-helo b@example.net --protocol SMTP)
contains "xclient helo: client got 250 after DATA" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump xclient-helo)
check "xclient helo: message reached the sink" "yes" "$([ -n "$dump" ] && echo yes || echo no)"
if [ -n "$dump" ]; then
  received=$(postfix_received "$dump")
  contains "xclient helo: Received: has the client's address" "(unknown [127.0.0.2])" "$received"
  contains "xclient helo: Received: has the client's HELO name" "Received: from client.example " "$received"
  contains "xclient helo: Received: says SMTP" "with SMTP id" "$received"
fi

# 3. Control: xclient = false, Postfix sees sievegate (127.0.0.1, proxy.test).
out=$(send "$plain_port" plain-1 b@example.net)
contains "no xclient: client got 250 after DATA" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump plain-1)
check "no xclient: message reached the sink" "yes" "$([ -n "$dump" ] && echo yes || echo no)"
if [ -n "$dump" ]; then
  received=$(postfix_received "$dump")
  contains "no xclient: Received: has sievegate's address" "(unknown [127.0.0.1])" "$received"
  contains "no xclient: Received: has sievegate's hostname" "Received: from proxy.test " "$received"
fi

# 4. XCLIENT wanted but not offered (Postfix does not authorize sievegate): delivered
#    all the same, as sievegate.
out=$(send "$noxc_port" noxc-1 b@example.net)
contains "xclient not offered: client got 250 after DATA" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump noxc-1)
check "xclient not offered: message reached the sink" "yes" "$([ -n "$dump" ] && echo yes || echo no)"
if [ -n "$dump" ]; then
  received=$(postfix_received "$dump")
  contains "xclient not offered: Received: has sievegate's address" "(unknown [127.0.0.1])" "$received"
fi

# 5. Postfix refuses a recipient: the client reads Postfix's 550 through sievegate.
out=$(send "$proxy_port" refused-1 blocked@example.net)
contains "refused rcpt: Postfix's 550 reaches the client" \
  "<** 550 5.1.1 <blocked@example.net>: Recipient address rejected: no such user here (postfix-xclient-test)" "$out"
grep -q "reject: RCPT from unknown\[127.0.0.2\]" "$pf/maillog" 2>/dev/null
check "refused rcpt: Postfix refused it for 127.0.0.2" 0 $?

# 6. One recipient refused, one accepted: the message goes on to the accepted one only.
out=$(send "$proxy_port" mixed-1 b@example.net,blocked@example.net)
contains "mixed rcpts: 550 for the blocked one" "<** 550 5.1.1 <blocked@example.net>" "$out"
contains "mixed rcpts: 250 after DATA" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump mixed-1)
check "mixed rcpts: message reached the sink" "yes" "$([ -n "$dump" ] && echo yes || echo no)"
if [ -n "$dump" ]; then
  check "mixed rcpts: only the accepted recipient" "X-Rcpt-Args: <b@example.net> ORCPT=rfc822;b@example.net" \
    "$(grep '^X-Rcpt-Args:' "$dump" | tr '\n' ' ' | sed 's/ $//')"
fi

alive=0
for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
check "sink and the three proxies still running" 4 "$alive"

if [ "$fail" -ne 0 ]; then
  echo "--- Postfix log"; tail -n 40 "$pf/maillog" 2>/dev/null
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
