// RFC 5229 section 3 variable-reference syntax, shared by the checker (validation) and,
// later, the interpreter (interpolation).
//
//   variable-ref  = "${" [namespace] variable-name "}"
//   namespace     = identifier "." *sub-namespace
//   sub-namespace = variable-name "."
//   variable-name = num-variable / identifier
//
// Text that looks like "${" but does not match the grammar is literal text, not an error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sievegate::policy::variables {

struct Reference {
  std::size_t offset = 0;      // of the "${" in the string
  std::size_t length = 0;      // through the closing "}"
  std::string text;            // between the braces, e.g. "env.remote_ip"
  std::string namespace_name;  // first component when there is a namespace, lower-cased
  std::string name;            // the last component (lower-cased when an identifier)
  bool is_number = false;      // a match variable ${0}..${9}
};

std::vector<Reference> references(std::string_view s);
bool has_reference(std::string_view s);

// A name `set` (and the other commands taking a variable name) may assign: an identifier,
// optionally prefixed by namespace components ("global.x", "envelope.from").
bool is_assignable_name(std::string_view name);
bool is_identifier(std::string_view s);

}  // namespace sievegate::policy::variables
