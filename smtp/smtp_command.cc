// SMTP command parsing; see smtp_command.h.
#include "smtp/smtp_command.h"

#include <cctype>

#include "base/ascii.h"

namespace sievegate::proxy {
namespace {

struct VerbEntry {
  const char* name;
  Verb verb;
  enum class Arg { kNone, kOptional, kRequired } arg;
};

// The command table (RFC 5321 4.1.1, RFC 3030, RFC 3207, RFC 4954).
constexpr VerbEntry kVerbs[] = {
    {"HELO", Verb::kHelo, VerbEntry::Arg::kRequired},
    {"EHLO", Verb::kEhlo, VerbEntry::Arg::kRequired},
    {"MAIL", Verb::kMail, VerbEntry::Arg::kRequired},
    {"RCPT", Verb::kRcpt, VerbEntry::Arg::kRequired},
    {"DATA", Verb::kData, VerbEntry::Arg::kNone},
    {"BDAT", Verb::kBdat, VerbEntry::Arg::kRequired},
    {"RSET", Verb::kRset, VerbEntry::Arg::kNone},
    {"NOOP", Verb::kNoop, VerbEntry::Arg::kOptional},
    {"VRFY", Verb::kVrfy, VerbEntry::Arg::kRequired},
    {"EXPN", Verb::kExpn, VerbEntry::Arg::kRequired},
    {"HELP", Verb::kHelp, VerbEntry::Arg::kOptional},
    {"QUIT", Verb::kQuit, VerbEntry::Arg::kNone},
    {"STARTTLS", Verb::kStarttls, VerbEntry::Arg::kNone},
    {"AUTH", Verb::kAuth, VerbEntry::Arg::kRequired},
};

bool iequals(std::string_view a, std::string_view b) { return policy::ascii_iequals(a, b); }

bool is_atext(unsigned char c, bool utf8) {
  if (c >= 0x80) return utf8;
  return std::isalnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_dot_string(std::string_view s, bool utf8) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (s[i - 1] == '.') return false;
    } else if (!is_atext(static_cast<unsigned char>(s[i]), utf8)) {
      return false;
    }
  }
  return true;
}

bool is_quoted_string(std::string_view s, bool utf8) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      if (++i + 1 >= s.size()) return false;
      if (static_cast<unsigned char>(s[i]) < 32 || static_cast<unsigned char>(s[i]) > 126) return false;
    } else if (c == '"' || c < 32 || (c >= 0x7F && !utf8)) {
      return false;
    }
  }
  return true;
}

bool is_domain(std::string_view d, bool utf8) {
  if (d.empty() || d.size() > 255 || d.front() == '.' || d.back() == '.') return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    auto c = static_cast<unsigned char>(d[i]);
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (std::isalnum(c) || c == '-' || (c >= 0x80 && utf8)) {
      if (++label > 63) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool is_address_literal(std::string_view d) {
  if (d.size() < 3 || d.front() != '[' || d.back() != ']') return false;
  for (char c : d.substr(1, d.size() - 2)) {
    if (c == '[' || c == ']' || c == '\\' || static_cast<unsigned char>(c) < 33 ||
        static_cast<unsigned char>(c) > 126) {
      return false;
    }
  }
  return true;
}

Reply syntax(std::string text) { return Reply(501, "5.5.4", std::move(text)); }

// "FROM:<path> params" / "TO:<path> params". A space after the colon is tolerated, as
// most servers do (RFC 5321 4.1.2 has none; some clients send one).
std::optional<Reply> parse_path_and_params(Command& cmd, std::string_view keyword, bool utf8) {
  std::string_view arg = cmd.argument;
  if (arg.size() < keyword.size() || !iequals(arg.substr(0, keyword.size()), keyword)) {
    return syntax(std::string("Syntax: ") + verb_name(cmd.verb) + " " + std::string(keyword) +
                  "<address>");
  }
  arg.remove_prefix(keyword.size());
  while (!arg.empty() && arg.front() == ' ') arg.remove_prefix(1);
  if (arg.empty() || arg.front() != '<') return syntax("Address must be enclosed in <>");
  std::size_t close = std::string_view::npos;
  bool quoted = false;
  for (std::size_t i = 1; i < arg.size(); ++i) {
    if (arg[i] == '\\' && quoted) {
      ++i;
    } else if (arg[i] == '"') {
      quoted = !quoted;
    } else if (arg[i] == '>' && !quoted) {
      close = i;
      break;
    }
  }
  if (close == std::string_view::npos) return syntax("Address must be enclosed in <>");
  std::string_view path = arg.substr(1, close - 1);
  // RFC 5321 4.1.2: an obsolete source route "@a,@b:" is accepted and ignored.
  if (!path.empty() && path.front() == '@') {
    std::size_t colon = path.find(':');
    if (colon == std::string_view::npos) return syntax("Invalid source route");
    path.remove_prefix(colon + 1);
  }
  // RFC 5321 4.1.1.3: "<Postmaster>" without a domain is a valid recipient.
  bool postmaster = iequals(path, "postmaster") && iequals(keyword, "TO:");
  if (!path.empty() && !postmaster && !is_valid_mailbox(path, utf8)) {
    return Reply(501, "5.1.3", "Invalid address <" + std::string(path) + ">");
  }
  cmd.path = std::string(path);
  std::string_view rest = arg.substr(close + 1);
  while (!rest.empty()) {
    if (rest.front() != ' ') return syntax("Invalid parameter syntax");
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) break;
    std::size_t end = rest.find(' ');
    std::string_view item = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    EsmtpParam p;
    std::size_t eq = item.find('=');
    std::string_view key = item.substr(0, eq);
    if (key.empty() || !std::isalnum(static_cast<unsigned char>(key[0]))) {
      return syntax("Invalid parameter " + std::string(item));
    }
    for (char c : key) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return syntax("Invalid parameter " + std::string(item));
      }
      p.keyword += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (eq != std::string_view::npos) {
      p.has_value = true;
      p.value = std::string(item.substr(eq + 1));
      if (p.value.empty()) return syntax("Invalid parameter " + std::string(item));
    }
    cmd.params.push_back(std::move(p));
  }
  return std::nullopt;
}

}  // namespace

