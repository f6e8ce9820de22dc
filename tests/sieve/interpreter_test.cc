// Execute stage: scripts run against messages; each row states the resulting actions in a
// compact form: "action args; ...; implicit_keep" (or "error: ..." for runtime errors).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sieve/message/message.h"
#include "sieve/sieve.h"
#include "bridge/stage.h"
#include "tests/sieve/test_util.h"
#include "sieve/runtime/duplicate_store.h"

using namespace sievegate::policy;

namespace {

const char* kMessage =
    "Return-Path: <owner-list@example.org>\r\n"
    "Received: from mx.example.org by mail.example.net; Fri, 21 Nov 1997 09:55:06 -0600\r\n"
    "Received: from client.example.org by mx.example.org; Fri, 21 Nov 1997 09:50:00 -0600\r\n"
    "Date: Fri, 21 Nov 1997 09:55:06 -0600\r\n"
    "From: \"Alice Example\" <alice@example.org>\r\n"
    "To: bob+lists@example.net, \"Carol\" <carol@Example.NET>\r\n"
    "Cc: undisclosed-recipients:;\r\n"
    "Subject: [acme-users] [fwd] version 1.0 is out\r\n"
    "X-Spam-Score: 7\r\n"
    "X-Folded: first\r\n"
    " second\r\n"
    "X-Encoded: =?UTF-8?B?w6lsw6h2ZQ==?=\r\n"
    "Message-ID: <1234@example.org>\r\n"
    "\r\n"
    "Hello world.\r\n"
    "This is the body.\r\n";

class TestHost final : public Host {
 public:
  std::optional<std::string> fact(std::string_view name) const override {
    if (name == "remote_ip") return std::string("10.0.0.88");
    if (name == "spamtest") return std::string("7");
    return std::string();
  }
  std::int64_t now() const override { return 880127706; }  // 1997-11-21T15:55:06Z
};

std::string describe(const ActionSet& r) {
  std::string out;
  if (r.status() != RunStatus::kOk) {
    out = "error: " + (r.errors().empty() ? std::string() : r.errors()[0].message) + "; ";
  }
  for (const Action& a : r.actions()) {
    out += action_name(a.kind);
    if (!a.target.empty()) out += " " + a.target;
    if (!a.reason.empty()) out += " \"" + a.reason + "\"";
    if (a.copy) out += " :copy";
    if (a.has_flags && !a.flags.empty()) {
      out += " flags=";
      for (std::size_t i = 0; i < a.flags.size(); ++i) out += (i ? "," : "") + a.flags[i];
    }
    out += "; ";
  }
  out += r.implicit_keep() ? "implicit_keep" : "no_implicit_keep";
  return out;
}

std::string run_script(const std::string& script, const char* raw = kMessage,
                       Envelope envelope = {"owner-list@example.org", {"bob+lists@example.net"}, ""}) {
  CompileResult compiled = compile(script);
  if (!compiled.program) {
    std::string out = "compile error:";
    for (const auto& d : compiled.diagnostics) out += " " + d.message;
    return out;
  }
  message::Message msg(raw);
  TestHost host;
  RunContext ctx;
  ctx.message = &msg;
  ctx.host = &host;
  ctx.envelope = std::move(envelope);
  return describe(run(*compiled.program, ctx));
}

using testing::Row;

void run_table(const std::vector<Row>& rows) {
  testing::check_rows(rows, [](const char* s) { return run_script(s); });
}

}  // namespace

TEST_CASE("implicit keep and its cancellation (RFC 5228 2.10.2)", "[interpreter]") {
  run_table({
      {"", "implicit_keep"},
      {"keep;", "keep; no_implicit_keep"},
      {"discard;", "discard; no_implicit_keep"},
      {"redirect \"a@example.com\";", "redirect a@example.com; no_implicit_keep"},
      {"require \"copy\"; redirect :copy \"a@example.com\";", "redirect a@example.com :copy; implicit_keep"},
      {"require \"fileinto\"; fileinto \"A\";", "fileinto A; no_implicit_keep"},
      {"require [\"fileinto\", \"copy\"]; fileinto :copy \"A\";", "fileinto A :copy; implicit_keep"},
      {"stop; discard;", "implicit_keep"},
      {"require \"reject\"; reject \"go away\";", "reject \"go away\"; no_implicit_keep"},
  });
}

