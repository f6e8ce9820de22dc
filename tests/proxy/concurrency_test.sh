#!/usr/bin/env bash
# The proxy under 200 simultaneous sessions on loopback: Postfix's smtp-sink as the
# backend (with message dumps), `sievegate serve` in front, 200 raw-socket clients in
# threads. Every client does EHLO, MAIL and RCPT, then waits at a barrier until all 200
# are there (each with its backend session open), and only then sends DATA with its
# own Subject, Message-ID and body, and QUIT.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: concurrency_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require smtp-sink python3
sessions=200
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((sessions * 2 + 64)) ]; then
  ulimit -n $((sessions * 2 + 64)) 2>/dev/null || { echo "ulimit -n too low for $sessions sessions: skipped"; exit 77; }
fi
sink_and_proxy '[session]
timeout = "1m"
duration = "5m"'
sg_pid=$proxy_pid

# The clients. Prints key=value facts for the checks below; the bodies go to
# $tmp/expected/N so the dumps can be compared byte for byte.
mkdir "$tmp/expected"
timeout 90 python3 - "$proxy_port" "$sink_port" "$sessions" "$tmp/expected" > "$tmp/facts" 2>"$tmp/clients.err" <<'PY'
import os, socket, sys, threading, time

proxy_port, sink_port, n, expected_dir = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
TIMEOUT = 30

def established(remote_port):
    # ESTABLISHED TCP sockets (state 01) on loopback whose remote end is remote_port.
    count = 0
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[3] == "01" and int(fields[2].split(":")[1], 16) == remote_port:
                count += 1
    return count

at_barrier = {}
def snapshot():
    at_barrier["clients"] = established(proxy_port)
    at_barrier["backends"] = established(sink_port)
barrier = threading.Barrier(n, action=snapshot, timeout=TIMEOUT)

results = [None] * n

def body_for(i):
    # Varied sizes (up to ~40 KiB), with lines that need dot-stuffing.
    lines = ["session %d" % i, ".leading dot %d" % i, "..two dots", "."]
    lines += ["%05d %s" % (k, "x" * (i % 70)) for k in range((i * 7) % 600)]
    lines.append("end %d" % i)
    return lines

class Client:
    def __init__(self, i):
        self.i = i
        self.codes = []
        self.sock = None
        self.buf = b""

    def reply(self):
        lines = []
        while True:
            while b"\r\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("closed by server after %r" % (lines,))
                self.buf += chunk
            line, self.buf = self.buf.split(b"\r\n", 1)
            lines.append(line.decode(errors="replace"))
            if len(line) < 4 or line[3:4] != b"-":
                code = int(line[:3])
                self.codes.append(code)
                return code, lines

    def command(self, text, want):
        self.sock.sendall(text.encode() + b"\r\n")
        code, lines = self.reply()
        if code != want:
            raise RuntimeError("%s -> %s" % (text, " | ".join(lines)))

    def run(self):
        i = self.i
        try:
            self.sock = socket.create_connection(("127.0.0.1", proxy_port), timeout=TIMEOUT)
            code, lines = self.reply()
            if code != 220:
                raise RuntimeError("banner: " + " | ".join(lines))
            self.command("EHLO client%d.example" % i, 250)
            self.command("MAIL FROM:<sender%d@example.org>" % i, 250)
            self.command("RCPT TO:<rcpt%d@example.net>" % i, 250)
        except Exception as e:
            results[i] = ("setup", str(e), self.codes)
            barrier.abort()
            return
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            results[i] = ("barrier", "broken", self.codes)
            return
        try:
            self.command("DATA", 354)
            body = body_for(i)
            head = ["Subject: conc-%d" % i, "Message-ID: <conc-%d@client.example>" % i,
                    "From: <sender%d@example.org>" % i, "To: <rcpt%d@example.net>" % i]
            wire = []
            for line in head + [""] + body:
                wire.append("." + line if line.startswith(".") else line)
            self.sock.sendall(("\r\n".join(wire) + "\r\n.\r\n").encode())
            code, lines = self.reply()
            results[i] = ("data", code, self.codes)
            try:
                self.command("QUIT", 221)
            except Exception:
                pass
            with open(os.path.join(expected_dir, str(i)), "w") as f:
                f.write("\n".join(body) + "\n")
        except Exception as e:
            results[i] = ("data", str(e), self.codes)
        finally:
            self.sock.close()

