// RFC 5233 subaddress: the :user and :detail address parts.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_subaddress(RegistryBuilder& r) {
  r.extension({"subaddress", {}, ""});
  r.tag_for_group(TagGroup::kAddressPart,
                  {"user", "subaddress", TagGroup::kAddressPart, std::nullopt, "", false, {}});
  r.tag_for_group(TagGroup::kAddressPart,
                  {"detail", "subaddress", TagGroup::kAddressPart, std::nullopt, "", false, {}});
}

}  // namespace sievegate::policy::extensions
