// The event loop under the network layer: tasks posted from other threads run on the
// loop's thread, an object retired during a batch of events is freed only after that
// batch (issue #10: no object is destroyed while a callback for it is on the stack, and
// a stale event of the same batch finds it alive), and ticks come under constant load.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "proxy/backend_link.h"
#include "proxy/event_loop.h"
#include "proxy/socket_io.h"
#include "smtp/spool.h"

using sievegate::proxy::BackendLink;
using sievegate::proxy::EventLoop;
using sievegate::proxy::MessageBuffer;
using sievegate::proxy::OutBuffer;
using sievegate::proxy::RelaySource;

namespace {

// Both ends of a socket pair: writing to one makes the other readable.
struct Pair {
  int fd[2] = {-1, -1};
  Pair() { REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd) == 0); }
  ~Pair() {
    for (int f : fd) if (f >= 0) ::close(f);
  }
};

// Counts its events; on the first, retires itself and its sibling (as a connection
// with two sockets ends both), and records whether it was alive when called.
struct Part final : EventLoop::Handler, EventLoop::Retired {
  EventLoop* loop;
  int fd;
  Part* sibling = nullptr;
  std::atomic<int>* destroyed;
  int* calls_after_retire;
  bool retired = false;
  Part(EventLoop* l, int f, std::atomic<int>* d, int* after) : loop(l), fd(f), destroyed(d), calls_after_retire(after) {}
  ~Part() override { ++*destroyed; }
  void on_io(std::uint32_t) override {
    if (retired) {
      ++*calls_after_retire;  // a stale event in the same batch: still a live object
      return;
    }
    retire_both();
  }
  void retire_both() {
    for (Part* p : {this, sibling}) {
      if (p->retired) continue;
      p->retired = true;
      p->loop->unwatch(p->fd);
      p->loop->retire(p);
    }
  }
};

}  // namespace

TEST_CASE("event loop: posted tasks run on the loop's thread; stop ends run()", "[proxy][event_loop]") {
  EventLoop loop(std::chrono::milliseconds(20));
  std::thread::id loop_thread;
  std::atomic<int> ran{0};
  std::thread t([&] {
    loop_thread = std::this_thread::get_id();
    loop.run([](EventLoop::Clock::time_point) {});
  });
  for (int i = 0; i < 100; ++i) {
    loop.post([&] {
      CHECK(std::this_thread::get_id() == loop_thread);
      ++ran;
    });
  }
  for (int i = 0; i < 200 && ran < 100; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  loop.stop();
  t.join();
  CHECK(ran == 100);
}

TEST_CASE("event loop: an object retired in a batch is freed after it, never during it", "[proxy][event_loop]") {
  EventLoop loop(std::chrono::milliseconds(20));
  Pair a, b;
  std::atomic<int> destroyed{0};
  int after = 0;
  auto* first = new Part(&loop, a.fd[0], &destroyed, &after);
  auto* second = new Part(&loop, b.fd[0], &destroyed, &after);
  first->sibling = second;
  second->sibling = first;
  REQUIRE(loop.watch(a.fd[0], first, true, false));
  REQUIRE(loop.watch(b.fd[0], second, true, false));
  // Both readable before the loop runs: one epoll_wait returns both events in a batch.
  REQUIRE(::write(a.fd[1], "x", 1) == 1);
  REQUIRE(::write(b.fd[1], "y", 1) == 1);
  int ticks = 0;
  std::thread t([&] {
    loop.run([&](EventLoop::Clock::time_point) {
      if (++ticks == 3) loop.stop();
    });
  });
  t.join();
  CHECK(destroyed == 2);  // both freed, once each
  CHECK(after == 1);      // the second event of the batch reached a live, retired object
}

TEST_CASE("event loop: ticks come while a descriptor is always ready", "[proxy][event_loop]") {
  EventLoop loop(std::chrono::milliseconds(20));
  Pair p;
  REQUIRE(::write(p.fd[1], "x", 1) == 1);  // never read: level-triggered, ready forever
  struct Busy final : EventLoop::Handler {
    int events = 0;
    void on_io(std::uint32_t) override { ++events; }
  } busy;
  REQUIRE(loop.watch(p.fd[0], &busy, true, false));
  int ticks = 0;
  auto start = EventLoop::Clock::now();
  std::thread t([&] {
    loop.run([&](EventLoop::Clock::time_point) {
      if (++ticks == 5) loop.stop();
    });
  });
  t.join();
  CHECK(ticks == 5);
  CHECK(busy.events > 5);
  CHECK(EventLoop::Clock::now() - start < std::chrono::seconds(5));
}

// ---------------------------------------------------------------- under a connection
// The pieces a connection is built of (proxy/socket_io.h, proxy/backend_link.h).

TEST_CASE("out buffer: appended at the end, consumed from the front", "[proxy][socket_io]") {
  OutBuffer out;
  CHECK(out.empty());
  out.tail() += "hello ";
  out.tail() += "world";
  CHECK(out.size() == 11);
  out.consume(6);
  CHECK(std::string(out.data(), out.size()) == "world");
  std::string big(200 * 1024, 'x');
  out.tail() += big;
  out.consume(5 + 150 * 1024);  // past half: the front is dropped, the rest stays
  CHECK(out.size() == 50 * 1024);
  CHECK(std::string(out.data(), out.size()) == std::string(50 * 1024, 'x'));
  out.consume(out.size());
  CHECK(out.empty());
  out.tail() += "again";
  CHECK(std::string(out.data(), out.size()) == "again");
  out.clear();
  CHECK(out.empty());
}

TEST_CASE("address text: IPv4, IPv6, and IPv4-mapped IPv6 as plain IPv4", "[proxy][socket_io]") {
  auto text = [](int family, const char* address) {
    sockaddr_storage a{};
    a.ss_family = static_cast<sa_family_t>(family);
    void* where = family == AF_INET ? static_cast<void*>(&reinterpret_cast<sockaddr_in&>(a).sin_addr)
                                    : static_cast<void*>(&reinterpret_cast<sockaddr_in6&>(a).sin6_addr);
    REQUIRE(::inet_pton(family, address, where) == 1);
    return sievegate::proxy::address_text(a);
  };
  CHECK(text(AF_INET, "192.0.2.7") == "192.0.2.7");
  CHECK(text(AF_INET6, "2001:db8::1") == "2001:db8::1");
  CHECK(text(AF_INET6, "::ffff:192.0.2.7") == "192.0.2.7");
  sockaddr_storage none{};
  CHECK(sievegate::proxy::address_text(none).empty());
}

namespace {

// A listening TCP socket on 127.0.0.1, on a port the kernel picks.
struct Listener {
  int fd = -1;
  std::uint16_t port = 0;
  explicit Listener(bool listening = true) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
    if (listening) REQUIRE(::listen(fd, 4) == 0);
  }
  ~Listener() { sievegate::proxy::close_fd(fd); }
};

struct NoEvents final : EventLoop::Handler {
  void on_io(std::uint32_t) override {}
};

}  // namespace

