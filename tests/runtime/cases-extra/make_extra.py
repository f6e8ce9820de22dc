#!/usr/bin/env python3
"""Generate tests/runtime/cases-extra/NNN-name/{script.sieve,message.eml,envelope}.

Independent tester's corpus (numbers 500+).  Same layout and conventions as
../make_cases.py; expected.txt / exec.txt come from Pigeonhole via
../regenerate.sh (called with the case directories as paths):

    python3 tests/runtime/cases-extra/make_extra.py
    tests/runtime/regenerate.sh -j 8 tests/runtime/cases-extra/5*/ tests/runtime/cases-extra/6*/ ...
    tests/runtime/agreement_test.sh build/sievegate tests/runtime/cases-extra/*/

Messages are written with CRLF line ends.  Strings in messages may use
"\\udcXX" for a raw byte 0xXX (surrogateescape).
"""

import base64
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST = 500
CASES = []


def case(name, script, message=None, env=None, purpose=None):
    CASES.append(dict(name=name, script=script, message=message, env=env, purpose=purpose))


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
    hs = list(STD_HEADERS if headers is None else headers)
    if drop:
        dl = {d.lower() for d in drop}
        hs = [h for h in hs if h.split(":", 1)[0].lower() not in dl]
    if replace:
        hs = [replace.get(h.split(":", 1)[0].strip().lower(), h) for h in hs]
    hs += list(extra)
    return "\n".join(hs) + "\n\n" + body


def hdrs(*lines, body="Hello.\n"):
    return "\n".join(lines) + "\n\n" + body


ENV = "from: alice@example.com\nto: bob@example.org\n"


def env(frm="alice@example.com", to="bob@example.org", orig=None):
    s = "from: %s\nto: %s\n" % (frm, to)
    if orig:
        s += "orig_to: %s\n" % orig
    return s


def yn(label, test, indent=""):
    return ('%sif %s {\n%s  fileinto "%s-yes";\n%s} else {\n%s  fileinto "%s-no";\n%s}\n'
            % (indent, test, indent, label, indent, indent, label, indent))


def req(*exts):
    return "require [%s];\n" % ", ".join('"%s"' % e for e in exts)


def b64(s, enc="utf-8"):
    data = s.encode(enc) if isinstance(s, str) else s
    return base64.encodebytes(data).decode()


# ====================================================== RFC 5228 examples ===

RFC5228_S9 = r'''#
# Example Sieve Filter
# Declare any optional features or extension used by the script
#
require ["fileinto"];

#
# Handle messages from known mailing lists
# Move messages from IETF filter discussion list to filter mailbox
#
if header :is "Sender" "owner-ietf-mta-filters@imc.org"
        {
        fileinto "filter";  # move to "filter" mailbox
        }
#
# Keep all messages to or from people in my company
#
elsif address :DOMAIN :is ["From", "To"] "example.com"
        {
        keep;               # keep in "In" mailbox
        }

#
# Try and catch unsolicited email.  If a message is not to me,
# or it contains a subject known to be spam, file it away.
#
elsif anyof (NOT address :all :contains
               ["To", "Cc", "Bcc"] "me@example.com",
             header :matches "subject"
               ["*make*money*fast*", "*university*dipl*mas*"])
        {
        fileinto "spam";   # move to "spam" mailbox
        }
else
        {
        # Move all other (non-company) mail to "personal"
        # mailbox.
        fileinto "personal";
        }
'''

case("rfc5228-s9-mailing-list", RFC5228_S9,
     hdrs("Sender: owner-ietf-mta-filters@imc.org", "From: Ned <ned@mrochek.example>",
          "To: ietf-mta-filters@imc.org", "Subject: Re: draft-ietf-sieve-3028bis"),
     env("owner-ietf-mta-filters@imc.org", "me@example.com"),
     purpose="RFC 5228 section 9 example: Sender of the IETF list -> filter")
case("rfc5228-s9-company", RFC5228_S9,
     hdrs("From: Colleague <colleague@EXAMPLE.COM>", "To: me@example.com", "Subject: make money fast"),
     env("colleague@example.com", "me@example.com"),
     purpose="RFC 5228 section 9: upper-case tag :DOMAIN, company domain (case-insensitive) -> keep")
case("rfc5228-s9-spam-subject", RFC5228_S9,
     hdrs("From: promo@biz.example.net", "To: Me <me@example.com>",
          "Subject: Learn to MAKE lots of Money really FAST!!!"),
     env("promo@biz.example.net", "me@example.com"),
     purpose="RFC 5228 section 9: subject matches *make*money*fast* case-insensitively -> spam")
case("rfc5228-s9-not-to-me", RFC5228_S9,
     hdrs("From: friend@other.example.net", "To: someone@other.example.net",
          "Bcc: hidden@other.example.net", "Subject: Lunch?"),
     env("friend@other.example.net", "me@example.com"),
     purpose="RFC 5228 section 9: not addressed to me -> spam")
case("rfc5228-s9-personal", RFC5228_S9,
     hdrs("From: friend@other.example.net", "To: someone@other.example.net",
          "Cc: \"Me, Myself\" <me@example.com>", "Subject: Lunch?"),
     env("friend@other.example.net", "me@example.com"),
     purpose="RFC 5228 section 9: Cc me (display name with comma) -> personal")

case("rfc5228-s3-if-elsif-else", r'''require "fileinto";
if header :contains "from" "coyote" {
    discard;
} elsif header :contains ["subject"] ["$$$"] {
    discard;
} else {
    fileinto "INBOX";
}
if header :contains "subject" "$$$" { fileinto "dollar-seen"; }
''', msg(replace={"subject": "Subject: Get $$$ now"}),
     purpose="RFC 5228 3.2 example; discard together with a later fileinto")

case("rfc5228-s3-else-fileinto-inbox", r'''require "fileinto";
if header :contains "from" "coyote" {
    discard;
} elsif header :contains ["subject"] ["$$$"] {
    discard;
} else {
    fileinto "INBOX";
}
''', purpose="RFC 5228 3.2 example taking the else branch: fileinto INBOX == keep")

case("rfc5228-s4-actions", r'''require "fileinto";
if header :contains ["from"] "coyote" {
    fileinto "INBOX.harassment";
}
if header :contains ["from"] ["idiot@example.com"] {
    discard;
}
if address :is :all "from" "tim@example.com" {
    redirect "bart@example.com";
}
''', hdrs("From: Wile E. Coyote <coyote@desert.example.org>, Tim <TIM@Example.COM>",
          "To: roadrunner@acme.example.com", "Subject: beep beep"),
     purpose="RFC 5228 4.1/4.2/5.1 examples; From with two addresses, case-insensitive :is")

case("rfc5228-s5-tests", req("fileinto", "envelope") +
     yn("env-from-tim", 'envelope :all :is "from" "tim@example.com"') +
     yn("exists-from-date", 'exists ["From","Date"]') +
     yn("exists-from-nope", 'exists ["From","X-Nope"]') +
     yn("size-over-500K", 'size :over 500K') +
     yn("size-under-1k", 'size :under 1k') +
     yn("allof-cheney", 'allof (header :contains "From" "Cheney", header :contains "Subject" "Fishing")') +
     yn("anyof-cheney", 'anyof (header :contains "From" "Cheney", header :contains "Subject" "Fishing")') +
     yn("not-exists", 'not exists "X-Nope"') +
     yn("true", 'true') + yn("false", 'false'),
     hdrs("From: Dick Cheney <dick@example.gov>", "To: tim@example.com",
          "Subject: Gone hunting", "Date: Wed, 01 Feb 2006 10:00:00 -0500"),
     env("Tim@example.com", "tim@example.com"),
     purpose="RFC 5228 section 5 test examples (envelope case, exists lists, size suffixes)")

case("rfc5228-s2-text-strings", req("reject") + '''if header :contains "subject" "report" {
reject text:   # a comment after text: is allowed
..this line started with two dots
.. 
.not the end
  indented line
#not a comment
.
;
}
''', purpose="RFC 5228 2.4.2: text: with hash comment, dot-stuffing, '#' inside multi-line string")

case("rfc5228-s2-string-escapes", req("fileinto", "variables", "encoded-character") + r'''set "a" "x\y\"z\\w";
fileinto "a=${a}";
set "b" "tab	inside";
if string :is "${b}" "tab	inside" { fileinto "tab-kept"; }
if string :is "\q\u\o\t\e" "quote" { fileinto "undefined-escapes-dropped"; }
set "c" "line1
line2";
if string :is "${c}" "line1${hex:0d 0a}line2" { fileinto "quoted-multiline-crlf"; }
if string :is "${c}" "line1${hex:0a}line2" { fileinto "quoted-multiline-lf"; }
''',
     purpose="RFC 5228 2.4.2 quoted-string escapes; quoted strings spanning lines")

case("rfc5228-size-boundaries", req("fileinto") +
     yn("over-0", 'size :over 0') +
     yn("under-0", 'size :under 0') +
     yn("over-1K", 'size :over 1K') +
     yn("under-2K", 'size :under 2K') +
     yn("under-1M", 'size :under 1M') +
     yn("over-1G", 'size :over 1G') +
     yn("not-over-1k", 'not size :over 1k'),
     msg(body="x" * 700 + "\n" + "y" * 300 + "\n"),
     purpose="size with K/M/G suffixes on a ~1.4 KB message")

case("rfc5228-implicit-keep-redirect-keep", r'''redirect "archive@example.net";
keep;
redirect "ARCHIVE@Example.NET";
''', purpose="redirect, keep, redirect with domain case variation (dedup) -> order of result")

case("rfc5228-comparator-examples", req("fileinto") +
     yn("octet-contains-upper", 'header :comparator "i;octet" :contains "Subject" "MAKE MONEY FAST"') +
     yn("casemap-contains-upper", 'header :comparator "i;ascii-casemap" :contains "Subject" "MAKE MONEY FAST"') +
     yn("default-contains-upper", 'header :contains "Subject" "MAKE MONEY FAST"') +
     yn("matches-q-star", 'header :matches "Subject" "?*"') +
     yn("matches-inner", 'header :matches "Subject" "make*fast"') +
     yn("empty-is-empty", 'header :is "X-Empty" ""') +
     yn("empty-matches-star", 'header :matches "X-Empty" "*"') +
     yn("empty-contains-empty", 'header :contains "X-Empty" ""') +
     yn("missing-contains-empty", 'header :contains "X-Missing" ""') +
     yn("literal-star", 'header :matches "X-Literal" "a\\\\*b"') +
     yn("literal-star-vs-x", 'header :matches "X-Literal2" "a\\\\*b"'),
     msg("X-Empty:", "X-Literal: a*b", "X-Literal2: axb", replace={"subject": "Subject: make money fast"}),
     purpose="RFC 5228 2.7: comparators, ?*, empty header values, escaped wildcard")

# =================================================== RFC 5229 variables ===

case("rfc5229-honorific-text", req("variables", "vacation") + r'''set "honorific"  "Mr";
set "first_name" "Wile";
set "last_name"  "Coyote";
set "vacation" text:
Dear ${HONORIFIC} ${last_name},
I'm out, please leave a message after the meep.
.
;
vacation :subject "Re: ${first_name}" "${vacation}";
''', hdrs("From: roadrunner@acme.example.com", "To: bob@example.org", "Subject: meep meep"),
     env("roadrunner@acme.example.com"),
     purpose="RFC 5229 3 example: text: with variables, case-insensitive names, used as vacation reason")

RFC5229_MATCH = r'''require ["fileinto", "variables"];

if header :matches "List-ID" "*<*@*" {
    fileinto "INBOX.lists.${2}"; stop;
}

# Imagine the header
# Subject: [acme-users] [fwd] version 1.0 is out
if header :matches "Subject" "[*] *" {
    # ${1} will hold "acme-users",
    # ${2} will hold "[fwd] version 1.0 is out"
    fileinto "INBOX.lists.${1}"; fileinto "rest=${2}"; stop;
}

# Imagine the header
# To: coyote@ACME.Example.COM
if address :matches ["To", "Cc"] ["coyote@**.com",
        "wile@**.com"] {
    # ${0} is the matching address
    # ${1} is always the empty string
    # ${2} is part of the domain name ("ACME.Example")
    fileinto "INBOX.business.${2}"; fileinto "m0=${0}"; fileinto "m1=[${1}]"; stop;
} else {
    # Control wouldn't reach this block if any match was
    # successful, so no match variables are set at this
    # point.
}

if anyof (true, address :domain :matches "To" "*.com") {
    # The second test is never evaluated, so there are
    # still no match variables set.
    fileinto "after-anyof=[${1}]";
    stop;
}
'''
case("rfc5229-match-list-id", RFC5229_MATCH,
     msg('List-ID: "Acme users" <acme-users@lists.example.com>'),
     purpose="RFC 5229 3.2 example: List-ID *<*@*")
case("rfc5229-match-subject-brackets", RFC5229_MATCH,
     msg(replace={"subject": "Subject: [acme-users] [fwd] version 1.0 is out"}),
     purpose="RFC 5229 3.2 example: Subject [*] *")
case("rfc5229-match-double-star", RFC5229_MATCH,
     msg(replace={"to": "To: coyote@ACME.Example.COM"}),
     purpose="RFC 5229 3.2 example: coyote@**.com, ${1} empty, ${2} = ACME.Example")
case("rfc5229-match-anyof-true", RFC5229_MATCH,
     msg(replace={"to": "To: someone@example.org"}),
     purpose="RFC 5229 3.2 example: anyof(true, ...) sets no match variables")

case("rfc5229-modifier-table", req("fileinto", "variables") + r'''set "a" "juMBlEd lETteRS";
fileinto "a=${a}";
set :length "b" "${a}";
fileinto "length=${b}";
set :lower "b" "${a}";
fileinto "lower=${b}";
set :upperfirst "b" "${a}";
fileinto "upperfirst=${b}";
set :upperfirst :lower "b" "${a}";
fileinto "upperfirst-lower=${b}";
set :quotewildcard "b" "Rock*";
fileinto "quotewildcard=${b}";
''', purpose="RFC 5229 4.1 modifier examples verbatim")

case("vars-modifier-combinations", req("fileinto", "variables", "enotify") + r'''set :length :quotewildcard "x" "a*b?c\\";
fileinto "len-qw=${x}";
set :encodeurl :lower "x" "A B&C/Ü";
fileinto "enc-lower=${x}";
set :lowerfirst :upper "x" "HELLO world";
fileinto "lowerfirst-upper=${x}";
set :upper :quotewildcard "x" "why?*";
fileinto "upper-qw=${x}";
set :length :upper "x" "ärger";
fileinto "length-upper=${x}";
set :upperfirst "x" "";
fileinto "upperfirst-empty=[${x}]";
set :length "x" "";
fileinto "length-empty=${x}";
set :encodeurl "x" "a-b_c.d~e*f'g";
fileinto "enc-unreserved=${x}";
set :lowerfirst "x" "ÄBC";
fileinto "lowerfirst-nonascii=${x}";
''', purpose="set modifier combinations and precedence (RFC 5229 4.1, RFC 5435 6)")

