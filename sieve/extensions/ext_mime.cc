// RFC 5703: mime (:mime and its options on header/address/exists), foreverypart and
// break, extracttext, replace, enclose.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"
#include "sieve/program/limits.h"

namespace sievegate::policy::extensions {
namespace {

bool inside_foreverypart(const CheckContext& ctx, const std::string* name) {
  for (const Command* c : ctx.enclosing()) {
    if (c->name != "foreverypart") continue;
    if (name == nullptr) return true;
    for (std::size_t i = 0; i + 1 < c->arguments.size(); ++i) {
      const Argument& a = c->arguments[i];
      const Argument& next = c->arguments[i + 1];
      if (a.kind == Argument::Kind::kTag && a.tag == "name" && next.strings.size() == 1 &&
          next.strings[0].value == *name) {
        return true;
      }
    }
  }
  return false;
}

// RFC 5703 3.2: break must be inside a foreverypart (with that :name, if given).
void check_break(CheckContext& ctx) {
  auto name = constant_string(ctx, ctx.tag_parameter("name"));
  if (!inside_foreverypart(ctx, nullptr)) {
    ctx.error(ctx.pos(), "break-outside-loop", "'break' is only allowed inside 'foreverypart'");
  } else if (name && !inside_foreverypart(ctx, &*name)) {
    ctx.error(ctx.tag_parameter("name")->pos, "unknown-loop-name",
              "no enclosing 'foreverypart' is named " + quote(*name));
  }
}

// RFC 5703 7: extracttext needs variables and only works inside foreverypart.
void check_extracttext(CheckContext& ctx) {
  if (!ctx.has("variables")) {
    ctx.error(ctx.pos(), "extension-not-required",
              "'extracttext' requires the \"variables\" extension (add it to 'require')");
  }
  if (!inside_foreverypart(ctx, nullptr)) {
    ctx.error(ctx.pos(), "extracttext-outside-loop",
              "'extracttext' is only allowed inside 'foreverypart'");
  }
  check_variable_names(ctx, ctx.positional("varname"));
}

// RFC 5703 3: implementations may limit the nesting of foreverypart loops.
void check_foreverypart(CheckContext& ctx) {
  int depth = 0;
  for (const Command* c : ctx.enclosing()) depth += c->name == "foreverypart" ? 1 : 0;
  if (depth >= limits::kMaxForEveryPartNesting) {
    ctx.error(ctx.pos(), "nesting-too-deep",
              "'foreverypart' loops nested deeper than " +
                  std::to_string(limits::kMaxForEveryPartNesting) + " levels");
  }
}

}  // namespace

void register_mime(RegistryBuilder& r) {
  r.extension({"mime", {}, ""});
  r.extension({"foreverypart", {}, ""});
  r.extension({"extracttext", {}, ""});
  r.extension({"replace", {}, ""});
  r.extension({"enclose", {}, ""});

  for (const char* test : {"header", "address", "exists"}) {
    r.tag(test, {"mime", "mime", TagGroup::kNone, std::nullopt, "", false, {}});
    r.tag(test, {"anychild", "mime", TagGroup::kNone, std::nullopt, "", false, {"mime"}, true});
  }
  for (const char* option : {"type", "subtype", "contenttype"}) {
    r.tag("header", {option, "mime", TagGroup::kMimeOption, std::nullopt, "", false, {"mime"}});
  }
  r.tag("header", {"param", "mime", TagGroup::kMimeOption, ArgType::kStringList, "param-list",
                   false, {"mime"}});

  r.command("foreverypart", "foreverypart")
      .tag({"name", "", TagGroup::kNone, ArgType::kString, "string", false, {}, true})
      .block()
      .check(check_foreverypart);
  r.command("break", "foreverypart")
      .tag_with("name", ArgType::kString, "string")
      .check(check_break);
  CommandBuilder extracttext = r.command("extracttext", "extracttext");
  add_set_modifiers(extracttext);
  extracttext.tag_with("first", ArgType::kNumber, "number")
      .positional("varname", ArgType::kString)
      .check(check_extracttext);
  r.command("replace", "replace")
      .flag("mime")
      .tag_with("subject", ArgType::kString, "string")
      .tag_with("from", ArgType::kString, "string")
      .positional("replacement", ArgType::kString);
  r.command("enclose", "enclose")
      .tag_with("subject", ArgType::kString, "string")
      .tag_with("headers", ArgType::kStringList, "string-list")
      .positional("text", ArgType::kString);
}

}  // namespace sievegate::policy::extensions
