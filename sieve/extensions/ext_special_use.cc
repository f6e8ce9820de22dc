// RFC 8579 special-use: fileinto :specialuse and the specialuse_exists test.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 6154 2: a special-use flag is "\" followed by an atom.
void check_flag(CheckContext& ctx, const StringLiteral& s, const std::string& flag) {
  bool ok = flag.size() >= 2 && flag[0] == '\\';
  for (std::size_t i = 1; ok && i < flag.size(); ++i) {
    auto c = static_cast<unsigned char>(flag[i]);
    ok = c > 32 && c < 127 && std::string_view("(){%*\"\\]").find(flag[i]) == std::string_view::npos;
  }
  if (!ok) {
    ctx.error(s.pos, "invalid-special-use",
              "invalid special-use flag " + quote(flag) + " (e.g. \"\\\\Junk\")");
  }
}

}  // namespace

void register_special_use(RegistryBuilder& r) {
  r.extension({"special-use", {}, ""});
  r.tag("fileinto", {"specialuse", "special-use", TagGroup::kNone, ArgType::kString,
                     "special-use-flag", false, {}});
  r.check("fileinto", [](CheckContext& ctx) {
    const Argument* flag = ctx.tag_parameter("specialuse");
    if (auto v = constant_string(ctx, flag)) check_flag(ctx, flag->strings[0], *v);
  });
  r.test("specialuse_exists", "special-use")
      .optional("mailbox", ArgType::kString)
      .positional("special-use-flags", ArgType::kStringList)
      .check([](CheckContext& ctx) {
        for_each_constant(ctx, ctx.positional("special-use-flags"),
                          [&](const StringLiteral& s, const std::string& v) { check_flag(ctx, s, v); });
      });
}

}  // namespace sievegate::policy::extensions
