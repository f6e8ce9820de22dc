// Header sections (RFC 5322 2.2, 3.6): split raw bytes into header fields and a body.
//
// Shared by the message (message.h) and by every MIME part (mime.h). Everything here is a
// view into the caller's bytes: a HeaderField points at its name, its raw value and its
// whole lines, so a 25 MiB message is never copied to look at its header. Values are
// unfolded, trimmed and RFC 2047-decoded only when asked for, into new strings.
//
// Parsing is lenient, as a filter must be: CRLF and bare LF line ends, 8-bit bytes,
// obsolete whitespace before the colon (RFC 5322 4.5), lines that are not fields (kept
// verbatim, never crash), and a missing header/body separator are all accepted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sievegate::policy::message {

// One header field. The views point into the parsed buffer (or into a string owned by
// the Message for fields added by editheader) and live as long as it.
struct HeaderField {
  std::string_view name;   // as written, without whitespace before the colon
  std::string_view value;  // after the colon up to the end of its last line: folding
                           // (line end + WSP) kept, the final line end excluded
  std::string_view raw;    // the field's lines including their line ends, plus any
                           // following lines that are not fields (kept verbatim)
};

// A parsed header section and where the body starts. Concatenating prefix, every
// field's raw, tail, separator and body gives back the parsed bytes exactly.
struct HeaderSection {
  std::vector<HeaderField> fields;
  std::string_view prefix;     // lines before the first field that are not fields
                               // (an mbox "From " line, a stray continuation)
  std::string_view tail;       // header lines after max_fields, not parsed
  std::string_view separator;  // the empty line ending the header; empty when missing
  std::string_view body;       // everything after the separator; an empty view at the
                               // end of the buffer when there is no body
  bool truncated = false;      // max_fields was reached
};

// Splits `raw` at the first empty line (RFC 5322 2.1). Without an empty line the whole
// input is header, unless no line of it is a header field: then it is all body (a part
// or message without header, which must not hide its text from body tests).
HeaderSection parse_header_section(std::string_view raw, std::size_t max_fields);

// RFC 5322 2.2: a field name is 1*ftext, printable US-ASCII except ':'.
bool is_valid_field_name(std::string_view name);

// RFC 5322 2.2.3: removes every line end (CRLF or bare LF) that is followed by WSP.
std::string unfold(std::string_view value);
// Skips an RFC 5322 3.2.2 comment starting at s[i] == '(': comments nest and hold
// quoted-pairs; an unclosed comment runs to the end. Leaves i after the comment.
void skip_comment(std::string_view s, std::size_t& i);

// Strips leading and trailing SP / HTAB.
std::string_view trim_wsp(std::string_view text);

// ASCII case-insensitive equality (field names, RFC 5322 1.2.2; MIME tokens, RFC 2045 5.1).
bool iequals(std::string_view a, std::string_view b);

// ASCII lower-casing.
std::string to_lower(std::string_view text);

// A field's value as header tests see it (RFC 5228 2.7.2): unfolded, trimmed, and with
// RFC 2047 encoded-words decoded to UTF-8 when `decode` is set.
std::string field_value(const HeaderField& field, bool decode = true);

// field_value() of every field named `name` (case-insensitive), in header order.
std::vector<std::string> field_values(const std::vector<HeaderField>& fields,
                                      std::string_view name, bool decode = true);

// The first field named `name`, or nullptr.
const HeaderField* find_field(const std::vector<HeaderField>& fields, std::string_view name);

}  // namespace sievegate::policy::message
