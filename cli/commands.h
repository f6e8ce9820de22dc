// The sievegate subcommands (cli.md is the contract: names, formats, exit codes).
#pragma once

#include <string>
#include <string_view>

namespace sievegate::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the script/config has errors
inline constexpr int kExitUsage = 2;        // usage error, unreadable file, internal failure

// One diagnostic as a text line, the form compilers use (cli.md):
// `path:line:column: severity: message`. Line 0 means no position: the message is about
// the whole file (it could not be read), `path: message`.
inline std::string diagnostic_line(std::string_view path, long line, long column, std::string_view severity,
                                   std::string_view message) {
  std::string out(path);
  if (line > 0) {
    out += ':' + std::to_string(line) + ':' + std::to_string(column) + ": ";
    out += severity;
  }
  out += ": ";
  out += message;
  out += '\n';
  return out;
}

int lint_main(int argc, char** argv);
int run_main(int argc, char** argv);
int serve_main(int argc, char** argv);
int check_config_main(int argc, char** argv);

}  // namespace sievegate::cli
