// The session state machine against a scripted backend: what the client hears, what the
// backend is sent, and when connections open and close.
#include <catch2/catch.hpp>

#include <string>

#include "smtp/session.h"

using namespace sievegate::proxy;

namespace {

SessionConfig config() {
  SessionConfig c;
  c.hostname = "proxy.test";
  c.add_received = false;  // byte-exact expectations below; the header has its own test
  return c;
}

SessionFacts facts(const std::string& ip) {
  SessionFacts f;
  f.id = "test";
  f.remote_ip = ip;
  return f;
}

// Runs a session up to a ready backend transaction: greeting, EHLO, MAIL accepted.
struct Harness {
  Session session{config(), facts("192.0.2.7"), nullptr};
  std::string client;   // everything the client heard
  std::string backend;  // everything sent to the backend
  bool backend_open = false;
  bool client_closed = false;

  void take(const Output& out) {
    client += out.to_client;
    backend += out.to_backend;
    // The network layer pulls the message in chunks; small ones here, to cross lines.
    if (out.backend_source) while (out.backend_source->next(backend, 7)) {}
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

// Up to the backend's greeting: the client said EHLO and MAIL; sievegate's EHLO is out.
void to_backend_ehlo(Harness& h) {
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
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
  // The backend offers PIPELINING: both RCPTs go at once (RFC 2920); DATA waits.
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\n");
  h.from_backend("550 5.1.1 No such user\r\n");
  CHECK(h.client == "550 5.1.1 No such user\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.client == "550 5.1.1 No such user\r\n250 2.1.5 Ok\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n");
}

TEST_CASE("session: without the backend's PIPELINING, RCPTs go one at a time", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250 b\r\n");  // no extensions
  h.from_backend("250 2.1.0 Ok\r\n");
  h.backend.clear();
  h.client.clear();
  h.from_client("RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.client == "250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n");
}

TEST_CASE("session: pipelined RCPTs with local answers keep the client's order", "[proxy]") {
  SessionConfig c = config();
  c.max_recipients = 2;
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
  to_mail_accepted(h);
  h.backend.clear();
  h.client.clear();
  // The third is refused here (max-recipients) but must be answered after the first two.
  h.from_client("RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\nRCPT TO:<d@example.net>\r\nNOOP\r\n");
  CHECK(h.backend == "RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\n");
  CHECK(h.client.empty());
  h.from_backend("250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n");
  CHECK(h.client == "250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n451 4.5.3 Too many recipients.\r\n250 2.0.0 OK\r\n");
}

TEST_CASE("session: the backend failing with RCPTs in flight answers each, in order", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.client.clear();
  h.from_client("RCPT TO:<b@example.net>\r\nRCPT TO:<c@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.take(h.session.backend_failed());
  CHECK(h.client == "250 2.1.5 Ok\r\n451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
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
  to_backend_ehlo(h);
  h.from_backend("250-b\r\n250 XCLIENT NAME ADDR PROTO HELO\r\n");
  // NAME=[UNAVAILABLE]: sievegate does not know the client's name, and without NAME the
  // backend would keep sievegate's own.
  CHECK(h.backend == "EHLO proxy.test\r\nXCLIENT ADDR=192.0.2.7 NAME=[UNAVAILABLE] HELO=client.example PROTO=ESMTP\r\n");
  h.from_backend("220 b ready\r\n");
  // The greeting after XCLIENT names the client: the backend records it as the HELO.
  CHECK(h.backend.substr(h.backend.size() - 21) == "EHLO client.example\r\n");
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

TEST_CASE("session: with bare-line-ends = refuse, smuggling in DATA closes the session before anything is relayed", "[proxy]") {
  SessionConfig c = config();
  c.data.bare_line_ends = BareLineEnds::kRefuse;
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
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

// Issue #11: bare LF is a line end by default (Postfix >= 3.9's normalize): relayed as
// CRLF, and a "." line ended by it is content, relayed dot-stuffed.
TEST_CASE("session: by default a bare LF is a line end; <LF>.<LF> is content, relayed dot-stuffed", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.backend.clear();
  h.client.clear();
  h.from_client("DATA\r\nSubject: x\n\nhi\n.\nMAIL FROM:<evil@example.org>\r\n.\r\n");
  CHECK(!h.client_closed);
  h.from_backend("354 go\r\n");
  CHECK(h.backend == "DATA\r\nSubject: x\r\n\r\nhi\r\n..\r\nMAIL FROM:<evil@example.org>\r\n.\r\n");
  h.from_backend("250 2.0.0 queued\r\n");
  CHECK(h.client == "354 Start mail input; end with <CRLF>.<CRLF>\r\n250 2.0.0 queued\r\n");
}

TEST_CASE("session: policy verdicts at connect, MAIL and DATA", "[proxy]") {
  struct Refuse final : StagePolicy {
    Verdict connect(const SessionFacts& f) override {
      Verdict v;
      if (f.remote_ip == "10.0.0.88") v.reply = Reply(554, "5.7.1", "Your IP is not welcomed here.");
      return v;
    }
    Verdict data(const SessionFacts&, const Envelope&, std::string_view message) override {
      Verdict v;
      if (message.find("spam") != std::string::npos) v.reply = Reply(550, "5.7.1", "Spam refused");
      return v;
    }
  };
  auto policy = std::make_shared<Refuse>();
  Session refused(config(), facts("10.0.0.88"), policy);
  Output out = refused.start();
  CHECK(out.to_client == "554 5.7.1 Your IP is not welcomed here.\r\n");
  CHECK(out.close_client);

  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), policy);
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
  Session s(small, facts("192.0.2.7"), nullptr);
  s.start();
  Output out = s.client_bytes("EHLO c.example\r\nMAIL FROM:<a@example.org> SIZE=5000\r\n");
  CHECK(out.to_client.find("552 5.3.4 Message too big for system.\r\n") != std::string::npos);
  Output t = s.timed_out();
  CHECK(t.to_client == "421 4.4.2 proxy.test Disconnecting inactive client.\r\n");
  CHECK(t.close_client);
}

namespace {

// A session with a ready backend and one accepted recipient (backend offers `ehlo`).
void to_rcpt_accepted(Harness& h, const std::string& ehlo = "250-backend\r\n250 PIPELINING\r\n") {
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 backend ESMTP\r\n");
  h.from_backend(ehlo);
  h.from_backend("250 2.1.0 Ok\r\n");
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.client.clear();
  h.backend.clear();
}

class Users : public Authenticator {
 public:
  AuthResult check(const std::string& user, const std::string& password) override {
    if (user == "down") return AuthResult::kTempFail;
    return user == "alice" && password == "s3cret" ? AuthResult::kOk : AuthResult::kInvalid;
  }
};

SessionConfig auth_config(bool allow_plain_text) {
  SessionConfig c = config();
  c.auth.plain = c.auth.login = true;
  c.auth.allow_plain_text = allow_plain_text;
  c.auth.directory = std::make_shared<Users>();
  return c;
}

}  // namespace

TEST_CASE("session: BDAT chunks are joined and relayed; DATA to a backend without CHUNKING", "[proxy]") {
  Harness h;
  to_rcpt_accepted(h);
  // Two chunks; the second pipelined with its data and a following NOOP.
  h.from_client("BDAT 14\r\nSubject: x\r\n\r\n");
  CHECK(h.client == "250 2.6.0 Chunk accepted.\r\n");
  h.from_client("BDAT 9 LAST\r\n.body\r\n\r\nNOOP\r\n");
  // Relayed with DATA (the backend has no CHUNKING), dot-stuffed.
  CHECK(h.backend == "DATA\r\n");
  h.from_backend("354 go\r\n");
  CHECK(h.backend == "DATA\r\nSubject: x\r\n\r\n..body\r\n\r\n.\r\n");
  h.from_backend("250 2.0.0 queued\r\n");
  CHECK(h.client == "250 2.6.0 Chunk accepted.\r\n250 2.0.0 queued\r\n250 2.0.0 OK\r\n");
}

TEST_CASE("session: BDAT to a CHUNKING backend goes byte for byte", "[proxy]") {
  Harness h;
  to_rcpt_accepted(h, "250-backend\r\n250 CHUNKING\r\n");
  h.from_client("BDAT 19 LAST\r\nSubject: y\r\n\r\n.hi\r\n");
  CHECK(h.backend == "BDAT 19 LAST\r\nSubject: y\r\n\r\n.hi\r\n");
  h.from_backend("250 2.0.0 queued as X\r\n");
  CHECK(h.client == "250 2.0.0 queued as X\r\n");
}

TEST_CASE("session: BDAT errors - read the chunk, then refuse", "[proxy]") {
  SECTION("no MAIL: the chunk bytes are skipped, not run as commands") {
    Harness h;
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\nBDAT 6 LAST\r\nQUIT\r\nNOOP\r\n");
    CHECK(h.client.find("503 5.5.1 MAIL is required first.\r\n250 2.0.0 OK\r\n") != std::string::npos);
    CHECK(!h.client_closed);
  }
  SECTION("over the size limit") {
    SessionConfig c = config();
    c.data.max_message_size = 10;
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_rcpt_accepted(h);
    h.from_client("BDAT 8\r\n12345678BDAT 8 LAST\r\n12345678");
    CHECK(h.client == "250 2.6.0 Chunk accepted.\r\n552 5.3.4 Message too big for system.\r\n");
    CHECK(h.backend == "RSET\r\n");
  }
  SECTION("bare LF refused (bare-line-ends = refuse), session goes on") {
    SessionConfig c = config();
    c.data.bare_line_ends = BareLineEnds::kRefuse;
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_rcpt_accepted(h);
    h.from_client("BDAT 9 LAST\r\nSubject\nx");
    CHECK(h.client == "554 5.6.0 Bare CR or LF in message data is not allowed.\r\n");
    CHECK(!h.client_closed);
  }
  SECTION("DATA after BDAT") {
    Harness h;
    to_rcpt_accepted(h);
    h.from_client("BDAT 3\r\nabcDATA\r\n");
    CHECK(h.client == "250 2.6.0 Chunk accepted.\r\n503 5.5.1 DATA is not allowed after BDAT.\r\n");
  }
  SECTION("a size that is not a number loses the stream: the session ends") {
    Harness h;
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\nBDAT x1 LAST\r\n");
    CHECK(h.client.find("501 5.5.4") != std::string::npos);
    CHECK(h.client_closed);
  }
}

TEST_CASE("session: STARTTLS", "[proxy]") {
  SessionConfig c = config();
  c.starttls = true;
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\n");
  CHECK(h.client.find("250-STARTTLS\r\n") != std::string::npos);
  h.client.clear();
  // Commands pipelined after STARTTLS were sent in clear: never executed (CVE-2011-0411).
  Output out = h.session.client_bytes("STARTTLS\r\nMAIL FROM:<evil@example.org>\r\n");
  CHECK(out.to_client == "220 2.0.0 Ready to start TLS.\r\n");
  CHECK(out.start_tls);
  CHECK(out.to_backend.empty());
  CHECK(h.session.client_bytes("more clear text\r\n").to_client.empty());
  h.take(h.session.tls_started("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
  CHECK(h.session.facts().tls_version == "TLSv1.3");
  // RFC 3207 4.2: the EHLO is forgotten; STARTTLS is no longer offered.
  h.from_client("MAIL FROM:<a@example.org>\r\n");
  CHECK(h.client == "503 5.5.1 Polite people say EHLO first.\r\n");
  h.client.clear();
  h.from_client("EHLO c.example\r\nSTARTTLS\r\n");
  CHECK(h.client.find("STARTTLS\r\n") == std::string::npos);
  CHECK(h.client.find("504 5.7.4 Already in TLS mode.\r\n") != std::string::npos);
}

TEST_CASE("session: STARTTLS when no certificate is configured", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\nSTARTTLS\r\n");
  CHECK(h.client.find("STARTTLS\r\n") == std::string::npos);
  CHECK(h.client.find("502 5.5.1") != std::string::npos);
}

TEST_CASE("session: AUTH PLAIN and LOGIN", "[proxy]") {
  SECTION("not offered and refused without TLS unless allowed") {
    Harness h;
    h.session = Session(auth_config(false), facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\nAUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n");
    CHECK(h.client.find("AUTH PLAIN") == std::string::npos);
    CHECK(h.client.find("503 5.5.1 Clear text authentication without TLS is forbidden.\r\n") != std::string::npos);
  }
  SECTION("PLAIN with an initial response") {
    Harness h;
    h.session = Session(auth_config(true), facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\n");
    CHECK(h.client.find("250-AUTH PLAIN LOGIN\r\n") != std::string::npos);
    h.client.clear();
    h.from_client("AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n");  // \0alice\0s3cret
    CHECK(h.client == "235 2.7.0 Authentication succeeded.\r\n");
    CHECK(h.session.facts().authenticated_as == "alice");
    h.client.clear();
    h.from_client("AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n");
    CHECK(h.client == "503 5.5.1 Already authenticated.\r\n");
  }
  SECTION("PLAIN with an empty challenge, LOGIN in steps, cancel, bad base64") {
    Harness h;
    h.session = Session(auth_config(true), facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\n");
    h.client.clear();
    h.from_client("AUTH PLAIN\r\n");
    CHECK(h.client == "334 \r\n");
    h.from_client("*\r\n");
    CHECK(h.client == "334 \r\n501 5.7.0 Authentication cancelled.\r\n");
    h.client.clear();
    h.from_client("AUTH LOGIN\r\n");
    CHECK(h.client == "334 VXNlcm5hbWU6\r\n");
    h.from_client("YWxpY2U=\r\n");
    CHECK(h.client == "334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n");
    h.from_client("!!!!\r\n");
    CHECK(h.client.find("500 5.5.6 Invalid challenge.\r\n") != std::string::npos);
    h.client.clear();
    h.from_client("AUTH LOGIN YWxpY2U=\r\nczNjcmV0\r\n");
    CHECK(h.client == "334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication succeeded.\r\n");
  }
  SECTION("wrong credentials: 535, then 421 after the error budget; directory down: 454") {
    SessionConfig c = auth_config(true);
    c.auth.max_errors = 2;
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\n");
    h.client.clear();
    h.from_client("AUTH PLAIN AGRvd24AeA==\r\n");  // \0down\0x
    CHECK(h.client == "454 4.7.0 Temporary authentication failure\r\n");
    h.client.clear();
    h.from_client("AUTH PLAIN AGFsaWNlAHdyb25n\r\n");  // \0alice\0wrong
    CHECK(h.client == "535 5.7.8 Authentication credentials invalid.\r\n");
    h.from_client("AUTH PLAIN AGFsaWNlAHdyb25n\r\n");
    CHECK(h.client.find("421 4.3.0 Too many authentication errors, disconnecting.\r\n") != std::string::npos);
    CHECK(h.client_closed);
  }
  SECTION("require: MAIL before AUTH; XCLIENT carries the login") {
    SessionConfig c = auth_config(true);
    c.auth.require = true;
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\nMAIL FROM:<a@example.org>\r\n");
    CHECK(h.client.find("503 5.5.1 You must authenticate first.\r\n") != std::string::npos);
    h.from_client("AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\nMAIL FROM:<a@example.org>\r\n");
    REQUIRE(h.backend_open);
    h.take(h.session.backend_connected());
    h.from_backend("220 b\r\n");
    h.from_backend("250-b\r\n250 XCLIENT ADDR HELO PROTO LOGIN\r\n");
    CHECK(h.backend.find("XCLIENT ADDR=192.0.2.7 HELO=c.example PROTO=ESMTP LOGIN=alice\r\n") != std::string::npos);
  }
}

TEST_CASE("session: XFORWARD when the backend offers it instead of XCLIENT", "[proxy]") {
  Harness h;
  to_backend_ehlo(h);
  h.from_backend("250-b\r\n250 XFORWARD NAME ADDR PROTO HELO SOURCE\r\n");
  CHECK(h.backend == "EHLO proxy.test\r\nXFORWARD ADDR=192.0.2.7 NAME=[UNAVAILABLE] HELO=client.example PROTO=ESMTP SOURCE=REMOTE\r\n");
  h.from_backend("250 2.0.0 Ok\r\n");
  CHECK(h.backend.substr(h.backend.size() - 27) == "MAIL FROM:<a@example.org>\r\n");
}

TEST_CASE("session: XCLIENT values are xtext-encoded", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO [192.0.2.1]\r\nMAIL FROM:<a@example.org>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250-b\r\n250 XCLIENT ADDR HELO\r\n");
  CHECK(h.backend.find("XCLIENT ADDR=192.0.2.7 HELO=[192.0.2.1]\r\n") != std::string::npos);
}

TEST_CASE("session: shutting down ends idle sessions only", "[proxy]") {
  Harness h;
  to_rcpt_accepted(h);
  CHECK(h.session.shutting_down().to_client.empty());  // in a transaction: let it finish
  h.from_client("RSET\r\n");
  h.from_backend("250 2.0.0 Ok\r\n");
  Output out = h.session.shutting_down();
  CHECK(out.to_client == "421 4.3.2 proxy.test Server shutting down, please try again later.\r\n");
  CHECK(out.close_client);
  CHECK(out.to_backend == "QUIT\r\n");
}

TEST_CASE("session: the backend timing out while the client waits gives 451", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  CHECK(h.session.waiting_for_backend());
  h.take(h.session.backend_failed());
  CHECK(h.client.find("451 4.4.1") != std::string::npos);
  CHECK(!h.session.waiting_for_backend());
}

TEST_CASE("session: XCLIENT without ADDR (smtp-sink) is not used; XFORWARD is", "[proxy]") {
  Harness h;
  to_backend_ehlo(h);
  h.from_backend("250-b\r\n250-XCLIENT NAME HELO\r\n250 XFORWARD NAME ADDR PROTO HELO\r\n");
  CHECK(h.backend == "EHLO proxy.test\r\nXFORWARD ADDR=192.0.2.7 NAME=[UNAVAILABLE] HELO=client.example PROTO=ESMTP\r\n");
}

namespace {

// Changes the envelope the way a Sieve redirect / set "envelope.*" does.
struct Rewriter final : StagePolicy {
  Verdict mail(const SessionFacts&, const Envelope& e) override {
    Verdict v;
    if (e.from == "old@example.org") v.mail_from = "new@example.org";
    return v;
  }
  Verdict rcpt(const SessionFacts&, const Envelope& e) override {
    Verdict v;
    if (e.rcpt == "split@example.net") v.recipients = std::vector<std::string>{"one@example.net", "two@example.net"};
    if (e.rcpt == "gone@example.net") v.recipients = std::vector<std::string>{};
    return v;
  }
  Verdict data(const SessionFacts&, const Envelope& e, std::string_view) override {
    Verdict v;
    if (e.rcpts.size() == 1 && e.rcpts[0] == "b@example.net") {
      v.recipients = std::vector<std::string>{"b@example.net", "archive@example.net"};
      v.mail_from = "bounces@example.org";
    }
    return v;
  }
};

}  // namespace

TEST_CASE("session: the policy changes the sender at MAIL", "[proxy]") {
  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), std::make_shared<Rewriter>());
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\nMAIL FROM:<old@example.org> SIZE=10\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250 b\r\n");
  CHECK(h.backend == "EHLO proxy.test\r\nMAIL FROM:<new@example.org> SIZE=10\r\n");
}

TEST_CASE("session: one client RCPT relayed as several, or as none", "[proxy]") {
  Harness h;
  SessionConfig c = config();
  c.dsn_setting = true;  // NOTIFY below
  h.session = Session(c, facts("192.0.2.7"), std::make_shared<Rewriter>());
  to_mail_accepted(h);
  h.backend.clear();
  h.client.clear();
  h.from_client("RCPT TO:<split@example.net> NOTIFY=NEVER\r\n");
  // Pipelined (the backend offers it); the client's parameters only with its own address.
  CHECK(h.backend == "RCPT TO:<one@example.net>\r\nRCPT TO:<two@example.net>\r\n");
  h.from_backend("550 5.1.1 no such user\r\n");
  CHECK(h.client.empty());
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.client == "250 2.1.5 Ok\r\n");  // the first acceptance answers the client
  h.client.clear();
  h.from_client("RCPT TO:<gone@example.net>\r\n");
  CHECK(h.client == "250 2.1.5 OK\r\n");
  CHECK(h.backend.find("gone@") == std::string::npos);
}

TEST_CASE("session: a new envelope at DATA restarts the backend transaction", "[proxy]") {
  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), std::make_shared<Rewriter>());
  to_rcpt_accepted(h);
  h.from_client("DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\n");
  CHECK(h.backend == "RSET\r\n");
  h.from_backend("250 2.0.0 Ok\r\n");
  CHECK(h.backend == "RSET\r\nMAIL FROM:<bounces@example.org>\r\n");
  h.from_backend("250 2.1.0 Ok\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.backend == "RSET\r\nMAIL FROM:<bounces@example.org>\r\nRCPT TO:<b@example.net>\r\n"
                     "RCPT TO:<archive@example.net>\r\nDATA\r\n");
  h.from_backend("354 go\r\n");
  h.from_backend("250 2.0.0 queued\r\n");
  CHECK(h.client == "354 Start mail input; end with <CRLF>.<CRLF>\r\n250 2.0.0 queued\r\n");

  SECTION("the backend refusing the new envelope is the client's answer, never 250") {
    Harness g;
    g.session = Session(config(), facts("192.0.2.7"), std::make_shared<Rewriter>());
    to_rcpt_accepted(g);
    g.from_client("DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\n");
    g.from_backend("250 2.0.0 Ok\r\n");
    g.from_backend("250 2.1.0 Ok\r\n");
    g.from_backend("250 2.1.5 Ok\r\n");
    g.from_backend("550 5.1.1 <archive@example.net>: no such user\r\n");
    CHECK(g.client.find("550 5.1.1 <archive@example.net>: no such user\r\n") != std::string::npos);
    CHECK(g.backend.find("DATA") == std::string::npos);
  }
}

TEST_CASE("session: the Received: header goes before the relayed message", "[proxy]") {
  SessionConfig c = config();
  c.add_received = true;
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
  to_rcpt_accepted(h);
  h.from_client("DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\n");
  h.from_backend("354 go\r\n");
  CHECK(h.backend.rfind("DATA\r\nReceived: from client.example (unknown [192.0.2.7])\r\n\tby proxy.test (sievegate) with ESMTP\r\n\tid test\r\n\tfor <b@example.net>; ", 0) == 0);
  CHECK(h.backend.find(" +0000\r\nSubject: x\r\n\r\nhi\r\n.\r\n") != std::string::npos);
}

TEST_CASE("session: a failed AUTH is answered after errors.wait; input waits too", "[proxy]") {
  SessionConfig c = auth_config(true);
  c.auth.error_wait = std::chrono::milliseconds(30000);
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\n");
  h.client.clear();
  Output out = h.session.client_bytes("AUTH PLAIN AGFsaWNlAHdyb25n\r\nNOOP\r\n");
  CHECK(out.delay == std::chrono::milliseconds(30000));
  CHECK(out.to_client == "535 5.7.8 Authentication credentials invalid.\r\n");  // held by the network layer
  Output later = h.session.tarpit_over();
  CHECK(later.to_client == "250 2.0.0 OK\r\n");  // the pipelined NOOP, only now
}

TEST_CASE("session: backend refusals and nonsense around DATA", "[proxy]") {
  SECTION("DATA refused with 4xx: the backend's reply, and its transaction is ended") {
    Harness h;
    to_rcpt_accepted(h);
    h.from_client("DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\nMAIL FROM:<a@example.org>\r\n");
    h.from_backend("452 4.3.1 Insufficient system storage\r\n");
    CHECK(h.client == "354 Start mail input; end with <CRLF>.<CRLF>\r\n452 4.3.1 Insufficient system storage\r\n");
    CHECK(h.backend == "DATA\r\nRSET\r\n");
    h.from_backend("250 2.0.0 Ok\r\n");
    CHECK(h.backend == "DATA\r\nRSET\r\nMAIL FROM:<a@example.org>\r\n");  // the next transaction starts clean
  }
  SECTION("a 354 after the final dot is not a delivery: 451, backend dropped") {
    Harness h;
    to_rcpt_accepted(h);
    h.from_client("DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\n");
    h.from_backend("354 go\r\n");
    h.from_backend("354 go ahead\r\n");
    CHECK(h.client.find("451 4.4.1") != std::string::npos);
    CHECK(h.client.find("354 go ahead") == std::string::npos);
    CHECK(!h.backend_open);
  }
}

TEST_CASE("session: an over-long line split across reads gets one reply", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.client.clear();
  h.from_client(std::string(5000, 'A'));
  h.from_client(std::string(100, 'B') + "\r\nNOOP\r\n");
  CHECK(h.client == "500 5.5.2 Line too long.\r\n250 2.0.0 OK\r\n");
}

TEST_CASE("session: refused recipients count, wait and end the session", "[proxy]") {
  SessionConfig c = config();
  c.max_rcpt_errors = 2;
  c.rcpt_error_wait = std::chrono::milliseconds(30000);
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
  to_mail_accepted(h);
  h.client.clear();
  h.from_client("RCPT TO:<nobody@example.net>\r\nNOOP\r\n");
  Output out = h.session.backend_bytes("550 5.1.1 no such user\r\n");
  CHECK(out.to_client == "550 5.1.1 no such user\r\n");
  CHECK(out.delay == std::chrono::milliseconds(30000));  // the NOOP waits for the tarpit
  CHECK(h.session.tarpit_over().to_client == "250 2.0.0 OK\r\n");
  h.from_client("RCPT TO:<ghost@example.net>\r\n");
  h.from_backend("550 5.1.1 no such user\r\n");
  CHECK(h.client.find("421 4.3.0 Too many errors, disconnecting.\r\n") != std::string::npos);
  CHECK(h.client_closed);
}

// Issue #10: a backend lost at any moment is a temporary failure of the transaction,
// heard at once where a reply is owed, never a 5xx and never silence.
TEST_CASE("session: backend lost while the client sends DATA: 451 at the final dot, nothing relayed", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.from_client("DATA\r\nSubject: t\r\n\r\nfirst half\r\n");
  h.client.clear();
  h.backend.clear();
  h.take(h.session.backend_failed());  // the backend dies mid-message
  CHECK(h.client.empty());            // the client is still sending: no reply is owed yet
  CHECK(h.session.backend_wait() == Session::BackendWait::kNone);
  h.from_client("second half\r\n.\r\n");
  CHECK(h.client == "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
  CHECK(h.backend.empty());  // no DATA towards a backend that is gone
  CHECK(!h.session.waiting_for_backend());
  // The session goes on: a new transaction opens a new backend connection.
  h.client.clear();
  h.from_client("MAIL FROM:<a@example.org>\r\n");
  CHECK(h.backend_open);
  CHECK(h.session.backend_wait() == Session::BackendWait::kConnect);
}

TEST_CASE("session: backend lost between commands: RCPT, DATA and BDAT get 451, not 503", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.client.clear();
  h.take(h.session.backend_failed());  // idle backend connection closed
  CHECK(h.client.empty());
  h.from_client("RCPT TO:<c@example.net>\r\n");
  CHECK(h.client == "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
  h.client.clear();
  h.from_client("DATA\r\n");
  CHECK(h.client == "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
  h.client.clear();
  h.from_client("BDAT 5 LAST\r\nhello");
  CHECK(h.client == "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
  // RSET starts again; MAIL then opens a new backend session.
  h.client.clear();
  h.from_client("RSET\r\nRCPT TO:<c@example.net>\r\n");
  CHECK(h.client == "250 2.0.0 OK\r\n503 5.5.1 MAIL is required first.\r\n");
}

TEST_CASE("session: backend lost between BDAT chunks: the next chunk gets 451", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.client.clear();
  h.from_client("BDAT 6\r\nSubjec");
  CHECK(h.client == "250 2.6.0 Chunk accepted.\r\n");
  h.take(h.session.backend_failed());
  h.client.clear();
  h.from_client("BDAT 9 LAST\r\nt: x\r\n\r\nb");
  CHECK(h.client == "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n");
  h.client.clear();
  h.from_client("MAIL FROM:<a@example.org>\r\n");  // a new transaction is allowed at once
  CHECK(h.client.empty());                          // (waiting for the new backend)
  CHECK(h.backend_open);
}

TEST_CASE("session: pipelined MAIL, RCPT, DATA with the backend lost at MAIL: 451 for each", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\n");
  h.client.clear();
  h.from_client("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n");
  REQUIRE(h.backend_open);
  h.take(h.session.backend_failed());  // connection refused
  const std::string k451 = "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n";
  CHECK(h.client == k451 + k451 + k451);
}

TEST_CASE("session: what the backend is waited for decides the timeout", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kConnect);
  h.take(h.session.backend_connected());
  CHECK(h.session.backend_wait() == Session::BackendWait::kGreeting);
  h.from_backend("220 b\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kEhlo);
  h.from_backend("250 b\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kMail);
  h.from_backend("250 2.1.0 Ok\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kNone);  // idle between commands
  h.from_client("RCPT TO:<b@example.net>\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kRcpt);
  h.from_backend("250 2.1.5 Ok\r\n");
  h.from_client("DATA\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kNone);  // the client sends the message
  h.from_client("Subject: t\r\n\r\nbody\r\n.\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kOther);  // DATA's 354
  CHECK(!h.session.awaiting_final_reply());
  h.from_backend("354 go\r\n");
  CHECK(h.session.backend_wait() == Session::BackendWait::kDataEnd);
  CHECK(h.session.awaiting_final_reply());
  h.from_backend("250 2.0.0 Ok\r\n");
  CHECK(!h.session.awaiting_final_reply());
  CHECK(h.session.backend_wait() == Session::BackendWait::kNone);
}

TEST_CASE("session: input held behind a waiting command is visible for flow control", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.from_client("RCPT TO:<b@example.net>\r\n");
  std::string noops;
  for (int i = 0; i < 1000; ++i) noops += "NOOP\r\n";
  h.from_client(noops);  // behind the RCPT that waits for the backend
  CHECK(h.session.buffered_input() == noops.size());
  h.client.clear();
  h.from_backend("250 2.1.5 Ok\r\n");
  CHECK(h.session.buffered_input() == 0);
  std::size_t replies = 0;
  for (std::size_t p = 0; (p = h.client.find("\r\n", p)) != std::string::npos; p += 2) ++replies;
  CHECK(replies == 1001);
}

// Issue #11: a local reply never overtakes a backend reply still awaited (RFC 2920 3.1).
TEST_CASE("session: a syntax error among pipelined RCPTs waits for the answers before it", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.from_client("EHLO client.example\r\n");
  h.client.clear();
  h.from_client("MAIL FROM:<a@x.org>\r\nRCPT TO:<r1@x.org>\r\nRCPT TO:<a b@@c>\r\nRCPT TO:<r3@x.org>\r\nDATA\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250-b\r\n250 PIPELINING\r\n");
  h.from_backend("250 2.1.0 Ok\r\n");
  CHECK(h.client == "250 2.1.0 Ok\r\n");  // the 501 must not leave before r1's answer
  h.from_backend("250 2.1.5 r1 Ok\r\n");
  h.from_backend("250 2.1.5 r3 Ok\r\n");
  std::vector<std::string> lines;
  for (std::size_t p = 0, nl; (nl = h.client.find("\r\n", p)) != std::string::npos; p = nl + 2) {
    lines.push_back(h.client.substr(p, 3));
  }
  CHECK(lines == std::vector<std::string>{"250", "250", "501", "250", "354"});
  CHECK(h.client.find("250 2.1.5 r1 Ok\r\n501") != std::string::npos);
}

// Issue #11: only the parameters of what this session advertised, with checked values.
TEST_CASE("session: MAIL and RCPT parameters are checked against what was advertised", "[proxy]") {
  auto answer = [](SessionConfig c, const std::string& greeting, const std::string& command) {
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client(greeting + "\r\n");
    h.client.clear();
    h.from_client(command + "\r\n");
    return h.client.substr(0, h.client.find("\r\n"));
  };
  SessionConfig plain = config();
  SessionConfig dsn = config();
  dsn.dsn_setting = true;
  const std::string ehlo = "EHLO c.example";
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> FOO=BAR") == "555 5.5.4 Unsupported parameter FOO");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> BODY=NONSENSE") == "501 5.5.4 Invalid BODY parameter");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> BODY=BINARYMIME") == "501 5.5.4 Invalid BODY parameter");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> SIZE=12k") == "501 5.5.4 Invalid SIZE parameter");
  // 20 digits overflow 64 bits: refused as invalid, never an exception that ends the session.
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> SIZE=99999999999999999999") == "501 5.5.4 Invalid SIZE parameter");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> SMTPUTF8=yes") == "501 5.5.4 Invalid SMTPUTF8 parameter");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> SIZE=1 SIZE=2") == "501 5.5.4 Duplicate parameter SIZE");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> RET=FULL") == "555 5.5.4 Unsupported parameter RET");
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> AUTH=<>") == "555 5.5.4 Unsupported parameter AUTH");
  CHECK(answer(dsn, ehlo, "MAIL FROM:<a@x> RET=PARTIAL") == "501 5.5.4 Invalid RET parameter");
  CHECK(answer(dsn, ehlo, "MAIL FROM:<a@x> ENVID=a+2") == "501 5.5.4 Invalid ENVID parameter");
  CHECK(answer(plain, ehlo, "MAIL FROM:<j\xc3\xb6rg@x.org>") == "553 5.6.7 Non-ASCII address without SMTPUTF8 is not permitted");
  CHECK(answer(plain, "HELO c.example", "MAIL FROM:<a@x> SIZE=10") == "555 5.5.4 Unsupported parameter SIZE");
  // Accepted ones reach the backend (the client waits for its answer: no reply yet).
  CHECK(answer(plain, ehlo, "MAIL FROM:<a@x> SIZE=10 BODY=8bitmime SMTPUTF8").empty());
  CHECK(answer(plain, ehlo, "MAIL FROM:<j\xc3\xb6rg@x.org> SMTPUTF8").empty());
  CHECK(answer(dsn, ehlo, "MAIL FROM:<a@x> RET=HDRS ENVID=QQ314159+2B").empty());

  // RCPT, in a transaction the backend accepted.
  auto rcpt = [](SessionConfig c, const std::string& mail, const std::string& command) {
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\n" + mail + "\r\n");
    h.take(h.session.backend_connected());
    h.from_backend("220 b\r\n");
    h.from_backend("250 b\r\n");
    h.from_backend("250 2.1.0 Ok\r\n");
    h.client.clear();
    h.backend.clear();
    h.from_client(command + "\r\n");
    return h.client.empty() ? "relayed: " + h.backend.substr(0, h.backend.find("\r\n"))
                            : h.client.substr(0, h.client.find("\r\n"));
  };
  CHECK(rcpt(plain, "MAIL FROM:<a@x>", "RCPT TO:<b@x> NOTIFY=SUCCESS ORCPT=rfc822;b@x") ==
        "555 5.5.4 Unsupported parameter NOTIFY");
  CHECK(rcpt(dsn, "MAIL FROM:<a@x>", "RCPT TO:<b@x> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;b@x") ==
        "relayed: RCPT TO:<b@x> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;b@x");
  CHECK(rcpt(dsn, "MAIL FROM:<a@x>", "RCPT TO:<b@x> NOTIFY=NEVER,SUCCESS") == "501 5.5.4 Invalid NOTIFY parameter");
  CHECK(rcpt(dsn, "MAIL FROM:<a@x>", "RCPT TO:<b@x> NOTIFY=SUCCESS,SUCCESS") == "501 5.5.4 Invalid NOTIFY parameter");
  CHECK(rcpt(dsn, "MAIL FROM:<a@x>", "RCPT TO:<b@x> ORCPT=b@x") == "501 5.5.4 Invalid ORCPT parameter");
  CHECK(rcpt(plain, "MAIL FROM:<a@x>", "RCPT TO:<b@x> FOO=BAR") == "555 5.5.4 Unsupported parameter FOO");
  CHECK(rcpt(plain, "MAIL FROM:<a@x>", "RCPT TO:<b\xc3\xb6@x>") ==
        "553 5.6.7 Non-ASCII address without SMTPUTF8 is not permitted");
  CHECK(rcpt(plain, "MAIL FROM:<a@x> SMTPUTF8", "RCPT TO:<b\xc3\xb6@x>") == "relayed: RCPT TO:<b\xc3\xb6@x>");
}

TEST_CASE("session: DSN is offered when the backend has it, or as the config pins it", "[proxy]") {
  auto offers_dsn = [](SessionConfig c) {
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\n");
    return h.client.find("250-DSN\r\n") != std::string::npos;
  };
  SessionConfig c = config();
  CHECK(!offers_dsn(c));  // nothing known of the backend
  c.backend_extensions = std::make_shared<BackendExtensions>();
  CHECK(!offers_dsn(c));
  c.backend_extensions->learn({"PIPELINING", "DSN", "SIZE 1000"});
  CHECK(offers_dsn(c));
  c.dsn_setting = false;  // session.extensions.dsn = false
  CHECK(!offers_dsn(c));
  c.dsn_setting = true;
  c.backend_extensions->learn({"PIPELINING"});
  CHECK(offers_dsn(c));
  c.dsn_setting.reset();
  CHECK(!offers_dsn(c));

  // Every backend session refreshes what the next hop offers.
  Harness h;
  SessionConfig shared = config();
  shared.backend_extensions = std::make_shared<BackendExtensions>();
  h.session = Session(shared, facts("192.0.2.7"), nullptr);
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\nMAIL FROM:<a@x>\r\n");
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  CHECK(!shared.backend_extensions->known());
  h.from_backend("250-b\r\n250-DSN\r\n250 PIPELINING\r\n");
  CHECK(shared.backend_extensions->known());
  CHECK(shared.backend_extensions->dsn());
  CHECK(offers_dsn(shared));
}

TEST_CASE("session: 8BITMIME and SMTPUTF8 follow the backend once it is known", "[proxy]") {
  auto ehlo_then = [](SessionConfig c, const char* mail) {
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    h.take(h.session.start());
    h.from_client("EHLO c.example\r\n");
    std::string ehlo = h.client;
    h.client.clear();
    h.from_client(mail);
    return std::make_pair(ehlo, h.client);
  };
  SessionConfig c = config();
  c.backend_extensions = std::make_shared<BackendExtensions>();
  auto [unknown, _] = ehlo_then(c, "NOOP\r\n");  // nothing known yet: offered
  CHECK(unknown.find("250-8BITMIME\r\n250-SMTPUTF8\r\n") != std::string::npos);
  c.backend_extensions->learn({"PIPELINING", "SIZE 1000"});
  auto [ehlo, reply] = ehlo_then(c, "MAIL FROM:<a@x.example> BODY=8BITMIME\r\n");
  CHECK(ehlo.find("8BITMIME") == std::string::npos);
  CHECK(ehlo.find("SMTPUTF8") == std::string::npos);
  CHECK(reply.rfind("555 5.5.4", 0) == 0);
  auto [ehlo2, reply2] = ehlo_then(c, "MAIL FROM:<a@x.example> SMTPUTF8\r\n");
  CHECK(reply2.rfind("555 5.5.4", 0) == 0);
  c.eight_bit_setting = true;  // session.extensions.8bitmime / smtputf8 pin them
  c.smtputf8_setting = true;
  auto [pinned, reply4] = ehlo_then(c, "MAIL FROM:<a@x.example> BODY=8BITMIME SMTPUTF8\r\n");
  CHECK(pinned.find("250-8BITMIME\r\n250-SMTPUTF8\r\n") != std::string::npos);
  CHECK(reply4.rfind("555", 0) == std::string::npos);
  c.eight_bit_setting.reset();
  c.smtputf8_setting.reset();
  c.backend_extensions->learn({"8BITMIME", "SMTPUTF8"});
  auto [ehlo3, reply3] = ehlo_then(c, "NOOP\r\n");
  CHECK(ehlo3.find("250-8BITMIME\r\n250-SMTPUTF8\r\n") != std::string::npos);
  c.smtputf8_setting = false;
  auto [ehlo5, reply5] = ehlo_then(c, "NOOP\r\n");
  CHECK(ehlo5.find("SMTPUTF8") == std::string::npos);
}

// Issue #11: never an open relay. session.rcpt.directory and .relay, checked after the
// script and rewrite, answered in the client's order and counted as refused recipients.
namespace {
std::shared_ptr<MemoryDirectory> local_directory() {
  auto d = std::make_shared<MemoryDirectory>();
  d->add_address("alice@local.example");
  d->add_domain("relayed.example");
  return d;
}
}  // namespace

TEST_CASE("session: recipients are checked against the directory and the relay setting", "[proxy]") {
  SessionConfig c = config();
  c.rcpt_directory = local_directory();
  c.rcpt_error_wait = std::chrono::milliseconds(0);
  SECTION("a local mailbox, an unknown one, a domain without mailboxes, a remote one; in order") {
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_mail_accepted(h);
    h.backend.clear();
    h.client.clear();
    h.from_client("RCPT TO:<Alice@LOCAL.example>\r\nRCPT TO:<bob@local.example>\r\n"
                  "RCPT TO:<x@relayed.example>\r\nRCPT TO:<x@elsewhere.example>\r\nRCPT TO:<postmaster>\r\n");
    // Only the acceptable ones reach the backend; the client's answers wait for theirs.
    CHECK(h.backend == "RCPT TO:<Alice@LOCAL.example>\r\nRCPT TO:<x@relayed.example>\r\nRCPT TO:<postmaster>\r\n");
    CHECK(h.client.empty());
    h.from_backend("250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n");
    CHECK(h.client ==
          "250 2.1.5 Ok\r\n550 5.1.2 Mailbox does not exist.\r\n250 2.1.5 Ok\r\n"
          "550 5.1.2 Relay not allowed.\r\n250 2.1.5 Ok\r\n");
  }
  SECTION("relay = true lets other domains through; unknown local mailboxes still fail") {
    c.relay = true;
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_mail_accepted(h);
    h.client.clear();
    h.from_client("RCPT TO:<x@elsewhere.example>\r\n");
    h.from_backend("250 2.1.5 Ok\r\n");
    h.from_client("RCPT TO:<bob@local.example>\r\n");
    CHECK(h.client == "250 2.1.5 Ok\r\n550 5.1.2 Mailbox does not exist.\r\n");
  }
  SECTION("refusals count against errors.max and wait errors.wait") {
    c.max_rcpt_errors = 2;
    c.rcpt_error_wait = std::chrono::milliseconds(5000);
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_mail_accepted(h);
    h.client.clear();
    Output out = h.session.client_bytes("RCPT TO:<x@elsewhere.example>\r\nNOOP\r\n");
    CHECK(out.to_client == "550 5.1.2 Relay not allowed.\r\n");
    CHECK(out.delay == std::chrono::milliseconds(5000));
    CHECK(h.session.tarpit_over().to_client == "250 2.0.0 OK\r\n");
    h.from_client("RCPT TO:<y@elsewhere.example>\r\n");
    CHECK(h.client.find("421 4.3.0 Too many errors, disconnecting.\r\n") != std::string::npos);
    CHECK(h.client_closed);
  }
}

TEST_CASE("session: without a directory, relay decides alone; with neither, the backend decides", "[proxy]") {
  SECTION("neither: every recipient goes to the backend") {
    Harness h;
    to_mail_accepted(h);
    h.backend.clear();
    h.from_client("RCPT TO:<x@elsewhere.example>\r\n");
    CHECK(h.backend == "RCPT TO:<x@elsewhere.example>\r\n");
  }
  SECTION("relay = false (Stalwart without a directory): nothing is local, all refused") {
    SessionConfig c = config();
    c.relay = false;
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_mail_accepted(h);
    h.backend.clear();
    h.client.clear();
    h.from_client("RCPT TO:<x@elsewhere.example>\r\n");
    CHECK(h.client == "550 5.1.2 Relay not allowed.\r\n");
    CHECK(h.backend.empty());
  }
}

namespace {
// A directory that cannot answer (a lookup backend down).
struct FailingDirectory : RecipientDirectory {
  Lookup is_local_domain(std::string_view) const override { return Lookup::kFailed; }
  Lookup is_mailbox(std::string_view) const override { return Lookup::kFailed; }
};
// A policy whose rewrite maps an alias domain onto a local one.
struct RewritePolicy : StagePolicy {
  Verdict rcpt(const SessionFacts&, const Envelope& e) override {
    Verdict v;
    std::size_t at = e.rcpt.rfind('@');
    if (e.rcpt.substr(at + 1) == "alias.example") {
      v.rewritten_rcpt = e.rcpt.substr(0, at) + "@local.example";
      v.recipients = std::vector<std::string>{*v.rewritten_rcpt};
    }
    return v;
  }
};
}  // namespace

TEST_CASE("session: a directory that cannot answer gives 451 4.4.3; the rewritten address is checked", "[proxy]") {
  SECTION("lookup failure") {
    SessionConfig c = config();
    c.rcpt_directory = std::make_shared<FailingDirectory>();
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), nullptr);
    to_mail_accepted(h);
    h.client.clear();
    h.from_client("RCPT TO:<x@elsewhere.example>\r\n");
    CHECK(h.client == "451 4.4.3 Unable to verify address at this time.\r\n");
  }
  SECTION("rewrite before the check (Stalwart's order)") {
    SessionConfig c = config();
    c.rcpt_directory = local_directory();
    Harness h;
    h.session = Session(c, facts("192.0.2.7"), std::make_shared<RewritePolicy>());
    to_mail_accepted(h);
    h.backend.clear();
    h.client.clear();
    h.from_client("RCPT TO:<alice@alias.example>\r\n");
    CHECK(h.backend == "RCPT TO:<alice@local.example>\r\n");
    h.from_client("RCPT TO:<bob@alias.example>\r\n");  // waits behind the first
    h.from_backend("250 2.1.5 Ok\r\n");
    CHECK(h.client == "250 2.1.5 Ok\r\n550 5.1.2 Mailbox does not exist.\r\n");
  }
}

// Issue #12: the asynchronous policy seam. A stage whose policy suspends waits; input
// meanwhile stays buffered; the verdict continues the stage where it stopped.
namespace {
// Suspends every stage; the test gives each verdict by hand (in order).
struct SuspendingPolicy : StagePolicy {
  std::vector<PolicyStage> asked;
  std::vector<std::string> messages;  // DATA: what the policy saw
  std::optional<Verdict> start(const StageRequest& r, const Resume&) override {
    asked.push_back(r.stage);
    if (r.message) messages.emplace_back(r.message->view());
    return std::nullopt;
  }
};
}  // namespace

TEST_CASE("session: a suspended policy holds the session; its verdict continues the stage", "[proxy][async]") {
  auto policy = std::make_shared<SuspendingPolicy>();
  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), policy);
  std::vector<Verdict> resumed;
  h.session.set_resume([&](Verdict v) { resumed.push_back(std::move(v)); });
  h.take(h.session.start());
  CHECK(h.client.empty());  // the banner waits for the connect stage
  REQUIRE(policy->asked == std::vector<PolicyStage>{PolicyStage::kConnect});
  h.from_client("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n");
  CHECK(policy->asked.size() == 1);  // input waits behind the pending stage
  CHECK(h.session.buffered_input() > 0);
  h.take(h.session.policy_done({}));
  CHECK(h.client.rfind("220 proxy.test", 0) == 0);
  REQUIRE(policy->asked.size() == 2);
  CHECK(policy->asked[1] == PolicyStage::kEhlo);
  h.client.clear();
  h.take(h.session.policy_done({}));
  CHECK(h.client.rfind("250-proxy.test says hello", 0) == 0);
  REQUIRE(policy->asked.size() == 3);
  CHECK(policy->asked[2] == PolicyStage::kMail);
  CHECK(!h.backend_open);
  Verdict refuse;
  refuse.reply = Reply(550, "5.7.1", "Not you.");
  h.client.clear();
  h.take(h.session.policy_done(refuse));
  CHECK(h.client == "550 5.7.1 Not you.\r\n");
  CHECK(!h.backend_open);
  // A verdict nobody waits for is ignored.
  CHECK(h.session.policy_done({}).to_client.empty());
}

TEST_CASE("session: a suspended DATA policy sees the message; the relay waits for its verdict", "[proxy][async]") {
  auto policy = std::make_shared<SuspendingPolicy>();
  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), policy);
  h.session.set_resume([](Verdict) {});
  h.take(h.session.start());
  h.take(h.session.policy_done({}));  // connect
  h.from_client("EHLO client.example\r\n");
  h.take(h.session.policy_done({}));  // ehlo
  h.from_client("MAIL FROM:<a@example.org>\r\n");
  h.take(h.session.policy_done({}));  // mail
  h.take(h.session.backend_connected());
  h.from_backend("220 b\r\n");
  h.from_backend("250-b\r\n250 PIPELINING\r\n");
  h.from_backend("250 2.1.0 Ok\r\n");
  h.from_client("RCPT TO:<b@example.net>\r\n");
  h.take(h.session.policy_done({}));  // rcpt
  h.from_backend("250 2.1.5 Ok\r\n");
  h.backend.clear();
  h.client.clear();
  h.from_client("DATA\r\nSubject: t\r\n\r\nbody\r\n.\r\nNOOP\r\n");
  REQUIRE(policy->asked.back() == PolicyStage::kData);
  REQUIRE(policy->messages.size() == 1);
  CHECK(policy->messages[0] == "Subject: t\r\n\r\nbody\r\n");
  CHECK(h.backend.empty());  // nothing relayed before the verdict
  h.take(h.session.policy_done({}));
  CHECK(h.backend == "DATA\r\n");
  h.from_backend("354 go\r\n");
  CHECK(h.backend == "DATA\r\nSubject: t\r\n\r\nbody\r\n.\r\n");
  h.from_backend("250 2.0.0 queued\r\n");
  CHECK(h.client == "354 Start mail input; end with <CRLF>.<CRLF>\r\n250 2.0.0 queued\r\n250 2.0.0 OK\r\n");
}

TEST_CASE("session: a policy that suspends without a way back gives 451, never a hang", "[proxy][async]") {
  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), std::make_shared<SuspendingPolicy>());
  h.take(h.session.start());  // no set_resume: nothing could ever resume it
  CHECK(h.client == "451 4.3.0 Temporary local problem, please try again later.\r\n");
  CHECK(h.client_closed);
}

