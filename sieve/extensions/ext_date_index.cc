// RFC 5260: the date and currentdate tests ("date") and :index / :last ("index").
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 5260 4.2, 5.
void check_date(CheckContext& ctx) {
  static const char* kParts[] = {"year", "month", "day", "date", "julian", "hour", "minute",
                                 "second", "time", "iso8601", "std11", "zone", "weekday"};
  const Argument* part = ctx.positional("date-part");
  if (auto value = constant_string(ctx, part)) {
    bool known = false;
    for (const char* p : kParts) known |= iequals(*value, p);
    if (!known) {
      ctx.warning(part->pos, "invalid-date-part",
                "unknown date part " + quote(*value) +
                    " (year, month, day, date, julian, hour, minute, second, time, iso8601, "
                    "std11, zone or weekday); the test will not match");
    }
  }
  const Argument* zone = ctx.tag_parameter("zone");
  if (auto value = constant_string(ctx, zone)) {
    const std::string& z = *value;
    bool ok = z.size() == 5 && (z[0] == '+' || z[0] == '-');
    for (std::size_t i = 1; ok && i < 5; ++i) ok = std::isdigit(static_cast<unsigned char>(z[i]));
    if (ok) ok = (z[3] - '0') * 10 + (z[4] - '0') < 60;
    if (!ok) {
      ctx.warning(zone->pos, "invalid-zone",
                  "invalid time zone " + quote(z) + " (expected +hhmm or -hhmm); the test will "
                  "not match");
    }
  }
}

void check_index(CheckContext& ctx) {
  const Argument* index = ctx.tag_parameter("index");
  if (index != nullptr && index->kind == Argument::Kind::kNumber && index->number == 0) {
    ctx.error(index->pos, "invalid-index", ":index counts from 1; 0 is not a field number");
  }
}

}  // namespace

void register_date_index(RegistryBuilder& r) {
  r.extension({"date", {}, ""});
  r.extension({"index", {}, ""});
  r.test("date", "date")
      .tag_with("zone", ArgType::kString, "time-zone", TagGroup::kZone)
      .flag("originalzone", TagGroup::kZone)
      .comparator()
      .match_type()
      .positional("header-name", ArgType::kString)
      .positional("date-part", ArgType::kString)
      .positional("key-list", ArgType::kStringList)
      .check(check_date)
      .check([](CheckContext& ctx) {
        check_field_names(ctx, ctx.positional("header-name"), false);
      });
  r.test("currentdate", "date")
      .tag_with("zone", ArgType::kString, "time-zone", TagGroup::kZone)
      .comparator()
      .match_type()
      .positional("date-part", ArgType::kString)
      .positional("key-list", ArgType::kStringList)
      .check(check_date);
  for (const char* test : {"header", "address", "date"}) {
    r.tag(test, {"index", "index", TagGroup::kNone, ArgType::kNumber, "fieldno", false, {}});
    r.tag(test, {"last", "index", TagGroup::kNone, std::nullopt, "", false, {"index"}});
    r.check(test, check_index);
  }
}

}  // namespace sievegate::policy::extensions
