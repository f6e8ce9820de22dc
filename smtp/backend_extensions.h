// What a next hop's EHLO offers, shared by every session relaying to it. sievegate answers
// its client's EHLO before it talks to the backend, so it offers the extensions it merely
// passes on (DSN, 8BITMIME, SMTPUTF8) only as the backend is known to have them: learnt
// from a probe when the server starts and on reload, and refreshed by every backend
// session's EHLO. Before anything is known, 8BITMIME and SMTPUTF8 (which nearly every MTA
// has) are offered and DSN is not; a parameter the backend then refuses gets its reply.
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
  bool eight_bit() const { return eight_bit_.load(std::memory_order_relaxed); }  // 8BITMIME
  bool smtputf8() const { return smtputf8_.load(std::memory_order_relaxed); }
  // XCLIENT with ADDR (Postfix's XCLIENT_README): the backend can be told the client's
  // address, so its relay rules judge the client rather than sievegate.
  bool xclient_addr() const { return xclient_addr_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> known_{false};
  std::atomic<bool> dsn_{false};
  std::atomic<bool> eight_bit_{false};
  std::atomic<bool> smtputf8_{false};
  std::atomic<bool> xclient_addr_{false};
};

}  // namespace sievegate::proxy
