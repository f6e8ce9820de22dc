// The SMTP session state machine; see session.h. The handlers live beside it by topic:
// session_auth.cc (STARTTLS, AUTH), session_transaction.cc (EHLO, MAIL, RCPT, RSET),
// session_data.cc (DATA, BDAT, the relay of the message) and session_backend.cc (the
// backend's answers, through relay_client.h).
#include "smtp/session.h"

#include <algorithm>
#include <cstdio>

#include "smtp/replies.h"

namespace sievegate::proxy {
namespace {

constexpr std::size_t kMaxSaslLine = 12288;  // RFC 4954 4: at least 12288 octets

}  // namespace

Session::Session(SessionConfig config, SessionFacts facts, std::shared_ptr<StagePolicy> policy)
    : config_(std::move(config)), facts_(std::move(facts)), policy_(std::move(policy)),
      relay_(config_.hostname, config_.xclient, config_.backend_extensions) {
  if (!policy_) policy_ = std::make_shared<StagePolicy>();
  message_ = MessageBuffer(config_.data.spool);
}

Session::~Session() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  log("end", {{"reason", end_reason_},
              Log::Field("duration_ms", std::to_string(ms.count()), true),
              Log::Field("messages", std::to_string(messages_), true),
              Log::Field("received_bytes", std::to_string(received_), true),
              Log::Field("relayed_bytes", std::to_string(relayed_), true)});
}

std::string Session::elapsed_ms() const {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(us) / 1000.0);
  return buf;
}

// Every session event carries the session id, the client and the time since connect
// (t_ms), so the time a stage or the backend took is the difference between two lines.
void Session::log(std::string_view event, std::initializer_list<Log::Field> fields) const {
  if (!config_.log || !config_.log->enabled(Log::Level::kInfo)) return;
  config_.log->event(Log::Level::kInfo, event,
                     {{"session", facts_.id}, {"client", facts_.remote_ip}, Log::Field("t_ms", elapsed_ms(), true)},
                     fields);
}

void Session::log_verdict(const char* stage, const Verdict& v, std::initializer_list<Log::Field> fields) const {
  if (!config_.log || !config_.log->enabled(Log::Level::kInfo)) return;
  std::string result = v.reply ? (v.reply->positive() ? "accept" : "reject") : v.discard ? "discard" : "continue";
  std::string code = v.reply ? std::to_string(v.reply->code) : "";
  std::string text = v.reply ? first_line(*v.reply) : "";
  config_.log->event(Log::Level::kInfo, "stage",
                     {{"session", facts_.id}, {"client", facts_.remote_ip}, Log::Field("t_ms", elapsed_ms(), true),
                      {"stage", stage}, {"result", result},
                      Log::Field("code", code, true), {"reply", text}},
                     fields);
}

// Every reply, whatever produced it (syntax, sequence, policy, limits, the backend), takes
// its place behind the answers still awaited from the backend for pipelined RCPTs: the
// client pairs replies with its commands by their order alone (RFC 2920 3.1).
void Session::reply(Output& out, const Reply& r) {
  if (!rcpt_slots_.empty()) {
    RcptSlot slot;
    slot.id = next_slot_++;
    slot.reply = r;
    rcpt_slots_.push_back(slot);
    return;
  }
  emit(out, r);
}

void Session::emit(Output& out, const Reply& r) { out.to_client += r.wire(); }

// The session ends with answers still queued: each goes out in order, those the backend
// never gave as 451 (the transaction is abandoned, nothing is delivered).
void Session::drain_replies(Output& out) {
  for (const RcptSlot& slot : rcpt_slots_) {
    emit(out, slot.outstanding > 0 || !slot.reply
                  ? replies::kNextHopFailed
                  : *slot.reply);
  }
  rcpt_slots_.clear();
  relay_.clear_rcpts();
}

void Session::finish(Output& out, const Reply& r, const char* reason) {
  drain_replies(out);
  reply(out, r);
  if (!relay_.down()) RelayClient::quit(out.to_backend);
  out.close_client = true;
  out.close_backend = !relay_.down();
  closed_ = true;
  state_ = State::kClosed;
  end_reason_ = reason;
}

Output Session::start() {
  Output out;
  log("connect", {{"local", facts_.local_ip}, {"listener", facts_.listener}, {"tls", facts_.tls_version}});
  decide(PolicyStage::kConnect, out);
  return out;
}

