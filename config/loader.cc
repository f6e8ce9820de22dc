// The configuration file; see loader.h.
//
// Reading is table by table through Section, which records the keys it was asked for;
// whatever a table holds beyond them is an unknown key (an error, with the nearest known
// key as a hint). Keys sievegate knows but does not act on are read with ignore(), which
// warns and says why.
#include "config/loader.h"

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <set>

#include "base/file.h"
#include "config/rules.h"
#include "config/values.h"
#include "base/ascii.h"
#include "base/suggest.h"
#include "sieve/sieve.h"
#include "bridge/stage.h"

namespace sievegate::config {
namespace {

using policy::Stage;
constexpr ContextKey kConnectKeys[] = {ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp};
constexpr ContextKey kExtensionKeys[] = {ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp,
                                         ContextKey::kSender, ContextKey::kSenderDomain, ContextKey::kAuthenticatedAs};
constexpr ContextKey kAuthKeys[] = {ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp,
                                    ContextKey::kHeloDomain};
constexpr ContextKey kMailKeys[] = {ContextKey::kAuthenticatedAs, ContextKey::kListener, ContextKey::kRemoteIp,
                                    ContextKey::kLocalIp, ContextKey::kHeloDomain, ContextKey::kSender,
                                    ContextKey::kSenderDomain};
constexpr ContextKey kRcptKeys[] = {ContextKey::kSender, ContextKey::kSenderDomain, ContextKey::kRcpt,
                                    ContextKey::kRcptDomain, ContextKey::kAuthenticatedAs, ContextKey::kListener,
                                    ContextKey::kRemoteIp, ContextKey::kLocalIp, ContextKey::kHeloDomain};
constexpr ContextKey kDataKeys[] = {ContextKey::kSender, ContextKey::kSenderDomain, ContextKey::kAuthenticatedAs,
                                    ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp,
                                    ContextKey::kPriority, ContextKey::kHeloDomain};


std::string did_you_mean(std::string_view key, const std::vector<std::string>& known) {
  return base::did_you_mean(base::closest(key, known));
}

// Rule-valued settings: those decided at connect (limits, next hop) and those decided at
// the stage that uses them (RuleSettings).
struct PerSession {
  std::optional<IfBlock<std::chrono::milliseconds>> timeout, duration;
  std::optional<IfBlock<std::uint64_t>> transfer_limit, max_recipients, size, messages, received_headers;
  std::optional<IfBlock<bool>> ehlo_require, reject_non_fqdn, pipelining, chunking, dsn, auth_require,
      allow_plain_text, add_received, relay, eight_bit, smtputf8;
  std::optional<IfBlock<std::string>> next_hop, rcpt_directory;
  // session.rcpt.directory's values: directory id -> its recipients ("" and false: none).
  std::map<std::string, std::shared_ptr<const proxy::RecipientDirectory>> recipient_directories;
};

// Stalwart evaluates each key where it is used, with what the session knows then (facts
// not known yet are empty): the EHLO reply's extensions and SIZE at EHLO, AUTH's
// requirements at EHLO and MAIL, the message limits at MAIL, recipients at RCPT, the
// headers to add at DATA.
class RuleSettings final : public proxy::StageSettings {
 public:
  explicit RuleSettings(std::shared_ptr<const PerSession> per) : per_(std::move(per)) {}

  // Every key with what is known when the session starts: the session's initial settings.
  proxy::StageLimits at_connect(const Context& c) const {
    proxy::StageLimits l = ehlo(c);
    l.merge(mail(c));
    l.merge(rcpt(c));
    l.merge(data(c));
    return l;
  }
  proxy::StageLimits at_ehlo(const proxy::SessionFacts& f) const override {
    Context c = make_context(Stage::kEhlo, f, nullptr);
    proxy::StageLimits l = ehlo(c);
    l.merge(mail(c));  // SIZE in the EHLO reply
    return l;
  }
  proxy::StageLimits at_mail(const proxy::SessionFacts& f, const proxy::Envelope& e) const override {
    Context c = make_context(Stage::kMail, f, &e);
    proxy::StageLimits l = mail(c);
    if (per_->auth_require) l.auth_require = per_->auth_require->eval(c);
    return l;
  }
  proxy::StageLimits at_rcpt(const proxy::SessionFacts& f, const proxy::Envelope& e) const override {
    return rcpt(make_context(Stage::kRcpt, f, &e));
  }
  proxy::StageLimits at_data(const proxy::SessionFacts& f, const proxy::Envelope& e) const override {
    return data(make_context(Stage::kData, f, &e));
  }

