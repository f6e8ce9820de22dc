// Running a script at an SMTP stage: the one code path that the proxy and
// `sievegate run --stage` share, so both give the same verdict for the same script and
// facts. The facts are Stalwart's `env.*` names (stalwart-stages.md section 2); what each
// result does at each stage is config.md's table, computed here as a StageEffect.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sieve/runtime/actions.h"
#include "sieve/runtime/duplicate_store.h"
#include "sieve/runtime/interpreter.h"
#include "sieve/program/program.h"
#include "bridge/stage.h"

namespace sievegate::policy {

// ${env.NAME} facts and the RFC 5183 environment items built on them. Facts that are
// not set read as empty strings (config.md: "the rest are empty strings").
class FactsHost : public Host {
 public:
  std::map<std::string, std::string, std::less<>> facts;
  DuplicateStore* duplicates = nullptr;  // none: nothing was seen before

  std::optional<std::string> fact(std::string_view name) const override;
  std::optional<std::string> environment_item(std::string_view name) const override;
  bool duplicate_seen(std::string_view handle, std::string_view id, std::uint64_t seconds, bool last) override;
};

// "192.0.2.1" -> "1.2.0.192"; IPv6 -> dot-separated nibbles, least significant first
// (env.remote_ip.reverse, the DNSBL form without a zone); "" when `ip` is not an address.
std::string reverse_ip(std::string_view ip);

// Adds what the stage itself defines: env.stage, env.now (unless given) and
// env.remote_ip.reverse (from remote_ip, unless given).
void complete_facts(Stage stage, FactsHost& host);

// What the result does to the session (config.md, per stage).
struct StageEffect {
  std::optional<SmtpReply> reply;          // sent instead of continuing (reject, DATA discard)
  bool discard = false;                    // DATA: nothing is relayed (the reply is 250)
  std::optional<std::string> mail_from;    // MAIL/DATA: relay this sender instead
  // RCPT: relay these instead of the current recipient; DATA: the new recipient list.
  std::optional<std::vector<std::string>> recipients;
  bool message_changed = false;            // DATA: relay `message` instead
  std::string message;
  std::vector<std::string> ignored;        // actions without effect at this stage (logged)
};

struct StageOptions {
  bool tempfail_on_error = false;  // [sieve.trusted] on-error = "tempfail"
  RunLimits limits;
  ScoreTestConfig scores;
};

struct StageRun {
  ActionSet result;
  StageEffect effect;
};

// Runs `program` at `stage`. `envelope` is the session's (to: the current recipient at
// RCPT, all of them at DATA); `message` only at DATA.
StageRun run_stage(const Program& program, Stage stage, FactsHost& host, const Envelope& envelope,
                   message::Message* message, const StageOptions& options);

// The effect alone, from a result (for tests and callers that ran the script themselves).
StageEffect stage_effect(Stage stage, const ActionSet& result, const Envelope& envelope,
                         const message::Message* message, bool tempfail_on_error);

}  // namespace sievegate::policy
