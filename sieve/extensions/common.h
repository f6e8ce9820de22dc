// Helpers shared by the extension files: reading constant arguments and the checks that
// several extensions apply (header field names, variable names, addresses).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/front/checker.h"

namespace sievegate::policy::extensions {

// The constant value of a single-string argument, if it has one.
std::optional<std::string> constant_string(const CheckContext& ctx, const Argument* arg);

// Calls `fn(literal, value)` for each constant string of a string-list argument.
template <typename Fn>
void for_each_constant(const CheckContext& ctx, const Argument* arg, Fn fn) {
  if (arg == nullptr) return;
  for (const StringLiteral& s : arg->strings) {
    if (auto value = ctx.constant(s)) fn(s, *value);
  }
}

// RFC 5322 3.6.8: field-name = 1*ftext (printable US-ASCII except ':').
bool is_field_name(std::string_view name);
// Reports every constant string of `arg` that is not a valid header field name, as an
// error (editheader: the name is written into the message) or a warning (tests: such a
// header can never match; Pigeonhole warns too).
void check_field_names(CheckContext& ctx, const Argument* arg, bool as_error = true);

// Reports an invalid variable name (RFC 5229 3-4) in `arg` (a string or string list).
void check_variable_names(CheckContext& ctx, const Argument* arg);

// RFC 5322 3.4.1 addr-spec. `allow_utf8`: RFC 6532 UTF-8 in atoms.
bool is_addr_spec(std::string_view address, bool allow_utf8 = true);
// An addr-spec, "<addr-spec>" or "Display Name <addr-spec>" (RFC 5322 3.4 mailbox).
bool is_mailbox(std::string_view address, bool allow_utf8 = true);

// The RFC 5229 4.1 modifiers of `set`, which extracttext (RFC 5703 7) takes as well.
void add_set_modifiers(CommandBuilder& command);

// RFC 6068 mailto URI after "mailto:": "" when valid, else what is wrong (enotify).
std::string mailto_problem(std::string_view rest);

// Case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b);
std::string lower(std::string_view s);

}  // namespace sievegate::policy::extensions
