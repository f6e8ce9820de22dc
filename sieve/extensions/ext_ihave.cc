// RFC 5463 ihave: the ihave test and the error command. How an `if ihave` block is
// checked (capabilities enabled inside it, unknown ones skip it) is in the checker.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_ihave(RegistryBuilder& r) {
  r.extension({"ihave", {}, ""});
  r.test("ihave", "ihave").positional("capabilities", ArgType::kStringList);
  r.command("error", "ihave").positional("message", ArgType::kString);
}

}  // namespace sievegate::policy::extensions
