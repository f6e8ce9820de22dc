// The product of the execute stage: what a script asked for, after RFC 5228 rules.
//
// The interpreter decides, the host acts: nothing here sends mail or touches a mailbox.
// ActionSet applies RFC 5228 2.10 as actions are added: implicit keep and its
// cancellation, duplicate suppression (2.10.3), and the conflicts of RFC 5429 (reject
// with delivering actions). A run that fails (runtime error or limit) reports errors
// and falls back to the implicit keep (2.10.6).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sieve/front/diagnostic.h"

namespace sievegate::policy {

struct Action {
  enum class Kind { kKeep, kFileinto, kRedirect, kReject, kEreject, kDiscard, kVacation, kNotify };
  Kind kind = Kind::kKeep;
  SourcePos pos;
  std::string target;  // fileinto: mailbox; redirect: address; notify: method URI
  std::string reason;  // reject/ereject/vacation: the reason; notify: :message
  bool copy = false;   // RFC 3894
  bool has_flags = false;
  std::vector<std::string> flags;  // RFC 5232 flags for keep / fileinto
  bool create = false;             // RFC 5490 :create
  std::string special_use;         // RFC 8579
  std::string mailbox_id;          // RFC 9042
  // vacation (RFC 5230, 6131)
  std::string subject, from, handle;
  std::vector<std::string> addresses;
  std::optional<std::uint64_t> seconds;
  bool mime = false;
  // notify (RFC 5435)
  int importance = 2;
  std::vector<std::string> options;
  // redirect (RFC 6009)
  std::string dsn_notify, dsn_ret;
};

const char* action_name(Action::Kind kind);

struct RuntimeError {
  SourcePos pos;
  std::string message;
};

enum class RunStatus {
  kOk,          // the script ran to its end (or stop)
  kError,       // a runtime error: implicit keep, actions dropped (RFC 5228 2.10.6)
  kLimit,       // a limit was reached (instructions, time, sizes): treated as an error
};

// Envelope changes a script asked for with `set "envelope.from"` / `"envelope.to"`
// (Stalwart's trusted-script extension; config.md).
struct EnvelopeChanges {
  std::optional<std::string> from;
  std::optional<std::string> to;
};

class ActionSet {
 public:
  // Adds an action following RFC 5228 2.10; returns an error text on a conflict.
  std::optional<std::string> add(Action action);
  void fail(RunStatus status, RuntimeError error);

  const std::vector<Action>& actions() const { return actions_; }
  bool implicit_keep() const { return implicit_keep_; }
  const std::vector<std::string>& implicit_keep_flags() const { return implicit_keep_flags_; }
  void set_implicit_keep_flags(std::vector<std::string> flags) {
    implicit_keep_flags_ = std::move(flags);
  }
  const std::vector<RuntimeError>& errors() const { return errors_; }
  RunStatus status() const { return status_; }
  std::size_t redirects() const;
  bool has(Action::Kind kind) const;

  EnvelopeChanges envelope;
  bool message_changed = false;
  // IDs the duplicate test looked at (RFC 7352 3): the host records them once the
  // message was delivered, so a later run sees them and this run does not.
  struct DuplicateId {
    std::string handle, id;
    std::uint64_t seconds = 0;
    bool last = false;
  };
  std::vector<DuplicateId> duplicate_ids;
  // The whole new message when replace / enclose (RFC 5703) built one; edits made after
  // it are included. Empty when the caller's message was edited in place (editheader).
  std::optional<std::string> replaced_message;

 private:
  std::vector<Action> actions_;
  bool implicit_keep_ = true;
  std::vector<std::string> implicit_keep_flags_;
  std::vector<RuntimeError> errors_;
  RunStatus status_ = RunStatus::kOk;
};

}  // namespace sievegate::policy
