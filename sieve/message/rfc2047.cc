// RFC 2047 encoded-word decoding and encoding.
#include "sieve/message/rfc2047.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "base/text.h"
#include "sieve/message/codec.h"
#include "sieve/message/header.h"

namespace sievegate::policy::message {

namespace {

// RFC 2047 2: encoded-word = "=?" charset "?" encoding "?" encoded-text "?=".
struct EncodedWord {
  std::size_t end = 0;  // one past the closing "?="
  std::string charset;  // without an RFC 2231 language suffix
  std::string bytes;    // decoded octets, still in `charset`
};

bool is_especial(char c) {
  switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
    case '"': case '/': case '[': case ']': case '?': case '.': case '=':
      return true;
    default:
      return false;
  }
}

// RFC 2047 4.2: "_" is a space, "=XX" an octet, other printable characters themselves.
// Lower-case hex digits are accepted; a malformed "=" makes the word invalid.
std::optional<std::string> q_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      out.push_back(' ');
    } else if (c == '=') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = base::hex_value(text[i + 1]);
      int lo = base::hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Charsets already looked up during one decode_rfc2047() call: a long value repeats the
// same one or two charsets, and each lookup opens an iconv descriptor.
class CharsetCache {
 public:
  bool known(const std::string& charset) {
    for (const auto& [name, is_known] : entries_) {
      if (name == charset) return is_known;
    }
    bool result = is_known_charset(charset);
    if (entries_.size() < kMaxEntries) entries_.emplace_back(charset, result);
    return result;
  }

 private:
  static constexpr std::size_t kMaxEntries = 8;
  std::vector<std::pair<std::string, bool>> entries_;
};

// Parses an encoded-word starting at text[pos] ("=?").
std::optional<EncodedWord> parse_word(std::string_view text, std::size_t pos,
                                      CharsetCache& charsets) {
  std::size_t i = pos + 2;
  std::size_t charset_begin = i;
  while (i < text.size() && text[i] != '?') {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c <= ' ' || c >= 127 || is_especial(text[i])) return std::nullopt;
    ++i;
  }
  if (i == charset_begin || i + 3 >= text.size()) return std::nullopt;
  std::string_view charset = text.substr(charset_begin, i - charset_begin);
  char encoding = text[i + 1];
  if (text[i + 2] != '?') return std::nullopt;
  std::size_t text_begin = i + 3;
  std::size_t j = text_begin;
  while (j < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[j]);
    if (c == '?') break;
    if (c <= ' ' || c >= 127) return std::nullopt;  // encoded-text is printable ASCII
    ++j;
  }
  if (j + 1 >= text.size() || text[j + 1] != '=') return std::nullopt;
  std::string_view encoded = text.substr(text_begin, j - text_begin);

  EncodedWord word;
  word.end = j + 2;
  // RFC 2231 5: charset "*" language.
  std::size_t star = charset.find('*');
  if (star == 0) return std::nullopt;
  word.charset = to_lower(charset.substr(0, star));
  // A charset we cannot convert is read as UTF-8 (invalid bytes are replaced later),
  // and broken base64 is decoded leniently: the words still carry readable text, and
  // Pigeonhole decodes them the same way.
  if (!charsets.known(word.charset)) word.charset = "utf-8";
  std::optional<std::string> bytes;
  if (encoding == 'B' || encoding == 'b') {
    bytes = base64_decode(encoded, /*strict=*/false);
    if (bytes && bytes->empty() && !encoded.empty()) bytes.reset();  // nothing readable
  } else if (encoding == 'Q' || encoding == 'q') {
    bytes = q_decode(encoded);
  }
  if (!bytes) return std::nullopt;
  word.bytes = std::move(*bytes);
  return word;
}

bool is_whitespace_only(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

std::string decode_rfc2047(std::string_view text) {
  if (text.find("=?") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());

  CharsetCache charsets;
  // A run of adjacent words in one charset, converted together.
  bool in_run = false;
  std::string run_charset;
  std::string run_bytes;
  std::size_t run_begin = 0;
  std::size_t run_end = 0;
  auto flush = [&] {
    if (!in_run) return;
    std::optional<std::string> utf8 = to_utf8(run_bytes, run_charset);
    if (utf8) {
      out += *utf8;
    } else {
      out.append(text.substr(run_begin, run_end - run_begin));  // cannot happen once known
    }
    in_run = false;
    run_bytes.clear();
  };

  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = text.find("=?", pos);
    if (start == std::string_view::npos) break;
    std::optional<EncodedWord> word = parse_word(text, start, charsets);
    if (!word) {
      flush();
      out.append(text.substr(pos, start + 2 - pos));
      pos = start + 2;
      continue;
    }
    std::string_view between = text.substr(pos, start - pos);
    bool adjacent = in_run && is_whitespace_only(between);  // RFC 2047 6.2
    if (adjacent && word->charset == run_charset) {
      run_bytes += word->bytes;
    } else {
      flush();
      if (!adjacent) out.append(between);
      in_run = true;
      run_charset = word->charset;
      run_bytes = std::move(word->bytes);
      run_begin = start;
    }
    run_end = word->end;
    pos = word->end;
  }
  flush();
  out.append(text.substr(pos));
  return out;
}

std::string encode_rfc2047(std::string_view utf8) {
  bool plain = true;
  for (char ch : utf8) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 127 || (c < ' ' && c != '\t')) {
      plain = false;
      break;
    }
  }
  // Text that would itself decode as an encoded-word must be protected, or the value
  // read back would differ from the value written.
  if (plain && utf8.find("=?") != std::string_view::npos) plain = false;
  if (plain) return std::string(utf8);

  // "=?UTF-8?B?" + "?=" is 12 characters, leaving 63 for base64: 15 groups of 4 carry
  // 45 octets.
  constexpr std::size_t kMaxOctets = 45;
  std::string out;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    std::size_t end = std::min(pos + kMaxOctets, utf8.size());
    // Back off to a character boundary (a byte that is not 10xxxxxx).
    while (end < utf8.size() && end > pos &&
           (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (end == pos) end = std::min(pos + kMaxOctets, utf8.size());  // not UTF-8 at all
    if (!out.empty()) out.push_back(' ');
    out += "=?UTF-8?B?";
    out += base64_encode(utf8.substr(pos, end - pos));
    out += "?=";
    pos = end;
  }
  return out;
}

}  // namespace sievegate::policy::message
