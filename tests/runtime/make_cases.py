#!/usr/bin/env python3
"""Generate tests/runtime/cases/NNN-name/{script.sieve,message.eml,envelope}.

Usage: make_cases.py [--force]

Writes the inputs only; expected.txt / exec.txt come from Pigeonhole via
regenerate.sh.  Existing case directories are rewritten (inputs only) and
directories of cases that no longer exist are reported, not deleted.
Case numbers follow the order of CASES below; append new cases at the end
of a group or at the end of the list to keep numbers stable.

Messages are written with CRLF line ends unless the case asks for LF
(eol="\\n").  In message strings "\\udcXX" stands for the raw byte 0xXX
(surrogateescape), used for invalid 8-bit header bytes.
"""

import base64
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")

CASES = []


def case(name, script, message=None, env=None, purpose=None, eol="\r\n", script_eol="\n"):
    CASES.append(dict(name=name, script=script, message=message, env=env,
                      purpose=purpose, eol=eol, script_eol=script_eol))


# --------------------------------------------------------------- messages --

STD_HEADERS = [
    "Return-Path: <alice@example.com>",
    "Received: from mx1.example.com (mx1.example.com [192.0.2.1])\n"
    "\tby mx.example.net with ESMTPS id 4TqP1; Tue, 05 Mar 2024 14:30:05 +0100",
    "Received: from [198.51.100.7] (client.example.com [198.51.100.7])\n"
    "\tby mx1.example.com with ESMTPSA id 9XyZ2; Tue, 05 Mar 2024 14:30:02 +0100",
    'From: "Alice Example" <alice@example.com>',
    "To: Bob <bob@example.org>",
    "Subject: Quarterly report",
    "Date: Tue, 05 Mar 2024 14:30:00 +0100",
    "Message-ID: <20240305143000.1234@example.com>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
]
STD_BODY = "Hi Bob,\n\nplease find the quarterly numbers below.\n\nAlice\n"


def msg(*extra, drop=(), replace=None, body=STD_BODY, headers=None):
    """Standard message with extra headers appended (after Subject's block).

    drop: header names (case-insensitive) removed from the standard set;
    replace: {name: full header line} substitutions; headers: full custom
    header list instead of the standard one.
    """
    hs = list(STD_HEADERS if headers is None else headers)
    if drop:
        dl = {d.lower() for d in drop}
        hs = [h for h in hs if h.split(":", 1)[0].lower() not in dl]
    if replace:
        hs = [replace.get(h.split(":", 1)[0].strip().lower(), h) for h in hs]
    hs += list(extra)
    return "\n".join(hs) + "\n\n" + body


ENV = "from: alice@example.com\nto: bob@example.org\n"


def env(frm="alice@example.com", to="bob@example.org", orig=None):
    s = "from: %s\nto: %s\n" % (frm, to)
    if orig:
        s += "orig_to: %s\n" % orig
    return s


def yn(label, test, indent=""):
    """if TEST { fileinto "LABEL-yes"; } else { fileinto "LABEL-no"; }"""
    return ('%sif %s {\n%s  fileinto "%s-yes";\n%s} else {\n%s  fileinto "%s-no";\n%s}\n'
            % (indent, test, indent, label, indent, indent, label, indent))


def req(*exts):
    return "require [%s];\n" % ", ".join('"%s"' % e for e in exts)


B64_TEXT = base64.encodebytes("Gr\u00fc\u00dfe aus dem Anhang, secret-token-42.\r\nZweite Zeile.\r\n".encode()).decode()
B64_PDF = base64.encodebytes(b"%PDF-1.4\n% fake pdf for tests\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n").decode()

MULTIPART = msg(
    headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
        'Content-Type: multipart/mixed; boundary="outer-boundary"',
    ],
    body=(
        "This is a multi-part message in MIME format.\n"
        "\n"
        "--outer-boundary\n"
        'Content-Type: multipart/alternative; boundary="inner-boundary"\n'
        "\n"
        "--inner-boundary\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "Caf=C3=A9 invoice total=3D 100 EUR, soft line =\n"
        "break joined here.\n"
        "--inner-boundary\n"
        "Content-Type: text/html; charset=utf-8\n"
        "Content-Transfer-Encoding: 7bit\n"
        "\n"
        "<html><body><p>HTML <b>only</b> marker-html-7</p></body></html>\n"
        "--inner-boundary--\n"
        "\n"
        "--outer-boundary\n"
        "Content-Type: text/plain; charset=utf-8; name=\"notes.txt\"\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-Disposition: attachment; filename=\"notes.txt\"\n"
        "\n"
        + B64_TEXT +
        "--outer-boundary\n"
        "Content-Type: application/pdf; name=\"report.pdf\"\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-Disposition: attachment; filename=\"report.pdf\"\n"
        "\n"
        + B64_PDF +
        "--outer-boundary--\n"
        "Epilogue text.\n"
    ),
)

# ================================================================ cases ====

# ---- basics: implicit keep, keep, discard, stop, dedup --------------------
case("empty-script", "# nothing: implicit keep only\n", purpose="empty script -> implicit keep")
case("keep-explicit", "keep;\n")
case("discard", "discard;\n")
case("keep-keep-dedup", "keep;\nkeep;\n", purpose="identical keeps are merged")
case("fileinto-cancels-implicit", req("fileinto") + 'fileinto "Archive";\n')
case("fileinto-same-twice", req("fileinto") + 'fileinto "Archive";\nfileinto "Archive";\n')
case("fileinto-two-folders", req("fileinto") + 'fileinto "A";\nfileinto "B";\nfileinto "A";\n')
case("fileinto-inbox-and-keep", req("fileinto") + 'fileinto "INBOX";\nkeep;\n',
     purpose="fileinto INBOX is the same store action as keep")
case("fileinto-lowercase-inbox", req("fileinto") + 'fileinto "inbox";\nkeep;\n')
case("discard-then-keep", "discard;\nkeep;\n")
case("keep-then-discard", "keep;\ndiscard;\n")
case("discard-then-fileinto", req("fileinto") + 'discard;\nfileinto "Later";\n')
case("stop-early", req("fileinto") + 'stop;\nfileinto "Never";\n')
case("stop-after-fileinto", req("fileinto") + 'fileinto "First";\nstop;\nfileinto "Never";\n')
case("stop-in-if", req("fileinto") +
     'if header :contains "subject" "report" {\n  fileinto "Reports";\n  stop;\n}\nfileinto "Other";\n')
case("if-elsif-else", req("fileinto") +
     'if header :is "subject" "nope" {\n  fileinto "one";\n} elsif header :contains "subject" "QUARTERLY" {\n'
     '  fileinto "two";\n} elsif true {\n  fileinto "three";\n} else {\n  fileinto "four";\n}\n')
case("fileinto-copy-keeps-implicit", req("fileinto", "copy") + 'fileinto :copy "Archive";\n')
case("fileinto-copy-and-keep", req("fileinto", "copy") + 'fileinto :copy "Archive";\nkeep;\n')
case("fileinto-copy-then-plain-same", req("fileinto", "copy") + 'fileinto :copy "Archive";\nfileinto "Archive";\n',
     purpose="same folder with and without :copy")
case("fileinto-copy-inbox", req("fileinto", "copy") + 'fileinto :copy "INBOX";\n')
case("fileinto-utf8-folder", req("fileinto") + 'fileinto "Gesch\u00e4ftlich/\u00dcbersicht";\nfileinto "Caf\u00e9";\n')

# ---- redirect ------------------------------------------------------------------
case("redirect", 'redirect "carol@example.net";\n')
case("redirect-copy", req("copy") + 'redirect :copy "carol@example.net";\n')
case("redirect-dedup-display-name", 'redirect "Carol <carol@example.net>";\nredirect "carol@example.net";\n')
case("redirect-two-and-keep", 'redirect "carol@example.net";\nredirect "dave@example.net";\nkeep;\n')
case("redirect-limit-exceeded",
     "".join('redirect "r%d@example.net";\n' % i for i in range(1, 6)),
     purpose="5 redirects > sieve_max_redirects (4) -> runtime error")
case("redirect-copy-and-plain-same", req("copy") + 'redirect :copy "carol@example.net";\nredirect "carol@example.net";\n')
case("redirect-case-dedup", 'redirect "Carol@Example.NET";\nredirect "carol@example.net";\n',
     purpose="are redirect targets compared case-insensitively?")

# ---- reject / errors ---------------------------------------------------------
case("reject", req("reject") + 'reject "Message refused by policy.";\n')
case("reject-multiline", req("reject") + 'reject text:\nLine one of the reason.\nLine "two".\n.\n;\n')
case("reject-long-reason", req("reject") + 'reject "%s";\n' % ("0123456789" * 20),
     purpose="sieve-test truncates the printed reason to 128 bytes")
case("reject-then-fileinto", req("reject", "fileinto") + 'reject "no";\nfileinto "Spam";\n',
     purpose="reject conflicts with fileinto -> runtime error, implicit keep")
case("fileinto-then-reject", req("reject", "fileinto") + 'fileinto "Spam";\nreject "no";\n')
case("reject-then-keep", req("reject") + 'reject "no";\nkeep;\n')
case("reject-then-discard", req("reject") + 'reject "no";\ndiscard;\n')
case("reject-then-redirect", req("reject") + 'reject "no";\nredirect "carol@example.net";\n')
case("reject-with-copy-fileinto", req("reject", "fileinto", "copy") + 'reject "no";\nfileinto :copy "Spam";\n')
case("reject-twice", req("reject") + 'reject "first";\nreject "second";\n')
case("reject-and-vacation", req("reject", "vacation") + 'reject "no";\nvacation "away";\n')
case("error-command", req("ihave") + 'keep;\nerror "custom failure";\n',
     purpose="ihave's error command fails the script")
case("ihave-true-and-false", req("ihave", "fileinto") +
     'if ihave "fileinto" { fileinto "has-fileinto"; }\nif ihave "nonexistent-ext" { fileinto "has-bogus"; }\n')

