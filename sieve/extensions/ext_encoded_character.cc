// RFC 5228 2.4.2.4 encoded-character: "${hex:..}" and "${unicode:..}" in strings.
#include "sieve/extensions/extensions.h"

namespace sievegate::policy::extensions {

void register_encoded_character(RegistryBuilder& r) {
  // Decoding and its errors happen in the checker's string pass (RFC 5228 2.4.2.4).
  r.extension({"encoded-character", {}, ""});
}

}  // namespace sievegate::policy::extensions
