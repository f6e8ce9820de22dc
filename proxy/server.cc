// POCO network layer; see server.h.
//
// Threads: one blocking accept loop per listener socket hands each connection to one of
// N reactor threads (round robin). A Connection lives on its reactor: client and backend
// sockets are non-blocking, reads feed the Session, its Output is queued and written
// when the socket is writable (writable events are asked for only while output is
// pending). Every handler catches everything: no exception leaves the reactor loop.
//
// Timers: POCO's reactor sends TimeoutNotification only when a poll finds nothing to
// read, so under constant load it would never tick; TickingReactor also ticks from
// onBusy() at least every kTick, and each Connection checks its deadlines on a tick.
#include "proxy/server.h"

#include <Poco/Event.h>
#include <Poco/NObserver.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketNotification.h>
#include <Poco/Net/SocketReactor.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <map>
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
constexpr std::size_t kRelayChunk = 256 * 1024;
constexpr auto kTick = std::chrono::milliseconds(250);
constexpr auto kLinger = std::chrono::seconds(2);

class TickingReactor : public SocketReactor {
 public:
  TickingReactor() : SocketReactor(Poco::Timespan(0, 250000)) {}
  // A connection was handed over: stop idling now.
  void wake() { wake_.set(); }

 protected:
  // POCO calls onIdle() in a loop while the reactor has no sockets; without a wait that
  // is a busy loop. The wait ends early when wake() is called.
  void onIdle() override {
    SocketReactor::onIdle();
    wake_.tryWait(250);
  }
  void onBusy() override {
    SocketReactor::onBusy();
    if (Clock::now() - last_ >= kTick) onTimeout();
  }
  void onTimeout() override {
    last_ = Clock::now();
    SocketReactor::onTimeout();
  }

 private:
  Clock::time_point last_ = Clock::now();
  Poco::Event wake_;  // auto-reset
};

// What every connection shares with the server: counts for the limits, the stop flag.
struct Shared {
  std::atomic<int> live{0};
  std::atomic<bool> draining{false};
  std::mutex mutex;
  std::map<std::string, std::size_t> per_ip;

  // Counts a new connection from `ip`; false when a limit says no.
  bool admit(const std::string& ip, const ServerConfig& config, std::string& why) {
    if (live >= static_cast<int>(config.max_connections)) {
      why = "421 4.3.2 Too many connections, please try again later.\r\n";
      return false;
    }
    std::lock_guard<std::mutex> lock(mutex);
    std::size_t& n = per_ip[ip];
    if (config.max_connections_per_ip > 0 && n >= config.max_connections_per_ip) {
      why = "421 4.7.0 Too many connections from your address, please try again later.\r\n";
      return false;
    }
    ++n;
    ++live;
    return true;
  }
  void release(const std::string& ip) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = per_ip.find(ip);
    if (it != per_ip.end() && --it->second == 0) per_ip.erase(it);
    --live;
  }
};

std::string peer_ip(const StreamSocket& s) {
  try {
    std::string host = s.peerAddress().host().toString();
    if (host.rfind("::ffff:", 0) == 0) host = host.substr(7);  // IPv4-mapped (Stalwart does the same)
    return host;
  } catch (...) {
    return "";
  }
}

std::string local_ip(const StreamSocket& s) {
  try {
    std::string host = s.address().host().toString();
    if (host.rfind("::ffff:", 0) == 0) host = host.substr(7);
    return host;
  } catch (...) {
    return "";
  }
}

SessionSettings session_settings(const ServerConfig& config, const ListenerConfig& listener, const std::string& ip,
                                 const std::string& local) {
  SessionSettings s{config.timeout,      config.duration,        config.backend_host,
                    config.backend_port, config.backend_timeout, config.session};
  if (config.per_session) config.per_session(ConnectionInfo{listener.id, ip, local}, s);
  if (!listener.hostname.empty()) s.session.hostname = listener.hostname;
  if (!listener.greeting.empty()) s.session.greeting = listener.greeting;
  s.session.starttls = listener.tls != nullptr && !listener.implicit_tls;
  s.session.log = config.log;
  return s;
}