TEST_CASE("session: AUTH's credentials checked later (on a worker): input waits, the result continues", "[proxy][async]") {
  // A directory that answers later, as OffloadingAuthenticator does from the pool.
  struct LaterDirectory : Authenticator {
    std::vector<std::pair<std::string, std::string>> asked;
    AuthResult check(const std::string&, const std::string&) override { return AuthResult::kInvalid; }
    std::optional<AuthResult> start(const std::string& u, const std::string& p, const Done&) override {
      asked.emplace_back(u, p);
      return std::nullopt;
    }
  };
  auto directory = std::make_shared<LaterDirectory>();
  SessionConfig c = auth_config(true);
  c.auth.directory = directory;
  Harness h;
  h.session = Session(c, facts("192.0.2.7"), nullptr);
  h.session.set_auth_resume([](AuthResult) {});
  h.take(h.session.start());
  h.from_client("EHLO c.example\r\n");
  h.client.clear();
  h.from_client("AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\nNOOP\r\n");
  REQUIRE(directory->asked.size() == 1);
  CHECK(directory->asked[0] == std::make_pair(std::string("alice"), std::string("s3cret")));
  CHECK(h.client.empty());                  // no answer yet, and the NOOP waits
  CHECK(h.session.awaiting_policy());       // so no idle timeout runs meanwhile
  h.take(h.session.auth_checked(AuthResult::kOk));
  CHECK(h.client == "235 2.7.0 Authentication succeeded.\r\n250 2.0.0 OK\r\n");
  CHECK(h.session.facts().authenticated_as == "alice");
  CHECK(h.session.auth_checked(AuthResult::kOk).to_client.empty());  // nobody waits any more

  SECTION("a temporary failure") {
    Harness t;
    t.session = Session(c, facts("192.0.2.7"), nullptr);
    t.session.set_auth_resume([](AuthResult) {});
    t.take(t.session.start());
    t.from_client("EHLO c.example\r\nAUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n");
    t.client.clear();
    t.take(t.session.auth_checked(AuthResult::kTempFail));
    CHECK(t.client == "454 4.7.0 Temporary authentication failure\r\n");
  }
}

