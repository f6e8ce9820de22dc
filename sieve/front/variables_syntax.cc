// RFC 5229 variable-reference scanning; see variables_syntax.h.
#include "sieve/front/variables_syntax.h"

#include <cctype>

#include "base/ascii.h"

namespace sievegate::policy::variables {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string lower(std::string_view s) { return ascii_lower(s); }

// Parses the inside of "${...}" (without braces); false if it is not a reference.
bool parse_inner(std::string_view inner, Reference& ref) {
  if (inner.empty()) return false;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= inner.size(); ++i) {
    if (i == inner.size() || inner[i] == '.') {
      parts.push_back(inner.substr(start, i - start));
      start = i + 1;
    }
  }
  for (std::size_t k = 0; k < parts.size(); ++k) {
    std::string_view p = parts[k];
    if (p.empty()) return false;
    bool number = std::isdigit(static_cast<unsigned char>(p[0])) != 0;
    if (number) {
      for (char c : p) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      }
      if (k == 0 && parts.size() > 1) return false;  // a namespace is an identifier
    } else if (!is_identifier(p)) {
      return false;
    }
  }
  ref.text = std::string(inner);
  ref.is_number = parts.size() == 1 && std::isdigit(static_cast<unsigned char>(parts[0][0]));
  ref.name = ref.is_number ? std::string(parts.back()) : lower(parts.back());
  if (parts.size() > 1) ref.namespace_name = lower(parts[0]);
  return true;
}

}  // namespace

bool is_identifier(std::string_view s) {
  if (s.empty() || !ident_start(s[0])) return false;
  for (char c : s) {
    if (!ident_char(c)) return false;
  }
  return true;
}

std::vector<Reference> references(std::string_view s) {
  std::vector<Reference> out;
  std::size_t i = 0;
  while ((i = s.find("${", i)) != std::string_view::npos) {
    std::size_t j = i + 2;
    while (j < s.size() && (ident_char(s[j]) || s[j] == '.')) ++j;
    Reference ref;
    if (j < s.size() && s[j] == '}' && parse_inner(s.substr(i + 2, j - i - 2), ref)) {
      ref.offset = i;
      ref.length = j + 1 - i;
      out.push_back(std::move(ref));
      i = j + 1;
    } else {
      i += 2;
    }
  }
  return out;
}

bool has_reference(std::string_view s) {
  if (s.find("${") == std::string_view::npos) return false;
  return !references(s).empty();
}

bool is_assignable_name(std::string_view name) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (!is_identifier(name.substr(start, i - start))) return false;
      start = i + 1;
    }
  }
  return true;
}

}  // namespace sievegate::policy::variables
