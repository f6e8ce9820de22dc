// The store behind the RFC 7352 duplicate test: which message IDs were seen recently.
// In-memory for now (one process); the interface lets a shared store replace it.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sievegate::policy {

class DuplicateStore {
 public:
  virtual ~DuplicateStore() = default;
  // Whether `id` under `handle` was recorded less than its period ago; records it (for
  // `seconds`) when it was not, and with `last` also refreshes a seen one (RFC 7352 3.3).
  virtual bool check_and_record(std::string_view handle, std::string_view id,
                                std::uint64_t seconds, bool last, std::int64_t now) = 0;
  // Only whether it was seen (RFC 7352 3: a run records its IDs after it succeeded).
  virtual bool seen(std::string_view handle, std::string_view id, std::int64_t now) const = 0;
};

// Thread-safe, bounded: past `max_entries` expired entries are purged and, if still
// full, the oldest expiring ones are dropped (a duplicate may then go unnoticed, which
// is the safe side: mail is delivered twice rather than lost).
class MemoryDuplicateStore final : public DuplicateStore {
 public:
  explicit MemoryDuplicateStore(std::size_t max_entries = 100000) : max_entries_(max_entries) {}
  bool check_and_record(std::string_view handle, std::string_view id, std::uint64_t seconds,
                        bool last, std::int64_t now) override;
  bool seen(std::string_view handle, std::string_view id, std::int64_t now) const override;
  std::size_t size() const;

 private:
  void make_room(std::int64_t now);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::int64_t> expiry_;  // key -> Unix time it expires
  std::size_t max_entries_;
};

}  // namespace sievegate::policy
