// A message being received: in memory up to a threshold, then in an unlinked temporary
// file ([relay] spool-threshold / spool-dir), so a 25 MiB message costs a file, not the
// heap; and the relay to the backend streams it in bounded chunks (RelaySource) instead
// of building a dot-stuffed copy. An unlinked file cannot be left behind by a crash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sievegate::proxy {

struct SpoolConfig {
  std::size_t threshold = 1048576;  // bytes kept in memory; more goes to a file
  std::string dir;                  // empty: $TMPDIR or /tmp
};

class MessageBuffer {
 public:
  explicit MessageBuffer(SpoolConfig config = {}) : config_(std::move(config)) {}
  static MessageBuffer from(std::string text);
  MessageBuffer(MessageBuffer&& other) noexcept;
  MessageBuffer& operator=(MessageBuffer&& other) noexcept;
  MessageBuffer(const MessageBuffer&) = delete;
  MessageBuffer& operator=(const MessageBuffer&) = delete;
  ~MessageBuffer();

  // False when the spool file cannot be created or written (disk full): the message is
  // then lost for this transaction and the client must get a 4xx (failed() stays true).
  bool append(std::string_view bytes);
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool spooled() const { return fd_ >= 0; }
  bool failed() const { return failed_; }
  // All bytes; for a spooled message a read-only mapping of the file (valid until the
  // next append or clear).
  std::string_view view() const;
  void clear();  // back to empty, in memory

 private:
  void unmap() const;
  void release();

  SpoolConfig config_;
  std::string memory_;
  int fd_ = -1;
  std::size_t size_ = 0;
  bool failed_ = false;
  mutable void* map_ = nullptr;
  mutable std::size_t mapped_ = 0;
};

// The bytes that follow the backend's 354 (dot-stuffed, ended by CRLF.CRLF) or a BDAT
// command (as they are), produced a chunk at a time.
class RelaySource {
 public:
  // `prefix` (header lines sievegate adds, e.g. Received:) goes first, as it is.
  RelaySource(MessageBuffer message, bool dot_stuff, std::string prefix = "")
      : message_(std::move(message)), stuff_(dot_stuff), prefix_(std::move(prefix)) {}
  // Appends up to about `max` bytes to `out`; false once everything was produced.
  bool next(std::string& out, std::size_t max);
  std::size_t message_size() const { return message_.size(); }

 private:
  MessageBuffer message_;
  bool stuff_;
  std::string prefix_;
  std::size_t pos_ = 0;
  bool line_start_ = true;
  bool finished_ = false;
};

}  // namespace sievegate::proxy
