// `sievegate serve --config FILE` runs the proxy in the foreground with the Sieve script
// of every stage in effect; `sievegate check-config FILE` checks the same file and every
// script it names without starting anything (cli.md). Both read it with
// config::load_config, so what check-config accepts is what serve runs.
#include <csignal>
#include <iostream>
#include <string>

#include "base/diagnostic_print.h"
#include "cli/commands.h"
#include "config/loader.h"
#include "proxy/server.h"

namespace sievegate::cli {
namespace {

constexpr const char* kServeUsage =
    "usage: sievegate serve --config FILE\n"
    "\n"
    "Run the SMTP policy proxy in the foreground. SIGTERM or SIGINT stops accepting and\n"
    "lets sessions finish ([server] shutdown-grace); SIGHUP reloads the configuration for\n"
    "new sessions (a configuration with errors is refused and the running one stays).\n";

constexpr const char* kCheckUsage =
    "usage: sievegate check-config [--format text|json] FILE\n"
    "\n"
    "Check a configuration file and every Sieve script it names: TOML, keys, values,\n"
    "rules, scripts (inline ones reported at their place in the config), scripts that\n"
    "use actions their stage cannot carry out. The backend is not contacted.\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.\n";

void print_reports(const config::LoadedConfig& loaded, std::ostream& out) {
  for (const base::Diagnostic& d : loaded.reports) out << base::diagnostic_text(d);
}

// serve's reports: file:line:column lines with a text log, log events with a JSON log
// (so that a log shipper reading JSON lines never meets a line it cannot parse).
void report_to_log(const config::LoadedConfig& loaded, const proxy::Log* log) {
  if (log == nullptr || log->format() != proxy::Log::Format::kJson) {
    print_reports(loaded, std::cerr);
    return;
  }
  for (const base::Diagnostic& d : loaded.reports) {
    log->event(d.severity == base::Severity::kError ? proxy::Log::Level::kError : proxy::Log::Level::kWarn, "config",
               {{"file", d.file}, proxy::Log::Field("line", std::to_string(d.pos.line), true),
                proxy::Log::Field("column", std::to_string(d.pos.column), true), {"code", d.code}, {"message", d.message}});
  }
}

// cli.md's diagnostics document, one entry per file.
std::string reports_json(const config::LoadedConfig& loaded) {
  return base::diagnostics_json(base::group_by_file(loaded.reports));
}

// The server's view of a loaded configuration: the Sieve policy for every stage.
std::shared_ptr<proxy::StagePolicy> stage_policy(const config::LoadedConfig& loaded) {
  return std::make_shared<config::SievePolicy>(loaded.sieve);
}

}  // namespace

int check_config_main(int argc, char** argv) {
  std::string path;
  bool json = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kCheckUsage;
      return kExitOk;
    }
    if (arg == "--format" && i + 1 < argc) {
      std::string f = argv[++i];
      if (f != "text" && f != "json") {
        std::cerr << "sievegate check-config: unknown format '" << f << "' (text or json)\n";
        return kExitUsage;
      }
      json = f == "json";
    } else if (path.empty() && (arg.empty() || arg[0] != '-')) {
      path = arg;
    } else {
      std::cerr << "sievegate check-config: unexpected argument '" << arg << "'\n" << kCheckUsage;
      return kExitUsage;
    }
  }
  if (path.empty()) {
    std::cerr << "sievegate check-config: a FILE is required\n" << kCheckUsage;
    return kExitUsage;
  }
  config::LoadedConfig loaded = config::load_config(path);
  if (loaded.read_error != 0) {
    // A system failure: said on stderr (cli.md), and in the JSON document as an error
    // without a position.
    print_reports(loaded, std::cerr);
    if (json) std::cout << reports_json(loaded);
    return kExitUsage;
  }
  if (json) std::cout << reports_json(loaded);
  else print_reports(loaded, std::cout);
  return loaded.ok() ? kExitOk : kExitInputErrors;
}

int serve_main(int argc, char** argv) {
  std::string config_path;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kServeUsage;
      return kExitOk;
    }
    if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else {
      std::cerr << "sievegate serve: unexpected argument '" << arg << "'\n" << kServeUsage;
      return kExitUsage;
    }
  }
  if (config_path.empty()) {
    std::cerr << "sievegate serve: --config is required\n" << kServeUsage;
    return kExitUsage;
  }
  config::LoadedConfig loaded = config::load_config(config_path);
  report_to_log(loaded, loaded.server.log.get());
  if (loaded.read_error != 0) return kExitUsage;
  if (!loaded.ok()) return kExitInputErrors;

  // Block the signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::shared_ptr<const proxy::Log> log = loaded.server.log;
  std::chrono::milliseconds grace = loaded.shutdown_grace;
  proxy::Server server(loaded.server, stage_policy(loaded));
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "sievegate serve: " << e.what() << "\n";
    return kExitUsage;
  }
  std::string binds;
  for (const proxy::ListenerConfig& l : loaded.server.listeners) {
    for (const std::string& b : l.binds) binds += (binds.empty() ? "" : " ") + b + (l.implicit_tls ? " (tls)" : "");
  }
  std::string backend = loaded.server.backend_host + ":" + std::to_string(loaded.server.backend_port);
  std::string scripts;
  for (const auto& [name, program] : loaded.sieve->programs) scripts += (scripts.empty() ? "" : ",") + name;
  log->event(proxy::Log::Level::kInfo, "started", {{"listen", binds}, {"backend", backend}, {"scripts", scripts}});
  while (true) {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == SIGHUP) {
      // Reload for new sessions; a config with errors is refused and the old one stays.
      config::LoadedConfig fresh = config::load_config(config_path);
      report_to_log(fresh, log.get());  // in the running log's format
      std::string error;
      if (!fresh.ok()) {
        log->event(proxy::Log::Level::kError, "reload",
                   {{"result", "refused"}, {"error", "the configuration has errors (above); the running configuration stays"}});
      } else if (!server.reload(fresh.server, stage_policy(fresh), error)) {
        log->event(proxy::Log::Level::kError, "reload", {{"result", "refused"}, {"error", error}});
      } else {
        grace = fresh.shutdown_grace;
        log->event(proxy::Log::Level::kInfo, "reload", {{"result", "ok"}});
        server.probe_backends();  // the next hops may have changed, or their extensions
      }
      continue;
    }
    // SIGTERM/SIGINT: stop accepting; sessions get `grace` to finish.
    log->event(proxy::Log::Level::kInfo, "stopping",
               {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"},
                proxy::Log::Field("sessions", std::to_string(server.live_sessions()), true),
                proxy::Log::Field("grace_ms", std::to_string(grace.count()), true)});
    server.stop(grace);
    log->event(proxy::Log::Level::kInfo, "stopped", {});
    return kExitOk;
  }
}

}  // namespace sievegate::cli
