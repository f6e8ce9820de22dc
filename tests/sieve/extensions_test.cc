// Check stage, per extension: what each RFC adds and the rules it imposes. Table-driven:
// each row is a script and the exact diagnostics expected ("" = valid).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/sieve/test_util.h"

using sievegate::policy::testing::diagnostics_of;
using sievegate::policy::testing::Row;

namespace {

void run_table(const std::vector<Row>& rows) {
  sievegate::policy::testing::check_rows(rows, [](const char* s) { return diagnostics_of(s); });
}

}  // namespace

TEST_CASE("core: redirect addresses, address headers, header names") {
  run_table({
      {"redirect \"a@example.org\";", ""},
      {"redirect \"Joe <joe@example.org>\";", ""},
      {"redirect \"\\\"quoted local\\\"@example.org\";", ""},
      {"redirect \"user\";", "1:10: error: invalid redirect address \"user\" (expected local@domain)\n"},
      {"redirect \"a@b.\";", "1:10: error: invalid redirect address \"a@b.\" (expected local@domain)\n"},
      {"redirect \"j\xC3\xB6@example.org\";",
       "1:10: error: invalid redirect address \"j\xC3\xB6@example.org\" (expected local@domain)\n"},
      {"if address :is [\"from\", \"Resent-To\"] \"x\" { keep; }", ""},
      {"if address :is \"subject\" \"x\" { keep; }",
       "1:16: error: header \"subject\" does not hold addresses; the address test works on From, To, "
       "Cc, Bcc, Sender, Reply-To, Resent-* and similar headers\n"},
      {"if header :is \"bad name\" \"x\" { keep; }",
       "1:15: warning: invalid header field name \"bad name\" (printable ASCII without ':' or "
       "spaces); this test can never match\n"},
      {"if exists [\"a\", \"b:\"] { keep; }",
       "1:17: warning: invalid header field name \"b:\" (printable ASCII without ':' or spaces); this "
       "test can never match\n"},
  });
}

TEST_CASE("envelope parts (RFC 5228 5.4, RFC 6009)") {
  run_table({
      {"require \"envelope\"; if envelope :is [\"From\", \"to\", \"auth\"] \"x\" { keep; }", ""},
      {"require \"envelope\"; if envelope :is \"foo\" \"x\" { keep; }",
       "1:37: error: unknown envelope part \"foo\" (expected \"from\" or \"to\")\n"},
      {"require \"envelope\"; if envelope :is \"orcpt\" \"x\" { keep; }",
       "1:37: error: envelope part \"orcpt\" requires the \"envelope-dsn\" extension (add it to "
       "'require')\n"},
      {"require [\"envelope\", \"envelope-dsn\", \"envelope-deliverby\"];\n"
       "if envelope :is [\"notify\", \"orcpt\", \"ret\", \"envid\", \"bymode\"] \"x\" { keep; }",
       ""},
  });
}

TEST_CASE("relational (RFC 5231)") {
  run_table({
      {"require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
       "if header :count \"ge\" :comparator \"i;ascii-numeric\" \"to\" \"3\" { keep; }",
       ""},
      {"require \"relational\"; if header :value \"xx\" \"a\" \"b\" { keep; }",
       "1:40: error: invalid relational operator \"xx\" (expected \"gt\", \"ge\", \"lt\", \"le\", "
       "\"eq\" or \"ne\")\n"},
      {"require \"relational\"; if header :value \"GT\" \"a\" \"b\" { keep; }",
       "1:40: error: invalid relational operator \"GT\" (expected \"gt\", \"ge\", \"lt\", \"le\", "
       "\"eq\" or \"ne\")\n"},
      {"require \"relational\"; if header :count \"eq\" :value \"eq\" \"a\" \"b\" { keep; }",
       "1:45: error: tag ':value' conflicts with ':count' (only one match type is allowed)\n"},
  });
}

