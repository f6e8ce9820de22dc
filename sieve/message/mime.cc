// MIME structure parsing and part decoding (RFC 2045, 2046, 2231).
#include "sieve/message/mime.h"

#include <algorithm>
#include <map>

#include "base/text.h"
#include "sieve/message/codec.h"
#include "sieve/message/rfc2047.h"

namespace sievegate::policy::message {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// RFC 2045 5.1 tspecials.
bool is_tspecial(char c) {
  switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
    case '\\': case '"': case '/': case '[': case ']': case '?': case '=':
      return true;
    default:
      return false;
  }
}

bool is_token_char(char ch) {
  unsigned char c = static_cast<unsigned char>(ch);
  return c > ' ' && c < 127 && !is_tspecial(ch);
}

// Skips whitespace and (nested) comments, which RFC 2045 5.1 allows between tokens.
void skip_cfws(std::string_view s, std::size_t& i) {
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
    } else if (s[i] == '(') {
      skip_comment(s, i);
    } else {
      break;
    }
  }
}

std::string read_token(std::string_view s, std::size_t& i) {
  std::size_t begin = i;
  while (i < s.size() && is_token_char(s[i])) ++i;
  return std::string(s.substr(begin, i - begin));
}

// RFC 2231 4: %XX octets in an extended value; a malformed "%" is kept.
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = base::hex_value(s[i + 1]);
      int lo = base::hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// One RFC 2231 section of a parameter: name*N or name*N* (name* is section 0).
struct Section {
  int index = 0;
  bool extended = false;
  std::string value;
};

// Highest continuation index accepted; beyond it a hostile header could make us sort and
// join absurd numbers of sections.
constexpr int kMaxParameterSection = 999;

// Joins the RFC 2231 sections of one parameter (3: continuations, 4: charset'language'
// prefix on the first section, %XX in extended sections).
std::string join_sections(std::vector<Section> sections) {
  std::stable_sort(sections.begin(), sections.end(),
                   [](const Section& a, const Section& b) { return a.index < b.index; });
  std::string charset;
  std::string bytes;
  for (std::size_t k = 0; k < sections.size(); ++k) {
    const Section& section = sections[k];
    if (!section.extended) {
      bytes += section.value;
      continue;
    }
    std::string_view value = section.value;
    if (k == 0) {
      std::size_t q1 = value.find('\'');
      std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        charset = std::string(value.substr(0, q1));
        value = value.substr(q2 + 1);  // the language tag is not needed
      }
    }
    bytes += percent_decode(value);
  }
  if (charset.empty()) return bytes;
  std::optional<std::string> utf8 = to_utf8(bytes, charset);
  return utf8 ? *utf8 : bytes;
}

bool is_identity(TransferEncoding encoding) {
  return encoding == TransferEncoding::k7Bit || encoding == TransferEncoding::k8Bit ||
         encoding == TransferEncoding::kBinary;
}

// The body parts of a multipart body (RFC 2046 5.1.1), at most `max_parts`.
struct Split {
  std::vector<std::string_view> parts;
  bool found = false;   // at least one delimiter line
  bool closed = false;  // the close delimiter was seen
  bool capped = false;  // more parts than max_parts
};

Split split_multipart(std::string_view body, std::string_view boundary, std::size_t max_parts) {
  Split split;
  std::string delimiter = "--";
  delimiter += boundary;
  std::size_t content_begin = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t at = body.find(delimiter, pos);
    if (at == std::string_view::npos) break;
    pos = at + 1;
    if (at != 0 && body[at - 1] != '\n') continue;  // delimiters start a line
    std::size_t after = at + delimiter.size();
    std::size_t lf = body.find('\n', after);
    std::size_t line_end = lf == std::string_view::npos ? body.size() : lf;
    std::string_view rest = body.substr(after, line_end - after);
    bool close = rest.size() >= 2 && rest[0] == '-' && rest[1] == '-';
    if (close) rest.remove_prefix(2);
    // Only transport padding (whitespace) may follow; otherwise this line is content
    // that merely starts like the delimiter (e.g. a longer nested boundary).
    if (!std::all_of(rest.begin(), rest.end(), [](char c) { return is_space(c); })) continue;

    if (content_begin != std::string_view::npos) {
      // The line end before the delimiter is part of the delimiter.
      std::size_t end = at;
      if (end > content_begin && body[end - 1] == '\n') --end;
      if (end > content_begin && body[end - 1] == '\r') --end;
      if (split.parts.size() == max_parts) {
        split.capped = true;
        return split;
      }
      split.parts.push_back(body.substr(content_begin, end - content_begin));
    }
    split.found = true;
    if (close) {
      split.closed = true;
      return split;
    }
    content_begin = lf == std::string_view::npos ? body.size() : lf + 1;
    pos = content_begin;
  }
  if (content_begin != std::string_view::npos) {
    // No close delimiter: the last part runs to the end of the body.
    if (split.parts.size() == max_parts) {
      split.capped = true;
    } else {
      split.parts.push_back(body.substr(content_begin));
    }
  }
  return split;
}