TEST_CASE("session: a policy that does not answer in time: 451 4.3.0, its late verdict dropped", "[proxy][async]") {
  // Keeps the message it was given, as a worker still reading it would.
  struct Holding : StagePolicy {
    std::shared_ptr<const MessageBuffer> held;
    bool suspend_rcpt = true;
    std::optional<Verdict> start(const StageRequest& r, const Resume&) override {
      if (r.stage == PolicyStage::kData) {
        held = r.message;
        return std::nullopt;
      }
      if (r.stage == PolicyStage::kRcpt && suspend_rcpt) return std::nullopt;
      return Verdict{};
    }
  };
  auto policy = std::make_shared<Holding>();
  Harness h;
  h.session = Session(config(), facts("192.0.2.7"), policy);
  h.session.set_resume([](Verdict) {});
  to_mail_accepted(h);
  h.client.clear();
  h.backend.clear();
  h.from_client("RCPT TO:<b@example.net>\r\nNOOP\r\n");
  CHECK(h.session.awaiting_policy());
  h.take(h.session.policy_timed_out());
  CHECK(h.client == "451 4.3.0 Temporary local problem, please try again later.\r\n250 2.0.0 OK\r\n");
  CHECK(h.backend.empty());
  CHECK(h.session.policy_done({}).to_client.empty());  // too late: dropped

  policy->suspend_rcpt = false;
  h.from_client("RCPT TO:<c@example.net>\r\n");
  h.from_backend("250 2.1.5 Ok\r\n");
  h.client.clear();
  h.backend.clear();
  h.from_client("DATA\r\nSubject: t\r\n\r\nbody\r\n.\r\n");
  REQUIRE(policy->held);
  h.take(h.session.policy_timed_out());
  CHECK(h.client == "354 Start mail input; end with <CRLF>.<CRLF>\r\n"
                    "451 4.3.0 Temporary local problem, please try again later.\r\n");
  CHECK(h.backend == "RSET\r\n");  // nothing relayed; the backend transaction ends
  CHECK(policy->held->view() == "Subject: t\r\n\r\nbody\r\n");  // still the policy's to read
}

