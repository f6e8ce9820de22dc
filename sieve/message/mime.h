// MIME structure (RFC 2045, RFC 2046): the tree of parts of a message, on request.
//
// Serves the body test's :content and :text transforms (RFC 5173 5), foreverypart and
// header/address/exists :mime (RFC 5703) and extracttext. parse_mime() walks the message
// once with an explicit work stack (never recursion), bounded by MessageLimits, and
// records every part as views into the message: its header fields, its content type
// and transfer encoding, its still-encoded body. Content is decoded only by the
// decode_*() functions, into new strings, when a test needs it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/message/header.h"
#include "sieve/message/message_limits.h"

namespace sievegate::policy::message {

// RFC 2045 6.1 Content-Transfer-Encoding values.
enum class TransferEncoding {
  k7Bit,             // the default (RFC 2045 6.1); identity
  k8Bit,             // identity
  kBinary,           // identity
  kQuotedPrintable,  // RFC 2045 6.7
  kBase64,           // RFC 2045 6.8
  kUnknown,          // any other token; content left as is (RFC 2045 6.4 asks to treat
                     // such a part as application/octet-stream)
};

// Case-insensitive, whitespace and comments ignored.
TransferEncoding parse_transfer_encoding(std::string_view value);

struct Parameter {
  std::string name;   // lower-case, without RFC 2231 "*" section markers
  std::string value;  // unquoted; RFC 2231 continuations joined, %XX and charset decoded
                      // to UTF-8; RFC 2047 words decoded (a common violation in file
                      // names), except in "boundary", which is used as written
};

struct ContentType {
  std::string type = "text";      // lower-case (RFC 2045 5.1: case-insensitive)
  std::string subtype = "plain";  // lower-case
  std::vector<Parameter> params;  // in order; one per name
  bool explicit_type = false;     // from a Content-Type field, not a default

  // The value of parameter `name` (case-insensitive); nullopt when absent. The view
  // lives as long as this ContentType.
  std::optional<std::string_view> param(std::string_view name) const;
  std::string media_type() const { return type + "/" + subtype; }
};

// Parses a Content-Type field value (RFC 2045 5.1, RFC 2231 3-4). Comments and folding
// are allowed; unquoted parameter values may contain tspecials other than ";" (real
// mail writes boundary=----=_Part_1 unquoted). Returns nullopt when there is no
// "type/subtype": the caller then uses the default (RFC 2045 5.2).
std::optional<ContentType> parse_content_type(std::string_view value);

// One entity: the message itself, a body part of a multipart, or the message inside a
// message/rfc822 part. All views point into the parsed message.
struct Part {
  static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

  std::vector<HeaderField> fields;  // the entity's own header (empty for body parts
                                    // without one)
  ContentType content_type;  // explicit, or the default of its context: text/plain;
                             // charset=us-ascii, or message/rfc822 inside
                             // multipart/digest (RFC 2046 5.1.5)
  TransferEncoding transfer_encoding = TransferEncoding::k7Bit;
  std::string_view raw;   // header and body as written
  std::string_view body;  // content after the header, still transfer-encoded; for a
                          // multipart the whole body (preamble, parts, epilogue)
  std::size_t parent = kNoParent;   // index in MimeTree::parts
  std::vector<std::size_t> children;  // multipart: its body parts; message/rfc822:
                                      // the one encapsulated message
  int depth = 0;           // 0 for the message itself
  bool malformed = false;  // multipart without usable boundary or without close
                           // delimiter; see parse_mime()
};

struct MimeTree {
  std::vector<Part> parts;     // pre-order (document order); parts[0] is the message
  bool limit_reached = false;  // a MessageLimits bound stopped the walk somewhere
};

// Parses the MIME structure of a whole message (header and body).
//  - Multipart bodies are split at "--boundary" lines (RFC 2046 5.1.1; transport padding
//    after the boundary allowed; the line end before a delimiter belongs to it).
//    Preamble and epilogue are ignored. A missing close delimiter ends the last part at
//    the end of the body. A multipart whose boundary is missing or never occurs is
//    treated as holding one text/plain part with its whole body, so broken structure
//    cannot hide content from body tests; such parts are flagged malformed.
//  - message/rfc822 and message/global (RFC 6532 3.7) parts get the encapsulated message
//    as their one child, when their transfer encoding is an identity (RFC 2046 5.2.1).
//  - At max_mime_depth a part stays a leaf; after max_mime_parts the walk stops. Both set
//    limit_reached; so does a header section cut at max_header_fields.
MimeTree parse_mime(std::string_view message, const MessageLimits& limits = MessageLimits{});

// The part's content with its transfer encoding removed (base64, quoted-printable;
// identity and unknown encodings return the body as is).
std::string decode_content(const Part& part);

// decode_content(), then for text/* parts the charset parameter (default us-ascii,
// RFC 2046 4.1.2) converted to UTF-8. Other parts, and text in an unknown charset, come
// back as decoded bytes.
std::string decode_text(const Part& part);

// The text of the message for body :text (RFC 5173 5): decode_text() of every text/*
// part in document order, each starting on a new line. HTML is not converted to plain
// text.
std::string extract_text(const MimeTree& tree);

// A small HTML-to-text reduction for body :text and extracttext (RFC 5173 5.1 lets the
// site decide): tags and comments are dropped, the common entities decoded.
std::string html_to_text(std::string_view html);

}  // namespace sievegate::policy::message
