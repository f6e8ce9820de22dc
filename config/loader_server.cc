// [server] and its listeners, [certificate.*], [remote.*] and [relay], [global] and
// [queue]: where sievegate listens, with which certificates, where it relays to, and
// how it logs. See loader_internal.h.
#include <unistd.h>

#include <algorithm>

#include "base/ascii.h"
#include "config/loader_internal.h"

namespace sievegate::config::loading {

void Loader::server(Section& root) {
  Section s(*this, root.table("server"), "server");
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) == 0 && host[0] != '\0') out_.server.session.hostname = host;  // Stalwart's default
  if (const toml::node* n = s.get("hostname")) {
    if (auto v = parse_string(*n, diags)) out_.server.session.hostname = *v;
  }
  if (const toml::node* n = s.get("greeting")) {
    if (auto v = parse_string(*n, diags)) out_.server.session.greeting = *v;
  }
  if (const toml::node* n = s.get("max-connections")) {
    if (auto v = parse_int(*n, diags, 1, 1000000)) out_.server.max_connections = static_cast<std::size_t>(*v);
  }
  if (const toml::node* n = s.get("shutdown-grace")) {
    if (auto v = parse_duration(*n, diags)) out_.shutdown_grace = *v;
  }
  {
    Section tls(*this, s.table("tls"), "server.tls");
    if (const toml::node* n = tls.get("certificate")) {
      if (auto v = parse_string(*n, diags)) server_cert_ = {*v, n};
    }
    for (const char* k : {"enable", "implicit", "protocols", "ciphers", "timeout", "ignore-client-order", "sni"}) {
      tls.ignore(k, "set TLS per listener (tls.implicit) and [certificate.<id>]");
    }
  }
  s.ignore("run-as", "run sievegate as the user you want (systemd User=)");
  s.ignore("socket", "socket options are the operating system's defaults");
  if (const toml::node* n = s.get("thread-pool")) {  // Stalwart's pool for CPU-heavy work
    if (auto v = parse_int(*n, diags, 1, 1024)) out_.server.worker_threads = static_cast<std::size_t>(*v);
  }
  s.ignore("proxy", "the PROXY protocol is not supported yet");
  if (const toml::table* listeners = s.table("listener")) {
    out_.server.listeners.clear();
    for (const auto& [id, node] : *listeners) {
      if (!node.is_table()) {
        diags.error(position_of(node), "expected-table", "listener '" + std::string(id.str()) + "' must be a table");
        continue;
      }
      listener(std::string(id.str()), *node.as_table());
    }
    if (out_.server.listeners.empty()) diags.error(position_of(*listeners), "no-listener", "no listener has a bind address");
  } else {
    diags.warning(SourcePos{1, 1}, "default-listener",
                  "no [server.listener.*]: listening on 127.0.0.1:2525; add [server.listener.\"smtp\"] bind = [...] to choose");
  }
}

void Loader::listener(const std::string& id, const toml::table& t) {
  Section s(*this, &t, "server.listener." + id);
  proxy::ListenerConfig l;
  l.id = id;
  l.binds.clear();
  const toml::node* bind = s.get("bind");
  if (bind == nullptr) {
    diags.error(position_of(t), "missing-key", "listener '" + id + "' has no bind address (bind = [\"127.0.0.1:2525\"])");
  } else if (auto binds = parse_string_list(*bind, diags)) {
    for (const std::string& b : *binds) {
      std::size_t colon = b.rfind(':');
      bool ok = colon != std::string::npos && colon + 1 < b.size() &&
                std::all_of(b.begin() + static_cast<long>(colon) + 1, b.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!ok) diags.error(position_of(*bind), "invalid-bind", "bind address '" + b + "' must be address:port");
      else l.binds.push_back(b);
    }
  }
  if (const toml::node* p = s.get("protocol")) {
    auto v = parse_string(*p, diags);
    if (v && *v != "smtp") {
      diags.error(position_of(*p), "unsupported-protocol",
                  "listener protocol '" + *v + "' is not supported: sievegate listens for SMTP (protocol = \"smtp\")");
    }
  }
  if (const toml::node* n = s.get("hostname")) l.hostname = parse_string(*n, diags).value_or("");
  if (const toml::node* n = s.get("greeting")) l.greeting = parse_string(*n, diags).value_or("");
  s.ignore("max-connections", "the limit is [server] max-connections for all listeners");
  s.ignore("socket", "socket options are the operating system's defaults");
  s.ignore("proxy", "the PROXY protocol is not supported yet");
  Section tls(*this, s.table("tls"), s.key_path("tls"));
  if (const toml::node* n = tls.get("implicit")) {
    if (auto v = parse_bool(*n, diags)) l.implicit_tls = *v;
  }
  std::optional<std::string> cert;
  if (const toml::node* n = tls.get("certificate")) cert = parse_string(*n, diags);
  for (const char* k : {"enable", "protocols", "ciphers", "timeout", "ignore-client-order", "sni"}) {
    tls.ignore(k, "TLS settings are the certificate's; protocols below TLS 1.2 are always off");
  }
  tls.finish();
  // The certificate is attached in run(), when all [certificate.*] are known.
  if (cert) listener_certs_[id] = {*cert, tls.get("certificate")};
  out_.server.listeners.push_back(std::move(l));
}

