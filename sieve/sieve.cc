// The front-end driver: parse, then check, then order the diagnostics.
#include "sieve/sieve.h"

#include <algorithm>
#include <map>

#include "base/file.h"
#include "sieve/program/limits.h"

#include "sieve/front/ast_builder.h"
#include "sieve/program/codegen.h"

namespace sievegate::policy {

CheckResult check_source(std::string_view source, const Registry& registry) {
  ParseResult parsed = parse(source);
  if (has_errors(parsed.diagnostics)) {
    CheckResult result;
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  CheckResult result = check(std::move(parsed.ast), registry);
  // Parse warnings (e.g. invalid UTF-8) come first; check() only returns its own.
  result.diagnostics.insert(result.diagnostics.begin(), parsed.diagnostics.begin(),
                            parsed.diagnostics.end());
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
                     return a.pos.column < b.pos.column;
                   });
  return result;
}

std::optional<std::string> DirectoryScriptStore::load(std::string_view name, bool global) const {
  // A script named "x" is the file x.sieve (as in Pigeonhole: "x.sieve" names x.sieve.sieve).
  std::string path = (global ? global_ : personal_) + "/" + std::string(name) + ".sieve";
  base::FileText file = base::read_file(path);
  if (!file.ok()) return std::nullopt;
  return std::move(file.text);
}

namespace {

// Compiles one script and, recursively, what it includes. `chain` holds the scripts
// being compiled, to refuse include cycles (RFC 6609 3.2).
using IncludeCache = std::map<std::string, std::shared_ptr<const Program>>;

std::shared_ptr<const Program> compile_tree(std::string_view source, const Registry& registry,
                                            const ScriptStore* store,
                                            std::vector<std::string>& chain,
                                            IncludeCache& compiled, Diagnostics& out) {
  CheckResult checked = check_source(source, registry);
  bool failed = has_errors(checked.diagnostics);
  for (Diagnostic& d : checked.diagnostics) {
    if (!chain.empty()) d.message = "in included script '" + chain.back() + "': " + d.message;
    out.push_back(std::move(d));
  }
  if (failed) return nullptr;
  Program program = generate(checked.script, registry, out);
  for (Instruction& in : program.code) {
    if (in.op != Opcode::kInclude) continue;
    Operand& op = program.operands[in.operand];
    const std::string& name = op.lists.at(0).at(0).constant;
    bool global = op.has("global");
    std::string key = (global ? "global:" : "personal:") + name;
    op.slot = static_cast<std::uint32_t>(program.includes.size());
    op.has_slot = true;
    program.include_names.push_back(key);
    auto fail = [&](std::string message) {
      out.push_back(Diagnostic{Severity::kError, in.pos, "include", std::move(message)});
    };
    if (std::find(chain.begin(), chain.end(), key) != chain.end()) {
      fail("script '" + name + "' includes itself (directly or through other scripts)");
      return nullptr;
    }
    if (auto done = compiled.find(key); done != compiled.end()) {
      // One Program per script, so `:once` recognises it wherever it was included.
      program.includes.push_back(done->second);
      continue;
    }
    if (static_cast<int>(chain.size()) >= limits::kMaxIncludeDepth) {
      fail("includes nested deeper than " + std::to_string(limits::kMaxIncludeDepth) + " levels");
      return nullptr;
    }
    std::optional<std::string> text = store != nullptr ? store->load(name, global) : std::nullopt;
    if (!text) {
      if (op.has("optional")) {
        program.includes.push_back(nullptr);
        continue;
      }
      fail(std::string("included ") + (global ? "global" : "personal") + " script '" + name +
           "' does not exist");
      return nullptr;
    }
    chain.push_back(key);
    std::shared_ptr<const Program> sub =
        compile_tree(*text, registry, store, chain, compiled, out);
    chain.pop_back();
    if (!sub) return nullptr;
    compiled[key] = sub;
    program.includes.push_back(std::move(sub));
  }
  return std::make_shared<const Program>(std::move(program));
}

}  // namespace

CompileResult compile(std::string_view source, const Registry& registry,
                      const ScriptStore* store) {
  CompileResult result;
  std::vector<std::string> chain;
  IncludeCache compiled;
  result.program = compile_tree(source, registry, store, chain, compiled, result.diagnostics);
  if (has_errors(result.diagnostics)) result.program = nullptr;
  return result;
}

}  // namespace sievegate::policy
