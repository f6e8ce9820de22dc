// Header section splitting and field value access (RFC 5322 2.1-2.2, 3.6).
#include "sieve/message/header.h"

#include "base/ascii.h"
#include "sieve/message/codec.h"

#include "sieve/message/rfc2047.h"

namespace sievegate::policy::message {

namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }


// Extends a view that starts inside `base` so that it ends at base[end].
std::string_view extend_to(std::string_view base, std::string_view view, std::size_t end) {
  std::size_t begin = static_cast<std::size_t>(view.data() - base.data());
  return base.substr(begin, end - begin);
}

}  // namespace

bool is_valid_field_name(std::string_view name) {
  if (name.empty()) return false;
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 33 || c > 126 || c == ':') return false;
  }
  return true;
}

HeaderSection parse_header_section(std::string_view raw, std::size_t max_fields) {
  HeaderSection section;
  std::size_t pos = 0;
  std::size_t prefix_end = 0;
  std::size_t header_end = raw.size();
  std::size_t tail_begin = std::string_view::npos;
  bool found_separator = false;
  bool in_field = false;  // the previous line belongs to fields.back(): it may continue

  while (pos < raw.size()) {
    std::size_t lf = raw.find('\n', pos);
    std::size_t next = lf == std::string_view::npos ? raw.size() : lf + 1;
    std::size_t content_end = lf == std::string_view::npos ? raw.size() : lf;
    if (content_end > pos && raw[content_end - 1] == '\r') --content_end;
    std::string_view line = raw.substr(pos, content_end - pos);

    if (line.empty()) {
      // RFC 5322 2.1: the first empty line separates the header from the body.
      found_separator = true;
      header_end = pos;
      section.separator = raw.substr(pos, next - pos);
      section.body = raw.substr(next);
      break;
    }
    if (tail_begin != std::string_view::npos) {
      pos = next;  // past the field limit: only looking for the separator
      continue;
    }
    if (is_wsp(line[0]) && in_field) {
      // RFC 5322 2.2.3: a line starting with WSP continues the previous field.
      HeaderField& field = section.fields.back();
      field.value = extend_to(raw, field.value, content_end);
      field.raw = extend_to(raw, field.raw, next);
    } else {
      std::size_t colon = line.find(':');
      std::string_view name;
      if (colon != std::string_view::npos) {
        name = line.substr(0, colon);
        while (!name.empty() && is_wsp(name.back())) name.remove_suffix(1);  // RFC 5322 4.5.
      }
      if (colon != std::string_view::npos && is_valid_field_name(name)) {
        if (section.fields.size() >= max_fields) {
          section.truncated = true;
          tail_begin = pos;
          in_field = false;
          pos = next;
          continue;
        }
        HeaderField field;
        field.name = name;
        field.value = raw.substr(pos + colon + 1, content_end - (pos + colon + 1));
        field.raw = raw.substr(pos, next - pos);
        section.fields.push_back(field);
        in_field = true;
      } else {
        // Not a field (no colon, a bad name, or a continuation with nothing to
        // continue). RFC 5322 has no place for it; it is kept verbatim with what precedes
        // it so a rewritten header still carries it, and it ends the previous field.
        in_field = false;
        if (section.fields.empty()) {
          prefix_end = next;
        } else {
          section.fields.back().raw = extend_to(raw, section.fields.back().raw, next);
        }
      }
    }
    pos = next;
  }

  if (!found_separator) {
    if (section.fields.empty() && tail_begin == std::string_view::npos) {
      // No field and no separator: this is a body without a header.
      section.prefix = {};
      section.body = raw;
      return section;
    }
    header_end = raw.size();
    section.body = raw.substr(raw.size());
  }
  section.prefix = raw.substr(0, prefix_end);
  if (tail_begin != std::string_view::npos) {
    section.tail = raw.substr(tail_begin, header_end - tail_begin);
  }
  return section;
}

std::string unfold(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n' &&
        (i + 2 == value.size() || is_wsp(value[i + 2]))) {
      ++i;  // skip CR LF
      continue;
    }
    if (c == '\n' && (i + 1 == value.size() || is_wsp(value[i + 1]))) continue;
    out.push_back(c);
  }
  return out;
}

void skip_comment(std::string_view s, std::size_t& i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && --depth == 0) {
      ++i;
      break;
    }
  }
  if (i > s.size()) i = s.size();  // a trailing backslash
}

std::string_view trim_wsp(std::string_view text) {
  while (!text.empty() && is_wsp(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_wsp(text.back())) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) { return ascii_iequals(a, b); }

std::string to_lower(std::string_view text) { return ascii_lower(text); }

// The value a Sieve test compares (RFC 5228 2.7.2): blanks after the colon dropped,
// each line break with the blank that follows it read as one space (so a fold that
// starts with a tab reads the same as one with a space; further blanks stay), trailing
// blanks dropped, RFC 2047 words decoded, and bytes that are not UTF-8 replaced (one
// U+FFFD per run). This is how Pigeonhole, the reference implementation, reads them.
std::string field_value(const HeaderField& field, bool decode) {
  std::string_view v = field.value;
  std::size_t i = 0;
  while (i < v.size() && is_wsp(v[i])) ++i;
  std::string value;
  value.reserve(v.size());
  for (; i < v.size(); ++i) {
    char c = v[i];
    if (c == '\r' && i + 1 < v.size() && v[i + 1] == '\n') {
      ++i;
      c = '\n';
    }
    if (c == '\n') {
      if (i + 1 < v.size() && is_wsp(v[i + 1])) {
        value.push_back(' ');
        ++i;
      }
      continue;
    }
    value.push_back(c);
  }
  while (!value.empty() && is_wsp(value.back())) value.pop_back();
  if (!decode) return value;
  std::string decoded = decode_rfc2047(value);
  if (is_valid_utf8(decoded)) return decoded;
  std::string clean;
  bool in_bad_run = false;
  for (std::size_t k = 0; k < decoded.size();) {
    std::string_view one = std::string_view(decoded).substr(k, 4);
    std::size_t n = 0;
    for (std::size_t len = 1; len <= one.size(); ++len) {
      if (is_valid_utf8(one.substr(0, len))) {
        n = len;
        break;
      }
    }
    if (n == 0) {
      if (!in_bad_run) clean += "\xEF\xBF\xBD";
      in_bad_run = true;
      ++k;
    } else {
      clean.append(decoded, k, n);
      in_bad_run = false;
      k += n;
    }
  }
  return clean;
}

std::vector<std::string> field_values(const std::vector<HeaderField>& fields,
                                      std::string_view name, bool decode) {
  std::vector<std::string> out;
  for (const HeaderField& field : fields) {
    if (iequals(field.name, name)) out.push_back(field_value(field, decode));
  }
  return out;
}

const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const HeaderField& field : fields) {
    if (iequals(field.name, name)) return &field;
  }
  return nullptr;
}

}  // namespace sievegate::policy::message
