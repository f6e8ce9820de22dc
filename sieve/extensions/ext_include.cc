// RFC 6609 include: include, return, global, and the "global." variable namespace.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"
#include "sieve/front/variables_syntax.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 6609 3.2: a script name must not contain '/' (it is a name, not a path).
void check_include(CheckContext& ctx) {
  const Argument* arg = ctx.positional("value");
  auto name = constant_string(ctx, arg);
  if (!name) {
    // Included scripts are resolved and checked when the including script is loaded.
    ctx.error(arg->pos, "include-not-constant",
              "the name of an included script must be a constant string, not a variable");
    return;
  }
  if (name->empty() || name->find('/') != std::string::npos) {
    ctx.error(arg->pos, "invalid-script-name",
              "invalid script name " + quote(*name) + " (must be non-empty, without '/')");
  }
}

// RFC 6609 3.3: global needs variables; its names are plain identifiers.
void check_global(CheckContext& ctx) {
  if (!ctx.has("variables")) {
    ctx.error(ctx.pos(), "extension-not-required",
              "'global' requires the \"variables\" extension (add it to 'require')");
    return;
  }
  const Argument* names = ctx.positional("value");
  for (const StringLiteral& s : names->strings) {
    if (!variables::is_identifier(s.value)) {
      ctx.error(s.pos, "invalid-variable-name", "invalid global variable name " + quote(s.value));
    }
  }
}

}  // namespace

void register_include(RegistryBuilder& r) {
  r.extension({"include", {}, ""});
  r.command("include", "include")
      .flag("personal", TagGroup::kLocation)
      .flag("global", TagGroup::kLocation)
      .tag({"once", "", TagGroup::kNone, std::nullopt, "", false, {}, true})
      .tag({"optional", "", TagGroup::kNone, std::nullopt, "", false, {}, true})
      .positional("value", ArgType::kString)
      .check(check_include);
  r.command("return", "include");
  r.command("global", "include").positional("value", ArgType::kStringList).check(check_global);
  r.variable_namespace({"global", "include", true, {}});
}

}  // namespace sievegate::policy::extensions