TEST_CASE("duplicate actions are done once (RFC 5228 2.10.3)", "[interpreter]") {
  run_table({
      {"keep; keep;", "keep; no_implicit_keep"},
      {"require \"fileinto\"; fileinto \"INBOX\"; keep;", "fileinto INBOX; no_implicit_keep"},
      {"require \"fileinto\"; fileinto \"A\"; fileinto \"A\"; fileinto \"B\";",
       "fileinto A; fileinto B; no_implicit_keep"},
      // Local parts are case-sensitive (RFC 5321 2.4), domains are not.
      {"redirect \"a@example.com\"; redirect \"a@EXAMPLE.com\";", "redirect a@example.com; no_implicit_keep"},
      {"redirect \"a@example.com\"; redirect \"A@example.com\";",
       "redirect a@example.com; redirect A@example.com; no_implicit_keep"},
  });
}

TEST_CASE("reject conflicts with delivery (RFC 5429)", "[interpreter]") {
  run_table({
      {"require [\"reject\", \"fileinto\"]; fileinto \"A\"; reject \"no\";",
       "error: 'reject' cannot be used together with 'fileinto' (RFC 5429); implicit_keep"},
      {"require \"reject\"; reject \"no\"; keep;",
       "error: 'keep' cannot be used together with 'reject' (RFC 5429); implicit_keep"},
      {"require \"reject\"; discard; reject \"no\";", "discard; reject \"no\"; no_implicit_keep"},
  });
}

TEST_CASE("header test: match types, comparators, folding, RFC 2047", "[interpreter]") {
  run_table({
      {"if header :contains \"subject\" \"version 1.0\" { discard; }", "discard; no_implicit_keep"},
      {"if header :is \"subject\" \"[ACME-USERS] [FWD] VERSION 1.0 IS OUT\" { discard; }",
       "discard; no_implicit_keep"},
      {"if header :comparator \"i;octet\" :is \"subject\" \"[ACME-USERS] [FWD] VERSION 1.0 IS OUT\" { discard; }",
       "implicit_keep"},
      {"if header :matches \"subject\" \"*version ?.? is*\" { discard; }", "discard; no_implicit_keep"},
      {"if header :matches \"subject\" \"version*\" { discard; }", "implicit_keep"},
      {"if header :is \"x-folded\" \"first second\" { discard; }", "discard; no_implicit_keep"},
      {"if header :is \"x-encoded\" \"\xC3\xA9l\xC3\xA8ve\" { discard; }", "discard; no_implicit_keep"},
      {"if header :contains [\"x-missing\", \"from\"] \"alice\" { discard; }", "discard; no_implicit_keep"},
      {"if exists [\"from\", \"to\"] { discard; }", "discard; no_implicit_keep"},
      {"if exists [\"from\", \"x-nope\"] { discard; }", "implicit_keep"},
      {"if not exists \"x-nope\" { discard; }", "discard; no_implicit_keep"},
  });
}

TEST_CASE("match variables (RFC 5229 3.2)", "[interpreter]") {
  run_table({
      {"require [\"variables\", \"fileinto\"];\n"
       "if header :matches \"subject\" \"[*] *\" { fileinto \"${1}/${2}\"; }",
       "fileinto acme-users/[fwd] version 1.0 is out; no_implicit_keep"},
      {"require [\"variables\", \"fileinto\"];\n"
       "if address :matches :localpart \"to\" \"*+*\" { fileinto \"${2}\"; }",
       "fileinto lists; no_implicit_keep"},
  });
}

