// base/text.h: hex digits and UTF-8 encoding; base/json.h: JSON string literals.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/suggest.h"
#include "base/text.h"

using namespace sievegate::base;

TEST_CASE("hex_value: both cases, -1 for anything else") {
  CHECK(hex_value('0') == 0);
  CHECK(hex_value('9') == 9);
  CHECK(hex_value('a') == 10);
  CHECK(hex_value('F') == 15);
  CHECK(hex_value('f') == 15);
  CHECK(hex_value('g') == -1);
  CHECK(hex_value('G') == -1);
  CHECK(hex_value('/') == -1);
  CHECK(hex_value(':') == -1);
  CHECK(hex_value(' ') == -1);
  CHECK(hex_value('\0') == -1);
  CHECK(hex_value('\xC3') == -1);
}

TEST_CASE("append_utf8: one to four octets (RFC 3629)") {
  auto utf8 = [](char32_t cp) {
    std::string out = "<";
    append_utf8(cp, out);  // appends, keeps what is there
    return out.substr(1);
  };
  CHECK(utf8(U'A') == "A");
  CHECK(utf8(0x0) == std::string(1, '\0'));
  CHECK(utf8(0x7F) == "\x7F");
  CHECK(utf8(0x80) == "\xC2\x80");
  CHECK(utf8(0xE9) == "\xC3\xA9");          // é
  CHECK(utf8(0x7FF) == "\xDF\xBF");
  CHECK(utf8(0x800) == "\xE0\xA0\x80");
  CHECK(utf8(0x20AC) == "\xE2\x82\xAC");    // €
  CHECK(utf8(0xFFFD) == "\xEF\xBF\xBD");
  CHECK(utf8(0x10000) == "\xF0\x90\x80\x80");
  CHECK(utf8(0x1F600) == "\xF0\x9F\x98\x80");  // 😀
  CHECK(utf8(0x10FFFF) == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("encode_utf8: the same octets into any sink") {
  unsigned char buf[4] = {};
  int n = 0;
  encode_utf8(0x1F600, [&](unsigned octet) { buf[n++] = static_cast<unsigned char>(octet); });
  CHECK(n == 4);
  CHECK(std::string(reinterpret_cast<const char*>(buf), 4) == "\xF0\x9F\x98\x80");
}

TEST_CASE("append_json_string: quotes, escapes control characters, passes UTF-8") {
  std::string out = "x=";
  append_json_string(out, std::string("a\"b\\c\n\r\t\x01\x7F\xC3\xA9", 12));
  CHECK(out == "x=\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f\xC3\xA9\"");
}

TEST_CASE("base: one 'did you mean' rule for the Sieve checker and the config", "[base]") {
  std::vector<std::string> sieve = {"header", "address", "envelope", "fileinto", "redirect"};
  CHECK(sievegate::base::closest("hedaer", sieve) == "header");      // a transposition: 2 edits
  CHECK(sievegate::base::closest("FileInto", sieve) == "fileinto");  // case does not count
  CHECK(sievegate::base::closest("redirekt", sieve) == "redirect");
  CHECK(sievegate::base::closest("envelopes-x", sieve) == "envelope");  // 3 edits beyond 8 characters
  CHECK(sievegate::base::closest("xyz", sieve).empty());
  std::vector<std::string_view> keys = {"rcpt-domain", "remote-ip", "max-recipients"};
  CHECK(sievegate::base::closest("rcpt_domain", keys) == "rcpt-domain");  // '_' read as '-'
  CHECK(sievegate::base::closest("max_recipient", keys) == "max-recipients");
  CHECK(sievegate::base::closest("ip", keys).empty());  // short words: 1 edit at most
  CHECK(sievegate::base::did_you_mean("header") == " (did you mean 'header'?)");
  CHECK(sievegate::base::did_you_mean("x", '"') == " (did you mean \"x\"?)");
  CHECK(sievegate::base::did_you_mean("").empty());
}

// ---------------------------------------------------------------- diagnostic printers

#include "base/diagnostic_print.h"

TEST_CASE("base: diagnostics print as compiler lines and as cli.md's JSON document", "[base]") {
  using namespace sievegate::base;
  Diagnostic error(Severity::kError, {12, 5}, "unknown-test", "unknown test 'hedaer'", "a.sieve");
  Diagnostic warning(Severity::kWarning, {3, 10}, "deprecated", "say \"x\"\n", "b.sieve");
  CHECK(diagnostic_text(error) == "a.sieve:12:5: error: unknown test 'hedaer'\n");
  CHECK(diagnostic_text(warning) == "b.sieve:3:10: warning: say \"x\"\n\n");
  CHECK(diagnostic_text(cannot_read("c.toml", "No such file or directory")) ==
        "c.toml: cannot read: No such file or directory\n");

  std::vector<FileDiagnostics> files = group_by_file({warning, error, cannot_read("c.toml", "Is a directory")});
  REQUIRE(files.size() == 3);
  CHECK(files[0].path == "a.sieve");
  CHECK(files[1].path == "b.sieve");
  files.push_back({"d.sieve", {}});
  CHECK(diagnostics_json(files) ==
        "{\"files\": [{\"path\": \"a.sieve\", \"diagnostics\": [{\"severity\": \"error\", \"line\": 12, \"column\": 5, "
        "\"code\": \"unknown-test\", \"message\": \"unknown test 'hedaer'\"}]}, {\"path\": \"b.sieve\", \"diagnostics\": "
        "[{\"severity\": \"warning\", \"line\": 3, \"column\": 10, \"code\": \"deprecated\", \"message\": \"say "
        "\\\"x\\\"\\n\"}]}, {\"path\": \"c.toml\", \"diagnostics\": [{\"severity\": \"error\", \"line\": 0, \"column\": 0, "
        "\"code\": \"unreadable\", \"message\": \"cannot read: Is a directory\"}]}, {\"path\": \"d.sieve\", "
        "\"diagnostics\": []}], \"errors\": 2, \"warnings\": 1}\n");
  CHECK(count_errors({error, warning}) == 1);
  CHECK_FALSE(has_errors({warning}));
}
