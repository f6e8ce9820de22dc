// RFC 5229 variables: set with modifiers, the string test, and the variable namespaces.
// The `env.` and `envelope.` namespaces come from Stalwart's trusted interpreter
// (stalwart-stages.md section 2): usable with only "variables" required.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_variables(RegistryBuilder& r) {
  r.extension({"variables", {}, ""});
  CommandBuilder set = r.command("set", "variables");
  add_set_modifiers(set);
  set.positional("name", ArgType::kString)
      .positional("value", ArgType::kString)
      .check([](CheckContext& ctx) { check_variable_names(ctx, ctx.positional("name")); });
  r.test("string", "variables")
      .match_type()
      .comparator()
      .positional("source", ArgType::kStringList)
      .positional("key-list", ArgType::kStringList);

  // Session facts (read-only) and the envelope (from/to and DSN fields may be set to
  // change what the proxy relays, config.md "What a script's result does").
  r.variable_namespace({"env", "", false, {}});
  r.variable_namespace({"envelope", "", true,
                        {"from", "to", "notify", "orcpt", "ret", "envid", "by_mode",
                         "by_trace"}});
}

}  // namespace sievegate::policy::extensions
