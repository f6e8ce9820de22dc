// The public face of the Sieve policy subsystem.
//
// check_source() runs parse -> check (the linter's work); compile() runs parse ->
// check -> generate and returns a shared, immutable Program; run() (interpreter.h)
// executes it.
#pragma once

#include <memory>
#include <string_view>

#include "policy/ast.h"
#include "policy/checker.h"
#include "policy/diagnostic.h"
#include "policy/interpreter.h"
#include "policy/program.h"

namespace sievegate::policy {

// Parses and checks one script. Diagnostics are ordered by position; the script is
// usable only when none of them is an error.
CheckResult check_source(std::string_view source, const Registry& registry = Registry::standard());

struct CompileResult {
  std::shared_ptr<const Program> program;  // null when the script has errors
  Diagnostics diagnostics;
};

// Parses, checks and generates one script.
CompileResult compile(std::string_view source, const Registry& registry = Registry::standard());

}  // namespace sievegate::policy
