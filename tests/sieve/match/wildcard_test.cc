// :matches (RFC 5228 2.7.1), its match variables (RFC 5229 3.2) and :quotewildcard
// (RFC 5229 4.1): table-driven cases, the RFC examples, pathological patterns, and a
// differential test against a slow exhaustive reference.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/match/match.h"

using namespace sievegate::policy::match;

namespace {

constexpr Comparator kOctet = Comparator::kOctet;
constexpr Comparator kAscii = Comparator::kAsciiCasemap;
constexpr Comparator kNumeric = Comparator::kAsciiNumeric;
constexpr Comparator kUnicode = Comparator::kUnicodeCasemap;

using Captures = std::vector<std::string>;

std::optional<Captures> captures_of(Comparator c, std::string_view value, std::string_view pattern) {
  Captures captures;
  if (!matches(c, value, pattern, &captures)) return std::nullopt;
  return captures;
}

}  // namespace

TEST_CASE(":matches wildcards, escapes and anchoring", "[match]") {
  struct Case {
    Comparator comparator;
    std::string_view value;
    std::string_view pattern;
    bool matched;
  };
  // Patterns are string values after the script's own escapes: "\\*" here is \* there.
  const Case cases[] = {
      // Empty value and empty pattern.
      {kAscii, "", "", true},
      {kAscii, "", "*", true},
      {kAscii, "", "**", true},
      {kAscii, "", "?", false},
      {kAscii, "a", "", false},
      // The whole value must match.
      {kAscii, "frobnitzm", "frobnitzm", true},
      {kAscii, "frobnitzm", "frob", false},
      {kAscii, "frobnitzm", "nitzm", false},
      {kAscii, "frobnitzm", "frob*", true},
      {kAscii, "frobnitzm", "*nitzm", true},
      {kAscii, "frobnitzm", "*nit*", true},
      {kAscii, "frobnitzm", "*fbm*", false},
      {kAscii, "frobnitzm", "f*b*z*", true},
      {kAscii, "frobnitzm", "f*z", false},
      {kAscii, "abc", "*", true},
      {kAscii, "abc", "a?c", true},
      {kAscii, "abc", "a??c", false},
      {kAscii, "abc", "???", true},
      {kAscii, "abc", "????", false},
      {kAscii, "abc", "??", false},
      {kAscii, "abc", "?*", true},
      {kAscii, "abc", "*?", true},
      {kAscii, "abc", "*???*", true},
      {kAscii, "abc", "*????*", false},
      {kAscii, "abcabc", "*bc", true},
      {kAscii, "abcabd", "*bc", false},
      {kAscii, "aXbXc", "*X*X*", true},
      {kAscii, "aXbXc", "*X*X*X*", false},
      {kAscii, "mississippi", "m*iss*ppi", true},
      {kAscii, "mississippi", "m*issip*ssi", false},
      // Escapes: \* and \? are literal; \\ is a backslash; any other escaped character
      // is itself; a lone "\" at the end is a backslash.
      {kAscii, "a*b", "a\\*b", true},
      {kAscii, "axb", "a\\*b", false},
      {kAscii, "a?b", "a\\?b", true},
      {kAscii, "axb", "a\\?b", false},
      {kAscii, "a\\b", "a\\\\b", true},
      {kAscii, "ab", "a\\\\b", false},
      {kAscii, "ab", "a\\b", true},
      {kAscii, "a\\", "a\\", true},
      {kAscii, "a\\", "a\\\\", true},
      {kAscii, "a*", "*\\*", true},
      {kAscii, "xyz*", "*\\*", true},
      {kAscii, "xyz", "*\\*", false},
      {kAscii, "**?", "\\*\\**", true},
      {kAscii, "price: $5?", "*\\?", true},
      // Case: i;ascii-casemap folds ASCII letters only; i;octet folds nothing.
      {kAscii, "FROBNITZM", "frob*", true},
      {kOctet, "FROBNITZM", "frob*", false},
      {kOctet, "frobnitzm", "frob*", true},
      {kAscii, "\xC3\x89t\xC3\xA9", "\xC3\xA9*", false},
      {kUnicode, "\xC3\x89t\xC3\xA9", "\xC3\xA9*", true},
      {kUnicode, "\xC3\x89t\xC3\xA9", "*T\xC3\x89", true},
      {kUnicode, "\xC3\x89t\xC3\xA9", "e\xCC\x81*", true},  // decomposed key, precomposed value
      {kUnicode, "\xC3\x89t\xC3\xA9", "E*", false},         // "E" is only part of "É"
      // RFC 5228 2.7.1: "?" is one octet for i;octet and i;ascii-casemap, one character
      // (code point) for a Unicode comparator. "é" is two octets.
      {kOctet, "\xC3\xA9", "?", false},
      {kOctet, "\xC3\xA9", "??", true},
      {kAscii, "\xC3\xA9", "?", false},
      {kAscii, "\xC3\xA9", "??", true},
      {kUnicode, "\xC3\xA9", "?", true},
      {kUnicode, "\xC3\xA9", "??", false},
      {kUnicode, "\xE2\x82\xAC" "5", "?5", true},            // € is three octets
      {kUnicode, "\xF0\x9F\x98\x80!", "?!", true},           // four octets
      {kUnicode, "caf\xC3\xA9", "caf?", true},
      {kUnicode, "caf\xC3\xA9", "CAF?", true},
      {kUnicode, "\xFF\xFE", "??", true},  // invalid octets are one character each
      // i;ascii-numeric has no wildcard matching (RFC 4790 9.1): no match.
      {kNumeric, "123", "*", false},
      {kNumeric, "123", "123", false},
  };
  for (const Case& c : cases) {
    INFO(comparator_name(c.comparator) << " \"" << c.value << "\" :matches \"" << c.pattern
                                       << "\"");
    CHECK(matches(c.comparator, c.value, c.pattern, nullptr) == c.matched);
    Captures captures;
    CHECK(matches(c.comparator, c.value, c.pattern, &captures) == c.matched);
  }
}

