// SASL decoding and the memory directory; see auth.h.
#include "proxy/auth.h"

#include <crypt.h>

#include <cstring>

#include "policy/message/codec.h"

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

std::optional<PlainCredentials> parse_sasl_plain(std::string_view decoded) {
  std::size_t a = decoded.find('\0');
  if (a == std::string_view::npos) return std::nullopt;
  std::size_t b = decoded.find('\0', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  if (decoded.find('\0', b + 1) != std::string_view::npos) return std::nullopt;
  PlainCredentials c;
  c.authzid = std::string(decoded.substr(0, a));
  c.user = std::string(decoded.substr(a + 1, b - a - 1));
  c.password = std::string(decoded.substr(b + 1));
  if (c.user.empty() || c.user.size() > 255 || c.password.size() > 255) return std::nullopt;
  return c;
}

std::optional<std::string> decode_sasl(std::string_view line) {
  if (line == "=") return std::string();
  if (line.empty() || line.size() % 4 != 0) return std::nullopt;
  return policy::message::base64_decode(line, true);
}

std::string encode_sasl(std::string_view text) { return policy::message::base64_encode(text); }

}  // namespace sievegate::proxy