 private:
  template <typename T, typename Rule>
  static void decide(std::optional<T>& out, const Rule& rule, const Context& c) {
    if (rule) out = rule->eval(c);
  }
  proxy::StageLimits ehlo(const Context& c) const {
    proxy::StageLimits l;
    decide(l.pipelining, per_->pipelining, c);
    decide(l.chunking, per_->chunking, c);
    decide(l.dsn, per_->dsn, c);
    decide(l.eight_bit, per_->eight_bit, c);
    decide(l.smtputf8, per_->smtputf8, c);
    decide(l.auth_require, per_->auth_require, c);
    decide(l.auth_allow_plain_text, per_->allow_plain_text, c);
    return l;
  }
  proxy::StageLimits mail(const Context& c) const {
    proxy::StageLimits l;
    decide(l.max_message_size, per_->size, c);
    decide(l.max_messages, per_->messages, c);
    return l;
  }
  proxy::StageLimits rcpt(const Context& c) const {
    proxy::StageLimits l;
    decide(l.max_recipients, per_->max_recipients, c);
    decide(l.relay, per_->relay, c);
    if (per_->rcpt_directory) {
      auto it = per_->recipient_directories.find(per_->rcpt_directory->eval(c));
      l.rcpt_directory = it != per_->recipient_directories.end() ? it->second : nullptr;
    }
    return l;
  }
  proxy::StageLimits data(const Context& c) const {
    proxy::StageLimits l;
    decide(l.max_received_headers, per_->received_headers, c);
    decide(l.add_received, per_->add_received, c);
    return l;
  }
  std::shared_ptr<const PerSession> per_;
};

class Loader;

// One TOML table being read: remembers the keys asked for; finish() reports the rest.
class Section {
 public:
  Section(Loader& loader, const toml::table* table, std::string path) : loader_(loader), table_(table), path_(std::move(path)) {}
  ~Section();
  Section(const Section&) = delete;
  Section& operator=(const Section&) = delete;

  const toml::table* table() const { return table_; }
  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

  const toml::node* get(std::string_view key) {
    known_.insert(std::string(key));
    return table_ ? table_->get(key) : nullptr;
  }
  // A sub-table (dotted keys and [a.b] headers alike); an error when it is not a table.
  const toml::table* table(std::string_view key);
  // A known key that sievegate does not act on: a warning that says why.
  void ignore(std::string_view key, const std::string& why);
  // Every key of this table that was not asked for is an error.
  void finish();

 private:
  Loader& loader_;
  const toml::table* table_;
  std::string path_;
  std::set<std::string> known_;
  bool finished_ = false;
};

class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

  LoadedConfig run();

  Diagnostics diags;  // the config file's own

  void unknown_key(const toml::key& key, const std::string& table_path, const std::vector<std::string>& known) {
    std::string full = table_path.empty() ? std::string(key.str()) : table_path + "." + std::string(key.str());
    diags.error(position_of(key), "unknown-key", "unknown key '" + full + "'" + did_you_mean(key.str(), known));
  }

 private:
  void server(Section& root);
  void listener(const std::string& id, const toml::table& t);
  void certificates(Section& root);
  void remotes(Section& root);
  void session(Section& root);
  void sieve(Section& root);
  void directories(Section& root);
  void global(Section& root);
  void queue(Section& root);
  void scripts(const toml::table* scripts);
  void compile_scripts();

  // A setting that is a constant or a rule (stalwart-stages.md section 4) over the
  // context keys its stage knows; where it is evaluated is the caller's (PerSession).
  template <typename T>
  std::optional<IfBlock<T>> rule(Section& s, std::string_view key, std::span<const ContextKey> keys,
                                 const std::function<std::optional<T>(const toml::node&, Diagnostics&)>& parse,
                                 T default_value) {
    const toml::node* n = s.get(key);
    if (n == nullptr) return std::nullopt;
    // in-list ids are "<directory>/<lookup>"
    auto list_exists = [this](std::string_view id) {
      return directories_.count(std::string(id.substr(0, id.find('/')))) > 0;
    };
    return parse_if_block<T>(*n, s.key_path(key), keys, parse, std::move(default_value), list_exists, diags);
  }
  std::optional<IfBlock<std::string>> script_rule(Section& s, Stage stage, std::span<const ContextKey> keys);
  std::optional<IfBlock<std::optional<DynamicString>>> rewrite_rule(Section& s, std::span<const ContextKey> keys);

