// What every connection shares with the server (private to proxy/): the counts behind
// the connection limits, the drain flag, and the extensions each next hop offers.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "proxy/server.h"

namespace sievegate::proxy {

// Counts for the limits, the stop flag.
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

}  // namespace sievegate::proxy
