// One client connection and its session (private to proxy/): the client's socket (with
// TLS when started), the backend's (backend_link.h), timers, and the output the session
// asks for. Created, served and destroyed on its reactor's thread only (reactor.h).
//
// A Connection ends itself (close_all) by unregistering its descriptors, closing them
// and asking its loop to retire it: it is freed after the current batch of events, when
// no callback for it is on the stack.
//
// Flow control: output towards each side is a bounded buffer. A full client buffer (a
// client that does not read its replies) or a session holding much unprocessed input
// (pipelined commands behind a command that waits for the backend) stops reading from
// the client until it drains; the message towards the backend is pulled from its
// source a chunk at a time, only as the backend's socket takes it. EAGAIN always means
// "wait until writable", never a failure.
//
// Timers: each loop ticks every 250 ms, under load too; each Connection checks its
// deadlines on a tick: the client's idle timeout (from our last reply, or from the last
// 64 KiB of message content, so a client cannot keep a session by dripping bytes), the
// session's duration, and the backend's reply timeout for what is awaited.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "proxy/backend_link.h"
#include "proxy/event_loop.h"
#include "proxy/server.h"
#include "proxy/server_state.h"
#include "proxy/socket_io.h"
#include "proxy/tls.h"
#include "smtp/session.h"

namespace sievegate::proxy {

class Reactor;
class Connection;

// The connection a suspended policy answers; cleared (on the loop thread) when the
// connection ends, so a late verdict is dropped.
struct PolicyTicket {
  Connection* connection = nullptr;
};

class Connection final : public EventLoop::Retired {
 public:
  using Clock = EventLoop::Clock;

  Connection(Reactor& reactor, int fd, std::string ip, std::shared_ptr<const ServerConfig> config,
             std::size_t listener, std::shared_ptr<StagePolicy> policy, std::shared_ptr<Shared> shared,
             ExtensionsRegistry& extensions);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void begin();                    // registers the socket and greets (or starts TLS)
  void tick(Clock::time_point now);
  void stop_now();                 // the server stops: 421 unless a final reply is awaited
  // A suspended evaluation (a stage's verdict, a credentials check) is over, on the loop
  // thread: `step` hands its result to the session.
  void resumed(const std::function<Output(Session&)>& step);
  bool dead() const { return dead_; }
  std::size_t index = 0;           // the reactor's registry slot

 private:
  // Each descriptor's events reach the connection through its own small handler.
  struct ClientIo final : EventLoop::Handler {
    Connection* c;
    explicit ClientIo(Connection* owner) : c(owner) {}
    void on_io(std::uint32_t events) override { c->client_io(events); }
  };
  struct BackendIo final : EventLoop::Handler {
    Connection* c;
    explicit BackendIo(Connection* owner) : c(owner) {}
    void on_io(std::uint32_t events) override { c->backend_io(events); }
  };

  // ---------------------------------------------------------------- client side
  void client_io(std::uint32_t events);
  void client_readable();
  void client_tls_bytes(std::string_view bytes);
  void client_eof();
  void flush_client();
  void linger();
  void update_client_interest();
  bool wants_client_input() const;

  // ---------------------------------------------------------------- backend side
  void backend_io(std::uint32_t events);
  void connect_backend();
  void backend_readable();
  void backend_down(const std::string& cause);
  void flush_backend();
  void update_backend_interest();
  std::chrono::milliseconds backend_limit(Session::BackendWait wait) const;

  // ---------------------------------------------------------------- output
  void apply(const Output& out);
  void apply_now(const Output& out);
  void release_held();
  void after_event();
  void close_all();
  template <typename Fn>
  void guard(Fn fn);

  Reactor& reactor_;
  EventLoop& loop_;
  int client_ = -1;
  ClientIo client_io_{this};
  BackendIo backend_io_{this};
  BackendLink backend_{loop_, backend_io_};
  std::string ip_;
  std::shared_ptr<const ServerConfig> config_;  // the configuration this session began with
  const ListenerConfig& listener_;
  std::shared_ptr<Shared> shared_;
  SessionSettings settings_;
  Session session_;
  std::unique_ptr<TlsChannel> tls_;
  std::shared_ptr<PolicyTicket> ticket_;
  OutBuffer client_out_;
  Clock::time_point started_;
  Clock::time_point last_activity_;  // our last reply, or the last content progress
  Clock::time_point linger_until_;
  Clock::time_point hold_until_;
  std::size_t content_progress_ = 0;  // content bytes since last_activity_
  Output held_;
  bool registered_ = false;
  bool client_read_ = false;   // the interest the loop has for the client socket
  bool client_write_ = false;
  bool started_session_ = false;
  bool holding_ = false;       // a tarpit delay is running
  bool policy_waiting_ = false;  // a verdict is awaited since policy_since_
  Clock::time_point policy_since_;
  bool lingering_ = false;     // the last reply is out; waiting for the client to close
  bool client_eof_ = false;    // the client ended its side; what it sent is still served
  bool closing_ = false;
  bool stopping_ = false;      // the server stops: close once the final reply is passed on
  bool dead_ = false;
};

}  // namespace sievegate::proxy
