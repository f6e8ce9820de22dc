// STARTTLS (RFC 3207) and AUTH (RFC 4954) in the session; see session.h.
#include "smtp/session.h"

#include "base/ascii.h"
#include "smtp/replies.h"

namespace sievegate::proxy {

// After the command table's conditions (session_commands.cc).
void Session::on_starttls(const Command&, Output& out) {
  reply(out, replies::kStartTls);
  // RFC 3207 4.2 / CVE-2011-0411: commands pipelined after STARTTLS were sent in clear
  // and must not be executed inside the TLS session.
  input_.clear();
  // The backend learnt the client's identity before TLS; the next transaction opens a
  // new backend session with what is learnt after it.
  abandon_backend(out);
  out.start_tls = true;
  state_ = State::kTls;
}

Output Session::tls_started(std::string version, std::string cipher) {
  Output out;
  facts_.tls_version = std::move(version);
  facts_.tls_cipher = std::move(cipher);
  log("tls", {{"version", facts_.tls_version}, {"cipher", facts_.tls_cipher}});
  // RFC 3207 4.2: discard what was learnt from the client before the handshake.
  facts_.helo.clear();
  facts_.esmtp = false;
  facts_.authenticated_as.clear();
  reset_transaction();
  if (state_ == State::kTls) state_ = State::kCommands;
  return out;
}

Output Session::tls_failed(const std::string& why) {
  Output out;
  log("tls", {{"result", "failed"}, {"error", why}});
  // The client is no longer speaking SMTP we can read: no reply can be sent in clear.
  out.close_client = true;
  out.close_backend = !relay_.down();
  closed_ = true;
  state_ = State::kClosed;
  end_reason_ = "TLS handshake failed";
  return out;
}

// After the command table's conditions (session_commands.cc).
void Session::on_auth(const Command& cmd, Output& out) {
  std::string_view arg = cmd.argument;
  std::size_t sp = arg.find(' ');
  std::string mechanism = policy::ascii_upper(arg.substr(0, sp));
  std::string initial = sp == std::string_view::npos ? "" : std::string(arg.substr(sp + 1));
  bool has_initial = sp != std::string_view::npos;
  if (mechanism == "PLAIN" && config_.auth.plain) {
    auth_step_ = AuthStep::kPlain;
  } else if (mechanism == "LOGIN" && config_.auth.login) {
    auth_step_ = AuthStep::kLoginUser;
  } else {
    reply(out, replies::kAuthMechanism);
    return;
  }
  state_ = State::kAuth;
  if (has_initial) {
    auth_line(initial, out);
    return;
  }
  // RFC 4954 4: an empty challenge for PLAIN; LOGIN asks "Username:" then "Password:".
  reply(out, replies::challenge(auth_step_ == AuthStep::kPlain ? "" : encode_sasl("Username:")));
}

void Session::auth_line(const std::string& line, Output& out) {
  state_ = State::kCommands;
  if (line == "*") {
    reply(out, replies::kAuthCancelled);
    return;
  }
  std::optional<std::string> decoded = decode_sasl(line);
  if (!decoded) {
    auth_failed(out, replies::kAuthBadChallenge);
    return;
  }
  switch (auth_step_) {
    case AuthStep::kPlain: {
      std::optional<PlainCredentials> c = parse_sasl_plain(*decoded);
      // An authorization identity other than the login itself is not supported.
      if (!c || (!c->authzid.empty() && c->authzid != c->user)) {
        auth_failed(out, replies::kAuthInvalid);
        return;
      }
      auth_finish(c->user, c->password, out);
      return;
    }
    case AuthStep::kLoginUser:
      auth_user_ = *decoded;
      auth_step_ = AuthStep::kLoginPassword;
      state_ = State::kAuth;
      reply(out, replies::challenge(encode_sasl("Password:")));
      return;
    case AuthStep::kLoginPassword: {
      std::string user = std::move(auth_user_);
      auth_user_.clear();
      if (user.empty() || user.size() > 255 || decoded->size() > 255) {
        auth_failed(out, replies::kAuthInvalid);
        return;
      }
      auth_finish(user, *decoded, out);
      return;
    }
  }
}

// The credentials are checked by the directory, at once or later (a crypt(3) hash on a
// worker: auth_checked()); meanwhile the session processes no input.
void Session::auth_finish(const std::string& user, const std::string& password, Output& out) {
  auth_user_ = user;
  awaiting_auth_ = true;
  std::optional<AuthResult> result = config_.auth.directory->start(user, password, auth_resume_);
  if (result) {
    auth_result(*result, out);
  } else if (!auth_resume_) {
    auth_result(AuthResult::kTempFail, out);  // no way back: never a hang
  }
}

Output Session::auth_checked(AuthResult result) {
  Output out;
  if (!awaiting_auth_ || closed_) return out;  // the session ended meanwhile
  auth_result(result, out);
  if (!closed_) process(out);
  return out;
}

void Session::auth_result(AuthResult result, Output& out) {
  awaiting_auth_ = false;
  std::string user = std::move(auth_user_);
  auth_user_.clear();
  if (result == AuthResult::kTempFail) {
    log("auth", {{"user", user}, {"result", "tempfail"}});
    reply(out, replies::kAuthTempFail);
    return;
  }
  if (result != AuthResult::kOk) {
    log("auth", {{"user", user}, {"result", "invalid"}});
    auth_failed(out, replies::kAuthInvalid);
    return;
  }
  facts_.authenticated_as = policy::ascii_lower(user);
  decide(PolicyStage::kAuth, out);
}

void Session::auth_decided(const Verdict& v, Output& out) {
  log_verdict("auth", v, {{"user", facts_.authenticated_as}});
  if (v.reply) {
    facts_.authenticated_as.clear();
    reply(out, *v.reply);
    return;
  }
  // The next backend session carries the login (XCLIENT LOGIN=).
  abandon_backend(out);
  reply(out, replies::kAuthOk);
}

void Session::auth_failed(Output& out, const Reply& r) {
  reply(out, r);
  if (++auth_errors_ >= config_.auth.max_errors) {
    finish(out, replies::kTooManyAuthErrors,
           "too many authentication errors");
  }
  if (config_.auth.error_wait.count() > 0) {
    // Stalwart's errors.wait: each failure is answered late, which slows guessing.
    out.delay = config_.auth.error_wait;
    if (!closed_) state_ = State::kTarpit;
  }
}

}  // namespace sievegate::proxy
