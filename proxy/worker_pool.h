// CPU-heavy policy work off the reactor threads: a small fixed pool of worker threads,
// and a policy decorator that sends DATA evaluations of big messages there, so one slow
// script never stalls the other sessions of its reactor. Small messages stay inline: a
// thread hop costs more than their script.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "smtp/auth.h"
#include "smtp/policy.h"

namespace sievegate::proxy {

class WorkerPool {
 public:
  explicit WorkerPool(std::size_t threads);
  ~WorkerPool();  // runs what is queued, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(std::function<void()> task);
  std::size_t size() const { return threads_.size(); }

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Runs `inner` on the pool for DATA with a message of at least `threshold` bytes; every
// other stage, and smaller messages, inline on the caller's thread.
class OffloadingPolicy final : public StagePolicy {
 public:
  OffloadingPolicy(std::shared_ptr<StagePolicy> inner, std::shared_ptr<WorkerPool> pool, std::size_t threshold)
      : inner_(std::move(inner)), pool_(std::move(pool)), threshold_(threshold) {}
  std::optional<Verdict> start(const StageRequest& request, const Resume& resume) override;

 private:
  std::shared_ptr<StagePolicy> inner_;
  std::shared_ptr<WorkerPool> pool_;
  std::size_t threshold_;
};

// Checks credentials on the pool: a crypt(3) hash costs milliseconds by design, which a
// reactor thread must not spend.
class OffloadingAuthenticator final : public Authenticator {
 public:
  OffloadingAuthenticator(std::shared_ptr<Authenticator> inner, std::shared_ptr<WorkerPool> pool)
      : inner_(std::move(inner)), pool_(std::move(pool)) {}
  AuthResult check(const std::string& user, const std::string& password) override { return inner_->check(user, password); }
  std::optional<AuthResult> start(const std::string& user, const std::string& password, const Done& done) override;

 private:
  std::shared_ptr<Authenticator> inner_;
  std::shared_ptr<WorkerPool> pool_;
};

}  // namespace sievegate::proxy
