// Header section splitting and field values (sieve/message/header.h).
#include <catch2/catch.hpp>

#include <string>

#include "sieve/message/header.h"

using namespace sievegate::policy::message;

namespace {

std::string names_of(const HeaderSection& s) {
  std::string out;
  for (const HeaderField& f : s.fields) {
    if (!out.empty()) out += ",";
    out += std::string(f.name);
  }
  return out;
}

// Concatenating all pieces must give back the input exactly.
std::string reassemble(const HeaderSection& s) {
  std::string out(s.prefix);
  for (const HeaderField& f : s.fields) out += std::string(f.raw);
  out += std::string(s.tail);
  out += std::string(s.separator);
  out += std::string(s.body);
  return out;
}

}  // namespace

TEST_CASE("header sections split into fields and body", "[message]") {
  struct Case {
    const char* raw;
    const char* names;
    const char* body;
    bool has_separator;
  };
  const Case cases[] = {
      {"A: 1\r\nB: 2\r\n\r\nbody\r\n", "A,B", "body\r\n", true},
      {"A: 1\nB: 2\n\nbody\n", "A,B", "body\n", true},                   // LF only
      {"A: 1\nB: 2\n", "A,B", "", false},                                // no body
      {"A: 1\nB: 2", "A,B", "", false},                                  // no final line end
      {"\r\nbody only\r\n", "", "body only\r\n", true},                   // empty header
      {"", "", "", false},                                               // nothing at all
      {"A: 1\r\n\r\n", "A", "", true},                                   // empty body
      {"A: 1\n  more\n\tand more\nB: 2\n\nx", "A,B", "x", true},         // folding
      {"A: 1\nno colon here\nB: 2\n\nx", "A,B", "x", true},              // junk line
      {"Subject : obs\n\nx", "Subject", "x", true},                      // RFC 5322 4.5
      {"From sender Mon Jan 1 00:00:00 2024\nA: 1\n\nx", "A", "x", true},  // mbox line
      {"X-8bit: caf\xc3\xa9\n\nb", "X-8bit", "b", true},
      {"just text, no header\nsecond line\n", "", "just text, no header\nsecond line\n", false},
      {"A: 1\r\n\r\n\r\nbody", "A", "\r\nbody", true},  // only the first empty line
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    HeaderSection s = parse_header_section(c.raw, 100);
    CHECK(names_of(s) == c.names);
    CHECK(std::string(s.body) == c.body);
    CHECK(s.separator.empty() == !c.has_separator);
    CHECK(reassemble(s) == c.raw);
    CHECK_FALSE(s.truncated);
  }
}

TEST_CASE("header field views keep folding and raw lines", "[message]") {
  const std::string raw = "Subject: Hello\r\n  World\r\nTo: a@b\r\n\r\n";
  HeaderSection s = parse_header_section(raw, 100);
  REQUIRE(s.fields.size() == 2);
  CHECK(s.fields[0].value == " Hello\r\n  World");
  CHECK(s.fields[0].raw == "Subject: Hello\r\n  World\r\n");
  CHECK(field_value(s.fields[0]) == "Hello  World");
  CHECK(s.fields[1].value == " a@b");
  // Views point into the input.
  CHECK(s.fields[0].name.data() == raw.data());
}

TEST_CASE("a continuation line without a field before it is kept, not parsed", "[message]") {
  HeaderSection s = parse_header_section(" stray\nA: 1\n\nx", 100);
  CHECK(names_of(s) == "A");
  CHECK(s.prefix == " stray\n");
  // A continuation after a junk line does not reach back into the field.
  s = parse_header_section("A: 1\njunk\n cont\n\nx", 100);
  REQUIRE(s.fields.size() == 1);
  CHECK(s.fields[0].value == " 1");
  CHECK(s.fields[0].raw == "A: 1\njunk\n cont\n");
}

TEST_CASE("the header field limit stops parsing but keeps the bytes", "[message]") {
  std::string raw;
  for (int i = 0; i < 10; ++i) raw += "F" + std::to_string(i) + ": v\r\n";
  raw += "\r\nbody";
  HeaderSection s = parse_header_section(raw, 4);
  CHECK(s.truncated);
  CHECK(s.fields.size() == 4);
  CHECK(s.body == "body");
  CHECK(s.tail.substr(0, 4) == "F4: ");
  CHECK(reassemble(s) == raw);
}

TEST_CASE("unfolding and trimming", "[message]") {
  CHECK(unfold("a\r\n b") == "a b");
  CHECK(unfold("a\n\tb") == "a\tb");
  CHECK(unfold("a\r\n\r\n b") == "a\r\n b");  // only CRLF directly before WSP goes
  CHECK(unfold("a\rb") == "a\rb");
  CHECK(trim_wsp(" \t x y \t") == "x y");
  CHECK(trim_wsp("   ").empty());
}

TEST_CASE("field names, case-insensitive lookup and decoded values", "[message]") {
  CHECK(is_valid_field_name("X-Spam-Flag"));
  CHECK_FALSE(is_valid_field_name(""));
  CHECK_FALSE(is_valid_field_name("a b"));
  CHECK_FALSE(is_valid_field_name("a:b"));
  CHECK_FALSE(is_valid_field_name("caf\xc3\xa9"));
  HeaderSection s =
      parse_header_section("subject: =?utf-8?q?caf=C3=A9?=\nSUBJECT:  two \nX: 3\n\n", 100);
  auto values = field_values(s.fields, "Subject");
  REQUIRE(values.size() == 2);
  CHECK(values[0] == "caf\xc3\xa9");
  CHECK(values[1] == "two");
  CHECK(field_values(s.fields, "subject", false)[0] == "=?utf-8?q?caf=C3=A9?=");
  REQUIRE(find_field(s.fields, "x") != nullptr);
  CHECK(find_field(s.fields, "y") == nullptr);
}
