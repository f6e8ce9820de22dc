// Rule tables (stalwart-stages.md section 4): every operator and its not- form, CIDR and
// priority comparisons, groups, first-match-wins, else / default, regex captures in
// dynamic strings, and every error with its line:column.
#include <catch2/catch.hpp>

#include <string>

#include "config/rules.h"

using namespace sievegate::config;

namespace {

using K = ContextKey;

const std::vector<ContextKey> kAllKeys = {K::kListener, K::kRemoteIp,        K::kLocalIp,  K::kSender,
                                          K::kSenderDomain, K::kRcpt,         K::kRcptDomain, K::kAuthenticatedAs,
                                          K::kPriority, K::kHeloDomain};
const std::vector<ContextKey> kConnectKeys = {K::kListener, K::kRemoteIp, K::kLocalIp};

std::string render(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " + d.code + ": " +
           d.message + "\n";
  }
  return out;
}

bool known_list(std::string_view id) { return id == "local/domains" || id == "local/blocked"; }

Context context(std::initializer_list<std::pair<ContextKey, std::string>> values) {
  Context c;
  for (const auto& [key, value] : values) c[key] = value;
  return c;
}

// The rule list `v = ...` of a string-valued setting, parsed with every key allowed.
struct Rules {
  explicit Rules(const std::string& value, std::span<const ContextKey> allowed = kAllKeys,
                 std::string default_value = "default")
      : table(toml::parse("v = " + value + "\n")) {
    block = parse_if_block<std::string>(*table.get("v"), "session.test", allowed, parse_string,
                                        std::move(default_value), known_list, diags);
  }
  // The value for a context; fails the test when the block did not parse.
  std::string eval(const Context& c) const {
    INFO(render(diags));
    REQUIRE(block.has_value());
    return block->eval(c);
  }
  toml::table table;
  Diagnostics diags;
  std::optional<IfBlock<std::string>> block;
};

// The errors of a rule list that must not parse.
std::string errors(const std::string& value, std::span<const ContextKey> allowed = kAllKeys,
                   const std::string& key_path = "session.test") {
  toml::table table = toml::parse("v = " + value + "\n");
  Diagnostics diags;
  auto block = parse_if_block<std::string>(*table.get("v"), key_path, allowed, parse_string, "default", known_list, diags);
  CHECK_FALSE(block.has_value());
  CHECK(diags.has_errors());
  return render(diags);
}

// Whether a single condition { if = key, <op> = value } holds for `ctx`.
bool holds(const std::string& condition, const Context& ctx) {
  Rules rules("[ { " + condition + ", then = \"yes\" }, { else = \"no\" } ]");
  INFO(condition);
  std::string result = rules.eval(ctx);
  return result == "yes";
}

}  // namespace

TEST_CASE("rules: context key names", "[config][rules]") {
  for (ContextKey key : kAllKeys) {
    CHECK(context_key_from_name(context_key_name(key)) == key);
  }
  CHECK(std::string(context_key_name(K::kRemoteIp)) == "remote-ip");
  CHECK(std::string(context_key_name(K::kAuthenticatedAs)) == "authenticated-as");
  CHECK(std::string(context_key_name(K::kHeloDomain)) == "helo-domain");
  CHECK(context_key_from_name("rcpt-domain") == K::kRcptDomain);
  CHECK_FALSE(context_key_from_name("rcpt_domain"));
  CHECK_FALSE(context_key_from_name("mx"));
  CHECK_FALSE(context_key_from_name("Listener"));
  CHECK(context_key_case_insensitive(K::kRcpt));
  CHECK(context_key_case_insensitive(K::kHeloDomain));
  CHECK_FALSE(context_key_case_insensitive(K::kListener));
  CHECK_FALSE(context_key_case_insensitive(K::kAuthenticatedAs));
}

TEST_CASE("rules: a plain value is a constant", "[config][rules]") {
  Rules r("\"connect_filter\"");
  REQUIRE(r.block.has_value());
  CHECK(r.block->is_constant());
  CHECK(r.block->context_keys().empty());
  CHECK(r.eval(Context{}) == "connect_filter");

  Rules only_else("[ { else = \"fallback\" } ]");
  REQUIRE(only_else.block.has_value());
  CHECK(only_else.block->is_constant());
  CHECK(only_else.eval(Context{}) == "fallback");

  IfBlock<int> constant(7);
  CHECK(constant.is_constant());
  CHECK(constant.eval(Context{}) == 7);
  IfBlock<int> empty;
  CHECK(empty.eval(Context{}) == 0);
}

