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
source "$(dirname "$0")/postfix_lib.sh"
proxy_port=$(port)       # sievegate, xclient = true
plain_port=$(port)       # sievegate, xclient = false
noxc_port=$(port)        # sievegate, xclient = true, backend does not offer it

postfix_received() {  # postfix_received FILE: Postfix's Received: header, unfolded
  awk '/^$/ { exit } /^[ \t]/ { h = h " " $0; next } { if (h ~ /by postfix\.test/) print h; h = $0 }
       END { if (h ~ /by postfix\.test/) print h }' "$1" | tr -s ' \t' ' ' | head -1
}

# ---------------------------------------------------------------- private Postfix
printf 'blocked@example.net 550 5.1.1 no such user here (postfix-xclient-test)\n' > "$pf/conf/rcpt_access"
start_private_postfix "mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = check_recipient_access texthash:$pf/conf/rcpt_access"
stop_unless_postfix_up

# ---------------------------------------------------------------- sievegate x3
write_config xclient "$proxy_port" "$pf_port" true
write_config plain "$plain_port" "$pf_port" false
write_config noxc "$noxc_port" "$pf_noxc_port" true
start_sg xclient "$proxy_port"; check "proxy (xclient) up" 0 $?
start_sg plain "$plain_port"; check "proxy (no xclient) up" 0 $?
start_sg noxc "$noxc_port"; check "proxy (xclient not offered) up" 0 $?

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

check "sink and the three proxies still running" 4 "$(running)"

summary
