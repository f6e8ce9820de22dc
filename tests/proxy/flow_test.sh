#!/usr/bin/env bash
# Flow control on the wire (issue #10): a full socket buffer is a reason to wait, never
# an error. The defect this guards against: writes to the backend and to the client
# treated EAGAIN ("would block") as fatal, so a 6 MB message to smtp-sink got "451 4.4.1"
# every time (the backend simply had not read the first megabytes yet), and a pipelining
# client that read its replies slowly was cut off in the middle of them.
#   a. 5, 20 and 50 MB messages (printable lines of varied length, CRLF, some starting
#      with ".", some just "." or "..") through the proxy to Postfix's smtp-sink: 250,
#      and byte-exact in the dump (the proxy's Received: line may come first).
#   b. the same 20 MB message to a slow backend written here: a small receive buffer
#      (SO_RCVBUF 4096 before listen), DATA read in small pieces with short pauses, 250
#      only after the dot: 250 at the client, byte-exact at the backend.
#   c. a client with a small receive buffer that, after EHLO, sends 20,000 pipelined
#      commands in one write without reading (NOOP, and HELP every tenth, so the order of
#      the replies can be checked), waits 2 s, then reads slowly: exactly 20,000 replies,
#      in order, no reset; then QUIT gets 221. The commands go from a thread, so the test
#      cannot deadlock against a proxy that stops reading while its replies are unread.
# Every process started here is stopped by its PID; every wait and loop is bounded.
# Usage: flow_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require smtp-sink python3
use_fake_backend
export PYTHONPATH="$PYTHONPATH:$tmp"

# The test messages: deterministic, so every script here can make the same one again.
cat > "$tmp/flowlib.py" <<'PY'
import glob, os, random, time
from fake_backend import same_message

def make_message(mb, tag):
    """About `mb` MiB: a few header fields, then printable lines of 0-170 bytes, CRLF;
    about one line in eleven starts with '.', and some are just '.' or '..'."""
    rnd = random.Random(mb * 7919 + 17)
    alphabet = bytes(range(0x20, 0x7F))
    pool = [bytes(rnd.choices(alphabet, k=rnd.randrange(0, 160))) for _ in range(2048)]
    lines = [b"Subject: flow-" + tag.encode(), b"Message-ID: <flow-%s@client.example>" % tag.encode(),
             b"From: <a@example.org>", b"To: <b@example.net>", b""]
    size, target, i = 0, mb * 1024 * 1024, 0
    while size < target:
        r = rnd.getrandbits(20)
        if r % 997 == 0:
            line = b"."
        elif r % 991 == 0:
            line = b".."
        elif r % 11 == 0:
            line = b"." + pool[r % 2048]
        else:
            line = b"%07d " % i + pool[r % 2048]
        lines.append(line)
        size += len(line) + 2
        i += 1
    lines.append(b"end of flow-" + tag.encode())
    return b"\r\n".join(lines) + b"\r\n"

def sink_dump(tmp, tag, message, wait=20):
    """'exact', 'differs' or 'missing': the smtp-sink dump holding Message-ID flow-TAG,
    compared with `message` (smtp-sink writes LF line ends, undoes the dot-stuffing and
    adds one empty line after the message; its own X- lines and Received: come first)."""
    needle = b"Message-ID: <flow-%s@client.example>" % tag.encode()
    deadline = time.monotonic() + wait
    state = "missing"
    while time.monotonic() < deadline:
        for path in glob.glob(os.path.join(tmp, "dump-*")):
            with open(path, "rb") as f:
                if needle not in f.read(4096):
                    continue
                f.seek(0)
                data = f.read()
            if data.endswith(b"\n\n") and same_message(data[:-1].replace(b"\n", b"\r\n"), message):
                return "exact"
            state = "differs (%d bytes)" % len(data)
        time.sleep(0.2)
    return state
PY

