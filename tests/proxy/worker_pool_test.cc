// The worker pool and the policy decorator that sends DATA scripts on big messages to it
// (issue #12): small messages and other stages stay on the caller's thread.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "proxy/worker_pool.h"

using namespace sievegate::proxy;

namespace {

// Records the thread each DATA evaluation ran on.
struct RecordingPolicy : StagePolicy {
  std::mutex mutex;
  std::thread::id data_thread;
  std::string seen;
  Verdict data(const SessionFacts& f, const Envelope& e, std::string_view message) override {
    std::lock_guard<std::mutex> lock(mutex);
    data_thread = std::this_thread::get_id();
    seen = f.remote_ip + " " + e.from + " " + std::to_string(message.size());
    Verdict v;
    v.reply = Reply(554, "5.7.1", "seen");
    return v;
  }
};

struct Waiter {
  std::mutex mutex;
  std::condition_variable cv;
  std::optional<Verdict> verdict;
  std::thread::id thread;
  Resume resume() {
    return [this](Verdict v) {
      std::lock_guard<std::mutex> lock(mutex);
      verdict = std::move(v);
      thread = std::this_thread::get_id();
      cv.notify_all();
    };
  }
  bool wait() {
    std::unique_lock<std::mutex> lock(mutex);
    return cv.wait_for(lock, std::chrono::seconds(10), [this] { return verdict.has_value(); });
  }
};

}  // namespace

TEST_CASE("worker pool: DATA on a big message runs on a worker; small ones and other stages inline", "[proxy][async]") {
  auto inner = std::make_shared<RecordingPolicy>();
  auto pool = std::make_shared<WorkerPool>(2);
  OffloadingPolicy policy(inner, pool, 1024);
  SessionFacts facts;
  facts.remote_ip = "192.0.2.7";
  Envelope envelope;
  envelope.from = "a@example.org";

  SECTION("small message: inline, answered at once") {
    auto message = std::make_shared<const MessageBuffer>(MessageBuffer::from(std::string(100, 'x')));
    Waiter w;
    std::optional<Verdict> v = policy.start(StageRequest{PolicyStage::kData, facts, &envelope, message}, w.resume());
    REQUIRE(v);
    CHECK(v->reply->code == 554);
    CHECK(inner->data_thread == std::this_thread::get_id());
  }
  SECTION("big message: suspended, resumed from a worker with copies of the facts") {
    auto message = std::make_shared<const MessageBuffer>(MessageBuffer::from(std::string(4096, 'x')));
    Waiter w;
    {
      SessionFacts temporary = facts;  // the request's facts die with the call
      std::optional<Verdict> v = policy.start(StageRequest{PolicyStage::kData, temporary, &envelope, message}, w.resume());
      CHECK(!v);
      temporary.remote_ip = "gone";
    }
    REQUIRE(w.wait());
    CHECK(w.verdict->reply->code == 554);
    CHECK(w.thread != std::this_thread::get_id());
    std::lock_guard<std::mutex> lock(inner->mutex);
    CHECK(inner->data_thread != std::this_thread::get_id());
    CHECK(inner->seen == "192.0.2.7 a@example.org 4096");
  }
  SECTION("other stages: inline") {
    Waiter w;
    std::optional<Verdict> v = policy.start(StageRequest{PolicyStage::kRcpt, facts, &envelope, nullptr}, w.resume());
    CHECK(v);
  }
}

TEST_CASE("worker pool: queued tasks all run; the destructor waits for them", "[proxy][async]") {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(3);
    for (int i = 0; i < 200; ++i) pool.submit([&ran] { ran.fetch_add(1); });
  }
  CHECK(ran.load() == 200);
}

TEST_CASE("worker pool: credentials are checked on a worker", "[proxy][async]") {
  struct Recording : Authenticator {
    std::atomic<bool> on_caller{false};
    std::thread::id caller = std::this_thread::get_id();
    AuthResult check(const std::string& u, const std::string& p) override {
      if (std::this_thread::get_id() == caller) on_caller = true;
      return u == "alice" && p == "s3cret" ? AuthResult::kOk : AuthResult::kInvalid;
    }
  };
  auto inner = std::make_shared<Recording>();
  OffloadingAuthenticator auth(inner, std::make_shared<WorkerPool>(1));
  std::mutex mutex;
  std::condition_variable cv;
  std::optional<AuthResult> got;
  auto done = [&](AuthResult r) {
    std::lock_guard<std::mutex> lock(mutex);
    got = r;
    cv.notify_all();
  };
  CHECK(!auth.start("alice", "s3cret", done));
  {
    std::unique_lock<std::mutex> lock(mutex);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return got.has_value(); }));
  }
  CHECK(*got == AuthResult::kOk);
  CHECK(!inner->on_caller);
}
