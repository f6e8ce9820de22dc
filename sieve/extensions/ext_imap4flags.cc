// RFC 5232 imap4flags: setflag/addflag/removeflag, hasflag, and :flags on fileinto and
// keep. The pre-RFC "imapflags" draft is accepted with a deprecation warning.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 5232 3: the optional variable-name argument exists only with "variables".
void check_flag_variable(CheckContext& ctx, const char* name) {
  const Argument* var = ctx.positional(name);
  if (var == nullptr) return;
  if (!ctx.has("variables")) {
    ctx.error(var->pos, "extension-not-required",
              "the variable argument of '" + ctx.name() +
                  "' requires the \"variables\" extension (add it to 'require')");
    return;
  }
  check_variable_names(ctx, var);
}

}  // namespace

void register_imap4flags(RegistryBuilder& r) {
  r.extension({"imap4flags", {}, ""});
  r.extension({"imapflags", {"imap4flags"}, "imap4flags"});
  for (const char* command : {"setflag", "addflag", "removeflag"}) {
    r.command(command, "imap4flags")
        .optional("variablename", ArgType::kString)
        .positional("list-of-flags", ArgType::kStringList)
        .check([](CheckContext& ctx) { check_flag_variable(ctx, "variablename"); });
  }
  r.test("hasflag", "imap4flags")
      .match_type()
      .comparator()
      .optional("variable-list", ArgType::kStringList)
      .positional("list-of-flags", ArgType::kStringList)
      .check([](CheckContext& ctx) { check_flag_variable(ctx, "variable-list"); });
  // The draft's mark/unmark (imapflags only).
  r.command("mark", "imapflags");
  r.command("unmark", "imapflags");
  for (const char* command : {"fileinto", "keep"}) {
    r.tag(command, {"flags", "imap4flags", TagGroup::kNone, ArgType::kStringList,
                    "list-of-flags", false, {}});
  }
}

}  // namespace sievegate::policy::extensions
