// Transfer encodings and charset conversion (RFC 2045 6.7-6.8, RFC 3629, iconv).
#include "sieve/message/codec.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>

#include "base/text.h"
#include "sieve/message/header.h"

namespace sievegate::policy::message {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// Length of the valid UTF-8 sequence starting at bytes[i], or 0 when invalid
// (RFC 3629 4 grammar).
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > bytes.size()) return 0;
  if (at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (at(i + k) < 0x80 || at(i + k) > 0xBF) return 0;
  }
  return n;
}

// A MIME charset name (RFC 2978 2.3: mime-charset-chars) without quotes or spaces;
// anything else (e.g. iconv's "//TRANSLIT" suffixes) is refused.
bool is_plausible_charset(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '(' ||
              c == ')' || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' ||
              c == '\'' || c == '^' || c == '`' || c == '{' || c == '}' || c == '~';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> iconv_to_utf8(std::string_view bytes, const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2 + 16);
  char buffer[4096];
  char* in = const_cast<char*>(bytes.data());  // iconv's interface is not const-correct
  std::size_t in_left = bytes.size();
  while (true) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    std::size_t rc = in_left == 0 ? iconv(cd, nullptr, nullptr, &dst, &dst_left)  // flush
                                  : iconv(cd, &in, &in_left, &dst, &dst_left);
    int err = errno;
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (rc != static_cast<std::size_t>(-1)) {
      if (in_left == 0) {
        // A final flush call writes any pending shift sequence, then we are done.
        dst = buffer;
        dst_left = sizeof buffer;
        iconv(cd, nullptr, nullptr, &dst, &dst_left);
        out.append(buffer, static_cast<std::size_t>(dst - buffer));
        break;
      }
      continue;
    }
    if (err == E2BIG) continue;  // the buffer is full: drain it and go on
    out.append(kReplacement);
    if (err == EILSEQ && in_left > 0) {
      ++in;  // skip one invalid byte and resynchronise
      --in_left;
      continue;
    }
    break;  // EINVAL: an incomplete sequence at the end of the input
  }
  iconv_close(cd);
  return out;
}

}  // namespace

std::string quoted_printable_decode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t pos = 0;
  while (pos < in.size()) {
    std::size_t lf = in.find('\n', pos);
    std::size_t next = lf == std::string_view::npos ? in.size() : lf + 1;
    std::size_t content_end = lf == std::string_view::npos ? in.size() : lf;
    if (content_end > pos && in[content_end - 1] == '\r') --content_end;
    std::string_view line_end = in.substr(content_end, next - content_end);
    std::string_view line = in.substr(pos, content_end - pos);
    // Rule 3: trailing whitespace was added in transport and must be deleted.
    while (!line.empty() && is_wsp(line.back())) line.remove_suffix(1);
    bool soft_break = !line.empty() && line.back() == '=';
    if (soft_break) line.remove_suffix(1);  // rule 5: "=" at the end joins the lines
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '=' && i + 2 < line.size()) {
        int hi = base::hex_value(line[i + 1]);
        int lo = base::hex_value(line[i + 2]);
        if (hi >= 0 && lo >= 0) {
          out.push_back(static_cast<char>(hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.push_back(line[i]);
    }
    if (!soft_break) out.append(line_end);
    pos = next;
  }
  return out;
}

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string sanitize_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      out.append(kReplacement);
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

namespace {

std::string normalize_charset(std::string_view charset) {
  std::string name = to_lower(trim_wsp(charset));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  return name;
}

bool is_utf8_compatible(const std::string& name) {
  return name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii" ||
         name == "ansi_x3.4-1968";
}

}  // namespace

std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset) {
  std::string name = normalize_charset(charset);
  if (is_utf8_compatible(name)) return sanitize_utf8(bytes);
  if (!is_plausible_charset(name)) return std::nullopt;
  return iconv_to_utf8(bytes, name);
}

bool is_known_charset(std::string_view charset) {
  std::string name = normalize_charset(charset);
  if (is_utf8_compatible(name)) return true;
  if (!is_plausible_charset(name)) return false;
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

}  // namespace sievegate::policy::message
