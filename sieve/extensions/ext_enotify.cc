// RFC 5435 enotify (notify, valid_notify_method, notify_method_capability, the
// :encodeurl modifier) with the mailto method of RFC 5436, the only one sievegate has.
#include "base/text.h"
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 6068 2: percent-decodes `s`; false on a bad escape or a character that must be
// escaped (qchar = unreserved / pct-encoded / some-delims).
bool decode_mailto_part(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return false;
      int hi = base::hex_value(s[i + 1]), lo = base::hex_value(s[i + 2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return false;  // %00 is never allowed
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
      continue;
    }
    auto u = static_cast<unsigned char>(c);
    bool ok = std::isalnum(u) || std::string_view("-._~!$'()*+,;:@").find(c) != std::string_view::npos;
    if (!ok) return false;
    out += c;
  }
  return true;
}

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
  } else if (std::string problem = mailto_problem(method->substr(colon + 1)); !problem.empty()) {
    ctx.error(arg->pos, "invalid-notify-method", "invalid mailto URI " + quote(*method) + ": " + problem);
  }
}

void check_notify(CheckContext& ctx) {
  check_method(ctx, ctx.positional("method"));
  const Argument* importance = ctx.tag_parameter("importance");
  if (importance != nullptr && !constant_string(ctx, importance)) {
    ctx.error(importance->pos, "invalid-importance",
              "importance must be a constant \"1\", \"2\" or \"3\", not a variable");
  }
  // RFC 5435 3.7: options are "name=value" with a name that starts with a letter.
  for_each_constant(ctx, ctx.tag_parameter("options"), [&](const StringLiteral& s, const std::string& o) {
    std::size_t eq = o.find('=');
    bool ok = eq != std::string::npos && eq > 0 && std::isalnum(static_cast<unsigned char>(o[0]));
    for (std::size_t i = 0; ok && i < eq; ++i) {
      ok = std::isalnum(static_cast<unsigned char>(o[i])) || o[i] == '-' || o[i] == '.' || o[i] == '_';
    }
    for (std::size_t i = eq == std::string::npos ? o.size() : eq; ok && i < o.size(); ++i) {
      ok = o[i] != '\r' && o[i] != '\n';  // a value is one line
    }
    if (!ok) {
      ctx.error(s.pos, "invalid-notify-option",
                "invalid notify option " + quote(o) + " (expected name=value on one line, the name starting with a letter or digit)");
    }
  });
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

// RFC 6068: "mailto:" [ to ] [ "?" hfields ]; every recipient must be an addr-spec.
std::string mailto_problem(std::string_view rest) {
  std::size_t q = rest.find('?');
  std::string_view to = rest.substr(0, q);
  // Several recipients are written %2C-separated here: Pigeonhole, the reference
  // implementation, refuses a literal ',' in the recipient part, and we agree with it.
  if (to.find(',') != std::string_view::npos) return "write ',' between recipients as %2C";
  std::string decoded;
  if (!decode_mailto_part(to, decoded)) return "a character in the recipient part must be %-encoded";
  std::size_t start = 0;
  while (start <= decoded.size() && !decoded.empty()) {
    std::size_t comma = decoded.find(',', start);
    std::string one = decoded.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!is_addr_spec(one)) return "invalid recipient " + quote(one);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (q == std::string_view::npos) return "";
  std::string_view fields = rest.substr(q + 1);
  while (!fields.empty()) {
    std::size_t amp = fields.find('&');
    std::string_view field = fields.substr(0, amp);
    std::size_t eq = field.find('=');
    std::string name, value;
    if (eq == std::string_view::npos || eq == 0 || !decode_mailto_part(field.substr(0, eq), name) ||
        !decode_mailto_part(field.substr(eq + 1), value) || !is_field_name(name)) {
      return "invalid header field " + quote(field);
    }
    if (iequals(name, "to") || iequals(name, "cc")) {
      std::size_t from = 0;
      while (true) {
        std::size_t comma = value.find(',', from);
        std::string one = value.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        std::size_t b = one.find_first_not_of(' '), e = one.find_last_not_of(' ');
        one = b == std::string::npos ? "" : one.substr(b, e - b + 1);
        if (!one.empty() && !is_addr_spec(one)) return "invalid recipient " + quote(one);
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
    }
    fields = amp == std::string_view::npos ? std::string_view() : fields.substr(amp + 1);
  }
  return "";
}

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