void Session::connect_decided(const Verdict& v, Output& out) {
  log_verdict("connect", v, {});
  if (v.reply) {
    // Refused at connect: the reply replaces the banner and the session ends.
    reply(out, *v.reply);
    out.close_client = true;
    closed_ = true;
    state_ = State::kClosed;
    end_reason_ = "refused at connect";
    return;
  }
  reply(out, replies::greeting(config_.hostname, config_.greeting));
}

// ---------------------------------------------------------------- the policy seam

// Asks the policy about a stage. A verdict ready at once continues the stage here; one
// that comes later arrives through policy_done() (the network layer brings it to this
// session's thread), and until then no further input is processed.
void Session::decide(PolicyStage stage, Output& out) {
  StageRequest request{stage, facts_, stage >= PolicyStage::kMail ? &envelope_ : nullptr, nullptr};
  if (stage == PolicyStage::kData) {
    policy_message_ = std::make_shared<MessageBuffer>(std::move(message_));
    request.message = policy_message_;
  }
  awaiting_policy_ = stage;
  std::optional<Verdict> v = policy_->start(request, resume_);
  if (v) {
    decided(std::move(*v), out);
  } else if (!resume_) {
    // A policy that suspends with no way back (a session without a network layer).
    decided(Verdict{replies::kLocalProblem, false, false,
                    std::nullopt, std::nullopt, std::nullopt, std::nullopt, {"policy suspended without resume"}},
            out);
  }
}

Output Session::policy_done(Verdict v) {
  Output out;
  if (!awaiting_policy_ || closed_) return out;  // the session ended meanwhile
  decided(std::move(v), out);
  if (!closed_) process(out);
  return out;
}

Output Session::policy_timed_out() {
  Output out;
  if (closed_) return out;
  if (awaiting_auth_) {
    log("auth", {{"user", auth_user_}, {"result", "timeout"}});
    auth_result(AuthResult::kTempFail, out);
  } else if (awaiting_policy_) {
    // The policy may still be reading the message on a worker: it keeps its share, the
    // session forgets it (the transaction ends with the 451).
    policy_message_.reset();
    Verdict v;
    v.reply = replies::kLocalProblem;
    v.notes.push_back("the policy did not answer in time");
    log("policy", {{"stage", policy_stage_name(*awaiting_policy_)}, {"result", "timeout"}});
    decided(std::move(v), out);
  } else {
    return out;
  }
  if (!closed_) process(out);
  return out;
}

void Session::decided(Verdict v, Output& out) {
  PolicyStage stage = *awaiting_policy_;
  awaiting_policy_.reset();
  if (policy_message_) {
    // The policy is done with it (a suspended one called resume last).
    message_ = std::move(*policy_message_);
    policy_message_.reset();
  }
  switch (stage) {
    case PolicyStage::kConnect: connect_decided(v, out); break;
    case PolicyStage::kEhlo: ehlo_decided(v, out); break;
    case PolicyStage::kAuth: auth_decided(v, out); break;
    case PolicyStage::kMail: mail_decided(v, out); break;
    case PolicyStage::kRcpt: rcpt_decided(v, out); break;
    case PolicyStage::kData: data_decided(v, out); break;
  }
}

Output Session::client_bytes(std::string_view bytes) {
  Output out;
  if (closed_) return out;
  received_ += bytes.size();
  if (received_ > config_.transfer_limit) {
    // Nothing of this input is processed, so nothing past the limit is relayed.
    finish(out, replies::transfer_quota(config_.hostname),
           "transfer limit");
    return out;
  }
  if (state_ == State::kTls) return out;  // plaintext after STARTTLS is never read
  input_.append(bytes);
  process(out);
  return out;
}

// Handles buffered input until it runs out or a command has to wait for the backend.
void Session::process(Output& out) {
  while (!closed_ && !awaiting_policy_ && !awaiting_auth_ && state_ != State::kWaiting && state_ != State::kTls && state_ != State::kTarpit) {
    bool more = state_ == State::kData   ? process_data(out)
                : state_ == State::kBdat ? process_bdat(out)
                                         : process_line(out);
    if (!more) return;
  }
}

