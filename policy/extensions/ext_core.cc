// RFC 5228 core: control commands, keep/discard/redirect, the core tests, the two
// mandatory comparators, and the comparator/match-type rules of section 2.7.
#include "policy/extensions/common.h"
#include "policy/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 5228 2.7.3: the comparator must be known and its capability required; RFC 4790 4:
// a comparator without substring operations cannot serve :contains or :matches.
void check_comparator(CheckContext& ctx) {
  const Argument* name_arg = ctx.tag_parameter("comparator");
  auto name = constant_string(ctx, name_arg);
  const ComparatorSpec* comparator = nullptr;
  if (name) {
    comparator = ctx.registry().comparator(*name);
    if (comparator == nullptr) {
      ctx.error(name_arg->pos, "unknown-comparator", "unknown comparator " + quote(*name));
      return;
    }
    if (!comparator->extension.empty() && !ctx.has(comparator->extension)) {
      ctx.error(name_arg->pos, "extension-not-required",
                "comparator " + quote(*name) + " requires the " + quote(comparator->extension) +
                    " extension (add it to 'require')");
    }
  }
  if (comparator == nullptr || comparator->substring) return;
  for (const char* substring_match : {"contains", "matches", "regex"}) {
    if (const Argument* tag = ctx.tag(substring_match)) {
      ctx.error(tag->pos, "comparator-mismatch",
                "match type ':" + std::string(substring_match) + "' cannot be used with comparator " +
                    quote(comparator->name) + " (it has no substring matching)");
    }
  }
}

void check_redirect_address(CheckContext& ctx) {
  if (ctx.tag("list") != nullptr) return;  // RFC 6134: the argument names a list
  const Argument* arg = ctx.positional("address");
  if (auto address = constant_string(ctx, arg); address && !is_addr_spec(*address)) {
    ctx.error(arg->pos, "invalid-address",
              "invalid redirect address " + quote(*address) + " (expected local@domain)");
  }
}

void check_header_names(CheckContext& ctx) {
  check_field_names(ctx, ctx.positional("header-names"));
}

}  // namespace

void register_core(RegistryBuilder& r) {
  r.extension({"comparator-i;octet", {}, ""});
  r.extension({"comparator-i;ascii-casemap", {}, ""});
  r.comparator({"i;octet", "", true});
  r.comparator({"i;ascii-casemap", "", true});

  r.command("require").positional("capabilities", ArgType::kStringList);
  r.command("if").sub_tests(SubTests::kOne).block();
  r.command("elsif").sub_tests(SubTests::kOne).block();
  r.command("else").block();
  r.command("stop");
  r.command("keep");
  r.command("discard");
  r.command("redirect").positional("address", ArgType::kString).check(check_redirect_address);

  r.test("address")
      .comparator()
      .address_part()
      .match_type()
      .positional("header-list", ArgType::kStringList)
      .positional("key-list", ArgType::kStringList)
      .check([](CheckContext& ctx) { check_field_names(ctx, ctx.positional("header-list")); });
  r.test("allof").sub_tests(SubTests::kList);
  r.test("anyof").sub_tests(SubTests::kList);
  r.test("exists").positional("header-names", ArgType::kStringList).check(check_header_names);
  r.test("false");
  r.test("true");
  r.test("header")
      .comparator()
      .match_type()
      .positional("header-names", ArgType::kStringList)
      .positional("key-list", ArgType::kStringList)
      .check(check_header_names);
  r.test("not").sub_tests(SubTests::kOne);
  r.test("size")
      .flag("over", TagGroup::kSizeRelation)
      .flag("under", TagGroup::kSizeRelation)
      .require_group(TagGroup::kSizeRelation)
      .positional("limit", ArgType::kNumber);

  r.check_for_group(TagGroup::kComparator, check_comparator);
}

}  // namespace sievegate::policy::extensions
