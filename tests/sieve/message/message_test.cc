// The Sieve runtime's message: header access, editheader, serialization, big messages
// (sieve/message/message.h).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "sieve/message/message.h"

using namespace sievegate::policy::message;

namespace {

using Strings = std::vector<std::string>;

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ",";
    out += std::string(n);
  }
  return out;
}

const char kCrlfMessage[] =
    "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
    "Received: from c by d; Mon, 1 Jan 2024 00:00:01 +0000\r\n"
    "From: Alice <alice@example.com>\r\n"
    "To: bob@example.com,\r\n"
    " carol@example.com\r\n"
    "Subject: =?ISO-8859-1?Q?Caf=E9?= menu\r\n"
    "X-Tag: one\r\n"
    "X-Tag: two\r\n"
    "X-Tag: three\r\n"
    "\r\n"
    "Body line 1\r\n"
    "Body line 2\r\n";

}  // namespace

TEST_CASE("message: header values, names and body", "[message]") {
  Message m(kCrlfMessage);
  CHECK(m.size() == sizeof kCrlfMessage - 1);
  CHECK(join(m.header_names()) == "Received,Received,From,To,Subject,X-Tag,X-Tag,X-Tag");
  CHECK(m.header_values("subject") == Strings{"Caf\xc3\xa9 menu"});
  CHECK(m.raw_header_values("SUBJECT") == Strings{"=?ISO-8859-1?Q?Caf=E9?= menu"});
  CHECK(m.header_values("To") == Strings{"bob@example.com, carol@example.com"});
  CHECK(m.header_values("x-tag") == Strings{"one", "two", "three"});
  CHECK(m.header_values("missing").empty());
  CHECK(m.has_header("from"));
  CHECK_FALSE(m.has_header("cc"));
  CHECK(m.body() == "Body line 1\r\nBody line 2\r\n");
  CHECK_FALSE(m.changed());
  CHECK(m.serialize() == kCrlfMessage);
  CHECK_FALSE(m.header_truncated());
}

TEST_CASE("message: odd shapes parse without crashing", "[message]") {
  struct Case {
    const char* raw;
    const char* names;
    const char* body;
  };
  const Case cases[] = {
      {"Subject: lf only\nTo: x@y\n\nbody\n", "Subject,To", "body\n"},
      {"Subject: no body\r\n", "Subject", ""},
      {"Subject: no line end", "Subject", ""},
      {"\r\nbody after empty header", "", "body after empty header"},
      {"", "", ""},
      {"A: 1\nnot a field\nB: 2\n\nx", "A,B", "x"},
      {"X-Bytes: \xff\xfe\x80\n\nx", "X-Bytes", "x"},
      {"no header at all\n", "", "no header at all\n"},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    Message m(c.raw);
    CHECK(join(m.header_names()) == c.names);
    CHECK(m.body() == c.body);
    CHECK(m.serialize() == c.raw);
    CHECK(m.size() == std::string_view(c.raw).size());
  }
  // Values compared by tests are UTF-8: a run of stray 8-bit bytes reads as one U+FFFD;
  // the raw variant keeps the bytes.
  Message m("Subject: \xff\xfe raw 8-bit\n\n");
  CHECK(m.header_values("subject") == Strings{"\xEF\xBF\xBD raw 8-bit"});
  CHECK(m.raw_header_values("subject") == Strings{"\xff\xfe raw 8-bit"});
}

TEST_CASE("message: addheader prepends, :last appends, edits are visible", "[message]") {
  Message m(kCrlfMessage);
  REQUIRE(m.add_header("X-First", "top"));
  REQUIRE(m.add_header("X-Tag", "four", /*last=*/true));
  CHECK(m.changed());
  CHECK(join(m.header_names()) ==
        "X-First,Received,Received,From,To,Subject,X-Tag,X-Tag,X-Tag,X-Tag");
  CHECK(m.header_values("x-tag") == Strings{"one", "two", "three", "four"});
  CHECK(m.header_values("x-first") == Strings{"top"});
  std::string expected = std::string("X-First: top\r\n") + kCrlfMessage;
  expected.insert(expected.find("\r\n\r\n") + 2, "X-Tag: four\r\n");
  CHECK(m.serialize() == expected);
  CHECK(m.size() == expected.size());
  std::ostringstream out;
  m.write_to(out);
  CHECK(out.str() == expected);
  // The body is still the caller's bytes.
  CHECK(m.body().data() == std::string_view(kCrlfMessage).data() +
                               std::string_view(kCrlfMessage).find("Body line 1"));
}

