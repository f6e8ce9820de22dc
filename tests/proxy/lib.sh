# Shared set-up for the proxy tests: a temp dir, processes stopped by PID on exit,
# kernel-chosen loopback ports, bounded waits, an smtp-sink backend with dumps, the
# fake backend (fake_backend.py), config writers.
# The including script sets `bin` (the sievegate binary) first.
proxy_tests=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$proxy_tests/../cli/lib.sh"
# The interpreter itself, not a wrapper that may stand first in PATH (pyenv's shims cost
# a quarter of a second per call): first in PATH for port, wait_port and every python3
# the tests run, and in $python.
if command -v python3 >/dev/null; then
  python=$(python3 -c 'import sys; print(sys.executable)')
  PATH="$(dirname "$python"):$PATH"
fi
tmp=$(mktemp -d)
chmod 777 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  if declare -F extra_cleanup >/dev/null; then extra_cleanup; fi  # the including script's own
  rm -rf "$tmp"
}
trap cleanup EXIT

require() {  # require TOOL...: exit 77 (the test is skipped) unless each one is installed
  local tool pkg
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case $tool in smtp-sink | postfix | postconf) pkg=postfix ;; *) pkg=$tool ;; esac
    echo "$tool missing (apt-get install $pkg): skipped"
    exit 77
  done
}

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() {  # wait_port PORT: up to 5 s
  for _ in $(seq 1 50); do
    python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$1)))" && return 0
    sleep 0.1
  done
  return 1
}

wait_gone() {  # wait_gone PID SECONDS: true once the process has exited
  for _ in $(seq 1 $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

start_sink() {  # start_sink PORT: smtp-sink dumping every message to $tmp/dump-*
  # -m: sessions handled at once; the last argument is the listen backlog.
  smtp-sink -u nobody -m 256 -d "$tmp/dump-%M%S" "127.0.0.1:$1" 256 &
  sink_pid=$!
  pids+=("$sink_pid")
  wait_port "$1"
}

start_proxy() {  # start_proxy CONFIG PORT: sievegate serve, stderr to $tmp/serve.log
  "$bin" serve --config "$1" 2>>"$tmp/serve.log" &
  proxy_pid=$!
  pids+=("$proxy_pid")
  wait_port "$2"
}

use_fake_backend() {  # PYTHONPATH for fake_backend.py (and its client helpers) in $python
  export PYTHONPATH="$proxy_tests" PYTHONDONTWRITEBYTECODE=1
}

# start_backend NAME PORT [fake_backend options]: fake_backend.py on PORT (0: the kernel
# chooses), messages and transcript in $spool ($tmp/NAME), stderr to $tmp/backend.log;
# sets backend_pid and backend_port (the port it listens on). True once it listens
# (within 5 s).
start_backend() {
  local name=$1; backend_port=$2; shift 2
  spool=$tmp/$name
  "$python" "$proxy_tests/fake_backend.py" --port "$backend_port" --dir "$spool" --ready-file "$spool.ready" "$@" \
    2>>"$tmp/backend.log" &
  backend_pid=$!
  pids+=("$backend_pid")
  for _ in $(seq 1 50); do
    [ -f "$spool.ready" ] && { backend_port=$(cat "$spool.ready"); return 0; }
    sleep 0.1
  done
  return 1
}
stop_backend() {  # the last backend start_backend started, if it still runs
  [ -n "${backend_pid:-}" ] || return 0
  kill "$backend_pid" 2>/dev/null
  wait "$backend_pid" 2>/dev/null
  backend_pid=
}

# base_config PROXY_PORT BACKEND_PORT [REMOTE_KEYS [SERVER_KEYS]]: the listener and backend
# part of a config; REMOTE_KEYS (lines such as 'timeout = "2s"') go into [remote."backend"],
# SERVER_KEYS into [server]. It ends in [relay]: keys for that table may follow.
base_config() {
  local remote_keys=${3:+$3$'\n'} server_keys=${4:+$4$'\n'}
  cat <<TOML
[server]
hostname = "proxy.test"
${server_keys}
[server.listener."smtp"]
bind = ["127.0.0.1:$1"]

[remote."backend"]
address = "127.0.0.1"
port = $2
${remote_keys}
[relay]
next-hop = "backend"
TOML
}

proxy_config() {  # proxy_config FILE PROXY_PORT BACKEND_PORT [EXTRA_TOML]: with a 30 s [session]
  { base_config "$2" "$3"; printf '\n[session]\ntimeout = "30s"\nduration = "5m"\n%s\n' "${4:-}"; } > "$1"
}

# sink_and_proxy EXTRA_TOML: smtp-sink (start_sink) on sink_port, sievegate on proxy_port
# with base_config and EXTRA_TOML ($tmp/sg.toml); checks "backend up" and "proxy up".
sink_and_proxy() {
  proxy_port=$(port)
  sink_port=$(port)
  { base_config "$proxy_port" "$sink_port"; printf '\n%s\n' "$1"; } > "$tmp/sg.toml"
  start_sink "$sink_port"; check "backend up" 0 $?
  start_proxy "$tmp/sg.toml" "$proxy_port"; check "proxy up" 0 $?
}
