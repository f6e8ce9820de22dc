#!/usr/bin/env bash
# SMTP smuggling (SEC Consult, 2023) through the proxy, on loopback. A client ends its
# message with a non-standard end of data - <LF>.<LF>, <LF>.<CR><LF>, <CR>.<CR>,
# <CR>.<CR><LF>, <CR><LF>.<CR>, <CR><LF>.<LF>, <LF>.<CR>, <CR>.<LF>, <CR><LF><NUL>.<CR><LF> -
# followed by a second transaction (MAIL FROM:<evil@...>, RCPT TO:<victim@...>, DATA,
# evil, <CR><LF>.<CR><LF>) and QUIT, all in one write after the 354. With the default
# [session.data] bare-line-ends ("normalize", as Postfix >= 3.9) every one of them must
# be one message: the client hears one 250 for it (then 221, nothing for the smuggled
# commands), and the backend gets exactly that message, from a@example.org to
# b@example.net only, with CRLF line ends only, the lone "." dot-stuffed on the wire,
# and the smuggled commands as body text.
#   - Backend 1: Postfix's smtp-sink with dumps (X-Mail-Args / X-Rcpt-Args give the
#     envelope; the dump has the lines as smtp-sink read them: bare CRs dropped, bare LFs
#     taken as line ends, so it shows the lines, not the line-end bytes).
#   - Backend 2: fake_backend.py --split-bare-lf --split-bare-cr --keep-raw, a naive MTA
#     that ends DATA at "." followed by a bare LF or a bare CR too: if the proxy passed
#     any of these sequences on, the smuggled transaction would be a second message. Its
#     .raw files are the bytes on the wire. A control run talks to such a backend
#     directly and must be smuggled (proof that the backend is really vulnerable). Each
#     variant is also sent with its line-end bytes dripped one write at a time (the
#     proxy's reader must carry a CR across reads).
#   - bare-line-ends = "refuse": <LF>.<LF> gets 521 and the session is closed; nothing
#     reaches the backend.
#   - Python's smtplib with a bytes message with LF line ends: 250, CRLF at the backend.
# Every process started here is stopped by its PID; every wait is bounded.
# Usage: smuggling_test.sh SIEVEGATE
set -u
bin=$1
source "$(dirname "$0")/lib.sh"
require smtp-sink python3
use_fake_backend

# The printable names of the variants, in the order of VARIANTS below (1-based).
names=('\n.\n' '\n.\r\n' '\r.\r' '\r.\r\n' '\r\n.\r' '\r\n.\n' '\n.\r' '\r.\n' '\r\n\0.\r\n')

cat > "$tmp/smuggle.py" <<'PY'
"""Client and inspection side of smuggling_test.sh; see its header."""
import glob, json, os, re, smtplib, socket, sys, time
from fake_backend import Client, same_message, stuff

VARIANTS = [b"\n.\n", b"\n.\r\n", b"\r.\r", b"\r.\r\n", b"\r\n.\r", b"\r\n.\n", b"\n.\r", b"\r.\n",
            b"\r\n\x00.\r\n"]
SMUGGLED = b"MAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@example.net>\r\nDATA\r\nevil\r\n"
BARE = re.compile(rb"\r(?!\n)|(?<!\r)\n")


def head(subject):
    return b"Subject: %s\r\n\r\nhi" % subject.encode()


def expected(n, subject):
    """The message the backend must get: the content with every line end as CRLF."""
    return re.sub(rb"\r\n|\r|\n", b"\r\n", head(subject) + VARIANTS[n - 1] + SMUGGLED)


def codes(replies):
    return " ".join(r if r in ("EOF", "TIMEOUT") else r[:3] for r in replies)


