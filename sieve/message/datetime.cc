// RFC 5322 date-time parsing and RFC 5260 date-parts; see datetime.h.
//
// The calendar is the proleptic Gregorian one throughout, counted in days from
// 1970-01-01. Conversions go through years that start on 1 March: the leap day is then the
// last day of its year, every month length before it is fixed, and 400 such years (an
// "era") are exactly 146097 days, so both directions are a few integer divisions with no
// tables and no loops, valid for the whole int64 range the callers can produce.
#include "sieve/message/datetime.h"

#include <array>
#include <charconv>

namespace sievegate::policy::message {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kDaysPerEra = 146097;  // 400 Gregorian years
// Days from 0000-03-01 (the first day of era 0) to 1970-01-01.
constexpr std::int64_t kEraStartToEpoch = 719468;
// 1970-01-01 was a Thursday (weekday 4 with 0 = Sunday, RFC 5260 4.2 "weekday").
constexpr std::int64_t kEpochWeekday = 4;
// 1970-01-01 as a Modified Julian Day, the day count from 1858-11-17 (RFC 5260 4.2).
constexpr std::int64_t kEpochMjd = 40587;

// RFC 5322 3.3 day-name and month-name, indexed by weekday (0 = Sunday) and month - 1.
constexpr std::array<std::string_view, 7> kDayNames = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonthNames = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// RFC 5260 4.2, in DatePart order.
constexpr std::array<std::string_view, 13> kPartNames = {
    "year",   "month", "day",     "date",  "julian", "hour",   "minute",
    "second", "time",  "iso8601", "std11", "zone",   "weekday"};
static_assert(kPartNames.size() == static_cast<std::size_t>(DatePart::kWeekday) + 1);

// RFC 5322 4.3 obs-zone names with a defined meaning.
struct NamedZone {
  std::string_view name;
  int offset_minutes;
};
constexpr std::array<NamedZone, 10> kNamedZones = {{
    {"UT", 0},
    {"GMT", 0},
    {"EST", -5 * 60},
    {"EDT", -4 * 60},
    {"CST", -6 * 60},
    {"CDT", -5 * 60},
    {"MST", -7 * 60},
    {"MDT", -6 * 60},
    {"PST", -8 * 60},
    {"PDT", -7 * 60},
}};

// ASCII only: <cctype> depends on the process locale.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

template <std::size_t N>
std::optional<int> index_of(const std::array<std::string_view, N>& names, std::string_view word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (iequals(names[i], word)) return static_cast<int>(i);
  }
  return std::nullopt;
}

// Division rounding toward negative infinity; b > 0.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if (a % b < 0) --q;
  return q;
}
// The matching remainder, 0..b-1; computed without floor_div(a, b) * b, which overflows
// for a near INT64_MIN.
std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  const std::int64_t r = a % b;
  return r < 0 ? r + b : r;
}

