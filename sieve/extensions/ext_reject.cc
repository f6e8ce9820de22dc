// RFC 5429 reject and ereject.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_reject(RegistryBuilder& r) {
  r.extension({"reject", {}, ""});
  r.extension({"ereject", {}, ""});
  r.command("reject", "reject").positional("reason", ArgType::kString);
  r.command("ereject", "ereject").positional("reason", ArgType::kString);
}

}  // namespace sievegate::policy::extensions
