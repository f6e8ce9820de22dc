#!/usr/bin/env python3
"""A scriptable SMTP backend for sievegate's proxy tests (python3 standard library only).

It plays the MTA behind the proxy: a strict, Postfix-like SMTP server that can be told to
refuse, stall, reset or talk nonsense at a chosen stage, and that writes every message it
accepted to a directory, so a test can assert what was and was not delivered:

  DIR/msg-NNNN.eml    the message as received, dot-stuffing removed, CRLF line ends
  DIR/msg-NNNN.json   its envelope: {"from", "mail_params", "rcpts", "helo", "xclient"}
  DIR/transcript.log  every command line received, per connection ("c3 MAIL FROM:<a@b>"),
                      "c3 <data N bytes>" for message content, "c3 ! reset at mail" for faults
  DIR/msg-NNNN.raw    with --keep-raw only: the message bytes exactly as they came on the
                      wire (DATA: dot-stuffing and the end line included; BDAT: the chunks)

Both message files appear atomically (written, then renamed), and only once the backend
has sent its 250 for the message: a file present means "the backend said delivered".

Stages, in the order a session reaches them: greeting, ehlo, xclient, mail, rcpt, data
(the reply to the DATA command), mid-data (after the first line of message content; with
BDAT, after the first piece of the first chunk has been read, which may be all of it),
bdat (the reply to a BDAT chunk that is not the LAST one), dot (the final reply for the
message: after <CRLF>.<CRLF>, or to BDAT ... LAST).

Faults (each at one stage; with --once only the first time that stage is reached in the
backend's lifetime, so the next session is served normally):
  --hang-at STAGE     never answer; keep reading and discarding until the peer closes
  --reset-at STAGE    close abruptly with an RST (SO_LINGER 0)
  --garbage-at STAGE  answer with --garbage TEXT (repeated --garbage-repeat times) instead
                      of a reply, then hang: the proxy must notice the nonsense itself
  --reset-after STAGE send the reply that stage would get anyway (whatever it is), then
                      close abruptly with an RST; stages with a reply: greeting, ehlo,
                      xclient, mail, rcpt, data, bdat, dot. "--reset-after dot" is the
                      window where the message is recorded and the backend's 250 is sent,
                      but the connection dies right after it.
  --exit-at STAGE     the whole process exits at once (os._exit), before the reply: the
                      kernel closes every connection and the listening socket, so nothing
                      answers on the port afterwards (a crashed MTA that stays down)
  --delay-at STAGE=SECONDS  (repeatable) sleep that long before the reply at that stage
                      only (at mid-data: a pause in reading). At dot the message is
                      recorded after the sleep, as a slow MTA commits it: a message whose
                      250 comes too late for the proxy is still recorded.
Refusals (the reply text is sent as given; "\\n" in it separates the lines of a
multi-line reply, each line written with its own code, e.g. "550-5.7.1 a\\n550 5.7.1 b"):
  --refuse-mail REPLY, --refuse-rcpt ADDR=REPLY (repeatable), --refuse-data REPLY
  (the transaction stays open after a refused DATA, as in Postfix: a new MAIL without RSET
  gets "503 5.5.1 Error: nested MAIL command"), --final REPLY (instead of 250 after the dot;
  nothing is recorded). --once applies to refusals as well.
Timing: --slow-greeting SECONDS, --delay SECONDS (before every reply).
The faults are checked in this order at a stage: --delay-at, --exit-at, --hang-at,
--reset-at, --garbage-at; --reset-after comes after the reply.
SIGUSR1 resets (RST) every connection open at that moment, wherever it is (the MTA lost
them); the backend keeps listening and serves new connections normally. Each reset
connection logs "cN ! reset by signal" once its RST is sent (reset_connections() below
sends the signal and waits for that).

EHLO advertises PIPELINING, SIZE, 8BITMIME, ENHANCEDSTATUSCODES, with --smtputf8 SMTPUTF8, with --dsn DSN (RFC
3461: MAIL's RET/ENVID and RCPT's NOTIFY/ORCPT are accepted as any parameter is, and the
command lines, parameters included, are in the transcript) and, with --xclient,
XCLIENT (a successful XCLIENT is answered with a new 220 greeting, as Postfix does).
--chunking also advertises CHUNKING and accepts RFC 3030 BDAT: each chunk is read whole
(even when refused), a chunk that is not LAST is answered "250 2.0.0 Ok: N octets", and
the LAST one ends the message, which is recorded like a DATA message (the bytes as sent,
no dot-stuffing) and answered like the final dot (stage dot). BDAT without MAIL gets 503,
without recipients 554, DATA after BDAT (or BDAT after a refused chunk) 503;
--refuse-data refuses the first chunk of a message (the transaction stays open). The
transcript logs the BDAT command lines, and "<data N bytes>" once the LAST chunk is in.
Without --chunking, BDAT is an unknown command (502), as before.
A naive MTA, for SMTP smuggling tests (SEC Consult, 2023): in DATA, lines end at an LF
(a bare one too) and the message ends at a "." line ended by CRLF, as it always did here;
--split-bare-lf also ends it at a "." line ended by a bare LF ("<LF>.<LF>"), and
--split-bare-cr also takes a bare CR as a line end and ends the message at a "." line
ended by one ("<CR>.<CR>", "<LF>.<CR>"). What follows the end is read as commands, so a
client's smuggled MAIL/RCPT/DATA become a second message, as on a vulnerable MTA.
--ready-file PATH is written (with the bound port) once the socket listens, so tests need
no probe connection (which would use up a --once fault). SIGTERM and SIGINT exit with 0.

Imported as a module (PYTHONPATH=tests/proxy), it also gives the test scripts their SMTP
client side: Client (raw socket, bounded waits), stuff(), same_message(), transaction(),
ends_cleanly() and reset_connections(PID, DIR) (SIGUSR1 to a running backend, waiting for
its transcript to show the resets).
"""
import argparse
import json
import os
import re
import signal
import socket
import socketserver
import struct
import sys
import threading
import time

