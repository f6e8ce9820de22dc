// Transfer encodings and charset conversion (sieve/message/codec.h).
#include <catch2/catch.hpp>

#include <string>

#include "sieve/message/codec.h"

using namespace sievegate::policy::message;

TEST_CASE("base64 decoding, lenient and strict", "[message]") {
  struct Case {
    const char* in;
    const char* lenient;
    const char* strict;  // nullptr: invalid in strict mode
  };
  const Case cases[] = {
      {"", "", ""},
      {"aGVsbG8=", "hello", "hello"},
      {"aGVsbG8", "hello", "hello"},                  // missing padding tolerated
      {"aGVs\r\nbG8=\r\n", "hello", nullptr},         // line breaks: body only
      {"aGVs bG8=", "hello", nullptr},
      {"aGVsbG8=garbage", "hello", nullptr},          // data after padding
      {"a", "", nullptr},                             // 6 bits are no byte
      {"aGk*", "hi", nullptr},                        // '*' is not base64
      {"/+8=", "\xff\xef", "\xff\xef"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(base64_decode(c.in).value() == c.lenient);
    auto strict = base64_decode(c.in, true);
    if (c.strict == nullptr) {
      CHECK_FALSE(strict.has_value());
    } else {
      REQUIRE(strict.has_value());
      CHECK(*strict == c.strict);
    }
  }
}

TEST_CASE("base64 encoding round-trips", "[message]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("h") == "aA==");
  CHECK(base64_encode("hi") == "aGk=");
  CHECK(base64_encode("hello") == "aGVsbG8=");
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  CHECK(base64_decode(base64_encode(all), true).value() == all);
}

TEST_CASE("quoted-printable decoding", "[message]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"caf=C3=A9", "caf\xc3\xa9"},
      {"caf=c3=a9", "caf\xc3\xa9"},                          // lower-case hex accepted
      {"soft=\r\nbreak", "softbreak"},                       // soft line break
      {"soft=  \r\nbreak", "softbreak"},                     // padding after '='
      {"soft=\nbreak\n", "softbreak\n"},                     // LF-only
      {"hard  \r\nbreak", "hard\r\nbreak"},                  // trailing space removed
      {"a=3D b", "a= b"},
      {"bad =ZZ and =4", "bad =ZZ and =4"},                   // malformed kept as is
      {"end=", "end"},
      {"line1\r\nline2\r\n", "line1\r\nline2\r\n"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(quoted_printable_decode(c.in) == c.out);
  }
}

TEST_CASE("charset conversion to UTF-8", "[message]") {
  struct Case {
    const char* charset;
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"ISO-8859-1", "caf\xe9", "caf\xc3\xa9"},
      {"iso-8859-1", "\xe0 la", "\xc3\xa0 la"},
      {"latin1", "\xfc", "\xc3\xbc"},
      {"windows-1252", "\x80 \x93quote\x94", "\xe2\x82\xac \xe2\x80\x9cquote\xe2\x80\x9d"},
      {"Windows-1252", "\x85", "\xe2\x80\xa6"},
      {"ISO-8859-15", "\xa4", "\xe2\x82\xac"},
      {"koi8-r", "\xf0\xd2\xc9\xd7\xc5\xd4", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"},
      {"utf-8", "caf\xc3\xa9", "caf\xc3\xa9"},
      {"UTF-8", "bad \xff byte", "bad \xef\xbf\xbd byte"},
      {"us-ascii", "plain", "plain"},
      {"us-ascii", "mislabelled caf\xc3\xa9", "mislabelled caf\xc3\xa9"},
      {"\"utf-8\"", "q", "q"},
      {"shift_jis", "\x93\xfa\x96\x7b", "\xe6\x97\xa5\xe6\x9c\xac"},
  };
  for (const Case& c : cases) {
    INFO(c.charset << " " << c.in);
    auto out = to_utf8(c.in, c.charset);
    REQUIRE(out.has_value());
    CHECK(*out == c.out);
  }
  CHECK_FALSE(to_utf8("x", "x-unknown-charset").has_value());
  CHECK_FALSE(to_utf8("x", "utf-8//TRANSLIT").has_value());
  CHECK_FALSE(to_utf8("x", "").has_value());
}

TEST_CASE("UTF-8 validation", "[message]") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("\xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
  CHECK(sanitize_utf8("a\xe2\x82") == "a\xef\xbf\xbd\xef\xbf\xbd");
}
