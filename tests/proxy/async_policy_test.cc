// The asynchronous policy seam (policy.h), end to end through the network layer: a
// policy that suspends EVERY stage and answers 200 ms later from its own timer thread.
// With one reactor thread, a seam that blocked the reactor while a verdict is pending
// would serve 50 clients one stage at a time (50 x 5 x 200 ms = 50 s); suspension serves
// them all at once (~1 s). Also: pipelined replies keep their order while each stage is
// suspended, max-recipients still applies, and a client that leaves while its verdict
// is pending does not disturb the server.
//
// Everything runs in process on loopback: a Server, a tiny SMTP sink as its backend,
// blocking client sockets with receive timeouts (nothing can hang), every thread joined.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/log.h"
#include "smtp/policy.h"
#include "proxy/server.h"

using sievegate::proxy::Log;
using sievegate::proxy::PolicyStage;
using sievegate::proxy::Resume;
using sievegate::proxy::Server;
using sievegate::proxy::ServerConfig;
using sievegate::proxy::StagePolicy;
using sievegate::proxy::StageRequest;
using sievegate::proxy::Verdict;

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kDelay{200};
constexpr int kStages = 6;  // PolicyStage values

// Suspends every stage: start() returns nothing and one timer thread calls resume with
// an empty verdict `delay` later. The destructor lets every pending timer fire, then
// joins the thread. A resume for a session (or a server) that is gone meanwhile is the
// network layer's business: it must drop it.
class DelayPolicy final : public StagePolicy {
 public:
  explicit DelayPolicy(milliseconds delay) : delay_(delay) { thread_ = std::thread([this] { run(); }); }
  ~DelayPolicy() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  DelayPolicy(const DelayPolicy&) = delete;
  DelayPolicy& operator=(const DelayPolicy&) = delete;

  std::optional<Verdict> start(const StageRequest& request, const Resume& resume) override {
    started_[static_cast<int>(request.stage)].fetch_add(1);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      timers_.push(Timer{Clock::now() + delay_, next_++, resume});
    }
    wake_.notify_all();
    return std::nullopt;
  }

  int started(PolicyStage stage) const { return started_[static_cast<int>(stage)].load(); }
  int started_total() const {
    int n = 0;
    for (const auto& s : started_) n += s.load();
    return n;
  }
  int resumed() const { return resumed_.load(); }

 private:
  struct Timer {
    Clock::time_point due;
    std::uint64_t seq;  // equal deadlines fire in the order they were set
    Resume resume;
  };
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.due != b.due ? a.due > b.due : a.seq > b.seq;
    }
  };

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      if (timers_.empty()) {
        if (stopping_) return;  // every pending timer has fired
        wake_.wait(lock);
        continue;
      }
      Clock::time_point due = timers_.top().due;
      if (Clock::now() < due) {
        wake_.wait_until(lock, due);
        continue;
      }
      Resume resume = timers_.top().resume;
      timers_.pop();
      lock.unlock();
      resume(Verdict{});  // not under our lock: the network layer takes its own
      resumed_.fetch_add(1);
      resume = nullptr;
      lock.lock();
    }
  }

  const milliseconds delay_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Timer, std::vector<Timer>, Later> timers_;
  std::uint64_t next_ = 0;
  bool stopping_ = false;
  std::atomic<int> started_[kStages] = {};
  std::atomic<int> resumed_{0};
  std::thread thread_;  // last: starts after everything it uses exists
};