TEST_CASE("rules: eq / equal-to / ne / not-equal-to", "[config][rules]") {
  Context smtp = context({{K::kListener, "smtp"}, {K::kRcptDomain, "Example.ORG"}});
  CHECK(holds("if = \"listener\", eq = \"smtp\"", smtp));
  CHECK(holds("if = \"listener\", equal-to = \"smtp\"", smtp));
  CHECK_FALSE(holds("if = \"listener\", eq = \"submission\"", smtp));
  CHECK_FALSE(holds("if = \"listener\", eq = \"SMTP\"", smtp));  // listener ids are exact
  CHECK(holds("if = \"listener\", ne = \"submission\"", smtp));
  CHECK(holds("if = \"listener\", not-equal-to = \"submission\"", smtp));
  CHECK_FALSE(holds("if = \"listener\", ne = \"smtp\"", smtp));
  CHECK_FALSE(holds("if = \"listener\", not-equal-to = \"smtp\"", smtp));
  // Domains and addresses compare case-insensitively, both sides.
  CHECK(holds("if = \"rcpt-domain\", eq = \"example.org\"", smtp));
  CHECK(holds("if = \"rcpt-domain\", eq = \"EXAMPLE.org\"", smtp));
  CHECK_FALSE(holds("if = \"rcpt-domain\", ne = \"example.ORG\"", smtp));
  CHECK_FALSE(holds("if = \"rcpt-domain\", eq = \"example.org.\"", smtp));
  // The authenticated idiom: authenticated-as is empty until AUTH succeeds; exact compare.
  CHECK_FALSE(holds("if = \"authenticated-as\", ne = \"\"", smtp));
  Context authed = context({{K::kAuthenticatedAs, "John"}});
  CHECK(holds("if = \"authenticated-as\", ne = \"\"", authed));
  CHECK(holds("if = \"authenticated-as\", eq = \"John\"", authed));
  CHECK_FALSE(holds("if = \"authenticated-as\", eq = \"john\"", authed));
}

TEST_CASE("rules: starts-with / ends-with and their not- forms", "[config][rules]") {
  Context c = context({{K::kSender, "Alerts@Monitor.Example.org"}, {K::kHeloDomain, "MX1.Example.NET"}});
  CHECK(holds("if = \"sender\", starts-with = \"alerts@\"", c));
  CHECK_FALSE(holds("if = \"sender\", starts-with = \"monitor\"", c));
  CHECK(holds("if = \"sender\", not-starts-with = \"bounce\"", c));
  CHECK_FALSE(holds("if = \"sender\", not-starts-with = \"ALERTS\"", c));
  CHECK(holds("if = \"sender\", ends-with = \".example.org\"", c));
  CHECK_FALSE(holds("if = \"sender\", ends-with = \".example.com\"", c));
  CHECK(holds("if = \"sender\", not-ends-with = \".example.com\"", c));
  CHECK_FALSE(holds("if = \"sender\", not-ends-with = \"ORG\"", c));
  CHECK(holds("if = \"helo-domain\", starts-with = \"mx1.\"", c));
  CHECK_FALSE(holds("if = \"sender\", ends-with = \"xAlerts@Monitor.Example.org\"", c));  // longer than the value
  CHECK(holds("if = \"sender\", starts-with = \"\"", c));
  Context l = context({{K::kListener, "smtp-in"}});
  CHECK_FALSE(holds("if = \"listener\", starts-with = \"SMTP\"", l));
  CHECK(holds("if = \"listener\", ends-with = \"-in\"", l));
}

TEST_CASE("rules: matches / not-matches", "[config][rules]") {
  Context c = context({{K::kRcpt, "John.Doe@Example.org"}, {K::kListener, "smtp"}});
  CHECK(holds("if = \"rcpt\", matches = \"^[a-z]+\\\\.[a-z]+@\"", c));  // case-insensitive key: regex too
  CHECK(holds("if = \"rcpt\", matches = \"doe\"", c));                 // unanchored search
  CHECK_FALSE(holds("if = \"rcpt\", matches = \"^doe\"", c));
  CHECK(holds("if = \"rcpt\", not-matches = \"^doe\"", c));
  CHECK_FALSE(holds("if = \"rcpt\", not-matches = \"EXAMPLE\\\\.ORG$\"", c));
  CHECK(holds("if = \"listener\", matches = '^sm'", c));
  CHECK_FALSE(holds("if = \"listener\", matches = '^SM'", c));  // listener stays case-sensitive
  CHECK(holds("if = \"listener\", matches = '(?i)^SM'", c));
}

TEST_CASE("rules: in-list / not-in-list", "[config][rules]") {
  std::vector<std::pair<std::string, std::string>> asked;
  std::function<bool(std::string_view, std::string_view)> lookup = [&](std::string_view list, std::string_view value) {
    asked.emplace_back(list, value);
    return list == "local/domains" && (value == "example.org" || value == "example.net");
  };
  Context c = context({{K::kRcptDomain, "Example.ORG"}, {K::kListener, "smtp"}});
  c.in_list = &lookup;
  CHECK(holds("if = \"rcpt-domain\", in-list = \"local/domains\"", c));
  REQUIRE(asked.size() == 1);
  CHECK(asked[0] == std::pair<std::string, std::string>{"local/domains", "example.org"});  // lower-cased
  CHECK_FALSE(holds("if = \"rcpt-domain\", not-in-list = \"local/domains\"", c));
  CHECK_FALSE(holds("if = \"rcpt-domain\", in-list = \"local/blocked\"", c));
  CHECK(holds("if = \"rcpt-domain\", not-in-list = \"local/blocked\"", c));
  c[K::kRcptDomain] = "other.test";
  CHECK_FALSE(holds("if = \"rcpt-domain\", in-list = \"local/domains\"", c));
  // Without a lookup function nothing is in any list.
  Context bare = context({{K::kRcptDomain, "example.org"}});
  CHECK_FALSE(holds("if = \"rcpt-domain\", in-list = \"local/domains\"", bare));
  CHECK(holds("if = \"rcpt-domain\", not-in-list = \"local/domains\"", bare));
}

