// RFC 5231 relational: the :count and :value match types with a relational operator.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

void check_operator(CheckContext& ctx) {
  for (const char* tag : {"count", "value"}) {
    const Argument* op = ctx.tag_parameter(tag);
    if (op == nullptr) continue;
    auto value = constant_string(ctx, op);
    if (!value) {
      ctx.error(op->pos, "invalid-relational-operator",
                "the relational operator must be a constant string, not a variable");
      continue;
    }
    // RFC 5231 5 lists the operators in lower case; like Pigeonhole we take them as
    // written, so "GT" is a mistake to report rather than to guess at.
    const std::string& v = *value;
    if (v != "gt" && v != "ge" && v != "lt" && v != "le" && v != "eq" && v != "ne") {
      ctx.error(op->pos, "invalid-relational-operator",
                "invalid relational operator " + quote(*value) +
                    " (expected \"gt\", \"ge\", \"lt\", \"le\", \"eq\" or \"ne\")");
    }
  }
}

}  // namespace

void register_relational(RegistryBuilder& r) {
  r.extension({"relational", {}, ""});
  r.tag_for_group(TagGroup::kMatchType, {"count", "relational", TagGroup::kMatchType,
                                         ArgType::kString, "relational-match", false, {}});
  r.tag_for_group(TagGroup::kMatchType, {"value", "relational", TagGroup::kMatchType,
                                         ArgType::kString, "relational-match", false, {}});
  r.check_for_group(TagGroup::kMatchType, check_operator);
}

}  // namespace sievegate::policy::extensions
