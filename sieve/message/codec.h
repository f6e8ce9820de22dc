// Content codecs: transfer encodings (RFC 2045 6) and charset conversion to UTF-8.
//
// Used by RFC 2047 encoded-words (rfc2047.h), RFC 2231 parameters and MIME part content
// (mime.h). Decoders are lenient where the RFCs ask a robust decoder to be (RFC 2045
// 6.7, 6.8) and produce new strings; they are only run on request, never while merely
// looking at a message. Charset conversion uses glibc's iconv; nothing here throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/base64.h"

namespace sievegate::policy::message {

// Base64 (RFC 2045 6.8) lives in base/base64.h; the message model uses it as its own.
using base::base64_decode;
using base::base64_encode;

// RFC 2045 6.7 quoted-printable: "=XX" (either case), soft line breaks ("=" at the end of
// a line, trailing whitespace allowed), trailing whitespace of each line removed (rule
// 3); hard line ends are kept as written. A malformed "=" sequence is kept literally, as
// 6.7 suggests for robust decoders.
std::string quoted_printable_decode(std::string_view in);

// Converts `bytes` in `charset` (a MIME charset name, case-insensitive) to UTF-8.
// Returns nullopt when the charset is unknown or not a plausible name. Bytes invalid in
// the charset become U+FFFD. US-ASCII and UTF-8 take a fast path; data labelled US-ASCII
// but holding valid UTF-8 is passed through (a common mislabelling).
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset);

// Whether to_utf8() can convert from `charset`.
bool is_known_charset(std::string_view charset);

// Replaces every invalid UTF-8 sequence (RFC 3629 4: overlong forms, surrogates, values
// above U+10FFFF included) with U+FFFD.
std::string sanitize_utf8(std::string_view bytes);

bool is_valid_utf8(std::string_view bytes);

}  // namespace sievegate::policy::message
