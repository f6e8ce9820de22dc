// Helpers for the policy unit tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "sieve/sieve.h"

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

// A table-driven test row: a script and the exact text `fn(script)` must give.
struct Row {
  const char* script;
  const char* expected;
};

template <typename Fn>
void check_rows(const std::vector<Row>& rows, Fn fn) {
  for (const Row& row : rows) {
    INFO(row.script);
    CHECK(fn(row.script) == row.expected);
  }
}

}  // namespace sievegate::policy::testing
