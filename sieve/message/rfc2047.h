// RFC 2047 encoded-words: "=?charset?B|Q?text?=" in header values.
//
// Header tests compare decoded values (RFC 5228 2.7.2), the address parser decodes
// display names, and editheader's addheader encodes non-ASCII values (RFC 5293 4).
// Decoding is lenient in the ways real mail needs and strict where guessing would
// corrupt text: see decode_rfc2047().
#pragma once

#include <string>
#include <string_view>

namespace sievegate::policy::message {

// Decodes every encoded-word in `text` to UTF-8; everything else is copied unchanged.
// Works for unstructured text (RFC 2047 5(1)) and for phrases (5(3)) once the caller has
// joined the phrase's words with single spaces.
//  - Whitespace between two adjacent encoded-words is dropped (RFC 2047 6.2), and
//    adjacent words in the same charset are joined before conversion, so a multi-byte
//    character split across two words (a common encoder bug) still decodes.
//  - Words are recognised anywhere, not only between whitespace: many mailers glue them
//    to punctuation, and readers decode them.
//  - An RFC 2231 5 language suffix ("=?utf-8*en?Q?...?=") is accepted and ignored.
//  - A malformed word (bad base64, bad "=XX", space inside) or one in an unknown
//    charset is left exactly as written.
std::string decode_rfc2047(std::string_view text);

// Encodes `utf8` for a header field value. Text that is plain printable ASCII (tabs
// allowed) and does not itself look like an encoded-word is returned unchanged;
// anything else becomes "=?UTF-8?B?...?=" words of at most 75 characters (RFC 2047 2),
// each holding whole characters (RFC 2047 5), separated by single spaces so the caller
// can fold between them.
std::string encode_rfc2047(std::string_view utf8);

}  // namespace sievegate::policy::message
