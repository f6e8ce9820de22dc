// The backend side of a session; see relay_client.h.
#include "smtp/relay_client.h"

#include <utility>

#include "base/ascii.h"

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

// Postfix XCLIENT: the backend sees the real client. Only advertised attributes are sent.
std::string xclient_command(const std::string& offered, const SessionFacts& facts) {
  bool v6 = facts.remote_ip.find(':') != std::string::npos;
  std::string line = "XCLIENT ADDR=" + std::string(v6 ? "IPV6:" : "") + xtext(facts.remote_ip);
  if (offers(offered, "NAME")) line += " NAME=[UNAVAILABLE]";
  if (offers(offered, "HELO")) line += " HELO=" + (facts.helo.empty() ? "[UNAVAILABLE]" : xtext(facts.helo));
  if (offers(offered, "PROTO")) line += std::string(" PROTO=") + (facts.esmtp ? "ESMTP" : "SMTP");
  if (offers(offered, "LOGIN") && !facts.authenticated_as.empty()) {
    line += " LOGIN=" + xtext(facts.authenticated_as);
  }
  return line;
}

// Postfix XFORWARD: the backend logs and records the real client (no new greeting).
std::string xforward_command(const std::string& offered, const SessionFacts& facts) {
  std::string line = "XFORWARD ADDR=" + xtext(facts.remote_ip);
  if (offers(offered, "NAME")) line += " NAME=[UNAVAILABLE]";
  if (offers(offered, "HELO") && !facts.helo.empty()) line += " HELO=" + xtext(facts.helo);
  if (offers(offered, "PROTO")) line += std::string(" PROTO=") + (facts.esmtp ? "ESMTP" : "SMTP");
  if (offers(offered, "SOURCE")) line += " SOURCE=REMOTE";
  return line;
}

RelayClient::Step step(RelayClient::Step::Kind kind, std::string cause = "", const char* refused = nullptr) {
  RelayClient::Step s;
  s.kind = kind;
  s.cause = std::move(cause);
  s.refused = refused;
  return s;
}

std::string code_and_text(const Reply& r) { return std::to_string(r.code) + " " + first_line(r); }

}  // namespace

std::string first_line(const Reply& r) { return r.lines.empty() ? "" : r.lines.front(); }

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

RelayClient::RelayClient(std::string hostname, bool xclient, std::shared_ptr<BackendExtensions> extensions)
    : hostname_(std::move(hostname)), xclient_(xclient), extensions_(std::move(extensions)) {}

void RelayClient::connected() {
  if (state_ == State::kConnecting) state_ = State::kGreeting;
}

void RelayClient::lost() {
  state_ = State::kDown;
  input_.clear();
}

void RelayClient::send(std::string& to_backend, std::string_view line) {
  to_backend += line;
  to_backend += "\r\n";
  if (state_ == State::kReady) state_ = State::kBusy;
}

RelayClient::Next RelayClient::next_reply(Reply& r) {
  std::size_t n = complete_reply(input_);
  if (n == 0) return Next::kNone;
  bool ok = parse_reply(std::string_view(input_).substr(0, n), r);
  input_.erase(0, n);
  return ok ? Next::kReply : Next::kBad;
}

RelayClient::Step RelayClient::on_reply(const Reply& r, const SessionFacts& facts, std::string& to_backend) {
  switch (state_) {
    case State::kConnecting:
    case State::kGreeting:
      if (r.code != 220) return step(Step::Kind::kFailed, "greeting " + code_and_text(r));
      state_ = State::kEhlo;
      send(to_backend, "EHLO " + hostname_);
      return step(Step::Kind::kHandshake);
    case State::kEhlo:
    case State::kEhloAgain:
      return on_ehlo_reply(r, facts, to_backend);
    case State::kXclient:
      if (r.code != 220) return step(Step::Kind::kReady, "", "xclient");  // carry on without it
      // The backend takes the client's name and protocol from the greeting that follows
      // XCLIENT, so it is the client's own command and name.
      state_ = State::kEhloAgain;
      send(to_backend, std::string(facts.esmtp || facts.helo.empty() ? "EHLO " : "HELO ") +
                           (facts.helo.empty() ? hostname_ : facts.helo));
      return step(Step::Kind::kHandshake);
    case State::kXforward:
      return step(Step::Kind::kReady, "", r.code != 250 ? "xforward" : nullptr);
    case State::kBusy:
    case State::kReady:
      state_ = State::kReady;
      return step(Step::Kind::kTransaction);
    default:
      return step(Step::Kind::kIgnored);
  }
}

