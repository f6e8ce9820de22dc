// The list of Sieve extensions sievegate knows. Each register_* function lives in its
// own file (ext_<name>.cc) and declares commands, tests, tags, comparators and checks.
#pragma once

#include "sieve/extensions/registry.h"

namespace sievegate::policy::extensions {

void register_all(RegistryBuilder& r);

void register_core(RegistryBuilder& r);               // RFC 5228
void register_fileinto(RegistryBuilder& r);           // RFC 5228 4.1
void register_envelope(RegistryBuilder& r);           // RFC 5228 5.4
void register_encoded_character(RegistryBuilder& r);  // RFC 5228 2.4.2.4
void register_comparators(RegistryBuilder& r);        // RFC 4790, RFC 5051
void register_variables(RegistryBuilder& r);          // RFC 5229
void register_relational(RegistryBuilder& r);         // RFC 5231
void register_subaddress(RegistryBuilder& r);         // RFC 5233
void register_copy(RegistryBuilder& r);               // RFC 3894
void register_body(RegistryBuilder& r);               // RFC 5173
void register_imap4flags(RegistryBuilder& r);         // RFC 5232
void register_date_index(RegistryBuilder& r);         // RFC 5260
void register_editheader(RegistryBuilder& r);         // RFC 5293
void register_reject(RegistryBuilder& r);             // RFC 5429
void register_environment(RegistryBuilder& r);        // RFC 5183
void register_ihave(RegistryBuilder& r);              // RFC 5463
void register_mailbox(RegistryBuilder& r);            // RFC 5490
void register_enotify(RegistryBuilder& r);            // RFC 5435, 5436
void register_vacation(RegistryBuilder& r);           // RFC 5230, 6131
void register_spamtest(RegistryBuilder& r);           // RFC 5235
void register_mime(RegistryBuilder& r);               // RFC 5703
void register_include(RegistryBuilder& r);            // RFC 6609
void register_duplicate(RegistryBuilder& r);          // RFC 7352
void register_regex(RegistryBuilder& r);              // draft-ietf-sieve-regex-01
void register_special_use(RegistryBuilder& r);        // RFC 8579
void register_fcc(RegistryBuilder& r);                // RFC 8580
void register_mailboxid(RegistryBuilder& r);          // RFC 9042
void register_extlists(RegistryBuilder& r);           // RFC 6134
void register_dsn_deliverby(RegistryBuilder& r);      // RFC 6009

}  // namespace sievegate::policy::extensions
