// RFC 5183 environment: the environment test.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_environment(RegistryBuilder& r) {
  r.extension({"environment", {}, ""});
  r.test("environment", "environment")
      .comparator()
      .match_type()
      .positional("name", ArgType::kString)
      .positional("key-list", ArgType::kStringList);
}

}  // namespace sievegate::policy::extensions
