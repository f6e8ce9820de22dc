// The front-end driver: parse, then check, then order the diagnostics.
#include "policy/policy.h"

#include <algorithm>

#include "policy/ast_builder.h"
#include "policy/codegen.h"

namespace sievegate::policy {

CheckResult check_source(std::string_view source, const Registry& registry) {
  ParseResult parsed = parse(source);
  if (has_errors(parsed.diagnostics)) {
    CheckResult result;
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  CheckResult result = check(std::move(parsed.ast), registry);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
                     return a.pos.column < b.pos.column;
                   });
  return result;
}

CompileResult compile(std::string_view source, const Registry& registry) {
  CompileResult result;
  CheckResult checked = check_source(source, registry);
  result.diagnostics = std::move(checked.diagnostics);
  if (has_errors(result.diagnostics)) return result;
  result.program =
      std::make_shared<const Program>(generate(checked.script, registry, result.diagnostics));
  return result;
}

}  // namespace sievegate::policy
