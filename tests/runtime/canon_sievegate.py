#!/usr/bin/env python3
"""Convert sievegate's JSON result to the canonical result form.

Usage:
  canon_sievegate.py [FILE]     # FILE (default stdin) = output of
      sievegate run --script F --message M --from A --to B --format json

Expected JSON (see README.md):
  {"actions": [ {"action": "fileinto", "mailbox": "Spam", "copy": true,
                 "flags": ["\\\\Seen"]},
                {"action": "keep", "flags": []},
                {"action": "redirect", "address": "x@example.org", "copy": false},
                {"action": "reject", "reason": "..."}, {"action": "ereject", ...},
                {"action": "discard"},
                {"action": "vacation", "reason": "...", "subject": "...",
                 "from": "...", "addresses": [], "seconds": 604800,
                 "handle": "...", "mime": false},
                {"action": "notify", "method": "mailto:...", "from": "...",
                 "importance": 2, "options": [], "message": "..."} ],
   "implicit_keep": false, "implicit_keep_flags": [],
   "message_changed": false, "errors": []}

Mapping rules that make the output comparable with Pigeonhole (README.md):
  * fileinto "INBOX" is printed as keep (Pigeonhole cannot tell them apart);
  * flags: split on spaces, lower-cased, de-duplicated, sorted;
  * redirect addresses: display name / angle brackets stripped;
  * reject reasons and mailbox names: control chars -> '?', cut to 128
    bytes (Pigeonhole's str_sanitize as printed by sieve-test);
  * fileinto "create": true (mailbox :create) -> trailing "create";
  * vacation: addresses and mime are not part of the canonical form; the
    handle is omitted when empty/null or when it ends in <MIME>/<NO-MIME>
    (Pigeonhole's automatic handle);
  * notify mailto: recipients, cc, subject (:message wins over the URI's
    subject), extra headers and body are taken from the URI;
  * errors non-empty -> "error" + implicit_keep line; actions are dropped
    (Pigeonhole discards the whole result and falls back to implicit keep).
"""

import json
import os
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from canon_common import (  # noqa: E402
    line_implicit_keep, line_notify, line_redirect, line_reject, line_store,
    line_vacation, q,
)

# Header fields Pigeonhole's mailto notify method ignores in the URI
# (they are reserved or set by the notifier itself).
MAILTO_RESERVED = {
    "auto-submitted", "received", "message-id", "data", "bcc", "in-reply-to",
    "references", "resent-date", "resent-from", "resent-sender", "resent-to",
    "resent-cc", "resent-bcc", "resent-msg-id", "from", "sender",
}


def parse_mailto(uri):
    """-> (to list, cc list, subject or None, [extra headers], body or None)."""
    rest = uri[len("mailto:"):] if uri.lower().startswith("mailto:") else uri
    path, _, query = rest.partition("?")
    to = [unquote(a) for a in path.split(",") if a.strip()] if path else []
    cc, headers, subject, body = [], [], None, None
    if query:
        for item in query.split("&"):
            if not item:
                continue
            k, _, v = item.partition("=")
            k, v = unquote(k), unquote(v)
            kl = k.lower()
            if kl == "to":
                to.extend(a.strip() for a in v.split(",") if a.strip())
            elif kl == "cc":
                cc.extend(a.strip() for a in v.split(",") if a.strip())
            elif kl == "subject":
                subject = v
            elif kl == "body":
                body = v
            elif kl in MAILTO_RESERVED:
                continue
            else:
                headers.append("%s: %s" % (k, v))
    return to, cc, subject, headers, body


def canon_action(a):
    kind = a.get("action")
    if kind == "keep":
        return line_store("INBOX", a.get("flags"), False)
    if kind == "fileinto":
        return line_store(a.get("mailbox", ""), a.get("flags"), bool(a.get("copy")),
                          create=bool(a.get("create")))
    if kind == "redirect":
        return line_redirect(a.get("address", ""), bool(a.get("copy")))
    if kind in ("reject", "ereject"):
        return line_reject(kind, a.get("reason", ""))
    if kind == "discard":
        return "discard"
    if kind == "vacation":
        return line_vacation(a.get("seconds", 0), a.get("subject") or None,
                             a.get("from") or None, a.get("handle") or None,
                             a.get("reason", ""))
    if kind == "notify":
        method = a.get("method", "")
        scheme = method.split(":", 1)[0] + ":" if ":" in method else method
        to, cc, subj, headers, body = parse_mailto(method)
        if a.get("message"):
            subj = a["message"]
        imp = a.get("importance", 2)
        try:
            imp = int(imp)
        except (TypeError, ValueError):
            imp = 2
        return line_notify(scheme, imp, a.get("from") or None, subj, to, cc, headers, body)
    return "unknown " + q(json.dumps(a, sort_keys=True))


def canon(doc):
    errors = doc.get("errors") or []
    if errors:
        return ["error", line_implicit_keep(bool(doc.get("implicit_keep", True)))]
    lines = [canon_action(a) for a in doc.get("actions", [])]
    lines.append(line_implicit_keep(bool(doc.get("implicit_keep")),
                                    doc.get("implicit_keep_flags")))
    return lines


def main(argv):
    if len(argv) > 1 and argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    data = open(argv[1], "rb").read() if len(argv) > 1 else sys.stdin.buffer.read()
    doc = json.loads(data.decode("utf-8", "surrogateescape"))
    out = "\n".join(canon(doc)) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8", "surrogateescape"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
