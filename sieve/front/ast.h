// The Sieve abstract syntax tree: the product of the parse stage.
//
// Pipeline: grammar/Sieve.g4 -> ast_builder (the only ANTLR user) -> Ast -> checker.
// The tree owns all its strings (decoded: escapes removed, multi-line strings
// dot-unstuffed with CRLF line ends) and every node carries its source position.
// Names of commands, tests and tags are stored lower-cased (RFC 5228 8.1: identifiers
// and tags are case-insensitive).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sieve/front/diagnostic.h"

namespace sievegate::policy {

struct StringLiteral {
  std::string value;         // decoded UTF-8 value
  SourcePos pos;             // position of the opening '"' or of "text:"
  bool multi_line = false;   // written as text: ... .
};

struct Argument {
  enum class Kind {
    kStringList,  // "a" or ["a", "b"]
    kNumber,      // 10, 5K
    kTag,         // :is
  };
  Kind kind = Kind::kStringList;
  SourcePos pos;
  // kStringList: the strings; `bracketed` tells a one-element list ["a"] from "a".
  std::vector<StringLiteral> strings;
  bool bracketed = false;
  // kNumber: the value with its quantifier applied.
  std::uint64_t number = 0;
  // kTag: the tag name without ':' (lower-cased).
  std::string tag;
};

struct Test {
  std::string name;      // lower-cased identifier
  std::string spelling;  // the identifier as written, for messages
  SourcePos pos;
  std::vector<Argument> arguments;
  std::vector<Test> tests;      // sub-tests
  bool test_list = false;       // sub-tests were written as a parenthesised list
  SourcePos test_list_pos;      // position of its '('
};

struct Command {
  std::string name;      // lower-cased identifier
  std::string spelling;  // the identifier as written, for messages
  SourcePos pos;
  std::vector<Argument> arguments;
  std::vector<Test> tests;
  bool test_list = false;
  SourcePos test_list_pos;      // position of the '(' of a test list
  bool has_block = false;       // ended with { ... } rather than ';'
  std::vector<Command> block;
  SourcePos end_pos;            // position of the ';' or the closing '}'
};

struct Ast {
  std::vector<Command> commands;
};

// A readable, stable dump of the tree (used by golden tests and `lint --dump-ast`).
std::string dump(const Ast& ast);

}  // namespace sievegate::policy
