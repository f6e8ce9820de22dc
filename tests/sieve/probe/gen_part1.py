# Part 1: base RFC 5228 scripts: realistic filters, syntax edge cases
S = {}
def add(name, body):
    assert name not in S, name
    S[name] = body

# ---------------- realistic valid filters ----------------
add("v001-basic-spam-folder", r'''require "fileinto";
# move obvious spam
if header :contains "X-Spam-Flag" "YES" {
    fileinto "Junk";
    stop;
}
''')
add("v002-lists-by-listid", r'''require ["fileinto", "variables"];
if header :matches "List-Id" "*<*.lists.example.org>" {
    fileinto "Lists/${2}";
} elsif exists "List-Post" {
    fileinto "Lists/other";
}
''')
add("v003-family-and-work", r'''require ["fileinto", "envelope"];

if address :is :domain "from" ["example.com", "example.net"] {
    fileinto "Work";
} elsif address :is "from" ["mom@family.example", "dad@family.example"] {
    fileinto "Family";
} elsif envelope :is "to" "me+shop@example.org" {
    fileinto "Shopping";
} else {
    keep;
}
''')
add("v004-big-attachment-discard", r'''if size :over 25M {
    discard;
    stop;
}
if allof (size :over 500K, header :contains "Subject" "newsletter") {
    discard;
}
''')
add("v005-vacation-basic", r'''require "vacation";
vacation :days 7 :subject "Out of office"
  :addresses ["me@example.org", "me.alias@example.org"]
  "I'm away until Monday. For urgent matters call +1 555 0100.";
''')
add("v006-vacation-text-multiline", r'''require ["vacation"];
if not header :contains "Precedence" ["bulk", "list", "junk"] {
  vacation
    :days 14
    :from "Jane Doe <jane@example.org>"
    :subject "Re: your message"
    text:
Hello,

I'm on leave until the 3rd.
..This line begins with a dot.
Regards,
Jane
.
;
}
''')
add("v007-reject-text", r'''require "reject";
if header :contains "subject" "viagra" {
  reject text: # explain why
Your message was refused by the recipient's filter.
.
;
}
''')
add("v008-redirect-copy-archive", r'''require "copy";
redirect :copy "archive@example.org";
if address :is "to" "boss@example.org" {
  redirect "assistant@example.org";
}
''')
add("v009-subaddress-routing", r'''require ["fileinto", "subaddress", "envelope", "variables"];
if envelope :detail :matches "to" "*" {
  if string :is "${1}" "" { keep; }
  else { fileinto "plus/${1}"; }
}
if address :user :is "to" "sales" { fileinto "Sales"; }
''')
add("v010-nested-anyof-allof-not", r'''require "fileinto";
if anyof (
      allof (header :contains "from" "billing", not header :contains "subject" "ignore"),
      allof (exists "X-Invoice", not exists "X-Test"),
      not anyof (true, false)
    ) {
  fileinto "Billing";
}
''')
add("v011-elsif-chain-long", r'''require "fileinto";
if header :is "X-Prio" "1" { fileinto "p1"; }
elsif header :is "X-Prio" "2" { fileinto "p2"; }
elsif header :is "X-Prio" "3" { fileinto "p3"; }
elsif header :is "X-Prio" "4" { fileinto "p4"; }
elsif header :is "X-Prio" "5" { fileinto "p5"; }
elsif header :is "X-Prio" "6" { fileinto "p6"; }
else { keep; }
''')
add("v012-long-list-blocklist", 'require "fileinto";\nif address :domain :is "from" [\n' + ",\n".join('  "spam%03d.example"' % i for i in range(150)) + '\n] {\n  fileinto "Junk";\n}\n')
add("v013-comments-everywhere", r'''# leading comment
require /* inline */ [ /* a */ "fileinto" /* b */ , # c
  "envelope" ] /* d */ ; # e
if /* x */ header /* y */ :contains /* z */ "subject" /* w */ "hello" # after key
{ # open
  /* before cmd */ fileinto /* mid */ "Inbox.hello" /* before ; */ ; # after
} /* between */ else /* else */ { keep /* k */ ; }
/* trailing */
''')
add("v014-crlf-file", 'require ["fileinto"];\r\n# crlf comment\r\nif header :contains "Subject" "crlf" {\r\n  fileinto "CRLF";\r\n}\r\n')
add("v015-text-crlf", 'require "reject";\r\nreject text:\r\nline one\r\n..dot\r\n.\r\n;\r\n')
add("v016-escaped-quotes", r'''require "fileinto";
if header :is "Subject" "He said \"hi\" and left a \\ backslash" {
  fileinto "Quotes";
}
if header :contains "X-Weird" "\q\u\o\t\e" { keep; }
''')
add("v017-numbers-quantifiers", r'''if size :over 0 { keep; }
if size :under 1k { keep; }
if size :under 1K { keep; }
if size :over 2m { keep; }
if size :over 2M { keep; }
if size :over 1g { keep; }
if size :over 000010 { keep; }
if size :over 4G { keep; }
''')
add("v018-case-variations", r'''REQUIRE ["fileinto"];
If HEADER :CONTAINS "subject" "x" { FILEINTO "X"; }
ElsIf Address :Domain :Is "FROM" "example.com" { Keep; }
ELSE { Stop; }
''')
add("v019-comparator-before-match", r'''if header :comparator "i;octet" :contains "Subject" "CaseSensitive" { keep; }
if address :comparator "i;ascii-casemap" :localpart :is "from" "bob" { keep; }
if address :is :comparator "i;octet" :all "to" "x@y.example" { keep; }
if header :matches :comparator "i;ascii-casemap" "subject" "*foo?" { keep; }
''')
add("v020-empty-blocks", r'''if true {}
if false { } elsif true { } else { }
if not exists "x" {
}
''')
add("v021-no-spaces", r'''require["fileinto","envelope"];if anyof(header:contains"subject""a",envelope:is"from""b@c.d"){fileinto"x";}else{keep;}''')
add("v022-multiline-quoted", r'''require "fileinto";
if header :contains "subject" "line one
line two" {
  fileinto "Multi
Line";
}
''')
add("v023-code-after-stop", r'''keep;
stop;
discard;
if true { keep; }
''')
add("v024-tabs", "if\theader\t:is\t\"a\"\t\"b\"\t{\tkeep;\t}\n")
add("v025-text-in-list", r'''require "fileinto";
if header :contains "subject" [ "a", text:
multi line key
.
, "c" ] {
  fileinto "x";
}
''')
add("v026-text-as-mailbox", r'''require "fileinto";
fileinto text:
Folder
.
;
''')
add("v027-deep-nesting-10", "".join("if true {\n" for _ in range(10)) + "keep;\n" + "}\n" * 10)
add("v028-not-not", "if not not not exists \"x\" { keep; }\n")
add("v029-exists-list", r'''if exists ["From", "Date", "Message-ID", "To"] { keep; } else { discard; }''' + "\n")
add("v030-address-all-parts", r'''if address :all :is "from" "a@b.example" { keep; }
if address :localpart :matches "from" "*admin*" { keep; }
if address :domain :contains "from" "example" { keep; }
if address ["from","sender","reply-to"] "x@y.example" { keep; }
''')
add("v031-header-list-of-headers", r'''if header :contains ["Subject", "X-Subject", "Comments"] ["urgent", "asap", "immediately"] { keep; }
''')
add("v032-envelope-variations", r'''require "envelope";
if envelope :all :is "from" "" { discard; }
if envelope :domain :is "to" "example.org" { keep; }
if envelope :localpart :matches ["from", "to"] "postmaster*" { keep; }
if envelope "FROM" "a@b.c" { keep; }
''')
add("v033-hash-comment-eof-newline", "keep;\n# final comment\n")
add("v034-bracket-comment-multiline", r'''/*
 * A header block comment
 * with several lines ** and stars
 */
keep;
/**/
/***/
''')
add("v035-fileinto-mailbox-utf8", 'require "fileinto";\nfileinto "Boîte/Été";\nfileinto "日本語";\n')
add("v036-string-empty", r'''if header :is "subject" "" { keep; }
if address :is "from" "" { keep; }
''')
add("v037-size-boundaries", "if size :over 18446744073709551615 { keep; }\nif size :under 16777215K { keep; }\n")
add("v038-multiple-requires", r'''require "fileinto";
require "envelope";
require ["fileinto", "reject"];
# all at the top
fileinto "a";
''')
add("v039-huge-realistic", r'''# Personal mail rules, maintained by hand
require ["fileinto", "envelope", "reject", "vacation", "variables", "imap4flags",
         "relational", "comparator-i;ascii-numeric", "copy", "body", "regex", "date"];

# --- 1. Drop known junk ------------------------------------------------
if anyof (header :contains "X-Spam-Flag" "YES",
          header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" "8") {
    fileinto "Junk";
    stop;
}

# --- 2. Mailing lists --------------------------------------------------
if header :regex "List-Id" "<([a-z0-9-]+)\\.lists\\.example\\.org>" {
    set :lower "list" "${1}";
    fileinto :copy "Lists/${list}";
    addflag "\\Seen";
    stop;
}

# --- 3. Bills ----------------------------------------------------------
if allof (address :domain :is "from" ["bank.example", "power.example"],
          body :contains ["invoice", "amount due"]) {
    setflag "\\Flagged";
    fileinto "Bills";
}

# --- 4. Old mail -------------------------------------------------------
if date :value "lt" "date" "year" "2000" {
    fileinto "Archive/Ancient";
}

# --- 5. Vacation -------------------------------------------------------
if currentdate :value "ge" "date" "2030-07-01" {
  if currentdate :value "le" "date" "2030-07-15" {
    vacation :days 3 :subject "Away" "I am away.";
  }
}
''')

