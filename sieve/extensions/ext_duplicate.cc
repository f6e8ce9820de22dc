// RFC 7352 duplicate.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_duplicate(RegistryBuilder& r) {
  r.extension({"duplicate", {}, ""});
  r.test("duplicate", "duplicate")
      .tag_with("handle", ArgType::kString, "string")
      .tag_with("header", ArgType::kString, "header-name", TagGroup::kDuplicateSource)
      .tag_with("uniqueid", ArgType::kString, "value", TagGroup::kDuplicateSource)
      .tag_with("seconds", ArgType::kNumber, "timeout")
      .flag("last")
      .check([](CheckContext& ctx) { check_field_names(ctx, ctx.tag_parameter("header"), false); });
}

}  // namespace sievegate::policy::extensions
