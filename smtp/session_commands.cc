// The client's commands as data: for each verb, the states in which it is allowed (the
// conditions the session must meet, checked in order, each with the reply when it does
// not) and what handles it. A refusal or fixed answer that is permanent (5xx) counts as
// a bad command against session.errors.max; a 451 for a transaction that lost the
// backend does not.
#include "smtp/session.h"

#include "smtp/replies.h"

namespace sievegate::proxy {
const Session::CommandEntry& Session::entry(Verb verb) {
  using enum Requires;
  namespace r = replies;
  static const CommandEntry kTable[] = {
      {Verb::kHelo, {}, &Session::on_ehlo},
      {Verb::kEhlo, {}, &Session::on_ehlo},
      {Verb::kMail, {{kGreeted, &r::kEhloFirst}}, &Session::on_mail},
      {Verb::kRcpt, {{kIntact, &r::kNextHopFailed}, {kMail, &r::kMailFirst}}, &Session::on_rcpt},
      {Verb::kData,
       {{kIntact, &r::kNextHopFailed}, {kMail, &r::kMailFirst}, {kRecipients, &r::kRcptFirst},
        {kNoBdat, &r::kDataAfterBdat}},
       &Session::on_data},
      // RFC 3030: the chunk is read even when BDAT is refused, so the stream stays in step.
      {Verb::kBdat,
       {{kChunkingOffered, &r::kBdatNotOffered}, {kIntact, &r::kNextHopFailed}, {kMail, &r::kMailFirst},
        {kRecipients, &r::kRcptFirst}, {kNoData, &r::kBdatAfterData}},
       &Session::on_bdat, nullptr, true},
      {Verb::kRset, {}, &Session::on_rset},
      {Verb::kNoop, {}, nullptr, &r::kOk},
      {Verb::kVrfy, {}, nullptr, &r::kCannotVrfy},  // RFC 5321 3.5.3: cannot verify, but will accept and try
      {Verb::kExpn, {}, nullptr, &r::kCannotVrfy},
      {Verb::kHelp, {}, nullptr, &r::kHelp},
      {Verb::kQuit, {}, &Session::on_quit},
      {Verb::kStarttls,
       {{kStartTlsOffered, &r::kStartTlsNotOffered}, {kClear, &r::kAlreadyTls},
        {kNoArgument, &r::kStartTlsSyntax}, {kNoMail, &r::kStartTlsInTransaction}},
       &Session::on_starttls},
      {Verb::kAuth,
       {{kAuthOffered, &r::kAuthNotAllowed}, {kEsmtp, &r::kEhloFirst}, {kUnauthenticated, &r::kAuthAgain},
        {kNoMail, &r::kAuthInTransaction}, {kPlainTextAllowed, &r::kAuthNeedsTls}},
       &Session::on_auth},
      {Verb::kUnknown, {}, nullptr, &r::kUnrecognized},
  };
  for (const CommandEntry& e : kTable) {
    if (e.verb == verb) return e;
  }
  return kTable[std::size(kTable) - 1];
}

bool Session::meets(Requires condition, const Command& cmd) const {
  switch (condition) {
    case Requires::kGreeted: return !config_.ehlo_required || !facts_.helo.empty();
    case Requires::kIntact: return !txn_failed_;
    case Requires::kMail: return have_mail_;
    case Requires::kRecipients: return !envelope_.rcpts.empty();
    case Requires::kNoMail: return !have_mail_;
    case Requires::kNoBdat: return !bdat_;  // RFC 3030 2: DATA and BDAT are not mixed
    case Requires::kNoData: return bdat_ || message_.empty();
    case Requires::kChunkingOffered: return config_.chunking;
    case Requires::kStartTlsOffered: return config_.starttls;
    case Requires::kAuthOffered: return config_.auth.enabled();
    case Requires::kClear: return facts_.tls_version.empty();
    case Requires::kNoArgument: return cmd.argument.empty();
    case Requires::kEsmtp: return facts_.esmtp;
    case Requires::kUnauthenticated: return facts_.authenticated_as.empty();
    case Requires::kPlainTextAllowed: return !facts_.tls_version.empty() || config_.auth.allow_plain_text;
  }
  return true;
}

// The first condition of the command's entry the session does not meet: its refusal.
std::optional<Reply> Session::refusal(const CommandEntry& e, const Command& cmd) const {
  for (const Guard& g : e.guards) {
    if (!meets(g.condition, cmd)) return *g.refusal;
  }
  return std::nullopt;
}

void Session::answer(Output& out, const Reply& r) {
  if (r.permanent()) {
    fail_command(out, r);
  } else {
    reply(out, r);
  }
}

void Session::command(const std::string& line, Output& out) {
  ParsedCommand parsed = parse_command(line);
  if (!parsed.command) {
    fail_command(out, *parsed.error);
    return;
  }
  const Command& cmd = *parsed.command;
  const CommandEntry& e = entry(cmd.verb);
  if (!e.reads_first) {
    if (std::optional<Reply> refused = refusal(e, cmd)) {
      answer(out, *refused);
      return;
    }
  }
  if (e.handler) {
    (this->*e.handler)(cmd, out);
  } else {
    answer(out, *e.answer);
  }
}

void Session::on_quit(const Command&, Output& out) {
  finish(out, replies::bye(config_.hostname), "quit");
}

}  // namespace sievegate::proxy
