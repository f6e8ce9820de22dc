// The proxy's policy seam: what a session asks at each stage and what it gets back. It
// knows nothing of Sieve (bridge/sieve_policy.h plugs the Sieve engine in).
//
// A stage's evaluation starts, may suspend, and completes with a verdict: start() returns
// the verdict when it is ready at once (a Sieve script at RCPT: microseconds, no thread
// hop), or returns nothing and calls `resume` later, exactly once, from any thread (a DNS
// lookup, work on a worker pool, a timer). The network layer brings that call back to the
// session's own reactor thread; meanwhile the session reads nothing more from the
// client's buffered input, so pipelined replies keep their order.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp/reply.h"
#include "smtp/smtp_command.h"
#include "smtp/spool.h"

namespace sievegate::proxy {

// Facts about the client session, for policy and logs.
struct SessionFacts {
  std::string id;         // session id, in every log line
  std::string remote_ip;
  std::string local_ip;
  std::string listener;   // the [server.listener.<id>] the client came in on
  std::string helo;
  bool esmtp = false;
  std::string authenticated_as;  // lower-cased SASL login; empty if none
  std::string tls_version;       // empty on cleartext
  std::string tls_cipher;
};

// The transaction as the policy sees it.
struct Envelope {
  std::string from;                     // MAIL FROM path ("" for <>)
  std::vector<EsmtpParam> mail_params;  // MAIL parameters (SIZE, BODY, SMTPUTF8, ENVID, RET...)
  std::string rcpt;                     // RCPT: the recipient being processed
  std::vector<EsmtpParam> rcpt_params;  // RCPT: its parameters (NOTIFY, ORCPT)
  std::vector<std::string> rcpts;       // the recipients relayed so far
};

// What the policy says about a stage. An empty verdict continues normally.
struct Verdict {
  std::optional<Reply> reply;  // sent instead of continuing
  bool close = false;          // close the session after the reply (connect stage)
  bool discard = false;        // DATA: accept (250) but relay nothing
  std::optional<std::string> message;    // DATA: the message to relay instead
  std::optional<std::string> mail_from;  // MAIL, DATA: relay this sender instead
  // RCPT: relay these instead of the recipient (empty: accept it, relay nothing);
  // DATA: relay to these recipients instead.
  std::optional<std::vector<std::string>> recipients;
  // RCPT: the client's recipient as session.rcpt.rewrite changed it; the directory and
  // relay check applies to it (addresses a script redirects to are the operator's own).
  std::optional<std::string> rewritten_rcpt;
  std::vector<std::string> notes;        // for the log (e.g. actions without effect)
};

enum class PolicyStage { kConnect, kEhlo, kAuth, kMail, kRcpt, kData };
const char* policy_stage_name(PolicyStage stage);

// One stage to decide. `facts` and `envelope` are valid during start() only: a policy
// that suspends copies what it needs. The message (DATA) is shared, so it stays valid for
// as long as the policy holds it, even if the session ends first.
struct StageRequest {
  PolicyStage stage;
  const SessionFacts& facts;
  const Envelope* envelope = nullptr;              // MAIL, RCPT, DATA
  std::shared_ptr<const MessageBuffer> message;    // DATA
};

// Called once with the verdict of a suspended evaluation; any thread.
using Resume = std::function<void(Verdict)>;

// Permissive by default; a policy overrides start() to suspend, or the synchronous hooks
// that the default start() calls.
class StagePolicy {
 public:
  virtual ~StagePolicy() = default;
  virtual std::optional<Verdict> start(const StageRequest& request, const Resume& resume);

  virtual Verdict connect(const SessionFacts&) { return {}; }
  virtual Verdict ehlo(const SessionFacts&) { return {}; }
  // After a successful AUTH; a reply here refuses the login (235 is not sent).
  virtual Verdict auth(const SessionFacts&) { return {}; }
  virtual Verdict mail(const SessionFacts&, const Envelope&) { return {}; }
  virtual Verdict rcpt(const SessionFacts&, const Envelope&) { return {}; }
  virtual Verdict data(const SessionFacts&, const Envelope&, std::string_view /*message*/) { return {}; }
};

}  // namespace sievegate::proxy
