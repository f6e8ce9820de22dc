// What each element of a Sieve result does at each SMTP stage: the one table behind
// config.md's "What a script's result does at each stage". Three users read it:
//   - stage_effect (stage_run.h), which the proxy (SievePolicy) and `sievegate run --stage`
//     share: a cell that applies changes the session;
//   - the notes of actions without effect (StageEffect::ignored), which the proxy logs and
//     `run` prints: a kNoted cell;
//   - check-config's "stage-action" warnings (stage_action_warning below), for the rows a
//     command can be recognised by.
// stage.h has the Stage enum and the names; this file the rest of the reading.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "bridge/stage.h"

namespace sievegate::policy {

// The rows: what a script's result can hold.
enum class StageAction {
  kReject,        // reject, ereject: a reply instead of continuing
  kDiscard,
  kKeep,          // keep, or the implicit keep: continue / relay
  kRedirect,
  kFileinto,
  kVacation,
  kNotify,
  kEditMessage,   // addheader, deleteheader, replace, enclose: the message changed
  kEnvelopeFrom,  // set "envelope.from"
  kEnvelopeTo,    // set "envelope.to"
};

enum class StageEffectKind {
  kApplied,  // changes the session
  kNoted,    // no effect; said in StageEffect::ignored (the proxy's log, `run`'s output)
  kSilent,   // no effect, and nothing said at run time
};

struct StageActionRow {
  StageAction action;
  const char* note;              // how StageEffect::ignored names it
  bool note_target;              // ... followed by a space and the action's target
  // The commands check-config recognises the row by: it warns wherever the row does not
  // apply. Empty: not recognisable from the command alone (set "envelope.from").
  std::array<std::string_view, 4> commands;
  std::array<StageEffectKind, 6> at;  // by Stage: connect, ehlo, auth, mail, rcpt, data
};

// All rows, in StageAction order.
const std::array<StageActionRow, 10>& stage_action_table();

const StageActionRow& stage_action_row(StageAction action);
StageAction stage_action_of(Action::Kind kind);
StageEffectKind stage_action_effect(StageAction action, Stage stage);
inline bool stage_action_applies(StageAction action, Stage stage) {
  return stage_action_effect(action, stage) == StageEffectKind::kApplied;
}

// check-config's warnings: stage_action_warning, declared in stage.h.

}  // namespace sievegate::policy
