// RFC 9042 mailboxid: fileinto :mailboxid and the mailboxidexists test.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_mailboxid(RegistryBuilder& r) {
  r.extension({"mailboxid", {}, ""});
  r.tag("fileinto", {"mailboxid", "mailboxid", TagGroup::kNone, ArgType::kString, "mailboxid",
                     false, {}});
  r.test("mailboxidexists", "mailboxid").positional("mailbox-objectids", ArgType::kStringList);
}

}  // namespace sievegate::policy::extensions