TEST_CASE("rules: remote-ip and local-ip compare with CIDR", "[config][rules]") {
  Context v4 = context({{K::kRemoteIp, "10.1.2.3"}, {K::kLocalIp, "192.0.2.25"}});
  CHECK(holds("if = \"remote-ip\", eq = \"10.0.0.0/8\"", v4));
  CHECK(holds("if = \"remote-ip\", eq = \"10.1.2.3\"", v4));
  CHECK_FALSE(holds("if = \"remote-ip\", eq = \"10.1.2.4\"", v4));
  CHECK_FALSE(holds("if = \"remote-ip\", eq = \"11.0.0.0/8\"", v4));
  CHECK(holds("if = \"remote-ip\", ne = \"192.168.0.0/16\"", v4));
  CHECK_FALSE(holds("if = \"remote-ip\", not-equal-to = \"10.0.0.0/8\"", v4));
  CHECK(holds("if = \"local-ip\", equal-to = \"192.0.2.0/24\"", v4));
  CHECK_FALSE(holds("if = \"remote-ip\", eq = \"::1\"", v4));
  Context mapped = context({{K::kRemoteIp, "::ffff:10.1.2.3"}});
  CHECK(holds("if = \"remote-ip\", eq = \"10.0.0.0/8\"", mapped));
  CHECK_FALSE(holds("if = \"remote-ip\", ne = \"10.0.0.0/8\"", mapped));
  Context v6 = context({{K::kRemoteIp, "2001:db8:5::1"}});
  CHECK(holds("if = \"remote-ip\", eq = \"2001:db8::/32\"", v6));
  CHECK(holds("if = \"remote-ip\", eq = \"2001:DB8:5::1\"", v6));
  CHECK_FALSE(holds("if = \"remote-ip\", eq = \"2001:db8:6::/48\"", v6));
  CHECK_FALSE(holds("if = \"remote-ip\", eq = \"10.0.0.0/8\"", v6));
  // Other operators work on the text.
  CHECK(holds("if = \"remote-ip\", starts-with = \"2001:db8:\"", v6));
  CHECK(holds("if = \"remote-ip\", matches = '^2001:db8:5::'", v6));
  // An unknown address (empty) is in no network.
  CHECK_FALSE(holds("if = \"remote-ip\", eq = \"10.0.0.0/8\"", Context{}));
  CHECK(holds("if = \"remote-ip\", ne = \"10.0.0.0/8\"", Context{}));
  CHECK(holds("if = \"remote-ip\", eq = \"\"", Context{}));
}

TEST_CASE("rules: priority is an integer", "[config][rules]") {
  Context high = context({{K::kPriority, "3"}});
  CHECK(holds("if = \"priority\", eq = 3", high));
  CHECK(holds("if = \"priority\", eq = \"3\"", high));
  CHECK_FALSE(holds("if = \"priority\", eq = 2", high));
  CHECK(holds("if = \"priority\", ne = 2", high));
  CHECK_FALSE(holds("if = \"priority\", not-equal-to = 3", high));
  Context low = context({{K::kPriority, "-4"}});
  CHECK(holds("if = \"priority\", eq = -4", low));
  CHECK(holds("if = \"priority\", starts-with = \"-\"", low));
  CHECK_FALSE(holds("if = \"priority\", eq = 0", Context{}));  // no priority given
  CHECK(holds("if = \"priority\", ne = 0", Context{}));
}

TEST_CASE("rules: first match wins, else, default", "[config][rules]") {
  const std::string rules =
      "[ { if = \"rcpt-domain\", eq = \"a.test\", then = \"first\" },"
      "  { if = \"rcpt\", ends-with = \"a.test\", then = \"second\" },"
      "  { if = \"rcpt\", starts-with = \"x@\", then = \"third\" },"
      "  { else = \"otherwise\" } ]";
  Rules r(rules);
  CHECK(r.eval(context({{K::kRcptDomain, "a.test"}, {K::kRcpt, "x@a.test"}})) == "first");
  CHECK(r.eval(context({{K::kRcptDomain, "b.a.test"}, {K::kRcpt, "x@b.a.test"}})) == "second");
  CHECK(r.eval(context({{K::kRcptDomain, "c.test"}, {K::kRcpt, "x@c.test"}})) == "third");
  CHECK(r.eval(context({{K::kRcptDomain, "c.test"}, {K::kRcpt, "y@c.test"}})) == "otherwise");
  REQUIRE(r.block.has_value());
  CHECK_FALSE(r.block->is_constant());
  CHECK(r.block->rule_count() == 3);
  CHECK(r.block->fallback() == "otherwise");
  CHECK(r.block->context_keys() == std::vector<ContextKey>{K::kRcpt, K::kRcptDomain});

  Rules no_else("[ { if = \"listener\", eq = \"smtp\", then = \"matched\" } ]", kAllKeys, "code default");
  CHECK(no_else.eval(context({{K::kListener, "smtp"}})) == "matched");
  CHECK(no_else.eval(context({{K::kListener, "submission"}})) == "code default");
  CHECK(no_else.block->fallback() == "code default");
}