STAGES = ("greeting", "ehlo", "xclient", "mail", "rcpt", "data", "mid-data", "bdat", "dot")
REPLY_STAGES = tuple(s for s in STAGES if s != "mid-data")  # stages that end with a reply
MAX_LINE = 64 * 1024  # longer command lines are answered 500 and dropped
LINE_END = re.compile(rb"[\r\n]")


class Closed(Exception):
    """The connection is over (peer closed, fault taken, QUIT)."""


def wire(text):
    """A reply as given on the command line: '\\n' separates lines; CRLF line ends."""
    return ("\r\n".join(text.split("\\n")) + "\r\n").encode()


class State:
    """What all connections share: options, the --once bookkeeping, files."""

    def __init__(self, opts):
        self.opts = opts
        self.lock = threading.Lock()
        self.used = set()
        self.conn_seq = 0
        self.msg_seq = 0
        self.refuse_rcpt = {}
        for item in opts.refuse_rcpt:
            addr, sep, reply = item.partition("=")
            if not sep:
                sys.exit("fake_backend: --refuse-rcpt wants ADDR=REPLY")
            self.refuse_rcpt[addr.lower()] = reply
        self.delay_at = {}
        for item in opts.delay_at:
            stage, sep, seconds = item.partition("=")
            try:
                value = float(seconds)
            except ValueError:
                value = -1.0
            if not sep or stage not in STAGES or value < 0:
                sys.exit("fake_backend: --delay-at wants STAGE=SECONDS, STAGE one of " + ", ".join(STAGES))
            self.delay_at[stage] = value
        self.live = set()  # open connections (Handler), for SIGUSR1
        os.makedirs(opts.dir, exist_ok=True)
        self.log_path = os.path.join(opts.dir, "transcript.log")

    def take(self, kind):
        """True if the fault or refusal `kind` applies now (always, or once with --once)."""
        if not self.opts.once:
            return True
        with self.lock:
            if kind in self.used:
                return False
            self.used.add(kind)
            return True

    def next_conn(self, handler):
        with self.lock:
            self.conn_seq += 1
            self.live.add(handler)
            return self.conn_seq

    def gone(self, handler):
        with self.lock:
            self.live.discard(handler)

    def reset_all(self):
        """SIGUSR1: every open connection is reset. The reading thread is woken by a
        read shutdown (nothing goes to the peer); its handler then closes with RST."""
        with self.lock:
            handlers = list(self.live)
        for h in handlers:
            h.killed = True
            try:
                h.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                h.sock.shutdown(socket.SHUT_RD)
            except OSError:
                pass

    def log(self, conn, text):
        with self.lock:
            with open(self.log_path, "a", encoding="utf-8", errors="replace") as f:
                f.write("c%d %s\n" % (conn, text))

    def record(self, envelope, message, raw=None):
        with self.lock:
            self.msg_seq += 1
            n = self.msg_seq
        base = os.path.join(self.opts.dir, "msg-%04d" % n)
        files = [(".json", json.dumps(envelope, indent=1).encode()), (".eml", message)]
        if self.opts.keep_raw and raw is not None:
            files.insert(0, (".raw", raw))  # before .eml: present once .eml is
        for suffix, data in files:
            with open(base + suffix + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + suffix + ".tmp", base + suffix)
        return n


