// The one place that lists every extension: add a line here for a new ext_*.cc file.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_all(RegistryBuilder& r) {
  register_core(r);
  register_fileinto(r);
  register_envelope(r);
  register_encoded_character(r);
  register_comparators(r);
  register_variables(r);
  register_relational(r);
  register_subaddress(r);
  register_copy(r);
  register_body(r);
  register_imap4flags(r);
  register_date_index(r);
  register_editheader(r);
  register_reject(r);
  register_environment(r);
  register_ihave(r);
  register_mailbox(r);
  register_enotify(r);
  register_vacation(r);
  register_spamtest(r);
  register_mime(r);
  register_include(r);
  register_duplicate(r);
  register_regex(r);
  register_special_use(r);
  register_fcc(r);
  register_mailboxid(r);
  register_extlists(r);
  register_dsn_deliverby(r);
}

}  // namespace sievegate::policy::extensions
