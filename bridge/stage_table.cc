// The stage × action table; see stage_table.h and config.md.
#include "bridge/stage_table.h"

#include <vector>

namespace sievegate::policy {
namespace {

constexpr StageEffectKind A = StageEffectKind::kApplied;
constexpr StageEffectKind N = StageEffectKind::kNoted;
constexpr StageEffectKind S = StageEffectKind::kSilent;

// clang-format off
constexpr std::array<StageActionRow, 10> kTable = {{
  //                                                                   connect ehlo auth mail rcpt data
  {StageAction::kReject,       "reject",            false, {"reject", "ereject"}, {A, A, A, A, A, A}},
  {StageAction::kDiscard,      "discard",           false, {"discard"},           {N, N, N, N, N, A}},
  {StageAction::kKeep,         "keep",              false, {"keep"},              {A, A, A, A, A, A}},
  {StageAction::kRedirect,     "redirect",          true,  {"redirect"},          {N, N, N, N, A, A}},
  {StageAction::kFileinto,     "fileinto",          false, {"fileinto"},          {N, N, N, N, N, N}},
  {StageAction::kVacation,     "vacation",          false, {"vacation"},          {N, N, N, N, N, N}},
  {StageAction::kNotify,       "notify",            false, {"notify"},            {N, N, N, N, N, N}},
  {StageAction::kEditMessage,  "editheader",        false,
   {"addheader", "deleteheader", "replace", "enclose"},                           {S, S, S, S, S, A}},
  {StageAction::kEnvelopeFrom, "set envelope.from", false, {},                    {N, N, N, A, N, A}},
  {StageAction::kEnvelopeTo,   "set envelope.to",   false, {},                    {N, N, N, N, A, A}},
}};
// clang-format on

constexpr bool in_order() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<std::size_t>(kTable[i].action) != i) return false;
  }
  return true;
}
static_assert(in_order(), "stage_action_table() is indexed by StageAction");

constexpr Stage kStages[] = {Stage::kConnect, Stage::kEhlo, Stage::kAuth, Stage::kMail, Stage::kRcpt, Stage::kData};

}  // namespace

const std::array<StageActionRow, 10>& stage_action_table() { return kTable; }

const StageActionRow& stage_action_row(StageAction action) { return kTable[static_cast<std::size_t>(action)]; }

StageAction stage_action_of(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::kKeep: return StageAction::kKeep;
    case Action::Kind::kFileinto: return StageAction::kFileinto;
    case Action::Kind::kRedirect: return StageAction::kRedirect;
    case Action::Kind::kReject:
    case Action::Kind::kEreject: return StageAction::kReject;
    case Action::Kind::kDiscard: return StageAction::kDiscard;
    case Action::Kind::kVacation: return StageAction::kVacation;
    case Action::Kind::kNotify: return StageAction::kNotify;
  }
  return StageAction::kKeep;
}

StageEffectKind stage_action_effect(StageAction action, Stage stage) {
  return stage_action_row(action).at[static_cast<std::size_t>(stage)];
}

// "'redirect' has no effect at the mail stage (only at rcpt and data)", the stages being
// those where the row applies; a row that applies nowhere is "not available".
std::optional<std::string> stage_action_warning(std::string_view command, Stage stage) {
  for (const StageActionRow& row : kTable) {
    bool named = false;
    for (std::string_view c : row.commands) named = named || (!c.empty() && c == command);
    if (!named) continue;
    if (row.at[static_cast<std::size_t>(stage)] == StageEffectKind::kApplied) return std::nullopt;
    std::vector<const char*> where;
    for (Stage s : kStages) {
      if (row.at[static_cast<std::size_t>(s)] == StageEffectKind::kApplied) where.push_back(stage_name(s));
    }
    std::string quoted = "'" + std::string(command) + "'";
    if (where.empty()) return quoted + " is not available in SMTP-stage scripts (at run time it does nothing)";
    std::string only;
    for (std::size_t i = 0; i < where.size(); ++i) {
      only += i == 0 ? "" : i + 1 == where.size() ? " and " : ", ";
      only += where[i];
    }
    return quoted + " has no effect at the " + stage_name(stage) + " stage (only at " + only + ")";
  }
  return std::nullopt;
}

}  // namespace sievegate::policy
