// Diagnostics for the configuration file: mistakes in a user's TOML as values, never
// exceptions, so one check reports every problem it finds.
//
// A position is the 1-based line and column toml++ records for a node or a key; zero
// means unknown. `code` is a short, stable kebab-case kind ("invalid-duration",
// "unknown-context-key", ...); `message` says what is wrong and what is expected.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

namespace sievegate::config {

struct Position {
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  Position position;
  std::string code;
  std::string message;
};

class Diagnostics {
 public:
  void error(Position position, std::string code, std::string message) {
    add(Severity::kError, position, std::move(code), std::move(message));
  }
  void warning(Position position, std::string code, std::string message) {
    add(Severity::kWarning, position, std::move(code), std::move(message));
  }

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const { return errors_ > 0; }
  std::size_t errors() const { return errors_; }
  std::size_t warnings() const { return items_.size() - errors_; }

 private:
  void add(Severity severity, Position position, std::string code, std::string message) {
    if (severity == Severity::kError) ++errors_;
    items_.push_back(Diagnostic{severity, position, std::move(code), std::move(message)});
  }

  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

inline Position position_of(const toml::source_region& source) {
  return Position{static_cast<int>(source.begin.line), static_cast<int>(source.begin.column)};
}

// Where a value starts (for a table or array: its opening bracket or header).
inline Position position_of(const toml::node& node) { return position_of(node.source()); }

// Where a key is written (`toml::key::source()`); for errors about the key itself.
inline Position position_of(const toml::key& key) { return position_of(key.source()); }

}  // namespace sievegate::config
