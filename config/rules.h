// Conditional values ("if-blocks", stalwart-stages.md section 4): a setting is either a
// plain value or an array of rule tables, evaluated against what a stage knows about the
// session (its Context):
//
//   key = [ { if = "remote-ip", eq = "10.0.0.0/8", then = ... },
//           { any-of = [ { if = "sender-domain", ends-with = ".test" },
//                        { none-of = [ { if = "listener", eq = "submission" } ] } ], then = ... },
//           { else = ... } ]
//
// The first rule whose condition holds gives the value; `else` (last, at most once) is
// the fallback; without `else` the setting's code default applies.
//
// Comparisons. sender, sender-domain, rcpt, rcpt-domain and helo-domain are compared
// ASCII case-insensitively: addresses and domains are case-insensitive in practice
// (RFC 5321 only lets the receiving host treat a local part case-sensitively, and no
// MTA a proxy fronts does), and Stalwart compares lower-cased envelope values. listener
// (an id from this file) and authenticated-as (a login whose case rules belong to the
// directory) are compared exactly. `matches` on a case-insensitive key runs the regex
// case-insensitively on the client's own spelling, so captures keep the original case
// (a rewrite does not lower-case more than the rule asked for). `in-list` lookups get
// the lower-cased value for case-insensitive keys. For remote-ip / local-ip, eq / ne
// take a CIDR mask ("10.0.0.0/8", "::1"); priority eq / ne take an integer. Other
// operators on those keys work on the text.
//
// Captures (${N} in a DynamicString): a `matches` condition captures its groups (${0} =
// the whole match); eq, starts-with, ends-with and in-list capture ${0} = the context
// value. In all-of the last capturing condition wins; in any-of the first one that
// holds; not- conditions and none-of capture nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/diagnostics.h"
#include "config/values.h"

namespace sievegate::config {

enum class ContextKey {
  kListener,
  kRemoteIp,
  kLocalIp,
  kSender,
  kSenderDomain,
  kRcpt,
  kRcptDomain,
  kAuthenticatedAs,
  kPriority,
  kHeloDomain,
};
inline constexpr std::size_t kContextKeyCount = 10;

// Dash spelling: "listener", "remote-ip", ..., "helo-domain".
std::optional<ContextKey> context_key_from_name(std::string_view name);
const char* context_key_name(ContextKey key);
// True for sender, sender-domain, rcpt, rcpt-domain and helo-domain (see above).
bool context_key_case_insensitive(ContextKey key);

// What a stage knows; keys it does not know are empty strings.
struct Context {
  std::string values[kContextKeyCount];
  // in-list lookups: (list id "<directory>/<lookup>", value) -> member? Without one,
  // nothing is in any list (in-list is false, not-in-list true).
  const std::function<bool(std::string_view list_id, std::string_view value)>* in_list = nullptr;

  std::string& operator[](ContextKey k) { return values[static_cast<std::size_t>(k)]; }
  const std::string& operator[](ContextKey k) const { return values[static_cast<std::size_t>(k)]; }
};

namespace detail {

struct Expr;  // a condition or a group of them (rules_internal.h)

// Whether `expr` holds; on success (and only then) sets *captures when it is not null.
bool eval_expr(const Expr& expr, const Context& context, std::vector<std::string>* captures);

struct ParsedRule {
  std::shared_ptr<const Expr> when;
  const toml::node* then = nullptr;
};

// The value-independent part of parse_if_block: the conditions, and the nodes that hold
// the values (parsed afterwards by the caller's parse_value).
struct ParsedRules {
  enum class Shape { kPlain, kRules, kEmptyArray } shape = Shape::kPlain;
  std::vector<ParsedRule> rules;
  const toml::node* otherwise = nullptr;
  std::vector<ContextKey> keys;  // sorted, unique
  bool ok = true;
};

ParsedRules parse_rules(const toml::node& node, std::string_view key_path, std::span<const ContextKey> allowed,
                        const std::function<bool(std::string_view)>& list_exists, Diagnostics& diags);

// Reports "empty-rules" for `key = []` whose plain value parser refused the array.
void report_empty_rules(const toml::node& node, Diagnostics& diags);

}  // namespace detail

template <typename T>
class IfBlock {
 public:
  IfBlock() = default;
  explicit IfBlock(T constant) : otherwise_(std::move(constant)) {}

