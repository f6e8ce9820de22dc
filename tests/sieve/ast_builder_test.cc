// Parse stage: lexer edge cases, literal decoding, positions and syntax errors.
#include <catch2/catch.hpp>

#include <string>

#include "sieve/front/ast_builder.h"

using sievegate::policy::Argument;
using sievegate::policy::dump;
using sievegate::policy::parse;
using sievegate::policy::ParseResult;

namespace {

std::string first_error(const ParseResult& r) {
  if (r.diagnostics.empty()) return "";
  const auto& d = r.diagnostics.front();
  return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message;
}

const Argument& first_arg(const ParseResult& r) { return r.ast.commands.at(0).arguments.at(0); }

}  // namespace

TEST_CASE("empty scripts and comments parse to nothing") {
  for (const char* src : {"", "\n\n", "# only a comment", "# no newline at end",
                          "/* bracket */", "/* multi\nline\ncomment */\n"}) {
    ParseResult r = parse(src);
    CHECK(r.diagnostics.empty());
    CHECK(r.ast.commands.empty());
  }
}

TEST_CASE("comments between tokens are skipped") {
  ParseResult r = parse("keep /* a */ ; # b\n/* c */ stop;");
  REQUIRE(r.diagnostics.empty());
  CHECK(dump(r.ast) == "keep@1:1\nstop@2:9\n");
}

TEST_CASE("bracket comments do not nest") {
  ParseResult r = parse("/* outer /* inner */ still */ keep;");
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(first_error(r) == "1:28: unexpected character '*'");
}

TEST_CASE("numbers take K, M and G quantifiers") {
  ParseResult r = parse("x 0 1 1K 2m 3G 10k;");
  REQUIRE(r.diagnostics.empty());
  const auto& args = r.ast.commands[0].arguments;
  REQUIRE(args.size() == 6);
  CHECK(args[0].number == 0);
  CHECK(args[1].number == 1);
  CHECK(args[2].number == 1024);
  CHECK(args[3].number == 2u * 1024 * 1024);
  CHECK(args[4].number == 3ull * 1024 * 1024 * 1024);
  CHECK(args[5].number == 10240);
}

TEST_CASE("number overflow is an error at the number") {
  CHECK(first_error(parse("keep 99999999999999999999;")).rfind("1:6: number 99999999999999999999 is too large", 0) == 0);
  CHECK(first_error(parse("keep\n  9999999999999G;")).rfind("2:3: number 9999999999999G is too large", 0) == 0);
  // Any unsigned 64-bit value, as in Pigeonhole.
  CHECK(parse("keep 18446744073709551615;").diagnostics.empty());
  CHECK_FALSE(parse("keep 18446744073709551616;").diagnostics.empty());
  CHECK(parse("keep 17179869183G;").diagnostics.empty());
  CHECK_FALSE(parse("keep 17179869184G;").diagnostics.empty());
}

TEST_CASE("quoted strings decode escapes (RFC 5228 2.4.2)") {
  ParseResult r = parse(R"(x "a\"b" "c\\d" "\a\b\c" "" "tab	in";)");
  REQUIRE(r.diagnostics.empty());
  const auto& args = r.ast.commands[0].arguments;
  CHECK(args[0].strings[0].value == "a\"b");
  CHECK(args[1].strings[0].value == "c\\d");
  CHECK(args[2].strings[0].value == "abc");
  CHECK(args[3].strings[0].value.empty());
  CHECK(args[4].strings[0].value == "tab\tin");
}

TEST_CASE("quoted strings may span lines; line ends become CRLF") {
  ParseResult lf = parse("x \"a\nb\";");
  ParseResult crlf = parse("x \"a\r\nb\";");
  REQUIRE(lf.diagnostics.empty());
  REQUIRE(crlf.diagnostics.empty());
  CHECK(first_arg(lf).strings[0].value == "a\r\nb");
  CHECK(first_arg(crlf).strings[0].value == "a\r\nb");
}

TEST_CASE("multi-line strings: dot-unstuffing, comment after text:, CRLF") {
  const char* src =
      "x text: # a comment\n"
      "Line 1\n"
      ".Line 2\n"
      "..Line 3\n"
      "..\n"
      "\n"
      ".\n"
      ";";
  ParseResult r = parse(src);
  REQUIRE(r.diagnostics.empty());
  const auto& s = first_arg(r).strings[0];
  CHECK(s.multi_line);
  CHECK(s.value == "Line 1\r\n.Line 2\r\n.Line 3\r\n.\r\n\r\n");

  ParseResult crlf = parse("x text:\r\nabc\r\n.\r\n;");
  REQUIRE(crlf.diagnostics.empty());
  CHECK(first_arg(crlf).strings[0].value == "abc\r\n");

  ParseResult upper = parse("x TEXT:  \nabc\n.\n;");
  REQUIRE(upper.diagnostics.empty());
  CHECK(first_arg(upper).strings[0].value == "abc\r\n");

  ParseResult empty = parse("x text:\n.\n;");
  REQUIRE(empty.diagnostics.empty());
  CHECK(first_arg(empty).strings[0].value.empty());
}

