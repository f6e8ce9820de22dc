// RFC 5322 3.4 address-list parsing, RFC 5321 paths, Sieve address parts.
//
// Two passes: a tokenizer turns the value into atoms, quoted strings, domain literals
// and specials, dropping comments and whitespace (remembering where there was some);
// then entries are cut at top-level commas and group delimiters and each entry is read
// as a mailbox. Nothing recurses except comment skipping, which uses a depth counter.
#include "sieve/message/address.h"

#include "sieve/message/header.h"
#include "sieve/message/rfc2047.h"

namespace sievegate::policy::message {

namespace {

enum class TokenKind {
  kAtom,     // 1*atext (RFC 5322 3.2.3), UTF-8 allowed (RFC 6532 3.2)
  kQuoted,   // quoted-string, content unescaped (3.2.4)
  kLiteral,  // domain-literal with its brackets (3.4.1)
  kSpecial,  // one of < > @ , ; : . or a stray character that fits nowhere
};

struct Token {
  TokenKind kind = TokenKind::kAtom;
  std::string text;           // for kSpecial, the character
  bool space_before = false;  // whitespace or a comment precedes the token
  std::size_t begin = 0;      // source range, for Mailbox::raw
  std::size_t end = 0;
  bool is(char c) const { return kind == TokenKind::kSpecial && text.size() == 1 && text[0] == c; }
  bool is_word() const { return kind == TokenKind::kAtom || kind == TokenKind::kQuoted; }
};

bool is_atext(char ch) {
  unsigned char c = static_cast<unsigned char>(ch);
  if (c >= 0x80) return true;  // RFC 6532 3.2: UTF8-non-ascii
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '/': case '=': case '?': case '^': case '_': case '`': case '{':
    case '|': case '}': case '~':
      return true;
    default:
      return false;
  }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  bool space = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (is_space(c)) {
      space = true;
      ++i;
      continue;
    }
    if (c == '(') {
      skip_comment(s, i);  // RFC 5322 3.2.2
      space = true;
      continue;
    }
    Token token;
    token.space_before = space;
    token.begin = i;
    space = false;
    if (c == '"') {
      token.kind = TokenKind::kQuoted;
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) {
          token.text.push_back(s[i + 1]);
          i += 2;
        } else {
          if (s[i] != '\r' && s[i] != '\n') token.text.push_back(s[i]);  // unfold (3.2.4)
          ++i;
        }
      }
      if (i < s.size()) ++i;  // closing quote; an unclosed one runs to the end
    } else if (c == '[') {
      token.kind = TokenKind::kLiteral;
      while (i < s.size() && s[i] != ']') {
        if (s[i] == '\\' && i + 1 < s.size()) {
          token.text.push_back(s[i + 1]);
          i += 2;
        } else {
          if (s[i] != '\r' && s[i] != '\n') token.text.push_back(s[i]);
          ++i;
        }
      }
      token.text.push_back(']');
      if (i < s.size()) ++i;
    } else if (is_atext(c)) {
      token.kind = TokenKind::kAtom;
      while (i < s.size() && is_atext(s[i])) token.text.push_back(s[i++]);
    } else {
      // < > @ , ; : . are the specials that give structure; anything else here (")",
      // "]", "\", controls) is garbage that makes its entry invalid.
      token.kind = TokenKind::kSpecial;
      token.text.push_back(c);
      ++i;
    }
    token.end = i;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

// A phrase (display name or group name): the words as written, joined by one space
// where the source had whitespace or a comment, then RFC 2047-decoded.
std::string phrase(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin && tokens[i].space_before) out.push_back(' ');
    out += tokens[i].text;
  }
  return decode_rfc2047(out);
}