class Handler(socketserver.BaseRequestHandler):
    def setup(self):
        self.st = self.server.state
        self.opts = self.st.opts
        self.sock = self.request
        self.sock.settimeout(None)
        self.buf = b""
        self.killed = False
        self.conn = self.st.next_conn(self)
        self.helo = ""
        self.xclient = {}
        self.reset_transaction()

    def reset_transaction(self):
        self.mail = None
        self.mail_params = ""
        self.rcpts = []
        self.chunks = None      # BDAT: the message so far (None: no BDAT in this transaction)
        self.bdat_failed = False

    # ------------------------------------------------------------------ I/O

    def recv_more(self):
        try:
            data = self.sock.recv(65536)
        except OSError:
            data = b""
        if not data or self.killed:
            raise Closed()
        self.buf += data

    def read_exact(self, n, on_first_piece=None):
        """n bytes (a BDAT chunk); on_first_piece() runs once the first bytes are in."""
        out = bytearray()
        while len(out) < n:
            if not self.buf:
                self.recv_more()
            take = self.buf[: n - len(out)]
            self.buf = self.buf[len(take):]
            out += take
            if on_first_piece is not None:
                on_first_piece()
                on_first_piece = None
        return bytes(out)

    def readline(self):
        while True:
            nl = self.buf.find(b"\n")
            if nl >= 0:
                line, self.buf = self.buf[: nl + 1], self.buf[nl + 1:]
                return line
            if len(self.buf) > MAX_LINE:
                self.buf = b""
                return None
            self.recv_more()

    def data_line(self):
        """One DATA line with its line end: up to an LF (as readline), or with
        --split-bare-cr up to a CRLF, a bare LF or a bare CR. None: over MAX_LINE."""
        if not self.opts.split_bare_cr:
            return self.readline()
        start = 0
        while True:
            m = LINE_END.search(self.buf, start)
            if m is None or (m.group() == b"\r" and m.end() == len(self.buf)):
                # no line end yet, or a CR whose next byte (LF or not) is still to come
                if len(self.buf) > MAX_LINE:
                    self.buf = b""
                    return None
                start = m.start() if m else len(self.buf)
                self.recv_more()
                continue
            end = m.end() + (1 if m.group() == b"\r" and self.buf[m.end():m.end() + 1] == b"\n" else 0)
            line, self.buf = self.buf[:end], self.buf[end:]
            return line

    def send(self, data):
        if self.opts.delay:
            time.sleep(self.opts.delay)
        if self.killed:
            raise Closed()
        try:
            self.sock.sendall(data)
        except OSError:
            raise Closed()

    def rst(self):
        """Close abruptly: RST, not FIN (SO_LINGER 0)."""
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.sock.close()

    def answer(self, stage, data):
        """The reply at `stage`, then --reset-after if it names that stage."""
        self.send(data)
        if self.opts.reset_after == stage and self.st.take("reset-after"):
            self.st.log(self.conn, "! reset after " + stage)
            self.rst()
            raise Closed()

    def hang(self):
        """Read and discard until the peer closes; never answer."""
        self.buf = b""
        while True:
            self.recv_more()
            self.buf = b""

    def fault(self, stage):
        """Applies a fault configured for `stage`; raises Closed when it ends the session."""
        o = self.opts
        seconds = self.st.delay_at.get(stage)
        if seconds is not None and self.st.take("delay-at " + stage):
            self.st.log(self.conn, "! delay %gs at %s" % (seconds, stage))
            time.sleep(seconds)
        if o.exit_at == stage and self.st.take("exit"):
            self.st.log(self.conn, "! exit at " + stage)
            os._exit(0)
        if o.hang_at == stage and self.st.take("hang"):
            self.st.log(self.conn, "! hang at " + stage)
            self.hang()
        if o.reset_at == stage and self.st.take("reset"):
            self.st.log(self.conn, "! reset at " + stage)
            self.rst()
            raise Closed()
        if o.garbage_at == stage and self.st.take("garbage"):
            self.st.log(self.conn, "! garbage at " + stage)
            try:
                self.sock.sendall((o.garbage * o.garbage_repeat).encode())
            except OSError:
                raise Closed()
            self.hang()

    # ------------------------------------------------------------------ protocol

    def handle(self):
        try:
            self.session()
        except Closed:
            pass
        finally:
            self.st.gone(self)
            if self.killed:
                try:
                    self.rst()
                except OSError:
                    pass
                self.st.log(self.conn, "! reset by signal")

    def greet(self, stage="greeting"):
        self.answer(stage, b"220 %s ESMTP fake backend\r\n" % self.opts.hostname.encode())

    def session(self):
        o = self.opts
        if o.slow_greeting and self.st.take("slow-greeting"):
            self.st.log(self.conn, "! slow greeting %gs" % o.slow_greeting)
            time.sleep(o.slow_greeting)
        self.fault("greeting")
        self.greet()
        while True:
            raw = self.readline()
            if raw is None:
                self.send(b"500 5.5.2 Error: line too long\r\n")
                continue
            line = raw.rstrip(b"\r\n").decode("utf-8", errors="replace")
            self.st.log(self.conn, line)
            verb = line.split(" ", 1)[0].upper()
            arg = line[len(verb):].strip()
            if verb in ("EHLO", "HELO"):
                self.on_helo(verb, arg)
            elif verb == "XCLIENT":
                self.on_xclient(arg)
            elif verb == "MAIL":
                self.on_mail(arg)
            elif verb == "RCPT":
                self.on_rcpt(arg)
            elif verb == "DATA":
                self.on_data()
            elif verb == "BDAT" and self.opts.chunking:
                self.on_bdat(arg)
            elif verb == "RSET":
                self.reset_transaction()
                self.send(b"250 2.0.0 Ok\r\n")
            elif verb == "NOOP":
                self.send(b"250 2.0.0 Ok\r\n")
            elif verb == "QUIT":
                self.send(b"221 2.0.0 Bye\r\n")
                raise Closed()
            else:
                self.send(b"502 5.5.2 Error: command not recognized\r\n")

    def on_helo(self, verb, arg):
        self.fault("ehlo")
        if not arg:
            self.answer("ehlo", b"501 5.5.4 Syntax: EHLO hostname\r\n")
            return
        self.helo = arg
        self.reset_transaction()
        host = self.opts.hostname
        if verb == "HELO":
            self.answer("ehlo", b"250 %s\r\n" % host.encode())
            return
        lines = [host, "PIPELINING", "SIZE %d" % self.opts.size, "8BITMIME", "ENHANCEDSTATUSCODES"]
        if self.opts.chunking:
            lines.append("CHUNKING")
        if self.opts.dsn:
            lines.append("DSN")
        if self.opts.smtputf8:
            lines.append("SMTPUTF8")
        if self.opts.xclient:
            lines.append("XCLIENT NAME ADDR PROTO HELO")
        text = "".join("250%s%s\r\n" % ("-" if i + 1 < len(lines) else " ", l) for i, l in enumerate(lines))
        self.answer("ehlo", text.encode())

    def on_xclient(self, arg):
        self.fault("xclient")
        if not self.opts.xclient:
            self.answer("xclient", b"502 5.5.2 Error: command not recognized\r\n")
            return
        if self.mail is not None:
            self.answer("xclient", b"503 5.5.1 Error: MAIL transaction in progress\r\n")
            return
        for item in arg.split():
            k, _, v = item.partition("=")
            self.xclient[k.upper()] = v
        self.helo = ""
        self.greet("xclient")  # Postfix: a new session begins, EHLO again

    def on_mail(self, arg):
        self.fault("mail")
        if not self.helo:
            self.answer("mail", b"503 5.5.1 Error: send HELO/EHLO first\r\n")
            return
        if self.mail is not None:
            self.answer("mail", b"503 5.5.1 Error: nested MAIL command\r\n")
            return
        if not arg.upper().startswith("FROM:") or "<" not in arg or ">" not in arg:
            self.answer("mail", b"501 5.5.4 Syntax: MAIL FROM:<address>\r\n")
            return
        path = arg[arg.index("<") + 1: arg.index(">")]
        params = arg[arg.index(">") + 1:].strip()
        for p in params.split():
            k, _, v = p.partition("=")
            if k.upper() == "SIZE" and v.isdigit() and int(v) > self.opts.size:
                self.answer("mail", b"552 5.3.4 Message size exceeds fixed limit\r\n")
                return
        if self.opts.refuse_mail and self.st.take("refuse-mail"):
            self.answer("mail", wire(self.opts.refuse_mail))
            return
        self.mail = path
        self.mail_params = params
        self.answer("mail", b"250 2.1.0 Ok\r\n")

    def on_rcpt(self, arg):
        self.fault("rcpt")
        if self.mail is None:
            self.answer("rcpt", b"503 5.5.1 Error: need MAIL command\r\n")
            return
        if not arg.upper().startswith("TO:") or "<" not in arg or ">" not in arg:
            self.answer("rcpt", b"501 5.5.4 Syntax: RCPT TO:<address>\r\n")
            return
        path = arg[arg.index("<") + 1: arg.index(">")]
        refusal = self.st.refuse_rcpt.get(path.lower())
        if refusal is not None and self.st.take("refuse-rcpt " + path.lower()):
            self.answer("rcpt", wire(refusal))
            return
        self.rcpts.append(path)
        self.answer("rcpt", b"250 2.1.5 Ok\r\n")

    def on_data(self):
        self.fault("data")
        if self.mail is None:
            self.answer("data", b"503 5.5.1 Error: need MAIL command\r\n")
            return
        if not self.rcpts:
            self.answer("data", b"554 5.5.1 Error: no valid recipients\r\n")
            return
        if self.chunks is not None:
            self.answer("data", b"503 5.5.1 Error: DATA after BDAT\r\n")
            return
        if self.opts.refuse_data and self.st.take("refuse-data"):
            self.answer("data", wire(self.opts.refuse_data))  # the transaction stays open (Postfix)
            return
        self.answer("data", b"354 End data with <CR><LF>.<CR><LF>\r\n")
        message = bytearray()
        raw = bytearray()
        ends = {b".\r\n"}
        if self.opts.split_bare_lf:
            ends.add(b".\n")
        if self.opts.split_bare_cr:
            ends.add(b".\r")
        first = True
        while True:
            line = self.data_line()
            if line is None:  # a line over MAX_LINE: keep it, unparsed
                line = b""
            raw += line
            if line in ends:
                break
            if first:
                first = False
                self.fault("mid-data")
            if line.startswith(b"."):
                line = line[1:]  # RFC 5321 4.5.2
            message += line
        self.st.log(self.conn, "<data %d bytes>" % len(message))
        self.end_of_message(bytes(message), bytes(raw))

    def end_of_message(self, message, raw=None):
        """The final dot or BDAT LAST: recorded and 250 (or --final), then a new transaction."""
        self.fault("dot")
        if self.opts.final and self.st.take("final"):
            reply = wire(self.opts.final)
        else:
            envelope = {"from": self.mail, "mail_params": self.mail_params, "rcpts": self.rcpts,
                        "helo": self.helo, "xclient": self.xclient}
            n = self.st.record(envelope, message, raw)
            reply = b"250 2.0.0 Ok: queued as FAKE%04d\r\n" % n
        self.reset_transaction()
        self.answer("dot", reply)

    def on_bdat(self, arg):
        """RFC 3030: BDAT chunk-size [LAST]; the chunk is always read, even when refused."""
        parts = arg.split()
        if not 1 <= len(parts) <= 2 or not parts[0].isdigit() or (len(parts) == 2 and parts[1].upper() != "LAST"):
            self.answer("bdat", b"501 5.5.4 Syntax: BDAT count [LAST]\r\n")
            return
        size, last = int(parts[0]), len(parts) == 2
        first = self.chunks is None
        hook = (lambda: self.fault("mid-data")) if first and size > 0 and not self.bdat_failed else None
        chunk = self.read_exact(size, hook)
        stage = "dot" if last else "bdat"
        if self.mail is None:
            self.answer(stage, b"503 5.5.1 Error: need MAIL command\r\n")
            return
        if not self.rcpts:
            self.answer(stage, b"554 5.5.1 Error: no valid recipients\r\n")
            return
        if self.bdat_failed:
            self.answer(stage, b"503 5.5.1 Error: a previous BDAT chunk failed, send RSET\r\n")
            return
        if first and self.opts.refuse_data and self.st.take("refuse-data"):
            self.bdat_failed = True
            self.answer(stage, wire(self.opts.refuse_data))
            return
        self.chunks = (self.chunks or b"") + chunk
        if not last:
            self.fault("bdat")
            self.answer("bdat", b"250 2.0.0 Ok: %d octets\r\n" % size)
            return
        self.st.log(self.conn, "<data %d bytes>" % len(self.chunks))
        self.end_of_message(self.chunks, self.chunks)