case("rfc5229-string-test", req("fileinto", "variables", "relational", "comparator-i;ascii-numeric") + r'''set "state" "${state} pending";
if string :matches " ${state} " "* pending *" { fileinto "always-true"; }
''' + yn("list-source-any", 'string :is ["a", "b", "c"] "b"') +
     yn("list-both", 'string :contains ["alpha", "beta"] ["x", "et"]') +
     yn("count-nonempty", 'string :count "eq" :comparator "i;ascii-numeric" ["a", "", "c", ""] "2"') +
     yn("value-gt-numeric", 'string :value "gt" :comparator "i;ascii-numeric" "10" "9"') +
     yn("value-gt-casemap", 'string :value "gt" "10" "9"') +
     yn("empty-is-empty", 'string :is "" ""') +
     yn("empty-matches-star", 'string :matches "" "*"') +
     yn("empty-contains-empty", 'string :contains "" ""') +
     yn("unset-var-is-empty", 'string :is "${nothing}" ""'),
     purpose="RFC 5229 5 string test: lists, :count skips empty strings, relational")

case("vars-match-vars-lifetime", req("fileinto", "variables") + r'''if header :matches "Subject" "* *" { fileinto "first=${1}|${2}"; }
if header :is "Subject" "Quarterly report" { fileinto "after-is=${1}|${2}"; }
if header :matches "Subject" "nomatch*" { fileinto "never"; }
fileinto "after-fail=${1}|${2}";
if not header :matches "From" "*@*" { fileinto "never2"; }
fileinto "after-not=${1}|${2}";
if header :matches "To" "*" { set "to" "${1}"; }
if header :matches "Subject" "" { fileinto "never3"; }
fileinto "to=${to} 0=${0}";
''', purpose="match variables: :is keeps them, failing :matches keeps them, test under 'not' sets them")

# ==================================================== RFC 5230 vacation ===

VAC_CYRUS = r'''require "vacation";
if header :contains "subject" "cyrus" {
    vacation "I'm out -- send mail to cyrus-bugs";
} else {
    vacation "I'm out -- call me at +1 304 555 0123";
}
'''
case("rfc5230-cyrus", VAC_CYRUS, msg(replace={"subject": "Subject: Cyrus crashes on startup"}),
     purpose="RFC 5230 4.1 example (then branch)")
case("rfc5230-cyrus-else", VAC_CYRUS, purpose="RFC 5230 4.1 example (else branch)")

case("rfc5230-subject-variable", r'''require ["vacation", "variables"];
if header :matches "subject" "*" {
    vacation :subject "Automatic response to: ${1}"
             "I'm away";
}
''', msg(replace={"subject": "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from Berlin"}),
     purpose="RFC 5230 4.3 example with an RFC 2047 encoded subject")

case("rfc5230-days-addresses", r'''require "vacation";
vacation :days 23 :addresses ["tjs@example.edu",
                              "ts4z@landru.example.edu"]
   "I'm away until October 19.  If it's an emergency, call 911, I guess." ;
''', hdrs("From: student@example.edu", "To: ts4z@landru.example.edu", "Subject: grades?"),
     env("student@example.edu", "tjs@example.edu"),
     purpose="RFC 5230 example with :days 23 and :addresses")

case("rfc5230-boss-redirect", r'''require "vacation";
if header :contains "from" "boss@example.edu" {
    redirect "pleeb@isp.example.org";
} else {
    vacation "Sorry, I'm away, I'll read your message when I get around to it.";
}
''', hdrs("From: The Boss <boss@example.edu>", "To: me@example.edu", "Subject: where are you"),
     env("boss@example.edu", "me@example.edu"),
     purpose="RFC 5230 example: boss -> redirect")

case("rfc5230-language", r'''require "vacation";
if header :contains ["accept-language", "content-language"] "en" {
    vacation "I am away this week.";
} else {
    vacation "Estoy ausente esta semana.";
}
''', msg("Content-Language: es-MX", "Accept-Language: es, fr;q=0.5"),
     purpose="RFC 5230 example: no 'en' in language headers -> Spanish reason")

case("rfc5230-division-subject", r'''require "vacation";
if address :matches "from" "*@ourdivision.example.com" {
    vacation :subject "Gone fishing"
             "Please contact my deputy, Ms. Smith, at 555-1234.";
} else {
    vacation :subject "Je pars en vacances"
             "Je lirai votre message quand je retourne.";
}
''', hdrs("From: Peer <peer@OurDivision.Example.com>", "To: me@ourdivision.example.com",
          "Subject: status"), env("peer@ourdivision.example.com", "me@ourdivision.example.com"),
     purpose="RFC 5230 example: address :matches with domain in different case")

case("rfc5230-mime-multipart", r'''require "vacation";
vacation :mime text:
Content-Type: multipart/alternative; boundary=foo

--foo

I'm at the beach relaxing.  Mmmm, surf...

--foo
Content-Type: text/html; charset=us-ascii

<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"
 "http://www.w3.org/TR/REC-html40/strict.dtd">
<HTML><HEAD><TITLE>How to relax</TITLE>
<BASE HREF="http://home.example.com/pictures/"></HEAD>
<BODY><P>I'm at the <A HREF="beach.gif">beach</A> relaxing.
Mmmm, <A HREF="ocean.gif">surf</A>...
</BODY></HTML>

--foo--
.
;
''', purpose="RFC 5230 5.8 :mime example verbatim")

case("rfc5230-handle-from", r'''require "vacation";
vacation :days 7 :handle "ran-away" :from "hemingway@example.com"
  "I'm out and can't read my mail.";
''', msg(replace={"to": "To: hemingway@example.com"}), env(to="hemingway@example.com"),
     purpose="RFC 5230 :handle and :from examples")

case("vacation-all-tags-variables", req("vacation", "variables") + r'''if header :matches "Subject" "*" { set "subj" "${1}"; }
if address :localpart :matches "To" "*" { set "me" "${1}"; }
set "h" "handle-${me}";
vacation :days 14 :subject "Away: ${subj}" :from "Bob Builder <${me}@example.org>"
         :addresses ["bob@example.org", "robert@example.org", "b.builder@example.org"]
         :mime :handle "${h}" text:
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hallo ${me}, ich bin weg. Grüße!
.
;
''', msg(replace={"to": "To: Robert <robert@example.org>, Carol <carol@example.net>",
                  "subject": "Subject: Meeting moved"}),
     purpose="vacation with every tag, variables in :subject/:from/:handle/reason, :mime reason")

case("vacation-multiple-recipients", req("vacation", "fileinto", "copy") + r'''vacation :addresses ["bob@example.org", "bobby@example.org"] :subject "Out" "Out of office.";
fileinto "Archive";
fileinto :copy "Backup";
''', msg("Cc: carol@example.net, \"Bob B\" <BOB@EXAMPLE.ORG>",
                                       replace={"to": "To: team@example.org, \"Bob, Jr.\" <bobby@example.org>"}),
     purpose="vacation to a message with several To/Cc recipients, combined with fileinto and fileinto :copy")

case("vacation-seconds-and-subject-empty", req("vacation-seconds") + r'''vacation :seconds 172800 :subject "" "Short reason";
''', purpose="vacation-seconds 2 days; explicit empty :subject")

case("vacation-days-1-then-keep", req("vacation") + r'''vacation :days 1 :from "<bob@example.org>" "One day.";
keep;
''', purpose="vacation :days 1 with angle-bracket :from and explicit keep")

case("vacation-in-elsif-with-stop", req("vacation", "fileinto") + r'''if header :contains "Subject" "urgent" {
    fileinto "Urgent";
} elsif header :contains "Subject" "report" {
    vacation :days 5 text:
I am away.
Reports are read on Monday.
.
;
    stop;
}
fileinto "not-reached";
''', purpose="vacation inside elsif followed by stop; text: reason with two lines")

case("vacation-mime-single-part", req("vacation") + r'''vacation :mime :subject "=?utf-8?q?Abwesend?=" "Content-Type: text/plain; charset=utf-8

Ich bin nicht da.";
''', purpose="vacation :mime with a quoted multi-line string and encoded-word subject")

case("vacation-and-redirect-copy", req("vacation", "copy") + r'''redirect :copy "assistant@example.net";
vacation "Away; my assistant has a copy.";
''', purpose="vacation together with redirect :copy (implicit keep stays)")

# =================================================== RFC 5231 relational ===

case("rfc5231-examples", req("relational", "comparator-i;ascii-numeric", "fileinto") +
     yn("addr-count-to-cc-ge-3", 'address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["3"]') +
     yn("anyof-separate", 'anyof ( address :count "ge" :comparator "i;ascii-numeric" ["to"] ["3"], address :count "ge" :comparator "i;ascii-numeric" ["cc"] ["3"] )') +
     yn("received-count-ge-3", 'header :count "ge" :comparator "i;ascii-numeric" ["received"] ["3"]') +
     yn("received-subject-ge-3", 'header :count "ge" :comparator "i;ascii-numeric" ["received", "subject"] ["3"]') +
     yn("header-count-to-cc-ge-3", 'header :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["3"]'),
     hdrs("received: ...", "received: ...", "subject: example",
          "to: foo@example.com.invalid, baz@example.com.invalid", "cc: qux@example.com.invalid"),
     purpose="RFC 5231 section 6 examples verbatim (message from the RFC)")

case("relational-value-all-ops-numeric", req("relational", "comparator-i;ascii-numeric", "fileinto") +
     "".join(yn("%s-%s" % (op, k), 'header :value "%s" :comparator "i;ascii-numeric" "X-Priority" "%s"' % (op, k))
             for op in ("gt", "ge", "lt", "le", "eq", "ne") for k in ("2", "3", "10")),
     msg("X-Priority: 3 (Normal)"),
     purpose="relational :value, every operator, ascii-numeric on '3 (Normal)' (leading digits)")

case("relational-value-casemap-ordering", req("relational", "fileinto") +
     yn("underscore-gt-a-casemap", 'header :value "gt" "X-Under" "a"') +
     yn("underscore-gt-a-octet", 'header :value "gt" :comparator "i;octet" "X-Under" "a"') +
     yn("B-lt-a-octet", 'header :value "lt" :comparator "i;octet" "X-B" "a"') +
     yn("B-lt-a-casemap", 'header :value "lt" "X-B" "a"') +
     yn("b-eq-B-casemap", 'header :value "eq" "X-B" "b"') +
     yn("b-ne-B-octet", 'header :value "ne" :comparator "i;octet" "X-B" "b"') +
     yn("abc-lt-abcd", 'header :value "lt" "X-Abc" "abcd"') +
     yn("abc-gt-ab", 'header :value "gt" "X-Abc" "AB"') +
     yn("10-lt-9-string", 'header :value "lt" "X-Ten" "9"') +
     yn("empty-lt-a", 'header :value "lt" "X-Empty" "a"'),
     msg("X-Under: _", "X-B: B", "X-Abc: abc", "X-Ten: 10", "X-Empty:"),
     purpose="relational :value ordering of i;ascii-casemap (upper-case mapping, RFC 4790 9.2) vs i;octet")

case("relational-ascii-numeric-edges", req("relational", "comparator-i;ascii-numeric", "fileinto") +
     yn("007-eq-7", 'header :value "eq" :comparator "i;ascii-numeric" "X-A" "7"') +
     yn("is-007-7", 'header :is :comparator "i;ascii-numeric" "X-A" "7"') +
     yn("abc-eq-xyz-infinity", 'header :value "eq" :comparator "i;ascii-numeric" "X-B" "xyz"') +
     yn("abc-gt-99999", 'header :value "gt" :comparator "i;ascii-numeric" "X-B" "99999"') +
     yn("12abc-eq-12", 'header :value "eq" :comparator "i;ascii-numeric" "X-C" "12"') +
     yn("empty-eq-0", 'header :value "eq" :comparator "i;ascii-numeric" "X-D" "0"') +
     yn("neg-eq-infinity", 'header :value "eq" :comparator "i;ascii-numeric" "X-E" "x"') +
     yn("big-gt", 'header :value "gt" :comparator "i;ascii-numeric" "X-F" "99999999999999999999"') +
     yn("missing-ne", 'header :value "ne" :comparator "i;ascii-numeric" "X-Missing" "1"'),
     msg("X-A: 007", "X-B: abc", "X-C: 12abc", "X-D:", "X-E: -5", "X-F: 100000000000000000000"),
     purpose="i;ascii-numeric (RFC 4790 9.1): leading zeros, non-digits = infinity, huge numbers, empty")

case("relational-count-variants", req("relational", "comparator-i;ascii-numeric", "fileinto", "envelope") +
     yn("missing-count-eq-0", 'header :count "eq" :comparator "i;ascii-numeric" "X-Missing" "0"') +
     yn("received-count-gt-10-casemap", 'header :count "gt" "Received" "10"') +
     yn("received-count-lt-10-numeric", 'header :count "lt" :comparator "i;ascii-numeric" "Received" "10"') +
     yn("env-from-count-eq-1", 'envelope :count "eq" :comparator "i;ascii-numeric" "from" "1"') +
     yn("env-to-count-ne-1", 'envelope :count "ne" :comparator "i;ascii-numeric" "to" "1"') +
     yn("addr-to-count-eq-4", 'address :count "eq" :comparator "i;ascii-numeric" "To" "4"') +
     yn("addr-all-count-le-2", 'address :count "le" :comparator "i;ascii-numeric" ["From", "Reply-To"] "2"') +
     yn("count-list-keys", 'header :count "eq" :comparator "i;ascii-numeric" "Received" ["5", "2"]'),
     msg("Reply-To: r1@example.com, r2@example.com",
         replace={"to": "To: a@example.org, \"B, b\" <b@example.org>, c@example.org, Team: d@example.org;"}),
     purpose="relational :count on header/address/envelope; default comparator compares counts as strings")

case("relational-date-count-and-value", req("relational", "comparator-i;ascii-numeric", "date", "fileinto") +
     yn("date-count-eq-1", 'date :count "eq" :comparator "i;ascii-numeric" "date" "year" "1"') +
     yn("date-hour-value-ge-9", 'date :value "ge" :originalzone "date" "hour" "09"') +
     yn("date-hour-value-ge-9-numeric", 'date :value "ge" :originalzone :comparator "i;ascii-numeric" "date" "hour" "9"') +
     yn("date-year-lt", 'date :value "lt" :comparator "i;ascii-numeric" "date" "year" "2025"'),
     purpose="relational match types with the date test")

# ================================================= RFC 5232 imap4flags ===

RFC5232_S6 = r'''require ["imap4flags", "fileinto", "variables"];
if size :over 1K
        {
        addflag "MyFlags" "Big";
        if header :is "From" "boss@company.example.com"
                   {
# The message will be marked as "\Flagged Big" when filed into
# mailbox "Big messages"
                   addflag "MyFlags" "\\Flagged";
                   }
        fileinto :flags "${MyFlags}" "Big messages";
        }

if header :is "From" "grandma@example.net"
        {
        addflag "MyFlags" ["\\Answered", "$MDNSent"];
# If the message is bigger than 1Mb it will be marked as
# "Big \Answered $MDNSent" when filed into mailbox "grandma".
# If the message is shorter than 1Mb it will be marked as
# "\Answered $MDNSent"
        fileinto :flags "${MyFlags}" "GrandMa";
        }

#
# Handle messages from known mailing lists
# Move messages from IETF filter discussion list to filter folder
#
if header :is "Sender" "owner-ietf-mta-filters@example.org"
        {
        set "MyFlags" "\\Flagged $Work";
# Message will have both "\Flagged" and $Work flags
        keep :flags "${MyFlags}";
        }

#
# Keep all messages to or from people in my company
#
elsif anyof (address :domain :is ["From", "To"] "company.example.com")
        {
        keep :flags "${MyFlags}"; # keep in "In" folder
        }

#
# Try and catch unsolicited email.  If a message is not to me,
# or it contains a subject known to be spam, file it away.
#
elsif anyof (not address :all :contains
               ["To", "Cc"] "me@company.example.com",
             header :matches "subject"
               ["*make*money*fast*", "*university*dipl*mas*"])
        {
        removeflag "MyFlags" "\\Flagged";
        fileinto :flags "${MyFlags}" "spam";
        }
else
        {
        # Move all other external mail to "personal"
        # folder.
        fileinto :flags "${MyFlags}" "personal";
        }
'''
case("rfc5232-s6-grandma-small", RFC5232_S6,
     hdrs("From: grandma@example.net", "To: me@company.example.com", "Subject: cookies"),
     env("grandma@example.net", "me@company.example.com"),
     purpose="RFC 5232 section 6 example: small message from grandma (-> GrandMa, then keep)")
