#include "config/values.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "base/ascii.h"

namespace sievegate::config {

namespace {

constexpr const char* kDurationExpected = "expected <number><unit>, unit ms, s, m, h or d, e.g. \"30s\"";

std::string lower(std::string_view text) { return policy::ascii_lower(text); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// Decimal digits to an unsigned value; false on overflow (the caller checked the digits).
bool digits_to_u64(std::string_view digits, std::uint64_t& out) {
  std::uint64_t value = 0;
  for (char c : digits) {
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
    value = value * 10 + d;
  }
  out = value;
  return true;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

void wrong_type(const toml::node& node, Diagnostics& diags, std::string_view expected) {
  diags.error(position_of(node), "wrong-type",
              "expected " + std::string(expected) + ", found " + node_type_name(node));
}

}  // namespace

const char* node_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "floating-point number";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

bool is_none(const toml::node& node) {
  if (const auto* b = node.as_boolean()) return !b->get();
  if (const auto* i = node.as_integer()) return i->get() == 0;
  if (const auto* s = node.as_string()) {
    std::string word = lower(s->get());
    return word.empty() || word == "false" || word == "disable" || word == "disabled" || word == "never" ||
           word == "0";
  }
  return false;
}

// ---------------------------------------------------------------- durations

std::optional<std::chrono::milliseconds> parse_duration_text(std::string_view text, std::string& detail) {
  std::string_view t = trim(text);
  std::size_t digits = 0;
  while (digits < t.size() && is_digit(t[digits])) ++digits;
  std::string unit = lower(t.substr(digits));
  if (digits == 0) {
    detail = kDurationExpected;
    return std::nullopt;
  }
  std::uint64_t factor = 0;
  if (unit.empty() || unit == "ms") factor = 1;
  else if (unit == "s") factor = 1000;
  else if (unit == "m") factor = 60'000;
  else if (unit == "h") factor = 3'600'000;
  else if (unit == "d") factor = 86'400'000;
  if (factor == 0) {
    // "1h30m": a real unit followed by another number.
    std::size_t letters = 0;
    while (letters < unit.size() && unit[letters] >= 'a' && unit[letters] <= 'z') ++letters;
    std::string_view head(unit.data(), letters);
    bool known = head == "ms" || head == "s" || head == "m" || head == "h" || head == "d";
    if (known && letters < unit.size() && is_digit(unit[letters])) {
      detail = "compound durations are not supported: use one <number><unit>, e.g. \"90m\"";
    } else {
      detail = kDurationExpected;
    }
    return std::nullopt;
  }
  std::uint64_t value = 0;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::chrono::milliseconds::rep>::max());
  if (!digits_to_u64(t.substr(0, digits), value) || value > kMax / factor) {
    detail = "too large";
    return std::nullopt;
  }
  if (value == 0) {
    detail = "must be greater than zero; use false to turn the setting off where that is allowed";
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(value * factor));
}

std::optional<std::chrono::milliseconds> parse_duration(const toml::node& node, Diagnostics& diags) {
  if (const auto* i = node.as_integer()) {
    if (i->get() <= 0) {
      diags.error(position_of(node), "invalid-duration",
                  "invalid duration " + std::to_string(i->get()) +
                      " (must be greater than zero; use false to turn the setting off where that is allowed)");
      return std::nullopt;
    }
    return std::chrono::milliseconds(i->get());
  }
  const auto* s = node.as_string();
  if (!s) {
    wrong_type(node, diags, "a duration (a string such as \"30s\", or an integer of milliseconds)");
    return std::nullopt;
  }
  std::string detail;
  auto value = parse_duration_text(s->get(), detail);
  if (!value) diags.error(position_of(node), "invalid-duration", "invalid duration " + quoted(s->get()) + " (" + detail + ")");
  return value;
}

// ---------------------------------------------------------------- sizes, integers

std::optional<std::uint64_t> parse_size(const toml::node& node, Diagnostics& diags) {
  if (const auto* i = node.as_integer()) {
    if (i->get() < 0) {
      diags.error(position_of(node), "invalid-size", "invalid size " + std::to_string(i->get()) + " (must not be negative)");
      return std::nullopt;
    }
    return static_cast<std::uint64_t>(i->get());
  }
  const auto* s = node.as_string();
  if (!s) {
    wrong_type(node, diags, "a size in bytes (an integer such as 26214400)");
    return std::nullopt;
  }
  std::string_view text = trim(s->get());
  std::uint64_t value = 0;
  if (!all_digits(text)) {
    diags.error(position_of(node), "invalid-size",
                "invalid size " + quoted(s->get()) +
                    " (expected a whole number of bytes, e.g. 26214400; suffixes such as K, MB or GiB are not supported)");
    return std::nullopt;
  }
  if (!digits_to_u64(text, value)) {
    diags.error(position_of(node), "invalid-size", "invalid size " + quoted(s->get()) + " (too large)");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> parse_int(const toml::node& node, Diagnostics& diags, std::int64_t min, std::int64_t max) {
  std::int64_t value = 0;
  if (const auto* i = node.as_integer()) {
    value = i->get();
  } else if (const auto* s = node.as_string()) {
    std::string_view text = trim(s->get());
    bool negative = !text.empty() && text.front() == '-';
    std::string_view digits = negative ? text.substr(1) : text;
    std::uint64_t magnitude = 0;
    constexpr auto kMaxPositive = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!all_digits(digits) || !digits_to_u64(digits, magnitude) || magnitude > kMaxPositive + (negative ? 1 : 0)) {
      diags.error(position_of(node), "invalid-integer", "invalid integer " + quoted(s->get()) + " (expected a whole number)");
      return std::nullopt;
    }
    value = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  } else {
    wrong_type(node, diags, "an integer");
    return std::nullopt;
  }
  if (value < min || value > max) {
    std::string expected;
    if (max == std::numeric_limits<std::int64_t>::max()) {
      expected = "at least " + std::to_string(min);
    } else if (min == std::numeric_limits<std::int64_t>::min()) {
      expected = "at most " + std::to_string(max);
    } else {
      expected = std::to_string(min) + " to " + std::to_string(max);
    }
    diags.error(position_of(node), "out-of-range", "value " + std::to_string(value) + " out of range (expected " + expected + ")");
    return std::nullopt;
  }
  return value;
}

// ---------------------------------------------------------------- rates

std::optional<RateLimit> parse_rate(const toml::node& node, Diagnostics& diags) {
  if (is_none(node)) return RateLimit{};
  const auto* s = node.as_string();
  if (!s) {
    wrong_type(node, diags, "a rate (a string such as \"25/1h\", or false for no limit)");
    return std::nullopt;
  }
  const std::string& text = s->get();
  std::string word = lower(trim(text));
  if (word == "none" || word == "unlimited") return RateLimit{};
  auto invalid = [&](const std::string& detail) {
    diags.error(position_of(node), "invalid-rate", "invalid rate " + quoted(text) + " (" + detail + ")");
    return std::nullopt;
  };
  std::size_t slash = text.find('/');
  if (slash == std::string::npos) {
    return invalid("expected \"<count>/<duration>\", e.g. \"25/1h\", or false for no limit");
  }
  std::string_view count_text = trim(std::string_view(text).substr(0, slash));
  std::string_view period_text = trim(std::string_view(text).substr(slash + 1));
  std::uint64_t count = 0;
  if (!all_digits(count_text)) {
    return invalid("count " + quoted(count_text) + " is not a whole number; expected \"<count>/<duration>\", e.g. \"25/1h\"");
  }
  if (!digits_to_u64(count_text, count)) return invalid("count too large");
  if (count == 0) return invalid("count must be at least 1; use false for no limit");
  std::string detail;
  auto period = parse_duration_text(period_text, detail);
  if (!period) return invalid("duration " + quoted(period_text) + ": " + detail);
  return RateLimit{Rate{count, *period}};
}

// ---------------------------------------------------------------- booleans, strings

std::optional<bool> parse_bool(const toml::node& node, Diagnostics& diags) {
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* s = node.as_string()) {
    if (s->get() == "true") return true;
    if (s->get() == "false") return false;
    diags.error(position_of(node), "invalid-bool", "invalid boolean " + quoted(s->get()) + " (expected true or false)");
    return std::nullopt;
  }
  wrong_type(node, diags, "a boolean (true or false)");
  return std::nullopt;
}

std::optional<std::string> parse_string(const toml::node& node, Diagnostics& diags) {
  if (const auto* s = node.as_string()) return s->get();
  wrong_type(node, diags, "a string");
  return std::nullopt;
}

std::optional<std::vector<std::string>> parse_string_list(const toml::node& node, Diagnostics& diags) {
  if (const auto* s = node.as_string()) return std::vector<std::string>{s->get()};
  const auto* array = node.as_array();
  if (!array) {
    wrong_type(node, diags, "a string or an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const toml::node& element : *array) {
    if (const auto* s = element.as_string()) {
      out.push_back(s->get());
    } else {
      wrong_type(element, diags, "a string");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

// ---------------------------------------------------------------- IP masks

std::optional<IpMask> IpMask::parse(std::string_view text, std::string* code, std::string* message) {
  auto fail = [&](const char* c, std::string m) {
    if (code) *code = c;
    if (message) *message = std::move(m);
    return std::nullopt;
  };
  std::string_view t = trim(text);
  std::size_t slash = t.find('/');
  std::string address(t.substr(0, slash));
  IpMask mask;
  if (inet_pton(AF_INET, address.c_str(), mask.bytes.data()) == 1) {
    mask.v6 = false;
  } else if (inet_pton(AF_INET6, address.c_str(), mask.bytes.data()) == 1) {
    mask.v6 = true;
  } else {
    return fail("invalid-ip", "invalid IP address " + quoted(text) +
                                  " (expected an IPv4 or IPv6 address with an optional /prefix, e.g. \"10.0.0.0/8\")");
  }
  int bits = mask.v6 ? 128 : 32;
  mask.prefix = bits;
  if (slash != std::string_view::npos) {
    std::string_view prefix = t.substr(slash + 1);
    std::uint64_t value = 0;
    if (!all_digits(prefix) || prefix.size() > 3 || !digits_to_u64(prefix, value) || value < 8 ||
        value > static_cast<std::uint64_t>(bits)) {
      return fail("invalid-prefix", "invalid prefix in " + quoted(text) + " (expected 8 to " + std::to_string(bits) +
                                        (mask.v6 ? " for IPv6)" : " for IPv4)"));
    }
    mask.prefix = static_cast<int>(value);
  }
  // Clear the host bits so comparisons only look at the network part.
  for (int i = 0; i < 16; ++i) {
    int keep = std::clamp(mask.prefix - i * 8, 0, 8);
    mask.bytes[static_cast<std::size_t>(i)] &= static_cast<std::uint8_t>(0xff00 >> keep);
  }
  return mask;
}

bool IpMask::contains(std::string_view ip) const {
  std::string text(trim(ip));
  std::array<std::uint8_t, 16> address{};
  const std::uint8_t* candidate = nullptr;
  if (inet_pton(AF_INET, text.c_str(), address.data()) == 1) {
    if (v6) return false;
    candidate = address.data();
  } else if (inet_pton(AF_INET6, text.c_str(), address.data()) == 1) {
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (v6) {
      candidate = address.data();
    } else if (std::memcmp(address.data(), kMapped, sizeof kMapped) == 0) {
      candidate = address.data() + 12;
    } else {
      return false;
    }
  } else {
    return false;
  }
  for (int i = 0; i < 16 && i * 8 < prefix; ++i) {
    int keep = std::min(prefix - i * 8, 8);
    auto byte_mask = static_cast<std::uint8_t>(0xff00 >> keep);
    if ((candidate[i] & byte_mask) != bytes[static_cast<std::size_t>(i)]) return false;
  }
  return true;
}

std::optional<IpMask> parse_ip_mask(const toml::node& node, Diagnostics& diags) {
  const auto* s = node.as_string();
  if (!s) {
    wrong_type(node, diags, "an IP address or network (a string such as \"10.0.0.0/8\")");
    return std::nullopt;
  }
  std::string code, message;
  auto mask = IpMask::parse(s->get(), &code, &message);
  if (!mask) diags.error(position_of(node), code, message);
  return mask;
}

}  // namespace sievegate::config
