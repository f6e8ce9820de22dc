// RFC 5228 core: control commands, keep/discard/redirect, the core tests, the two
// mandatory comparators, and the comparator/match-type rules of section 2.7.
#include "sieve/extensions/common.h"
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {
namespace {

// RFC 5228 2.7.3: the comparator must be known and its capability required; RFC 4790 4:
// a comparator without substring operations cannot serve :contains or :matches.
void check_comparator(CheckContext& ctx) {
  const Argument* name_arg = ctx.tag_parameter("comparator");
  if (name_arg == nullptr) return;
  auto name = constant_string(ctx, name_arg);
  if (!name) {
    // The comparator decides how the test is compiled, so it must be known up front.
    ctx.error(name_arg->pos, "comparator-not-constant",
              "the comparator name must be a constant string, not a variable");
    return;
  }
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
  // RFC 5228 4.2: an RFC 5322 address (SMTP needs ASCII unless SMTPUTF8 is known).
  if (auto address = constant_string(ctx, arg); address && !is_mailbox(*address, false)) {
    ctx.error(arg->pos, "invalid-address",
              "invalid redirect address " + quote(*address) + " (expected local@domain)");
  }
}

void check_header_names(CheckContext& ctx) {
  check_field_names(ctx, ctx.positional("header-names"), false);
}

// RFC 5228 5.1: the address test is restricted to headers that hold addresses. The list
// is the one of RFC 5322 plus common address-bearing extensions (the same as Pigeonhole).
void check_address_headers(CheckContext& ctx) {
  static const char* kAddressHeaders[] = {
      "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender",
      "resent-to", "resent-cc", "resent-bcc", "resent-reply-to", "for-approval",
      "for-handling", "for-comment", "apparently-to", "errors-to", "delivered-to",
      "return-receipt-to", "x-admin", "read-receipt-to", "x-confirm-reading-to",
      "return-receipt-requested", "mail-followup-to", "mail-reply-to", "abuse-reports-to",
      "x-complaints-to", "x-report-abuse-to", "x-beenthere", "x-original-to"};
  const Argument* headers = ctx.positional("header-list");
  check_field_names(ctx, headers, false);
  for_each_constant(ctx, headers, [&](const StringLiteral& s, const std::string& value) {
    if (!is_field_name(value)) return;
    for (const char* h : kAddressHeaders) {
      if (iequals(value, h)) return;
    }
    ctx.error(s.pos, "not-an-address-header",
              "header " + quote(value) + " does not hold addresses; the address test works on "
              "From, To, Cc, Bcc, Sender, Reply-To, Resent-* and similar headers");
  });
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
      .check(check_address_headers);
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
