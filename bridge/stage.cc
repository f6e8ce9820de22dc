// Stage verdicts; see stage.h and config.md.
#include "bridge/stage.h"

#include "base/enhanced_code.h"
#include "bridge/stage_table.h"

#include <cctype>

namespace sievegate::policy {
namespace {

// config.md: a reason that starts with a three-digit code and a space is sent as written
// (an enhanced code after it is kept); otherwise the stage's default code is used.
SmtpReply reply_for_reason(Stage stage, const std::string& reason) {
  SmtpReply reply;
  if (reason.size() >= 4 && std::isdigit(static_cast<unsigned char>(reason[0])) &&
      std::isdigit(static_cast<unsigned char>(reason[1])) &&
      std::isdigit(static_cast<unsigned char>(reason[2])) && reason[3] == ' ' &&
      (reason[0] == '4' || reason[0] == '5')) {
    reply.code = std::stoi(reason.substr(0, 3));
    std::string rest = reason.substr(4);
    std::size_t space = rest.find(' ');
    std::string first = rest.substr(0, space);
    if (is_enhanced_code(first) && first[0] == reason[0]) {
      reply.enhanced = first;
      reply.text = space == std::string::npos ? "" : rest.substr(space + 1);
    } else {
      reply.enhanced = reason[0] == '4' ? "4.7.1" : "5.7.1";
      reply.text = rest;
    }
  } else {
    reply.code = stage == Stage::kConnect ? 554 : 550;
    reply.enhanced = "5.7.1";
    reply.text = reason;
  }
  while (!reply.text.empty() && (reply.text.back() == '\n' || reply.text.back() == '\r')) {
    reply.text.pop_back();
  }
  return reply;
}

}  // namespace

std::optional<Stage> stage_from_name(std::string_view name) {
  if (name == "connect") return Stage::kConnect;
  if (name == "ehlo") return Stage::kEhlo;
  if (name == "auth") return Stage::kAuth;
  if (name == "mail") return Stage::kMail;
  if (name == "rcpt") return Stage::kRcpt;
  if (name == "data") return Stage::kData;
  return std::nullopt;
}

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::kConnect: return "connect";
    case Stage::kEhlo: return "ehlo";
    case Stage::kAuth: return "auth";
    case Stage::kMail: return "mail";
    case Stage::kRcpt: return "rcpt";
    case Stage::kData: return "data";
  }
  return "?";
}

std::optional<SmtpReply> stage_reply(Stage stage, const ActionSet& result, bool tempfail_on_error) {
  if (result.status() != RunStatus::kOk) {
    if (!tempfail_on_error) return std::nullopt;  // fail open, as Stalwart does
    return SmtpReply{451, "4.3.0", "Temporary policy failure, please try again later."};
  }
  for (const Action& a : result.actions()) {
    if ((a.kind == Action::Kind::kReject || a.kind == Action::Kind::kEreject) &&
        stage_action_applies(StageAction::kReject, stage)) {
      return reply_for_reason(stage, a.reason);
    }
  }
  if (stage_action_applies(StageAction::kDiscard, stage) && result.has(Action::Kind::kDiscard) && !result.implicit_keep() &&
      !result.has(Action::Kind::kKeep) && !result.has(Action::Kind::kRedirect)) {
    // Discarded: the client hears success, nothing is relayed (Stalwart's text).
    return SmtpReply{250, "2.0.0", "Message queued for delivery."};
  }
  return std::nullopt;
}

std::string format_reply(const SmtpReply& reply) {
  std::string out;
  std::string code = std::to_string(reply.code);
  std::string prefix = reply.enhanced.empty() ? "" : reply.enhanced + " ";
  std::size_t start = 0;
  const std::string& t = reply.text;
  do {
    std::size_t end = t.find('\n', start);
    std::string line = t.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool last = end == std::string::npos;
    out += code + (last ? " " : "-") + prefix + line;
    if (!last) out += "\r\n";
    start = last ? t.size() + 1 : end + 1;
  } while (start <= t.size());
  return out;
}

}  // namespace sievegate::policy
