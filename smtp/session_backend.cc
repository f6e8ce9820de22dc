// The backend's side of the session: its answers, as relay_client.h frames and reads
// them, become the client's replies; see session.h.
#include "smtp/session.h"

#include "smtp/replies.h"

namespace sievegate::proxy {

void Session::abandon_backend(Output& out) {
  if (relay_.down()) return;
  RelayClient::quit(out.to_backend);
  out.close_backend = true;
  relay_.lost();
}

Output Session::backend_connected() {
  Output out;
  relay_.connected();
  return out;
}

Output Session::backend_bytes(std::string_view bytes) {
  Output out;
  if (relay_.down()) return out;  // late bytes from a backend we left
  relay_.feed(bytes);
  while (!relay_.down()) {
    Reply r;
    RelayClient::Next next = relay_.next_reply(r);
    if (next == RelayClient::Next::kNone) break;
    if (next == RelayClient::Next::kBad) {
      backend_failed_into(out, "bad reply: not an SMTP reply");
      break;
    }
    backend_step(r, out);
  }
  if (relay_.overflowing()) backend_failed_into(out, "bad reply: over 1 MiB without an end");
  if (state_ != State::kWaiting) process(out);
  return out;
}

void Session::backend_step(const Reply& r, Output& out) {
  RelayClient::Step step = relay_.on_reply(r, facts_, out.to_backend);
  switch (step.kind) {
    case RelayClient::Step::Kind::kFailed:
      backend_failed_into(out, step.cause);
      return;
    case RelayClient::Step::Kind::kReady:
      if (step.refused) log_backend(step.refused, r);  // XCLIENT/XFORWARD refused: carry on without it
      backend_ready(out);
      return;
    case RelayClient::Step::Kind::kTransaction:
      transaction_reply(r, out);
      return;
    case RelayClient::Step::Kind::kIgnored:
    case RelayClient::Step::Kind::kHandshake:
      return;
  }
}

// A reply to a transaction command. One that is not 2xx, 4xx or 5xx here (a 354 after
// the final dot, a 1xx) means the backend and we disagree on where we are: give up on
// this backend session rather than guess.
void Session::transaction_reply(const Reply& r, Output& out) {
  bool nonsense = r.code < 200 || (r.code >= 300 && r.code < 400 && pending_ != Pending::kDataCommand);
  if (nonsense && pending_ != Pending::kNone) {
    backend_failed_into(out, "bad reply: unexpected " + std::to_string(r.code) + " " + first_line(r));
    return;
  }
  Pending p = pending_;
  pending_ = Pending::kNone;
  switch (p) {
    case Pending::kMail:
      log_backend("mail", r);
      if (r.positive()) have_mail_ = true;
      reply(out, r);
      break;
    case Pending::kRcpt:
      if (!rcpt_answer(r, out)) return;
      break;
    case Pending::kReplay:
      replay_answer(r, out);
      return;
    case Pending::kDataCommand:
      data_command_answer(r, out);
      return;
    case Pending::kDataEnd:
      // The client hears the backend's final reply: 250 only after the backend's 250.
      log_backend("data", r);
      reply(out, r);
      reset_transaction();
      break;
    case Pending::kRset:
      reply(out, r.positive() ? r : replies::kOk);
      break;
    case Pending::kInternalRset:
      break;
    case Pending::kNone:
      return;
  }
  resume(out);
}

// A relayed recipient's answer goes to its client RCPT's slot; the answers complete in
// the client's order go out. True when no more answers are awaited.
bool Session::rcpt_answer(const Reply& r, Output& out) {
  log_backend("rcpt", r);
  RelayClient::Rcpt answered = relay_.rcpt_answered(out.to_backend);
  if (r.positive()) envelope_.rcpts.push_back(answered.address);
  for (RcptSlot& slot : rcpt_slots_) {
    if (slot.id != answered.slot) continue;
    if (!slot.reply || !slot.reply->positive()) slot.reply = r;  // first acceptance, else last refusal
    --slot.outstanding;
    break;
  }
  flush_rcpt_slots(out);
  if (closed_) return false;
  if (relay_.rcpts_in_flight()) {
    pending_ = Pending::kRcpt;
    return false;  // more answers to come
  }
  flush_rcpt_slots(out);  // local answers queued behind the last one
  return true;
}

void Session::replay_answer(const Reply& r, Output& out) {
  if (!r.positive()) {
    // The backend refuses the envelope the policy asked for: the message is not
    // relayed and the client hears why (never a 250).
    log_backend("replay", r);
    reply(out, r.code >= 500 ? r : replies::kNextHopFailed);
    reset_transaction();
    internal_rset(out);
    return;  // still waiting (for the RSET)
  }
  if (relay_.replay_next(out.to_backend)) {
    pending_ = Pending::kReplay;
    return;
  }
  start_relay(out);
}

void Session::data_command_answer(const Reply& r, Output& out) {
  if (r.code != 354) {
    log_backend("data", r);
    // The backend's refusal is the client's answer; anything else is nonsense.
    reply(out, r.code >= 400 ? r : replies::kBackendRefusedMessage);
    reset_transaction();
    // The backend still holds MAIL and RCPT: end that transaction too.
    internal_rset(out);
    return;  // waiting for the RSET
  }
  pending_ = Pending::kDataEnd;
  relay_.set_busy();
  out.backend_source = std::make_shared<RelaySource>(std::move(message_), true, std::move(relay_prefix_));
  message_ = MessageBuffer(config_.data.spool);
}

// RSET of our own, whose answer nobody waits for but the next command.
void Session::internal_rset(Output& out) {
  relay_.send(out.to_backend, "RSET");
  pending_ = Pending::kInternalRset;
}

void Session::log_backend(const char* stage, const Reply& r) const {
  log("backend", {{"stage", stage}, Log::Field("code", std::to_string(r.code), true), {"reply", first_line(r)}});
}

void Session::backend_ready(Output& out) {
  relay_.set_ready();
  if (!pending_line_.empty() && pending_ == Pending::kMail) {
    std::string line = pending_line_;
    pending_line_.clear();
    relay_.send(out.to_backend, line);
  }
}

void Session::resume(Output&) {
  if (state_ == State::kWaiting) state_ = State::kCommands;
}

Output Session::backend_failed(std::string_view cause) {
  Output out;
  backend_failed_into(out, cause);
  if (!closed_ && state_ != State::kWaiting) process(out);
  return out;
}

namespace {

// For the log's waiting_for; a switch without default, so -Wswitch flags a new value.
const char* wait_name(Session::BackendWait wait) {
  switch (wait) {
    case Session::BackendWait::kNone: return "nothing";
    case Session::BackendWait::kConnect: return "connect";
    case Session::BackendWait::kGreeting: return "greeting";
    case Session::BackendWait::kEhlo: return "EHLO";
    case Session::BackendWait::kMail: return "MAIL";
    case Session::BackendWait::kRcpt: return "RCPT";
    case Session::BackendWait::kDataEnd: return "end of data";
    case Session::BackendWait::kOther: return "reply";
  }
  return "reply";
}

}  // namespace

// The backend is gone (refused, reset, timed out or talking nonsense): whatever the
// client waits for gets a temporary failure - never 250, never a 5xx for our fault.
void Session::backend_failed_into(Output& out, std::string_view cause) {
  const char* waiting_for = wait_name(backend_wait());
  Pending p = pending_;
  // A transaction the client has not heard the end of: its remaining commands get 451.
  if (have_mail_ || state_ == State::kData || state_ == State::kBdat ||
      (p != Pending::kNone && p != Pending::kRset && p != Pending::kInternalRset)) {
    txn_failed_ = true;
  }
  pending_ = Pending::kNone;
  pending_line_.clear();
  if (p == Pending::kRcpt) {
    // Every client RCPT still open gets its answer, in order: 451 where the backend
    // did not answer in full.
    drain_replies(out);
    p = Pending::kNone;
  }
  bool was_up = !relay_.down();
  relay_.lost();
  out.close_backend = true;
  // What failed, where and while waiting for what: at warn, as the operator must act
  // (a backend closing a connection that waited for nothing is only noted).
  Log::Level level = std::string_view(waiting_for) == "nothing" && cause == "closed" ? Log::Level::kInfo : Log::Level::kWarn;
  if ((was_up || p != Pending::kNone) && config_.log && config_.log->enabled(level)) {
    config_.log->event(level, "backend",
                       {{"session", facts_.id}, {"client", facts_.remote_ip}, Log::Field("t_ms", elapsed_ms(), true)},
                       {{"stage", "failed"}, {"address", config_.backend_address}, {"cause", std::string(cause)},
                        {"waiting_for", waiting_for}});
  }
  switch (p) {
    case Pending::kMail:
    case Pending::kRcpt:
    case Pending::kReplay:
    case Pending::kDataCommand:
    case Pending::kDataEnd:
      reply(out, replies::kNextHopFailed);
      break;
    case Pending::kRset:
      reply(out, replies::kOk);
      break;
    case Pending::kInternalRset:
    case Pending::kNone:
      break;
  }
  reset_transaction();
  if (state_ == State::kWaiting) state_ = State::kCommands;
}

void Session::reply_lost(Output& out) {
  reply(out, replies::kNextHopFailed);
}

// Ends the backend's side of a transaction the client's side has finished (refused,
// discarded, too big): RSET, whose answer nobody waits for but the next command.
void Session::end_backend_transaction(Output& out) {
  if (relay_.down() || relay_.state() == RelayClient::State::kConnecting) return;
  internal_rset(out);
  state_ = State::kWaiting;
}

Session::BackendWait Session::backend_wait() const {
  switch (relay_.state()) {
    case RelayClient::State::kDown: return BackendWait::kNone;
    case RelayClient::State::kConnecting: return BackendWait::kConnect;
    case RelayClient::State::kGreeting: return BackendWait::kGreeting;
    case RelayClient::State::kEhlo:
    case RelayClient::State::kEhloAgain:
    case RelayClient::State::kXclient:
    case RelayClient::State::kXforward: return BackendWait::kEhlo;
    case RelayClient::State::kReady: return BackendWait::kNone;
    case RelayClient::State::kBusy:
    case RelayClient::State::kQuitting: break;
  }
  switch (pending_) {
    case Pending::kNone: return relay_.state() == RelayClient::State::kQuitting ? BackendWait::kOther : BackendWait::kNone;
    case Pending::kMail: return BackendWait::kMail;
    case Pending::kRcpt: return BackendWait::kRcpt;
    case Pending::kDataEnd: return BackendWait::kDataEnd;
    default: return BackendWait::kOther;
  }
}

}  // namespace sievegate::proxy
