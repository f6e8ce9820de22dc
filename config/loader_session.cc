// [session]: Stalwart's settings stage by stage (connect, ehlo, extensions, auth, mail,
// rcpt, data), each a constant or a rule over what the stage knows, and the stage's
// script; then how those rules reach the proxy: the ones decided at connect in
// per_session, the others at the stage that uses them (RuleSettings). See
// loader_internal.h.
#include <tuple>

#include "base/ascii.h"
#include "bridge/sieve_policy.h"
#include "config/loader_internal.h"

namespace sievegate::config::loading {
namespace {

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

}  // namespace

std::optional<IfBlock<std::string>> Loader::script_rule(Section& s, Stage stage, std::span<const ContextKey> keys) {
  ValueParser<std::string> parse = [this, stage](const toml::node& v, Diagnostics& d) -> std::optional<std::string> {
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
  ValueParser<std::optional<DynamicString>> parse = [keys](const toml::node& v, Diagnostics& d) -> std::optional<std::optional<DynamicString>> {
    if (is_none(v)) return std::optional<DynamicString>();
    auto text = parse_dynamic_string(v, d, keys);
    if (!text) return std::nullopt;
    return std::optional<DynamicString>(*text);
  };
  return rule<std::optional<DynamicString>>(s, "rewrite", keys, parse, std::nullopt);
}

void Loader::session(Section& root) {
  Section s(*this, root.table("session"), "session");
  per_.timeout = rule<std::chrono::milliseconds>(s, "timeout", kConnectKeys, kDuration, std::chrono::minutes(5));
  per_.duration = rule<std::chrono::milliseconds>(s, "duration", kConnectKeys, kDuration, std::chrono::minutes(15));
  per_.transfer_limit = rule<std::uint64_t>(s, "transfer-limit", kConnectKeys, kSize, 262144000);
  session_throttle(s);
  session_greeting(s);
  session_auth(s);
  {
    Section m(*this, s.table("mail"), "session.mail");
    if (auto b = script_rule(m, Stage::kMail, kMailKeys)) out_.sieve->scripts[static_cast<std::size_t>(Stage::kMail)] = *b;
    if (auto r = rewrite_rule(m, kMailKeys)) out_.sieve->mail_rewrite = *r;
  }
  session_rcpt(s);
  session_data(s);
}

// Concurrency of throttles keyed by remote-ip alone (no match) limits connections per
// client address; other throttles are not enforced yet (warned, not dropped silently).
void Loader::session_throttle(Section& s) {
  if (const toml::node* n = s.get("throttle")) {
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
}

// session.connect, session.ehlo and session.extensions: what the greeting and the EHLO
// reply depend on.
void Loader::session_greeting(Section& s) {
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

void Loader::session_auth(Section& s) {
  auto& scripts = out_.sieve->scripts;
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

void Loader::session_rcpt(Section& s) {
  auto& scripts = out_.sieve->scripts;
  Section r(*this, s.table("rcpt"), "session.rcpt");
  if (auto b = script_rule(r, Stage::kRcpt, kRcptKeys)) scripts[static_cast<std::size_t>(Stage::kRcpt)] = *b;
  if (auto rw = rewrite_rule(r, kRcptKeys)) out_.sieve->rcpt_rewrite = *rw;
  per_.max_recipients = rule<std::uint64_t>(r, "max-recipients", kRcptKeys, kSize, 100);
  per_.relay = rule<bool>(r, "relay", kRcptKeys, kBool, false);
  if (r.get("directory") != nullptr) {
    auto parse = ValueParser<std::string>([this](const toml::node& v, Diagnostics& d) -> std::optional<std::string> {
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

void Loader::session_data(Section& s) {
  auto& scripts = out_.sieve->scripts;
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

// The backend by default (the next hop's fallback), and the rules decided per session:
// at connect in per_session, the others at their stage (RuleSettings).
void Loader::install_session_rules() {
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
    diags.warning(SourcePos{1, 1}, "open-relay-risk",
                  "[relay] xclient is off and no session.rcpt.directory or relay is configured: the backend sees "
                  "every client as sievegate's own address and may relay for anyone if it trusts it (Postfix "
                  "trusts mynetworks); set session.rcpt.directory with the local domains, or let the backend "
                  "see the client with xclient = true and smtpd_authorized_xclient_hosts");
  }
  // Stalwart's defaults where the proxy's own differ.
  out_.server.session.reject_non_fqdn = !per_.reject_non_fqdn || per_.reject_non_fqdn->fallback();
}

}  // namespace sievegate::config::loading