TEST_CASE("address and envelope tests with parts (RFC 5228 5.1, 5.4; RFC 5233)", "[interpreter]") {
  run_table({
      {"if address :is :domain \"to\" \"example.net\" { discard; }", "discard; no_implicit_keep"},
      {"if address :is :localpart \"from\" \"alice\" { discard; }", "discard; no_implicit_keep"},
      {"if address :is :all \"from\" \"alice@example.org\" { discard; }", "discard; no_implicit_keep"},
      {"require \"subaddress\"; if address :is :detail \"to\" \"lists\" { discard; }", "discard; no_implicit_keep"},
      {"require \"subaddress\"; if address :is :user \"to\" \"bob\" { discard; }", "discard; no_implicit_keep"},
      {"require \"envelope\"; if envelope :is :domain \"from\" \"example.org\" { discard; }",
       "discard; no_implicit_keep"},
      {"require [\"envelope\", \"subaddress\"]; if envelope :is :detail \"to\" \"lists\" { discard; }",
       "discard; no_implicit_keep"},
      {"require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
       "if address :count \"eq\" :comparator \"i;ascii-numeric\" \"to\" \"2\" { discard; }",
       "discard; no_implicit_keep"},
  });
}

TEST_CASE("size, allof, anyof, not", "[interpreter]") {
  run_table({
      {"if size :under 1K { discard; }", "discard; no_implicit_keep"},
      {"if size :over 1K { discard; }", "implicit_keep"},
      {"if allof (true, false) { discard; }", "implicit_keep"},
      {"if anyof (false, true) { discard; }", "discard; no_implicit_keep"},
      {"if not anyof (false, false) { discard; }", "discard; no_implicit_keep"},
      {"if false { keep; } elsif true { discard; } else { stop; }", "discard; no_implicit_keep"},
      {"if false { keep; } elsif false { discard; } else { redirect \"x@example.com\"; }",
       "redirect x@example.com; no_implicit_keep"},
  });
}

TEST_CASE("relational :value and :count (RFC 5231)", "[interpreter]") {
  run_table({
      {"require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
       "if header :value \"ge\" :comparator \"i;ascii-numeric\" \"x-spam-score\" \"5\" { discard; }",
       "discard; no_implicit_keep"},
      {"require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
       "if header :count \"ge\" :comparator \"i;ascii-numeric\" \"received\" \"3\" { discard; }",
       "implicit_keep"},
      {"require [\"relational\", \"comparator-i;ascii-numeric\"];\n"
       "if header :count \"eq\" :comparator \"i;ascii-numeric\" \"received\" \"2\" { discard; }",
       "discard; no_implicit_keep"},
  });
}

TEST_CASE("variables: set with modifiers, string test, env namespace", "[interpreter]") {
  run_table({
      {"require [\"variables\", \"fileinto\"]; set :upper \"a\" \"box\"; fileinto \"${a}\";",
       "fileinto BOX; no_implicit_keep"},
      {"require [\"variables\", \"fileinto\"]; set :length \"n\" \"\xC3\xA9t\xC3\xA9\"; fileinto \"${n}\";",
       "fileinto 3; no_implicit_keep"},
      {"require [\"variables\", \"fileinto\"]; set :upperfirst :lower \"a\" \"hELLO\"; fileinto \"${a}\";",
       "fileinto Hello; no_implicit_keep"},
      {"require [\"variables\", \"fileinto\"]; set :quotewildcard \"a\" \"a*b?c\\\\\"; fileinto \"${a}\";",
       "fileinto a\\*b\\?c\\\\; no_implicit_keep"},
      {"require [\"variables\", \"reject\"];\n"
       "if string \"${env.remote_ip}\" \"10.0.0.88\" { reject \"Your IP '${env.remote_ip}' is not welcomed here.\"; }",
       "reject \"Your IP '10.0.0.88' is not welcomed here.\"; no_implicit_keep"},
      {"require \"variables\"; if string :is \"${undefined}\" \"\" { discard; }", "discard; no_implicit_keep"},
      {"require [\"variables\", \"relational\"]; if string :count \"eq\" [\"a\", \"\", \"b\"] \"2\" { discard; }",
       "discard; no_implicit_keep"},
  });
}

