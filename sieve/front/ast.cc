// Dump of the Ast in a stable indented form, for golden tests and `lint --dump-ast`.
#include "sieve/front/ast.h"

#include <string>

namespace sievegate::policy {
namespace {

void escape_into(const std::string& s, std::string& out) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '"';
}

std::string at(SourcePos pos) {
  return "@" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

void dump_arguments(const std::vector<Argument>& args, std::string& out) {
  for (const Argument& a : args) {
    out += ' ';
    switch (a.kind) {
      case Argument::Kind::kTag: out += ":" + a.tag; break;
      case Argument::Kind::kNumber: out += std::to_string(a.number); break;
      case Argument::Kind::kStringList:
        if (a.bracketed) out += '[';
        for (std::size_t i = 0; i < a.strings.size(); ++i) {
          if (i > 0) out += ", ";
          escape_into(a.strings[i].value, out);
        }
        if (a.bracketed) out += ']';
        break;
    }
  }
}

void dump_test(const Test& t, int indent, std::string& out) {
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
  out += "test " + t.name + at(t.pos);
  dump_arguments(t.arguments, out);
  if (t.test_list) out += " (list)";
  out += '\n';
  for (const Test& sub : t.tests) dump_test(sub, indent + 1, out);
}

void dump_command(const Command& c, int indent, std::string& out) {
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
  out += c.name + at(c.pos);
  dump_arguments(c.arguments, out);
  if (c.test_list) out += " (list)";
  out += c.has_block ? " {\n" : "\n";
  for (const Test& t : c.tests) dump_test(t, indent + 1, out);
  for (const Command& sub : c.block) dump_command(sub, indent + 1, out);
  if (c.has_block) {
    out.append(static_cast<std::size_t>(indent) * 2, ' ');
    out += "}\n";
  }
}

}  // namespace

std::string dump(const Ast& ast) {
  std::string out;
  for (const Command& c : ast.commands) dump_command(c, 0, out);
  return out;
}

const char* severity_name(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

}  // namespace sievegate::policy