TEST_CASE("message: addheader follows the message's line ends and encodes", "[message]") {
  Message lf("Subject: s\n\nbody\n");
  REQUIRE(lf.add_header("X-Note", "caf\xc3\xa9", true));
  CHECK(lf.serialize() == "Subject: s\nX-Note: =?UTF-8?B?Y2Fmw6k=?=\n\nbody\n");
  CHECK(lf.header_values("x-note") == Strings{"caf\xc3\xa9"});  // reads back decoded

  // Line breaks in a value cannot inject fields.
  Message inj("Subject: s\r\n\r\n");
  REQUIRE(inj.add_header("X-A", "one\r\nBcc: evil@example.com"));
  REQUIRE(inj.add_header("X-B", "folded\r\n value"));
  CHECK(inj.serialize() ==
        "X-B: folded value\r\nX-A: one Bcc: evil@example.com\r\nSubject: s\r\n\r\n");
  CHECK_FALSE(inj.has_header("bcc"));

  // Invalid names are refused; nothing changes.
  Message bad("Subject: s\r\n\r\n");
  CHECK_FALSE(bad.add_header("Bad Name", "v"));
  CHECK_FALSE(bad.add_header("", "v"));
  CHECK_FALSE(bad.add_header("a:b", "v"));
  CHECK_FALSE(bad.changed());

  // Empty value.
  Message empty("A: 1\n\n");
  REQUIRE(empty.add_header("X-Empty", ""));
  CHECK(empty.serialize() == "X-Empty:\nA: 1\n\n");
  CHECK(empty.header_values("x-empty") == Strings{""});
}

TEST_CASE("message: long added values are folded at whitespace", "[message]") {
  Message m("A: 1\r\n\r\n");
  std::string value;
  for (int i = 0; i < 30; ++i) value += "word" + std::to_string(i) + " ";
  value.pop_back();
  REQUIRE(m.add_header("X-Long", value, true));
  std::string out = m.serialize();
  std::size_t pos = 0;
  int lines = 0;
  while (pos < out.size()) {
    std::size_t end = out.find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    CHECK(end - pos <= 78);
    pos = end + 2;
    ++lines;
  }
  CHECK(lines > 4);  // A, several X-Long lines, the empty line
  CHECK(m.header_values("x-long") == Strings{value});

  // Non-ASCII long values become several encoded-words, folded between them.
  Message u("A: 1\n\n");
  std::string text;
  for (int i = 0; i < 20; ++i) text += "\xc3\xa9l\xc3\xa9phant ";
  REQUIRE(u.add_header("Subject", text));
  // Whitespace inside encoded-words is content: the value reads back exactly, trailing
  // space included (trimming applies to the field as written, before decoding).
  CHECK(u.header_values("subject") == Strings{text});
  std::string out_u = u.serialize();
  CHECK(out_u.find("\n =?UTF-8?B?") != std::string::npos);  // folded between words
}

TEST_CASE("message: deleteheader by name, value, :index and :last", "[message]") {
  auto tags = [](const Message& m) {
    std::string out;
    for (const auto& v : m.header_values("X-Tag")) out += v + " ";
    return out;
  };
  {
    Message m(kCrlfMessage);
    CHECK(m.delete_header("x-tag") == 3);
    CHECK_FALSE(m.has_header("X-Tag"));
    CHECK(m.delete_header("x-tag") == 0);
  }
  {
    Message m(kCrlfMessage);
    CHECK(m.delete_header("X-Tag", FieldIndex{2, false}) == 1);
    CHECK(tags(m) == "one three ");
  }
  {
    Message m(kCrlfMessage);
    CHECK(m.delete_header("X-Tag", FieldIndex{1, true}) == 1);  // :index 1 :last
    CHECK(tags(m) == "one two ");
  }
  {
    Message m(kCrlfMessage);
    CHECK(m.delete_header("X-Tag", FieldIndex{3, true}) == 1);  // third from the bottom
    CHECK(tags(m) == "two three ");
  }
  {
    Message m(kCrlfMessage);
    CHECK(m.delete_header("X-Tag", FieldIndex{4, false}) == 0);  // out of range
    CHECK(m.delete_header("X-Tag", FieldIndex{0, false}) == 0);
    CHECK_FALSE(m.changed());
    CHECK(m.serialize() == kCrlfMessage);
  }
  {
    // Value patterns: the index is applied before the value test (RFC 5293 5).
    Message m(kCrlfMessage);
    auto is_two = [](std::string_view v) { return v == "two"; };
    CHECK(m.delete_header("X-Tag", FieldIndex{1, false}, is_two) == 0);
    CHECK(m.delete_header("X-Tag", FieldIndex{2, false}, is_two) == 1);
    CHECK(tags(m) == "one three ");
    auto contains_t = [](std::string_view v) { return v.find('t') != std::string_view::npos; };
    CHECK(m.delete_header("X-Tag", std::nullopt, contains_t) == 1);
    CHECK(tags(m) == "one ");
  }
  {
    // The predicate sees decoded values.
    Message m(kCrlfMessage);
    CHECK(m.delete_header("Subject", std::nullopt, [](std::string_view v) {
      return v == "Caf\xc3\xa9 menu";
    }) == 1);
    CHECK_FALSE(m.has_header("subject"));
  }
  {
    // Byte-exact output: untouched fields keep their folding.
    Message m(kCrlfMessage);
    m.delete_header("Received");
    m.delete_header("X-Tag", FieldIndex{2, false});
    CHECK(m.serialize() ==
          "From: Alice <alice@example.com>\r\n"
          "To: bob@example.com,\r\n"
          " carol@example.com\r\n"
          "Subject: =?ISO-8859-1?Q?Caf=E9?= menu\r\n"
          "X-Tag: one\r\n"
          "X-Tag: three\r\n"
          "\r\n"
          "Body line 1\r\n"
          "Body line 2\r\n");
    CHECK(m.size() == m.serialize().size());
  }
  {
    // Added fields can be deleted again, and indexes count them.
    Message m(kCrlfMessage);
    m.add_header("X-Tag", "zero");
    CHECK(m.delete_header("X-Tag", FieldIndex{1, false}) == 1);
    CHECK(tags(m) == "one two three ");
  }
}

