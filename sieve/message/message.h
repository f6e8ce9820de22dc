// The message a Sieve script runs against: header fields, body, size, MIME structure,
// and the editheader changes the script makes (RFC 5293).
//
// One Message serves both `sievegate run` (a file read into memory) and the proxy's
// DATA stage (the collected DATA, up to the proxy's size limit). It never copies the
// message: everything it hands out is a view into the caller's bytes, and work is done
// lazily, on first use: the header section is split on the first header or body access,
// the MIME tree on the first mime() call, values are unfolded and decoded per call.
//
// Ownership and lifetime: the caller owns the raw bytes and keeps them alive and
// unchanged for the Message's lifetime. Fields added by addheader are owned by the
// Message; views into them live as long as the Message (moving it keeps them valid).
// A Message is not thread-safe, not even its const methods (they parse lazily).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/message/header.h"
#include "sieve/message/message_limits.h"
#include "sieve/message/mime.h"

namespace sievegate::policy::message {

// Which occurrence of a field deleteheader :index addresses (RFC 5293 5).
struct FieldIndex {
  std::size_t number = 1;  // 1-based
  bool from_last = false;  // :last: count from the bottom of the header
};

// deleteheader's value-patterns: gets a field's value as header tests see it
// (unfolded, trimmed, RFC 2047-decoded) and says whether it matches.
using ValuePredicate = std::function<bool(std::string_view value)>;

class Message {
 public:
  // `raw`: the message as received (header, empty line, body), CRLF or LF line ends.
  explicit Message(std::string_view raw, const MessageLimits& limits = MessageLimits{});

  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;
  Message(Message&&) noexcept = default;
  Message& operator=(Message&&) noexcept = default;

  // The original bytes, as given.
  std::string_view raw() const { return raw_; }

  // RFC 5228 5.9 size test: octets of the message as it would be delivered, i.e. of
  // serialize(): the original size until an edit, the edited size after.
  std::size_t size() const;

  // The original body: the bytes after the empty line ending the header. An empty view
  // at the end of raw() when there is no body.
  std::string_view body() const;

  // The current header fields in order (edits applied). Valid until the next edit.
  const std::vector<HeaderField>& fields() const;

  // All values of the fields named `name` (case-insensitive), in header order, as header
  // tests compare them (RFC 5228 2.7.2): unfolded, trimmed, RFC 2047-decoded to UTF-8.
  std::vector<std::string> header_values(std::string_view name) const;

  // The same without RFC 2047 decoding: the input of the address parser, which decodes
  // display names itself once the structure is known.
  std::vector<std::string> raw_header_values(std::string_view name) const;

  // The names of the current fields, in order.
  std::vector<std::string_view> header_names() const;

  bool has_header(std::string_view name) const;

  // The header section stopped at MessageLimits::max_header_fields; fields beyond it are
  // kept verbatim but invisible to the methods above.
  bool header_truncated() const;

  // addheader (RFC 5293 4): inserts "name: value" at the top of the header, or at the
  // bottom with `last`. A value with non-ASCII text is RFC 2047-encoded, line breaks in
  // it become spaces (so a value cannot inject fields), and the field is folded at
  // whitespace to keep lines within 78 characters where possible (RFC 5322 2.1.1).
  // Returns false, changing nothing, if `name` is not a valid field name.
  bool add_header(std::string_view name, std::string_view value, bool last = false);

  // deleteheader (RFC 5293 5): removes the fields named `name` whose value satisfies
  // `matches` (all of them when `matches` is empty). With `index`, only that one
  // occurrence is considered, counted among the fields named `name` before the value
  // test. Returns the number of fields removed. Which fields a script may not delete
  // (RFC 5293 6: Received, and others by local policy) is the caller's rule.
  std::size_t delete_header(std::string_view name, std::optional<FieldIndex> index = {},
                            const ValuePredicate& matches = {});

  // Whether any edit took effect.
  bool changed() const { return changed_; }

  // The message as it would be delivered: the original bytes until an edit; after one,
  // the current header (untouched fields byte for byte, added fields in the message's
  // line-end style) followed by the original separator and body.
  std::string serialize() const;
  void write_to(std::ostream& out) const;

  // The MIME structure of the original message, parsed on first use. Header edits are
  // not reflected in parts[0].fields; use header_values() for the top-level header.
  const MimeTree& mime() const;

  const MessageLimits& limits() const { return limits_; }

 private:
  void parse() const;

  // Calls fn(std::string_view) with each piece of the serialized (edited) message.
  template <typename Fn>
  void for_each_piece(Fn&& fn) const;

  std::string_view raw_;
  MessageLimits limits_;
  mutable bool parsed_ = false;
  mutable HeaderSection header_;
  mutable std::string eol_;  // the message's line end, for added fields
  mutable std::unique_ptr<MimeTree> mime_;
  std::vector<std::unique_ptr<std::string>> owned_;  // added fields' text
  bool changed_ = false;
};

}  // namespace sievegate::policy::message