# ---------------------------------------------------------------------- the client side
# Used by faults_test.sh and limits_test.sh: a raw-socket SMTP client whose every wait is
# bounded, and which reports a reply as one line ("250-a|250 b"), "EOF" or "TIMEOUT".

class Client:
    def __init__(self, port, timeout=10.0):
        self.timeout = timeout
        self.sock = socket.create_connection(("127.0.0.1", int(port)), timeout=timeout)
        self.buf = b""
        self.eof = False

    def _complete(self):
        """A complete reply at the front of the buffer: (text, length) or None."""
        start = 0
        lines = []
        while True:
            nl = self.buf.find(b"\n", start)
            if nl < 0:
                return None
            line = self.buf[start:nl].rstrip(b"\r").decode("utf-8", errors="replace")
            lines.append(line)
            start = nl + 1
            if len(line) < 4 or line[3] != "-":
                return "|".join(lines), start

    def reply(self, timeout=None):
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            done = self._complete()
            if done:
                self.buf = self.buf[done[1]:]
                return done[0]
            if self.eof:
                return "EOF"
            left = deadline - time.monotonic()
            if left <= 0:
                return "TIMEOUT"
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return "TIMEOUT"
            except OSError:
                chunk = b""
            if not chunk:
                self.eof = True
            self.buf += chunk

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def cmd(self, line, timeout=None):
        self.send(line + "\r\n")
        return self.reply(timeout)

    def wait_closed(self, timeout):
        """True if the server closes the connection within `timeout` (data is kept)."""
        deadline = time.monotonic() + timeout
        while not self.eof:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return False
            except OSError:
                chunk = b""
            if not chunk:
                self.eof = True
            self.buf += chunk
        return True

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def stuff(message):
    """RFC 5321 4.5.2: the DATA content for `message` (CRLF lines), end marker included."""
    if not message.endswith(b"\r\n"):
        message += b"\r\n"
    lines = message.split(b"\r\n")[:-1]
    return b"".join((b"." + l if l.startswith(b".") else l) + b"\r\n" for l in lines) + b".\r\n"


