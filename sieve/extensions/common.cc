// Shared check helpers for extension files; see common.h.
#include "sieve/extensions/common.h"

#include <cctype>

#include "base/ascii.h"
#include "sieve/front/variables_syntax.h"

namespace sievegate::policy::extensions {

std::optional<std::string> constant_string(const CheckContext& ctx, const Argument* arg) {
  if (arg == nullptr || arg->kind != Argument::Kind::kStringList || arg->strings.size() != 1) {
    return std::nullopt;
  }
  return ctx.constant(arg->strings.front());
}

bool is_field_name(std::string_view name) {
  if (name.empty() || name.size() > 997) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 33 || u > 126 || c == ':') return false;
  }
  return true;
}

void check_field_names(CheckContext& ctx, const Argument* arg, bool as_error) {
  for_each_constant(ctx, arg, [&](const StringLiteral& s, const std::string& value) {
    if (is_field_name(value)) return;
    std::string message = "invalid header field name " + quote(value) +
                          " (printable ASCII without ':' or spaces)";
    if (as_error) {
      ctx.error(s.pos, "invalid-header-name", std::move(message));
    } else {
      ctx.warning(s.pos, "invalid-header-name", message + "; this test can never match");
    }
  });
}

void check_variable_names(CheckContext& ctx, const Argument* arg) {
  if (arg == nullptr) return;
  for (const StringLiteral& s : arg->strings) {
    const std::string& name = s.value;  // names are never expanded (RFC 5229 4)
    if (!variables::is_assignable_name(name)) {
      ctx.error(s.pos, "invalid-variable-name",
                "invalid variable name " + quote(name) +
                    " (letters, digits and '_', not starting with a digit)");
      continue;
    }
    std::size_t dot = name.find('.');
    if (dot == std::string::npos) {
      if (!ctx.declare_variable(lower(name))) {
        ctx.error(s.pos, "too-many-variables",
                  "variable " + quote(name) + " is one more than the limit of 255 variables");
      }
      if (name.size() > 64) {
        ctx.error(s.pos, "variable-name-too-long",
                  "variable name " + quote(name) + " is longer than 64 characters");
      }
      continue;
    }
    std::string ns = lower(name.substr(0, dot));
    const NamespaceSpec* spec = ctx.registry().variable_namespace(ns);
    if (spec == nullptr) {
      ctx.error(s.pos, "unknown-namespace",
                "unknown variable namespace '" + ns + "' in " + quote(name));
    } else if (!spec->extension.empty() && !ctx.has(spec->extension)) {
      ctx.error(s.pos, "extension-not-required",
                "variable namespace '" + ns + "' requires the " + quote(spec->extension) +
                    " extension (add it to 'require')");
    } else if (!spec->settable) {
      ctx.error(s.pos, "read-only-variable",
                "variables in namespace '" + ns + "' are read-only");
    } else if (!spec->settable_names.empty()) {
      std::string rest = lower(name.substr(dot + 1));
      bool known = false;
      std::string list;
      for (const std::string& n : spec->settable_names) {
        known |= n == rest;
        list += (list.empty() ? "" : ", ") + n;
      }
      if (!known) {
        ctx.error(s.pos, "read-only-variable",
                  "cannot set " + quote(name) + ": settable names in '" + ns + "' are " + list);
      }
    }
  }
}

namespace {

bool is_atext(char c, bool allow_utf8) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) return allow_utf8;  // UTF-8 (RFC 6532)
  if (std::isalnum(u)) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// Like Pigeonhole, consecutive dots are tolerated (obsolete local parts, RFC 5322 4.4).
bool is_dot_atom(std::string_view s, bool allow_utf8) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      continue;
    } else if (!is_atext(s[i], allow_utf8)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_addr_spec(std::string_view address, bool allow_utf8) {
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  std::string_view local = address.substr(0, at);
  std::string_view domain = address.substr(at + 1);
  bool local_ok = is_dot_atom(local, allow_utf8);
  if (!local_ok && local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    local_ok = true;
    for (std::size_t i = 1; i + 1 < local.size(); ++i) {
      if (local[i] == '\\') {
        ++i;
      } else if (local[i] == '"' || local[i] == '\r' || local[i] == '\n') {
        local_ok = false;
      }
    }
  }
  bool domain_ok = is_dot_atom(domain, allow_utf8) ||
                   (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']');
  return local_ok && domain_ok;
}

// RFC 5322 3.2.2 comments may surround the address: drop them before checking.
// An unclosed comment leaves a '(' in the result, which no address accepts.
static std::string without_comments(std::string_view s) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && depth > 0) {
      ++i;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out += s[i];
    }
  }
  if (depth > 0) out += '(';
  std::size_t b = out.find_first_not_of(" \t"), e = out.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

bool is_mailbox(std::string_view raw, bool allow_utf8) {
  std::string stripped = without_comments(raw);
  std::string_view address = stripped;
  if (is_addr_spec(address, allow_utf8)) return true;
  std::size_t lt = address.rfind('<');
  if (lt == std::string_view::npos || address.empty() || address.back() != '>') return false;
  return is_addr_spec(address.substr(lt + 1, address.size() - lt - 2), allow_utf8);
}

void add_set_modifiers(CommandBuilder& command) {
  command.flag("lower", TagGroup::kModCase)
      .flag("upper", TagGroup::kModCase)
      .flag("lowerfirst", TagGroup::kModFirst)
      .flag("upperfirst", TagGroup::kModFirst)
      .flag("quotewildcard", TagGroup::kModQuote)
      .flag("length", TagGroup::kModLength);
}

bool iequals(std::string_view a, std::string_view b) { return ascii_iequals(a, b); }

std::string lower(std::string_view s) { return ascii_lower(s); }

}  // namespace sievegate::policy::extensions
