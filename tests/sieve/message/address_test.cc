// RFC 5322 address lists, envelope paths and Sieve address parts
// (sieve/message/address.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sieve/message/address.h"

using namespace sievegate::policy::message;

namespace {

// "display|local|domain|group|valid" per mailbox, ";"-separated.
std::string describe(const std::vector<Mailbox>& list) {
  std::string out;
  for (const Mailbox& m : list) {
    if (!out.empty()) out += ";";
    out += m.display_name + "|" + m.local_part + "|" + m.domain + "|" + m.group + "|" +
           (m.valid ? "ok" : "bad");
  }
  return out;
}

}  // namespace

TEST_CASE("address lists parse into mailboxes", "[message]") {
  struct Case {
    const char* value;
    const char* expected;
  };
  const Case cases[] = {
      {"user@example.com", "|user|example.com||ok"},
      {"  user@example.com  ", "|user|example.com||ok"},
      {"John Doe <john@example.com>", "John Doe|john|example.com||ok"},
      {"\"Doe, John\" <john@example.com>", "Doe, John|john|example.com||ok"},
      {"a@b.c, d@e.f", "|a|b.c||ok;|d|e.f||ok"},
      {"a@b.c,,d@e.f,", "|a|b.c||ok;|d|e.f||ok"},  // empty elements (obs-addr-list)
      // Groups.
      {"undisclosed-recipients:;", ""},
      {"team: a@b.c, Bob <d@e.f>;", "|a|b.c|team|ok;Bob|d|e.f|team|ok"},
      {"team: a@b.c;, x@y.z", "|a|b.c|team|ok;|x|y.z||ok"},
      {"Big Team: a@b.c", "|a|b.c|Big Team|ok"},  // unterminated group
      // Comments anywhere.
      {"john(comment)@(c2)example.com(c3)", "|john|example.com||ok"},
      {"(lead) John (middle) Doe <john@example.com> (trail)", "John Doe|john|example.com||ok"},
      {"a@b.c (Nested (comment) here)", "|a|b.c||ok"},
      {"a@b.c (unclosed comment", "|a|b.c||ok"},
      // Quoted local parts.
      {"\"john doe\"@example.com", "|john doe|example.com||ok"},
      {"\"a\\\"b\\\\c\"@example.com", "|a\"b\\c|example.com||ok"},
      {"<\"odd,local\"@example.com>", "|odd,local|example.com||ok"},
      // Obsolete routes and CFWS around dots.
      {"<@relay1,@relay2:user@example.com>", "|user|example.com||ok"},
      {"Name <@relay:user@example.com>", "Name|user|example.com||ok"},
      {"john . doe @ example . com", "|john.doe|example.com||ok"},
      // RFC 2047 display names.
      {"=?utf-8?q?J=C3=B6rg?= <j@example.com>", "J\xc3\xb6rg|j|example.com||ok"},
      {"=?utf-8?q?J=C3=B6rg?= =?utf-8?q?_M=C3=BCller?= <j@x.de>",
       "J\xc3\xb6rg M\xc3\xbcller|j|x.de||ok"},
      {"\"=?iso-8859-1?q?Andr=E9?=\" <a@x.fr>", "Andr\xc3\xa9|a|x.fr||ok"},
      {"Dr. J. Smith <js@x.com>", "Dr. J. Smith|js|x.com||ok"},
      // Missing domain.
      {"user", "|user|||ok"},
      {"\"user\"", "|user|||ok"},
      {"Name <user>", "Name|user|||ok"},
      // Domain literals and UTF-8 (RFC 6532).
      {"u@[192.0.2.1]", "|u|[192.0.2.1]||ok"},
      {"j\xc3\xb6rg@b\xc3\xbc" "cher.example", "|j\xc3\xb6rg|b\xc3\xbc" "cher.example||ok"},
      // Lenient dots.
      {"foo..bar@example.jp", "|foo..bar|example.jp||ok"},
      // Garbage: kept, marked invalid, parsing goes on.
      {"John Smith", "|JohnSmith|||bad"},
      {"a@, b@c.d", "|a|||bad;|b|c.d||ok"},
      {"@@@, ok@x.y", "||@@||bad;|ok|x.y||ok"},
      {"<>", "||||bad"},
      {"Name <a@b.c", "Name|a|b.c||bad"},
      {"Name <a@b.c, next@x.y", "Name|a|b.c||bad;|next|x.y||ok"},
      {"<a@b.c> trailing", "|a|b.c||bad"},
      {"a@b c", "|a|bc||bad"},
      {"a b@c.d", "|ab|c.d||bad"},
      {"x@y.z)", "|x|y.z)||bad"},
  };
  for (const Case& c : cases) {
    INFO(c.value);
    CHECK(describe(parse_address_list(c.value)) == c.expected);
  }
}

