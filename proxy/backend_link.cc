// See backend_link.h. POCO parses the backend's address; the socket is a plain
// non-blocking descriptor on the connection's loop.
#include "proxy/backend_link.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <Poco/Net/SocketAddress.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sievegate::proxy {
namespace {

constexpr std::size_t kRelayChunk = 256 * 1024;

}  // namespace

BackendLink::Failure BackendLink::connect(const std::string& host, std::uint16_t port) {
  activity_ = loop_.now();
  try {
    Poco::Net::SocketAddress address(host, port);
    fd_ = ::socket(address.af(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd_, address.addr(), address.length()) != 0 && errno != EINPROGRESS) {
      throw std::runtime_error(errno == ECONNREFUSED ? "refused" : std::string("connect: ") + std::strerror(errno));
    }
    connecting_ = true;
    read_ = false;
    write_ = true;  // writable: the connection is complete (or failed)
    if (!loop_.watch(fd_, &handler_, read_, write_)) {
      throw std::runtime_error(std::string("epoll: ") + std::strerror(errno));
    }
  } catch (const std::exception& e) {
    close_fd(fd_);
    connecting_ = false;
    return e.what();
  }
  return std::nullopt;
}

BackendLink::Failure BackendLink::connected() {
  int error = 0;
  socklen_t len = sizeof error;
  if (::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) {
    return error == ECONNREFUSED ? "refused" : std::string("connect: ") + std::strerror(error);
  }
  connecting_ = false;
  activity_ = loop_.now();
  return std::nullopt;
}

BackendLink::Failure BackendLink::receive(char* buf, std::size_t size, std::string_view& bytes) {
  bytes = {};
  ssize_t n = ::recv(fd_, buf, size, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return std::nullopt;
  if (n <= 0) return n == 0 ? "closed" : errno == ECONNRESET ? "reset" : std::strerror(errno);
  activity_ = loop_.now();
  bytes = std::string_view(buf, static_cast<std::size_t>(n));
  return std::nullopt;
}

void BackendLink::send(const std::string& bytes, std::shared_ptr<RelaySource> source) {
  out_.tail() += bytes;
  if (source) source_ = std::move(source);
  activity_ = loop_.now();
}

BackendLink::Failure BackendLink::flush() {
  if (fd_ < 0 || connecting_) return std::nullopt;
  while (true) {
    // The message is pulled in chunks as the socket takes them: bounded memory.
    if (out_.size() < kRelayChunk && source_ && !source_->next(out_.tail(), kRelayChunk)) source_.reset();
    if (out_.empty()) break;
    ssize_t n = ::send(fd_, out_.data(), out_.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;  // wait until writable
      return errno == ECONNRESET || errno == EPIPE ? "reset" : std::strerror(errno);
    }
    out_.consume(static_cast<std::size_t>(n));
    activity_ = loop_.now();
  }
  return std::nullopt;
}

BackendLink::Failure BackendLink::update_interest() {
  if (fd_ < 0) return std::nullopt;
  bool read = !connecting_;
  bool write = connecting_ || !out_.empty() || source_ != nullptr;
  if (read == read_ && write == write_) return std::nullopt;
  if (!loop_.modify(fd_, &handler_, read, write)) return std::string("epoll: ") + std::strerror(errno);
  read_ = read;
  write_ = write;
  return std::nullopt;
}

void BackendLink::close() {
  if (fd_ < 0) return;
  loop_.unwatch(fd_);
  close_fd(fd_);
  connecting_ = false;
  read_ = write_ = false;
  out_.clear();
  source_.reset();
}

}  // namespace sievegate::proxy
