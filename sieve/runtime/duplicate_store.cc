// In-memory RFC 7352 duplicate store; see duplicate_store.h.
#include "sieve/runtime/duplicate_store.h"

#include <algorithm>
#include <vector>

namespace sievegate::policy {

bool MemoryDuplicateStore::check_and_record(std::string_view handle, std::string_view id,
                                            std::uint64_t seconds, bool last, std::int64_t now) {
  std::string key;
  key.reserve(handle.size() + id.size() + 1);
  key.append(handle).push_back('\0');
  key.append(id);
  std::int64_t until = now + static_cast<std::int64_t>(std::min<std::uint64_t>(seconds, 1ull << 40));
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = expiry_.find(key);
  bool seen = it != expiry_.end() && now < it->second;
  if (!seen || last) {
    if (it == expiry_.end()) {
      make_room(now);
      expiry_.emplace(std::move(key), until);
    } else {
      it->second = until;
    }
  }
  return seen;
}

bool MemoryDuplicateStore::seen(std::string_view handle, std::string_view id,
                                std::int64_t now) const {
  std::string key;
  key.append(handle).push_back('\0');
  key.append(id);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = expiry_.find(key);
  return it != expiry_.end() && now < it->second;
}

std::size_t MemoryDuplicateStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return expiry_.size();
}

void MemoryDuplicateStore::make_room(std::int64_t now) {
  if (expiry_.size() < max_entries_) return;
  for (auto it = expiry_.begin(); it != expiry_.end();) {
    it = it->second <= now ? expiry_.erase(it) : std::next(it);
  }
  if (expiry_.size() < max_entries_) return;
  std::vector<std::pair<std::int64_t, std::string>> by_expiry;
  by_expiry.reserve(expiry_.size());
  for (const auto& [key, until] : expiry_) by_expiry.emplace_back(until, key);
  std::size_t drop = expiry_.size() - max_entries_ + max_entries_ / 10 + 1;
  std::nth_element(by_expiry.begin(), by_expiry.begin() + static_cast<std::ptrdiff_t>(std::min(drop, by_expiry.size()) - 1), by_expiry.end());
  for (std::size_t i = 0; i < drop && i < by_expiry.size(); ++i) expiry_.erase(by_expiry[i].second);
}

}  // namespace sievegate::policy
