// The SMTP session state machine; see session.h.
#include "smtp/session.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "base/ascii.h"
#include "smtp/replies.h"

namespace sievegate::proxy {
namespace {

// A complete reply from the backend at the front of `buffer`: its length, or 0.
std::size_t complete_reply(std::string_view buffer) {
  std::size_t start = 0;
  while (true) {
    std::size_t nl = buffer.find('\n', start);
    if (nl == std::string_view::npos) return 0;
    std::string_view line = buffer.substr(start, nl - start);
    if (line.size() < 4 || line[3] == ' ' || (line.size() == 4 && line[3] == '\r')) return nl + 1;
    if (line.size() >= 4 && line[3] != '-') return nl + 1;  // malformed: let the parser say so
    start = nl + 1;
  }
}

// RFC 1891 5 xtext, the encoding of XCLIENT and XFORWARD attribute values.
std::string xtext(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 33 || c > 126 || c == '+' || c == '=') {
      out += '+';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

// The attribute names after "XCLIENT"/"XFORWARD" in an EHLO line.
bool offers(const std::string& upper_line, std::string_view attribute) {
  std::size_t pos = 0;
  while ((pos = upper_line.find(attribute, pos)) != std::string::npos) {
    bool start = pos > 0 && upper_line[pos - 1] == ' ';
    std::size_t end = pos + attribute.size();
    if (start && (end == upper_line.size() || upper_line[end] == ' ')) return true;
    pos = end;
  }
  return false;
}

bool has_bare_line_end(std::string_view m) {
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\r' && (i + 1 == m.size() || m[i + 1] != '\n')) return true;
    if (m[i] == '\n' && (i == 0 || m[i - 1] != '\r')) return true;
  }
  return false;
}

std::string normalize_line_ends(std::string_view m) {
  std::string out;
  out.reserve(m.size() + 64);
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\r') {
      out += "\r\n";
      if (i + 1 < m.size() && m[i + 1] == '\n') ++i;
    } else if (m[i] == '\n') {
      out += "\r\n";
    } else {
      out += m[i];
    }
  }
  return out;
}

std::string first_line(const Reply& r) { return r.lines.empty() ? "" : r.lines.front(); }

constexpr std::size_t kMaxSaslLine = 12288;  // RFC 4954 4: at least 12288 octets

}  // namespace

void BackendExtensions::learn(const std::vector<std::string>& keyword_lines) {
  bool dsn = false, xclient_addr = false, eight_bit = false, smtputf8 = false;
  for (const std::string& line : keyword_lines) {
    std::string upper = policy::ascii_upper(line);
    std::string_view keyword = std::string_view(upper).substr(0, upper.find(' '));
    if (keyword == "DSN") dsn = true;
    if (keyword == "8BITMIME") eight_bit = true;
    if (keyword == "SMTPUTF8") smtputf8 = true;
    if (keyword == "XCLIENT") xclient_addr = (" " + upper + " ").find(" ADDR ") != std::string::npos;
  }
  dsn_.store(dsn, std::memory_order_relaxed);
  eight_bit_.store(eight_bit, std::memory_order_relaxed);
  smtputf8_.store(smtputf8, std::memory_order_relaxed);
  xclient_addr_.store(xclient_addr, std::memory_order_relaxed);
  known_.store(true, std::memory_order_relaxed);
}

void StageLimits::merge(const StageLimits& later) {
  auto take = [](auto& mine, const auto& theirs) {
    if (theirs) mine = theirs;
  };
  take(pipelining, later.pipelining);
  take(chunking, later.chunking);
  take(dsn, later.dsn);
  take(eight_bit, later.eight_bit);
  take(smtputf8, later.smtputf8);
  take(auth_require, later.auth_require);
  take(auth_allow_plain_text, later.auth_allow_plain_text);
  take(max_message_size, later.max_message_size);
  take(max_messages, later.max_messages);
  take(max_recipients, later.max_recipients);
  take(relay, later.relay);
  take(rcpt_directory, later.rcpt_directory);
  take(max_received_headers, later.max_received_headers);
  take(add_received, later.add_received);
}

void StageLimits::apply(SessionConfig& c) const {
  if (pipelining) c.pipelining = *pipelining;
  if (chunking) c.chunking = *chunking;
  if (dsn) c.dsn_setting = *dsn;
  if (eight_bit) c.eight_bit_setting = *eight_bit;
  if (smtputf8) c.smtputf8_setting = *smtputf8;
  if (auth_require) c.auth.require = *auth_require;
  if (auth_allow_plain_text) c.auth.allow_plain_text = *auth_allow_plain_text;
  if (max_message_size) c.data.max_message_size = *max_message_size;
  if (max_messages) c.max_messages = *max_messages;
  if (max_recipients) c.max_recipients = *max_recipients;
  if (relay) c.relay = *relay;
  if (rcpt_directory) c.rcpt_directory = *rcpt_directory;
  if (max_received_headers) c.max_received_headers = *max_received_headers;
  if (add_received) c.add_received = *add_received;
}

Session::Session(SessionConfig config, SessionFacts facts, std::shared_ptr<StagePolicy> policy)
    : config_(std::move(config)), facts_(std::move(facts)), policy_(std::move(policy)) {
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
  rcpt_sent_.clear();
  rcpt_unsent_.clear();
}