// addr-spec = local-part ["@" domain]; see parse_address_list() for the leniencies.
bool parse_addr_spec(const std::vector<Token>& tokens, std::size_t begin, std::size_t end,
                     Mailbox& mailbox) {
  std::size_t at = end;
  for (std::size_t i = begin; i < end; ++i) {
    if (tokens[i].is('@')) {
      at = i;
      break;
    }
  }
  // local-part = word *("." word), CFWS allowed around the dots (obs-local-part).
  bool ok = true;
  bool has_word = false;
  bool previous_was_word = false;
  for (std::size_t i = begin; i < at; ++i) {
    const Token& t = tokens[i];
    if (t.is_word()) {
      if (previous_was_word) ok = false;  // "john smith": two words without a dot
      mailbox.local_part += t.text;
      has_word = true;
      previous_was_word = true;
    } else if (t.is('.')) {
      mailbox.local_part.push_back('.');
      previous_was_word = false;
    } else {
      ok = false;
      mailbox.local_part += t.text;
    }
  }
  if (!has_word) ok = false;
  if (at == end) return ok;  // no domain

  // domain = dot-atom / domain-literal (obs-domain: CFWS around the dots).
  if (at + 1 == end) return false;  // "user@"
  if (tokens[at + 1].kind == TokenKind::kLiteral) {
    mailbox.domain = tokens[at + 1].text;
    return ok && at + 2 == end;
  }
  bool expect_atom = true;
  for (std::size_t i = at + 1; i < end; ++i) {
    const Token& t = tokens[i];
    mailbox.domain += t.text;
    if (t.kind == TokenKind::kAtom && expect_atom) {
      expect_atom = false;
    } else if (t.is('.') && !expect_atom) {
      expect_atom = true;
    } else {
      ok = false;
    }
  }
  return ok && !expect_atom;
}

// One entry of an address list: name-addr or addr-spec.
Mailbox read_mailbox(std::string_view source, const std::vector<Token>& tokens,
                     std::size_t begin, std::size_t end, const std::string& group) {
  Mailbox mailbox;
  mailbox.group = group;
  mailbox.raw = std::string(source.substr(tokens[begin].begin,
                                          tokens[end - 1].end - tokens[begin].begin));
  std::size_t open = end;
  for (std::size_t i = begin; i < end; ++i) {
    if (tokens[i].is('<')) {
      open = i;
      break;
    }
  }
  if (open == end) {
    mailbox.valid = parse_addr_spec(tokens, begin, end, mailbox);
    return mailbox;
  }

  // name-addr = [display-name] angle-addr. The display name is taken as written even if
  // it is not a valid phrase ("a@b.c <a@b.c>" is common); only the address decides
  // validity.
  mailbox.display_name = phrase(tokens, begin, open);
  bool ok = true;
  std::size_t close = end;
  for (std::size_t i = open + 1; i < end; ++i) {
    if (tokens[i].is('>')) {
      close = i;
      break;
    }
  }
  if (close == end || close + 1 != end) ok = false;  // unclosed, or text after ">"
  std::size_t inner = open + 1;
  if (inner < close && tokens[inner].is('@')) {
    // obs-route = obs-domain-list ":" (RFC 5322 4.4): skipped.
    while (inner < close && !tokens[inner].is(':')) ++inner;
    if (inner == close) ok = false;
    else ++inner;
  }
  if (inner == close) return mailbox;  // "<>": no address at all
  mailbox.valid = parse_addr_spec(tokens, inner, close, mailbox) && ok;
  return mailbox;
}

bool needs_quoting(std::string_view local) {
  if (local.empty() || local.front() == '.' || local.back() == '.') return true;
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.') {
      if (local[i + 1] == '.') return true;
    } else if (!is_atext(local[i])) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string Mailbox::address() const {
  std::string out;
  if (needs_quoting(local_part)) {
    out.push_back('"');
    for (char c : local_part) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  } else {
    out = local_part;
  }
  if (!domain.empty()) {
    out.push_back('@');
    out += domain;
  }
  return out;
}

