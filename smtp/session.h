// The SMTP session state machine, without I/O ("sans-I/O"): bytes from the client and
// from the backend go in, bytes for each side and connection requests come out. The
// network layer (server.cc) owns the sockets and timers; this class owns the protocol,
// so it is testable without a network and the same on every transport.
//
// Before-queue relay: every transaction the policy accepts is replayed on a backend
// session, and the client's reply to MAIL, RCPT and the end of DATA is the backend's
// reply (250 only after the backend said 250). Client commands are handled in order:
// while a command waits for the backend, later (pipelined) input stays buffered, so
// replies keep their order (RFC 2920 3.1); only consecutive RCPTs are relayed to a
// PIPELINING backend without waiting, their answers queued in the client's order.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "smtp/auth.h"
#include "smtp/backend_extensions.h"
#include "smtp/data_reader.h"
#include "smtp/directory.h"
#include "base/log.h"
#include "smtp/policy.h"
#include "smtp/relay_client.h"
#include "smtp/reply.h"
#include "smtp/smtp_command.h"
#include "smtp/spool.h"

namespace sievegate::proxy {

// SMTP AUTH (RFC 4954): what is offered and how failures are counted (Stalwart's
// session.auth keys).
struct AuthConfig {
  bool plain = false;                     // mechanisms offered; none: AUTH is off
  bool login = false;
  bool require = false;                   // MAIL before AUTH: 503 5.5.1
  bool allow_plain_text = false;          // offer PLAIN/LOGIN without TLS
  std::size_t max_errors = 3;             // failures before 421 4.3.0
  std::chrono::milliseconds error_wait{0};  // errors.wait: the answer to a failure waits this long
  std::shared_ptr<Authenticator> directory;  // checks credentials; none: AUTH is off
  bool enabled() const { return (plain || login) && directory != nullptr; }
};

class StageSettings;

struct SessionConfig {
  std::string hostname = "localhost";       // banner, EHLO reply, XCLIENT
  std::string greeting = "ESMTP sievegate";  // after the hostname in the 220 banner
  std::size_t max_command_line = 4096;       // RFC 5321 4.5.3.1.4 minimum is 512
  std::size_t max_recipients = 100;          // Stalwart session.rcpt.max-recipients
  // session.rcpt.directory and .relay, decided at each RCPT (Stalwart's check after the
  // script and rewrite): with a directory, a local domain's unknown mailbox gets 550 5.1.2
  // and another domain needs relay; without one, relay (when configured) decides alone,
  // and when neither is configured the backend decides.
  std::shared_ptr<const RecipientDirectory> rcpt_directory;
  std::optional<bool> relay;                 // unset: session.rcpt.relay not configured
  std::size_t max_errors = 10;               // bad commands before 421
  std::size_t max_rcpt_errors = 10;          // session.rcpt.errors.max: refused recipients before 421
  std::chrono::milliseconds rcpt_error_wait{0};  // session.rcpt.errors.wait (Stalwart: 30s)
  std::size_t max_messages = 10;             // Stalwart session.data.limits.messages
  std::size_t transfer_limit = 262144000;    // bytes per session (Stalwart default)
  bool ehlo_required = true;                 // Stalwart session.ehlo.require
  bool add_received = true;                  // session.data.add-headers.received
  bool reject_non_fqdn = false;              // session.ehlo.reject-non-fqdn (Stalwart: true)
  std::size_t max_received_headers = 50;     // session.data.limits.received-headers
  bool xclient = true;                       // pass the client's identity (XCLIENT/XFORWARD)
  bool dsn = false;                          // DSN (RFC 3461) offered in this session's EHLO
  std::optional<bool> dsn_setting;           // session.extensions.dsn; unset: as the backend
  std::optional<bool> eight_bit_setting;     // session.extensions.8bitmime (sievegate's); unset: as the backend
  std::optional<bool> smtputf8_setting;      // session.extensions.smtputf8 (sievegate's); unset: as the backend
  std::shared_ptr<BackendExtensions> backend_extensions;  // what the next hop offers
  std::string backend_address;               // host:port of the next hop, for the log
  bool pipelining = true;                    // session.extensions.pipelining
  bool chunking = true;                      // session.extensions.chunking (BDAT)
  bool starttls = false;                     // a certificate is configured for this listener
  AuthConfig auth;
  DataLimits data;
  std::shared_ptr<const Log> log;            // session events; none: not logged
  // Rules decided where the setting is used, with what the session knows then.
  std::shared_ptr<const StageSettings> settings;
};

// The settings rules decided for one stage, as a value: each set field replaces the
// session's setting (apply()), unset ones leave it as it is. Stalwart evaluates each key
// where it is used, with what the session knows then (unknown facts are empty).
struct StageLimits {
  // EHLO reply
  std::optional<bool> pipelining, chunking, dsn, eight_bit, smtputf8;
  std::optional<bool> auth_require, auth_allow_plain_text;
  // MAIL
  std::optional<std::size_t> max_message_size, max_messages;
  // RCPT
  std::optional<std::size_t> max_recipients;
  std::optional<bool> relay;
  std::optional<std::shared_ptr<const RecipientDirectory>> rcpt_directory;  // null: none
  // DATA
  std::optional<std::size_t> max_received_headers;
  std::optional<bool> add_received;

