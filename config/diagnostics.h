// Diagnostics for the configuration file: mistakes in a user's TOML as values, never
// exceptions, so one check reports every problem it finds. The diagnostic is the one
// type of base/diagnostic.h; this file adds the collector the readers write into and
// the positions toml++ records.
//
// A position is the 1-based line and column toml++ records for a node or a key; zero
// means unknown. `code` is a short, stable kebab-case kind ("invalid-duration",
// "unknown-context-key", ...); `message` says what is wrong and what is expected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include <toml++/toml.h>

#include "base/diagnostic.h"

namespace sievegate::config {

using base::Diagnostic;
using base::Severity;
using base::SourcePos;

// Collects what the readers of one file report (their `file` is left empty: the loader
// knows which file it read). A value parser given a scratch collector can be tried
// without reporting.
class Diagnostics {
 public:
  void error(SourcePos pos, std::string code, std::string message) {
    items_.emplace_back(Severity::kError, pos, std::move(code), std::move(message));
  }
  void warning(SourcePos pos, std::string code, std::string message) {
    items_.emplace_back(Severity::kWarning, pos, std::move(code), std::move(message));
  }

  const base::Diagnostics& items() const { return items_; }
  bool has_errors() const { return base::has_errors(items_); }
  std::size_t errors() const { return base::count_errors(items_); }
  std::size_t warnings() const { return items_.size() - errors(); }

 private:
  base::Diagnostics items_;
};

inline SourcePos position_of(const toml::source_region& source) {
  return SourcePos{static_cast<std::uint32_t>(source.begin.line), static_cast<std::uint32_t>(source.begin.column)};
}

// Where a value starts (for a table or array: its opening bracket or header).
inline SourcePos position_of(const toml::node& node) { return position_of(node.source()); }

// Where a key is written (`toml::key::source()`); for errors about the key itself.
inline SourcePos position_of(const toml::key& key) { return position_of(key.source()); }

}  // namespace sievegate::config
