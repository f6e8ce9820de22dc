// `sievegate lint [--format text|json] PATH...`: check Sieve scripts.
//
// PATH is a file, a directory (every *.sieve below it, in sorted order) or "-" for
// standard input. Text output is one `path:line:col: severity: message` line per
// diagnostic; JSON output is one document (cli.md). Exit 0: no errors; 1: errors in a
// script; 2: usage error or unreadable input.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "base/diagnostic_print.h"
#include "base/file.h"
#include "cli/commands.h"
#include "sieve/front/ast_builder.h"
#include "sieve/sieve.h"

namespace sievegate::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: sievegate lint [--format text|json] [--dump-ast] PATH...\n"
    "\n"
    "Check Sieve scripts (RFC 5228 and extensions) and report every error and warning.\n"
    "PATH is a file, a directory (all *.sieve files below it) or - for standard input.\n"
    "\n"
    "  --format text   one 'file:line:column: severity: message' line per problem (default)\n"
    "  --format json   one JSON document: {\"files\": [...], \"errors\": N, \"warnings\": N}\n"
    "  --dump-ast      print the syntax tree of each valid script (text format only)\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or\n"
    "unreadable file.\n";

// Expands PATH arguments into the list of scripts; false on an unusable folder. Any
// other path is a script: one that cannot be read says why when it is read.
bool collect(const std::string& arg, std::vector<std::string>& files) {
  std::error_code ec;
  if (arg == "-" || !fs::is_directory(arg, ec)) {
    files.push_back(arg);
    return true;
  }
  std::vector<std::string> found;
  for (auto it = fs::recursive_directory_iterator(arg, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".sieve") {
      found.push_back(it->path().string());
    }
  }
  if (ec) {
    std::cerr << base::diagnostic_text(base::cannot_read(arg, ec.message()));
    return false;
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

}  // namespace

int lint_main(int argc, char** argv) {
  bool json = false;
  bool dump_ast = false;
  std::vector<std::string> paths;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    } else if (arg == "--format" || arg.rfind("--format=", 0) == 0) {
      std::string value;
      if (arg == "--format") {
        if (i + 1 >= argc) {
          std::cerr << "sievegate lint: --format needs a value (text or json)\n" << kUsage;
          return kExitUsage;
        }
        value = argv[++i];
      } else {
        value = arg.substr(9);
      }
      if (value != "text" && value != "json") {
        std::cerr << "sievegate lint: unknown format '" << value << "' (text or json)\n";
        return kExitUsage;
      }
      json = value == "json";
    } else if (arg == "--dump-ast") {
      dump_ast = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::cerr << "sievegate lint: unknown option '" << arg << "'\n" << kUsage;
      return kExitUsage;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "sievegate lint: no script given\n" << kUsage;
    return kExitUsage;
  }

  bool usage_failure = false;
  std::vector<std::string> files;
  for (const std::string& p : paths) usage_failure |= !collect(p, files);

  std::vector<base::FileDiagnostics> reports;
  std::size_t errors = 0;
  for (const std::string& file : files) {
    base::FileDiagnostics report{file == "-" ? "<stdin>" : file, {}};
    base::FileText text = file == "-" ? base::read_fd(0) : base::read_file(file);
    if (!text.ok()) {
      // A system failure (exit 2, said on stderr); the JSON document has it too, as an
      // error without a position.
      base::Diagnostic d = base::cannot_read(report.path, text.reason());
      std::cerr << base::diagnostic_text(d);
      usage_failure = true;
      ++errors;
      report.diagnostics.push_back(std::move(d));
      reports.push_back(std::move(report));
      continue;
    }
    const std::string& source = text.text;
    // Included scripts are looked up next to the script (for stdin: the current folder),
    // as `include` names scripts of the same owner (RFC 6609 2), and checked too.
    std::string dir = file == "-" ? "." : std::filesystem::path(file).parent_path().string();
    if (dir.empty()) dir = ".";
    policy::DirectoryScriptStore store(dir, dir);
    policy::CompileResult compiled = policy::compile(source, policy::Registry::standard(), &store);
    report.diagnostics = std::move(compiled.diagnostics);
    for (base::Diagnostic& d : report.diagnostics) d.file = report.path;
    errors += base::count_errors(report.diagnostics);
    if (!json) {
      for (const base::Diagnostic& d : report.diagnostics) std::cout << base::diagnostic_text(d);
      if (dump_ast && !policy::has_errors(report.diagnostics)) {
        std::cout << policy::dump(policy::check_source(source).script.ast);
      }
    }
    reports.push_back(std::move(report));
  }
  if (json) std::cout << base::diagnostics_json(reports);
  std::cout.flush();
  if (usage_failure) return kExitUsage;
  return errors > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace sievegate::cli
