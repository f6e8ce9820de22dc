// RFC 3463 2 enhanced status codes: class "." subject "." detail, class 2, 4 or 5,
// subject and detail 1-3 digits. One definition for the Sieve stage replies and the
// proxy's reply parser.
#pragma once

#include <string_view>

namespace sievegate::policy {

inline bool is_enhanced_code(std::string_view s) {
  std::size_t dot1 = s.find('.');
  std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : s.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || dot1 != 1) return false;
  if (s[0] != '2' && s[0] != '4' && s[0] != '5') return false;
  auto digits = [](std::string_view d) {
    if (d.empty() || d.size() > 3) return false;
    for (char c : d) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  return digits(s.substr(dot1 + 1, dot2 - dot1 - 1)) && digits(s.substr(dot2 + 1));
}

}  // namespace sievegate::policy
