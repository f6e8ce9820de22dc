// The execute stage: runs a Program against one message / session and returns an
// ActionSet. Nothing here blocks or talks to the outside world: facts and look-ups
// (session variables, lists, the duplicate store, the clock) are asked of a Host.
//
// One Program is shared by all sessions; each run has its own RunContext. Runs are
// bounded by RunLimits (instructions, wall time, actions, redirects, string sizes);
// reaching a limit ends the run with RunStatus::kLimit and the implicit keep.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sieve/runtime/actions.h"
#include "sieve/program/program.h"

namespace sievegate::policy {

namespace message {
class Message;
}

// What the engine may ask of its host (the proxy, or `sievegate run`).
class Host {
 public:
  virtual ~Host() = default;
  // A session fact for ${env.NAME} (Stalwart names: remote_ip, helo_domain, ...).
  virtual std::optional<std::string> fact(std::string_view name) const;
  // An RFC 5183 environment item ("domain", "host", "name", "phase", "remote-ip", ...).
  virtual std::optional<std::string> environment_item(std::string_view name) const;
  virtual bool mailbox_exists(std::string_view mailbox) const;
  // RFC 6134 external lists.
  virtual bool list_contains(std::string_view list, std::string_view value) const;
  virtual bool list_exists(std::string_view list) const;
  // RFC 7352: whether `id` (under `handle`) was seen by an earlier delivery. Recording
  // is the host's, after delivery (ActionSet::duplicate_ids). The default has no memory.
  virtual bool duplicate_seen(std::string_view handle, std::string_view id,
                              std::uint64_t seconds, bool last);
  virtual std::int64_t now() const;                 // Unix seconds
  virtual int local_offset_minutes() const { return 0; }  // the server's zone
  virtual std::string_view subaddress_separator() const { return "+"; }
};

struct Envelope {
  std::string from;             // reverse-path without <>, "" for the null sender
  std::vector<std::string> to;  // forward-paths
  std::string auth;             // AUTH= identity (RFC 3028 "auth" part)
};

struct RunLimits {
  std::uint64_t max_instructions = 100000;   // executed per run (loops: foreverypart)
  std::chrono::microseconds max_time{100000};  // wall time per run
  std::size_t max_actions = 64;
  std::size_t max_redirects = 4;
  std::size_t max_string_size = 1 << 20;      // any variable or expanded string
  std::size_t max_header_edits = 64;          // addheader / deleteheader per run
};

// Where spamtest / virustest read their verdict (RFC 5235 leaves this to the site). The
// defaults follow the common "X-Spam-Score: <score>" convention with a 0-10 scale and
// "X-Virus-Scan: <word>" with words for the values 1-5.
struct ScoreTestConfig {
  std::string spam_header = "X-Spam-Score";
  double spam_max = 10;  // the score that means "certainly spam"
  std::string virus_header = "X-Virus-Scan";
  // The first word of the virus header, matched exactly, gives value 1..5.
  std::vector<std::string> virus_words = {"clean", "cleaned", "suspicious", "harmful", "infected"};
};

struct RunContext {
  message::Message* message = nullptr;  // may be null (SMTP stages before DATA)
  Envelope envelope;
  Host* host = nullptr;                 // may be null: defaults
  RunLimits limits;
  ScoreTestConfig scores;
  // The capabilities the host offers for `ihave` beyond the script's own.
  std::vector<std::string> extra_capabilities;
};

ActionSet run(const Program& program, RunContext& context);

}  // namespace sievegate::policy
