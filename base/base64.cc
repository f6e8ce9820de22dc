// Base64 (RFC 4648 4), shared by the message model (RFC 2045 bodies, RFC 2047 "B"
// words) and the SMTP layer (RFC 4954 AUTH exchanges).
#include "base/base64.h"

#include <cstdint>

namespace sievegate::base {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Value of each octet in the base64 alphabet, -1 outside it: a table, because bodies of
// tens of MiB go through here.
struct Base64Table {
  signed char value[256];
  constexpr Base64Table() : value() {
    for (int i = 0; i < 256; ++i) value[i] = -1;
    for (int i = 0; i < 64; ++i) {
      value[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<signed char>(i);
    }
  }
};
constexpr Base64Table kBase64Table;

int base64_value(char c) { return kBase64Table.value[static_cast<unsigned char>(c)]; }

}  // namespace

std::optional<std::string> base64_decode(std::string_view in, bool strict) {
  std::string out(in.size() / 4 * 3 + 3, '\0');
  char* dst = out.data();
  std::uint32_t bits = 0;
  int count = 0;
  std::size_t i = 0;
  for (; i < in.size(); ++i) {
    char c = in[i];
    if (c == '=') break;
    int v = base64_value(c);
    if (v < 0) {
      if (strict) return std::nullopt;
      continue;
    }
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    if (++count == 4) {
      *dst++ = static_cast<char>((bits >> 16) & 0xFF);
      *dst++ = static_cast<char>((bits >> 8) & 0xFF);
      *dst++ = static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  if (strict) {
    for (; i < in.size(); ++i) {
      if (in[i] != '=') return std::nullopt;  // data after padding
    }
    if (count == 1) return std::nullopt;  // 6 bits cannot make a byte
  }
  if (count == 2) {
    *dst++ = static_cast<char>((bits >> 4) & 0xFF);
  } else if (count == 3) {
    *dst++ = static_cast<char>((bits >> 10) & 0xFF);
    *dst++ = static_cast<char>((bits >> 2) & 0xFF);
  }
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(in[k]));
  };
  for (; i + 3 <= in.size(); i += 3) {
    std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(kBase64Alphabet[(v >> 6) & 63]);
    out.push_back(kBase64Alphabet[v & 63]);
  }
  if (in.size() - i == 1) {
    std::uint32_t v = byte(i) << 16;
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out += "==";
  } else if (in.size() - i == 2) {
    std::uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8);
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(kBase64Alphabet[(v >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

}  // namespace sievegate::base