// EHLO's answer: what the backend offers is learnt (for this session and, shared, for the
// next sessions' EHLO replies); after the first one the client's identity is passed on.
RelayClient::Step RelayClient::on_ehlo_reply(const Reply& r, const SessionFacts& facts, std::string& to_backend) {
  if (r.code != 250) return step(Step::Kind::kFailed, "EHLO answered " + code_and_text(r));
  std::string xclient, xforward;
  pipelining_ = chunking_ = false;
  if (extensions_ && r.lines.size() > 1) {
    extensions_->learn(std::vector<std::string>(r.lines.begin() + 1, r.lines.end()));
  }
  for (const std::string& line : r.lines) {
    std::string u = policy::ascii_upper(line);
    if (u.rfind("XCLIENT", 0) == 0) xclient = u;
    if (u.rfind("XFORWARD", 0) == 0) xforward = u;
    if (u == "PIPELINING") pipelining_ = true;
    if (u == "CHUNKING") chunking_ = true;
  }
  // Without ADDR they cannot say who the client is (smtp-sink offers "XCLIENT NAME HELO").
  xclient_addr_ = offers(xclient, "ADDR");
  xforward_addr_ = offers(xforward, "ADDR");
  bool tell = state_ == State::kEhlo && xclient_ && !facts.remote_ip.empty();
  if (tell && xclient_addr_) {
    // It answers with a new 220 greeting, after which EHLO is sent again.
    state_ = State::kXclient;
    send(to_backend, xclient_command(xclient, facts));
    return step(Step::Kind::kHandshake);
  }
  if (tell && xforward_addr_) {
    state_ = State::kXforward;
    send(to_backend, xforward_command(xforward, facts));
    return step(Step::Kind::kHandshake);
  }
  return step(Step::Kind::kReady);
}

void RelayClient::relay_rcpt(std::string& to_backend, Rcpt rcpt) {
  if (pipelining_ || rcpt_sent_.empty()) {
    send(to_backend, "RCPT TO:<" + rcpt.address + ">" + rcpt.params);
    rcpt_sent_.push_back(std::move(rcpt));
  } else {
    rcpt_unsent_.push_back(std::move(rcpt));
  }
}

RelayClient::Rcpt RelayClient::rcpt_answered(std::string& to_backend) {
  Rcpt answered = std::move(rcpt_sent_.front());
  rcpt_sent_.pop_front();
  if (!rcpt_unsent_.empty()) {
    rcpt_sent_.push_back(std::move(rcpt_unsent_.front()));
    rcpt_unsent_.pop_front();
    send(to_backend, "RCPT TO:<" + rcpt_sent_.back().address + ">" + rcpt_sent_.back().params);
  }
  return answered;
}

void RelayClient::start_replay(std::string& to_backend, const std::string& from,
                               const std::vector<EsmtpParam>& params, const std::vector<std::string>& rcpts) {
  replay_.clear();
  for (auto it = rcpts.rbegin(); it != rcpts.rend(); ++it) replay_.push_back("RCPT TO:<" + *it + ">");
  replay_.push_back(mail_command(from, params));
  send(to_backend, "RSET");
}

bool RelayClient::replay_next(std::string& to_backend) {
  if (replay_.empty()) return false;
  std::string line = std::move(replay_.back());
  replay_.pop_back();
  send(to_backend, line);
  return true;
}

void RelayClient::clear_rcpts() {
  rcpt_sent_.clear();
  rcpt_unsent_.clear();
}

void RelayClient::clear_transaction() {
  clear_rcpts();
  replay_.clear();
}

// Parameters, checked against what the session advertised, are passed on as written.
std::string RelayClient::params_text(const std::vector<EsmtpParam>& params) {
  std::string text;
  for (const EsmtpParam& p : params) text += " " + p.keyword + (p.has_value ? "=" + p.value : "");
  return text;
}

std::string RelayClient::mail_command(const std::string& from, const std::vector<EsmtpParam>& params) {
  return "MAIL FROM:<" + from + ">" + params_text(params);
}

}  // namespace sievegate::proxy