case("rfc5232-s6-boss-big", RFC5232_S6,
     hdrs("From: boss@company.example.com", "To: me@company.example.com", "Subject: specs",
          body=("lorem ipsum dolor sit amet " * 3 + "\n") * 16),
     env("boss@company.example.com", "me@company.example.com"),
     purpose="RFC 5232 section 6 example: big message from the boss")
case("rfc5232-s6-list", RFC5232_S6,
     hdrs("Sender: owner-ietf-mta-filters@example.org", "From: grandma@example.net",
          "To: ietf-mta-filters@example.org", "Subject: sieve"),
     env("owner-ietf-mta-filters@example.org", "me@company.example.com"),
     purpose="RFC 5232 section 6 example: grandma on the IETF list (set replaces flags)")
case("rfc5232-s6-spam", RFC5232_S6,
     hdrs("From: spammer@bulk.example", "To: victim@elsewhere.example",
          "Subject: Make Money Fast", body=("BUY NOW " * 10 + "\n") * 16),
     env("spammer@bulk.example", "me@company.example.com"),
     purpose="RFC 5232 section 6 example: big spam not to me -> Big messages and spam")

case("flags-variable-ops", req("imap4flags", "fileinto", "variables", "relational", "comparator-i;ascii-numeric") + r'''setflag "v" "A B";
addflag "v" "C";
removeflag "v" "a";
fileinto :flags "${v}" "f1";
''' + yn("hasflag-b", 'hasflag "v" "B"') +
     yn("hasflag-a", 'hasflag "v" "A"') +
     yn("hasflag-count-2", 'hasflag :count "eq" :comparator "i;ascii-numeric" "v" "2"') +
     yn("hasflag-matches", 'hasflag :matches "v" "?"') +
     yn("hasflag-internal-empty", 'hasflag :count "eq" :comparator "i;ascii-numeric" "0"') +
     yn("hasflag-list", 'hasflag ["nosuch", "v"] "C"') +
     yn("hasflag-contains-key-list", 'hasflag :contains "v" ["x", "C"]'),
     purpose="imap4flags on a variable: setflag/addflag/removeflag (case-insensitive), hasflag forms")

case("flags-keep-fileinto-combos", req("imap4flags", "fileinto", "copy") + r'''addflag "\\Seen";
keep;
addflag "\\Flagged";
fileinto "A";
fileinto :flags "\\Answered" "B";
removeflag "\\Seen";
fileinto :copy "C";
setflag "$Label1";
''', purpose="flag snapshots across keep/fileinto/fileinto :copy; final internal flags for nothing else")

case("flags-dedup-fileinto-different-flags", req("imap4flags", "fileinto") + r'''fileinto :flags "red" "Box";
fileinto :flags "blue" "Box";
keep :flags "one";
keep :flags "two";
''', purpose="same mailbox stored twice with different :flags; keep twice with different flags")

case("flags-case-and-dup", req("imap4flags", "fileinto") + r'''addflag ["\\seen", "\\SEEN", "Junk", "junk", "$Label1 $label1"];
fileinto "X";
removeflag "JUNK";
''', purpose="flag case-insensitivity and de-duplication; removeflag with other case")

case("flags-from-header-matches", req("imap4flags", "variables", "fileinto") + r'''if header :matches "X-Tags" "*" { setflag "${1}"; }
addflag "tagged";
if hasflag :is "green" { fileinto "has-green"; }
removeflag "  red   green ";
''', msg("X-Tags: red  green blue"),
     purpose="flags from a header via match variable; multiple spaces; removeflag with padding")

case("flags-imapflags-legacy-mark", req("imapflags", "fileinto") + r'''mark;
fileinto "A";
unmark;
addflag "\\Answered";
''', purpose="deprecated imapflags: mark/unmark add/remove \\Flagged")

case("flags-setflag-empty-and-discard", req("imap4flags", "fileinto") + r'''setflag "\\Deleted";
setflag "";
fileinto "A";
addflag "\\Draft";
discard;
''', purpose="setflag '' clears; discard with flags set; implicit keep cancelled")

# ================================================= RFC 5293 editheader ===

RFC5293 = r'''require ["editheader"];
/* Don't redirect if we already redirected */
if not header :contains "X-Sieve-Filtered"
        ["<kim@job.example.com>", "<kim@home.example.com>"]
{
        addheader "X-Sieve-Filtered" "<kim@job.example.com>";
        redirect "kim@home.example.com";
}
'''
case("rfc5293-redirect-once", RFC5293, env=env(to="kim@job.example.com"),
     purpose="RFC 5293 7 example: first pass -> addheader + redirect")
case("rfc5293-redirect-once-seen", RFC5293, msg("X-Sieve-Filtered: <kim@job.example.com>"),
     env(to="kim@job.example.com"),
     purpose="RFC 5293 7 example: already filtered -> implicit keep")

case("editheader-add-order-index", req("editheader", "index", "fileinto", "variables", "relational",
                                       "comparator-i;ascii-numeric") + r'''addheader :last "X-A" "last1";
addheader "X-A" "first1";
addheader :last "X-A" "last2";
addheader "X-A" "first2";
if header :index 1 :matches "X-A" "*" { fileinto "i1=${1}"; }
if header :index 2 :matches "X-A" "*" { fileinto "i2=${1}"; }
if header :index 3 :matches "X-A" "*" { fileinto "i3=${1}"; }
if header :index 4 :matches "X-A" "*" { fileinto "i4=${1}"; }
if header :index 5 :matches "X-A" "*" { fileinto "i5=${1}"; }
if header :index 6 :matches "X-A" "*" { fileinto "i6=${1}"; }
if header :index 2 :last :matches "X-A" "*" { fileinto "l2=${1}"; }
if header :count "eq" :comparator "i;ascii-numeric" "X-A" "6" { fileinto "count6"; }
''', msg("X-A: orig1", "X-A: orig2"),
     purpose="addheader/addheader :last around existing fields; :index and :last afterwards")

case("editheader-delete-index-patterns", req("editheader", "index", "fileinto", "variables", "relational",
                                             "comparator-i;ascii-numeric") + r'''deleteheader :index 2 "X-A";
deleteheader :last :index 1 "X-A";
deleteheader :matches "X-B" "foo*";
deleteheader :contains "X-C" ["zz", "bar"];
deleteheader :is "X-D" "EXACT";
deleteheader :comparator "i;octet" :is "X-E" "case";
''' + r'''if header :count "eq" :comparator "i;ascii-numeric" "X-A" "2" { fileinto "xa-count2"; }
if header :index 1 :matches "X-A" "*" { fileinto "xa1=${1}"; }
if header :index 2 :matches "X-A" "*" { fileinto "xa2=${1}"; }
if header :matches "X-B" "*" { fileinto "xb=${1}"; }
if header :count "eq" :comparator "i;ascii-numeric" "X-C" "1" { fileinto "xc-count1"; }
if exists "X-D" { fileinto "xd-exists"; } else { fileinto "xd-gone"; }
if header :count "eq" :comparator "i;ascii-numeric" "X-E" "2" { fileinto "xe-count2"; }
''', msg("X-A: a1", "X-A: a2", "X-A: a3", "X-A: a4", "X-B: foobar", "X-B: barfoo",
         "X-C: bar one", "X-C: two", "X-C: xzzx", "X-D: exact", "X-E: Case", "X-E: CASE"),
     purpose="deleteheader with :index, :last, :matches/:contains/:is value patterns, comparator")

case("editheader-delete-index-with-pattern", req("editheader", "index", "fileinto", "variables") + r'''deleteheader :index 2 :matches "X-A" "b*";
deleteheader :index 1 :matches "X-B" "zzz*";
if header :matches "X-A" "*" { fileinto "xa-any"; }
''' + yn("xa-bee-kept", 'header :is "X-A" "bee"') +
     yn("xa-bob-kept", 'header :is "X-A" "bob"') +
     yn("xb-kept", 'header :is "X-B" "abc"'),
     msg("X-A: alpha", "X-A: bee", "X-A: bob", "X-B: abc"),
     purpose="RFC 5293 5: :index selects one field, then the value pattern must match it")

case("editheader-subject-rewrite", req("editheader", "variables", "fileinto") + r'''if header :matches "Subject" "*" {
    set "orig" "${1}";
    deleteheader "Subject";
    addheader "Subject" "[EXT] ${orig}";
    addheader :last "X-Original-Subject" "${orig}";
}
''' + yn("new-subject", 'header :is "Subject" "[EXT] Quarterly report"') +
     yn("one-subject", 'not header :is "Subject" "Quarterly report"') +
     yn("orig-saved", 'header :is "X-Original-Subject" "Quarterly report"'),
     purpose="classic subject tagging: delete + add, then header tests see the new value")

case("editheader-utf8-then-tests", req("editheader", "fileinto", "variables") + r'''addheader "X-Greeting" "Grüße aus Köln";
''' + yn("is-utf8", 'header :is "X-Greeting" "Grüße aus Köln"') +
     yn("contains-umlaut", 'header :contains "X-Greeting" "ö"') +
     'if header :matches "X-Greeting" "Gr*e *" { fileinto "m1=${1}"; }\n',
     purpose="addheader with non-ASCII value; header tests see the decoded value")

case("editheader-name-case-and-readd", req("editheader", "fileinto") + r'''deleteheader "x-list";
addheader "X-LIST" "new";
''' + yn("exists", 'exists "X-List"') +
     yn("is-new", 'header :is "x-list" "new"') +
     yn("old-gone", 'not header :is "X-List" ["one", "two"]'),
     msg("X-List: one", "x-LIST: two"),
     purpose="deleteheader matches names case-insensitively; re-adding the same name")

case("editheader-address-on-added", req("editheader", "fileinto", "variables") + r'''deleteheader "Reply-To";
addheader "Reply-To" "\"Help, Desk\" <helpdesk@example.org>, ops@example.org";
if address :all :is "Reply-To" "ops@example.org" { fileinto "rt-ops"; }
if address :domain :matches "Reply-To" "*" { fileinto "first-domain=${1}"; }
''', msg("Reply-To: old@example.com"),
     purpose="address test on a header that was replaced with editheader")

case("editheader-value-whitespace", req("editheader", "fileinto") + r'''addheader "X-Pad" "  padded value  ";
addheader "X-Empty" "";
''' + yn("pad-trimmed", 'header :is "X-Pad" "padded value"') +
     yn("pad-raw", 'header :is "X-Pad" "  padded value  "') +
     yn("empty-exists", 'exists "X-Empty"') +
     yn("empty-is-empty", 'header :is "X-Empty" ""'),
     purpose="added values with surrounding whitespace and an empty value")

case("editheader-delete-all-and-count", req("editheader", "fileinto", "relational", "comparator-i;ascii-numeric") + r'''deleteheader "X-Spam-Flag";
deleteheader :matches "X-Spam-Report" "*";
addheader "X-Spam-Flag" "NO";
''' + yn("flag-count-1", 'header :count "eq" :comparator "i;ascii-numeric" "X-Spam-Flag" "1"') +
     yn("flag-no", 'header :is "X-Spam-Flag" "NO"') +
     yn("report-gone", 'not exists "X-Spam-Report"'),
     msg("X-Spam-Flag: YES", "X-Spam-Report: a", "X-Spam-Flag: YES", "X-Spam-Report:"),
     purpose="delete every instance (also an empty one) and re-add")

case("editheader-then-redirect-and-fileinto", req("editheader", "fileinto", "copy") + r'''addheader "X-Forwarded-By" "sieve";
redirect :copy "copy@example.net";
deleteheader "X-Forwarded-By";
fileinto "Processed";
''' + yn("fwd-gone", 'not exists "X-Forwarded-By"'),
     purpose="editheader before/after actions (exec.txt shows what each copy carries)")

case("editheader-match-vars-from-deleteheader", req("editheader", "variables", "fileinto") + r'''if header :matches "Subject" "Q*ly *" { set "x" "${1}-${2}"; }
deleteheader :matches "Subject" "*report";
fileinto "x=${x} 1=${1}";
''' + yn("subject-gone", 'not exists "Subject"'),
     purpose="deleteheader :matches does not set match variables (RFC 5293 5 / RFC 5229 3.2)")

# ======================================================== RFC 5173 body ===

ALT_MSG = msg(
    headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
        'Content-Type: multipart/alternative; boundary="alt"'],
    body=(
        "--alt\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "The project\n"
        "schedule is attached.\n"
        "--alt\n"
        "Content-Type: text/html; charset=us-ascii\n"
        "\n"
        "<html><body><p>The <b>project</b> <i>schedule</i> is attached.</p>"
        "<p>Launch&nbsp;codes: missile&amp;coordinates</p></body></html>\n"
        "--alt--\n"))

case("rfc5173-project-schedule", r'''require ["body", "fileinto"];
# Save messages mentioning the project schedule in the
# project/schedule folder.
if body :text :contains "project schedule" {
    fileinto "project/schedule";
}
''' + yn("text-contains-project", 'body :text :contains "project"', "") +
     yn("html-missile-amp", 'body :text :contains "missile&coordinates"') +
     yn("content-html-raw-tag", 'body :content "text/html" :contains "<b>project</b>"'),
     ALT_MSG, purpose="RFC 5173 example 1: phrase broken over a line in text/plain; HTML part")

MIXED_AUDIO = msg(
    headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
        'Content-Type: multipart/mixed; boundary="b1"'],
    body=(
        "--b1\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "Here are the launch COORDINATES you asked for.\n"
        "--b1\n"
        "Content-Type: audio/mpeg; name=\"song.mp3\"\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-Disposition: attachment; filename=\"song.mp3\"\n"
        "\n"
        + b64(b"ID3\x03\x00\x00\x00fake mp3 data missile") +
        "--b1--\n"))

case("rfc5173-secrets-music", r'''require ["body", "fileinto"];
# Save any message with any text MIME part that contains the
# words "missile" or "coordinates" in the "secrets" folder.
if body :content "text" :contains ["missile", "coordinates"] {
    fileinto "secrets";
}
# Save any message with an audio attachment in the "music" folder.
if body :content "audio" :contains "" {
    fileinto "music";
}
''' + yn("audio-contains-missile", 'body :content "audio" :contains "missile"') +
     yn("text-contains-missile", 'body :text :contains "missile"'),
     MIXED_AUDIO, purpose="RFC 5173 example 2 verbatim with a base64 audio part")

case("rfc5173-raw-money", r'''require ["body"];
if body :raw :contains "MAKE MONEY FAST" {
    discard;
}
''', msg(
    "Content-Transfer-Encoding: base64", body=b64("You can MAKE MONEY FAST today!\r\n")),
     purpose="RFC 5173 :raw example against a base64 body (raw does not decode)")

