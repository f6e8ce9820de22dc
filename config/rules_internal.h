// The parts of rules.h's conditions shared by their parser (rules_parse.cc) and their
// evaluation (rules.cc). Not for use elsewhere.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "config/rules.h"

namespace sievegate::config::detail {

// The context keys' names, in ContextKey order.
inline constexpr std::array<const char*, kContextKeyCount> kKeyNames = {
    "listener", "remote-ip", "local-ip",         "sender",   "sender-domain",
    "rcpt",     "rcpt-domain", "authenticated-as", "priority", "helo-domain",
};

enum class Op { kEq, kStartsWith, kEndsWith, kMatches, kInList };

struct Condition {
  ContextKey key = ContextKey::kListener;
  Op op = Op::kEq;
  bool negate = false;
  std::string text;                    // lower-cased for case-insensitive keys
  std::optional<IpMask> mask;          // remote-ip / local-ip under eq / ne
  std::optional<std::int64_t> number;  // priority under eq / ne
  std::unique_ptr<re2::RE2> regex;     // matches
};

struct Expr {
  enum class Kind { kCondition, kAllOf, kAnyOf, kNoneOf } kind = Kind::kCondition;
  Condition condition;
  std::vector<Expr> children;
};


}  // namespace sievegate::config::detail
