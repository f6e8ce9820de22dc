// RFC 3894 copy: :copy on redirect and fileinto keeps the implicit keep.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_copy(RegistryBuilder& r) {
  r.extension({"copy", {}, ""});
  for (const char* command : {"redirect", "fileinto"}) {
    r.tag(command, {"copy", "copy", TagGroup::kNone, std::nullopt, "", false, {}});
  }
}

}  // namespace sievegate::policy::extensions
