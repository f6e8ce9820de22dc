// See worker_pool.h.
#include "proxy/worker_pool.h"

namespace sievegate::proxy {

WorkerPool::WorkerPool(std::size_t threads) {
  if (threads == 0) threads = 1;
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void WorkerPool::run() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and nothing left to run
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

std::optional<Verdict> OffloadingPolicy::start(const StageRequest& request, const Resume& resume) {
  if (request.stage != PolicyStage::kData || !resume || !request.message || request.message->size() < threshold_) {
    return inner_->start(request, resume);
  }
  // The request's facts and envelope live only during this call: the task keeps copies.
  pool_->submit([inner = inner_, facts = request.facts, envelope = request.envelope ? *request.envelope : Envelope{},
                 message = request.message, resume] {
    StageRequest copy{PolicyStage::kData, facts, &envelope, message};
    Verdict v;
    try {
      std::optional<Verdict> now = inner->start(copy, resume);
      if (!now) return;  // the inner policy suspended too: it calls resume itself
      v = std::move(*now);
    } catch (const std::exception& e) {
      v.reply = Reply(451, "4.3.0", "Temporary local problem, please try again later.");
      v.notes.push_back(std::string("policy failed: ") + e.what());
    }
    resume(std::move(v));
  });
  return std::nullopt;
}

std::optional<AuthResult> OffloadingAuthenticator::start(const std::string& user, const std::string& password,
                                                         const Done& done) {
  if (!done) return inner_->check(user, password);
  pool_->submit([inner = inner_, user, password, done] {
    AuthResult r = AuthResult::kTempFail;
    try {
      r = inner->check(user, password);
    } catch (const std::exception&) {
      // the directory failed: a temporary failure (454)
    }
    done(r);
  });
  return std::nullopt;
}

}  // namespace sievegate::proxy
