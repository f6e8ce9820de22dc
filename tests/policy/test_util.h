// Helpers for the policy unit tests.
#pragma once

#include <string>
#include <string_view>

#include "policy/policy.h"

namespace sievegate::policy::testing {

// All diagnostics of a script, one "line:col: severity: message" per line.
inline std::string diagnostics_of(std::string_view source) {
  CheckResult result = check_source(source);
  std::string out;
  for (const Diagnostic& d : result.diagnostics) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
           severity_name(d.severity) + ": " + d.message + "\n";
  }
  return out;
}

inline bool is_valid(std::string_view source) {
  return !has_errors(check_source(source).diagnostics);
}

}  // namespace sievegate::policy::testing
