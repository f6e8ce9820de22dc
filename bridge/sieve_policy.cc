// Sieve at every stage; see sieve_policy.h.
#include "bridge/sieve_policy.h"

#include <algorithm>

#include "base/ascii.h"
#include "sieve/message/message.h"

namespace sievegate::config {
namespace {

std::string domain_of(std::string_view address) {
  std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : policy::ascii_lower(address.substr(at + 1));
}


const proxy::EsmtpParam* find_param(const std::vector<proxy::EsmtpParam>& params, std::string_view keyword) {
  for (const proxy::EsmtpParam& p : params) {
    if (p.keyword == keyword) return &p;
  }
  return nullptr;
}

// RFC 5321 4.2: a reject reason "NNN x.y.z text" may come back from stage_reply with its
// own code; the proxy's Reply keeps the lines.
proxy::Reply to_reply(const policy::SmtpReply& r) {
  proxy::Reply reply(r.code, r.enhanced, r.text);
  return reply;
}

}  // namespace

void session_facts(policy::Stage stage, const proxy::SessionFacts& facts, const proxy::Envelope* envelope,
                   policy::FactsHost& host) {
  // A fact already given (`run --env`) is kept.
  auto set = [&host](const std::string& name, std::string value) { host.facts.try_emplace(name, std::move(value)); };
  set("remote_ip", facts.remote_ip);
  set("helo_domain", stage == policy::Stage::kConnect ? "" : policy::ascii_lower(facts.helo));
  set("authenticated_as", facts.authenticated_as);
  set("tls.version", facts.tls_version);
  set("tls.cipher", facts.tls_cipher);
  // Not computed by sievegate yet (SPF, iprev, DKIM, ARC, DMARC): empty strings, so
  // scripts that test them still run (config.md).
  for (const char* name : {"spf_ehlo.result", "spf.result", "iprev.result", "iprev.ptr", "arc.result",
                           "dkim.result", "dkim.domains", "dmarc.result", "dmarc.policy"}) {
    set(name, "");
  }
  if (envelope == nullptr || stage < policy::Stage::kMail) return;
  const auto& mp = envelope->mail_params;
  if (const proxy::EsmtpParam* body = find_param(mp, "BODY")) {
    std::string v = policy::ascii_lower(body->value);
    set("param.body", v == "8bitmime" ? "8bitmime" : v == "binarymime" ? "binarymime" : "7bit");
  }
  if (find_param(mp, "SMTPUTF8")) set("param.smtputf8", "1");
  if (find_param(mp, "REQUIRETLS")) set("param.requiretls", "1");
  if (const proxy::EsmtpParam* envid = find_param(mp, "ENVID")) set("envelope.envid", policy::ascii_lower(envid->value));
  if (const proxy::EsmtpParam* ret = find_param(mp, "RET")) set("envelope.ret", policy::ascii_upper(ret->value));
  if (const proxy::EsmtpParam* by = find_param(mp, "BY")) {
    std::size_t semi = by->value.find(';');
    if (semi != std::string::npos) set("envelope.by_mode", policy::ascii_upper(by->value.substr(semi + 1, 1)));
  }
  if (stage == policy::Stage::kRcpt) {
    if (const proxy::EsmtpParam* orcpt = find_param(envelope->rcpt_params, "ORCPT")) {
      set("envelope.orcpt", policy::ascii_lower(orcpt->value));
    }
  }
}

// The Sieve runtime's view of the transaction: none before MAIL; the sender, at RCPT the
// recipient being processed, at DATA all of them, lower-cased; the AUTH identity.
static policy::Envelope sieve_envelope(policy::Stage stage, const proxy::SessionFacts& facts,
                                       const proxy::Envelope* envelope) {
  policy::Envelope env;
  if (envelope == nullptr || stage < policy::Stage::kMail) return env;
  env.from = policy::ascii_lower(envelope->from);
  if (stage == policy::Stage::kRcpt) {
    // `run --stage rcpt` without --to has none; a session always has one here.
    if (!envelope->rcpt.empty()) env.to = {policy::ascii_lower(envelope->rcpt)};
  } else if (stage == policy::Stage::kData) {
    for (const std::string& r : envelope->rcpts) env.to.push_back(policy::ascii_lower(r));
  }
  env.auth = facts.authenticated_as;
  return env;
}

policy::StageRun run_session_stage(const policy::Program& program, policy::Stage stage,
                                   const proxy::SessionFacts& facts, const proxy::Envelope* envelope,
                                   policy::message::Message* message, policy::FactsHost& host,
                                   const policy::StageOptions& options) {
  session_facts(stage, facts, envelope, host);
  return policy::run_stage(program, stage, host, sieve_envelope(stage, facts, envelope), message, options);
}

Context make_context(policy::Stage stage, const proxy::SessionFacts& facts, const proxy::Envelope* envelope) {
  Context context;
  context[ContextKey::kListener] = facts.listener;
  context[ContextKey::kRemoteIp] = facts.remote_ip;
  context[ContextKey::kLocalIp] = facts.local_ip;
  context[ContextKey::kHeloDomain] = policy::ascii_lower(facts.helo);
  context[ContextKey::kAuthenticatedAs] = facts.authenticated_as;
  if (envelope != nullptr) {
    context[ContextKey::kSender] = policy::ascii_lower(envelope->from);
    context[ContextKey::kSenderDomain] = domain_of(envelope->from);
    const std::string& rcpt = stage == policy::Stage::kRcpt ? envelope->rcpt
                              : envelope->rcpts.empty()      ? std::string()
                                                              : envelope->rcpts.back();
    context[ContextKey::kRcpt] = policy::ascii_lower(rcpt);
    context[ContextKey::kRcptDomain] = domain_of(rcpt);
  }
  return context;
}

proxy::Verdict SievePolicy::run(policy::Stage stage, const proxy::SessionFacts& facts,
                                const proxy::Envelope* envelope, std::string_view message) {
  const SieveSettings& s = *settings_;
  // Which script: the stage's rule, evaluated with what the session knows.
  Context context = make_context(stage, facts, envelope);
  std::function<bool(std::string_view, std::string_view)> in_list = [&s](std::string_view id, std::string_view value) {
    auto it = s.lists.find(id);
    if (it == s.lists.end()) return false;
    std::string v = policy::ascii_lower(value);
    return std::find(it->second.begin(), it->second.end(), v) != it->second.end();
  };
  context.in_list = &in_list;
  const std::string& name = s.scripts[static_cast<std::size_t>(stage)].eval(context);
  if (name.empty()) return {};
  auto program = s.programs.find(name);
  if (program == s.programs.end()) return {};  // check-config refuses such configs

  policy::FactsHost host;
  host.duplicates = s.duplicates.get();
  std::optional<policy::message::Message> parsed;
  if (stage == policy::Stage::kData) parsed.emplace(message);
  policy::StageRun run =
      run_session_stage(*program->second, stage, facts, envelope, parsed ? &*parsed : nullptr, host, s.options);

  proxy::Verdict v;
  const policy::StageEffect& e = run.effect;
  if (e.reply) {
    if (e.discard) v.discard = true;
    else v.reply = to_reply(*e.reply);
    if (stage == policy::Stage::kConnect && v.reply) v.close = true;
  }
  if (e.mail_from) v.mail_from = *e.mail_from;
  if (e.recipients) v.recipients = *e.recipients;
  if (e.message_changed) v.message = e.message;
  v.notes = e.ignored;
  for (const policy::RuntimeError& err : run.result.errors()) {
    v.notes.push_back("script '" + name + "' line " + std::to_string(err.pos.line) + ": " + err.message);
  }
  if (s.log && (!v.notes.empty())) {
    for (const std::string& note : v.notes) {
      s.log->event(proxy::Log::Level::kWarn, "script",
                   {{"session", facts.id}, {"client", facts.remote_ip}, {"stage", policy::stage_name(stage)},
                    {"script", name}, {"note", note}});
    }
  }
  if (stage == policy::Stage::kData && run.result.status() == policy::RunStatus::kOk && s.duplicates) {
    // RFC 7352: IDs are recorded once the message is accepted (here: relayed on).
    for (const auto& d : run.result.duplicate_ids) {
      s.duplicates->check_and_record(d.handle, d.id, d.seconds, d.last, host.now());
    }
  }
  return v;
}

proxy::Verdict SievePolicy::connect(const proxy::SessionFacts& f) { return run(policy::Stage::kConnect, f, nullptr, {}); }
proxy::Verdict SievePolicy::ehlo(const proxy::SessionFacts& f) { return run(policy::Stage::kEhlo, f, nullptr, {}); }
proxy::Verdict SievePolicy::auth(const proxy::SessionFacts& f) { return run(policy::Stage::kAuth, f, nullptr, {}); }
// session.mail.rewrite / session.rcpt.rewrite, after the stage's script (Stalwart's
// order): the rule's value with ${N} captures; a sender must hold '@' or be empty (the
// null sender), a recipient must hold '@'; anything else leaves the address as it was.
static std::optional<std::string> rewrite(const IfBlock<std::optional<DynamicString>>& rule, const Context& context, bool sender) {
  std::vector<std::string> captures;
  const std::optional<DynamicString>& value = rule.eval(context, &captures);
  if (!value) return std::nullopt;
  std::string address = value->expand(captures, context);
  if (address.find('@') == std::string::npos && !(sender && address.empty())) return std::nullopt;
  return address;
}

proxy::Verdict SievePolicy::mail(const proxy::SessionFacts& f, const proxy::Envelope& e) {
  proxy::Verdict v = run(policy::Stage::kMail, f, &e, {});
  if (v.reply) return v;
  proxy::Envelope current = e;
  if (v.mail_from) current.from = *v.mail_from;
  if (auto r = rewrite(settings_->mail_rewrite, make_context(policy::Stage::kMail, f, &current), true)) v.mail_from = *r;
  return v;
}

proxy::Verdict SievePolicy::rcpt(const proxy::SessionFacts& f, const proxy::Envelope& e) {
  proxy::Verdict v = run(policy::Stage::kRcpt, f, &e, {});
  if (v.reply) return v;
  if (auto r = rewrite(settings_->rcpt_rewrite, make_context(policy::Stage::kRcpt, f, &e), false)) {
    v.rewritten_rcpt = *r;
    if (!v.recipients) {
      v.recipients = std::vector<std::string>{*r};
    } else {
      for (std::string& to : *v.recipients) {
        if (to == e.rcpt) to = *r;  // the client's own address; redirect targets stay
      }
    }
  }
  return v;
}

proxy::Verdict SievePolicy::data(const proxy::SessionFacts& f, const proxy::Envelope& e, std::string_view message) {
  return run(policy::Stage::kData, f, &e, message);
}

policy::ActionSet run_unstaged(const policy::Program& program, const proxy::Envelope& envelope,
                               policy::message::Message* message, policy::FactsHost& host,
                               const policy::RunLimits& limits) {
  policy::RunContext context;
  context.message = message;
  context.host = &host;
  context.envelope.from = envelope.from;
  context.envelope.to = envelope.rcpts;
  context.limits = limits;
  return policy::run(program, context);
}

}  // namespace sievegate::config