TEST_CASE("session: a command out of sequence gets the refusal of the first condition it misses", "[proxy]") {
  Harness h;
  h.take(h.session.start());
  h.client.clear();
  // Before EHLO: MAIL needs it; AUTH is not offered at all; STARTTLS is not offered
  // Each counts against the error budget.
  h.from_client("MAIL FROM:<a@example.org>\r\nAUTH PLAIN\r\nSTARTTLS\r\n");
  CHECK(h.client == "503 5.5.1 Polite people say EHLO first.\r\n"
                    "503 5.5.1 AUTH not allowed.\r\n"
                    "502 5.5.1 STARTTLS is not offered here.\r\n");
  h.from_client("EHLO client.example\r\n");
  h.client.clear();
  // Fixed answers; RCPT and DATA before MAIL; BDAT's refusal after its chunk is read.
  h.from_client("NOOP\r\nVRFY someone\r\nHELP\r\nRCPT TO:<b@example.net>\r\nDATA\r\nBDAT 3 LAST\r\nabcRSET\r\n");
  CHECK(h.client == "250 2.0.0 OK\r\n"
                    "252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery\r\n"
                    "214 2.0.0 See RFC 5321: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY\r\n"
                    "503 5.5.1 MAIL is required first.\r\n"
                    "503 5.5.1 MAIL is required first.\r\n"
                    "503 5.5.1 MAIL is required first.\r\n"
                    "250 2.0.0 OK\r\n");
  CHECK(!h.client_closed);
  // Four more bad commands reach the budget of ten.
  h.client.clear();
  h.from_client("DATA\r\nDATA\r\nDATA\r\nDATA\r\n");
  CHECK(h.client == "503 5.5.1 MAIL is required first.\r\n"
                    "503 5.5.1 MAIL is required first.\r\n"
                    "503 5.5.1 MAIL is required first.\r\n"
                    "503 5.5.1 MAIL is required first.\r\n"
                    "421 4.3.0 Too many errors, disconnecting.\r\n");
  CHECK(h.client_closed);
}