// DATA content up to the final dot. False: more input is needed.
bool Session::process_data(Output& out) {
  std::size_t used = 0;
  DataReader::Status status = data_->feed(input_, used);
  input_.erase(0, used);
  if (status == DataReader::Status::kMore) return false;
  state_ = State::kCommands;
  switch (status) {
    case DataReader::Status::kDone:
      message_ = data_->take_message();
      data_.reset();
      on_data_end(out);
      return true;
    case DataReader::Status::kTooBig:
      reply(out, replies::kTooBig);
      log("stage", {{"stage", "data"}, {"result", "reject"}, {"reply", "message too big"}});
      break;
    case DataReader::Status::kLineTooLong:
      reply(out, replies::kDataLineTooLong);
      break;
    case DataReader::Status::kSpoolFailed:
      reply(out, replies::kLocalProblem);
      log("error", {{"stage", "data"}, {"error", "cannot write the spool file"}});
      break;
    case DataReader::Status::kBareLineEnd:
      // Client and backend could read the message differently: stop talking.
      finish(out, replies::bare_line_end(config_.hostname),
             "bare CR or LF in DATA");
      return false;
    default:
      break;
  }
  data_.reset();
  reset_transaction();
  end_backend_transaction(out);
  return true;
}

// A BDAT chunk's bytes. False: more input is needed.
bool Session::process_bdat(Output& out) {
  std::size_t take = std::min(bdat_remaining_, input_.size());
  if (!bdat_error_) {
    if (message_.size() + take > config_.data.max_message_size) {
      bdat_error_ = replies::kTooBig;
      message_.clear();
    } else if (!message_.append(std::string_view(input_).substr(0, take))) {
      bdat_error_ = replies::kLocalProblem;
      message_.clear();
    }
  }
  input_.erase(0, take);
  bdat_remaining_ -= take;
  if (bdat_remaining_ > 0) return false;
  state_ = State::kCommands;
  bdat_chunk_done(out);
  return true;
}

// A command line, or a SASL response line in AUTH. False: no complete line to handle.
bool Session::process_line(Output& out) {
  if (!rcpt_slots_.empty() && state_ == State::kCommands) {
    // RCPTs are in flight: only another RCPT may be pipelined after them.
    if (input_.find('\n') == std::string::npos) return false;
    if (!can_pipeline_rcpt()) {
      state_ = State::kWaiting;
      return false;
    }
  }
  std::size_t limit = state_ == State::kAuth ? std::max(kMaxSaslLine, config_.max_command_line)
                                             : config_.max_command_line;
  std::size_t nl = input_.find('\n');
  if (skip_line_) {
    // The rest of a line already answered as too long: dropped up to its end.
    if (nl == std::string::npos) {
      input_.clear();
      return false;
    }
    input_.erase(0, nl + 1);
    skip_line_ = false;
    return true;
  }
  if (nl == std::string::npos) {
    if (input_.size() > limit) {
      input_.clear();
      skip_line_ = true;
      state_ = State::kCommands;
      fail_command(out, replies::kLineTooLong);
    }
    return false;
  }
  std::string line = input_.substr(0, nl);
  input_.erase(0, nl + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > limit) {
    state_ = State::kCommands;
    fail_command(out, replies::kLineTooLong);
    return true;
  }
  if (state_ == State::kAuth) {
    auth_line(line, out);
    return true;
  }
  command(line, out);
  return true;
}

void Session::fail_command(Output& out, Reply r) {
  reply(out, r);
  if (++errors_ >= config_.max_errors) {
    finish(out, replies::kTooManyErrors, "too many errors");
  }
}

Output Session::tarpit_over() {
  Output out;
  if (state_ == State::kTarpit) {
    state_ = State::kCommands;
    process(out);
  }
  return out;
}

// config.md: a session limit ends the session with 421 (RFC 5321 3.8) and the
// backend session is ended politely.
Output Session::end_with(const Reply& r, const char* reason) {
  Output out;
  if (closed_) return out;
  finish(out, r, reason);
  return out;
}

Output Session::timed_out() {
  return end_with(replies::inactive(config_.hostname), "timeout");
}

Output Session::session_expired() {
  return end_with(replies::too_long(config_.hostname), "duration");
}

Output Session::shutting_down(bool now) {
  if (!now && !idle()) return {};
  return end_with(replies::shutting_down(config_.hostname),
                  "server shutting down");
}

}  // namespace sievegate::proxy
