// The stage × action table (bridge/stage_table.h) walked cell by cell: stage_effect
// applies exactly the cells marked applied, names exactly the noted ones in its ignored
// list (the proxy's log notes, `run`'s "no effect at this stage"), and check-config warns
// for a row's commands exactly where the row does not apply.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "bridge/stage_run.h"
#include "bridge/stage_table.h"
#include "config/loader.h"
#include "sieve/message/message.h"

using namespace sievegate;
using policy::Stage;
using policy::StageAction;
using policy::StageEffectKind;

namespace {

constexpr Stage kStages[] = {Stage::kConnect, Stage::kEhlo, Stage::kAuth, Stage::kMail, Stage::kRcpt, Stage::kData};

// A result holding the row's element alone (keep: the implicit keep).
policy::ActionSet result_with(StageAction action) {
  policy::ActionSet result;
  policy::Action a;
  a.target = "target@example.org";
  switch (action) {
    case StageAction::kReject: a.kind = policy::Action::Kind::kReject; a.reason = "no"; break;
    case StageAction::kDiscard: a.kind = policy::Action::Kind::kDiscard; break;
    case StageAction::kKeep: return result;
    case StageAction::kRedirect: a.kind = policy::Action::Kind::kRedirect; break;
    case StageAction::kFileinto: a.kind = policy::Action::Kind::kFileinto; break;
    case StageAction::kVacation: a.kind = policy::Action::Kind::kVacation; a.reason = "away"; break;
    case StageAction::kNotify: a.kind = policy::Action::Kind::kNotify; break;
    case StageAction::kEditMessage: result.message_changed = true; return result;
    case StageAction::kEnvelopeFrom: result.envelope.from = "new@example.org"; return result;
    case StageAction::kEnvelopeTo: result.envelope.to = "new@example.org"; return result;
  }
  REQUIRE_FALSE(result.add(a));
  return result;
}

// Whether the effect carries out the row's element.
bool carried_out(StageAction action, const policy::StageEffect& e) {
  switch (action) {
    case StageAction::kReject: return e.reply.has_value() && e.reply->code >= 550;
    case StageAction::kDiscard: return e.discard;
    case StageAction::kKeep: return !e.reply && !e.discard;
    case StageAction::kRedirect:
      return e.recipients && std::find(e.recipients->begin(), e.recipients->end(), "target@example.org") !=
                                 e.recipients->end();
    case StageAction::kFileinto:
    case StageAction::kVacation:
    case StageAction::kNotify: return false;  // nothing a proxy could do with them
    case StageAction::kEditMessage: return e.message_changed;
    case StageAction::kEnvelopeFrom: return e.mail_from == std::optional<std::string>("new@example.org");
    case StageAction::kEnvelopeTo:
      return e.recipients == std::optional<std::vector<std::string>>(std::vector<std::string>{"new@example.org"});
  }
  return false;
}

// Loads configuration `text` as check-config would, from a file removed afterwards.
config::LoadedConfig load_text(const std::string& text) {
  char name[] = "/tmp/sievegate-stage-table-XXXXXX";
  int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fd);
  config::LoadedConfig loaded = config::load_config(name);
  std::remove(name);
  return loaded;
}

}  // namespace

TEST_CASE("stage table: stage_effect and its notes follow each cell", "[bridge]") {
  policy::message::Message message("Subject: s\r\n\r\nbody\r\n");
  policy::Envelope envelope;
  envelope.from = "from@example.org";
  envelope.to = {"to@example.org"};
  for (const policy::StageActionRow& row : policy::stage_action_table()) {
    for (Stage stage : kStages) {
      INFO(row.note << " at " << policy::stage_name(stage));
      policy::StageEffect e = policy::stage_effect(stage, result_with(row.action), envelope, &message, false);
      StageEffectKind cell = row.at[static_cast<std::size_t>(stage)];
      CHECK(carried_out(row.action, e) == (cell == StageEffectKind::kApplied));
      if (cell == StageEffectKind::kNoted) {
        std::string note = row.note_target ? std::string(row.note) + " target@example.org" : row.note;
        CHECK(e.ignored == std::vector<std::string>{note});
      } else {
        CHECK(e.ignored.empty());
      }
    }
  }
}

TEST_CASE("stage table: check-config warns where a command's row does not apply", "[bridge]") {
  const char* kStageKeys[] = {"connect", "ehlo", "auth", "mail", "rcpt", "data"};
  for (Stage stage : kStages) {
    INFO(policy::stage_name(stage));
    config::LoadedConfig c = load_text(std::string("[session.") + kStageKeys[static_cast<std::size_t>(stage)] +
                    "]\nscript = \"s\"\n[sieve.trusted.scripts]\ns = '''\n"
                    "require [\"fileinto\", \"vacation\", \"enotify\", \"editheader\", \"mime\", \"replace\", "
                    "\"enclose\", \"copy\", \"reject\", \"ereject\"];\n"
                    "discard;\nkeep;\nredirect \"x@example.org\";\nfileinto \"f\";\nvacation \"away\";\n"
                    "notify \"mailto:x@example.org\";\naddheader \"X-A\" \"1\";\ndeleteheader \"X-B\";\n"
                    "replace \"new body\";\nenclose :subject \"s\" \"text\";\nreject \"r\";\nereject \"r\";\n'''\n");
    std::map<std::string, std::string> warned;  // command -> warning
    for (const base::Diagnostic& r : c.reports) {
      if (r.code != "stage-action") continue;
      CHECK(r.severity == base::Severity::kWarning);
      warned[r.message.substr(1, r.message.find('\'', 1) - 1)] = r.message;
    }
    std::size_t expected = 0;
    for (const policy::StageActionRow& row : policy::stage_action_table()) {
      for (std::string_view command : row.commands) {
        if (command.empty()) continue;
        INFO(command);
        std::optional<std::string> warning = policy::stage_action_warning(command, stage);
        CHECK(warning.has_value() == (row.at[static_cast<std::size_t>(stage)] != StageEffectKind::kApplied));
        auto it = warned.find(std::string(command));
        CHECK((it == warned.end() ? std::optional<std::string>() : it->second) == warning);
        expected += warning ? 1 : 0;
      }
    }
    CHECK(warned.size() == expected);
  }
}

TEST_CASE("stage table: check-config's texts", "[bridge]") {
  CHECK(policy::stage_action_warning("fileinto", Stage::kData) ==
        "'fileinto' is not available in SMTP-stage scripts (at run time it does nothing)");
  CHECK(policy::stage_action_warning("addheader", Stage::kRcpt) ==
        "'addheader' has no effect at the rcpt stage (only at data)");
  CHECK(policy::stage_action_warning("discard", Stage::kConnect) ==
        "'discard' has no effect at the connect stage (only at data)");
  CHECK(policy::stage_action_warning("redirect", Stage::kAuth) ==
        "'redirect' has no effect at the auth stage (only at rcpt and data)");
  CHECK_FALSE(policy::stage_action_warning("redirect", Stage::kRcpt));
  CHECK_FALSE(policy::stage_action_warning("set", Stage::kConnect));
  CHECK_FALSE(policy::stage_action_warning("reject", Stage::kConnect));
}