  // Later stages' values override earlier ones (at connect, every stage is evaluated).
  void merge(const StageLimits& later);
  void apply(SessionConfig& config) const;
};

// Rules evaluated at the stage that uses them; the default decides nothing.
class StageSettings {
 public:
  virtual ~StageSettings() = default;
  virtual StageLimits at_ehlo(const SessionFacts&) const { return {}; }
  virtual StageLimits at_mail(const SessionFacts&, const struct Envelope&) const { return {}; }
  virtual StageLimits at_rcpt(const SessionFacts&, const struct Envelope&) const { return {}; }
  virtual StageLimits at_data(const SessionFacts&, const struct Envelope&) const { return {}; }
};

// What the network layer must do after feeding the session.
struct Output {
  std::string to_client;
  std::string to_backend;
  bool connect_backend = false;  // open the backend connection, then call backend_connected
  bool close_backend = false;
  bool close_client = false;     // after writing to_client
  // After to_backend: the message, produced a chunk at a time (RelaySource::next) so a
  // big message is never copied whole.
  std::shared_ptr<RelaySource> backend_source;
  // Hold to_client (and read nothing more) this long, then call tarpit_over() (the
  // errors.wait delay after a failed AUTH).
  std::chrono::milliseconds delay{0};
  bool start_tls = false;        // after writing to_client, start the TLS handshake (server
                                 // side); call tls_started() once it is done
};

class Session {
 public:
  Session(SessionConfig config, SessionFacts facts, std::shared_ptr<StagePolicy> policy);

  Output start();                                // the client connected
  Output client_bytes(std::string_view bytes);   // bytes from the client
  Output backend_connected();                    // the backend's TCP connection is up
  Output backend_bytes(std::string_view bytes);  // bytes from the backend
  // The connection failed, was reset or closed, or timed out; `cause` is logged.
  Output backend_failed(std::string_view cause = "lost");
  Output timed_out();                            // client idle too long (421 4.4.2)
  Output session_expired();                      // session older than `duration` (421 4.3.2)
  // Server stopping: 421 4.3.2 when idle (or at once with `now`), else nothing yet.
  Output shutting_down(bool now = false);
  // The TLS handshake finished (after STARTTLS, or before start() on an implicit-TLS
  // listener): RFC 3207 4.2, everything learnt from the client before is forgotten.
  Output tls_started(std::string version, std::string cipher);
  Output tls_failed(const std::string& why);     // handshake failed: the session ends
  Output tarpit_over();                          // the delay asked for has passed

  bool closed() const { return closed_; }
  // The client waits for a reply that depends on the backend.
  bool waiting_for_backend() const { return state_ == State::kWaiting; }
  // The policy (policy.h): a suspended stage's verdict, given on the session's thread;
  // where it comes from is the network layer's `resume`, passed to every evaluation.
  void set_resume(Resume resume) { resume_ = std::move(resume); }
  Output policy_done(Verdict v);
  // AUTH's credentials check likewise (a crypt(3) hash may run on a worker).
  void set_auth_resume(Authenticator::Done resume) { auth_resume_ = std::move(resume); }
  Output auth_checked(AuthResult result);
  // The verdict or credentials check took too long (the network layer's bound): the
  // stage gets 451 4.3.0 as if the policy had failed; a later answer is dropped.
  Output policy_timed_out();
  // A stage's verdict or a credentials check is awaited: the session waits for us, not
  // for the client, so the idle timeout does not run.
  bool awaiting_policy() const { return awaiting_policy_.has_value() || awaiting_auth_; }
  // What an answer from the backend is awaited for, which decides how long the network
  // layer waits for it (RFC 5321 4.5.3.2: the reply after the end of data gets longest).
  enum class BackendWait { kNone, kConnect, kGreeting, kEhlo, kMail, kRcpt, kDataEnd, kOther };
  BackendWait backend_wait() const;
  // The message's end reached the backend and its final reply is awaited: answering
  // the client anything but that reply (say 421 on shutdown) could duplicate the message.
  bool awaiting_final_reply() const { return pending_ == Pending::kDataEnd; }
  // Client bytes received but not processed yet (pipelined commands held while a
  // command waits): the network layer stops reading when this grows (flow control).
  std::size_t buffered_input() const { return input_.size(); }
  // Reading DATA or BDAT content (the idle clock counts content progress, not bytes).
  bool reading_content() const { return state_ == State::kData || state_ == State::kBdat; }
  // Between transactions with nothing pending: safe to end on shutdown.
  bool idle() const {
    return state_ == State::kCommands && !have_mail_ && pending_ == Pending::kNone && input_.empty();
  }
  const SessionFacts& facts() const { return facts_; }
  ~Session();  // logs the session's end
  Session(Session&&) = default;
  Session& operator=(Session&&) = default;