bool is_xtext(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '+') {
      if (i + 2 >= s.size()) return false;  // "+XX": two hex digits must follow
      for (std::size_t k = 1; k <= 2; ++k) {
        char h = s[i + k];
        if (!((h >= '0' && h <= '9') || (h >= 'A' && h <= 'F'))) return false;
      }
      i += 2;
    } else if (c < 33 || c > 126 || c == '=') {
      return false;
    }
  }
  return true;
}

namespace {

bool has_non_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

Reply unsupported(const EsmtpParam& p) { return Reply(555, "5.5.4", "Unsupported parameter " + p.keyword); }
Reply invalid(const EsmtpParam& p) { return Reply(501, "5.5.4", "Invalid " + p.keyword + " parameter"); }

// Each keyword at most once (RFC 5321 4.1.2 leaves repetition undefined; refusing it is
// the only reading on which client, sievegate and backend agree).
std::optional<Reply> repeated(const Command& cmd) {
  for (std::size_t i = 0; i < cmd.params.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (cmd.params[i].keyword == cmd.params[j].keyword) {
        return Reply(501, "5.5.4", "Duplicate parameter " + cmd.params[i].keyword);
      }
    }
  }
  return std::nullopt;
}

Reply needs_utf8() { return Reply(553, "5.6.7", "Non-ASCII address without SMTPUTF8 is not permitted"); }

}  // namespace

std::optional<Reply> check_mail_params(const Command& cmd, const Advertised& a) {
  if (auto r = repeated(cmd)) return r;
  for (const EsmtpParam& p : cmd.params) {
    const std::string v = policy::ascii_upper(p.value);
    if (p.keyword == "SIZE") {
      if (!a.size) return unsupported(p);
      bool ok = p.has_value && p.value.size() < 20;  // fits an unsigned 64-bit number
      for (char c : p.value) ok = ok && c >= '0' && c <= '9';
      if (!ok) return invalid(p);
    } else if (p.keyword == "BODY") {
      if (!a.eight_bit && !a.binarymime) return unsupported(p);
      bool ok = (v == "7BIT") || (v == "8BITMIME" && a.eight_bit) || (v == "BINARYMIME" && a.binarymime);
      if (!ok) return invalid(p);
    } else if (p.keyword == "SMTPUTF8") {
      if (!a.smtputf8) return unsupported(p);
      if (p.has_value) return invalid(p);
    } else if (p.keyword == "RET") {
      if (!a.dsn) return unsupported(p);
      if (v != "FULL" && v != "HDRS") return invalid(p);
    } else if (p.keyword == "ENVID") {
      if (!a.dsn) return unsupported(p);
      if (!p.has_value || p.value.size() > 100 || !is_xtext(p.value)) return invalid(p);
    } else if (p.keyword == "AUTH") {
      if (!a.auth) return unsupported(p);
      if (!p.has_value || (p.value != "<>" && !is_xtext(p.value))) return invalid(p);
    } else {
      return unsupported(p);
    }
  }
  if (has_non_ascii(cmd.path) && !cmd.param("SMTPUTF8")) return needs_utf8();
  return std::nullopt;
}