std::vector<Mailbox> parse_address_list(std::string_view value) {
  std::vector<Token> tokens = tokenize(value);
  std::vector<Mailbox> out;
  bool in_group = false;
  std::string group;
  std::size_t i = 0;
  while (i < tokens.size()) {
    std::size_t j = i;
    int angle = 0;
    bool group_start = false;
    bool group_end = false;
    for (; j < tokens.size(); ++j) {
      const Token& t = tokens[j];
      if (t.kind != TokenKind::kSpecial) continue;
      if (t.is('<')) {
        ++angle;
      } else if (t.is('>')) {
        if (angle > 0) --angle;
      } else if (t.is(',')) {
        // Inside "<...>" a comma only belongs to an obs-route ("<@a,@b:c@d>"); any other
        // comma there means the ">" is missing and this entry is over.
        if (angle == 0 || j + 1 == tokens.size() || !tokens[j + 1].is('@')) break;
      } else if (angle == 0 && t.is(';')) {
        group_end = true;  // ends a group, or is a stray separator
        break;
      } else if (angle == 0 && t.is(':') && !in_group) {
        group_start = true;
        break;
      }
    }
    if (group_start) {
      // group = display-name ":" [group-list] ";" (RFC 5322 3.4).
      group = phrase(tokens, i, j);
      in_group = true;
      i = j + 1;
      continue;
    }
    if (j > i) out.push_back(read_mailbox(value, tokens, i, j, in_group ? group : std::string()));
    if (group_end) {
      in_group = false;
      group.clear();
    }
    i = j + 1;
  }
  return out;
}

Mailbox parse_path(std::string_view path) {
  Mailbox mailbox;
  std::size_t first = 0;
  std::size_t last = path.size();
  while (first < last && is_space(path[first])) ++first;
  while (last > first && is_space(path[last - 1])) --last;
  std::string_view trimmed = path.substr(first, last - first);
  mailbox.raw = std::string(trimmed);

  std::string_view inner = trimmed;
  bool ok = true;
  if (!inner.empty() && inner.front() == '<') {
    inner.remove_prefix(1);
    if (!inner.empty() && inner.back() == '>') {
      inner.remove_suffix(1);
    } else {
      ok = false;
    }
  }
  std::vector<Token> tokens = tokenize(inner);
  if (tokens.empty()) {
    // RFC 5321 4.1.1.2: "<>" is the null reverse-path (bounces); an empty envelope
    // sender is the same thing.
    mailbox.null_path = ok;
    mailbox.valid = ok;
    return mailbox;
  }
  std::size_t begin = 0;
  if (tokens[0].is('@')) {
    // An A-d-l source route (RFC 5321 4.1.2) is obsolete; servers should ignore it
    // (RFC 5321 4.1.1.3, Appendix C), and so do we.
    while (begin < tokens.size() && !tokens[begin].is(':')) ++begin;
    if (begin == tokens.size()) {
      ok = false;
      begin = 0;
    } else {
      ++begin;
    }
  }
  mailbox.valid = parse_addr_spec(tokens, begin, tokens.size(), mailbox) && ok;
  return mailbox;
}

std::optional<std::string> address_part(const Mailbox& mailbox, AddressPart part,
                                        std::string_view separator) {
  if (mailbox.null_path) return std::string();  // RFC 5228 5.4
  if (part == AddressPart::kAll) return mailbox.valid ? mailbox.address() : mailbox.raw;
  if (!mailbox.valid) return std::nullopt;
  const std::string& local = mailbox.local_part;
  std::size_t sep = separator.empty() ? std::string::npos : local.find(separator);
  switch (part) {
    case AddressPart::kLocalPart:
      return local;
    case AddressPart::kDomain:
      return mailbox.domain;
    case AddressPart::kUser:
      return sep == std::string::npos ? local : local.substr(0, sep);
    case AddressPart::kDetail:
      if (sep == std::string::npos) return std::nullopt;
      return local.substr(sep + separator.size());
    case AddressPart::kAll:
      break;
  }
  return std::nullopt;
}

}  // namespace sievegate::policy::message
