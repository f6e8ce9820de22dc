// Rules (rules.h) read from TOML: conditions, their groups, then and else, each problem
// reported at its key or value; and the ${...} strings of rewrite rules. Their
// evaluation is rules.cc.
#include <re2/re2.h>

#include <algorithm>
#include <iterator>

#include "base/ascii.h"
#include "base/suggest.h"
#include "config/rules.h"
#include "config/rules_internal.h"

namespace sievegate::config {
namespace {

using detail::kKeyNames;

// Groups deeper than this are refused: real configs nest two or three levels, and the
// bound keeps parsing and evaluation of hostile input shallow.
constexpr int kMaxGroupDepth = 16;

using detail::Condition;
using detail::Expr;
using detail::Op;

struct OperatorName {
  std::string_view name;
  Op op;
  bool negate;
};

constexpr OperatorName kOperators[] = {
    {"eq", Op::kEq, false},
    {"equal-to", Op::kEq, false},
    {"ne", Op::kEq, true},
    {"not-equal-to", Op::kEq, true},
    {"starts-with", Op::kStartsWith, false},
    {"not-starts-with", Op::kStartsWith, true},
    {"ends-with", Op::kEndsWith, false},
    {"not-ends-with", Op::kEndsWith, true},
    {"matches", Op::kMatches, false},
    {"not-matches", Op::kMatches, true},
    {"in-list", Op::kInList, false},
    {"not-in-list", Op::kInList, true},
};

constexpr const char* kOperatorList =
    "eq, ne, starts-with, ends-with, matches, in-list, or their not- forms "
    "(not-starts-with, not-ends-with, not-matches, not-in-list)";

// Misspellings too far from the real name for an edit distance to find.
constexpr std::pair<std::string_view, std::string_view> kOperatorHints[] = {
    {"not-eq", "ne"},     {"not-ne", "eq"},       {"equals", "eq"},    {"equal", "eq"},
    {"not-equal", "ne"},  {"not-equals", "ne"},   {"regex", "matches"}, {"not-regex", "not-matches"},
    {"in", "in-list"},    {"not-in", "not-in-list"}, {"contains", "in-list"},
};

const OperatorName* find_operator(std::string_view name) {
  for (const OperatorName& op : kOperators) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

std::optional<Expr::Kind> group_kind(std::string_view name) {
  if (name == "all-of") return Expr::Kind::kAllOf;
  if (name == "any-of") return Expr::Kind::kAnyOf;
  if (name == "none-of") return Expr::Kind::kNoneOf;
  return std::nullopt;
}

std::string lower(std::string_view text) { return policy::ascii_lower(text); }

std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates) {
  return base::closest(word, candidates);
}

std::string did_you_mean(const std::string& suggestion) { return base::did_you_mean(suggestion); }

std::string key_list(std::span<const ContextKey> keys) {
  std::string out;
  for (ContextKey k : keys) {
    if (!out.empty()) out += ", ";
    out += context_key_name(k);
  }
  return out.empty() ? "none" : out;
}

// A key = value of a table, in source order.
struct Item {
  std::string_view name;
  const toml::key* key;
  const toml::node* value;
};

std::vector<Item> items_of(const toml::table& table) {
  std::vector<Item> items;
  for (auto&& [k, v] : table) items.push_back(Item{k.str(), &k, &v});
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    SourcePos pa = position_of(*a.key), pb = position_of(*b.key);
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return items;
}

class RuleParser {
 public:
  RuleParser(std::string_view key_path, std::span<const ContextKey> allowed,
             const std::function<bool(std::string_view)>& list_exists, Diagnostics& diags)
      : key_path_(key_path), allowed_(allowed), list_exists_(list_exists), diags_(diags) {}

