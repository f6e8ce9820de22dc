// What the interpreter offers the execution of an extension's command or test (the
// execute hook on its registry entry): string expansion, matching, the ActionSet, the
// message and its cached header fields, variables, flags and the run's limits. The
// interpreter keeps the instruction loop; extensions receive this context.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/program/program.h"
#include "sieve/runtime/interpreter.h"

namespace sievegate::policy {

class ExecContext {
 public:
  // ------------------------------------------------------------ strings and matching
  virtual std::string expand(const StringTemplate& t) = 0;
  virtual std::vector<std::string> expand(const StringList& list) = 0;
  // The first string of an optional argument, expanded (nullopt when absent).
  std::optional<std::string> expand_first(const StringList& list) {
    if (list.empty()) return std::nullopt;
    return expand(list[0]);
  }
  // Compares values with keys under the operand's comparator and match type (RFC 5228
  // 2.7), setting the match variables as the interpreter does.
  virtual bool match(const Operand& op, const std::vector<std::string>& values,
                     const StringList& keys) = 0;

  // ------------------------------------------------------------ results
  // Records an action at the current command (false: a conflict ended the run).
  virtual bool add(Action action) = 0;
  // Ends the run with a run-time error at the current command; returns false.
  virtual bool error(std::string message) = 0;
  // Ends the run with RunStatus::kLimit ("what" was exceeded).
  [[noreturn]] virtual void limit_reached(std::string what) = 0;
  virtual ActionSet& result() = 0;

  // ------------------------------------------------------------ the run
  virtual RunContext& context() = 0;
  virtual Host& host() = 0;
  virtual const Program& program() const = 0;
  virtual std::uint64_t executed() const = 0;  // instructions so far

  // ------------------------------------------------------------ the message
  message::Message* message() { return context().message; }
  // A header field's values, cached for the run (decoded, or raw for address parsing).
  virtual const std::vector<std::string>& header_values(std::string_view name,
                                                        bool decode = true) = 0;
  // The current MIME part of the innermost foreverypart loop, if inside one.
  virtual std::optional<std::size_t> current_part() const = 0;
  // Makes `raw` the message the rest of the script sees.
  virtual void install_message(std::string raw) = 0;
  // The message was changed in place: cached header values are stale.
  virtual void message_edited() = 0;

  // ------------------------------------------------------------ variables and flags
  virtual std::string variable_value(const std::string& name) = 0;
  // Assigns the variable named by the operand's first positional (its slot).
  virtual void assign(const Operand& op, std::string value) = 0;
  virtual std::vector<std::string>& internal_flags() = 0;

 protected:
  ~ExecContext() = default;
};

}  // namespace sievegate::policy
