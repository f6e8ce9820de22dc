// SASL decoding; see auth.h.
#include "smtp/auth.h"

#include <cstring>

#include "base/base64.h"

namespace sievegate::proxy {

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
  return base::base64_decode(line, true);
}

std::string encode_sasl(std::string_view text) { return base::base64_encode(text); }

}  // namespace sievegate::proxy
