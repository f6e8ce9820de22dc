// The RFC 5051 canonical form behind i;unicode-casemap: titlecase mapping, then full
// decomposition, for the scripts covered; everything else unchanged.
#include <catch2/catch.hpp>

#include <string_view>

#include "sieve/match/match.h"

using sievegate::policy::match::unicode_canonical;

TEST_CASE("unicode_canonical: titlecase then decomposition (RFC 5051 2)", "[match]") {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const Case cases[] = {
      {"", ""},
      {"Hello, World 1!", "HELLO, WORLD 1!"},
      // RFC 5051 2's example: U+01C4 -> titlecase U+01C5 -> U+0044 U+007A U+030C.
      {"\xC7\x84", "Dz\xCC\x8C"},
      {"\xC7\x86", "Dz\xCC\x8C"},
      {"\xC7\x89", "Lj"},  // lj
      {"\xC7\xB3", "Dz"},  // dz
      // Latin-1: é -> É -> E + U+0301; ß has no simple titlecase; ÿ -> Ÿ -> Y + U+0308.
      {"\xC3\xA9", "E\xCC\x81"},
      {"\xC3\x89", "E\xCC\x81"},
      {"\xC3\x9F", "\xC3\x9F"},
      {"\xC3\xBF", "Y\xCC\x88"},
      {"\xC3\xA6", "\xC3\x86"},  // æ -> Æ, which does not decompose
      {"\xC2\xB5", "\xCE\x9C"},  // micro sign -> Greek capital mu
      // Compatibility decompositions are not titlecased again.
      {"\xC2\xAA", "a"},            // feminine ordinal
      {"\xC2\xBD", "1\xE2\x81\x84" "2"},  // one half
      {"\xC2\xA0", " "},            // no-break space
      // Latin Extended-A.
      {"\xC5\xBF", "S"},            // long s
      {"\xC4\xB1", "I"},            // dotless i
      {"\xC4\xB0", "I\xCC\x87"},    // İ
      {"\xC4\xB3", "IJ"},           // ĳ -> Ĳ -> I J
      {"\xC5\x80", "L\xC2\xB7"},    // ŀ -> Ŀ -> L + middle dot
      {"\xC5\x89", "\xCA\xBCn"},    // ŉ has no simple titlecase
      {"\xC5\xBE", "Z\xCC\x8C"},    // ž
      {"\xC5\x82", "\xC5\x81"},     // ł -> Ł
      // Greek: ά -> Ά -> Α + U+0301; ς and σ -> Σ; ΐ has no simple titlecase.
      {"\xCE\xAC", "\xCE\x91\xCC\x81"},
      {"\xCF\x82", "\xCE\xA3"},
      {"\xCF\x83", "\xCE\xA3"},
      {"\xCE\x90", "\xCE\xB9\xCC\x88\xCC\x81"},
      {"\xCF\x90", "\xCE\x92"},  // beta symbol -> Β
      // Cyrillic: й -> Й -> И + U+0306; ђ -> Ђ; ӧ -> Ӧ -> О + U+0308.
      {"\xD0\xB9", "\xD0\x98\xCC\x86"},
      {"\xD1\x92", "\xD0\x82"},
      {"\xD3\xA7", "\xD0\x9E\xCC\x88"},
      // Outside the covered blocks: unchanged (documented limitation).
      {"\xEF\xAC\x81", "\xEF\xAC\x81"},        // ﬁ ligature
      {"\xE1\xBA\xA1", "\xE1\xBA\xA1"},        // ạ (Latin Extended Additional)
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},  // emoji, four octets
      // Invalid UTF-8 is kept octet by octet; valid text around it still folds.
      {"a\xFF" "b", "A\xFF" "B"},
      {"\xC0\xAF", "\xC0\xAF"},              // overlong "/"
      {"\xE0\x80\xAF", "\xE0\x80\xAF"},      // overlong "/", three octets
      {"\xED\xA0\x80", "\xED\xA0\x80"},      // UTF-16 surrogate
      {"\xF4\x90\x80\x80", "\xF4\x90\x80\x80"},  // above U+10FFFF
      {"\xC3", "\xC3"},                      // truncated at the end
      {"\xC3" "a", "\xC3" "A"},              // truncated before ASCII
      {"\x80\xBF", "\x80\xBF"},              // stray continuation octets
  };
  for (const Case& c : cases) {
    INFO('"' << c.in << '"');
    CHECK(unicode_canonical(c.in) == c.out);
  }
}