void Session::finish(Output& out, const Reply& r, const char* reason) {
  drain_replies(out);
  reply(out, r);
  if (backend_ != Backend::kDown) out.to_backend += "QUIT\r\n";
  out.close_client = true;
  out.close_backend = backend_ != Backend::kDown;
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
    if (state_ == State::kData) {
      std::size_t used = 0;
      DataReader::Status status = data_->feed(input_, used);
      input_.erase(0, used);
      if (status == DataReader::Status::kMore) return;
      state_ = State::kCommands;
      switch (status) {
        case DataReader::Status::kDone:
          message_ = data_->take_message();
          data_.reset();
          on_data_end(out);
          continue;
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
          return;
        default:
          break;
      }
      data_.reset();
      reset_transaction();
      end_backend_transaction(out);
      continue;
    }
    if (state_ == State::kBdat) {
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
      if (bdat_remaining_ > 0) return;
      state_ = State::kCommands;
      bdat_chunk_done(out);
      continue;
    }
    if (!rcpt_slots_.empty() && state_ == State::kCommands) {
      // RCPTs are in flight: only another RCPT may be pipelined after them.
      if (input_.find('\n') == std::string::npos) return;
      if (!can_pipeline_rcpt()) {
        state_ = State::kWaiting;
        return;
      }
    }
    std::size_t limit = state_ == State::kAuth ? std::max(kMaxSaslLine, config_.max_command_line)
                                               : config_.max_command_line;
    std::size_t nl = input_.find('\n');
    if (skip_line_) {
      // The rest of a line already answered as too long: dropped up to its end.
      if (nl == std::string::npos) {
        input_.clear();
        return;
      }
      input_.erase(0, nl + 1);
      skip_line_ = false;
      continue;
    }
    if (nl == std::string::npos) {
      if (input_.size() > limit) {
        input_.clear();
        skip_line_ = true;
        state_ = State::kCommands;
        fail_command(out, replies::kLineTooLong);
      }
      return;
    }
    std::string line = input_.substr(0, nl);
    input_.erase(0, nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > limit) {
      state_ = State::kCommands;
      fail_command(out, replies::kLineTooLong);
      continue;
    }
    if (state_ == State::kAuth) {
      auth_line(line, out);
      continue;
    }
    command(line, out);
  }
}

void Session::fail_command(Output& out, Reply r) {
  reply(out, r);
  if (++errors_ >= config_.max_errors) {
    finish(out, replies::kTooManyErrors, "too many errors");
  }
}

void Session::command(const std::string& line, Output& out) {
  ParsedCommand parsed = parse_command(line);
  if (!parsed.command) {
    fail_command(out, *parsed.error);
    return;
  }
  const Command& cmd = *parsed.command;
  switch (cmd.verb) {
    case Verb::kEhlo: on_ehlo(cmd, true, out); return;
    case Verb::kHelo: on_ehlo(cmd, false, out); return;
    case Verb::kMail: on_mail(cmd, out); return;
    case Verb::kRcpt: on_rcpt(cmd, out); return;
    case Verb::kData: on_data(out); return;
    case Verb::kBdat: on_bdat(cmd, out); return;
    case Verb::kRset: on_rset(out); return;
    case Verb::kNoop: reply(out, replies::kOk); return;
    case Verb::kHelp:
      reply(out, replies::kHelp);
      return;
    case Verb::kVrfy:
    case Verb::kExpn:
      // RFC 5321 3.5.3: cannot verify, but will accept and try.
      reply(out, replies::kCannotVrfy);
      return;
    case Verb::kQuit:
      finish(out, replies::bye(config_.hostname), "quit");
      return;
    case Verb::kStarttls: on_starttls(cmd, out); return;
    case Verb::kAuth: on_auth(cmd, out); return;
    case Verb::kUnknown:
      fail_command(out, replies::kUnrecognized);
      return;
  }
}

void Session::on_ehlo(const Command& cmd, bool extended, Output& out) {
  if (extended && config_.reject_non_fqdn && cmd.argument.find('.') == std::string::npos &&
      cmd.argument.front() != '[') {
    reply(out, replies::kInvalidEhlo);  // the session goes on
    return;
  }
  policy_previous_helo_ = facts_.helo;
  facts_.helo = cmd.argument;
  facts_.esmtp = extended;
  if (extended) {
    decide(PolicyStage::kEhlo, out);
    return;
  }
  ehlo_accepted(false, out);
}

void Session::ehlo_decided(const Verdict& v, Output& out) {
  log_verdict("ehlo", v, {{"helo", facts_.helo}});
  if (v.reply) {
    facts_.helo = policy_previous_helo_;  // the EHLO is undone; the client may try again
    reply(out, *v.reply);
    return;
  }
  ehlo_accepted(true, out);
}

void Session::ehlo_accepted(bool extended, Output& out) {
  reset_transaction();
  txn_failed_ = false;
  if (config_.settings) config_.settings->at_ehlo(facts_).apply(config_);
  // DSN is the backend's to honour: offered as the config pins it, else as the backend
  // is known to offer it.
  config_.dsn = config_.dsn_setting ? *config_.dsn_setting
                                    : config_.backend_extensions && config_.backend_extensions->dsn();
  // 8BITMIME and SMTPUTF8 likewise, offered until the backend is known not to have them.
  bool known = config_.backend_extensions && config_.backend_extensions->known();
  eight_bit_ = config_.eight_bit_setting.value_or(!known || config_.backend_extensions->eight_bit());
  smtputf8_ = config_.smtputf8_setting.value_or(!known || config_.backend_extensions->smtputf8());
  if (!extended) {
    reply(out, replies::hello(config_.hostname));
    return;
  }
  Reply r(250, "", config_.hostname + " says hello");
  if (config_.pipelining) r.lines.push_back("PIPELINING");
  if (config_.chunking) r.lines.push_back("CHUNKING");
  r.lines.push_back("SIZE " + std::to_string(config_.data.max_message_size));
  if (eight_bit_) r.lines.push_back("8BITMIME");
  if (smtputf8_) r.lines.push_back("SMTPUTF8");
  r.lines.push_back("ENHANCEDSTATUSCODES");
  if (config_.dsn) r.lines.push_back("DSN");
  if (config_.starttls && facts_.tls_version.empty()) r.lines.push_back("STARTTLS");
  if (config_.auth.enabled() && facts_.authenticated_as.empty() &&
      (!facts_.tls_version.empty() || config_.auth.allow_plain_text)) {
    std::string mechs = "AUTH";
    if (config_.auth.plain) mechs += " PLAIN";
    if (config_.auth.login) mechs += " LOGIN";
    r.lines.push_back(mechs);
  }
  r.lines.push_back("HELP");
  reply(out, r);
}

