// :regex (draft-ietf-sieve-regex-01) on RE2: POSIX syntax and semantics, comparators,
// match variables, :quoteregex.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/match/match.h"

using namespace sievegate::policy::match;

namespace {

using Captures = std::vector<std::string>;

Regex compiled(std::string_view pattern, Comparator c = Comparator::kOctet) {
  std::string error;
  std::optional<Regex> re = Regex::compile(pattern, c, &error);
  INFO("pattern \"" << pattern << "\": " << error);
  REQUIRE(re.has_value());
  return *re;
}

std::optional<Captures> captures_of(const Regex& re, std::string_view value) {
  Captures captures;
  if (!re.match(value, &captures)) return std::nullopt;
  return captures;
}

}  // namespace

TEST_CASE(":regex compile errors are values", "[match]") {
  std::string error;
  CHECK_FALSE(Regex::compile("(", Comparator::kOctet, &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(Regex::compile("[z-a]", Comparator::kOctet, nullptr));  // null error is fine
  error.clear();
  CHECK_FALSE(Regex::compile("a", Comparator::kAsciiNumeric, &error));
  CHECK(error.find("i;ascii-numeric") != std::string::npos);
  // POSIX extended syntax plus the classes GNU regcomp knows (\w \s \b \B), which the
  // checker accepts; back-references are not linear-time and do not compile.
  CHECK(Regex::compile("\\w+\\s\\b", Comparator::kOctet, nullptr));
  CHECK_FALSE(Regex::compile("(a)\\1", Comparator::kOctet, nullptr));
  CHECK(Regex::compile("[[:digit:]]+", Comparator::kOctet, nullptr));
  CHECK(Regex::compile("", Comparator::kOctet, nullptr));
}

TEST_CASE(":regex matching semantics", "[match]") {
  struct Case {
    std::string_view pattern;
    Comparator comparator;
    std::string_view value;
    bool matched;
  };
  const Case cases[] = {
      // Unanchored search, like regexec().
      {"b", Comparator::kOctet, "abc", true},
      {"^b", Comparator::kOctet, "abc", false},
      {"c$", Comparator::kOctet, "abc", true},
      {"^abc$", Comparator::kOctet, "abc", true},
      {"", Comparator::kOctet, "", true},
      {"", Comparator::kOctet, "anything", true},
      // i;octet is case-sensitive, i;ascii-casemap is not.
      {"^make money", Comparator::kOctet, "MAKE MONEY FAST", false},
      {"^make money", Comparator::kAsciiCasemap, "MAKE MONEY FAST", true},
      {"[a-z]+@example\\.com", Comparator::kAsciiCasemap, "Coyote@EXAMPLE.com", true},
      {"[a-z]+@example\\.com", Comparator::kOctet, "COYOTE@example.com", false},
      {"example\\.com", Comparator::kOctet, "exampleXcom", false},
      // Without REG_NEWLINE: "." matches a newline, "^" and "$" only at the ends.
      {"a.b", Comparator::kOctet, "a\nb", true},
      {"^b", Comparator::kOctet, "a\nb", false},
      {"a$", Comparator::kOctet, "a\nb", false},
      // POSIX bracket expressions, intervals, alternation.
      {"^[[:upper:]][[:lower:]]+$", Comparator::kOctet, "Hello", true},
      {"^[[:upper:]][[:lower:]]+$", Comparator::kOctet, "hello", false},
      {"^x{2,3}$", Comparator::kOctet, "xxx", true},
      {"^x{2,3}$", Comparator::kOctet, "xxxx", false},
      {"^(spam|junk)$", Comparator::kOctet, "junk", true},
      // UTF-8 text: "." is one character.
      {"^caf.$", Comparator::kOctet, "caf\xC3\xA9", true},
      {"^caf..$", Comparator::kOctet, "caf\xC3\xA9", false},
      {"\xC3\xA9", Comparator::kOctet, "caf\xC3\xA9", true},
  };
  for (const Case& c : cases) {
    INFO("\"" << c.value << "\" :regex \"" << c.pattern << "\" "
              << comparator_name(c.comparator));
    const Regex re = compiled(c.pattern, c.comparator);
    CHECK(re.match(c.value, nullptr) == c.matched);
    Captures captures;
    CHECK(re.match(c.value, &captures) == c.matched);
  }
}

TEST_CASE(":regex match variables", "[match]") {
  const Regex address = compiled("^([^@]+)@(.+)$");
  CHECK(address.group_count() == 2);
  CHECK(captures_of(address, "coyote@example.com") ==
        Captures{"coyote@example.com", "coyote", "example.com"});

  // ${0} is the matched text, not the whole value.
  CHECK(captures_of(compiled("[0-9]+"), "order 1234 shipped") == Captures{"1234"});

  // A group that did not take part is "".
  const Regex either = compiled("(a)|(b)");
  CHECK(captures_of(either, "b") == Captures{"b", "", "b"});

  // POSIX picks the leftmost-longest match, not the first alternative.
  CHECK(captures_of(compiled("a|ab"), "abc") == Captures{"ab"});
  CHECK(captures_of(compiled("(a|ab)(c|bcd)"), "abcd") == Captures{"abcd", "a", "bcd"});

  // Groups are numbered by their "(", nested ones included.
  CHECK(captures_of(compiled("^((x+)-(y+))$"), "xx-yyy") ==
        Captures{"xx-yyy", "xx-yyy", "xx", "yyy"});

  // Case-insensitive matching keeps the value's spelling.
  CHECK(captures_of(compiled("^subject: (.*)$", Comparator::kAsciiCasemap), "SUBJECT: Hi") ==
        Captures{"SUBJECT: Hi", "Hi"});

  // More groups than fit on the stack.
  std::string many;
  for (int i = 0; i < 20; ++i) many += "(.)";
  const Regex twenty = compiled(many);
  CHECK(twenty.group_count() == 20);
  const auto captures = captures_of(twenty, "abcdefghijklmnopqrstuvwxyz");
  REQUIRE(captures.has_value());
  REQUIRE(captures->size() == 21);
  CHECK((*captures)[0] == "abcdefghijklmnopqrst");
  CHECK((*captures)[20] == "t");

  // No match: the earlier variables stay.
  Captures earlier{"keep"};
  CHECK_FALSE(address.match("no at sign", &earlier));
  CHECK(earlier == Captures{"keep"});
}

TEST_CASE(":regex copies share one program", "[match]") {
  const Regex original = compiled("^x+$");
  const Regex copy = original;  // NOLINT: copying is the point
  CHECK(copy.match("xxx", nullptr));
  CHECK(original.match("xxx", nullptr));
  CHECK_FALSE(copy.match("xyx", nullptr));
}

TEST_CASE(":regex is linear time on patterns that make backtrackers explode", "[match]") {
  const std::string as(100000, 'a');
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(compiled("(a*)*b").match(as, nullptr));
  CHECK_FALSE(compiled("^(a|aa)+$").match(as + "b", nullptr));
  Captures captures;
  CHECK_FALSE(compiled("(a+)+b").match(as, &captures));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE(":quoteregex escapes every POSIX ERE special character", "[match]") {
  CHECK(regex_quote("") == "");
  CHECK(regex_quote("plain text") == "plain text");
  CHECK(regex_quote("a.b*c") == "a\\.b\\*c");
  CHECK(regex_quote("\\.[](){}*+?^$|") == "\\\\\\.\\[\\]\\(\\)\\{\\}\\*\\+\\?\\^\\$\\|");
  for (std::string_view s : {"1+1=2 (really?) [yes] {x} ^$|\\", "a.b", "$5.00", "x{2}"}) {
    INFO('"' << s << '"');
    const Regex re = compiled("^" + regex_quote(s) + "$");
    CHECK(re.match(s, nullptr));
    CHECK_FALSE(re.match(std::string(s) + "x", nullptr));
  }
  CHECK_FALSE(compiled(regex_quote("a.b")).match("axb", nullptr));
}