  // The condition part of a table: an if with one operator, or one group. `parent` is
  // nullptr for a top-level rule (whose then / else the caller handles), otherwise the
  // group the table sits in.
  std::optional<Expr> parse_condition(const toml::table& table, const std::vector<Item>& items, int depth,
                                      const char* parent) {
    const Item* if_item = nullptr;
    std::vector<std::pair<const Item*, const OperatorName*>> ops;
    std::vector<std::pair<const Item*, Expr::Kind>> groups;
    std::vector<const Item*> unknown;
    bool failed = false;
    for (const Item& item : items) {
      if (item.name == "if") {
        if_item = &item;
      } else if (const OperatorName* op = find_operator(item.name)) {
        ops.emplace_back(&item, op);
      } else if (auto kind = group_kind(item.name)) {
        groups.emplace_back(&item, *kind);
      } else if (!parent && (item.name == "then" || item.name == "else")) {
        // the caller's business
      } else if (parent && (item.name == "then" || item.name == "else")) {
        error(*item.key, "misplaced-" + std::string(item.name),
              "'" + std::string(item.name) + "' belongs to a top-level rule, not to a condition inside " + parent +
                  " (give the value on the rule that contains the " + parent + ")");
        failed = true;
      } else {
        unknown.push_back(&item);
      }
    }
    for (const Item* item : unknown) {
      report_unknown_key(*item, if_item != nullptr || !ops.empty());
      failed = true;
    }
    if (if_item && !groups.empty()) {
      error(*groups.front().first->key, "mixed-condition",
            "'" + std::string(groups.front().first->name) +
                "' cannot be combined with if in the same table (put the if condition inside the group)");
      return std::nullopt;
    }
    if (groups.size() > 1) {
      error(*groups[1].first->key, "multiple-groups",
            "only one of any-of, all-of or none-of per table ('" + std::string(groups[0].first->name) + "' and '" +
                std::string(groups[1].first->name) + "'); nest them to combine");
      return std::nullopt;
    }
    // After a misspelt operator or "if", a missing-operator / missing-if error would
    // say the same thing again.
    bool quiet = !unknown.empty();
    if (!if_item && !ops.empty()) {
      if (quiet) return std::nullopt;
      error(*ops.front().first->key, "missing-if",
            "operator '" + std::string(ops.front().first->name) +
                "' needs if = \"<context key>\" in the same table, e.g. { if = \"rcpt-domain\", " +
                std::string(ops.front().first->name) + " = \"example.org\" }");
      return std::nullopt;
    }
    std::optional<Expr> expr;
    if (!groups.empty()) {
      expr = parse_group(*groups.front().first, groups.front().second, depth);
    } else if (if_item) {
      expr = parse_if(*if_item, ops, quiet);
    } else {
      if (!failed) {
        error(position_of(table), "missing-condition",
              parent ? std::string("empty condition in ") + parent +
                           " (expected if = \"<context key>\" with an operator, or a nested any-of, all-of or none-of)"
                     : std::string("rule has no condition (expected if = \"<context key>\" with an operator, "
                                   "or any-of, all-of or none-of)"));
      }
      return std::nullopt;
    }
    if (failed) return std::nullopt;
    return expr;
  }

  std::vector<ContextKey> used_keys() const {
    std::vector<ContextKey> keys;
    for (std::size_t i = 0; i < kContextKeyCount; ++i) {
      if (used_[i]) keys.push_back(static_cast<ContextKey>(i));
    }
    return keys;
  }

  void error(SourcePos pos, std::string code, std::string message) {
    diags_.error(pos, std::move(code), std::move(message));
  }
  void error(const toml::key& key, std::string code, std::string message) {
    error(position_of(key), std::move(code), std::move(message));
  }
  void error(const toml::node& node, std::string code, std::string message) {
    error(position_of(node), std::move(code), std::move(message));
  }