TEST_CASE("match variables: the examples of RFC 5229 3.2", "[match]") {
  // if header :matches "Subject" "[*] *" with "[acme-users] [fwd] version 1.0 is out":
  // ${1} is "acme-users", ${2} is "[fwd] version 1.0 is out".
  CHECK(captures_of(kAscii, "[acme-users] [fwd] version 1.0 is out", "[*] *") ==
        Captures{"[acme-users] [fwd] version 1.0 is out", "acme-users",
                 "[fwd] version 1.0 is out"});

  // if address :matches ["To", "Cc"] ["coyote@**.com", "wile@**.com"] with
  // "coyote@ACME.Example.COM": ${0} the address, ${1} always "", ${2} "ACME.Example".
  CHECK(captures_of(kAscii, "coyote@ACME.Example.COM", "coyote@**.com") ==
        Captures{"coyote@ACME.Example.COM", "", "ACME.Example"});
  CHECK_FALSE(captures_of(kAscii, "coyote@ACME.Example.COM", "wile@**.com"));

  // address :domain :matches "To" "*.com" on the same address.
  CHECK(captures_of(kAscii, "ACME.Example.COM", "*.com") ==
        Captures{"ACME.Example.COM", "ACME.Example"});

  // set "state" "${state} pending"; if string :matches " ${state} " "* pending *" always
  // succeeds: with an empty ${state} the string is "  pending ".
  CHECK(captures_of(kAscii, "  pending ", "* pending *") == Captures{"  pending ", " ", ""});

  // The whole header line variant: "*] *" splits at the first "] ".
  CHECK(captures_of(kAscii, "Subject: [acme-users] [fwd] version 1.0 is out", "*] *") ==
        Captures{"Subject: [acme-users] [fwd] version 1.0 is out", "Subject: [acme-users",
                 "[fwd] version 1.0 is out"});

  // The List-ID rule: "*<*@*", ${2} is the list's local part.
  CHECK(captures_of(kAscii, "Acme Users <acme-users@lists.example.org>", "*<*@*") ==
        Captures{"Acme Users <acme-users@lists.example.org>", "Acme Users ", "acme-users",
                 "lists.example.org>"});
}

