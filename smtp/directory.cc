// The memory directory; see directory.h.
#include "smtp/directory.h"

#include <crypt.h>

#include <algorithm>
#include <cstring>

#include "base/ascii.h"

namespace sievegate::proxy {
namespace {

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

std::string_view domain_of(std::string_view address) {
  std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

}  // namespace

AuthResult MemoryDirectory::check(const std::string& user, const std::string& password) {
  auto it = users_.find(user);
  // Unknown users cost the same comparison as known ones.
  const std::string& secret = it != users_.end() ? it->second : std::string();
  if (!secret.empty() && secret[0] == '$') {
    struct crypt_data data;
    std::memset(&data, 0, sizeof data);
    const char* hashed = crypt_r(password.c_str(), secret.c_str(), &data);
    if (hashed == nullptr || hashed[0] == '*') return AuthResult::kInvalid;  // unsupported hash
    return it != users_.end() && constant_time_equal(hashed, secret) ? AuthResult::kOk : AuthResult::kInvalid;
  }
  bool same = constant_time_equal(password, secret);
  return it != users_.end() && same && !password.empty() ? AuthResult::kOk : AuthResult::kInvalid;
}

void MemoryDirectory::add_address(std::string_view address) {
  std::string lower = policy::ascii_lower(address);
  std::string_view domain = domain_of(lower);
  if (!domain.empty()) {
    domains_.insert(std::string(domain));
    mailbox_domains_.insert(std::string(domain));
  }
  addresses_.insert(std::move(lower));
}

void MemoryDirectory::add_domain(std::string_view domain) { domains_.insert(policy::ascii_lower(domain)); }

Lookup MemoryDirectory::is_local_domain(std::string_view domain) const {
  return domains_.count(policy::ascii_lower(domain)) ? Lookup::kYes : Lookup::kNo;
}

Lookup MemoryDirectory::is_mailbox(std::string_view address) const {
  std::string lower = policy::ascii_lower(address);
  if (addresses_.count(lower)) return Lookup::kYes;
  std::size_t at = lower.rfind('@');
  if (at == std::string::npos) return Lookup::kNo;
  if (!mailbox_domains_.count(std::string_view(lower).substr(at + 1))) return Lookup::kYes;  // the backend decides
  if (subaddressing_) {
    std::size_t plus = lower.find('+');
    if (plus != std::string::npos && plus < at && addresses_.count(lower.substr(0, plus) + lower.substr(at))) {
      return Lookup::kYes;
    }
  }
  if (catch_all_ && addresses_.count(lower.substr(at))) return Lookup::kYes;
  return Lookup::kNo;
}

}  // namespace sievegate::proxy