  // The value for a context; `captures` (if given) gets ${0}..${N} of the matching rule
  // (empty when the fallback applies or the rule captured nothing).
  const T& eval(const Context& context, std::vector<std::string>* captures = nullptr) const {
    if (captures) captures->clear();
    for (const Rule& rule : rules_) {
      if (detail::eval_expr(*rule.when, context, captures)) return rule.then;
    }
    return otherwise_;
  }

  bool is_constant() const { return rules_.empty(); }
  std::size_t rule_count() const { return rules_.size(); }
  // The value when no rule matches: `else`, the default, or the constant.
  const T& fallback() const { return otherwise_; }
  // Every context key any rule uses, sorted by enum value, each once.
  const std::vector<ContextKey>& context_keys() const { return keys_; }

 private:
  struct Rule {
    std::shared_ptr<const detail::Expr> when;
    T then;
  };

  template <typename U>
  friend std::optional<IfBlock<U>> parse_if_block(
      const toml::node&, std::string_view, std::span<const ContextKey>,
      const std::type_identity_t<std::function<std::optional<U>(const toml::node&, Diagnostics&)>>&, U,
      const std::function<bool(std::string_view)>&, Diagnostics&);

  std::vector<Rule> rules_;
  T otherwise_{};
  std::vector<ContextKey> keys_;
};

// Parses `node` as a plain value (via parse_value) or an array of rule tables (see the
// top of this file). `key_path` names the setting in messages; `allowed` lists the
// context keys its stage knows (another key is an error naming the available ones);
// `list_exists` says whether an in-list id exists (an empty function accepts every id).
// Every problem is reported at the offending node or key; the result is nullopt if any.
//
// An array counts as a rule list when any element is a table; `key = []` is a plain
// value if parse_value accepts it (a list setting), otherwise an "empty-rules" error.
template <typename T>
std::optional<IfBlock<T>> parse_if_block(
    const toml::node& node, std::string_view key_path, std::span<const ContextKey> allowed,
    const std::type_identity_t<std::function<std::optional<T>(const toml::node&, Diagnostics&)>>& parse_value,
    T default_value, const std::function<bool(std::string_view)>& list_exists, Diagnostics& diags) {
  detail::ParsedRules parsed = detail::parse_rules(node, key_path, allowed, list_exists, diags);
  if (parsed.shape == detail::ParsedRules::Shape::kEmptyArray) {
    Diagnostics scratch;
    if (auto value = parse_value(node, scratch)) return IfBlock<T>(std::move(*value));
    detail::report_empty_rules(node, diags);
    return std::nullopt;
  }
  if (parsed.shape == detail::ParsedRules::Shape::kPlain) {
    if (!parsed.ok) return std::nullopt;
    auto value = parse_value(node, diags);
    if (!value) return std::nullopt;
    return IfBlock<T>(std::move(*value));
  }
  IfBlock<T> block(std::move(default_value));
  bool ok = parsed.ok;
  for (detail::ParsedRule& rule : parsed.rules) {
    auto value = parse_value(*rule.then, diags);
    if (!value) {
      ok = false;
      continue;
    }
    block.rules_.push_back({std::move(rule.when), std::move(*value)});
  }
  if (parsed.otherwise) {
    if (auto value = parse_value(*parsed.otherwise, diags)) {
      block.otherwise_ = std::move(*value);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  block.keys_ = std::move(parsed.keys);
  return block;
}

// A string value with ${N} regex captures and ${context-key} interpolation (the `then`
// of rewrite rules): "${1}@example.org", "${rcpt}". `$` not followed by `{` is literal.
struct DynamicString {
  std::string text;
  // ${N} beyond the captures and unknown names expand to "".
  std::string expand(const std::vector<std::string>& captures, const Context& context) const;
  friend bool operator==(const DynamicString&, const DynamicString&) = default;
};

// A TOML string checked for placeholders: ${N} (N up to 99), or ${<context key>}. With
// `allowed`, a context key outside it is an error (as in conditions).
std::optional<DynamicString> parse_dynamic_string(const toml::node& node, Diagnostics& diags);
std::optional<DynamicString> parse_dynamic_string(const toml::node& node, Diagnostics& diags,
                                                  std::span<const ContextKey> allowed);

}  // namespace sievegate::config
