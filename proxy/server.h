// The network layer: POCO reactors that own the client and backend sockets and feed a
// Session. Event-driven, non-blocking, no thread per connection: each connection lives
// on one reactor thread; replies are coalesced into one write per batch.
//
// This is the only part of sievegate that sees POCO types (they stay in server.cc).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "proxy/session.h"

namespace sievegate::proxy {

struct ServerConfig {
  std::vector<std::string> binds = {"127.0.0.1:2525"};  // address:port per listener socket
  std::string backend_host = "127.0.0.1";               // the next hop (an IP address)
  std::uint16_t backend_port = 25;
  std::chrono::milliseconds timeout{5 * 60 * 1000};        // Stalwart session.timeout
  std::chrono::milliseconds duration{15 * 60 * 1000};      // Stalwart session.duration
  std::chrono::milliseconds backend_timeout{2 * 60 * 1000};  // waiting for the backend
  std::size_t max_connections = 8192;
  int reactor_threads = 0;  // 0: one per core
  SessionConfig session;
};

// Runs until stop() (or a signal handled by the caller) is requested.
class Server {
 public:
  Server(ServerConfig config, std::shared_ptr<StagePolicy> policy);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // binds and starts the reactor threads; throws std::runtime_error
  void stop();   // stops accepting and closes every session

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sievegate::proxy