void Loader::certificates(Section& root) {
  const toml::table* certs = root.table("certificate");
  if (certs == nullptr) return;
  for (const auto& [id, node] : *certs) {
    Section s(*this, node.as_table(), "certificate." + std::string(id.str()));
    if (!node.is_table()) {
      diags.error(position_of(node), "expected-table", "certificate '" + std::string(id.str()) + "' must be a table");
      continue;
    }
    const toml::node* cert = s.get("cert");
    const toml::node* key = s.get("private-key");
    if (cert == nullptr || key == nullptr) {
      diags.error(position_of(node), "missing-key", "certificate '" + std::string(id.str()) + "' needs cert and private-key");
      continue;
    }
    auto c = parse_string(*cert, diags);
    auto k = parse_string(*key, diags);
    if (!c || !k) continue;
    if (c->find("-----BEGIN") != std::string::npos) {
      diags.error(position_of(*cert), "inline-certificate", "put the certificate in a file and write cert = \"file:///path\"");
      continue;
    }
    try {
      certificates_[std::string(id.str())] = proxy::TlsContext::server(file_value(path_, *c), file_value(path_, *k));
    } catch (const std::exception& e) {
      diags.error(position_of(*cert), "certificate", e.what());
    }
  }
}

void Loader::remotes(Section& root) {
  if (const toml::table* remotes = root.table("remote")) {
    for (const auto& [id, node] : *remotes) {
      std::string name(id.str());
      Section s(*this, node.as_table(), "remote." + name);
      if (!node.is_table()) {
        diags.error(position_of(node), "expected-table", "remote '" + name + "' must be a table");
        continue;
      }
      std::string host = "127.0.0.1";
      if (const toml::node* n = s.get("address")) {
        if (auto v = parse_string(*n, diags)) host = *v;
      } else {
        diags.error(position_of(node), "missing-key", "remote '" + name + "' has no address");
      }
      std::uint16_t port = 25;
      if (const toml::node* n = s.get("port")) {
        if (auto v = parse_int(*n, diags, 1, 65535)) port = static_cast<std::uint16_t>(*v);
      }
      if (const toml::node* n = s.get("protocol")) {
        auto v = parse_string(*n, diags);
        if (v && *v != "smtp") {
          diags.error(position_of(*n), "unsupported-protocol",
                      "backend protocol '" + *v + "' is not supported yet: sievegate relays with SMTP (protocol = \"smtp\")");
        }
      }
      if (const toml::node* n = s.get("timeout")) {
        if (auto v = parse_duration(*n, diags)) remote_timeouts_[name] = *v;
      }
      s.ignore("concurrency", "there is one backend session per client session");
      s.ignore("tls", "TLS to the backend is not supported yet (keep the backend on loopback or a private network)");
      s.ignore("auth", "sievegate does not authenticate to the backend; use XCLIENT (relay.xclient)");
      remotes_[name] = {host, &node};
      remote_ports_[name] = port;
    }
  }
}

void Loader::relay(Section& root) {
  Section relay(*this, root.table("relay"), "relay");
  std::string first = remotes_.empty() ? "" : remotes_.begin()->first;
  if (relay.get("next-hop") != nullptr) {
    auto parse = ValueParser<std::string>([this](const toml::node& v, Diagnostics& d) -> std::optional<std::string> {
          auto name = parse_string(v, d);
          if (name && !remotes_.count(*name)) {
            d.error(position_of(v), "unknown-remote", "no [remote.\"" + *name + "\"] is defined" +
                                                          did_you_mean(*name, [&] {
                                                            std::vector<std::string> k;
                                                            for (auto& r : remotes_) k.push_back(r.first);
                                                            return k;
                                                          }()));
            return std::nullopt;
          }
          return name;
        });
    per_.next_hop = rule<std::string>(relay, "next-hop", kConnectKeys, parse, first);
  } else if (remotes_.size() > 1) {
    diags.error(SourcePos{1, 1}, "missing-key", "several [remote.*] are defined: say which one with [relay] next-hop");
  }
  if (remotes_.empty()) {
    // A Stalwart session config alone (the seed example) still runs: in front of the
    // MTA on this host's port 25.
    diags.warning(SourcePos{1, 1}, "default-backend",
                  "no [remote.*]: relaying to the MTA at 127.0.0.1:25; add [remote.\"backend\"] with address and "
                  "port, and [relay] next-hop = \"backend\", to choose");
  }
  if (const toml::node* n = relay.get("xclient")) {
    if (auto v = parse_bool(*n, diags)) out_.server.session.xclient = *v;
  }
  if (const toml::node* n = relay.get("spool-threshold")) {
    if (auto v = parse_size(*n, diags)) out_.server.session.data.spool.threshold = static_cast<std::size_t>(*v);
  }
  if (const toml::node* n = relay.get("spool-dir")) {
    if (auto v = parse_string(*n, diags)) out_.server.session.data.spool.dir = file_value(path_, *v);
  }
}

