#!/usr/bin/env bash
# Load figures for `sievegate serve` on loopback (a measurement, not a test: it asserts
# nothing and prints a table).
#   (a) memory: VmRSS of the sievegate process at rest, then with IDLE sessions connected
#       and idle (banner read, EHLO answered), as KiB per idle session;
#   (b) throughput: MESSAGES small messages over CONNECTIONS concurrent sessions through
#       sievegate to smtp-sink, against the same load sent straight to smtp-sink in the
#       same run, ROUNDS rounds alternated; ratio = through sievegate / direct per round
#       (each pair run back to back, so load from elsewhere on the machine hits both
#       alike), median over the rounds.
# smtp-sink keeps no dumps here (disk would dominate). Every process started here is
# stopped by its PID; every wait and every load loop is bounded.
# Usage: concurrency.sh SIEVEGATE
#   environment: IDLE (2000), MESSAGES (2000), CONNECTIONS (20), ROUNDS (7), SCRIPTS (set:
#   the sample Sieve scripts run at every stage)
set -u
bin=$1
idle=${IDLE:-2000}
messages=${MESSAGES:-2000}
connections=${CONNECTIONS:-20}
rounds=${ROUNDS:-7}
here=$(cd "$(dirname "$0")" && pwd)
for tool in smtp-sink python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool missing (apt-get install postfix python3)"
    exit 77
  fi
done
# The client holds IDLE sockets, sievegate IDLE plus its own.
need=$((idle + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -H -n)"
fi
source "$here/../../tests/proxy/lib.sh"  # temp dir, PIDs stopped on exit, port, wait_port
proxy_port=$(port)
sink_port=$(port)

smtp-sink -u nobody -m 512 "127.0.0.1:$sink_port" 1024 &
pids+=($!)
wait_port "$sink_port" || { echo "smtp-sink did not start"; exit 1; }

{ base_config "$proxy_port" "$sink_port"; cat <<TOML; } > "$tmp/sg.toml"

[session]
timeout = "5m"
duration = "10m"

[session.data.limits]
messages = 1000000
TOML
if [ -n "${SCRIPTS:-}" ]; then
  # The sample policies at every stage (samples/*.sieve), to measure what they cost.
  samples=$(cd "$here/../../samples" && pwd)
  cat >> "$tmp/sg.toml" <<TOML

[session.connect]
script = "connect_filter"
[session.ehlo]
script = "ehlo_filter"
[session.mail]
script = "mail_filter"
[session.rcpt]
script = "rcpt_filter"
[session.data]
script = "data_filter"

[sieve.trusted.scripts]
connect_filter = "file://$samples/connect_filter.sieve"
ehlo_filter = "file://$samples/ehlo_filter.sieve"
mail_filter = "file://$samples/mail_filter.sieve"
rcpt_filter = "file://$samples/rcpt_filter.sieve"
data_filter = "file://$samples/data_filter.sieve"
TOML
fi
"$bin" serve --config "$tmp/sg.toml" 2>"$tmp/serve.log" &
sg_pid=$!
pids+=("$sg_pid")
wait_port "$proxy_port" || { echo "sievegate did not start"; cat "$tmp/serve.log"; exit 1; }
sleep 0.5

json() { python3 -c "import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print('' if v is None else v)" "$1" "$2"; }

# (a) memory
mem=$(timeout 60 python3 "$here/concurrency.py" idle "$proxy_port" "$sg_pid" "$idle")
if [ -z "$mem" ]; then echo "idle run failed"; exit 1; fi

# (b) throughput, direct and through sievegate alternated
direct=() proxied=() ratios=() cpu=() errors=""
for r in $(seq 1 "$rounds"); do
  [ "$SECONDS" -gt 100 ] && { errors+="stopped after $((r - 1)) rounds: time budget"$'\n'; break; }
  d=$(timeout 60 python3 "$here/concurrency.py" load "$sink_port" "$messages" "$connections")
  p=$(timeout 60 python3 "$here/concurrency.py" load "$proxy_port" "$messages" "$connections" "$sg_pid")
  [ "$(json "$d" messages)" = "$messages" ] || errors+="direct round $r: $d"$'\n'
  [ "$(json "$p" messages)" = "$messages" ] || errors+="sievegate round $r: $p"$'\n'
  direct+=("$(json "$d" per_second)")
  proxied+=("$(json "$p" per_second)")
  cpu+=("$(json "$p" cpu_seconds)")
  ratios+=("$(awk -v p="${proxied[-1]}" -v d="${direct[-1]}" 'BEGIN { printf "%.2f", (d > 0 ? p / d : 0) }')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
d_med=$(median "${direct[@]}")
p_med=$(median "${proxied[@]}")
c_med=$(median "${cpu[@]}")
r_med=$(median "${ratios[@]}")
alive=$(kill -0 "$sg_pid" 2>/dev/null && echo yes || echo NO)
rss_end=$(awk '/^VmRSS:/ { print $2 }' "/proc/$sg_pid/status" 2>/dev/null)
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$sg_pid/status" 2>/dev/null)

printf '\nsievegate load, loopback, %s cores, load average %s (%s)\n\n' "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-44s %s\n' "measure" "value"
printf '%-44s %s\n' "--------------------------------------------" "--------------"
printf '%-44s %s KiB\n' "RSS at rest" "$(json "$mem" rss_rest_kib)"
printf '%-44s %s KiB\n' "RSS with $(json "$mem" sessions) idle sessions" "$(json "$mem" rss_idle_kib)"
printf '%-44s %s KiB\n' "  per idle session" "$(json "$mem" kib_per_session)"
printf '%-44s %s of %s\n' "  idle sessions answering NOOP" "$(json "$mem" answered_noop)" "$(json "$mem" sessions)"
printf '%-44s %s\n' "  sessions that failed to open" "$(json "$mem" failures)"
printf '%-44s %s s\n' "  time to open them (banner + EHLO)" "$(json "$mem" setup_seconds)"
printf '%-44s %s KiB\n' "RSS after they closed" "$(json "$mem" rss_after_kib)"
printf '%-44s %s msg/s  (rounds: %s)\n' "direct to smtp-sink, $messages msgs x $connections conns" "$d_med" "${direct[*]}"
printf '%-44s %s msg/s  (rounds: %s)\n' "through sievegate, same load" "$p_med" "${proxied[*]}"
printf '%-44s %s  (rounds: %s)\n' "ratio through sievegate / direct" "$r_med" "${ratios[*]}"
printf '%-44s %s ms\n' "sievegate CPU per message" "$(awk -v c="$c_med" -v n="$messages" 'BEGIN { printf "%.3f", c * 1000 / n }')"
printf '%-44s %s KiB (peak %s KiB)\n' "RSS at the end" "$rss_end" "$hwm"
printf '%-44s %s\n' "sievegate still running" "$alive"
if [ -n "$errors" ]; then printf '\nincomplete runs:\n%s' "$errors"; fi
