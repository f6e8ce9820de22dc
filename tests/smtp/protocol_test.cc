// SMTP protocol primitives: replies, command parsing, and the DATA decoder with its
// smuggling defences.
#include <catch2/catch.hpp>

#include <string>

#include "smtp/data_reader.h"
#include "smtp/reply.h"
#include "smtp/smtp_command.h"

using namespace sievegate::proxy;

TEST_CASE("replies: single and multi-line wire form (RFC 5321 4.2.1)", "[proxy]") {
  CHECK(Reply(250, "2.1.0", "OK").wire() == "250 2.1.0 OK\r\n");
  CHECK(Reply(550, "5.7.1", "line one\nline two").wire() == "550-5.7.1 line one\r\n550 5.7.1 line two\r\n");
  CHECK(Reply(354, "", "Start mail input").wire() == "354 Start mail input\r\n");
}

TEST_CASE("replies: parsing a server's reply", "[proxy]") {
  Reply r;
  REQUIRE(parse_reply("250-mx.example.org\r\n250-PIPELINING\r\n250 2.0.0 SIZE 1000\r\n", r));
  CHECK(r.code == 250);
  CHECK(r.lines.size() == 3);
  CHECK(r.enhanced == "2.0.0");
  REQUIRE(parse_reply("451 4.3.0 Try later\r\n", r));
  CHECK(r.transient());
  CHECK(r.lines[0] == "Try later");
  CHECK_FALSE(parse_reply("250-partial\r\n", r));
  CHECK_FALSE(parse_reply("25O bad\r\n", r));
  CHECK_FALSE(parse_reply("250-a\r\n251 b\r\n", r));
}

TEST_CASE("commands: verbs, arguments and errors", "[proxy]") {
  auto ok = [](std::string_view line) { return parse_command(line).command.has_value(); };
  auto code = [](std::string_view line) {
    auto p = parse_command(line);
    return p.error ? p.error->code : 0;
  };
  CHECK(ok("EHLO client.example.org"));
  CHECK(ok("ehlo [192.0.2.1]"));
  CHECK(ok("HELO client"));
  CHECK(ok("DATA"));
  CHECK(ok("NOOP"));
  CHECK(ok("NOOP anything"));
  CHECK(ok("QUIT"));
  CHECK(code("FROB x") == 500);
  CHECK(code("") == 500);
  CHECK(code("DATA now") == 501);
  CHECK(code("EHLO") == 501);
  CHECK(code("EHLO bad..name") == 501);
  CHECK(parse_command("RSET").command->verb == Verb::kRset);
}

TEST_CASE("commands: MAIL and RCPT paths and parameters (RFC 5321 4.1.2)", "[proxy]") {
  auto mail = parse_command("MAIL FROM:<Alice@Example.org> SIZE=1000 BODY=8BITMIME");
  REQUIRE(mail.command);
  CHECK(mail.command->path == "Alice@Example.org");
  REQUIRE(mail.command->param("size"));
  CHECK(mail.command->param("SIZE")->value == "1000");
  CHECK(mail.command->param("BODY")->value == "8BITMIME");
  CHECK(parse_command("MAIL FROM:<>").command->path.empty());
  CHECK(parse_command("MAIL FROM: <a@b.example>").command->path == "a@b.example");  // tolerated space
  CHECK(parse_command("mail from:<@relay.example:a@b.example>").command->path == "a@b.example");
  CHECK(parse_command("MAIL FROM:<\"quoted local\"@example.org>").command->path == "\"quoted local\"@example.org");
  CHECK(parse_command("RCPT TO:<Postmaster>").command->path == "Postmaster");
  CHECK(parse_command("MAIL FROM:<j\xC3\xB6@example.org> SMTPUTF8").command.has_value());
  CHECK(parse_command("MAIL FROM:a@b.example").error->code == 501);
  CHECK(parse_command("MAIL TO:<a@b.example>").error->code == 501);
  CHECK(parse_command("MAIL FROM:<a@b.example").error->code == 501);
  CHECK(parse_command("MAIL FROM:<a@@b>").error->code == 501);
  CHECK(parse_command("MAIL FROM:<a@b.example> =x").error->code == 501);
  CHECK(parse_command("RCPT TO:<>").error->code == 501);
  CHECK(parse_command("RCPT TO:<user>").error->code == 501);
  CHECK(parse_command("MAIL FROM:<a@b.example> SIZE=").error->code == 501);
}

namespace {

DataReader::Status feed_all(DataReader& r, std::string_view data, std::size_t& used) {
  return r.feed(data, used);
}

}  // namespace

TEST_CASE("DATA: end detection, dot-unstuffing, pipelined rest", "[proxy]") {
  DataReader r({});
  std::size_t used = 0;
  std::string wire = "Subject: x\r\n\r\n..leading dot\r\n.\r\nQUIT\r\n";
  REQUIRE(feed_all(r, wire, used) == DataReader::Status::kDone);
  CHECK(r.message() == "Subject: x\r\n\r\n.leading dot\r\n");
  CHECK(wire.substr(used) == "QUIT\r\n");
}

TEST_CASE("DATA: the end sequence may arrive split in any way", "[proxy]") {
  std::string wire = "Subject: split\r\n\r\nbody\r\n.\r\n";
  for (std::size_t cut = 1; cut < wire.size(); ++cut) {
    DataReader r({});
    std::size_t used = 0;
    REQUIRE(r.feed(std::string_view(wire).substr(0, cut), used) == DataReader::Status::kMore);
    CHECK(used == cut);
    REQUIRE(r.feed(std::string_view(wire).substr(cut), used) == DataReader::Status::kDone);
    CHECK(r.message() == "Subject: split\r\n\r\nbody\r\n");
  }
}

TEST_CASE("DATA: smuggling sequences never end the message", "[proxy]") {
  for (const char* smuggle : {"\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n", "\r.\r\n", "\r\n.\r", "\n.\r", "\r.\n"}) {
    INFO(smuggle);
    std::string wire = std::string("Subject: s\r\n\r\nbody") + smuggle + "MAIL FROM:<evil@x.org>\r\n.\r\n";
    DataLimits refusing;
    refusing.bare_line_ends = BareLineEnds::kRefuse;
    DataReader refuse(refusing);
    std::size_t used = 0;
    CHECK(refuse.feed(wire, used) == DataReader::Status::kBareLineEnd);

    DataReader norm({});  // normalize is the default
    CHECK(DataLimits{}.bare_line_ends == BareLineEnds::kNormalize);
    REQUIRE(norm.feed(wire, used) == DataReader::Status::kDone);
    CHECK(used == wire.size());  // only the final CRLF.CRLF ended it
    CHECK(norm.message().find("MAIL FROM:<evil@x.org>") != std::string::npos);
    // The smuggled "." line is content: relayed dot-stuffed, it cannot end anything.
    CHECK(norm.message().find("\r\n.\r\n") != std::string::npos);
  }
}

TEST_CASE("DATA: size and line-length limits consume to the end", "[proxy]") {
  DataLimits small;
  small.max_message_size = 20;
  DataReader r(small);
  std::size_t used = 0;
  std::string wire = "Subject: this is longer than twenty bytes\r\nmore\r\n.\r\nNOOP\r\n";
  CHECK(r.feed(wire, used) == DataReader::Status::kTooBig);
  CHECK(wire.substr(used) == "NOOP\r\n");

  DataReader lines({});
  std::string longline = std::string(1200, 'x') + "\r\n.\r\n";
  CHECK(lines.feed(longline, used) == DataReader::Status::kLineTooLong);
  CHECK(used == longline.size());
}
