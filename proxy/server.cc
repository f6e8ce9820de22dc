// The network layer; see server.h. This file: the listening sockets, the reactor
// threads, reload and drain, and the probe of the next hops.
//
// Threads: N reactors (reactor.h), each an EventLoop on its own thread, that accept and
// serve connections (connection.h); each connection's backend socket is a BackendLink
// (backend_link.h) on the same thread. Other threads (stop, reload) talk to a reactor by
// posting tasks to its loop. Asynchronous verdicts and credentials checks come back the
// same way, through the reactor's LoopGate.
#include "proxy/server.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "proxy/reactor.h"
#include "proxy/server_state.h"
#include "proxy/worker_pool.h"

namespace sievegate::proxy {

using Clock = EventLoop::Clock;
using std::chrono::milliseconds;

// ---------------------------------------------------------------- Server

namespace {

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

}  // namespace

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
