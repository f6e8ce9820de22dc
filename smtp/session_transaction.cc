// EHLO, MAIL, RCPT and RSET in the session; see session.h.
#include "smtp/session.h"

#include "base/ascii.h"
#include "smtp/replies.h"

namespace sievegate::proxy {

void Session::on_ehlo(const Command& cmd, Output& out) {
  bool extended = cmd.verb == Verb::kEhlo;
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

// After the command table's conditions (session_commands.cc).
void Session::on_mail(const Command& cmd, Output& out) {
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
  std::string line = RelayClient::mail_command(relay_from_, cmd.params);
  mail_line_ = line;
  pending_ = Pending::kMail;
  state_ = State::kWaiting;
  if (relay_.down()) {
    relay_.connect();
    pending_line_ = line;
    out.connect_backend = true;
    return;
  }
  relay_.send(out.to_backend, line);
}

void Session::on_rcpt(const Command& cmd, Output& out) {
  if (std::optional<Reply> bad = check_rcpt_params(cmd, advertised(), mail_smtputf8_)) {
    fail_command(out, *bad);
    return;
  }
  envelope_.rcpt = cmd.path;
  envelope_.rcpt_params = cmd.params;
  if (config_.settings) config_.settings->at_rcpt(facts_, envelope_).apply(config_);
  if (envelope_.rcpts.size() + relay_.rcpts_outstanding() >= config_.max_recipients) {
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
  std::string params = RelayClient::params_text(cmd.params);
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
    relay_.relay_rcpt(out.to_backend, RelayClient::Rcpt{a, slot.id, a == cmd.path ? params : ""});
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
  if (!relay_.pipelining() || !config_.pipelining) return false;
  if (envelope_.rcpts.size() + relay_.rcpts_outstanding() >= config_.max_recipients) return false;
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

void Session::on_rset(const Command&, Output& out) {
  reset_transaction();
  txn_failed_ = false;
  if (relay_.state() == RelayClient::State::kReady) {
    pending_ = Pending::kRset;
    state_ = State::kWaiting;
    relay_.send(out.to_backend, "RSET");
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
  relay_.clear_transaction();
  message_ = MessageBuffer(config_.data.spool);
  bdat_ = false;
}

}  // namespace sievegate::proxy