# A slow backend: a tiny receive window, DATA read 4 KiB at a time with a pause after
# each read (1 ms; at most 8 s of pauses in all), 250 only after the dot. Each message is
# written (dot-stuffing removed) to $tmp/slow/msg-N.eml before the 250.
cat > "$tmp/slow_backend.py" <<'PY'
import os, socket, sys, threading, time
ready, outdir = sys.argv[1], sys.argv[2]
os.makedirs(outdir, exist_ok=True)
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before listen: accepted sockets inherit it
ls.bind(("127.0.0.1", 0))
ls.listen(16)
with open(ready + ".tmp", "w") as f:
    f.write("%d\n" % ls.getsockname()[1])
os.rename(ready + ".tmp", ready)
lock = threading.Lock()
seq = [0]

def log(text):
    with lock, open(os.path.join(outdir, "transcript.log"), "a") as f:
        f.write(text + "\n")

def handle(conn):
    conn.settimeout(60)
    buf = bytearray()
    def line():
        while b"\n" not in buf:
            chunk = conn.recv(4096)
            if not chunk:
                raise EOFError()
            buf.extend(chunk)
        nl = buf.index(b"\n")
        text = bytes(buf[:nl]).rstrip(b"\r").decode(errors="replace")
        del buf[: nl + 1]
        return text
    conn.sendall(b"220 slow.test ESMTP slow backend\r\n")
    while True:
        cmd = line()
        verb = cmd.split(" ", 1)[0].upper()
        log("cmd " + cmd[:80])
        if verb == "EHLO":
            conn.sendall(b"250-slow.test\r\n250-SIZE 104857600\r\n250 8BITMIME\r\n")
        elif verb == "QUIT":
            conn.sendall(b"221 2.0.0 Bye\r\n")
            return
        elif verb == "DATA":
            conn.sendall(b"354 go ahead\r\n")
            data, reads, paused, started = bytearray(buf), 0, 0.0, time.monotonic()
            buf.clear()
            while True:
                end = data.find(b"\r\n.\r\n", max(0, len(data) - 4096 - 5))
                if end >= 0:
                    break
                chunk = conn.recv(4096)
                if not chunk:
                    raise EOFError()
                data.extend(chunk)
                reads += 1
                if paused < 8.0:
                    time.sleep(0.001)
                    paused += 0.001
            buf.extend(data[end + 5:])
            content = bytes(data[: end + 2])
            message = b"".join((l[1:] if l.startswith(b".") else l) + b"\r\n" for l in content.split(b"\r\n")[:-1])
            with lock:
                seq[0] += 1
                n = seq[0]
            path = os.path.join(outdir, "msg-%d.eml" % n)
            with open(path + ".tmp", "wb") as f:
                f.write(message)
            os.rename(path + ".tmp", path)
            log("data %d bytes in %d reads, %.1f s" % (len(message), reads, time.monotonic() - started))
            conn.sendall(b"250 2.0.0 Ok: queued as SLOW%d\r\n" % n)
        else:
            conn.sendall(b"250 2.0.0 Ok\r\n")

def serve(conn):
    try:
        handle(conn)
    except (OSError, EOFError) as e:
        log("closed: %s" % (e if isinstance(e, OSError) else "EOF"))
    finally:
        conn.close()

while True:
    conn, _ = ls.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY

proxy_port=$(port)
sink_port=$(port)
start_sink "$sink_port"; check "smtp-sink up" 0 $?
"$python" "$tmp/slow_backend.py" "$tmp/slow.ready" "$tmp/slow" 2>"$tmp/slow.err" &
pids+=($!)
for _ in $(seq 1 50); do [ -f "$tmp/slow.ready" ] && break; sleep 0.1; done
slow_port=$(cat "$tmp/slow.ready" 2>/dev/null)
check "slow backend up" yes "$([ -n "$slow_port" ] && echo yes || echo no)"

limits='
[session]
timeout = "5m"
duration = "10m"
transfer-limit = 262144000

[session.data.limits]
size = 104857600'
{ base_config "$proxy_port" "$sink_port"; printf '%s\n' "$limits"; } > "$tmp/sink.toml"
start_proxy "$tmp/sink.toml" "$proxy_port"; check "proxy to smtp-sink up" 0 $?
sink_proxy_pid=$proxy_pid
slow_proxy_port=$(port)
{ base_config "$slow_proxy_port" "${slow_port:-1}"; printf '%s\n' "$limits"; } > "$tmp/slow.toml"
start_proxy "$tmp/slow.toml" "$slow_proxy_port"; check "proxy to the slow backend up" 0 $?
slow_proxy_pid=$proxy_pid