TEST_CASE("session: the transaction's lost backend is answered 451 by the table, not counted as an error", "[proxy]") {
  Harness h;
  to_mail_accepted(h);
  h.take(h.session.backend_failed("reset"));
  h.client.clear();
  // Twelve refusals of 451: the error budget (10) is untouched.
  std::string rcpts;
  for (int i = 0; i < 12; ++i) rcpts += "RCPT TO:<b@example.net>\r\n";
  h.from_client(rcpts);
  std::string expected;
  for (int i = 0; i < 12; ++i) expected += "451 4.4.1 Delivery to the next hop failed, please try again later.\r\n";
  CHECK(h.client == expected);
  CHECK(!h.client_closed);
}

TEST_CASE("relay client: the backend's opening, framing, RCPTs and replay, without I/O", "[proxy]") {
  auto extensions = std::make_shared<BackendExtensions>();
  RelayClient relay("proxy.test", true, extensions);
  SessionFacts f = facts("192.0.2.7");
  f.helo = "client.example";
  f.esmtp = true;
  std::string wire;
  Reply r;
  relay.connect();
  relay.connected();
  CHECK(relay.state() == RelayClient::State::kGreeting);
  relay.feed("220 backend ES");
  CHECK(relay.next_reply(r) == RelayClient::Next::kNone);  // a reply split across reads
  relay.feed("MTP\r\n");
  REQUIRE(relay.next_reply(r) == RelayClient::Next::kReply);
  CHECK(relay.on_reply(r, f, wire).kind == RelayClient::Step::Kind::kHandshake);
  CHECK(wire == "EHLO proxy.test\r\n");
  wire.clear();
  relay.feed("250-backend\r\n250-XCLIENT ADDR NAME HELO PROTO\r\n250 DSN\r\n");
  REQUIRE(relay.next_reply(r) == RelayClient::Next::kReply);
  CHECK(relay.on_reply(r, f, wire).kind == RelayClient::Step::Kind::kHandshake);
  CHECK(wire == "XCLIENT ADDR=192.0.2.7 NAME=[UNAVAILABLE] HELO=client.example PROTO=ESMTP\r\n");
  CHECK(extensions->known());
  CHECK(extensions->dsn());
  CHECK(extensions->xclient_addr());
  CHECK_FALSE(relay.pipelining());
  wire.clear();
  relay.feed("220 again\r\n250 backend\r\n");
  REQUIRE(relay.next_reply(r) == RelayClient::Next::kReply);
  CHECK(relay.on_reply(r, f, wire).kind == RelayClient::Step::Kind::kHandshake);
  CHECK(wire == "EHLO client.example\r\n");  // the client's own name after XCLIENT
  REQUIRE(relay.next_reply(r) == RelayClient::Next::kReply);
  CHECK(relay.on_reply(r, f, wire).kind == RelayClient::Step::Kind::kReady);
  relay.set_ready();

  // Without PIPELINING, one recipient at a time.
  wire.clear();
  relay.relay_rcpt(wire, RelayClient::Rcpt{"a@example.net", 0, " NOTIFY=NEVER"});
  CHECK(relay.state() == RelayClient::State::kBusy);
  relay.relay_rcpt(wire, RelayClient::Rcpt{"b@example.net", 1, ""});
  CHECK(wire == "RCPT TO:<a@example.net> NOTIFY=NEVER\r\n");
  CHECK(relay.rcpts_outstanding() == 2);
  wire.clear();
  RelayClient::Rcpt answered = relay.rcpt_answered(wire);
  CHECK(answered.address == "a@example.net");
  CHECK(answered.slot == 0);
  CHECK(wire == "RCPT TO:<b@example.net>\r\n");
  CHECK(relay.rcpts_in_flight());
  relay.clear_rcpts();
  CHECK(relay.rcpts_outstanding() == 0);

  // The envelope sent again: RSET, MAIL, then the recipients in order.
  wire.clear();
  relay.start_replay(wire, "s@example.org", {EsmtpParam{"SIZE", "10", true}}, {"a@example.net", "b@example.net"});
  CHECK(wire == "RSET\r\n");
  while (relay.replay_next(wire)) {
  }
  CHECK(wire == "RSET\r\nMAIL FROM:<s@example.org> SIZE=10\r\nRCPT TO:<a@example.net>\r\nRCPT TO:<b@example.net>\r\n");

  relay.feed("not a reply\r\n");
  CHECK(relay.next_reply(r) == RelayClient::Next::kBad);
  relay.lost();
  CHECK(relay.down());
}