# ---- header test: match types ----------------------------------------------------
case("header-is-casemap", req("fileinto") +
     yn("is-exact", 'header :is "Subject" "Quarterly report"') +
     yn("is-case", 'header :is "subject" "QUARTERLY REPORT"') +
     yn("is-partial", 'header :is "Subject" "Quarterly"'))
case("header-is-octet", req("fileinto") +
     yn("octet-case", 'header :is :comparator "i;octet" "Subject" "quarterly report"') +
     yn("octet-exact", 'header :is :comparator "i;octet" "Subject" "Quarterly report"'))
case("header-contains", req("fileinto") +
     yn("c1", 'header :contains "Subject" "terly rep"') +
     yn("c2", 'header :contains "Subject" "REPORT"') +
     yn("c3", 'header :contains :comparator "i;octet" "Subject" "REPORT"') +
     yn("c-empty", 'header :contains "Subject" ""') +
     yn("c-missing-hdr", 'header :contains "X-Missing" ""'))
case("header-matches-wildcards", req("fileinto") +
     yn("m-star", 'header :matches "Subject" "*report"') +
     yn("m-q", 'header :matches "Subject" "Quarterl? report"') +
     yn("m-q2", 'header :matches "Subject" "Quarterl?? report"') +
     yn("m-anchored", 'header :matches "Subject" "report"') +
     yn("m-mid", 'header :matches "Subject" "Q*r*t"') +
     yn("m-star-only", 'header :matches "Subject" "*"'))
case("header-matches-escapes", req("fileinto") +
     yn("lit-star", 'header :matches "Subject" "Win \\\\* now"') +
     yn("lit-star-nomatch", 'header :matches "Subject" "Win \\\\* no?"') +
     yn("lit-q", 'header :matches "Subject" "*really\\\\?"') +
     yn("plain-star", 'header :matches "Subject" "Win * now*"') +
     yn("backslash", 'header :matches "X-Path" "C:\\\\\\\\temp\\\\\\\\*"'),
     msg("X-Path: C:\\temp\\file.txt", replace={"subject": "Subject: Win * now, really?"}),
     purpose="\\\\* and \\\\? in :matches keys are literal; \\\\\\\\ is a literal backslash")
case("header-list-of-names-and-keys", req("fileinto") +
     yn("names", 'header :contains ["X-Nope", "Subject"] ["zzz", "report"]') +
     yn("none", 'header :contains ["X-Nope", "X-Nope2"] ["report"]'))
case("header-missing-and-not", req("fileinto") +
     yn("missing", 'header :is "X-Not-There" ""') +
     yn("not-missing", 'not header :is "X-Not-There" ""') +
     yn("exists-empty", 'header :is "X-Empty" ""'),
     msg("X-Empty:"))
case("header-whitespace-trim", req("fileinto") +
     yn("trim", 'header :is "Subject" "padded value"') +
     yn("inner", 'header :is "X-Inner" "a  b"') +
     yn("tab", 'header :is "X-Tab" "x\ty"'),
     msg("X-Inner: a  b", "X-Tab: \tx\ty\t", replace={"subject": "Subject:   padded value   "}))
case("header-folded", req("fileinto") +
     yn("unfolded", 'header :is "Subject" "A folded subject line here"') +
     yn("unfolded-tab", 'header :contains "X-Long" "part one part two"') +
     yn("keeps-ws", 'header :contains "X-Long" "one\tpart"'),
     msg("X-Long: part one\n\tpart two\n   part three", replace={"subject": "Subject: A folded\n subject line here"}),
     purpose="folded header lines are unfolded (CRLF removed, WSP kept)")
case("header-multiple-occurrences", req("fileinto") +
     yn("any-received", 'header :contains "Received" "client.example.com"') +
     yn("dup-subject-first", 'header :is "Subject" "Quarterly report"') +
     yn("dup-subject-second", 'header :is "Subject" "Second subject"'),
     msg("Subject: Second subject"))
case("header-name-case", req("fileinto") +
     yn("lower", 'header :is "x-mixed-case" "v"') + yn("upper", 'header :is "X-MIXED-CASE" "v"'),
     msg("x-MiXeD-cAsE: v"))
case("header-no-space-after-colon", req("fileinto") +
     yn("nospace", 'header :is "X-Tight" "value"') + yn("spaces-before-colon", 'header :is "X-Sp" "val"'),
     msg("X-Tight:value", "X-Sp : val"))

# ---- comparators --------------------------------------------------------------------
case("comparator-ascii-numeric", req("fileinto", "comparator-i;ascii-numeric") +
     yn("n007", 'header :is :comparator "i;ascii-numeric" "X-Num" "7"') +
     yn("n-trailing", 'header :is :comparator "i;ascii-numeric" "X-Num2" "12"') +
     yn("n-nondigit-inf", 'header :is :comparator "i;ascii-numeric" "X-Alpha" "999"') +
     yn("n-both-inf", 'header :is :comparator "i;ascii-numeric" "X-Alpha" "zzz"'),
     msg("X-Num: 007", "X-Num2: 12abc", "X-Alpha: abc"),
     purpose="ascii-numeric: leading digits only; no digits = positive infinity")
case("comparator-octet-vs-casemap-nonascii", req("fileinto") +
     yn("casemap-umlaut", 'header :is "X-Word" "\u00c4RGER"') +
     yn("casemap-ascii-part", 'header :is "X-Word" "\u00e4RGER"') +
     yn("octet", 'header :is :comparator "i;octet" "X-Word" "\u00e4rger"'),
     msg("X-Word: \u00e4rger"),
     purpose="i;ascii-casemap folds ASCII letters only")

# ---- relational ------------------------------------------------------------------------
case("relational-value-numeric", req("fileinto", "relational", "comparator-i;ascii-numeric") +
     yn("gt", 'header :value "gt" :comparator "i;ascii-numeric" "X-Score" "10"') +
     yn("lt", 'header :value "lt" :comparator "i;ascii-numeric" "X-Score" "10"') +
     yn("ge-eq", 'header :value "ge" :comparator "i;ascii-numeric" "X-Score" "25"') +
     yn("ne", 'header :value "ne" :comparator "i;ascii-numeric" "X-Score" "25"') +
     yn("string-lt", 'header :value "lt" "X-Score" "3"'),
     msg("X-Score: 25"),
     purpose='"25" < "3" as strings, > 10 numerically')
case("relational-count-headers", req("fileinto", "relational", "comparator-i;ascii-numeric") +
     yn("received-eq-2", 'header :count "eq" :comparator "i;ascii-numeric" "Received" "2"') +
     yn("missing-eq-0", 'header :count "eq" :comparator "i;ascii-numeric" "X-None" "0"') +
     yn("two-names-eq-3", 'header :count "eq" :comparator "i;ascii-numeric" ["Received", "Subject"] "3"') +
     yn("count-casemap", 'header :count "eq" "Received" "2"'))
case("relational-count-addresses", req("fileinto", "relational", "comparator-i;ascii-numeric") +
     yn("to-eq-3", 'address :count "eq" :comparator "i;ascii-numeric" "To" "3"') +
     yn("to-cc-ge-4", 'address :count "ge" :comparator "i;ascii-numeric" ["To", "Cc"] "4"') +
     yn("cc-eq-1", 'address :count "eq" :comparator "i;ascii-numeric" "Cc" "1"'),
     msg("Cc: dave@example.net", replace={"to": "To: bob@example.org, Carol <carol@example.net>,\n eve@example.com"}))
case("relational-value-list-any", req("fileinto", "relational", "comparator-i;ascii-numeric") +
     yn("any-gt", 'header :value "gt" :comparator "i;ascii-numeric" "X-N" ["100", "3"]') +
     yn("none-gt", 'header :value "gt" :comparator "i;ascii-numeric" "X-N" ["100", "50"]'),
     msg("X-N: 5", "X-N: 40"))
case("relational-count-empty-values", req("fileinto", "relational", "comparator-i;ascii-numeric") +
     yn("count-with-empty", 'header :count "eq" :comparator "i;ascii-numeric" "X-E" "2"') +
     yn("count-3", 'header :count "eq" :comparator "i;ascii-numeric" "X-E" "3"'),
     msg("X-E:", "X-E: a", "X-E: b"),
     purpose="does :count count empty header values?")

# ---- address test -----------------------------------------------------------------------
case("address-parts", req("fileinto") +
     yn("all", 'address :is :all "From" "alice@example.com"') +
     yn("default-all", 'address :is "From" "ALICE@EXAMPLE.COM"') +
     yn("localpart", 'address :is :localpart "From" "alice"') +
     yn("domain", 'address :is :domain "From" "Example.Com"') +
     yn("display-name-not-matched", 'address :contains "From" "Alice Example"'))
case("address-display-name-comments", req("fileinto") +
     yn("quoted-comma", 'address :is "From" "john.doe@example.com"') +
     yn("comment", 'address :is "Sender" "list-owner@lists.example.com"') +
     yn("comment-dom", 'address :is :domain "Reply-To" "example.com"'),
     msg("Sender: list-owner@lists.example.com (The List Owner)",
         "Reply-To: (comment) help (more) @ (x) example.com",
         replace={"from": 'From: "Doe, John (Sales)" <john.doe@example.com>'}))
case("address-quoted-localpart", req("fileinto", "variables") +
     'if address :matches :localpart "From" "*" { fileinto "lp=${1}"; }\n' +
     'if address :matches :all "From" "*" { fileinto "all=${1}"; }\n' +
     yn("is-quoted", 'address :is :localpart "From" "john doe"'),
     msg(replace={"from": 'From: "john doe"@example.com'}),
     purpose="quoted local part: with or without quotes?")
