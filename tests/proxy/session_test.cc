// The session state machine against a scripted backend: what the client hears, what the
// backend is sent, and when connections open and close.
#include <catch2/catch.hpp>

#include <string>

#include "proxy/session.h"

using namespace sievegate::proxy;

namespace {

SessionConfig config() {
  SessionConfig c;
  c.hostname = "proxy.test";
  return c;
}

// Runs a session up to a ready backend transaction: greeting, EHLO, MAIL accepted.
struct Harness {
  Session session{config(), SessionFacts{"192.0.2.7", "", false}, nullptr};
  std::string client;   // everything the client heard
  std::string backend;  // everything sent to the backend
  bool backend_open = false;
  bool client_closed = false;

  void take(const Output& out) {
    client += out.to_client;
    backend += out.to_backend;
    if (out.connect_backend) backend_open = true;
    if (out.close_backend) backend_open = false;
    if (out.close_client) client_closed = true;
  }
  void from_client(std::string_view s) { take(session.client_bytes(s)); }
  void from_backend(std::string_view s) { take(session.backend_bytes(s)); }
};

void to_mail_accepted(Harness& h) {
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org> SIZE=100\r\n");
  REQUIRE(h.backend_open);
  h.take(h.session.backend_connected());
  h.from_backend("220 backend ESMTP\r\n");
  CHECK(h.backend == "EHLO proxy.test\r\n");
  h.from_backend("250-backend\r\n250 PIPELINING\r\n");
  CHECK(h.backend == "EHLO proxy.test\r\nMAIL FROM:<a@example.org> SIZE=100\r\n");
  h.from_backend("250 2.1.0 Ok\r\n");
}

}  // namespace

