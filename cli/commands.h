// The sievegate subcommands (cli.md is the contract: names, formats, exit codes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/diagnostic_print.h"

namespace sievegate::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the script/config has errors
inline constexpr int kExitUsage = 2;        // usage error, unreadable file, internal failure

// One diagnostic as a text line from its parts (cli.md): base::diagnostic_text, for
// callers that do not hold a base::Diagnostic. `severity` is "error" or "warning"; line
// 0 means no position: the message is about the whole file, `path: message`.
inline std::string diagnostic_line(std::string_view path, long line, long column, std::string_view severity,
                                   std::string_view message) {
  return base::diagnostic_text(base::Diagnostic(
      severity == "warning" ? base::Severity::kWarning : base::Severity::kError,
      base::SourcePos{static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)}, "", std::string(message),
      std::string(path)));
}

int lint_main(int argc, char** argv);
int run_main(int argc, char** argv);
int serve_main(int argc, char** argv);
int check_config_main(int argc, char** argv);

}  // namespace sievegate::cli
