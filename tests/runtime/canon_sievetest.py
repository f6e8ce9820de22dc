#!/usr/bin/env python3
"""Convert Pigeonhole sieve-test output to the canonical result form.

Usage:
  canon_sievetest.py [FILE]          # dry-run output -> canonical result
  canon_sievetest.py --exec [FILE]   # run_case.sh -e output -> exec report

FILE (default stdin) is the output of pigeonhole/run_case.sh (sections
"### stdout", "### stderr", "### exit N", "### stored ...") or plain
sieve-test output (stdout and stderr concatenated, no markers).

Canonical result form: see README.md.  The exec report (--exec) is an
informational normalised view of an executed run (sieve log lines, outgoing
messages with Date/Message-ID masked, stored messages with flags).
"""

import base64
import re
import sys

import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from canon_common import (  # noqa: E402
    line_implicit_keep, line_notify, line_redirect, line_reject, line_store,
    line_vacation, q,
)


def split_sections(text):
    """-> dict(stdout=str, stderr=str, exit=int|None, stored=[(box, flags, msg)])."""
    if not text.startswith("### stdout\n"):
        return {"stdout": text, "stderr": text, "exit": None, "stored": []}
    res = {"stdout": "", "stderr": "", "exit": None, "stored": []}
    cur = None
    buf = []

    def flush():
        if cur is None:
            return
        body = "".join(buf)
        if cur[0] in ("stdout", "stderr"):
            res[cur[0]] = body
        elif cur[0] == "stored":
            res["stored"].append((cur[1], cur[2], body))

    for line in text.splitlines(keepends=True):
        m = re.match(r"### (stdout|stderr|exit (-?\d+)|stored ([^\t\n]*)\t(.*))\n$", line)
        if m:
            flush()
            buf = []
            if m.group(1) in ("stdout", "stderr"):
                cur = (m.group(1),)
            elif m.group(2) is not None:
                res["exit"] = int(m.group(2))
                cur = None
            else:
                cur = ("stored", m.group(3), m.group(4))
            continue
        if cur is not None:
            buf.append(line)
    flush()
    return res


# ---------------------------------------------------------------- dry run --

def parse_items(lines, i):
    """Parse ' * ' items from lines[i:] until a section end.

    Returns (items, next_index); each item is (headline, [sub lines]).
    Multi-line payloads (vacation START/END MESSAGE, notify body between
    '--' lines) are kept inside the item's sub lines verbatim.
    """
    items = []
    while i < len(lines):
        ln = lines[i]
        if ln.startswith(" * "):
            head = ln[3:]
            sub = []
            i += 1
            while i < len(lines):
                ln = lines[i]
                if ln.startswith(" * ") or ln in ("Implicit keep:", "Performed actions:") \
                        or ln.startswith("### "):
                    break
                if ln == "START MESSAGE":
                    # vacation body: everything up to the END MESSAGE line
                    sub.append(ln)
                    i += 1
                    while i < len(lines) and lines[i] != "END MESSAGE":
                        sub.append(lines[i])
                        i += 1
                    if i < len(lines):
                        sub.append(lines[i])
                        i += 1
                    continue
                if ln.startswith("    => body") and i + 1 < len(lines) and lines[i + 1] == "--":
                    sub.append(ln)
                    sub.append("--")
                    i += 2
                    while i < len(lines) and lines[i] != "--":
                        sub.append(lines[i])
                        i += 1
                    if i < len(lines):
                        sub.append("--")
                        i += 1
                    continue
                sub.append(ln)
                i += 1
            items.append((head, sub))
            continue
        if ln in ("Implicit keep:", "Performed actions:") or ln.startswith("### "):
            break
        i += 1
    return items, i


def store_subs(sub):
    flags, copy, extra, create = [], False, [], False
    for s in sub:
        t = s.strip()
        if not t:
            continue
        if t.startswith("+ add IMAP flags:"):
            flags.extend(t[len("+ add IMAP flags:"):].split())
        elif t == "+ preserve implicit keep":
            copy = True
        elif t == "+ create mailbox if it does not exist":
            create = True
        elif t.startswith("+ "):
            extra.append(t[2:])
        else:
            extra.append(t)
    return flags, copy, extra, create


def kv_block(sub):
    """Parse '    => key : value' lines (values may continue on later lines)."""
    keys = []
    cur = None
    for s in sub:
        m = re.match(r"^    => (\w[\w-]*)\s*:\s?(.*)$", s)
        if m:
            cur = [m.group(1), [m.group(2)]]
            keys.append(cur)
        elif cur is not None:
            cur[1].append(s)
    return [(k, "\n".join(v)) for k, v in keys]


