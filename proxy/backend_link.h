// The socket towards the backend MTA for one client connection (private to proxy/): a
// non-blocking connect, the bytes the session sends (the message pulled from its source
// a chunk at a time, only as the socket takes it: bounded memory), and the loop's
// interest in the socket. It knows nothing of SMTP: a failure comes back as its cause,
// which the connection gives to the session. EAGAIN always means "wait until
// writable", never a failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "proxy/event_loop.h"
#include "proxy/socket_io.h"
#include "smtp/session.h"

namespace sievegate::proxy {

class BackendLink {
 public:
  using Clock = EventLoop::Clock;
  // Why the backend is gone ("refused", "reset", "closed", an OS error...); nullopt: it is not.
  using Failure = std::optional<std::string>;

  // `handler` receives the socket's events.
  BackendLink(EventLoop& loop, EventLoop::Handler& handler) : loop_(loop), handler_(handler) {}
  ~BackendLink() { close_fd(fd_); }
  BackendLink(const BackendLink&) = delete;
  BackendLink& operator=(const BackendLink&) = delete;

  bool open() const { return fd_ >= 0; }
  bool connecting() const { return connecting_; }
  // When the backend last made progress (or was given something to do).
  Clock::time_point activity() const { return activity_; }
  // Everything given to send() is written.
  bool all_written() const { return out_.empty() && !source_; }

  // Starts connecting; a failure leaves the link closed.
  Failure connect(const std::string& host, std::uint16_t port);
  // The socket became writable (or failed) while connecting: is the connection made?
  // A failure leaves the socket open for close().
  Failure connected();
  // What the backend sent, read into `buf`: empty when nothing is there yet.
  Failure receive(char* buf, std::size_t size, std::string_view& bytes);
  // Queues `bytes`, then the rest of `source` (when given).
  void send(const std::string& bytes, std::shared_ptr<RelaySource> source);
  // Writes what the socket takes now (nothing while connecting).
  Failure flush();
  // The loop's interest follows the state: reading once connected, writing while
  // connecting or while something is left to write.
  Failure update_interest();
  void close();

 private:
  EventLoop& loop_;
  EventLoop::Handler& handler_;
  int fd_ = -1;
  OutBuffer out_;
  std::shared_ptr<RelaySource> source_;  // the rest of the message being relayed
  Clock::time_point activity_;
  bool connecting_ = false;
  bool read_ = false;  // the interest the loop has for the socket
  bool write_ = false;
};

}  // namespace sievegate::proxy
