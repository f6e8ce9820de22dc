"""Shared helpers for the canonical Sieve result form (see README.md).

Both converters (canon_sievetest.py for Pigeonhole, canon_sievegate.py for
our engine) build lines with these functions so quoting and normalisation
are identical.
"""

import re

DEFAULT_MAILBOX = "INBOX"
REJECT_MAX = 128  # Pigeonhole prints the reason through str_sanitize(r, 128)


def q(s):
    """Quote a string: "..." with \\ \" \\n \\r \\t and \\xHH escapes.

    Non-ASCII text is kept as UTF-8; undecodable bytes (surrogateescape)
    and other control characters become \\xHH.
    """
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        elif 0xDC80 <= o <= 0xDCFF:  # surrogateescape'd raw byte
            out.append("\\x%02x" % (o - 0xDC00))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def canon_flags(flags):
    """IMAP flag list -> canonical string, or None when empty.

    Flags are split on whitespace (Sieve flag lists are space separated),
    lower-cased (IMAP flags and keywords are case-insensitive; Pigeonhole
    prints system flags lower-cased and de-duplicates keywords
    case-insensitively), de-duplicated and sorted.
    """
    if flags is None:
        return None
    if isinstance(flags, str):
        flags = [flags]
    out = set()
    for f in flags:
        for part in str(f).split():
            out.add(part.lower())
    if not out:
        return None
    return " ".join(sorted(out))


def sanitize_printed(s):
    """Pigeonhole's str_sanitize(s, 128) as seen in sieve-test output.

    sieve-test prints reject reasons and fileinto/keep mailbox names through
    it.

    Control characters (< 0x20, incl. CR/LF/TAB) become '?'; if the result
    is longer than 128 bytes (UTF-8) it is cut at a character boundary to at
    most 125 bytes and "..." is appended.  Idempotent.
    """
    s = "".join("?" if ord(c) < 0x20 else c for c in s)
    b = s.encode("utf-8", "surrogateescape")
    if len(b) <= REJECT_MAX:
        return s
    out = []
    n = 0
    for c in s:
        cl = len(c.encode("utf-8", "surrogateescape"))
        if n + cl > REJECT_MAX - 3:
            break
        out.append(c)
        n += cl
    return "".join(out) + "..."


_ADDR_RE = re.compile(r"<([^<>]*)>\s*$")


def bare_address(a):
    """'Joe <joe@example.org>' / '<joe@example.org>' -> 'joe@example.org'."""
    a = a.strip()
    m = _ADDR_RE.search(a)
    if m:
        return m.group(1).strip()
    return a


def is_default_vacation_handle(handle):
    """True for Pigeonhole's automatic :handle.

    Pigeonhole builds it from the *unexpanded* script strings:
    REASON + (SUBJECT | "<default-subject>") + (FROM | "<default-from>") +
    ("<MIME>" | "<NO-MIME>"); with variables in :subject it contains the
    literal "${...}", so it cannot be recomputed from the action.  Any handle
    ending in <MIME> / <NO-MIME> is treated as automatic.
    """
    return handle.endswith("<NO-MIME>") or handle.endswith("<MIME>")


def default_vacation_handle(reason, subject, from_, mime):
    """Pigeonhole's automatic :handle when no variables are involved."""
    return "%s%s%s%s" % (
        reason,
        subject if subject else "<default-subject>",
        from_ if from_ else "<default-from>",
        "<MIME>" if mime else "<NO-MIME>",
    )


def line_store(mailbox, flags=None, copy=False, extra=(), create=False):
    if mailbox == DEFAULT_MAILBOX:
        parts = ["keep"]
    else:
        parts = ["fileinto", q(sanitize_printed(mailbox))]
    cf = canon_flags(flags)
    if cf:
        parts.append("flags=" + q(cf))
    if copy:
        parts.append("copy")
    if create:
        parts.append("create")
    for e in extra:
        parts.append("extra=" + q(e))
    return " ".join(parts)


def line_redirect(address, copy=False):
    parts = ["redirect", q(bare_address(address))]
    if copy:
        parts.append("copy")
    return " ".join(parts)


def line_reject(kind, reason):
    return "%s %s" % (kind, q(sanitize_printed(reason)))


def line_vacation(seconds, subject, from_, handle, reason):
    parts = ["vacation", "seconds=%d" % int(seconds)]
    if subject:
        parts.append("subject=" + q(subject))
    if from_:
        parts.append("from=" + q(from_))
    if handle and not is_default_vacation_handle(handle):
        parts.append("handle=" + q(handle))
    parts.append("reason=" + q(reason))
    return " ".join(parts)


def line_notify(method, importance, from_, subject, to, cc, headers, body):
    parts = ["notify", q(method), "importance=%d" % int(importance)]
    if from_:
        parts.append("from=" + q(from_))
    if subject:
        parts.append("subject=" + q(subject))
    parts.append("to=" + q(", ".join(to)))
    if cc:
        parts.append("cc=" + q(", ".join(cc)))
    if headers:
        parts.append("headers=" + q("; ".join(headers)))
    if body:
        parts.append("body=" + q(body))
    return " ".join(parts)


def line_implicit_keep(yes, flags=None):
    if not yes:
        return "implicit_keep no"
    cf = canon_flags(flags)
    if cf:
        return "implicit_keep yes flags=" + q(cf)
    return "implicit_keep yes"
