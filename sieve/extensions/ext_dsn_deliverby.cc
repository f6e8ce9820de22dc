// RFC 6009: envelope-dsn and envelope-deliverby (envelope parts, checked in
// ext_envelope.cc), redirect-dsn (:notify, :ret) and redirect-deliverby (:bytime*,
// :bymode, :bytrace).
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

void check_redirect_options(CheckContext& ctx) {
  const Argument* notify = ctx.tag_parameter("notify");
  if (auto v = constant_string(ctx, notify)) {
    // RFC 3461 4.1: NEVER, or a comma-separated list of SUCCESS, FAILURE, DELAY.
    std::string value = lower(*v);
    bool ok = value == "never";
    if (!ok && !value.empty()) {
      ok = true;
      std::size_t start = 0;
      while (ok && start <= value.size()) {
        std::size_t comma = value.find(',', start);
        std::string item = value.substr(start, comma == std::string::npos ? std::string::npos
                                                                            : comma - start);
        ok = item == "success" || item == "failure" || item == "delay";
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if (!ok) {
      ctx.error(notify->pos, "invalid-dsn-notify",
                ":notify must be \"NEVER\" or a list of \"SUCCESS\", \"FAILURE\", \"DELAY\"");
    }
  }
  const Argument* ret = ctx.tag_parameter("ret");
  if (auto v = constant_string(ctx, ret); v && lower(*v) != "full" && lower(*v) != "hdrs") {
    ctx.error(ret->pos, "invalid-dsn-ret", ":ret must be \"FULL\" or \"HDRS\"");
  }
  const Argument* mode = ctx.tag_parameter("bymode");
  if (auto v = constant_string(ctx, mode); v && lower(*v) != "notify" && lower(*v) != "return") {
    ctx.error(mode->pos, "invalid-deliverby-mode", ":bymode must be \"notify\" or \"return\"");
  }
  for (const char* tag : {"bymode", "bytrace"}) {
    const Argument* a = ctx.tag(tag);
    if (a != nullptr && ctx.tag("bytimerelative") == nullptr &&
        ctx.tag("bytimeabsolute") == nullptr) {
      ctx.error(a->pos, "missing-tag",
                "tag ':" + std::string(tag) + "' requires ':bytimerelative' or ':bytimeabsolute'");
    }
  }
}

}  // namespace

void register_dsn_deliverby(RegistryBuilder& r) {
  r.extension({"envelope-dsn", {}, ""});
  r.extension({"envelope-deliverby", {}, ""});
  r.extension({"redirect-dsn", {}, ""});
  r.extension({"redirect-deliverby", {}, ""});
  r.tag("redirect", {"notify", "redirect-dsn", TagGroup::kNone, ArgType::kString, "notify-value",
                     false, {}});
  r.tag("redirect", {"ret", "redirect-dsn", TagGroup::kNone, ArgType::kString, "ret-value",
                     false, {}});
  r.tag("redirect", {"bytimerelative", "redirect-deliverby", TagGroup::kDeliverByTime,
                     ArgType::kNumber, "rlimit", false, {}});
  r.tag("redirect", {"bytimeabsolute", "redirect-deliverby", TagGroup::kDeliverByTime,
                     ArgType::kString, "alimit", false, {}});
  r.tag("redirect", {"bymode", "redirect-deliverby", TagGroup::kNone, ArgType::kString,
                     "\"notify\" / \"return\"", false, {}});
  r.tag("redirect", {"bytrace", "redirect-deliverby", TagGroup::kNone, std::nullopt, "", false,
                     {}});
  r.check("redirect", check_redirect_options);
}

}  // namespace sievegate::policy::extensions
