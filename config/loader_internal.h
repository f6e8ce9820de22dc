// The loader's own pieces, shared by its files (loader.cc: reading the file, the
// sections' bookkeeping, the scripts' compilation, the result; loader_server.cc:
// [server], listeners, certificates, remotes, [relay], [global], [queue];
// loader_session.cc: [session] stage by stage and the rules decided per session;
// loader_sieve.cc: [sieve] and its scripts, [directory]). Not for use outside them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "base/diagnostic.h"
#include "base/suggest.h"
#include "config/diagnostics.h"
#include "config/loader.h"
#include "config/rules.h"
#include "config/values.h"

namespace sievegate::config::loading {

using policy::Stage;

// The context keys each stage knows (stalwart-stages.md section 4).
inline constexpr ContextKey kConnectKeys[] = {ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp};
inline constexpr ContextKey kExtensionKeys[] = {ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp,
                                                ContextKey::kSender, ContextKey::kSenderDomain,
                                                ContextKey::kAuthenticatedAs};
inline constexpr ContextKey kAuthKeys[] = {ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp,
                                           ContextKey::kHeloDomain};
inline constexpr ContextKey kMailKeys[] = {ContextKey::kAuthenticatedAs, ContextKey::kListener, ContextKey::kRemoteIp,
                                           ContextKey::kLocalIp, ContextKey::kHeloDomain, ContextKey::kSender,
                                           ContextKey::kSenderDomain};
inline constexpr ContextKey kRcptKeys[] = {ContextKey::kSender, ContextKey::kSenderDomain, ContextKey::kRcpt,
                                           ContextKey::kRcptDomain, ContextKey::kAuthenticatedAs, ContextKey::kListener,
                                           ContextKey::kRemoteIp, ContextKey::kLocalIp, ContextKey::kHeloDomain};
inline constexpr ContextKey kDataKeys[] = {ContextKey::kSender, ContextKey::kSenderDomain, ContextKey::kAuthenticatedAs,
                                           ContextKey::kListener, ContextKey::kRemoteIp, ContextKey::kLocalIp,
                                           ContextKey::kPriority, ContextKey::kHeloDomain};

// The value parsers as the rule() helper takes them.
template <typename T>
using ValueParser = std::function<std::optional<T>(const toml::node&, Diagnostics&)>;
inline const ValueParser<std::chrono::milliseconds> kDuration = parse_duration;
inline const ValueParser<std::uint64_t> kSize = parse_size;
inline const ValueParser<bool> kBool = parse_bool;
inline const ValueParser<std::string> kString = parse_string;

inline std::string did_you_mean(std::string_view key, const std::vector<std::string>& known) {
  return base::did_you_mean(base::closest(key, known));
}

// A file named in the config ("file:///path", "/path" or a path relative to the config
// file's folder) as a path.
std::string file_value(const std::string& config_path, std::string value);

// Rule-valued settings: those decided at connect (limits, next hop) and those decided at
// the stage that uses them (loader_session.cc).
struct PerSession {
  std::optional<IfBlock<std::chrono::milliseconds>> timeout, duration;
  std::optional<IfBlock<std::uint64_t>> transfer_limit, max_recipients, size, messages, received_headers;
  std::optional<IfBlock<bool>> ehlo_require, reject_non_fqdn, pipelining, chunking, dsn, auth_require,
      allow_plain_text, add_received, relay, eight_bit, smtputf8;
  std::optional<IfBlock<std::string>> next_hop, rcpt_directory;
  // session.rcpt.directory's values: directory id -> its recipients ("" and false: none).
  std::map<std::string, std::shared_ptr<const proxy::RecipientDirectory>> recipient_directories;
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

// Reads one config file. The sections are read in a fixed order (run()), and what they
// report keeps that order where positions tie: diagnostics are sorted by place only.
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
  void read_sections(const toml::table& root_table);
  // loader_server.cc
  void server(Section& root);
  void listener(const std::string& id, const toml::table& t);
  void certificates(Section& root);
  void remotes(Section& root);
  void relay(Section& root);
  void global(Section& root);
  void queue(Section& root);
  void attach_certificates();
  // loader_session.cc
  void session(Section& root);
  void session_throttle(Section& s);
  void session_greeting(Section& s);
  void session_auth(Section& s);
  void session_rcpt(Section& s);
  void session_data(Section& s);
  void install_session_rules();
  // loader_sieve.cc
  void sieve(Section& root);
  void scripts(const toml::table* scripts);
  void directories(Section& root);
  void directory_users(Section& d, const std::string& name, proxy::MemoryDirectory& memory);
  void attach_auth_directory();
  // loader.cc
  void compile_scripts();
  void collect_reports();

  // A setting that is a constant or a rule (stalwart-stages.md section 4) over the
  // context keys its stage knows; where it is evaluated is the caller's (PerSession).
  template <typename T>
  std::optional<IfBlock<T>> rule(Section& s, std::string_view key, std::span<const ContextKey> keys,
                                 const ValueParser<T>& parse, T default_value) {
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
  base::Diagnostics script_reports_;  // the scripts' diagnostics, in the order of the scripts
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
    SourcePos at;          // where the text starts in the config file (line of its first character)
    int first_column = 1;  // column of the first character on that line
    std::string file;      // for file:// scripts: the file (diagnostics are reported there)
  };
  std::map<std::string, ScriptSource> sources_;
  base::Diagnostic placed(const ScriptSource& src, base::Diagnostic d) const;
  std::vector<std::pair<const toml::node*, std::string>> script_refs_;  // name used by a stage
  std::map<std::string, std::set<Stage>> script_stages_;
  PerSession per_;
  friend class Section;
};

}  // namespace sievegate::config::loading