case("body-raw-vs-text-base64", req("body", "fileinto") +
     yn("raw-money", 'body :raw :contains "MAKE MONEY FAST"') +
     yn("text-money", 'body :text :contains "MAKE MONEY FAST"') +
     yn("content-text-money", 'body :content "text" :contains "make money fast"') +
     yn("raw-b64", 'body :raw :contains "WW91IGNhbiBNQUtF"'),
     msg("Content-Transfer-Encoding: BASE64", body=b64("You can MAKE MONEY FAST today!\r\n")),
     purpose="base64 single part: :raw vs :text vs :content; upper-case CTE name")

NESTED = msg(
    headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
        'Content-Type: multipart/mixed; boundary="outer"'],
    body=(
        "preamble-marker text\n"
        "--outer\n"
        'Content-Type: multipart/alternative; boundary="inner"\n'
        "\n"
        "--inner\n"
        "Content-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "Caf=E9 cr=E8me br=FBl=E9e, total=3D 12 EUR, soft =\n"
        "break-joined\n"
        "--inner\n"
        "Content-Type: text/html; charset=windows-1252\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "<p>Price =80 5 =93quoted=94</p>\n"
        "--inner--\n"
        "--outer\n"
        "Content-Type: message/rfc822\n"
        "\n"
        "From: inner@example.net\n"
        "Subject: inner-subject-marker\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        + b64("Eingebettet: Grüße, inner-body-marker\r\n") +
        "--outer\n"
        "Content-Type: application/octet-stream\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        + b64(b"binary-marker\x00\x01\x02") +
        "--outer--\n"
        "epilogue-marker\n"))

case("body-nested-charsets", req("body", "fileinto") +
     yn("latin1-qp-cafe", 'body :text :contains "Café crème brûlée"') +
     yn("qp-equals", 'body :text :contains "total= 12"') +
     yn("qp-soft-break", 'body :text :contains "soft break-joined"') +
     yn("cp1252-euro", 'body :text :contains "Price € 5"') +
     yn("cp1252-quotes", 'body :text :contains "“quoted”"') +
     yn("rfc822-inner-body", 'body :text :contains "inner-body-marker"') +
     yn("rfc822-inner-utf8", 'body :text :contains "Grüße"') +
     yn("binary-not-text", 'body :text :contains "binary-marker"') +
     yn("preamble-not-text", 'body :text :contains "preamble-marker"') +
     yn("raw-qp-undecoded", 'body :raw :contains "Caf=E9"'),
     NESTED, purpose="body :text over nested multipart: QP latin1, QP windows-1252, message/rfc822 base64 utf-8")

case("body-content-types-nested", req("body", "fileinto") +
     yn("content-text-plain-cafe", 'body :content "text/plain" :contains "Café"') +
     yn("content-text-html-euro", 'body :content "text/html" :contains "€"') +
     yn("content-multipart-preamble", 'body :content "multipart" :contains "preamble-marker"') +
     yn("content-multipart-epilogue", 'body :content "multipart" :contains "epilogue-marker"') +
     yn("content-message-inner-subject", 'body :content "message/rfc822" :contains "inner-subject-marker"') +
     yn("content-message-inner-body", 'body :content "message/rfc822" :contains "inner-body-marker"') +
     yn("content-app-binary", 'body :content "application/octet-stream" :contains "binary-marker"') +
     yn("content-list", 'body :content ["image", "text/html"] :contains "Price"') +
     yn("content-empty-type-any", 'body :content "" :contains "binary-marker"') +
     yn("content-text-uppercase", 'body :content "TEXT/PLAIN" :contains "crème"'),
     NESTED, purpose="body :content with several types on nested parts, message/rfc822, non-text, preamble/epilogue")

case("body-matches-and-is", req("body", "fileinto") +
     yn("matches-star-across-lines", 'body :text :matches "*Hi Bob*Alice*"') +
     yn("is-whole", 'body :text :is "Hi Bob,\r\n\r\nplease find the quarterly numbers below.\r\n\r\nAlice\r\n"') +
     yn("contains-crlf", 'body :contains "Bob,\r\n\r\nplease"') +
     yn("contains-case", 'body :contains "QUARTERLY NUMBERS"') +
     yn("contains-octet", 'body :comparator "i;octet" :contains "QUARTERLY NUMBERS"') +
     yn("default-is-text", 'body :contains "please find"'),
     purpose="body :matches across lines, :is whole body, CRLF in keys, comparators")

case("body-latin1-singlepart-8bit", req("body", "fileinto") +
     yn("utf8-key", 'body :contains "Grüße"') +
     yn("raw-latin1", 'body :raw :contains "Gr"'),
     msg("Content-Transfer-Encoding: 8bit", replace={"content-type": "Content-Type: text/plain; charset=ISO-8859-1"},
         body="Gr\udcfc\udcdfe aus M\udcfcnchen\n"),
     purpose="8-bit ISO-8859-1 body converted to UTF-8 for :text")

case("body-attachment-text-part", req("body", "fileinto") +
     yn("text-includes-attachment", 'body :text :contains "attached-notes-marker"') +
     yn("content-text-attachment", 'body :content "text" :contains "attached-notes-marker"') +
     yn("text-includes-csv", 'body :text :contains "a;b;c"'),
     msg(headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
         'Content-Type: multipart/mixed; boundary=XyZ'],
         body=("--XyZ\nContent-Type: text/plain\n\nSee attachment.\n"
               "--XyZ\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment; filename=notes.txt\n"
               "Content-Transfer-Encoding: quoted-printable\n\nattached-notes-marker=20here\n"
               "--XyZ\nContent-Type: text/csv\n\na;b;c\n1;2;3\n--XyZ--\n")),
     purpose="body :text and text/* attachments (text/plain attachment, text/csv); unquoted boundary")

case("body-text-default-content-type", req("body", "fileinto") +
     yn("text-no-ctype", 'body :text :contains "plain by default"') +
     yn("content-text-plain-no-ctype", 'body :content "text/plain" :contains "plain by default"'),
     hdrs("From: a@example.com", "To: bob@example.org", "Subject: no content-type",
          body="This is plain by default.\n"),
     purpose="no Content-Type: defaults to text/plain; charset=us-ascii (RFC 2045 5.2)")

case("body-multipart-digest-default", req("body", "fileinto") +
     yn("digest-part-text", 'body :text :contains "digest-entry-marker"') +
     yn("digest-content-message", 'body :content "message/rfc822" :contains "Digest entry"'),
     msg(headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
         'Content-Type: multipart/digest; boundary="dg"'],
         body=("--dg\n\nFrom: x@example.com\nSubject: Digest entry 1\n\ndigest-entry-marker one\n"
               "--dg--\n")),
     purpose="multipart/digest: a part without Content-Type is message/rfc822 (RFC 2046 5.1.5)")

# ======================================================== RFC 5260 date ===

RFC5260_BOSS = r'''require ["date", "relational", "fileinto"];
if allof(header :is "from" "boss@example.com",
         date :value "ge" :originalzone "date" "hour" "09",
         date :value "lt" :originalzone "date" "hour" "17")
{ fileinto "urgent"; }
if allof(header :is "from" "boss@example.com",
         date :value "ge" "date" "hour" "09",
         date :value "lt" "date" "hour" "17")
{ fileinto "urgent-utc"; }
'''
case("rfc5260-boss-working-hours", RFC5260_BOSS,
     hdrs("From: boss@example.com", "To: me@example.com", "Subject: now",
          "Date: Tue, 1 Apr 1997 11:06:31 -0800 (PST)"),
     purpose="RFC 5260 5 example: :originalzone hour 11 (UTC would be 19)")

case("rfc5260-currentdate-july-2007", r'''require ["date", "relational", "vacation"];
if allof(currentdate :value "ge" "date" "2007-06-30",
         currentdate :value "le" "date" "2007-07-07")
{ vacation :days 7  "I'm away during the first week in July."; }
''', purpose="RFC 5260 5 currentdate example (always false now)")

case("rfc5260-received-time-header", r'''require ["date", "variables", "editheader", "fileinto"];
if date :matches "received" "date" "*" { set "date" "${0}"; }
if date :matches "received" "time" "*" { set "time" "${0}"; }
addheader :last "X-Processed" "${date} ${time}";
if header :matches "X-Processed" "*" { fileinto "proc=${1}"; }
''', purpose="RFC 5260 5 example style: date of the (first) Received header into a new header")

case("rfc5260-index-received", r'''require ["date", "relational", "index", "fileinto"];
if date :value "gt" :index 2 :zone "-0500" "received"
        "iso8601" "2007-02-26T09:00:00-05:00"
{ redirect "aftercutoff@example.org"; }
if header :index 2 :matches "received" "*ESMTPSA*" { fileinto "second-received-is-esmtpsa"; }
''', purpose="RFC 5260 6 example: date :index 2 on Received, :zone")

DATE_PARTS = req("date", "variables", "fileinto") + "".join(
    'if date :originalzone :matches "date" "%s" "*" { set "o_%s" "${1}"; }\n' % (p, p.replace("-", "_"))
    for p in ("year", "month", "day", "date", "julian", "hour", "minute", "second", "time", "iso8601",
              "std11", "zone", "weekday")) + \
    'fileinto "orig ${o_date} ${o_time} ${o_zone} wd=${o_weekday} jd=${o_julian}";\n' \
    'fileinto "orig-iso ${o_iso8601}";\n' \
    'fileinto "orig-std11 ${o_std11}";\n' \
    'if date :matches "date" "iso8601" "*" { fileinto "utc-iso ${1}"; }\n' \
    'if date :zone "+0530" :matches "date" "std11" "*" { fileinto "ist-std11 ${1}"; }\n' \
    'if date :zone "-1000" :matches "date" "date" "*" { fileinto "hst-date ${1}"; }\n'

for nm, dh, purpose in [
    ("date-fmt-no-weekday-no-seconds", "Date: 5 Mar 2024 14:30 +0100", "no weekday, no seconds"),
    ("date-fmt-comment-and-spaces", "Date: Tue,  5 Mar 2024 14:30:00 +0100 (CET)", "double space, single-digit day, trailing comment"),
    ("date-fmt-obsolete-pst-lowercase", "Date: tue, 05 mar 2024 14:30:00 PST", "obsolete zone PST, lower-case day/month names"),
    ("date-fmt-minus-0000", "Date: Tue, 05 Mar 2024 14:30:00 -0000", "-0000 zone (unknown local time)"),
    ("date-fmt-two-digit-year-24", "Date: Tue, 05 Mar 24 14:30:00 +0100", "two-digit year 24 -> 2024 (RFC 5322 4.3)"),
    ("date-fmt-folded", "Date: Tue, 05 Mar 2024\n 14:30:00\n +0100", "folded over three lines"),
    ("date-fmt-edt", "Date: Tue, 05 Mar 2024 14:30:00 EDT", "obsolete zone EDT (-0400)"),
    ("date-fmt-leap-day-rollover", "Date: Thu, 29 Feb 2024 23:59:58 -0930", "leap day, odd zone -0930, rollover under conversion"),
    ("date-fmt-new-year-rollover", "Date: Tue, 31 Dec 2024 22:15:00 -0300", "new year rollover in UTC"),
    ("date-fmt-plus-1400", "Date: Mon, 01 Jan 2024 00:00:00 +1400", "+1400 zone -> previous year in UTC"),
    ("date-fmt-three-digit-year", "Date: Tue, 05 Mar 124 14:30:00 +0100", "three-digit year 124 -> 2024 (RFC 5322 4.3)"),
    ("date-fmt-comment-inside", "Date: Tue, 05 Mar 2024 14:30:00 (local) +0100", "comment before the zone (CFWS)"),
    ("date-fmt-military-zone", "Date: Tue, 05 Mar 2024 14:30:00 A", "obsolete military zone A (RFC 5322 4.3: treat as -0000)"),
    ("date-fmt-wrong-weekday", "Date: Fri, 05 Mar 2024 14:30:00 +0100", "weekday name inconsistent with the date"),
]:
    case(nm, DATE_PARTS, msg(replace={"date": dh}), purpose="Date header format: " + purpose)

case("date-parts-relational-and-zone", req("date", "relational", "comparator-i;ascii-numeric", "fileinto") +
     yn("weekday-is-2", 'date :is "date" "weekday" "2"') +
     yn("zone-tag-zone-part", 'date :zone "-0500" :is "date" "zone" "-0500"') +
     yn("origzone-zone-part", 'date :originalzone :is "date" "zone" "+0100"') +
     yn("utc-zone-part", 'date :is "date" "zone" "+0000"') +
     yn("julian-value", 'date :value "eq" :comparator "i;ascii-numeric" "date" "julian" "60374"') +
     yn("date-ge", 'date :value "ge" "date" "date" "2024-03-05"') +
     yn("iso-lt", 'date :value "lt" :zone "+0000" "date" "iso8601" "2024-03-05T13:30:01Z"') +
     yn("hour-numeric-lt-14", 'date :value "lt" :comparator "i;ascii-numeric" "date" "hour" "14"') +
     yn("std11-contains", 'date :contains "date" "std11" "Mar 2024"') +
     yn("custom-header", 'date :is "X-Sent" "date" "2023-12-31"') +
     yn("resent-date", 'date :originalzone :is "Resent-Date" "hour" "08"') +
     yn("date-only-no-time", 'date :matches "X-DateOnly" "year" "*"'),
     msg("X-Sent: Sun, 31 Dec 2023 23:00:00 +0000", "Resent-Date: Wed, 06 Mar 2024 08:00:00 +0900",
         "X-DateOnly: 05 Mar 2024"),
     purpose="date parts with relational; :zone/:originalzone; date test on other headers")

case("currentdate-stable-properties", req("date", "relational", "fileinto") +
     yn("year-gt-2000", 'currentdate :value "gt" "year" "2000"') +
     yn("zone-tag-zone", 'currentdate :zone "+0000" :is "zone" "+0000"') +
     yn("zone-tag-odd", 'currentdate :zone "-0330" :is "zone" "-0330"') +
     yn("iso-shape", 'currentdate :zone "+0000" :matches "iso8601" "????-??-??T??:??:??Z"') +
     yn("std11-shape", 'currentdate :zone "+0000" :matches "std11" "???, ?? ??? ???? ??:??:?? +0000"') +
     yn("weekday-range", 'currentdate :value "le" "weekday" "6"') +
     yn("julian-gt", 'currentdate :value "gt" "julian" "59000"'),
     purpose="currentdate properties that do not depend on the actual time")

# ====================================================== :matches details ===

case("matches-escapes-and-wildcards", req("fileinto", "variables") +
     yn("backslash-then-star", 'header :matches "X-Path" "C:\\\\\\\\*"') +
     'if header :matches "X-Path" "C:\\\\\\\\*\\\\\\\\*" { fileinto "dirs=${1}|${2}"; }\n' +
     yn("escaped-q", 'header :matches "X-Q" "what\\\\?"') +
     yn("escaped-q-vs-x", 'header :matches "X-Q2" "what\\\\?"') +
     'if header :matches "X-Q" "*\\\\?" { fileinto "before-q=${1}"; }\n' +
     'if header :matches "X-Multi" "*-*-*" { fileinto "three=${1}|${2}|${3}"; }\n' +
     'if header :matches "X-Multi" "?*?" { fileinto "qsq=${1}|${2}|${3}"; }\n' +
     'if header :matches "X-Multi" "**a*" { fileinto "double=${1}|${2}|${3}"; }\n' +
     yn("star-empty", 'header :matches "X-Multi" "a-b-c*"') +
     yn("q-needs-char", 'header :matches "X-Multi" "a-b-c?"'),
     msg("X-Path: C:\\dir\\file.txt", "X-Q: what?", "X-Q2: whatx", "X-Multi: a-b-c"),
     purpose=":matches with escaped backslash, escaped ?, several * and ?, match variables")

