// What a next hop's EHLO offers, shared by every session relaying to it. sievegate answers
// its client's EHLO before it talks to the backend, so it offers the extensions it merely
// passes on (DSN) only when the backend is known to have them: learnt from a probe when
// the server starts and on reload, and refreshed by every backend session's EHLO.
// Thread-safe: sessions on every reactor read and update it.
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace sievegate::proxy {

class BackendExtensions {
 public:
  // The EHLO reply's lines after the first (the keywords and their parameters).
  void learn(const std::vector<std::string>& keyword_lines);
  bool known() const { return known_.load(std::memory_order_relaxed); }
  bool dsn() const { return dsn_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> known_{false};
  std::atomic<bool> dsn_{false};
};

}  // namespace sievegate::proxy
