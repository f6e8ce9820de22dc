// Base64 (RFC 4648 4), shared by the message model and the SMTP layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sievegate::base {

// RFC 4648 4 (RFC 2045 6.8). Lenient mode (message bodies): characters outside the
// alphabet, line breaks included, are ignored and decoding stops at the first '='.
// Strict mode (RFC 2047 "B" words): any character outside the alphabet, or data after
// the padding, makes the input invalid (nullopt); missing padding is tolerated.
std::optional<std::string> base64_decode(std::string_view in, bool strict = false);

// RFC 4648 4 with padding, no line breaks.
std::string base64_encode(std::string_view in);

}  // namespace sievegate::base
