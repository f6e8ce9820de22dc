// See connection.h.
#include "proxy/connection.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <exception>

#include "proxy/reactor.h"

namespace sievegate::proxy {
namespace {

using std::chrono::milliseconds;

// Replies the client has not taken yet: beyond this, reading from it stops.
constexpr std::size_t kMaxClientOutput = 256 * 1024;
// Client input the session holds unprocessed: beyond this, reading from it stops.
constexpr std::size_t kMaxHeldInput = 256 * 1024;
// Message content that counts as progress for the idle timeout.
constexpr std::size_t kContentProgress = 64 * 1024;
constexpr auto kLinger = std::chrono::seconds(2);

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

// How a suspended evaluation's result comes back from another thread: `step` is run on
// the connection's loop thread, unless the connection (or its reactor) ended meanwhile.
template <typename Step>
void post_resumed(LoopGate& gate, std::shared_ptr<PolicyTicket> ticket, Step step) {
  gate.post([ticket = std::move(ticket), step = std::move(step)]() mutable {
    if (ticket->connection != nullptr) ticket->connection->resumed(std::move(step));
  });
}

}  // namespace

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
    post_resumed(*gate, ticket, [v = std::move(v)](Session& s) mutable { return s.policy_done(std::move(v)); });
  });
  session_.set_auth_resume([gate = reactor.gate(), ticket = ticket_](AuthResult r) {
    post_resumed(*gate, ticket, [r](Session& s) { return s.auth_checked(r); });
  });
}

void Connection::resumed(const std::function<Output(Session&)>& step) {
  guard([&] {
    apply(step(session_));
    if (!dead_) after_event();
  });
}

Connection::~Connection() {
  ticket_->connection = nullptr;
  close_fd(client_);  // (the backend's socket: backend_'s destructor)
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
  client_tls_bytes(bytes);
}

// Bytes from a TLS client: the handshake, then what they decrypt to.
void Connection::client_tls_bytes(std::string_view bytes) {
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
  backend_.close();
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
  if (auto failure = backend_.connect(settings_.backend_host, settings_.backend_port)) {
    apply(session_.backend_failed(*failure));
  }
}

void Connection::backend_io(std::uint32_t events) {
  guard([&] {
    if (!backend_.open()) return;
    if (backend_.connecting()) {
      if (!(events & (EventLoop::kWritable | EventLoop::kError | EventLoop::kHangup))) return;
      if (auto failure = backend_.connected()) {
        backend_down(*failure);
        after_event();
        return;
      }
      apply(session_.backend_connected());
    }
    if (backend_.open() && (events & (EventLoop::kReadable | EventLoop::kHangup | EventLoop::kError))) backend_readable();
    if (backend_.open() && (events & EventLoop::kWritable)) flush_backend();
    if (!dead_) after_event();
  });
}

void Connection::backend_readable() {
  char buf[kReadChunk];
  std::string_view bytes;
  if (auto failure = backend_.receive(buf, sizeof buf, bytes)) {
    backend_down(*failure);
    return;
  }
  if (!bytes.empty()) apply(session_.backend_bytes(bytes));
}

// The backend is gone (refused, reset, closed, timed out): the session hears it at once.
void Connection::backend_down(const std::string& cause) {
  if (!backend_.open()) return;
  backend_.close();
  apply(session_.backend_failed(cause));
}

void Connection::flush_backend() {
  if (auto failure = backend_.flush()) backend_down(*failure);
}

void Connection::update_backend_interest() {
  if (dead_) return;
  if (auto failure = backend_.update_interest()) backend_down(*failure);
}

std::chrono::milliseconds Connection::backend_limit(Session::BackendWait wait) const {
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
      return backend_.all_written() ? t.data : other;
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
    Session::BackendWait wait = backend_.open() ? session_.backend_wait() : Session::BackendWait::kNone;
    if (wait != Session::BackendWait::kNone && now - backend_.activity() > backend_limit(wait)) {
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
    if (session_.awaiting_final_reply() && backend_.open()) return;
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
  if (backend_.open() && (!out.to_backend.empty() || out.backend_source)) {
    backend_.send(out.to_backend, out.backend_source);
  }
  if (backend_.open() && !backend_.connecting()) flush_backend();
  if (out.close_backend && backend_.open()) backend_.close();
  if (out.connect_backend && !backend_.open()) connect_backend();
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
  if (backend_.open() && session_.awaiting_final_reply() && config_->log) {
    // The one window before-queue cannot close (README, "What can be lost or doubled"):
    // the message reached the backend, which may keep it, and the client will never
    // hear so; if it sends the message again, it arrives twice.
    config_->log->event(Log::Level::kWarn, "unconfirmed",
                        {{"session", session_.facts().id}, {"client", ip_},
                         {"reason", "the client left before the backend's final reply; the backend may deliver the message"}});
  }
  backend_.close();
  if (registered_) loop_.unwatch(client_);
  close_fd(client_);
  reactor_.remove(this);
  loop_.retire(this);
}

}  // namespace sievegate::proxy
