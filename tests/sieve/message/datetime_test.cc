// Message model, dates: RFC 5322 date-time parsing (current and obsolete syntax), zone
// shifts and the RFC 5260 date-parts, checked against fixed tables (epoch values from GNU
// date), a day-by-day calendar walk, and random input.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/message/datetime.h"

using sievegate::policy::message::date_part;
using sievegate::policy::message::DatePart;
using sievegate::policy::message::DateTime;
using sievegate::policy::message::format_date_part;
using sievegate::policy::message::from_epoch;
using sievegate::policy::message::in_zone;
using sievegate::policy::message::parse_date_part;
using sievegate::policy::message::parse_field_date;
using sievegate::policy::message::parse_rfc5322;
using sievegate::policy::message::parse_zone;

namespace {

// RFC 5260 4.2
constexpr const char* kAllParts[] = {"year", "month",  "day",    "date",    "julian",
                                     "hour", "minute", "second", "time",    "iso8601",
                                     "std11", "zone",  "weekday"};

std::string part(const DateTime& dt, std::string_view name) {
  auto value = date_part(dt, name);
  REQUIRE(value.has_value());
  return *value;
}

DateTime parsed(std::string_view text) {
  INFO("date-time: " << text);
  auto dt = parse_rfc5322(text);
  REQUIRE(dt.has_value());
  return *dt;
}

std::string describe(const std::optional<DateTime>& dt) {
  if (!dt) return "nullopt";
  return std::to_string(dt->epoch_seconds) + " offset " + std::to_string(dt->offset_minutes) +
         (dt->zone_known ? "" : " (zone unknown)") + (dt->leap_second ? " (leap)" : "");
}

}  // namespace

TEST_CASE("RFC 5322 date-times parse to the right instant and zone", "[datetime]") {
  struct Case {
    const char* text;
    std::int64_t epoch;
    int offset;
    bool zone_known;
  };
  const Case cases[] = {
      // RFC 5322 appendix A.1.1 and A.1.2
      {"Fri, 21 Nov 1997 09:55:06 -0600", 880127706, -360, true},
      {"Tue, 1 Jul 2003 10:52:37 +0200", 1057049557, 120, true},
      // A.5: folding white space everywhere, a comment, no seconds, before 1970
      {"Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n"
       "               -0330 (Newfoundland Time)",
       -27723480, -210, true},
      // A.6.2: obsolete 2-digit year and GMT
      {"21 Nov 97 09:55:06 GMT", 880106106, 0, true},
      // A.6.3: obsolete comments and white space inside the time
      {"Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", 880127706, -360, true},
      // day-of-week is optional, names are case-insensitive, day may have one digit
      {"21 Nov 1997 09:55:06 -0600", 880127706, -360, true},
      {"fri, 21 NOV 1997 09:55:06 -0600", 880127706, -360, true},
      {"FRI,21 nov 1997 09:55:06 -0600", 880127706, -360, true},
      {"  Fri , 21 Nov 1997 09:55:06 -0600  ", 880127706, -360, true},
      {"(a (nested \\) comment)) Fri, 21 Nov 1997 09:55:06 -0600 (CST)", 880127706, -360,
       true},
      {"Fri, 21 Nov 1997 09:55:06 -0600 (trailing) \t(comments)", 880127706, -360, true},
      // RFC 5322 4.3 two- and three-digit years
      {"1 Jul 49 10:52 GMT", 2508749520, 0, true},             // 49 -> 2049
      {"1 Jul 50 10:52:00 +0000", -615474480, 0, true},        // 50 -> 1950
      {"21 Nov 00 00:00:00 +0000", 974764800, 0, true},        // 00 -> 2000
      {"1 Jul 101 10:00:00 +0000", 993981600, 0, true},        // 101 -> 2001
      {"21 Nov 0001997 09:55:06 GMT", 880106106, 0, true},     // 4*DIGIT, leading zeros
      // RFC 5322 4.3 US zones, UT, any case
      {"21 Nov 1997 09:55:06 UT", 880106106, 0, true},
      {"21 Nov 1997 09:55:06 gmt", 880106106, 0, true},
      {"21 Nov 1997 09:55:06 EDT", 880106106 + 4 * 3600, -240, true},
      {"21 Nov 1997 09:55:06 est", 880106106 + 5 * 3600, -300, true},
      {"21 Nov 1997 09:55:06 CDT", 880106106 + 5 * 3600, -300, true},
      {"21 Nov 1997 09:55:06 CST", 880106106 + 6 * 3600, -360, true},
      {"21 Nov 1997 09:55:06 MDT", 880106106 + 6 * 3600, -360, true},
      {"21 Nov 1997 09:55:06 MST", 880106106 + 7 * 3600, -420, true},
      {"21 Nov 1997 09:55:06 PDT", 880106106 + 7 * 3600, -420, true},
      {"21 Nov 1997 09:55:06 PST", 880106106 + 8 * 3600, -480, true},
      // "-0000", military letters and unknown names: UTC, local zone unknown (RFC 5322
      // 3.3, 4.3)
      {"21 Nov 1997 09:55:06 -0000", 880106106, 0, false},
      {"21 Nov 1997 09:55:06 +0000", 880106106, 0, true},
      {"21 Nov 1997 09:55:06 A", 880106106, 0, false},
      {"21 Nov 1997 09:55:06 z", 880106106, 0, false},
      {"21 Nov 1997 09:55:06 Y", 880106106, 0, false},
      {"21 Nov 1997 09:55:06 CEST", 880106106, 0, false},
      // extreme but valid zones
      {"21 Nov 1997 09:55:06 +9959", 880106106 - (99 * 60 + 59) * 60, 5999, true},
      {"21 Nov 1997 09:55:06 -9959", 880106106 + (99 * 60 + 59) * 60, -5999, true},
      // calendar edges
      {"31 Dec 1969 23:59:59 +0000", -1, 0, true},
      {"Thu, 1 Jan 1970 00:00:00 +0000", 0, 0, true},
      {"Mon, 1 Jan 1900 00:00:00 +0000", -2208988800, 0, true},
      {"Tue, 29 Feb 2000 12:00:00 +0000", 951825600, 0, true},
      {"Sun, 28 Feb 2100 23:59:59 +0000", 4107542399, 0, true},
      {"Mon, 1 Mar 2100 00:00:00 +0000", 4107542400, 0, true},
      {"Fri, 31 Dec 9999 23:59:59 +0000", 253402300799, 0, true},
      {"1 Mar 2024 01:00:00 +0200", 1709247600, 120, true},
  };
  for (const Case& c : cases) {
    INFO("date-time: " << c.text);
    auto dt = parse_rfc5322(c.text);
    REQUIRE(dt.has_value());
    CHECK(dt->epoch_seconds == c.epoch);
    CHECK(dt->offset_minutes == c.offset);
    CHECK(dt->zone_known == c.zone_known);
    CHECK_FALSE(dt->leap_second);
  }
}

