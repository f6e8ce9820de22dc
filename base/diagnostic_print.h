// The two forms every command prints diagnostics in (cli.md, "Diagnostics"): one text
// line each, as compilers write them so that editors can jump to the place, and one
// JSON document for tools. lint, check-config and serve print through these alone.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace sievegate::base {

// `file:line:column: severity: message` and a line break; a diagnostic at line 0 is
// about the whole file and reads `file: message` ("a.sieve: cannot read: ...").
std::string diagnostic_text(const Diagnostic& diagnostic);

// One file's entry in the JSON document: its diagnostics in the order given (their own
// `file` is not printed; `path` is). A file may have none.
struct FileDiagnostics {
  std::string path;
  Diagnostics diagnostics;
};

// Groups by Diagnostic::file: files in sorted order, each one's diagnostics in the order
// they come in `diagnostics`.
std::vector<FileDiagnostics> group_by_file(const Diagnostics& diagnostics);

// {"files": [{"path": ..., "diagnostics": [{"severity", "line", "column", "code",
// "message"}, ...]}, ...], "errors": N, "warnings": N} and a line break; the counts are
// over every file's diagnostics.
std::string diagnostics_json(const std::vector<FileDiagnostics>& files);

}  // namespace sievegate::base