TEST_CASE("match variables: one per wildcard, each as short as possible", "[match]") {
  struct Case {
    Comparator comparator;
    std::string_view value;
    std::string_view pattern;
    Captures captures;
  };
  const Case cases[] = {
      {kAscii, "", "", {""}},
      {kAscii, "", "*", {"", ""}},
      {kAscii, "abc", "abc", {"abc"}},
      {kAscii, "abc", "*", {"abc", "abc"}},
      {kAscii, "abc", "**", {"abc", "", "abc"}},
      {kAscii, "abc", "***", {"abc", "", "", "abc"}},
      {kAscii, "abcdef", "a?c*", {"abcdef", "b", "def"}},
      {kAscii, "abcdef", "?*?", {"abcdef", "a", "bcde", "f"}},
      {kAscii, "a.b.c", "*.*", {"a.b.c", "a", "b.c"}},
      {kAscii, "a.b.c", "*.*.*", {"a.b.c", "a", "b", "c"}},
      {kAscii, "aaa", "*a*", {"aaa", "", "aa"}},
      {kAscii, "xaay", "*a?*", {"xaay", "x", "a", "y"}},
      {kAscii, "aXbXc", "*X*", {"aXbXc", "a", "bXc"}},
      {kAscii, "abab", "*ab", {"abab", "ab"}},  // the tail is anchored at the end
      {kAscii, "user+tag@example.com", "*+*@*",
       {"user+tag@example.com", "user", "tag", "example.com"}},
      // Captures keep the value's own spelling, not the folded one.
      {kAscii, "Hello World", "h*O W*", {"Hello World", "ell", "orld"}},
      // Escaped wildcards are not wildcards and have no variable.
      {kAscii, "a*b?c", "a\\*?\\?*", {"a*b?c", "b", "c"}},
      // "?" takes a whole code point for i;unicode-casemap, one octet otherwise.
      {kUnicode, "\xC3\xA9" "a", "?*", {"\xC3\xA9" "a", "\xC3\xA9", "a"}},
      {kAscii, "\xC3\xA9" "a", "?*", {"\xC3\xA9" "a", "\xC3", "\xA9" "a"}},
      {kUnicode, "Gr\xC3\xBC\xC3\x9F" "e, J\xC3\xBCrgen", "gr?\xC3\x9F" "E, *",
       {"Gr\xC3\xBC\xC3\x9F" "e, J\xC3\xBCrgen", "\xC3\xBC", "J\xC3\xBCrgen"}},
      {kUnicode, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "\xD0\xBF*\xD1\x82",
       {"\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", "\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5"}},
  };
  for (const Case& c : cases) {
    INFO(comparator_name(c.comparator) << " \"" << c.value << "\" :matches \"" << c.pattern
                                       << "\"");
    CHECK(captures_of(c.comparator, c.value, c.pattern) == c.captures);
  }
}

TEST_CASE("match variables are left alone when there is no match", "[match]") {
  Captures captures{"earlier", "one"};
  CHECK_FALSE(matches(kAscii, "abc", "x*", &captures));
  CHECK(captures == Captures{"earlier", "one"});
  CHECK(matches(kAscii, "xyz", "x*", &captures));
  CHECK(captures == Captures{"xyz", "yz"});
}