TEST_CASE("imap4flags (RFC 5232)", "[interpreter]") {
  run_table({
      {"require \"imap4flags\"; addflag \"\\\\Seen\"; addflag [\"\\\\Flagged\", \"\\\\seen\"]; keep;",
       "keep flags=\\Seen,\\Flagged; no_implicit_keep"},
      {"require \"imap4flags\"; setflag \"\\\\Seen Junk\"; removeflag \"junk\"; keep;",
       "keep flags=\\Seen; no_implicit_keep"},
      {"require [\"imap4flags\", \"fileinto\"]; fileinto :flags \"A B\" \"X\";",
       "fileinto X flags=A,B; no_implicit_keep"},
      {"require \"imap4flags\"; addflag \"A\"; if hasflag :is \"a\" { discard; }", "discard; no_implicit_keep"},
      {"require [\"imap4flags\", \"variables\"]; addflag \"v\" \"X\"; if hasflag :is \"v\" \"X\" { discard; }",
       "discard; no_implicit_keep"},
  });
}

TEST_CASE("editheader changes are seen by later tests (RFC 5293)", "[interpreter]") {
  run_table({
      {"require \"editheader\"; addheader \"X-Tag\" \"yes\"; if header :is \"x-tag\" \"yes\" { discard; }",
       "discard; no_implicit_keep"},
      {"require \"editheader\"; deleteheader \"subject\"; if exists \"subject\" { discard; }", "implicit_keep"},
      {"require [\"editheader\", \"relational\"]; addheader :last \"X-N\" \"1\"; addheader :last \"X-N\" \"2\";\n"
       "deleteheader :index 1 :last \"x-n\"; if header :count \"eq\" \"x-n\" \"1\" { discard; }",
       "discard; no_implicit_keep"},
      {"require [\"editheader\", \"relational\"]; addheader :last \"X-N\" \"1\"; addheader :last \"X-N\" \"2\";\n"
       "deleteheader :index 1 :last \"x-n\"; if header :is \"x-n\" \"1\" { discard; }",
       "discard; no_implicit_keep"},
      // Trace fields are protected, as in Pigeonhole: deleting Received does nothing.
      {"require [\"editheader\", \"relational\"]; deleteheader \"received\";\n"
       "if header :count \"eq\" \"received\" \"2\" { discard; }",
       "discard; no_implicit_keep"},
  });
}

TEST_CASE("body test (RFC 5173)", "[interpreter]") {
  run_table({
      {"require \"body\"; if body :contains \"this is the body\" { discard; }", "discard; no_implicit_keep"},
      {"require \"body\"; if body :raw :contains \"Hello\" { discard; }", "discard; no_implicit_keep"},
      {"require \"body\"; if body :content \"text\" :contains \"absent\" { discard; }", "implicit_keep"},
  });
}

TEST_CASE("date and currentdate (RFC 5260)", "[interpreter]") {
  run_table({
      {"require \"date\"; if date :originalzone :is \"date\" \"hour\" \"09\" { discard; }", "discard; no_implicit_keep"},
      {"require \"date\"; if date :zone \"+0000\" :is \"date\" \"hour\" \"15\" { discard; }", "discard; no_implicit_keep"},
      {"require \"date\"; if date :zone \"+0000\" :is \"date\" \"date\" \"1997-11-21\" { discard; }",
       "discard; no_implicit_keep"},
      {"require \"date\"; if currentdate :zone \"+0000\" :is \"year\" \"1997\" { discard; }", "discard; no_implicit_keep"},
      {"require [\"date\", \"index\"]; if date :index 2 :zone \"+0000\" :is \"received\" \"minute\" \"50\" { discard; }",
       "discard; no_implicit_keep"},
  });
}

