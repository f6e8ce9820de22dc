// The check stage: Ast -> CheckedScript, validating the script against the registry.
//
// Generic rules (RFC 5228 2.6-2.7, 3, 8.2) are applied to every command and test from its
// CommandSpec: require placement and capabilities, known names ("did you mean"), tags and
// their groups, positional argument count and types, sub-tests and blocks, if/elsif/else
// order. Extension-specific rules run as CheckFn hooks with a CheckContext. Strings are
// checked for `${...}` variable syntax (RFC 5229) and decoded for encoded-character.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/front/ast.h"
#include "sieve/front/diagnostic.h"
#include "sieve/extensions/registry.h"

namespace sievegate::policy {

struct CheckedScript {
  Ast ast;                             // encoded-character sequences decoded
  std::set<std::string> capabilities;  // required, with implied ones added
};

struct CheckResult {
  CheckedScript script;
  Diagnostics diagnostics;  // errors make `script` unusable
};

CheckResult check(Ast ast, const Registry& registry = Registry::standard());

// What an extension's CheckFn sees of the command or test being checked.
class CheckContext {
 public:
  virtual ~CheckContext() = default;

  virtual const Registry& registry() const = 0;
  virtual const std::string& name() const = 0;
  virtual SourcePos pos() const = 0;
  virtual bool is_test() const = 0;

  // The tag argument `:name` if given (nullptr otherwise) and the argument it took.
  virtual const Argument* tag(std::string_view name) const = 0;
  virtual const Argument* tag_parameter(std::string_view name) const = 0;
  // The positional argument declared under `name` in the spec (nullptr if omitted).
  virtual const Argument* positional(std::string_view name) const = 0;
  // Sub-tests and block of the node.
  virtual const std::vector<Test>& tests() const = 0;

  // Whether `capability` is in effect here (required, implied, or guarded by ihave).
  virtual bool has(std::string_view capability) const = 0;
  // The value of a string if it is known before run time (no variable references when
  // "variables" is in effect).
  virtual std::optional<std::string> constant(const StringLiteral& s) const = 0;
  // Names of the enclosing commands, innermost last (e.g. foreverypart).
  virtual const std::vector<const Command*>& enclosing() const = 0;

  // Records a variable the script assigns; false once there are too many.
  virtual bool declare_variable(const std::string& lower_name) = 0;
  virtual void error(SourcePos pos, std::string code, std::string message) = 0;
  virtual void warning(SourcePos pos, std::string code, std::string message) = 0;
};

// Shared helpers for checks.
std::string quote(std::string_view s);  // "value" with escapes, for messages
// Levenshtein-based suggestion among `candidates`, or "" if none is close enough.
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sievegate::policy
