// RFC 5231 relational: operator names, :value and :count, with the RFC's examples.
#include <catch2/catch.hpp>

#include <cstddef>
#include <limits>
#include <string_view>

#include "sieve/match/match.h"

using namespace sievegate::policy::match;

namespace {
constexpr Comparator kAscii = Comparator::kAsciiCasemap;
constexpr Comparator kNumeric = Comparator::kAsciiNumeric;
}  // namespace

TEST_CASE("relational operator names (RFC 5231 5)", "[match]") {
  const Relation all[] = {Relation::kGt, Relation::kGe, Relation::kLt,
                          Relation::kLe, Relation::kEq, Relation::kNe};
  for (Relation r : all) CHECK(relation_from_name(relation_name(r)) == r);
  CHECK(relation_from_name("gt") == Relation::kGt);
  CHECK(relation_from_name("ne") == Relation::kNe);
  CHECK_FALSE(relation_from_name("GT"));  // lower case only, as the checker requires
  CHECK_FALSE(relation_from_name(""));
  CHECK_FALSE(relation_from_name("gte"));
  CHECK_FALSE(relation_from_name("=="));
}

TEST_CASE("relation_holds for each order result", "[match]") {
  struct Case {
    Relation relation;
    bool less, equal, greater;
  };
  const Case cases[] = {
      {Relation::kGt, false, false, true}, {Relation::kGe, false, true, true},
      {Relation::kLt, true, false, false}, {Relation::kLe, true, true, false},
      {Relation::kEq, false, true, false}, {Relation::kNe, true, false, true},
  };
  for (const Case& c : cases) {
    INFO(relation_name(c.relation));
    CHECK(relation_holds(c.relation, -7) == c.less);
    CHECK(relation_holds(c.relation, 0) == c.equal);
    CHECK(relation_holds(c.relation, 3) == c.greater);
  }
}

TEST_CASE(":value compares the value with the key (RFC 5231 4.1)", "[match]") {
  // header :value "lt" :comparator "i;ascii-numeric" "X-Priority" "3" with X-Priority: 1
  CHECK(value_holds(kNumeric, Relation::kLt, "1", "3"));
  CHECK_FALSE(value_holds(kNumeric, Relation::kGt, "1", "3"));
  // Numerically 10 > 9; textually "10" < "9".
  CHECK(value_holds(kNumeric, Relation::kGt, "10", "9"));
  CHECK(value_holds(kAscii, Relation::kLt, "10", "9"));
  // A value without leading digits is positive infinity under i;ascii-numeric.
  CHECK(value_holds(kNumeric, Relation::kGt, "high", "3"));
  CHECK_FALSE(value_holds(kNumeric, Relation::kEq, "high", "3"));
  CHECK(value_holds(kNumeric, Relation::kEq, "high", "low"));
  CHECK(value_holds(kNumeric, Relation::kEq, "5 (normal)", "005"));
  CHECK(value_holds(kNumeric, Relation::kNe, "5", "6"));
  // i;ascii-casemap ordering ignores ASCII case.
  CHECK(value_holds(kAscii, Relation::kGt, "bob@example.com", "Alice"));
  CHECK(value_holds(kAscii, Relation::kEq, "BOB", "bob"));
  CHECK(value_holds(kAscii, Relation::kLe, "BOB", "bob"));
  CHECK_FALSE(value_holds(kAscii, Relation::kNe, "BOB", "bob"));
  CHECK(value_holds(Comparator::kOctet, Relation::kNe, "BOB", "bob"));
  CHECK(value_holds(Comparator::kOctet, Relation::kLt, "BOB", "bob"));
}

TEST_CASE(":count compares the number of values with the key (RFC 5231 4.2)", "[match]") {
  // The examples of RFC 5231, on a message with two Received fields, a Subject, "To:
  // foo@..., baz@..." and "CC: qux@...":
  //   address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] ["3"]   true (3)
  CHECK(count_holds(kNumeric, Relation::kGe, 3, "3"));
  //   address :count "ge" ... ["to"] ["3"] (2), ["cc"] ["3"] (1)             false
  CHECK_FALSE(count_holds(kNumeric, Relation::kGe, 2, "3"));
  CHECK_FALSE(count_holds(kNumeric, Relation::kGe, 1, "3"));
  //   header :count "ge" ... ["received"] ["3"] (2)                          false
  //   header :count "ge" ... ["received", "subject"] ["3"] (3)               true
  CHECK_FALSE(count_holds(kNumeric, Relation::kGe, 2, "3"));
  CHECK(count_holds(kNumeric, Relation::kGe, 3, "3"));
  // No values counts as 0.
  CHECK(count_holds(kNumeric, Relation::kEq, 0, "0"));
  CHECK(count_holds(kNumeric, Relation::kEq, 0, "000"));
  CHECK(count_holds(kNumeric, Relation::kLt, 0, "1"));
  // With the default i;ascii-casemap the count is compared as text: 10 < "9".
  CHECK(count_holds(kAscii, Relation::kLt, 10, "9"));
  CHECK(count_holds(kNumeric, Relation::kGt, 10, "9"));
  CHECK(count_holds(kAscii, Relation::kEq, 10, "10"));
  CHECK_FALSE(count_holds(kAscii, Relation::kEq, 10, "010"));
  // The largest count still converts exactly.
  if constexpr (sizeof(std::size_t) == 8) {
    const std::size_t most = std::numeric_limits<std::size_t>::max();
    CHECK(count_holds(kNumeric, Relation::kEq, most, "18446744073709551615"));
    CHECK(count_holds(kNumeric, Relation::kLt, most, "18446744073709551616"));
  }
}
