// Optional comparators: i;ascii-numeric (RFC 4790 9.1) and i;unicode-casemap (RFC 5051).
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_comparators(RegistryBuilder& r) {
  // RFC 4790 9.1: i;ascii-numeric has equality and ordering only, no substring.
  r.extension({"comparator-i;ascii-numeric", {}, ""});
  r.comparator({"i;ascii-numeric", "comparator-i;ascii-numeric", false});
  // RFC 5051: i;unicode-casemap supports substring operations.
  r.extension({"comparator-i;unicode-casemap", {}, ""});
  r.comparator({"i;unicode-casemap", "comparator-i;unicode-casemap", true});
}

}  // namespace sievegate::policy::extensions
