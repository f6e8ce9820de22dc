// RFC 5228 5.4 envelope test; RFC 6009 adds envelope parts for DSN and DELIVERBY.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

void check_envelope_parts(CheckContext& ctx) {
  const Argument* parts = ctx.positional("envelope-part");
  for_each_constant(ctx, parts, [&](const StringLiteral& s, const std::string& value) {
    std::string part = lower(value);
    // "auth" (RFC 3028's optional part, kept by Pigeonhole) is the AUTH=/login identity.
    if (part == "from" || part == "to" || part == "auth") return;
    if (part == "notify" || part == "orcpt" || part == "ret" || part == "envid") {
      if (!ctx.has("envelope-dsn")) {
        ctx.error(s.pos, "extension-not-required",
                  "envelope part " + quote(value) +
                      " requires the \"envelope-dsn\" extension (add it to 'require')");
      }
      return;
    }
    if (part == "bytimeabsolute" || part == "bytimerelative" || part == "bymode" ||
        part == "bytrace") {
      if (!ctx.has("envelope-deliverby")) {
        ctx.error(s.pos, "extension-not-required",
                  "envelope part " + quote(value) +
                      " requires the \"envelope-deliverby\" extension (add it to 'require')");
      }
      return;
    }
    ctx.error(s.pos, "unknown-envelope-part",
              "unknown envelope part " + quote(value) + " (expected \"from\" or \"to\")");
  });
}

}  // namespace

void register_envelope(RegistryBuilder& r) {
  r.extension({"envelope", {}, ""});
  r.test("envelope", "envelope")
      .comparator()
      .address_part()
      .match_type()
      .positional("envelope-part", ArgType::kStringList)
      .positional("key-list", ArgType::kStringList)
      .check(check_envelope_parts);
}

}  // namespace sievegate::policy::extensions