  std::string path_;
  std::string text_;
  LoadedConfig out_;
  std::vector<Report> script_reports_;
  std::map<std::string, std::shared_ptr<proxy::TlsContext>> certificates_;
  std::map<std::string, std::pair<std::string, const toml::node*>> listener_certs_;  // listener -> certificate id
  std::optional<std::pair<std::string, const toml::node*>> server_cert_;
  std::map<std::string, std::pair<std::string, const toml::node*>> remotes_;  // id -> host, node
  std::map<std::string, std::uint16_t> remote_ports_;
  std::map<std::string, std::chrono::milliseconds> remote_timeouts_;
  std::optional<std::pair<std::string, const toml::node*>> auth_directory_name_;
  std::map<std::string, std::shared_ptr<proxy::MemoryDirectory>> memory_directories_;
  std::set<std::string> directories_;
  struct ScriptSource {
    std::string text;
    Position at;          // where the text starts in the config file (line of its first character)
    int first_column = 1; // column of the first character on that line
    std::string file;     // for file:// scripts: the file (diagnostics are reported there)
  };
  std::map<std::string, ScriptSource> sources_;
  std::vector<std::pair<const toml::node*, std::string>> script_refs_;  // name used by a stage
  std::map<std::string, std::set<Stage>> script_stages_;
  PerSession per_;
  friend class Section;
};

Section::~Section() {
  if (!finished_) finish();
}

const toml::table* Section::table(std::string_view key) {
  const toml::node* n = get(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    loader_.diags.error(position_of(*n), "expected-table", "'" + key_path(key) + "' must be a table, not a " + node_type_name(*n));
    return nullptr;
  }
  return n->as_table();
}

void Section::ignore(std::string_view key, const std::string& why) {
  const toml::node* n = get(key);
  if (n != nullptr) loader_.diags.warning(position_of(*n), "ignored-key", "'" + key_path(key) + "' is ignored by sievegate: " + why);
}

void Section::finish() {
  finished_ = true;
  if (table_ == nullptr) return;
  std::vector<std::string> known(known_.begin(), known_.end());
  for (const auto& [key, value] : *table_) {
    if (!known_.count(std::string(key.str()))) loader_.unknown_key(key, path_, known);
  }
}

std::optional<IfBlock<std::string>> Loader::script_rule(Section& s, Stage stage, std::span<const ContextKey> keys) {
  std::function<std::optional<std::string>(const toml::node&, Diagnostics&)> parse =
      [this, stage](const toml::node& v, Diagnostics& d) -> std::optional<std::string> {
    if (is_none(v)) return std::string();
    auto name = parse_string(v, d);
    if (name) {
      script_refs_.push_back({&v, *name});
      script_stages_[*name].insert(stage);
    }
    return name;
  };
  return rule<std::string>(s, "script", keys, parse, std::string());
}

std::optional<IfBlock<std::optional<DynamicString>>> Loader::rewrite_rule(Section& s, std::span<const ContextKey> keys) {
  std::function<std::optional<std::optional<DynamicString>>(const toml::node&, Diagnostics&)> parse =
      [keys](const toml::node& v, Diagnostics& d) -> std::optional<std::optional<DynamicString>> {
    if (is_none(v)) return std::optional<DynamicString>();
    auto text = parse_dynamic_string(v, d, keys);
    if (!text) return std::nullopt;
    return std::optional<DynamicString>(*text);
  };
  return rule<std::optional<DynamicString>>(s, "rewrite", keys, parse, std::nullopt);
}

std::function<std::optional<std::chrono::milliseconds>(const toml::node&, Diagnostics&)> kDuration = parse_duration;
std::function<std::optional<std::uint64_t>(const toml::node&, Diagnostics&)> kSize = parse_size;
std::function<std::optional<bool>(const toml::node&, Diagnostics&)> kBool = parse_bool;
std::function<std::optional<std::string>(const toml::node&, Diagnostics&)> kString = parse_string;

std::string file_value(const std::string& config_path, std::string value) {
  if (value.rfind("file://", 0) == 0) value = value.substr(7);
  if (!value.empty() && value[0] != '/') {
    std::size_t slash = config_path.rfind('/');
    if (slash != std::string::npos) value = config_path.substr(0, slash + 1) + value;
  }
  return value;
}

// ------------------------------------------------------------------ sections

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
    diags.warning(Position{1, 1}, "default-listener",
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
  Section relay(*this, root.table("relay"), "relay");
  std::string first = remotes_.empty() ? "" : remotes_.begin()->first;
  if (relay.get("next-hop") != nullptr) {
    auto parse = std::function<std::optional<std::string>(const toml::node&, Diagnostics&)>(
        [this](const toml::node& v, Diagnostics& d) -> std::optional<std::string> {
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
    diags.error(Position{1, 1}, "missing-key", "several [remote.*] are defined: say which one with [relay] next-hop");
  }
  if (remotes_.empty()) {
    // A Stalwart session config alone (the seed example) still runs: in front of the
    // MTA on this host's port 25.
    diags.warning(Position{1, 1}, "default-backend",
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

void Loader::session(Section& root) {
  Section s(*this, root.table("session"), "session");
  per_.timeout = rule<std::chrono::milliseconds>(s, "timeout", kConnectKeys, kDuration, std::chrono::minutes(5));
  per_.duration = rule<std::chrono::milliseconds>(s, "duration", kConnectKeys, kDuration, std::chrono::minutes(15));
  per_.transfer_limit = rule<std::uint64_t>(s, "transfer-limit", kConnectKeys, kSize, 262144000);
  if (const toml::node* n = s.get("throttle")) {
    // Concurrency of throttles keyed by remote-ip alone (no match) limits connections per
    // client address; other throttles are not enforced yet (warned, not dropped silently).
    const toml::array* list = n->as_array();
    if (list == nullptr) {
      diags.error(position_of(*n), "expected-array", "session.throttle must be an array of tables ([[session.throttle]])");
    } else {
      for (const toml::node& entry : *list) {
        Section t(*this, entry.as_table(), "session.throttle");
        std::optional<std::vector<std::string>> keys;
        if (const toml::node* k = t.get("key")) keys = parse_string_list(*k, diags);
        const toml::node* match = t.get("match");
        std::optional<std::int64_t> concurrency;
        if (const toml::node* c = t.get("concurrency")) concurrency = parse_int(*c, diags, 1, 1000000);
        const toml::node* rate = t.get("rate");
        if (rate) parse_rate(*rate, diags);
        bool by_ip = keys && keys->size() == 1 && (*keys)[0] == "remote-ip";
        if (by_ip && concurrency && match == nullptr) {
          out_.server.max_connections_per_ip = static_cast<std::size_t>(*concurrency);
        }
        if (!by_ip || match != nullptr || rate != nullptr) {
          diags.warning(position_of(entry), "throttle-not-enforced",
                        "only the concurrency of throttles keyed by remote-ip alone, without match, is enforced; "
                        "this throttle's other parts are not (rates and other keys come later)");
        }
      }
    }
  }
  auto& scripts = out_.sieve->scripts;
  {
    Section c(*this, s.table("connect"), "session.connect");
    if (auto b = script_rule(c, Stage::kConnect, kConnectKeys)) scripts[static_cast<std::size_t>(Stage::kConnect)] = *b;
    c.ignore("hostname", "the hostname is [server] hostname");
    c.ignore("greeting", "the greeting is [server] greeting");
  }
  {
    Section e(*this, s.table("ehlo"), "session.ehlo");
    if (auto b = script_rule(e, Stage::kEhlo, kConnectKeys)) scripts[static_cast<std::size_t>(Stage::kEhlo)] = *b;
    per_.ehlo_require = rule<bool>(e, "require", kConnectKeys, kBool, true);
    per_.reject_non_fqdn = rule<bool>(e, "reject-non-fqdn", kConnectKeys, kBool, true);
  }
  {
    Section x(*this, s.table("extensions"), "session.extensions");
    per_.pipelining = rule<bool>(x, "pipelining", kExtensionKeys, kBool, true);
    per_.chunking = rule<bool>(x, "chunking", kExtensionKeys, kBool, true);
    // Absent: DSN is offered when the backend offers it (learnt from its EHLO).
    per_.dsn = rule<bool>(x, "dsn", kExtensionKeys, kBool, true);
    // sievegate's own keys (Stalwart always offers both): pin what the backend's EHLO
    // would otherwise decide.
    per_.eight_bit = rule<bool>(x, "8bitmime", kExtensionKeys, kBool, true);
    per_.smtputf8 = rule<bool>(x, "smtputf8", kExtensionKeys, kBool, true);
    for (const char* k : {"requiretls", "no-soliciting", "future-release", "deliver-by", "mt-priority"}) {
      x.ignore(k, "not offered by sievegate: its parameters are refused with 555 5.5.4");
    }
    for (const char* k : {"vrfy", "expn"}) x.ignore(k, "VRFY and EXPN are answered 252 (cannot verify), never relayed");
  }
  {
    Section a(*this, s.table("auth"), "session.auth");
    if (auto b = script_rule(a, Stage::kAuth, kAuthKeys)) scripts[static_cast<std::size_t>(Stage::kAuth)] = *b;
    proxy::AuthConfig& auth = out_.server.session.auth;
    if (const toml::node* m = a.get("mechanisms")) {
      if (m->is_array() && m->as_array()->size() > 0 && m->as_array()->get(0)->is_table()) {
        diags.error(position_of(*m), "rule-key-not-supported", "rules on session.auth.mechanisms are not supported yet");
      } else if (auto list = parse_string_list(*m, diags)) {
        for (const std::string& name : *list) {
          std::string lower = policy::ascii_lower(name);
          if (lower == "plain") auth.plain = true;
          else if (lower == "login") auth.login = true;
          else if (lower == "xoauth2" || lower == "oauthbearer") {
            diags.warning(position_of(*m), "unsupported-mechanism", "mechanism '" + name + "' is not offered by sievegate (PLAIN and LOGIN are)");
          } else {
            diags.error(position_of(*m), "unknown-mechanism", "unknown SASL mechanism '" + name + "' (plain, login)");
          }
        }
      }
    }
    if (const toml::node* d = a.get("directory")) {
      if (!is_none(*d)) {
        if (auto name = parse_string(*d, diags)) auth_directory_name_ = {*name, d};
      }
    }
    per_.auth_require = rule<bool>(a, "require", kAuthKeys, kBool, false);
    per_.allow_plain_text = rule<bool>(a, "allow-plain-text", kAuthKeys, kBool, false);
    Section errors(*this, a.table("errors"), "session.auth.errors");
    for (const char* spelling : {"max", "total"}) {  // both spellings Stalwart used
      if (const toml::node* n = errors.get(spelling)) {
        if (auto v = parse_int(*n, diags, 1, 1000)) auth.max_errors = static_cast<std::size_t>(*v);
      }
    }
    auth.error_wait = std::chrono::seconds(30);  // Stalwart's default
    if (const toml::node* n = errors.get("wait")) {
      if (is_none(*n)) auth.error_wait = std::chrono::milliseconds(0);
      else if (auto v = parse_duration(*n, diags)) auth.error_wait = *v;
    }
  }
  {
    Section m(*this, s.table("mail"), "session.mail");
    if (auto b = script_rule(m, Stage::kMail, kMailKeys)) scripts[static_cast<std::size_t>(Stage::kMail)] = *b;
    if (auto r = rewrite_rule(m, kMailKeys)) out_.sieve->mail_rewrite = *r;
  }
  {
    Section r(*this, s.table("rcpt"), "session.rcpt");
    if (auto b = script_rule(r, Stage::kRcpt, kRcptKeys)) scripts[static_cast<std::size_t>(Stage::kRcpt)] = *b;
    if (auto rw = rewrite_rule(r, kRcptKeys)) out_.sieve->rcpt_rewrite = *rw;
    per_.max_recipients = rule<std::uint64_t>(r, "max-recipients", kRcptKeys, kSize, 100);
    per_.relay = rule<bool>(r, "relay", kRcptKeys, kBool, false);
    if (r.get("directory") != nullptr) {
      auto parse = std::function<std::optional<std::string>(const toml::node&, Diagnostics&)>(
          [this](const toml::node& v, Diagnostics& d) -> std::optional<std::string> {
            if (is_none(v)) return std::string();
            auto name = parse_string(v, d);
            if (!name) return std::nullopt;
            auto it = memory_directories_.find(*name);
            if (it == memory_directories_.end()) {
              if (!directories_.count(*name)) {
                d.error(position_of(v), "unknown-directory", "no [directory.\"" + *name + "\"] is defined" +
                                                                 did_you_mean(*name, {directories_.begin(), directories_.end()}));
              }
              return std::nullopt;
            }
            per_.recipient_directories[*name] = it->second;
            return name;
          });
      per_.rcpt_directory = rule<std::string>(r, "directory", kRcptKeys, parse, std::string());
    }
    if (per_.relay && !per_.rcpt_directory) {
      diags.warning(position_of(*r.get("relay")), "relay-without-directory",
                    "session.rcpt.relay without session.rcpt.directory: no domain is local, so every recipient "
                    "for which relay is false is refused (550 5.1.2 Relay not allowed.), as Stalwart does");
    }
    Section errors(*this, r.table("errors"), "session.rcpt.errors");
    for (const char* spelling : {"max", "total"}) {
      if (const toml::node* n = errors.get(spelling)) {
        if (auto v = parse_int(*n, diags, 1, 1000)) out_.server.session.max_rcpt_errors = static_cast<std::size_t>(*v);
      }
    }
    out_.server.session.rcpt_error_wait = std::chrono::seconds(30);  // Stalwart's default
    if (const toml::node* n = errors.get("wait")) {
      if (is_none(*n)) out_.server.session.rcpt_error_wait = std::chrono::milliseconds(0);
      else if (auto v = parse_duration(*n, diags)) out_.server.session.rcpt_error_wait = *v;
    }
    r.ignore("catch-all", "the backend's directory decides");
    r.ignore("sub-addressing", "the backend's directory decides");
  }
  {
    Section d(*this, s.table("data"), "session.data");
    if (auto b = script_rule(d, Stage::kData, kDataKeys)) scripts[static_cast<std::size_t>(Stage::kData)] = *b;
    Section limits(*this, d.table("limits"), "session.data.limits");
    per_.messages = rule<std::uint64_t>(limits, "messages", kDataKeys, kSize, 10);
    per_.size = rule<std::uint64_t>(limits, "size", kDataKeys, kSize, 26214400);
    per_.received_headers = rule<std::uint64_t>(limits, "received-headers", kDataKeys, kSize, 50);
    limits.finish();
    Section headers(*this, d.table("add-headers"), "session.data.add-headers");
    per_.add_received = rule<bool>(headers, "received", kDataKeys, kBool, true);
    for (const char* k : {"received-spf", "auth-results"}) headers.ignore(k, "sievegate does not check SPF, DKIM or DMARC yet");
    for (const char* k : {"message-id", "date"}) headers.ignore(k, "the backend adds missing Message-ID and Date headers");
    headers.ignore("return-path", "Return-Path is added at final delivery, by the backend");
    headers.finish();
    if (const toml::node* bare = d.get("bare-line-ends")) {
      auto v = parse_string(*bare, diags);
      if (v && *v == "refuse") out_.server.session.data.bare_line_ends = proxy::BareLineEnds::kRefuse;
      else if (v && *v == "normalize") out_.server.session.data.bare_line_ends = proxy::BareLineEnds::kNormalize;
      else if (v) diags.error(position_of(*bare), "invalid-value", "bare-line-ends must be \"refuse\" or \"normalize\"");
    }
    d.ignore("pipe", "external filters are not run by sievegate; the backend can run them");
    d.ignore("milter", "milters are not run by sievegate; the backend can run them");
  }
}

void Loader::sieve(Section& root) {
  Section sv(*this, root.table("sieve"), "sieve");
  Section t(*this, sv.table("trusted"), "sieve.trusted");
  scripts(t.table("scripts"));
  policy::StageOptions& o = out_.sieve->options;
  if (const toml::node* n = t.get("on-error")) {
    auto v = parse_string(*n, diags);
    if (v && *v == "tempfail") o.tempfail_on_error = true;
    else if (v && *v != "accept") diags.error(position_of(*n), "invalid-value", "on-error must be \"accept\" or \"tempfail\"");
  }
  Section l(*this, t.table("limits"), "sieve.trusted.limits");
  if (const toml::node* n = l.get("cpu")) {
    if (auto v = parse_int(*n, diags, 1, 100000000)) o.limits.max_instructions = static_cast<std::uint64_t>(*v);
  }
  if (const toml::node* n = l.get("redirects")) {
    if (auto v = parse_int(*n, diags, 0, 1000)) o.limits.max_redirects = static_cast<std::size_t>(*v);
  }
  if (const toml::node* n = l.get("variable-size")) {
    if (auto v = parse_size(*n, diags)) o.limits.max_string_size = static_cast<std::size_t>(*v);
  }
  if (const toml::node* n = l.get("max-header-size")) parse_size(*n, diags);  // checked; headers are bounded by DATA limits
  if (const toml::node* n = l.get("duplicate-expiry")) parse_duration(*n, diags);
  l.ignore("out-messages", "sievegate does not send new messages; redirect changes the relayed envelope");
  l.ignore("received-headers", "use session.data.limits.received-headers");
  l.ignore("nested-includes", "includes nest at most 10 deep");
  l.finish();
  for (const char* k : {"from-name", "from-addr", "return-path", "sign"}) {
    t.ignore(k, "sievegate does not send new messages (redirect changes the relayed envelope)");
  }
  t.ignore("hostname", "the hostname is [server] hostname");
  t.ignore("no-capability-check", "scripts are always checked");
  t.finish();
  sv.ignore("untrusted", "sievegate runs only trusted (operator) scripts");
}

void Loader::scripts(const toml::table* table) {
  if (table == nullptr) return;
  for (const auto& [key, node] : *table) {
    std::string name(key.str());
    ScriptSource src;
    if (const toml::table* parts = node.as_table()) {
      // A table of parts, joined in key order (Stalwart's format); positions are the table's.
      for (const auto& [part, piece] : *parts) {
        if (auto text = piece.value<std::string>()) src.text += *text;
        else diags.error(position_of(piece), "expected-string", "script part '" + name + "." + std::string(part.str()) + "' must be a string");
      }
      src.at = position_of(node);
    } else if (auto text = node.value<std::string>()) {
      if (text->rfind("file://", 0) == 0) {
        src.file = file_value(path_, *text);
        base::FileText file = base::read_file(src.file);
        if (!file.ok()) {
          diags.error(position_of(node), "unreadable-script",
                      "cannot read script file '" + src.file + "': " + file.reason());
          continue;
        }
        src.text = std::move(file.text);
      } else {
        src.text = *text;
        // Where the text starts in the file: after the opening quotes, and for '''/"""
        // after the line break that follows them (TOML trims it).
        src.at = position_of(node);
        std::size_t offset = 0;
        for (int line = 1; line < src.at.line && offset != std::string::npos; ++line) {
          offset = text_.find('\n', offset);
          if (offset != std::string::npos) ++offset;
        }
        if (offset != std::string::npos) {
          offset += static_cast<std::size_t>(src.at.column - 1);
          bool triple = text_.compare(offset, 3, "'''") == 0 || text_.compare(offset, 3, "\"\"\"") == 0;
          std::size_t quote = triple ? 3 : 1;
          src.first_column = src.at.column + static_cast<int>(quote);
          if (triple && (text_.compare(offset + 3, 1, "\n") == 0 || text_.compare(offset + 3, 2, "\r\n") == 0)) {
            src.at.line += 1;
            src.first_column = 1;
          }
        }
      }
    } else {
      diags.error(position_of(node), "expected-string",
                  "script '" + name + "' must be a string (the script, or \"file:///path\")");
      continue;
    }
    sources_[name] = std::move(src);
  }
}

void Loader::directories(Section& root) {
  const toml::table* dirs = root.table("directory");
  if (dirs == nullptr) return;
  for (const auto& [id, node] : *dirs) {
    std::string name(id.str());
    directories_.insert(name);
    Section d(*this, node.as_table(), "directory." + name);
    if (!node.is_table()) continue;
    std::string type;
    if (const toml::node* n = d.get("type")) type = parse_string(*n, diags).value_or("");
    if (type != "memory") {
      d.get("*");
      diags.error(position_of(node), "unsupported-directory",
                  "directory '" + name + "': only type = \"memory\" is supported (users listed in the config)");
      for (const auto& [k, v] : *node.as_table()) d.get(k.str());
      continue;
    }
    auto memory = std::make_shared<proxy::MemoryDirectory>();
    if (const toml::node* users = d.get("users")) {
      const toml::array* list = users->as_array();
      if (list == nullptr) diags.error(position_of(*users), "expected-array", "users must be an array of tables ([[directory.\"" + name + "\".users]])");
      for (std::size_t i = 0; list && i < list->size(); ++i) {
        Section u(*this, list->get(i)->as_table(), "directory." + name + ".users");
        std::optional<std::string> user, secret;
        if (const toml::node* n = u.get("name")) user = parse_string(*n, diags);
        if (const toml::node* n = u.get("secret")) secret = parse_string(*n, diags);
        u.get("description");
        // Addresses: the user's (email) and the lists they receive (email-list); their
        // domains become local (session.rcpt.directory).
        for (const char* key : {"email", "email-list"}) {
          if (const toml::node* n = u.get(key)) {
            if (auto addresses = parse_string_list(*n, diags)) {
              for (const std::string& a : *addresses) memory->add_address(a);
            }
          }
        }
        u.get("member-of");
        u.ignore("quota", "quotas are the backend's");
        u.ignore("type", "every user may authenticate");
        if (!user || !secret) diags.error(position_of(*list->get(i)), "missing-key", "a directory user needs name and secret");
        else memory->add(*user, *secret);
      }
    }
    if (const toml::node* n = d.get("domains")) {
      if (auto domains = parse_string_list(*n, diags)) {
        for (const std::string& v : *domains) memory->add_domain(v);
      }
    }
    if (const toml::table* lookups = d.table("lookup")) {
      for (const auto& [lid, lnode] : *lookups) {
        auto values = parse_string_list(lnode, diags);
        if (!values) continue;
        std::vector<std::string>& into = out_.sieve->lists[name + "/" + std::string(lid.str())];
        for (const std::string& v : *values) into.push_back(policy::ascii_lower(v));
        if (lid.str() == "domains") {  // Stalwart's local domains list
          for (const std::string& v : *values) memory->add_domain(v);
        }
      }
    }
    d.ignore("groups", "group membership is not used by sievegate");
    Section options(*this, d.table("options"), "directory." + name + ".options");
    for (const char* key : {"catch-all", "subaddressing"}) {
      const toml::node* n = options.get(key);
      if (n == nullptr) continue;
      if (!n->is_boolean()) {
        diags.error(position_of(*n), "unsupported-value",
                    "'directory." + name + ".options." + key + "' must be true or false (address maps are not supported)");
        continue;
      }
      bool on = n->as_boolean()->get();
      if (std::string_view(key) == "catch-all") memory->set_catch_all(on);
      else memory->set_subaddressing(on);
    }
    d.ignore("cache", "the memory directory needs no cache");
    memory_directories_[name] = memory;
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

// A script store over the config's own scripts: `include "name"` finds
// [sieve.trusted.scripts] name (personal and :global alike).
class ConfigScripts final : public policy::ScriptStore {
 public:
  explicit ConfigScripts(const std::map<std::string, std::string>& texts) : texts_(texts) {}
  std::optional<std::string> load(std::string_view name, bool) const override {
    auto it = texts_.find(std::string(name));
    if (it == texts_.end()) return std::nullopt;
    return it->second;
  }

 private:
  const std::map<std::string, std::string>& texts_;
};

void collect_commands(const std::vector<policy::Command>& commands, std::vector<const policy::Command*>& out) {
  for (const policy::Command& c : commands) {
    out.push_back(&c);
    collect_commands(c.block, out);
  }
}

void Loader::compile_scripts() {
  std::map<std::string, std::string> texts;
  for (const auto& [name, src] : sources_) texts[name] = src.text;
  ConfigScripts store(texts);
  for (const auto& [name, src] : sources_) {
    policy::CompileResult compiled = policy::compile(src.text, policy::Registry::standard(), &store);
    for (const policy::Diagnostic& d : compiled.diagnostics) {
      Report r;
      r.error = d.severity == policy::Severity::kError;
      r.code = "sieve";
      r.message = d.message;
      if (!src.file.empty()) {
        r.path = src.file;
        r.line = d.pos.line;
        r.column = d.pos.column;
      } else {
        r.path = path_;
        r.line = src.at.line + d.pos.line - 1;
        r.column = d.pos.line == 1 ? src.first_column + d.pos.column - 1 : d.pos.column;
      }
      script_reports_.push_back(std::move(r));
    }
    if (compiled.program) out_.sieve->programs[name] = compiled.program;
    // Actions a stage cannot carry out (config.md): warnings at the command.
    auto stages = script_stages_.find(name);
    if (stages == script_stages_.end() || !compiled.program) continue;
    policy::CheckResult checked = policy::check_source(src.text);
    std::vector<const policy::Command*> commands;
    collect_commands(checked.script.ast.commands, commands);
    for (const policy::Command* c : commands) {
      std::optional<std::string> why;  // bridge/stage_table.h: the first stage it has no effect at
      for (Stage stage : stages->second) {
        if ((why = policy::stage_action_warning(c->name, stage))) break;
      }
      if (!why) continue;
      Report r;
      r.error = false;
      r.code = "stage-action";
      r.message = *why;
      if (!src.file.empty()) {
        r.path = src.file;
        r.line = c->pos.line;
        r.column = c->pos.column;
      } else {
        r.path = path_;
        r.line = src.at.line + c->pos.line - 1;
        r.column = c->pos.line == 1 ? src.first_column + c->pos.column - 1 : c->pos.column;
      }
      script_reports_.push_back(std::move(r));
    }
  }
  for (const auto& [node, name] : script_refs_) {
    if (name.empty() || sources_.count(name)) continue;
    std::vector<std::string> known;
    for (const auto& s : sources_) known.push_back(s.first);
    diags.error(position_of(*node), "unknown-script", "no script '" + name + "' in [sieve.trusted.scripts]" + did_you_mean(name, known));
  }
}

LoadedConfig Loader::run() {
  out_.sieve = std::make_shared<SieveSettings>();
  base::FileText file = base::read_file(path_);
  if (!file.ok()) {
    out_.read_error = file.error;
    out_.reports.push_back(Report{path_, 0, 0, true, "unreadable", "cannot read: " + file.reason()});
    return std::move(out_);
  }
  text_ = std::move(file.text);
  toml::table root_table;
  try {
    root_table = toml::parse(text_, path_);
  } catch (const toml::parse_error& e) {
    out_.reports.push_back(Report{path_, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                                  true, "toml", std::string(e.description())});
    return std::move(out_);
  }
  {
    Section root(*this, &root_table, "");
    directories(root);
    certificates(root);
    server(root);
    remotes(root);
    session(root);
    sieve(root);
    global(root);
    queue(root);
    // Stalwart's own tables that a proxy has no use for: said, not silently dropped.
    const std::pair<const char*, const char*> kIgnored[] = {
        {"report", "DMARC/TLS reports are the backend's"},
        {"resolver", "sievegate does no DNS lookups yet"},
        {"storage", "sievegate keeps no mail store"},
        {"store", "sievegate keeps no mail store"},
        {"signature", "DKIM signing is the backend's"},
        {"auth", "SPF, DKIM, ARC, DMARC and iprev checks are not done by sievegate yet"},
        {"management", "there is no management API"},
        {"jmap", "sievegate is an SMTP proxy"},
        {"imap", "sievegate is an SMTP proxy"},
        {"lookup", "use [directory.<id>.lookup] lists"},
    };
    for (const auto& [key, why] : kIgnored) root.ignore(key, why);
  }
  compile_scripts();

  // Certificates for the listeners.
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
      diags.error(Position{1, 1}, "missing-certificate", "listener '" + l.id + "' has tls.implicit but no certificate");
    }
  }
  // AUTH's directory.
  proxy::AuthConfig& auth = out_.server.session.auth;
  if (auth_directory_name_) {
    auto it = memory_directories_.find(auth_directory_name_->first);
    if (it == memory_directories_.end()) {
      if (!directories_.count(auth_directory_name_->first)) {
        diags.error(position_of(*auth_directory_name_->second), "unknown-directory",
                    "no [directory.\"" + auth_directory_name_->first + "\"] is defined");
      }
    } else {
      auth.directory = it->second;
    }
  }
  if ((auth.plain || auth.login) && !auth_directory_name_) {
    diags.error(Position{1, 1}, "missing-key", "session.auth has mechanisms but no directory to check credentials");
  }

  // Backend defaults (the next hop's fallback) and the per-session rules.
  std::string hop = per_.next_hop ? per_.next_hop->fallback() : (remotes_.empty() ? "" : remotes_.begin()->first);
  if (!hop.empty() && remotes_.count(hop)) {
    out_.server.backend_host = remotes_[hop].first;
    out_.server.backend_port = remote_ports_[hop];
    if (remote_timeouts_.count(hop)) out_.server.backend_timeout = remote_timeouts_[hop];
  }
  auto per = std::make_shared<const PerSession>(per_);
  auto hosts = std::make_shared<std::map<std::string, std::tuple<std::string, std::uint16_t, std::chrono::milliseconds>>>();
  for (const auto& [id, r] : remotes_) {
    (*hosts)[id] = {r.first, remote_ports_[id], remote_timeouts_.count(id) ? remote_timeouts_[id] : out_.server.backend_timeout};
    out_.server.next_hops.push_back({r.first, remote_ports_[id]});
  }
  if (remotes_.empty()) out_.server.next_hops.push_back({out_.server.backend_host, out_.server.backend_port});
  out_.server.per_session = [per, hosts](const proxy::ConnectionInfo& info, proxy::SessionSettings& s) {
    Context c;
    c[ContextKey::kListener] = info.listener;
    c[ContextKey::kRemoteIp] = info.remote_ip;
    c[ContextKey::kLocalIp] = info.local_ip;
    if (per->timeout) s.timeout = per->timeout->eval(c);
    if (per->duration) s.duration = per->duration->eval(c);
    if (per->transfer_limit) s.session.transfer_limit = per->transfer_limit->eval(c);
    if (per->ehlo_require) s.session.ehlo_required = per->ehlo_require->eval(c);
    if (per->reject_non_fqdn) s.session.reject_non_fqdn = per->reject_non_fqdn->eval(c);
    // The rest is decided at the stage that uses it (RuleSettings), first with what is
    // known at connect so that the greeting and EHLO have values.
    RuleSettings(per).at_connect(c).apply(s.session);
    if (per->next_hop) {
      auto it = hosts->find(per->next_hop->eval(c));
      if (it != hosts->end()) std::tie(s.backend_host, s.backend_port, s.backend_timeout) = it->second;
    }
  };
  out_.server.session.settings = std::make_shared<RuleSettings>(per);
  out_.server.recipients_checked = per_.relay || per_.rcpt_directory;
  if (!out_.server.recipients_checked && !out_.server.session.xclient) {
    diags.warning(Position{1, 1}, "open-relay-risk",
                  "[relay] xclient is off and no session.rcpt.directory or relay is configured: the backend sees "
                  "every client as sievegate's own address and may relay for anyone if it trusts it (Postfix "
                  "trusts mynetworks); set session.rcpt.directory with the local domains, or let the backend "
                  "see the client with xclient = true and smtpd_authorized_xclient_hosts");
  }
  // Stalwart's defaults where the proxy's own differ.
  out_.server.session.reject_non_fqdn = !per_.reject_non_fqdn || per_.reject_non_fqdn->fallback();
  out_.sieve->log = out_.server.log;
  out_.sieve->duplicates = std::make_shared<policy::MemoryDuplicateStore>();

  for (const Diagnostic& d : diags.items()) {
    out_.reports.push_back(Report{path_, d.position.line, d.position.column, d.severity == Severity::kError, d.code, d.message});
  }
  out_.reports.insert(out_.reports.end(), script_reports_.begin(), script_reports_.end());
  std::stable_sort(out_.reports.begin(), out_.reports.end(), [](const Report& a, const Report& b) {
    if (a.path != b.path) return a.path < b.path;
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return std::move(out_);
}

}  // namespace

bool LoadedConfig::ok() const { return errors() == 0; }
std::size_t LoadedConfig::errors() const {
  return static_cast<std::size_t>(std::count_if(reports.begin(), reports.end(), [](const Report& r) { return r.error; }));
}
std::size_t LoadedConfig::warnings() const { return reports.size() - errors(); }

LoadedConfig load_config(const std::string& path) { return Loader(path).run(); }

}  // namespace sievegate::config
