// The backend side of a session, without I/O: sievegate as an SMTP client of the next
// hop. It frames the backend's replies, walks the opening of a backend session (greeting,
// EHLO, XCLIENT or XFORWARD, EHLO again), learns what the backend offers, and keeps the
// backend's half of a transaction: recipients pipelined or sent one at a time, and the
// envelope sent again at DATA when the policy changed it. What the client is told stays
// with the Session (session.h), which feeds this class and reads its steps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "smtp/backend_extensions.h"
#include "smtp/policy.h"
#include "smtp/reply.h"
#include "smtp/smtp_command.h"

namespace sievegate::proxy {

// The first line of a reply's text ("" for none), for the log.
std::string first_line(const Reply& r);

class RelayClient {
 public:
  enum class State {
    kDown, kConnecting, kGreeting, kEhlo, kXclient, kXforward, kEhloAgain, kReady, kBusy, kQuitting,
  };

  // What a reply from the backend meant.
  struct Step {
    enum class Kind {
      kIgnored,      // nothing is waited for in this state
      kHandshake,    // the opening goes on (the next command is written)
      kReady,        // the opening is over: transaction commands may go out
      kFailed,       // the backend cannot be used: `cause` says why
      kTransaction,  // the answer to a transaction command, for the session
    };
    Kind kind = Kind::kIgnored;
    std::string cause;
    const char* refused = nullptr;  // kReady: "xclient" or "xforward" when refused
  };

  // A recipient relayed for one client RCPT (its answer slot).
  struct Rcpt {
    std::string address;
    std::uint64_t slot = 0;
    std::string params;  // the client's parameters, for its own address only
  };

  RelayClient(std::string hostname, bool xclient, std::shared_ptr<BackendExtensions> extensions);

  State state() const { return state_; }
  bool down() const { return state_ == State::kDown; }
  bool pipelining() const { return pipelining_; }
  bool chunking() const { return chunking_; }

  void connect() { state_ = State::kConnecting; }
  void connected();
  void set_ready() { state_ = State::kReady; }
  void set_busy() { state_ = State::kBusy; }
  // The backend is gone or left: whatever it still had to say is dropped.
  void lost();
  // A command line (CRLF added); a ready backend is busy until it answers.
  void send(std::string& to_backend, std::string_view line);
  static void quit(std::string& to_backend) { to_backend += "QUIT\r\n"; }

  // Framing: bytes in, complete replies out.
  void feed(std::string_view bytes) { input_.append(bytes); }
  enum class Next { kNone, kReply, kBad };
  Next next_reply(Reply& r);
  bool overflowing() const { return input_.size() > 1024 * 1024; }

  // A complete reply, in the light of the state: the opening's steps are taken here.
  Step on_reply(const Reply& r, const SessionFacts& facts, std::string& to_backend);

  // RCPT (RFC 2920): to a PIPELINING backend every recipient goes out at once, else one
  // at a time, each after the answer to the one before.
  void relay_rcpt(std::string& to_backend, Rcpt rcpt);
  Rcpt rcpt_answered(std::string& to_backend);  // the oldest in flight; the next held one goes out
  bool rcpts_in_flight() const { return !rcpt_sent_.empty(); }
  std::size_t rcpts_outstanding() const { return rcpt_sent_.size() + rcpt_unsent_.size(); }

  // DATA after the policy changed the envelope: RSET, then MAIL and every RCPT again.
  void start_replay(std::string& to_backend, const std::string& from, const std::vector<EsmtpParam>& params,
                    const std::vector<std::string>& rcpts);
  bool replay_next(std::string& to_backend);  // false: nothing left to send again

  void clear_rcpts();        // recipients in flight or held forgotten
  void clear_transaction();  // those and the replay forgotten

  static std::string params_text(const std::vector<EsmtpParam>& params);
  static std::string mail_command(const std::string& from, const std::vector<EsmtpParam>& params);

 private:
  Step on_ehlo_reply(const Reply& r, const SessionFacts& facts, std::string& to_backend);

  std::string hostname_;
  bool xclient_ = true;
  std::shared_ptr<BackendExtensions> extensions_;
  State state_ = State::kDown;
  std::string input_;  // bytes not yet parsed
  bool xclient_addr_ = false;
  bool xforward_addr_ = false;
  bool pipelining_ = false;
  bool chunking_ = false;
  std::deque<Rcpt> rcpt_sent_;    // answers awaited, in order
  std::deque<Rcpt> rcpt_unsent_;  // without backend PIPELINING: sent one at a time
  std::vector<std::string> replay_;  // commands still to send again (from the back)
};

}  // namespace sievegate::proxy
