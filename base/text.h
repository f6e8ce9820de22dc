// Small text pieces shared by every layer: hex digits (quoted-printable, %XX escapes,
// RFC 2047 "Q") and UTF-8 encoding of a code point (RFC 3629).
#pragma once

#include <string>

namespace sievegate::base {

// The value of a hexadecimal digit (either case), or -1 when `c` is not one.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Passes the UTF-8 octets of `cp` to `put(unsigned)`, one to four of them (RFC 3629 3).
// `cp` must be a Unicode scalar value; callers check the range first. For sinks other
// than a string (a fixed buffer in the comparators' hot path).
template <typename Put>
constexpr void encode_utf8(char32_t cp, Put&& put) {
  if (cp < 0x80) {
    put(static_cast<unsigned>(cp));
  } else if (cp < 0x800) {
    put(0xC0u | (cp >> 6));
    put(0x80u | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0u | (cp >> 12));
    put(0x80u | ((cp >> 6) & 0x3F));
    put(0x80u | (cp & 0x3F));
  } else {
    put(0xF0u | (cp >> 18));
    put(0x80u | ((cp >> 12) & 0x3F));
    put(0x80u | ((cp >> 6) & 0x3F));
    put(0x80u | (cp & 0x3F));
  }
}

// Appends the UTF-8 octets of `cp` to `out`.
inline void append_utf8(char32_t cp, std::string& out) {
  encode_utf8(cp, [&out](unsigned octet) { out += static_cast<char>(octet); });
}

}  // namespace sievegate::base