def same_message(recorded, sent):
    """The backend got `sent` byte for byte; trace header fields the proxy may prepend
    (Received:, RFC 5321 4.4) are allowed before it, nothing else."""
    if not recorded.endswith(sent):
        return False
    prefix = recorded[: len(recorded) - len(sent)]
    return prefix == b"" or re.fullmatch(rb"(?:[!-9;-~]+:[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*)+", prefix) is not None


def transaction(client, sender, rcpts, message, wait=None, greet=True):
    """(Banner, EHLO,) MAIL, RCPT..., DATA, message; stops at the first refusal that ends
    the transaction. Returns [(label, reply)]: banner, EHLO, MAIL, RCPT <addr>, DATA, END."""
    out = []
    if greet:
        out.append(("banner", client.reply()))
        out.append(("EHLO", client.cmd("EHLO client.example", wait)))
    r = client.cmd("MAIL FROM:<%s>" % sender, wait)
    out.append(("MAIL", r))
    if not r.startswith("250"):
        return out
    accepted = 0
    for rcpt in rcpts:
        r = client.cmd("RCPT TO:<%s>" % rcpt, wait)
        out.append(("RCPT " + rcpt, r))
        accepted += r.startswith("250")
    if not accepted:
        return out
    r = client.cmd("DATA", wait)
    out.append(("DATA", r))
    if not r.startswith("354"):
        return out
    client.send(stuff(message))
    out.append(("END", client.reply(wait)))
    return out


