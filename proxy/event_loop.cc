// epoll event loop; see event_loop.h.
#include "proxy/event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace sievegate::proxy {
namespace {

// A distinct address for the wake-up eventfd's events (never a Handler).
char wake_tag;

static_assert(EventLoop::kReadable == EPOLLIN && EventLoop::kWritable == EPOLLOUT && EventLoop::kError == EPOLLERR &&
              EventLoop::kHangup == EPOLLHUP);

constexpr int kMaxEvents = 256;

}  // namespace

EventLoop::EventLoop(std::chrono::milliseconds tick) : tick_(tick) {
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_ < 0 || wake_ < 0) {
    std::string why = std::strerror(errno);
    if (epoll_ >= 0) ::close(epoll_);
    if (wake_ >= 0) ::close(wake_);
    throw std::runtime_error("cannot create an event loop: " + why);
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = &wake_tag;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
}

EventLoop::~EventLoop() {
  bury();
  ::close(wake_);
  ::close(epoll_);
}

bool EventLoop::watch(int fd, Handler* handler, bool read, bool write, bool exclusive) {
  epoll_event ev{};
  ev.events = (read ? EPOLLIN : 0u) | (write ? EPOLLOUT : 0u) | (exclusive ? EPOLLEXCLUSIVE : 0u);
  ev.data.ptr = handler;
  return ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) == 0;
}

bool EventLoop::modify(int fd, Handler* handler, bool read, bool write) {
  epoll_event ev{};
  ev.events = (read ? EPOLLIN : 0u) | (write ? EPOLLOUT : 0u);
  ev.data.ptr = handler;
  return ::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &ev) == 0;
}

void EventLoop::unwatch(int fd) { ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr); }

void EventLoop::retire(Retired* object) { retired_.push_back(object); }

void EventLoop::post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    posted_.push_back(std::move(task));
  }
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_, &one, sizeof one);
}

void EventLoop::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_, &one, sizeof one);
}

void EventLoop::drain_posted() {
  std::uint64_t count;
  while (::read(wake_, &count, sizeof count) > 0) {
  }
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks.swap(posted_);
  }
  for (auto& task : tasks) task();
}

void EventLoop::bury() {
  // Destructors may retire more (a connection's parts): loop until none is left.
  while (!retired_.empty()) {
    std::vector<Retired*> dead;
    dead.swap(retired_);
    for (Retired* r : dead) delete r;
  }
}

void EventLoop::run(const std::function<void(Clock::time_point)>& on_tick) {
  epoll_event events[kMaxEvents];
  Clock::time_point next_tick = Clock::now() + tick_;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) break;
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now()).count();
    if (wait < 0) wait = 0;
    int n = ::epoll_wait(epoll_, events, kMaxEvents, static_cast<int>(wait) + 1);
    if (n < 0 && errno != EINTR) throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
    now_ = Clock::now();
    for (int i = 0; i < n; ++i) {
      if (events[i].data.ptr == &wake_tag) {
        drain_posted();
        continue;
      }
      static_cast<Handler*>(events[i].data.ptr)->on_io(events[i].events);
    }
    bury();
    now_ = Clock::now();
    if (now_ >= next_tick) {
      // Ticks are due also under constant load: deadlines never depend on idleness.
      on_tick(now_);
      bury();
      next_tick = now_ + tick_;
    }
  }
}

}  // namespace sievegate::proxy
