// Addresses: RFC 5322 3.4 address lists in header fields and RFC 5321 4.1.2 envelope
// paths, and the address parts Sieve compares (RFC 5228 2.7.4, RFC 5233 subaddress).
//
// Serves the address and envelope tests and the actions that take addresses (redirect,
// vacation). Parsing never fails as a whole: each comma-separated entry becomes
// a Mailbox, and an entry that is not a valid address is kept with valid = false and its
// raw text, so a test on ":all" can still see it while ":localpart" and ":domain" do not
// match it (RFC 5228 2.7.4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sievegate::policy::message {

struct Mailbox {
  std::string display_name;  // RFC 2047-decoded phrase, words joined by single spaces
  std::string local_part;    // without quotes and quoted-pair backslashes
  std::string domain;        // dot-atom or "[literal]"; empty when the address had none
  std::string group;         // display name of the enclosing group (RFC 5322 3.4), if any
  std::string raw;           // the entry as written, outer whitespace trimmed
  bool valid = false;        // local part (and domain, if any) are well formed
  bool null_path = false;    // the envelope's null path "<>" (RFC 5321 4.1.1.2)

  // local@domain with the local part re-quoted when it is not a dot-atom (RFC 5322
  // 3.4.1); just the local part when there is no domain.
  std::string address() const;
};

// Parses an address-list or mailbox-list header value (raw, folded or not; comments
// anywhere). Groups contribute their members, tagged with the group name; an empty group
// ("undisclosed-recipients:;") contributes nothing. Obsolete forms are accepted: routes
// in angle addresses ("<@a,@b:user@c>", RFC 5322 4.4), CFWS around dots in the local
// part, empty list elements. Two leniencies real mail needs: dots in a local part may be
// leading, trailing or doubled ("foo..bar@example.jp"), and a local part alone ("user",
// no "@") is a valid address with an empty domain, as local submission writes it.
std::vector<Mailbox> parse_address_list(std::string_view value);

// Parses an SMTP path as the envelope test sees it: "<user@example.com>", "<>" (and the
// empty string) as the null path, a bare "user@example.com", a source route
// "<@relay:user@example.com>" (RFC 5321 4.1.2, ignored) or "postmaster" without domain.
Mailbox parse_path(std::string_view path);

// RFC 5228 2.7.4 / RFC 5233 4 address parts.
enum class AddressPart {
  kAll,        // the whole address (local@domain)
  kLocalPart,  // left of the "@"
  kDomain,     // right of the "@"
  kUser,       // the local part up to the first separator, or all of it without one
  kDetail,     // the local part after the first separator
};

// The part of `mailbox` to compare, or nullopt when that part does not exist and the
// test must not match: any part but :all of an invalid address (RFC 5228 2.7.4), or
// :detail of an address without separator (RFC 5233 4; a separator followed by nothing
// gives ""). :all of an invalid address is its raw text. For the null path every part
// is "" (RFC 5228 5.4). `separator` is the site's subaddress separator sequence.
std::optional<std::string> address_part(const Mailbox& mailbox, AddressPart part,
                                        std::string_view separator = "+");

}  // namespace sievegate::policy::message