case("address-group-syntax", req("fileinto", "relational", "comparator-i;ascii-numeric", "variables") +
     yn("member", 'address :is "To" "carol@example.net"') +
     yn("count-3", 'address :count "eq" :comparator "i;ascii-numeric" "To" "3"') +
     yn("undisclosed", 'address :count "eq" :comparator "i;ascii-numeric" "Cc" "0"') +
     yn("group-name", 'address :contains "To" "Friends"') +
     yn("undisclosed-count-1", 'address :count "eq" :comparator "i;ascii-numeric" "Cc" "1"') +
     'if address :matches :all "Cc" "*" { fileinto "cc-all=${1}"; }\n',
     msg("Cc: undisclosed-recipients:;",
         replace={"to": "To: Friends: carol@example.net, Dave <dave@example.net>;, bob@example.org"}))
case("address-multiple", req("fileinto") +
     yn("second", 'address :is "To" "carol@example.net"') +
     yn("domain-any", 'address :is :domain "To" "example.com"') +
     yn("to-and-cc", 'address :is ["To", "Cc"] "dave@example.net"'),
     msg("Cc: Dave <dave@example.net>", replace={"to": "To: bob@example.org, Carol <carol@example.net>, eve@example.com"}))
case("address-missing-domain", req("fileinto", "variables") +
     'if address :matches :all "To" "*" { fileinto "all=${1}"; }\n' +
     'if address :matches :localpart "To" "*" { fileinto "lp=${1}"; }\n' +
     'if address :matches :domain "To" "*" { fileinto "dom=${1}"; }\n' +
     yn("is-bare", 'address :is "To" "bob"'),
     msg(replace={"to": "To: bob"}))
case("address-invalid-header", req("fileinto", "variables") +
     'if address :matches :all "To" "*" { fileinto "all=${1}"; }\n' +
     yn("contains-garbage", 'address :contains "To" "garbage"') +
     yn("header-contains", 'header :contains "To" "garbage"'),
     msg(replace={"to": "To: <<garbage>> ,, @@"}),
     purpose="unparsable address header")
case("address-subaddress", req("fileinto", "subaddress") +
     yn("user", 'address :is :user "To" "bob"') +
     yn("detail", 'address :is :detail "To" "lists"') +
     yn("localpart", 'address :is :localpart "To" "bob+lists"') +
     yn("detail-cc-none", 'address :is :detail "Cc" ""') +
     yn("detail-empty", 'address :is :detail "Bcc" ""') +
     yn("detail-matches-star-nodetail", 'address :matches :detail "Cc" "*"'),
     msg("Cc: carol@example.net", "Bcc: dave+@example.net", replace={"to": "To: bob+lists@example.org"}),
     purpose="no separator -> :detail fails; 'dave+' -> empty detail")
case("address-subaddress-multiple-plus", req("fileinto", "subaddress", "variables") +
     'if address :matches :user "To" "*" { fileinto "user=${1}"; }\n' +
     'if address :matches :detail "To" "*" { fileinto "detail=${1}"; }\n',
     msg(replace={"to": "To: bob+one+two@example.org"}))
case("address-matches-domain-wildcard", req("fileinto") +
     yn("sub", 'address :matches :domain "From" "*.example.com"') +
     yn("all", 'address :matches "From" "*@*.example.com"') +
     yn("root", 'address :matches :domain "From" "example.com"'),
     msg(replace={"from": "From: news@mail.example.com"}))
case("address-encoded-display-name", req("fileinto") +
     yn("addr", 'address :is "From" "joerg@example.de"') +
     yn("hdr-decoded", 'header :contains "From" "J\u00f6rg"') +
     yn("hdr-raw", 'header :contains "From" "=?ISO-8859-1?Q?"'),
     msg(replace={"from": "From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>"}))
case("address-missing-header", req("fileinto") +
     yn("cc", 'address :contains "Cc" ""') + yn("not-cc", 'not address :contains "Cc" ""'))
case("address-angle-only-and-route", req("fileinto", "variables") +
     'if address :matches "Resent-From" "*" { fileinto "rf=${1}"; }\n' +
     'if address :matches "Sender" "*" { fileinto "s=${1}"; }\n',
     msg("Resent-From: <resender@example.net>", "Sender: <@route.example:real@example.net>"))
case("address-comparator-octet", req("fileinto") +
     yn("octet-upper", 'address :is :comparator "i;octet" :domain "From" "EXAMPLE.COM"') +
     yn("octet-lower", 'address :is :comparator "i;octet" :domain "From" "example.com"'),
     msg(replace={"from": "From: Alice <Alice@EXAMPLE.COM>"}))
case("address-idn-utf8", req("fileinto", "variables") +
     'if address :matches :domain "From" "*" { fileinto "dom=${1}"; }\n' +
     yn("utf8-local", 'address :is :localpart "From" "j\u00fcrgen"'),
     msg(replace={"from": "From: J\u00fcrgen <j\u00fcrgen@b\u00fccher.example>"}))

# ---- envelope ----------------------------------------------------------------------------
case("envelope-parts", req("fileinto", "envelope") +
     yn("from-is", 'envelope :is "from" "bounce@lists.example.com"') +
     yn("from-domain", 'envelope :is :domain "from" "LISTS.example.com"') +
     yn("from-localpart", 'envelope :is :localpart "from" "bounce"') +
     yn("to-is", 'envelope :is "to" "bob@example.org"') +
     yn("to-header-differs", 'address :is "From" "bounce@lists.example.com"'),
     env=env(frm="bounce@lists.example.com"))
case("envelope-subaddress", req("fileinto", "envelope", "subaddress", "variables") +
     'if envelope :matches :detail "to" "*" { fileinto "detail=${1}"; }\n' +
     'if envelope :matches :user "to" "*" { fileinto "user=${1}"; }\n',
     env=env(to="bob+Shopping@example.org"))
case("envelope-orig-vs-final", req("fileinto", "envelope", "variables") +
     'if envelope :matches "to" "*" { fileinto "to=${1}"; }\n',
     env=env(to="bob@example.org", orig="alias@example.org"),
     purpose="sieve-test -a (original recipient) vs -r (final recipient): which one is envelope to?")
case("envelope-matches-count", req("fileinto", "envelope", "relational", "comparator-i;ascii-numeric") +
     yn("match", 'envelope :matches "from" "*@*.example.com"') +
     yn("count", 'envelope :count "eq" :comparator "i;ascii-numeric" "to" "1"'),
     env=env(frm="billing@sub.example.com"))
case("envelope-case-and-header-independence", req("fileinto", "envelope") +
     yn("upper", 'envelope :is "FROM" "ALICE@EXAMPLE.COM"') +
     yn("octet", 'envelope :is :comparator "i;octet" "from" "Alice@Example.com"'),
     env=env(frm="Alice@Example.com"))

# ---- exists / size / logic ------------------------------------------------------------------
case("exists", req("fileinto") +
     yn("one", 'exists "Subject"') + yn("all-two", 'exists ["Subject", "From"]') +
     yn("one-missing", 'exists ["Subject", "X-Missing"]') + yn("empty-value", 'exists "X-Empty"'),
     msg("X-Empty:"))
case("size-kilo", req("fileinto") +
     yn("over-1k", "size :over 1K") + yn("under-1k", "size :under 1K") +
     yn("over-100", "size :over 100") + yn("under-1M", "size :under 1M") + yn("over-1m-lc", "size :over 1m"))
case("size-boundary", req("fileinto") +
     yn("over-exact", "size :over 200") + yn("under-exact", "size :under 200") +
     yn("over-minus1", "size :over 199") + yn("under-plus1", "size :under 201"),
     msg(headers=["Subject: s"], body="x" * 184 + "\n"),
     purpose="message is exactly 200 bytes with CRLF: neither :over 200 nor :under 200")
