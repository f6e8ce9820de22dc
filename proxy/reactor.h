// One reactor: an event loop on its own thread, the connections it owns, and its view
// of the listening sockets (private to proxy/; see server.cc for the threads).
//
// Every reactor watches every listening socket (EPOLLEXCLUSIVE: one reactor is woken per
// new connection) and accepts on its own thread, so a Connection is created, registered,
// served and destroyed by one thread only; no other thread ever holds a pointer to it.
// Other threads (stop, reload) talk to a reactor by posting tasks to its loop.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "proxy/event_loop.h"
#include "proxy/server.h"
#include "proxy/server_state.h"

namespace sievegate::proxy {

class Connection;

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

class Reactor {
 public:
  using Clock = EventLoop::Clock;
  struct ListenerSocket {
    int fd;
    std::size_t listener;  // index into ServerConfig::listeners
  };
  // The server's current configuration and policy (they change on reload).
  using Source = std::function<void(std::shared_ptr<const ServerConfig>&, std::shared_ptr<StagePolicy>&)>;

  Reactor(std::vector<ListenerSocket> sockets, Source source, std::shared_ptr<Shared> shared,
          ExtensionsRegistry& extensions);
  ~Reactor();
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;

  EventLoop& loop() { return loop_; }
  const std::shared_ptr<LoopGate>& gate() const { return gate_; }

  void run();
  // Loop thread (posted): no new connections from here on.
  void stop_accepting();
  // Loop thread (posted): every connection is told to stop.
  void stop_connections();

  void add(Connection* c);
  void remove(Connection* c);

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

  void accept(Acceptor& a);
  void admit(int fd, std::string ip, std::size_t listener);
  void tick(Clock::time_point now);
  void log_error(const char* event, const std::string& error);

  EventLoop loop_;
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

}  // namespace sievegate::proxy
