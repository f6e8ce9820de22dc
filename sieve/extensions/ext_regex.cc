// draft-ietf-sieve-regex-01 regex: the :regex match type and the :quoteregex modifier.
// Constant patterns are compiled at check time with RE2 in POSIX-extended mode, the
// linear-time engine the runtime uses as well.
#include <re2/re2.h>
#include <regex.h>

#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"
#include "sieve/match/match.h"

namespace sievegate::policy::extensions {
namespace {

void check_patterns(CheckContext& ctx) {
  if (ctx.tag("regex") == nullptr) return;
  // The draft allows only i;octet and i;ascii-casemap with :regex.
  if (auto comparator = constant_string(ctx, ctx.tag_parameter("comparator"))) {
    if (*comparator != "i;octet" && *comparator != "i;ascii-casemap" &&
        *comparator != "i;ascii-numeric") {
      ctx.error(ctx.tag_parameter("comparator")->pos, "comparator-mismatch",
                "match type ':regex' only works with \"i;octet\" or \"i;ascii-casemap\"");
    }
  }
  for (const char* name : {"key-list", "value-patterns"}) {
    for_each_constant(ctx, ctx.positional(name), [&](const StringLiteral& s, const std::string& v) {
      // The draft defines :regex as POSIX extended regular expressions; the C library's
      // regcomp decides what is valid (as in Pigeonhole, the reference implementation).
      regex_t compiled;
      int rc = regcomp(&compiled, v.c_str(), REG_EXTENDED | REG_NOSUB);
      if (rc != 0) {
        char message[256];
        regerror(rc, &compiled, message, sizeof message);
        ctx.error(s.pos, "invalid-regex", "invalid regular expression " + quote(v) + ": " + message);
        return;
      }
      regfree(&compiled);
      // Matching runs on RE2 (linear time, no ReDoS); a pattern it cannot run, such as
      // one with back-references, never matches.
      std::string error;
      if (!match::Regex::compile(v, match::Comparator::kOctet, &error)) {
        ctx.warning(s.pos, "regex-unsupported",
                    "regular expression " + quote(v) + " uses a feature the linear-time matcher "
                    "does not support (" + error + "); it will never match");
      }
    });
  }
}

}  // namespace

void register_regex(RegistryBuilder& r) {
  r.extension({"regex", {}, ""});
  TagSpec regex{"regex", "regex", TagGroup::kMatchType, std::nullopt, "", true, {}};
  r.tag_for_group(TagGroup::kMatchType, regex);
  r.check_for_group(TagGroup::kMatchType, check_patterns);
  for (const char* command : {"set", "extracttext"}) {
    r.tag(command, {"quoteregex", "regex", TagGroup::kModQuote, std::nullopt, "", false, {}});
  }
}

}  // namespace sievegate::policy::extensions