class Connection {
 public:
  Connection(StreamSocket client, std::string ip, SocketReactor& reactor, std::shared_ptr<const ServerConfig> config,
             std::size_t listener, std::shared_ptr<StagePolicy> policy, std::shared_ptr<Shared> shared)
      : client_(std::move(client)),
        ip_(std::move(ip)),
        reactor_(reactor),
        config_(std::move(config)),
        listener_(config_->listeners[listener]),
        shared_(std::move(shared)),
        settings_(session_settings(*config_, listener_, ip_, local_ip(client_))),
        session_(settings_.session,
                 SessionFacts{Log::new_session_id(), ip_, local_ip(client_), listener_.id, "", false, "", "", ""},
                 std::move(policy)),
        started_(Clock::now()),
        last_activity_(started_) {
    client_.setBlocking(false);
    client_.setNoDelay(true);  // replies and relayed data leave at once (no Nagle delay)
    if (listener_.implicit_tls && listener_.tls) {
      // The banner (and the connect policy) wait for the handshake (Stalwart's order).
      tls_ = std::make_unique<TlsChannel>(listener_.tls);
    } else {
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
    }
    reactor_.addEventHandler(client_, NObserver<Connection, ReadableNotification>(*this, &Connection::client_readable));
    reactor_.addEventHandler(client_, NObserver<Connection, ErrorNotification>(*this, &Connection::client_error));
    reactor_.addEventHandler(client_, NObserver<Connection, TimeoutNotification>(*this, &Connection::tick));
    reactor_.addEventHandler(client_, NObserver<Connection, ShutdownNotification>(*this, &Connection::shutdown));
    if (!client_out_.empty() || closing_) watch_client_writable(true);
  }

  ~Connection() { shared_->release(ip_); }

 private:
  // ---------------------------------------------------------------- client side

  void client_readable(const Poco::AutoPtr<ReadableNotification>&) {
    guard([&] {
      char buf[kReadChunk];
      int n = client_.receiveBytes(buf, sizeof buf);
      if (n <= 0) {
        close_all();
        return;
      }
      if (lingering_) return;  // after the last reply: dropped
      last_activity_ = Clock::now();
      std::string_view bytes(buf, static_cast<std::size_t>(n));
      if (!tls_) {
        apply(session_.client_bytes(bytes));
        return;
      }
      std::string plain;
      bool was_done = tls_->handshake_done();
      TlsChannel::Status status = tls_->feed(bytes, plain, client_out_);
      if (status == TlsChannel::Status::kError) {
        apply(session_.tls_failed(tls_->error()));
        return;
      }
      if (!was_done && tls_->handshake_done()) {
        apply(session_.tls_started(tls_->version(), tls_->cipher()));
        if (listener_.implicit_tls && !started_session_) {
          started_session_ = true;
          apply(session_.start());
        }
      }
      if (!plain.empty()) apply(session_.client_bytes(plain));
      if (status == TlsChannel::Status::kClosed) {
        close_all();
        return;
      }
      flush_client();
    });
  }

  void client_writable(const Poco::AutoPtr<WritableNotification>&) {
    guard([&] { flush_client(); });
  }

  void client_error(const Poco::AutoPtr<ErrorNotification>&) { guard([&] { close_all(); }); }

  // The reactor stops (end of the grace period): tell the client, best effort, then close.
  void shutdown(const Poco::AutoPtr<ShutdownNotification>&) {
    guard([&] {
      closing_ = false;  // flush_client must not close before the reply is attempted
      Output out = session_.shutting_down(true);
      if (tls_) tls_->write(out.to_client, client_out_);
      else client_out_ += out.to_client;
      try {
        client_.sendBytes(client_out_.data(), static_cast<int>(client_out_.size()));
      } catch (...) {
      }
      close_all();
    });
  }

