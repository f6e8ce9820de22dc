// Stalwart v0.4 value syntax (stalwart-stages.md section 5): every parser with good and
// bad input, exact messages and positions.
#include <catch2/catch.hpp>

#include <string>

#include "config/values.h"

using namespace sievegate::config;
using namespace std::chrono_literals;

namespace {

// "line:column code: message" per diagnostic, one a line.
std::string render(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " +
           (d.severity == Severity::kError ? "" : "warning ") + d.code + ": " + d.message + "\n";
  }
  return out;
}

// A document whose value `v` is `value` (so a value starts at line 1, column 5).
struct Doc {
  explicit Doc(const std::string& value) : table(toml::parse("v = " + value + "\n")) {}
  const toml::node& v() const { return *table.get("v"); }
  toml::table table;
};

template <typename Parse>
auto parse_ok(const std::string& value, Parse parse) {
  Doc doc(value);
  Diagnostics diags;
  auto result = parse(doc.v(), diags);
  INFO(value << "\n" << render(diags));
  REQUIRE(result.has_value());
  REQUIRE(diags.items().empty());
  return *result;
}

template <typename Parse>
std::string parse_error(const std::string& value, Parse parse) {
  Doc doc(value);
  Diagnostics diags;
  auto result = parse(doc.v(), diags);
  INFO(value);
  CHECK_FALSE(result.has_value());
  CHECK(diags.has_errors());
  return render(diags);
}

auto duration = [](const toml::node& n, Diagnostics& d) { return parse_duration(n, d); };
auto size = [](const toml::node& n, Diagnostics& d) { return parse_size(n, d); };
auto rate = [](const toml::node& n, Diagnostics& d) { return parse_rate(n, d); };
auto boolean = [](const toml::node& n, Diagnostics& d) { return parse_bool(n, d); };
auto ip = [](const toml::node& n, Diagnostics& d) { return parse_ip_mask(n, d); };
auto string = [](const toml::node& n, Diagnostics& d) { return parse_string(n, d); };
auto integer = [](const toml::node& n, Diagnostics& d) { return parse_int(n, d); };
auto one_to_hundred = [](const toml::node& n, Diagnostics& d) { return parse_int(n, d, 1, 100); };
auto list = [](const toml::node& n, Diagnostics& d) { return parse_string_list(n, d); };

IpMask mask(const std::string& text) {
  auto m = IpMask::parse(text);
  INFO(text);
  REQUIRE(m.has_value());
  return *m;
}

}  // namespace

TEST_CASE("values: diagnostics count errors and warnings", "[config][values]") {
  Diagnostics diags;
  CHECK_FALSE(diags.has_errors());
  diags.warning(SourcePos{1, 2}, "w", "careful");
  CHECK_FALSE(diags.has_errors());
  diags.error(SourcePos{3, 4}, "e", "wrong");
  CHECK(diags.has_errors());
  CHECK(diags.errors() == 1);
  CHECK(diags.warnings() == 1);
  CHECK(render(diags) == "1:2 warning w: careful\n3:4 e: wrong\n");
}