fact() { printf '%s\n' "$2" | sed -n "s/^$1: //p" | head -1; }  # fact NAME OUTPUT
reply_code() {  # reply_code NAME CODE REPLY: the reply has this code; the whole reply when not
  check "$1" "$2" "${3:0:3}"
  [ "${3:0:3}" == "$2" ] || echo "  reply: $3"
}

# ---------------------------------------------------------------- a. big messages
out=$(timeout 150 "$python" - "$proxy_port" "$tmp" <<'PY' 2>&1
import sys, time
from fake_backend import Client, transaction, ends_cleanly
from flowlib import make_message, sink_dump
port, tmp = int(sys.argv[1]), sys.argv[2]
for mb in (5, 20, 50):
    tag = "%dmb" % mb
    message = make_message(mb, tag)
    started = time.monotonic()
    end = "none"
    try:
        c = Client(port, timeout=60)
        steps = transaction(c, "a@example.org", ["b@example.net"], message)
        end = dict(steps).get("END", "none: %r" % steps[-1:])
        print("quit %s: %s" % (tag, ends_cleanly(c, steps)))
        c.close()
    except OSError as e:
        end = str(e)
    print("end %s: %s" % (tag, end))
    print("seconds %s: %.1f" % (tag, time.monotonic() - started))
    sys.stdout.flush()
    # The dump may still be being written after the 250; without a 250 a short look will do.
    print("dump %s: %s" % (tag, sink_dump(tmp, tag, message, 20 if end.startswith("250") else 2)))
    sys.stdout.flush()
PY
)
for mb in 5 20 50; do
  reply_code "${mb} MB to smtp-sink: 250 after the dot" 250 "$(fact "end ${mb}mb" "$out")"
  check "${mb} MB to smtp-sink: QUIT answered 221" "True" "$(fact "quit ${mb}mb" "$out")"
  check "${mb} MB to smtp-sink: byte-exact in the dump" "exact" "$(fact "dump ${mb}mb" "$out")"
  echo "  ${mb} MB: $(fact "seconds ${mb}mb" "$out") s"
done
[ -z "$(fact "end 50mb" "$out")" ] && printf '%s\n' "$out" | tail -n 5 | sed 's/^/  client: /'

# ---------------------------------------------------------------- b. a slow backend
out=$(timeout 90 "$python" - "$slow_proxy_port" "$tmp/slow" <<'PY' 2>&1
import glob, os, sys, time
from fake_backend import Client, transaction, ends_cleanly, same_message
from flowlib import make_message
port, spool = int(sys.argv[1]), sys.argv[2]
message = make_message(20, "slow")
started = time.monotonic()
try:
    c = Client(port, timeout=60)
    steps = transaction(c, "a@example.org", ["b@example.net"], message)
    print("end: %s" % dict(steps).get("END", "none: %r" % steps[-1:]))
    print("quit: %s" % ends_cleanly(c, steps))
    c.close()
except OSError as e:
    print("end: %s" % e)
print("seconds: %.1f" % (time.monotonic() - started))
files = sorted(glob.glob(os.path.join(spool, "msg-*.eml")))
print("files: %d" % len(files))
print("exact: %s" % ("yes" if files and same_message(open(files[0], "rb").read(), message) else "no"))
PY
)
reply_code "20 MB to a slow backend: 250 after the dot" 250 "$(fact end "$out")"
check "20 MB to a slow backend: QUIT answered 221" "True" "$(fact quit "$out")"
check "20 MB to a slow backend: one message delivered" 1 "$(fact files "$out")"
check "20 MB to a slow backend: byte-exact" yes "$(fact exact "$out")"
echo "  slow backend: $(fact seconds "$out") s at the client;" \
     "$(grep -h '^data\|^closed' "$tmp/slow/transcript.log" 2>/dev/null | head -n 3 | tr '\n' ' ')"