TEST_CASE("session: a message is relayed and the client hears the backend's reply", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  CHECK(h.client.find("220 proxy.test ESMTP sievegate\r\n") == 0);
  CHECK(h.client.find("250-proxy.test says hello\r\n250-PIPELINING\r\n") != std::string::npos);
  CHECK(h.client.substr(h.client.size() - 14) == "250 2.1.0 Ok\r\n");
  h.backend.clear();
  h.client.clear();
  h.from_client("RCPT TO:<b@example.net>\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.from_client("DATA\r\n");
  CHECK(h.client == "250 2.1.5 Ok\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n");
  h.from_client("Subject: t\r\n\r\n..dot line\r\nbody\r\n.\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\nDATA\r\n");
  h.from_backend("354 go ahead\r\n");
  // Byte-exact: the dot-stuffing round-trips.
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\nDATA\r\nSubject: t\r\n\r\n..dot line\r\nbody\r\n.\r\n");
  std::size_t before = h.client.size();
  h.from_backend("250 2.0.0 Ok: queued as ABC\r\n");
  CHECK(h.client.substr(before) == "250 2.0.0 Ok: queued as ABC\r\n");
  h.from_client("QUIT\r\n");
  CHECK(h.client_closed);
  CHECK(h.backend.substr(h.backend.size() - 6) == "QUIT\r\n");
}

TEST_CASE("session: pipelined commands are answered in order", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.client.clear();
  h.backend.clear();
  h.from_client("RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\nDATA\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\n");  // one at a time
  h.from_backend("550 5.1.1 No such user\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.client == "550 5.1.1 No such user\r\n250 2.1.5 Ok\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n");
}

TEST_CASE("session: the backend failing mid-DATA gives 451, never 250", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.from_client("DATA\r\nSubject: t\r\n\r\nbody\r\n.\r\n");
  h.from_backend("354 go\r\n");
  h.client.clear();
  h.take(h.session.backend_failed());
  CHECK(h.client == "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
  CHECK_FALSE(h.backend_open);
  // The session goes on; a new transaction reconnects.
  h.from_client("MAIL FROM:<a@example.org>\r\n");
  CHECK(h.backend_open);
}

TEST_CASE("session: a backend refusal at MAIL reaches the client", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\nMAIL FROM:<spam@example.org>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250 b\r\n");
  h.from_backend("554 5.7.1 Sender refused\r\n");
  CHECK(h.client.substr(h.client.size() - 26) == "554 5.7.1 Sender refused\r\n");
  h.client.clear();
  h.from_client("RCPT TO:<b@example.net>\r\n");
  CHECK(h.client == "503 5.5.1 MAIL is required first.\r\n");
}

TEST_CASE("session: XCLIENT is used when the backend offers it", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250-b\r\n250 XCLIENT NAME ADDR PROTO HELO\r\n");
  CHECK(h.backend == "EHLO proxy.test\r\nXCLIENT ADDR=192.0.2.7 HELO=client.example PROTO=ESMTP\r\n");
  h.from_backend("220 b ready\r\n");
  CHECK(h.backend.substr(h.backend.size() - 17) == "EHLO proxy.test\r\n");
  h.from_backend("250 b\r\n");
  CHECK(h.backend.substr(h.backend.size() - 27) == "MAIL FROM:<a@example.org>\r\n");
}

TEST_CASE("session: sequence errors, syntax errors and the error budget", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("MAIL FROM:<a@example.org>\r\n");
  CHECK(h.client.find("503 5.5.1 Polite people say EHLO first.\r\n") != std::string::npos);
  h.from_client("EHLO c.example\r\nDATA\r\nFOO\r\nMAIL FROM:nobrackets\r\n");
  CHECK(h.client.find("503 5.5.1 MAIL is required first.\r\n") != std::string::npos);
  CHECK(h.client.find("500 5.5.2 Command unrecognized\r\n") != std::string::npos);
  CHECK(h.client.find("501 5.5.4 Address must be enclosed in <>\r\n") != std::string::npos);
  for (int i = 0; i < 10 && !h.client_closed; ++i) h.from_client("BOGUS\r\n");
  CHECK(h.client_closed);
  CHECK(h.client.find("421 4.3.0 Too many errors, disconnecting.\r\n") != std::string::npos);
}

TEST_CASE("session: smuggling in DATA closes the session before anything is relayed", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.backend.clear();
  h.from_client("DATA\r\nSubject: x\r\n\r\nhi\n.\nMAIL FROM:<evil@example.org>\r\n.\r\n");
  CHECK(h.client_closed);
  CHECK(h.client.find("521 5.5.2") != std::string::npos);
  CHECK(h.backend.find("evil") == std::string::npos);
  CHECK(h.backend.find("DATA") == std::string::npos);
}

TEST_CASE("session: policy verdicts at connect, MAIL and DATA", "[proxy]") {
  struct Refuse final : StagePolicy {
    Verdict connect(const SessionFacts& f) override {
      Verdict v;
      if (f.remote_ip == "10.0.0.88") v.reply = Reply(554, "5.7.1", "Your IP is not welcomed here.");
      return v;
    }
    Verdict data(const SessionFacts&, const std::string&, const std::vector<std::string>&,
                 const std::string& message) override {
      Verdict v;
      if (message.find("spam") != std::string::npos) v.reply = Reply(550, "5.7.1", "Spam refused");
      return v;
    }
  };
  auto policy = std::make_shared<Refuse>();
  Session refused(config(), SessionFacts{"10.0.0.88", "", false}, policy);
  Output out = refused.start();
  CHECK(out.to_client == "554 5.7.1 Your IP is not welcomed here.\r\n");
  CHECK(out.close_client);

  Harness h;
  h.session = Session(config(), SessionFacts{"192.0.2.7", "", false}, policy);
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.backend.clear();
  h.client.clear();
  h.from_client("DATA\r\nSubject: spam\r\n\r\nbuy\r\n.\r\n");
  CHECK(h.client == "354 Start mail input; end with <CRLF>.<CRLF>\r\n550 5.7.1 Spam refused\r\n");
  CHECK(h.backend == "RSET\r\n");  // nothing relayed; the backend transaction is dropped
}

TEST_CASE("session: limits - message size, recipients, timeout", "[proxy]") {
  SessionConfig small = config();
  small.data.max_message_size = 1000;
  Session s(small, SessionFacts{"192.0.2.7", "", false}, nullptr);
  s.start();
  Output out = s.client_bytes("EHLO c.example\r\nMAIL FROM:<a@example.org> SIZE=5000\r\n");
  CHECK(out.to_client.find("552 5.3.4 Message too big for system.\r\n") != std::string::npos);
  Output t = s.timed_out();
  CHECK(t.to_client == "421 4.4.2 proxy.test Disconnecting inactive client.\r\n");
  CHECK(t.close_client);
}
