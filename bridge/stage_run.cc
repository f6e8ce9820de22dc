// Scripts at SMTP stages; see stage_run.h.
#include "bridge/stage_run.h"

#include <arpa/inet.h>

#include <ctime>

#include "bridge/stage_table.h"
#include "sieve/message/message.h"

namespace sievegate::policy {

std::optional<std::string> FactsHost::fact(std::string_view name) const {
  auto it = facts.find(name);
  if (it == facts.end()) return std::string();
  return it->second;
}

// RFC 5183 items, mapped onto the Stalwart-style facts where they mean the same.
std::optional<std::string> FactsHost::environment_item(std::string_view name) const {
  static const std::map<std::string, std::string, std::less<>> kMap = {
      {"remote-ip", "remote_ip"}, {"remote-host", "remote_host"}, {"domain", "domain"},
      {"host", "host"},           {"location", "location"},       {"phase", "phase"}};
  auto it = kMap.find(name);
  if (it == kMap.end()) return std::nullopt;
  auto f = facts.find(it->second);
  if (f == facts.end() || f->second.empty()) {
    if (name == "location") return std::string("MTA");  // RFC 5183 4: an SMTP-time filter
    if (name == "phase") return std::string("during");
    return std::nullopt;
  }
  return f->second;
}

bool FactsHost::duplicate_seen(std::string_view handle, std::string_view id, std::uint64_t, bool) {
  return duplicates != nullptr && duplicates->seen(handle, id, now());
}

std::string reverse_ip(std::string_view ip) {
  std::string text(ip);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    return std::to_string(bytes[3]) + "." + std::to_string(bytes[2]) + "." + std::to_string(bytes[1]) + "." +
           std::to_string(bytes[0]);
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (int i = 15; i >= 0; --i) {
      out += kHex[bytes[i] & 15];
      out += '.';
      out += kHex[bytes[i] >> 4];
      if (i > 0) out += '.';
    }
    return out;
  }
  return "";
}

void complete_facts(Stage stage, FactsHost& host) {
  host.facts["stage"] = stage_name(stage);
  if (host.facts.find("now") == host.facts.end()) host.facts["now"] = std::to_string(std::time(nullptr));
  auto ip = host.facts.find("remote_ip");
  if (ip != host.facts.end() && host.facts.find("remote_ip.reverse") == host.facts.end()) {
    host.facts["remote_ip.reverse"] = reverse_ip(ip->second);
  }
}

// Whether a result element changes the session at `stage` (stage_table.h); when it does
// not, the table says whether effect.ignored names it.
static bool applies(StageAction action, Stage stage, const std::string& target, StageEffect& effect) {
  const StageActionRow& row = stage_action_row(action);
  StageEffectKind kind = row.at[static_cast<std::size_t>(stage)];
  if (kind == StageEffectKind::kNoted) effect.ignored.push_back(row.note_target ? row.note + (" " + target) : row.note);
  return kind == StageEffectKind::kApplied;
}

StageEffect stage_effect(Stage stage, const ActionSet& result, const Envelope& envelope,
                         const message::Message* message, bool tempfail_on_error) {
  StageEffect effect;
  effect.reply = stage_reply(stage, result, tempfail_on_error);
  // A failed run changes nothing (fail open, or the tempfail reply above).
  if (result.status() != RunStatus::kOk) return effect;
  if (effect.reply) {
    effect.discard = stage == Stage::kData && effect.reply->code == 250;
    return effect;
  }
  using Kind = Action::Kind;
  bool keep = result.implicit_keep() || result.has(Kind::kKeep);
  std::vector<std::string> redirects;
  for (const Action& a : result.actions()) {
    if (applies(stage_action_of(a.kind), stage, a.target, effect) && a.kind == Kind::kRedirect) {
      redirects.push_back(a.target);
    }
  }
  const EnvelopeChanges& changes = result.envelope;
  if (changes.from && applies(StageAction::kEnvelopeFrom, stage, "", effect)) effect.mail_from = *changes.from;
  std::vector<std::string> current = envelope.to;
  bool to_changed = false;
  if (changes.to && applies(StageAction::kEnvelopeTo, stage, "", effect)) {
    // Stalwart: envelope.to rewrites the current (at DATA: the last) recipient.
    if (!current.empty()) {
      current.back() = *changes.to;
      to_changed = true;
    } else {
      effect.ignored.push_back(stage_action_row(StageAction::kEnvelopeTo).note);  // nobody to rewrite
    }
  }
  if (!redirects.empty() || to_changed) {
    std::vector<std::string> next;
    if (keep) next = current;  // without :copy and without keep, the originals are dropped
    for (const std::string& r : redirects) {
      bool dup = false;
      for (const std::string& n : next) dup = dup || n == r;
      if (!dup) next.push_back(r);
    }
    effect.recipients = std::move(next);
    if (effect.recipients->empty() && stage == Stage::kData) {
      effect.discard = true;  // nobody left to relay to
      effect.reply = SmtpReply{250, "2.0.0", "Message queued for delivery."};
    }
  }
  if (result.message_changed && applies(StageAction::kEditMessage, stage, "", effect) && message != nullptr) {
    effect.message_changed = true;
    effect.message = result.replaced_message ? *result.replaced_message : message->serialize();
  }
  return effect;
}

StageRun run_stage(const Program& program, Stage stage, FactsHost& host, const Envelope& envelope,
                   message::Message* message, const StageOptions& options) {
  complete_facts(stage, host);
  RunContext context;
  context.message = stage == Stage::kData ? message : nullptr;
  context.envelope = envelope;
  context.host = &host;
  context.limits = options.limits;
  context.scores = options.scores;
  StageRun out;
  out.result = run(program, context);
  out.effect = stage_effect(stage, out.result, envelope, context.message, options.tempfail_on_error);
  return out;
}

}  // namespace sievegate::policy
