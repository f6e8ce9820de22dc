// What a script's result means at each SMTP stage (config.md, "What a script's result
// does at each stage"). Shared by the proxy and `sievegate run --stage`, so both give the
// same verdict for the same script and facts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sieve/runtime/actions.h"

namespace sievegate::policy {

enum class Stage { kConnect, kEhlo, kAuth, kMail, kRcpt, kData };

std::optional<Stage> stage_from_name(std::string_view name);
const char* stage_name(Stage stage);

struct SmtpReply {
  int code = 250;
  std::string enhanced;  // "5.7.1"
  std::string text;      // may hold several lines separated by CRLF
};

// The reply the proxy sends instead of continuing, or nullopt when the stage continues
// normally. `tempfail_on_error` is `[sieve.trusted] on-error = "tempfail"`.
std::optional<SmtpReply> stage_reply(Stage stage, const ActionSet& result,
                                     bool tempfail_on_error = false);

// check-config's "stage-action" warning for Sieve command `command` in a script run at
// `stage`, from stage_table.h's table; nullopt when the command has an effect there or is
// not one the table names.
std::optional<std::string> stage_action_warning(std::string_view command, Stage stage);

// "550 5.7.1 text" / multi-line "550-5.7.1 a\r\n550 5.7.1 b" (RFC 5321 4.2.1, RFC 2034).
std::string format_reply(const SmtpReply& reply);

}  // namespace sievegate::policy
