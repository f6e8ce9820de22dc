// The sievegate subcommands (cli.md is the contract: names, formats, exit codes).
#pragma once

namespace sievegate::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the script/config has errors
inline constexpr int kExitUsage = 2;        // usage error, unreadable file, internal failure

int lint_main(int argc, char** argv);
int run_main(int argc, char** argv);
int serve_main(int argc, char** argv);
int check_config_main(int argc, char** argv);

}  // namespace sievegate::cli
