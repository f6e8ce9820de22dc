// RFC 5231 relational: the operators of :value and :count.
#include "sieve/match/match.h"

#include <charconv>

namespace sievegate::policy::match {

std::optional<Relation> relation_from_name(std::string_view name) {
  if (name == "gt") return Relation::kGt;
  if (name == "ge") return Relation::kGe;
  if (name == "lt") return Relation::kLt;
  if (name == "le") return Relation::kLe;
  if (name == "eq") return Relation::kEq;
  if (name == "ne") return Relation::kNe;
  return std::nullopt;
}

std::string_view relation_name(Relation relation) {
  switch (relation) {
    case Relation::kGt: return "gt";
    case Relation::kGe: return "ge";
    case Relation::kLt: return "lt";
    case Relation::kLe: return "le";
    case Relation::kEq: return "eq";
    case Relation::kNe: return "ne";
  }
  return "";
}

bool relation_holds(Relation relation, int order_result) {
  switch (relation) {
    case Relation::kGt: return order_result > 0;
    case Relation::kGe: return order_result >= 0;
    case Relation::kLt: return order_result < 0;
    case Relation::kLe: return order_result <= 0;
    case Relation::kEq: return order_result == 0;
    case Relation::kNe: return order_result != 0;
  }
  return false;
}

bool value_holds(Comparator comparator, Relation relation, std::string_view value,
                 std::string_view key) {
  return relation_holds(relation, order(comparator, value, key));
}

bool count_holds(Comparator comparator, Relation relation, std::size_t count,
                 std::string_view key) {
  char digits[24];  // 2^64 has 20 decimal digits
  const auto result = std::to_chars(digits, digits + sizeof digits, count);
  return value_holds(comparator, relation,
                     std::string_view(digits, static_cast<std::size_t>(result.ptr - digits)), key);
}

}  // namespace sievegate::policy::match
