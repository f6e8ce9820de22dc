// Session event logs: one line per event (connect, TLS, each stage's verdict, the
// backend's replies, end), as `key=value` text or as JSON lines, each with the session id
// and the client address. Thread-safe: every line is written with a single write(2), so
// lines from different reactor threads never interleave.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sievegate::proxy {

class Log {
 public:
  enum class Format { kText, kJson };
  enum class Level { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

  struct Field {
    std::string_view key;
    std::string_view text;
    bool number = false;  // JSON: written without quotes
    Field(std::string_view k, std::string_view v) : key(k), text(v) {}
    Field(std::string_view k, const std::string& v) : key(k), text(v) {}
    Field(std::string_view k, const char* v) : key(k), text(v) {}
    Field(std::string_view k, const std::string& v, bool is_number) : key(k), text(v), number(is_number) {}
  };

  Log(Format format = Format::kText, Level level = Level::kInfo, int fd = 2)
      : format_(format), level_(level), fd_(fd) {}

  bool enabled(Level level) const { return level <= level_; }
  Format format() const { return format_; }

  // One line: time, level, event, then the fields in order; fields with an empty value
  // are left out. Values are escaped (text:
  // quoted when they contain spaces, quotes or control bytes; JSON: string escapes).
  // `first` then `more`: e.g. the session's id and client, then the event's own fields.
  void event(Level level, std::string_view event, std::initializer_list<Field> first,
             std::initializer_list<Field> more = {}) const;

  // The line that event() writes, without writing it (for tests).
  std::string format(Level level, std::string_view event, std::initializer_list<Field> first,
                     std::initializer_list<Field> more = {}) const;

  // A new session id: 16 hex digits, unique per process run.
  static std::string new_session_id();

 private:
  Format format_;
  Level level_;
  int fd_;
};

// A number as a Log field value.
inline std::string num(std::uint64_t n) { return std::to_string(n); }

}  // namespace sievegate::proxy
