// The SMTP session state machine; see session.h.
#include "proxy/session.h"

#include <cctype>

namespace sievegate::proxy {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

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

}  // namespace

Session::Session(SessionConfig config, SessionFacts facts, std::shared_ptr<StagePolicy> policy)
    : config_(std::move(config)), facts_(std::move(facts)), policy_(std::move(policy)) {
  if (!policy_) policy_ = std::make_shared<StagePolicy>();
}

void Session::reply(Output& out, const Reply& r) { out.to_client += r.wire(); }

Output Session::start() {
  Output out;
  Verdict v = policy_->connect(facts_);
  if (v.reply) {
    // Refused at connect: the reply replaces the banner and the session ends.
    reply(out, *v.reply);
    out.close_client = true;
    closed_ = true;
    state_ = State::kClosed;
    return out;
  }
  reply(out, Reply(220, "", config_.hostname + " " + config_.greeting));
  return out;
}

Output Session::client_bytes(std::string_view bytes) {
  Output out;
  if (closed_) return out;
  received_ += bytes.size();
  if (received_ > config_.transfer_limit) {
    reply(out, Reply(421, "4.7.28", config_.hostname + " Session exceeded transfer quota."));
    out.close_client = true;
    out.close_backend = backend_ != Backend::kDown;
    closed_ = true;
    state_ = State::kClosed;
    return out;
  }
  input_.append(bytes);
  process(out);
  return out;
}

// Handles buffered input until it runs out or a command has to wait for the backend.
void Session::process(Output& out) {
  while (!closed_ && state_ != State::kWaiting) {
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
          reply(out, Reply(552, "5.3.4", "Message too big for system."));
          break;
        case DataReader::Status::kLineTooLong:
          reply(out, Reply(554, "5.3.4", "Line is too long."));
          break;
        case DataReader::Status::kBareLineEnd:
          // Client and backend could read the message differently: stop talking.
          reply(out, Reply(521, "5.5.2", config_.hostname +
                                             " Bare CR or LF in message data is not allowed."));
          out.close_client = true;
          out.close_backend = backend_ != Backend::kDown;
          closed_ = true;
          state_ = State::kClosed;
          return;
        default:
          break;
      }
      data_.reset();
      reset_transaction();
      if (backend_ != Backend::kDown) {
        send_backend(out, "RSET");
        pending_ = Pending::kInternalRset;
        state_ = State::kWaiting;
      }
      continue;
    }
    std::size_t nl = input_.find('\n');
    if (nl == std::string::npos) {
      if (input_.size() > config_.max_command_line) {
        reply(out, Reply(500, "5.5.2", "Line too long."));
        input_.clear();
        if (++errors_ >= config_.max_errors) {
          reply(out, Reply(421, "4.3.0", "Too many errors, disconnecting."));
          out.close_client = true;
          closed_ = true;
        }
      }
      return;
    }
    std::string line = input_.substr(0, nl);
    input_.erase(0, nl + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > config_.max_command_line) {
      fail_command(out, Reply(500, "5.5.2", "Line too long."));
      continue;
    }
    command(line, out);
  }
}