TEST_CASE("limits end the run with the implicit keep", "[interpreter]") {
  CompileResult compiled = compile(
      "require [\"variables\"]; set \"a\" \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\";\n"
      "set \"a\" \"${a}${a}\"; set \"a\" \"${a}${a}\"; set \"a\" \"${a}${a}\"; set \"a\" \"${a}${a}\";\n"
      "set \"a\" \"${a}${a}\"; set \"a\" \"${a}${a}\"; set \"a\" \"${a}${a}\"; set \"a\" \"${a}${a}\";\n"
      "discard;");
  REQUIRE(compiled.program);
  RunContext ctx;
  ctx.limits.max_string_size = 4096;
  ActionSet r = run(*compiled.program, ctx);
  CHECK(r.status() == RunStatus::kLimit);
  CHECK(r.implicit_keep());
  CHECK(r.actions().empty());

  CompileResult many = compile("redirect \"a@x.org\"; redirect \"b@x.org\"; redirect \"c@x.org\";");
  REQUIRE(many.program);
  RunContext ctx2;
  ctx2.limits.max_redirects = 2;
  ActionSet r2 = run(*many.program, ctx2);
  CHECK(r2.status() == RunStatus::kLimit);
  CHECK(r2.implicit_keep());

  CompileResult slow = compile(
      "require \"foreverypart\";\n"
      "foreverypart { foreverypart { foreverypart { keep; } } }");
  REQUIRE(slow.program);
  std::string parts = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
  for (int i = 0; i < 300; ++i) parts += "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n";
  parts += "--b--\r\n";
  message::Message many_parts(parts);
  RunContext timed;
  timed.message = &many_parts;
  timed.limits.max_time = std::chrono::microseconds(0);  // any elapsed time is too much
  timed.limits.max_instructions = 1u << 30;
  ActionSet rt = run(*slow.program, timed);
  CHECK(rt.status() == RunStatus::kLimit);  // the wall-time limit, not the step count
  REQUIRE_FALSE(rt.errors().empty());
  CHECK(rt.errors()[0].message.find("ran longer than") != std::string::npos);

  std::string notifies = "require \"enotify\";\n";
  for (int i = 0; i < 10; ++i) notifies += "notify \"mailto:a" + std::to_string(i) + "@x.org\";\n";
  CompileResult actions = compile(notifies);
  REQUIRE(actions.program);
  RunContext few;
  few.limits.max_actions = 5;
  CHECK(run(*actions.program, few).status() == RunStatus::kLimit);

  CompileResult steps = compile("if true { keep; } if true { keep; } if true { keep; }");
  REQUIRE(steps.program);
  RunContext ctx3;
  ctx3.limits.max_instructions = 4;
  CHECK(run(*steps.program, ctx3).status() == RunStatus::kLimit);
}

TEST_CASE("stage replies (config.md)", "[interpreter]") {
  CompileResult c = compile("require \"reject\"; reject \"no thanks\";");
  REQUIRE(c.program);
  RunContext ctx;
  ActionSet r = run(*c.program, ctx);
  auto connect = stage_reply(Stage::kConnect, r);
  REQUIRE(connect);
  CHECK(format_reply(*connect) == "554 5.7.1 no thanks");
  CHECK(format_reply(*stage_reply(Stage::kRcpt, r)) == "550 5.7.1 no thanks");

  CompileResult multi = compile("require \"reject\"; reject text:\nline one\nline two\n.\n;");
  REQUIRE(multi.program);
  ActionSet rm = run(*multi.program, ctx);
  CHECK(format_reply(*stage_reply(Stage::kData, rm)) == "550-5.7.1 line one\r\n550 5.7.1 line two");

  CompileResult discard = compile("discard;");
  ActionSet rd = run(*discard.program, ctx);
  CHECK_FALSE(stage_reply(Stage::kRcpt, rd));
  CHECK(format_reply(*stage_reply(Stage::kData, rd)) == "250 2.0.0 Message queued for delivery.");
}

TEST_CASE("memory duplicate store (RFC 7352)", "[interpreter]") {
  MemoryDuplicateStore store(4);
  CHECK_FALSE(store.check_and_record("", "<a@x>", 100, false, 1000));
  CHECK(store.check_and_record("", "<a@x>", 100, false, 1050));
  CHECK_FALSE(store.check_and_record("h", "<a@x>", 100, false, 1050));  // another handle
  CHECK_FALSE(store.check_and_record("", "<a@x>", 100, false, 1100));   // expired
  CHECK(store.check_and_record("", "<a@x>", 100, true, 1150));          // :last refreshes
  CHECK(store.check_and_record("", "<a@x>", 100, false, 1240));
  for (int i = 0; i < 20; ++i) store.check_and_record("", std::to_string(i), 100, false, 2000);
  CHECK(store.size() <= 4);  // bounded
}