TEST_CASE("backend link: connects, writes only once connected, streams a message, reads, sees the close",
          "[proxy][backend_link]") {
  EventLoop loop;
  NoEvents handler;
  BackendLink link(loop, handler);
  Listener listener;
  REQUIRE_FALSE(link.connect("127.0.0.1", listener.port));
  REQUIRE(link.open());
  REQUIRE(link.connecting());
  link.send("EHLO test\r\n", nullptr);
  REQUIRE_FALSE(link.flush());  // still connecting: nothing written, nothing failed
  CHECK_FALSE(link.all_written());
  int peer = ::accept4(listener.fd, nullptr, nullptr, SOCK_CLOEXEC);
  REQUIRE(peer >= 0);
  REQUIRE_FALSE(link.connected());
  CHECK_FALSE(link.connecting());
  CHECK_FALSE(link.update_interest());

  // The line, then a 3 MiB message pulled from its source as the socket takes it.
  std::string message(3 * 1024 * 1024, 'm');
  REQUIRE_FALSE(link.flush());
  link.send("", std::make_shared<RelaySource>(MessageBuffer::from(message), false));
  std::string received;
  char buf[64 * 1024];
  for (int i = 0; i < 10000 && received.size() < message.size() + 11; ++i) {
    REQUIRE_FALSE(link.flush());
    ssize_t n = ::recv(peer, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) received.append(buf, static_cast<std::size_t>(n));
  }
  CHECK(link.all_written());
  CHECK(received == "EHLO test\r\n" + message);

  std::string_view bytes;
  REQUIRE_FALSE(link.receive(buf, sizeof buf, bytes));
  CHECK(bytes.empty());  // nothing sent yet: no failure, no bytes
  REQUIRE(::send(peer, "250 ok\r\n", 8, MSG_NOSIGNAL) == 8);
  REQUIRE_FALSE(link.receive(buf, sizeof buf, bytes));
  CHECK(bytes == "250 ok\r\n");
  ::close(peer);
  BackendLink::Failure gone = link.receive(buf, sizeof buf, bytes);
  REQUIRE(gone);
  CHECK(*gone == "closed");
  link.close();
  CHECK_FALSE(link.open());
  CHECK(link.all_written());  // closing drops what was left
}

TEST_CASE("backend link: a port nobody listens on is refused", "[proxy][backend_link]") {
  EventLoop loop(std::chrono::milliseconds(20));
  Listener closed(false);  // bound, not listening: connecting is refused
  struct Connected final : EventLoop::Handler {
    BackendLink* link = nullptr;
    EventLoop* loop = nullptr;
    BackendLink::Failure failure;
    bool called = false;
    void on_io(std::uint32_t) override {
      called = true;
      failure = link->connected();
      loop->stop();
    }
  } handler;
  BackendLink link(loop, handler);
  handler.link = &link;
  handler.loop = &loop;
  BackendLink::Failure failure = link.connect("127.0.0.1", closed.port);
  if (!failure) {  // in progress: the refusal comes as an event
    int ticks = 0;
    loop.run([&](EventLoop::Clock::time_point) {
      if (++ticks == 100) loop.stop();
    });
    REQUIRE(handler.called);
    failure = handler.failure;
  } else {
    CHECK_FALSE(link.open());
  }
  REQUIRE(failure);
  CHECK(*failure == "refused");
  link.close();
}
