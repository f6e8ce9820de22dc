// SMTP AUTH (RFC 4954) support: the SASL PLAIN (RFC 4616) and LOGIN exchanges' decoding,
// and where credentials are checked. The session runs the exchange; an Authenticator
// says whether the credentials are good; directory.h has the one sievegate ships (Stalwart's
// "memory" directory, secrets in clear or as crypt(3) hashes: $6$, $5$, $y$, $2b$...).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sievegate::proxy {

enum class AuthResult {
  kOk,        // 235 2.7.0
  kInvalid,   // 535 5.7.8
  kTempFail,  // 454 4.7.0 (the directory could not answer)
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual AuthResult check(const std::string& user, const std::string& password) = 0;
  // As policy.h's seam: the result now, or nothing and `done` called once later from any
  // thread (a crypt(3) hash on a worker). The default checks at once.
  using Done = std::function<void(AuthResult)>;
  virtual std::optional<AuthResult> start(const std::string& user, const std::string& password, const Done&) {
    return check(user, password);
  }
};

// SASL PLAIN's message "authzid NUL authcid NUL passwd" (RFC 4616 2), already
// base64-decoded. nullopt when malformed.
struct PlainCredentials {
  std::string authzid;
  std::string user;
  std::string password;
};
std::optional<PlainCredentials> parse_sasl_plain(std::string_view decoded);

// The base64 of an AUTH exchange line (RFC 4954 4): strict; "=" alone is the empty string.
std::optional<std::string> decode_sasl(std::string_view line);
std::string encode_sasl(std::string_view text);

}  // namespace sievegate::proxy