case("matches-question-utf8", req("fileinto", "variables") +
     yn("q-one-char-utf8", 'header :matches "X-U" "caf?"') +
     yn("q-two-octets", 'header :matches "X-U" "caf??"') +
     'if header :matches "X-U" "???*" { fileinto "q=${1}${2}${3}|${4}"; }\n' +
     yn("octet-q-one", 'header :comparator "i;octet" :matches "X-U" "caf?"') +
     yn("casemap-utf8-is", 'header :is "X-U" "CAFÉ"') +
     yn("casemap-ascii-part", 'header :is "X-U" "CAFé"'),
     msg("X-U: café"),
     purpose=":matches ? against a multi-byte UTF-8 character; casemap only folds ASCII")

case("matches-vars-in-later-commands", req("fileinto", "variables", "envelope") + r'''if address :matches "From" "*@*.*" { set "user" "${1}"; set "dom" "${2}"; set "tld" "${3}"; }
if envelope :matches "to" "*+*@*" { set "det" "${2}"; }
if header :matches "Subject" "* *" { set :upper "w1" "${1}"; }
fileinto "user=${user} dom=${dom} tld=${tld} det=${det} w1=${w1}";
if string :matches "${user}.${dom}" "*.*" { fileinto "again=${1}|${2}"; }
if header :matches "Message-ID" "<*@*>" { fileinto "mid=${1}"; }
''', msg(replace={"from": "From: Alice <alice.smith@mail.example.com>"}),
     env(to="bob+lists@example.org"),
     purpose="match variables carried into later set/fileinto; non-greedy splitting")

case("matches-ten-plus-groups", req("fileinto", "variables") + r'''if header :matches "X-Seq" "*,*,*,*,*,*,*,*,*,*,*,*" {
    fileinto "9=${9} 10=${10} 11=${11} 12=${12} 0=${0}";
}
''', msg("X-Seq: a,b,c,d,e,f,g,h,i,j,k,l,m"),
     purpose="more than nine match groups; last * absorbs the rest")

# ======================================================== address tests ===

ADDR_MSG = msg(
    "Sender: \"List Owner\" <owner-list@lists.example.net>",
    "Reply-To: \"Doe, John\" <john.doe@example.com>, \"Smith, Jane (HR)\" <jane@hr.example.com>",
    "Resent-From: Resender <resender@relay.example.net>",
    "Resent-To: final@example.org",
    "Resent-Cc: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.de>",
    "Resent-Sender: rs@relay.example.net",
    "Cc: =?UTF-8?B?w4FsdmFybw==?= <alvaro@example.es>, \"a@b, c\" <real@example.com>",
    "Bcc: (comment with @ sign) hidden@example.net",
    replace={"from": "From: \"Example, Alice (Sales)\" <Alice@Example.COM> (work)"})

case("address-various-headers", req("fileinto", "variables") +
     yn("sender-localpart", 'address :localpart :is "Sender" "owner-list"') +
     yn("replyto-second", 'address :all :is "Reply-To" "jane@hr.example.com"') +
     yn("replyto-display-not-addr", 'address :all :contains "Reply-To" "Doe"') +
     yn("resent-from", 'address :domain :is "Resent-From" "relay.example.net"') +
     yn("resent-to", 'address :is "Resent-To" "final@example.org"') +
     yn("resent-cc-2047", 'address :is "Resent-Cc" "joerg@example.de"') +
     yn("resent-sender", 'address :localpart :is "Resent-Sender" "rs"') +
     yn("cc-quoted-comma-at", 'address :is "Cc" "real@example.com"') +
     yn("cc-fake-not-addr", 'address :is "Cc" ["a@b", "c"]') +
     yn("bcc-comment-at", 'address :is "Bcc" "hidden@example.net"') +
     yn("from-comment-after", 'address :is "From" "alice@example.com"') +
     yn("from-domain-case", 'address :domain :is "From" "EXAMPLE.com"') +
     yn("from-localpart-octet", 'address :localpart :comparator "i;octet" :is "From" "Alice"') +
     'if address :all :matches "Reply-To" "*" { fileinto "rt-first=${1}"; }\n' +
     'if address :domain :matches "Cc" "*.es" { fileinto "cc-es=${1}"; }\n',
     ADDR_MSG, purpose="address on Sender/Reply-To/Resent-*/Bcc, display names with commas and @, RFC 2047 names, comments")

case("address-header-2047-display-names", req("fileinto", "variables") +
     yn("header-from-decoded", 'header :contains "From" "Jürgen"') +
     yn("header-from-quoted", 'header :contains "To" "Müller, Hans"') +
     yn("address-from", 'address :is "From" "juergen@example.de"') +
     yn("address-to-count-2", 'address :matches "To" "*@example.de"') +
     'if header :matches "From" "* <*>" { fileinto "name=${1} addr=${2}"; }\n',
     msg(replace={"from": "From: =?UTF-8?Q?J=C3=BCrgen?= Schmidt <juergen@example.de>",
                  "to": "To: =?iso-8859-1?q?M=FCller=2C_Hans?= <hans@example.de>, kurt@example.de"}),
     purpose="RFC 2047 display names in address headers (header sees decoded text, address ignores it)")

case("address-parts-subaddress", req("fileinto", "subaddress", "variables") +
     yn("user-bob", 'address :user "To" "bob"') +
     yn("detail-lists", 'address :detail "To" "lists"') +
     yn("detail-from-empty", 'address :detail "From" ""') +
     yn("detail-none", 'address :detail "Cc" ""') +
     yn("detail-matches-star-none", 'address :detail :matches "Cc" "*"') +
     'if address :detail :matches "To" "*" { fileinto "det=${1}"; }\n' +
     'if address :user :matches "Reply-To" "*" { fileinto "ruser=${1}"; }\n',
     msg("Cc: plain@example.org", "Reply-To: a+b+c@example.org",
         replace={"to": "To: bob+lists@example.org", "from": "From: alice+@example.com"}),
     purpose="address :user/:detail on headers (RFC 5233 4): empty detail, no separator, double +")

case("address-group-and-obsolete", req("fileinto", "relational", "comparator-i;ascii-numeric", "variables") +
     yn("group-member", 'address :is "To" "m2@example.org"') +
     yn("count-members", 'address :count "eq" :comparator "i;ascii-numeric" "To" "3"') +
     yn("route-addr", 'address :is "Cc" "routed@example.net"') +
     yn("angle-only", 'address :is "Reply-To" "angle@example.net"') +
     'if address :all :matches "To" "*" { fileinto "first=${1}"; }\n',
     msg("Cc: <@relay.example:routed@example.net>", "Reply-To: <angle@example.net>",
         replace={"to": "To: Friends: m1@example.org, \"M Two\" <m2@example.org>;, m3@example.org"}),
     purpose="groups with members, obsolete route address, bare angle address")

case("address-localpart-special", req("fileinto", "variables") +
     yn("dots-hyphens", 'address :localpart :is "To" "first.last-x"') +
     yn("quoted-comma", 'address :localpart :is "Cc" "a,b"') +
     yn("quoted-all", 'address :all :is "Cc" "\\"a,b\\"@example.org"') +
     yn("ip-literal-domain", 'address :domain :is "Reply-To" "[192.0.2.1]"') +
     'if address :localpart :matches "Cc" "*" { fileinto "cc-lp=${1}"; }\n',
     msg("Cc: \"a,b\"@example.org", "Reply-To: user@[192.0.2.1]",
         replace={"to": "To: first.last-x@example.org"}),
     purpose="local parts with dots/hyphens, quoted local part containing a comma, domain literal")

# ======================================================= envelope tests ===

RFC5233_EX = r'''require ["envelope", "subaddress", "fileinto"];

# In this example the same user account receives mail for both
# "ken@example.com" and "postmaster@example.com"

# File all messages to postmaster into a single mailbox,
# ignoring the :detail part.
if envelope :user "to" "postmaster" {
    fileinto "inbox.postmaster";
    stop;
}

# File mailing list messages (subscribed as "ken+mta-filters").
if envelope :detail "to" "mta-filters" {
    fileinto "inbox.ietf-mta-filters";
}

# Redirect all mail sent to "ken+foo".
if envelope :detail "to" "foo" {
    redirect "ken@example.net";
}
'''
case("rfc5233-postmaster", RFC5233_EX, env=env(to="postmaster+spam@example.com"),
     purpose="RFC 5233 6 example: envelope :user postmaster (with a detail)")
case("rfc5233-mta-filters", RFC5233_EX, env=env(to="ken+mta-filters@example.com"),
     purpose="RFC 5233 6 example: envelope :detail mta-filters")
case("rfc5233-foo", RFC5233_EX, env=env(to="ken+FOO@example.com"),
     purpose="RFC 5233 6 example: envelope :detail foo (case-insensitive)")

case("envelope-parts-full", req("envelope", "subaddress", "fileinto", "variables") +
     'if envelope :localpart :matches "from" "*" { fileinto "from-lp=${1}"; }\n' +
     'if envelope :domain :matches "from" "*" { fileinto "from-dom=${1}"; }\n' +
     'if envelope :user :matches "from" "*" { fileinto "from-user=${1}"; }\n' +
     'if envelope :detail :matches "from" "*" { fileinto "from-det=${1}"; }\n' +
     'if envelope :all :matches "to" "*" { fileinto "to-all=${1}"; }\n' +
     yn("to-domain-casemap", 'envelope :domain :is "to" "example.com"') +
     yn("to-domain-octet", 'envelope :domain :comparator "i;octet" :is "to" "example.com"') +
     yn("to-detail-empty", 'envelope :detail :is "to" ""') +
     yn("from-and-to-list", 'envelope :is ["from", "to"] "ken+@Example.COM"'),
     env=env("Alice.Smith+promo@Sub.Example.com", "ken+@Example.COM"),
     purpose="envelope :localpart/:domain/:user/:detail with mixed case and empty detail")

# =========================================================== control ===

case("nested-logic-deep", req("fileinto") +
     yn("n1", 'allof (anyof (false, not not true), not anyof (false, not true))') +
     yn("n2", 'anyof (allof (true, false), allof (not false, anyof (false, header :contains "Subject" "report")))') +
     yn("n3", 'not allof (true, anyof (false, not exists "From"))') +
     yn("n4", 'allof (anyof (header :is "X-A" "1", header :is "X-A" "2"), not header :is "X-A" "3")') +
     yn("n5", 'anyof (not anyof (not allof (true)))'),
     msg("X-A: 2"), purpose="deeply nested allof/anyof/not")

case("stop-in-nested-blocks", req("fileinto", "variables") + r'''set "v" "start";
if true {
    if header :contains "Subject" "report" {
        fileinto "inner";
        if anyof (false, true) {
            keep;
            stop;
        }
        fileinto "not-reached-1";
    }
    fileinto "not-reached-2";
}
fileinto "not-reached-3";
''', purpose="stop inside three nested blocks ends the script")

case("stop-in-elsif-before-actions", req("fileinto") + r'''if false { fileinto "a"; }
elsif header :is "X-Stop" "yes" { stop; }
else { fileinto "b"; }
discard;
''', msg("X-Stop: yes"), purpose="stop in elsif before any action -> implicit keep")

case("anyof-allof-short-circuit-vars", req("fileinto", "variables") + r'''if anyof (header :matches "Subject" "Q*", header :matches "From" "*@*") { fileinto "any=${1}"; }
if allof (header :matches "Subject" "Q*", header :matches "From" "*@*") { fileinto "all=${1}|${2}"; }
if allof (header :matches "To" "*", false) { fileinto "never"; }
fileinto "after-false-allof=${1}";
''', purpose="match variables with short-circuit anyof/allof (RFC 5229 3.2)")

# ==================================================== action interplay ===

case("dedup-keep-fileinto-redirect", req("fileinto", "copy") + r'''keep;
fileinto "INBOX";
fileinto :copy "INBOX";
redirect "a@example.net";
redirect :copy "a@example.net";
fileinto "Box";
fileinto :copy "Box";
''', purpose="duplicate suppression across keep/fileinto INBOX/:copy and redirect/redirect :copy")

case("dedup-fileinto-then-copy", req("fileinto", "copy") + r'''fileinto "A";
fileinto :copy "A";
redirect "r@example.net";
redirect :copy "r@example.net";
''', purpose="plain action first, then the :copy duplicate (reverse of case 019/027)")

case("dedup-redirect-count-limit", r'''redirect "r1@example.net";
redirect "r2@example.net";
redirect "r1@example.net";
redirect "r3@example.net";
redirect "r4@example.net";
''', purpose="five redirects with one duplicate: does the limit (4) count the duplicate?")

case("dedup-fileinto-create-variants", req("fileinto", "mailbox") + r'''fileinto :create "New";
fileinto "New";
fileinto "new";
''', purpose="fileinto :create + plain same name; mailbox name case")

case("discard-redirect-keep-order", req("fileinto") + r'''redirect "x@example.net";
discard;
fileinto "Later";
keep;
''', purpose="discard between other actions does not cancel them")

case("keep-flags-then-plain-keep", req("imap4flags") + r'''keep :flags "\\Seen";
keep;
''', purpose="keep with flags and a plain keep: merged?")

# ============================================================= reject ===

case("rfc5429-reject-coyote", r'''require ["reject"];

if header :contains "from" "coyote@desert.example.org" {
    reject text:
I am not taking mail from you, and I don't
want your birdseed, either!
.
;
}
''', hdrs("From: Wile E. Coyote <coyote@desert.example.org>", "To: roadrunner@acme.example.com",
          "Subject: I have a present for you",
          body="Look, I'm sorry about the whole anvil thing.\n"),
     env("coyote@desert.example.org", "roadrunner@acme.example.com"),
     purpose="RFC 5429 2.2 reject example verbatim")

case("reject-variables-and-stop", req("reject", "variables", "fileinto") + r'''if header :matches "Subject" "*" { set "s" "${1}"; }
if address :is "From" "alice@example.com" {
    reject "Your message '${s}' was refused.";
    stop;
}
fileinto "not-reached";
''', purpose="reject reason with variables, followed by stop")

case("reject-empty-reason", req("reject") + 'reject "";\n', purpose="reject with an empty reason")

case("reject-with-addflag-and-notify", req("reject", "imap4flags", "enotify") + r'''addflag "\\Seen";
reject "no thanks";
notify "mailto:admin@example.net";
''', purpose="reject combined with addflag and notify")

case("reject-dot-stuffing-trailing", req("reject") + '''reject text:
first line
..second line with leading dot
. third line with dot space

.
;
''', purpose="reject text: with dot-stuffing, '. ' line and a trailing empty line")

# ======================================================= spam / virus ===

SPAM_RFC = r'''require ["spamtest", "fileinto", "relational", "comparator-i;ascii-numeric"];
if spamtest :value "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.unclassified";
}
elsif spamtest :value "ge" :comparator "i;ascii-numeric" "3"
{
    fileinto "INBOX.spam-trap";
}
'''
case("rfc5235-spamtest-unclassified", SPAM_RFC, purpose="RFC 5235 3.2 example: no X-Spam-Score -> 0")
case("rfc5235-spamtest-trap", SPAM_RFC, msg("X-Spam-Score: 2.5"),
     purpose="RFC 5235 3.2 example: score 2.5 -> spamtest 3")