  void tick(const Poco::AutoPtr<TimeoutNotification>&) {
    guard([&] {
      auto now = Clock::now();
      if (lingering_) {
        if (now >= linger_until_) close_all();
        return;
      }
      if (holding_ && now >= hold_until_) release_held();
      if (dead_) return;
      if (backend_open_ && (backend_connecting_ || session_.waiting_for_backend()) &&
          now - backend_activity_ > settings_.backend_timeout) {
        backend_down();
        return;
      }
      if (now - started_ > settings_.duration) {
        apply(session_.session_expired());
      } else if (!session_.waiting_for_backend() && now - last_activity_ > settings_.timeout) {
        apply(session_.timed_out());
      } else if (shared_->draining) {
        apply(session_.shutting_down());
      }
    });
  }

  // ---------------------------------------------------------------- backend side

  void connect_backend() {
    backend_activity_ = Clock::now();
    try {
      backend_ = StreamSocket();
      backend_.connectNB(Poco::Net::SocketAddress(settings_.backend_host, settings_.backend_port));
      backend_.setNoDelay(true);
      backend_open_ = true;
      backend_connecting_ = true;
      reactor_.addEventHandler(backend_, NObserver<Connection, ReadableNotification>(*this, &Connection::backend_readable));
      reactor_.addEventHandler(backend_, NObserver<Connection, WritableNotification>(*this, &Connection::backend_writable));
      reactor_.addEventHandler(backend_, NObserver<Connection, ErrorNotification>(*this, &Connection::backend_error));
      backend_writable_registered_ = true;
    } catch (const std::exception&) {
      backend_open_ = true;  // so that backend_down() reports the failure
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
      backend_activity_ = Clock::now();
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
    try {
      reactor_.removeEventHandler(backend_, NObserver<Connection, ReadableNotification>(*this, &Connection::backend_readable));
      reactor_.removeEventHandler(backend_, NObserver<Connection, WritableNotification>(*this, &Connection::backend_writable));
      reactor_.removeEventHandler(backend_, NObserver<Connection, ErrorNotification>(*this, &Connection::backend_error));
    } catch (...) {
    }
    backend_writable_registered_ = false;
    backend_out_.clear();
    backend_source_.reset();
    try {
      backend_.close();
    } catch (...) {
    }
  }

  // ---------------------------------------------------------------- output

  void apply(const Output& out) {
    if (out.delay.count() > 0 || holding_) {
      // A delayed answer (tarpit): everything for the client waits until the tick after
      // the delay, then tarpit_over() lets the session read on.
      if (out.delay.count() > 0) {
        holding_ = true;
        hold_until_ = Clock::now() + out.delay;
      }
      held_.to_client += out.to_client;
      held_.close_client = held_.close_client || out.close_client;
      Output rest = out;
      rest.to_client.clear();
      rest.close_client = false;
      rest.delay = std::chrono::milliseconds(0);
      apply_now(rest);
      return;
    }
    apply_now(out);
  }

  void release_held() {
    holding_ = false;
    Output held = std::move(held_);
    held_ = Output{};
    apply_now(held);
    if (!closing_) apply(session_.tarpit_over());
  }

  void apply_now(const Output& out) {
    if (!out.to_client.empty()) {
      last_activity_ = Clock::now();  // the client's idle time starts at our last reply
      if (tls_ && !out.start_tls) {
        if (tls_->write(out.to_client, client_out_) != TlsChannel::Status::kOk) closing_ = true;
      } else {
        client_out_ += out.to_client;
      }
    }
    if (out.start_tls && listener_.tls) tls_ = std::make_unique<TlsChannel>(listener_.tls);
    if (out.close_client) {
      if (!closing_ && tls_ && tls_->handshake_done()) tls_->close(client_out_);
      closing_ = true;
    }
    if (backend_open_ && (!out.to_backend.empty() || out.backend_source)) {
      backend_out_ += out.to_backend;
      if (out.backend_source) backend_source_ = out.backend_source;
      backend_activity_ = Clock::now();
    }
    if (!backend_connecting_ && backend_open_) flush_backend();
    if (out.close_backend && backend_open_) close_backend();
    if (out.connect_backend && !backend_open_) connect_backend();
    flush_client();
  }

  void flush_client() {
    if (dead_) return;
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
    if (client_out_.empty() && closing_) linger();
  }

  // The last reply is written; closing now, with client bytes still unread, would make
  // the kernel send a reset that can destroy that reply before the client reads it. So:
  // end our side, read and drop what still comes, close on EOF or after kLinger.
  void linger() {
    if (lingering_) return;
    lingering_ = true;
    linger_until_ = Clock::now() + kLinger;
    close_backend();
    try {
      client_.shutdownSend();
    } catch (...) {
      close_all();
    }
  }

  void flush_backend() {
    if (!backend_open_ || backend_connecting_) return;
    while (true) {
      // The message is pulled in chunks as the socket takes them: bounded memory.
      if (backend_out_.size() < kRelayChunk && backend_source_ && !backend_source_->next(backend_out_, kRelayChunk)) {
        backend_source_.reset();
      }
      if (backend_out_.empty()) break;
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
    bool want = !backend_out_.empty() || backend_source_ != nullptr;
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
    try {
      watch_client_writable(false);
      reactor_.removeEventHandler(client_, NObserver<Connection, ReadableNotification>(*this, &Connection::client_readable));
      reactor_.removeEventHandler(client_, NObserver<Connection, ErrorNotification>(*this, &Connection::client_error));
      reactor_.removeEventHandler(client_, NObserver<Connection, TimeoutNotification>(*this, &Connection::tick));
      reactor_.removeEventHandler(client_, NObserver<Connection, ShutdownNotification>(*this, &Connection::shutdown));
    } catch (...) {
    }
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
      if (config_->log) {
        config_->log->event(Log::Level::kError, "error",
                            {{"session", session_.facts().id}, {"client", ip_}, {"error", e.what()}});
      }
      close_all();
    } catch (...) {
      close_all();
    }
  }

  StreamSocket client_;
  std::string ip_;
  StreamSocket backend_;
  SocketReactor& reactor_;
  std::shared_ptr<const ServerConfig> config_;  // the configuration this session began with
  const ListenerConfig& listener_;
  std::shared_ptr<Shared> shared_;
  SessionSettings settings_;
  Session session_;
  std::unique_ptr<TlsChannel> tls_;
  std::string client_out_;
  std::string backend_out_;
  std::shared_ptr<RelaySource> backend_source_;  // the rest of the message being relayed
  Clock::time_point started_;
  Clock::time_point last_activity_;
  Clock::time_point backend_activity_;
  bool started_session_ = false;
  bool holding_ = false;  // a tarpit delay is running
  bool lingering_ = false;  // the last reply is out; waiting for the client to close
  Clock::time_point linger_until_;
  Clock::time_point hold_until_;
  Output held_;
  bool backend_open_ = false;
  bool backend_connecting_ = false;
  bool backend_writable_registered_ = false;
  bool client_writable_registered_ = false;
  bool closing_ = false;
  bool dead_ = false;
};

}  // namespace