  void report_unknown_key(const Item& item, bool in_condition) {
    static constexpr std::string_view kStructural[] = {"if", "then", "else", "any-of", "all-of", "none-of"};
    std::vector<std::string_view> candidates(std::begin(kStructural), std::end(kStructural));
    for (const OperatorName& op : kOperators) candidates.push_back(op.name);
    std::string hint = suggest(item.name, candidates);
    for (const auto& [wrong, right] : kOperatorHints) {
      if (hint.empty() && lower(item.name) == wrong) hint = right;
    }
    bool structural = std::find(std::begin(kStructural), std::end(kStructural), hint) != std::end(kStructural);
    std::string name(item.name);
    if (in_condition && !structural) {
      error(*item.key, "unknown-operator",
            "unknown operator '" + name + "'" +
                (hint.empty() ? " (expected " + std::string(kOperatorList) + ")" : did_you_mean(hint)));
    } else {
      error(*item.key, "unknown-rule-key",
            "unknown key '" + name + "' in a rule" +
                (hint.empty() ? " (expected if with an operator, any-of, all-of, none-of, then or else)"
                              : did_you_mean(hint)));
    }
  }

 private:
  std::optional<Expr> parse_group(const Item& item, Expr::Kind kind, int depth) {
    std::string name(item.name);
    if (depth + 1 > kMaxGroupDepth) {
      error(*item.key, "nesting-too-deep",
            "conditions nested more than " + std::to_string(kMaxGroupDepth) + " groups deep");
      return std::nullopt;
    }
    const toml::array* array = item.value->as_array();
    if (!array) {
      error(*item.value, "wrong-type",
            "expected an array of conditions for '" + name + "', found " + node_type_name(*item.value));
      return std::nullopt;
    }
    if (array->empty()) {
      error(*item.value, "empty-group", "'" + name + "' needs at least one condition");
      return std::nullopt;
    }
    Expr group;
    group.kind = kind;
    bool ok = true;
    for (const toml::node& child : *array) {
      const toml::table* table = child.as_table();
      if (!table) {
        error(child, "wrong-type",
              "expected a condition table ({ if = \"<context key>\", <operator> = \"<value>\" } or a nested group) in '" +
                  name + "', found " + node_type_name(child));
        ok = false;
        continue;
      }
      auto expr = parse_condition(*table, items_of(*table), depth + 1, group_name(kind));
      if (expr) {
        group.children.push_back(std::move(*expr));
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return group;
  }

  static const char* group_name(Expr::Kind kind) {
    switch (kind) {
      case Expr::Kind::kAllOf: return "all-of";
      case Expr::Kind::kAnyOf: return "any-of";
      case Expr::Kind::kNoneOf: return "none-of";
      case Expr::Kind::kCondition: break;
    }
    return "a group";
  }

  // One condition: the key, then the operator, then its value. Long (about 100 lines)
  // because it is one run of checks, each with its own diagnostic, in the order a
  // reader fixes them; split, the checks would only pass the same state around.
  std::optional<Expr> parse_if(const Item& if_item, const std::vector<std::pair<const Item*, const OperatorName*>>& ops,
                               bool quiet) {
    const auto* name_node = if_item.value->as_string();
    if (!name_node) {
      error(*if_item.value, "wrong-type",
            std::string("expected a context key name for if (a string such as \"remote-ip\"), found ") +
                node_type_name(*if_item.value));
      return std::nullopt;
    }
    const std::string& name = name_node->get();
    auto key = context_key_from_name(name);
    if (!key) {
      std::string message;
      if (name == "mx") {
        message = "context key 'mx' is only known to outbound (queue) settings; available for " +
                  std::string(key_path_) + ": " + key_list(allowed_);
      } else {
        std::vector<std::string_view> candidates(kKeyNames.begin(), kKeyNames.end());
        std::string hint = suggest(name, candidates);
        message = "unknown context key '" + name + "'" +
                  (hint.empty() ? "; available for " + std::string(key_path_) + ": " + key_list(allowed_)
                                : did_you_mean(hint));
      }
      error(*if_item.value, "unknown-context-key", std::move(message));
      return std::nullopt;
    }
    if (std::find(allowed_.begin(), allowed_.end(), *key) == allowed_.end()) {
      error(*if_item.value, "context-key-not-allowed",
            "context key '" + name + "' is not available for " + std::string(key_path_) +
                "; available: " + key_list(allowed_));
      return std::nullopt;
    }
    used_[static_cast<std::size_t>(*key)] = true;
    if (ops.empty()) {
      if (quiet) return std::nullopt;
      error(*if_item.key, "missing-operator",
            "condition on '" + name + "' has no operator (expected " + kOperatorList + ")");
      return std::nullopt;
    }
    if (ops.size() > 1) {
      error(*ops[1].first->key, "multiple-operators",
            "more than one operator in a condition ('" + std::string(ops[0].first->name) + "' and '" +
                std::string(ops[1].first->name) + "'); use all-of to combine conditions");
      return std::nullopt;
    }
    const Item& op_item = *ops.front().first;
    const OperatorName& op = *ops.front().second;
    Expr expr;
    Condition& c = expr.condition;
    c.key = *key;
    c.op = op.op;
    c.negate = op.negate;
    const toml::node& value = *op_item.value;
    if (c.op == Op::kEq && c.key == ContextKey::kPriority) {
      auto number = parse_int(value, diags_);
      if (!number) return std::nullopt;
      c.number = *number;
      return expr;
    }
    const auto* text = value.as_string();
    if (!text) {
      error(value, "wrong-type",
            "expected a string for '" + std::string(op.name) + "', found " + node_type_name(value));
      return std::nullopt;
    }
    bool ci = context_key_case_insensitive(c.key);
    c.text = ci ? lower(text->get()) : text->get();
    bool ip_key = c.key == ContextKey::kRemoteIp || c.key == ContextKey::kLocalIp;
    if (c.op == Op::kEq && ip_key && !text->get().empty()) {
      std::string code, message;
      c.mask = IpMask::parse(text->get(), &code, &message);
      if (!c.mask) {
        error(value, code, message);
        return std::nullopt;
      }
    } else if (c.op == Op::kMatches) {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(!ci);
      c.regex = std::make_unique<re2::RE2>(text->get(), options);
      if (!c.regex->ok()) {
        error(value, "invalid-regex",
              "invalid regular expression \"" + text->get() + "\": " + c.regex->error());
        return std::nullopt;
      }
    } else if (c.op == Op::kInList) {
      if (list_exists_ && !list_exists_(text->get())) {
        error(value, "unknown-list", "no list '" + text->get() + "' is defined");
        return std::nullopt;
      }
    }
    return expr;
  }

  std::string_view key_path_;
  std::span<const ContextKey> allowed_;
  const std::function<bool(std::string_view)>& list_exists_;
  Diagnostics& diags_;
  bool used_[kContextKeyCount] = {};
};

bool looks_like_rule(const toml::table& table) {
  for (auto&& [k, v] : table) {
    std::string_view name = k.str();
    if (name == "if" || name == "then" || name == "else" || group_kind(name)) return true;
  }
  return false;
}

}  // namespace

namespace detail {

ParsedRules parse_rules(const toml::node& node, std::string_view key_path, std::span<const ContextKey> allowed,
                        const std::function<bool(std::string_view)>& list_exists, Diagnostics& diags) {
  ParsedRules out;
  RuleParser parser(key_path, allowed, list_exists, diags);
  if (const toml::table* table = node.as_table()) {
    if (looks_like_rule(*table)) {
      parser.error(node, "rule-not-in-array",
                   "a rule must be inside an array: " + std::string(key_path) +
                       " = [ { if = \"<context key>\", <operator> = \"<value>\", then = <value> }, { else = <value> } ]");
      out.ok = false;
    }
    return out;
  }
  const toml::array* array = node.as_array();
  if (!array) return out;
  if (array->empty()) {
    out.shape = ParsedRules::Shape::kEmptyArray;
    return out;
  }
  if (std::none_of(array->begin(), array->end(), [](const toml::node& n) { return n.is_table(); })) return out;

  out.shape = ParsedRules::Shape::kRules;
  bool seen_else = false;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const toml::table* table = element.as_table();
    if (!table) {
      parser.error(element, "wrong-type",
                   std::string("expected a rule table ({ if = \"<context key>\", <operator> = \"<value>\", then = "
                               "<value> } or { else = <value> }), found ") +
                       node_type_name(element));
      out.ok = false;
      continue;
    }
    std::vector<Item> items = items_of(*table);
    auto else_item = std::find_if(items.begin(), items.end(), [](const Item& it) { return it.name == "else"; });
    if (else_item != items.end()) {
      for (const Item& item : items) {
        if (item.name == "else") continue;
        parser.error(*item.key, "unexpected-key-with-else",
                     "'" + std::string(item.name) + "' cannot be used next to else (an else entry is { else = <value> })");
        out.ok = false;
      }
      if (seen_else) {
        parser.error(*else_item->key, "duplicate-else", "more than one else (only the last entry may be else)");
        out.ok = false;
      } else if (i + 1 != array->size()) {
        parser.error(*else_item->key, "else-not-last", "else must be the last entry (the rules after it would never be used)");
        out.ok = false;
      } else {
        out.otherwise = else_item->value;
      }
      seen_else = true;
      continue;
    }
    auto expr = parser.parse_condition(*table, items, 0, nullptr);
    auto then_item = std::find_if(items.begin(), items.end(), [](const Item& it) { return it.name == "then"; });
    if (then_item == items.end()) {
      parser.error(element, "missing-then",
                   "rule has no then = <value> (every if, any-of, all-of or none-of rule needs one)");
      out.ok = false;
      continue;
    }
    if (!expr) {
      out.ok = false;
      continue;
    }
    out.rules.push_back(ParsedRule{std::make_shared<const Expr>(std::move(*expr)), then_item->value});
  }
  out.keys = parser.used_keys();
  return out;
}

void report_empty_rules(const toml::node& node, Diagnostics& diags) {
  diags.error(position_of(node), "empty-rules",
              "empty array (expected a value, or rules: [ { if = \"<context key>\", <operator> = \"<value>\", "
              "then = <value> }, { else = <value> } ])");
}

}  // namespace detail

namespace {

std::optional<DynamicString> parse_dynamic(const toml::node& node, Diagnostics& diags,
                                           const std::span<const ContextKey>* allowed) {
  const auto* s = node.as_string();
  if (!s) {
    diags.error(position_of(node), "wrong-type", std::string("expected a string, found ") + node_type_name(node));
    return std::nullopt;
  }
  const std::string& text = s->get();
  bool ok = true;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '$' || text[i + 1] != '{') continue;
    std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      diags.error(position_of(node), "invalid-placeholder",
                  "unterminated placeholder in \"" + text + "\" (expected ${N} or ${<context key>})");
      return std::nullopt;
    }
    std::string_view name(text.data() + i + 2, close - i - 2);
    bool digits = !name.empty() && name.size() <= 2 &&
                  std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      auto key = context_key_from_name(name);
      if (!key) {
        std::vector<std::string_view> candidates(kKeyNames.begin(), kKeyNames.end());
        std::string hint = suggest(name, candidates);
        diags.error(position_of(node), "invalid-placeholder",
                    "unknown placeholder ${" + std::string(name) + "} in \"" + text + "\"" +
                        (hint.empty() ? " (expected ${0} to ${99} for regex captures, or a context key such as ${rcpt})"
                                      : " (did you mean ${" + hint + "}?)"));
        ok = false;
      } else if (allowed && std::find(allowed->begin(), allowed->end(), *key) == allowed->end()) {
        diags.error(position_of(node), "context-key-not-allowed",
                    "placeholder ${" + std::string(name) + "}: context key '" + std::string(name) +
                        "' is not available here; available: " + key_list(*allowed));
        ok = false;
      }
    }
    i = close;
  }
  if (!ok) return std::nullopt;
  return DynamicString{text};
}

}  // namespace

std::optional<DynamicString> parse_dynamic_string(const toml::node& node, Diagnostics& diags) {
  return parse_dynamic(node, diags, nullptr);
}

std::optional<DynamicString> parse_dynamic_string(const toml::node& node, Diagnostics& diags,
                                                  std::span<const ContextKey> allowed) {
  return parse_dynamic(node, diags, &allowed);
}

}  // namespace sievegate::config
