#!/usr/bin/env python3
"""Load generator for bench/load/concurrency.sh (loopback only, bounded in count and time).

  concurrency.py idle PORT PID SESSIONS
      Opens SESSIONS connections to PORT; each reads the banner, sends EHLO, reads the
      reply and sits. Reads VmRSS of PID before, with all sessions idle, and after they
      are closed. Prints one JSON object.

  concurrency.py load PORT MESSAGES CONNECTIONS [PID]
      Sends MESSAGES small messages over CONNECTIONS concurrent sessions (one session per
      connection, MAIL/RCPT/DATA repeated, lock-step, no pipelining). With PID, also the
      CPU time that process used. Prints one JSON object.
"""
import asyncio
import json
import os
import socket
import sys
import threading
import time

TIMEOUT = 30  # seconds for any one reply
HANDSHAKES_AT_ONCE = 200  # connections being opened at the same time (idle mode)


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


async def read_reply(reader):
    while True:
        line = await asyncio.wait_for(reader.readline(), TIMEOUT)
        if not line:
            raise ConnectionError("closed")
        if len(line) < 4 or line[3:4] != b"-":
            return int(line[:3])


async def idle(port, pid, sessions):
    rest = rss_kib(pid)
    gate = asyncio.Semaphore(HANDSHAKES_AT_ONCE)
    conns, failures = [], 0

    async def one(i):
        nonlocal failures
        async with gate:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT)
            except (OSError, asyncio.TimeoutError):
                failures += 1
                return
            try:
                if await read_reply(reader) != 220:
                    raise ConnectionError("banner")
                writer.write(b"EHLO idle%d.example\r\n" % i)
                if await read_reply(reader) != 250:
                    raise ConnectionError("ehlo")
                conns.append((reader, writer))
            except (OSError, ConnectionError, asyncio.TimeoutError, ValueError):
                failures += 1
                writer.close()

    started = time.time()
    await asyncio.gather(*(one(i) for i in range(sessions)))
    setup = time.time() - started
    await asyncio.sleep(1.0)  # let the server settle
    loaded = rss_kib(pid)
    # Every idle session still served? One NOOP round trip on each.
    async def noop(reader, writer):
        try:
            writer.write(b"NOOP\r\n")
            return await read_reply(reader) == 250
        except (OSError, ConnectionError, asyncio.TimeoutError, ValueError):
            return False
    alive = sum(await asyncio.gather(*(noop(r, w) for r, w in conns)))
    for _, w in conns:
        w.close()
    await asyncio.gather(*(w.wait_closed() for _, w in conns), return_exceptions=True)
    await asyncio.sleep(1.0)
    after = rss_kib(pid)
    idle_n = len(conns)
    print(json.dumps({
        "sessions": idle_n, "failures": failures, "answered_noop": alive, "setup_seconds": round(setup, 2),
        "rss_rest_kib": rest, "rss_idle_kib": loaded, "rss_after_kib": after,
        "kib_per_session": round((loaded - rest) / idle_n, 2) if idle_n else None,
    }))


def load(port, messages, connections, pid=None):
    per = [messages // connections + (1 if i < messages % connections else 0) for i in range(connections)]
    done = [0] * connections
    errors = []
    deadline = time.time() + 50
    body = b"Subject: load\r\nFrom: <a@example.org>\r\nTo: <b@example.net>\r\n\r\n" + b"small message body line\r\n" * 8 + b".\r\n"

    def worker(k):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
            f = s.makefile("rb")

            def reply():
                while True:
                    line = f.readline()
                    if not line:
                        raise ConnectionError("closed")
                    if len(line) < 4 or line[3:4] != b"-":
                        return int(line[:3])

            if reply() != 220:
                raise ConnectionError("banner")
            s.sendall(b"EHLO load%d.example\r\n" % k)
            if reply() != 250:
                raise ConnectionError("ehlo")
            for _ in range(per[k]):
                if time.time() > deadline:
                    raise TimeoutError("bench deadline")
                s.sendall(b"MAIL FROM:<a@example.org>\r\n")
                if reply() != 250:
                    raise ConnectionError("mail")
                s.sendall(b"RCPT TO:<b@example.net>\r\n")
                if reply() != 250:
                    raise ConnectionError("rcpt")
                s.sendall(b"DATA\r\n")
                if reply() != 354:
                    raise ConnectionError("data")
                s.sendall(body)
                if reply() != 250:
                    raise ConnectionError("end of data")
                done[k] += 1
            s.sendall(b"QUIT\r\n")
            reply()
            s.close()
        except Exception as e:  # noqa: BLE001 - reported, not raised
            errors.append("%d: %s" % (k, e))

    cpu0 = cpu_seconds(pid) if pid else None
    started = time.time()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(55)
    seconds = time.time() - started
    out = {"messages": sum(done), "seconds": round(seconds, 3),
           "per_second": round(sum(done) / seconds, 1), "errors": errors[:3]}
    if pid:
        out["cpu_seconds"] = round(cpu_seconds(pid) - cpu0, 2)
    print(json.dumps(out))


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "idle":
        asyncio.run(idle(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
    elif len(sys.argv) >= 5 and sys.argv[1] == "load":
        pid = int(sys.argv[5]) if len(sys.argv) > 5 else None
        load(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), pid)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
