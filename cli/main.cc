// The `sievegate` command: dispatches to the subcommands of cli.md.
#include <cstring>
#include <iostream>
#include <string>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage =
    "usage: sievegate <command> [options]\n"
    "\n"
    "Commands:\n"
    "  lint [--format text|json] PATH...   check Sieve scripts (files, dirs of *.sieve, -)\n"
    "  serve --config FILE                 run the SMTP proxy with the Sieve script of every stage\n"
    "  run --script FILE [options]         run a script against a message, offline\n"
    "  check-config [--format text|json] FILE   check a config file and every script it names\n"
    "\n"
    "  sievegate --help | --version | <command> --help\n"
    "\n"
    "Exit status: 0 success, 1 the input has errors, 2 usage error or internal failure.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace sievegate::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "sievegate " << SIEVEGATE_VERSION << "\n";
    return kExitOk;
  }
  if (command == "lint") return lint_main(argc - 2, argv + 2);
  if (command == "run") return run_main(argc - 2, argv + 2);
  if (command == "serve") return serve_main(argc - 2, argv + 2);
  if (command == "check-config") return check_config_main(argc - 2, argv + 2);
  std::cerr << "sievegate: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}
