// RFC 2047 encoded-words (sieve/message/rfc2047.h).
#include <catch2/catch.hpp>

#include <string>

#include "sieve/message/rfc2047.h"

using namespace sievegate::policy::message;

TEST_CASE("encoded-words decode to UTF-8", "[message]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      // B and Q, either case.
      {"=?UTF-8?B?Y2Fmw6k=?=", "caf\xc3\xa9"},
      {"=?utf-8?b?Y2Fmw6k=?=", "caf\xc3\xa9"},
      {"=?UTF-8?Q?caf=C3=A9?=", "caf\xc3\xa9"},
      {"=?utf-8?q?a_b_c?=", "a b c"},
      {"=?utf-8?q?caf=c3=a9?=", "caf\xc3\xa9"},  // lower-case hex
      // Charsets.
      {"=?ISO-8859-1?Q?caf=E9?=", "caf\xc3\xa9"},
      {"=?iso-8859-1?b?Y2Fm6Q==?=", "caf\xc3\xa9"},
      {"=?windows-1252?Q?=80_5?=", "\xe2\x82\xac 5"},
      {"=?ISO-8859-15?Q?=A4?=", "\xe2\x82\xac"},
      // Mixed with plain text.
      {"Re: =?utf-8?q?caf=C3=A9?= au lait", "Re: caf\xc3\xa9 au lait"},
      {"plain text only", "plain text only"},
      // RFC 2047 6.2: whitespace between adjacent encoded-words disappears ...
      {"=?utf-8?q?a?= =?utf-8?q?b?=", "ab"},
      {"=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab"},
      {"=?utf-8?q?a?=  \t =?iso-8859-1?q?=E9?=", "a\xc3\xa9"},
      // ... but not between an encoded-word and text.
      {"=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"},
      {"x =?utf-8?q?a?=", "x a"},
      // An encoded space at the end of a word is kept.
      {"=?utf-8?q?a_?= =?utf-8?q?b?=", "a b"},
      // A character split across two words still decodes.
      {"=?utf-8?B?w6g=?= =?utf-8?B?w6k=?=", "\xc3\xa8\xc3\xa9"},
      {"=?utf-8?B?w6jD?= =?utf-8?B?qQ==?=", "\xc3\xa8\xc3\xa9"},
      // Glued to punctuation or to another word.
      {"(=?utf-8?q?x?=)", "(x)"},
      {"=?utf-8?q?a?==?utf-8?q?b?=", "ab"},
      // RFC 2231 5 language suffix.
      {"=?ISO-8859-1*fr?Q?caf=E9?=", "caf\xc3\xa9"},
      {"=?utf-8*en-us?B?aGk=?=", "hi"},
      // Invalid words stay as written.
      {"=?utf-8?q?bad=ZZ?=", "=?utf-8?q?bad=ZZ?="},
      {"=?utf-8?b?!!!!?=", "=?utf-8?b?!!!!?="},
      {"=?utf-8?x?abc?=", "=?utf-8?x?abc?="},
      {"=?utf-8?q?has space?=", "=?utf-8?q?has space?="},
      {"=?utf-8?q?unterminated", "=?utf-8?q?unterminated"},
      {"=??q?a?=", "=??q?a?="},
      {"=?", "=?"},
      {"=?utf-8?q?", "=?utf-8?q?"},
      {"a =? b ?= c", "a =? b ?= c"},
      // Unknown charset: read as UTF-8 (as Pigeonhole does), so runs still join.
      {"=?x-klingon?q?abc?=", "abc"},
      {"=?x-klingon?q?a?= =?x-klingon?q?b?=", "ab"},
      {"=?x-klingon?q?a?= =?utf-8?q?b?=", "ab"},
      // Broken base64 is decoded leniently when it still yields bytes.
      {"=?utf-8?b?aGk!?=", "hi"},
      // An invalid word between two valid ones breaks adjacency.
      {"=?utf-8?q?a?= =?utf-8?q?=Z?= =?utf-8?q?b?=", "a =?utf-8?q?=Z?= b"},
      // Empty encoded text.
      {"=?utf-8?q?" "?=x", "x"},  // split: "??=" would be a trigraph
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(decode_rfc2047(c.in) == c.out);
  }
}

TEST_CASE("encoded-word encoding for addheader", "[message]") {
  CHECK(encode_rfc2047("plain ascii\tvalue") == "plain ascii\tvalue");
  CHECK(encode_rfc2047("") == "");
  CHECK(encode_rfc2047("caf\xc3\xa9") == "=?UTF-8?B?Y2Fmw6k=?=");
  // Text that would read back as an encoded-word is protected.
  CHECK(encode_rfc2047("=?utf-8?q?x?=") != "=?utf-8?q?x?=");
  CHECK(decode_rfc2047(encode_rfc2047("=?utf-8?q?x?=")) == "=?utf-8?q?x?=");

  // Long values: several words, each at most 75 characters, whole characters each.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "\xc3\xa9t\xc3\xa9 ";
  std::string encoded = encode_rfc2047(long_text);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    std::size_t space = encoded.find(' ', start);
    std::string word = encoded.substr(start, space == std::string::npos ? std::string::npos
                                                                        : space - start);
    CHECK(word.size() <= 75);
    CHECK(word.rfind("=?UTF-8?B?", 0) == 0);
    ++words;
    start = space == std::string::npos ? encoded.size() : space + 1;
  }
  CHECK(words > 1);
  CHECK(decode_rfc2047(encoded) == long_text);
}
