// The event loop under the network layer: tasks posted from other threads run on the
// loop's thread, an object retired during a batch of events is freed only after that
// batch (issue #10: no object is destroyed while a callback for it is on the stack, and
// a stale event of the same batch finds it alive), and ticks come under constant load.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "proxy/event_loop.h"

using sievegate::proxy::EventLoop;

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
