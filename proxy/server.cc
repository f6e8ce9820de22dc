// POCO network layer; see server.h.
//
// Threads: one blocking accept loop per listener socket hands each connection to one of
// N SocketReactor threads (round robin). A Connection lives on its reactor: client and
// backend sockets are non-blocking, reads feed the Session, its Output is queued and
// written when the socket is writable (writable events are asked for only while output
// is pending). Every handler catches everything: no exception leaves the reactor loop.
#include "proxy/server.h"

#include <Poco/NObserver.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketNotification.h>
#include <Poco/Net/SocketReactor.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Thread.h>

#include <atomic>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace sievegate::proxy {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::NObserver;
using Poco::Net::ErrorNotification;
using Poco::Net::ReadableNotification;
using Poco::Net::ShutdownNotification;
using Poco::Net::SocketReactor;
using Poco::Net::StreamSocket;
using Poco::Net::TimeoutNotification;
using Poco::Net::WritableNotification;

constexpr std::size_t kReadChunk = 64 * 1024;

class Connection {
 public:
  Connection(StreamSocket client, SocketReactor& reactor, const ServerConfig& config,
             std::shared_ptr<StagePolicy> policy, std::atomic<int>& live)
      : client_(std::move(client)),
        reactor_(reactor),
        config_(config),
        live_(live),
        session_(config.session, SessionFacts{peer_ip(client_), "", false}, std::move(policy)),
        started_(Clock::now()),
        last_input_(started_) {
    ++live_;
    client_.setBlocking(false);
    client_.setNoDelay(true);  // replies and relayed data leave at once (no Nagle delay)
    // The banner is written before the reactor knows the socket, so the accepting
    // thread and the reactor thread never touch the connection at the same time (a
    // banner that does not fit the socket buffer is finished by the reactor).
    Output greeting = session_.start();
    client_out_ = greeting.to_client;
    closing_ = greeting.close_client;
    try {
      int n = client_.sendBytes(client_out_.data(), static_cast<int>(client_out_.size()));
      if (n > 0) client_out_.erase(0, static_cast<std::size_t>(n));
    } catch (const Poco::Exception&) {
      client_out_.clear();
      closing_ = true;
    }
    reactor_.addEventHandler(client_, NObserver<Connection, ReadableNotification>(*this, &Connection::client_readable));
    reactor_.addEventHandler(client_, NObserver<Connection, ErrorNotification>(*this, &Connection::client_error));
    reactor_.addEventHandler(client_, NObserver<Connection, TimeoutNotification>(*this, &Connection::tick));
    reactor_.addEventHandler(client_, NObserver<Connection, ShutdownNotification>(*this, &Connection::shutdown));
    if (!client_out_.empty() || closing_) watch_client_writable(true);
  }

  ~Connection() { --live_; }

 private:
  static std::string peer_ip(const StreamSocket& s) {
    try {
      std::string host = s.peerAddress().host().toString();
      if (host.rfind("::ffff:", 0) == 0) host = host.substr(7);  // IPv4-mapped (Stalwart does the same)
      return host;
    } catch (...) {
      return "";
    }
  }

  // ---------------------------------------------------------------- client side

  void client_readable(const Poco::AutoPtr<ReadableNotification>&) {
    guard([&] {
      char buf[kReadChunk];
      int n = client_.receiveBytes(buf, sizeof buf);
      if (n <= 0) {
        close_all();
        return;
      }
      last_input_ = Clock::now();
      apply(session_.client_bytes(std::string_view(buf, static_cast<std::size_t>(n))));
    });
  }

  void client_writable(const Poco::AutoPtr<WritableNotification>&) {
    guard([&] { flush_client(); });
  }

  void client_error(const Poco::AutoPtr<ErrorNotification>&) { guard([&] { close_all(); }); }

  void shutdown(const Poco::AutoPtr<ShutdownNotification>&) { guard([&] { close_all(); }); }

  void tick(const Poco::AutoPtr<TimeoutNotification>&) {
    guard([&] {
      auto now = Clock::now();
      if (backend_connecting_ && now - backend_started_ > config_.backend_timeout) {
        backend_down();
        return;
      }
      if (now - started_ > config_.duration) {
        apply(session_.session_expired());
      } else if (now - last_input_ > config_.timeout) {
        apply(session_.timed_out());
      }
    });
  }

  // ---------------------------------------------------------------- backend side