TEST_CASE("rules: other value types, and array-of-tables syntax", "[config][rules]") {
  toml::table t = toml::parse(R"toml(
[session.rcpt]
max-recipients = [ { if = "authenticated-as", ne = "", then = 1000 }, { else = 25 } ]

[[session.rcpt.relay]]
if = "remote-ip"
eq = "127.0.0.0/8"
then = true

[[session.rcpt.relay]]
else = false
)toml");
  Diagnostics diags;
  auto max = parse_if_block<std::int64_t>(
      *t["session"]["rcpt"]["max-recipients"].node(), "session.rcpt.max-recipients", kAllKeys,
      [](const toml::node& n, Diagnostics& d) { return parse_int(n, d, 1, 100000); }, 100, known_list, diags);
  auto relay = parse_if_block(*t["session"]["rcpt"]["relay"].node(), "session.rcpt.relay", kAllKeys, parse_bool, false,
                              known_list, diags);
  INFO(render(diags));
  REQUIRE(max.has_value());
  REQUIRE(relay.has_value());
  CHECK(max->eval(context({{K::kAuthenticatedAs, "john"}})) == 1000);
  CHECK(max->eval(Context{}) == 25);
  CHECK(relay->eval(context({{K::kRemoteIp, "127.0.0.1"}})) == true);
  CHECK(relay->eval(context({{K::kRemoteIp, "192.0.2.1"}})) == false);
  CHECK(relay->context_keys() == std::vector<ContextKey>{K::kRemoteIp});

  // A list setting: [] and ["plain", "login"] are plain values, not rule lists.
  toml::table m = toml::parse("a = []\nb = [\"plain\", \"login\"]\n");
  auto list = [](const toml::node& n, Diagnostics& d) { return parse_string_list(n, d); };
  auto a = parse_if_block<std::vector<std::string>>(*m.get("a"), "session.auth.mechanisms", kConnectKeys, list, {},
                                                    known_list, diags);
  auto b = parse_if_block<std::vector<std::string>>(*m.get("b"), "session.auth.mechanisms", kConnectKeys, list, {},
                                                    known_list, diags);
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->is_constant());
  CHECK(a->eval(Context{}).empty());
  CHECK(b->eval(Context{}) == std::vector<std::string>{"plain", "login"});
  CHECK(diags.items().empty());
}

TEST_CASE("rules: nested groups", "[config][rules]") {
  // Relay for authenticated users, or for local addresses unless they come from a
  // blocked sender domain.
  Rules r(R"toml([ { any-of = [ { if = "authenticated-as", ne = "" },
                            { all-of = [ { if = "remote-ip", eq = "10.0.0.0/8" },
                                         { none-of = [ { if = "sender-domain", eq = "spam.test" },
                                                       { if = "sender-domain", ends-with = ".spam.test" } ] } ] } ], then = "relay" },
               { else = "refuse" } ])toml");
  CHECK(r.eval(context({{K::kAuthenticatedAs, "john"}, {K::kRemoteIp, "192.0.2.1"}})) == "relay");
  CHECK(r.eval(context({{K::kRemoteIp, "10.0.0.5"}, {K::kSenderDomain, "ok.test"}})) == "relay");
  CHECK(r.eval(context({{K::kRemoteIp, "10.0.0.5"}, {K::kSenderDomain, "spam.test"}})) == "refuse");
  CHECK(r.eval(context({{K::kRemoteIp, "10.0.0.5"}, {K::kSenderDomain, "x.SPAM.test"}})) == "refuse");
  CHECK(r.eval(context({{K::kRemoteIp, "192.0.2.1"}, {K::kSenderDomain, "ok.test"}})) == "refuse");
  REQUIRE(r.block.has_value());
  CHECK(r.block->context_keys() ==
        std::vector<ContextKey>{K::kRemoteIp, K::kSenderDomain, K::kAuthenticatedAs});

  Rules all("[ { all-of = [ { if = \"listener\", eq = \"smtp\" }, { if = \"rcpt\", ends-with = \"@a.test\" } ], then = "
            "\"both\" } ]");
  CHECK(all.eval(context({{K::kListener, "smtp"}, {K::kRcpt, "x@a.test"}})) == "both");
  CHECK(all.eval(context({{K::kListener, "smtp"}, {K::kRcpt, "x@b.test"}})) == "default");
  CHECK(all.eval(context({{K::kListener, "lmtp"}, {K::kRcpt, "x@a.test"}})) == "default");
  Rules none("[ { none-of = [ { if = \"listener\", eq = \"smtp\" } ], then = \"not smtp\" } ]");
  CHECK(none.eval(context({{K::kListener, "lmtp"}})) == "not smtp");
  CHECK(none.eval(context({{K::kListener, "smtp"}})) == "default");
}