TEST_CASE("body, imap4flags, subaddress, copy") {
  run_table({
      {"require \"body\"; if body :content [\"text\"] :contains \"x\" { keep; }", ""},
      {"require \"body\"; if body :raw :text \"x\" { keep; }",
       "1:30: error: tag ':text' conflicts with ':raw' (only one body transform is allowed)\n"},
      {"require \"imap4flags\"; setflag \"\\\\Seen\"; addflag [\"a\", \"b\"]; removeflag \"a\";\n"
       "if hasflag :contains \"a\" { keep :flags \"\\\\Flagged\"; }",
       ""},
      {"require \"imap4flags\"; setflag \"var\" \"\\\\Seen\";",
       "1:31: error: the variable argument of 'setflag' requires the \"variables\" extension (add it "
       "to 'require')\n"},
      {"require [\"imap4flags\", \"variables\"]; setflag \"1x\" \"a\";",
       "1:46: error: invalid variable name \"1x\" (letters, digits and '_', not starting with a "
       "digit)\n"},
      {"require \"subaddress\"; if address :user :detail \"to\" \"x\" { keep; }",
       "1:40: error: tag ':detail' conflicts with ':user' (only one address part is allowed)\n"},
      {"require [\"copy\", \"fileinto\"]; fileinto :copy \"x\"; redirect :copy \"a@b.c\";", ""},
      {"require \"copy\"; keep :copy;", "1:22: error: unknown tag ':copy' for 'keep'\n"},
  });
}

TEST_CASE("date and index (RFC 5260)") {
  run_table({
      {"require \"date\"; if date :zone \"-0500\" \"date\" \"hour\" \"09\" { keep; }", ""},
      {"require \"date\"; if currentdate :is \"weekday\" \"0\" { keep; }", ""},
      {"require \"date\"; if date \"date\" \"hours\" \"1\" { keep; }",
       "1:32: warning: unknown date part \"hours\" (year, month, day, date, julian, hour, minute, "
       "second, time, iso8601, std11, zone or weekday); the test will not match\n"},
      {"require \"date\"; if date :zone \"EST\" \"date\" \"hour\" \"1\" { keep; }",
       "1:31: warning: invalid time zone \"EST\" (expected +hhmm or -hhmm); the test will not "
       "match\n"},
      {"require \"date\"; if date :zone \"+0100\" :originalzone \"date\" \"hour\" \"1\" { keep; }",
       "1:39: error: tag ':originalzone' conflicts with ':zone' (they cannot be used together)\n"},
      {"require \"date\"; if currentdate :originalzone \"hour\" \"1\" { keep; }",
       "1:32: error: unknown tag ':originalzone' for 'currentdate'\n"},
      {"require \"index\"; if header :index 2 :last \"received\" \"x\" { keep; }", ""},
      {"require \"index\"; if header :last \"received\" \"x\" { keep; }",
       "1:28: error: tag ':last' requires ':index'\n"},
      {"require \"index\"; if header :index 0 \"received\" \"x\" { keep; }",
       "1:35: error: :index counts from 1; 0 is not a field number\n"},
  });
}

TEST_CASE("editheader (RFC 5293)") {
  run_table({
      {"require \"editheader\"; addheader :last \"X-Tag\" \"yes\"; deleteheader :index 1 :last "
       ":contains \"X-Tag\" \"y\";",
       ""},
      {"require \"editheader\"; addheader \"X Bad\" \"v\";",
       "1:33: error: invalid header field name \"X Bad\" (printable ASCII without ':' or spaces)\n"},
      {"require \"editheader\"; addheader \"X-A\" \"a\nB: injected\";",
       "1:39: error: header value contains a line break that is not folding (a line end must be "
       "followed by a space or tab)\n"},
      {"require \"editheader\"; addheader \"X-A\" \"folded\n continued\";", ""},
      {"require \"editheader\"; deleteheader :last \"X-A\";", "1:36: error: tag ':last' requires ':index'\n"},
  });
}

TEST_CASE("reject, environment, ihave, mailbox, metadata") {
  run_table({
      {"require [\"reject\", \"ereject\"]; if true { reject \"no\"; } else { ereject \"no\"; }", ""},
      {"require \"environment\"; if environment :matches \"domain\" \"*.org\" { keep; }", ""},
      {"require \"ihave\"; error \"stop here\";", ""},
      {"error \"x\";",
       "1:1: error: command 'error' requires the \"ihave\" extension (add it to 'require')\n"},
      {"require [\"mailbox\", \"fileinto\"]; if mailboxexists \"a\" { fileinto :create \"a\"; }", ""},
      {"require [\"mboxmetadata\", \"servermetadata\"];\n"
       "if allof (metadata :is \"INBOX\" \"/private/x\" \"1\", metadataexists \"INBOX\" \"/x\",\n"
       "          servermetadata :is \"/shared/x\" \"1\", servermetadataexists \"/x\") { keep; }",
       ""},
  });
}