TEST_CASE(":matches stays polynomial on pathological patterns", "[match]") {
  const std::string as(100000, 'a');
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(matches(kAscii, as, "*a*a*a*a*b", nullptr));
  CHECK(matches(kAscii, as + "b", "*a*a*a*a*b", nullptr));
  CHECK_FALSE(matches(kAscii, as, "*aaaaaaaaab", nullptr));
  CHECK_FALSE(matches(kOctet, as, "*?a*?a*?a*?b", nullptr));
  CHECK_FALSE(matches(kUnicode, as, "*a*a*a*a*b", nullptr));
  CHECK_FALSE(matches(kAscii, as, "*a?*a?*a?*a?*a?*a?*a?*a?*a?*a?*b", nullptr));
  Captures captures;
  CHECK(matches(kAscii, as + "b", "*a*a*a*a*b", &captures));
  REQUIRE(captures.size() == 6);
  CHECK(captures[1].empty());
  CHECK(captures[5].size() == as.size() - 4);
  std::string many_stars;
  for (int i = 0; i < 1000; ++i) many_stars += "*a";
  CHECK_FALSE(matches(kAscii, as, many_stars + "b", nullptr));
  // Exponential backtracking would take hours; the bound is |value| x |stretch|.
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(5));
}

namespace {

// The slow reference: pattern tokens, then exhaustive recursion where each "*" tries
// lengths 0, 1, 2, ...; the first complete match is the leftmost-shortest one of RFC 5229
// 3.2. Octets only, ASCII folding optional.
struct Token {
  enum Kind { kStar, kAny, kLiteral } kind;
  char c;
};

std::vector<Token> tokens_of(std::string_view pattern) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      out.push_back({Token::kLiteral, pattern[++i]});
    } else if (pattern[i] == '*') {
      out.push_back({Token::kStar, 0});
    } else if (pattern[i] == '?') {
      out.push_back({Token::kAny, 0});
    } else {
      out.push_back({Token::kLiteral, pattern[i]});
    }
  }
  return out;
}

char fold(char c, bool casemap) { return casemap && c >= 'a' && c <= 'z' ? c - 32 : c; }

std::optional<Captures> reference(std::string_view value, std::string_view pattern, bool casemap) {
  const std::vector<Token> tokens = tokens_of(pattern);
  Captures parts;
  std::function<bool(std::size_t, std::size_t)> go = [&](std::size_t t, std::size_t v) {
    if (t == tokens.size()) return v == value.size();
    const Token& tok = tokens[t];
    if (tok.kind == Token::kLiteral) {
      return v < value.size() && fold(value[v], casemap) == fold(tok.c, casemap) && go(t + 1, v + 1);
    }
    if (tok.kind == Token::kAny) {
      if (v >= value.size()) return false;
      parts.emplace_back(value.substr(v, 1));
      if (go(t + 1, v + 1)) return true;
      parts.pop_back();
      return false;
    }
    for (std::size_t len = 0; v + len <= value.size(); ++len) {
      parts.emplace_back(value.substr(v, len));
      if (go(t + 1, v + len)) return true;
      parts.pop_back();
    }
    return false;
  };
  if (!go(0, 0)) return std::nullopt;
  Captures out{std::string(value)};
  out.insert(out.end(), parts.begin(), parts.end());
  return out;
}

}  // namespace

TEST_CASE(":matches agrees with an exhaustive reference on random inputs", "[match]") {
  std::mt19937 rng(5229);
  const std::string value_chars = "abAB*?\\";
  const std::string pattern_chars = "abAB**??\\";
  auto random_string = [&](const std::string& alphabet, std::size_t max_len) {
    std::string s(std::uniform_int_distribution<std::size_t>(0, max_len)(rng), ' ');
    for (char& c : s) c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    return s;
  };
  int matched = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string value = random_string(value_chars, 9);
    const std::string pattern = random_string(pattern_chars, 7);
    for (bool casemap : {false, true}) {
      INFO("\"" << value << "\" :matches \"" << pattern << "\" casemap " << casemap);
      const auto expected = reference(value, pattern, casemap);
      const auto actual = captures_of(casemap ? kAscii : kOctet, value, pattern);
      REQUIRE(actual == expected);
      REQUIRE(matches(casemap ? kAscii : kOctet, value, pattern, nullptr) == expected.has_value());
      matched += expected.has_value();
    }
  }
  CHECK(matched > 1000);  // the random inputs do exercise matches, not just misses
}

