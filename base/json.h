// JSON string literals (RFC 8259 section 7) for every machine-readable output: the
// CLI's documents and the proxy's JSON log lines. Control characters and DEL become
// \u00XX; other bytes (UTF-8) pass through.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace sievegate::base {

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace sievegate::base
