// RFC 5229 section 3 variable-reference syntax.
#include <catch2/catch.hpp>

#include "sieve/front/variables_syntax.h"

using namespace sievegate::policy::variables;

TEST_CASE("references are found with namespace and name") {
  auto refs = references("a ${x} b ${env.remote_ip} ${1} ${env.remote_ip.reverse}");
  REQUIRE(refs.size() == 4);
  CHECK(refs[0].name == "x");
  CHECK(refs[0].namespace_name.empty());
  CHECK(refs[0].offset == 2);
  CHECK(refs[0].length == 4);
  CHECK(refs[1].namespace_name == "env");
  CHECK(refs[1].name == "remote_ip");
  CHECK(refs[2].is_number);
  CHECK(refs[2].name == "1");
  CHECK(refs[3].namespace_name == "env");
  CHECK(refs[3].name == "reverse");
}

TEST_CASE("text that does not match the grammar is literal") {
  for (const char* s : {"${", "${}", "${a b}", "${-x}", "${a.}", "${.a}", "${1.a}", "$ {x}",
                        "${hex:41}", "${a", "{x}"}) {
    INFO(s);
    CHECK(references(s).empty());
    CHECK_FALSE(has_reference(s));
  }
  // A broken reference does not hide a valid one after it.
  CHECK(references("${a b} ${c}").size() == 1);
  CHECK(references("${${x}}").size() == 1);
}

TEST_CASE("names are case-insensitive") {
  auto refs = references("${Env.Remote_IP}");
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].namespace_name == "env");
  CHECK(refs[0].name == "remote_ip");
}

TEST_CASE("assignable names") {
  CHECK(is_assignable_name("x"));
  CHECK(is_assignable_name("_x1"));
  CHECK(is_assignable_name("global.x"));
  CHECK(is_assignable_name("envelope.from"));
  CHECK_FALSE(is_assignable_name(""));
  CHECK_FALSE(is_assignable_name("1abc"));
  CHECK_FALSE(is_assignable_name("a-b"));
  CHECK_FALSE(is_assignable_name("a."));
  CHECK_FALSE(is_assignable_name("${x}"));
}
