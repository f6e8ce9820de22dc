// `sievegate run`: run one script against one message / session offline, as an operator
// does to try a policy before deploying it (cli.md).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "base/file.h"
#include "base/json.h"
#include "cli/commands.h"
#include "sieve/runtime/duplicate_store.h"
#include "sieve/message/message.h"
#include "sieve/sieve.h"
#include "bridge/sieve_policy.h"

namespace sievegate::cli {
namespace {

using base::append_json_string;

constexpr const char* kUsage =
    "usage: sievegate run --script FILE [options]\n"
    "\n"
    "Run one Sieve script against one message and session, offline, and show what it\n"
    "would do.\n"
    "\n"
    "  --script FILE       the Sieve script (required)\n"
    "  --message FILE      an RFC 5322 message (.eml; CRLF or LF line ends)\n"
    "  --from ADDR         envelope sender (MAIL FROM); \"\" or <> for the null sender\n"
    "  --to ADDR           envelope recipient (RCPT TO); may be repeated\n"
    "  --stage NAME        connect|ehlo|auth|mail|rcpt|data: the variables and the reading\n"
    "                      of each action are those of that SMTP stage in the proxy, and\n"
    "                      the reply the proxy would send is shown\n"
    "  --env NAME=VALUE    a session fact for ${env.NAME}, e.g. --env remote_ip=10.0.0.88;\n"
    "                      may be repeated\n"
    "  --format text|json  output form (default text)\n"
    "  --output FILE       write the message as changed by the script (editheader)\n"
    "  --global-dir DIR    where `include :global` finds NAME.sieve (default: the\n"
    "                      script's folder, which also holds the personal scripts)\n"
    "\n"
    "Exit status: 0 the script ran, 1 the script has errors or failed at run time,\n"
    "2 usage error or unreadable file.\n";

// Offline, a busy machine must not turn a slow run into a wall-time failure; the
// instruction limit (the same as the proxy's) still bounds the work.
constexpr std::chrono::microseconds kOfflineWallTime{10000000};

// Reads an input file into `out`; when it cannot be read, says why on stderr (exit 2).
bool read_input(const std::string& path, std::string& out) {
  base::FileText file = base::read_file(path);
  if (!file.ok()) {
    std::cerr << diagnostic_line(path, 0, 0, "error", "cannot read: " + file.reason());
    return false;
  }
  out = std::move(file.text);
  return true;
}

std::string strip_angles(std::string s) {
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  return s;
}

void print_diagnostics(const std::string& path, const policy::Diagnostics& diagnostics) {
  for (const policy::Diagnostic& d : diagnostics) {
    std::cerr << diagnostic_line(path, d.pos.line, d.pos.column, policy::severity_name(d.severity), d.message);
  }
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

std::string json_quoted(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    append_json_string(out, items[i]);
  }
  out += ']';
}

std::string action_json(const policy::Action& a) {
  using Kind = policy::Action::Kind;
  std::string out = "{\"action\": \"";
  out += policy::action_name(a.kind);
  out += '"';
  auto field = [&](const char* name, const std::string& value) {
    out += ", \"";
    out += name;
    out += "\": ";
    append_json_string(out, value);
  };
  switch (a.kind) {
    case Kind::kKeep:
      out += ", \"flags\": ";
      append_string_array(out, a.flags);
      break;
    case Kind::kFileinto:
      field("mailbox", a.target);
      out += std::string(", \"copy\": ") + (a.copy ? "true" : "false");
      out += ", \"flags\": ";
      append_string_array(out, a.flags);
      if (a.create) out += ", \"create\": true";
      if (!a.special_use.empty()) field("specialuse", a.special_use);
      if (!a.mailbox_id.empty()) field("mailboxid", a.mailbox_id);
      break;
    case Kind::kRedirect:
      field("address", a.target);
      out += std::string(", \"copy\": ") + (a.copy ? "true" : "false");
      if (!a.dsn_notify.empty()) field("notify", a.dsn_notify);
      if (!a.dsn_ret.empty()) field("ret", a.dsn_ret);
      break;
    case Kind::kReject:
    case Kind::kEreject:
      field("reason", a.reason);
      break;
    case Kind::kDiscard:
      break;
    case Kind::kVacation:
      field("reason", a.reason);
      if (!a.subject.empty()) field("subject", a.subject);
      if (!a.from.empty()) field("from", a.from);
      out += ", \"addresses\": ";
      append_string_array(out, a.addresses);
      if (a.seconds) out += ", \"seconds\": " + std::to_string(*a.seconds);
      if (!a.handle.empty()) field("handle", a.handle);
      out += std::string(", \"mime\": ") + (a.mime ? "true" : "false");
      break;
    case Kind::kNotify:
      field("method", a.target);
      if (!a.from.empty()) field("from", a.from);
      out += ", \"importance\": " + std::to_string(a.importance);
      out += ", \"options\": ";
      append_string_array(out, a.options);
      if (!a.reason.empty()) field("message", a.reason);
      break;
  }
  return out + "}";
}

std::string action_text(const policy::Action& a) {
  using Kind = policy::Action::Kind;
  std::string out = policy::action_name(a.kind);
  switch (a.kind) {
    case Kind::kKeep:
      if (!a.flags.empty()) out += " flags " + json_quoted(join(a.flags));
      break;
    case Kind::kFileinto:
      out += " " + json_quoted(a.target);
      if (a.copy) out += " :copy";
      if (!a.flags.empty()) out += " flags " + json_quoted(join(a.flags));
      break;
    case Kind::kRedirect:
      out += " " + json_quoted(a.target);
      if (a.copy) out += " :copy";
      break;
    case Kind::kReject:
    case Kind::kEreject:
      out += " " + json_quoted(a.reason);
      break;
    case Kind::kDiscard:
      break;
    case Kind::kVacation:
      out += " reason " + json_quoted(a.reason);
      if (!a.subject.empty()) out += " subject " + json_quoted(a.subject);
      if (!a.from.empty()) out += " from " + json_quoted(a.from);
      if (a.seconds) out += " every " + std::to_string(*a.seconds) + "s";
      break;
    case Kind::kNotify:
      out += " " + json_quoted(a.target);
      if (!a.reason.empty()) out += " message " + json_quoted(a.reason);
      break;
  }
  return out;
}

}  // namespace

int run_main(int argc, char** argv) {
  std::string script_path, message_path, output_path, from, global_dir;
  std::vector<std::string> to;
  std::optional<policy::Stage> stage;
  bool json = false;
  policy::FactsHost host;
  policy::MemoryDuplicateStore duplicates;  // one offline run: nothing recorded before
  host.duplicates = &duplicates;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        std::cerr << "sievegate run: " << arg << " needs a value\n" << kUsage;
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return kExitOk;
    } else if (arg == "--script") {
      if (!value(script_path)) return kExitUsage;
    } else if (arg == "--message") {
      if (!value(message_path)) return kExitUsage;
    } else if (arg == "--output") {
      if (!value(output_path)) return kExitUsage;
    } else if (arg == "--global-dir") {
      if (!value(global_dir)) return kExitUsage;
    } else if (arg == "--from") {
      if (!value(v)) return kExitUsage;
      from = strip_angles(v);
    } else if (arg == "--to") {
      if (!value(v)) return kExitUsage;
      to.push_back(strip_angles(v));
    } else if (arg == "--stage") {
      if (!value(v)) return kExitUsage;
      stage = policy::stage_from_name(v);
      if (!stage) {
        std::cerr << "sievegate run: unknown stage '" << v
                  << "' (connect, ehlo, auth, mail, rcpt or data)\n";
        return kExitUsage;
      }
    } else if (arg == "--env") {
      if (!value(v)) return kExitUsage;
      std::size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "sievegate run: --env needs NAME=VALUE, got '" << v << "'\n";
        return kExitUsage;
      }
      host.facts[v.substr(0, eq)] = v.substr(eq + 1);
    } else if (arg == "--format") {
      if (!value(v)) return kExitUsage;
      if (v != "text" && v != "json") {
        std::cerr << "sievegate run: unknown format '" << v << "' (text or json)\n";
        return kExitUsage;
      }
      json = v == "json";
    } else {
      std::cerr << "sievegate run: unexpected argument '" << arg << "'\n" << kUsage;
      return kExitUsage;
    }
  }
  if (script_path.empty()) {
    std::cerr << "sievegate run: --script is required\n" << kUsage;
    return kExitUsage;
  }
  std::string source, raw_message;
  if (!read_input(script_path, source)) return kExitUsage;
  if (!message_path.empty() && !read_input(message_path, raw_message)) return kExitUsage;

  std::string script_dir = std::filesystem::path(script_path).parent_path().string();
  if (script_dir.empty()) script_dir = ".";
  policy::DirectoryScriptStore store(script_dir, global_dir.empty() ? script_dir : global_dir);
  policy::CompileResult compiled = policy::compile(source, policy::Registry::standard(), &store);
  print_diagnostics(script_path, compiled.diagnostics);
  if (!compiled.program) return kExitInputErrors;

  policy::message::Message message(raw_message);
  bool has_message = !message_path.empty() && (!stage || *stage == policy::Stage::kData);
  // The transaction as smtp hands it to a policy: at RCPT the last --to is the recipient
  // being processed, the others were accepted before it. The session's facts are the
  // --env ones, kept as given.
  proxy::Envelope envelope;
  envelope.from = from;
  envelope.rcpts = to;
  if (stage == policy::Stage::kRcpt && !to.empty()) {
    envelope.rcpt = to.back();
    envelope.rcpts.pop_back();
  }
  policy::ActionSet result;
  std::optional<policy::SmtpReply> reply;
  std::optional<policy::StageEffect> effect;
  if (stage) {
    // The proxy's own entry (SievePolicy's): the same facts, envelope and reading of the result.
    policy::StageOptions options;
    options.limits.max_time = kOfflineWallTime;
    policy::StageRun staged = config::run_session_stage(*compiled.program, *stage, proxy::SessionFacts{}, &envelope,
                                                        has_message ? &message : nullptr, host, options);
    result = std::move(staged.result);
    effect = std::move(staged.effect);
    reply = effect->reply;
  } else {
    policy::RunLimits limits;
    limits.max_time = kOfflineWallTime;
    result = config::run_unstaged(*compiled.program, envelope, has_message ? &message : nullptr, host, limits);
  }
  if (!output_path.empty() && has_message) {
    std::ofstream out(output_path, std::ios::binary);
    out << (result.replaced_message ? *result.replaced_message : message.serialize());
    if (!out) {
      std::cerr << "sievegate run: " << output_path << ": cannot write file\n";
      return kExitUsage;
    }
  }

  if (json) {
    std::string out = "{\"actions\": [";
    for (std::size_t i = 0; i < result.actions().size(); ++i) {
      if (i > 0) out += ", ";
      out += action_json(result.actions()[i]);
    }
    out += std::string("], \"implicit_keep\": ") + (result.implicit_keep() ? "true" : "false");
    out += ", \"implicit_keep_flags\": ";
    append_string_array(out, result.implicit_keep() ? result.implicit_keep_flags()
                                                    : std::vector<std::string>{});
    if (reply) {
      out += ", \"smtp_reply\": {\"code\": " + std::to_string(reply->code) +
             ", \"enhanced\": " + json_quoted(reply->enhanced) + ", \"text\": " + json_quoted(reply->text) + "}";
    }
    out += std::string(", \"message_changed\": ") + (result.message_changed ? "true" : "false");
    if (effect && (effect->discard || effect->mail_from || effect->recipients || !effect->ignored.empty())) {
      // What the proxy would relay at this stage (config.md's table), when it differs
      // from the session's own.
      out += std::string(", \"stage_effect\": {\"discard\": ") + (effect->discard ? "true" : "false");
      if (effect->mail_from) out += ", \"mail_from\": " + json_quoted(*effect->mail_from);
      if (effect->recipients) {
        out += ", \"recipients\": ";
        append_string_array(out, *effect->recipients);
      }
      out += ", \"ignored\": ";
      append_string_array(out, effect->ignored);
      out += "}";
    }
    if (result.envelope.from || result.envelope.to) {
      out += ", \"envelope\": {";
      bool first = true;
      if (result.envelope.from) {
        out += "\"from\": " + json_quoted(*result.envelope.from);
        first = false;
      }
      if (result.envelope.to) out += std::string(first ? "" : ", ") + "\"to\": " + json_quoted(*result.envelope.to);
      out += "}";
    }
    out += ", \"errors\": [";
    for (std::size_t i = 0; i < result.errors().size(); ++i) {
      const policy::RuntimeError& e = result.errors()[i];
      if (i > 0) out += ", ";
      out += "{\"line\": " + std::to_string(e.pos.line) + ", \"column\": " +
             std::to_string(e.pos.column) + ", \"message\": " + json_quoted(e.message) + "}";
    }
    out += "]}\n";
    std::cout << out;
  } else {
    std::cout << "actions:";
    if (result.actions().empty()) std::cout << " none";
    std::cout << '\n';
    for (const policy::Action& a : result.actions()) {
      std::cout << "  " << action_text(a) << "   (line " << a.pos.line << ")\n";
    }
    std::cout << "implicit keep: " << (result.implicit_keep() ? "yes" : "no");
    if (result.implicit_keep() && !result.implicit_keep_flags().empty()) {
      std::cout << " (flags " << join(result.implicit_keep_flags()) << ")";
    }
    std::cout << '\n';
    if (result.envelope.from) std::cout << "envelope from: " << *result.envelope.from << '\n';
    if (result.envelope.to) std::cout << "envelope to: " << *result.envelope.to << '\n';
    if (result.message_changed) {
      std::cout << "message changed: yes" << (output_path.empty() ? " (use --output FILE to save it)" : "") << '\n';
    }
    if (effect && effect->mail_from) std::cout << "relayed sender: " << *effect->mail_from << '\n';
    if (effect && effect->recipients) std::cout << "relayed recipients: " << join(*effect->recipients) << '\n';
    if (effect && !effect->ignored.empty()) std::cout << "no effect at this stage: " << join(effect->ignored) << '\n';
    if (stage) {
      std::cout << "smtp reply at " << policy::stage_name(*stage) << ": "
                << (reply ? policy::format_reply(*reply) : std::string("none, the session continues"))
                << '\n';
    }
    for (const policy::RuntimeError& e : result.errors()) {
      std::cout << script_path << ':' << e.pos.line << ':' << e.pos.column
                << ": runtime error: " << e.message << " (implicit keep applied)\n";
    }
  }
  return result.status() == policy::RunStatus::kOk ? kExitOk : kExitInputErrors;
}

}  // namespace sievegate::cli