 private:
  enum class State {
    kCommands,     // reading commands
    kData,         // reading DATA content
    kBdat,         // reading a BDAT chunk (RFC 3030)
    kAuth,         // reading a SASL response line (RFC 4954)
    kTls,          // STARTTLS answered: waiting for the handshake; input is ignored
    kTarpit,       // a delayed answer is held; input stays buffered
    kWaiting,      // a command waits for the backend; input stays buffered
    kClosed,
  };
  enum class AuthStep { kPlain, kLoginUser, kLoginPassword };
  // The client command a backend exchange is for.
  enum class Pending {
    kNone,
    kMail, kRcpt, kDataCommand, kDataEnd,  // the client waits for the backend's answer
    kRset,                                 // a client RSET: answered with the backend's reply
    kInternalRset,                         // our RSET after a refused message: no answer owed
    kReplay,                               // DATA: the policy changed the envelope; RSET,
                                           // MAIL and RCPTs are sent again before DATA
  };

  // The command table (session_commands.cc): each verb, the conditions the session must
  // meet for it, checked in order, each with its refusal, and its handler or answer.
  enum class Requires {
    kGreeted,           // EHLO or HELO first, where session.ehlo.require
    kIntact,            // the transaction did not lose the backend (else 451, not counted)
    kMail, kRecipients, kNoMail,
    kNoBdat,            // DATA: this transaction did not use BDAT
    kNoData,            // BDAT: this transaction did not use DATA
    kChunkingOffered, kStartTlsOffered, kAuthOffered,
    kClear,             // not in TLS yet
    kNoArgument, kEsmtp, kUnauthenticated,
    kPlainTextAllowed,  // AUTH: TLS, or allow-plain-text
  };
  struct Guard {
    Requires condition;
    const Reply* refusal;
  };
  using Handler = void (Session::*)(const Command&, Output&);
  struct CommandEntry {
    Verb verb;
    std::vector<Guard> guards;
    Handler handler = nullptr;        // none: `answer` is the reply
    const Reply* answer = nullptr;
    bool reads_first = false;         // BDAT: the chunk is read before the guards' refusal
  };
  static const CommandEntry& entry(Verb verb);
  bool meets(Requires condition, const Command& cmd) const;
  std::optional<Reply> refusal(const CommandEntry& e, const Command& cmd) const;
  void answer(Output& out, const Reply& r);

  void process(Output& out);
  bool process_data(Output& out);
  bool process_bdat(Output& out);
  bool process_line(Output& out);
  void command(const std::string& line, Output& out);
  void reply(Output& out, const Reply& r);
  void fail_command(Output& out, Reply r);
  void on_ehlo(const Command& cmd, Output& out);
  void on_mail(const Command& cmd, Output& out);
  void on_rcpt(const Command& cmd, Output& out);
  void on_data(const Command& cmd, Output& out);
  void on_bdat(const Command& cmd, Output& out);
  void bdat_chunk_done(Output& out);
  void on_data_end(Output& out);
  void start_relay(Output& out);
  void emit(Output& out, const Reply& r);
  void drain_replies(Output& out);
  void flush_rcpt_slots(Output& out);
  std::optional<Reply> check_recipient(std::string_view address) const;
  void refuse_recipient(Output& out, const Reply& r);
  bool can_pipeline_rcpt() const;
  std::string received_header() const;
  Advertised advertised() const;
  void on_starttls(const Command& cmd, Output& out);
  void on_auth(const Command& cmd, Output& out);
  void auth_line(const std::string& line, Output& out);
  void auth_finish(const std::string& user, const std::string& password, Output& out);
  void auth_failed(Output& out, const Reply& r);
  void abandon_backend(Output& out);
  void finish(Output& out, const Reply& r, const char* reason);
  std::string elapsed_ms() const;
  void log(std::string_view event, std::initializer_list<Log::Field> fields) const;
  void log_verdict(const char* stage, const Verdict& v, std::initializer_list<Log::Field> fields) const;
  void on_rset(const Command& cmd, Output& out);
  void on_quit(const Command& cmd, Output& out);
  void reset_transaction();
  void backend_step(const Reply& r, Output& out);
  void transaction_reply(const Reply& r, Output& out);
  bool rcpt_answer(const Reply& r, Output& out);
  void replay_answer(const Reply& r, Output& out);
  void data_command_answer(const Reply& r, Output& out);
  void internal_rset(Output& out);
  void log_backend(const char* stage, const Reply& r) const;
  void backend_ready(Output& out);
  void resume(Output& out);
  void decide(PolicyStage stage, Output& out);
  void auth_result(AuthResult result, Output& out);
  void decided(Verdict v, Output& out);
  void connect_decided(const Verdict& v, Output& out);
  void ehlo_decided(const Verdict& v, Output& out);
  void ehlo_accepted(bool extended, Output& out);
  void auth_decided(const Verdict& v, Output& out);
  void mail_decided(const Verdict& v, Output& out);
  void rcpt_decided(const Verdict& v, Output& out);
  void data_decided(const Verdict& v, Output& out);
  void backend_failed_into(Output& out, std::string_view cause);
  void reply_lost(Output& out);
  void end_backend_transaction(Output& out);
  Output end_with(const Reply& r, const char* reason);