void set_timeouts(int fd, milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// A port nobody listens on right now (the server binds it next; start() is retried on
// the rare collision).
std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket");
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind");
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

std::string upper4(std::string_view line) {
  std::string v(line.substr(0, 4));
  for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return v;
}

// The backend: greeting, EHLO with PIPELINING, 250 to MAIL/RCPT/RSET/NOOP (the RCPT reply
// names the recipient, so the order of relayed answers shows), the message up to the
// dot, QUIT. One blocking thread per connection; receive timeouts bound every wait.
class SinkBackend {
 public:
  SinkBackend() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) throw std::runtime_error("sink: socket");
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 128) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(listen_fd_);
      throw std::runtime_error("sink: bind/listen");
    }
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~SinkBackend() { stop(); }
  SinkBackend(const SinkBackend&) = delete;
  SinkBackend& operator=(const SinkBackend&) = delete;

  std::uint16_t port() const { return port_; }
  int messages() const { return messages_.load(); }
  int recipients() const { return recipients_.load(); }

  void stop() {
    if (stopped_.exchange(true)) return;
    ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept(); the poll below bounds it anyway
    acceptor_.join();
    ::close(listen_fd_);
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (int fd : open_) ::shutdown(fd, SHUT_RDWR);  // a connection still open ends now
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
  }

 private:
  void accept_loop() {
    while (!stopped_.load()) {
      pollfd p{listen_fd_, POLLIN, 0};
      int r = ::poll(&p, 1, 100);
      if (r < 0 && errno != EINTR) return;
      if (r <= 0) continue;
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
        return;  // shut down
      }
      set_timeouts(fd, milliseconds(20000));
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_.load()) {
        ::close(fd);
        return;
      }
      open_.insert(fd);
      threads_.emplace_back([this, fd] { serve(fd); });
    }
  }

  void serve(int fd) {
    converse(fd);
    std::lock_guard<std::mutex> lock(mutex_);
    open_.erase(fd);
    ::close(fd);
  }

  void converse(int fd) {
    if (!send_all(fd, "220 sink ESMTP\r\n")) return;
    std::string in;
    bool in_data = false;
    std::string data;
    for (int reads = 0; reads < 100000; ++reads) {
      // Every complete command (or message) buffered, in order.
      while (true) {
        if (in_data) {
          data += in;
          in.clear();
          std::size_t end = data.find("\r\n.\r\n");
          if (end == std::string::npos) break;
          in = data.substr(end + 5);
          data.clear();
          in_data = false;
          messages_.fetch_add(1);
          if (!send_all(fd, "250 2.0.0 queued\r\n")) return;
          continue;
        }
        std::size_t nl = in.find("\r\n");
        if (nl == std::string::npos) break;
        std::string line = in.substr(0, nl);
        in.erase(0, nl + 2);
        std::string verb = upper4(line);
        std::string answer;
        if (verb == "EHLO" || verb == "HELO") {
          answer = "250-sink\r\n250 PIPELINING\r\n";
        } else if (verb == "MAIL") {
          answer = "250 2.1.0 sender ok\r\n";
        } else if (verb == "RCPT") {
          recipients_.fetch_add(1);
          std::size_t lt = line.find('<'), gt = line.find('>');
          std::string who = lt != std::string::npos && gt != std::string::npos && gt > lt
                                ? line.substr(lt, gt - lt + 1)
                                : std::string("?");
          answer = "250 2.1.5 " + who + " recipient ok\r\n";
        } else if (verb == "RSET" || verb == "NOOP") {
          answer = "250 2.0.0 ok\r\n";
        } else if (verb == "DATA") {
          answer = "354 go ahead\r\n";
          in_data = true;
          data = "\r\n";  // so that an empty message's lone dot ends it too
        } else if (verb == "QUIT") {
          send_all(fd, "221 2.0.0 bye\r\n");
          return;
        } else {
          answer = "502 5.5.2 not implemented\r\n";
        }
        if (!send_all(fd, answer)) return;
      }
      char buf[4096];
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // closed, reset, timed out, or stop()
      in.append(buf, static_cast<std::size_t>(n));
    }
  }

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopped_{false};
  std::atomic<int> messages_{0};
  std::atomic<int> recipients_{0};
  std::mutex mutex_;
  std::set<int> open_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// One SMTP reply, all its lines.
struct Reply {
  int code = -1;  // -1: none (closed, timed out, garbage)
  std::string text;
};