void Session::fail_command(Output& out, Reply r) {
  reply(out, r);
  if (++errors_ >= config_.max_errors) {
    reply(out, Reply(421, "4.3.0", "Too many errors, disconnecting."));
    out.close_client = true;
    out.close_backend = backend_ != Backend::kDown;
    closed_ = true;
    state_ = State::kClosed;
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
    case Verb::kRset: on_rset(out); return;
    case Verb::kNoop: reply(out, Reply(250, "2.0.0", "OK")); return;
    case Verb::kHelp:
      reply(out, Reply(214, "2.0.0", "See RFC 5321: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY"));
      return;
    case Verb::kVrfy:
    case Verb::kExpn:
      // RFC 5321 3.5.3: cannot verify, but will accept and try.
      reply(out, Reply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery"));
      return;
    case Verb::kQuit:
      reply(out, Reply(221, "2.0.0", config_.hostname + " Bye"));
      if (backend_ != Backend::kDown) out.to_backend += "QUIT\r\n";
      out.close_client = true;
      out.close_backend = backend_ != Backend::kDown;
      closed_ = true;
      state_ = State::kClosed;
      return;
    case Verb::kBdat:
      fail_command(out, Reply(502, "5.5.1", "BDAT is not offered here; use DATA"));
      return;
    case Verb::kStarttls:
      fail_command(out, Reply(454, "4.7.0", "TLS not available"));
      return;
    case Verb::kAuth:
      fail_command(out, Reply(503, "5.5.1", "AUTH not allowed."));
      return;
    case Verb::kUnknown:
      fail_command(out, Reply(500, "5.5.2", "Command unrecognized"));
      return;
  }
}

void Session::on_ehlo(const Command& cmd, bool extended, Output& out) {
  std::string previous = facts_.helo;
  facts_.helo = cmd.argument;
  facts_.esmtp = extended;
  if (extended) {
    Verdict v = policy_->ehlo(facts_);
    if (v.reply) {
      facts_.helo = previous;  // the EHLO is undone; the client may try again
      reply(out, *v.reply);
      return;
    }
  }
  reset_transaction();
  if (!extended) {
    reply(out, Reply(250, "", config_.hostname + " says hello"));
    return;
  }
  Reply r(250, "", config_.hostname + " says hello");
  r.lines.push_back("PIPELINING");
  r.lines.push_back("SIZE " + std::to_string(config_.data.max_message_size));
  r.lines.push_back("8BITMIME");
  r.lines.push_back("SMTPUTF8");
  r.lines.push_back("ENHANCEDSTATUSCODES");
  r.lines.push_back("HELP");
  reply(out, r);
}

void Session::on_mail(const Command& cmd, Output& out) {
  if (config_.ehlo_required && facts_.helo.empty()) {
    fail_command(out, Reply(503, "5.5.1", "Polite people say EHLO first."));
    return;
  }
  if (have_mail_) {
    fail_command(out, Reply(503, "5.5.1", "Multiple MAIL commands not allowed."));
    return;
  }
  if (messages_ >= config_.max_messages) {
    reply(out, Reply(451, "4.4.5", "Maximum number of messages per session exceeded."));
    return;
  }
  if (const EsmtpParam* size = cmd.param("SIZE")) {
    unsigned long long n = 0;
    bool ok = !size->value.empty() && size->value.size() < 20;
    for (char c : size->value) ok = ok && std::isdigit(static_cast<unsigned char>(c));
    if (ok) n = std::stoull(size->value);
    if (!ok) {
      fail_command(out, Reply(501, "5.5.4", "Invalid SIZE parameter"));
      return;
    }
    if (n > config_.data.max_message_size) {
      reply(out, Reply(552, "5.3.4", "Message too big for system."));
      return;
    }
  }
  Verdict v = policy_->mail(facts_, cmd.path);
  if (v.reply) {
    reply(out, *v.reply);
    return;
  }
  mail_from_ = cmd.path;
  // Parameters are passed on as written (SIZE, BODY, SMTPUTF8, DSN...): the backend
  // decides what it supports, and its refusal reaches the client.
  std::string line = "MAIL FROM:<" + cmd.path + ">";
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
  if (!have_mail_) {
    fail_command(out, Reply(503, "5.5.1", "MAIL is required first."));
    return;
  }
  if (rcpts_.size() >= config_.max_recipients) {
    reply(out, Reply(451, "4.5.3", "Too many recipients."));
    return;
  }
  Verdict v = policy_->rcpt(facts_, mail_from_, cmd.path);
  if (v.reply) {
    reply(out, *v.reply);
    return;
  }
  std::string line = "RCPT TO:<" + cmd.path + ">";
  for (const EsmtpParam& p : cmd.params) line += " " + p.keyword + (p.has_value ? "=" + p.value : "");
  pending_line_ = cmd.path;  // remembered until the backend answers
  pending_ = Pending::kRcpt;
  state_ = State::kWaiting;
  send_backend(out, line);
}

void Session::on_data(Output& out) {
  if (!have_mail_) {
    fail_command(out, Reply(503, "5.5.1", "MAIL is required first."));
    return;
  }
  if (rcpts_.empty()) {
    fail_command(out, Reply(503, "5.5.1", "RCPT is required first."));
    return;
  }
  reply(out, Reply(354, "", "Start mail input; end with <CRLF>.<CRLF>"));
  data_ = std::make_unique<DataReader>(config_.data);
  state_ = State::kData;
}

void Session::on_data_end(Output& out) {
  ++messages_;
  Verdict v = policy_->data(facts_, mail_from_, rcpts_, message_);
  if (v.reply || v.discard) {
    // Refused or discarded by policy: nothing is relayed; the backend transaction is
    // abandoned with RSET.
    reply(out, v.reply ? *v.reply : Reply(250, "2.0.0", "Message queued for delivery."));
    reset_transaction();
    send_backend(out, "RSET");
    pending_ = Pending::kInternalRset;
    state_ = State::kWaiting;
    return;
  }
  if (v.message) message_ = std::move(*v.message);
  pending_ = Pending::kDataCommand;
  state_ = State::kWaiting;
  send_backend(out, "DATA");
}

void Session::on_rset(Output& out) {
  reset_transaction();
  if (backend_ == Backend::kReady) {
    pending_ = Pending::kRset;
    state_ = State::kWaiting;
    send_backend(out, "RSET");
    return;
  }
  reply(out, Reply(250, "2.0.0", "OK"));
}

void Session::reset_transaction() {
  have_mail_ = false;
  mail_from_.clear();
  rcpts_.clear();
  message_.clear();
}

void Session::send_backend(Output& out, std::string line) {
  out.to_backend += line + "\r\n";
  if (backend_ == Backend::kReady) backend_ = Backend::kBusy;
}

// RFC 5321 4.5.2: dot-stuff the message for the backend.
std::string Session::stuffed(const std::string& message) const {
  std::string out;
  out.reserve(message.size() + message.size() / 64 + 8);
  bool line_start = true;
  for (char c : message) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  out += ".\r\n";
  return out;
}

Output Session::backend_connected() {
  Output out;
  if (backend_ == Backend::kConnecting) backend_ = Backend::kGreeting;
  return out;
}

Output Session::backend_bytes(std::string_view bytes) {
  Output out;
  backend_input_.append(bytes);
  while (true) {
    std::size_t n = complete_reply(backend_input_);
    if (n == 0) break;
    Reply r;
    bool ok = parse_reply(std::string_view(backend_input_).substr(0, n), r);
    backend_input_.erase(0, n);
    if (!ok) {
      backend_failed_into(out);
      break;
    }
    backend_step(r, out);
  }
  if (state_ != State::kWaiting) process(out);
  return out;
}

void Session::backend_step(const Reply& r, Output& out) {
  switch (backend_) {
    case Backend::kConnecting:
    case Backend::kGreeting:
      if (r.code != 220) {
        backend_failed_into(out);
        return;
      }
      backend_ = Backend::kEhlo;
      out.to_backend += "EHLO " + config_.hostname + "\r\n";
      return;
    case Backend::kEhlo:
    case Backend::kEhloAgain: {
      if (r.code != 250) {
        backend_failed_into(out);
        return;
      }
      for (const std::string& line : r.lines) {
        std::string u = upper(line);
        if (u.rfind("XCLIENT", 0) == 0) backend_xclient_ = true;
        if (u == "PIPELINING") backend_pipelining_ = true;
      }
      if (backend_ == Backend::kEhlo && backend_xclient_ && config_.xclient && !facts_.remote_ip.empty()) {
        // Postfix XCLIENT: the backend sees the real client; it answers with a new 220
        // greeting, after which EHLO is sent again.
        backend_ = Backend::kXclient;
        std::string helo = facts_.helo.empty() ? "[UNAVAILABLE]" : facts_.helo;
        out.to_backend += "XCLIENT ADDR=" + facts_.remote_ip + " HELO=" + helo +
                          " PROTO=" + (facts_.esmtp ? "ESMTP" : "SMTP") + "\r\n";
        return;
      }
      backend_ready(out);
      return;
    }
    case Backend::kXclient:
      if (r.code == 220) {
        backend_ = Backend::kEhloAgain;
        out.to_backend += "EHLO " + config_.hostname + "\r\n";
      } else {
        backend_ready(out);  // XCLIENT refused: carry on without it
      }
      return;
    case Backend::kBusy:
    case Backend::kReady:
      backend_ = Backend::kReady;
      break;
    default:
      return;
  }
  // A reply to a transaction command.
  Pending p = pending_;
  pending_ = Pending::kNone;
  switch (p) {
    case Pending::kMail:
      if (r.positive()) have_mail_ = true;
      reply(out, r);
      break;
    case Pending::kRcpt:
      if (r.positive()) rcpts_.push_back(pending_line_);
      reply(out, r);
      break;
    case Pending::kDataCommand:
      if (r.code != 354) {
        reply(out, r.permanent() ? r : Reply(451, "4.4.1", "Backend refused the message, try again later."));
        reset_transaction();
        break;
      }
      pending_ = Pending::kDataEnd;
      backend_ = Backend::kBusy;
      out.to_backend += stuffed(message_);
      return;  // still waiting
    case Pending::kDataEnd:
      // The client hears the backend's final reply: 250 only after the backend's 250.
      reply(out, r);
      reset_transaction();
      break;
    case Pending::kRset:
      reply(out, r.positive() ? r : Reply(250, "2.0.0", "OK"));
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

Output Session::backend_failed() {
  Output out;
  backend_failed_into(out);
  if (!closed_ && state_ != State::kWaiting) process(out);
  return out;
}

// The backend is gone (refused, reset, timed out or talking nonsense): whatever the
// client waits for gets a temporary failure - never 250, never a 5xx for our fault.
void Session::backend_failed_into(Output& out) {
  Pending p = pending_;
  pending_ = Pending::kNone;
  pending_line_.clear();
  backend_ = Backend::kDown;
  backend_input_.clear();
  out.close_backend = true;
  switch (p) {
    case Pending::kMail:
    case Pending::kRcpt:
    case Pending::kDataCommand:
    case Pending::kDataEnd:
      reply(out, Reply(451, "4.4.1", "Delivery to the next hop failed, please try again later."));
      break;
    case Pending::kRset:
      reply(out, Reply(250, "2.0.0", "OK"));
      break;
    case Pending::kInternalRset:
    case Pending::kNone:
      break;
  }
  reset_transaction();
  if (state_ == State::kWaiting) state_ = State::kCommands;
}

// config.md: a session limit ends the session with 421 (RFC 5321 3.8) and the
// backend session is ended politely.
Output Session::end_with(const Reply& r) {
  Output out;
  if (closed_) return out;
  reply(out, r);
  if (backend_ != Backend::kDown) out.to_backend += "QUIT\r\n";
  out.close_client = true;
  out.close_backend = backend_ != Backend::kDown;
  closed_ = true;
  state_ = State::kClosed;
  return out;
}

Output Session::timed_out() {
  return end_with(Reply(421, "4.4.2", config_.hostname + " Disconnecting inactive client."));
}

Output Session::session_expired() {
  return end_with(Reply(421, "4.3.2", config_.hostname + " Session open for too long."));
}

}  // namespace sievegate::proxy