bool is_leap_year(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int days_in_month(std::int64_t year, int month) {
  static constexpr std::array<int, 12> kLengths = {31, 28, 31, 30, 31, 30,
                                                   31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kLengths[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01 of year-month-day (month 1-12, day 1-31).
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  const std::int64_t y = month <= 2 ? year - 1 : year;  // January, February: previous year
  const std::int64_t m = month <= 2 ? month + 9 : month - 3;  // 0 = March .. 11 = February
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;  // 0..399
  // March..January lengths run 31 30 31 30 31 | 31 30 31 30 31 | 31: 153 days per five
  // months, so the first day of month m is (153 * m + 2) / 5.
  const std::int64_t day_of_year = (153 * m + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPerEra + day_of_era - kEraStartToEpoch;
}

// A DateTime broken down in its own zone.
struct Civil {
  std::int64_t year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  int hour = 0;
  int minute = 0;
  int second = 0;  // 0-60
  int weekday = 0;  // 0 = Sunday
  std::int64_t days = 0;  // local calendar day, counted from 1970-01-01
};

Civil to_civil(const DateTime& dt) {
  Civil c;
  // Split first, then shift by the zone, so adding the offset cannot overflow.
  std::int64_t days = floor_div(dt.epoch_seconds, kSecondsPerDay);
  std::int64_t secs = floor_mod(dt.epoch_seconds, kSecondsPerDay) +
                      static_cast<std::int64_t>(dt.offset_minutes) * 60;
  days += floor_div(secs, kSecondsPerDay);
  secs = floor_mod(secs, kSecondsPerDay);
  c.days = days;
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  if (dt.leap_second && c.second == 59) c.second = 60;
  c.weekday = static_cast<int>(floor_mod(days + kEpochWeekday, 7));

  // The inverse of days_from_civil.
  const std::int64_t z = days + kEraStartToEpoch;
  const std::int64_t era = floor_div(z, kDaysPerEra);
  const std::int64_t day_of_era = z - era * kDaysPerEra;  // 0..146096
  // Remove the leap days before this day (one per 4 years, none per 100, one per 400; the
  // era's last day is the 400-year leap day) to count whole 365-day years.
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // 0..365
  const std::int64_t m = (5 * day_of_year + 2) / 153;  // 0 = March .. 11 = February
  c.day = static_cast<int>(day_of_year - (153 * m + 2) / 5 + 1);
  c.month = static_cast<int>(m < 10 ? m + 3 : m - 9);
  c.year = year_of_era + era * 400 + (c.month <= 2 ? 1 : 0);
  return c;
}

// Appends v with at least `width` digits after an optional '-'. std::to_chars ignores
// the locale.
void append_number(std::string& out, std::int64_t v, std::size_t width) {
  std::uint64_t magnitude = static_cast<std::uint64_t>(v);
  if (v < 0) {
    out += '-';
    magnitude = 0 - magnitude;
  }
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, magnitude);
  const auto n = static_cast<std::size_t>(result.ptr - buf);
  if (n < width) out.append(width - n, '0');
  out.append(buf, n);
}

void append_date(std::string& out, const Civil& c) {
  append_number(out, c.year, 4);
  out += '-';
  append_number(out, c.month, 2);
  out += '-';
  append_number(out, c.day, 2);
}

void append_time(std::string& out, const Civil& c) {
  append_number(out, c.hour, 2);
  out += ':';
  append_number(out, c.minute, 2);
  out += ':';
  append_number(out, c.second, 2);
}

// "+hhmm" / "-hhmm", or "+hh:mm" with a separator. RFC 5260 4.2 "zone": an offset of zero
// always has a positive sign, so "-0000" (zone unknown) shows as "+0000" too.
void append_offset(std::string& out, int offset_minutes, bool colon) {
  const std::int64_t offset = offset_minutes;
  const std::int64_t magnitude = offset < 0 ? -offset : offset;
  out += offset < 0 ? '-' : '+';
  append_number(out, magnitude / 60, 2);
  if (colon) out += ':';
  append_number(out, magnitude % 60, 2);
}

// A cursor over a date-time with the RFC 5322 lexical rules it needs.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  bool eat(char c) {
    if (peek() != c || at_end()) return false;
    ++pos_;
    return true;
  }

  // CFWS (RFC 5322 3.2.2): white space, line breaks of folding, and comments, which nest
  // and may hold quoted-pairs. The obsolete syntax (RFC 5322 4.3) allows CFWS around every
  // date-time token, so the parser calls this between all of them. False on a comment
  // that never closes.
  bool skip_cfws() {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++pos_;
        continue;
      }
      if (c != '(') return true;
      std::size_t depth = 0;
      do {
        const char k = text_[pos_++];
        if (k == '\\') {
          if (!at_end()) ++pos_;  // quoted-pair: the next character is literal
        } else if (k == '(') {
          ++depth;
        } else if (k == ')') {
          --depth;
        }
      } while (depth > 0 && !at_end());
      if (depth > 0) return false;
    }
    return true;
  }

  std::string_view take_alpha() {
    const std::size_t start = pos_;
    while (!at_end() && is_alpha(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  struct Digits {
    std::size_t count = 0;
    std::int64_t value = 0;  // stops growing past 10^12; only small values are valid
  };
  Digits take_digits() {
    Digits d;
    while (!at_end() && is_digit(text_[pos_])) {
      if (d.value < 1'000'000'000'000) d.value = d.value * 10 + (text_[pos_] - '0');
      ++d.count;
      ++pos_;
    }
    return d;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

struct Zone {
  int offset_minutes = 0;
  bool known = true;
};

// RFC 5322 3.3 zone and 4.3 obs-zone.
std::optional<Zone> take_zone(Scanner& in, bool lenient) {
  const char sign = in.peek();
  if (sign == '+' || sign == '-') {
    in.eat(sign);
    const auto hhmm = in.take_digits();
    // Lenient: minutes over 59 carry into the hours ("+0160" is +02:00), as Pigeonhole
    // reads them.
    if (hhmm.count != 4 || (!lenient && hhmm.value % 100 > 59)) return std::nullopt;
    const int minutes = static_cast<int>(hhmm.value / 100 * 60 + hhmm.value % 100);
    // "-0000": the time is UTC but the writer's local zone is unknown (RFC 5322 3.3).
    if (sign == '-' && minutes == 0) return Zone{0, false};
    return Zone{sign == '-' ? -minutes : minutes, true};
  }
  const std::string_view word = in.take_alpha();
  if (word.empty()) return std::nullopt;
  for (const NamedZone& z : kNamedZones) {
    if (iequals(word, z.name)) return Zone{z.offset_minutes, true};
  }
  // The military letters: read with RFC 822's signs (A = +0100 ... M = +1200, N = -0100
  // ... Y = -1200, Z = UT), as Pigeonhole does; RFC 5322 4.3 would rather have "-0000".
  // "J" was never a zone; other words are unknown zones.
  if (word.size() == 1 && lenient) {
    char c = to_lower(word[0]);
    if (c == 'j') return std::nullopt;
    if (c == 'z') return Zone{0, true};
    if (c >= 'a' && c <= 'i') return Zone{(c - 'a' + 1) * 60, true};
    if (c >= 'k' && c <= 'm') return Zone{(c - 'k' + 10) * 60, true};
    if (c >= 'n' && c <= 'y') return Zone{-(c - 'n' + 1) * 60, true};
  }
  if (word.size() == 1 && to_lower(word[0]) == 'j') return std::nullopt;
  return Zone{0, false};
}

}  // namespace

std::optional<DateTime> parse_rfc5322(std::string_view text, bool lenient) {
  Scanner in(text);
  if (!in.skip_cfws()) return std::nullopt;

  // [ day-of-week "," ]
  std::optional<int> weekday;
  if (is_alpha(in.peek())) {
    weekday = index_of(kDayNames, in.take_alpha());
    if (!weekday || !in.skip_cfws() || !in.eat(',') || !in.skip_cfws()) return std::nullopt;
  }

  // date = day month year
  const auto day = in.take_digits();
  if (day.count < 1 || day.count > 2 || !in.skip_cfws()) return std::nullopt;
  const auto month = index_of(kMonthNames, in.take_alpha());
  if (!month || !in.skip_cfws()) return std::nullopt;
  const auto year_digits = in.take_digits();
  if (year_digits.count < 2 || !in.skip_cfws()) return std::nullopt;
  std::int64_t year = year_digits.value;
  // RFC 5322 4.3: 2-digit years 00-49 are 2000-2049 and 50-99 are 1950-1999; 3-digit
  // years add 1900. Four or more digits are the year itself.
  if (year_digits.count == 2) {
    year += year < 50 ? 2000 : 1900;
  } else if (year_digits.count == 3) {
    year += 1900;
  }
  // RFC 5322 3.3: "any numeric year 1900 or later"; RFC 5260 4.2 "year" has four digits.
  if (year < 1900 || year > 9999) return std::nullopt;

  // time-of-day = hour ":" minute [ ":" second ], each exactly two digits.
  const auto hour = in.take_digits();
  if (hour.count < (lenient ? 1u : 2u) || hour.count > 2 || !in.skip_cfws() || !in.eat(':') ||
      !in.skip_cfws()) {
    return std::nullopt;
  }
  const auto minute = in.take_digits();
  if (minute.count != 2 || !in.skip_cfws()) return std::nullopt;
  Scanner::Digits second;
  second.count = 2;
  if (in.eat(':')) {
    if (!in.skip_cfws()) return std::nullopt;
    second = in.take_digits();
    if (second.count != 2 || !in.skip_cfws()) return std::nullopt;
  }

  // A missing zone reads as +0000 and text after the zone is ignored: lenient like
  // Pigeonhole, since real Date fields carry both.
  std::optional<Zone> zone;
  if (lenient) {
    zone = in.at_end() ? std::optional<Zone>(Zone{0, true}) : take_zone(in, true);
    if (!zone) return std::nullopt;
  } else {
    zone = take_zone(in, false);
    // date-time ends in optional CFWS.
    if (!zone || !in.skip_cfws() || !in.at_end()) return std::nullopt;
  }

  // RFC 5322 3.3: a date-time MUST be semantically valid: the day exists in that month of
  // that year, the time is 00:00:00 through 23:59:60, the day-of-week matches the date.
  // (RFC 5260 4: a date the calendar does not have, such as 30 February, fails the test.)
  const int m = *month + 1;
  if (day.value < 1 || day.value > days_in_month(year, m)) return std::nullopt;
  if (hour.value > 23 || minute.value > 59 || second.value > 60) return std::nullopt;
  const std::int64_t days = days_from_civil(year, m, static_cast<int>(day.value));
  // Lenient: a wrong day-of-week is ignored (the date wins), as in Pigeonhole.
  if (!lenient && weekday && floor_mod(days + kEpochWeekday, 7) != *weekday) return std::nullopt;

  DateTime dt;
  // Lenient: ":60" reads as ":59" (Pigeonhole); strict keeps the leap second.
  dt.leap_second = !lenient && second.value == 60;
  const std::int64_t seconds = second.value == 60 ? 59 : second.value;
  dt.epoch_seconds = days * kSecondsPerDay + hour.value * 3600 + minute.value * 60 + seconds -
                     static_cast<std::int64_t>(zone->offset_minutes) * 60;
  dt.offset_minutes = zone->offset_minutes;
  dt.zone_known = zone->known;
  return dt;
}

std::optional<DateTime> parse_field_date(std::string_view field_value, bool lenient) {
  // Find the last ';' that is neither inside a comment nor inside a quoted string (a
  // received-token may be either, RFC 5322 3.6.7 and 3.2.4).
  std::size_t depth = 0;
  bool quoted = false;
  std::size_t last = std::string_view::npos;
  for (std::size_t i = 0; i < field_value.size(); ++i) {
    const char c = field_value[i];
    if (c == '\\' && (quoted || depth > 0)) {
      ++i;  // quoted-pair
    } else if (quoted) {
      if (c == '"') quoted = false;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      if (c == '"') quoted = true;
      if (c == ';') last = i;
    }
  }
  return parse_rfc5322(last == std::string_view::npos ? field_value
                                                      : field_value.substr(last + 1),
                       lenient);
}

std::optional<int> parse_zone(std::string_view zone) {
  if (zone.size() != 5 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  for (std::size_t i = 1; i < 5; ++i) {
    if (!is_digit(zone[i])) return std::nullopt;
  }
  const int hours = (zone[1] - '0') * 10 + (zone[2] - '0');
  const int minutes = (zone[3] - '0') * 10 + (zone[4] - '0');
  if (minutes > 59) return std::nullopt;  // as for RFC 5322 3.3 zones
  const int offset = hours * 60 + minutes;
  return zone[0] == '-' ? -offset : offset;
}

DateTime in_zone(const DateTime& dt, int offset_minutes) {
  DateTime shifted = dt;
  shifted.offset_minutes = offset_minutes;
  shifted.zone_known = true;
  return shifted;
}

DateTime from_epoch(std::int64_t epoch_seconds, int offset_minutes) {
  DateTime dt;
  dt.epoch_seconds = epoch_seconds;
  dt.offset_minutes = offset_minutes;
  return dt;
}

std::optional<DatePart> parse_date_part(std::string_view name) {
  const auto i = index_of(kPartNames, name);
  if (!i) return std::nullopt;
  return static_cast<DatePart>(*i);
}

std::string format_date_part(const DateTime& dt, DatePart part) {
  const Civil c = to_civil(dt);
  std::string out;
  switch (part) {
    case DatePart::kYear:
      append_number(out, c.year, 4);
      break;
    case DatePart::kMonth:
      append_number(out, c.month, 2);
      break;
    case DatePart::kDay:
      append_number(out, c.day, 2);
      break;
    case DatePart::kDate:
      append_date(out, c);
      break;
    case DatePart::kJulian:
      // Of the calendar date in dt's zone, like "date" and "weekday", so that a :zone
      // that moves the date moves the day number with it.
      append_number(out, c.days + kEpochMjd, 1);
      break;
    case DatePart::kHour:
      append_number(out, c.hour, 2);
      break;
    case DatePart::kMinute:
      append_number(out, c.minute, 2);
      break;
    case DatePart::kSecond:
      append_number(out, c.second, 2);
      break;
    case DatePart::kTime:
      append_time(out, c);
      break;
    case DatePart::kIso8601:
      // RFC 5260 4.2: RFC 3339 5.6 date-time with upper-case "T" and "Z", and "Z" rather
      // than "+00:00" for a zero offset. We have no fractional seconds to show.
      append_date(out, c);
      out += 'T';
      append_time(out, c);
      if (dt.offset_minutes == 0) {
        out += 'Z';
      } else {
        append_offset(out, dt.offset_minutes, true);
      }
      break;
    case DatePart::kStd11:
      // RFC 5322 3.3 date-time with the day-of-week. The day is always two digits so the
      // value has a fixed width (RFC 5322 allows one or two).
      out += kDayNames[static_cast<std::size_t>(c.weekday)];
      out += ", ";
      append_number(out, c.day, 2);
      out += ' ';
      out += kMonthNames[static_cast<std::size_t>(c.month - 1)];
      out += ' ';
      append_number(out, c.year, 4);
      out += ' ';
      append_time(out, c);
      out += ' ';
      append_offset(out, dt.offset_minutes, false);
      break;
    case DatePart::kZone:
      append_offset(out, dt.offset_minutes, false);
      break;
    case DatePart::kWeekday:
      append_number(out, c.weekday, 1);
      break;
  }
  return out;
}

std::optional<std::string> date_part(const DateTime& dt, std::string_view part) {
  const auto p = parse_date_part(part);
  if (!p) return std::nullopt;
  return format_date_part(dt, *p);
}

}  // namespace sievegate::policy::message
