// RFC 8580 fcc: :fcc on vacation and notify, with the mailbox options that only make
// sense together with it (:create, :flags, :specialuse, :mailboxid).
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_fcc(RegistryBuilder& r) {
  r.extension({"fcc", {}, ""});
  for (const char* command : {"vacation", "notify"}) {
    r.tag(command, {"fcc", "fcc", TagGroup::kNone, ArgType::kString, "mailbox", false, {}});
    r.tag(command, {"create", "mailbox", TagGroup::kNone, std::nullopt, "", false, {"fcc"}});
    r.tag(command, {"flags", "imap4flags", TagGroup::kNone, ArgType::kStringList,
                    "list-of-flags", false, {"fcc"}});
    r.tag(command, {"specialuse", "special-use", TagGroup::kNone, ArgType::kString,
                    "special-use-flag", false, {"fcc"}});
    r.tag(command, {"mailboxid", "mailboxid", TagGroup::kNone, ArgType::kString, "mailboxid",
                    false, {"fcc"}});
  }
}

}  // namespace sievegate::policy::extensions
