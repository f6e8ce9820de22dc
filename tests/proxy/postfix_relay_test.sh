#!/usr/bin/env bash
# Open relay or not: sievegate in front of a real Postfix with Postfix's DEFAULT relay
# restrictions (permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination).
# Postfix trusts sievegate's own address (mynetworks = 127.0.0.1/32), its local domain is
# local.test (relay_domains), everything it accepts goes on to smtp-sink (relayhost, with
# message dumps). Clients connect from 127.0.0.2, "elsewhere". Without XCLIENT and
# without a recipient check in sievegate, Postfix sees every client as trusted
# 127.0.0.1 and relays anywhere: sievegate must warn about that, and each of XCLIENT,
# session.rcpt.directory (+ relay for authenticated users) must close the hole. With
# XCLIENT, a client authenticated by sievegate reaches Postfix as XCLIENT LOGIN=, which
# Postfix's permit_sasl_authenticated honours only where smtpd_sasl_auth_enable = yes.
# The private Postfix is postfix_lib.sh's, as in postfix_xclient_test.sh (own config,
# queue and data directories under a temp dir, no chroot, the master in the foreground
# under a PID); /etc/postfix and /var/spool are not touched. Every process started here
# is stopped by its PID; every wait is bounded.
# Usage: postfix_relay_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/postfix_lib.sh"
pf_sasl_port=$(port)  # Postfix, XCLIENT allowed from 127.0.0.1, SASL on (XCLIENT LOGIN counts)