  void connect_backend() {
    try {
      backend_ = StreamSocket();
      backend_.connectNB(Poco::Net::SocketAddress(config_.backend_host, config_.backend_port));
      backend_.setNoDelay(true);
      backend_open_ = true;
      backend_connecting_ = true;
      backend_started_ = Clock::now();
      reactor_.addEventHandler(backend_, NObserver<Connection, ReadableNotification>(*this, &Connection::backend_readable));
      reactor_.addEventHandler(backend_, NObserver<Connection, WritableNotification>(*this, &Connection::backend_writable));
      reactor_.addEventHandler(backend_, NObserver<Connection, ErrorNotification>(*this, &Connection::backend_error));
      backend_writable_registered_ = true;
    } catch (const std::exception&) {
      backend_down();
    }
  }

  void backend_readable(const Poco::AutoPtr<ReadableNotification>&) {
    guard([&] {
      char buf[kReadChunk];
      int n = 0;
      try {
        n = backend_.receiveBytes(buf, sizeof buf);
      } catch (const Poco::Exception&) {
        n = -1;
      }
      if (n <= 0) {
        backend_down();
        return;
      }
      if (backend_connecting_) connected();
      apply(session_.backend_bytes(std::string_view(buf, static_cast<std::size_t>(n))));
    });
  }

  void backend_writable(const Poco::AutoPtr<WritableNotification>&) {
    guard([&] {
      if (backend_connecting_) {
        if (backend_.impl()->socketError() != 0) {
          backend_down();
          return;
        }
        connected();
      }
      flush_backend();
    });
  }

  void backend_error(const Poco::AutoPtr<ErrorNotification>&) { guard([&] { backend_down(); }); }

  void connected() {
    backend_connecting_ = false;
    apply(session_.backend_connected());
  }

  void backend_down() {
    if (!backend_open_) return;
    close_backend();
    apply(session_.backend_failed());
  }

  void close_backend() {
    if (!backend_open_) return;
    backend_open_ = false;
    backend_connecting_ = false;
    reactor_.removeEventHandler(backend_, NObserver<Connection, ReadableNotification>(*this, &Connection::backend_readable));
    reactor_.removeEventHandler(backend_, NObserver<Connection, WritableNotification>(*this, &Connection::backend_writable));
    reactor_.removeEventHandler(backend_, NObserver<Connection, ErrorNotification>(*this, &Connection::backend_error));
    backend_writable_registered_ = false;
    backend_out_.clear();
    try {
      backend_.close();
    } catch (...) {
    }
  }

  // ---------------------------------------------------------------- output

  void apply(const Output& out) {
    client_out_ += out.to_client;
    if (backend_open_) backend_out_ += out.to_backend;
    if (out.close_client) closing_ = true;
    if (out.connect_backend && !backend_open_) connect_backend();
    if (!backend_connecting_ && backend_open_) flush_backend();
    if (out.close_backend && backend_open_) {
      flush_backend();
      close_backend();
    }
    flush_client();
  }

  void flush_client() {
    while (!client_out_.empty()) {
      int n = 0;
      try {
        n = client_.sendBytes(client_out_.data(), static_cast<int>(client_out_.size()));
      } catch (const Poco::Exception&) {
        close_all();
        return;
      }
      if (n <= 0) break;  // would block: wait for writable
      client_out_.erase(0, static_cast<std::size_t>(n));
    }
    watch_client_writable(!client_out_.empty());
    if (client_out_.empty() && closing_) close_all();
  }

  void flush_backend() {
    if (!backend_open_ || backend_connecting_) return;
    while (!backend_out_.empty()) {
      int n = 0;
      try {
        n = backend_.sendBytes(backend_out_.data(), static_cast<int>(backend_out_.size()));
      } catch (const Poco::Exception&) {
        backend_down();
        return;
      }
      if (n <= 0) break;
      backend_out_.erase(0, static_cast<std::size_t>(n));
    }
    bool want = !backend_out_.empty();
    if (want != backend_writable_registered_) {
      NObserver<Connection, WritableNotification> o(*this, &Connection::backend_writable);
      if (want) reactor_.addEventHandler(backend_, o);
      else reactor_.removeEventHandler(backend_, o);
      backend_writable_registered_ = want;
    }
  }

  void watch_client_writable(bool want) {
    if (want == client_writable_registered_) return;
    NObserver<Connection, WritableNotification> o(*this, &Connection::client_writable);
    if (want) reactor_.addEventHandler(client_, o);
    else reactor_.removeEventHandler(client_, o);
    client_writable_registered_ = want;
  }