  SessionConfig config_;
  SessionFacts facts_;
  std::shared_ptr<StagePolicy> policy_;
  RelayClient relay_;                            // the backend side (relay_client.h)
  Resume resume_;                                // how a suspended verdict comes back
  Authenticator::Done auth_resume_;              // how a credentials check comes back
  bool awaiting_auth_ = false;
  std::optional<PolicyStage> awaiting_policy_;   // a stage waits for its verdict
  std::optional<Command> policy_command_;        // MAIL/RCPT: the command being decided
  std::string policy_previous_helo_;             // EHLO: restored if the policy refuses
  std::shared_ptr<MessageBuffer> policy_message_;  // DATA: shared with the policy meanwhile
  State state_ = State::kCommands;
  Pending pending_ = Pending::kNone;
  std::string input_;          // client bytes not yet processed
  std::string pending_line_;   // the command to send once the backend is ready
  std::unique_ptr<DataReader> data_;
  MessageBuffer message_;      // the message being received or relayed
  bool have_mail_ = false;
  // The backend was lost during this transaction: each of its remaining commands (RCPT,
  // DATA, BDAT, the end of DATA) is answered 451 4.4.1, never 5xx, until the client
  // starts again (MAIL, RSET, EHLO). The message is never relayed.
  bool txn_failed_ = false;
  bool eight_bit_ = true;   // 8BITMIME and SMTPUTF8 in this session's EHLO (as the backend has them)
  bool smtputf8_ = true;
  bool mail_smtputf8_ = false;  // the transaction's MAIL had SMTPUTF8
  Envelope envelope_;          // what the policy sees; rcpts are the relayed recipients
  std::string mail_line_;
  std::string relay_from_;     // the sender relayed (the policy may change it)
  // RCPT answers. Each client RCPT owns a slot; its answer is the first acceptance
  // among its relayed recipients (relay_), else the last refusal. With the backend's
  // PIPELINING, consecutive client RCPTs are relayed without waiting (RFC 2920) and the
  // answers still go out in the client's order; local answers (policy, limits) queue
  // behind the slots still open.
  struct RcptSlot {
    std::uint64_t id = 0;
    std::size_t outstanding = 0;  // relayed RCPTs not answered yet
    std::optional<Reply> reply;
    bool recipient_check = false;  // a refusal (backend, directory, relay) counts against the error budget
  };
  std::deque<RcptSlot> rcpt_slots_;
  std::uint64_t next_slot_ = 0;
  std::string relay_prefix_;             // header lines put before the relayed message

  std::size_t messages_ = 0;
  std::size_t errors_ = 0;
  std::size_t received_ = 0;
  bool skip_line_ = false;     // dropping the rest of an over-long command line
  bool closed_ = false;
  // BDAT (RFC 3030)
  bool bdat_ = false;                 // the current transaction uses BDAT
  bool bdat_last_ = false;            // the chunk being read is the last
  std::size_t bdat_remaining_ = 0;    // chunk bytes still to read
  std::optional<Reply> bdat_error_;   // the chunk is read and discarded, then this is sent
  bool message_via_bdat_ = false;     // relay with BDAT (the backend offers CHUNKING)
  // AUTH (RFC 4954)
  AuthStep auth_step_ = AuthStep::kPlain;
  std::string auth_user_;
  std::size_t auth_errors_ = 0;
  std::size_t rcpt_errors_ = 0;
  // Logs
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  const char* end_reason_ = "client closed the connection";
  std::uint64_t relayed_ = 0;
};

}  // namespace sievegate::proxy