TEST_CASE("message: edits on messages without separator or header", "[message]") {
  Message no_sep("Subject: x");
  REQUIRE(no_sep.add_header("X-A", "1", true));
  CHECK(no_sep.serialize() == "Subject: x\r\nX-A: 1\r\n");
  CHECK(no_sep.size() == no_sep.serialize().size());

  Message no_header("just a body\n");
  REQUIRE(no_header.add_header("X-A", "1"));
  CHECK(no_header.serialize() == "X-A: 1\n\njust a body\n");

  Message all_gone("A: 1\r\nB: 2\r\n\r\nbody");
  all_gone.delete_header("a");
  all_gone.delete_header("b");
  CHECK(all_gone.serialize() == "\r\nbody");
  CHECK(all_gone.body() == "body");

  Message mbox("From someone Mon Jan  1 00:00:00 2024\nA: 1\n\nbody");
  mbox.add_header("X-New", "v");
  CHECK(mbox.serialize() == "From someone Mon Jan  1 00:00:00 2024\nX-New: v\nA: 1\n\nbody");
}

TEST_CASE("message: the header field limit is reported and harmless", "[message]") {
  std::string raw;
  for (int i = 0; i < 20; ++i) raw += "X-F: " + std::to_string(i) + "\n";
  raw += "\nbody";
  MessageLimits limits;
  limits.max_header_fields = 5;
  Message m(raw, limits);
  CHECK(m.header_truncated());
  CHECK(m.header_values("x-f").size() == 5);
  CHECK(m.body() == "body");
  m.add_header("X-Last", "v", true);
  std::string out = m.serialize();
  CHECK(out.size() == raw.size() + std::string("X-Last: v\n").size());
  CHECK(out.find("X-F: 19\n") != std::string::npos);  // kept verbatim
}

TEST_CASE("message: MIME structure is parsed on request", "[message]") {
  Message m(
      "Content-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/plain\n\n"
      "plain\n--x\nContent-Type: text/html\n\n<b>html</b>\n--x--\n");
  const MimeTree& tree = m.mime();
  REQUIRE(tree.parts.size() == 3);
  CHECK(&m.mime() == &tree);  // parsed once
  CHECK(extract_text(tree) == "plain\n<b>html</b>");
}

TEST_CASE("message: a 20 MB message is not copied", "[message]") {
  std::string raw =
      "From: big@example.com\r\n"
      "Subject: =?UTF-8?B?Z3Jvw59l?= Datei\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n";
  const std::size_t header_size = raw.size();
  raw.reserve(header_size + 20u * 1024 * 1024);
  std::string line(76, 'x');
  line += "\r\n";
  while (raw.size() < header_size + 20u * 1024 * 1024) raw += line;

  Message m(raw);
  CHECK(m.header_values("subject") == Strings{"gro\xc3\x9f" "e Datei"});
  std::string_view body = m.body();
  CHECK(body.data() == raw.data() + header_size);  // a view into the caller's buffer
  CHECK(body.size() == raw.size() - header_size);
  CHECK(m.size() == raw.size());
  CHECK(m.raw().data() == raw.data());

  const MimeTree& tree = m.mime();
  REQUIRE(tree.parts.size() == 1);
  CHECK(tree.parts[0].body.data() == body.data());

  // An edit changes the size without touching the body.
  m.add_header("X-Spam", "no");
  CHECK(m.size() == raw.size() + std::string("X-Spam: no\r\n").size());
  CHECK(m.body().data() == raw.data() + header_size);
  std::ostringstream out;
  m.write_to(out);
  CHECK(out.str().size() == m.size());
}

TEST_CASE("message: moving keeps added fields valid", "[message]") {
  Message a("A: 1\n\n");
  a.add_header("X-Added", "short");  // small enough for the string's inline buffer
  Message b(std::move(a));
  CHECK(b.header_values("x-added") == Strings{"short"});
  CHECK(b.serialize() == "X-Added: short\nA: 1\n\n");
}