TEST_CASE("a leap second is kept as :60 on top of the :59 instant", "[datetime]") {
  DateTime dt = parsed("Tue, 30 Jun 2015 23:59:60 +0000");
  CHECK(dt.epoch_seconds == 1435708799);
  CHECK(dt.leap_second);
  CHECK(part(dt, "second") == "60");
  CHECK(part(dt, "time") == "23:59:60");
  CHECK(part(dt, "date") == "2015-06-30");
  CHECK(part(dt, "iso8601") == "2015-06-30T23:59:60Z");
  CHECK(part(dt, "std11") == "Tue, 30 Jun 2015 23:59:60 +0000");
  // The same leap second seen in +0100 is 00:59:60 of the next day.
  DateTime paris = in_zone(dt, 60);
  CHECK(part(paris, "time") == "00:59:60");
  CHECK(part(paris, "date") == "2015-07-01");
  // std11 output parses back to the same value.
  CHECK(parse_rfc5322(part(paris, "std11")) == paris);
}

TEST_CASE("text that is not a valid date-time is rejected", "[datetime]") {
  const char* bad[] = {
      "",
      "   ",
      "(only a comment)",
      "garbage",
      "Fri, 21 Nov 1997",                          // no time
      "Fri, 21 Nov 1997 09:55:06",                 // no zone
      "Fri 21 Nov 1997 09:55:06 -0600",            // day-of-week without comma
      "Fri,, 21 Nov 1997 09:55:06 -0600",
      "Friday, 21 Nov 1997 09:55:06 -0600",        // only 3-letter names
      "Fri, 21 November 1997 09:55:06 -0600",
      "Fri, 21 Xyz 1997 09:55:06 -0600",
      "Sat, 21 Nov 1997 09:55:06 -0600",           // day-of-week disagrees with the date
      ", 21 Nov 1997 09:55:06 -0600",
      "Fri, 21 Nov 1997 09:55:06 -0600 trailing",  // only CFWS may follow
      "Fri, 21 Nov 1997 09:55:06 +0000 GMT",       // two zones
      "Fri, 21 Nov 1997 09:55:06 -0600 (unclosed",
      "Fri, 21 Nov 1997 09:55:06 -0600 (bad escape\\)",
      "21 Nov 1997 9:55:06 -0600",                 // hour, minute, second: two digits
      "21 Nov 1997 09:5:06 -0600",
      "21 Nov 1997 09:55:6 -0600",
      "21 Nov 1997 095:06 -0600",
      "21 Nov 1997 09:55: -0600",
      "21 Nov 1997 09 55 06 -0600",
      "21 Nov 1997 09:55:06.5 -0600",
      "21 Nov 1997 24:00:00 +0000",                // out of range
      "21 Nov 1997 23:60:00 +0000",
      "21 Nov 1997 23:59:61 +0000",
      "21 Nov 1997 09:55:06 +0060",                // zone minutes over 59
      "21 Nov 1997 09:55:06 +060",                 // zone: exactly four digits
      "21 Nov 1997 09:55:06 +06000",
      "21 Nov 1997 09:55:06 + 0600",
      "21 Nov 1997 09:55:06 0600",
      "21 Nov 1997 09:55:06 J",                    // never a military zone
      "21 Nov 1997 09:55:06 -06:00",
      "0 Nov 1997 09:55:06 -0600",                 // day out of range for the month
      "31 Nov 1997 09:55:06 -0600",
      "32 Jan 1997 09:55:06 -0600",
      "123 Nov 1997 09:55:06 -0600",
      "30 Feb 2000 09:55:06 -0600",
      "29 Feb 1900 09:55:06 -0600",                // 1900 and 2100 are not leap years
      "29 Feb 2100 09:55:06 -0600",
      "29 Feb 2023 09:55:06 -0600",
      "21 Nov 7 09:55:06 -0600",                   // years: at least two digits,
      "31 Dec 1899 23:59:59 +0000",                // 1900 or later (RFC 5322 3.3),
      "1 Jan 10000 00:00:00 +0000",                // four digits for RFC 5260 "year"
      "1 Jan 99999999999999999999 00:00:00 +0000",
      "2024-01-01T00:00:00Z",                      // not RFC 5322 syntax
      "Mon, 01 Jan 2024 00:00:00 +0000\n\nbody",
  };
  for (const char* text : bad) {
    INFO("date-time: " << text);
    CHECK(describe(parse_rfc5322(text)) == "nullopt");
  }
  // An embedded NUL is not white space.
  CHECK_FALSE(parse_rfc5322(std::string_view("21 Nov 1997 09:55:06 -0600\0", 27)).has_value());
  CHECK_FALSE(parse_rfc5322(std::string_view("21 Nov\0 1997 09:55:06 -0600", 27)).has_value());
}