struct Server::Impl {
  std::mutex mutex;  // guards config and policy (reload)
  std::shared_ptr<const ServerConfig> config;
  std::shared_ptr<StagePolicy> policy;
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::vector<std::unique_ptr<TickingReactor>> reactors;
  std::vector<std::thread> reactor_threads;
  std::vector<Poco::Net::ServerSocket> sockets;
  std::vector<std::thread> accept_threads;
  std::atomic<bool> accepting{false};
  bool started = false;
  std::atomic<std::size_t> next{0};

  void log(Log::Level level, std::string_view event, std::initializer_list<Log::Field> fields) {
    std::shared_ptr<const ServerConfig> c;
    {
      std::lock_guard<std::mutex> lock(mutex);
      c = config;
    }
    if (c->log) c->log->event(level, event, fields);
  }
};

Server::Server(ServerConfig config, std::shared_ptr<StagePolicy> policy) : impl_(std::make_unique<Impl>()) {
  if (!config.log) config.log = std::make_shared<Log>();
  impl_->config = std::make_shared<const ServerConfig>(std::move(config));
  impl_->policy = std::move(policy);
}

Server::~Server() { stop(); }

int Server::live_sessions() const { return impl_->shared->live; }

void Server::start() {
  Impl& s = *impl_;
  const ServerConfig& initial = *s.config;
  int threads = initial.reactor_threads > 0 ? initial.reactor_threads
                                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::size_t> listener_of;  // socket index -> listener index
  for (std::size_t l = 0; l < initial.listeners.size(); ++l) {
    for (const std::string& bind : initial.listeners[l].binds) {
      try {
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(bind), true);
        socket.listen(1024);
        s.sockets.push_back(socket);
        listener_of.push_back(l);
      } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + bind + ": " + e.displayText());
      }
    }
  }
  s.accepting = true;
  s.started = true;
  for (int i = 0; i < threads; ++i) {
    auto reactor = std::make_unique<TickingReactor>();
    TickingReactor* r = reactor.get();
    s.reactors.push_back(std::move(reactor));
    s.reactor_threads.emplace_back([r] { r->run(); });
  }
  for (std::size_t i = 0; i < s.sockets.size(); ++i) {
    Poco::Net::ServerSocket socket = s.sockets[i];
    std::size_t listener = listener_of[i];
    s.accept_threads.emplace_back([&s, socket, listener]() mutable {
      while (s.accepting) {
        try {
          // Wake up regularly so stop() is noticed; accept only when a client waits.
          if (!socket.poll(Poco::Timespan(0, 200000), Poco::Net::Socket::SELECT_READ)) continue;
          Poco::Net::StreamSocket client = socket.acceptConnection();
          std::shared_ptr<const ServerConfig> config;
          std::shared_ptr<StagePolicy> policy;
          {
            std::lock_guard<std::mutex> lock(s.mutex);
            config = s.config;
            policy = s.policy;
          }
          std::string ip = peer_ip(client);
          std::string why;
          if (!s.shared->admit(ip, *config, why)) {
            if (config->log) config->log->event(Log::Level::kWarn, "refused", {{"client", ip}, {"reason", why.substr(0, why.size() - 2)}});
            client.setSendTimeout(Poco::Timespan(1, 0));
            client.sendBytes(why.data(), static_cast<int>(why.size()));
            client.close();
            continue;
          }
          TickingReactor& r = *s.reactors[s.next++ % s.reactors.size()];
          try {
            new Connection(client, ip, r, config, listener, policy, s.shared);  // owns itself
          } catch (...) {
            s.shared->release(ip);
            throw;
          }
          r.wake();
        } catch (const Poco::TimeoutException&) {
        } catch (const std::exception& e) {
          if (s.accepting) s.log(Log::Level::kError, "accept", {{"error", e.what()}});
        }
      }
    });
  }
}