case("size-large", req("fileinto") + yn("over-100k", "size :over 100K") + yn("under-1M", "size :under 1M"),
     msg(body=("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 2 + "\n") * 1000))
case("allof-anyof-not", req("fileinto") +
     yn("allof-tt", 'allof(true, header :contains "Subject" "report")') +
     yn("allof-tf", "allof(true, false)") + yn("anyof-ft", "anyof(false, true)") +
     yn("anyof-ff", "anyof(false, false)") + yn("not-anyof", "not anyof(false, false)") +
     yn("nested", 'allof(anyof(false, exists "From"), not allof(true, false))'))
case("anyof-match-vars-from-first-true", req("fileinto", "variables") +
     'if anyof(header :matches "X-None" "*", header :matches "Subject" "Quarterly *", header :matches "From" "*") {\n'
     '  fileinto "got=${1}";\n}\n',
     purpose="match variables come from the test that succeeded")
case("match-vars-failed-test-keeps-old", req("fileinto", "variables") +
     'if header :matches "Subject" "* report" { fileinto "first=${1}"; }\n'
     'if header :matches "Subject" "nomatch*" { fileinto "never"; }\n'
     'fileinto "after=${1}";\n',
     purpose="a failing :matches test does not reset ${1}")

# ---- imap4flags ----------------------------------------------------------------------------
case("flags-setflag-keep", req("imap4flags") + 'setflag "\\\\Seen";\nkeep;\n')
case("flags-addflag-implicit", req("imap4flags") + 'addflag ["\\\\Flagged", "$Important"];\n')
case("flags-removeflag", req("imap4flags") + 'setflag ["\\\\Seen", "\\\\Flagged", "Junk"];\nremoveflag "\\\\flagged";\nremoveflag "junk";\n')
case("flags-fileinto-flags-override", req("imap4flags", "fileinto") +
     'setflag "\\\\Seen";\nfileinto :flags "\\\\Answered" "A";\nfileinto "B";\nkeep :flags "";\n',
     purpose=":flags replaces the internal variable for that action only")
case("flags-hasflag", req("imap4flags", "fileinto") +
     'setflag ["\\\\Seen", "Work"];\n' +
     yn("has-seen", 'hasflag "\\\\seen"') + yn("has-work-any", 'hasflag ["nope", "WORK"]') +
     yn("has-draft", 'hasflag "\\\\Draft"') +
     yn("contains", 'hasflag :contains "Wor"') + 'removeflag "\\\\Seen";\n')
case("flags-variable-form", req("imap4flags", "variables", "fileinto") +
     'set "myflags" "";\naddflag "myflags" "\\\\Seen";\naddflag "myflags" ["Urgent", "\\\\Seen"];\n'
     'fileinto :flags "${myflags}" "Custom";\nif hasflag "myflags" "urgent" { fileinto "var-has-urgent"; }\n'
     'fileinto "flags=${myflags}";\n',
     purpose="named flag variables do not touch the internal flag variable")
case("flags-space-separated-and-case", req("imap4flags") + 'setflag "\\\\Seen  $Label1 \\\\SEEN label1";\n')
case("flags-count", req("imap4flags", "relational", "comparator-i;ascii-numeric", "fileinto") +
     'setflag ["a", "b", "c"];\n' + yn("count-3", 'hasflag :count "eq" :comparator "i;ascii-numeric" "3"') +
     'removeflag ["a", "b", "c"];\n')
case("flags-fileinto-copy-implicit-flags", req("imap4flags", "fileinto", "copy") +
     'addflag "\\\\Seen";\nfileinto :copy "Archive";\nremoveflag "\\\\Seen";\naddflag "\\\\Flagged";\n',
     purpose="which flags does the implicit keep get: the final value")
case("flags-keep-then-change", req("imap4flags") +
     'addflag "\\\\Seen";\nkeep;\nremoveflag "\\\\Seen";\naddflag "\\\\Deleted";\n')
case("flags-discard-with-flags", req("imap4flags") + 'addflag "\\\\Seen";\ndiscard;\n')

# ---- variables ----------------------------------------------------------------------------------
case("vars-set-modifiers", req("variables", "fileinto") +
     'set "v" "hELLo WoRLD";\n'
     'set :lower "a" "${v}";\nfileinto "lower=${a}";\n'
     'set :upper "a" "${v}";\nfileinto "upper=${a}";\n'
     'set :lowerfirst "a" "${v}";\nfileinto "lowerfirst=${a}";\n'
     'set :upperfirst "a" "${v}";\nfileinto "upperfirst=${a}";\n'
     'set :upperfirst :lower "a" "${v}";\nfileinto "upperfirst-lower=${a}";\n'
     'set :length "a" "${v}";\nfileinto "length=${a}";\n'
     'set :length :upper "a" "abc";\nfileinto "length-upper=${a}";\n')
case("vars-quotewildcard", req("variables", "fileinto") +
     'set "raw" "a*b?c\\\\d";\nset :quotewildcard "q" "${raw}";\nfileinto "q=${q}";\n' +
     yn("qw-matches", 'header :matches "X-Pat" "${q}"') + yn("raw-matches", 'header :matches "X-Pat" "${raw}"'),
     msg("X-Pat: a*b?c\\d"))
case("vars-length-utf8", req("variables", "fileinto") +
     'set :length "n" "\u00e4\u00f6\u00fc\u20ac";\nfileinto "len=${n}";\nset :upper "u" "\u00e4bc";\nfileinto "up=${u}";\n',
     purpose=":length counts characters; :upper only ASCII?")
case("vars-encodeurl", req("variables", "enotify", "fileinto") +
     'set :encodeurl "e" "a b&c=d/\u00e9~";\nfileinto "enc=${e}";\n')
case("vars-match-variables", req("variables", "fileinto") +
     'if header :matches "Subject" "*ar*ly *" {\n  fileinto "0=${0}";\n  fileinto "1=${1}|2=${2}|3=${3}|4=${4}";\n}\n')
case("vars-match-question-marks", req("variables", "fileinto") +
     'if header :matches "Subject" "?uar*?" { fileinto "1=${1}|2=${2}|3=${3}"; }\n',
     purpose="each ? is its own match variable")
case("vars-match-greedy", req("variables", "fileinto") +
     'if header :matches "X-List" "*,*" { fileinto "1=${1}|2=${2}"; }\n',
     msg("X-List: a,b,c"), purpose="first * is non-greedy (shortest) in Pigeonhole?")
case("vars-string-test", req("variables", "fileinto") +
     'set "x" "Value";\n' +
     yn("is", 'string :is "${x}" "value"') + yn("octet", 'string :is :comparator "i;octet" "${x}" "value"') +
     yn("explicit-casemap", 'string :is :comparator "i;ascii-casemap" "${x}" "value"') +
     yn("literal-is", 'string :is "Value" "value"') +
     yn("empty", 'string :is "${undefined}" ""') + yn("contains-list", 'string :contains ["${x}", "zz"] "lu"') +
     yn("matches", 'string :matches "${x}" "V*e"'))
case("vars-string-count", req("variables", "fileinto", "relational", "comparator-i;ascii-numeric") +
     'set "e" "";\n' +
     yn("count-2", 'string :count "eq" :comparator "i;ascii-numeric" ["a", "${e}", "b"] "2"') +
     yn("count-3", 'string :count "eq" :comparator "i;ascii-numeric" ["a", "${e}", "b"] "3"'),
     purpose="RFC 5229: string :count ignores empty strings")
case("vars-in-action-args", req("variables", "fileinto", "reject") +
     'set "dom" "example.net";\nset "box" "Lists";\nfileinto "${box}/${dom}";\nredirect "archive@${dom}";\n')
case("vars-case-insensitive-names", req("variables", "fileinto") +
     'set "Foo" "one";\nset "FOO" "two";\nfileinto "${foo}-${fOo}";\n')
case("vars-unknown-and-syntax", req("variables", "fileinto") +
     'set "a" "A";\nfileinto "x${nope}y";\nfileinto "${a${a}}";\nfileinto "$${a}";\nfileinto "${ a }";\nfileinto "${a";\n',
     purpose="undefined -> empty; malformed references stay literal")
case("vars-numeric-leading-zero", req("variables", "fileinto") +
     'if header :matches "Subject" "* *" { fileinto "${01}-${001}-${2}"; }\n')
case("vars-header-from-matches", req("variables", "fileinto") +
     'if address :matches :domain "From" "*" { set "d" "${1}"; }\n'
     'if header :matches "Subject" "*" { set :lower "s" "${1}"; }\n'
     'fileinto "by-domain/${d}/${s}";\n')
case("vars-set-in-untaken-branch", req("variables", "fileinto") +
     'set "x" "init";\nif false { set "x" "changed"; }\nfileinto "x=${x}";\n')
case("vars-reject-reason", req("variables", "reject") +
     'if header :matches "Subject" "*" { reject "Your message \\"${1}\\" was refused"; }\n')
case("vars-header-test-key", req("variables", "fileinto") +
     'set "word" "quarterly";\n' + yn("var-key", 'header :contains "Subject" "${word}"') +
     'set "hdr" "subject";\n' + yn("var-name", 'header :contains "${hdr}" "report"'))
case("vars-max-match-var-9", req("variables", "fileinto") +
     'if header :matches "X-D" "*-*-*-*-*-*-*-*-*-*-*" { fileinto "9=${9}|10=${10}|11=${11}"; }\n',
     msg("X-D: a-b-c-d-e-f-g-h-i-j-k"), purpose="${10} and up exist in Pigeonhole")

# ---- RFC 2047 / 8-bit --------------------------------------------------------------------------------
case("rfc2047-subject-base64", req("fileinto") +
     yn("decoded", 'header :is "Subject" "Gr\u00fc\u00dfe aus K\u00f6ln"') + yn("raw", 'header :contains "Subject" "=?UTF-8?B?"'),
     msg(replace={"subject": "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?="}))
case("rfc2047-subject-q", req("fileinto") +
     yn("decoded", 'header :is "Subject" "Caf\u00e9 caf\u00e9 menu"'),
     msg(replace={"subject": "Subject: =?utf-8?q?Caf=C3=A9_caf=C3=A9?= menu"}))
case("rfc2047-adjacent-words", req("fileinto", "variables") +
     'if header :matches "Subject" "*" { fileinto "s=${1}"; }\n',
     msg(replace={"subject": "Subject: =?UTF-8?Q?one?= =?UTF-8?Q?two?=  plain =?UTF-8?Q?three?="}),
     purpose="whitespace between adjacent encoded words is dropped")
case("rfc2047-latin1-and-malformed", req("fileinto", "variables") +
     'if header :matches "X-Latin" "*" { fileinto "l=${1}"; }\n'
     'if header :matches "X-Bad" "*" { fileinto "b=${1}"; }\n'
     'if header :matches "X-Unknown-Cs" "*" { fileinto "u=${1}"; }\n',
     msg("X-Latin: =?ISO-8859-1?Q?Stra=DFe?=", "X-Bad: =?UTF-8?B?not base64!?= tail",
         "X-Unknown-Cs: =?x-unknown?Q?abc?="))
case("rfc2047-in-middle-of-word", req("fileinto", "variables") +
     'if header :matches "Subject" "*" { fileinto "s=${1}"; }\n',
     msg(replace={"subject": "Subject: pre=?UTF-8?Q?x?=post"}),
     purpose="encoded word not delimited by whitespace")
case("header-8bit-utf8", req("fileinto") +
     yn("utf8", 'header :contains "Subject" "\u00dcbersicht"'),
     msg(replace={"subject": "Subject: \u00dcbersicht f\u00fcr M\u00e4rz"}))
case("header-8bit-latin1-raw", req("fileinto", "variables") +
     yn("ascii-part", 'header :contains "Subject" "Stra"') +
     'if header :matches "Subject" "*" { set "s" "${1}"; }\nset :length "n" "${s}";\nfileinto "len=${n}";\n',
     msg(replace={"subject": "Subject: Stra\udcdfe caf\udce9"}),
     purpose="invalid UTF-8 bytes in a header")

# ---- body -----------------------------------------------------------------------------------------
case("body-contains-plain", req("fileinto", "body") +
     yn("text", 'body :contains "quarterly numbers"') + yn("case", 'body :contains "QUARTERLY"') +
     yn("header-not-body", 'body :contains "Subject"'))
case("body-matches-plain", req("fileinto", "body") +
     yn("whole", 'body :matches "*numbers below*"') + yn("anchored", 'body :matches "numbers*"'))
case("body-raw-multipart", req("fileinto", "body") +
     yn("raw-b64", 'body :raw :contains "%s"' % B64_TEXT.split("\n")[0][:20]) +
     yn("raw-decoded", 'body :raw :contains "secret-token-42"') +
     yn("raw-qp-encoded", 'body :raw :contains "Caf=C3=A9"') + yn("raw-boundary", 'body :raw :contains "--outer-boundary"'),
     MULTIPART)
case("body-text-multipart", req("fileinto", "body") +
     yn("qp-decoded", 'body :text :contains "Caf\u00e9 invoice"') +
     yn("qp-softbreak", 'body :text :contains "soft line break joined"') +
     yn("b64-attachment", 'body :text :contains "secret-token-42"') +
     yn("html", 'body :text :contains "marker-html-7"') + yn("html-tags", 'body :text :contains "<b>"') +
     yn("pdf", 'body :text :contains "fake pdf"'), MULTIPART)
case("body-content-types", req("fileinto", "body") +
     yn("text-plain", 'body :content "text/plain" :contains "secret-token-42"') +
     yn("text-major", 'body :content "text" :contains "marker-html-7"') +
     yn("html-only", 'body :content "text/html" :contains "Caf\u00e9"') +
     yn("html-tags", 'body :content "text/html" :contains "<b>only</b>"') +
     yn("pdf", 'body :content "application/pdf" :contains "fake pdf"') +
     yn("multipart", 'body :content "multipart" :contains "This is a multi-part"') +
     yn("empty-type", 'body :content "" :contains "Epilogue"'), MULTIPART)
case("body-content-default-type", req("fileinto", "body") +
     yn("plain", 'body :content "text/plain" :contains "numbers"') + yn("text", 'body :content "text" :contains "numbers"'),
     msg(drop=["Content-Type", "MIME-Version"]), purpose="no Content-Type = text/plain")
case("body-qp-singlepart", req("fileinto", "body") +
     yn("text", 'body :text :contains "na\u00efve d\u00e9j\u00e0 vu"') + yn("raw", 'body :raw :contains "na=C3=AFve"'),
     msg("Content-Transfer-Encoding: quoted-printable", body="This is na=C3=AFve d=C3=A9j=C3=A0 vu.=\n\nEnd.\n"))
case("body-base64-singlepart", req("fileinto", "body") +
     yn("text", 'body :text :contains "secret-token-42"') + yn("content", 'body :content "text" :contains "Zweite Zeile"'),
     msg("Content-Transfer-Encoding: base64", body=B64_TEXT))
case("body-latin1-charset", req("fileinto", "body") + yn("text", 'body :text :contains "M\u00fcnchen"'),
     msg("Content-Transfer-Encoding: 8bit", replace={"content-type": "Content-Type: text/plain; charset=iso-8859-1"},
         body="Gr\udcfc\udcdfe aus M\udcfcnchen.\n"), purpose="latin-1 body decoded to UTF-8")
case("body-empty", req("fileinto", "body") +
     yn("empty-contains", 'body :contains ""') + yn("empty-is", 'body :is ""') + yn("x", 'body :contains "x"'),
     msg(body=""))
case("body-html-only", req("fileinto", "body") +
     yn("text-word", 'body :text :contains "Hello there"') + yn("text-tag", 'body :text :contains "<p>"') +
     yn("raw-tag", 'body :raw :contains "<p>"'),
     msg(replace={"content-type": "Content-Type: text/html; charset=utf-8"},
         body="<html><head><title>T</title></head><body><p>Hello <i>there</i></p></body></html>\n"))
case("body-is-whole", req("fileinto", "body") +
     yn("is-exact", 'body :is "one line"') + yn("is-crlf", 'body :is text:\none line\n.\n') +
     yn("matches-star", 'body :matches "one line*"'),
     msg(body="one line\n"), purpose="does :is compare the whole body including final CRLF?")

# ---- date / currentdate ------------------------------------------------------------------------------
DATE_PARTS = ["year", "month", "day", "date", "julian", "hour", "minute", "second", "time",
              "iso8601", "std11", "zone", "weekday"]
case("date-all-parts", req("date", "variables", "fileinto") +
     "".join('if date :matches "date" "%s" "*" { fileinto "%s=${1}"; }\n' % (p, p) for p in DATE_PARTS))
case("date-zone-conversion", req("date", "variables", "fileinto") +
     'if date :zone "+0000" :matches "date" "iso8601" "*" { fileinto "utc=${1}"; }\n'
     'if date :zone "-0800" :matches "date" "date" "*" { fileinto "pst-date=${1}"; }\n'
     'if date :zone "-0800" :matches "date" "hour" "*" { fileinto "pst-hour=${1}"; }\n'
     'if date :originalzone :matches "date" "zone" "*" { fileinto "orig=${1}"; }\n'
     'if date :zone "+0530" :matches "date" "zone" "*" { fileinto "z=${1}"; }\n',
     msg(replace={"date": "Date: Sat, 31 Dec 2022 23:30:00 -0230"}))
case("date-relational", req("date", "relational", "fileinto") +
     yn("ge-2024", 'date :value "ge" "date" "date" "2024-01-01"') +
     yn("lt-2024-03-05", 'date :value "lt" "date" "date" "2024-03-05"') +
     yn("hour-ge-14", 'date :value "ge" "date" "hour" "14"') +
     yn("weekday-2", 'date :is "date" "weekday" "2"'))
case("date-named-zones", req("date", "variables", "fileinto") +
     'if date :zone "+0000" :matches "date" "time" "*" { fileinto "gmt=${1}"; }\n'
     'if date :zone "+0000" :matches "X-Date-EST" "time" "*" { fileinto "est=${1}"; }\n'
     'if date :zone "+0000" :matches "X-Date-UT" "time" "*" { fileinto "ut=${1}"; }\n'
     'if date :zone "+0000" :matches "X-Date-Z" "time" "*" { fileinto "mil-z=${1}"; }\n'
     'if date :originalzone :matches "X-Date-EST" "zone" "*" { fileinto "est-zone=${1}"; }\n',
     msg("X-Date-EST: Tue, 5 Mar 2024 08:30:00 EST", "X-Date-UT: Tue, 5 Mar 2024 13:30:00 UT",
         "X-Date-Z: Tue, 5 Mar 2024 13:30:00 Z", replace={"date": "Date: Tue, 05 Mar 2024 13:30:00 GMT"}))
case("date-two-digit-year-no-weekday", req("date", "variables", "fileinto") +
     'if date :originalzone :matches "date" "date" "*" { fileinto "d=${1}"; }\n'
     'if date :originalzone :matches "X-Old" "date" "*" { fileinto "old=${1}"; }\n'
     'if date :originalzone :matches "X-NoSec" "time" "*" { fileinto "nosec=${1}"; }\n',
     msg("X-Old: 5 Mar 99 10:00:00 +0000", "X-NoSec: Tue, 5 Mar 2024 10:07 +0000",
         replace={"date": "Date: 5 Mar 2024 14:30:00 +0100"}))
case("date-missing-header", req("date", "fileinto") +
     yn("is", 'date :is "date" "year" "2024"') + yn("not", 'not date :matches "date" "year" "*"'),
     msg(drop=["Date"]))
case("date-malformed", req("date", "fileinto", "variables") +
     yn("any", 'date :matches "date" "year" "*"') +
     'if header :matches "Date" "*" { fileinto "raw=${1}"; }\n',
     msg(replace={"date": "Date: sometime last tuesday"}))
case("date-received-header", req("date", "fileinto", "variables") +
     'if date :originalzone :matches "received" "iso8601" "*" { fileinto "rcvd=${1}"; }\n',
     purpose="date test on Received: uses the date after the last ';'")
case("date-index-last", req("date", "index", "fileinto", "variables") +
     'if date :index 1 :originalzone :matches "received" "time" "*" { fileinto "first=${1}"; }\n'
     'if date :index 1 :last :originalzone :matches "received" "time" "*" { fileinto "last=${1}"; }\n'
     'if date :index 2 :originalzone :matches "received" "time" "*" { fileinto "second=${1}"; }\n'
     'if date :index 3 :originalzone :matches "received" "time" "*" { fileinto "third=${1}"; }\n'
     'if date :index 2 :originalzone :matches "date" "date" "*" { fileinto "date2=${1}"; }\n'
     'if header :index 1 :last :matches "received" "*; *" { fileinto "hdr-last=${2}"; }\n',
     msg("Date: Wed, 06 Mar 2024 10:00:00 +0000"),
     purpose="Pigeonhole 0.5.19 appears to ignore :index/:last in the date test")
case("currentdate-stable", req("date", "relational", "comparator-i;ascii-numeric", "fileinto") +
     yn("after-2020", 'currentdate :value "ge" "year" "2020"') +
     yn("valid-month", 'currentdate :value "le" :comparator "i;ascii-numeric" "month" "12"') +
     yn("not-1999", 'not currentdate :is "year" "1999"'),
     purpose="currentdate tests whose result does not depend on the day")
case("date-zone-tag-and-iso-compare", req("date", "relational", "fileinto") +
     yn("iso-lt", 'date :zone "+0000" :value "lt" "date" "iso8601" "2024-03-05T14:00:00Z"') +
     yn("iso-ge", 'date :zone "+0000" :value "ge" "date" "iso8601" "2024-03-05T13:30:00+00:00"'),
     purpose="iso8601 format of converted times (Z or +00:00?)")

# ---- index ---------------------------------------------------------------------------------------
case("index-header", req("index", "fileinto", "variables") +
     'if header :index 1 :matches "Received" "from *" { fileinto "r1=${1}"; }\n'
     'if header :index 2 :matches "Received" "from *" { fileinto "r2=${1}"; }\n'
     'if header :index 1 :last :matches "Received" "from *" { fileinto "last=${1}"; }\n' +
     yn("index-3", 'header :index 3 :contains "Received" ""'))
case("index-address", req("index", "fileinto") +
     yn("first-to", 'address :index 1 :is "To" "bob@example.org"') +
     yn("second-to", 'address :index 2 :is "To" "carol@example.net"') +
     yn("last", 'address :index 1 :last :is "To" "carol@example.net"'),
     msg("To: carol@example.net"), purpose=":index counts header fields, not addresses")

# ---- editheader ----------------------------------------------------------------------------------
case("editheader-add-then-test", req("editheader", "fileinto") +
     'addheader "X-Policy" "checked";\n' + yn("seen", 'header :is "X-Policy" "checked"') +
     yn("exists", 'exists "X-Policy"'))
case("editheader-add-first-last-index", req("editheader", "index", "fileinto", "variables") +
     'addheader "X-Tag" "first-added";\naddheader :last "X-Tag" "last-added";\n'
     'if header :index 1 :matches "X-Tag" "*" { fileinto "i1=${1}"; }\n'
     'if header :index 1 :last :matches "X-Tag" "*" { fileinto "last=${1}"; }\n',
     msg("X-Tag: original"))
case("editheader-delete", req("editheader", "fileinto") +
     'deleteheader "X-Spam-Flag";\n' + yn("gone", 'exists "X-Spam-Flag"') + yn("other", 'exists "Subject"'),
     msg("X-Spam-Flag: YES", "X-Spam-Flag: maybe"))
case("editheader-delete-by-value", req("editheader", "fileinto", "relational", "comparator-i;ascii-numeric") +
     'deleteheader :matches "X-Label" "del*";\n' +
     yn("two-left", 'header :count "eq" :comparator "i;ascii-numeric" "X-Label" "2"'),
     msg("X-Label: keep1", "X-Label: delete-me", "X-Label: DELETE too", "X-Label: keep2"))
case("editheader-delete-index", req("editheader", "index", "fileinto", "variables") +
     'deleteheader :index 2 "X-Label";\ndeleteheader :index 1 :last "X-Label";\n'
     'if header :index 1 :matches "X-Label" "*" { fileinto "a=${1}"; }\n'
     'if header :index 2 :matches "X-Label" "*" { fileinto "b=${1}"; }\n'
     'if header :index 3 :matches "X-Label" "*" { fileinto "c=${1}"; }\n',
     msg("X-Label: one", "X-Label: two", "X-Label: three", "X-Label: four"))
case("editheader-delete-subject-then-test", req("editheader", "fileinto") +
     'deleteheader "subject";\n' + yn("subject", 'header :contains "Subject" ""') +
     'addheader "Subject" "Replaced";\n' + yn("replaced", 'header :is "Subject" "Replaced"'))
case("editheader-protected-received", req("editheader", "fileinto", "relational", "comparator-i;ascii-numeric") +
     'deleteheader "Received";\naddheader "Received" "fake";\n' +
     yn("still-2", 'header :count "eq" :comparator "i;ascii-numeric" "Received" "2"') +
     yn("now-3", 'header :count "eq" :comparator "i;ascii-numeric" "Received" "3"'),
     purpose="Received cannot be deleted; can it be added?")
case("editheader-utf8-value", req("editheader", "fileinto") +
     'addheader "X-Note" "Gepr\u00fcft \u2713";\n' + yn("decoded", 'header :is "X-Note" "Gepr\u00fcft \u2713"'),
     purpose="non-ASCII value is RFC 2047 encoded in the stored message (see exec.txt)")
case("editheader-add-then-redirect", req("editheader") +
     'addheader "X-Forwarded-By" "sievegate";\ndeleteheader "Return-Path";\nredirect "carol@example.net";\n',
     purpose="exec.txt shows the redirected message with the edited header")
case("editheader-add-keep-exec", req("editheader") +
     'addheader "X-Spam-Verdict" "clean";\ndeleteheader "Message-ID";\n',
     purpose="exec.txt shows the edited stored message")
case("editheader-size-test", req("editheader", "fileinto") +
     yn("before", "size :over 700") + 'addheader "X-Pad" "%s";\n' % ("p" * 300) + yn("after", "size :over 700"),
     purpose="does size see editheader changes?")
case("editheader-long-value-folded", req("editheader", "variables", "fileinto") +
     'addheader "X-Long" "%s";\nif header :matches "X-Long" "*" { set :length "n" "${1}"; fileinto "len=${n}"; }\n'
     % " ".join(["word%02d" % i for i in range(40)]))

# ---- mime / foreverypart / extracttext -------------------------------------------------------------
case("mime-header-type-subtype", req("mime", "fileinto", "variables") +
     yn("type", 'header :mime :type "Content-Type" "multipart"') +
     yn("subtype", 'header :mime :subtype "Content-Type" "mixed"') +
     yn("contenttype", 'header :mime :contenttype "Content-Type" "multipart/mixed"') +
     'if header :mime :param "boundary" :matches "Content-Type" "*" { fileinto "boundary=${1}"; }\n', MULTIPART)
case("mime-anychild", req("mime", "fileinto") +
     yn("pdf-child", 'header :mime :anychild :contenttype "Content-Type" "application/pdf"') +
     yn("toplevel-pdf", 'header :mime :contenttype "Content-Type" "application/pdf"') +
     yn("disposition", 'exists :mime :anychild "Content-Disposition"') +
     yn("filename", 'header :mime :anychild :param "filename" :matches "Content-Disposition" "*.pdf"'), MULTIPART)
case("foreverypart-break", req("foreverypart", "mime", "fileinto", "variables") +
     'set "n" "";\nforeverypart {\n  set "n" "${n}x";\n'
     '  if header :mime :contenttype "Content-Type" "application/pdf" {\n    fileinto "pdf-at-${n}";\n    break;\n  }\n}\n'
     'fileinto "visited-${n}";\n', MULTIPART,
     purpose="foreverypart visits parts depth-first; break leaves the loop")
case("foreverypart-types-list", req("foreverypart", "mime", "fileinto", "variables") +
     'set "seen" "";\nforeverypart {\n  if header :mime :contenttype :matches "Content-Type" "*" { set "seen" "${seen}[${1}]"; }\n}\n'
     'fileinto "${seen}";\n', MULTIPART)
case("foreverypart-named-nested", req("foreverypart", "mime", "fileinto", "variables") +
     'set "log" "";\nforeverypart :name "outer" {\n  if header :mime :subtype "Content-Type" "alternative" {\n'
     '    foreverypart {\n      if header :mime :subtype "Content-Type" "html" { set "log" "${log}H"; break :name "outer"; }\n'
     '      set "log" "${log}i";\n    }\n  }\n  set "log" "${log}o";\n}\nfileinto "log=${log}";\n', MULTIPART)
case("extracttext", req("foreverypart", "mime", "extracttext", "variables", "fileinto") +
     'foreverypart {\n  if header :mime :contenttype "Content-Type" "text/plain" {\n'
     '    extracttext :first 12 "t";\n    fileinto "t=${t}";\n  }\n}\n', MULTIPART)
case("mime-on-single-part", req("mime", "foreverypart", "fileinto", "variables") +
     yn("type-text", 'header :mime :type "Content-Type" "text"') +
     yn("charset", 'header :mime :param "charset" :is "Content-Type" "UTF-8"') +
     'set "c" "";\nforeverypart { set "c" "${c}p"; }\nfileinto "parts=${c}";\n')
case("mime-no-content-type", req("mime", "fileinto") +
     yn("default-text", 'header :mime :type "Content-Type" "text"') +
     yn("default-plain", 'header :mime :contenttype "Content-Type" "text/plain"'),
     msg(drop=["Content-Type", "MIME-Version"]), purpose="defaults when Content-Type is missing")

# ---- spamtest / virustest ---------------------------------------------------------------------------
case("spamtest-score", req("spamtest", "relational", "comparator-i;ascii-numeric", "fileinto", "variables") +
     'if spamtest :matches "*" { fileinto "spam=${1}"; }\n' +
     yn("ge5", 'spamtest :value "ge" :comparator "i;ascii-numeric" "5"'), msg("X-Spam-Score: 7.5"))
case("spamtest-percent", req("spamtestplus", "relational", "comparator-i;ascii-numeric", "fileinto", "variables") +
     'if spamtest :percent :matches "*" { fileinto "pct=${1}"; }\nif spamtest :matches "*" { fileinto "val=${1}"; }\n',
     msg("X-Spam-Score: 7.5"))
case("spamtest-missing", req("spamtestplus", "fileinto", "variables") +
     'if spamtest :matches "*" { fileinto "val=${1}"; }\nif spamtest :percent :matches "*" { fileinto "pct=${1}"; }\n')
case("spamtest-zero-and-negative", req("spamtest", "fileinto", "variables") +
     'if spamtest :matches "*" { fileinto "val=${1}"; }\n', msg("X-Spam-Score: -2.1"))
case("spamtest-over-max", req("spamtestplus", "fileinto", "variables") +
     'if spamtest :matches "*" { fileinto "val=${1}"; }\nif spamtest :percent :matches "*" { fileinto "pct=${1}"; }\n',
     msg("X-Spam-Score: 42"))
case("spamtest-garbage", req("spamtest", "fileinto", "variables") +
     'if spamtest :matches "*" { fileinto "val=${1}"; }\n', msg("X-Spam-Score: high"))
case("spamtest-zero-score", req("spamtest", "fileinto", "variables") +
     'if spamtest :matches "*" { fileinto "val=${1}"; }\n', msg("X-Spam-Score: 0"))
case("virustest-values", req("virustest", "relational", "comparator-i;ascii-numeric", "fileinto", "variables") +
     'if virustest :matches "*" { fileinto "virus=${1}"; }\n' +
     yn("infected", 'virustest :value "eq" :comparator "i;ascii-numeric" "5"'),
     msg("X-Virus-Scan: infected (Eicar-Test-Signature)"))
case("virustest-clean", req("virustest", "fileinto", "variables") +
     'if virustest :matches "*" { fileinto "virus=${1}"; }\n', msg("X-Virus-Scan: clean"))
case("virustest-missing-and-unknown", req("virustest", "fileinto", "variables") +
     'if virustest :matches "*" { fileinto "virus=${1}"; }\n', msg("X-Virus-Scan: weird-status"))

# ---- vacation ----------------------------------------------------------------------------------------
case("vacation-simple", req("vacation") + 'vacation "I am out of the office until Monday.";\n')
case("vacation-all-options", req("vacation") +
     'vacation :days 3 :subject "Out of office" :from "bob@example.org" :addresses ["bob@example.org", "robert@example.org"] :handle "ooo-2024" "Back on Monday.";\n')
case("vacation-not-addressed", req("vacation") + 'vacation "away";\n',
     msg(replace={"to": "To: some-list@lists.example.com"}),
     purpose="recipient not in To/Cc -> Pigeonhole discards the response at execution")
case("vacation-alt-address", req("vacation") + 'vacation :addresses ["robert@example.org"] "away";\n',
     msg(replace={"to": "To: Robert <robert@example.org>"}))
case("vacation-auto-submitted", req("vacation") + 'vacation "away";\n', msg("Auto-Submitted: auto-replied"))
case("vacation-auto-submitted-no", req("vacation") + 'vacation "away";\n', msg("Auto-Submitted: no"))
case("vacation-precedence-bulk", req("vacation") + 'vacation "away";\n', msg("Precedence: bulk"))
case("vacation-list-id", req("vacation") + 'vacation "away";\n', msg("List-Id: <announce.lists.example.com>"))
case("vacation-mailer-daemon", req("vacation") + 'vacation "away";\n', env=env(frm="MAILER-DAEMON@example.com"))
case("vacation-owner-sender", req("vacation") + 'vacation "away";\n', env=env(frm="owner-announce@lists.example.com"))
case("vacation-to-self", req("vacation") + 'vacation "away";\n', env=env(frm="bob@example.org"))
case("vacation-mime", req("vacation") +
     'vacation :mime :subject "OOO" text:\nContent-Type: text/plain; charset=utf-8\n\nAbwesend bis Montag \u2013 Gr\u00fc\u00dfe.\n.\n;\n')
case("vacation-seconds", req("vacation", "vacation-seconds") + 'vacation :seconds 3600 "away";\nkeep;\n',
     purpose=":seconds under sieve_vacation_min_period (1d) is raised")
case("vacation-days-0-and-large", req("vacation") + 'vacation :days 0 "away";\n')
case("vacation-with-discard", req("vacation") + 'vacation "away";\ndiscard;\n')
case("vacation-twice", req("vacation") + 'vacation "one";\nvacation "two";\n')
case("vacation-subject-variable", req("vacation", "variables") +
     'if header :matches "Subject" "*" { set "s" "${1}"; }\nvacation :subject "Re: ${s}" "away";\n')
case("vacation-default-subject-encoded", req("vacation") + 'vacation "away";\n',
     msg(replace={"subject": "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?="}),
     purpose="exec.txt shows the generated 'Auto: ' subject")
case("vacation-cc-addressed", req("vacation") + 'vacation "away";\n',
     msg("Cc: Bob <BOB@Example.ORG>", replace={"to": "To: team@example.org"}))
case("vacation-from-header-differs", req("vacation") + 'vacation "away";\n',
     msg("Reply-To: replies@example.com"), env=env(frm="bounces+123@mailer.example.com"),
     purpose="reply goes to envelope sender, not Reply-To")

# ---- enotify -------------------------------------------------------------------------------------
case("notify-mailto-basic", req("enotify") + 'notify "mailto:alerts@example.net";\n')
case("notify-options", req("enotify") +
     'notify :importance "1" :from "sieve@example.org" :message "Urgent: new mail" "mailto:alerts@example.net?subject=ignored";\n')
case("notify-uri-headers", req("enotify") +
     'notify "mailto:alerts@example.net?cc=ops@example.net&subject=Hello%20there&body=Line%201&X-Tag=abc";\n')
case("notify-variables-message", req("enotify", "variables") +
     'if header :matches "From" "*" { set "f" "${1}"; }\nnotify :message "Mail from ${f}" "mailto:alerts@example.net";\n')
case("notify-dedup-and-importance", req("enotify") +
     'notify "mailto:alerts@example.net";\nnotify "mailto:alerts@example.net";\nnotify :importance "3" "mailto:low@example.net";\n')
case("notify-method-tests", req("enotify", "fileinto") +
     yn("valid-mailto", 'valid_notify_method "mailto:x@example.net"') +
     yn("valid-xmpp", 'valid_notify_method "xmpp:x@example.net"') +
     yn("online", 'notify_method_capability "mailto:x@example.net" "online" "maybe"'))
case("notify-encodeurl", req("enotify", "variables") +
     'if header :matches "Subject" "*" { set :encodeurl "s" "${1}"; }\nnotify "mailto:alerts@example.net?subject=${s}";\n')
case("notify-and-discard", req("enotify") + 'notify "mailto:alerts@example.net";\ndiscard;\n')

# ---- environment -------------------------------------------------------------------------------------
case("environment-items", req("environment", "variables", "fileinto") +
     "".join('if environment :matches "%s" "*" { fileinto "%s=${1}"; }\n' % (i, i)
             for i in ["name", "version", "location", "phase"]) +
     yn("unknown-item", 'environment :matches "no-such-item" "*"'),
     purpose="host/domain/remote-* omitted: host-dependent or unset in sieve-test")
case("environment-vnd-dovecot", req("environment", "vnd.dovecot.environment", "variables", "fileinto") +
     yn("default-mailbox", 'environment :is "vnd.dovecot.default-mailbox" "INBOX"') +
     'if environment :matches "vnd.dovecot.default-mailbox" "*" { fileinto "dm=${1}"; }\n'
     'fileinto "env=${env.vnd.dovecot.default-mailbox}";\n')

# ---- regex ----------------------------------------------------------------------------------------
case("regex-groups", req("regex", "variables", "fileinto") +
     'if header :regex "Subject" "^(Quarterly) ([a-z]+)$" { fileinto "0=${0}|1=${1}|2=${2}"; }\n')
case("regex-case-and-anchors", req("regex", "fileinto") +
     yn("casemap", 'header :regex "Subject" "^quarterly"') +
     yn("octet", 'header :regex :comparator "i;octet" "Subject" "^quarterly"') +
     yn("unanchored", 'header :regex "Subject" "terly r"') +
     yn("alternation", 'header :regex "Subject" "^(monthly|quarterly) report$"') +
     yn("class", 'header :regex "Message-ID" "^<[0-9]{14}\\\\.[0-9]+@"'))
case("regex-address", req("regex", "variables", "fileinto") +
     'if address :regex :domain "From" "^([a-z]+)\\\\.(com|org)$" { fileinto "name=${1} tld=${2}"; }\n')
case("regex-optional-group-unset", req("regex", "variables", "fileinto") +
     'if header :regex "Subject" "^(x)?(Quarterly)" { fileinto "1=[${1}] 2=[${2}]"; }\n')
case("regex-key-list", req("regex", "variables", "fileinto") +
     'if header :regex "Subject" ["^nomatch(.*)", "^Q(uar)"] { fileinto "1=${1}"; }\n')

# ---- encoded-character ------------------------------------------------------------------------------
case("encoded-character", req("encoded-character", "fileinto") +
     'fileinto "${hex:48 65 6C 6C 6F}";\nfileinto "smile-${unicode:263A}";\n' +
     yn("key", 'header :contains "Subject" "${hex:51}uarterly"') + 'fileinto "bad-${hex:zz}";\n')
case("encoded-character-without-require", req("fileinto") + 'fileinto "${hex:41}";\n',
     purpose="without require the text stays literal")

# ---- duplicate / mailbox / misc extensions ----------------------------------------------------------
case("duplicate-first-seen", req("duplicate", "fileinto") + yn("dup", "duplicate") +
     yn("dup-header", 'duplicate :header "Subject"'),
     purpose="fresh store: nothing is a duplicate in a dry run")
case("mailbox-exists-and-create", req("mailbox", "fileinto") +
     yn("inbox", 'mailboxexists "INBOX"') + yn("nope", 'mailboxexists "Does-Not-Exist"') +
     'fileinto :create "Created";\n')
case("comparator-on-string-with-octet-empty", req("variables", "fileinto") +
     yn("octet-empty-contains", 'string :contains :comparator "i;octet" "" ""') +
     yn("matches-empty-key", 'string :matches "abc" ""') + yn("matches-empty-both", 'string :matches "" ""'))

# ---- odd messages ---------------------------------------------------------------------------------
case("msg-no-headers", req("fileinto", "body") +
     yn("has-from", 'exists "From"') + yn("body", 'body :contains "only a body"') +
     yn("addr", 'address :contains "From" ""'),
     "\nonly a body, no header section\n", env=env())
case("msg-empty", req("fileinto") + yn("subject", 'exists "Subject"') + yn("size-under-1", "size :under 1"),
     "", purpose="zero-byte message")
case("msg-no-blank-line", req("fileinto", "body") +
     yn("subject", 'header :is "Subject" "No separator"') + yn("body-empty", 'body :is ""') +
     yn("body-contains-empty", 'body :contains ""') + yn("body-raw-any", 'body :raw :matches "*"'),
     "From: alice@example.com\nTo: bob@example.org\nSubject: No separator\n")
case("msg-lf-only", req("fileinto") + yn("subject", 'header :is "Subject" "LF line ends"') +
     yn("size-over-76", "size :over 76") + yn("size-over-77", "size :over 77") + yn("size-over-81", "size :over 81"),
     "From: alice@example.com\nTo: bob@example.org\nSubject: LF line ends\n\nbody line\n", eol="\n",
     purpose="LF-only message of 77 bytes (82 with CRLF): does size count raw bytes?")
case("msg-header-without-colon", req("fileinto") +
     yn("subject", 'header :is "Subject" "after junk"') + yn("junk-as-body", 'exists "This line"'),
     "From: alice@example.com\nThis line has no colon\nSubject: after junk\n\nbody\n",
     purpose="a non-header line ends the header section?")
case("msg-8bit-header-name-and-value", req("fileinto", "variables") +
     'if header :matches "X-Raw" "*" { fileinto "raw=${1}"; }\n' + yn("nul-free", 'exists "X-After"'),
     msg("X-Raw: caf\udce9 \udcff\udcfe end", "X-After: yes"))
case("msg-very-long-header", req("fileinto", "variables") +
     'if header :matches "X-Long" "*" { set :length "n" "${1}"; fileinto "len=${n}"; }\n',
     msg("X-Long: " + "a" * 2000))
case("msg-folded-first-line-empty", req("fileinto", "variables") +
     'if header :matches "X-Folded" "*" { fileinto "v=[${1}]"; }\n',
     msg("X-Folded:\n   value on next line\n\tand more"))
case("msg-missing-from-to", req("fileinto", "envelope") +
     yn("from", 'exists "From"') + yn("env-from", 'envelope :is "from" "alice@example.com"'),
     msg(drop=["From", "To", "Return-Path"]))
case("msg-duplicate-date", req("fileinto", "date", "variables") +
     'if date :originalzone :matches "date" "date" "*" { fileinto "d=${1}"; }\n',
     msg("Date: Wed, 06 Mar 2024 10:00:00 +0000"), purpose="two Date headers: which one?")

# ---- policy-engine style combinations ---------------------------------------------------------------
case("policy-spam-folder-with-flags", req("fileinto", "imap4flags", "spamtest", "relational", "comparator-i;ascii-numeric") +
     'if spamtest :value "ge" :comparator "i;ascii-numeric" "6" {\n  addflag "$Junk";\n  fileinto "Junk";\n  stop;\n}\nkeep;\n',
     msg("X-Spam-Score: 9.1"))
case("policy-blocklist-reject", req("reject", "envelope") +
     'if envelope :domain :is "from" ["spam.example", "bad.example"] {\n  reject "550 sender domain blocked";\n}\n',
     env=env(frm="promo@bad.example"))
case("policy-allowlist-then-spam", req("fileinto", "envelope", "spamtest", "relational", "comparator-i;ascii-numeric") +
     'if envelope :domain :is "from" "example.com" { keep; stop; }\n'
     'if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { fileinto "Junk"; }\n',
     msg("X-Spam-Score: 8"))
case("policy-mailing-list-sort", req("fileinto", "variables") +
     'if header :matches "List-Id" "*<*.*>*" { fileinto "Lists/${2}"; }\n',
     msg("List-Id: Announcements <announce.lists.example.com>"))
case("policy-forward-and-keep-copy", req("copy", "fileinto") +
     'redirect :copy "archive@example.net";\nif header :contains "Subject" "report" { fileinto "Reports"; }\n')
case("policy-virus-discard", req("virustest", "relational", "comparator-i;ascii-numeric") +
     'if virustest :value "ge" :comparator "i;ascii-numeric" "4" { discard; stop; }\n',
     msg("X-Virus-Scan: infected"))
case("policy-tag-subject", req("editheader", "variables", "fileinto") +
     'if header :matches "Subject" "*" { set "s" "${1}"; }\ndeleteheader "Subject";\naddheader :last "Subject" "[EXTERNAL] ${s}";\n' +
     yn("tagged", 'header :is "Subject" "[EXTERNAL] Quarterly report"'))
case("policy-attachment-block", req("foreverypart", "mime", "reject", "fileinto") +
     'foreverypart {\n  if header :mime :param "filename" :matches "Content-Disposition" ["*.exe", "*.pdf"] {\n'
     '    fileinto "Quarantine";\n    break;\n  }\n}\n', MULTIPART)
case("policy-subaddress-folder", req("fileinto", "envelope", "subaddress", "variables") +
     'if envelope :matches :detail "to" "*" { if string :is "${1}" "" { keep; } else { set :lower "d" "${1}"; fileinto "plus/${d}"; } }\n',
     env=env(to="bob+NewsLetters@example.org"))
case("policy-redirect-then-discard-error", req("copy") +
     'redirect "a@example.net";\nredirect :copy "b@example.net";\ndiscard;\n')
case("policy-nested-tests-deep", req("fileinto") +
     yn("deep", 'allof(anyof(not false, false), not not true, allof(true, anyof(exists "Subject", false)))'))

# ---- late additions (keep appending here) ------------------------------------------------------------
case("address-all-headers-allowed", req("fileinto") +
     yn("resent-to", 'address :is "Resent-To" "x@example.net"') +
     yn("delivered-to", 'address :is "Delivered-To" "bob@example.org"') +
     yn("x-original-to", 'address :domain :is "X-Original-To" "example.org"'),
     msg("Resent-To: x@example.net", "Delivered-To: bob@example.org", "X-Original-To: bob@example.org"))
case("header-contains-backslash-key", req("fileinto") + yn("key-backslash", 'header :contains "X-BS" "a\\\\b"'),
     msg("X-BS: xa\\by"))
case("matches-multiple-stars-backtracking", req("fileinto", "variables") +
     'if header :matches "X-S" "*a*a*a" { fileinto "1=${1}|2=${2}|3=${3}"; }\n', msg("X-S: baaaab-a-a"))
case("keep-flags-tag", req("imap4flags") + 'keep :flags ["\\\\Answered", "Done"];\n')
case("fileinto-flags-empty-string", req("imap4flags", "fileinto") + 'addflag "\\\\Seen";\nfileinto :flags "" "NoFlags";\n')
case("redirect-with-flags-irrelevant", req("imap4flags") + 'addflag "\\\\Seen";\nredirect "carol@example.net";\n',
     purpose="flags do not appear on redirect; implicit keep cancelled")
case("implicit-keep-after-error-in-if", req("fileinto", "ihave") +
     'fileinto "Before";\nif true { error "stop here"; }\nfileinto "After";\n')
case("redirect-to-recipient", 'redirect "bob@example.org";\n',
     purpose="redirect back to the envelope recipient (loop?); see exec.txt")
case("vacation-from-display-name", req("vacation") +
     'vacation :from "Bob Example <bob@example.org>" :subject "Away: =?x?=" "away";\n')
case("script-crlf-line-ends", req("fileinto", "reject") +
     'if header :contains "Subject" "report" {\n  reject text:\nline 1\nline 2\n.\n;\n}\n',
     script_eol="\r\n", purpose="script with CRLF line ends; text: string keeps CRLF")
case("redirect-already-redirected", 'redirect "carol@example.net";\n',
     msg("X-Sieve-Redirected-From: bob@example.org"),
     purpose="message that Pigeonhole itself redirected before (loop check?)")
case("discard-and-redirect-copy", req("copy") + 'discard;\nredirect :copy "carol@example.net";\n')
case("fileinto-variable-empty-mailbox", req("fileinto", "variables") + 'fileinto "${nothing}";\n',
     purpose="mailbox name that expands to the empty string")
case("header-folding-whitespace", req("fileinto") +
     yn("tabtab-first-tab-to-space", 'header :is "X-A" "a \tb"') +
     yn("tabtab-both-kept", 'header :is "X-A" "a\t\tb"') +
     yn("spaces-kept", 'header :is "X-B" "a  b"') +
     yn("space-tab-kept", 'header :is "X-C" "a \tb"') +
     yn("inner-tab", 'header :is "X-D" "a\tb"') +
     yn("lead-tab-trimmed", 'header :is "X-E" "lead"') +
     yn("trail-ws-trimmed", 'header :is "X-F" "trail"'),
     msg("X-A: a\n\t\tb", "X-B: a\n  b", "X-C: a\n \tb", "X-D: a\tb", "X-E:\tlead", "X-F: trail \t"),
     purpose="unfolding: CRLF removed, a TAB starting the continuation line becomes a space")


# ================================================================ writer ====

def write_case(num, c):
    d = os.path.join(CASES_DIR, "%03d-%s" % (num, c["name"]))
    os.makedirs(d, exist_ok=True)
    script = c["script"]
    if c.get("purpose"):
        script = "# purpose: %s\n%s" % (c["purpose"], script)
    if c["script_eol"] != "\n":
        script = script.replace("\n", c["script_eol"])
    with open(os.path.join(d, "script.sieve"), "wb") as f:
        f.write(script.encode("utf-8"))
    m = c["message"] if c["message"] is not None else msg()
    m = m.replace("\r\n", "\n")
    if c["eol"] != "\n":
        m = m.replace("\n", c["eol"])
    with open(os.path.join(d, "message.eml"), "wb") as f:
        f.write(m.encode("utf-8", "surrogateescape"))
    with open(os.path.join(d, "envelope"), "w") as f:
        f.write(c["env"] or ENV)
    return os.path.basename(d)


def main():
    names = set()
    for c in CASES:
        if c["name"] in names:
            sys.exit("duplicate case name %s" % c["name"])
        names.add(c["name"])
    os.makedirs(CASES_DIR, exist_ok=True)
    written = {write_case(i + 1, c) for i, c in enumerate(CASES)}
    stale = sorted(set(os.listdir(CASES_DIR)) - written)
    for s in stale:
        print("stale case directory (not generated): %s" % s, file=sys.stderr)
    print("%d cases written to %s" % (len(written), CASES_DIR))


if __name__ == "__main__":
    main()