wait_log() {  # wait_log FILE PATTERN: true once grep -E finds PATTERN in FILE, within 5 s
  for _ in $(seq 1 50); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

rcpts_of() {  # rcpts_of FILE: the recipients smtp-sink recorded, space-separated
  grep '^X-Rcpt-Args:' "$1" | sed 's/^X-Rcpt-Args: <\([^>]*\)>.*/\1/' | tr '\n' ' ' | sed 's/ $//'
}

# ---------------------------------------------------------------- private Postfix
# Relay settings left at Postfix's defaults (smtpd_relay_restrictions = permit_mynetworks,
# permit_sasl_authenticated, defer_unauth_destination; no SASL): who may relay is decided
# by the client address Postfix sees.
start_private_postfix "relay_domains = local.test
mynetworks = 127.0.0.1/32" \
  "127.0.0.1:$pf_sasl_port inet n - n - - smtpd -o smtpd_sasl_auth_enable=yes"
check "postfix: relay restrictions are the defaults" \
  "permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination" \
  "$(postconf -c "$pf/conf" -xh smtpd_relay_restrictions)"
stop_unless_postfix_up

# ---------------------------------------------------------------- sievegate configs
# The local domain only (its mailboxes are Postfix's to validate).
dir_domains='
[session.rcpt]
directory = "d"

[directory."d"]
type = "memory"
domains = ["local.test"]
'
# One known mailbox in local.test, a user who may log in.
dir_user='
[session.rcpt]
directory = "d"

[directory."d"]
type = "memory"

[[directory."d".users]]
name = "u"
secret = "pw"
email = ["u@local.test"]
'
# The same, plus relay for authenticated sessions and AUTH without TLS.
dir_auth='
[session.rcpt]
directory = "d"
relay = [{if = "authenticated-as", ne = "", then = true}, {else = false}]

[session.auth]
mechanisms = ["plain", "login"]
directory = "d"
allow-plain-text = true

[session.auth.errors]
wait = "50ms"

[directory."d"]
type = "memory"

[[directory."d".users]]
name = "u"
secret = "pw"
email = ["u@local.test"]
'

open_port=$(port);  write_config open "$open_port" "$pf_port" false
xc_port=$(port);    write_config xc "$xc_port" "$pf_port" true
noxc_port=$(port);  write_config noxc "$noxc_port" "$pf_noxc_port" true
dir_port=$(port);   write_config dir "$dir_port" "$pf_port" false "$dir_domains"
xcdir_port=$(port); write_config xcdir "$xcdir_port" "$pf_port" true "$dir_domains"
user_port=$(port);  write_config user "$user_port" "$pf_port" false "$dir_user"
auth_port=$(port);  write_config auth "$auth_port" "$pf_port" false "$dir_auth"
xauth_port=$(port); write_config xauth "$xauth_port" "$pf_port" true "$dir_auth"
sasl_port=$(port);  write_config sasl "$sasl_port" "$pf_sasl_port" true "$dir_auth"

# Control: Postfix itself refuses to relay for 127.0.0.2 (so the hole below is
# sievegate's address being trusted, not a lax Postfix).
out=$(send "$pf_port" control-direct x@example.net)
contains "control: Postfix refuses 127.0.0.2 relaying to example.net" \
  "<** 454 4.7.1 <x@example.net>: Relay access denied" "$out"

# ---------------------------------------------------------------- 1. the warnings
out=$("$bin" check-config --format json "$tmp/open.toml" 2>&1)
check "1 check-config: a warning only (exit 0)" 0 $?
contains "1 check-config: no directory, no xclient: open-relay-risk" '"code": "open-relay-risk"' "$out"
out=$("$bin" check-config "$tmp/open.toml" 2>&1)
contains "1 check-config: says why" \
  "warning: [relay] xclient is off and no session.rcpt.directory or relay is configured" "$out"
for name in xc noxc dir xcdir user auth xauth sasl; do
  out=$("$bin" check-config --format json "$tmp/$name.toml" 2>&1)
  check "1 check-config: $name: no open-relay-risk" no "$([[ "$out" == *open-relay-risk* ]] && echo yes || echo no)"
done

start_sg open "$open_port"; check "1 proxy (no directory, no xclient) up" 0 $?
start_sg xc "$xc_port"; check "2 proxy (xclient, no directory) up" 0 $?
start_sg noxc "$noxc_port"; check "1 proxy (xclient not offered, no directory) up" 0 $?
start_sg dir "$dir_port"; check "3 proxy (directory, no xclient) up" 0 $?
start_sg xcdir "$xcdir_port"; check "4 proxy (directory and xclient) up" 0 $?
start_sg user "$user_port"; check "5 proxy (directory with a mailbox) up" 0 $?
start_sg auth "$auth_port"; check "6 proxy (directory, relay when authenticated, AUTH) up" 0 $?
start_sg xauth "$xauth_port"; check "7 proxy (the same with xclient) up" 0 $?
start_sg sasl "$sasl_port"; check "7 proxy (the same with xclient, Postfix with SASL) up" 0 $?

wait_log "$tmp/open.log" 'relay.*xclient is off'
check "1 serve: no directory, no xclient: relay warning at start" 0 $?
wait_log "$tmp/noxc.log" 'relay.*does not offer XCLIENT with ADDR'
check "1 serve: backend without XCLIENT, no directory: relay warning at start" 0 $?
# The others probe the backend (XCLIENT offered) and say nothing about relaying.
for name in xc dir xcdir user auth xauth sasl; do
  wait_log "$tmp/$name.log" 'probe'
  check "serve: $name: no relay warning" no \
    "$(grep -qE 'relay.*(xclient is off|does not offer XCLIENT)' "$tmp/$name.log" && echo yes || echo no)"
done

# The hole the warning is about: without XCLIENT Postfix sees trusted 127.0.0.1 and
# relays anyone's mail to anywhere.
out=$(send "$open_port" open-relay x@example.net)
contains "1 documented risk: without directory and xclient the backend relays" \
  "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump open-relay)
check "1 documented risk: the relayed message reached the sink" yes "$([ -n "$dump" ] && echo yes || echo no)"

# ---------------------------------------------------------------- 2. XCLIENT, no directory
out=$(send "$xc_port" xc-relay x@example.net)
contains "2 xclient: Postfix's Relay access denied reaches the client" \
  "<** 454 4.7.1 <x@example.net>: Relay access denied" "$out"
check "2 xclient: relaying never answered 250 after DATA" no \
  "$([[ "$out" == *"Ok: queued"* ]] && echo yes || echo no)"
grep -q 'reject: RCPT from unknown\[127.0.0.2\]: 454 4.7.1 <x@example.net>: Relay access denied' "$pf/maillog"
check "2 xclient: Postfix refused it for 127.0.0.2" 0 $?
out=$(send "$xc_port" xc-local user@local.test)
contains "2 xclient: local.test accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump xc-local)
check "2 xclient: local.test delivered" user@local.test "$([ -n "$dump" ] && rcpts_of "$dump")"

# ---------------------------------------------------------------- 3. directory, no XCLIENT
out=$(send "$dir_port" dir-relay x@example.net)
contains "3 directory: sievegate refuses relaying" "<** 550 5.1.2 Relay not allowed." "$out"
check "3 directory: relaying never answered 250 after DATA" no \
  "$([[ "$out" == *"Ok: queued"* ]] && echo yes || echo no)"
out=$(send "$dir_port" dir-local user@local.test)
contains "3 directory: local.test accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump dir-local)
check "3 directory: local.test delivered" user@local.test "$([ -n "$dump" ] && rcpts_of "$dump")"
# Mixed: the relayed recipient refused, the local one kept.
out=$(send "$dir_port" dir-mixed x@example.net,user@local.test)
contains "3 directory, mixed: the relayed one refused" "<** 550 5.1.2 Relay not allowed." "$out"
contains "3 directory, mixed: accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump dir-mixed)
check "3 directory, mixed: only the local one delivered" user@local.test "$([ -n "$dump" ] && rcpts_of "$dump")"

# ---------------------------------------------------------------- 4. directory and XCLIENT
out=$(send "$xcdir_port" xcdir-relay x@example.net)
contains "4 directory+xclient: sievegate refuses relaying" "<** 550 5.1.2 Relay not allowed." "$out"
check "4 directory+xclient: relaying never answered 250 after DATA" no \
  "$([[ "$out" == *"Ok: queued"* ]] && echo yes || echo no)"
out=$(send "$xcdir_port" xcdir-local user@local.test)
contains "4 directory+xclient: local.test accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump xcdir-local)
check "4 directory+xclient: local.test delivered" user@local.test "$([ -n "$dump" ] && rcpts_of "$dump")"

# ---------------------------------------------------------------- 5. known mailboxes
out=$(send "$user_port" user-unknown nobody@local.test)
contains "5 mailboxes: unknown mailbox refused" "<** 550 5.1.2 Mailbox does not exist." "$out"
check "5 mailboxes: unknown mailbox never answered 250 after DATA" no \
  "$([[ "$out" == *"Ok: queued"* ]] && echo yes || echo no)"
out=$(send "$user_port" user-known U@Local.Test)
contains "5 mailboxes: known mailbox (any case) accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump user-known)
check "5 mailboxes: known mailbox delivered" U@Local.Test "$([ -n "$dump" ] && rcpts_of "$dump")"
out=$(send "$user_port" user-relay x@example.net)
contains "5 mailboxes: relaying refused" "<** 550 5.1.2 Relay not allowed." "$out"

# ---------------------------------------------------------------- 6. authenticated relay
out=$(send "$auth_port" auth-relay x@example.net --auth PLAIN --auth-user u --auth-password pw)
contains "6 auth: authenticated" "<-  235 2.7.0 Authentication succeeded." "$out"
contains "6 auth: authenticated relaying accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump auth-relay)
check "6 auth: authenticated relaying delivered" x@example.net "$([ -n "$dump" ] && rcpts_of "$dump")"
out=$(send "$auth_port" auth-unknown nobody@local.test --auth PLAIN --auth-user u --auth-password pw)
contains "6 auth: authenticated, unknown local mailbox still refused" "<** 550 5.1.2 Mailbox does not exist." "$out"
out=$(send "$auth_port" auth-anon x@example.net)
contains "6 auth: unauthenticated relaying refused" "<** 550 5.1.2 Relay not allowed." "$out"
check "6 auth: unauthenticated relaying never answered 250 after DATA" no \
  "$([[ "$out" == *"Ok: queued"* ]] && echo yes || echo no)"
out=$(send "$auth_port" auth-bad x@example.net --auth PLAIN --auth-user u --auth-password wrong)
contains "6 auth: bad password refused" "<** 535 5.7.8" "$out"
check "6 auth: bad password, relaying never answered 250 after DATA" no \
  "$([[ "$out" == *"Ok: queued"* ]] && echo yes || echo no)"
out=$(send "$auth_port" auth-anon-local u@local.test)
contains "6 auth: unauthenticated to a local mailbox accepted" "<-  250 2.0.0 Ok: queued as" "$out"
dump=$(wait_dump auth-anon-local)
check "6 auth: unauthenticated to a local mailbox delivered" u@local.test "$([ -n "$dump" ] && rcpts_of "$dump")"

# ---------------------------------------------------------------- 7. authenticated relay, XCLIENT
# sievegate accepts the recipient (relay is true for the session) and tells Postfix the
# login with XCLIENT LOGIN=; Postfix's default permit_sasl_authenticated ignores it
# unless SASL is on (smtpd_sasl_auth_enable = yes): documented, both ways.
out=$(send "$xauth_port" xauth-relay x@example.net --auth PLAIN --auth-user u --auth-password pw)
contains "7 xclient+auth, Postfix without SASL: authenticated" "<-  235 2.7.0 Authentication succeeded." "$out"
contains "7 xclient+auth, Postfix without SASL: Postfix refuses to relay (documented)" \
  "<** 454 4.7.1 <x@example.net>: Relay access denied" "$out"
out=$(send "$xauth_port" xauth-anon x@example.net)
contains "7 xclient+auth: unauthenticated relaying refused by sievegate" "<** 550 5.1.2 Relay not allowed." "$out"
if [[ "$(postconf -A 2>/dev/null)" == *cyrus* ]]; then
  out=$(send "$sasl_port" sasl-relay x@example.net --auth PLAIN --auth-user u --auth-password pw)
  contains "7 xclient+auth, Postfix with SASL: authenticated relaying accepted" "<-  250 2.0.0 Ok: queued as" "$out"
  dump=$(wait_dump sasl-relay)
  check "7 xclient+auth, Postfix with SASL: delivered" x@example.net "$([ -n "$dump" ] && rcpts_of "$dump")"
  grep -q 'client=unknown\[127.0.0.2\], sasl_method=XCLIENT, sasl_username=u$' "$pf/maillog"
  check "7 xclient+auth, Postfix with SASL: Postfix saw 127.0.0.2 logged in as u" 0 $?
  out=$(send "$sasl_port" sasl-anon x@example.net)
  contains "7 xclient+auth, Postfix with SASL: unauthenticated relaying refused" "<** 550 5.1.2 Relay not allowed." "$out"
  sasl_relayed=" sasl-relay"
else
  echo "Postfix without Cyrus SASL: case 7 with SASL skipped"
  sasl_relayed=
fi

# ---------------------------------------------------------------- nothing else got out
# Once Postfix's queue is empty (within 15 s), no refused message is in the sink.
for _ in $(seq 1 150); do
  [ -z "$(find "$pf/queue/incoming" "$pf/queue/active" "$pf/queue/deferred" "$pf/queue/maildrop" -type f 2>/dev/null)" ] && break
  sleep 0.1
done
check "postfix queue empty" "" \
  "$(find "$pf/queue/incoming" "$pf/queue/active" "$pf/queue/deferred" "$pf/queue/maildrop" -type f 2>/dev/null)"
for subject in control-direct xc-relay dir-relay xcdir-relay user-unknown user-relay auth-unknown auth-anon auth-bad \
               xauth-relay xauth-anon sasl-anon; do
  check "nothing reached the sink for $subject" "" \
    "$(grep -l "^Subject: $subject\$" "$tmp"/dump/dump-* 2>/dev/null)"
done
check "no other mail for example.net reached the sink" "auth-relay open-relay$sasl_relayed" \
  "$(grep -l '^X-Rcpt-Args: <x@example.net>' "$tmp"/dump/dump-* 2>/dev/null | xargs -r grep -h '^Subject:' | sed 's/^Subject: //' | sort | tr '\n' ' ' | sed 's/ $//')"

check "sink and the nine proxies still running" 10 "$(running)"

summary
