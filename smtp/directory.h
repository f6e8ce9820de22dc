// Directories: who may log in (an Authenticator, auth.h) and which recipients are local
// (Stalwart's session.rcpt.directory). sievegate ships Stalwart's "memory" directory:
// users with secrets, their addresses (email, email-list) and the local domains (the
// addresses' domains, `domains` and `lookup.domains`), all from the config.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "smtp/auth.h"

namespace sievegate::proxy {

enum class Lookup {
  kYes,
  kNo,
  kFailed,  // the directory could not answer: 451 4.4.3, the client retries
};

// Local domains and mailboxes, for the RCPT check (Stalwart v0.4 rcpt.rs order: a local
// domain's unknown mailbox is refused; a non-local domain needs session.rcpt.relay).
class RecipientDirectory {
 public:
  virtual ~RecipientDirectory() = default;
  virtual Lookup is_local_domain(std::string_view domain) const = 0;  // any case
  virtual Lookup is_mailbox(std::string_view address) const = 0;      // any case
};

// Users and their secrets, loaded once. Clear-text secrets are compared in constant
// time; a secret starting with '$' is a crypt(3) hash checked with crypt_r.
// Addresses are compared case-insensitively (the whole address, as Stalwart does).
// Mailboxes are checked only in the domains where the directory knows at least one
// address: a domain listed alone (`domains`) is local but its mailboxes are the
// backend's to validate, as Postfix's relay_domains without relay_recipient_maps.
class MemoryDirectory : public Authenticator, public RecipientDirectory {
 public:
  void add(const std::string& user, const std::string& secret) { users_[user] = secret; }
  // An address of a user (email) or of a list (email-list); its domain becomes local.
  void add_address(std::string_view address);
  void add_domain(std::string_view domain);
  // options.catch-all: an unknown address of a local domain is a mailbox when "@domain"
  // is one (a user whose email is "@example.org" gets the rest of example.org).
  void set_catch_all(bool on) { catch_all_ = on; }
  // options.subaddressing: "user+tag@domain" is looked up as "user@domain".
  void set_subaddressing(bool on) { subaddressing_ = on; }

  std::size_t size() const { return users_.size(); }
  bool has_recipients() const { return !domains_.empty(); }
  AuthResult check(const std::string& user, const std::string& password) override;
  Lookup is_local_domain(std::string_view domain) const override;
  Lookup is_mailbox(std::string_view address) const override;

 private:
  std::map<std::string, std::string> users_;
  std::set<std::string, std::less<>> addresses_;  // lower-case
  std::set<std::string, std::less<>> domains_;    // lower-case
  std::set<std::string, std::less<>> mailbox_domains_;  // domains with known addresses
  bool catch_all_ = false;
  bool subaddressing_ = false;
};

}  // namespace sievegate::proxy
