// RFC 5228 4.1 fileinto (tags from copy, imap4flags, mailbox, special-use and mailboxid
// are added by those extensions).
#include "sieve/front/checker.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_fileinto(RegistryBuilder& r) {
  r.extension({"fileinto", {}, ""});
  // A mailbox name must be UTF-8 (RFC 5228 2.4.2, RFC 3501 5.1); bytes that were not
  // reached the parser as U+FFFD (the parser also warns where they stand).
  r.command("fileinto", "fileinto")
      .positional("mailbox", ArgType::kString)
      .check([](CheckContext& ctx) {
        const Argument* box = ctx.positional("mailbox");
        if (box != nullptr && box->strings.size() == 1 &&
            box->strings[0].value.find("\xEF\xBF\xBD") != std::string::npos) {
          ctx.error(box->pos, "invalid-mailbox", "mailbox name is not valid UTF-8");
        }
      });
}

}  // namespace sievegate::policy::extensions
