# Shared set-up for the proxy tests: a temp dir, processes stopped by PID on exit,
# kernel-chosen loopback ports, bounded waits, an smtp-sink backend with dumps.
# The including script sets `bin` (the sievegate binary) first.
source "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
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

use_fake_backend() {  # sets $python and PYTHONPATH for fake_backend.py (and its client helpers)
  # The interpreter itself, not a wrapper that may stand first in PATH (pyenv's shims
  # cost a quarter of a second per call).
  python=$(python3 -c 'import sys; print(sys.executable)')
  export PYTHONPATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" PYTHONDONTWRITEBYTECODE=1
}

base_config() {  # base_config PROXY_PORT BACKEND_PORT: the listener and backend part of a config
  cat <<TOML
[server]
hostname = "proxy.test"

[server.listener."smtp"]
bind = ["127.0.0.1:$1"]

[remote."backend"]
address = "127.0.0.1"
port = $2

[relay]
next-hop = "backend"
TOML
}