def vacation_line(sub):
    if "START MESSAGE" in sub:
        a = sub.index("START MESSAGE")
        b = len(sub) - 1 - sub[::-1].index("END MESSAGE") if "END MESSAGE" in sub else len(sub)
        head, reason = sub[:a], "\n".join(sub[a + 1:b])
    else:
        head, reason = sub, ""
    while head and head[-1] == "":
        head = head[:-1]
    kv = dict(kv_block(head))
    seconds = int(kv.get("seconds", "0").strip() or 0)
    return line_vacation(seconds, kv.get("subject"), kv.get("from"), kv.get("handle"), reason)


def notify_line(head, sub):
    m = re.match(r"send notification with method '([^']*)':", head)
    method = m.group(1) if m else head
    importance, from_, subject = 2, None, None
    to, cc, headers, body = [], [], [], None
    mode = None
    i = 0
    while i < len(sub):
        s = sub[i]
        m = re.match(r"^    => (\w+)\s*:\s?(.*)$", s)
        if m:
            k, v = m.group(1), m.group(2)
            mode = None
            if k == "importance":
                importance = int(v.strip())
            elif k == "from":
                from_ = v
            elif k == "subject":
                subject = v
            elif k == "recipients":
                mode = "rcpt"
            elif k == "headers":
                mode = "hdr"
            elif k == "body":
                # body follows between '--' lines
                if i + 1 < len(sub) and sub[i + 1] == "--":
                    j = i + 2
                    bl = []
                    while j < len(sub) and sub[j] != "--":
                        bl.append(sub[j])
                        j += 1
                    body = "\n".join(bl)
                    i = j + 1
                    continue
                body = v
            else:
                headers.append("%s: %s" % (k, v))
            i += 1
            continue
        m = re.match(r"^       \+ ([^:]+): ?(.*)$", s)
        if m and mode == "rcpt":
            (to if m.group(1).lower() == "to" else cc).append(
                m.group(2) if m.group(1).lower() in ("to", "cc") else "%s:%s" % (m.group(1), m.group(2)))
        elif m and mode == "hdr":
            headers.append("%s: %s" % (m.group(1), m.group(2)))
        i += 1
    return line_notify(method, importance, from_, subject, to, cc, headers, body)


def canon_item(head, sub):
    m = re.match(r"store message in folder: (.*)$", head)
    if m:
        flags, copy, extra, create = store_subs(sub)
        return line_store(m.group(1), flags, copy, extra, create)
    m = re.match(r"redirect message to: <?(.*?)>?$", head)
    if m:
        flags, copy, extra, _ = store_subs(sub)
        line = line_redirect(m.group(1), copy)
        return line + "".join(" extra=" + q(e) for e in extra)
    m = re.match(r"reject message with reason: (.*)$", head, re.S)
    if m:
        return line_reject("reject", m.group(1))
    if head == "discard":
        return "discard"
    if head.startswith("send vacation message"):
        return vacation_line(sub)
    if head.startswith("send notification with method"):
        return notify_line(head, sub)
    return "unknown " + q(head + "".join("\n" + s for s in sub if s.strip()))


def canon_dry(sec):
    out, err, rc = sec["stdout"], sec["stderr"], sec["exit"]
    if rc in (124, 137):
        return ["timeout"]
    m = re.search(r"final result: (.*)", err)
    if "failed to compile" in err or (rc == 89 and not m):
        return ["compile_error"]
    if m and m.group(1).startswith("failed"):
        ok = "resolved with successful implicit keep" in m.group(1)
        return ["error", line_implicit_keep(ok)]
    if not m and "Fatal:" in err:
        return ["fatal"]
    lines = out.split("\n")
    res = []
    try:
        i = lines.index("Performed actions:")
    except ValueError:
        return ["no_result"]
    items, i = parse_items(lines, i + 1)
    for head, sub in items:
        if head == "track duplicate":
            # side effect of the duplicate test, not a delivery action
            continue
        res.append(canon_item(head, sub))
    ik = "implicit_keep no"
    if i < len(lines) and lines[i] == "Implicit keep:":
        kitems, _ = parse_items(lines, i + 1)
        if kitems:
            head, sub = kitems[0]
            mm = re.match(r"store message in folder: (.*)$", head)
            flags, copy, extra, _ = store_subs(sub)
            ik = line_implicit_keep(True, flags)
            if not mm or mm.group(1) != "INBOX":
                extra = ["into " + (mm.group(1) if mm else head)] + extra
            ik += "".join(" extra=" + q(e) for e in extra)
            for head2, sub2 in kitems[1:]:
                ik += " extra=" + q(head2)
    res.append(ik)
    return res