SPAMPLUS_RFC = r'''require ["spamtestplus", "fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.definitely-not-spam";
}
elsif spamtest :percent :value "eq" :comparator "i;ascii-numeric" "100"
{
    discard;
}
elsif spamtest :percent :value "gt" :comparator "i;ascii-numeric" "50"
{
    fileinto "INBOX.spam-trap";
}
if spamtest :matches "*" { fileinto "st=${1}"; }
if spamtest :percent :matches "*" { fileinto "pct=${1}"; }
'''
for nm, val in [("0", "0"), ("3-2", "3.2"), ("5", "5"), ("5-01", "5.01"), ("9-99", "9.99"),
                ("10", "10"), ("ws", "  7.5  "), ("plus", "+3"), ("comma", "7,5"), ("dot5", ".5"),
                ("exp", "1e1"), ("trailing-text", "6.5 (threshold 5.0)")]:
    case("spamtestplus-score-" + nm, SPAMPLUS_RFC, msg("X-Spam-Score: " + val),
         purpose="RFC 5235 4 spamtestplus example with X-Spam-Score '%s'" % val)

case("spamtest-default-comparator", req("spamtest", "fileinto", "relational") +
     yn("ge-3-casemap", 'spamtest :value "ge" "3"') +
     yn("eq-10", 'spamtest "10"') +
     yn("is-10", 'spamtest :is "10"') +
     yn("count-eq-1", 'spamtest :count "eq" "1"'),
     msg("X-Spam-Score: 12"),
     purpose="spamtest with default i;ascii-casemap: '10' ge '3' is a string comparison")

case("spamtest-multiple-headers", req("spamtest", "fileinto", "relational", "comparator-i;ascii-numeric", "variables") +
     'if spamtest :matches "*" { fileinto "st=${1}"; }\n',
     msg("X-Spam-Score: 1", "X-Spam-Score: 9"),
     purpose="two X-Spam-Score headers: which one counts?")

VIRUS_RFC = r'''require ["virustest", "fileinto", "relational", "comparator-i;ascii-numeric", "variables"];
if virustest :value "eq" :comparator "i;ascii-numeric" "0"
{
    fileinto "INBOX.unscanned";
}
elsif virustest :value "eq" :comparator "i;ascii-numeric" "4"
{
    fileinto "INBOX.quarantine";
}
elsif virustest :value "eq" :comparator "i;ascii-numeric" "5"
{
    discard;
}
if virustest :matches "*" { fileinto "vt=${1}"; }
'''
for nm, val in [("clean-upper", "CLEAN"), ("infected-detail", "Infected (Eicar-Test-Signature)"),
                ("harmful", "harmful"), ("cleaned-leading-ws", "   cleaned by scanner"),
                ("suspicious-hyphen", "suspicious-content"), ("empty", ""), ("number", "5"),
                ("unknown-word", "pending")]:
    case("virustest-" + nm, VIRUS_RFC, msg("X-Virus-Scan: " + val),
         purpose="RFC 5235 5 virustest example with X-Virus-Scan '%s'" % val)

# ======================================== RFC 5703 mime / foreverypart ===

IMG_MSG = msg(
    "Content-Transfer-Encoding: base64",
    replace={"content-type": "Content-Type: image/PNG; name=\"pic.png\""},
    body=b64(b"\x89PNG\r\n\x1a\nfake"))

case("rfc5703-top-level-image", r'''require ["mime", "fileinto"];
if header :mime :type "Content-Type" "image"
{
    fileinto "INBOX.images";
}
if header :mime :anychild :type "Content-Type" "image" { fileinto "anychild-image"; }
if header :mime :subtype "Content-Type" "png" { fileinto "subtype-png"; }
if header :mime :contenttype "Content-Type" "image/png" { fileinto "ct-image/png"; }
if header :mime :param "name" "Content-Type" "pic.png" { fileinto "param-name"; }
''', IMG_MSG, purpose="RFC 5703 4.2 example: top-level image/PNG (type case), :anychild includes the top level?")

RICH = msg(
    headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
        'Content-Type: multipart/mixed; boundary="m1"'],
    body=(
        "--m1\n"
        'Content-Type: multipart/alternative; boundary="m2"\n'
        "\n"
        "--m2\n"
        "Content-Type: text/plain; charset=\"UTF-8\"\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "Hello from the boss. Gr=C3=BC=C3=9Fe, the first text part is here and it is long enough to cut.\n"
        "--m2\n"
        "Content-Type: TEXT/HTML; charset=utf-8\n"
        "\n"
        "<html><body><b>Hello</b> html part</body></html>\n"
        "--m2--\n"
        "--m1\n"
        "Content-Type: application/pdf; name=\"important-report.pdf\"\n"
        "Content-Disposition: attachment; filename=\"important-report.pdf\"; size=123\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        + b64(b"%PDF-1.4 fake") +
        "--m1\n"
        "Content-Type: application/zip\n"
        "Content-Disposition: attachment;\n filename*=utf-8''Gr%C3%BC%C3%9Fe.zip\n"
        "\n"
        "PK-fake\n"
        "--m1\n"
        "Content-Type: message/rfc822\n"
        "\n"
        "From: Inner Sender <inner@example.net>\n"
        "To: someone@example.net\n"
        "Subject: forwarded\n"
        "Content-Type: text/plain\n"
        "\n"
        "inner text\n"
        "--m1--\n"))

case("rfc5703-anychild-html", r'''require ["mime", "fileinto"];
if header :mime :anychild :contenttype "Content-Type" "text/html" {
    fileinto "INBOX.html";
}
if header :mime :contenttype "Content-Type" "text/html" { fileinto "top-html"; }
if header :mime :anychild :param "filename" :matches "Content-Disposition" "*.pdf" { fileinto "has-pdf"; }
if header :mime :anychild :param "filename" :matches "Content-Disposition" "*.zip" { fileinto "has-zip-2231"; }
if header :mime :anychild :param "filename" :is "Content-Disposition" "Grüße.zip" { fileinto "zip-name-decoded"; }
if exists :mime :anychild "Content-Disposition" { fileinto "exists-cd"; }
if address :mime :anychild :is "From" "inner@example.net" { fileinto "inner-from"; }
if header :mime :anychild :type "Content-Type" "message" { fileinto "has-message"; }
''', RICH, purpose="RFC 5703 4 :anychild examples; RFC 2231 filename; address :mime on a message/rfc822 part")

case("rfc5703-foreverypart-important", r'''require ["foreverypart", "mime", "fileinto", "relational", "comparator-i;ascii-numeric"];
foreverypart {
  if allof (
    header :mime :param "filename" :contains "Content-Disposition" "important",
    header :mime :subtype "Content-Type" "pdf",
    size :over 1) {
    fileinto "INBOX.important";
    break;
  }
}
''', RICH, purpose="RFC 5703 3 foreverypart example (size threshold lowered)")

case("rfc5703-extracttext-boss", r'''require ["mime", "variables", "extracttext", "foreverypart", "enotify"];
if header :contains "from" "boss@example.org" {
  # :matches is used to get the value of the Subject header
  if header :matches "Subject" "*" {
    set "subject" "${1}";
  }
  # extract the first 40 characters of the first text/* part
  foreverypart {
    if header :mime :type :is "Content-Type" "text" {
      extracttext :first 40 "msgcontent";
      break;
    }
  }
  # if it's not a 'for your information' message
  if not header :contains "subject" "FYI:" {
    notify :message "${subject}: ${msgcontent}" "mailto:pager@example.org";
  }
}
''', RICH.replace("From: \"Alice Example\" <alice@example.com>", "From: Boss <boss@example.org>"),
     purpose="RFC 5703 7 extracttext example (with mailto instead of an sms: URI)")

case("foreverypart-order-and-names", req("foreverypart", "mime", "fileinto", "variables") + r'''set "seen" "";
foreverypart :name "outer" {
  if header :mime :contenttype :matches "Content-Type" "*" { set "seen" "${seen} ${1}"; }
  if header :mime :contenttype "Content-Type" "application/zip" { break :name "outer"; }
}
fileinto "seen=${seen}";
set "all" "";
foreverypart {
  if header :mime :contenttype :matches "Content-Type" "*" { set "all" "${all} ${1}"; }
}
fileinto "all=${all}";
''', RICH, purpose="foreverypart visiting order (root? message/rfc822 contents?), break :name")

case("foreverypart-break-inner-only", req("foreverypart", "mime", "fileinto", "variables") + r'''set "log" "";
foreverypart :name "a" {
  set "log" "${log}A";
  foreverypart :name "b" {
    set "log" "${log}b";
    break :name "b";
  }
}
fileinto "log=${log}";
''', RICH, purpose="break :name of the inner loop continues the outer loop")

case("foreverypart-header-mime-scope", req("foreverypart", "mime", "fileinto", "variables") + r'''set "n" "";
foreverypart {
  if header :mime :anychild :contenttype "Content-Type" "text/html" { set "n" "${n}H"; }
  if header :mime :type "Content-Type" "multipart" { set "n" "${n}M"; }
  if header :contains "Subject" "Quarterly" { set "n" "${n}s"; }
}
fileinto "n=${n}";
if header :mime :type "Content-Type" "multipart" { fileinto "top-multipart"; }
''', RICH, purpose="inside foreverypart :mime tests look at the current part, plain header at the top")

case("extracttext-modifiers-and-parts", req("foreverypart", "mime", "fileinto", "variables", "extracttext") + r'''set "i" "0";
foreverypart {
  if header :mime :contenttype "Content-Type" "text/plain" {
    extracttext :lower :first 12 "t";
    fileinto "plain12=${t}";
    extracttext :length "l" ;
  }
  if header :mime :contenttype "Content-Type" "text/html" {
    extracttext "h";
    fileinto "html=${h}";
  }
  if header :mime :contenttype "Content-Type" "application/pdf" {
    extracttext "p";
    fileinto "pdf=[${p}]";
  }
}
''', RICH, purpose="extracttext with modifiers, on text/html (tags?), on non-text part")

case("mime-header-params-and-case", req("mime", "fileinto", "variables") +
     yn("charset-param-quoted", 'header :mime :param "charset" "Content-Type" "us-ascii"') +
     yn("charset-param-case", 'header :mime :param "CHARSET" "Content-Type" "US-ASCII"') +
     yn("format-param", 'header :mime :param "format" "Content-Type" "flowed"') +
     yn("missing-param", 'header :mime :param "nope" :matches "Content-Type" "*"') +
     yn("type-is-text", 'header :mime :type "Content-Type" "TEXT"') +
     yn("subtype-plain", 'header :mime :subtype "Content-Type" "Plain"') +
     yn("ct-whole", 'header :mime :contenttype "Content-Type" "text/plain"') +
     yn("plain-header-full", 'header :contains "Content-Type" "format=flowed"') +
     'if header :mime :param ["format", "charset"] :matches "Content-Type" "*" { fileinto "first-param=${1}"; }\n',
     msg(replace={"content-type": "Content-Type: Text/Plain; Charset=\"US-ASCII\"; format=flowed (comment)"}),
     purpose="header :mime :type/:subtype/:contenttype/:param on the top-level part, case and quoting")

case("mime-no-content-type-defaults", req("mime", "fileinto") +
     yn("type-text", 'header :mime :type "Content-Type" "text"') +
     yn("param-charset", 'header :mime :param "charset" "Content-Type" "us-ascii"') +
     yn("anychild-text", 'header :mime :anychild :type "Content-Type" "text"'),
     msg(drop=("content-type", "mime-version")),
     purpose="no Content-Type at all: RFC 5703 4.2 says the default (text/plain) applies?")

# ========================================================= RFC 5435 ===

ENOTIFY1 = r'''require ["enotify", "fileinto", "variables"];

if header :contains "from" "boss@example.org" {
    notify :importance "1"
        :message "This is probably very important"
                    "mailto:alm@example.com";
    # Don't send any further notifications
    stop;
}

if header :contains "to" "sievemailinglist@example.org" {
    # :matches is used to get the value of the Subject header
    if header :matches "Subject" "*" {
        set "subject" "${1}";
    }

    # :matches is used to get the value of the From header
    if header :matches "From" "*" {
        set "from" "${1}";
    }

    notify :importance "3"
        :message "[SIEVE] ${from}: ${subject}"
        "mailto:alm@example.com";
    fileinto "INBOX.sieve";
}
'''
case("rfc5435-boss", ENOTIFY1, hdrs("From: boss@example.org", "To: alm@example.com", "Subject: now"),
     purpose="RFC 5435 9 example 1: boss -> importance 1, stop")
case("rfc5435-mailing-list", ENOTIFY1,
     hdrs("From: \"Ned Freed\" <ned@example.com>", "To: sievemailinglist@example.org",
          "Subject: =?UTF-8?Q?Re:_enotify_=E2=9C=93?="),
     purpose="RFC 5435 9 example 1: list message -> importance 3 with variables (encoded subject)")

case("rfc5435-envelope-from", r'''require ["enotify", "fileinto", "variables", "envelope"];

if header :matches "from" "*@*.example.org" {
    # :matches is used to get the MAIL FROM address
    if envelope :all :matches "from" "*" {
        set "env_from" " [really: ${1}]";
    }

    # :matches is used to get the value of the Subject header
    if header :matches "Subject" "*" {
        set "subject" "${1}";
    }

    # :matches is used to get the address from the From header
    if address :matches :all "from" "*" {
        set "from_addr" "${1}";
    }

    notify :message "${from_addr}${env_from}: ${subject}"
                    "mailto:alm@example.com";
}
''', hdrs("From: someone@lists.example.org", "To: alm@example.com", "Subject: hello there"),
     env("bounce-123@lists.example.org", "alm@example.com"),
     purpose="RFC 5435 9 example 2 verbatim")

case("rfc5435-method-variable-empty", r'''require ["enotify", "variables"];

set "notif_method"
 "xmpp:tim@example.com?message;subject=SIEVE;body=Foo";

if header :contains "subject" "Your dog" {
    set "notif_method" "tel:+14085551212";
}

if header :contains "to" "sievemailinglist@example.org" {
    set "notif_method" "";
}

if not string :is "${notif_method}" "" {
    notify "${notif_method}";
}

if header :contains "from" "boss@example.org" {
    # :matches is used to get the value of the Subject header
    if header :matches "Subject" "*" {
        set "subject" "${1}";
    }

    # don't need high importance notification for
    # a 'for your information'
    if not header :contains "subject" "FYI:" {
        notify :importance "1" :message "BOSS: ${subject}"
                    "mailto:+14085551212@sms.example.net";
    }
}
''', hdrs("From: boss@example.org", "To: sievemailinglist@example.org", "Subject: Your dog ate my homework"),
     purpose="RFC 5435 9 example 3 (tel: replaced by mailto for the boss part); empty method skipped")

case("notify-all-tags", req("enotify", "variables") + r'''if header :matches "Subject" "*" { set "s" "${1}"; }
notify :from "Sieve Daemon <sieve@example.org>" :importance "3" :options ["x-opt=1", "other=two"]
       :message "New mail: ${s} — from ${env}" "mailto:alerts@example.net?to=ops%40example.net&cc=boss%40example.net&subject=ignored&body=See%20mailbox";
''', purpose="notify with :from (display name), :importance 3, :options, UTF-8 :message, several to/cc/body")