def ends_cleanly(client, steps, wait=3.0):
    """QUIT is answered 221, or the server already said 421 and closes (RFC 5321 3.8)."""
    r = client.cmd("QUIT", wait)
    steps.append(("QUIT", r))
    if r.startswith("221"):
        return client.wait_closed(wait)
    return any(rep.startswith("421") for _, rep in steps) and r == "EOF"


def reset_connections(pid, directory, timeout=5.0):
    """Sends SIGUSR1 to the backend with that PID (every open connection is reset) and
    waits until its transcript in `directory` shows one more "! reset by signal" than
    before. Returns the number of connections reset (0: none within `timeout`)."""
    log = os.path.join(directory, "transcript.log")

    def count():
        try:
            with open(log, encoding="utf-8", errors="replace") as f:
                return sum(1 for line in f if line.rstrip("\n").endswith("! reset by signal"))
        except OSError:
            return 0

    before = count()
    os.kill(int(pid), signal.SIGUSR1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = count()
        if now > before:
            time.sleep(0.05)  # others reset by the same signal
            return count() - before
    return 0


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True     # a hanging connection never blocks the exit
    block_on_close = False
    request_queue_size = 64


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True, help="0: the kernel chooses (see --ready-file)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--dir", required=True, help="where accepted messages and the transcript go")
    ap.add_argument("--ready-file", help="written with the port once listening")
    ap.add_argument("--hostname", default="backend.test")
    ap.add_argument("--size", type=int, default=52428800, help="advertised SIZE")
    ap.add_argument("--xclient", action="store_true", help="advertise and accept XCLIENT")
    ap.add_argument("--chunking", action="store_true", help="advertise CHUNKING and accept BDAT (RFC 3030)")
    ap.add_argument("--dsn", action="store_true", help="advertise DSN (RFC 3461)")
    ap.add_argument("--smtputf8", action="store_true", help="advertise SMTPUTF8 (RFC 6531)")
    ap.add_argument("--refuse-mail", metavar="REPLY")
    ap.add_argument("--refuse-rcpt", metavar="ADDR=REPLY", action="append", default=[])
    ap.add_argument("--refuse-data", metavar="REPLY")
    ap.add_argument("--final", metavar="REPLY", help="the reply after the dot instead of 250")
    ap.add_argument("--slow-greeting", type=float, default=0.0, metavar="SECONDS")
    ap.add_argument("--delay", type=float, default=0.0, metavar="SECONDS", help="before every reply")
    ap.add_argument("--delay-at", metavar="STAGE=SECONDS", action="append", default=[],
                    help="before the reply at that stage only (repeatable)")
    ap.add_argument("--hang-at", choices=STAGES)
    ap.add_argument("--reset-at", choices=STAGES)
    ap.add_argument("--reset-after", choices=REPLY_STAGES, help="the stage's reply, then RST")
    ap.add_argument("--exit-at", choices=STAGES, help="the whole process exits at once")
    ap.add_argument("--garbage-at", choices=STAGES)
    ap.add_argument("--garbage", default="this is not an SMTP reply\r\n")
    ap.add_argument("--garbage-repeat", type=int, default=1)
    ap.add_argument("--once", action="store_true", help="each fault and refusal only the first time")
    ap.add_argument("--split-bare-lf", action="store_true",
                    help='naive: a "." line ended by a bare LF also ends DATA (SMTP smuggling)')
    ap.add_argument("--split-bare-cr", action="store_true",
                    help='naive: a bare CR also ends a DATA line, and a "." line ended by one ends DATA')
    ap.add_argument("--keep-raw", action="store_true", help="also write DIR/msg-NNNN.raw, the bytes as received")
    opts = ap.parse_args()

    state = State(opts)
    server = Server((opts.host, opts.port), Handler)
    server.state = state

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # SIGUSR1: reset every open connection (outside the handler: it takes locks).
    signal.signal(signal.SIGUSR1, lambda signum, frame: threading.Thread(target=state.reset_all, daemon=True).start())
    if opts.ready_file:
        with open(opts.ready_file + ".tmp", "w") as f:
            f.write("%d\n" % server.server_address[1])
        os.rename(opts.ready_file + ".tmp", opts.ready_file)
    try:
        server.serve_forever(poll_interval=0.2)
    except SystemExit:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