started = time.time()
threads = [threading.Thread(target=Client(i).run) for i in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join(TIMEOUT * 2)
print("threads_done=%d" % sum(1 for t in threads if not t.is_alive()))
print("clients_at_barrier=%d" % at_barrier.get("clients", -1))
print("backends_at_barrier=%d" % at_barrier.get("backends", -1))
print("data_250=%d" % sum(1 for r in results if r and r[0] == "data" and r[1] == 250))
all_codes = [c for r in results if r for c in r[2]]
print("transient=%d" % sum(1 for c in all_codes if 400 <= c < 500))
print("permanent=%d" % sum(1 for c in all_codes if c >= 500))
print("seconds=%.1f" % (time.time() - started))
for i, r in enumerate(results):
    if not r or r[0] != "data" or r[1] != 250:
        sys.stderr.write("session %d: %r\n" % (i, r))
PY
check "clients: finished in time" 0 $?
fact() { sed -n "s/^$1=//p" "$tmp/facts"; }
check "all client threads finished" "$sessions" "$(fact threads_done)"
check "$sessions client sessions open at once at the barrier" "$sessions" "$(fact clients_at_barrier)"
check "$sessions backend sessions open at once at the barrier" "$sessions" "$(fact backends_at_barrier)"
check "$sessions replies of 250 after DATA" "$sessions" "$(fact data_250)"
check "no 4xx reply in any session" "0" "$(fact transient)"
check "no 5xx reply in any session" "0" "$(fact permanent)"
if [ -s "$tmp/clients.err" ]; then head -n 5 "$tmp/clients.err"; fi

# The dumps: one per session, distinct Message-IDs, bodies byte-exact (smtp-sink
# writes lines with LF and undoes the dot-stuffing). Waits up to 10 s for the last files.
timeout 30 python3 - "$tmp" "$sessions" > "$tmp/dumpfacts" 2>&1 <<'PY'
import glob, os, re, sys, time
tmp, n = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 10
while True:
    ids, exact, bad = set(), 0, []
    files = glob.glob(os.path.join(tmp, "dump-*"))
    for path in files:
        with open(path, "rb") as f:
            data = f.read().decode(errors="replace")
        m = re.search(r"^Message-ID: <conc-(\d+)@client\.example>$", data, re.M)
        if not m:
            continue
        i = m.group(1)
        ids.add(i)
        # The dump: smtp-sink's X- lines and Received:, the message's headers, a blank
        # line, the body, and one empty line smtp-sink adds after every message.
        body = data.split("\n\n", 1)[1] if "\n\n" in data else None
        if body is not None and body.endswith("\n\n"):
            body = body[:-1]
        exp_path = os.path.join(tmp, "expected", i)
        expected = open(exp_path).read() if os.path.exists(exp_path) else None
        if body is not None and body == expected:
            exact += 1
        elif len(bad) < 3:
            bad.append(i)
    if len(ids) >= n or time.time() > deadline:
        break
    time.sleep(0.2)
print("dumps=%d" % len(files))
print("distinct=%d" % len(ids))
print("exact=%d" % exact)
print("bad=%s" % ",".join(bad))
PY
dfact() { sed -n "s/^$1=//p" "$tmp/dumpfacts"; }
check "$sessions dumps" "$sessions" "$(dfact dumps)"
check "$sessions distinct messages in the dumps" "$sessions" "$(dfact distinct)"
check "$sessions bodies byte-exact" "$sessions" "$(dfact exact)"
[ -n "$(dfact bad)" ] && echo "  first bodies that differ: $(dfact bad)"

# sievegate is still alive and still serves.
kill -0 "$sg_pid" 2>/dev/null; check "proxy still running" 0 $?
banner=$(timeout 10 python3 -c "
import socket, sys
s = socket.create_connection(('127.0.0.1', $proxy_port), timeout=5)
print(s.recv(512).decode(errors='replace').strip()); s.sendall(b'QUIT\r\n'); s.close()" 2>&1)
contains "proxy still answers" "220 proxy.test" "$banner"

echo "seconds for the $sessions sessions: $(fact seconds)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