// A pending entity of the MIME walk.
struct Work {
  std::string_view raw;
  std::size_t parent = Part::kNoParent;
  int depth = 0;
  bool digest_child = false;  // default type message/rfc822 (RFC 2046 5.1.5)
  bool headerless = false;    // the body of a multipart without usable boundary
};

}  // namespace

TransferEncoding parse_transfer_encoding(std::string_view value) {
  std::size_t i = 0;
  skip_cfws(value, i);
  std::string token = to_lower(read_token(value, i));
  if (token == "7bit") return TransferEncoding::k7Bit;
  if (token == "8bit") return TransferEncoding::k8Bit;
  if (token == "binary") return TransferEncoding::kBinary;
  if (token == "quoted-printable") return TransferEncoding::kQuotedPrintable;
  if (token == "base64") return TransferEncoding::kBase64;
  return TransferEncoding::kUnknown;
}

std::optional<std::string_view> ContentType::param(std::string_view name) const {
  for (const Parameter& p : params) {
    if (iequals(p.name, name)) return std::string_view(p.value);
  }
  return std::nullopt;
}

std::optional<ContentType> parse_content_type(std::string_view value) {
  std::string unfolded = unfold(value);
  std::string_view s = unfolded;
  std::size_t i = 0;
  ContentType ct;
  ct.explicit_type = true;
  skip_cfws(s, i);
  ct.type = to_lower(read_token(s, i));
  skip_cfws(s, i);
  if (ct.type.empty() || i >= s.size() || s[i] != '/') return std::nullopt;
  ++i;
  skip_cfws(s, i);
  ct.subtype = to_lower(read_token(s, i));
  if (ct.subtype.empty()) return std::nullopt;

  // Plain parameters and RFC 2231 sections, by lower-cased base name, in order of first
  // appearance.
  std::vector<std::string> order;
  std::map<std::string, std::string> plain;
  std::map<std::string, std::vector<Section>> sections;
  while (i < s.size()) {
    skip_cfws(s, i);
    if (i >= s.size()) break;
    if (s[i] != ';') {
      // Garbage between parameters: skip to the next ";".
      std::size_t next = s.find(';', i);
      if (next == std::string_view::npos) break;
      i = next;
    }
    ++i;
    skip_cfws(s, i);
    std::string attribute = to_lower(read_token(s, i));
    skip_cfws(s, i);
    if (attribute.empty() || i >= s.size() || s[i] != '=') continue;
    ++i;
    skip_cfws(s, i);
    std::string val;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        val.push_back(s[i++]);
      }
      if (i < s.size()) ++i;
    } else {
      // Lenient token: up to ";" or whitespace (tspecials like "=" occur unquoted).
      while (i < s.size() && s[i] != ';' && !is_space(s[i])) val.push_back(s[i++]);
    }

    std::string base = attribute;
    std::size_t star = attribute.find('*');
    if (star != std::string::npos && star > 0) {
      std::string_view suffix = std::string_view(attribute).substr(star + 1);
      Section section;
      bool ok = true;
      if (suffix.empty()) {
        section.extended = true;  // name*=charset'lang'value
      } else {
        if (suffix.back() == '*') {
          section.extended = true;
          suffix.remove_suffix(1);
        }
        if (suffix.empty() || suffix.size() > 3) ok = false;
        for (char c : suffix) {
          if (c < '0' || c > '9') ok = false;
        }
        if (ok) {
          for (char c : suffix) section.index = section.index * 10 + (c - '0');
          if (section.index > kMaxParameterSection) ok = false;
        }
      }
      if (ok) {
        base = attribute.substr(0, star);
        section.value = std::move(val);
        if (plain.count(base) == 0 && sections.count(base) == 0) order.push_back(base);
        sections[base].push_back(std::move(section));
        continue;
      }
    }
    if (plain.count(base) == 0 && sections.count(base) == 0) order.push_back(base);
    if (plain.count(base) == 0) plain[base] = std::move(val);  // the first one wins
  }

  for (const std::string& name : order) {
    Parameter p;
    p.name = name;
    auto it = sections.find(name);
    if (it != sections.end()) {
      p.value = join_sections(std::move(it->second));  // RFC 2231 wins over a plain one
    } else {
      p.value = plain[name];
      if (name != "boundary" && p.value.find("=?") != std::string::npos) {
        p.value = decode_rfc2047(p.value);
      }
    }
    ct.params.push_back(std::move(p));
  }
  return ct;
}