case("notify-dedup-different-message", req("enotify") + r'''notify :message "one" "mailto:a@example.net";
notify :message "two" "mailto:a@example.net";
notify :importance "1" "mailto:a@example.net";
notify "mailto:b@example.net";
notify "mailto:b@example.net";
''', purpose="RFC 5435 3.8: duplicate notifications (same method, different :message/:importance)")

case("notify-method-tests", req("enotify", "fileinto") +
     yn("valid-mailto-list", 'valid_notify_method ["mailto:a@example.net", "mailto:b@example.net"]') +
     yn("valid-one-bad", 'valid_notify_method ["mailto:a@example.net", "foo:bar"]') +
     yn("valid-mailto-encoded", 'valid_notify_method "mailto:a%40example.net"') +
     yn("valid-mailto-no-addr", 'valid_notify_method "mailto:"') +
     yn("valid-mailto-bad-addr", 'valid_notify_method "mailto:not an address"') +
     yn("cap-online-maybe", 'notify_method_capability "mailto:a@example.net" "online" "maybe"') +
     yn("cap-online-case", 'notify_method_capability "mailto:a@example.net" "Online" "MAYBE"') +
     yn("cap-unknown-method", 'notify_method_capability "xyz:foo" "online" ["yes", "no", "maybe"]'),
     purpose="valid_notify_method lists and notify_method_capability details")

case("notify-with-fileinto-discard", req("enotify", "fileinto") + r'''notify :importance "2" :message "filed" "mailto:me@example.org";
fileinto "Filed";
discard;
''', purpose="notify does not affect implicit keep; fileinto + discard")

case("notify-encodeurl-variable", req("enotify", "variables") + r'''if header :matches "Subject" "*" { set :encodeurl "s" "${1}"; }
notify "mailto:me@example.org?subject=${s}&body=From%3A%20alice";
''', msg(replace={"subject": "Subject: Q&A: 50% off? =yes="}),
     purpose=":encodeurl of a subject with reserved characters used inside a mailto URI")

# ========================================================= RFC 7352 ===

case("rfc7352-duplicate-create", r'''require ["duplicate", "fileinto", "mailbox"];

if duplicate {
  fileinto :create "Trash/Duplicate";
}
''', purpose="RFC 7352 3 example 1: fresh message is not a duplicate")

case("rfc7352-alert-uniqueid", r'''require ["duplicate", "variables"];

if header :matches "subject" "ALERT: *" {
  if duplicate :seconds 60 :uniqueid "${1}" {
    discard;
  } else {
    redirect "pager@example.com";
  }
}
''', msg(replace={"subject": "Subject: ALERT: disk full on db1"}),
     purpose="RFC 7352 3 example 2: ALERT with :uniqueid")

case("rfc7352-same-id-twice", req("duplicate", "fileinto") + r'''if duplicate :header "Subject" { fileinto "dup1"; } else { fileinto "new1"; }
if duplicate :header "Subject" { fileinto "dup2"; } else { fileinto "new2"; }
if duplicate :uniqueid "x" :handle "h" { fileinto "dup3"; }
if duplicate :uniqueid "x" :handle "h" { fileinto "dup4"; }
''', purpose="RFC 7352 3: ids seen earlier in the same execution are not duplicates")

case("rfc7352-header-from-notify", r'''require ["variables", "duplicate", "enotify"];

if header :matches "from" "*" {
  set "from" "${1}";
}

if duplicate :header "from" :seconds 1800 {
  discard;
} elsif not duplicate :last :seconds 1800 :uniqueid "${from}" {
  notify :message "[SIEVE] ${from}" "mailto:alm@example.com";
}
''', purpose="RFC 7352 style example with :header, :last, :uniqueid and notify")

# ====================================================== misc / other RFCs ===

case("encoded-character-forms", req("encoded-character", "fileinto", "variables") + r'''fileinto "h=${hex:48 65 6C 6c 6F}";
fileinto "u=${unicode:48 e9 1F600}";
fileinto "mixed=${hex:41}${unicode:42}${HEX:43}";
fileinto "bad=${hex:zz} ${unicode:} ${hex:4}";
fileinto "ws=${hex: 41   42 }";
''', purpose="RFC 5228 2.4.2.4 encoded-character: case, whitespace, invalid sequences stay literal")

case("ihave-runtime-branches", req("ihave", "fileinto") + r'''if ihave "nonexistent-ext" { nonexistent_command; }
elsif ihave ["fileinto", "copy"] { fileinto :copy "has-copy"; }
if not ihave "vnd.bogus" { fileinto "no-bogus"; }
''', purpose="RFC 5463 ihave; unknown command inside a false ihave block; ihave enables copy")

case("mailbox-create-and-exists", req("mailbox", "fileinto") +
     yn("inbox-exists", 'mailboxexists "INBOX"') +
     yn("inbox-lower-exists", 'mailboxexists "inbox"') +
     yn("list-with-missing", 'mailboxexists ["INBOX", "Nope/Nada"]') +
     'fileinto :create "Projects/2024";\n',
     purpose="RFC 5490 mailboxexists (all must exist), fileinto :create")

case("comparator-numeric-header-is", req("fileinto", "comparator-i;ascii-numeric") +
     yn("is-007-7", 'header :is :comparator "i;ascii-numeric" "X-N" "7"') +
     yn("is-7x-7", 'header :is :comparator "i;ascii-numeric" "X-M" "7"') +
     yn("is-inf-inf", 'header :is :comparator "i;ascii-numeric" "X-Word" "other"') +
     yn("address-numeric", 'address :localpart :is :comparator "i;ascii-numeric" "To" "0042"'),
     msg("X-N: 007", "X-M: 7x", "X-Word: word", replace={"to": "To: 42@example.org"}),
     purpose="i;ascii-numeric equality with :is (leading zeros, trailing text, both non-numeric)")

case("environment-host-independent", req("environment", "fileinto", "relational") +
     yn("unknown-item", 'environment :matches "x-no-such-item" "*"') +
     yn("remote-ip-unset", 'environment :matches "remote-ip" "*"') +
     yn("name-exists", 'environment :matches "name" "?*"') +
     yn("version-nonempty", 'environment :count "eq" "version" "1"'),
     purpose="RFC 5183 environment: unknown item is false; items that exist everywhere")

case("header-names-and-lists", req("fileinto") +
     yn("name-list-any", 'header :is ["X-Nope", "SUBJECT", "x-nope2"] "quarterly REPORT"') +
     yn("key-list-any", 'header :contains "From" ["zzz", "Example"]') +
     yn("message-id-angle", 'header :is "Message-ID" "<20240305143000.1234@example.com>"') +
     yn("received-contains-esmtpsa", 'header :contains "Received" "ESMTPSA"') +
     yn("received-folded-space", 'header :contains "Received" "192.0.2.1]) by mx.example.net"') +
     yn("return-path", 'header :is "Return-Path" "<alice@example.com>"'),
     purpose="header test with name/key lists, Received unfolding")

case("regex-basic", req("regex", "fileinto", "variables") +
     'if header :regex "Subject" "^(Q[a-z]+) (r.*)$" { fileinto "g1=${1} g2=${2}"; }\n' +
     yn("regex-casemap", 'header :regex "Subject" "^quarterly"') +
     yn("regex-octet", 'header :regex :comparator "i;octet" "Subject" "^quarterly"') +
     'if address :regex :domain "From" "^([^.]+)\\\\.(.*)$" { fileinto "dom=${1}|${2}"; }\n',
     purpose="regex extension: groups into match variables, comparator case handling")

case("policy-realistic-combo", req("fileinto", "imap4flags", "variables", "envelope", "subaddress",
                                   "relational", "comparator-i;ascii-numeric", "spamtest", "editheader", "copy") + r'''# a user-level filter as people write them
if spamtest :value "ge" :comparator "i;ascii-numeric" "6" {
    addflag "$Junk";
    addheader "X-Filed-As" "spam";
    fileinto "Junk";
    stop;
}
if envelope :detail :matches "to" "*" {
    if not string :is "${1}" "" {
        set :lower "folder" "${1}";
        fileinto :flags "\\Seen" "Plus/${folder}";
    }
}
if anyof (header :contains "List-Id" "announce", exists "List-Unsubscribe") {
    fileinto :copy "Lists";
}
if header :count "ge" :comparator "i;ascii-numeric" "Received" "2" { addflag "relayed"; }
''', msg("X-Spam-Score: 3.1", "List-Unsubscribe: <mailto:leave@example.com>"),
     env(to="bob+Receipts@example.org"),
     purpose="realistic combination: plus-address folder with :lower, :copy to Lists, flags on implicit keep")


# ============================================================ round 2 ====
# (appended after the first agreement run; numbers of earlier cases unchanged)

case("notify-valid-method-mailto-syntax", req("enotify", "fileinto") +
     yn("no-at", 'valid_notify_method "mailto:foo"') +
     yn("space-in-local", 'valid_notify_method "mailto:a b@example.net"') +
     yn("double-at", 'valid_notify_method "mailto:a@@example.net"') +
     yn("bad-hname", 'valid_notify_method "mailto:a@example.net?bad header=x"') +
     yn("only-hfields", 'valid_notify_method "mailto:?subject=x"') +
     yn("to-hfield", 'valid_notify_method "mailto:?to=a@example.net"') +
     yn("upper-scheme", 'valid_notify_method "MAILTO:a@example.net"') +
     yn("two-recipients-encoded", 'valid_notify_method "mailto:a@example.net%2Cb@example.net"'),
     purpose="valid_notify_method must check mailto URI syntax (RFC 5435 8.1, RFC 6068 2)")

case("notify-runtime-invalid-uri", req("enotify", "variables", "fileinto") + r'''set "to" "not an address";
fileinto "before";
notify "mailto:${to}";
''', purpose="notify with a variable URI that is not a valid mailto URI (run-time error?)")

case("redirect-variable-addresses", req("variables") + r'''if address :all :matches "Reply-To" "*" { set "rt" "${1}"; }
redirect "${rt}";
set "bad" "not an address";
redirect "${bad}";
''', msg("Reply-To: \"Help Desk\" <helpdesk@example.net>"),
     purpose="redirect to an address from a header, then to an invalid address from a variable")

case("redirect-variable-display-form", req("variables") + r'''if header :matches "Reply-To" "*" { set "rt" "${1}"; }
redirect "${rt}";
''', msg("Reply-To: \"Help, Desk\" <helpdesk@example.net>"),
     purpose="redirect with a variable holding a full 'Name <addr>' header value")

case("rfc5232-s3-examples", r'''require ["imap4flags", "fileinto", "variables"];
addflag "flagvar" "\\Deleted";
addflag "flagvar" "\\Answered";
fileinto :flags "${flagvar}" "step1";
addflag "flagvar" ["\\Deleted", "\\Answered"];
addflag "flagvar" "\\Deleted \\Answered";
addflag "flagvar" "\\Answered \\Deleted";
fileinto :flags "${flagvar}" "step2";
if header :contains "Disposition-Notification-To" "mel@example.com" {
    addflag "flagvar" "$MDNRequired";
}
if header :contains "from" "imap@cac.washington.example.edu" {
    removeflag "flagvar" "$MDNRequired";
    fileinto :flags "${flagvar}" "INBOX.imap-list";
}
if hasflag :contains "flagvar" "Junk" { discard; stop; }
if hasflag :contains "flagvar" "Answ" { fileinto "contains-partial"; }
''', hdrs("From: imap@cac.washington.example.edu", "To: mel@example.com",
          "Disposition-Notification-To: mel@example.com", "Subject: IMAP list"),
     purpose="RFC 5232 3.2/3.3/4 examples: addflag forms, removeflag, hasflag :contains on a flag list")

case("rfc5490-mailbox-examples", r'''require ["fileinto", "mailbox"];
if mailboxexists "Partners" {
   fileinto "Partners";
} else {
   fileinto :create "Partners";
}
if mailboxexists ["INBOX", "INBOX"] { fileinto :create "INBOX" ; }
''', purpose="RFC 5490 3.1/3.2 style: mailboxexists else fileinto :create")

RR_SCRIPT = r'''require ["fileinto","imap4flags","copy","body","envelope","relational","comparator-i;ascii-numeric","regex"];
# rule:[Spam]
if anyof (header :contains "subject" "[SPAM]", header :contains "x-spam-flag" "yes")
{
	fileinto "Junk";
	stop;
}
# rule:[Family]
if anyof (address :is "from" ["mom@example.com", "dad@example.com"])
{
	fileinto :copy "Family";
	addflag "\\Flagged";
}
# rule:[Invoices]
if allof (header :regex "subject" "(invoice|rechnung) #?[0-9]+", not header :contains "from" "noreply")
{
	fileinto "Finance/Invoices";
}
# rule:[Big]
if size :over 2K
{
	fileinto :flags "Big" "Large";
}
# rule:[Newsletter]
if anyof (exists "list-unsubscribe", header :contains "precedence" ["bulk", "list"])
{
	setflag "\\Seen";
	fileinto "Newsletters";
	stop;
}
'''
case("realistic-roundcube-family", RR_SCRIPT,
     msg(replace={"from": "From: Mom <MOM@example.com>", "subject": "Subject: Rechnung #4711 for the flowers"}),
     purpose="Roundcube-style rule set: family copy with flag, regex invoice, implicit keep with flag")
case("realistic-roundcube-spam", RR_SCRIPT,
     msg("X-Spam-Flag: YES", replace={"subject": "Subject: [SPAM] cheap watches"}),
     purpose="Roundcube-style rule set: spam rule fires and stops")
case("realistic-roundcube-newsletter", RR_SCRIPT,
     msg("List-Unsubscribe: <https://news.example.com/u?id=1>", "Precedence: list",
         replace={"from": "From: News <noreply@news.example.com>", "subject": "Subject: Invoice 12 ready"},
         body=("Newsletter body line with some padding text.\n" * 50)),
     purpose="Roundcube-style rule set: big newsletter, regex excluded by noreply, setflag then fileinto")

case("realistic-vacation-with-exceptions", r'''require ["vacation", "variables", "envelope", "date", "relational", "fileinto"];
# SOGo/mailcow-like auto-reply with exceptions
if anyof (exists "list-id", exists "list-unsubscribe",
          header :contains "precedence" ["bulk", "list", "junk"],
          header :matches "auto-submitted" "auto-*",
          envelope :localpart :matches "from" ["*-bounces", "mailer-daemon", "noreply*"]) {
    keep;
} elsif date :value "ge" :originalzone "date" "date" "2024-03-01" {
    if header :matches "subject" "*" { set "s" "${1}"; }
    vacation :days 3 :subject "Re: ${s}" :addresses ["bob@example.org"] :from "Bob <bob@example.org>"
      "I am on leave until 2024-03-20. Your mail about \"${s}\" will be read later.";
}
''', purpose="realistic auto-reply with exception list and a date condition")

case("realistic-vacation-exception-hit", r'''require ["vacation", "variables", "envelope", "date", "relational", "fileinto"];
if anyof (exists "list-id", exists "list-unsubscribe",
          header :contains "precedence" ["bulk", "list", "junk"],
          header :matches "auto-submitted" "auto-*",
          envelope :localpart :matches "from" ["*-bounces", "mailer-daemon", "noreply*"]) {
    keep;
} elsif date :value "ge" :originalzone "date" "date" "2024-03-01" {
    vacation :days 3 "away";
}
''', env=env("NoReply-Billing@shop.example.com"),
     purpose="realistic auto-reply exceptions: envelope localpart noreply* (case-insensitive)")