// A blocking SMTP client; every read is bounded by SO_RCVTIMEO.
class Client {
 public:
  Client() = default;
  ~Client() { close(); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connect(std::uint16_t port, milliseconds timeout = milliseconds(20000)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    set_timeouts(fd_, timeout);
    sockaddr_in a = loopback(port);
    return ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  bool send(std::string_view bytes) { return fd_ >= 0 && send_all(fd_, bytes); }

  Reply reply() {
    Reply r;
    for (int lines = 0; lines < 200; ++lines) {
      std::size_t nl;
      while ((nl = buffer_.find("\r\n")) == std::string::npos) {
        if (buffer_.size() > 65536) return r;
        char buf[4096];
        ssize_t n = fd_ >= 0 ? ::recv(fd_, buf, sizeof buf, 0) : -1;
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return r;
        buffer_.append(buf, static_cast<std::size_t>(n));
      }
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 2);
      r.text += line + "\n";
      if (line.size() < 3) return Reply{};
      if (line.size() == 3 || line[3] == ' ') {
        r.code = std::atoi(line.substr(0, 3).c_str());
        return r;
      }
      if (line[3] != '-') return Reply{};
    }
    return Reply{};
  }

  // Sends `command` (may be empty: just read) and expects `code`; "" or what went wrong.
  std::string expect(std::string_view command, int code, Reply* got = nullptr) {
    if (!command.empty() && !send(command)) return "send failed before a " + std::to_string(code);
    Reply r = reply();
    if (got) *got = r;
    if (r.code != code) {
      return "after " + std::string(command.empty() ? "(connect)" : command.substr(0, command.find('\r'))) +
             ": wanted " + std::to_string(code) + ", got " + (r.code < 0 ? "nothing" : r.text);
    }
    return "";
  }

  // Closes at once; `reset`: with a RST (SO_LINGER 0) instead of a FIN.
  void close(bool reset = false) {
    if (fd_ < 0) return;
    if (reset) {
      linger l{1, 0};
      ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    ::close(fd_);
    fd_ = -1;
  }
  bool idle_for(milliseconds wait) {  // nothing more arrives within `wait`
    pollfd p{fd_, POLLIN, 0};
    return buffer_.empty() && ::poll(&p, 1, static_cast<int>(wait.count())) == 0;
  }

 private:
  int fd_ = -1;
  std::string buffer_;
};

// Policy, backend and server, torn down in that reverse order: the server first (its
// reactors gone, late verdicts are dropped at their gate), then the sink, and the policy
// last, whose destructor lets the pending timers fire and joins its thread. The server
// holds the policy too, so it could not go first anyway; keeping our own reference means
// its thread is never joined from a reactor thread or from its own.
struct Harness {
  std::shared_ptr<DelayPolicy> policy;
  SinkBackend sink;
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;

  explicit Harness(milliseconds delay = kDelay, milliseconds timeout = milliseconds(30000))
      : policy(std::make_shared<DelayPolicy>(delay)) {
    for (int attempt = 0; attempt < 5 && !server; ++attempt) {
      port = free_port();
      ServerConfig config;
      config.listeners[0].binds = {"127.0.0.1:" + std::to_string(port)};
      config.backend_host = "127.0.0.1";
      config.backend_port = sink.port();
      config.reactor_threads = 1;
      config.worker_threads = 2;
      config.timeout = timeout;
      config.backend_timeout = milliseconds(15000);
      config.backend_timeouts.data = milliseconds(15000);  // bounds stop() if anything is stuck
      config.session.hostname = "proxy.test";
      config.session.add_received = false;
      config.session.max_recipients = 2;
      config.log = std::make_shared<Log>(Log::Format::kText, Log::Level::kWarn);
      auto s = std::make_unique<Server>(std::move(config), policy);
      try {
        s->start();
        server = std::move(s);
      } catch (const std::runtime_error& e) {
        WARN("server start failed on port " << port << " (retrying): " << e.what());
      }
    }
    if (!server) throw std::runtime_error("cannot start the server");
  }
  ~Harness() {
    if (server) server->stop();
    server.reset();
    sink.stop();
    // `policy` goes last (member order).
  }

  // Waits (bounded) until `done` holds.
  template <typename Fn>
  static bool wait_for(Fn done, milliseconds limit = milliseconds(5000)) {
    auto deadline = Clock::now() + limit;
    while (!done()) {
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return true;
  }
};

// A whole transaction, one command at a time; "" or the first thing that went wrong.
std::string transaction(std::uint16_t port, int n) {
  Client c;
  if (!c.connect(port)) return "connect failed";
  std::string who = "<u" + std::to_string(n) + "@x.org>";
  for (const auto& [command, code] : std::vector<std::pair<std::string, int>>{
           {"", 220},
           {"EHLO client" + std::to_string(n) + ".test\r\n", 250},
           {"MAIL FROM:<s" + std::to_string(n) + "@x.org>\r\n", 250},
           {"RCPT TO:" + who + "\r\n", 250},
           {"DATA\r\n", 354},
           {"Subject: async " + std::to_string(n) + "\r\n\r\nHello.\r\n.\r\n", 250},
           {"QUIT\r\n", 221}}) {
    std::string error = c.expect(command, code);
    if (!error.empty()) return error;
  }
  return "";
}

}  // namespace

TEST_CASE("async policy: 50 sessions suspended at every stage share one reactor thread", "[proxy][async]") {
  Harness h;
  constexpr int kClients = 50;
  std::vector<std::string> errors(kClients);
  std::vector<std::thread> clients;
  clients.reserve(kClients);
  auto begin = Clock::now();
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&errors, i, port = h.port] { errors[i] = transaction(port, i); });
  }
  for (std::thread& t : clients) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - begin).count();

  WARN("50 concurrent sessions, 5 suspended stages of 200 ms each, 1 reactor thread: " << seconds << " s");
  for (int i = 0; i < kClients; ++i) {
    INFO("client " << i);
    CHECK(errors[i] == "");
  }
  // Blocking the reactor would take >= 50 x 5 x 200 ms = 50 s; suspending, ~1 s.
  CHECK(seconds < 10.0);
  CHECK(seconds >= 0.9);  // each session did wait for its five verdicts
  CHECK(h.sink.messages() == kClients);
  CHECK(h.policy->started(PolicyStage::kConnect) == kClients);
  CHECK(h.policy->started(PolicyStage::kEhlo) == kClients);
  CHECK(h.policy->started(PolicyStage::kMail) == kClients);
  CHECK(h.policy->started(PolicyStage::kRcpt) == kClients);
  CHECK(h.policy->started(PolicyStage::kData) == kClients);
  CHECK(h.policy->resumed() == h.policy->started_total());
  CHECK(Harness::wait_for([&] { return h.server->live_sessions() == 0; }));
}

