// SMTP replies (RFC 5321 4.2) with enhanced status codes (RFC 3463, RFC 2034): the one
// helper every part of the proxy uses to say something to a client.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sievegate::proxy {

struct Reply {
  int code = 250;
  std::string enhanced;            // "2.1.0"; empty for replies that carry none (220, 221, 354)
  std::vector<std::string> lines;  // text lines, without code or CRLF

  Reply() = default;
  Reply(int c, std::string e, std::string text);

  // The wire form: "250-2.1.0 first\r\n250 2.1.0 last\r\n" (RFC 5321 4.2.1).
  std::string wire() const;
  bool positive() const { return code >= 200 && code < 400; }
  bool transient() const { return code >= 400 && code < 500; }
  bool permanent() const { return code >= 500; }
};

// Parses a complete (possibly multi-line) reply from a server, e.g. the backend's; false
// when `text` is not a well-formed reply. Enhanced codes are split off when present.
bool parse_reply(std::string_view text, Reply& out);

}  // namespace sievegate::proxy
