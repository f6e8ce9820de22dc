// Diagnostics: mistakes in a user's script (or config) as values, never exceptions.
//
// Every stage of the front end (parse, check) appends Diagnostic values to a list so one
// run reports many problems. System failures (unreadable file, I/O) are not diagnostics;
// callers report those separately.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sievegate::policy {

// A position in a script: 1-based line and 1-based column counted in code points
// (not bytes), the form editors and compilers use. Zero means "unknown".
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Severity {
  kError,    // the script is invalid and will not be loaded
  kWarning,  // the script loads, but something is likely not what the author meant
};

struct Diagnostic {
  Severity severity = Severity::kError;
  SourcePos pos;
  std::string code;     // stable machine-readable kind, e.g. "unknown-test"
  std::string message;  // human-readable, complete sentence fragment without trailing dot
};

using Diagnostics = std::vector<Diagnostic>;

const char* severity_name(Severity severity);

inline bool has_errors(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

}  // namespace sievegate::policy