def send(port, n, subject, drip=False):
    """(reply codes "220 250 250 250 354 | 250 221 EOF", the replies themselves)."""
    c = Client(port, timeout=5)
    c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pre = [c.reply(), c.cmd("EHLO client.example"), c.cmd("MAIL FROM:<a@example.org>"),
           c.cmd("RCPT TO:<b@example.net>"), c.cmd("DATA")]
    post = []
    if pre[-1].startswith("354"):
        tail = SMUGGLED + b".\r\nQUIT\r\n"
        if drip:  # the variant's bytes one write at a time, each read on its own
            c.send(head(subject))
            for b in VARIANTS[n - 1]:
                time.sleep(0.03)
                c.send(bytes([b]))
            time.sleep(0.03)
            c.send(tail)
        else:
            c.send(head(subject) + VARIANTS[n - 1] + tail)
        while not post or post[-1] not in ("EOF", "TIMEOUT"):
            post.append(c.reply(5))
    c.close()
    return codes(pre) + " | " + codes(post), " / ".join(pre + post)


def sink_dumps(d):
    out = []
    for path in sorted(glob.glob(os.path.join(d, "dump-*"))):
        with open(path, "rb") as f:
            data = f.read()
        hdr, _, body = data.partition(b"\n\n")
        out.append((hdr.split(b"\n"), body))
    return out


def envelope_of_dump(hdr):
    mail = [l.split(b">")[0].split(b"<", 1)[-1] for l in hdr if l.startswith(b"X-Mail-Args:")]
    rcpts = [l.split(b">")[0].split(b"<", 1)[-1] for l in hdr if l.startswith(b"X-Rcpt-Args:")]
    return "from=%s rcpts=%s" % (b",".join(mail).decode(), b",".join(rcpts).decode())


def inspect_sink(d, n, subject):
    """[dumps with that subject, envelope, body lines]."""
    hits = [(h, b) for h, b in sink_dumps(d) if b"Subject: %s" % subject.encode() in h]
    if not hits:
        return ["0", "none", "none"]
    hdr, body = hits[0]
    want = expected(n, subject).split(b"\r\n\r\n", 1)[1].replace(b"\r\n", b"\n")
    # smtp-sink ends a dump with an empty line of its own.
    ok = body in (want, want + b"\n")
    return [str(len(hits)), envelope_of_dump(hdr),
            "as sent, line ends normalized, smuggled commands as body text" if ok else repr(body)]


def fake_messages(d):
    out = []
    for js in sorted(glob.glob(os.path.join(d, "msg-*.json"))):
        base = js[:-5]
        with open(js) as f:
            env = json.load(f)
        with open(base + ".eml", "rb") as f:
            eml = f.read()
        raw = None
        if os.path.exists(base + ".raw"):
            with open(base + ".raw", "rb") as f:
                raw = f.read()
        out.append((env, eml, raw))
    return out


def inspect_fake(d, n, subject, want=None):
    """[messages with that subject, envelope, line ends on the wire (the .raw file),
    the wire bytes (dot-stuffing), the message]."""
    key = b"Subject: %s\r\n" % subject.encode()
    hits = [m for m in fake_messages(d) if m[1].startswith(key) or b"\r\n" + key in m[1]]
    if not hits:
        return ["0", "none", "none", "none", "none"]
    env, eml, raw = hits[0]
    if want is None:
        want = expected(n, subject)
    bare = BARE.search(raw or b"")
    return [str(len(hits)), "from=%s rcpts=%s" % (env["from"], ",".join(env["rcpts"])),
            "CRLF only" if raw and not bare else "bare line end at %d in %r" % (bare.start(), raw) if bare else "no .raw",
            "dot-stuffed, as sent" if raw and same_message(raw, stuff(want)) else "wire: %r" % raw,
            "as sent, line ends normalized" if same_message(eml, want) else repr(eml)]


def run(kind, port, d, drip):
    """Every variant, one session each; one line per variant, tab-separated: n, reply
    codes, replies, new backend messages, then what inspect_KIND found."""
    pattern = "dump-*" if kind == "sink" else "msg-*.eml"
    count = lambda: len(glob.glob(os.path.join(d, pattern)))
    for n in range(1, len(VARIANTS) + 1):
        subject = "smuggle-%d%s" % (n, "-drip" if drip else "")
        before = count()
        got = send(port, n, subject, drip)
        # After a 250, up to 2 s for the message (smtp-sink may write its dump after it).
        deadline = time.monotonic() + (2 if "| 250" in got[0] else 0)
        while count() <= before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.05)  # a second (smuggled) message would come right after the first
        new = count() - before
        found = inspect_sink(d, n, subject) if kind == "sink" else inspect_fake(d, n, subject)
        print("\t".join([str(n), got[0], got[1], str(new)] + found), flush=True)