TEST_CASE("lexical errors are reported where they start") {
  CHECK(first_error(parse("keep;\nx \"abc;\n")).rfind("2:3: unterminated string", 0) == 0);
  CHECK(first_error(parse("keep;\n  /* never closed\n")).rfind("2:3: unterminated comment", 0) == 0);
  CHECK(first_error(parse("x text:\nabc\n")).rfind("1:3: unterminated multi-line string", 0) == 0);
  // The final "." must be followed by a line end.
  CHECK(first_error(parse("x text:\nabc\n.")).rfind("1:3: unterminated multi-line string", 0) == 0);
  CHECK(first_error(parse("x text: abc\n.\n;")).rfind("1:3: 'text:' must be followed by a line end", 0) == 0);
  CHECK(first_error(parse("keep @;")) == "1:6: unexpected character '@'");
}

TEST_CASE("columns count code points, not bytes") {
  ParseResult r = parse("x \"\xC3\xBC\xC3\xBC\" @;");
  CHECK(first_error(r) == "1:8: unexpected character '@'");
}

TEST_CASE("invalid UTF-8 and NUL are reported at their position") {
  CHECK(first_error(parse("keep;\nx \"a\xFF\";")).rfind("2:5: invalid UTF-8 byte 0xFF", 0) == 0);
  CHECK(first_error(parse("x \"\xED\xA0\x80\";")).rfind("1:4: invalid UTF-8 byte 0xED", 0) == 0);  // surrogate
  CHECK(first_error(parse("x \"\xC0\xAF\";")).rfind("1:4: invalid UTF-8 byte 0xC0", 0) == 0);  // overlong
  std::string with_nul = std::string("keep;\nx \"a") + '\0' + "\";";
  CHECK(first_error(parse(with_nul)).rfind("2:5: NUL character", 0) == 0);
}

TEST_CASE("syntax errors name what was found and what was expected") {
  CHECK(first_error(parse("if true { keep; ")) ==
        "1:17: syntax error: unexpected end of script, expected '}' or a command or test name");
  CHECK(first_error(parse("keep")) ==
        "1:5: syntax error: unexpected end of script, expected ';' or '{'");
  CHECK(first_error(parse("if anyof() { keep; }")).rfind("1:10: syntax error: unexpected ')'", 0) == 0);
  CHECK(first_error(parse("x [\"a\" \"b\"];")).rfind("1:8: syntax error: unexpected string \"b\", expected ']' or ','", 0) == 0);
  CHECK(first_error(parse("}")).rfind("1:1: syntax error: unexpected '}'", 0) == 0);
}

TEST_CASE("syntax errors are capped") {
  std::string src;
  for (int i = 0; i < 100; ++i) src += "} ";
  ParseResult r = parse(src);
  CHECK(r.diagnostics.size() <= 10);
  CHECK_FALSE(r.diagnostics.empty());
}

TEST_CASE("nesting is capped before the parser recurses") {
  std::string deep_blocks, deep_nots, deep_lists;
  for (int i = 0; i < 100000; ++i) deep_blocks += "if true {";
  for (int i = 0; i < 100000; ++i) deep_nots += "not ";
  deep_nots = "if " + deep_nots + "true { keep; }";
  for (int i = 0; i < 100000; ++i) deep_lists += "anyof(";
  for (const std::string* src : {&deep_blocks, &deep_nots, &deep_lists}) {
    ParseResult r = parse(*src);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "nesting-too-deep");
  }
  std::string ok = "if ";
  for (int i = 0; i < 30; ++i) ok += "not ";
  ok += "true { keep; }";
  CHECK(parse(ok).diagnostics.empty());
}

TEST_CASE("names and tags are lower-cased, positions kept") {
  ParseResult r = parse("IF Header :IS \"Subject\" \"x\" { KEEP; }");
  REQUIRE(r.diagnostics.empty());
  CHECK(dump(r.ast) == "if@1:1 {\n  test header@1:4 :is \"Subject\" \"x\"\n  keep@1:31\n}\n");
}

TEST_CASE("string lists keep brackets and element positions") {
  ParseResult r = parse("x [\"a\",\n   \"b\"] \"c\";");
  REQUIRE(r.diagnostics.empty());
  const auto& args = r.ast.commands[0].arguments;
  CHECK(args[0].bracketed);
  CHECK(args[0].strings[1].pos.line == 2);
  CHECK(args[0].strings[1].pos.column == 4);
  CHECK_FALSE(args[1].bracketed);
}

TEST_CASE("test lists and nested tests") {
  ParseResult r = parse("if anyof(not true, allof(false, true)) { stop; }");
  REQUIRE(r.diagnostics.empty());
  CHECK(dump(r.ast) ==
        "if@1:1 {\n"
        "  test anyof@1:4 (list)\n"
        "    test not@1:10\n"
        "      test true@1:14\n"
        "    test allof@1:20 (list)\n"
        "      test false@1:26\n"
        "      test true@1:33\n"
        "  stop@1:42\n"
        "}\n");
}

TEST_CASE("scripts larger than the limit are refused") {
  std::string big(2u << 20, ' ');
  ParseResult r = parse(big);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "script-too-large");
}

TEST_CASE("many top-level blocks in a row are not nesting") {
  std::string src;
  for (int i = 0; i < 2000; ++i) src += "if true { keep; }\nif false { stop; } else { discard; }\n";
  ParseResult r = parse(src);
  CHECK(r.diagnostics.empty());
  CHECK(r.ast.commands.size() == 6000);
}

TEST_CASE("a byte-order mark is an error") {
  ParseResult r = parse("\xEF\xBB\xBFkeep;");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "byte-order-mark");
}
