// Property test for RFC 2920 3.1 (issue #11): whatever produced a reply (syntax error,
// unknown command, sequence error, policy verdict, limit, the backend), replies leave in
// the order of the commands. Random batches of commands (valid, malformed, out of
// sequence, refused by policy or by the backend) are run twice against a scripted
// backend:
//   - one command at a time, each answered in full before the next is sent (the
//     reference: nothing can be reordered);
//   - pipelined: each batch in random packet splits, with the backend's replies coming
//     at random moments in between.
// Both runs must give the client the same replies in the same order. A failing seed is
// printed; keep it in kRegressionSeeds.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "smtp/session.h"

using namespace sievegate::proxy;

namespace {

// Seeds that once failed, run first on every run.
// 1691: an RCPT pipelined behind RCPTs that could still reach max-recipients got the
// limit although the backend then refused one of them.
const std::uint32_t kRegressionSeeds[] = {1691};

// The policy: recipients whose local part starts with "deny" are refused.
class DenyPolicy : public StagePolicy {
 public:
  Verdict rcpt(const SessionFacts&, const Envelope& e) override {
    Verdict v;
    if (e.rcpt.rfind("deny", 0) == 0) v.reply = Reply(550, "5.7.1", "Denied by policy " + e.rcpt);
    return v;
  }
};

// A backend that answers each command it is sent, deterministically, with replies that
// name the command; replies are queued and handed out when the test decides.
class ScriptedBackend {
 public:
  explicit ScriptedBackend(bool pipelining) : pipelining_(pipelining) {}
  void connected() { queue_.push_back("220 backend ready\r\n"); }
  void receive(std::string_view bytes) {
    input_.append(bytes);
    std::size_t nl;
    while ((nl = input_.find("\r\n")) != std::string::npos) {
      std::string line = input_.substr(0, nl);
      input_.erase(0, nl + 2);
      if (in_data_) {
        if (line == ".") {
          in_data_ = false;
          queue_.push_back("250 2.0.0 queued message " + std::to_string(++messages_) + "\r\n");
        }
        continue;
      }
      command(line);
    }
  }
  bool pending() const { return !queue_.empty(); }
  std::string next() {
    std::string r = queue_.front();
    queue_.erase(queue_.begin());
    return r;
  }

 private:
  void command(const std::string& line) {
    std::string verb = line.substr(0, line.find(' '));
    if (verb == "EHLO") {
      queue_.push_back(pipelining_ ? "250-backend\r\n250 PIPELINING\r\n" : "250 backend\r\n");
    } else if (verb == "MAIL") {
      queue_.push_back(line.find("<tempfail") != std::string::npos ? "451 4.3.0 sender " + line.substr(10) + " later\r\n"
                                                                    : "250 2.1.0 sender " + line.substr(10) + " ok\r\n");
    } else if (verb == "RCPT") {
      queue_.push_back(line.find("<bad") != std::string::npos ? "550 5.1.1 " + line.substr(8) + " unknown\r\n"
                                                              : "250 2.1.5 " + line.substr(8) + " ok\r\n");
    } else if (verb == "DATA") {
      in_data_ = true;
      queue_.push_back("354 go ahead\r\n");
    } else if (verb == "RSET") {
      queue_.push_back("250 2.0.0 reset\r\n");
    } else if (verb == "QUIT") {
      queue_.push_back("221 2.0.0 bye\r\n");
    } else {
      queue_.push_back("502 5.5.2 what is " + verb + "\r\n");
    }
  }