# ---------------------------------------------------------------- c. a slow reader
out=$(timeout 60 "$python" - "$proxy_port" <<'PY' 2>&1
import socket, sys, threading, time
port = int(sys.argv[1])
N = 20000
commands = ["HELP" if i % 10 == 9 else "NOOP" for i in range(N)]
s = socket.socket()
# Before connect: a small receive window, and a small MSS. Linux sizes the proxy's send
# buffer from the MSS its peer announced (with a loopback MSS of 64 KiB it starts near
# tcp_wmem's maximum, room for all 20,000 replies); with 536 it is some tens of KiB, so
# the replies do not all fit and the proxy's writes must wait for this slow reader.
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 536)
s.settimeout(10)
s.connect(("127.0.0.1", port))
buf = bytearray()
replies = []
error = [None]

def read_replies(count, deadline, chunk, pause):
    """Reads until `count` more complete replies (each kept as its last line), EOF or deadline."""
    want = len(replies) + count
    while len(replies) < want:
        while True:
            nl = buf.find(b"\n")
            if nl < 0 or len(replies) >= want:
                break
            line = bytes(buf[:nl]).rstrip(b"\r").decode(errors="replace")
            del buf[: nl + 1]
            if len(line) < 4 or line[3] != "-":
                replies.append(line)
        if len(replies) >= want:
            break
        if time.monotonic() > deadline:
            return "timeout"
        try:
            data = s.recv(chunk)
        except socket.timeout:
            return "timeout"
        except OSError as e:
            return "error: %s" % e
        if not data:
            return "EOF"
        buf.extend(data)
        if pause:
            time.sleep(pause)
    return "ok"

status = read_replies(1, time.monotonic() + 10, 4096, 0)
if status == "ok":
    s.sendall(b"EHLO client.example\r\n")
    status = read_replies(1, time.monotonic() + 10, 4096, 0)
print("greeting: %s" % status)
print("ehlo: %s" % (replies[1] if len(replies) > 1 else "none"))

def sender():
    try:
        s.sendall("".join(c + "\r\n" for c in commands).encode())  # one write, not read meanwhile
    except OSError as e:
        error[0] = str(e)

s.settimeout(30)
t = threading.Thread(target=sender, daemon=True)
started = time.monotonic()
t.start()
time.sleep(2)  # not reading: the proxy's replies pile up
status = read_replies(N, time.monotonic() + 40, 512, 0.0005)
t.join(10)
got = replies[2:]
expected = ["214" if c == "HELP" else "250" for c in commands]
print("read: %s" % status)
print("replies: %d" % len(got))
print("in order: %s" % ("yes" if [r[:3] for r in got] == expected[: len(got)] and len(got) == N else "no"))
print("sender: %s" % ("still blocked" if t.is_alive() else (error[0] or "ok")))
print("seconds: %.1f" % (time.monotonic() - started))
if status == "ok" and not t.is_alive():
    s.settimeout(10)
    try:
        s.sendall(b"QUIT\r\n")
        print("quit: %s" % (read_replies(1, time.monotonic() + 10, 4096, 0) == "ok" and replies[-1][:3] or "none"))
    except OSError as e:
        print("quit: %s" % e)
s.close()
PY
)
check "pipelining: banner and EHLO read" "ok" "$(fact greeting "$out")"
check "pipelining: all replies read, no reset" "ok" "$(fact read "$out")"
check "pipelining: exactly 20000 replies" 20000 "$(fact replies "$out")"
check "pipelining: replies in order" yes "$(fact "in order" "$out")"
check "pipelining: the 20000 commands were all written" ok "$(fact sender "$out")"
check "pipelining: QUIT answered 221" 221 "$(fact quit "$out")"
echo "  slow reader: $(fact seconds "$out") s"
[ -z "$(fact read "$out")" ] && printf '%s\n' "$out" | tail -n 5 | sed 's/^/  client: /'

# Both proxies survived all of it, and neither sanitizer said anything.
kill -0 "$sink_proxy_pid" 2>/dev/null; check "proxy to smtp-sink still running" 0 $?
kill -0 "$slow_proxy_pid" 2>/dev/null; check "proxy to the slow backend still running" 0 $?
reports=$(grep -E "AddressSanitizer|runtime error" "$tmp/serve.log" | head -n 5)
check "no sanitizer report in the proxies' stderr" "" "$reports"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
