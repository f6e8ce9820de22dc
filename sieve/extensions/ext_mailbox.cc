// RFC 5490: "mailbox" (mailboxexists, fileinto :create) and the metadata tests of
// "mboxmetadata" and "servermetadata".
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_mailbox(RegistryBuilder& r) {
  r.extension({"mailbox", {}, ""});
  r.extension({"mboxmetadata", {}, ""});
  r.extension({"servermetadata", {}, ""});
  r.test("mailboxexists", "mailbox").positional("mailbox-names", ArgType::kStringList);
  r.tag("fileinto", {"create", "mailbox", TagGroup::kNone, std::nullopt, "", false, {}});
  r.test("metadata", "mboxmetadata")
      .match_type()
      .comparator()
      .positional("mailbox", ArgType::kString)
      .positional("annotation-name", ArgType::kString)
      .positional("key-list", ArgType::kStringList);
  r.test("metadataexists", "mboxmetadata")
      .positional("mailbox", ArgType::kString)
      .positional("annotation-names", ArgType::kStringList);
  r.test("servermetadata", "servermetadata")
      .match_type()
      .comparator()
      .positional("annotation-name", ArgType::kString)
      .positional("key-list", ArgType::kStringList);
  r.test("servermetadataexists", "servermetadata")
      .positional("annotation-names", ArgType::kStringList);
}

}  // namespace sievegate::policy::extensions