  bool pipelining_;
  std::string input_;
  bool in_data_ = false;
  int messages_ = 0;
  std::vector<std::string> queue_;
};

SessionConfig test_config() {
  SessionConfig c;
  c.hostname = "proxy.test";
  c.add_received = false;
  c.max_errors = 1000;        // syntax errors must not end the session here
  c.max_rcpt_errors = 1000;
  c.max_recipients = 6;       // the limit is one of the replies under test
  c.max_messages = 1000;
  return c;
}

// One client session against the scripted backend; collects every complete reply.
struct Run {
  bool pipelining;  // the backend offers PIPELINING
  Session session;
  ScriptedBackend backend;
  bool backend_open = false;
  bool closed = false;
  std::string heard;                 // raw bytes the client received
  std::vector<std::string> replies;  // complete replies, in order

  explicit Run(bool backend_pipelining)
      : pipelining(backend_pipelining),
        session(test_config(), SessionFacts{"t", "192.0.2.1", "127.0.0.1", "smtp", "", false, "", "", ""},
                std::make_shared<DenyPolicy>()),
        backend(backend_pipelining) {}

  void take(const Output& out) {
    heard += out.to_client;
    split_replies();
    if (out.connect_backend && !backend_open) {
      backend_open = true;
      backend = ScriptedBackend(pipelining);  // a new backend session
      take(session.backend_connected());
      backend.connected();
    }
    if (backend_open) {
      backend.receive(out.to_backend);
      if (out.backend_source) {
        std::string body;
        while (out.backend_source->next(body, 1024)) {
        }
        backend.receive(body);
      }
    }
    if (out.close_backend) backend_open = false;
    if (out.close_client) closed = true;
  }

