// See reactor.h.
#include "proxy/reactor.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>

#include "proxy/connection.h"
#include "proxy/socket_io.h"

namespace sievegate::proxy {
namespace {

constexpr std::size_t kMaxAcceptsPerWake = 64;
constexpr auto kTick = std::chrono::milliseconds(250);
constexpr auto kAcceptPause = std::chrono::seconds(1);

}  // namespace

Reactor::Reactor(std::vector<ListenerSocket> sockets, Source source, std::shared_ptr<Shared> shared,
                 ExtensionsRegistry& extensions)
    : loop_(kTick),
      sockets_(std::move(sockets)),
      source_(std::move(source)),
      shared_(std::move(shared)),
      extensions_(extensions) {
  for (ListenerSocket& s : sockets_) acceptors_.push_back(std::make_unique<Acceptor>(this, s));
  gate_->loop = &loop_;
}

Reactor::~Reactor() {
  {
    std::lock_guard<std::mutex> lock(gate_->mutex);
    gate_->loop = nullptr;  // late verdicts are dropped from here on
  }
  // After the thread ended: what is left is freed here, on the only thread left.
  for (Connection* c : connections_) delete c;
}

void Reactor::run() {
  for (auto& a : acceptors_) a->watch();
  loop_.run([this](Clock::time_point now) { tick(now); });
}

void Reactor::stop_accepting() {
  for (auto& a : acceptors_) a->unwatch();
  accepting_ = false;
}

void Reactor::stop_connections() {
  std::vector<Connection*> all = connections_;
  for (Connection* c : all) {
    if (!c->dead()) c->stop_now();
  }
}

void Reactor::add(Connection* c) {
  c->index = connections_.size();
  connections_.push_back(c);
}

void Reactor::remove(Connection* c) {
  std::size_t i = c->index;
  if (i >= connections_.size() || connections_[i] != c) return;
  connections_[i] = connections_.back();
  connections_[i]->index = i;
  connections_.pop_back();
}

void Reactor::accept(Acceptor& a) {
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

void Reactor::admit(int fd, std::string ip, std::size_t listener) {
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

void Reactor::tick(Clock::time_point now) {
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

void Reactor::log_error(const char* event, const std::string& error) {
  std::shared_ptr<const ServerConfig> config;
  std::shared_ptr<StagePolicy> policy;
  source_(config, policy);
  if (config->log) config->log->event(Log::Level::kError, event, {{"error", error}});
}

}  // namespace sievegate::proxy
