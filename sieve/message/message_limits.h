// Limits of the message model: how much of a hostile message we are willing to parse.
//
// The message model (sieve/message/) reads messages that arrive from the network during
// the DATA stage, up to the proxy's size limit (tens of MiB). Parsing is linear in the
// bytes it looks at, and these limits bound the parts of the work that are not: the number
// of header fields every header test scans, the depth of the MIME walk and the number of
// parts it records. Exceeding a limit never fails or crashes: parsing stops at the limit,
// what was parsed stays usable, and the result says the limit was reached so a policy can
// treat such a message as suspicious (a filter that silently skipped the rest would be an
// easy way to hide content from it).
#pragma once

#include <cstddef>

namespace sievegate::policy::message {

struct MessageLimits {
  // Header fields recorded per header section (the message's and each MIME part's).
  // Real mail carries tens of fields, long relay chains a few hundred; 5000 leaves ample
  // room while bounding the linear scan behind every header test. Lines after the limit
  // are kept verbatim (serialize() reproduces them) but are not visible as fields.
  std::size_t max_header_fields = 5000;

  // Deepest MIME nesting parsed; the message itself is depth 0, each multipart or
  // message/rfc822 level adds one. Legitimate mail rarely goes beyond 5 (a forward of a
  // forward of a signed message); 32 bounds hostile nesting. A part at the limit is kept
  // as a leaf: its raw body is visible, its inner structure is not parsed.
  int max_mime_depth = 32;

  // MIME parts recorded per message, the message itself included. Each part costs one
  // header parse and a few hundred bytes; mail with more than a few dozen
  // attachments is rare, 1000 parts is far beyond it.
  std::size_t max_mime_parts = 1000;
};

}  // namespace sievegate::policy::message
