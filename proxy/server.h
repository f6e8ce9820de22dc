// The network layer: event loops (event_loop.h), one thread per core, that own the
// client and backend sockets and feed a Session. Event-driven, non-blocking, no thread
// per connection: each connection is accepted, served and destroyed on one loop thread;
// replies are coalesced into one write per batch; both directions are flow-controlled
// (bounded output buffers; reading stops while they are full). TLS (STARTTLS and
// implicit) runs through memory BIOs on the same thread (tls.h).
//
// POCO (Net) binds the listening sockets (server.cc) and parses the backend address
// (backend_link.cc); the sockets themselves are plain descriptors on epoll. Neither
// leaves those two files; the other headers of proxy/ are private to it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/log.h"
#include "smtp/session.h"
#include "proxy/tls.h"

namespace sievegate::proxy {

struct ListenerConfig {
  std::string id = "smtp";                              // [server.listener.<id>]
  std::vector<std::string> binds = {"127.0.0.1:2525"};  // address:port per socket
  bool implicit_tls = false;                            // TLS from the first byte (port 465)
  std::shared_ptr<TlsContext> tls;                      // certificate; none: no STARTTLS
  std::string hostname;                                 // empty: the server's
  std::string greeting;                                 // empty: the server's
};

// How long the backend may take to answer, by what is awaited: Stalwart's
// [queue.outbound.timeouts] names. Unset ones are the next hop's [remote.<id>] timeout.
// The reply after the end of data waits longest (RFC 5321 4.5.3.2.6: 10 minutes): cut
// short, the client hears 451 for a message the backend may still keep, and sends it
// again (a duplicate).
struct BackendTimeouts {
  std::optional<std::chrono::milliseconds> connect, greeting, ehlo, mail_from, rcpt_to;
  std::chrono::milliseconds data{10 * 60 * 1000};
};

// What may differ per session (rules on the listener and client address, decided at
// connect): the limits and the session's settings.
struct SessionSettings {
  std::chrono::milliseconds timeout;
  std::chrono::milliseconds duration;
  std::string backend_host;  // the next hop for this session
  std::uint16_t backend_port;
  std::chrono::milliseconds backend_timeout;  // every wait BackendTimeouts does not set
  BackendTimeouts backend_timeouts;
  SessionConfig session;
};
struct ConnectionInfo {
  std::string listener;
  std::string remote_ip;
  std::string local_ip;
};

struct ServerConfig {
  std::vector<ListenerConfig> listeners = {ListenerConfig{}};
  std::string backend_host = "127.0.0.1";               // the next hop (an IP address)
  std::uint16_t backend_port = 25;
  std::chrono::milliseconds timeout{5 * 60 * 1000};        // Stalwart session.timeout
  std::chrono::milliseconds duration{15 * 60 * 1000};      // Stalwart session.duration
  std::chrono::milliseconds backend_timeout{2 * 60 * 1000};  // [remote.<id>] timeout
  BackendTimeouts backend_timeouts;                      // [queue.outbound.timeouts]
  // Every next hop a session may relay to (probed for its extensions at start and reload).
  std::vector<std::pair<std::string, std::uint16_t>> next_hops;
  // session.rcpt.directory or .relay is configured: sievegate itself refuses relaying.
  // Otherwise the backend decides, and must see each client's address (XCLIENT ADDR).
  bool recipients_checked = false;
  std::size_t max_connections = 8192;                    // [server] max-connections
  std::size_t max_connections_per_ip = 0;                // session.throttle concurrency by remote-ip; 0: none
  int reactor_threads = 0;                               // 0: one per core
  std::size_t worker_threads = 0;                        // [server] thread-pool: CPU-heavy policy work; 0: cores (>= 2)
  SessionConfig session;                                 // per-listener parts set per connection
  std::shared_ptr<const Log> log;                        // server events; none: stderr text
  // Adjusts the settings for one connection (filled from the fields above first).
  std::function<void(const ConnectionInfo&, SessionSettings&)> per_session;
};

// Runs until stop() (or a signal handled by the caller) is requested.
class Server {
 public:
  Server(ServerConfig config, std::shared_ptr<StagePolicy> policy);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // binds and starts the reactor threads; throws std::runtime_error

  // Stops accepting at once. Sessions between transactions are told 421 4.3.2 and
  // closed; sessions in a transaction get up to `grace` to finish; then all are closed,
  // except a session whose message already reached the backend: it waits for the
  // backend's final reply (up to the data timeout), passes it on, then closes. A 421 there
  // would make the client send again a message the backend may have kept.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(0));

  // New sessions use `config` and `policy`; current sessions keep theirs. The listeners'
  // bind addresses cannot change on reload (false and `error` say so).
  bool reload(ServerConfig config, std::shared_ptr<StagePolicy> policy, std::string& error);

  int live_sessions() const;

  // Asks each next hop of the current configuration for its EHLO extensions (blocking,
  // up to `timeout` each); sessions offer what the backend offers (DSN). start() and
  // reload() call it; each backend session refreshes it too.
  void probe_backends(std::chrono::milliseconds timeout = std::chrono::seconds(3));

 private:
  std::shared_ptr<StagePolicy> offloading(std::shared_ptr<StagePolicy> policy) const;
  void offload_auth(ServerConfig& config) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sievegate::proxy