TEST_CASE("rules: nesting is bounded at 16 groups", "[config][rules]") {
  auto nested = [](int depth) {
    std::string s = "{ if = \"listener\", eq = \"smtp\" }";
    for (int i = 1; i < depth; ++i) s = "{ all-of = [ " + s + " ] }";
    return "[ { all-of = [ " + s + " ], then = \"deep\" } ]";
  };
  Rules ok(nested(16));
  CHECK(ok.eval(context({{K::kListener, "smtp"}})) == "deep");
  CHECK(ok.eval(context({{K::kListener, "lmtp"}})) == "default");
  // 17 groups: the innermost group key sits after 16 "{ all-of = [ " openers (13 chars
  // each) behind "v = [ " (6 chars), so at column 6 + 16 * 13 + 3 = 217.
  CHECK(errors(nested(17)) == "1:217 nesting-too-deep: conditions nested more than 16 groups deep\n");
}

TEST_CASE("rules: captures in dynamic strings", "[config][rules]") {
  toml::table t = toml::parse(R"toml(
rewrite = [ { if = "rcpt", matches = '^([^.]+)\.([^@]+)@(.+)$', then = "${1}+${2}@${3}" },
            { if = "rcpt-domain", eq = "old.test", then = "${0} via ${listener}" },
            { all-of = [ { if = "sender", matches = '^(.+)@' }, { if = "rcpt", starts-with = "b" },
                         { if = "listener", not-matches = '(x)' } ], then = "${0}|${1}" },
            { any-of = [ { if = "rcpt", matches = '^(z)(z)' }, { if = "rcpt", ends-with = ".zz" } ], then = "${0}|${1}|${2}" },
            { none-of = [ { if = "rcpt", matches = '(.)' } ], then = "[${0}]" },
            { else = "${rcpt}" } ]
)toml");
  Diagnostics diags;
  auto dynamic = [](const toml::node& n, Diagnostics& d) { return parse_dynamic_string(n, d, kAllKeys); };
  auto block = parse_if_block<DynamicString>(*t.get("rewrite"), "session.rcpt.rewrite", kAllKeys, dynamic,
                                             DynamicString{}, known_list, diags);
  INFO(render(diags));
  REQUIRE(block.has_value());
  auto rewrite = [&](const Context& c) {
    std::vector<std::string> captures;
    const DynamicString& value = block->eval(c, &captures);
    return value.expand(captures, c);
  };
  std::vector<std::string> captures;
  Context john = context({{K::kRcpt, "John.Doe@Example.org"}, {K::kRcptDomain, "example.org"}});
  block->eval(john, &captures);
  CHECK(captures == std::vector<std::string>{"John.Doe@Example.org", "John", "Doe", "Example.org"});
  CHECK(rewrite(john) == "John+Doe@Example.org");  // the client's spelling is kept
  CHECK(rewrite(context({{K::kRcpt, "x@Old.Test"}, {K::kRcptDomain, "Old.Test"}, {K::kListener, "smtp"}})) ==
        "Old.Test via smtp");
  // all-of: the last capturing condition (starts-with: ${0} = the value) wins; not-matches captures nothing.
  CHECK(rewrite(context({{K::kSender, "ann@s.test"}, {K::kRcpt, "bob@r.test"}, {K::kListener, "smtp"}})) ==
        "bob@r.test|");
  // any-of: the first condition that holds.
  CHECK(rewrite(context({{K::kRcpt, "zzy@r.zz"}})) == "zz|z|z");
  CHECK(rewrite(context({{K::kRcpt, "y@r.zz"}})) == "y@r.zz||");
  // none-of: no captures; the old captures of earlier evaluations are gone.
  CHECK(rewrite(Context{}) == "[]");
  block->eval(Context{}, &captures);
  CHECK(captures.empty());
  // else: no captures, context interpolation only.
  CHECK(rewrite(context({{K::kRcpt, "plain@r.test"}})) == "plain@r.test");
}

