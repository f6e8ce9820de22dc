// `sievegate serve --config FILE`: run the proxy in the foreground.
//
// PARTIAL: this reads the keys the proxy needs today (config.md names: [server],
// [server.listener.*], [remote.*], [relay], [session] limits). The full Stalwart-style
// configuration with rules, scripts per stage and check-config is the next issue;
// until then other keys are reported as not yet supported and the policy is permissive.
#include <csignal>
#include <iostream>
#include <string>

#include <toml++/toml.h>

#include "cli/commands.h"
#include "proxy/server.h"

namespace sievegate::cli {
namespace {

constexpr const char* kUsage =
    "usage: sievegate serve --config FILE\n"
    "\n"
    "Run the SMTP policy proxy in the foreground until SIGTERM or SIGINT.\n";

// Stalwart durations (stalwart-stages.md 5): "<n><unit>", units ms s m h d, no unit = ms.
bool parse_duration(const toml::node& node, std::chrono::milliseconds& out, std::string& error) {
  if (auto n = node.value<std::int64_t>()) {
    if (*n <= 0) {
      error = "a duration must be positive";
      return false;
    }
    out = std::chrono::milliseconds(*n);
    return true;
  }
  auto text = node.value<std::string>();
  if (!text || text->empty()) {
    error = "expected a duration such as \"5m\"";
    return false;
  }
  std::size_t i = 0;
  std::int64_t value = 0;
  while (i < text->size() && std::isdigit(static_cast<unsigned char>((*text)[i]))) {
    value = value * 10 + ((*text)[i++] - '0');
    if (value > 1000000000000LL) break;
  }
  std::string unit = text->substr(i);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::int64_t ms = unit == "" || unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000
                    : unit == "h" ? 3600000 : unit == "d" ? 86400000 : 0;
  if (i == 0 || ms == 0 || value <= 0) {
    error = "invalid duration \"" + *text + "\" (e.g. \"30s\", \"5m\", \"1h\")";
    return false;
  }
  out = std::chrono::milliseconds(value * ms);
  return true;
}

std::string where(const std::string& path, const toml::node& node) {
  const auto& src = node.source();
  return path + ":" + std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column);
}

bool load(const std::string& path, proxy::ServerConfig& config) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::cerr << path << ":" << e.source().begin.line << ":" << e.source().begin.column
              << ": error: " << e.description() << "\n";
    return false;
  }
  bool ok = true;
  auto fail = [&](const toml::node& node, const std::string& message) {
    std::cerr << where(path, node) << ": error: " << message << "\n";
    ok = false;
  };
  if (auto host = root["server"]["hostname"].value<std::string>()) config.session.hostname = *host;
  if (auto greeting = root["server"]["greeting"].value<std::string>()) config.session.greeting = *greeting;
  if (const toml::table* listeners = root["server"]["listener"].as_table()) {
    config.binds.clear();
    for (const auto& [id, listener] : *listeners) {
      const toml::node* bind = listener.as_table() ? listener.as_table()->get("bind") : nullptr;
      if (bind == nullptr) {
        fail(listener, "listener '" + std::string(id.str()) + "' has no bind address");
        continue;
      }
      if (auto one = bind->value<std::string>()) config.binds.push_back(*one);
      if (const toml::array* many = bind->as_array()) {
        for (const toml::node& b : *many) {
          if (auto text = b.value<std::string>()) config.binds.push_back(*text);
        }
      }
    }
  }
  std::string next_hop = root["relay"]["next-hop"].value_or(std::string());
  const toml::table* remotes = root["remote"].as_table();
  if (remotes != nullptr) {
    const toml::node* chosen = nullptr;
    if (!next_hop.empty()) {
      chosen = remotes->get(next_hop);
      if (chosen == nullptr) fail(*root["relay"]["next-hop"].node(), "no [remote.\"" + next_hop + "\"] is defined");
    } else if (!remotes->empty()) {
      chosen = &remotes->begin()->second;
    }
    if (chosen != nullptr && chosen->as_table()) {
      const toml::table& r = *chosen->as_table();
      config.backend_host = r["address"].value_or(std::string("127.0.0.1"));
      config.backend_port = static_cast<std::uint16_t>(r["port"].value_or(25));
    }
  } else {
    std::cerr << path << ": error: no backend: add a [remote.\"backend\"] with address and port\n";
    ok = false;
  }
  std::string error;
  if (const toml::node* t = root["session"]["timeout"].node(); t && !parse_duration(*t, config.timeout, error)) fail(*t, error);
  if (const toml::node* d = root["session"]["duration"].node(); d && !parse_duration(*d, config.duration, error)) fail(*d, error);
  if (auto limit = root["session"]["transfer-limit"].value<std::int64_t>()) {
    config.session.transfer_limit = static_cast<std::size_t>(*limit);
  }
  if (auto size = root["session"]["data"]["limits"]["size"].value<std::int64_t>()) {
    config.session.data.max_message_size = static_cast<std::size_t>(*size);
  }
  if (auto messages = root["session"]["data"]["limits"]["messages"].value<std::int64_t>()) {
    config.session.max_messages = static_cast<std::size_t>(*messages);
  }
  if (auto rcpts = root["session"]["rcpt"]["max-recipients"].value<std::int64_t>()) {
    config.session.max_recipients = static_cast<std::size_t>(*rcpts);
  }
  if (auto require = root["session"]["ehlo"]["require"].value<bool>()) config.session.ehlo_required = *require;
  if (auto xclient = root["relay"]["xclient"].value<bool>()) config.session.xclient = *xclient;
  for (const char* stage : {"connect", "ehlo", "auth", "mail", "rcpt", "data"}) {
    if (const toml::node* script = root["session"][stage]["script"].node()) {
      std::cerr << where(path, *script) << ": warning: Sieve scripts per stage are not enabled in this "
                << "version yet; the session." << stage << " script is not run\n";
    }
  }
  return ok;
}

}  // namespace

int serve_main(int argc, char** argv) {
  std::string config_path;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
    if (arg == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else {
      std::cerr << "sievegate serve: unexpected argument '" << arg << "'\n" << kUsage;
      return kExitUsage;
    }
  }
  if (config_path.empty()) {
    std::cerr << "sievegate serve: --config is required\n" << kUsage;
    return kExitUsage;
  }
  proxy::ServerConfig config;
  if (!load(config_path, config)) return kExitInputErrors;

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  proxy::Server server(config, nullptr);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "sievegate serve: " << e.what() << "\n";
    return kExitUsage;
  }
  std::cerr << "sievegate: listening";
  for (const std::string& b : config.binds) std::cerr << " " << b;
  std::cerr << ", relaying to " << config.backend_host << ":" << config.backend_port << "\n";
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "sievegate: stopping (signal " << sig << ")\n";
  server.stop();
  return kExitOk;
}

}  // namespace sievegate::cli
