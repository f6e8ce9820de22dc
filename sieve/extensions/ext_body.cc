// RFC 5173 body: the body test with its :raw / :content / :text transforms.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_body(RegistryBuilder& r) {
  r.extension({"body", {}, ""});
  r.test("body", "body")
      .comparator()
      .match_type()
      .flag("raw", TagGroup::kBodyTransform)
      .tag_with("content", ArgType::kStringList, "content-types", TagGroup::kBodyTransform)
      .flag("text", TagGroup::kBodyTransform)
      .positional("key-list", ArgType::kStringList);
}

}  // namespace sievegate::policy::extensions
