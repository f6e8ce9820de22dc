// Diagnostics: mistakes in a user's input (a Sieve script, the config file) as values,
// never exceptions, so that one check reports every problem it finds. The Sieve front
// end, the config loader and the CLI all use this one type; base/diagnostic_print.h
// prints it (text for people and editors, JSON for tools).
//
// System failures are not mistakes in the input: a file that cannot be read is a value
// with the OS's reason (base/file.h); cannot_read() turns it into the diagnostic the
// CLI reports ("PATH: cannot read: <reason>", no position).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sievegate::base {

// A position in a file: 1-based line and 1-based column counted in code points (not
// bytes), the form editors and compilers use. Zero means "unknown": a diagnostic at
// line 0 is about the whole file.
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Severity {
  kError,    // the input is invalid and will not be used
  kWarning,  // the input is used, but something is likely not what the author meant
};

// "error" or "warning", the word every printer writes. (Not `severity_name`: the Sieve
// front end defines policy::severity_name, and both would be found for a Severity.)
constexpr const char* severity_text(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

struct Diagnostic {
  // A constructor rather than an aggregate so that {severity, pos, code, message}, the
  // form the checkers write, leaves `file` empty without a missing-initializer warning.
  Diagnostic() = default;
  Diagnostic(Severity severity_, SourcePos pos_, std::string code_, std::string message_, std::string file_ = {})
      : severity(severity_), pos(pos_), code(std::move(code_)), message(std::move(message_)), file(std::move(file_)) {}

  Severity severity = Severity::kError;
  SourcePos pos;
  std::string code;     // stable machine-readable kebab-case kind, e.g. "unknown-test"
  std::string message;  // human-readable, what is wrong and what is expected; no final dot
  std::string file;     // the file it is about, where the reporter knows it ("" otherwise)
};

using Diagnostics = std::vector<Diagnostic>;

inline std::size_t count_errors(const Diagnostics& diagnostics) {
  std::size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == Severity::kError ? 1 : 0;
  return n;
}

inline bool has_errors(const Diagnostics& diagnostics) { return count_errors(diagnostics) > 0; }

// A file that could not be read (`reason`: strerror's text, FileText::reason()): an
// error about the whole file, code "unreadable".
inline Diagnostic cannot_read(std::string path, const std::string& reason) {
  return Diagnostic(Severity::kError, {}, "unreadable", "cannot read: " + reason, std::move(path));
}

}  // namespace sievegate::base
