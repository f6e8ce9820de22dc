// Stalwart v0.4 value syntax (stalwart-stages.md section 5): durations, sizes, rates,
// booleans, IP masks, strings, integers and string lists, each read from a toml++ node.
//
// Every parse_* function reports a problem at the node's position (code + message saying
// what was expected) and returns std::nullopt; it never throws. Stalwart flattens its
// config to strings, so where the spec allows it a TOML string spelling of a number or a
// boolean is accepted as well ("300", "true").
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/diagnostics.h"

namespace sievegate::config {

// "string", "integer", "boolean", "array", "table", "floating-point number", ...
const char* node_type_name(const toml::node& node);

// Optional settings (stalwart-stages.md section 4, last bullet): "", false, "disable",
// "disabled", "never" and 0 (TOML integer or "0") mean "none". The words are compared
// ASCII case-insensitively; the string "false" counts too (Stalwart reads every value
// as text, so false and "false" are the same there).
bool is_none(const toml::node& node);

// Duration: "<integer><unit>", unit ms, s, m, h or d (case-insensitive), no unit =
// milliseconds; a TOML integer is milliseconds. Zero, negative numbers, compound forms
// ("1h30m"), other units and values beyond the millisecond range are errors.
std::optional<std::chrono::milliseconds> parse_duration(const toml::node& node, Diagnostics& diags);

// The same rule for text that is not a node of its own (the period of a rate). On
// failure returns nullopt and sets `detail` to what was expected, without the value.
std::optional<std::chrono::milliseconds> parse_duration_text(std::string_view text, std::string& detail);

// Size in bytes: a TOML integer >= 0 or a string of decimal digits. No K/M/MB suffixes.
std::optional<std::uint64_t> parse_size(const toml::node& node, Diagnostics& diags);

struct Rate {
  std::uint64_t count = 0;                 // at least 1
  std::chrono::milliseconds period{0};     // greater than zero
  friend bool operator==(const Rate&, const Rate&) = default;
};

// A parsed rate setting: either a limit or "no limit". Errors are the nullopt around it.
struct RateLimit {
  std::optional<Rate> rate;  // nullopt: no limit
  bool unlimited() const { return !rate.has_value(); }
};

// Rate: "<count>/<duration>" with optional spaces around either part ("20 / 5m").
// No limit: false, 0, "0", "", "false", "none", "unlimited", "disable", "disabled",
// "never". A count of 0 in "0/1h" is an error (it would refuse everything; the message
// points to false).
std::optional<RateLimit> parse_rate(const toml::node& node, Diagnostics& diags);

// Boolean: a TOML bool, or exactly the strings "true" / "false".
std::optional<bool> parse_bool(const toml::node& node, Diagnostics& diags);

// An address with a prefix length: "10.0.0.0/8", "2001:db8::/32", or a bare address
// (= the full length). Prefixes 8-32 for IPv4 and 8-128 for IPv6 (section 5). Host bits
// below the prefix are ignored ("10.1.2.3/8" is 10.0.0.0/8).
struct IpMask {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in bytes[0..3]
  int prefix = 0;
  bool v6 = false;

  // From text; on failure nullopt, with `code` ("invalid-ip" / "invalid-prefix") and
  // `message` describing the problem.
  static std::optional<IpMask> parse(std::string_view text, std::string* code = nullptr,
                                     std::string* message = nullptr);

  // Whether a client address (text, as the proxy reports it) is inside the mask. An
  // IPv4-mapped IPv6 address (::ffff:1.2.3.4) is compared as IPv4 against an IPv4 mask.
  // Text that is not an address never matches.
  bool contains(std::string_view ip) const;
};

std::optional<IpMask> parse_ip_mask(const toml::node& node, Diagnostics& diags);

// A TOML string.
std::optional<std::string> parse_string(const toml::node& node, Diagnostics& diags);

// A TOML integer, or a string of a decimal integer, within [min, max].
std::optional<std::int64_t> parse_int(const toml::node& node, Diagnostics& diags,
                                      std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                      std::int64_t max = std::numeric_limits<std::int64_t>::max());

// A string (one element) or an array of strings (possibly empty).
std::optional<std::vector<std::string>> parse_string_list(const toml::node& node, Diagnostics& diags);

// An optional setting: none (is_none) gives an empty inner optional, otherwise `parse`
// (any of the parse_* above, or a lambda) decides; the outer nullopt is an error.
//   auto script = parse_optional(node, diags, parse_string);
template <typename Parse>
auto parse_optional(const toml::node& node, Diagnostics& diags, Parse&& parse)
    -> std::optional<std::optional<typename decltype(parse(node, diags))::value_type>> {
  using T = typename decltype(parse(node, diags))::value_type;
  if (is_none(node)) return std::optional<T>{};
  auto value = parse(node, diags);
  if (!value) return std::nullopt;
  return std::optional<T>{std::move(*value)};
}

}  // namespace sievegate::config