TEST_CASE("the date-time of a Received field follows its last semicolon", "[datetime]") {
  struct Case {
    const char* value;
    std::int64_t epoch;  // 0: expected to fail
  };
  const Case cases[] = {
      {"Fri, 21 Nov 1997 09:55:06 -0600", 880127706},
      {"from mail.example.com (mail.example.com [192.0.2.1]) by mx.example.net (Postfix) "
       "with ESMTPS id 4F2; Fri, 21 Nov 1997 09:55:06 -0600",
       880127706},
      // RFC 5322 A.4 trace field, folded
      {"from x.y.test\r\n   by example.net\r\n   via TCP\r\n   with ESMTP\r\n   id ABC12345\r\n"
       "   for <mary@example.net>;  21 Nov 1997 10:05:43 -0600",
       880128343},
      // ';' inside comments and quoted strings is not the separator
      {"from a (helo; odd) by b; Fri, 21 Nov 1997 09:55:06 -0600 (note; more)", 880127706},
      {"by b id \"x;y\"; Fri, 21 Nov 1997 09:55:06 -0600", 880127706},
      {"by b id \"x\\\";y\"; Fri, 21 Nov 1997 09:55:06 -0600", 880127706},
      {"by b; (comment \\) ; still comment) Fri, 21 Nov 1997 09:55:06 -0600", 880127706},
      {"from a by b", 0},
      {"from a by b;", 0},
      {"from a by b; Fri, 21 Nov 1997 09:55:06 -0600; junk", 0},
      {"", 0},
  };
  for (const Case& c : cases) {
    INFO("field value: " << c.value);
    auto dt = parse_field_date(c.value);
    if (c.epoch == 0) {
      CHECK(describe(dt) == "nullopt");
    } else {
      REQUIRE(dt.has_value());
      CHECK(dt->epoch_seconds == c.epoch);
    }
  }
}

