// Comparators (RFC 4790 9.1-9.3, RFC 5051): names, :is equality, :value ordering and
// :contains, table-driven.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sieve/match/match.h"

using namespace sievegate::policy::match;

namespace {

constexpr Comparator kOctet = Comparator::kOctet;
constexpr Comparator kAscii = Comparator::kAsciiCasemap;
constexpr Comparator kNumeric = Comparator::kAsciiNumeric;
constexpr Comparator kUnicode = Comparator::kUnicodeCasemap;

int sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

TEST_CASE("comparator names round-trip and are matched exactly", "[match]") {
  for (Comparator c : {kOctet, kAscii, kNumeric, kUnicode}) {
    CHECK(comparator_from_name(comparator_name(c)) == c);
  }
  CHECK(comparator_from_name("i;octet") == kOctet);
  CHECK(comparator_from_name("i;ascii-casemap") == kAscii);
  CHECK(comparator_from_name("i;ascii-numeric") == kNumeric);
  CHECK(comparator_from_name("i;unicode-casemap") == kUnicode);
  CHECK_FALSE(comparator_from_name("I;OCTET"));
  CHECK_FALSE(comparator_from_name("octet"));
  CHECK_FALSE(comparator_from_name(""));
  CHECK_FALSE(comparator_from_name("i;basic"));
}

TEST_CASE("only i;ascii-numeric lacks the substring operation", "[match]") {
  CHECK(supports_substring(kOctet));
  CHECK(supports_substring(kAscii));
  CHECK(supports_substring(kUnicode));
  CHECK_FALSE(supports_substring(kNumeric));
}

TEST_CASE(":is equality per comparator", "[match]") {
  struct Case {
    Comparator comparator;
    std::string_view a;
    std::string_view b;
    bool equal;
  };
  const Case cases[] = {
      // RFC 5228 2.7.1: only "frobnitzm" is "frobnitzm"; "" is only "".
      {kOctet, "frobnitzm", "frobnitzm", true},
      {kOctet, "frobnitzm", "frobnitz", false},
      {kOctet, "Frobnitzm", "frobnitzm", false},
      {kOctet, "", "", true},
      {kOctet, "", "a", false},
      {kOctet, std::string_view("a\0b", 3), std::string_view("a\0b", 3), true},  // NUL is data
      {kOctet, std::string_view("a\0b", 3), std::string_view("a\0c", 3), false},
      // RFC 4790 9.2: only the 26 ASCII letters fold.
      {kAscii, "FROBNITZM", "frobnitzm", true},
      {kAscii, "MAKE MONEY FAST", "Make Money Fast", true},
      {kAscii, "", "", true},
      {kAscii, "a", "", false},
      {kAscii, "@[`{", "@[`{", true},
      {kAscii, "@", "`", false},  // 0x40 and 0x60 differ by the case bit but are not letters
      {kAscii, "[", "{", false},
      {kAscii, "caf\xC3\xA9", "CAF\xC3\xA9", true},
      {kAscii, "\xC3\xA9", "\xC3\x89", false},  // é vs É: not ASCII
      {kAscii, "stra\xC3\x9F" "e", "STRASSE", false},
      // RFC 4790 9.1: leading digits as an unbounded integer, no digits = infinity.
      {kNumeric, "10", "10", true},
      {kNumeric, "10", "010", true},
      {kNumeric, "0", "000", true},
      {kNumeric, "12abc", "12", true},
      {kNumeric, "12abc", "12xyz", true},
      {kNumeric, "1", "2", false},
      {kNumeric, "10", "1", false},
      {kNumeric, "abc", "xyz", true},  // both positive infinity
      {kNumeric, "", "abc", true},     // so is the empty string
      {kNumeric, "abc", "12", false},
      {kNumeric, "-1", "x", true},  // no leading digit: "-" is not part of the number
      {kNumeric, " 1", "1", false},
      {kNumeric, "123456789012345678901234567890", "000123456789012345678901234567890", true},
      {kNumeric, "123456789012345678901234567890", "123456789012345678901234567891", false},
      // RFC 5051: titlecase, then decomposition, then i;octet.
      {kUnicode, "frobnitzm", "FROBNITZM", true},
      {kUnicode, "caf\xC3\xA9", "CAF\xC3\x89", true},            // café / CAFÉ
      {kUnicode, "caf\xC3\xA9", "cafe\xCC\x81", true},           // precomposed / decomposed
      {kUnicode, "CAF\xC3\x89", "cafe\xCC\x81", true},
      {kUnicode, "caf\xC3\xA9", "cafe", false},
      {kUnicode, "stra\xC3\x9F" "e", "STRA\xC3\x9F" "E", true},  // ß has no simple titlecase
      {kUnicode, "stra\xC3\x9F" "e", "STRASSE", false},
      {kUnicode, "\xC7\x84", "\xC7\x86", true},                  // Ǆ / ǆ
      {kUnicode, "\xC7\x84", "\xC7\x85", true},                  // Ǆ / ǅ
      // RFC 5051 2 maps Ǆ to "D" "z" U+030C but titlecases a "z" typed as such, so the
      // canonical form is not idempotent and Ǆ equals neither spelling.
      {kUnicode, "\xC7\x84", "Dz\xCC\x8C", false},
      {kUnicode, "\xC7\x84", "D\xC5\xBD", false},  // D + Ž
      // Greek: Σίσυφος / ΣΊΣΥΦΟΣ, final sigma.
      {kUnicode, "\xCE\xA3\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x82",
       "\xCE\xA3\xCE\x8A\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3", true},
      {kUnicode, "\xCF\x82", "\xCF\x83", true},  // ς / σ
      // Cyrillic: привет / ПРИВЕТ, ё / Ё / Е + combining diaeresis, ї / Ї.
      {kUnicode, "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82",
       "\xD0\x9F\xD0\xA0\xD0\x98\xD0\x92\xD0\x95\xD0\xA2", true},
      {kUnicode, "\xD1\x91", "\xD0\x81", true},
      {kUnicode, "\xD1\x91", "\xD0\x95\xCC\x88", true},
      {kUnicode, "\xD1\x97", "\xD0\x87", true},
      {kUnicode, "\xD0\xB5", "\xD1\x91", false},  // е is not ё
      // Latin Extended-A: ł / Ł, ő / Ő, ſ / s, ı / I.
      {kUnicode, "\xC5\x82", "\xC5\x81", true},
      {kUnicode, "\xC5\x91", "O\xCC\x8B", true},
      {kUnicode, "\xC5\xBF", "s", true},
      {kUnicode, "\xC4\xB1", "i", true},
      {kUnicode, "\xC4\xB0", "i", false},  // İ decomposes to I + combining dot
      // Invalid UTF-8 compares as octets; the valid text around it still folds.
      {kUnicode, "a\xFF" "b", "A\xFF" "B", true},
      {kUnicode, "a\xFF", "a\xFE", false},
      {kUnicode, "\xC3", "\xC3", true},  // truncated sequence
  };
  for (const Case& c : cases) {
    INFO(comparator_name(c.comparator) << " \"" << c.a << "\" vs \"" << c.b << "\"");
    CHECK(equals(c.comparator, c.a, c.b) == c.equal);
    CHECK(equals(c.comparator, c.b, c.a) == c.equal);
    // order() is 0 exactly when equals() holds.
    CHECK((order(c.comparator, c.a, c.b) == 0) == c.equal);
  }
}

TEST_CASE(":value ordering per comparator", "[match]") {
  struct Case {
    Comparator comparator;
    std::string_view a;
    std::string_view b;
    int expected;  // sign of order(a, b)
  };
  const Case cases[] = {
      {kOctet, "a", "b", -1},
      {kOctet, "A", "a", -1},
      {kOctet, "ab", "abc", -1},  // a proper prefix sorts first
      {kOctet, "", "a", -1},
      {kOctet, "abc", "abc", 0},
      {kOctet, "\xC3\xA9", "z", 1},  // octets are unsigned
      {kOctet, "b", "abc", 1},
      // RFC 4790 9.2: letters are mapped to upper case before i;octet, so "_" (0x5F)
      // sorts after every letter, and "[" (0x5B) too.
      {kAscii, "a", "A", 0},
      {kAscii, "abc", "ABD", -1},
      {kAscii, "_", "a", 1},
      {kAscii, "_", "Z", 1},
      {kAscii, "[", "z", 1},
      {kAscii, "@", "a", -1},
      {kAscii, "Zebra", "apple", 1},
      // RFC 4790 9.1.
      {kNumeric, "9", "10", -1},
      {kNumeric, "10", "9", 1},
      {kNumeric, "010", "10", 0},
      {kNumeric, "007", "8", -1},
      {kNumeric, "0", "", -1},
      {kNumeric, "abc", "99999999999999999999999999999999", 1},
      {kNumeric, "abc", "xyz", 0},
      {kNumeric, "", "x", 0},
      {kNumeric, "5", "", -1},
      {kNumeric, "18446744073709551616", "18446744073709551615", 1},  // beyond 64 bits
      {kNumeric, "3 apples", "20 pears", -1},
      // RFC 5051: i;octet on the canonical forms.
      {kUnicode, "a", "B", -1},
      {kUnicode, "b", "A", 1},
      {kUnicode, "caf\xC3\xA9", "CAFE\xCC\x81", 0},
      {kUnicode, "cafe", "caf\xC3\xA9", -1},
      {kUnicode, "\xCE\xB1", "\xCE\x92", -1},  // α < Β (Α < Β)
  };
  for (const Case& c : cases) {
    INFO(comparator_name(c.comparator) << " \"" << c.a << "\" vs \"" << c.b << "\"");
    CHECK(sign(order(c.comparator, c.a, c.b)) == c.expected);
    CHECK(sign(order(c.comparator, c.b, c.a)) == -c.expected);
  }
}

TEST_CASE(":contains per comparator", "[match]") {
  struct Case {
    Comparator comparator;
    std::string_view haystack;
    std::string_view needle;
    bool contained;
  };
  const Case cases[] = {
      // RFC 5228 2.7.1: "frobnitzm" contains "frob" and "nit", but not "fbm"; the empty
      // key is contained in all values.
      {kAscii, "frobnitzm", "frob", true},
      {kAscii, "frobnitzm", "nit", true},
      {kAscii, "frobnitzm", "fbm", false},
      {kAscii, "frobnitzm", "", true},
      {kAscii, "", "", true},
      {kOctet, "", "", true},
      {kUnicode, "", "", true},
      {kAscii, "", "a", false},
      // RFC 5228 2.7.3: i;octet is case-sensitive.
      {kOctet, "You can MAKE MONEY FAST", "MAKE MONEY FAST", true},
      {kOctet, "You can Make Money Fast", "MAKE MONEY FAST", false},
      {kAscii, "You can Make Money Fast", "MAKE MONEY FAST", true},
      {kAscii, "You can Make Money Fas", "MAKE MONEY FAST", false},
      // Positions: start, end, whole, longer than the value, near misses.
      {kAscii, "abcdef", "ABC", true},
      {kAscii, "abcdef", "DEF", true},
      {kAscii, "abcdef", "abcdef", true},
      {kAscii, "abc", "abcd", false},
      {kAscii, "aaab", "AAB", true},
      {kAscii, "aaaa", "AAB", false},
      {kAscii, "v1.2.3", "1.2", true},  // no letters: the memmem path
      {kAscii, "v1.2.3", "2.4", false},
      {kAscii, "x[y]z", "[Y]", true},
      {kAscii, "x{y}z", "[Y]", false},
      {kOctet, std::string_view("a\0b", 3), std::string_view("\0b", 2), true},
      // i;ascii-casemap folds ASCII only, even inside UTF-8 text.
      {kAscii, "Caf\xC3\xA9 au lait", "CAF\xC3\xA9", true},
      {kAscii, "Caf\xC3\xA9 au lait", "CAF\xC3\x89", false},
      // i;unicode-casemap folds beyond ASCII and matches whole characters only.
      {kUnicode, "Caf\xC3\xA9 au lait", "CAF\xC3\x89", true},
      {kUnicode, "Caf\xC3\xA9 au lait", "cafe\xCC\x81 AU", true},
      {kUnicode, "\xC3\x89t\xC3\xA9", "T\xC3\x89", true},
      {kUnicode, "\xC3\x89t\xC3\xA9", "E", false},  // "E" is only part of "É"
      {kUnicode, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80",
       "\xD0\x9C\xD0\x98\xD0\xA0", true},  // "Привет, мир" contains "МИР"
      {kUnicode, "ab\xFF" "cd", "B\xFF" "C", true},
      // i;ascii-numeric has no substring operation: "undefined", i.e. no match.
      {kNumeric, "123", "2", false},
      {kNumeric, "123", "", false},
  };
  for (const Case& c : cases) {
    INFO(comparator_name(c.comparator) << " \"" << c.haystack << "\" contains \"" << c.needle
                                       << "\"");
    CHECK(contains(c.comparator, c.haystack, c.needle) == c.contained);
  }
}

TEST_CASE(":contains on a long value stays fast", "[match]") {
  const std::string haystack(1 << 20, 'a');
  CHECK_FALSE(contains(kAscii, haystack, "aaaaaaaab"));
  CHECK_FALSE(contains(kOctet, haystack, std::string(1000, 'a') + "b"));
  CHECK(contains(kAscii, haystack + "b", "AAAAAAAAB"));
  CHECK_FALSE(contains(kUnicode, haystack, "AAAAAAAAB"));
}

TEST_CASE("i;ascii-casemap equality agrees with the octet-wise definition", "[match]") {
  // The comparator folds eight octets at a time; check it against RFC 4790 9.2 applied
  // octet by octet, for every pair of octets at every position of a word and the tail.
  auto upper = [](unsigned char c) { return (c >= 'a' && c <= 'z') ? c - 32 : int{c}; };
  for (std::size_t length : {1u, 7u, 8u, 9u, 16u, 19u}) {
    for (std::size_t at : {std::size_t{0}, length / 2, length - 1}) {
      std::string a(length, 'q');
      std::string b(length, 'Q');
      for (int x = 0; x < 256; ++x) {
        for (int y = 0; y < 256; ++y) {
          a[at] = static_cast<char>(x);
          b[at] = static_cast<char>(y);
          const bool expected = upper(static_cast<unsigned char>(x)) == upper(static_cast<unsigned char>(y));
          if (equals(kAscii, a, b) != expected) {
            FAIL("length " << length << " at " << at << ": " << x << " vs " << y);
          }
        }
      }
    }
  }
  SUCCEED();
}
