// RFC 6134 extlists: the :list match type, redirect :list and valid_ext_list. List
// contents come from the configuration at run time.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_extlists(RegistryBuilder& r) {
  r.extension({"extlists", {}, ""});
  r.tag_for_group(TagGroup::kMatchType,
                  {"list", "extlists", TagGroup::kMatchType, std::nullopt, "", false, {}});
  r.tag("redirect", {"list", "extlists", TagGroup::kNone, std::nullopt, "", false, {}});
  r.test("valid_ext_list", "extlists").positional("ext-list-names", ArgType::kStringList);
}

}  // namespace sievegate::policy::extensions
