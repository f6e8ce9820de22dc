// draft-ietf-sieve-regex-01 regex: the :regex match type and the :quoteregex modifier.
// Constant patterns are compiled at check time with RE2 in POSIX-extended mode, the
// linear-time engine the runtime uses as well.
#include <re2/re2.h>

#include "policy/extensions/common.h"
#include "policy/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

void check_patterns(CheckContext& ctx) {
  if (ctx.tag("regex") == nullptr) return;
  // The draft allows only i;octet and i;ascii-casemap with :regex.
  if (auto comparator = constant_string(ctx, ctx.tag_parameter("comparator"))) {
    if (*comparator != "i;octet" && *comparator != "i;ascii-casemap" &&
        *comparator != "i;ascii-numeric") {
      ctx.error(ctx.tag_parameter("comparator")->pos, "comparator-mismatch",
                "match type ':regex' only works with \"i;octet\" or \"i;ascii-casemap\"");
    }
  }
  for (const char* name : {"key-list", "value-patterns"}) {
    for_each_constant(ctx, ctx.positional(name), [&](const StringLiteral& s, const std::string& v) {
      RE2::Options options;
      options.set_posix_syntax(true);
      options.set_log_errors(false);
      RE2 re(v, options);
      if (!re.ok()) {
        ctx.error(s.pos, "invalid-regex",
                  "invalid regular expression " + quote(v) + ": " + re.error());
      }
    });
  }
}

}  // namespace

void register_regex(RegistryBuilder& r) {
  r.extension({"regex", {}, ""});
  TagSpec regex{"regex", "regex", TagGroup::kMatchType, std::nullopt, "", true, {}};
  r.tag_for_group(TagGroup::kMatchType, regex);
  r.check_for_group(TagGroup::kMatchType, check_patterns);
  for (const char* command : {"set", "extracttext"}) {
    r.tag(command, {"quoteregex", "regex", TagGroup::kModQuote, std::nullopt, "", false, {}});
  }
}

}  // namespace sievegate::policy::extensions