TEST_CASE("async policy: pipelined commands are answered in order while each stage is suspended",
          "[proxy][async]") {
  Harness h;
  Client c;
  REQUIRE(c.connect(h.port));
  CHECK(c.expect("", 220) == "");
  auto begin = Clock::now();
  REQUIRE(c.send("EHLO c\r\nMAIL FROM:<a@x.org>\r\nRCPT TO:<b@x.org>\r\nRCPT TO:<c@x.org>\r\nDATA\r\n"));
  Reply ehlo, mail, rcpt1, rcpt2, data;
  CHECK(c.expect("", 250, &ehlo) == "");
  CHECK(ehlo.text.rfind("250-proxy.test", 0) == 0);  // multi-line, ours
  CHECK(ehlo.text.find("PIPELINING") != std::string::npos);
  CHECK(c.expect("", 250, &mail) == "");
  CHECK(mail.text == "250 2.1.0 sender ok\n");
  CHECK(c.expect("", 250, &rcpt1) == "");
  CHECK(rcpt1.text == "250 2.1.5 <b@x.org> recipient ok\n");
  CHECK(c.expect("", 250, &rcpt2) == "");
  CHECK(rcpt2.text == "250 2.1.5 <c@x.org> recipient ok\n");
  CHECK(c.expect("", 354, &data) == "");
  double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  // EHLO, MAIL and both RCPTs each waited for a verdict, one after the other.
  CHECK(seconds >= 0.7);
  CHECK(c.expect("Subject: pipelined\r\n\r\nHi.\r\n.\r\n", 250) == "");
  CHECK(c.expect("QUIT\r\n", 221) == "");
  WARN("pipelined EHLO..DATA under the delay policy: " << seconds << " s to the 354");
  CHECK(h.sink.messages() == 1);
  CHECK(h.sink.recipients() == 2);
}