for nm, dh, purpose in [
    ("date-fmt-leap-second", "Date: Sat, 31 Dec 2016 23:59:60 +0000", "leap second :60 (allowed by RFC 5322 3.3)"),
    ("date-fmt-feb-30", "Date: Fri, 30 Feb 2024 10:00:00 +0000", "impossible calendar date 30 Feb"),
    ("date-fmt-hour-24", "Date: Tue, 05 Mar 2024 24:00:00 +0000", "hour 24 (invalid)"),
    ("date-fmt-zone-minutes-60", "Date: Tue, 05 Mar 2024 14:30:00 +0160", "zone with minutes 60 (invalid)"),
    ("date-fmt-ut", "Date: Tue, 05 Mar 2024 14:30:00 UT", "obsolete zone UT"),
    ("date-fmt-no-zone", "Date: Tue, 05 Mar 2024 14:30:00", "zone missing (invalid)"),
    ("date-fmt-iso8601", "Date: 2024-03-05T14:30:00Z", "ISO 8601 instead of RFC 5322 (invalid)"),
    ("date-fmt-full-month-name", "Date: Tuesday, 05 March 2024 14:30:00 +0100", "full day and month names (invalid)"),
    ("date-fmt-lowercase-zone-name", "Date: Tue, 05 Mar 2024 14:30:00 gmt", "lower-case GMT"),
    ("date-fmt-zone-comment-only", "Date: Tue, 05 Mar 2024 14:30:00 +0000 (GMT+01:00)", "zone followed by a misleading comment"),
    ("date-fmt-single-digit-hour", "Date: Tue, 5 Mar 2024 9:05:07 +0100", "single-digit hour (invalid per RFC 5322, common in practice)"),
    ("date-fmt-two-digit-year-99", "Date: Fri, 31 Dec 99 23:00:00 -0100", "two-digit year 99 -> 1999, rollover to 2000 in UTC"),
]:
    case(nm, DATE_PARTS, msg(replace={"date": dh}), purpose="Date header format: " + purpose)

case("editheader-encoded-subject-value-match", req("editheader", "fileinto") + r'''deleteheader :contains "Subject" "Grüße";
''' + yn("subject-gone", 'not exists "Subject"') +
     'deleteheader :is "X-Enc" "Café";\n' +
     yn("xenc-gone", 'not exists "X-Enc"'),
     msg("X-Enc: =?ISO-8859-1?Q?Caf=E9?=", replace={"subject": "Subject: =?UTF-8?B?R3LDvMOfZQ==?= aus Berlin"}),
     purpose="deleteheader value patterns are matched against the RFC 2047 decoded value")

case("editheader-delete-from-then-address", req("editheader", "fileinto") + r'''deleteheader "From";
''' + yn("from-exists", 'exists "From"') +
     yn("from-address", 'address :all :matches "From" "*"') +
     'addheader :last "From" "Postmaster <postmaster@example.net>";\n' +
     yn("from-new", 'address :is "From" "postmaster@example.net"'),
     purpose="deleting From, testing address on it, then adding a new From")

case("editheader-index-beyond-and-added", req("editheader", "index", "fileinto", "relational", "comparator-i;ascii-numeric") + r'''deleteheader :index 5 "X-A";
addheader "X-A" "new-first";
deleteheader :index 2 "X-A";
''' + yn("count-2", 'header :count "eq" :comparator "i;ascii-numeric" "X-A" "2"') +
     yn("first-is-new", 'header :index 1 :is "X-A" "new-first"') +
     yn("second-is-a2", 'header :index 2 :is "X-A" "a2"'),
     msg("X-A: a1", "X-A: a2"),
     purpose="deleteheader :index past the end is a no-op; :index counts added fields too")

case("address-malformed-lists", req("fileinto", "variables", "relational", "comparator-i;ascii-numeric") +
     yn("trailing-comma", 'address :is "To" "bob@example.org"') +
     yn("semicolon-sep", 'address :is "Cc" "c1@example.org"') +
     yn("null-from", 'address :all :is "From" ""') +
     yn("null-from-matches", 'address :all :matches "From" "*"') +
     yn("count-to", 'address :count "eq" :comparator "i;ascii-numeric" "To" "2"') +
     'if address :all :matches "Cc" "*" { fileinto "cc=${1}"; }\n',
     msg("Cc: c1@example.org; c2@example.org",
         replace={"to": "To: bob@example.org, , carol@example.org,", "from": "From: <>"}),
     purpose="address lists with empty elements, ';' separator, null address <>")

case("address-detail-quoted-localpart", req("fileinto", "subaddress", "variables") +
     'if address :detail :matches "To" "*" { fileinto "det=${1}"; }\n' +
     'if address :user :matches "To" "*" { fileinto "user=${1}"; }\n' +
     'if address :localpart :matches "To" "*" { fileinto "lp=${1}"; }\n',
     msg(replace={"to": "To: \"bob+tag with space\"@example.org"}),
     purpose=":detail/:user on a quoted local part containing '+' and spaces")

case("body-qp-invalid-and-b64-irregular", req("body", "fileinto") +
     yn("qp-invalid-kept", 'body :content "text/plain" :contains "=ZZ invalid"') +
     yn("qp-lowercase-hex", 'body :content "text/plain" :contains "café"') +
     yn("qp-trailing-space-soft", 'body :content "text/plain" :contains "joined-here"') +
     yn("b64-irregular", 'body :content "text/html" :contains "irregular-base64-marker"'),
     msg(headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
         'Content-Type: multipart/mixed; boundary="q"'],
         body=("--q\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
               "A =ZZ invalid escape, caf=c3=a9 lower hex, joined-=   \nhere\n"
               "--q\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
               + "".join(x + "\n" for x in (lambda e: [e[i:i + 13] for i in range(0, len(e), 13)])(
                   base64.b64encode(b"<p>irregular-base64-marker</p>").decode())) +
               "--q--\n")),
     purpose="QP with an invalid escape, lower-case hex, soft break after spaces; base64 with short lines")

case("body-message-rfc822-nested-multipart", req("body", "fileinto") +
     yn("inner-plain", 'body :content "text/plain" :contains "deep-plain-marker"') +
     yn("inner-html-text", 'body :text :contains "deep-html-marker"') +
     yn("inner-multipart-content", 'body :content "multipart/alternative" :contains "deep-preamble"') +
     yn("message-headers", 'body :content "message/rfc822" :contains "Subject: deep"'),
     msg(headers=[h for h in STD_HEADERS if not h.startswith("Content-Type")] + [
         'Content-Type: multipart/mixed; boundary="o"'],
         body=("--o\nContent-Type: text/plain\n\nSee forwarded.\n"
               "--o\nContent-Type: message/rfc822\n\n"
               "From: deep@example.net\nSubject: deep\nMIME-Version: 1.0\n"
               "Content-Type: multipart/alternative; boundary=\"i\"\n\n"
               "deep-preamble\n--i\nContent-Type: text/plain\n\ndeep-plain-marker\n"
               "--i\nContent-Type: text/html\n\n<p>deep-html-marker</p>\n--i--\n"
               "--o--\n")),
     purpose="body :content / :text inside a forwarded message/rfc822 with its own multipart")

case("vars-long-value-truncation", req("variables", "fileinto") + r'''if header :matches "X-Long" "*" { set "v" "${1}"; }
set :length "l" "${v}";
fileinto "len=${l}";
set "w" "${v}${v}";
set :length "l2" "${w}";
fileinto "len2=${l2}";
''', msg("X-Long: " + "x" * 5000),
     purpose="a 5000-character header value in a variable (RFC 5229 3: implementations may limit sizes)")

case("foreverypart-stop-inside", req("foreverypart", "mime", "fileinto") + r'''foreverypart {
  if header :mime :subtype "Content-Type" "pdf" {
    fileinto "has-pdf";
    stop;
  }
}
fileinto "not-reached";
''', RICH, purpose="stop inside foreverypart ends the whole script")

case("header-2047-windows1252-and-whitespace", req("fileinto", "variables") +
     yn("cp1252-quotes", 'header :is "Subject" "“Smart” quotes – and € sign"') +
     yn("q-underscore", 'header :is "X-Q" "a b_c"') +
     yn("word-then-text", 'header :is "X-Mix" "Grüße aus Köln"') +
     yn("text-between-words", 'header :is "X-Mix2" "Ä und Ö"') +
     'if header :matches "X-Mix" "Gr??e*" { fileinto "q2=${1}${2}|${3}"; }\n',
     msg("X-Q: =?us-ascii?Q?a_b=5Fc?=",
         "X-Mix: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus =?utf-8?q?K=C3=B6ln?=",
         "X-Mix2: =?iso-8859-15?q?=C4?= und =?iso-8859-15?q?=D6?=",
         replace={"subject": "Subject: =?windows-1252?Q?=93Smart=94_quotes_=96_and_=80_sign?="}),
     purpose="RFC 2047: windows-1252, Q underscores vs =5F, plain text between encoded words")

case("string-relational-lists", req("variables", "relational", "comparator-i;ascii-numeric", "fileinto") + r'''set "a" "5";
set "b" "12";
set "c" "";
''' + yn("any-gt-10", 'string :value "gt" :comparator "i;ascii-numeric" ["${a}", "${b}"] "10"') +
     yn("all-lt-3-none", 'string :value "lt" :comparator "i;ascii-numeric" ["${a}", "${b}"] "3"') +
     yn("count-ge-2", 'string :count "ge" :comparator "i;ascii-numeric" ["${a}", "${b}", "${c}"] "2"') +
     yn("count-eq-3", 'string :count "eq" :comparator "i;ascii-numeric" ["${a}", "${b}", "${c}"] "3"') +
     yn("empty-value-eq-0", 'string :value "eq" :comparator "i;ascii-numeric" "${c}" "0"') +
     yn("keys-list", 'string :value "eq" :comparator "i;ascii-numeric" "${b}" ["1", "12"]'),
     purpose="string test with relational :value/:count over source and key lists")

case("flags-variables-list-expansion", req("imap4flags", "variables", "fileinto") + r'''set "f1" "\\Seen";
set "f2" "$Work Project";
addflag ["${f1}", "${f2}", "  "];
fileinto "A";
removeflag "${f2}";
keep :flags ["${f1}", "Extra"];
''', purpose="addflag with a list of variables containing several flags and blanks; keep :flags list")

case("reject-then-discard-indented-text", req("reject", "fileinto") + r'''if header :contains "Subject" "report" {
    reject text:
Sorry.
  Second line indented.
.
;
    discard;
}
''', purpose="reject followed by discard (allowed), text: with indentation kept")

case("duplicate-distinct-ids-and-handles", req("duplicate", "fileinto", "variables") + r'''if duplicate :uniqueid "a" { fileinto "dup-a"; }
if duplicate :uniqueid "b" { fileinto "dup-b"; }
if duplicate :handle "h1" :uniqueid "c" { fileinto "dup-h1-c"; }
if duplicate :handle "h2" :uniqueid "c" { fileinto "dup-h2-c"; }
if duplicate :header "Message-ID" { fileinto "dup-mid"; }
fileinto "end";
''', purpose="RFC 7352: distinct ids/handles in one execution are never duplicates")


# ============================================================ round 3 ====

case("vacation-from-variable-invalid", req("vacation", "variables") + r'''if header :matches "X-Owner" "*" { set "me" "${1}"; }
vacation :from "${me}" :subject "Away" "I am away.";
''', msg("X-Owner: not a valid address"),
     purpose="vacation :from from a variable holding an invalid address (run-time check?)")

case("editheader-variable-name", req("editheader", "variables", "fileinto") + r'''set "h" "X-Dyn";
addheader "${h}" "dynamic";
''' + yn("exists", 'exists "X-Dyn"') +
     yn("value", 'header :is "x-dyn" "dynamic"'),
     purpose="addheader with the field name taken from a variable")

case("editheader-variable-name-invalid", req("editheader", "variables", "fileinto") + r'''fileinto "before";
set "h" "Bad Name:";
addheader "${h}" "value";
fileinto "after";
''', purpose="addheader with an invalid field name from a variable (RFC 5293 4: run-time error)")

case("editheader-oversized-value", req("editheader", "fileinto", "variables") + r'''if header :matches "X-Long" "*" { set "v" "${1}"; }
addheader "X-Copy" "${v}${v}${v}";
''' + yn("copy-exists", 'exists "X-Copy"'),
     msg("X-Long: " + "abcdefghij" * 90),
     purpose="addheader with a 2700-character value (implementation limit on header size)")

case("syntax-comments-everywhere", r'''require /* inline */ ["fileinto", # list comment
         "variables"];
if /* before test */ header :contains /* between */ "Subject" # hash
   "report" /* after */ {
  fileinto "has # hash and /* not a comment */";
}
set "x" text: # comment after text:
line with /* no comment */
.
;
if string :is "${x}" "line with /* no comment */${hex:0d 0a}" { fileinto "text-ok"; }
if size :over 010 { fileinto "leading-zero-number"; }
if header :CONTAINS "SUBJECT" "REPORT" { fileinto "upper-case-identifiers"; }
'''.replace('"variables"];', '"variables", "encoded-character"];'),
     purpose="comments in odd places, comment-like text inside strings, leading-zero number, upper-case tags")

case("flags-variable-name-case", req("imap4flags", "variables", "fileinto") + r'''setflag "MyFlags" "A";
addflag "myflags" "B";
if hasflag "MYFLAGS" "a" { fileinto :flags "${myFlags}" "X"; }
''', purpose="flag variable names are case-insensitive; hasflag compares case-insensitively")

case("address-all-headers-list", req("fileinto", "variables") +
     'if address :all :matches ["Resent-From", "From", "Sender"] "*" { fileinto "first=${1}"; }\n' +
     yn("any-header-domain", 'address :domain :is ["To", "Cc", "Bcc", "Resent-To"] "example.org"') +
     yn("list-keys", 'address :localpart :is ["From", "To"] ["carol", "bob"]'),
     msg("Resent-From: resender@relay.example.net", "Sender: sender@example.com"),
     purpose="address with a list of header names: which header's value comes first for match variables")


# ============================================================ round 4 ====

for nm, val in [("trailing-dot", "7."), ("negative", "-2.5"), ("trailing-space-only", "7.5 "),
                ("leading-comma", ",5")]:
    case("spamtestplus-score-" + nm, SPAMPLUS_RFC, msg("X-Spam-Score: " + val),
         purpose="RFC 5235 4 spamtestplus example with X-Spam-Score '%s'" % val)


# ================================================================ writer ====

def write_case(num, c):
    d = os.path.join(HERE, "%03d-%s" % (num, c["name"]))
    os.makedirs(d, exist_ok=True)
    script = c["script"]
    if c.get("purpose"):
        script = "# purpose: %s\n%s" % (c["purpose"], script)
    with open(os.path.join(d, "script.sieve"), "wb") as f:
        f.write(script.encode("utf-8"))
    m = c["message"] if c["message"] is not None else msg()
    m = m.replace("\r\n", "\n").replace("\n", "\r\n")
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
    written = {write_case(FIRST + i, c) for i, c in enumerate(CASES)}
    stale = sorted(x for x in os.listdir(HERE)
                   if os.path.isdir(os.path.join(HERE, x)) and x not in written)
    for s in stale:
        print("stale case directory (not generated): %s" % s, file=sys.stderr)
    print("%d cases written to %s" % (len(written), HERE))


if __name__ == "__main__":
    main()