TEST_CASE("mailbox raw text and canonical address", "[message]") {
  auto list = parse_address_list(" Bob <bob@x.y> , \"a b\"@c.d ,  broken@ ");
  REQUIRE(list.size() == 3);
  CHECK(list[0].raw == "Bob <bob@x.y>");
  CHECK(list[0].address() == "bob@x.y");
  CHECK(list[1].address() == "\"a b\"@c.d");
  CHECK(list[2].raw == "broken@");
  CHECK_FALSE(list[2].valid);

  Mailbox m;
  m.local_part = "a\"b";
  m.domain = "x";
  CHECK(m.address() == "\"a\\\"b\"@x");
  m.local_part = ".lead";
  CHECK(m.address() == "\".lead\"@x");
  m.local_part = "user";
  m.domain.clear();
  CHECK(m.address() == "user");
}

TEST_CASE("folded address headers parse", "[message]") {
  auto list = parse_address_list("\"Doe,\r\n John\" <john@example.com>,\r\n\tjane@example.com");
  REQUIRE(list.size() == 2);
  CHECK(list[0].display_name == "Doe, John");
  CHECK(list[1].local_part == "jane");
}

TEST_CASE("envelope paths", "[message]") {
  struct Case {
    const char* path;
    const char* local;
    const char* domain;
    bool valid;
    bool null_path;
  };
  const Case cases[] = {
      {"<user@example.com>", "user", "example.com", true, false},
      {"user@example.com", "user", "example.com", true, false},
      {" <user@example.com> ", "user", "example.com", true, false},
      {"<>", "", "", true, true},
      {"", "", "", true, true},
      {"<@a.example,@b.example:user@c.example>", "user", "c.example", true, false},
      {"<\"john doe\"@example.com>", "john doe", "example.com", true, false},
      {"<postmaster>", "postmaster", "", true, false},
      {"<user@example.com", "user", "example.com", false, false},
      {"<@route-without-colon>", "", "route-without-colon", false, false},
      {"<a@>", "a", "", false, false},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    Mailbox m = parse_path(c.path);
    CHECK(m.local_part == c.local);
    CHECK(m.domain == c.domain);
    CHECK(m.valid == c.valid);
    CHECK(m.null_path == c.null_path);
  }
}

TEST_CASE("address parts for :all :localpart :domain :user :detail", "[message]") {
  using P = AddressPart;
  struct Case {
    const char* address;
    P part;
    const char* separator;
    const char* expected;  // nullptr: the part does not exist, no match
  };
  const Case cases[] = {
      {"Ken <ken+sieve@example.org>", P::kAll, "+", "ken+sieve@example.org"},
      {"ken+sieve@example.org", P::kLocalPart, "+", "ken+sieve"},
      {"ken+sieve@example.org", P::kDomain, "+", "example.org"},
      {"ken+sieve@example.org", P::kUser, "+", "ken"},
      {"ken+sieve@example.org", P::kDetail, "+", "sieve"},
      {"ken+a+b@example.org", P::kUser, "+", "ken"},
      {"ken+a+b@example.org", P::kDetail, "+", "a+b"},
      // RFC 5233 4: no separator: :user is the whole local part, :detail never matches.
      {"ken@example.org", P::kUser, "+", "ken"},
      {"ken@example.org", P::kDetail, "+", nullptr},
      // A separator followed by nothing: :detail is "".
      {"ken+@example.org", P::kDetail, "+", ""},
      {"ken+@example.org", P::kUser, "+", "ken"},
      // Other separators, multi-character ones too.
      {"ken-list@example.org", P::kDetail, "-", "list"},
      {"ken--list@example.org", P::kDetail, "--", "list"},
      {"ken+x@example.org", P::kDetail, "", nullptr},
      // Quoted local part: :localpart unquoted, :all canonical.
      {"\"a b\"@c.d", P::kLocalPart, "+", "a b"},
      {"\"a b\"@c.d", P::kAll, "+", "\"a b\"@c.d"},
      // Missing domain.
      {"user", P::kDomain, "+", ""},
      {"user", P::kAll, "+", "user"},
      // RFC 5228 2.7.4: invalid addresses match only on :all, with their raw text.
      {"John Smith", P::kAll, "+", "John Smith"},
      {"John Smith", P::kLocalPart, "+", nullptr},
      {"John Smith", P::kDomain, "+", nullptr},
      {"John Smith", P::kUser, "+", nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.address << " part " << static_cast<int>(c.part));
    auto list = parse_address_list(c.address);
    REQUIRE(list.size() == 1);
    auto value = address_part(list[0], c.part, c.separator);
    if (c.expected == nullptr) {
      CHECK_FALSE(value.has_value());
    } else {
      REQUIRE(value.has_value());
      CHECK(*value == c.expected);
    }
  }
  // RFC 5228 5.4: the null reverse-path is "" whatever the address part.
  Mailbox null_path = parse_path("<>");
  for (P part : {P::kAll, P::kLocalPart, P::kDomain, P::kUser, P::kDetail}) {
    CHECK(address_part(null_path, part).value() == "");
  }
}
