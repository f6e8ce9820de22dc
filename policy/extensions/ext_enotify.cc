// RFC 5435 enotify (notify, valid_notify_method, notify_method_capability, the
// :encodeurl modifier) with the mailto method of RFC 5436, the only one sievegate has.
#include "policy/extensions/common.h"
#include "policy/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 5435 3.1: the method is a URI; its scheme must be one the implementation knows
// (3.8: an unsupported method is a compile-time error when constant).
void check_method(CheckContext& ctx, const Argument* arg) {
  auto method = constant_string(ctx, arg);
  if (!method) return;
  std::size_t colon = method->find(':');
  std::string scheme = colon == std::string::npos ? "" : lower(method->substr(0, colon));
  if (scheme.empty()) {
    ctx.error(arg->pos, "invalid-notify-method",
              "notification method " + quote(*method) + " is not a URI (e.g. \"mailto:a@b.org\")");
  } else if (scheme != "mailto") {
    ctx.error(arg->pos, "unsupported-notify-method",
              "unsupported notification method '" + scheme + "' (supported: mailto)");
  } else if (method->size() == colon + 1) {
    ctx.warning(arg->pos, "invalid-notify-method",
                "mailto URI " + quote(*method) + " has no recipient; nothing will be sent");
  }
}

void check_notify(CheckContext& ctx) {
  check_method(ctx, ctx.positional("method"));
  const Argument* importance = ctx.tag_parameter("importance");
  if (auto value = constant_string(ctx, importance);
      value && *value != "1" && *value != "2" && *value != "3") {
    ctx.error(importance->pos, "invalid-importance",
              "importance must be \"1\" (high), \"2\" (normal) or \"3\" (low), not " + quote(*value));
  }
  const Argument* from = ctx.tag_parameter("from");
  if (auto value = constant_string(ctx, from); value && !is_mailbox(*value)) {
    ctx.error(from->pos, "invalid-address", "invalid :from address " + quote(*value));
  }
}

}  // namespace

void register_enotify(RegistryBuilder& r) {
  r.extension({"enotify", {}, ""});
  r.command("notify", "enotify")
      .tag_with("from", ArgType::kString, "string")
      .tag_with("importance", ArgType::kString, "\"1\" / \"2\" / \"3\"")
      .tag_with("options", ArgType::kStringList, "string-list")
      .tag_with("message", ArgType::kString, "string")
      .positional("method", ArgType::kString)
      .check(check_notify);
  r.test("valid_notify_method", "enotify")
      .positional("notification-uris", ArgType::kStringList);
  r.test("notify_method_capability", "enotify")
      .comparator()
      .match_type()
      .positional("notification-uri", ArgType::kString)
      .positional("notification-capability", ArgType::kString)
      .positional("key-list", ArgType::kStringList);
  for (const char* command : {"set", "extracttext"}) {
    r.tag(command, {"encodeurl", "enotify", TagGroup::kModEncodeUrl, std::nullopt, "", false, {}});
  }
}

}  // namespace sievegate::policy::extensions