TEST_CASE("values: durations", "[config][values]") {
  CHECK(parse_ok("\"5\"", duration) == 5ms);
  CHECK(parse_ok("\"5ms\"", duration) == 5ms);
  CHECK(parse_ok("\"30s\"", duration) == 30s);
  CHECK(parse_ok("\"5m\"", duration) == 5min);
  CHECK(parse_ok("\"2h\"", duration) == 2h);
  CHECK(parse_ok("\"1d\"", duration) == 24h);
  CHECK(parse_ok("\"10M\"", duration) == 10min);  // units are case-insensitive: M is minutes
  CHECK(parse_ok("\"250MS\"", duration) == 250ms);
  CHECK(parse_ok("\" 15m \"", duration) == 15min);
  CHECK(parse_ok("1500", duration) == 1500ms);  // a TOML integer is milliseconds
  CHECK(parse_ok("\"106751991167d\"", duration) == std::chrono::milliseconds(106751991167LL * 86400000LL));

  const std::string expected = "(expected <number><unit>, unit ms, s, m, h or d, e.g. \"30s\")";
  CHECK(parse_error("\"5x\"", duration) == "1:5 invalid-duration: invalid duration \"5x\" " + expected + "\n");
  CHECK(parse_error("\"\"", duration) == "1:5 invalid-duration: invalid duration \"\" " + expected + "\n");
  CHECK(parse_error("\"m\"", duration) == "1:5 invalid-duration: invalid duration \"m\" " + expected + "\n");
  CHECK(parse_error("\"2w\"", duration) == "1:5 invalid-duration: invalid duration \"2w\" " + expected + "\n");
  CHECK(parse_error("\"1.5h\"", duration) == "1:5 invalid-duration: invalid duration \"1.5h\" " + expected + "\n");
  CHECK(parse_error("\"-5m\"", duration) == "1:5 invalid-duration: invalid duration \"-5m\" " + expected + "\n");
  CHECK(parse_error("\"5 m\"", duration) == "1:5 invalid-duration: invalid duration \"5 m\" " + expected + "\n");
  CHECK(parse_error("\"1h30m\"", duration) ==
        "1:5 invalid-duration: invalid duration \"1h30m\" (compound durations are not supported: use one "
        "<number><unit>, e.g. \"90m\")\n");
  const std::string zero = "(must be greater than zero; use false to turn the setting off where that is allowed)";
  CHECK(parse_error("\"0s\"", duration) == "1:5 invalid-duration: invalid duration \"0s\" " + zero + "\n");
  CHECK(parse_error("\"0\"", duration) == "1:5 invalid-duration: invalid duration \"0\" " + zero + "\n");
  CHECK(parse_error("0", duration) == "1:5 invalid-duration: invalid duration 0 " + zero + "\n");
  CHECK(parse_error("-5", duration) == "1:5 invalid-duration: invalid duration -5 " + zero + "\n");
  CHECK(parse_error("\"106751991168d\"", duration) ==
        "1:5 invalid-duration: invalid duration \"106751991168d\" (too large)\n");
  CHECK(parse_error("\"99999999999999999999999ms\"", duration) ==
        "1:5 invalid-duration: invalid duration \"99999999999999999999999ms\" (too large)\n");
  const std::string type = "wrong-type: expected a duration (a string such as \"30s\", or an integer of milliseconds), found ";
  CHECK(parse_error("true", duration) == "1:5 " + type + "boolean\n");
  CHECK(parse_error("1.5", duration) == "1:5 " + type + "floating-point number\n");
  CHECK(parse_error("[\"5m\"]", duration) == "1:5 " + type + "array\n");

  std::string detail;
  CHECK(parse_duration_text("20m", detail) == 20min);
  CHECK_FALSE(parse_duration_text("20y", detail));
  CHECK(detail == "expected <number><unit>, unit ms, s, m, h or d, e.g. \"30s\"");
}

TEST_CASE("values: the position is the value's, on any line", "[config][values]") {
  toml::table t = toml::parse("[session]\ntimeout = \"5m\"\nduration =   \"10q\"\n");
  Diagnostics diags;
  CHECK(parse_duration(*t["session"]["timeout"].node(), diags) == 5min);
  CHECK_FALSE(parse_duration(*t["session"]["duration"].node(), diags));
  CHECK(render(diags) ==
        "3:14 invalid-duration: invalid duration \"10q\" (expected <number><unit>, unit ms, s, m, h or d, e.g. \"30s\")\n");
}

TEST_CASE("values: sizes", "[config][values]") {
  CHECK(parse_ok("262144000", size) == 262144000u);
  CHECK(parse_ok("0", size) == 0u);
  CHECK(parse_ok("\"104857600\"", size) == 104857600u);
  CHECK(parse_ok("\"18446744073709551615\"", size) == 18446744073709551615u);

  const std::string suffix =
      " (expected a whole number of bytes, e.g. 26214400; suffixes such as K, MB or GiB are not supported)\n";
  CHECK(parse_error("\"25MB\"", size) == "1:5 invalid-size: invalid size \"25MB\"" + suffix);
  CHECK(parse_error("\"1K\"", size) == "1:5 invalid-size: invalid size \"1K\"" + suffix);
  CHECK(parse_error("\"\"", size) == "1:5 invalid-size: invalid size \"\"" + suffix);
  CHECK(parse_error("-1", size) == "1:5 invalid-size: invalid size -1 (must not be negative)\n");
  CHECK(parse_error("\"18446744073709551616\"", size) ==
        "1:5 invalid-size: invalid size \"18446744073709551616\" (too large)\n");
  CHECK(parse_error("1.5", size) ==
        "1:5 wrong-type: expected a size in bytes (an integer such as 26214400), found floating-point number\n");
  CHECK(parse_error("true", size) ==
        "1:5 wrong-type: expected a size in bytes (an integer such as 26214400), found boolean\n");
}

