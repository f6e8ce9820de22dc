// SMTP reply formatting and parsing; see reply.h.
#include "smtp/reply.h"

#include <cctype>

#include "base/enhanced_code.h"

namespace sievegate::proxy {
namespace {

bool is_enhanced(std::string_view s) { return policy::is_enhanced_code(s); }

}  // namespace

Reply::Reply(int c, std::string e, std::string text) : code(c), enhanced(std::move(e)) {
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

std::string Reply::wire() const {
  std::string out;
  std::string code_text = std::to_string(code);
  std::string prefix = enhanced.empty() ? "" : enhanced + " ";
  if (lines.empty()) return code_text + " " + prefix + "\r\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += code_text;
    out += i + 1 < lines.size() ? '-' : ' ';
    out += prefix;
    out += lines[i];
    out += "\r\n";
  }
  return out;
}

bool parse_reply(std::string_view text, Reply& out) {
  out = Reply{};
  out.code = 0;
  std::size_t start = 0;
  bool last_seen = false;
  while (start < text.size() && !last_seen) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return false;
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = nl + 1;
    if (line.size() < 3) return false;
    for (int k = 0; k < 3; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(line[k]))) return false;
    }
    int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (out.code != 0 && code != out.code) return false;
    out.code = code;
    if (line.size() > 3 && line[3] != ' ' && line[3] != '-') return false;
    last_seen = line.size() == 3 || line[3] == ' ';
    std::string_view rest = line.size() > 4 ? line.substr(4) : std::string_view();
    std::size_t space = rest.find(' ');
    std::string_view first = rest.substr(0, space);
    if (is_enhanced(first)) {
      if (out.enhanced.empty()) out.enhanced = std::string(first);
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    out.lines.emplace_back(rest);
  }
  return last_seen && start == text.size();
}

}  // namespace sievegate::proxy
