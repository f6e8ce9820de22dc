// Parsing of SMTP command lines (RFC 5321 4.1): the verb table as data, and the
// MAIL/RCPT path and ESMTP parameter syntax. Pure functions: the session state machine
// decides what a well-formed command means in the current state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "proxy/reply.h"

namespace sievegate::proxy {

enum class Verb {
  kHelo, kEhlo, kMail, kRcpt, kData, kBdat, kRset, kNoop, kVrfy, kExpn, kHelp, kQuit,
  kStarttls, kAuth, kUnknown,
};

const char* verb_name(Verb verb);

struct EsmtpParam {
  std::string keyword;  // upper-cased (RFC 5321 4.1.2: case-insensitive)
  std::string value;    // as written; empty when the parameter has no value
  bool has_value = false;
};

struct Command {
  Verb verb = Verb::kUnknown;
  std::string verb_text;  // as written, for messages
  std::string argument;   // everything after the verb and one space
  // MAIL / RCPT: the path without <> ("" for the null reverse-path) and its parameters.
  std::string path;
  std::vector<EsmtpParam> params;
  const EsmtpParam* param(std::string_view keyword) const;
};

// Parses one command line (without its line end). On a syntax error returns the reply
// to send (500 for an unknown verb, 501 for bad arguments) instead of a Command.
struct ParsedCommand {
  std::optional<Command> command;
  std::optional<Reply> error;
};
ParsedCommand parse_command(std::string_view line, bool smtputf8_allowed = true);

// RFC 5321 4.1.2 Mailbox (local-part "@" domain / address-literal); UTF-8 when allowed
// (RFC 6531).
bool is_valid_mailbox(std::string_view mailbox, bool utf8);

// RFC 5321 4.1.1.1: the EHLO/HELO argument, a domain or an address literal.
bool is_valid_helo(std::string_view argument);

}  // namespace sievegate::proxy
