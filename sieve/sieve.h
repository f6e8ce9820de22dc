// The public face of the Sieve policy subsystem.
//
// check_source() runs parse -> check (the linter's work); compile() runs parse ->
// check -> generate and returns a shared, immutable Program; run() (interpreter.h)
// executes it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sieve/front/ast.h"
#include "sieve/front/checker.h"
#include "sieve/front/diagnostic.h"
#include "sieve/runtime/interpreter.h"
#include "sieve/program/program.h"

namespace sievegate::policy {

// Parses and checks one script. Diagnostics are ordered by position; the script is
// usable only when none of them is an error.
CheckResult check_source(std::string_view source, const Registry& registry = Registry::standard());

// Where `include` finds scripts (RFC 6609 2: personal and global script namespaces).
class ScriptStore {
 public:
  virtual ~ScriptStore() = default;
  virtual std::optional<std::string> load(std::string_view name, bool global) const = 0;
};

// Scripts as files NAME.sieve in a personal and a global directory.
class DirectoryScriptStore final : public ScriptStore {
 public:
  DirectoryScriptStore(std::string personal_dir, std::string global_dir)
      : personal_(std::move(personal_dir)), global_(std::move(global_dir)) {}
  std::optional<std::string> load(std::string_view name, bool global) const override;

 private:
  std::string personal_, global_;
};

struct CompileResult {
  std::shared_ptr<const Program> program;  // null when the script has errors
  Diagnostics diagnostics;
};

// Parses, checks and generates one script, and every script it includes (from `store`;
// without a store an include that is not :optional is an error).
CompileResult compile(std::string_view source, const Registry& registry = Registry::standard(),
                      const ScriptStore* store = nullptr);

}  // namespace sievegate::policy
