// Small pieces of socket handling the network layer's files share (private to proxy/):
// the output buffer each side of a connection writes from, peer addresses as text,
// closing a descriptor once.
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <string>

namespace sievegate::proxy {

// What one recv() takes at most, from the client or the backend.
constexpr std::size_t kReadChunk = 64 * 1024;

// Bytes waiting to be written: appended at the end, consumed from the front without
// moving the rest each time.
class OutBuffer {
 public:
  bool empty() const { return pos_ == data_.size(); }
  std::size_t size() const { return data_.size() - pos_; }
  const char* data() const { return data_.data() + pos_; }
  std::string& tail() {  // for appending
    if (pos_ > 0 && pos_ == data_.size()) {
      data_.clear();
      pos_ = 0;
    }
    return data_;
  }
  void consume(std::size_t n) {
    pos_ += n;
    if (pos_ == data_.size()) {
      data_.clear();
      pos_ = 0;
    } else if (pos_ > 64 * 1024 && pos_ > data_.size() / 2) {
      data_.erase(0, pos_);
      pos_ = 0;
    }
  }
  void clear() {
    data_.clear();
    pos_ = 0;
  }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

// The textual address of a socket's peer (or own) end; IPv4-mapped IPv6 addresses as
// plain IPv4 (Stalwart does the same).
std::string address_text(const sockaddr_storage& a);
// The local address of a connected socket; empty when the kernel does not say.
std::string local_address(int fd);
// Closes `fd` if it is open, and marks it closed (-1).
void close_fd(int& fd);

}  // namespace sievegate::proxy
