// DATA and BDAT (RFC 3030) in the session, and the relay of the message; see session.h.
#include "smtp/session.h"

#include <cctype>
#include <ctime>

#include "base/ascii.h"
#include "smtp/replies.h"

namespace sievegate::proxy {
namespace {

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

}  // namespace

// After the command table's conditions (session_commands.cc).
void Session::on_data(const Command&, Output& out) {
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
  // The command table's conditions (session_commands.cc), answered after the chunk.
  bdat_error_ = refusal(entry(Verb::kBdat), cmd);
  if (!bdat_error_ && (bdat_remaining_ > config_.data.max_message_size ||
                       message_.size() + bdat_remaining_ > config_.data.max_message_size)) {
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
    pending_ = Pending::kReplay;
    relay_.start_replay(out.to_backend, relay_from_, envelope_.mail_params, envelope_.rcpts);
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
  if (bdat_ && relay_.chunking()) {
    // Length-delimited to a CHUNKING backend too: the bytes go as they came.
    pending_ = Pending::kDataEnd;
    relay_.send(out.to_backend, "BDAT " + std::to_string(prefix.size() + message_.size()) + " LAST");
    out.backend_source = std::make_shared<RelaySource>(std::move(message_), false, std::move(prefix));
    message_ = MessageBuffer(config_.data.spool);
    return;
  }
  relay_prefix_ = std::move(prefix);
  pending_ = Pending::kDataCommand;
  relay_.send(out.to_backend, "DATA");
}

}  // namespace sievegate::proxy
