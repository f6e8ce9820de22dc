// Internal to sieve/match: how each substring-capable comparator reduces text to
// canonical octets, one source character at a time.
//
// RFC 4790 defines every comparator here as "map each string to a canonical form, then
// compare with i;octet". Building those forms would allocate on every comparison, so the
// comparisons walk both strings in step and produce the canonical octets of one source
// character (a "unit") at a time. A Fold policy says what a unit is:
//
//   OctetFold    one octet, unchanged                      (i;octet)
//   AsciiFold    one octet, a-z mapped to A-Z              (i;ascii-casemap)
//   UnicodeFold  one UTF-8 code point (or invalid octet),  (i;unicode-casemap)
//                titlecased and decomposed, 1 to 12 octets
//
// Each policy has unit() for the character at an offset, char_length() for the step of
// "?" and "*", and fold() for a character of one octet (for UnicodeFold: an ASCII octet).
// The first two have kOctetUnits set, which lets callers take octet-wise fast paths.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sievegate::policy::match::internal {

inline constexpr std::size_t kNpos = static_cast<std::size_t>(-1);

// The canonical octets of one source character.
struct Unit {
  std::array<unsigned char, 12> bytes{};
  std::uint8_t size = 0;    // canonical octets, at least 1
  std::uint8_t length = 0;  // source octets consumed, at least 1
};

// a-z to A-Z, everything else unchanged (RFC 4790 9.2). A table: this runs per octet.
inline constexpr std::array<unsigned char, 256> kAsciiUpper = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] =
        static_cast<unsigned char>((c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c);
  }
  return t;
}();
inline unsigned char ascii_upper(unsigned char c) { return kAsciiUpper[c]; }

// One code point decoded from UTF-8, or a single invalid octet (valid == false, cp holds
// the octet). Overlong forms, surrogates and values above U+10FFFF are invalid.
struct Decoded {
  char32_t cp = 0;
  std::uint8_t length = 1;
  bool valid = true;
};
Decoded decode_utf8(std::string_view s, std::size_t i);

// RFC 5051 2 steps 2-3 for the character at s[i] (i < s.size()); see unicode_casemap.cc.
void unicode_unit(std::string_view s, std::size_t i, Unit& out);

struct OctetFold {
  static constexpr bool kOctetUnits = true;
  static unsigned char fold(unsigned char c) { return c; }
  static void unit(std::string_view s, std::size_t i, Unit& out) {
    out.bytes[0] = static_cast<unsigned char>(s[i]);
    out.size = 1;
    out.length = 1;
  }
  static std::size_t char_length(std::string_view, std::size_t) { return 1; }
};

struct AsciiFold {
  static constexpr bool kOctetUnits = true;
  static unsigned char fold(unsigned char c) { return ascii_upper(c); }
  static void unit(std::string_view s, std::size_t i, Unit& out) {
    out.bytes[0] = ascii_upper(static_cast<unsigned char>(s[i]));
    out.size = 1;
    out.length = 1;
  }
  static std::size_t char_length(std::string_view, std::size_t) { return 1; }
};

struct UnicodeFold {
  static constexpr bool kOctetUnits = false;
  static unsigned char fold(unsigned char c) { return ascii_upper(c); }  // ASCII octets only
  static void unit(std::string_view s, std::size_t i, Unit& out) { unicode_unit(s, i, out); }
  static std::size_t char_length(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]) < 0x80 ? 1 : decode_utf8(s, i).length;
  }
};

// The canonical stream of one string from a start offset, a unit at a time. With
// kEscapes a "\" makes the following character literal (the :matches pattern syntax of
// RFC 5228 2.7.1); a "\" that is the last octet of the range stands for itself.
template <class Fold, bool kEscapes>
class Stream {
 public:
  Stream(std::string_view s, std::size_t begin, std::size_t end) : s_(s), pos_(begin), end_(end) {}

  // The next canonical octet, or -1 at the end of the range.
  int next() {
    if (at_ < unit_.size) return unit_.bytes[at_++];
    if (pos_ >= end_) return -1;
    if (kEscapes && s_[pos_] == '\\' && pos_ + 1 < end_) ++pos_;
    const unsigned char c = static_cast<unsigned char>(s_[pos_]);
    if (Fold::kOctetUnits || c < 0x80) {  // a one-octet unit: no need to fill unit_
      ++pos_;
      return Fold::fold(c);
    }
    Fold::unit(s_, pos_, unit_);
    pos_ += unit_.length;
    at_ = 1;
    return unit_.bytes[0];
  }
  // True between units, i.e. when no octet of the current unit is pending.
  bool at_boundary() const { return at_ == unit_.size; }
  std::size_t position() const { return pos_; }

 private:
  std::string_view s_;
  std::size_t pos_;
  std::size_t end_;
  Unit unit_;
  std::uint8_t at_ = 0;
};

// The first canonical octet of the character at s[i] (after an escape when kEscapes):
// a cheap filter for the positions where a literal can start.
template <class Fold, bool kEscapes>
unsigned char first_octet(std::string_view s, std::size_t i) {
  if (kEscapes && s[i] == '\\' && i + 1 < s.size()) ++i;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (Fold::kOctetUnits || c < 0x80) return Fold::fold(c);
  Unit unit;
  Fold::unit(s, i, unit);
  return unit.bytes[0];
}

// Compares the canonical stream of key[key_begin, key_end) with the value from `at`. On a
// match that ends on a character boundary of the value, returns the value offset after
// it; otherwise kNpos.
template <class Fold, bool kEscapes>
std::size_t match_literal(std::string_view value, std::size_t at, std::string_view key,
                          std::size_t key_begin, std::size_t key_end) {
  if constexpr (Fold::kOctetUnits) {
    std::size_t v = at;
    for (std::size_t k = key_begin; k < key_end; ++k, ++v) {
      if (kEscapes && key[k] == '\\' && k + 1 < key_end) ++k;
      if (v >= value.size()) return kNpos;
      if (Fold::fold(static_cast<unsigned char>(key[k])) !=
          Fold::fold(static_cast<unsigned char>(value[v]))) {
        return kNpos;
      }
    }
    return v;
  } else {
    Stream<Fold, kEscapes> k(key, key_begin, key_end);
    Stream<Fold, false> v(value, at, value.size());
    for (int kc = k.next(); kc >= 0; kc = k.next()) {
      if (v.next() != kc) return kNpos;
    }
    return v.at_boundary() ? v.position() : kNpos;
  }
}

}  // namespace sievegate::policy::match::internal
