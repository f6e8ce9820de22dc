// The public face of the Sieve policy subsystem.
//
// Front end today: check_source() runs parse -> check and returns the checked script
// with every diagnostic. The compile/run stages (Program, interpreter) build on it.
#pragma once

#include <string_view>

#include "policy/ast.h"
#include "policy/checker.h"
#include "policy/diagnostic.h"

namespace sievegate::policy {

// Parses and checks one script. Diagnostics are ordered by position; the script is
// usable only when none of them is an error.
CheckResult check_source(std::string_view source, const Registry& registry = Registry::standard());

}  // namespace sievegate::policy
