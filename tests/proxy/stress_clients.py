#!/usr/bin/env python3
"""Connection churn against sievegate's listener, for stress_test.sh (standard library only).

  stress_clients.py PORT THREADS CYCLES SECONDS

THREADS client threads each run up to CYCLES short connections, one after another, and
stop early when SECONDS have passed (the bound on the wall time). Cycle i of thread t
behaves as (i + t) modulo the number of kinds below, so every kind runs in every thread
and the kinds are interleaved across threads at every moment:

  normal        read the 220 banner, QUIT, read the 221, close
  close-early   close at once, without reading anything (the banner may still be in flight)
  half-line     read the banner, send "MAIL FRO" (no line end), close
  blind-line    send "MAIL FRO" without reading the banner, close
  rst-connect   SO_LINGER 0 and close right after connecting: the proxy sees a reset
  rst-banner    read the banner, then SO_LINGER 0 and close: a reset after the banner

Every wait is bounded by a socket timeout. A refused connection is retried a few times
(20 ms apart); if it stays refused the listener is gone (the proxy died) and the thread
stops. Prints key=value facts on stdout (see the end of this file) and, on stderr, the
first few unexpected answers.
"""
import socket
import struct
import sys
import threading
import time

TIMEOUT = 5.0
KINDS = ("normal", "close-early", "half-line", "blind-line", "rst-connect", "rst-banner")
LINGER0 = struct.pack("ii", 1, 0)


class ProxyGone(Exception):
    pass


def read_reply(sock):
    """One complete SMTP reply (all lines of it) as text; "EOF" when the peer closed."""
    buf = b""
    while True:
        nl = buf.find(b"\n")
        while nl >= 0:
            line = buf[:nl]
            if len(line) < 4 or line[3:4] != b"-":
                return buf[: nl + 1].decode(errors="replace").strip()
            nl = buf.find(b"\n", nl + 1)
        chunk = sock.recv(4096)
        if not chunk:
            return "EOF" if not buf else buf.decode(errors="replace").strip() + " EOF"
        buf += chunk


def connect(port):
    for attempt in range(5):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(TIMEOUT)
        try:
            s.connect(("127.0.0.1", port))
            return s
        except ConnectionRefusedError:
            s.close()
            time.sleep(0.02)
        except OSError:
            s.close()
            raise
    raise ProxyGone()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.connections = 0
        self.by_kind = dict.fromkeys(KINDS, 0)
        self.normal_ok = 0
        self.banner_ok = 0
        self.bad = 0            # a missing or wrong 220 / 221
        self.errors = 0         # connect or I/O errors other than a refusal
        self.samples = []
        self.refused_at = None  # (seconds, connections so far) when the listener vanished

    def note_bad(self, text):
        with self.lock:
            self.bad += 1
            if len(self.samples) < 5:
                self.samples.append(text)


def cycle(port, kind, st):
    s = connect(port)
    try:
        if kind == "normal":
            banner = read_reply(s)
            if not banner.startswith("220 "):
                st.note_bad("normal: banner %r" % banner)
                return
            s.sendall(b"QUIT\r\n")
            bye = read_reply(s)
            if not bye.startswith("221 "):
                st.note_bad("normal: QUIT got %r" % bye)
                return
            with st.lock:
                st.normal_ok += 1
        elif kind == "close-early":
            pass
        elif kind == "half-line":
            banner = read_reply(s)
            if not banner.startswith("220 "):
                st.note_bad("half-line: banner %r" % banner)
                return
            with st.lock:
                st.banner_ok += 1
            s.sendall(b"MAIL FRO")
        elif kind == "blind-line":
            s.sendall(b"MAIL FRO")
        elif kind == "rst-connect":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER0)
        elif kind == "rst-banner":
            banner = read_reply(s)
            if not banner.startswith("220 "):
                st.note_bad("rst-banner: banner %r" % banner)
                return
            with st.lock:
                st.banner_ok += 1
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER0)
    finally:
        s.close()


def worker(t, port, cycles, deadline, started, st):
    for i in range(cycles):
        if time.monotonic() > deadline:
            return
        kind = KINDS[(i + t) % len(KINDS)]
        try:
            cycle(port, kind, st)
        except ProxyGone:
            with st.lock:
                if st.refused_at is None:
                    st.refused_at = (time.monotonic() - started, st.connections)
            return
        except (OSError, socket.timeout) as e:
            # A reset or timeout where the proxy should have answered.
            with st.lock:
                st.errors += 1
                if len(st.samples) < 5:
                    st.samples.append("%s: %s" % (kind, e))
        with st.lock:
            st.connections += 1
            st.by_kind[kind] += 1


def main():
    port, threads, cycles, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    st = Stats()
    started = time.monotonic()
    deadline = started + seconds
    workers = [threading.Thread(target=worker, args=(t, port, cycles, deadline, started, st), daemon=True)
               for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(max(0.1, deadline + 2 * TIMEOUT + 5 - time.monotonic()))
    elapsed = time.monotonic() - started
    with st.lock:
        print("threads_done=%d" % sum(1 for w in workers if not w.is_alive()))
        print("connections=%d" % st.connections)
        print("planned=%d" % (threads * cycles))
        print("normal_ok=%d" % st.normal_ok)
        print("normal_planned=%d" % st.by_kind["normal"])
        print("banner_ok=%d" % st.banner_ok)
        print("banner_planned=%d" % (st.by_kind["half-line"] + st.by_kind["rst-banner"]))
        print("bad=%d" % st.bad)
        print("errors=%d" % st.errors)
        print("refused=%s" % ("no" if st.refused_at is None else "yes"))
        if st.refused_at is not None:
            print("refused_after_seconds=%.1f" % st.refused_at[0])
            print("refused_after_connections=%d" % st.refused_at[1])
        print("seconds=%.1f" % elapsed)
        print("per_second=%d" % (st.connections / elapsed if elapsed > 0 else 0))
        print("timed_out=%s" % ("yes" if st.connections < threads * cycles and st.refused_at is None else "no"))
        for s in st.samples:
            sys.stderr.write(s + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
