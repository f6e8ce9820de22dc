// RFC 5228 4.1 fileinto (tags from copy, imap4flags, mailbox, special-use and mailboxid
// are added by those extensions).
#include "policy/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_fileinto(RegistryBuilder& r) {
  r.extension({"fileinto", {}, ""});
  r.command("fileinto", "fileinto").positional("mailbox", ArgType::kString);
}

}  // namespace sievegate::policy::extensions