// What this session's EHLO reply offered: the parameters MAIL and RCPT may carry. After
// HELO nothing was offered (RFC 5321 4.1.1.1), so every parameter is refused.
Advertised Session::advertised() const {
  Advertised a;
  if (!facts_.esmtp) {
    a.size = a.eight_bit = a.smtputf8 = false;
    return a;
  }
  a.dsn = config_.dsn;
  a.eight_bit = eight_bit_;
  a.smtputf8 = smtputf8_;
  a.auth = config_.auth.enabled() && (!facts_.tls_version.empty() || config_.auth.allow_plain_text);
  return a;
}

void Session::on_starttls(const Command& cmd, Output& out) {
  if (!config_.starttls) {
    fail_command(out, replies::kStartTlsNotOffered);
    return;
  }
  if (!facts_.tls_version.empty()) {
    fail_command(out, replies::kAlreadyTls);
    return;
  }
  if (!cmd.argument.empty()) {
    fail_command(out, replies::kStartTlsSyntax);
    return;
  }
  if (have_mail_) {
    fail_command(out, replies::kStartTlsInTransaction);
    return;
  }
  reply(out, replies::kStartTls);
  // RFC 3207 4.2 / CVE-2011-0411: commands pipelined after STARTTLS were sent in clear
  // and must not be executed inside the TLS session.
  input_.clear();
  // The backend learnt the client's identity before TLS; the next transaction opens a
  // new backend session with what is learnt after it.
  abandon_backend(out);
  out.start_tls = true;
  state_ = State::kTls;
}

Output Session::tls_started(std::string version, std::string cipher) {
  Output out;
  facts_.tls_version = std::move(version);
  facts_.tls_cipher = std::move(cipher);
  log("tls", {{"version", facts_.tls_version}, {"cipher", facts_.tls_cipher}});
  // RFC 3207 4.2: discard what was learnt from the client before the handshake.
  facts_.helo.clear();
  facts_.esmtp = false;
  facts_.authenticated_as.clear();
  reset_transaction();
  if (state_ == State::kTls) state_ = State::kCommands;
  return out;
}

Output Session::tls_failed(const std::string& why) {
  Output out;
  log("tls", {{"result", "failed"}, {"error", why}});
  // The client is no longer speaking SMTP we can read: no reply can be sent in clear.
  out.close_client = true;
  out.close_backend = backend_ != Backend::kDown;
  closed_ = true;
  state_ = State::kClosed;
  end_reason_ = "TLS handshake failed";
  return out;
}

void Session::on_auth(const Command& cmd, Output& out) {
  if (!config_.auth.enabled()) {
    fail_command(out, replies::kAuthNotAllowed);
    return;
  }
  if (!facts_.esmtp) {
    fail_command(out, replies::kEhloFirst);
    return;
  }
  if (!facts_.authenticated_as.empty()) {
    fail_command(out, replies::kAuthAgain);
    return;
  }
  if (have_mail_) {
    fail_command(out, replies::kAuthInTransaction);
    return;
  }
  if (facts_.tls_version.empty() && !config_.auth.allow_plain_text) {
    fail_command(out, replies::kAuthNeedsTls);
    return;
  }
  std::string_view arg = cmd.argument;
  std::size_t sp = arg.find(' ');
  std::string mechanism = policy::ascii_upper(arg.substr(0, sp));
  std::string initial = sp == std::string_view::npos ? "" : std::string(arg.substr(sp + 1));
  bool has_initial = sp != std::string_view::npos;
  if (mechanism == "PLAIN" && config_.auth.plain) {
    auth_step_ = AuthStep::kPlain;
  } else if (mechanism == "LOGIN" && config_.auth.login) {
    auth_step_ = AuthStep::kLoginUser;
  } else {
    reply(out, replies::kAuthMechanism);
    return;
  }
  state_ = State::kAuth;
  if (has_initial) {
    auth_line(initial, out);
    return;
  }
  // RFC 4954 4: an empty challenge for PLAIN; LOGIN asks "Username:" then "Password:".
  reply(out, replies::challenge(auth_step_ == AuthStep::kPlain ? "" : encode_sasl("Username:")));
}

void Session::auth_line(const std::string& line, Output& out) {
  state_ = State::kCommands;
  if (line == "*") {
    reply(out, replies::kAuthCancelled);
    return;
  }
  std::optional<std::string> decoded = decode_sasl(line);
  if (!decoded) {
    auth_failed(out, replies::kAuthBadChallenge);
    return;
  }
  switch (auth_step_) {
    case AuthStep::kPlain: {
      std::optional<PlainCredentials> c = parse_sasl_plain(*decoded);
      // An authorization identity other than the login itself is not supported.
      if (!c || (!c->authzid.empty() && c->authzid != c->user)) {
        auth_failed(out, replies::kAuthInvalid);
        return;
      }
      auth_finish(c->user, c->password, out);
      return;
    }
    case AuthStep::kLoginUser:
      auth_user_ = *decoded;
      auth_step_ = AuthStep::kLoginPassword;
      state_ = State::kAuth;
      reply(out, replies::challenge(encode_sasl("Password:")));
      return;
    case AuthStep::kLoginPassword: {
      std::string user = std::move(auth_user_);
      auth_user_.clear();
      if (user.empty() || user.size() > 255 || decoded->size() > 255) {
        auth_failed(out, replies::kAuthInvalid);
        return;
      }
      auth_finish(user, *decoded, out);
      return;
    }
  }
}

// The credentials are checked by the directory, at once or later (a crypt(3) hash on a
// worker: auth_checked()); meanwhile the session processes no input.
void Session::auth_finish(const std::string& user, const std::string& password, Output& out) {
  auth_user_ = user;
  awaiting_auth_ = true;
  std::optional<AuthResult> result = config_.auth.directory->start(user, password, auth_resume_);
  if (result) {
    auth_result(*result, out);
  } else if (!auth_resume_) {
    auth_result(AuthResult::kTempFail, out);  // no way back: never a hang
  }
}

Output Session::auth_checked(AuthResult result) {
  Output out;
  if (!awaiting_auth_ || closed_) return out;  // the session ended meanwhile
  auth_result(result, out);
  if (!closed_) process(out);
  return out;
}