MimeTree parse_mime(std::string_view message, const MessageLimits& limits) {
  MimeTree tree;
  std::vector<Work> stack;
  stack.push_back(Work{message, Part::kNoParent, 0, false, false});
  while (!stack.empty()) {
    Work work = stack.back();
    stack.pop_back();
    if (tree.parts.size() >= limits.max_mime_parts) {
      tree.limit_reached = true;
      break;
    }

    Part part;
    part.raw = work.raw;
    part.parent = work.parent;
    part.depth = work.depth;
    if (work.headerless) {
      part.body = work.raw;
    } else {
      HeaderSection header = parse_header_section(work.raw, limits.max_header_fields);
      if (header.truncated) tree.limit_reached = true;
      part.fields = std::move(header.fields);
      part.body = header.body;
    }
    if (work.digest_child) {
      part.content_type.type = "message";
      part.content_type.subtype = "rfc822";
    } else {
      part.content_type.params.push_back(Parameter{"charset", "us-ascii"});  // RFC 2045 5.2
    }
    if (const HeaderField* field = find_field(part.fields, "Content-Type")) {
      // RFC 2045 5.2: an unparsable Content-Type means the default.
      if (std::optional<ContentType> ct = parse_content_type(field->value)) {
        part.content_type = std::move(*ct);
      }
    }
    if (const HeaderField* field = find_field(part.fields, "Content-Transfer-Encoding")) {
      part.transfer_encoding = parse_transfer_encoding(unfold(field->value));
    }

    std::size_t index = tree.parts.size();
    if (work.parent != Part::kNoParent) tree.parts[work.parent].children.push_back(index);
    tree.parts.push_back(std::move(part));
    Part& current = tree.parts.back();
    const ContentType& ct = current.content_type;

    bool is_multipart = ct.type == "multipart";
    bool is_message = ct.type == "message" && (ct.subtype == "rfc822" || ct.subtype == "global") &&
                      is_identity(current.transfer_encoding);
    if (!is_multipart && !is_message) continue;
    if (work.depth + 1 > limits.max_mime_depth) {
      tree.limit_reached = true;
      continue;
    }
    if (is_message) {
      stack.push_back(Work{current.body, index, work.depth + 1, false, false});
      continue;
    }

    std::optional<std::string_view> boundary = ct.param("boundary");
    Split split;
    if (boundary && !boundary->empty()) {
      split = split_multipart(current.body, *boundary, limits.max_mime_parts);
    }
    if (split.capped) tree.limit_reached = true;
    if (!split.found) {
      // No usable boundary: keep the content visible as one text/plain part.
      current.malformed = true;
      stack.push_back(Work{current.body, index, work.depth + 1, false, true});
      continue;
    }
    if (!split.closed) current.malformed = true;
    bool digest = ct.subtype == "digest";
    for (auto it = split.parts.rbegin(); it != split.parts.rend(); ++it) {
      stack.push_back(Work{*it, index, work.depth + 1, digest, false});
    }
  }
  return tree;
}

std::string decode_content(const Part& part) {
  switch (part.transfer_encoding) {
    case TransferEncoding::kBase64:
      return base64_decode(part.body).value_or(std::string());
    case TransferEncoding::kQuotedPrintable:
      return quoted_printable_decode(part.body);
    default:
      return std::string(part.body);
  }
}

std::string decode_text(const Part& part) {
  std::string bytes = decode_content(part);
  if (part.content_type.type != "text") return bytes;
  std::string_view charset = part.content_type.param("charset").value_or("us-ascii");
  std::optional<std::string> utf8 = to_utf8(bytes, charset);
  return utf8 ? std::move(*utf8) : bytes;
}

std::string extract_text(const MimeTree& tree) {
  std::string out;
  for (const Part& part : tree.parts) {
    if (part.content_type.type != "text") continue;
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
    out += decode_text(part);
  }
  return out;
}

// A small HTML-to-text reduction for body :text (RFC 5173 5.1 lets the site decide):
// tags and comments are dropped, the common entities decoded.
std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.substr(i, 4) == "<!--" ? html.find("-->", i) : html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end + (html[end] == '-' ? 2 : 0);
      continue;
    }
    if (c == '&') {
      static const std::pair<const char*, const char*> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
          {"&nbsp;", " "}};
      bool done = false;
      for (const auto& [name, text] : kEntities) {
        std::string_view n(name);
        if (html.substr(i, n.size()) == n) {
          out += text;
          i += n.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += c;
  }
  return out;
}


}  // namespace sievegate::policy::message
