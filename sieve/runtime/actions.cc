// RFC 5228 2.10 action rules; see actions.h.
#include "sieve/runtime/actions.h"

#include "base/ascii.h"

#include <algorithm>
#include <cctype>

namespace sievegate::policy {
namespace {

// RFC 5228 2.10.3: keep is fileinto "INBOX"; mailbox names compare with INBOX
// case-insensitively (RFC 3501 5.1), others exactly.
std::string_view mailbox_of(const Action& a) {
  return a.kind == Action::Kind::kKeep ? std::string_view("INBOX") : std::string_view(a.target);
}

bool same_mailbox(std::string_view a, std::string_view b) {
  if (ascii_iequals(a, "INBOX") && ascii_iequals(b, "INBOX")) return true;
  return a == b;
}

bool delivers(const Action& a) {
  return a.kind == Action::Kind::kKeep || a.kind == Action::Kind::kFileinto ||
         a.kind == Action::Kind::kRedirect;
}

bool is_reject(const Action& a) {
  return a.kind == Action::Kind::kReject || a.kind == Action::Kind::kEreject;
}

}  // namespace

const char* action_name(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::kKeep: return "keep";
    case Action::Kind::kFileinto: return "fileinto";
    case Action::Kind::kRedirect: return "redirect";
    case Action::Kind::kReject: return "reject";
    case Action::Kind::kEreject: return "ereject";
    case Action::Kind::kDiscard: return "discard";
    case Action::Kind::kVacation: return "vacation";
    case Action::Kind::kNotify: return "notify";
  }
  return "?";
}

std::optional<std::string> ActionSet::add(Action action) {
  // RFC 3501 5.1: INBOX is case-insensitive; spell it one way so keep and fileinto
  // "inbox" are recognised as the same delivery.
  if (action.kind == Action::Kind::kFileinto && ascii_iequals(action.target, "INBOX")) {
    action.target = "INBOX";
  }
  // RFC 5429 2.1 / 2.2: reject and ereject cannot be combined with actions that deliver
  // the message (keep, fileinto, redirect) or with vacation, nor with each other twice.
  for (const Action& existing : actions_) {
    bool conflict = (is_reject(action) && (delivers(existing) || is_reject(existing) ||
                                           existing.kind == Action::Kind::kVacation)) ||
                    (is_reject(existing) &&
                     (delivers(action) || action.kind == Action::Kind::kVacation));
    if (conflict) {
      return std::string("'") + action_name(action.kind) + "' cannot be used together with '" +
             action_name(existing.kind) + "' (RFC 5429)";
    }
  }
  // RFC 5230 4.7 (as Pigeonhole reads it): one vacation response per message.
  if (action.kind == Action::Kind::kVacation && has(Action::Kind::kVacation)) {
    return std::string("'vacation' may be used only once per message");
  }
  // RFC 5435 3.8: identical notifications (same method URI) are sent once.
  if (action.kind == Action::Kind::kNotify) {
    for (const Action& existing : actions_) {
      if (existing.kind == Action::Kind::kNotify && existing.target == action.target) {
        return std::nullopt;
      }
    }
  }
  // RFC 5228 2.10.3: the same delivery twice is done once.
  for (Action& existing : actions_) {
    bool mailbox_twice = (action.kind == Action::Kind::kKeep || action.kind == Action::Kind::kFileinto) &&
                         (existing.kind == Action::Kind::kKeep ||
                          existing.kind == Action::Kind::kFileinto) &&
                         same_mailbox(mailbox_of(action), mailbox_of(existing));
    bool redirect_twice = action.kind == Action::Kind::kRedirect &&
                          existing.kind == Action::Kind::kRedirect &&
                          action.target == existing.target;  // normalised by the interpreter
    bool discard_twice = action.kind == Action::Kind::kDiscard &&
                         existing.kind == Action::Kind::kDiscard;
    if (mailbox_twice || redirect_twice || discard_twice) {
      // The first one stands; the repeat does not change the implicit keep
      // (`fileinto :copy "A"; fileinto "A";` keeps it) but its flags replace the earlier
      // ones. This is how Pigeonhole, the reference implementation, reads 2.10.3.
      if (action.kind != Action::Kind::kDiscard && action.kind != Action::Kind::kRedirect) {
        existing.flags = action.flags;
        existing.has_flags = action.has_flags;
      }
      return std::nullopt;
    }
  }
  // RFC 5228 2.10.2: keep, fileinto, redirect (without :copy), discard and reject cancel
  // the implicit keep; vacation and notify do not.
  switch (action.kind) {
    case Action::Kind::kKeep:
    case Action::Kind::kDiscard:
    case Action::Kind::kReject:
    case Action::Kind::kEreject:
      implicit_keep_ = false;
      break;
    case Action::Kind::kFileinto:
    case Action::Kind::kRedirect:
      if (!action.copy) implicit_keep_ = false;
      break;
    case Action::Kind::kVacation:
    case Action::Kind::kNotify:
      break;
  }
  actions_.push_back(std::move(action));
  return std::nullopt;
}

void ActionSet::fail(RunStatus status, RuntimeError error) {
  status_ = status;
  errors_.push_back(std::move(error));
  actions_.clear();
  implicit_keep_ = true;
  envelope = EnvelopeChanges{};
}

std::size_t ActionSet::redirects() const {
  return static_cast<std::size_t>(std::count_if(actions_.begin(), actions_.end(), [](const Action& a) {
    return a.kind == Action::Kind::kRedirect;
  }));
}

bool ActionSet::has(Action::Kind kind) const {
  return std::any_of(actions_.begin(), actions_.end(),
                     [kind](const Action& a) { return a.kind == kind; });
}

}  // namespace sievegate::policy
