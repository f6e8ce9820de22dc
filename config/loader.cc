// The configuration file; see loader.h. The loader's parts are in loader_internal.h.
//
// Reading is table by table through Section, which records the keys it was asked for;
// whatever a table holds beyond them is an unknown key (an error, with the nearest known
// key as a hint). Keys sievegate knows but does not act on are read with ignore(), which
// warns and says why.
//
// This file: reading the file, the sections' bookkeeping, compiling the scripts, and
// the result with every diagnostic in place.
#include "config/loader.h"

#include <algorithm>
#include <tuple>

#include "base/file.h"
#include "bridge/stage.h"
#include "config/loader_internal.h"
#include "sieve/sieve.h"

namespace sievegate::config {
namespace loading {

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

std::string file_value(const std::string& config_path, std::string value) {
  if (value.rfind("file://", 0) == 0) value = value.substr(7);
  if (!value.empty() && value[0] != '/') {
    std::size_t slash = config_path.rfind('/');
    if (slash != std::string::npos) value = config_path.substr(0, slash + 1) + value;
  }
  return value;
}

// ------------------------------------------------------------------ the whole file

LoadedConfig Loader::run() {
  out_.sieve = std::make_shared<SieveSettings>();
  base::FileText file = base::read_file(path_);
  if (!file.ok()) {
    out_.read_error = file.error;
    out_.reports.push_back(base::cannot_read(path_, file.reason()));
    return std::move(out_);
  }
  text_ = std::move(file.text);
  toml::table root_table;
  try {
    root_table = toml::parse(text_, path_);
  } catch (const toml::parse_error& e) {
    out_.reports.emplace_back(Severity::kError, position_of(e.source()), "toml", std::string(e.description()), path_);
    return std::move(out_);
  }
  read_sections(root_table);
  compile_scripts();
  attach_certificates();
  attach_auth_directory();
  install_session_rules();
  out_.sieve->log = out_.server.log;
  out_.sieve->duplicates = std::make_shared<policy::MemoryDuplicateStore>();
  collect_reports();
  return std::move(out_);
}

// Every table, in this order (the order of the diagnostics that share a place).
void Loader::read_sections(const toml::table& root_table) {
  Section root(*this, &root_table, "");
  directories(root);
  certificates(root);
  server(root);
  remotes(root);
  relay(root);
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

namespace {

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

}  // namespace

// A script's diagnostic where the user wrote it: in the script's own file, or for an
// inline script at its place in the config file.
base::Diagnostic Loader::placed(const ScriptSource& src, base::Diagnostic d) const {
  if (!src.file.empty()) {
    d.file = src.file;
  } else {
    d.file = path_;
    d.pos = SourcePos{src.at.line + d.pos.line - 1, d.pos.line == 1 ? src.first_column + d.pos.column - 1 : d.pos.column};
  }
  return d;
}

void Loader::compile_scripts() {
  std::map<std::string, std::string> texts;
  for (const auto& [name, src] : sources_) texts[name] = src.text;
  ConfigScripts store(texts);
  for (const auto& [name, src] : sources_) {
    policy::CompileResult compiled = policy::compile(src.text, policy::Registry::standard(), &store);
    for (policy::Diagnostic d : compiled.diagnostics) {
      d.code = "sieve";
      script_reports_.push_back(placed(src, std::move(d)));
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
      script_reports_.push_back(
          placed(src, base::Diagnostic(Severity::kWarning, c->pos, "stage-action", std::move(*why))));
    }
  }
  for (const auto& [node, name] : script_refs_) {
    if (name.empty() || sources_.count(name)) continue;
    std::vector<std::string> known;
    for (const auto& s : sources_) known.push_back(s.first);
    diags.error(position_of(*node), "unknown-script", "no script '" + name + "' in [sieve.trusted.scripts]" + did_you_mean(name, known));
  }
}

// The config file's own diagnostics and the scripts', by file and then by place; the
// order they were reported in where places tie.
void Loader::collect_reports() {
  for (Diagnostic d : diags.items()) {
    d.file = path_;
    out_.reports.push_back(std::move(d));
  }
  out_.reports.insert(out_.reports.end(), script_reports_.begin(), script_reports_.end());
  std::stable_sort(out_.reports.begin(), out_.reports.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
  });
}

}  // namespace loading

bool LoadedConfig::ok() const { return errors() == 0; }
std::size_t LoadedConfig::errors() const { return base::count_errors(reports); }
std::size_t LoadedConfig::warnings() const { return reports.size() - errors(); }

LoadedConfig load_config(const std::string& path) { return loading::Loader(path).run(); }

}  // namespace sievegate::config
