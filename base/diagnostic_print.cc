#include "base/diagnostic_print.h"

#include <map>

#include "base/json.h"

namespace sievegate::base {

std::string diagnostic_text(const Diagnostic& diagnostic) {
  std::string out = diagnostic.file;
  if (diagnostic.pos.line > 0) {
    out += ':' + std::to_string(diagnostic.pos.line) + ':' + std::to_string(diagnostic.pos.column) + ": ";
    out += severity_text(diagnostic.severity);
  }
  out += ": ";
  out += diagnostic.message;
  out += '\n';
  return out;
}

std::vector<FileDiagnostics> group_by_file(const Diagnostics& diagnostics) {
  std::map<std::string, Diagnostics> by_file;
  for (const Diagnostic& d : diagnostics) by_file[d.file].push_back(d);
  std::vector<FileDiagnostics> files;
  for (auto& [path, list] : by_file) files.push_back({path, std::move(list)});
  return files;
}

std::string diagnostics_json(const std::vector<FileDiagnostics>& files) {
  std::size_t errors = 0, warnings = 0;
  std::string out = "{\"files\": [";
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i > 0) out += ", ";
    out += "{\"path\": ";
    append_json_string(out, files[i].path);
    out += ", \"diagnostics\": [";
    const Diagnostics& list = files[i].diagnostics;
    for (std::size_t k = 0; k < list.size(); ++k) {
      const Diagnostic& d = list[k];
      (d.severity == Severity::kError ? errors : warnings)++;
      if (k > 0) out += ", ";
      out += "{\"severity\": ";
      append_json_string(out, severity_text(d.severity));
      out += ", \"line\": " + std::to_string(d.pos.line) + ", \"column\": " + std::to_string(d.pos.column) +
             ", \"code\": ";
      append_json_string(out, d.code);
      out += ", \"message\": ";
      append_json_string(out, d.message);
      out += "}";
    }
    out += "]}";
  }
  out += "], \"errors\": " + std::to_string(errors) + ", \"warnings\": " + std::to_string(warnings) + "}\n";
  return out;
}

}  // namespace sievegate::base
