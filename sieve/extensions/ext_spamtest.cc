// RFC 5235 spamtest, spamtestplus (:percent) and virustest.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_spamtest(RegistryBuilder& r) {
  r.extension({"spamtest", {}, ""});
  r.extension({"spamtestplus", {"spamtest"}, ""});
  r.extension({"virustest", {}, ""});
  r.test("spamtest", "spamtest")
      .tag({"percent", "spamtestplus", TagGroup::kNone, std::nullopt, "", false, {}})
      .comparator()
      .match_type()
      .positional("value", ArgType::kString);
  r.test("virustest", "virustest")
      .comparator()
      .match_type()
      .positional("value", ArgType::kString);
}

}  // namespace sievegate::policy::extensions