TEST_CASE("rules: dynamic string expansion and checks", "[config][rules]") {
  Context c = context({{K::kListener, "smtp"}, {K::kRcptDomain, "r.test"}});
  std::vector<std::string> caps = {"whole", "one"};
  CHECK(DynamicString{"${1}@${rcpt-domain}"}.expand(caps, c) == "one@r.test");
  CHECK(DynamicString{"${0}/${1}/${2}/${99}"}.expand(caps, c) == "whole/one//");
  CHECK(DynamicString{"$1 costs $$ ${listener}"}.expand(caps, c) == "$1 costs $$ smtp");
  CHECK(DynamicString{"tail ${1"}.expand(caps, c) == "tail ${1");
  CHECK(DynamicString{"${unknown}x"}.expand(caps, c) == "x");
  CHECK(DynamicString{""}.expand(caps, c).empty());

  auto check = [](const std::string& value, std::span<const ContextKey> allowed) {
    toml::table t = toml::parse("v = " + value + "\n");
    Diagnostics diags;
    auto result = parse_dynamic_string(*t.get("v"), diags, allowed);
    if (result) CHECK(result->text == t.get("v")->as_string()->get());
    return render(diags);
  };
  CHECK(check("\"${1}+${2}@${3}\"", kAllKeys).empty());
  CHECK(check("\"${rcpt}\"", kAllKeys).empty());
  CHECK(check("\"$x ${listener}\"", kConnectKeys).empty());
  CHECK(check("\"${foo}\"", kAllKeys) ==
        "1:5 invalid-placeholder: unknown placeholder ${foo} in \"${foo}\" (expected ${0} to ${99} for regex "
        "captures, or a context key such as ${rcpt})\n");
  CHECK(check("\"${rcpt_domain}\"", kAllKeys) ==
        "1:5 invalid-placeholder: unknown placeholder ${rcpt_domain} in \"${rcpt_domain}\" (did you mean "
        "${rcpt-domain}?)\n");
  CHECK(check("\"${100}\"", kAllKeys) ==
        "1:5 invalid-placeholder: unknown placeholder ${100} in \"${100}\" (expected ${0} to ${99} for regex "
        "captures, or a context key such as ${rcpt})\n");
  CHECK(check("\"a${1\"", kAllKeys) ==
        "1:5 invalid-placeholder: unterminated placeholder in \"a${1\" (expected ${N} or ${<context key>})\n");
  CHECK(check("\"${rcpt}\"", kConnectKeys) ==
        "1:5 context-key-not-allowed: placeholder ${rcpt}: context key 'rcpt' is not available here; available: "
        "listener, remote-ip, local-ip\n");
  CHECK(check("5", kAllKeys) == "1:5 wrong-type: expected a string, found integer\n");
  toml::table t = toml::parse("v = \"${sender}\"\n");
  Diagnostics diags;
  CHECK(parse_dynamic_string(*t.get("v"), diags).has_value());  // no stage given: any key
}

TEST_CASE("rules: operator and key errors", "[config][rules]") {
  CHECK(errors("[ { if = \"rcpt\", equals = \"x\", then = \"a\" } ]") ==
        "1:22 unknown-operator: unknown operator 'equals' (did you mean 'eq'?)\n");
  CHECK(errors("[ { if = \"rcpt\", startswith = \"x\", then = \"a\" } ]") ==
        "1:22 unknown-operator: unknown operator 'startswith' (did you mean 'starts-with'?)\n");
  CHECK(errors("[ { if = \"rcpt\", not_matches = \"x\", then = \"a\" } ]") ==
        "1:22 unknown-operator: unknown operator 'not_matches' (did you mean 'not-matches'?)\n");
  CHECK(errors("[ { if = \"rcpt\", not-eq = \"x\", then = \"a\" } ]") ==
        "1:22 unknown-operator: unknown operator 'not-eq' (did you mean 'ne'?)\n");
  CHECK(errors("[ { if = \"rcpt\", bogus = \"x\", then = \"a\" } ]") ==
        "1:22 unknown-operator: unknown operator 'bogus' (expected eq, ne, starts-with, ends-with, matches, in-list, "
        "or their not- forms (not-starts-with, not-ends-with, not-matches, not-in-list))\n");
  CHECK(errors("[ { iff = \"rcpt\", eq = \"x\", then = \"a\" } ]") ==
        "1:9 unknown-rule-key: unknown key 'iff' in a rule (did you mean 'if'?)\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", thn = \"a\" } ]") ==
        "1:32 unknown-rule-key: unknown key 'thn' in a rule (did you mean 'then'?)\n"
        "1:7 missing-then: rule has no then = <value> (every if, any-of, all-of or none-of rule needs one)\n");
  CHECK(errors("[ { anyof = [ { if = \"rcpt\", eq = \"x\" } ], then = \"a\" } ]") ==
        "1:9 unknown-rule-key: unknown key 'anyof' in a rule (did you mean 'any-of'?)\n");
  CHECK(errors("[ { if = \"rcpt-domian\", eq = \"x\", then = \"a\" } ]") ==
        "1:14 unknown-context-key: unknown context key 'rcpt-domian' (did you mean 'rcpt-domain'?)\n");
  CHECK(errors("[ { if = \"client\", eq = \"x\", then = \"a\" } ]", kConnectKeys, "session.connect.script") ==
        "1:14 unknown-context-key: unknown context key 'client'; available for session.connect.script: listener, "
        "remote-ip, local-ip\n");
  CHECK(errors("[ { if = \"mx\", eq = \"x\", then = \"a\" } ]", kConnectKeys, "session.connect.script") ==
        "1:14 unknown-context-key: context key 'mx' is only known to outbound (queue) settings; available for "
        "session.connect.script: listener, remote-ip, local-ip\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", then = \"a\" } ]", kConnectKeys, "session.connect.script") ==
        "1:14 context-key-not-allowed: context key 'rcpt' is not available for session.connect.script; available: "
        "listener, remote-ip, local-ip\n");
  // In a nested group too, at the offending node.
  CHECK(errors("[ { any-of = [ { if = \"listener\", eq = \"smtp\" },\n"
               "               { if = \"sender\", eq = \"x\" } ], then = \"a\" } ]",
               kConnectKeys, "session.connect.script") ==
        "2:23 context-key-not-allowed: context key 'sender' is not available for session.connect.script; "
        "available: listener, remote-ip, local-ip\n");
}