  void close_all() {
    if (dead_) return;
    dead_ = true;
    close_backend();
    watch_client_writable(false);
    reactor_.removeEventHandler(client_, NObserver<Connection, ReadableNotification>(*this, &Connection::client_readable));
    reactor_.removeEventHandler(client_, NObserver<Connection, ErrorNotification>(*this, &Connection::client_error));
    reactor_.removeEventHandler(client_, NObserver<Connection, TimeoutNotification>(*this, &Connection::tick));
    reactor_.removeEventHandler(client_, NObserver<Connection, ShutdownNotification>(*this, &Connection::shutdown));
    try {
      client_.shutdown();
    } catch (...) {
    }
    try {
      client_.close();
    } catch (...) {
    }
    delete this;
  }

  template <typename Fn>
  void guard(Fn fn) {
    if (dead_) return;
    try {
      fn();
    } catch (const std::exception& e) {
      std::cerr << "sievegate: session error: " << e.what() << "\n";
      close_all();
    } catch (...) {
      close_all();
    }
  }

  StreamSocket client_;
  StreamSocket backend_;
  SocketReactor& reactor_;
  const ServerConfig& config_;
  std::atomic<int>& live_;
  Session session_;
  std::string client_out_;
  std::string backend_out_;
  Clock::time_point started_;
  Clock::time_point last_input_;
  Clock::time_point backend_started_;
  bool backend_open_ = false;
  bool backend_connecting_ = false;
  bool backend_writable_registered_ = false;
  bool client_writable_registered_ = false;
  bool closing_ = false;
  bool dead_ = false;
};

}  // namespace

struct Server::Impl {
  ServerConfig config;
  std::shared_ptr<StagePolicy> policy;
  std::vector<std::unique_ptr<SocketReactor>> reactors;
  std::vector<std::thread> reactor_threads;
  std::vector<Poco::Net::ServerSocket> sockets;
  std::vector<std::thread> accept_threads;
  std::atomic<bool> running{false};
  std::atomic<int> live{0};
  std::atomic<std::size_t> next{0};
};

Server::Server(ServerConfig config, std::shared_ptr<StagePolicy> policy) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->policy = std::move(policy);
}

Server::~Server() { stop(); }

void Server::start() {
  Impl& s = *impl_;
  int threads = s.config.reactor_threads > 0 ? s.config.reactor_threads
                                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (const std::string& bind : s.config.binds) {
    try {
      Poco::Net::ServerSocket socket;
      socket.bind(Poco::Net::SocketAddress(bind), true);
      socket.listen(1024);
      s.sockets.push_back(socket);
    } catch (const Poco::Exception& e) {
      throw std::runtime_error("cannot listen on " + bind + ": " + e.displayText());
    }
  }
  s.running = true;
  for (int i = 0; i < threads; ++i) {
    auto reactor = std::make_unique<SocketReactor>(Poco::Timespan(0, 250000));
    SocketReactor* r = reactor.get();
    s.reactors.push_back(std::move(reactor));
    s.reactor_threads.emplace_back([r] { r->run(); });
  }
  for (Poco::Net::ServerSocket& socket : s.sockets) {
    s.accept_threads.emplace_back([&s, socket]() mutable {
      while (s.running) {
        try {
          // Wake up regularly so stop() is noticed; accept only when a client waits.
          if (!socket.poll(Poco::Timespan(0, 200000), Poco::Net::Socket::SELECT_READ)) continue;
          Poco::Net::StreamSocket client = socket.acceptConnection();
          if (s.live >= static_cast<int>(s.config.max_connections)) {
            client.sendBytes("421 4.3.2 Too many connections, try again later.\r\n", 50);
            client.close();
            continue;
          }
          SocketReactor& r = *s.reactors[s.next++ % s.reactors.size()];
          new Connection(client, r, s.config, s.policy, s.live);  // owns itself
        } catch (const Poco::TimeoutException&) {
        } catch (const std::exception& e) {
          if (s.running) std::cerr << "sievegate: accept: " << e.what() << "\n";
        }
      }
    });
  }
}

void Server::stop() {
  Impl& s = *impl_;
  if (!s.running.exchange(false)) return;
  for (std::thread& t : s.accept_threads) t.join();
  for (auto& socket : s.sockets) socket.close();
  for (auto& r : s.reactors) r->stop();
  for (std::thread& t : s.reactor_threads) t.join();
}

}  // namespace sievegate::proxy