def evil(kind, d):
    """Messages whose envelope names evil@ or victim@ (must be none)."""
    if kind == "sink":
        envs = [envelope_of_dump(h) for h, _ in sink_dumps(d)]
    else:
        envs = ["from=%s rcpts=%s" % (e["from"], ",".join(e["rcpts"])) for e, _, _ in fake_messages(d)]
    print(sum(1 for e in envs if "evil@" in e or "victim@" in e))


def control(port, d):
    """Variants 1-8 straight to the backend, each in one go; prints the messages it
    recorded and how many of them came from evil@ to victim@."""
    for n in range(1, 9):
        c = Client(port, timeout=5)
        for line in ("EHLO client.example", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.net>", "DATA"):
            c.send(line + "\r\n")
        c.send(head("control-%d" % n) + VARIANTS[n - 1] + SMUGGLED + b".\r\nQUIT\r\n")
        c.wait_closed(5)
        c.close()
    envs = [e for e, _, _ in fake_messages(d)]
    print(len(envs), sum(1 for e in envs if e["from"] == "evil@example.org" and e["rcpts"] == ["victim@example.net"]))


def via_smtplib(port):
    s = smtplib.SMTP("127.0.0.1", int(port), local_hostname="client.example", timeout=5)
    got = []
    data = s.data
    s.data = lambda msg: got.append(data(msg)) or got[-1]
    try:
        refused = s.sendmail("a@example.org", ["b@example.net"], b"Subject: lf\n\nline1\nline2\n")
        print("%d refused=%d" % (got[-1][0], len(refused)))
    except smtplib.SMTPException as e:
        print("%s: %s" % (type(e).__name__, e))
    try:
        s.quit()
    except smtplib.SMTPException:
        pass


cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "run":  # run KIND PORT DIR [drip]
    run(args[0], args[1], args[2], len(args) > 3)
elif cmd == "send":  # send PORT N SUBJECT: codes, then replies
    print("\n".join(send(args[0], int(args[1]), args[2])))
elif cmd == "smtplib":  # smtplib PORT DIR: the reply, then what inspect_fake found
    via_smtplib(args[0])
    # What smtplib sends for a bytes message (no EOL fixing; CRLF added before the
    # final dot): "...line2\n\r\n.\r\n", i.e. a last empty line.
    print("\n".join(inspect_fake(args[1], 0, "lf", want=b"Subject: lf\r\n\r\nline1\r\nline2\r\n\r\n")))
elif cmd == "evil":
    evil(args[0], args[1])
elif cmd == "control":
    control(args[0], args[1])
PY
sm() { "$python" "$tmp/smuggle.py" "$@"; }

naive=(--split-bare-lf --split-bare-cr --keep-raw)
count_files() { find "$1" -name "$2" 2>/dev/null | wc -l | tr -d ' '; }

sink_port=$(port); naive_port=$(port); refuse_backend_port=$(port); control_port=$(port)
p_sink=$(port); p_naive=$(port); p_refuse=$(port)
mkdir -p "$tmp/sink"; chmod 777 "$tmp/sink"
proxy_config "$tmp/sink.toml" "$p_sink" "$sink_port"
proxy_config "$tmp/naive.toml" "$p_naive" "$naive_port"
proxy_config "$tmp/refuse.toml" "$p_refuse" "$refuse_backend_port" $'\n[session.data]\nbare-line-ends = "refuse"'

smtp-sink -u nobody -m 64 -d "$tmp/sink/dump-%M%S" "127.0.0.1:$sink_port" 64 &
pids+=("$!")
wait_port "$sink_port"; check "smtp-sink up" 0 $?
start_backend naive "$naive_port" "${naive[@]}"; check "naive backend up" 0 $?
start_backend refuse "$refuse_backend_port" "${naive[@]}"; check "naive backend (refuse) up" 0 $?
start_backend control "$control_port" "${naive[@]}"; check "naive backend (control) up" 0 $?
# One process per config (the listeners differ); logs to one file.
declare -A proxy_pids
for c in sink naive refuse; do
  p_var=p_$c
  start_proxy "$tmp/$c.toml" "${!p_var}"; check "proxy ($c) up" 0 $?
  proxy_pids[$c]=$proxy_pid
done

# 0. Control: the naive backend alone is smuggled by every variant but the NUL one.
check "control: the naive backend alone takes variants 1-8 as 16 messages, 8 smuggled" "16 8" \
  "$(sm control "$control_port" "$tmp/control")"

# check_variants KIND: the lines of `smuggle.py run` on stdin, one per variant.
check_variants() {
  local kind=$1 drip=${2:-} n codes replies new count envelope f1 f2 f3 label seen=0
  while IFS=$'\t' read -r n codes replies new count envelope f1 f2 f3; do
    seen=$((seen + 1))
    label="$kind ${names[$((n - 1))]}${drip:+ dripped}"
    check "$label: one 250 for the message, then 221; no reply to smuggled commands" \
      "220 250 250 250 354 | 250 221 EOF" "$codes"
    [ "$codes" = "220 250 250 250 354 | 250 221 EOF" ] || echo "  replies: $replies"
    check "$label: the backend got exactly one message" 1 "$new"
    check "$label: one message with subject smuggle-$n${drip:+-drip}" 1 "$count"
    check "$label: envelope a@ -> b@ only" "from=a@example.org rcpts=b@example.net" "$envelope"
    if [ "$kind" = sink ]; then
      check "$label: body lines" "as sent, line ends normalized, smuggled commands as body text" "$f1"
    else
      check "$label: relayed bytes have CRLF line ends only" "CRLF only" "$f1"
      check "$label: on the wire as sent, normalized, dot-stuffed" "dot-stuffed, as sent" "$f2"
      check "$label: message as sent, normalized, smuggled commands as body text" \
        "as sent, line ends normalized" "$f3"
    fi
  done
  check "$kind${drip:+ dripped}: every variant sent" "${#names[@]}" "$seen"
}

# 1. Every variant through the proxy, to smtp-sink and to the naive backend (there also
# with the variant's bytes dripped).
check_variants sink < <(sm run sink "$p_sink" "$tmp/sink")
check_variants fake < <(sm run fake "$p_naive" "$tmp/naive")
check_variants fake drip < <(sm run fake "$p_naive" "$tmp/naive" drip)
check "smtp-sink: no message from evil@ or to victim@" 0 "$(sm evil sink "$tmp/sink")"
check "naive backend: no message from evil@ or to victim@" 0 "$(sm evil fake "$tmp/naive")"

# 2. bare-line-ends = "refuse": <LF>.<LF> closes the session with 521, nothing relayed.
mapfile -t out < <(sm send "$p_refuse" 1 smuggle-refuse)
check "refuse: 521, then the connection is closed" "220 250 250 250 354 | 521 EOF" "${out[0]:-}"
contains "refuse: 521 5.5.2 text" "521 5.5.2 proxy.test Bare CR or LF in message data is not allowed." "${out[1]:-}"
sleep 0.2
check "refuse: nothing reached the backend" 0 "$(count_files "$tmp/refuse" 'msg-*')"
grep -q "evil" "$tmp/refuse/transcript.log" 2>/dev/null
check "refuse: no smuggled command reached the backend" 1 $?

# 3. smtplib, a bytes message with LF line ends (smtplib leaves bytes as they are).
mapfile -t r < <(sm smtplib "$p_naive" "$tmp/naive")
check "smtplib: sendmail gets 250" "250 refused=0" "${r[0]:-}"
check "smtplib: one message at the backend" 1 "${r[1]:-}"
check "smtplib: envelope" "from=a@example.org rcpts=b@example.net" "${r[2]:-}"
check "smtplib: CRLF line ends only on the wire" "CRLF only" "${r[3]:-}"
check "smtplib: message with CRLF line ends" "as sent, line ends normalized" "${r[5]:-}"

# The proxies are still running (no crash along the way).
for c in sink naive refuse; do
  kill -0 "${proxy_pids[$c]}" 2>/dev/null; check "proxy ($c) still running" 0 $?
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
