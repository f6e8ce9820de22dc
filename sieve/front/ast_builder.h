// The parse stage: Sieve source text -> Ast, with syntax errors as diagnostics.
//
// This is the only part of sievegate that sees ANTLR. It validates UTF-8, caps nesting
// depth before the recursive-descent parser runs, replaces ANTLR's console listeners with
// a collector, caps the number of syntax errors, catches every ANTLR exception, and
// decodes literals (escapes, dot-unstuffing, K/M/G quantifiers with overflow checks).
#pragma once

#include <string_view>

#include "sieve/front/ast.h"
#include "sieve/front/diagnostic.h"

namespace sievegate::policy {

struct ParseResult {
  Ast ast;
  Diagnostics diagnostics;  // syntax errors; when any is present `ast` is incomplete
};

ParseResult parse(std::string_view source);

}  // namespace sievegate::policy