TEST_CASE(":matches agrees with the reference on UTF-8 for i;unicode-casemap", "[match]") {
  // Characters of one, two and three octets with their case partners, and an invalid
  // octet. None of them decomposes into another, so the reference can compare whole
  // characters by their canonical forms and let "?" take one character.
  const std::vector<std::string> alphabet = {"a", "A", "\xC3\xA9", "\xC3\x89", "\xD0\xB6",
                                             "\xD0\x96", "\xE2\x82\xAC", "\xFF"};
  const std::vector<std::string> specials = {"*", "?", "\\"};
  std::mt19937 rng(5051);
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  };
  auto chars_of = [](const std::vector<std::string>& parts) {
    std::string s;
    for (const std::string& p : parts) s += p;
    return s;
  };
  int matched = 0;
  for (int i = 0; i < 5000; ++i) {
    std::vector<std::string> value(std::uniform_int_distribution<std::size_t>(0, 6)(rng));
    for (std::string& c : value) c = pick(alphabet);
    std::vector<std::string> pattern(std::uniform_int_distribution<std::size_t>(0, 5)(rng));
    for (std::string& c : pattern) {
      c = std::uniform_int_distribution<int>(0, 2)(rng) == 0 ? pick(specials) : pick(alphabet);
    }
    // The reference, over characters.
    Captures parts;
    std::function<bool(std::size_t, std::size_t)> go = [&](std::size_t t, std::size_t v) {
      if (t == pattern.size()) return v == value.size();
      const std::string& tok = pattern[t];
      if (tok == "*") {
        for (std::size_t len = 0; v + len <= value.size(); ++len) {
          parts.push_back(chars_of({value.begin() + static_cast<long>(v),
                                    value.begin() + static_cast<long>(v + len)}));
          if (go(t + 1, v + len)) return true;
          parts.pop_back();
        }
        return false;
      }
      if (tok == "?") {
        if (v >= value.size()) return false;
        parts.push_back(value[v]);
        if (go(t + 1, v + 1)) return true;
        parts.pop_back();
        return false;
      }
      std::string literal = tok;
      std::size_t next = t + 1;
      if (tok == "\\" && next < pattern.size()) literal = pattern[next++];
      return v < value.size() && unicode_canonical(value[v]) == unicode_canonical(literal) &&
             go(next, v + 1);
    };
    std::optional<Captures> expected;
    if (go(0, 0)) {
      expected = Captures{chars_of(value)};
      expected->insert(expected->end(), parts.begin(), parts.end());
    }
    INFO('"' << chars_of(value) << "\" :matches \"" << chars_of(pattern) << '"');
    REQUIRE(captures_of(kUnicode, chars_of(value), chars_of(pattern)) == expected);
    matched += expected.has_value();
  }
  CHECK(matched > 200);
}

TEST_CASE(":quotewildcard escapes *, ? and \\ (RFC 5229 4.1)", "[match]") {
  CHECK(wildcard_quote("Rock*") == "Rock\\*");  // the RFC 5229 4.1 example
  CHECK(wildcard_quote("") == "");
  CHECK(wildcard_quote("plain text") == "plain text");
  CHECK(wildcard_quote("a?b\\c*") == "a\\?b\\\\c\\*");
  for (std::string_view s : {"Rock*", "*?\\", "what? *really*", "C:\\dir\\*.txt", "\\", ""}) {
    INFO('"' << s << '"');
    CHECK(matches(kOctet, s, wildcard_quote(s), nullptr));
    CHECK_FALSE(matches(kOctet, std::string(s) + "x", wildcard_quote(s), nullptr));
    Captures captures;
    CHECK(matches(kOctet, s, wildcard_quote(s), &captures));
    CHECK(captures == Captures{std::string(s)});  // no wildcard left, only ${0}
  }
}