TEST_CASE(":zone arguments are +hhmm or -hhmm", "[datetime]") {
  struct Case {
    const char* text;
    std::optional<int> minutes;
  };
  const Case cases[] = {
      {"+0000", 0},       {"-0000", 0},       {"+0100", 60},      {"-0500", -300},
      {"+0530", 330},     {"-0330", -210},    {"+1400", 840},     {"-1200", -720},
      {"+9959", 5999},    {"-9959", -5999},   {"+0060", {}},      {"0100", {}},
      {"+100", {}},       {"+01000", {}},     {"+01:00", {}},     {" +0100", {}},
      {"+0100 ", {}},     {"", {}},           {"+", {}},          {"Z", {}},
      {"UTC", {}},        {"EST", {}},        {"+01a0", {}},      {"--100", {}},
  };
  for (const Case& c : cases) {
    INFO("zone: '" << c.text << "'");
    CHECK(parse_zone(c.text) == c.minutes);
  }
}

TEST_CASE("RFC 5260 4.2 date-parts of a date-time in its own zone", "[datetime]") {
  const DateTime dt = parsed("Fri, 21 Nov 1997 09:55:06 -0600");
  const std::pair<const char*, const char*> expected[] = {
      {"year", "1997"},
      {"month", "11"},
      {"day", "21"},
      {"date", "1997-11-21"},
      {"julian", "50773"},
      {"hour", "09"},
      {"minute", "55"},
      {"second", "06"},
      {"time", "09:55:06"},
      {"iso8601", "1997-11-21T09:55:06-06:00"},
      {"std11", "Fri, 21 Nov 1997 09:55:06 -0600"},
      {"zone", "-0600"},
      {"weekday", "5"},
  };
  for (const auto& [name, value] : expected) {
    INFO("date-part: " << name);
    CHECK(part(dt, name) == value);
  }
  // The same instant in UTC.
  const DateTime utc = in_zone(dt, 0);
  CHECK(part(utc, "time") == "15:55:06");
  CHECK(part(utc, "iso8601") == "1997-11-21T15:55:06Z");
  CHECK(part(utc, "std11") == "Fri, 21 Nov 1997 15:55:06 +0000");
  CHECK(part(utc, "zone") == "+0000");
}

