// RFC 5293 editheader: addheader and deleteheader.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

void check_field_name(CheckContext& ctx) {
  check_field_names(ctx, ctx.positional("field-name"));
}

// RFC 5293 4: the value must be a valid unstructured header body; line breaks other
// than folding (CRLF followed by a blank) would inject further header fields.
void check_value(CheckContext& ctx) {
  const Argument* value_arg = ctx.positional("value");
  auto value = constant_string(ctx, value_arg);
  if (!value) return;
  const std::string& v = *value;
  // A site limit on added values (Pigeonhole's default is 2048 bytes as well).
  if (v.size() > 2048) {
    ctx.error(value_arg->pos, "header-value-too-large",
              "header value of " + std::to_string(v.size()) + " bytes is too large (at most 2048)");
    return;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    bool bare_cr = v[i] == '\r' && (i + 1 >= v.size() || v[i + 1] != '\n');
    bool bad_lf = v[i] == '\n' && (i + 1 >= v.size() || (v[i + 1] != ' ' && v[i + 1] != '\t'));
    if (bare_cr || bad_lf || v[i] == '\0') {
      ctx.error(value_arg->pos, "invalid-header-value",
                "header value contains a line break that is not folding (a line end must be "
                "followed by a space or tab)");
      return;
    }
  }
}

}  // namespace

void register_editheader(RegistryBuilder& r) {
  r.extension({"editheader", {}, ""});
  r.command("addheader", "editheader")
      .flag("last")
      .positional("field-name", ArgType::kString)
      .positional("value", ArgType::kString)
      .check(check_field_name)
      .check(check_value);
  TagSpec last{"last", "", TagGroup::kNone, std::nullopt, "", false, {"index"}};
  r.command("deleteheader", "editheader")
      .tag_with("index", ArgType::kNumber, "fieldno")
      .tag(last)
      .comparator()
      .match_type()
      .positional("field-name", ArgType::kString)
      .optional("value-patterns", ArgType::kStringList)
      .check(check_field_name)
      .check([](CheckContext& ctx) {
        const Argument* index = ctx.tag_parameter("index");
        if (index != nullptr && index->number == 0) {
          // Pigeonhole accepts it (nothing is deleted); a warning keeps both verdicts equal.
          ctx.warning(index->pos, "invalid-index",
                      ":index counts from 1; :index 0 matches no field, nothing is deleted");
        }
      });
}

}  // namespace sievegate::policy::extensions