void Server::stop(std::chrono::milliseconds grace) {
  Impl& s = *impl_;
  if (!s.started) return;
  s.started = false;
  s.accepting = false;
  for (std::thread& t : s.accept_threads) t.join();
  for (auto& socket : s.sockets) socket.close();
  if (grace.count() > 0) {
    // Sessions between transactions are ended on their next tick; the others finish
    // their transaction first. Bounded by `grace`.
    s.shared->draining = true;
    auto deadline = Clock::now() + grace;
    while (s.shared->live > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& r : s.reactors) r->stop();
  for (std::thread& t : s.reactor_threads) t.join();
  s.accept_threads.clear();
  s.reactor_threads.clear();
  s.reactors.clear();
  s.sockets.clear();
}

bool Server::reload(ServerConfig config, std::shared_ptr<StagePolicy> policy, std::string& error) {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> lock(s.mutex);
  const ServerConfig& old = *s.config;
  bool same = old.listeners.size() == config.listeners.size();
  for (std::size_t i = 0; same && i < old.listeners.size(); ++i) {
    same = old.listeners[i].binds == config.listeners[i].binds;
  }
  if (!same) {
    error = "listener addresses cannot change on reload; restart sievegate to change them";
    return false;
  }
  if (!config.log) config.log = old.log;
  s.config = std::make_shared<const ServerConfig>(std::move(config));
  s.policy = std::move(policy);
  return true;
}

}  // namespace sievegate::proxy
