// The SMTP session state machine, without I/O ("sans-I/O"): bytes from the client and
// from the backend go in, bytes for each side and connection requests come out. The
// network layer (listener.cc) owns the sockets and timers; this class owns the protocol,
// so it is testable without a network and the same on every transport.
//
// Before-queue relay: every transaction the policy accepts is replayed on a backend
// session, and the client's reply to MAIL, RCPT and the end of DATA is the backend's
// reply (250 only after the backend said 250). Client commands are handled one at a
// time: while a command waits for the backend, later (pipelined) input stays buffered,
// so replies keep their order (RFC 2920 3.1).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "proxy/data_reader.h"
#include "proxy/reply.h"
#include "proxy/smtp_command.h"

namespace sievegate::proxy {

struct SessionConfig {
  std::string hostname = "localhost";       // banner, EHLO reply, XCLIENT
  std::string greeting = "ESMTP sievegate";  // after the hostname in the 220 banner
  std::size_t max_command_line = 4096;       // RFC 5321 4.5.3.1.4 minimum is 512
  std::size_t max_recipients = 100;          // Stalwart session.rcpt.max-recipients
  std::size_t max_errors = 10;               // bad commands before 421
  std::size_t max_messages = 10;             // Stalwart session.data.limits.messages
  std::size_t transfer_limit = 262144000;    // bytes per session (Stalwart default)
  bool ehlo_required = true;                 // Stalwart session.ehlo.require
  bool xclient = true;                       // pass the client's identity when offered
  DataLimits data;
};

// Facts about the client session, for policy and logs.
struct SessionFacts {
  std::string remote_ip;
  std::string helo;
  bool esmtp = false;
};

// What the policy says about a stage. An empty verdict continues normally.
struct Verdict {
  std::optional<Reply> reply;  // sent instead of continuing
  bool close = false;          // close the session after the reply (connect stage)
  bool discard = false;        // DATA: accept (250) but relay nothing
  std::optional<std::string> message;  // DATA: the message to relay instead
};

// The hook the Sieve engine plugs into (the next issue); permissive by default.
class StagePolicy {
 public:
  virtual ~StagePolicy() = default;
  virtual Verdict connect(const SessionFacts&) { return {}; }
  virtual Verdict ehlo(const SessionFacts&) { return {}; }
  virtual Verdict mail(const SessionFacts&, const std::string& /*from*/) { return {}; }
  virtual Verdict rcpt(const SessionFacts&, const std::string& /*from*/,
                       const std::string& /*rcpt*/) {
    return {};
  }
  virtual Verdict data(const SessionFacts&, const std::string& /*from*/,
                       const std::vector<std::string>& /*rcpts*/, const std::string& /*message*/) {
    return {};
  }
};

// What the network layer must do after feeding the session.
struct Output {
  std::string to_client;
  std::string to_backend;
  bool connect_backend = false;  // open the backend connection, then call backend_connected
  bool close_backend = false;
  bool close_client = false;     // after writing to_client
};

class Session {
 public:
  Session(SessionConfig config, SessionFacts facts, std::shared_ptr<StagePolicy> policy);

  Output start();                                // the client connected
  Output client_bytes(std::string_view bytes);   // bytes from the client
  Output backend_connected();                    // the backend's TCP connection is up
  Output backend_bytes(std::string_view bytes);  // bytes from the backend
  Output backend_failed();                       // connect failed, reset or timed out
  Output timed_out();                            // client idle too long (421 4.4.2)
  Output session_expired();                      // session older than `duration` (421 4.3.2)

  bool closed() const { return closed_; }
  const SessionFacts& facts() const { return facts_; }

 private:
  enum class State {
    kCommands,     // reading commands
    kData,         // reading DATA content
    kWaiting,      // a command waits for the backend; input stays buffered
    kClosed,
  };
  enum class Backend {
    kDown, kConnecting, kGreeting, kEhlo, kXclient, kEhloAgain, kReady, kBusy, kQuitting,
  };
  // The client command a backend exchange is for.
  enum class Pending {
    kNone,
    kMail, kRcpt, kDataCommand, kDataEnd,  // the client waits for the backend's answer
    kRset,                                 // a client RSET: answered with the backend's reply
    kInternalRset,                         // our RSET after a refused message: no answer owed
  };

  void process(Output& out);
  void command(const std::string& line, Output& out);
  void reply(Output& out, const Reply& r);
  void fail_command(Output& out, Reply r);
  void on_ehlo(const Command& cmd, bool extended, Output& out);
  void on_mail(const Command& cmd, Output& out);
  void on_rcpt(const Command& cmd, Output& out);
  void on_data(Output& out);
  void on_data_end(Output& out);
  void on_rset(Output& out);
  void reset_transaction();
  void send_backend(Output& out, std::string line);
  void backend_step(const Reply& r, Output& out);
  void backend_ready(Output& out);
  void resume(Output& out);
  void backend_failed_into(Output& out);
  Output end_with(const Reply& r);
  std::string stuffed(const std::string& message) const;

  SessionConfig config_;
  SessionFacts facts_;
  std::shared_ptr<StagePolicy> policy_;
  State state_ = State::kCommands;
  Backend backend_ = Backend::kDown;
  Pending pending_ = Pending::kNone;
  std::string input_;          // client bytes not yet processed
  std::string backend_input_;  // backend bytes not yet parsed
  std::string pending_line_;   // the command to send once the backend is ready
  std::unique_ptr<DataReader> data_;
  std::string message_;        // the message being relayed
  bool have_mail_ = false;
  std::string mail_from_;
  std::string mail_line_;
  std::vector<std::string> rcpts_;
  std::size_t messages_ = 0;
  std::size_t errors_ = 0;
  std::size_t received_ = 0;
  bool closed_ = false;
  bool backend_xclient_ = false;
  bool backend_pipelining_ = false;
};

}  // namespace sievegate::proxy