TEST_CASE("date-part names are case-insensitive; unknown names give nullopt", "[datetime]") {
  const DateTime dt = from_epoch(0, 0);
  CHECK(date_part(dt, "YEAR") == "1970");
  CHECK(date_part(dt, "Std11") == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(date_part(dt, "ISO8601") == "1970-01-01T00:00:00Z");
  CHECK(date_part(dt, "WeekDay") == "4");
  for (const char* name : {"", "years", "julian ", " day", "iso-8601", "rfc822", "week",
                           "std-11", "zon", "seconds", "tz"}) {
    INFO("date-part: '" << name << "'");
    CHECK_FALSE(date_part(dt, name).has_value());
    CHECK_FALSE(parse_date_part(name).has_value());
  }
  CHECK(parse_date_part("julian") == DatePart::kJulian);
  CHECK(parse_date_part("Weekday") == DatePart::kWeekday);
  CHECK(format_date_part(dt, DatePart::kJulian) == "40587");
}

TEST_CASE("zone parts: zero is +0000 and Z, other offsets keep their sign", "[datetime]") {
  struct Case {
    const char* text;
    const char* zone;
    const char* iso_suffix;
    const char* std11;
  };
  const Case cases[] = {
      // RFC 5260 4.2: an offset of zero always has a positive sign; iso8601 uses "Z"
      {"21 Nov 1997 09:55:06 -0000", "+0000", "09:55:06Z", "Fri, 21 Nov 1997 09:55:06 +0000"},
      {"21 Nov 1997 09:55:06 GMT", "+0000", "09:55:06Z", "Fri, 21 Nov 1997 09:55:06 +0000"},
      {"21 Nov 1997 09:55:06 Q", "+0000", "09:55:06Z", "Fri, 21 Nov 1997 09:55:06 +0000"},
      {"21 Nov 1997 09:55:06 +0530", "+0530", "09:55:06+05:30",
       "Fri, 21 Nov 1997 09:55:06 +0530"},
      {"21 Nov 1997 09:55:06 -0330", "-0330", "09:55:06-03:30",
       "Fri, 21 Nov 1997 09:55:06 -0330"},
      {"21 Nov 1997 09:55:06 -0001", "-0001", "09:55:06-00:01",
       "Fri, 21 Nov 1997 09:55:06 -0001"},
      {"21 Nov 1997 09:55:06 PDT", "-0700", "09:55:06-07:00",
       "Fri, 21 Nov 1997 09:55:06 -0700"},
      {"1 Jan 2001 00:00:00 +9959", "+9959", "00:00:00+99:59",
       "Mon, 01 Jan 2001 00:00:00 +9959"},
  };
  for (const Case& c : cases) {
    INFO("date-time: " << c.text);
    const DateTime dt = parsed(c.text);
    CHECK(part(dt, "zone") == c.zone);
    const std::string iso = part(dt, "iso8601");
    CHECK(iso.substr(11) == c.iso_suffix);
    CHECK(part(dt, "std11") == c.std11);
  }
}

TEST_CASE("in_zone moves the date across day, month and year boundaries", "[datetime]") {
  struct Case {
    const char* text;
    const char* zone;
    const char* iso8601;
    const char* julian;
    const char* weekday;
  };
  const Case cases[] = {
      // new year: 2026-01-01T00:30+01:00 is still 2025 in New York
      {"Thu, 1 Jan 2026 00:30:00 +0100", "-0500", "2025-12-31T18:30:00-05:00", "61040", "3"},
      {"Thu, 1 Jan 2026 00:30:00 +0100", "+0000", "2025-12-31T23:30:00Z", "61040", "3"},
      {"Thu, 1 Jan 2026 00:30:00 +0100", "+0100", "2026-01-01T00:30:00+01:00", "61041", "4"},
      {"Wed, 31 Dec 2025 23:30:00 -0100", "+1400", "2026-01-01T14:30:00+14:00", "61041", "4"},
      // into a leap day and out of it
      {"Fri, 1 Mar 2024 01:00:00 +0200", "-0100", "2024-02-29T22:00:00-01:00", "60369", "4"},
      {"Tue, 28 Feb 2023 23:30:00 -0100", "+0100", "2023-03-01T01:30:00+01:00", "60004", "3"},
      {"Thu, 29 Feb 2024 23:59:59 -1200", "+1400", "2024-03-02T01:59:59+14:00", "60371", "6"},
      // month end with 30 days, half-hour zones
      {"Sat, 30 Nov 2024 22:00:00 +0000", "+0530", "2024-12-01T03:30:00+05:30", "60645", "0"},
      {"Sun, 1 Dec 2024 03:00:00 +0530", "-0330", "2024-11-30T18:00:00-03:30", "60644", "6"},
      // before 1970
      {"Wed, 1 Jan 1969 00:00:00 +0000", "-0001", "1968-12-31T23:59:00-00:01", "40221", "2"},
      // the same zone changes nothing
      {"Fri, 21 Nov 1997 09:55:06 -0600", "-0600", "1997-11-21T09:55:06-06:00", "50773", "5"},
  };
  for (const Case& c : cases) {
    INFO("date-time: " << c.text << " in " << c.zone);
    const DateTime dt = parsed(c.text);
    auto zone = parse_zone(c.zone);
    REQUIRE(zone.has_value());
    const DateTime moved = in_zone(dt, *zone);
    CHECK(moved.epoch_seconds == dt.epoch_seconds);
    CHECK(part(moved, "iso8601") == c.iso8601);
    CHECK(part(moved, "julian") == c.julian);
    CHECK(part(moved, "weekday") == c.weekday);
    CHECK(part(moved, "zone") == c.zone);
    CHECK(part(moved, "std11").substr(26) == c.zone);
  }
  // :zone on an unknown-zone time makes the zone known.
  const DateTime unknown = parsed("21 Nov 1997 09:55:06 -0000");
  CHECK_FALSE(unknown.zone_known);
  CHECK(in_zone(unknown, 0).zone_known);
}

TEST_CASE("Modified Julian Day counts from 1858-11-17", "[datetime]") {
  struct Case {
    std::int64_t epoch;
    const char* date;
    const char* julian;
    const char* weekday;
  };
  const Case cases[] = {
      {-3506716800, "1858-11-17", "0", "3"},  // RFC 5260 4.2: day zero, a Wednesday
      {-3506716800 - 1, "1858-11-16", "-1", "2"},
      {-3506716800 + 86399, "1858-11-17", "0", "3"},
      {-3506716800 + 86400, "1858-11-18", "1", "4"},
      {0, "1970-01-01", "40587", "4"},
      {-1, "1969-12-31", "40586", "3"},
      {946684800, "2000-01-01", "51544", "6"},
      {-2208988800, "1900-01-01", "15020", "1"},
      {-11670998400, "1600-02-29", "-94494", "2"},
      {-62135596800, "0001-01-01", "-678575", "1"},
      {253402300799, "9999-12-31", "2973483", "5"},
  };
  for (const Case& c : cases) {
    INFO("epoch: " << c.epoch);
    const DateTime dt = from_epoch(c.epoch, 0);
    CHECK(part(dt, "date") == c.date);
    CHECK(part(dt, "julian") == c.julian);
    CHECK(part(dt, "weekday") == c.weekday);
  }
  // In a zone east of UTC, 1858-11-16T23:00Z is already day 0.
  CHECK(part(from_epoch(-3506716800 - 3600, 60), "julian") == "0");
}

TEST_CASE("every day from 1600 to 2500 agrees with a day-by-day calendar walk", "[datetime]") {
  // A slow, obviously-correct reference: step one day at a time from 1600-01-01 (MJD
  // -94553, a Saturday) using the leap year rule directly.
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = 1600, m = 1, d = 1, weekday = 6;
  std::int64_t mjd = -94553;
  std::int64_t mismatches = 0;
  while (y <= 2500) {
    const std::int64_t epoch = (mjd - 40587) * 86400 + 43200;  // noon UTC
    const DateTime dt = from_epoch(epoch, 0);
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", y, m, d);
    if (format_date_part(dt, DatePart::kDate) != expected ||
        format_date_part(dt, DatePart::kJulian) != std::to_string(mjd) ||
        format_date_part(dt, DatePart::kWeekday) != std::to_string(weekday)) {
      if (++mismatches < 5) FAIL_CHECK("calendar walk differs at " << expected);
    }
    // A date-time for the same day parses back to it (years 1900 and later).
    if (y >= 1900 && d % 7 == 1) {
      const std::string text = std::to_string(d) + " " +
                               format_date_part(dt, DatePart::kStd11).substr(8, 3) + " " +
                               std::to_string(y) + " 12:00:00 +0000";
      auto back = parse_rfc5322(text);
      if (!back || back->epoch_seconds != epoch) {
        if (++mismatches < 5) FAIL_CHECK("parse differs for " << text);
      }
    }
    ++mjd;
    weekday = (weekday + 1) % 7;
    const int length = m == 2 && leap(y) ? 29 : lengths[m - 1];
    if (++d > length) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("leap years: 2000 and 2024 are, 1900, 2100 and 2023 are not", "[datetime]") {
  CHECK(parse_rfc5322("29 Feb 2000 00:00:00 +0000").has_value());
  CHECK(parse_rfc5322("29 Feb 2024 00:00:00 +0000").has_value());
  CHECK(parse_rfc5322("29 Feb 2400 00:00:00 +0000").has_value());
  CHECK_FALSE(parse_rfc5322("29 Feb 1900 00:00:00 +0000").has_value());
  CHECK_FALSE(parse_rfc5322("29 Feb 2100 00:00:00 +0000").has_value());
  CHECK_FALSE(parse_rfc5322("29 Feb 2023 00:00:00 +0000").has_value());
  // The day after 28 Feb is 1 Mar in 1900 and 2100, 29 Feb in 2000.
  for (auto [text, next] : {std::pair{"28 Feb 1900 12:00:00 +0000", "1900-03-01"},
                            std::pair{"28 Feb 2000 12:00:00 +0000", "2000-02-29"},
                            std::pair{"28 Feb 2100 12:00:00 +0000", "2100-03-01"}}) {
    const DateTime dt = parsed(text);
    CHECK(part(from_epoch(dt.epoch_seconds + 86400, 0), "date") == next);
  }
}

TEST_CASE("fixed-width date-parts keep their width (RFC 5260 4.3)", "[datetime]") {
  // year, month, day, hour, minute, second, weekday, date and time are fixed width, so
  // i;octet and i;ascii-numeric order them alike; std11 is fixed width here too.
  std::mt19937_64 rng(5260);
  // 1900-01-06 .. 9999-12-26: a +-99:59 zone keeps the local date within 1900..9999.
  std::uniform_int_distribution<std::int64_t> epochs(-2208988800 + 5 * 86400,
                                                     253402300799 - 5 * 86400);
  std::uniform_int_distribution<int> zones(-5999, 5999);
  const std::pair<const char*, std::size_t> widths[] = {
      {"year", 4}, {"month", 2},  {"day", 2},  {"hour", 2},  {"minute", 2},
      {"second", 2}, {"weekday", 1}, {"date", 10}, {"time", 8}, {"zone", 5}, {"std11", 31}};
  for (int i = 0; i < 2000; ++i) {
    const DateTime dt = from_epoch(epochs(rng), zones(rng));
    for (const auto& [name, width] : widths) {
      INFO("epoch " << dt.epoch_seconds << " offset " << dt.offset_minutes << " part " << name);
      CHECK(part(dt, name).size() == width);
    }
  }
}

TEST_CASE("RFC 5260 examples", "[datetime]") {
  SECTION("4.4: business hours in the sender's zone (:originalzone)") {
    // date :value "ge" :originalzone "date" "hour" "09" and :value "lt" ... "17"
    const DateTime sent = parsed("Fri, 21 Nov 1997 09:55:06 -0600");
    CHECK(part(sent, "hour") >= "09");
    CHECK(part(sent, "hour") < "17");
    // The same message judged in UTC (e.g. :zone "+0000") is 15:55, still in hours;
    // judged in +0900 it is 00:55 the next day, outside them.
    CHECK(part(in_zone(sent, 0), "hour") == "15");
    CHECK(part(in_zone(sent, 9 * 60), "hour") == "00");
    CHECK(part(in_zone(sent, 9 * 60), "date") == "1997-11-22");
  }
  SECTION("4.4: weekend mail by the Received field (weekday 0 or 6)") {
    auto saturday = parse_field_date(
        "from mail.example.org by mx.example.net; Sat, 22 Nov 1997 09:55:06 -0600");
    REQUIRE(saturday);
    CHECK(saturday->epoch_seconds == 880214106);
    CHECK(part(*saturday, "weekday") == "6");
    // Late Saturday in -0600 is already Sunday in UTC.
    auto late = parse_field_date("by mx; Sat, 22 Nov 1997 23:00:00 -0600");
    REQUIRE(late);
    CHECK(part(*late, "weekday") == "6");
    CHECK(part(in_zone(*late, 0), "weekday") == "0");
    CHECK(part(parsed("Fri, 21 Nov 1997 09:55:06 -0600"), "weekday") == "5");
  }
  SECTION("5.1: currentdate between 2007-06-30 and 2007-07-07") {
    // currentdate :value "ge" "date" "2007-06-30" and :value "le" "date" "2007-07-07"
    const DateTime now = from_epoch(1183291200, 0);  // 2007-07-01T12:00:00Z
    CHECK(part(now, "date") >= "2007-06-30");
    CHECK(part(now, "date") <= "2007-07-07");
    // With an implementation local zone of +1400 it is already the next day.
    CHECK(part(from_epoch(1183291200, 840), "date") == "2007-07-02");
  }
  SECTION("5.1: filing by month and year of the current date") {
    const DateTime now = from_epoch(1183291200, 0);
    CHECK(part(now, "month") + "-" + part(now, "year") == "07-2007");
  }
  SECTION("5.1: a Processing-date header from std11") {
    const DateTime now = from_epoch(1183291200, 120);
    const std::string value = part(now, "std11");
    CHECK(value == "Sun, 01 Jul 2007 14:00:00 +0200");
    // It is a valid RFC 5322 date-time for the same instant.
    CHECK(parse_rfc5322(value) == now);
  }
}

TEST_CASE("from_epoch and in_zone never fail on extreme values", "[datetime]") {
  const std::int64_t extremes[] = {std::numeric_limits<std::int64_t>::min(),
                                   std::numeric_limits<std::int64_t>::min() + 1,
                                   -62135596800 - 1,
                                   -1,
                                   0,
                                   253402300799 + 1,
                                   std::numeric_limits<std::int64_t>::max() - 1,
                                   std::numeric_limits<std::int64_t>::max()};
  const int offsets[] = {std::numeric_limits<int>::min(), -5999, -1, 0, 1, 5999,
                         std::numeric_limits<int>::max()};
  for (std::int64_t e : extremes) {
    for (int o : offsets) {
      const DateTime dt = in_zone(from_epoch(e, 0), o);
      for (const char* name : kAllParts) CHECK_FALSE(part(dt, name).empty());
    }
  }
  // Years beyond four digits are printed in full rather than cut.
  CHECK(part(from_epoch(253402300799 + 1, 0), "year") == "10000");
  CHECK(part(from_epoch(-62135596800 - 1, 0), "year") == "0000");
  CHECK(part(from_epoch(-62135596800 - 366 * 86400 - 1, 0), "year") == "-0001");
  CHECK(part(from_epoch(std::numeric_limits<std::int64_t>::max(), 0), "date") ==
        "292277026596-12-04");
  CHECK(part(from_epoch(std::numeric_limits<std::int64_t>::min(), 0), "date") ==
        "-292277022657-01-27");
}

TEST_CASE("random and mutated input never crashes and round-trips when valid", "[datetime]") {
  std::mt19937_64 rng(20080701);
  // Building blocks that make it past the first tokens often enough to matter.
  const std::vector<std::string> tokens = {
      "Fri", "Sat", ",", " ", "  ", "\t", "\r\n ", "(", ")", "\\", "\"", ";", ":", "+", "-",
      "0", "1", "2", "9", "00", "21", "29", "31", "60", "99", "1997", "2000", "1900", "Nov",
      "Feb", "GMT", "EST", "Z", "J", "CEST", "-0000", "+0530", "-0600", "(c)", "((", "))",
      "09:55", ":06", std::string(1, '\0'), "\xff", "x"};
  auto check_round_trip = [](const DateTime& dt, const std::string& text) {
    INFO("date-time: " << text);
    for (const char* name : kAllParts) CHECK_FALSE(part(dt, name).empty());
    // The std11 rendering is itself a valid date-time for the same instant and offset.
    auto again = parse_rfc5322(part(dt, "std11"));
    REQUIRE(again);
    CHECK(again->epoch_seconds == dt.epoch_seconds);
    CHECK(again->offset_minutes == dt.offset_minutes);
    CHECK(again->leap_second == dt.leap_second);
  };

  int valid = 0;
  std::uniform_int_distribution<std::size_t> token_count(0, 16);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
  for (int i = 0; i < 40000; ++i) {
    std::string text;
    for (std::size_t n = token_count(rng); n > 0; --n) text += tokens[pick(rng)];
    if (auto dt = parse_rfc5322(text)) {
      ++valid;
      check_round_trip(*dt, text);
    }
    (void)parse_field_date(text);
  }

  // Raw bytes.
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(0, 64);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (std::size_t n = length(rng); n > 0; --n) text += static_cast<char>(byte(rng));
    if (auto dt = parse_rfc5322(text)) check_round_trip(*dt, text);
    (void)parse_field_date(text);
    (void)parse_zone(text.substr(0, 5));
    (void)date_part(from_epoch(static_cast<std::int64_t>(rng()), static_cast<int>(rng())),
                    text);
  }

  // Single-byte mutations of valid date-times: each result is valid or not, never a crash.
  const std::string seeds[] = {"Fri, 21 Nov 1997 09:55:06 -0600",
                               "Thu,\r\n 13\r\n Feb\r\n 1969\r\n 23:32\r\n -0330 (Newfoundland)",
                               "21 Nov 97 09(comment):55 GMT",
                               "by mx (x; y) id \"a;b\"; Tue, 30 Jun 2015 23:59:60 +0000"};
  for (const std::string& seed : seeds) {
    std::uniform_int_distribution<std::size_t> at(0, seed.size() - 1);
    for (int i = 0; i < 5000; ++i) {
      std::string text = seed;
      switch (i % 3) {
        case 0: text[at(rng)] = static_cast<char>(byte(rng)); break;
        case 1: text.erase(at(rng), 1); break;
        default: text.insert(at(rng), 1, static_cast<char>(byte(rng))); break;
      }
      if (auto dt = parse_rfc5322(text)) {
        ++valid;
        check_round_trip(*dt, text);
      }
      if (auto dt = parse_field_date(text)) check_round_trip(*dt, text);
    }
  }
  CHECK(valid > 100);  // the generators do reach the end of the grammar
}

TEST_CASE("std11 of random instants parses back to the same instant", "[datetime]") {
  std::mt19937_64 rng(1997);
  // 1900-01-06 .. 9999-12-26: a +-99:59 zone keeps the local date within 1900..9999.
  std::uniform_int_distribution<std::int64_t> epochs(-2208988800 + 5 * 86400,
                                                     253402300799 - 5 * 86400);
  std::uniform_int_distribution<int> zones(-5999, 5999);
  for (int i = 0; i < 20000; ++i) {
    const DateTime dt = from_epoch(epochs(rng), zones(rng));
    INFO("epoch " << dt.epoch_seconds << " offset " << dt.offset_minutes);
    CHECK(parse_rfc5322(part(dt, "std11")) == dt);
  }
}
