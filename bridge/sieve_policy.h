// The Sieve engine at every SMTP stage: the StagePolicy the proxy consults, running the
// script the configuration names for the stage (a rule may pick it per listener, client
// address, sender, recipient...) with the session's facts as Stalwart's variables
// (stalwart-stages.md section 2), and turning the result into the proxy's Verdict
// through policy::run_stage, the code path `sievegate run --stage` uses too.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>

#include "config/rules.h"
#include "sieve/runtime/duplicate_store.h"
#include "sieve/program/program.h"
#include "bridge/stage_run.h"
#include "base/log.h"
#include "smtp/session.h"

namespace sievegate::config {

struct SieveSettings {
  std::map<std::string, std::shared_ptr<const policy::Program>> programs;  // by script name
  // session.<stage>.script per policy::Stage (connect, ehlo, auth, mail, rcpt, data);
  // an empty name means no script.
  std::array<IfBlock<std::string>, 6> scripts;
  // session.mail.rewrite / session.rcpt.rewrite: a new address (with ${N} captures), run
  // after the stage's script (Stalwart's order); none: unchanged.
  IfBlock<std::optional<DynamicString>> mail_rewrite;
  IfBlock<std::optional<DynamicString>> rcpt_rewrite;
  policy::StageOptions options;
  std::shared_ptr<policy::DuplicateStore> duplicates;
  std::shared_ptr<const proxy::Log> log;
  // in-list lookups for rules ("directory/lookup" -> values)
  std::map<std::string, std::vector<std::string>, std::less<>> lists;
};

class SievePolicy final : public proxy::StagePolicy {
 public:
  explicit SievePolicy(std::shared_ptr<const SieveSettings> settings) : settings_(std::move(settings)) {}

  proxy::Verdict connect(const proxy::SessionFacts& facts) override;
  proxy::Verdict ehlo(const proxy::SessionFacts& facts) override;
  proxy::Verdict auth(const proxy::SessionFacts& facts) override;
  proxy::Verdict mail(const proxy::SessionFacts& facts, const proxy::Envelope& envelope) override;
  proxy::Verdict rcpt(const proxy::SessionFacts& facts, const proxy::Envelope& envelope) override;
  proxy::Verdict data(const proxy::SessionFacts& facts, const proxy::Envelope& envelope,
                      std::string_view message) override;

 private:
  proxy::Verdict run(policy::Stage stage, const proxy::SessionFacts& facts, const proxy::Envelope* envelope,
                     std::string_view message);
  std::shared_ptr<const SieveSettings> settings_;
};

// What rules see at a stage: listener, addresses, HELO name, login, sender, recipient
// (at RCPT the one being processed, later the last one), lower-cased where case does
// not matter.
Context make_context(policy::Stage stage, const proxy::SessionFacts& facts, const proxy::Envelope* envelope);

// The facts a stage's script sees, by Stalwart's names (remote_ip, helo_domain, tls.version,
// param.body, envelope.envid...), from the session and the transaction; a fact already in
// `host` (given with `run --env`) is kept.
void session_facts(policy::Stage stage, const proxy::SessionFacts& facts, const proxy::Envelope* envelope,
                   policy::FactsHost& host);

// Runs a stage's script on the session as smtp hands it to a policy: the one entry the
// proxy (SievePolicy) and `sievegate run --stage` share, so they cannot read a session
// differently. The script sees session_facts and the transaction as the Sieve envelope
// (none before MAIL; at RCPT the recipient being processed, at DATA all of them; addresses
// lower-cased); `message` is read at DATA only.
policy::StageRun run_session_stage(const policy::Program& program, policy::Stage stage,
                                   const proxy::SessionFacts& facts, const proxy::Envelope* envelope,
                                   policy::message::Message* message, policy::FactsHost& host,
                                   const policy::StageOptions& options);

// A script run outside any stage (`sievegate run` without --stage): no stage facts and
// no reading of the result; the addresses as given, every recipient in `envelope.rcpts`.
policy::ActionSet run_unstaged(const policy::Program& program, const proxy::Envelope& envelope,
                               policy::message::Message* message, policy::FactsHost& host,
                               const policy::RunLimits& limits);

}  // namespace sievegate::config