void Session::auth_result(AuthResult result, Output& out) {
  awaiting_auth_ = false;
  std::string user = std::move(auth_user_);
  auth_user_.clear();
  if (result == AuthResult::kTempFail) {
    log("auth", {{"user", user}, {"result", "tempfail"}});
    reply(out, replies::kAuthTempFail);
    return;
  }
  if (result != AuthResult::kOk) {
    log("auth", {{"user", user}, {"result", "invalid"}});
    auth_failed(out, replies::kAuthInvalid);
    return;
  }
  facts_.authenticated_as = policy::ascii_lower(user);
  decide(PolicyStage::kAuth, out);
}

void Session::auth_decided(const Verdict& v, Output& out) {
  log_verdict("auth", v, {{"user", facts_.authenticated_as}});
  if (v.reply) {
    facts_.authenticated_as.clear();
    reply(out, *v.reply);
    return;
  }
  // The next backend session carries the login (XCLIENT LOGIN=).
  abandon_backend(out);
  reply(out, replies::kAuthOk);
}

void Session::auth_failed(Output& out, const Reply& r) {
  reply(out, r);
  if (++auth_errors_ >= config_.auth.max_errors) {
    finish(out, replies::kTooManyAuthErrors,
           "too many authentication errors");
  }
  if (config_.auth.error_wait.count() > 0) {
    // Stalwart's errors.wait: each failure is answered late, which slows guessing.
    out.delay = config_.auth.error_wait;
    if (!closed_) state_ = State::kTarpit;
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

void Session::on_mail(const Command& cmd, Output& out) {
  if (config_.ehlo_required && facts_.helo.empty()) {
    fail_command(out, replies::kEhloFirst);
    return;
  }
  if (config_.settings) {
    Envelope known;
    known.from = cmd.path;
    known.mail_params = cmd.params;
    config_.settings->at_mail(facts_, known).apply(config_);
  }
  if (config_.auth.require && facts_.authenticated_as.empty()) {
    fail_command(out, replies::kAuthRequired);
    return;
  }
  if (have_mail_) {
    fail_command(out, replies::kMultipleMail);
    return;
  }
  txn_failed_ = false;  // a new transaction
  if (messages_ >= config_.max_messages) {
    reply(out, replies::kTooManyMessages);
    return;
  }
  if (std::optional<Reply> bad = check_mail_params(cmd, advertised())) {
    fail_command(out, *bad);
    return;
  }
  if (const EsmtpParam* size = cmd.param("SIZE")) {
    if (std::stoull(size->value) > config_.data.max_message_size) {
      reply(out, replies::kTooBig);
      return;
    }
  }
  envelope_ = Envelope{};
  envelope_.from = cmd.path;
  envelope_.mail_params = cmd.params;
  policy_command_ = cmd;
  decide(PolicyStage::kMail, out);
}

void Session::mail_decided(const Verdict& v, Output& out) {
  const Command& cmd = *policy_command_;
  log_verdict("mail", v, {{"from", cmd.path}, {"relay_from", v.mail_from.value_or("")}});
  if (v.reply) {
    envelope_ = Envelope{};
    reply(out, *v.reply);
    return;
  }
  relay_from_ = v.mail_from.value_or(cmd.path);
  mail_smtputf8_ = cmd.param("SMTPUTF8") != nullptr;
  // Parameters, checked against what this session advertised, are passed on as written;
  // a backend that refuses one still has its reply reach the client unchanged.
  std::string line = "MAIL FROM:<" + relay_from_ + ">";
  for (const EsmtpParam& p : cmd.params) {
    line += " " + p.keyword + (p.has_value ? "=" + p.value : "");
  }
  mail_line_ = line;
  pending_ = Pending::kMail;
  state_ = State::kWaiting;
  if (backend_ == Backend::kDown) {
    backend_ = Backend::kConnecting;
    pending_line_ = line;
    out.connect_backend = true;
    return;
  }
  send_backend(out, line);
}

void Session::on_rcpt(const Command& cmd, Output& out) {
  if (txn_failed_) {
    reply_lost(out);
    return;
  }
  if (!have_mail_) {
    fail_command(out, replies::kMailFirst);
    return;
  }
  if (std::optional<Reply> bad = check_rcpt_params(cmd, advertised(), mail_smtputf8_)) {
    fail_command(out, *bad);
    return;
  }
  envelope_.rcpt = cmd.path;
  envelope_.rcpt_params = cmd.params;
  if (config_.settings) config_.settings->at_rcpt(facts_, envelope_).apply(config_);
  if (envelope_.rcpts.size() + rcpt_sent_.size() + rcpt_unsent_.size() >= config_.max_recipients) {
    reply(out, replies::kTooManyRecipients);
    return;
  }
  policy_command_ = cmd;
  decide(PolicyStage::kRcpt, out);
}

void Session::rcpt_decided(const Verdict& v, Output& out) {
  const Command& cmd = *policy_command_;
  if (txn_failed_) {  // the backend was lost while the policy decided
    reply_lost(out);
    return;
  }
  std::string relayed;
  if (v.recipients) {
    for (const std::string& r : *v.recipients) relayed += (relayed.empty() ? "" : ",") + r;
  }
  log_verdict("rcpt", v, {{"to", cmd.path}, {"relay_to", relayed}});
  if (v.reply) {
    reply(out, *v.reply);
    return;
  }
  // The directory and relay check, on the recipient as rewritten (Stalwart's order).
  const std::string& checked = v.rewritten_rcpt ? *v.rewritten_rcpt : cmd.path;
  if (v.rewritten_rcpt && config_.settings) {
    envelope_.rcpt = checked;  // the rules of session.rcpt.relay/directory see it too
    config_.settings->at_rcpt(facts_, envelope_).apply(config_);
  }
  if (std::optional<Reply> refused = check_recipient(checked)) {
    log("rcpt", {{"to", checked}, Log::Field("code", std::to_string(refused->code), true), {"reply", first_line(*refused)}});
    refuse_recipient(out, *refused);
    return;
  }
  std::string params;
  for (const EsmtpParam& p : cmd.params) params += " " + p.keyword + (p.has_value ? "=" + p.value : "");
  std::vector<std::string> addresses = v.recipients.value_or(std::vector<std::string>{cmd.path});
  if (addresses.empty()) {
    // The policy took the recipient out (redirected nowhere): accepted, nothing relayed.
    reply(out, replies::kRcptOk);
    return;
  }
  RcptSlot slot;
  slot.id = next_slot_++;
  slot.outstanding = addresses.size();
  slot.recipient_check = true;
  rcpt_slots_.push_back(slot);
  for (const std::string& a : addresses) {
    RcptExpect e{a, slot.id, a == cmd.path ? params : ""};
    if (backend_pipelining_ || rcpt_sent_.empty()) {
      rcpt_sent_.push_back(e);
      send_backend(out, "RCPT TO:<" + e.address + ">" + e.params);
    } else {
      rcpt_unsent_.push_back(e);
    }
  }
  pending_ = Pending::kRcpt;
  // The next client RCPT may go out before these are answered (RFC 2920), if it is
  // already here; anything else waits for the answers.
  if (!can_pipeline_rcpt()) state_ = State::kWaiting;
}

// session.rcpt.directory and .relay (Stalwart v0.4's replies). With a directory, a local
// domain's unknown mailbox is refused and another domain needs relay; without one, relay
// decides alone when configured, and when neither is, the backend decides (it must then
// see the real client: XCLIENT). "Postmaster" without a domain (RFC 5321 4.5.1) is left
// to the backend.
std::optional<Reply> Session::check_recipient(std::string_view address) const {
  if (config_.rcpt_directory) {
    std::size_t at = address.rfind('@');
    if (at == std::string_view::npos) return std::nullopt;
    switch (config_.rcpt_directory->is_local_domain(address.substr(at + 1))) {
      case Lookup::kFailed:
        return replies::kCannotVerify;
      case Lookup::kNo:
        if (config_.relay.value_or(false)) return std::nullopt;
        return replies::kRelayNotAllowed;
      case Lookup::kYes:
        break;
    }
    switch (config_.rcpt_directory->is_mailbox(address)) {
      case Lookup::kFailed: return replies::kCannotVerify;
      case Lookup::kNo: return replies::kNoMailbox;
      case Lookup::kYes: return std::nullopt;
    }
  }
  if (config_.relay && !*config_.relay) return replies::kRelayNotAllowed;
  return std::nullopt;
}

// A recipient refused here takes its place among the answers (pipelined RCPTs before it
// are answered first) and, when permanent, counts as a refused recipient: the error
// budget and the errors.wait tarpit, as a backend's refusal does.
void Session::refuse_recipient(Output& out, const Reply& r) {
  RcptSlot slot;
  slot.id = next_slot_++;
  slot.reply = r;
  slot.recipient_check = true;
  rcpt_slots_.push_back(std::move(slot));
  flush_rcpt_slots(out);
}

// The next command may be relayed before the RCPTs in flight are answered: it is an RCPT,
// both sides pipeline, and the answers cannot change its own answer - while the
// recipients in flight could still reach max-recipients, it waits for them, so that it
// gets the limit only if they were accepted (as it would without pipelining).
bool Session::can_pipeline_rcpt() const {
  if (!backend_pipelining_ || !config_.pipelining) return false;
  if (envelope_.rcpts.size() + rcpt_sent_.size() + rcpt_unsent_.size() >= config_.max_recipients) return false;
  std::size_t nl = input_.find('\n');
  return nl != std::string::npos && nl >= 5 && policy::ascii_iequals(std::string_view(input_).substr(0, 5), "RCPT ");
}

// Sends the answers that are complete, in the client's order.
void Session::flush_rcpt_slots(Output& out) {
  while (!rcpt_slots_.empty() && rcpt_slots_.front().outstanding == 0) {
    RcptSlot slot = std::move(rcpt_slots_.front());
    rcpt_slots_.pop_front();
    emit(out, *slot.reply);
    if (slot.recipient_check && slot.reply->permanent()) {
      // A refused recipient (unknown mailbox, relay denied): Stalwart's RCPT error
      // budget and tarpit, against address harvesting.
      if (++rcpt_errors_ >= config_.max_rcpt_errors) {
        finish(out, replies::kTooManyErrors, "too many refused recipients");
        return;
      }
      if (config_.rcpt_error_wait.count() > 0) {
        out.delay = config_.rcpt_error_wait;  // later answers wait behind this one
        state_ = State::kTarpit;
      }
    }
  }
}

void Session::on_data(Output& out) {
  if (txn_failed_) {
    reply_lost(out);
    return;
  }
  if (!have_mail_) {
    fail_command(out, replies::kMailFirst);
    return;
  }
  if (envelope_.rcpts.empty()) {
    fail_command(out, replies::kRcptFirst);
    return;
  }
  if (bdat_) {  // RFC 3030 2: DATA and BDAT are not mixed in one transaction
    fail_command(out, replies::kDataAfterBdat);
    return;
  }
  reply(out, replies::kStartData);
  data_ = std::make_unique<DataReader>(config_.data);
  state_ = State::kData;
}

// RFC 3030: "BDAT" SP chunk-size [SP "LAST"]. The chunk is always read, even when the
// command is refused, so the byte stream stays in step; the reply comes after it.
void Session::on_bdat(const Command& cmd, Output& out) {
  std::string_view arg = cmd.argument;
  std::size_t sp = arg.find(' ');
  std::string_view size_text = arg.substr(0, sp);
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : arg.substr(sp + 1);
  bool ok = !size_text.empty() && size_text.size() <= 18;
  for (char c : size_text) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  bool last = policy::ascii_iequals(rest, "LAST");
  if (!ok || (!rest.empty() && !last)) {
    // Without a size we cannot find the end of the chunk: the stream is lost.
    finish(out, replies::kBdatSyntax, "bad BDAT");
    return;
  }
  bdat_remaining_ = std::stoull(std::string(size_text));
  bdat_last_ = last;
  bdat_error_.reset();
  if (!config_.chunking) {
    bdat_error_ = replies::kBdatNotOffered;
  } else if (txn_failed_) {
    bdat_error_ = replies::kNextHopFailed;
  } else if (!have_mail_) {
    bdat_error_ = replies::kMailFirst;
  } else if (envelope_.rcpts.empty()) {
    bdat_error_ = replies::kRcptFirst;
  } else if (!bdat_ && !message_.empty()) {
    bdat_error_ = replies::kBdatAfterData;
  } else if (bdat_remaining_ > config_.data.max_message_size ||
             message_.size() + bdat_remaining_ > config_.data.max_message_size) {
    bdat_error_ = replies::kTooBig;
  }
  if (!bdat_error_) bdat_ = true;
  state_ = State::kBdat;
}

void Session::bdat_chunk_done(Output& out) {
  if (bdat_error_) {
    Reply r = *bdat_error_;
    bdat_error_.reset();
    // RFC 3030 2: after a failed chunk the transaction is over; the client starts again.
    if (r.code == 503 || r.code == 502) {
      fail_command(out, r);
      return;
    }
    reply(out, r);
    reset_transaction();
    end_backend_transaction(out);
    return;
  }
  if (!bdat_last_) {
    reply(out, replies::kChunkAccepted);
    return;
  }
  if (has_bare_line_end(message_.view())) {
    if (config_.data.bare_line_ends == BareLineEnds::kRefuse) {
      // Length-delimited chunks cannot be misread, so the session may go on.
      reply(out, replies::kBareLineEndBdat);
      reset_transaction();
      end_backend_transaction(out);
      return;
    }
    message_ = MessageBuffer::from(normalize_line_ends(message_.view()));
  }
  on_data_end(out);
}

// Received: fields in the header section, to stop mail loops (RFC 5321 6.3).
static std::size_t count_received(std::string_view m) {
  std::size_t n = 0, pos = 0;
  while (pos < m.size()) {
    std::size_t eol = m.find('\n', pos);
    std::string_view line = m.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (line.empty() || line == "\r") break;  // the end of the header section
    if (line.size() >= 9 && policy::ascii_iequals(line.substr(0, 9), "received:")) ++n;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return n;
}

void Session::on_data_end(Output& out) {
  ++messages_;
  if (txn_failed_) {
    // The backend went away while the client was sending: nothing can be relayed, and
    // no script runs for a message that cannot be delivered.
    log("stage", {{"stage", "data"}, {"result", "tempfail"}, {"reply", "backend lost during the transaction"}});
    reply_lost(out);
    reset_transaction();
    return;
  }
  if (config_.settings) config_.settings->at_data(facts_, envelope_).apply(config_);
  if (count_received(message_.view()) > config_.max_received_headers) {
    reply(out, replies::kLoop);
    log("stage", {{"stage", "data"}, {"result", "reject"}, {"reply", "too many Received headers"}});
    reset_transaction();
    end_backend_transaction(out);
    return;
  }
  decide(PolicyStage::kData, out);
}

void Session::data_decided(const Verdict& v, Output& out) {
  if (txn_failed_) {  // the backend was lost while the policy decided
    log("stage", {{"stage", "data"}, {"result", "tempfail"}, {"reply", "backend lost during the transaction"}});
    reply_lost(out);
    reset_transaction();
    return;
  }
  log_verdict("data", v, {Log::Field("size", std::to_string(message_.size()), true),
                          Log::Field("recipients", std::to_string(envelope_.rcpts.size()), true)});
  if (v.reply || v.discard) {
    // Refused or discarded by policy: nothing is relayed; the backend transaction is
    // abandoned with RSET.
    reply(out, v.reply ? *v.reply : replies::kQueued);
    reset_transaction();
    end_backend_transaction(out);
    return;
  }
  if (v.message) message_ = MessageBuffer::from(std::move(*v.message));
  state_ = State::kWaiting;
  bool new_from = v.mail_from && *v.mail_from != relay_from_;
  bool new_rcpts = v.recipients && *v.recipients != envelope_.rcpts;
  if (new_from || new_rcpts) {
    // The backend transaction has the old envelope: start it again with the new one.
    if (v.mail_from) relay_from_ = *v.mail_from;
    if (v.recipients) envelope_.rcpts = *v.recipients;
    std::string mail = "MAIL FROM:<" + relay_from_ + ">";
    for (const EsmtpParam& p : envelope_.mail_params) mail += " " + p.keyword + (p.has_value ? "=" + p.value : "");
    replay_.clear();
    for (auto it = envelope_.rcpts.rbegin(); it != envelope_.rcpts.rend(); ++it) replay_.push_back("RCPT TO:<" + *it + ">");
    replay_.push_back(mail);
    pending_ = Pending::kReplay;
    send_backend(out, "RSET");
    return;
  }
  start_relay(out);
}

// RFC 5321 4.4: the Received: line sievegate adds (session.data.add-headers.received),
// prepended to the relayed message after the DATA policy ran (Stalwart's order).
std::string Session::received_header() const {
  std::string proto = facts_.esmtp ? "ESMTP" : "SMTP";
  if (!facts_.tls_version.empty()) proto += "S";
  if (!facts_.authenticated_as.empty() && facts_.esmtp) proto += "A";  // RFC 3848
  std::string h = "Received: from " + (facts_.helo.empty() ? std::string("unknown") : facts_.helo) + " (unknown [" +
                  facts_.remote_ip + "])\r\n\tby " + config_.hostname + " (sievegate) with " + proto;
  if (!facts_.tls_version.empty()) h += "\r\n\t(using " + facts_.tls_version + " with cipher " + facts_.tls_cipher + ")";
  h += "\r\n\tid " + facts_.id;
  if (envelope_.rcpts.size() == 1) h += "\r\n\tfor <" + envelope_.rcpts.front() + ">";
  char date[64];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return h + "; " + date + "\r\n";
}

void Session::start_relay(Output& out) {
  std::string prefix = config_.add_received ? received_header() : "";
  relayed_ += message_.size() + prefix.size();
  if (bdat_ && backend_chunking_) {
    // Length-delimited to a CHUNKING backend too: the bytes go as they came.
    pending_ = Pending::kDataEnd;
    send_backend(out, "BDAT " + std::to_string(prefix.size() + message_.size()) + " LAST");
    out.backend_source = std::make_shared<RelaySource>(std::move(message_), false, std::move(prefix));
    message_ = MessageBuffer(config_.data.spool);
    return;
  }
  relay_prefix_ = std::move(prefix);
  pending_ = Pending::kDataCommand;
  send_backend(out, "DATA");
}

void Session::on_rset(Output& out) {
  reset_transaction();
  txn_failed_ = false;
  if (backend_ == Backend::kReady) {
    pending_ = Pending::kRset;
    state_ = State::kWaiting;
    send_backend(out, "RSET");
    return;
  }
  reply(out, replies::kOk);
}

void Session::reset_transaction() {
  have_mail_ = false;
  envelope_ = Envelope{};
  relay_from_.clear();
  relay_prefix_.clear();
  rcpt_slots_.clear();
  rcpt_sent_.clear();
  rcpt_unsent_.clear();
  replay_.clear();
  message_ = MessageBuffer(config_.data.spool);
  bdat_ = false;
}

void Session::send_backend(Output& out, std::string line) {
  out.to_backend += line + "\r\n";
  if (backend_ == Backend::kReady) backend_ = Backend::kBusy;
}

void Session::abandon_backend(Output& out) {
  if (backend_ == Backend::kDown) return;
  out.to_backend += "QUIT\r\n";
  out.close_backend = true;
  backend_ = Backend::kDown;
  backend_input_.clear();
}

Output Session::backend_connected() {
  Output out;
  if (backend_ == Backend::kConnecting) backend_ = Backend::kGreeting;
  return out;
}

Output Session::backend_bytes(std::string_view bytes) {
  Output out;
  if (backend_ == Backend::kDown) return out;  // late bytes from a backend we left
  backend_input_.append(bytes);
  while (backend_ != Backend::kDown) {
    std::size_t n = complete_reply(backend_input_);
    if (n == 0) break;
    Reply r;
    bool ok = parse_reply(std::string_view(backend_input_).substr(0, n), r);
    backend_input_.erase(0, n);
    if (!ok) {
      backend_failed_into(out, "bad reply: not an SMTP reply");
      break;
    }
    backend_step(r, out);
  }
  if (backend_input_.size() > 1024 * 1024) backend_failed_into(out, "bad reply: over 1 MiB without an end");
  if (state_ != State::kWaiting) process(out);
  return out;
}

void Session::backend_step(const Reply& r, Output& out) {
  switch (backend_) {
    case Backend::kConnecting:
    case Backend::kGreeting:
      if (r.code != 220) {
        backend_failed_into(out, "greeting " + std::to_string(r.code) + " " + first_line(r));
        return;
      }
      backend_ = Backend::kEhlo;
      out.to_backend += "EHLO " + config_.hostname + "\r\n";
      return;
    case Backend::kEhlo:
    case Backend::kEhloAgain: {
      if (r.code != 250) {
        backend_failed_into(out, "EHLO answered " + std::to_string(r.code) + " " + first_line(r));
        return;
      }
      std::string xclient, xforward;
      backend_pipelining_ = backend_chunking_ = false;
      if (config_.backend_extensions && r.lines.size() > 1) {
        config_.backend_extensions->learn(std::vector<std::string>(r.lines.begin() + 1, r.lines.end()));
      }
      for (const std::string& line : r.lines) {
        std::string u = policy::ascii_upper(line);
        if (u.rfind("XCLIENT", 0) == 0) xclient = u;
        if (u.rfind("XFORWARD", 0) == 0) xforward = u;
        if (u == "PIPELINING") backend_pipelining_ = true;
        if (u == "CHUNKING") backend_chunking_ = true;
      }
      // Without ADDR they cannot say who the client is (smtp-sink offers "XCLIENT NAME HELO").
      backend_xclient_ = offers(xclient, "ADDR");
      backend_xforward_ = offers(xforward, "ADDR");
      bool first = backend_ == Backend::kEhlo;
      if (first && config_.xclient && !facts_.remote_ip.empty() && backend_xclient_) {
        // Postfix XCLIENT: the backend sees the real client; it answers with a new 220
        // greeting, after which EHLO is sent again. Only advertised attributes are sent.
        backend_ = Backend::kXclient;
        bool v6 = facts_.remote_ip.find(':') != std::string::npos;
        std::string line = "XCLIENT ADDR=" + std::string(v6 ? "IPV6:" : "") + xtext(facts_.remote_ip);
        if (offers(xclient, "NAME")) line += " NAME=[UNAVAILABLE]";
        if (offers(xclient, "HELO")) line += " HELO=" + (facts_.helo.empty() ? "[UNAVAILABLE]" : xtext(facts_.helo));
        if (offers(xclient, "PROTO")) line += std::string(" PROTO=") + (facts_.esmtp ? "ESMTP" : "SMTP");
        if (offers(xclient, "LOGIN") && !facts_.authenticated_as.empty()) {
          line += " LOGIN=" + xtext(facts_.authenticated_as);
        }
        out.to_backend += line + "\r\n";
        return;
      }
      if (first && config_.xclient && !facts_.remote_ip.empty() && backend_xforward_) {
        // Postfix XFORWARD: the backend logs and records the real client (no new greeting).
        backend_ = Backend::kXforward;
        std::string line = "XFORWARD ADDR=" + xtext(facts_.remote_ip);
        if (offers(xforward, "NAME")) line += " NAME=[UNAVAILABLE]";
        if (offers(xforward, "HELO") && !facts_.helo.empty()) line += " HELO=" + xtext(facts_.helo);
        if (offers(xforward, "PROTO")) line += std::string(" PROTO=") + (facts_.esmtp ? "ESMTP" : "SMTP");
        if (offers(xforward, "SOURCE")) line += " SOURCE=REMOTE";
        out.to_backend += line + "\r\n";
        return;
      }
      backend_ready(out);
      return;
    }
    case Backend::kXclient:
      if (r.code == 220) {
        // The backend takes the client's name and protocol from the greeting that
        // follows XCLIENT, so it is the client's own command and name.
        backend_ = Backend::kEhloAgain;
        out.to_backend += std::string(facts_.esmtp || facts_.helo.empty() ? "EHLO " : "HELO ") +
                          (facts_.helo.empty() ? config_.hostname : facts_.helo) + "\r\n";
      } else {
        log("backend", {{"stage", "xclient"}, Log::Field("code", std::to_string(r.code), true), {"reply", first_line(r)}});
        backend_ready(out);  // XCLIENT refused: carry on without it
      }
      return;
    case Backend::kXforward:
      if (r.code != 250) {
        log("backend", {{"stage", "xforward"}, Log::Field("code", std::to_string(r.code), true), {"reply", first_line(r)}});
      }
      backend_ready(out);
      return;
    case Backend::kBusy:
    case Backend::kReady:
      backend_ = Backend::kReady;
      break;
    default:
      return;
  }
  // A reply to a transaction command. One that is not 2xx, 4xx or 5xx here (a 354 after
  // the final dot, a 1xx) means the backend and we disagree on where we are: give up on
  // this backend session rather than guess.
  bool nonsense = r.code < 200 || (r.code >= 300 && r.code < 400 && pending_ != Pending::kDataCommand);
  if (nonsense && pending_ != Pending::kNone) {
    backend_failed_into(out, "bad reply: unexpected " + std::to_string(r.code) + " " + first_line(r));
    return;
  }
  Pending p = pending_;
  pending_ = Pending::kNone;
  auto log_reply = [&](const char* stage) {
    log("backend", {{"stage", stage}, Log::Field("code", std::to_string(r.code), true), {"reply", first_line(r)}});
  };
  switch (p) {
    case Pending::kMail:
      log_reply("mail");
      if (r.positive()) have_mail_ = true;
      reply(out, r);
      break;
    case Pending::kRcpt: {
      log_reply("rcpt");
      RcptExpect e = std::move(rcpt_sent_.front());
      rcpt_sent_.pop_front();
      if (r.positive()) envelope_.rcpts.push_back(e.address);
      for (RcptSlot& slot : rcpt_slots_) {
        if (slot.id != e.slot) continue;
        if (!slot.reply || !slot.reply->positive()) slot.reply = r;  // first acceptance, else last refusal
        --slot.outstanding;
        break;
      }
      if (!rcpt_unsent_.empty()) {
        rcpt_sent_.push_back(std::move(rcpt_unsent_.front()));
        rcpt_unsent_.pop_front();
        send_backend(out, "RCPT TO:<" + rcpt_sent_.back().address + ">" + rcpt_sent_.back().params);
      }
      flush_rcpt_slots(out);
      if (closed_) return;
      if (!rcpt_sent_.empty()) {
        pending_ = Pending::kRcpt;
        return;  // more answers to come
      }
      flush_rcpt_slots(out);  // local answers queued behind the last one
      break;
    }
    case Pending::kReplay:
      if (!r.positive()) {
        // The backend refuses the envelope the policy asked for: the message is not
        // relayed and the client hears why (never a 250).
        log_reply("replay");
        reply(out, r.code >= 500 ? r : replies::kNextHopFailed);
        reset_transaction();
        send_backend(out, "RSET");
        pending_ = Pending::kInternalRset;
        return;  // still waiting (for the RSET)
      }
      if (!replay_.empty()) {
        std::string line = replay_.back();
        replay_.pop_back();
        pending_ = Pending::kReplay;
        send_backend(out, line);
        return;
      }
      start_relay(out);
      return;
    case Pending::kDataCommand:
      if (r.code != 354) {
        log_reply("data");
        // The backend's refusal is the client's answer; anything else is nonsense.
        reply(out, r.code >= 400 ? r : replies::kBackendRefusedMessage);
        reset_transaction();
        // The backend still holds MAIL and RCPT: end that transaction too.
        send_backend(out, "RSET");
        pending_ = Pending::kInternalRset;
        return;  // waiting for the RSET
      }
      pending_ = Pending::kDataEnd;
      backend_ = Backend::kBusy;
      out.backend_source = std::make_shared<RelaySource>(std::move(message_), true, std::move(relay_prefix_));
      message_ = MessageBuffer(config_.data.spool);
      return;  // still waiting
    case Pending::kDataEnd:
      // The client hears the backend's final reply: 250 only after the backend's 250.
      log_reply("data");
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

void Session::backend_ready(Output& out) {
  backend_ = Backend::kReady;
  if (!pending_line_.empty() && pending_ == Pending::kMail) {
    std::string line = pending_line_;
    pending_line_.clear();
    send_backend(out, line);
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

// The backend is gone (refused, reset, timed out or talking nonsense): whatever the
// client waits for gets a temporary failure - never 250, never a 5xx for our fault.
void Session::backend_failed_into(Output& out, std::string_view cause) {
  static constexpr const char* kWaitNames[] = {"nothing", "connect", "greeting", "EHLO", "MAIL", "RCPT", "end of data", "reply"};
  const char* waiting_for = kWaitNames[static_cast<std::size_t>(backend_wait())];
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
  bool was_up = backend_ != Backend::kDown;
  backend_ = Backend::kDown;
  backend_input_.clear();
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
  if (backend_ == Backend::kDown || backend_ == Backend::kConnecting) return;
  send_backend(out, "RSET");
  pending_ = Pending::kInternalRset;
  state_ = State::kWaiting;
}

Session::BackendWait Session::backend_wait() const {
  switch (backend_) {
    case Backend::kDown: return BackendWait::kNone;
    case Backend::kConnecting: return BackendWait::kConnect;
    case Backend::kGreeting: return BackendWait::kGreeting;
    case Backend::kEhlo:
    case Backend::kEhloAgain:
    case Backend::kXclient:
    case Backend::kXforward: return BackendWait::kEhlo;
    case Backend::kReady: return BackendWait::kNone;
    case Backend::kBusy:
    case Backend::kQuitting: break;
  }
  switch (pending_) {
    case Pending::kNone: return backend_ == Backend::kQuitting ? BackendWait::kOther : BackendWait::kNone;
    case Pending::kMail: return BackendWait::kMail;
    case Pending::kRcpt: return BackendWait::kRcpt;
    case Pending::kDataEnd: return BackendWait::kDataEnd;
    default: return BackendWait::kOther;
  }
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