TEST_CASE("enotify (RFC 5435, 5436)") {
  run_table({
      {"require \"enotify\"; notify :importance \"1\" :from \"a@b.c\" :message \"m\" "
       ":options [\"x=1\"] \"mailto:a@b.c\";",
       ""},
      {"require \"enotify\"; notify :importance \"4\" \"mailto:a@b.c\";",
       "1:39: error: importance must be \"1\" (high), \"2\" (normal) or \"3\" (low), not \"4\"\n"},
      {"require \"enotify\"; notify \"xmpp:a@b.c\";",
       "1:27: error: unsupported notification method 'xmpp' (supported: mailto)\n"},
      {"require \"enotify\"; notify \"mailto:\";",
       "1:27: warning: mailto URI \"mailto:\" has no recipient; nothing will be sent\n"},
      {"require [\"enotify\", \"variables\"]; set :encodeurl \"a\" \"b c\";", ""},
      {"require \"enotify\"; if valid_notify_method \"xmpp:x\" { keep; }", ""},
  });
}

TEST_CASE("vacation (RFC 5230, 6131) and fcc (RFC 8580)") {
  run_table({
      {"require \"vacation\"; vacation :days 7 :subject \"s\" :from \"Me <me@b.c>\" :addresses "
       "[\"me@b.c\"] :mime :handle \"h\" \"reason\";",
       ""},
      {"require \"vacation-seconds\"; vacation :seconds 3600 \"r\";", ""},
      {"require \"vacation\"; vacation :seconds 3600 \"r\";",
       "1:30: error: tag ':seconds' requires the \"vacation-seconds\" extension (add it to "
       "'require')\n"},
      {"require \"vacation-seconds\"; vacation :days 1 :seconds 3600 \"r\";",
       "1:46: error: tag ':seconds' conflicts with ':days' (they cannot be used together)\n"},
      {"require \"vacation\"; vacation :from \"not an address\" \"r\";",
       "1:36: error: invalid vacation :from address \"not an address\"\n"},
      {"require [\"vacation\", \"fcc\", \"mailbox\"]; vacation :fcc \"Sent\" :create \"r\";", ""},
      {"require [\"vacation\", \"mailbox\"]; vacation :create \"r\";",
       "1:43: error: tag ':create' requires ':fcc'\n"},
      {"require [\"vacation\", \"fcc\", \"mailbox\"]; vacation :create \"r\";",
       "1:50: error: tag ':create' requires ':fcc'\n"},
  });
}

TEST_CASE("spamtest and virustest (RFC 5235)") {
  run_table({
      {"require [\"spamtestplus\", \"relational\", \"comparator-i;ascii-numeric\"];\n"
       "if spamtest :percent :value \"ge\" :comparator \"i;ascii-numeric\" \"50\" { keep; }",
       ""},
      {"require \"spamtest\"; if spamtest :percent \"1\" { keep; }",
       "1:33: error: tag ':percent' requires the \"spamtestplus\" extension (add it to 'require')\n"},
      {"require \"virustest\"; if virustest :is \"5\" { keep; }", ""},
  });
}

TEST_CASE("mime family (RFC 5703)") {
  run_table({
      {"require [\"mime\", \"foreverypart\", \"fileinto\"];\n"
       "foreverypart :name \"outer\" {\n"
       "  if header :mime :param \"filename\" :contains \"Content-Disposition\" \".exe\" {\n"
       "    fileinto \"Quarantine\"; break :name \"outer\";\n"
       "  }\n"
       "}",
       ""},
      {"require \"mime\"; if header :anychild \"a\" \"b\" { keep; }",
       "1:27: error: tag ':anychild' requires ':mime'\n"},
      {"require \"foreverypart\"; break;",
       "1:25: error: 'break' is only allowed inside 'foreverypart'\n"},
      {"require \"foreverypart\"; foreverypart { break :name \"x\"; }",
       "1:52: error: no enclosing 'foreverypart' is named \"x\"\n"},
      {"require [\"extracttext\", \"variables\", \"foreverypart\"];\n"
       "foreverypart { extracttext :first 10 :lower \"text\"; }",
       ""},
      {"require [\"extracttext\", \"variables\"]; extracttext \"t\";",
       "1:39: error: 'extracttext' is only allowed inside 'foreverypart'\n"},
      {"require [\"replace\", \"enclose\"]; replace :mime :subject \"s\" \"x\"; enclose :subject "
       "\"s\" :headers [\"from\"] \"body\";",
       ""},
      {"require \"foreverypart\"; foreverypart { foreverypart { foreverypart { foreverypart {\n"
       "foreverypart { keep; } } } } }",
       "2:1: error: 'foreverypart' loops nested deeper than 4 levels\n"},
  });
}

