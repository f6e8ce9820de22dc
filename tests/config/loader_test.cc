// The configuration loader and the Sieve stage policy, in process: settings and their
// defaults, per-session rules, warnings for keys a proxy does not act on, and the
// verdicts of each stage's script for given facts.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>

#include "config/loader.h"

using namespace sievegate;

namespace {

struct TempConfig {
  std::string path;
  explicit TempConfig(const std::string& text) {
    char name[] = "/tmp/sievegate-config-XXXXXX";
    int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    path = name;
    std::ofstream(path) << text;
  }
  ~TempConfig() { std::remove(path.c_str()); }
};

proxy::SessionFacts facts(const std::string& ip, const std::string& listener = "smtp") {
  proxy::SessionFacts f;
  f.id = "t";
  f.remote_ip = ip;
  f.listener = listener;
  return f;
}

bool has_report(const config::LoadedConfig& c, unsigned line, const std::string& fragment, bool error) {
  for (const base::Diagnostic& r : c.reports) {
    bool is_error = r.severity == base::Severity::kError;
    if (r.pos.line == line && is_error == error && r.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("config: a file that cannot be read is a system failure with the OS's reason", "[config]") {
  config::LoadedConfig c = config::load_config("/nonexistent/sievegate.toml");
  CHECK(c.read_error == ENOENT);
  CHECK_FALSE(c.ok());
  REQUIRE(c.reports.size() == 1);
  CHECK(c.reports[0].pos.line == 0);
  CHECK(c.reports[0].file == "/nonexistent/sievegate.toml");
  CHECK(c.reports[0].code == "unreadable");
  CHECK(c.reports[0].message == "cannot read: No such file or directory");

  TempConfig file("[session]\n");
  CHECK(config::load_config(file.path).read_error == 0);
}

TEST_CASE("config: the seed example loads, with defaults said aloud", "[config]") {
  TempConfig file(R"([session]
timeout = "5m"
transfer-limit = 262144000 # 250 MB
duration = "10m"

[session.connect]
script = "connect_filter"

[sieve.trusted.scripts]
connect_filter = '''
require ["variables", "reject"];

if string "${env.remote_ip}" "10.0.0.88" {
    reject "Your IP '${env.remote_ip}' is not welcomed here.";
}
'''
)");
  config::LoadedConfig c = config::load_config(file.path);
  CHECK(c.ok());
  CHECK(c.warnings() == 2);  // default listener and default backend
  CHECK(c.server.backend_port == 25);
  REQUIRE(c.sieve->programs.count("connect_filter"));
  config::SievePolicy policy(c.sieve);
  proxy::Verdict v = policy.connect(facts("10.0.0.88"));
  REQUIRE(v.reply);
  CHECK(v.reply->wire() == "554 5.7.1 Your IP '10.0.0.88' is not welcomed here.\r\n");
  CHECK(v.close);
  CHECK(!policy.connect(facts("192.0.2.1")).reply);
  // The per-session limits.
  proxy::SessionSettings s{};
  c.server.per_session(proxy::ConnectionInfo{"smtp", "192.0.2.1", "127.0.0.1"}, s);
  CHECK(s.timeout == std::chrono::minutes(5));
  CHECK(s.duration == std::chrono::minutes(10));
  CHECK(s.session.transfer_limit == 262144000);
}

TEST_CASE("config: rules decided at connect, per client address", "[config]") {
  TempConfig file(R"([server.listener."smtp"]
bind = ["127.0.0.1:2525"]
hostname = "mx1.example.org"
greeting = "Stalwart-style greeting"
[remote."a"]
address = "127.0.0.1"
port = 10025
[remote."b"]
address = "127.0.0.1"
port = 10026
[relay]
next-hop = [ { if = "remote-ip", eq = "10.0.0.0/8", then = "b" }, { else = "a" } ]
[session]
timeout = [ { if = "remote-ip", eq = "10.0.0.0/8", then = "30s" }, { else = "5m" } ]
[session.rcpt]
max-recipients = 25
[session.data.limits]
size = 1000
)");
  config::LoadedConfig c = config::load_config(file.path);
  REQUIRE(c.ok());
  REQUIRE(c.server.listeners.size() == 1);
  CHECK(c.server.listeners[0].hostname == "mx1.example.org");  // per listener, as Stalwart
  CHECK(c.server.listeners[0].greeting == "Stalwart-style greeting");
  proxy::SessionSettings s{};
  c.server.per_session(proxy::ConnectionInfo{"smtp", "10.1.2.3", "127.0.0.1"}, s);
  CHECK(s.timeout == std::chrono::seconds(30));
  CHECK(s.backend_port == 10026);
  CHECK(s.session.max_recipients == 25);
  CHECK(s.session.data.max_message_size == 1000);
  c.server.per_session(proxy::ConnectionInfo{"smtp", "192.0.2.1", "127.0.0.1"}, s);
  CHECK(s.timeout == std::chrono::minutes(5));
  CHECK(s.backend_port == 10025);
}

TEST_CASE("config: the backend's waits: [remote] timeout, and [queue.outbound.timeouts] by stage", "[config]") {
  TempConfig plain(R"([remote."backend"]
address = "127.0.0.1"
port = 10025
timeout = "20s"
)");
  config::LoadedConfig a = config::load_config(plain.path);
  REQUIRE(a.ok());
  CHECK(a.server.backend_timeout == std::chrono::seconds(20));
  // The reply after the end of data is not cut by the command timeout (RFC 5321 4.5.3.2.6).
  CHECK(a.server.backend_timeouts.data == std::chrono::minutes(10));
  CHECK(!a.server.backend_timeouts.mail_from);

  TempConfig staged(R"([remote."backend"]
address = "127.0.0.1"
port = 10025
[queue.outbound.timeouts]
connect = "3s"
greeting = "4s"
ehlo = "5s"
mail-from = "6s"
rcpt-to = "7s"
data = "8s"
mta-sts = "1m"
[queue.schedule]
retry = ["2m"]
)");
  config::LoadedConfig b = config::load_config(staged.path);
  REQUIRE(b.ok());
  const proxy::BackendTimeouts& t = b.server.backend_timeouts;
  CHECK(t.connect == std::chrono::seconds(3));
  CHECK(t.greeting == std::chrono::seconds(4));
  CHECK(t.ehlo == std::chrono::seconds(5));
  CHECK(t.mail_from == std::chrono::seconds(6));
  CHECK(t.rcpt_to == std::chrono::seconds(7));
  CHECK(t.data == std::chrono::seconds(8));
  CHECK(has_report(b, 11, "'queue.outbound.timeouts.mta-sts' is ignored by sievegate", false));
  CHECK(has_report(b, 12, "'queue.schedule' is ignored by sievegate", false));

  TempConfig bad(R"([queue.outbound.timeouts]
data = "ten minutes"
)");
  config::LoadedConfig c = config::load_config(bad.path);
  CHECK(!c.ok());
  CHECK(has_report(c, 2, "invalid duration", true));
}

TEST_CASE("config: keys a proxy does not act on are warnings, unknown ones errors", "[config]") {
  TempConfig file(R"([queue.schedule]
retry = ["2m"]
[session.data.milter."x"]
hostname = "127.0.0.1"
[session.extensions]
vrfy = true
[session.rcpt]
relay = true
catchall = true
)");
  config::LoadedConfig c = config::load_config(file.path);
  CHECK(has_report(c, 1, "'queue.schedule' is ignored by sievegate", false));
  CHECK(has_report(c, 3, "'session.data.milter' is ignored by sievegate", false));
  CHECK(has_report(c, 6, "'session.extensions.vrfy' is ignored by sievegate", false));
  CHECK(has_report(c, 8, "session.rcpt.relay without session.rcpt.directory: no domain is local", false));
  CHECK(has_report(c, 9, "unknown key 'session.rcpt.catchall' (did you mean 'catch-all'?)", true));
  CHECK(!c.ok());
}

TEST_CASE("config: scripts at every stage and what their results do", "[config]") {
  TempConfig file(R"([session.ehlo]
script = "e"
[session.mail]
script = "m"
rewrite = [ { if = "sender", matches = "^(.*)@old\\.example$", then = "${1}@new.example" }, { else = false } ]
[session.rcpt]
script = [ { if = "rcpt-domain", eq = "other.example", then = "r2" }, { else = "r" } ]
[session.data]
script = "d"
[sieve.trusted]
on-error = "tempfail"
limits.cpu = 50
[sieve.trusted.scripts]
e = 'require ["variables","reject"]; if string "${env.helo_domain}" "bad.example" { reject "go away"; }'
m = 'require ["variables"]; if string "${envelope.from}" "x@a.example" { set "envelope.from" "y@a.example"; }'
r = 'require ["copy"]; redirect :copy "archive@example.org";'
r2 = 'require "reject"; reject "551 5.1.6 moved";'
d = '''require ["editheader", "variables"];
if header :is "subject" "loop" { set "v0" "x"; set "v1" "x"; set "v2" "x"; set "v3" "x"; set "v4" "x"; set "v5" "x"; set "v6" "x"; set "v7" "x"; set "v8" "x"; set "v9" "x"; set "v10" "x"; set "v11" "x"; set "v12" "x"; set "v13" "x"; set "v14" "x"; set "v15" "x"; set "v16" "x"; set "v17" "x"; set "v18" "x"; set "v19" "x"; set "v20" "x"; set "v21" "x"; set "v22" "x"; set "v23" "x"; set "v24" "x"; set "v25" "x"; set "v26" "x"; set "v27" "x"; set "v28" "x"; set "v29" "x"; set "v30" "x"; set "v31" "x"; set "v32" "x"; set "v33" "x"; set "v34" "x"; set "v35" "x"; set "v36" "x"; set "v37" "x"; set "v38" "x"; set "v39" "x"; set "v40" "x"; set "v41" "x"; set "v42" "x"; set "v43" "x"; set "v44" "x"; set "v45" "x"; set "v46" "x"; set "v47" "x"; set "v48" "x"; set "v49" "x"; set "v50" "x"; set "v51" "x"; set "v52" "x"; set "v53" "x"; set "v54" "x"; set "v55" "x"; set "v56" "x"; set "v57" "x"; set "v58" "x"; set "v59" "x"; set "v60" "x"; set "v61" "x"; set "v62" "x"; set "v63" "x"; set "v64" "x"; set "v65" "x"; set "v66" "x"; set "v67" "x"; set "v68" "x"; set "v69" "x"; set "v70" "x"; set "v71" "x"; set "v72" "x"; set "v73" "x"; set "v74" "x"; set "v75" "x"; set "v76" "x"; set "v77" "x"; set "v78" "x"; set "v79" "x"; set "v80" "x"; set "v81" "x"; set "v82" "x"; set "v83" "x"; set "v84" "x"; set "v85" "x"; set "v86" "x"; set "v87" "x"; set "v88" "x"; set "v89" "x"; set "v90" "x"; set "v91" "x"; set "v92" "x"; set "v93" "x"; set "v94" "x"; set "v95" "x"; set "v96" "x"; set "v97" "x"; set "v98" "x"; set "v99" "x"; set "v100" "x"; set "v101" "x"; set "v102" "x"; set "v103" "x"; set "v104" "x"; set "v105" "x"; set "v106" "x"; set "v107" "x"; set "v108" "x"; set "v109" "x"; set "v110" "x"; set "v111" "x"; set "v112" "x"; set "v113" "x"; set "v114" "x"; set "v115" "x"; set "v116" "x"; set "v117" "x"; set "v118" "x"; set "v119" "x"; }
addheader "X-Tag" "${env.remote_ip}";'''
)");
  config::LoadedConfig c = config::load_config(file.path);
  REQUIRE(c.ok());
  config::SievePolicy policy(c.sieve);
  proxy::SessionFacts f = facts("192.0.2.7");
  f.helo = "BAD.example";  // variables hold the lower-cased name
  proxy::Verdict v = policy.ehlo(f);
  REQUIRE(v.reply);
  CHECK(v.reply->wire() == "550 5.7.1 go away\r\n");
  f.helo = "client.example";

  proxy::Envelope e;
  e.from = "x@a.example";
  CHECK(policy.mail(f, e).mail_from == std::optional<std::string>("y@a.example"));
  e.from = "joe@old.example";
  CHECK(policy.mail(f, e).mail_from == std::optional<std::string>("joe@new.example"));  // rewrite rule

  e.rcpt = "bob@example.net";
  v = policy.rcpt(f, e);
  REQUIRE(v.recipients);
  CHECK(*v.recipients == std::vector<std::string>{"bob@example.net", "archive@example.org"});
  e.rcpt = "bob@other.example";
  v = policy.rcpt(f, e);
  REQUIRE(v.reply);
  CHECK(v.reply->code == 551);

  e.rcpts = {"bob@example.net"};
  v = policy.data(f, e, "Subject: hi\r\n\r\nbody\r\n");
  REQUIRE(v.message);
  CHECK(v.message->rfind("X-Tag: 192.0.2.7\r\n", 0) == 0);  // editheader: the relayed message changes
  // A run that hits limits.cpu: on-error = "tempfail" gives 451 4.3.0.
  v = policy.data(f, e, "Subject: loop\r\n\r\nbody\r\n");
  REQUIRE(v.reply);
  CHECK(v.reply->code == 451);
  CHECK(v.reply->enhanced == "4.3.0");
}

TEST_CASE("config: rules decided at the stage that uses them", "[config]") {
  TempConfig file(R"([session.rcpt]
max-recipients = [ { if = "sender-domain", eq = "bulk.example", then = 2 }, { else = 50 } ]
[session.extensions]
chunking = [ { if = "authenticated-as", eq = "alice", then = true }, { else = false } ]
smtputf8 = false
[session.data.add-headers]
received = [ { if = "sender-domain", eq = "quiet.example", then = false }, { else = true } ]
)");
  config::LoadedConfig c = config::load_config(file.path);
  REQUIRE(c.ok());
  REQUIRE(c.server.session.settings);
  const proxy::StageSettings& rules = *c.server.session.settings;
  proxy::SessionConfig s;
  proxy::SessionFacts f = facts("192.0.2.7");
  proxy::Envelope e;
  e.from = "Promo@Bulk.example";  // sender-domain compares case-insensitively
  e.rcpt = "bob@example.net";
  rules.at_rcpt(f, e).apply(s);
  CHECK(s.max_recipients == 2);
  e.from = "alice@example.org";
  rules.at_rcpt(f, e).apply(s);
  CHECK(s.max_recipients == 50);
  rules.at_ehlo(f).apply(s);
  CHECK(!s.chunking);
  CHECK(s.smtputf8_setting == std::optional<bool>(false));  // pinned off
  CHECK(!s.eight_bit_setting);                               // as the backend has it
  f.authenticated_as = "alice";  // a re-EHLO after AUTH
  rules.at_ehlo(f).apply(s);
  CHECK(s.chunking);
  e.from = "x@quiet.example";
  rules.at_data(f, e).apply(s);
  CHECK(!s.add_received);
}

TEST_CASE("config: session.rcpt.directory and relay: local domains, mailboxes, relay by rule", "[config]") {
  TempConfig file(R"([session.rcpt]
directory = "local"
relay = [ { if = "authenticated-as", ne = "", then = true }, { else = false } ]
[directory."local"]
type = "memory"
domains = ["Relayed.example"]
lookup.domains = ["listed.example"]
options.subaddressing = true
[[directory."local".users]]
name = "alice"
secret = "pw"
email = ["Alice@Local.example", "a.l@local.example"]
email-list = "team@lists.example"
)");
  config::LoadedConfig c = config::load_config(file.path);
  INFO((c.reports.empty() ? std::string() : c.reports.front().message));
  REQUIRE(c.ok());
  CHECK(c.server.recipients_checked);
  const proxy::StageSettings& rules = *c.server.session.settings;
  proxy::SessionConfig s;
  proxy::SessionFacts f = facts("192.0.2.7");
  proxy::Envelope e;
  e.rcpt = "bob@example.net";
  rules.at_rcpt(f, e).apply(s);
  REQUIRE(s.rcpt_directory);
  CHECK(s.relay == std::optional<bool>(false));
  f.authenticated_as = "alice";
  rules.at_rcpt(f, e).apply(s);
  CHECK(s.relay == std::optional<bool>(true));
  const proxy::RecipientDirectory& d = *s.rcpt_directory;
  using proxy::Lookup;
  CHECK(d.is_local_domain("local.example") == Lookup::kYes);     // from the users' addresses
  CHECK(d.is_local_domain("LISTS.example") == Lookup::kYes);     // email-list
  CHECK(d.is_local_domain("relayed.example") == Lookup::kYes);   // domains
  CHECK(d.is_local_domain("listed.example") == Lookup::kYes);    // lookup.domains
  CHECK(d.is_local_domain("example.net") == Lookup::kNo);
  CHECK(d.is_mailbox("alice@local.example") == Lookup::kYes);
  CHECK(d.is_mailbox("ALICE+news@local.example") == Lookup::kYes);  // subaddressing
  CHECK(d.is_mailbox("a.l@local.example") == Lookup::kYes);
  CHECK(d.is_mailbox("bob@local.example") == Lookup::kNo);
  CHECK(d.is_mailbox("anyone@relayed.example") == Lookup::kYes);  // no known mailboxes there: the backend's
}

TEST_CASE("config: open-relay risk and bad directory references are reported", "[config]") {
  TempConfig open(R"([relay]
xclient = false
)");
  config::LoadedConfig c = config::load_config(open.path);
  CHECK(c.ok());
  CHECK(!c.server.recipients_checked);
  CHECK(has_report(c, 1, "xclient is off and no session.rcpt.directory or relay is configured", false));

  TempConfig checked(R"([relay]
xclient = false
[session.rcpt]
directory = "local"
[directory."local"]
type = "memory"
domains = ["example.org"]
)");
  c = config::load_config(checked.path);
  CHECK(c.ok());
  CHECK(c.server.recipients_checked);
  CHECK(!has_report(c, 1, "xclient is off", false));

  TempConfig unknown(R"([session.rcpt]
directory = "locl"
[directory."local"]
type = "memory"
[directory."local".options]
catch-all = { map = "x", to = "y" }
)");
  c = config::load_config(unknown.path);
  CHECK(!c.ok());
  CHECK(has_report(c, 2, "no [directory.\"locl\"] is defined (did you mean 'local'?)", true));
  CHECK(has_report(c, 6, "must be true or false", true));
}