TEST_CASE("values: rates", "[config][values]") {
  RateLimit r = parse_ok("\"25/1h\"", rate);
  REQUIRE(r.rate.has_value());
  CHECK(r.rate->count == 25);
  CHECK(r.rate->period == 1h);
  CHECK(parse_ok("\"20 / 5m\"", rate).rate == Rate{20, 5min});
  CHECK(parse_ok("\" 1/1s \"", rate).rate == Rate{1, 1s});
  CHECK(parse_ok("\"100/500\"", rate).rate == Rate{100, 500ms});
  for (const char* none : {"false", "0", "\"\"", "\"0\"", "\"none\"", "\"unlimited\"", "\"Unlimited\"", "\"disable\"",
                           "\"disabled\"", "\"never\"", "\"false\""}) {
    INFO(none);
    CHECK(parse_ok(none, rate).unlimited());
  }
  CHECK_FALSE(parse_ok("\"3/1d\"", rate).unlimited());

  CHECK(parse_error("\"25\"", rate) ==
        "1:5 invalid-rate: invalid rate \"25\" (expected \"<count>/<duration>\", e.g. \"25/1h\", or false for no limit)\n");
  CHECK(parse_error("\"x/1h\"", rate) ==
        "1:5 invalid-rate: invalid rate \"x/1h\" (count \"x\" is not a whole number; expected "
        "\"<count>/<duration>\", e.g. \"25/1h\")\n");
  CHECK(parse_error("\"/1h\"", rate) ==
        "1:5 invalid-rate: invalid rate \"/1h\" (count \"\" is not a whole number; expected "
        "\"<count>/<duration>\", e.g. \"25/1h\")\n");
  CHECK(parse_error("\"0/1h\"", rate) ==
        "1:5 invalid-rate: invalid rate \"0/1h\" (count must be at least 1; use false for no limit)\n");
  CHECK(parse_error("\"5/1x\"", rate) ==
        "1:5 invalid-rate: invalid rate \"5/1x\" (duration \"1x\": expected <number><unit>, unit ms, s, m, h or d, "
        "e.g. \"30s\")\n");
  CHECK(parse_error("\"5/\"", rate) ==
        "1:5 invalid-rate: invalid rate \"5/\" (duration \"\": expected <number><unit>, unit ms, s, m, h or d, "
        "e.g. \"30s\")\n");
  CHECK(parse_error("\"5/0s\"", rate) ==
        "1:5 invalid-rate: invalid rate \"5/0s\" (duration \"0s\": must be greater than zero; use false to turn the "
        "setting off where that is allowed)\n");
  CHECK(parse_error("\"25/1h30m\"", rate) ==
        "1:5 invalid-rate: invalid rate \"25/1h30m\" (duration \"1h30m\": compound durations are not supported: use "
        "one <number><unit>, e.g. \"90m\")\n");
  CHECK(parse_error("5", rate) ==
        "1:5 wrong-type: expected a rate (a string such as \"25/1h\", or false for no limit), found integer\n");
  CHECK(parse_error("true", rate) ==
        "1:5 wrong-type: expected a rate (a string such as \"25/1h\", or false for no limit), found boolean\n");
}

TEST_CASE("values: booleans", "[config][values]") {
  CHECK(parse_ok("true", boolean) == true);
  CHECK(parse_ok("false", boolean) == false);
  CHECK(parse_ok("\"true\"", boolean) == true);
  CHECK(parse_ok("\"false\"", boolean) == false);
  CHECK(parse_error("\"yes\"", boolean) == "1:5 invalid-bool: invalid boolean \"yes\" (expected true or false)\n");
  CHECK(parse_error("\"True\"", boolean) == "1:5 invalid-bool: invalid boolean \"True\" (expected true or false)\n");
  CHECK(parse_error("1", boolean) == "1:5 wrong-type: expected a boolean (true or false), found integer\n");
}