TEST_CASE("async policy: max-recipients still applies, in order after pipelined RCPTs", "[proxy][async]") {
  Harness h;
  Client c;
  REQUIRE(c.connect(h.port));
  CHECK(c.expect("", 220) == "");
  CHECK(c.expect("EHLO c\r\n", 250) == "");
  CHECK(c.expect("MAIL FROM:<a@x.org>\r\n", 250) == "");
  REQUIRE(c.send("RCPT TO:<b@x.org>\r\nRCPT TO:<c@x.org>\r\nRCPT TO:<d@x.org>\r\n"));
  Reply r1, r2, r3;
  CHECK(c.expect("", 250, &r1) == "");
  CHECK(r1.text.find("<b@x.org>") != std::string::npos);
  CHECK(c.expect("", 250, &r2) == "");
  CHECK(r2.text.find("<c@x.org>") != std::string::npos);
  CHECK(c.expect("", 451, &r3) == "");
  CHECK(r3.text.rfind("451 4.5.3 ", 0) == 0);
  CHECK(c.expect("DATA\r\n", 354) == "");
  CHECK(c.expect("Subject: two\r\n\r\nHi.\r\n.\r\n", 250) == "");
  CHECK(c.expect("QUIT\r\n", 221) == "");
  CHECK(h.sink.messages() == 1);
  CHECK(h.sink.recipients() == 2);  // the third never reached the backend
  CHECK(h.policy->started(PolicyStage::kRcpt) == 2);  // nor the policy
}

TEST_CASE("async policy: a client that leaves while its EHLO verdict is pending", "[proxy][async]") {
  Harness h;
  for (bool reset : {false, true}) {
    INFO((reset ? "closed with a reset" : "closed with a FIN"));
    int ehlos = h.policy->started(PolicyStage::kEhlo);
    {
      Client c;
      REQUIRE(c.connect(h.port));
      CHECK(c.expect("", 220) == "");
      REQUIRE(c.send("EHLO leaving.test\r\n"));
      // Leave once the server has asked the policy (the verdict is 200 ms away).
      CHECK(Harness::wait_for([&] { return h.policy->started(PolicyStage::kEhlo) == ehlos + 1; }));
      c.close(reset);
    }
    // The verdict arrives for a session that is gone, or going.
    CHECK(Harness::wait_for([&] { return h.policy->resumed() == h.policy->started_total(); }));
    CHECK(Harness::wait_for([&] { return h.server->live_sessions() == 0; }));
  }
  // The server still serves.
  CHECK(transaction(h.port, 1000) == "");
  CHECK(h.sink.messages() == 1);
  CHECK(Harness::wait_for([&] { return h.server->live_sessions() == 0; }));
}

TEST_CASE("async policy: the server stops while verdicts are pending; they arrive after it is gone",
          "[proxy][async]") {
  Harness h(milliseconds(1000));  // a verdict far enough away that stop() comes first, even on a slow CI
  constexpr int kClients = 5;
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<Client>());
    REQUIRE(clients.back()->connect(h.port));
  }
  for (auto& c : clients) CHECK(c->expect("", 220) == "");  // the connect verdicts, together
  for (auto& c : clients) REQUIRE(c->send("EHLO pending.test\r\n"));
  CHECK(Harness::wait_for([&] { return h.policy->started(PolicyStage::kEhlo) == kClients; }));
  auto begin = Clock::now();
  h.server->stop();  // every session is suspended on its EHLO verdict
  double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  INFO("stop() took " << seconds << " s");
  CHECK(seconds < 3.0);
  REQUIRE(h.policy->resumed() < h.policy->started_total());  // still pending: the point of this test
  for (auto& c : clients) {
    Reply r = c->reply();
    INFO("got: " << r.text);
    CHECK(r.text.rfind("421 4.3.2 ", 0) == 0);
  }
  h.server.reset();  // reactors and gates gone; the verdicts still to come must be dropped
  CHECK(Harness::wait_for([&] { return h.policy->resumed() == h.policy->started_total(); }));
}

TEST_CASE("async policy: a verdict that does not come within the session timeout gives 451 4.3.0", "[proxy][async]") {
  Harness h(milliseconds(2500), milliseconds(1000));  // the policy answers after 2.5 s; timeout 1 s
  Client c;
  REQUIRE(c.connect(h.port));
  auto started = Clock::now();
  std::string error = c.expect("", 451);  // the connect stage: no banner, 451, closed
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  INFO("answered after " << seconds << " s");
  CHECK(error.empty());
  CHECK(seconds < 2.4);  // before the policy's own answer: the timeout, not the verdict
  // The server goes on: a late verdict is dropped, a new session is served.
  CHECK(Harness::wait_for([&] { return h.server->live_sessions() == 0; }, milliseconds(5000)));
}
