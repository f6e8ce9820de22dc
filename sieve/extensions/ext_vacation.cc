// RFC 5230 vacation and RFC 6131 vacation-seconds (:seconds instead of :days).
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

void check_vacation(CheckContext& ctx) {
  const Argument* from = ctx.tag_parameter("from");
  // RFC 5230 4.3: :from is an RFC 5322 mailbox (a display name is allowed). The
  // :addresses entries are only compared, so any string is acceptable there.
  if (auto value = constant_string(ctx, from); value && !is_mailbox(*value)) {
    ctx.error(from->pos, "invalid-address", "invalid vacation :from address " + quote(*value));
  }
}

}  // namespace

void register_vacation(RegistryBuilder& r) {
  r.extension({"vacation", {}, ""});
  r.extension({"vacation-seconds", {"vacation"}, ""});
  r.command("vacation", "vacation")
      .tag_with("days", ArgType::kNumber, "number", TagGroup::kVacationPeriod)
      .tag_with("subject", ArgType::kString, "string")
      .tag_with("from", ArgType::kString, "string")
      .tag_with("addresses", ArgType::kStringList, "string-list")
      .flag("mime")
      .tag_with("handle", ArgType::kString, "string")
      .positional("reason", ArgType::kString)
      .check(check_vacation);
  r.tag("vacation", {"seconds", "vacation-seconds", TagGroup::kVacationPeriod, ArgType::kNumber,
                     "number", false, {}});
}

}  // namespace sievegate::policy::extensions
