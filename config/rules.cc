// Rules (rules.h) at run time: the context keys, conditions evaluated against what a
// stage knows, and ${...} expansion. Their parsing is rules_parse.cc.
#include "config/rules.h"

#include <re2/re2.h>

#include <charconv>

#include "base/ascii.h"
#include "config/rules_internal.h"

namespace sievegate::config {

using detail::kKeyNames;

std::optional<ContextKey> context_key_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kKeyNames.size(); ++i) {
    if (name == kKeyNames[i]) return static_cast<ContextKey>(i);
  }
  return std::nullopt;
}

const char* context_key_name(ContextKey key) {
  auto i = static_cast<std::size_t>(key);
  return i < kKeyNames.size() ? kKeyNames[i] : "?";
}

bool context_key_case_insensitive(ContextKey key) {
  switch (key) {
    case ContextKey::kSender:
    case ContextKey::kSenderDomain:
    case ContextKey::kRcpt:
    case ContextKey::kRcptDomain:
    case ContextKey::kHeloDomain:
      return true;
    default:
      return false;
  }
}

namespace {

using detail::Condition;
using detail::Expr;
using detail::Op;

char lower_char(char c) { return policy::ascii_lower(c); }
std::string lower(std::string_view text) { return policy::ascii_lower(text); }

// `pattern` is already lower-cased when `ci`.
bool equal_at(std::string_view value, std::size_t at, std::string_view pattern, bool ci) {
  if (at + pattern.size() > value.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = ci ? lower_char(value[at + i]) : value[at + i];
    if (c != pattern[i]) return false;
  }
  return true;
}


bool parse_priority(std::string_view text, std::int64_t& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && !text.empty();
}

bool eval_condition(const Condition& c, const Context& context, std::vector<std::string>* captures) {
  const std::string& value = context[c.key];
  bool ci = context_key_case_insensitive(c.key);
  bool hit = false;
  std::vector<std::string> groups;
  switch (c.op) {
    case Op::kEq:
      if (c.mask) {
        hit = c.mask->contains(value);
      } else if (c.number) {
        std::int64_t n = 0;
        hit = parse_priority(value, n) && n == *c.number;
      } else {
        hit = value.size() == c.text.size() && equal_at(value, 0, c.text, ci);
      }
      break;
    case Op::kStartsWith:
      hit = equal_at(value, 0, c.text, ci);
      break;
    case Op::kEndsWith:
      hit = value.size() >= c.text.size() && equal_at(value, value.size() - c.text.size(), c.text, ci);
      break;
    case Op::kMatches: {
      int n = c.regex->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> subs(static_cast<std::size_t>(n));
      hit = c.regex->Match(value, 0, value.size(), RE2::UNANCHORED, subs.data(), n);
      if (hit && captures && !c.negate) {
        for (const re2::StringPiece& s : subs) groups.emplace_back(s.data() ? std::string(s.data(), s.size()) : "");
      }
      break;
    }
    case Op::kInList:
      hit = context.in_list && *context.in_list && (*context.in_list)(c.text, ci ? lower(value) : value);
      break;
  }
  if (c.negate) return !hit;
  if (hit && captures) {
    if (c.op == Op::kMatches) {
      *captures = std::move(groups);
    } else {
      *captures = {value};
    }
  }
  return hit;
}


}  // namespace

namespace detail {

bool eval_expr(const Expr& expr, const Context& context, std::vector<std::string>* captures) {
  switch (expr.kind) {
    case Expr::Kind::kCondition:
      return eval_condition(expr.condition, context, captures);
    case Expr::Kind::kAllOf: {
      if (!captures) {
        for (const Expr& child : expr.children) {
          if (!eval_expr(child, context, nullptr)) return false;
        }
        return true;
      }
      // Children that hold may capture before a later one fails: commit only at the end.
      std::vector<std::string> pending = *captures;
      for (const Expr& child : expr.children) {
        if (!eval_expr(child, context, &pending)) return false;
      }
      *captures = std::move(pending);
      return true;
    }
    case Expr::Kind::kAnyOf:
      for (const Expr& child : expr.children) {
        if (eval_expr(child, context, captures)) return true;  // writes only when it holds
      }
      return false;
    case Expr::Kind::kNoneOf:
      for (const Expr& child : expr.children) {
        if (eval_expr(child, context, nullptr)) return false;
      }
      return true;
  }
  return false;
}

}  // namespace detail

// ---------------------------------------------------------------- dynamic strings

std::string DynamicString::expand(const std::vector<std::string>& captures, const Context& context) const {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$' || i + 1 >= text.size() || text[i + 1] != '{') {
      out += text[i++];
      continue;
    }
    std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      out.append(text, i, std::string::npos);
      break;
    }
    std::string_view name(text.data() + i + 2, close - i - 2);
    std::size_t index = 0;
    auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
    if (!name.empty() && ec == std::errc() && ptr == name.data() + name.size()) {
      if (index < captures.size()) out += captures[index];
    } else if (auto key = context_key_from_name(name)) {
      out += context[*key];
    }
    i = close + 1;
  }
  return out;
}

}  // namespace sievegate::config