// [queue]: Stalwart's outbound queue. sievegate has no queue, but its relay session is
// Stalwart's outbound SMTP client, so the waits of [queue.outbound.timeouts] apply to it
// (connect, greeting, ehlo, mail-from, rcpt-to: unset ones are the next hop's [remote]
// timeout; data: the reply after the end of the message, 10 minutes by default). The rest
// of [queue] is reported as ignored, key by key.
void Loader::queue(Section& root) {
  const toml::table* q = root.table("queue");
  if (q == nullptr) return;
  const char* kQueueWhy = "queueing and delivery are the backend's";
  Section qs(*this, q, "queue");
  for (const auto& [key, node] : *q) {
    if (key.str() != "outbound") qs.ignore(key.str(), kQueueWhy);
  }
  const toml::table* o = qs.table("outbound");
  if (o == nullptr) return;
  Section os(*this, o, "queue.outbound");
  for (const auto& [key, node] : *o) {
    if (key.str() != "timeouts") os.ignore(key.str(), kQueueWhy);
  }
  Section t(*this, os.table("timeouts"), "queue.outbound.timeouts");
  proxy::BackendTimeouts& out = out_.server.backend_timeouts;
  const std::pair<const char*, std::optional<std::chrono::milliseconds>*> kWaits[] = {
      {"connect", &out.connect}, {"greeting", &out.greeting}, {"ehlo", &out.ehlo},
      {"mail-from", &out.mail_from}, {"rcpt-to", &out.rcpt_to}};
  for (const auto& [key, field] : kWaits) {
    if (const toml::node* n = t.get(key)) {
      if (auto v = parse_duration(*n, diags)) *field = *v;
    }
  }
  if (const toml::node* n = t.get("data")) {
    if (auto v = parse_duration(*n, diags)) out.data = *v;
  }
  t.ignore("tls", "there is no TLS towards the backend yet");
  t.ignore("mta-sts", "sievegate relays to its configured next hop only");
}

void Loader::global(Section& root) {
  Section g(*this, root.table("global"), "global");
  Section t(*this, g.table("tracing"), "global.tracing");
  proxy::Log::Level level = proxy::Log::Level::kInfo;
  proxy::Log::Format format = proxy::Log::Format::kText;
  if (const toml::node* n = t.get("level")) {
    auto v = parse_string(*n, diags);
    if (v) {
      std::string l = policy::ascii_lower(*v);
      if (l == "error") level = proxy::Log::Level::kError;
      else if (l == "warn") level = proxy::Log::Level::kWarn;
      else if (l == "info") level = proxy::Log::Level::kInfo;
      else if (l == "debug" || l == "trace") level = proxy::Log::Level::kDebug;
      else diags.error(position_of(*n), "invalid-value", "level must be error, warn, info, debug or trace");
    }
  }
  if (const toml::node* n = t.get("format")) {
    auto v = parse_string(*n, diags);
    if (v && *v == "json") format = proxy::Log::Format::kJson;
    else if (v && *v != "text") diags.error(position_of(*n), "invalid-value", "format must be \"text\" or \"json\"");
  }
  t.ignore("method", "sievegate writes its log to stderr (systemd collects it)");
  t.ignore("path", "sievegate writes its log to stderr");
  t.ignore("prefix", "sievegate writes its log to stderr");
  t.ignore("rotate", "sievegate writes its log to stderr");
  t.ignore("ansi", "sievegate writes its log to stderr");
  g.ignore("shared-map", "not used by sievegate");
  out_.server.log = std::make_shared<proxy::Log>(format, level);
}

// Every listener gets its own certificate, else [server.tls] certificate's, else
// "default", else the only one there is.
void Loader::attach_certificates() {
  auto find_cert = [this](const std::pair<std::string, const toml::node*>& ref) -> std::shared_ptr<proxy::TlsContext> {
    auto it = certificates_.find(ref.first);
    if (it != certificates_.end()) return it->second;
    diags.error(position_of(*ref.second), "unknown-certificate", "no [certificate.\"" + ref.first + "\"] is defined");
    return nullptr;
  };
  for (proxy::ListenerConfig& l : out_.server.listeners) {
    auto own = listener_certs_.find(l.id);
    if (own != listener_certs_.end()) l.tls = find_cert(own->second);
    else if (server_cert_) l.tls = find_cert(*server_cert_);
    else if (certificates_.count("default")) l.tls = certificates_["default"];
    else if (certificates_.size() == 1) l.tls = certificates_.begin()->second;
    if (l.implicit_tls && !l.tls) {
      diags.error(SourcePos{1, 1}, "missing-certificate", "listener '" + l.id + "' has tls.implicit but no certificate");
    }
  }
}

}  // namespace sievegate::config::loading