std::optional<Reply> check_rcpt_params(const Command& cmd, const Advertised& a, bool mail_smtputf8) {
  if (auto r = repeated(cmd)) return r;
  for (const EsmtpParam& p : cmd.params) {
    if (p.keyword == "NOTIFY") {
      if (!a.dsn) return unsupported(p);
      // "NEVER" alone, or a list of SUCCESS, FAILURE, DELAY, each at most once.
      std::string v = policy::ascii_upper(p.value);
      if (v != "NEVER") {
        bool seen[3] = {false, false, false};
        std::size_t start = 0;
        bool ok = p.has_value;
        while (ok) {
          std::size_t comma = v.find(',', start);
          std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
          int k = item == "SUCCESS" ? 0 : item == "FAILURE" ? 1 : item == "DELAY" ? 2 : -1;
          ok = k >= 0 && !seen[k];
          if (ok) seen[k] = true;
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        if (!ok) return invalid(p);
      }
    } else if (p.keyword == "ORCPT") {
      if (!a.dsn) return unsupported(p);
      // addr-type ";" xtext, addr-type an atom (RFC 3461 4.2), e.g. rfc822;user@host.
      std::size_t semi = p.value.find(';');
      bool ok = p.has_value && semi != std::string::npos && semi > 0 && p.value.size() <= 500 &&
                is_xtext(std::string_view(p.value).substr(semi + 1)) && semi + 1 < p.value.size();
      for (std::size_t i = 0; ok && i < semi; ++i) {
        auto c = static_cast<unsigned char>(p.value[i]);
        ok = std::isalnum(c) || c == '-';
      }
      if (!ok) return invalid(p);
    } else {
      return unsupported(p);
    }
  }
  if (has_non_ascii(cmd.path) && !mail_smtputf8) return needs_utf8();
  return std::nullopt;
}

const char* verb_name(Verb verb) {
  for (const VerbEntry& e : kVerbs) {
    if (e.verb == verb) return e.name;
  }
  return "?";
}

const EsmtpParam* Command::param(std::string_view keyword) const {
  for (const EsmtpParam& p : params) {
    if (iequals(p.keyword, keyword)) return &p;
  }
  return nullptr;
}

bool is_valid_mailbox(std::string_view mailbox, bool utf8) {
  std::size_t at = mailbox.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == mailbox.size()) return false;
  std::string_view local = mailbox.substr(0, at);
  std::string_view domain = mailbox.substr(at + 1);
  if (local.size() > 64 && !utf8) return false;
  bool local_ok = is_dot_string(local, utf8) || is_quoted_string(local, utf8);
  return local_ok && (is_domain(domain, utf8) || is_address_literal(domain));
}

bool is_valid_helo(std::string_view argument) {
  return is_domain(argument, true) || is_address_literal(argument);
}

ParsedCommand parse_command(std::string_view line, bool smtputf8_allowed) {
  ParsedCommand out;
  std::size_t space = line.find(' ');
  std::string_view verb = line.substr(0, space);
  const VerbEntry* entry = nullptr;
  for (const VerbEntry& e : kVerbs) {
    if (iequals(verb, e.name)) entry = &e;
  }
  if (entry == nullptr) {
    out.error = Reply(500, "5.5.2", "Command unrecognized");
    return out;
  }
  Command cmd;
  cmd.verb = entry->verb;
  cmd.verb_text = std::string(verb);
  if (space != std::string_view::npos) {
    std::string_view arg = line.substr(space + 1);
    while (!arg.empty() && arg.back() == ' ') arg.remove_suffix(1);
    cmd.argument = std::string(arg);
  }
  if (entry->arg == VerbEntry::Arg::kNone && !cmd.argument.empty()) {
    out.error = syntax(std::string(entry->name) + " takes no argument");
    return out;
  }
  if (entry->arg == VerbEntry::Arg::kRequired && cmd.argument.empty()) {
    out.error = syntax(std::string(entry->name) + " needs an argument");
    return out;
  }
  std::optional<Reply> bad;
  if (cmd.verb == Verb::kMail) bad = parse_path_and_params(cmd, "FROM:", smtputf8_allowed);
  if (cmd.verb == Verb::kRcpt) {
    bad = parse_path_and_params(cmd, "TO:", smtputf8_allowed);
    if (!bad && cmd.path.empty() && !iequals(cmd.argument.substr(0, 3), "TO:")) {
      bad = syntax("Syntax: RCPT TO:<address>");
    }
    if (!bad && cmd.path.empty()) bad = Reply(501, "5.1.3", "Empty recipient");
  }
  if ((cmd.verb == Verb::kHelo || cmd.verb == Verb::kEhlo) && !is_valid_helo(cmd.argument)) {
    bad = syntax("Invalid domain name");
  }
  if (bad) {
    out.error = std::move(bad);
    return out;
  }
  out.command = std::move(cmd);
  return out;
}

}  // namespace sievegate::proxy
