// Message buffers and relay sources; see spool.h.
#include "smtp/spool.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace sievegate::proxy {

MessageBuffer MessageBuffer::from(std::string text) {
  MessageBuffer m;
  m.config_.threshold = static_cast<std::size_t>(-1);
  m.size_ = text.size();
  m.memory_ = std::move(text);
  return m;
}

MessageBuffer::MessageBuffer(MessageBuffer&& other) noexcept { *this = std::move(other); }

MessageBuffer& MessageBuffer::operator=(MessageBuffer&& other) noexcept {
  if (this == &other) return *this;
  release();
  config_ = std::move(other.config_);
  memory_ = std::move(other.memory_);
  fd_ = other.fd_;
  size_ = other.size_;
  failed_ = other.failed_;
  map_ = other.map_;
  mapped_ = other.mapped_;
  other.fd_ = -1;
  other.size_ = 0;
  other.map_ = nullptr;
  other.mapped_ = 0;
  other.memory_.clear();
  return *this;
}

MessageBuffer::~MessageBuffer() { release(); }

void MessageBuffer::unmap() const {
  if (map_ != nullptr) munmap(map_, mapped_);
  map_ = nullptr;
  mapped_ = 0;
}

void MessageBuffer::release() {
  unmap();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void MessageBuffer::clear() {
  release();
  memory_.clear();
  memory_.shrink_to_fit();
  size_ = 0;
  failed_ = false;
}

namespace {

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

bool MessageBuffer::append(std::string_view bytes) {
  if (failed_) return false;
  if (bytes.empty()) return true;
  if (fd_ < 0 && memory_.size() + bytes.size() <= config_.threshold) {
    memory_.append(bytes);
    size_ += bytes.size();
    return true;
  }
  if (fd_ < 0) {
    std::string dir = config_.dir;
    if (dir.empty()) {
      const char* t = std::getenv("TMPDIR");
      dir = t && *t ? t : "/tmp";
    }
    // O_TMPFILE: a file with no name at all; else a named one unlinked at once.
    fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      std::string path = dir + "/sievegate-spool-XXXXXX";
      fd_ = mkostemp(path.data(), O_CLOEXEC);
      if (fd_ >= 0) ::unlink(path.c_str());
    }
    if (fd_ < 0 || !write_all(fd_, memory_)) {
      failed_ = true;
      release();
      memory_.clear();
      return false;
    }
    memory_.clear();
    memory_.shrink_to_fit();
  }
  unmap();
  if (!write_all(fd_, bytes)) {
    failed_ = true;
    release();
    return false;
  }
  size_ += bytes.size();
  return true;
}

std::string_view MessageBuffer::view() const {
  if (fd_ < 0) return memory_;
  if (size_ == 0) return {};
  if (map_ == nullptr || mapped_ != size_) {
    unmap();
    void* p = mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd_, 0);
    if (p == MAP_FAILED) return {};
    map_ = p;
    mapped_ = size_;
    madvise(map_, mapped_, MADV_SEQUENTIAL);
  }
  return std::string_view(static_cast<const char*>(map_), mapped_);
}

bool RelaySource::next(std::string& out, std::size_t max) {
  if (finished_) return false;
  if (!prefix_.empty()) {
    out += prefix_;
    prefix_.clear();
    prefix_.shrink_to_fit();
  }
  std::string_view m = message_.view();
  std::size_t budget = max;
  if (!stuff_) {
    std::size_t n = std::min(budget, m.size() - pos_);
    out.append(m.substr(pos_, n));
    pos_ += n;
  } else {
    // RFC 5321 4.5.2: a line that starts with "." gets one more.
    while (pos_ < m.size() && budget > 0) {
      if (line_start_ && m[pos_] == '.') out += '.';
      const void* nl = std::memchr(m.data() + pos_, '\n', m.size() - pos_);
      std::size_t line_end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - m.data()) + 1 : m.size();
      std::size_t end = std::min(line_end, pos_ + budget);  // a long line may be split
      out.append(m.substr(pos_, end - pos_));
      budget -= end - pos_;
      line_start_ = nl != nullptr && end == line_end;
      pos_ = end;
    }
  }
  if (pos_ < m.size()) return true;
  if (stuff_) {
    if (!m.empty() && m.back() != '\n') out += "\r\n";
    out += ".\r\n";
  }
  finished_ = true;
  return true;
}

}  // namespace sievegate::proxy