TEST_CASE("values: strings, integers and string lists", "[config][values]") {
  CHECK(parse_ok("\"connect_filter\"", string) == "connect_filter");
  CHECK(parse_ok("''", string) == "");
  CHECK(parse_error("5", string) == "1:5 wrong-type: expected a string, found integer\n");
  CHECK(parse_error("{ a = 1 }", string) == "1:5 wrong-type: expected a string, found table\n");

  CHECK(parse_ok("42", integer) == 42);
  CHECK(parse_ok("\"-7\"", integer) == -7);
  CHECK(parse_ok("\"9223372036854775807\"", integer) == 9223372036854775807LL);
  CHECK(parse_ok("\"-9223372036854775808\"", integer) == std::numeric_limits<std::int64_t>::min());
  CHECK(parse_ok("1", one_to_hundred) == 1);
  CHECK(parse_ok("\"100\"", one_to_hundred) == 100);
  CHECK(parse_error("0", one_to_hundred) == "1:5 out-of-range: value 0 out of range (expected 1 to 100)\n");
  CHECK(parse_error("\"101\"", one_to_hundred) == "1:5 out-of-range: value 101 out of range (expected 1 to 100)\n");
  auto positive = [](const toml::node& n, Diagnostics& d) { return parse_int(n, d, 1); };
  CHECK(parse_error("-3", positive) == "1:5 out-of-range: value -3 out of range (expected at least 1)\n");
  auto small = [](const toml::node& n, Diagnostics& d) {
    return parse_int(n, d, std::numeric_limits<std::int64_t>::min(), 5);
  };
  CHECK(parse_error("6", small) == "1:5 out-of-range: value 6 out of range (expected at most 5)\n");
  CHECK(parse_error("\"abc\"", integer) == "1:5 invalid-integer: invalid integer \"abc\" (expected a whole number)\n");
  CHECK(parse_error("\"9223372036854775808\"", integer) ==
        "1:5 invalid-integer: invalid integer \"9223372036854775808\" (expected a whole number)\n");
  CHECK(parse_error("\"-\"", integer) == "1:5 invalid-integer: invalid integer \"-\" (expected a whole number)\n");
  CHECK(parse_error("true", integer) == "1:5 wrong-type: expected an integer, found boolean\n");

  CHECK(parse_ok("\"plain\"", list) == std::vector<std::string>{"plain"});
  CHECK(parse_ok("[\"plain\", \"login\"]", list) == std::vector<std::string>{"plain", "login"});
  CHECK(parse_ok("[]", list).empty());
  CHECK(parse_error("[\"plain\", 5, \"login\", true]", list) ==
        "1:15 wrong-type: expected a string, found integer\n"
        "1:27 wrong-type: expected a string, found boolean\n");
  CHECK(parse_error("5", list) == "1:5 wrong-type: expected a string or an array of strings, found integer\n");
}

TEST_CASE("values: none spellings for optional settings", "[config][values]") {
  for (const char* none : {"\"\"", "false", "\"disable\"", "\"disabled\"", "\"Disabled\"", "\"never\"", "0", "\"0\"",
                           "\"false\""}) {
    INFO(none);
    CHECK(is_none(Doc(none).v()));
  }
  for (const char* some : {"true", "\"x\"", "1", "\"none\"", "\"5m\"", "[]", "0.0"}) {
    INFO(some);
    CHECK_FALSE(is_none(Doc(some).v()));
  }

  auto script = [](const std::string& value, Diagnostics& diags) {
    Doc doc(value);
    return parse_optional(doc.v(), diags, parse_string);
  };
  Diagnostics diags;
  auto off = script("false", diags);
  REQUIRE(off.has_value());
  CHECK_FALSE(off->has_value());
  auto named = script("\"connect_filter\"", diags);
  REQUIRE(named.has_value());
  CHECK(named->value() == "connect_filter");
  CHECK(diags.items().empty());
  CHECK_FALSE(script("5", diags).has_value());
  CHECK(render(diags) == "1:5 wrong-type: expected a string, found integer\n");

  Diagnostics d2;
  Doc never("\"never\"");
  auto hold = parse_optional(never.v(), d2, [](const toml::node& n, Diagnostics& d) { return parse_duration(n, d); });
  REQUIRE(hold.has_value());
  CHECK_FALSE(hold->has_value());
  Doc week("\"7d\"");
  auto held = parse_optional(week.v(), d2, [](const toml::node& n, Diagnostics& d) { return parse_duration(n, d); });
  REQUIRE(held.has_value());
  CHECK(held->value() == 168h);
}

TEST_CASE("values: IPv4 masks", "[config][values]") {
  IpMask net = parse_ok("\"10.0.0.0/8\"", ip);
  CHECK_FALSE(net.v6);
  CHECK(net.prefix == 8);
  CHECK(net.contains("10.1.2.3"));
  CHECK(net.contains("10.255.255.255"));
  CHECK_FALSE(net.contains("11.0.0.1"));
  CHECK_FALSE(net.contains("9.255.255.255"));
  CHECK(net.contains("::ffff:10.1.2.3"));  // IPv4-mapped client address
  CHECK(net.contains("::FFFF:10.1.2.3"));
  CHECK_FALSE(net.contains("::ffff:11.1.2.3"));
  CHECK_FALSE(net.contains("::10.1.2.3"));  // IPv4-compatible is not mapped
  CHECK_FALSE(net.contains("2001:db8::1"));
  CHECK_FALSE(net.contains(""));
  CHECK_FALSE(net.contains("not an address"));
  CHECK_FALSE(net.contains("10.1.2.3/8"));

  IpMask host = parse_ok("\"127.0.0.1\"", ip);
  CHECK(host.prefix == 32);
  CHECK(host.contains("127.0.0.1"));
  CHECK_FALSE(host.contains("127.0.0.2"));

  IpMask odd = mask("172.16.0.0/12");
  CHECK(odd.contains("172.16.0.0"));
  CHECK(odd.contains("172.31.255.255"));
  CHECK_FALSE(odd.contains("172.32.0.0"));
  CHECK_FALSE(odd.contains("172.15.255.255"));

  IpMask host_bits = mask("10.1.2.3/8");  // host bits are ignored
  CHECK(host_bits.contains("10.200.0.1"));
  CHECK(mask("192.168.1.0/24").contains("192.168.1.77"));
  CHECK_FALSE(mask("192.168.1.0/24").contains("192.168.2.1"));
}

