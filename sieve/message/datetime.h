// Dates for the Sieve "date" extension (RFC 5260 sections 4 and 5): read the RFC 5322
// date-time of a header field, see the instant in another zone (:zone, :originalzone, the
// implementation's local zone), and render the date-parts the `date` and `currentdate`
// tests compare against their keys.
//
// Pure arithmetic on the proleptic Gregorian calendar: no libc time functions, no TZ, no
// locale. Every function is reentrant and thread-safe and never throws on bad input
// (only std::bad_alloc can escape, from building a string).
//
// Which field the `date` test reads is the caller's business: RFC 5260 section 4 uses the
// first field of the given name ("If multiple header fields with the same name are present,
// only the first field that is found is used"), unless RFC 5260 section 6 :index / :last
// pick another. A field that is missing or does not hold a valid date-time makes the test
// false for that field (RFC 5260 section 4); parse_field_date() returning nullopt is that
// case. For `currentdate` (RFC 5260 section 5) take the clock once per script run and
// build every value with from_epoch(), so all tests of one run see the same instant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sievegate::policy::message {

// One UTC instant together with the zone it is shown in. Plain value; copy freely.
struct DateTime {
  // Seconds since 1970-01-01T00:00:00Z, POSIX style (no leap seconds counted).
  std::int64_t epoch_seconds = 0;
  // The zone the date-parts are computed in, minutes east of UTC (-300 for "-0500").
  int offset_minutes = 0;
  // False when the text gave no usable zone: "-0000" and the military / unknown alphabetic
  // zones RFC 5322 4.3 says to read as "-0000". offset_minutes is then 0 (UTC).
  bool zone_known = true;
  // The text said ":60" (RFC 5322 3.3 allows a leap second). epoch_seconds holds the ":59"
  // second before it; the "second", "time", "iso8601" and "std11" parts show "60".
  bool leap_second = false;

  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// RFC 5260 4.2 date-parts.
enum class DatePart {
  kYear,     // "2008", four digits
  kMonth,    // "01".."12"
  kDay,      // "01".."31"
  kDate,     // "yyyy-mm-dd"
  kJulian,   // Modified Julian Day: days since 1858-11-17, unpadded
  kHour,     // "00".."23"
  kMinute,   // "00".."59"
  kSecond,   // "00".."60"
  kTime,     // "hh:mm:ss"
  kIso8601,  // RFC 3339 date-time, "Z" for offset zero, no fraction
  kStd11,    // RFC 5322 date-time, e.g. "Fri, 21 Nov 1997 09:55:06 -0600"
  kZone,     // "+hhmm" / "-hhmm", zero always "+0000"
  kWeekday,  // "0" (Sunday) .. "6"
};

// RFC 5322 3.3 date-time, with the obsolete syntax of RFC 5322 4.3: optional day-of-week
// (it must agree with the date), comments and folding white space between any two tokens,
// missing seconds, 2-digit years (00-49 -> 20xx, 50-99 -> 19xx) and 3-digit years (+1900),
// the zones UT, GMT, EST/EDT, CST/CDT, MST/MDT, PST/PDT, and the military letters and other
// alphabetic zones, which are read as "-0000". Names are case-insensitive. nullopt when the
// text is not a date-time or names no real moment (30 Feb, 24:00, a year before 1900 or
// after 9999, zone minutes over 59).
// `lenient` reads Date fields the way Pigeonhole (the reference Sieve implementation)
// does: a wrong day-of-week is ignored, a one-digit hour, a missing zone (+0000), zone
// minutes over 59 and text after the zone are accepted, military zones use RFC 822's
// offsets, and ":60" reads as ":59". The Sieve date test uses it, so policies agree.
std::optional<DateTime> parse_rfc5322(std::string_view text, bool lenient = false);

// The date-time of a whole header field value: what follows the last ';' outside comments
// and quoted strings (RFC 5322 3.6.7: `received = "Received:" *received-token ";"
// date-time`), or the whole value when there is none (Date:, Resent-Date:, ...).
std::optional<DateTime> parse_field_date(std::string_view field_value, bool lenient = false);

// A :zone argument, RFC 5260 4.1: `time-zone = ( "+" / "-" ) 4DIGIT`, minutes 00-59.
// Returns minutes east of UTC; nullopt if invalid.
std::optional<int> parse_zone(std::string_view zone);

// The same instant seen in the zone `offset_minutes` (:zone, or the implementation's
// local zone when neither :zone nor :originalzone is given, RFC 5260 4.1; :originalzone
// keeps the DateTime as parsed). The caller supplies the local offset; nothing reads TZ.
// Offsets beyond +-99:59 are not an error but render with more than two hour digits.
DateTime in_zone(const DateTime& dt, int offset_minutes);

// An instant from a clock, for `currentdate` (RFC 5260 section 5).
DateTime from_epoch(std::int64_t epoch_seconds, int offset_minutes);

// The date-part named `name` (case-insensitive, RFC 5260 4.2); nullopt if unknown.
std::optional<DatePart> parse_date_part(std::string_view name);

// The value of one date-part, computed in dt's own zone.
std::string format_date_part(const DateTime& dt, DatePart part);

// parse_date_part + format_date_part; nullopt for an unknown part name.
std::optional<std::string> date_part(const DateTime& dt, std::string_view part);

}  // namespace sievegate::policy::message