  void split_replies() {
    while (true) {
      std::size_t start = 0;
      bool complete = false;
      while (true) {
        std::size_t nl = heard.find("\r\n", start);
        if (nl == std::string::npos) break;
        std::string line = heard.substr(start, nl - start);
        start = nl + 2;
        if (line.size() < 4 || line[3] != '-') {
          complete = true;
          break;
        }
      }
      if (!complete) return;
      replies.push_back(heard.substr(0, start));
      heard.erase(0, start);
    }
  }
  // Delivers one queued backend reply; false if there was none.
  bool backend_step() {
    if (!backend_open || !backend.pending()) return false;
    take(session.backend_bytes(backend.next()));
    return true;
  }
  void settle() {
    for (int i = 0; i < 1000 && backend_step(); ++i) {
    }
  }
};

// A batch: commands pipelined together; DATA, if present, is last (RFC 2920 3.1), and its
// content follows only once 354 came.
struct Batch {
  std::vector<std::string> commands;
  bool data = false;
};

std::vector<Batch> random_batches(std::mt19937& rng) {
  static const char* kRcpts[] = {"RCPT TO:<r{}@x.org>", "RCPT TO:<bad{}@x.org>", "RCPT TO:<deny{}@x.org>",
                                 "RCPT TO:<a b@@c>",    "RCPT TO:<r{}@x.org> FOO=BAR", "RCPT <nocolon@x.org>"};
  static const char* kOthers[] = {"NOOP", "RSET", "FOO bar", "VRFY someone", "MAIL FROM:<s{}@x.org>",
                                  "MAIL FROM:<tempfail{}@x.org>", "MAIL FROM:broken", "HELO again.example"};
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto fill = [&](std::string t) {
    std::size_t at = t.find("{}");
    if (at != std::string::npos) t.replace(at, 2, std::to_string(rng() % 100));
    return t;
  };
  std::vector<Batch> batches;
  std::size_t n = 1 + pick(4);
  for (std::size_t b = 0; b < n; ++b) {
    Batch batch;
    if (pick(4) != 0) batch.commands.push_back(fill(pick(5) == 0 ? "MAIL FROM:<tempfail{}@x.org>" : "MAIL FROM:<s{}@x.org>"));
    std::size_t k = pick(7);
    for (std::size_t i = 0; i < k; ++i) {
      batch.commands.push_back(fill(pick(4) == 0 ? kOthers[pick(std::size(kOthers))] : kRcpts[pick(std::size(kRcpts))]));
    }
    if (pick(3) != 0) {
      batch.commands.push_back("DATA");
      batch.data = true;
    }
    batches.push_back(batch);
  }
  return batches;
}

const std::string kContent = "Subject: pipelined\r\n\r\n.leading dot\r\nbody\r\n.\r\n";

std::vector<std::string> run_reference(const std::vector<Batch>& batches, bool pipelining) {
  Run run(pipelining);
  run.take(run.session.start());
  run.take(run.session.client_bytes("EHLO client.example\r\n"));
  run.settle();
  for (const Batch& b : batches) {
    for (const std::string& c : b.commands) {
      if (run.closed) break;
      std::size_t before = run.replies.size();
      run.take(run.session.client_bytes(c + "\r\n"));
      run.settle();
      if (c == "DATA" && run.replies.size() > before && run.replies.back().rfind("354", 0) == 0) {
        run.take(run.session.client_bytes(kContent));
        run.settle();
      }
    }
  }
  run.take(run.session.client_bytes("QUIT\r\n"));
  run.settle();
  return run.replies;
}

std::vector<std::string> run_pipelined(const std::vector<Batch>& batches, bool pipelining, std::mt19937& rng) {
  Run run(pipelining);
  run.take(run.session.start());
  run.take(run.session.client_bytes("EHLO client.example\r\n"));
  run.settle();
  // Sends `bytes` in random pieces, delivering random numbers of backend replies between.
  auto send_split = [&](const std::string& bytes) {
    std::size_t pos = 0;
    while (pos < bytes.size() && !run.closed) {
      std::size_t len = 1 + rng() % std::min<std::size_t>(bytes.size() - pos, 40);
      if (rng() % 4 == 0) len = bytes.size() - pos;
      run.take(run.session.client_bytes(std::string_view(bytes).substr(pos, len)));
      pos += len;
      for (std::size_t n = rng() % 3; n > 0 && run.backend_step(); --n) {
      }
    }
  };
  for (const Batch& b : batches) {
    if (run.closed) break;
    std::string packet;
    for (const std::string& c : b.commands) packet += c + "\r\n";
    std::size_t before = run.replies.size();
    send_split(packet);
    run.settle();
    if (b.data && !run.closed && run.replies.size() > before && run.replies.back().rfind("354", 0) == 0) {
      send_split(kContent);
      run.settle();
    }
  }
  run.take(run.session.client_bytes("QUIT\r\n"));
  run.settle();
  return run.replies;
}

std::string describe(const std::vector<Batch>& batches) {
  std::ostringstream o;
  for (const Batch& b : batches) {
    o << "[";
    for (const std::string& c : b.commands) o << c << " | ";
    o << "]\n";
  }
  return o.str();
}

bool check_seed(std::uint32_t seed) {
  std::mt19937 rng(seed);
  bool pipelining = rng() % 4 != 0;  // mostly a PIPELINING backend
  std::vector<Batch> batches = random_batches(rng);
  std::vector<std::string> expected = run_reference(batches, pipelining);
  std::vector<std::string> got = run_pipelined(batches, pipelining, rng);
  if (got != expected) {
    std::ostringstream o;
    o << "seed " << seed << " (backend pipelining " << pipelining << ")\n" << describe(batches) << "reference:\n";
    for (const auto& r : expected) o << "  " << r.substr(0, r.size() - 2) << "\n";
    o << "pipelined:\n";
    for (const auto& r : got) o << "  " << r.substr(0, r.size() - 2) << "\n";
    FAIL_CHECK(o.str());
    return false;
  }
  return true;
}

}  // namespace

TEST_CASE("pipelining: replies pair with commands in order, whatever produced them", "[proxy][pipelining]") {
  std::size_t failed = 0;
  for (std::uint32_t seed : kRegressionSeeds) failed += !check_seed(seed);
  for (std::uint32_t seed = 1000; seed < 4000 && failed < 3; ++seed) failed += !check_seed(seed);
  CHECK(failed == 0);
}
