// `sievegate serve --config FILE`: run the proxy in the foreground.
//
// PARTIAL: this reads the keys the proxy needs today (config.md names: [server],
// [server.listener.*], [remote.*], [relay], [session] limits). The full Stalwart-style
// configuration with rules, scripts per stage and check-config is the next issue;
// until then other keys are reported as not yet supported and the policy is permissive.
#include <csignal>
#include <map>
#include <optional>
#include <iostream>
#include <string>

#include <toml++/toml.h>

#include "cli/commands.h"
#include "policy/ascii.h"
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

// "file:///abs", "file://rel" or a plain path; relative to the config file's folder.
std::string file_path(const std::string& config_path, std::string value) {
  if (value.rfind("file://", 0) == 0) value = value.substr(7);
  if (!value.empty() && value[0] != '/') {
    std::size_t slash = config_path.rfind('/');
    if (slash != std::string::npos) value = config_path.substr(0, slash + 1) + value;
  }
  return value;
}

bool load(const std::string& path, proxy::ServerConfig& config, std::chrono::milliseconds& shutdown_grace) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::cerr << path << ":" << e.source().begin.line << ":" << e.source().begin.column
              << ": error: " << e.description() << "\n";
    return false;
  }
  bool ok = true;
  std::string error;
  auto fail = [&](const toml::node& node, const std::string& message) {
    std::cerr << where(path, node) << ": error: " << message << "\n";
    ok = false;
  };
  if (auto host = root["server"]["hostname"].value<std::string>()) config.session.hostname = *host;
  if (auto greeting = root["server"]["greeting"].value<std::string>()) config.session.greeting = *greeting;
  // Certificates ([certificate.<id>] cert / private-key, Stalwart's format).
  std::map<std::string, std::shared_ptr<proxy::TlsContext>> certificates;
  if (const toml::table* certs = root["certificate"].as_table()) {
    for (const auto& [id, node] : *certs) {
      const toml::table* t = node.as_table();
      std::optional<std::string> cert = t ? (*t)["cert"].value<std::string>() : std::nullopt;
      std::optional<std::string> key = t ? (*t)["private-key"].value<std::string>() : std::nullopt;
      if (!cert || !key) {
        fail(node, "certificate '" + std::string(id.str()) + "' needs both cert and private-key");
        continue;
      }
      try {
        certificates[std::string(id.str())] =
            proxy::TlsContext::server(file_path(path, *cert), file_path(path, *key));
      } catch (const std::exception& e) {
        fail(*(*t)["cert"].node(), e.what());
      }
    }
  }
  // The certificate of a listener: its tls.certificate, else server.tls.certificate,
  // else "default", else the only one.
  auto certificate_for = [&](const toml::table* listener) -> std::shared_ptr<proxy::TlsContext> {
    std::optional<std::string> name;
    if (listener) name = (*listener)["tls"]["certificate"].value<std::string>();
    if (!name) name = root["server"]["tls"]["certificate"].value<std::string>();
    if (name) {
      auto it = certificates.find(*name);
      if (it == certificates.end()) {
        fail(listener && (*listener)["tls"]["certificate"].node() ? *(*listener)["tls"]["certificate"].node()
                                                                 : *root["server"]["tls"]["certificate"].node(),
             "no [certificate.\"" + *name + "\"] is defined");
        return nullptr;
      }
      return it->second;
    }
    if (certificates.count("default")) return certificates["default"];
    if (certificates.size() == 1) return certificates.begin()->second;
    return nullptr;
  };
  if (const toml::table* listeners = root["server"]["listener"].as_table()) {
    config.listeners.clear();
    for (const auto& [id, listener] : *listeners) {
      const toml::table* table = listener.as_table();
      const toml::node* bind = table ? table->get("bind") : nullptr;
      if (bind == nullptr) {
        fail(listener, "listener '" + std::string(id.str()) + "' has no bind address");
        continue;
      }
      proxy::ListenerConfig l;
      l.id = std::string(id.str());
      l.binds.clear();
      if (auto one = bind->value<std::string>()) l.binds.push_back(*one);
      if (const toml::array* many = bind->as_array()) {
        for (const toml::node& b : *many) {
          if (auto text = b.value<std::string>()) l.binds.push_back(*text);
        }
      }
      l.implicit_tls = (*table)["tls"]["implicit"].value_or(false);
      l.tls = certificate_for(table);
      if (l.implicit_tls && !l.tls) fail(listener, "listener '" + l.id + "' has tls.implicit but no certificate");
      config.listeners.push_back(std::move(l));
    }
  } else {
    config.listeners.front().tls = certificate_for(nullptr);
  }
  if (auto n = root["server"]["max-connections"].value<std::int64_t>()) {
    if (*n <= 0) fail(*root["server"]["max-connections"].node(), "max-connections must be positive");
    else config.max_connections = static_cast<std::size_t>(*n);
  }
  if (const toml::node* grace = root["server"]["shutdown-grace"].node(); grace && !parse_duration(*grace, shutdown_grace, error)) {
    fail(*grace, error);
  }
  // session.throttle: the concurrency of entries keyed by remote-ip alone (without a
  // match condition) limits connections per client address. PARTIAL: rates and other
  // keys come with the rule engine.
  if (const toml::array* throttles = root["session"]["throttle"].as_array()) {
    for (const toml::node& entry : *throttles) {
      const toml::table* t = entry.as_table();
      if (!t) continue;
      const toml::array* keys = (*t)["key"].as_array();
      bool by_ip = keys && keys->size() == 1 && (*keys)[0].value<std::string>() == std::optional<std::string>("remote-ip");
      auto concurrency = (*t)["concurrency"].value<std::int64_t>();
      if (by_ip && concurrency && !(*t)["match"]) {
        config.max_connections_per_ip = static_cast<std::size_t>(std::max<std::int64_t>(1, *concurrency));
      } else {
        std::cerr << where(path, entry) << ": warning: only throttles keyed by remote-ip with a concurrency "
                  << "and no match are enforced in this version; this entry is not\n";
      }
    }
  }
  // Logs: Stalwart's [global.tracing] level, plus sievegate's format (text or json).
  {
    std::string level = root["global"]["tracing"]["level"].value_or(std::string("info"));
    std::string format = root["global"]["tracing"]["format"].value_or(std::string("text"));
    proxy::Log::Level l = level == "error" ? proxy::Log::Level::kError : level == "warn" ? proxy::Log::Level::kWarn
                          : level == "debug" || level == "trace" ? proxy::Log::Level::kDebug : proxy::Log::Level::kInfo;
    if (format != "text" && format != "json") fail(*root["global"]["tracing"]["format"].node(), "format must be \"text\" or \"json\"");
    config.log = std::make_shared<proxy::Log>(format == "json" ? proxy::Log::Format::kJson : proxy::Log::Format::kText, l);
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
      if (const toml::node* t = r["timeout"].node(); t && !parse_duration(*t, config.backend_timeout, error)) fail(*t, error);
    }
  } else {
    std::cerr << path << ": error: no backend: add a [remote.\"backend\"] with address and port\n";
    ok = false;
  }
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
  if (auto threshold = root["relay"]["spool-threshold"].value<std::int64_t>()) {
    if (*threshold < 0) fail(*root["relay"]["spool-threshold"].node(), "spool-threshold must be 0 or more bytes");
    else config.session.data.spool.threshold = static_cast<std::size_t>(*threshold);
  }
  if (auto dir = root["relay"]["spool-dir"].value<std::string>()) config.session.data.spool.dir = file_path(path, *dir);
  if (auto r = root["session"]["data"]["add-headers"]["received"].value<bool>()) config.session.add_received = *r;
  if (auto p = root["session"]["extensions"]["pipelining"].value<bool>()) config.session.pipelining = *p;
  if (auto c = root["session"]["extensions"]["chunking"].value<bool>()) config.session.chunking = *c;
  if (auto bare = root["session"]["data"]["bare-line-ends"].value<std::string>()) {
    if (*bare == "refuse") config.session.data.bare_line_ends = proxy::BareLineEnds::kRefuse;
    else if (*bare == "normalize") config.session.data.bare_line_ends = proxy::BareLineEnds::kNormalize;
    else fail(*root["session"]["data"]["bare-line-ends"].node(), "bare-line-ends must be \"refuse\" or \"normalize\"");
  }
  // AUTH: [session.auth] mechanisms / directory / require / allow-plain-text / errors,
  // with a "memory" [directory.<id>] (Stalwart's format) checking the credentials.
  if (const toml::table* auth = root["session"]["auth"].as_table()) {
    proxy::AuthConfig& a = config.session.auth;
    if (const toml::array* mechs = (*auth)["mechanisms"].as_array()) {
      for (const toml::node& m : *mechs) {
        std::string name = policy::ascii_lower(m.value_or(std::string()));
        if (name == "plain") a.plain = true;
        else if (name == "login") a.login = true;
        else fail(m, "mechanism '" + name + "' is not supported (plain, login)");
      }
    }
    a.require = (*auth)["require"].value_or(false);
    a.allow_plain_text = (*auth)["allow-plain-text"].value_or(false);
    for (const char* spelling : {"max", "total"}) {  // both spellings Stalwart used
      if (auto n = (*auth)["errors"][spelling].value<std::int64_t>()) a.max_errors = static_cast<std::size_t>(std::max<std::int64_t>(1, *n));
    }
    if (auto dir = (*auth)["directory"].value<std::string>()) {
      const toml::table* d = root["directory"][*dir].as_table();
      if (!d) {
        fail(*(*auth)["directory"].node(), "no [directory.\"" + *dir + "\"] is defined");
      } else if ((*d)["type"].value_or(std::string()) != "memory") {
        fail(*d, "directory '" + *dir + "': only type = \"memory\" is supported in this version");
      } else {
        auto memory = std::make_shared<proxy::MemoryDirectory>();
        if (const toml::array* users = (*d)["users"].as_array()) {
          for (const toml::node& u : *users) {
            const toml::table* ut = u.as_table();
            auto name = ut ? (*ut)["name"].value<std::string>() : std::nullopt;
            auto secret = ut ? (*ut)["secret"].value<std::string>() : std::nullopt;
            if (!name || !secret) fail(u, "a directory user needs name and secret");
            else memory->add(*name, *secret);
          }
        }
        a.directory = memory;
      }
    } else if (a.plain || a.login) {
      fail(*auth, "session.auth has mechanisms but no directory to check credentials");
    }
  }
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
  std::chrono::milliseconds grace(30000);
  if (!load(config_path, config, grace)) return kExitInputErrors;

  // Block the signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::shared_ptr<const proxy::Log> log = config.log;
  proxy::Server server(config, nullptr);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "sievegate serve: " << e.what() << "\n";
    return kExitUsage;
  }
  std::string binds;
  for (const proxy::ListenerConfig& l : config.listeners) {
    for (const std::string& b : l.binds) binds += (binds.empty() ? "" : " ") + b + (l.implicit_tls ? " (tls)" : "");
  }
  std::string backend = config.backend_host + ":" + std::to_string(config.backend_port);
  log->event(proxy::Log::Level::kInfo, "started", {{"listen", binds}, {"backend", backend}});
  while (true) {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == SIGHUP) {
      // Reload for new sessions; a config with errors is refused and the old one stays.
      proxy::ServerConfig fresh;
      std::chrono::milliseconds fresh_grace(30000);
      std::string error;
      if (!load(config_path, fresh, fresh_grace)) {
        log->event(proxy::Log::Level::kError, "reload", {{"result", "refused"}, {"error", "the configuration has errors (above); the running configuration stays"}});
      } else if (!server.reload(fresh, nullptr, error)) {
        log->event(proxy::Log::Level::kError, "reload", {{"result", "refused"}, {"error", error}});
      } else {
        grace = fresh_grace;
        log->event(proxy::Log::Level::kInfo, "reload", {{"result", "ok"}});
      }
      continue;
    }
    // SIGTERM/SIGINT: stop accepting; sessions get `grace` to finish. A second signal
    // is not waited for: the grace period is bounded.
    log->event(proxy::Log::Level::kInfo, "stopping",
               {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}, proxy::Log::Field("sessions", std::to_string(server.live_sessions()), true),
                proxy::Log::Field("grace_ms", std::to_string(grace.count()), true)});
    server.stop(grace);
    log->event(proxy::Log::Level::kInfo, "stopped", {});
    return kExitOk;
  }
}

}  // namespace sievegate::cli