# ---------------- base invalid ----------------
add("i001-missing-require-fileinto", 'if header :contains "subject" "x" { fileinto "X"; }\n')
add("i002-require-in-middle", 'require "fileinto";\nkeep;\nrequire "envelope";\n')
add("i003-elsif-after-else", 'if true { keep; } else { discard; } elsif false { keep; }\n')
add("i004-else-without-if", 'keep;\nelse { discard; }\n')
add("i005-unbalanced-open", 'if true {\n  keep;\n')
add("i006-unbalanced-close", 'if true {\n  keep;\n}\n}\n')
add("i007-missing-semicolon-mid", 'keep\ndiscard;\n')
add("i008-fileinto-number", 'require "fileinto";\nfileinto 42;\n')
add("i009-size-string", 'if size :over "10K" { keep; }\n')
add("i010-size-no-tag", 'if size 100 { keep; }\n')
add("i011-header-one-arg", 'if header "subject" { keep; }\n')
add("i012-header-three-args", 'if header "subject" "a" "b" { keep; }\n')
add("i013-bad-tag-typo", 'if header :containz "subject" "a" { keep; }\n')
add("i014-address-bad-part-tag", 'if address :domainpart "from" "a" { keep; }\n')
add("i015-test-as-command", 'header :is "subject" "x";\n')
add("i016-command-as-test", 'if discard { keep; }\n')
add("i017-if-no-block", 'if true keep;\n')
add("i018-else-with-test", 'if true { keep; } else false { discard; }\n')
add("i019-stop-with-arg", 'stop "now";\n')
add("i020-keep-with-arg", 'keep "INBOX";\n')
add("i021-redirect-no-arg", 'redirect;\n')
add("i022-redirect-two-args", 'redirect "a@b.example" "c@d.example";\n')
add("i023-nested-comment", '/* outer /* inner */ still comment? */\nkeep;\n')
add("i024-number-decimal", 'if size :over 1.5M { keep; }\n')
add("i025-number-negative", 'if size :under -1 { keep; }\n')
add("i026-number-bad-suffix", 'if size :over 10KB { keep; }\n')
add("i027-unterminated-string", 'if header :is "subject" "abc { keep; }\n')
add("i028-text-no-terminator", 'require "reject";\nreject text:\nbye\n')
add("i029-text-garbage-after", 'require "reject";\nreject text: hello\nbye\n.\n;\n')
add("i030-anyof-no-parens", 'if anyof true, false { keep; }\n')
add("i031-not-two-tests", 'if not (true, false) { keep; }\n')
add("i032-string-list-missing-comma", 'if header :is ["a" "b"] "x" { keep; }\n')
add("i033-comparator-unknown", 'if header :comparator "i;basic" :is "a" "b" { keep; }\n')
add("i034-comparator-no-arg", 'if header :is :comparator "a" "b" { keep; }\n')
add("i035-matches-and-is", 'if header :matches :is "a" "b" { keep; }\n')
add("i036-comparator-twice", 'if header :comparator "i;octet" :comparator "i;octet" "a" "b" { keep; }\n')
add("i037-address-two-parts", 'if address :localpart :domain "from" "x" { keep; }\n')
add("i038-exists-with-matchtype", 'if exists :is "from" { keep; }\n')
add("i039-exists-no-arg", 'if exists { keep; }\n')
add("i040-envelope-no-require", 'if envelope :is "from" "a@b.c" { keep; }\n')
add("i041-envelope-bad-part", 'require "envelope";\nif envelope :is "subject" "x" { keep; }\n')
add("i042-address-header-not-allowed", 'if address :is "subject" "a@b.c" { keep; }\n')
add("i043-require-unknown", 'require ["fileinto", "fileinto2"];\n')
add("i044-require-number", 'require 1;\n')
add("i045-require-capital", 'require "Fileinto";\nFileinto "x";\n')
add("i046-double-semicolon", 'keep;;\n')
add("i047-brace-after-keep", 'keep { discard; }\n')
add("i048-size-over-under", 'if size :over 1 :under 2 { keep; }\n')
add("i049-size-two-numbers", 'if size :over 1 2 { keep; }\n')
add("i050-bracket-in-string-list-nested", 'if header :is [["a"]] "b" { keep; }\n')
add("i051-trailing-comma-list", 'if header :is ["a", "b",] "c" { keep; }\n')
add("i052-tag-after-args", 'if address "from" "a@b.c" :domain { keep; }\n')
add("i053-matchtype-no-colon", 'if header contains "subject" "x" { keep; }\n')
add("i054-discard-with-block", 'discard {\n}\n')
add("i055-if-empty-parens-test", 'if () { keep; }\n')
add("i056-allof-single-no-paren", 'if allof true { keep; }\n')
add("i057-identifier-digit", 'if 1header :is "a" "b" { keep; }\n')
add("i058-string-as-test", 'if "true" { keep; }\n')
add("i059-unknown-command", 'require "fileinto";\nfile_into "x";\n')
add("i060-require-after-comment-and-keep", '# c\nkeep;\n# c2\nrequire "fileinto";\nfileinto "a";\n')
add("i061-elsif-without-block", 'if true { keep; } elsif false;\n')
add("i062-redirect-bad-address", 'redirect "not-an-address";\n')
add("i063-redirect-no-domain", 'redirect "user@";\n')
add("i064-redirect-no-local", 'redirect "@example.org";\n')
add("i065-redirect-space-in-local", 'redirect "john smith@example.org";\n')
add("i066-text-dot-eof", 'require "reject";\nreject text:\nhello\n.')
add("i067-crlf-unbalanced", 'if true {\r\n  keep;\r\n')
add("i068-comparator-numeric-contains", 'require "comparator-i;ascii-numeric";\nif header :contains :comparator "i;ascii-numeric" "X-N" "5" { keep; }\n')
add("i069-fileinto-two-args", 'require "fileinto";\nfileinto "a" "b";\n')
add("i070-colon-alone", 'if header : is "a" "b" { keep; }\n')
