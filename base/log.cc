// Session event logs; see log.h.
#include "base/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

#include "base/json.h"

namespace sievegate::proxy {
namespace {

const char* level_name(Log::Level level) {
  switch (level) {
    case Log::Level::kError: return "error";
    case Log::Level::kWarn: return "warn";
    case Log::Level::kInfo: return "info";
    case Log::Level::kDebug: return "debug";
  }
  return "info";
}

std::string timestamp() {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}


bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == '"' || c == '=' || c == 0x7F) return true;
  }
  return false;
}

}  // namespace

std::string Log::format(Level level, std::string_view event, std::initializer_list<Field> first,
                        std::initializer_list<Field> more) const {
  std::vector<Field> fields(first);
  fields.insert(fields.end(), more.begin(), more.end());
  std::string line;
  line.reserve(160);
  if (format_ == Format::kJson) {
    line += "{\"time\":";
    base::append_json_string(line, timestamp());
    line += ",\"level\":";
    base::append_json_string(line, level_name(level));
    line += ",\"event\":";
    base::append_json_string(line, event);
    for (const Field& f : fields) {
      if (f.text.empty()) continue;  // facts not known (yet) are left out
      line += ',';
      base::append_json_string(line, f.key);
      line += ':';
      if (f.number && !f.text.empty()) line += f.text;
      else base::append_json_string(line, f.text);
    }
    line += "}\n";
    return line;
  }
  line += timestamp();
  line += ' ';
  line += level_name(level);
  line += ' ';
  line += event;
  for (const Field& f : fields) {
    if (f.text.empty()) continue;
    line += ' ';
    line += f.key;
    line += '=';
    if (needs_quotes(f.text)) base::append_json_string(line, f.text);  // the same escapes, quoted
    else line += f.text;
  }
  line += '\n';
  return line;
}

void Log::event(Level level, std::string_view event, std::initializer_list<Field> first,
                std::initializer_list<Field> more) const {
  if (!enabled(level)) return;
  std::string line = format(level, event, first, more);
  // One write per line (O_APPEND semantics on files, atomic for pipes up to PIPE_BUF).
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n <= 0) return;  // logging never takes the server down
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

std::string Log::new_session_id() {
  static const std::uint64_t base = [] {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }();
  static std::atomic<std::uint64_t> counter{0};
  std::uint64_t n = base + (++counter) * 0x9E3779B97F4A7C15ULL;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace sievegate::proxy
