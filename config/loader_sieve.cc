// [sieve] with the scripts it holds or names, and [directory.*]: the users, addresses
// and lists the rules and the scripts look up. See loader_internal.h.
#include "base/ascii.h"
#include "base/file.h"
#include "config/loader_internal.h"

namespace sievegate::config::loading {

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
        for (std::uint32_t line = 1; line < src.at.line && offset != std::string::npos; ++line) {
          offset = text_.find('\n', offset);
          if (offset != std::string::npos) ++offset;
        }
        if (offset != std::string::npos) {
          offset += static_cast<std::size_t>(src.at.column - 1);
          bool triple = text_.compare(offset, 3, "'''") == 0 || text_.compare(offset, 3, "\"\"\"") == 0;
          std::size_t quote = triple ? 3 : 1;
          src.first_column = static_cast<int>(src.at.column + quote);
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
    directory_users(d, name, *memory);
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

// [[directory.<id>.users]]: who may authenticate, and the addresses they receive.
void Loader::directory_users(Section& d, const std::string& name, proxy::MemoryDirectory& memory) {
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
            for (const std::string& a : *addresses) memory.add_address(a);
          }
        }
      }
      u.get("member-of");
      u.ignore("quota", "quotas are the backend's");
      u.ignore("type", "every user may authenticate");
      if (!user || !secret) diags.error(position_of(*list->get(i)), "missing-key", "a directory user needs name and secret");
      else memory.add(*user, *secret);
    }
  }
}

// session.auth.directory names one of them.
void Loader::attach_auth_directory() {
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
    diags.error(SourcePos{1, 1}, "missing-key", "session.auth has mechanisms but no directory to check credentials");
  }
}

}  // namespace sievegate::config::loading
