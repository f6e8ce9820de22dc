# Shared set-up for the tests with a real Postfix behind sievegate (postfix_xclient_test.sh,
# postfix_relay_test.sh), on top of lib.sh: a private Postfix instance (its own config,
# queue and data directories under $tmp/postfix, no chroot, the master in the foreground
# under a PID, its own loopback ports) that relays everything it accepts to Postfix's
# smtp-sink with message dumps in $tmp/dump. /etc/postfix and /var/spool are not touched.
# Skips the test (exit 77) where Postfix, swaks or python3 is missing.
# The including script sets `bin` (the sievegate binary) first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require postfix postconf smtp-sink swaks python3
master=$(postconf -d -h daemon_directory)/master
if [ ! -x "$master" ] || ! id postfix >/dev/null 2>&1 || ! getent group postdrop >/dev/null; then
  echo "Postfix's master, user postfix or group postdrop missing: skipped"
  exit 77
fi
chmod 755 "$tmp"  # Postfix's daemons (user postfix) reach their queue through it
mkdir -m 777 "$tmp/dump"  # smtp-sink writes as nobody
pf=$tmp/postfix
mkdir -p "$pf/conf"
mkdir -m 755 "$pf/queue"
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
pf_port=$(port)       # Postfix, XCLIENT allowed from 127.0.0.1
pf_noxc_port=$(port)  # Postfix, XCLIENT allowed from nowhere

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

# start_private_postfix MAIN_CF_LINES [MASTER_CF_LINES]: smtp-sink on sink_port, then the
# private Postfix relaying to it, with smtpd on pf_port and pf_noxc_port (and the services
# in MASTER_CF_LINES); MAIN_CF_LINES end its main.cf. Checks "sink up", "postfix: check"
# and "postfix up".
start_private_postfix() {
  smtp-sink -u nobody -d "$tmp/dump/dump-%M%S" "127.0.0.1:$sink_port" 50 &
  pids+=($!)
  wait_port "$sink_port"; check "sink up" 0 $?
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
relayhost = [127.0.0.1]:$sink_port
smtp_host_lookup = native
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
smtpd_authorized_xclient_hosts = 127.0.0.1
alias_maps =
alias_database =
local_recipient_maps =
biff = no
maillog_file = $pf/maillog
maillog_file_prefixes = $pf
$1
CF
  # No chroot: the daemons need nothing copied into the queue directory.
  cat > "$pf/conf/master.cf" <<CF
127.0.0.1:$pf_port inet n - n - - smtpd
127.0.0.1:$pf_noxc_port inet n - n - - smtpd -o smtpd_authorized_xclient_hosts=
${2:-}
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
}

stop_unless_postfix_up() {  # after start_private_postfix: a failed check so far ends the test
  if [ "$fail" -ne 0 ]; then  # nothing below can work without it
    cat "$pf/check.log" "$pf/master.out" "$pf/maillog" 2>/dev/null | tail -n 20
    echo "$pass passed, $fail failed"
    exit 1
  fi
}

# write_config NAME PORT BACKEND_PORT XCLIENT [EXTRA_TOML]: $tmp/NAME.toml, sievegate on
# PORT in front of the Postfix smtpd on BACKEND_PORT, [relay] xclient = XCLIENT.
write_config() {
  { base_config "$2" "$3"; cat <<TOML; } > "$tmp/$1.toml"
xclient = $4

[session]
timeout = "1m"
duration = "5m"

[session.rcpt.errors]
wait = "50ms"   # the tarpit after a refused recipient (Stalwart's default is 30s)
${5:-}
TOML
}

start_sg() {  # start_sg NAME PORT: sievegate serve with $tmp/NAME.toml, log $tmp/NAME.log
  "$bin" serve --config "$tmp/$1.toml" 2>"$tmp/$1.log" &
  pids+=($!)
  wait_port "$2"
}

send() {  # send PORT SUBJECT TO [swaks options...]: from 127.0.0.2 as client.example
  local p=$1 subject=$2 to=$3
  shift 3
  timeout 30 swaks --server "127.0.0.1:$p" --local-interface 127.0.0.2 --helo client.example \
    --from a@example.org --to "$to" --header "Subject: $subject" "$@" 2>&1
}

running() {  # running: how many of the processes in pids still run
  local p n=0
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && n=$((n + 1)); done
  echo "$n"
}

summary() {  # the counts, after Postfix's log if a check failed; true if none failed
  if [ "$fail" -ne 0 ]; then
    echo "--- Postfix log"; tail -n 40 "$pf/maillog" 2>/dev/null
  fi
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
