// Parsing of SMTP command lines (RFC 5321 4.1): the verb table as data, and the
// MAIL/RCPT path and ESMTP parameter syntax. Pure functions: the session state machine
// decides what a well-formed command means in the current state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "smtp/reply.h"

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

// The service extensions this session announced in its EHLO reply: a MAIL or RCPT
// parameter belongs to one of them, or it is refused (RFC 5321 4.1.1.11).
struct Advertised {
  bool size = true;         // SIZE (RFC 1870)
  bool eight_bit = true;    // 8BITMIME (RFC 6152): BODY=7BIT / 8BITMIME
  bool binarymime = false;  // BINARYMIME (RFC 3030): BODY=BINARYMIME
  bool smtputf8 = true;     // SMTPUTF8 (RFC 6531)
  bool dsn = false;         // DSN (RFC 3461): RET, ENVID / NOTIFY, ORCPT
  bool auth = false;        // AUTH (RFC 4954 5): MAIL ... AUTH=
};

// Checks a parsed MAIL or RCPT's parameters and address against what was advertised:
// a parameter of an extension not advertised gets 555 5.5.4, a bad or repeated value
// 501 5.5.4, a non-ASCII address without SMTPUTF8 (on this MAIL, or on the MAIL of the
// transaction for an RCPT) 553 5.6.7 (RFC 6531 3.7.4). nullopt: acceptable.
std::optional<Reply> check_mail_params(const Command& cmd, const Advertised& advertised);
std::optional<Reply> check_rcpt_params(const Command& cmd, const Advertised& advertised, bool mail_smtputf8);

// RFC 3461 4: xtext (printable ASCII but '+' and '=', "+XX" hex escapes).
bool is_xtext(std::string_view s);

// RFC 5321 4.1.2 Mailbox (local-part "@" domain / address-literal); UTF-8 when allowed
// (RFC 6531).
bool is_valid_mailbox(std::string_view mailbox, bool utf8);

// RFC 5321 4.1.1.1: the EHLO/HELO argument, a domain or an address literal.
bool is_valid_helo(std::string_view argument);

}  // namespace sievegate::proxy
