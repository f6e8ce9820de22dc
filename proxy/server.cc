// The network layer; see server.h.
//
// Threads: N reactors, each an EventLoop on its own thread. Every reactor watches every
// listening socket (EPOLLEXCLUSIVE: one reactor is woken per new connection) and
// accepts on its own thread, so a Connection is created, registered, served and
// destroyed by one thread only; no other thread ever holds a pointer to it. Other
// threads (stop, reload) talk to a reactor by posting tasks to its loop.
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
// Timers: each loop ticks every kTick, under load too; each Connection checks its
// deadlines on a tick: the client's idle timeout (from our last reply, or from the last
// 64 KiB of message content, so a client cannot keep a session by dripping bytes), the
// session's duration, and the backend's reply timeout for what is awaited.
#include "proxy/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "proxy/event_loop.h"
#include "proxy/worker_pool.h"

namespace sievegate::proxy {
namespace {

using Clock = EventLoop::Clock;
using std::chrono::milliseconds;

constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kRelayChunk = 256 * 1024;
// Replies the client has not taken yet: beyond this, reading from it stops.
constexpr std::size_t kMaxClientOutput = 256 * 1024;
// Client input the session holds unprocessed: beyond this, reading from it stops.
constexpr std::size_t kMaxHeldInput = 256 * 1024;
// Message content that counts as progress for the idle timeout.
constexpr std::size_t kContentProgress = 64 * 1024;
constexpr std::size_t kMaxAcceptsPerWake = 64;
constexpr auto kTick = milliseconds(250);
constexpr auto kLinger = std::chrono::seconds(2);
constexpr auto kAcceptPause = std::chrono::seconds(1);

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

// What every connection shares with the server: counts for the limits, the stop flags.
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
      if (n == 0) per_ip.erase(ip);
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

// The textual address of a socket's peer (or own) end; IPv4-mapped IPv6 addresses as
// plain IPv4 (Stalwart does the same).
std::string address_text(const sockaddr_storage& a) {
  char buf[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, buf, sizeof buf);
  } else if (a.ss_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, buf, sizeof buf);
  }
  std::string host = buf;
  if (host.rfind("::ffff:", 0) == 0 && host.find('.') != std::string::npos) host = host.substr(7);
  return host;
}

std::string local_address(int fd) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) return "";
  return address_text(a);
}