TEST_CASE("rules: condition structure errors", "[config][rules]") {
  CHECK(errors("[ { if = \"rcpt\", then = \"a\" } ]") ==
        "1:9 missing-operator: condition on 'rcpt' has no operator (expected eq, ne, starts-with, ends-with, matches, "
        "in-list, or their not- forms (not-starts-with, not-ends-with, not-matches, not-in-list))\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", starts-with = \"y\", then = \"a\" } ]") ==
        "1:32 multiple-operators: more than one operator in a condition ('eq' and 'starts-with'); use all-of to "
        "combine conditions\n");
  CHECK(errors("[ { eq = \"x\", then = \"a\" } ]") ==
        "1:9 missing-if: operator 'eq' needs if = \"<context key>\" in the same table, e.g. { if = \"rcpt-domain\", eq "
        "= \"example.org\" }\n");
  CHECK(errors("[ { then = \"a\" } ]") ==
        "1:7 missing-condition: rule has no condition (expected if = \"<context key>\" with an operator, or any-of, "
        "all-of or none-of)\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", any-of = [ { if = \"rcpt\", eq = \"y\" } ], then = \"a\" } ]") ==
        "1:32 mixed-condition: 'any-of' cannot be combined with if in the same table (put the if condition inside "
        "the group)\n");
  CHECK(errors("[ { any-of = [ { if = \"rcpt\", eq = \"y\" } ], all-of = [ { if = \"rcpt\", eq = \"z\" } ], then = \"a\" "
               "} ]") ==
        "1:49 multiple-groups: only one of any-of, all-of or none-of per table ('any-of' and 'all-of'); nest them to "
        "combine\n");
  CHECK(errors("[ { any-of = [], then = \"a\" } ]") == "1:18 empty-group: 'any-of' needs at least one condition\n");
  CHECK(errors("[ { none-of = \"rcpt\", then = \"a\" } ]") ==
        "1:19 wrong-type: expected an array of conditions for 'none-of', found string\n");
  CHECK(errors("[ { all-of = [ \"rcpt\" ], then = \"a\" } ]") ==
        "1:20 wrong-type: expected a condition table ({ if = \"<context key>\", <operator> = \"<value>\" } or a nested "
        "group) in 'all-of', found string\n");
  CHECK(errors("[ { all-of = [ { if = \"rcpt\", eq = \"x\", then = \"b\" } ], then = \"a\" } ]") ==
        "1:45 misplaced-then: 'then' belongs to a top-level rule, not to a condition inside all-of (give the value on "
        "the rule that contains the all-of)\n");
  CHECK(errors("[ { any-of = [ {} ], then = \"a\" } ]") ==
        "1:20 missing-condition: empty condition in any-of (expected if = \"<context key>\" with an operator, or a "
        "nested any-of, all-of or none-of)\n");
  CHECK(errors("[ { any-of = [ { if = \"rcpt\", eq = \"x\", else = \"b\" } ], then = \"a\" } ]") ==
        "1:45 misplaced-else: 'else' belongs to a top-level rule, not to a condition inside any-of (give the value on "
        "the rule that contains the any-of)\n");
  CHECK(errors("[ { any-of = [ { if = \"rcpt\", eqq = \"x\" } ], then = \"a\" } ]") ==
        "1:35 unknown-operator: unknown operator 'eqq' (did you mean 'eq'?)\n");
  CHECK(errors("[ { if = \"rcpt\", EQ = \"x\", then = \"a\" } ]") ==
        "1:22 unknown-operator: unknown operator 'EQ' (did you mean 'eq'?)\n");
  // A misspelt key next to a complete condition: the condition is still checked.
  CHECK(errors("[ { if = \"rcpt\", matches = \"(\", then = \"a\", comment = \"x\" } ]") ==
        "1:49 unknown-operator: unknown operator 'comment' (expected eq, ne, starts-with, ends-with, matches, in-list, "
        "or their not- forms (not-starts-with, not-ends-with, not-matches, not-in-list))\n"
        "1:32 invalid-regex: invalid regular expression \"(\": missing ): (\n");
  CHECK(errors("[ { if = 5, eq = \"x\", then = \"a\" } ]") ==
        "1:14 wrong-type: expected a context key name for if (a string such as \"remote-ip\"), found integer\n");
  CHECK(errors("[ { if = \"rcpt\", eq = true, then = \"a\" } ]") ==
        "1:27 wrong-type: expected a string for 'eq', found boolean\n");
  CHECK(errors("[ { if = \"rcpt\", matches = [\"a\"], then = \"a\" } ]") ==
        "1:32 wrong-type: expected a string for 'matches', found array\n");
}