TEST_CASE("include (RFC 6609), duplicate (RFC 7352)") {
  run_table({
      {"require [\"include\", \"variables\"]; global \"x\"; include :global :once :optional "
       "\"common\"; return;",
       ""},
      {"require \"include\"; include :personal :global \"x\";",
       "1:38: error: tag ':global' conflicts with ':personal' (they cannot be used together)\n"},
      {"require \"include\"; include \"a/b\";",
       "1:28: error: invalid script name \"a/b\" (must be non-empty, without '/')\n"},
      {"require \"include\"; global \"x\";",
       "1:20: error: 'global' requires the \"variables\" extension (add it to 'require')\n"},
      {"require \"duplicate\"; if duplicate :handle \"h\" :header \"message-id\" :seconds 60 :last "
       "{ discard; }",
       ""},
      {"require \"duplicate\"; if duplicate :header \"a\" :uniqueid \"b\" { discard; }",
       "1:47: error: tag ':uniqueid' conflicts with ':header' (they cannot be used together)\n"},
  });
}

TEST_CASE("regex (draft-ietf-sieve-regex)") {
  run_table({
      {"require \"regex\"; if header :regex \"subject\" \"^(re|fwd): [a-z]+$\" { keep; }", ""},
      {"require \"regex\"; if header :regex \"subject\" \"(\" { keep; }",
       "1:45: error: invalid regular expression \"(\": Unmatched ( or \\(\n"},
      // Back-references are POSIX but not linear-time: valid, with a warning.
      {"require \"regex\"; if header :regex \"subject\" \"(a)\\\\1\" { keep; }",
       "1:45: warning: regular expression \"(a)\\\\1\" uses a feature the linear-time matcher does "
       "not support (invalid escape sequence: \\1); it will never match\n"},
      {"require \"regex\"; if header :regex \"subject\" \"\\\\w+\\\\s\\\\d\" { keep; }", ""},
      {"require \"regex\"; if header :regex \"subject\" \"a{\" { keep; }",
       "1:45: error: invalid regular expression \"a{\": Unmatched \\{\n"},
      {"require [\"regex\", \"variables\"]; set :quoteregex \"a\" \"b\"; if header :regex \"s\" "
       "\"${a}(\" { keep; }",
       ""},
      {"require [\"regex\", \"variables\"]; set :quoteregex :quotewildcard \"a\" \"b\";",
       "1:49: error: tag ':quotewildcard' conflicts with ':quoteregex' (modifiers of the same "
       "precedence cannot be combined)\n"},
  });
}

TEST_CASE("special-use, mailboxid, extlists, RFC 6009 redirect options") {
  run_table({
      {"require [\"special-use\", \"fileinto\"]; fileinto :specialuse \"\\\\Junk\" \"Spam\";\n"
       "if specialuse_exists \"Spam\" \"\\\\Junk\" { keep; }",
       ""},
      {"require [\"special-use\", \"fileinto\"]; fileinto :specialuse \"Junk\" \"Spam\";",
       "1:59: error: invalid special-use flag \"Junk\" (e.g. \"\\\\Junk\")\n"},
      {"require [\"mailboxid\", \"fileinto\"]; fileinto :mailboxid \"F1\" \"INBOX\";\n"
       "if mailboxidexists \"F1\" { keep; }",
       ""},
      {"require \"extlists\"; if header :list \"from\" \":addrbook:default\" { redirect :list "
       "\"tag:x\"; }\nif valid_ext_list \"x\" { keep; }",
       ""},
      {"require [\"redirect-dsn\", \"redirect-deliverby\"];\n"
       "redirect :notify \"SUCCESS,FAILURE\" :ret \"HDRS\" :bytimerelative 600 :bymode \"notify\" "
       ":bytrace \"a@b.c\";",
       ""},
      {"require \"redirect-dsn\"; redirect :ret \"ALL\" \"a@b.c\";",
       "1:39: error: :ret must be \"FULL\" or \"HDRS\"\n"},
      {"require \"redirect-dsn\"; redirect :notify \"NEVER,DELAY\" \"a@b.c\";",
       "1:42: error: :notify must be \"NEVER\" or a list of \"SUCCESS\", \"FAILURE\", \"DELAY\"\n"},
      {"require \"redirect-deliverby\"; redirect :bymode \"return\" \"a@b.c\";",
       "1:40: error: tag ':bymode' requires ':bytimerelative' or ':bytimeabsolute'\n"},
  });
}