# ---------------------------------------------------------------- exec -----

def mutf7_decode(s):
    def dec(m):
        b = m.group(1)
        if b == "":
            return "&"
        b = b.replace(",", "/")
        b += "=" * (-len(b) % 4)
        return base64.b64decode(b).decode("utf-16-be")
    try:
        return re.sub(r"&([A-Za-z0-9+,]*)-", dec, s)
    except Exception:
        return s


def mask_message(msg):
    """Mask run-dependent values in an outgoing message.

    Message-IDs generated by Pigeonhole (<dovecot-sieve-...>) always; Date,
    MIME boundaries and the host name in MDN reports only in messages
    Pigeonhole generated itself (vacation / notify / reject: they carry
    Auto-Submitted), not in redirected ones.
    """
    generated = re.search(r"(?im)^Auto-Submitted: auto-(replied|notified)", msg) is not None
    out = []
    in_hdr = True
    for ln in msg.split("\n"):
        ln2 = ln.rstrip("\r")
        if in_hdr and ln2 == "":
            in_hdr = False
        if in_hdr and re.match(r"(?i)^Message-ID:\s*<dovecot-sieve-", ln2):
            ln = "Message-ID: <masked>"
        elif in_hdr and generated and re.match(r"(?i)^Date:", ln2):
            ln = "Date: <masked>"
        out.append(ln)
    text = "\n".join(out)
    if generated:
        # MIME boundaries are "<pid>/<hostname>": mask every occurrence
        for b in set(re.findall(r'boundary="?([^"\s;]+)', text)):
            text = text.replace(b, "<boundary>")
        text = re.sub(r"(Dovecot Mail Delivery Agent: )\S+", r"\1<host>", text)
    return text


def canon_exec(sec):
    out, err, rc = sec["stdout"], sec["stderr"], sec["exit"]
    res = []
    if rc in (124, 137):
        return ["timeout"]
    if "failed to compile" in err:
        return ["compile_error"]
    senders = []
    for ln in err.split("\n"):
        ln = ln.rstrip("\r")
        m = re.match(r"sieve-test: Info: sending message from (<.*?>):", ln)
        if m:
            senders.append(m.group(1))
            continue
        m = re.match(r"^script: (.*)$", ln)
        if m:
            res.append("log script: " + m.group(1))
            continue
        m = re.match(r"^(info|warning|error|debug): (?:msgid=[^:]*: )?(.*)$", ln)
        if m:
            res.append("log %s: %s" % (m.group(1), m.group(2)))
            continue
        m = re.match(r"sieve-test: (?:Info|Error|Warning): final result: (.*)$", ln)
        if m:
            res.append("result: " + m.group(1))
            continue
        m = re.match(r"sieve-test: (Fatal|Panic|Error): (.*)$", ln)
        if m and "final result" not in ln:
            res.append("log %s: %s" % (m.group(1).lower(), m.group(2)))
    # outgoing messages on stdout: each starts with the X-Sieve header;
    # drop sieve-test's trailing empty "RECIPIENT:/START MESSAGE:" dumps.
    body = re.split(r"\n\nRECIPIENT: ", "\n" + out, maxsplit=1)[0][1:] if out else ""
    msgs = re.split(r"(?m)^(?=X-Sieve: Pigeonhole Sieve)", body)
    msgs = [m for m in msgs if m.strip()]
    for n, msg in enumerate(msgs):
        who = senders[n] if n < len(senders) else "?"
        res.append("sent from %s:" % who)
        res.extend("| " + ln.rstrip("\r") for ln in mask_message(msg.rstrip("\n")).split("\n"))
    for box, flags, msg in sec["stored"]:
        res.append("stored %s flags=%s:" % (q(mutf7_decode(box)), q(flags)))
        res.extend("| " + ln.rstrip("\r") for ln in msg.rstrip("\n").split("\n"))
    return res


def main(argv):
    exec_mode = False
    args = []
    for a in argv[1:]:
        if a == "--exec":
            exec_mode = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            args.append(a)
    data = open(args[0], "rb").read() if args else sys.stdin.buffer.read()
    text = data.decode("utf-8", "surrogateescape")
    sec = split_sections(text)
    lines = canon_exec(sec) if exec_mode else canon_dry(sec)
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