// The extensions each next hop offers ("host:port"), shared by the sessions relaying there.
class ExtensionsRegistry {
 public:
  std::shared_ptr<BackendExtensions> get(const std::string& host, std::uint16_t port) {
    std::string key = host + ":" + std::to_string(port);
    std::lock_guard<std::mutex> lock(mutex_);
    auto& e = map_[key];
    if (!e) e = std::make_shared<BackendExtensions>();
    return e;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<BackendExtensions>> map_;
};

SessionSettings session_settings(const ServerConfig& config, const ListenerConfig& listener, const std::string& ip,
                                 const std::string& local, ExtensionsRegistry& extensions) {
  SessionSettings s{config.timeout,         config.duration,         config.backend_host, config.backend_port,
                    config.backend_timeout, config.backend_timeouts, config.session};
  if (config.per_session) config.per_session(ConnectionInfo{listener.id, ip, local}, s);
  s.session.backend_extensions = extensions.get(s.backend_host, s.backend_port);
  s.session.backend_address = s.backend_host + ":" + std::to_string(s.backend_port);
  if (!listener.hostname.empty()) s.session.hostname = listener.hostname;
  if (!listener.greeting.empty()) s.session.greeting = listener.greeting;
  s.session.starttls = listener.tls != nullptr && !listener.implicit_tls;
  s.session.log = config.log;
  return s;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

class Reactor;

// How a verdict completed on another thread (policy.h) reaches its connection: posted to
// the reactor's loop while the reactor lives; the gate is shut when the reactor ends.
struct LoopGate {
  std::mutex mutex;
  EventLoop* loop = nullptr;
  void post(std::function<void()> task) {
    std::lock_guard<std::mutex> lock(mutex);
    if (loop != nullptr) loop->post(std::move(task));
  }
};

class Connection;
// The connection a suspended policy answers; cleared (on the loop thread) when the
// connection ends, so a late verdict is dropped.
struct PolicyTicket {
  Connection* connection = nullptr;
};

class Connection final : public EventLoop::Retired {
 public:
  Connection(Reactor& reactor, int fd, std::string ip, std::shared_ptr<const ServerConfig> config,
             std::size_t listener, std::shared_ptr<StagePolicy> policy, std::shared_ptr<Shared> shared,
             ExtensionsRegistry& extensions);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void begin();                    // registers the socket and greets (or starts TLS)
  void tick(Clock::time_point now);
  void stop_now();                 // the server stops: 421 unless a final reply is awaited
  void policy_resumed(Verdict v);  // a suspended stage's verdict, on the loop thread
  void auth_resumed(AuthResult r); // a credentials check done on a worker, likewise
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
  void close_backend();
  void flush_backend();
  void update_backend_interest();
  milliseconds backend_limit(Session::BackendWait wait) const;

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
  int backend_ = -1;
  ClientIo client_io_{this};
  BackendIo backend_io_{this};
  std::string ip_;
  std::shared_ptr<const ServerConfig> config_;  // the configuration this session began with
  const ListenerConfig& listener_;
  std::shared_ptr<Shared> shared_;
  SessionSettings settings_;
  Session session_;
  std::unique_ptr<TlsChannel> tls_;
  std::shared_ptr<PolicyTicket> ticket_;
  OutBuffer client_out_;
  OutBuffer backend_out_;
  std::shared_ptr<RelaySource> backend_source_;  // the rest of the message being relayed
  Clock::time_point started_;
  Clock::time_point last_activity_;  // our last reply, or the last content progress
  Clock::time_point backend_activity_;
  Clock::time_point linger_until_;
  Clock::time_point hold_until_;
  std::size_t content_progress_ = 0;  // content bytes since last_activity_
  Output held_;
  bool registered_ = false;
  bool client_read_ = false;   // the interest the loop has for the client socket
  bool client_write_ = false;
  bool backend_read_ = false;
  bool backend_write_ = false;
  bool started_session_ = false;
  bool holding_ = false;       // a tarpit delay is running
  bool policy_waiting_ = false;  // a verdict is awaited since policy_since_
  Clock::time_point policy_since_;
  bool lingering_ = false;     // the last reply is out; waiting for the client to close
  bool client_eof_ = false;    // the client ended its side; what it sent is still served
  bool backend_connecting_ = false;
  bool closing_ = false;
  bool stopping_ = false;      // the server stops: close once the final reply is passed on
  bool dead_ = false;
};

// One loop thread, the connections it owns, and its view of the listening sockets.
class Reactor {
 public:
  struct ListenerSocket {
    int fd;
    std::size_t listener;  // index into ServerConfig::listeners
  };
  // The server's current configuration and policy (they change on reload).
  using Source = std::function<void(std::shared_ptr<const ServerConfig>&, std::shared_ptr<StagePolicy>&)>;

  Reactor(std::vector<ListenerSocket> sockets, Source source, std::shared_ptr<Shared> shared,
          ExtensionsRegistry& extensions)
      : sockets_(std::move(sockets)), source_(std::move(source)), shared_(std::move(shared)), extensions_(extensions) {
    for (ListenerSocket& s : sockets_) acceptors_.push_back(std::make_unique<Acceptor>(this, s));
    gate_->loop = &loop_;
  }
  ~Reactor() {
    {
      std::lock_guard<std::mutex> lock(gate_->mutex);
      gate_->loop = nullptr;  // late verdicts are dropped from here on
    }
    // After the thread ended: what is left is freed here, on the only thread left.
    for (Connection* c : connections_) delete c;
  }

  EventLoop& loop() { return loop_; }
  const std::shared_ptr<LoopGate>& gate() const { return gate_; }

  void run() {
    for (auto& a : acceptors_) a->watch();
    loop_.run([this](Clock::time_point now) { tick(now); });
  }

  // Loop thread (posted): no new connections from here on.
  void stop_accepting() {
    for (auto& a : acceptors_) a->unwatch();
    accepting_ = false;
  }

  // Loop thread (posted): every connection is told to stop.
  void stop_connections() {
    std::vector<Connection*> all = connections_;
    for (Connection* c : all) {
      if (!c->dead()) c->stop_now();
    }
  }

  void add(Connection* c) {
    c->index = connections_.size();
    connections_.push_back(c);
  }
  void remove(Connection* c) {
    std::size_t i = c->index;
    if (i >= connections_.size() || connections_[i] != c) return;
    connections_[i] = connections_.back();
    connections_[i]->index = i;
    connections_.pop_back();
  }

 private:
  struct Acceptor final : EventLoop::Handler {
    Reactor* r;
    ListenerSocket socket;
    bool watched = false;
    Clock::time_point paused_until{};
    Acceptor(Reactor* owner, ListenerSocket s) : r(owner), socket(s) {}
    void watch() {
      if (!watched && r->loop_.watch(socket.fd, this, true, false, true)) watched = true;
    }
    void unwatch() {
      if (watched) r->loop_.unwatch(socket.fd);
      watched = false;
    }
    void on_io(std::uint32_t) override { r->accept(*this); }
  };

  void accept(Acceptor& a) {
    for (std::size_t i = 0; i < kMaxAcceptsPerWake && accepting_; ++i) {
      sockaddr_storage peer{};
      socklen_t len = sizeof peer;
      int fd = ::accept4(a.socket.fd, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          // Out of descriptors: the pending connection would wake us again at once (a
          // busy loop). Pause this listener; connections wait in the backlog meanwhile.
          log_error("accept", std::strerror(errno));
          a.unwatch();
          a.paused_until = Clock::now() + kAcceptPause;
        }
        return;  // EAGAIN: another reactor took it, or none is left
      }
      admit(fd, address_text(peer), a.socket.listener);
    }
  }

  void admit(int fd, std::string ip, std::size_t listener) {
    std::shared_ptr<const ServerConfig> config;
    std::shared_ptr<StagePolicy> policy;
    source_(config, policy);
    std::string why;
    if (!shared_->admit(ip, *config, why)) {
      if (config->log) config->log->event(Log::Level::kWarn, "refused", {{"client", ip}, {"reason", why.substr(0, why.size() - 2)}});
      // Best effort: a fresh socket's buffer takes one line; the client is not waited for.
      [[maybe_unused]] ssize_t n = ::send(fd, why.data(), why.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::close(fd);
      return;
    }
    Connection* c = nullptr;
    try {
      c = new Connection(*this, fd, ip, config, listener, std::move(policy), shared_, extensions_);
    } catch (const std::exception& e) {
      ::close(fd);
      shared_->release(ip);
      log_error("accept", e.what());
      return;
    }
    add(c);
    c->begin();
  }

  void tick(Clock::time_point now) {
    for (auto& a : acceptors_) {
      if (!a->watched && accepting_ && a->paused_until != Clock::time_point{} && now >= a->paused_until) {
        a->paused_until = {};
        a->watch();
      }
    }
    // A copy: a connection may end (and leave the registry) during its tick. Ended
    // ones are only freed after the tick, so every pointer here stays valid.
    ticking_ = connections_;
    for (Connection* c : ticking_) {
      if (!c->dead()) c->tick(now);
    }
    ticking_.clear();
  }

  void log_error(const char* event, const std::string& error) {
    std::shared_ptr<const ServerConfig> config;
    std::shared_ptr<StagePolicy> policy;
    source_(config, policy);
    if (config->log) config->log->event(Log::Level::kError, event, {{"error", error}});
  }

  EventLoop loop_{kTick};
  std::vector<ListenerSocket> sockets_;
  Source source_;
  std::shared_ptr<Shared> shared_;
  ExtensionsRegistry& extensions_;
  std::vector<std::unique_ptr<Acceptor>> acceptors_;
  std::vector<Connection*> connections_;
  std::shared_ptr<LoopGate> gate_ = std::make_shared<LoopGate>();
  std::vector<Connection*> ticking_;
  bool accepting_ = true;
};

// ---------------------------------------------------------------- Connection

Connection::Connection(Reactor& reactor, int fd, std::string ip, std::shared_ptr<const ServerConfig> config,
                       std::size_t listener, std::shared_ptr<StagePolicy> policy, std::shared_ptr<Shared> shared,
                       ExtensionsRegistry& extensions)
    : reactor_(reactor),
      loop_(reactor.loop()),
      client_(fd),
      ip_(std::move(ip)),
      config_(std::move(config)),
      listener_(config_->listeners[listener]),
      shared_(std::move(shared)),
      settings_(session_settings(*config_, listener_, ip_, local_address(fd), extensions)),
      session_(settings_.session,
               SessionFacts{Log::new_session_id(), ip_, local_address(fd), listener_.id, "", false, "", "", ""},
               std::move(policy)),
      started_(loop_.now()),
      last_activity_(started_) {
  int one = 1;
  // Replies and relayed data leave at once (no Nagle delay).
  ::setsockopt(client_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ticket_ = std::make_shared<PolicyTicket>(PolicyTicket{this});
  session_.set_resume([gate = reactor.gate(), ticket = ticket_](Verdict v) {
    gate->post([ticket, v = std::move(v)]() mutable {
      if (ticket->connection != nullptr) ticket->connection->policy_resumed(std::move(v));
    });
  });
  session_.set_auth_resume([gate = reactor.gate(), ticket = ticket_](AuthResult r) {
    gate->post([ticket, r] {
      if (ticket->connection != nullptr) ticket->connection->auth_resumed(r);
    });
  });
}

void Connection::auth_resumed(AuthResult r) {
  guard([&] {
    apply(session_.auth_checked(r));
    if (!dead_) after_event();
  });
}

void Connection::policy_resumed(Verdict v) {
  guard([&] {
    apply(session_.policy_done(std::move(v)));
    if (!dead_) after_event();
  });
}

Connection::~Connection() {
  ticket_->connection = nullptr;
  close_fd(backend_);
  close_fd(client_);
  shared_->release(ip_);
}

void Connection::begin() {
  guard([&] {
    if (!loop_.watch(client_, &client_io_, true, false)) {
      close_all();
      return;
    }
    registered_ = true;
    client_read_ = true;
    if (listener_.implicit_tls && listener_.tls) {
      // The banner (and the connect policy) wait for the handshake (Stalwart's order).
      tls_ = std::make_unique<TlsChannel>(listener_.tls);
      return;
    }
    apply(session_.start());
    after_event();
  });
}

template <typename Fn>
void Connection::guard(Fn fn) {
  if (dead_) return;
  try {
    fn();
  } catch (const std::exception& e) {
    if (config_->log) {
      config_->log->event(Log::Level::kError, "error", {{"session", session_.facts().id}, {"client", ip_}, {"error", e.what()}});
    }
    close_all();
  } catch (...) {
    close_all();
  }
}

// ---------------------------------------------------------------- client side

void Connection::client_io(std::uint32_t events) {
  guard([&] {
    if (client_eof_ && (events & (EventLoop::kHangup | EventLoop::kError))) {
      close_all();  // fully hung up: nothing can be written any more
      return;
    }
    if (events & (EventLoop::kReadable | EventLoop::kHangup | EventLoop::kError)) client_readable();
    if (!dead_ && (events & EventLoop::kWritable)) flush_client();
    if (!dead_) after_event();
  });
}

void Connection::client_readable() {
  char buf[kReadChunk];
  ssize_t n = ::recv(client_, buf, sizeof buf, 0);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
    close_all();  // reset by the client
    return;
  }
  if (n == 0) {
    client_eof();
    return;
  }
  if (lingering_) return;  // after the last reply: dropped
  std::string_view bytes(buf, static_cast<std::size_t>(n));
  if (session_.reading_content()) {
    // The idle clock restarts on content progress, not on every byte: a client
    // dripping a byte at a time is cut off after `timeout` like an idle one.
    content_progress_ += bytes.size();
    if (content_progress_ >= kContentProgress) {
      content_progress_ = 0;
      last_activity_ = loop_.now();
    }
  }
  if (!tls_) {
    apply(session_.client_bytes(bytes));
    return;
  }
  std::string plain;
  bool was_done = tls_->handshake_done();
  TlsChannel::Status status = tls_->feed(bytes, plain, client_out_.tail());
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
    client_eof();
    return;
  }
  flush_client();
}

// The client ended its side of the connection (it may still read): what it sent before
// is still served - a client may send its last commands and QUIT, then shut down its
// side. The connection ends once nothing more can come of it.
void Connection::client_eof() {
  if (lingering_) {
    close_all();
    return;
  }
  client_eof_ = true;
}

// The last reply is written; closing now, with client bytes still unread, would make
// the kernel send a reset that can destroy that reply before the client reads it. So:
// end our side, read and drop what still comes, close on EOF or after kLinger.
void Connection::linger() {
  if (lingering_) return;
  if (client_eof_) {
    close_all();
    return;
  }
  lingering_ = true;
  linger_until_ = loop_.now() + kLinger;
  close_backend();
  if (::shutdown(client_, SHUT_WR) != 0) close_all();
}

void Connection::flush_client() {
  while (!client_out_.empty()) {
    ssize_t n = ::send(client_, client_out_.data(), client_out_.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;  // wait until writable
      close_all();                                          // the client is gone
      return;
    }
    client_out_.consume(static_cast<std::size_t>(n));
  }
  if (client_out_.empty() && closing_) linger();
}

bool Connection::wants_client_input() const {
  if (client_eof_) return false;
  if (lingering_) return true;  // read and drop until the client closes
  return client_out_.size() < kMaxClientOutput && session_.buffered_input() < kMaxHeldInput;
}

void Connection::update_client_interest() {
  if (dead_ || !registered_) return;
  bool read = wants_client_input();
  bool write = !client_out_.empty();
  if (read == client_read_ && write == client_write_) return;
  if (!loop_.modify(client_, &client_io_, read, write)) {
    close_all();
    return;
  }
  client_read_ = read;
  client_write_ = write;
}

// ---------------------------------------------------------------- backend side

void Connection::connect_backend() {
  backend_activity_ = loop_.now();
  try {
    Poco::Net::SocketAddress address(settings_.backend_host, settings_.backend_port);
    backend_ = ::socket(address.af(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (backend_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(backend_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(backend_, address.addr(), address.length()) != 0 && errno != EINPROGRESS) {
      throw std::runtime_error(errno == ECONNREFUSED ? "refused" : std::string("connect: ") + std::strerror(errno));
    }
    backend_connecting_ = true;
    backend_read_ = false;
    backend_write_ = true;  // writable: the connection is complete (or failed)
    if (!loop_.watch(backend_, &backend_io_, backend_read_, backend_write_)) {
      throw std::runtime_error(std::string("epoll: ") + std::strerror(errno));
    }
  } catch (const std::exception& e) {
    close_fd(backend_);
    backend_connecting_ = false;
    apply(session_.backend_failed(e.what()));
  }
}

void Connection::backend_io(std::uint32_t events) {
  guard([&] {
    if (backend_ < 0) return;
    if (backend_connecting_) {
      if (!(events & (EventLoop::kWritable | EventLoop::kError | EventLoop::kHangup))) return;
      int error = 0;
      socklen_t len = sizeof error;
      if (::getsockopt(backend_, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) {
        backend_down(error == ECONNREFUSED ? "refused" : std::string("connect: ") + std::strerror(error));
        after_event();
        return;
      }
      backend_connecting_ = false;
      backend_activity_ = loop_.now();
      apply(session_.backend_connected());
    }
    if (backend_ >= 0 && (events & (EventLoop::kReadable | EventLoop::kHangup | EventLoop::kError))) backend_readable();
    if (backend_ >= 0 && (events & EventLoop::kWritable)) flush_backend();
    if (!dead_) after_event();
  });
}

void Connection::backend_readable() {
  char buf[kReadChunk];
  ssize_t n = ::recv(backend_, buf, sizeof buf, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n <= 0) {
    backend_down(n == 0 ? "closed" : errno == ECONNRESET ? "reset" : std::strerror(errno));
    return;
  }
  backend_activity_ = loop_.now();
  apply(session_.backend_bytes(std::string_view(buf, static_cast<std::size_t>(n))));
}

// The backend is gone (refused, reset, closed, timed out): the session hears it at once.
void Connection::backend_down(const std::string& cause) {
  if (backend_ < 0) return;
  close_backend();
  apply(session_.backend_failed(cause));
}

void Connection::close_backend() {
  if (backend_ < 0) return;
  loop_.unwatch(backend_);
  close_fd(backend_);
  backend_connecting_ = false;
  backend_read_ = backend_write_ = false;
  backend_out_.clear();
  backend_source_.reset();
}

void Connection::flush_backend() {
  if (backend_ < 0 || backend_connecting_) return;
  while (true) {
    // The message is pulled in chunks as the socket takes them: bounded memory.
    if (backend_out_.size() < kRelayChunk && backend_source_ && !backend_source_->next(backend_out_.tail(), kRelayChunk)) {
      backend_source_.reset();
    }
    if (backend_out_.empty()) break;
    ssize_t n = ::send(backend_, backend_out_.data(), backend_out_.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;  // wait until writable
      backend_down(errno == ECONNRESET || errno == EPIPE ? "reset" : std::strerror(errno));
      return;
    }
    backend_out_.consume(static_cast<std::size_t>(n));
    backend_activity_ = loop_.now();
  }
}

void Connection::update_backend_interest() {
  if (dead_ || backend_ < 0) return;
  bool read = !backend_connecting_;
  bool write = backend_connecting_ || !backend_out_.empty() || backend_source_ != nullptr;
  if (read == backend_read_ && write == backend_write_) return;
  if (!loop_.modify(backend_, &backend_io_, read, write)) {
    backend_down(std::string("epoll: ") + std::strerror(errno));
    return;
  }
  backend_read_ = read;
  backend_write_ = write;
}

milliseconds Connection::backend_limit(Session::BackendWait wait) const {
  const BackendTimeouts& t = settings_.backend_timeouts;
  milliseconds other = settings_.backend_timeout;
  switch (wait) {
    case Session::BackendWait::kConnect: return t.connect.value_or(other);
    case Session::BackendWait::kGreeting: return t.greeting.value_or(other);
    case Session::BackendWait::kEhlo: return t.ehlo.value_or(other);
    case Session::BackendWait::kMail: return t.mail_from.value_or(other);
    case Session::BackendWait::kRcpt: return t.rcpt_to.value_or(other);
    case Session::BackendWait::kDataEnd:
      // While the message is still being written, a backend that stops taking it is
      // stalled; the long wait is for its answer once everything is written.
      return backend_out_.empty() && !backend_source_ ? t.data : other;
    case Session::BackendWait::kOther:
    case Session::BackendWait::kNone: break;
  }
  return other;
}

// ---------------------------------------------------------------- timers

void Connection::tick(Clock::time_point now) {
  guard([&] {
    if (lingering_) {
      if (now >= linger_until_) close_all();
      return;
    }
    if (holding_ && now >= hold_until_) release_held();
    if (dead_) return;
    Session::BackendWait wait = backend_ >= 0 ? session_.backend_wait() : Session::BackendWait::kNone;
    if (wait != Session::BackendWait::kNone && now - backend_activity_ > backend_limit(wait)) {
      backend_down("timeout after " + std::to_string(backend_limit(wait).count()) + " ms");
    } else if (policy_waiting_ && now - policy_since_ > settings_.timeout) {
      // A policy (or directory) that has not answered within `timeout`: 451, and its
      // late verdict is dropped.
      apply(session_.policy_timed_out());
    } else if (now - started_ > settings_.duration && !session_.awaiting_final_reply()) {
      // (A final reply being awaited is waited for: the message may be delivered.)
      apply(session_.session_expired());
    } else if (!session_.waiting_for_backend() && !session_.awaiting_policy() && !holding_ &&
               now - last_activity_ > settings_.timeout) {
      apply(session_.timed_out());
    } else if (shared_->draining || stopping_) {
      apply(session_.shutting_down(stopping_ && !session_.awaiting_final_reply()));
    }
    if (!dead_) after_event();
  });
}

// The server stops now. A session whose message reached the backend keeps going until
// the final reply is passed on (tick() then ends it as an idle session); every other
// one is told 421 and closed without lingering.
void Connection::stop_now() {
  guard([&] {
    stopping_ = true;
    if (session_.awaiting_final_reply() && backend_ >= 0) return;
    closing_ = false;
    Output out = session_.shutting_down(true);
    if (tls_) tls_->write(out.to_client, client_out_.tail());
    else client_out_.tail() += out.to_client;
    if (!client_out_.empty()) {
      [[maybe_unused]] ssize_t n = ::send(client_, client_out_.data(), client_out_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    close_all();
  });
}

// ---------------------------------------------------------------- output

void Connection::apply(const Output& out) {
  // When the session began waiting for a verdict (policy or credentials): bounded below.
  if (session_.awaiting_policy() != policy_waiting_) {
    policy_waiting_ = !policy_waiting_;
    policy_since_ = loop_.now();
  }
  if (out.delay.count() > 0 || holding_) {
    // A delayed answer (tarpit): everything for the client waits until the tick after
    // the delay, then tarpit_over() lets the session read on.
    if (out.delay.count() > 0) {
      holding_ = true;
      hold_until_ = loop_.now() + out.delay;
    }
    held_.to_client += out.to_client;
    held_.close_client = held_.close_client || out.close_client;
    Output rest = out;
    rest.to_client.clear();
    rest.close_client = false;
    rest.delay = milliseconds(0);
    apply_now(rest);
    return;
  }
  apply_now(out);
}

void Connection::release_held() {
  holding_ = false;
  Output held = std::move(held_);
  held_ = Output{};
  apply_now(held);
  if (!closing_ && !dead_) apply(session_.tarpit_over());
}

void Connection::apply_now(const Output& out) {
  if (dead_) return;
  if (!out.to_client.empty()) {
    last_activity_ = loop_.now();  // the client's idle time starts at our last reply
    content_progress_ = 0;
    if (tls_ && !out.start_tls) {
      if (tls_->write(out.to_client, client_out_.tail()) != TlsChannel::Status::kOk) closing_ = true;
    } else {
      client_out_.tail() += out.to_client;
    }
  }
  if (out.start_tls && listener_.tls) tls_ = std::make_unique<TlsChannel>(listener_.tls);
  if (out.close_client) {
    if (!closing_ && tls_ && tls_->handshake_done()) tls_->close(client_out_.tail());
    closing_ = true;
  }
  if (backend_ >= 0 && (!out.to_backend.empty() || out.backend_source)) {
    backend_out_.tail() += out.to_backend;
    if (out.backend_source) backend_source_ = out.backend_source;
    backend_activity_ = loop_.now();
  }
  if (backend_ >= 0 && !backend_connecting_) flush_backend();
  if (out.close_backend && backend_ >= 0) close_backend();
  if (out.connect_backend && backend_ < 0) connect_backend();
  if (!dead_) flush_client();
}

// After every event: the interest in each socket follows the buffers, and a client that
// ended its side is let go once nothing more can come of what it sent.
void Connection::after_event() {
  if (dead_) return;
  if (client_eof_ && !closing_ && !holding_ && !session_.waiting_for_backend() && !session_.awaiting_policy() &&
      session_.backend_wait() == Session::BackendWait::kNone) {
    close_all();
    return;
  }
  if (stopping_ && !closing_ && !session_.awaiting_final_reply()) {
    apply(session_.shutting_down(true));  // the final reply is passed on: now we end
    if (dead_) return;
  }
  update_client_interest();
  update_backend_interest();
}

void Connection::close_all() {
  if (dead_) return;
  dead_ = true;
  if (backend_ >= 0 && session_.awaiting_final_reply() && config_->log) {
    // The one window before-queue cannot close (README, "What can be lost or doubled"):
    // the message reached the backend, which may keep it, and the client will never
    // hear so; if it sends the message again, it arrives twice.
    config_->log->event(Log::Level::kWarn, "unconfirmed",
                        {{"session", session_.facts().id}, {"client", ip_},
                         {"reason", "the client left before the backend's final reply; the backend may deliver the message"}});
  }
  close_backend();
  if (registered_) loop_.unwatch(client_);
  close_fd(client_);
  reactor_.remove(this);
  loop_.retire(this);
}

}  // namespace

// ---------------------------------------------------------------- Server

// Greeting, EHLO and QUIT with one next hop, on a blocking socket bounded by `timeout`:
// the lines of its EHLO reply after the first. Throws on any failure.
std::vector<std::string> probe_ehlo(const std::string& host, std::uint16_t port, const std::string& hostname,
                                    std::chrono::milliseconds timeout) {
  Poco::Timespan span(static_cast<long>(timeout.count() / 1000), static_cast<long>((timeout.count() % 1000) * 1000));
  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress(host, port), span);
  socket.setReceiveTimeout(span);
  socket.setSendTimeout(span);
  std::string buffer;
  auto read_reply = [&](Reply& r) {
    for (int i = 0; i < 64; ++i) {
      // A complete reply: its last line has a space (or nothing) after the code.
      std::size_t start = 0, nl;
      while ((nl = buffer.find('\n', start)) != std::string::npos) {
        std::string_view line = std::string_view(buffer).substr(start, nl - start);
        start = nl + 1;
        if (line.size() < 4 || line[3] != '-') {
          bool ok = parse_reply(std::string_view(buffer).substr(0, start), r);
          buffer.erase(0, start);
          if (!ok) throw std::runtime_error("not an SMTP reply");
          return;
        }
      }
      char chunk[4096];
      int n = socket.receiveBytes(chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("connection closed");
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    throw std::runtime_error("reply too long");
  };
  Reply greeting, ehlo;
  read_reply(greeting);
  if (greeting.code != 220) throw std::runtime_error("greeting " + std::to_string(greeting.code));
  std::string command = "EHLO " + hostname + "\r\n";
  socket.sendBytes(command.data(), static_cast<int>(command.size()));
  read_reply(ehlo);
  if (ehlo.code != 250) throw std::runtime_error("EHLO answered " + std::to_string(ehlo.code));
  try {
    socket.sendBytes("QUIT\r\n", 6);
  } catch (...) {
  }
  return std::vector<std::string>(ehlo.lines.begin() + (ehlo.lines.empty() ? 0 : 1), ehlo.lines.end());
}

struct Server::Impl {
  // Declared first, destroyed last: its tasks may still run while the reactors end (their
  // verdicts are then dropped by the reactors' gates).
  std::shared_ptr<WorkerPool> pool;
  ExtensionsRegistry extensions;
  std::mutex mutex;  // guards config and policy (reload)
  std::shared_ptr<const ServerConfig> config;
  std::shared_ptr<StagePolicy> policy;
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::vector<std::unique_ptr<Reactor>> reactors;
  std::vector<std::thread> threads;
  std::vector<Poco::Net::ServerSocket> sockets;
  bool started = false;

  void current(std::shared_ptr<const ServerConfig>& c, std::shared_ptr<StagePolicy>& p) {
    std::lock_guard<std::mutex> lock(mutex);
    c = config;
    p = policy;
  }

  // Runs `fn` on every reactor's thread and waits until all have run it.
  void on_every_reactor(const std::function<void(Reactor&)>& fn) {
    std::vector<std::future<void>> done;
    for (auto& r : reactors) {
      auto promise = std::make_shared<std::promise<void>>();
      done.push_back(promise->get_future());
      Reactor* reactor = r.get();
      reactor->loop().post([reactor, fn, promise] {
        fn(*reactor);
        promise->set_value();
      });
    }
    for (auto& f : done) f.wait();
  }
};

Server::Server(ServerConfig config, std::shared_ptr<StagePolicy> policy) : impl_(std::make_unique<Impl>()) {
  if (!config.log) config.log = std::make_shared<Log>();
  std::size_t workers = config.worker_threads > 0 ? config.worker_threads
                                                  : std::max(2u, std::thread::hardware_concurrency());
  impl_->pool = std::make_shared<WorkerPool>(workers);
  offload_auth(config);
  impl_->config = std::make_shared<const ServerConfig>(std::move(config));
  impl_->policy = offloading(std::move(policy));
}

// AUTH's credentials are checked on the worker pool (crypt(3) hashes are slow on purpose).
void Server::offload_auth(ServerConfig& config) const {
  std::shared_ptr<Authenticator>& directory = config.session.auth.directory;
  if (directory) directory = std::make_shared<OffloadingAuthenticator>(std::move(directory), impl_->pool);
}

// DATA scripts on messages of 64 KiB and more run on the worker pool ([server]
// thread-pool threads); everything else inline on the session's reactor thread.
std::shared_ptr<StagePolicy> Server::offloading(std::shared_ptr<StagePolicy> policy) const {
  if (!policy) policy = std::make_shared<StagePolicy>();
  return std::make_shared<OffloadingPolicy>(std::move(policy), impl_->pool, 64 * 1024);
}

Server::~Server() { stop(); }

int Server::live_sessions() const { return impl_->shared->live; }

void Server::start() {
  Impl& s = *impl_;
  const ServerConfig& initial = *s.config;
  int threads = initial.reactor_threads > 0 ? initial.reactor_threads
                                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<Reactor::ListenerSocket> sockets;
  for (std::size_t l = 0; l < initial.listeners.size(); ++l) {
    for (const std::string& bind : initial.listeners[l].binds) {
      try {
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(bind), true);
        socket.listen(1024);
        socket.setBlocking(false);
        s.sockets.push_back(socket);
        sockets.push_back({socket.impl()->sockfd(), l});
      } catch (const Poco::Exception& e) {
        s.sockets.clear();
        throw std::runtime_error("cannot listen on " + bind + ": " + e.displayText());
      }
    }
  }
  Impl* impl = impl_.get();
  auto source = [impl](std::shared_ptr<const ServerConfig>& c, std::shared_ptr<StagePolicy>& p) { impl->current(c, p); };
  probe_backends();
  for (int i = 0; i < threads; ++i) {
    s.reactors.push_back(std::make_unique<Reactor>(sockets, source, s.shared, s.extensions));
  }
  for (auto& r : s.reactors) {
    Reactor* reactor = r.get();
    s.threads.emplace_back([reactor] { reactor->run(); });
  }
  s.started = true;
}

void Server::stop(std::chrono::milliseconds grace) {
  Impl& s = *impl_;
  if (!s.started) return;
  s.started = false;
  // No new connections; then the listening sockets can be closed.
  s.on_every_reactor([](Reactor& r) { r.stop_accepting(); });
  for (auto& socket : s.sockets) socket.close();
  if (grace.count() > 0) {
    // Sessions between transactions are ended on their next tick; the others finish
    // their transaction first. Bounded by `grace`.
    s.shared->draining = true;
    auto deadline = Clock::now() + grace;
    while (s.shared->live > 0 && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(50));
  }
  // The rest are told 421 now, except those whose message is at the backend: they wait
  // for its final answer, which each bounds by its own data timeout.
  s.on_every_reactor([](Reactor& r) { r.stop_connections(); });
  milliseconds bound;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    bound = std::max(s.config->backend_timeouts.data, s.config->backend_timeout) + std::chrono::seconds(5);
  }
  auto deadline = Clock::now() + bound;
  while (s.shared->live > 0 && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(20));
  for (auto& r : s.reactors) r->loop().stop();
  for (std::thread& t : s.threads) t.join();
  s.threads.clear();
  s.reactors.clear();
  s.sockets.clear();
}

void Server::probe_backends(std::chrono::milliseconds timeout) {
  std::shared_ptr<const ServerConfig> config;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    config = impl_->config;
  }
  if (config->log && !config->recipients_checked && !config->session.xclient) {
    config->log->event(Log::Level::kWarn, "relay",
                       {{"warning", "[relay] xclient is off and no session.rcpt.directory or relay is configured: the "
                                    "backend sees every client as sievegate's own address, and may relay for anyone "
                                    "if it trusts that address"}});
  }
  for (const auto& [host, port] : config->next_hops) {
    std::shared_ptr<BackendExtensions> e = impl_->extensions.get(host, port);
    std::string address = host + ":" + std::to_string(port);
    try {
      e->learn(probe_ehlo(host, port, config->session.hostname, std::min(timeout, config->backend_timeout)));
      if (config->log) {
        config->log->event(Log::Level::kInfo, "backend",
                           {{"stage", "probe"}, {"address", address}, {"dsn", e->dsn() ? "yes" : "no"},
                            {"xclient", e->xclient_addr() ? "yes" : "no"}});
      }
      if (config->log && !config->recipients_checked && config->session.xclient && !e->xclient_addr()) {
        config->log->event(Log::Level::kWarn, "relay",
                           {{"address", address},
                            {"warning", "the backend does not offer XCLIENT with ADDR and no session.rcpt.directory or "
                                        "relay is configured: the backend sees every client as sievegate's own "
                                        "address, and may relay for anyone if it trusts that address"}});
      }
    } catch (const std::exception& ex) {
      // Not fatal: the backend may come up later; its first session teaches us then.
      if (config->log) {
        config->log->event(Log::Level::kWarn, "backend", {{"stage", "probe"}, {"address", address}, {"error", ex.what()}});
      }
    }
  }
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
  offload_auth(config);
  s.config = std::make_shared<const ServerConfig>(std::move(config));
  s.policy = offloading(std::move(policy));
  return true;
}

}  // namespace sievegate::proxy