TEST_CASE("values: IPv6 masks", "[config][values]") {
  IpMask net = parse_ok("\"2001:db8::/32\"", ip);
  CHECK(net.v6);
  CHECK(net.prefix == 32);
  CHECK(net.contains("2001:db8::1"));
  CHECK(net.contains("2001:DB8:ffff::1"));
  CHECK_FALSE(net.contains("2001:db9::1"));
  CHECK_FALSE(net.contains("10.0.0.1"));

  IpMask loopback = mask("::1");
  CHECK(loopback.prefix == 128);
  CHECK(loopback.contains("::1"));
  CHECK(loopback.contains("0:0:0:0:0:0:0:1"));
  CHECK_FALSE(loopback.contains("::2"));
  CHECK_FALSE(loopback.contains("127.0.0.1"));

  IpMask pair = mask("fe80::/127");
  CHECK(pair.contains("fe80::1"));
  CHECK_FALSE(pair.contains("fe80::2"));
  IpMask ula = mask("fd00::/8");
  CHECK(ula.contains("fdff:1::5"));
  CHECK_FALSE(ula.contains("fe00::1"));
  // A mapped-range IPv6 mask matches mapped client addresses, not plain IPv4 text.
  IpMask mapped = mask("::ffff:10.0.0.0/104");
  CHECK(mapped.contains("::ffff:10.9.9.9"));
  CHECK_FALSE(mapped.contains("10.9.9.9"));
}

TEST_CASE("values: bad IP masks", "[config][values]") {
  const std::string bad_ip = " (expected an IPv4 or IPv6 address with an optional /prefix, e.g. \"10.0.0.0/8\")\n";
  CHECK(parse_error("\"10.0.0.256\"", ip) == "1:5 invalid-ip: invalid IP address \"10.0.0.256\"" + bad_ip);
  CHECK(parse_error("\"example.org\"", ip) == "1:5 invalid-ip: invalid IP address \"example.org\"" + bad_ip);
  CHECK(parse_error("\"\"", ip) == "1:5 invalid-ip: invalid IP address \"\"" + bad_ip);
  CHECK(parse_error("\"10.0.0.0/4\"", ip) ==
        "1:5 invalid-prefix: invalid prefix in \"10.0.0.0/4\" (expected 8 to 32 for IPv4)\n");
  CHECK(parse_error("\"10.0.0.0/33\"", ip) ==
        "1:5 invalid-prefix: invalid prefix in \"10.0.0.0/33\" (expected 8 to 32 for IPv4)\n");
  CHECK(parse_error("\"10.0.0.0/\"", ip) ==
        "1:5 invalid-prefix: invalid prefix in \"10.0.0.0/\" (expected 8 to 32 for IPv4)\n");
  CHECK(parse_error("\"10.0.0.0/x\"", ip) ==
        "1:5 invalid-prefix: invalid prefix in \"10.0.0.0/x\" (expected 8 to 32 for IPv4)\n");
  CHECK(parse_error("\"::/7\"", ip) == "1:5 invalid-prefix: invalid prefix in \"::/7\" (expected 8 to 128 for IPv6)\n");
  CHECK(parse_error("\"::/129\"", ip) ==
        "1:5 invalid-prefix: invalid prefix in \"::/129\" (expected 8 to 128 for IPv6)\n");
  CHECK(parse_error("\"::/0128\"", ip) ==
        "1:5 invalid-prefix: invalid prefix in \"::/0128\" (expected 8 to 128 for IPv6)\n");
  CHECK(parse_error("10", ip) ==
        "1:5 wrong-type: expected an IP address or network (a string such as \"10.0.0.0/8\"), found integer\n");
}
