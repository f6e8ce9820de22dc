// i;unicode-casemap (RFC 5051): the "titlecased canonicalized UTF-8" form of one
// character, and the UTF-8 decoder the other comparators share.
//
// RFC 5051 2 canonicalizes each code point in two steps: (a) replace it by its titlecase
// mapping from UnicodeData.txt (field 14, the simple mapping: "ß" stays "ß"), then (b)
// replace the result by its full decomposition of any type, recursively (NFKD without
// the reordering of combining marks). The decomposition is not titlecased again: the RFC's
// own example maps U+01C4 to U+0044 U+007A U+030C, with a small "z".
//
// The tables cover the scripts named in match.h (ASCII, Latin-1, Latin Extended-A, the
// Latin Extended-B titlecase digraphs, Greek and Coptic, Cyrillic and its Supplement);
// other code points map to themselves. They were written from the Unicode Character
// Database: case pairs as range rules, decompositions as a sorted table of the characters
// that can still occur after step (a), already fully expanded.
#include "sieve/match/match.h"

#include <algorithm>
#include <iterator>

#include "base/text.h"
#include "sieve/match/canonical.h"

namespace sievegate::policy::match {
namespace internal {
namespace {

// Step (a): the simple titlecase mapping, or `cp` itself when it has none.
char32_t titlecase(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 0x20 : cp;
  if (cp < 0x100) {
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
    if (cp == 0xFF) return 0x178;  // ÿ -> Ÿ
    if (cp == 0xB5) return 0x39C;  // micro sign -> Greek capital mu
    return cp;
  }
  if (cp < 0x180) {  // Latin Extended-A
    if (cp == 0x131) return 'I';  // dotless i
    if (cp == 0x17F) return 'S';  // long s
    if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
        (cp >= 0x14A && cp <= 0x177)) {
      return (cp & 1) ? cp - 1 : cp;  // capital even, small odd
    }
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
      return (cp & 1) ? cp : cp - 1;  // capital odd, small even
    }
    return cp;
  }
  if (cp < 0x370) {  // the digraphs whose titlecase differs from their uppercase
    if (cp >= 0x1C4 && cp <= 0x1C6) return 0x1C5;
    if (cp >= 0x1C7 && cp <= 0x1C9) return 0x1C8;
    if (cp >= 0x1CA && cp <= 0x1CC) return 0x1CB;
    if (cp >= 0x1F1 && cp <= 0x1F3) return 0x1F2;
    if (cp == 0x345) return 0x399;  // combining ypogegrammeni -> capital iota
    return cp;
  }
  if (cp < 0x400) {  // Greek and Coptic
    if (cp >= 0x3B1 && cp <= 0x3CB) return cp == 0x3C2 ? 0x3A3 : cp - 0x20;  // final sigma
    switch (cp) {
      case 0x371: case 0x373: case 0x377: return cp - 1;
      case 0x37B: case 0x37C: case 0x37D: return cp + 0x82;  // -> U+03FD..U+03FF
      case 0x3AC: return 0x386;
      case 0x3AD: case 0x3AE: case 0x3AF: return cp - 0x25;  // -> U+0388..U+038A
      case 0x3CC: return 0x38C;
      case 0x3CD: case 0x3CE: return cp - 0x3F;  // -> U+038E, U+038F
      case 0x3D0: return 0x392;
      case 0x3D1: return 0x398;
      case 0x3D5: return 0x3A6;
      case 0x3D6: return 0x3A0;
      case 0x3D7: return 0x3CF;
      case 0x3F0: return 0x39A;
      case 0x3F1: return 0x3A1;
      case 0x3F2: return 0x3F9;
      case 0x3F3: return 0x37F;
      case 0x3F5: return 0x395;
      case 0x3F8: return 0x3F7;
      case 0x3FB: return 0x3FA;
      default: break;
    }
    if (cp >= 0x3D8 && cp <= 0x3EF) return (cp & 1) ? cp - 1 : cp;
    return cp;
  }
  if (cp < 0x530) {  // Cyrillic and Cyrillic Supplement
    if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
    if ((cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
        (cp >= 0x4D0 && cp <= 0x52F)) {
      return (cp & 1) ? cp - 1 : cp;
    }
    if (cp >= 0x4C1 && cp <= 0x4CE) return (cp & 1) ? cp : cp - 1;
    if (cp == 0x4CF) return 0x4C0;
    return cp;
  }
  return cp;
}

// Step (b): full decompositions, sorted by code point. Only characters that can follow
// step (a) are listed (capitals and characters without a titlecase mapping).
struct Decomposition {
  char32_t cp;
  char32_t to[3];  // unused slots are 0
};

constexpr Decomposition kDecompositions[] = {
    // Latin-1 Supplement
    {0x00A0, {0x0020}},                  // no-break space
    {0x00A8, {0x0020, 0x0308}},          // diaeresis
    {0x00AA, {0x0061}},                  // feminine ordinal
    {0x00AF, {0x0020, 0x0304}},          // macron
    {0x00B2, {0x0032}},                  // superscript two
    {0x00B3, {0x0033}},                  // superscript three
    {0x00B4, {0x0020, 0x0301}},          // acute accent
    {0x00B8, {0x0020, 0x0327}},          // cedilla
    {0x00B9, {0x0031}},                  // superscript one
    {0x00BA, {0x006F}},                  // masculine ordinal
    {0x00BC, {0x0031, 0x2044, 0x0034}},  // one quarter
    {0x00BD, {0x0031, 0x2044, 0x0032}},  // one half
    {0x00BE, {0x0033, 0x2044, 0x0034}},  // three quarters
    {0x00C0, {0x0041, 0x0300}},
    {0x00C1, {0x0041, 0x0301}},
    {0x00C2, {0x0041, 0x0302}},
    {0x00C3, {0x0041, 0x0303}},
    {0x00C4, {0x0041, 0x0308}},
    {0x00C5, {0x0041, 0x030A}},
    {0x00C7, {0x0043, 0x0327}},
    {0x00C8, {0x0045, 0x0300}},
    {0x00C9, {0x0045, 0x0301}},
    {0x00CA, {0x0045, 0x0302}},
    {0x00CB, {0x0045, 0x0308}},
    {0x00CC, {0x0049, 0x0300}},
    {0x00CD, {0x0049, 0x0301}},
    {0x00CE, {0x0049, 0x0302}},
    {0x00CF, {0x0049, 0x0308}},
    {0x00D1, {0x004E, 0x0303}},
    {0x00D2, {0x004F, 0x0300}},
    {0x00D3, {0x004F, 0x0301}},
    {0x00D4, {0x004F, 0x0302}},
    {0x00D5, {0x004F, 0x0303}},
    {0x00D6, {0x004F, 0x0308}},
    {0x00D9, {0x0055, 0x0300}},
    {0x00DA, {0x0055, 0x0301}},
    {0x00DB, {0x0055, 0x0302}},
    {0x00DC, {0x0055, 0x0308}},
    {0x00DD, {0x0059, 0x0301}},
    // Latin Extended-A
    {0x0100, {0x0041, 0x0304}},
    {0x0102, {0x0041, 0x0306}},
    {0x0104, {0x0041, 0x0328}},
    {0x0106, {0x0043, 0x0301}},
    {0x0108, {0x0043, 0x0302}},
    {0x010A, {0x0043, 0x0307}},
    {0x010C, {0x0043, 0x030C}},
    {0x010E, {0x0044, 0x030C}},
    {0x0112, {0x0045, 0x0304}},
    {0x0114, {0x0045, 0x0306}},
    {0x0116, {0x0045, 0x0307}},
    {0x0118, {0x0045, 0x0328}},
    {0x011A, {0x0045, 0x030C}},
    {0x011C, {0x0047, 0x0302}},
    {0x011E, {0x0047, 0x0306}},
    {0x0120, {0x0047, 0x0307}},
    {0x0122, {0x0047, 0x0327}},
    {0x0124, {0x0048, 0x0302}},
    {0x0128, {0x0049, 0x0303}},
    {0x012A, {0x0049, 0x0304}},
    {0x012C, {0x0049, 0x0306}},
    {0x012E, {0x0049, 0x0328}},
    {0x0130, {0x0049, 0x0307}},
    {0x0132, {0x0049, 0x004A}},  // IJ ligature
    {0x0134, {0x004A, 0x0302}},
    {0x0136, {0x004B, 0x0327}},
    {0x0139, {0x004C, 0x0301}},
    {0x013B, {0x004C, 0x0327}},
    {0x013D, {0x004C, 0x030C}},
    {0x013F, {0x004C, 0x00B7}},  // L with middle dot
    {0x0143, {0x004E, 0x0301}},
    {0x0145, {0x004E, 0x0327}},
    {0x0147, {0x004E, 0x030C}},
    {0x0149, {0x02BC, 0x006E}},  // n preceded by apostrophe (no titlecase)
    {0x014C, {0x004F, 0x0304}},
    {0x014E, {0x004F, 0x0306}},
    {0x0150, {0x004F, 0x030B}},
    {0x0154, {0x0052, 0x0301}},
    {0x0156, {0x0052, 0x0327}},
    {0x0158, {0x0052, 0x030C}},
    {0x015A, {0x0053, 0x0301}},
    {0x015C, {0x0053, 0x0302}},
    {0x015E, {0x0053, 0x0327}},
    {0x0160, {0x0053, 0x030C}},
    {0x0162, {0x0054, 0x0327}},
    {0x0164, {0x0054, 0x030C}},
    {0x0168, {0x0055, 0x0303}},
    {0x016A, {0x0055, 0x0304}},
    {0x016C, {0x0055, 0x0306}},
    {0x016E, {0x0055, 0x030A}},
    {0x0170, {0x0055, 0x030B}},
    {0x0172, {0x0055, 0x0328}},
    {0x0174, {0x0057, 0x0302}},
    {0x0176, {0x0059, 0x0302}},
    {0x0178, {0x0059, 0x0308}},
    {0x0179, {0x005A, 0x0301}},
    {0x017B, {0x005A, 0x0307}},
    {0x017D, {0x005A, 0x030C}},
    // Latin Extended-B titlecase digraphs
    {0x01C5, {0x0044, 0x007A, 0x030C}},  // Dž (RFC 5051 2 example)
    {0x01C8, {0x004C, 0x006A}},          // Lj
    {0x01CB, {0x004E, 0x006A}},          // Nj
    {0x01F2, {0x0044, 0x007A}},          // Dz
    // Combining marks and Greek
    {0x0340, {0x0300}},
    {0x0341, {0x0301}},
    {0x0343, {0x0313}},
    {0x0344, {0x0308, 0x0301}},
    {0x0374, {0x02B9}},
    {0x037A, {0x0020, 0x0345}},
    {0x037E, {0x003B}},  // Greek question mark
    {0x0384, {0x0020, 0x0301}},
    {0x0385, {0x0020, 0x0308, 0x0301}},
    {0x0386, {0x0391, 0x0301}},
    {0x0387, {0x00B7}},  // ano teleia
    {0x0388, {0x0395, 0x0301}},
    {0x0389, {0x0397, 0x0301}},
    {0x038A, {0x0399, 0x0301}},
    {0x038C, {0x039F, 0x0301}},
    {0x038E, {0x03A5, 0x0301}},
    {0x038F, {0x03A9, 0x0301}},
    {0x0390, {0x03B9, 0x0308, 0x0301}},
    {0x03AA, {0x0399, 0x0308}},
    {0x03AB, {0x03A5, 0x0308}},
    {0x03B0, {0x03C5, 0x0308, 0x0301}},
    {0x03D2, {0x03A5}},
    {0x03D3, {0x03A5, 0x0301}},
    {0x03D4, {0x03A5, 0x0308}},
    {0x03F4, {0x0398}},
    {0x03F9, {0x03A3}},
    // Cyrillic
    {0x0400, {0x0415, 0x0300}},
    {0x0401, {0x0415, 0x0308}},
    {0x0403, {0x0413, 0x0301}},
    {0x0407, {0x0406, 0x0308}},
    {0x040C, {0x041A, 0x0301}},
    {0x040D, {0x0418, 0x0300}},
    {0x040E, {0x0423, 0x0306}},
    {0x0419, {0x0418, 0x0306}},
    {0x0476, {0x0474, 0x030F}},
    {0x04C1, {0x0416, 0x0306}},
    {0x04D0, {0x0410, 0x0306}},
    {0x04D2, {0x0410, 0x0308}},
    {0x04D6, {0x0415, 0x0306}},
    {0x04DA, {0x04D8, 0x0308}},
    {0x04DC, {0x0416, 0x0308}},
    {0x04DE, {0x0417, 0x0308}},
    {0x04E2, {0x0418, 0x0304}},
    {0x04E4, {0x0418, 0x0308}},
    {0x04E6, {0x041E, 0x0308}},
    {0x04EA, {0x04E8, 0x0308}},
    {0x04EC, {0x042D, 0x0308}},
    {0x04EE, {0x0423, 0x0304}},
    {0x04F0, {0x0423, 0x0308}},
    {0x04F2, {0x0423, 0x030B}},
    {0x04F4, {0x0427, 0x0308}},
    {0x04F8, {0x042B, 0x0308}},
};

constexpr bool sorted_table() {
  for (std::size_t i = 1; i < std::size(kDecompositions); ++i) {
    if (!(kDecompositions[i - 1].cp < kDecompositions[i].cp)) return false;
  }
  return true;
}
static_assert(sorted_table(), "kDecompositions must be sorted for binary search");

const Decomposition* find_decomposition(char32_t cp) {
  if (cp < 0xA0 || cp > 0x4FF) return nullptr;
  const Decomposition* end = std::end(kDecompositions);
  const Decomposition* it = std::lower_bound(
      std::begin(kDecompositions), end, cp,
      [](const Decomposition& d, char32_t c) { return d.cp < c; });
  return (it != end && it->cp == cp) ? it : nullptr;
}

void append_utf8(char32_t cp, Unit& out) {
  base::encode_utf8(cp, [&out](unsigned v) { out.bytes[out.size++] = static_cast<unsigned char>(v); });
}

bool continuation(std::string_view s, std::size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

}  // namespace

Decoded decode_utf8(std::string_view s, std::size_t i) {
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  Decoded invalid{b0, 1, false};
  if (b0 < 0x80) return {b0, 1, true};
  std::uint8_t length = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07;
  } else {
    return invalid;  // a continuation octet, C0/C1 (always overlong) or F5..FF
  }
  for (std::uint8_t k = 1; k < length; ++k) {
    if (!continuation(s, i + k)) return invalid;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  // Overlong three- and four-octet forms, UTF-16 surrogates, beyond U+10FFFF (RFC 3629 3).
  if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return invalid;
  }
  return {cp, length, true};
}

void unicode_unit(std::string_view s, std::size_t i, Unit& out) {
  out.size = 0;
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {  // the common case: ASCII
    out.bytes[0] = ascii_upper(b0);
    out.size = 1;
    out.length = 1;
    return;
  }
  Decoded d = decode_utf8(s, i);
  out.length = d.length;
  if (!d.valid) {
    out.bytes[0] = b0;  // binary, compared as itself
    out.size = 1;
    return;
  }
  char32_t cp = titlecase(d.cp);
  if (const Decomposition* dec = find_decomposition(cp)) {
    for (char32_t c : dec->to) {
      if (c != 0) append_utf8(c, out);
    }
  } else {
    append_utf8(cp, out);
  }
}

}  // namespace internal

std::string unicode_canonical(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  internal::Unit unit;
  for (std::size_t i = 0; i < text.size(); i += unit.length) {
    internal::unicode_unit(text, i, unit);
    out.append(reinterpret_cast<const char*>(unit.bytes.data()), unit.size);
  }
  return out;
}

}  // namespace sievegate::policy::match