TEST_CASE("rules: value errors inside conditions", "[config][rules]") {
  CHECK(errors("[ { if = \"rcpt\", matches = \"^(a\", then = \"a\" } ]") ==
        "1:32 invalid-regex: invalid regular expression \"^(a\": missing ): ^(a\n");
  CHECK(errors("[ { if = \"rcpt-domain\", in-list = \"local/nowhere\", then = \"a\" } ]") ==
        "1:39 unknown-list: no list 'local/nowhere' is defined\n");
  CHECK(errors("[ { if = \"rcpt-domain\", not-in-list = \"x\", then = \"a\" } ]") ==
        "1:43 unknown-list: no list 'x' is defined\n");
  CHECK(errors("[ { if = \"remote-ip\", eq = \"10.0.0.300/8\", then = \"a\" } ]") ==
        "1:32 invalid-ip: invalid IP address \"10.0.0.300/8\" (expected an IPv4 or IPv6 address with an optional "
        "/prefix, e.g. \"10.0.0.0/8\")\n");
  CHECK(errors("[ { if = \"local-ip\", ne = \"10.0.0.0/40\", then = \"a\" } ]") ==
        "1:31 invalid-prefix: invalid prefix in \"10.0.0.0/40\" (expected 8 to 32 for IPv4)\n");
  CHECK(errors("[ { if = \"priority\", eq = \"high\", then = \"a\" } ]") ==
        "1:31 invalid-integer: invalid integer \"high\" (expected a whole number)\n");
  CHECK(errors("[ { if = \"priority\", ne = 1.5, then = \"a\" } ]") ==
        "1:31 wrong-type: expected an integer, found floating-point number\n");
  // then / else values go through the setting's own parser.
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", then = 5 }, { else = false } ]") ==
        "1:39 wrong-type: expected a string, found integer\n"
        "1:53 wrong-type: expected a string, found boolean\n");
  // An empty function accepts every list id.
  toml::table t = toml::parse("v = [ { if = \"rcpt\", in-list = \"any/thing\", then = \"a\" } ]\n");
  Diagnostics diags;
  CHECK(parse_if_block<std::string>(*t.get("v"), "session.test", kAllKeys, parse_string, "d", {}, diags).has_value());
  CHECK(diags.items().empty());
}

TEST_CASE("rules: else and rule list errors", "[config][rules]") {
  CHECK(errors("[ { else = \"a\" }, { if = \"rcpt\", eq = \"x\", then = \"b\" } ]") ==
        "1:9 else-not-last: else must be the last entry (the rules after it would never be used)\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", then = \"b\" }, { else = \"a\" }, { else = \"c\" } ]") ==
        "1:48 else-not-last: else must be the last entry (the rules after it would never be used)\n"
        "1:64 duplicate-else: more than one else (only the last entry may be else)\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\", then = \"b\" }, { else = \"a\", then = \"c\" } ]") ==
        "1:60 unexpected-key-with-else: 'then' cannot be used next to else (an else entry is { else = <value> })\n");
  CHECK(errors("[ { if = \"rcpt\", eq = \"x\" } ]") ==
        "1:7 missing-then: rule has no then = <value> (every if, any-of, all-of or none-of rule needs one)\n");
  CHECK(errors("[ { any-of = [ { if = \"rcpt\", eq = \"x\" } ] } ]") ==
        "1:7 missing-then: rule has no then = <value> (every if, any-of, all-of or none-of rule needs one)\n");
  CHECK(errors("[ \"a\", { else = \"b\" } ]") ==
        "1:7 wrong-type: expected a rule table ({ if = \"<context key>\", <operator> = \"<value>\", then = <value> } "
        "or { else = <value> }), found string\n");
  CHECK(errors("{ if = \"rcpt\", eq = \"x\", then = \"a\" }") ==
        "1:5 rule-not-in-array: a rule must be inside an array: session.test = [ { if = \"<context key>\", <operator> "
        "= \"<value>\", then = <value> }, { else = <value> } ]\n");
  CHECK(errors("[]") ==
        "1:5 empty-rules: empty array (expected a value, or rules: [ { if = \"<context key>\", <operator> = "
        "\"<value>\", then = <value> }, { else = <value> } ])\n");
  CHECK(errors("5") == "1:5 wrong-type: expected a string, found integer\n");
  // Several independent mistakes are all reported, in order.
  CHECK(errors("[\n"
               "  { if = \"rcpt\", eq = \"x\" },\n"
               "  { if = \"sender\", matches = \"(\", then = \"b\" },\n"
               "  { if = \"listener\", eq = \"smtp\", then = 7 },\n"
               "  { else = \"c\" } ]") ==
        "2:3 missing-then: rule has no then = <value> (every if, any-of, all-of or none-of rule needs one)\n"
        "3:30 invalid-regex: invalid regular expression \"(\": missing ): (\n"
        "4:42 wrong-type: expected a string, found integer\n");
}
