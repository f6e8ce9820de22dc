// One thread's event loop: readiness of file descriptors (epoll, level-triggered), tasks
// posted from other threads (an eventfd wakes the loop), and a periodic tick for the
// deadlines of the objects it serves.
//
// Ownership rule of the network layer (reactor.h, connection.h): every connection is
// created, registered, served and destroyed on the one loop thread that owns it. Other
// threads never touch a connection; they post() a task to its loop. An object that ends itself
// during a callback asks for retire(): it is destroyed after the current batch of
// events, so no callback for it is ever on the stack when it is freed, and a stale event
// in the same batch still finds it (marked dead) rather than freed memory.
//
// Linux only (epoll, eventfd): the platform sievegate is built for (Debian 12).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace sievegate::proxy {

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;

  // The readiness bits a Handler receives (epoll's values).
  static constexpr std::uint32_t kReadable = 0x001;  // EPOLLIN
  static constexpr std::uint32_t kWritable = 0x004;  // EPOLLOUT
  static constexpr std::uint32_t kError = 0x008;     // EPOLLERR
  static constexpr std::uint32_t kHangup = 0x010;    // EPOLLHUP

  // Receives the readiness of one descriptor. Registered objects outlive their
  // registration (see retire()).
  class Handler {
   public:
    virtual void on_io(std::uint32_t events) = 0;

   protected:
    ~Handler() = default;
  };

  // Something the loop destroys after the current batch of events.
  class Retired {
   public:
    virtual ~Retired() = default;
  };

  explicit EventLoop(std::chrono::milliseconds tick = std::chrono::milliseconds(250));
  ~EventLoop();  // destroys what is still retired; the descriptors are the owners' business
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Loop thread only. Interest in reading and/or writing; `exclusive` (EPOLLEXCLUSIVE)
  // for a listening socket shared by several loops: one loop is woken per connection.
  // false (and errno) when the kernel refuses.
  bool watch(int fd, Handler* handler, bool read, bool write, bool exclusive = false);
  bool modify(int fd, Handler* handler, bool read, bool write);
  void unwatch(int fd);
  // Destroys `object` once the current batch of events is handled.
  void retire(Retired* object);

  // Any thread: runs `task` on the loop thread, soon.
  void post(std::function<void()> task);
  // Any thread: run() returns after the current batch.
  void stop();

  // Runs until stop(). `on_tick` is called at least every tick (also under constant load).
  void run(const std::function<void(Clock::time_point)>& on_tick);

  Clock::time_point now() const { return now_; }  // as of the current batch

 private:
  void drain_posted();
  void bury();

  int epoll_ = -1;
  int wake_ = -1;  // eventfd
  std::chrono::milliseconds tick_;
  Clock::time_point now_ = Clock::now();
  std::mutex mutex_;  // guards posted_ and stop_
  std::vector<std::function<void()>> posted_;
  bool stop_ = false;
  std::vector<Retired*> retired_;
};

}  // namespace sievegate::proxy
