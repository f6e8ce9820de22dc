// TLS through memory BIOs (a client and a server channel talking in memory, with a
// throw-away certificate made here), SASL decoding, the memory directory, log lines.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <crypt.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "smtp/auth.h"
#include "smtp/directory.h"
#include "base/log.h"
#include "proxy/tls.h"

using namespace sievegate::proxy;

namespace {

// A self-signed EC certificate and key written to temporary files.
struct TempCert {
  std::string cert_path, key_path;
  TempCert() {
    char dir[] = "/tmp/sievegate-tls-XXXXXX";
    REQUIRE(mkdtemp(dir) != nullptr);
    cert_path = std::string(dir) + "/cert.pem";
    key_path = std::string(dir) + "/key.pem";
    EVP_PKEY* key = EVP_EC_gen("P-256");
    REQUIRE(key != nullptr);
    X509* x = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("proxy.test"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    REQUIRE(X509_sign(x, key, EVP_sha256()) > 0);
    FILE* f = std::fopen(cert_path.c_str(), "w");
    PEM_write_X509(f, x);
    std::fclose(f);
    f = std::fopen(key_path.c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(x);
    EVP_PKEY_free(key);
  }
  ~TempCert() {
    std::remove(cert_path.c_str());
    std::remove(key_path.c_str());
    rmdir(cert_path.substr(0, cert_path.rfind('/')).c_str());
  }
};

}  // namespace

TEST_CASE("tls: a handshake and data both ways through memory", "[proxy][tls]") {
  TempCert cert;
  TlsChannel server(TlsContext::server(cert.cert_path, cert.key_path));
  TlsChannel client(TlsContext::insecure_client());
  std::string to_server, to_client, plain_at_server, plain_at_client;
  // Data written before the handshake is held and sent after it.
  REQUIRE(server.write("220 banner\r\n", to_client) == TlsChannel::Status::kOk);
  CHECK(to_client.empty());
  REQUIRE(client.start(to_server) == TlsChannel::Status::kOk);
  for (int i = 0; i < 10 && !(server.handshake_done() && client.handshake_done() && !plain_at_client.empty()); ++i) {
    std::string a = std::move(to_server), b = std::move(to_client);
    to_server.clear();
    to_client.clear();
    if (!a.empty()) REQUIRE(server.feed(a, plain_at_server, to_client) == TlsChannel::Status::kOk);
    if (!b.empty()) REQUIRE(client.feed(b, plain_at_client, to_server) == TlsChannel::Status::kOk);
  }
  REQUIRE(server.handshake_done());
  CHECK(server.version().rfind("TLSv1.", 0) == 0);
  CHECK(server.version() != "TLSv1.1");
  CHECK(!server.cipher().empty());
  CHECK(plain_at_client == "220 banner\r\n");
  std::string wire;
  REQUIRE(client.write("EHLO c.example\r\n", wire) == TlsChannel::Status::kOk);
  CHECK(wire.find("EHLO") == std::string::npos);  // encrypted
  // Fed one byte at a time, the record still comes out whole.
  for (char c : wire) REQUIRE(server.feed(std::string_view(&c, 1), plain_at_server, to_client) == TlsChannel::Status::kOk);
  CHECK(plain_at_server == "EHLO c.example\r\n");
  std::string bye;
  client.close(bye);
  std::string ignored;
  CHECK(server.feed(bye, plain_at_server, ignored) == TlsChannel::Status::kClosed);
}

TEST_CASE("tls: garbage instead of a ClientHello is an error, not a crash", "[proxy][tls]") {
  TempCert cert;
  TlsChannel server(TlsContext::server(cert.cert_path, cert.key_path));
  std::string plain, out;
  CHECK(server.feed("EHLO plain.text.client\r\n", plain, out) == TlsChannel::Status::kError);
  CHECK(!server.error().empty());
}

TEST_CASE("tls: a missing or mismatched key file is a clear error", "[proxy][tls]") {
  TempCert cert, other;
  CHECK_THROWS_WITH(TlsContext::server("/nonexistent/cert.pem", cert.key_path),
                    Catch::Contains("/nonexistent/cert.pem"));
  CHECK_THROWS_WITH(TlsContext::server(cert.cert_path, other.key_path), Catch::Contains("does not match"));
}

TEST_CASE("auth: SASL PLAIN and base64 decoding", "[proxy][auth]") {
  auto c = parse_sasl_plain(std::string("\0alice\0pw", 9));
  REQUIRE(c);
  CHECK(c->authzid.empty());
  CHECK(c->user == "alice");
  CHECK(c->password == "pw");
  CHECK(!parse_sasl_plain("alice"));
  CHECK(!parse_sasl_plain(std::string("\0\0pw", 4)));                 // empty user
  CHECK(!parse_sasl_plain(std::string("a\0b\0c\0d", 7)));             // too many fields
  CHECK(decode_sasl("=") == std::string());
  CHECK(decode_sasl("YWxpY2U=") == std::string("alice"));
  CHECK(!decode_sasl("YWxpY2U"));    // not a multiple of 4
  CHECK(!decode_sasl("YW*pY2U="));   // outside the alphabet
  CHECK(encode_sasl("Username:") == "VXNlcm5hbWU6");
}

TEST_CASE("auth: the memory directory, clear and crypt(3) secrets", "[proxy][auth]") {
  MemoryDirectory d;
  d.add("alice", "s3cret");
  struct crypt_data data {};
  std::string hash = crypt_r("hunter2", "$6$saltsalt$", &data);
  d.add("bob", hash);
  CHECK(d.check("alice", "s3cret") == AuthResult::kOk);
  CHECK(d.check("alice", "s3cre") == AuthResult::kInvalid);
  CHECK(d.check("alice", "") == AuthResult::kInvalid);
  CHECK(d.check("bob", "hunter2") == AuthResult::kOk);
  CHECK(d.check("bob", hash) == AuthResult::kInvalid);  // the hash is not the password
  CHECK(d.check("carol", "") == AuthResult::kInvalid);
}

TEST_CASE("log: text and JSON lines", "[proxy][log]") {
  Log text(Log::Format::kText);
  std::string line = text.format(Log::Level::kInfo, "stage", {{"session", "ab12"}, {"client", "192.0.2.7"}},
                                 {{"reply", "Your IP is \"bad\""}, Log::Field("code", std::string("554"), true)});
  CHECK(line.find(" info stage session=ab12 client=192.0.2.7 reply=\"Your IP is \\\"bad\\\"\" code=554\n") !=
        std::string::npos);
  Log json(Log::Format::kJson);
  line = json.format(Log::Level::kWarn, "end", {{"reason", "line\r\nbreak"}, Log::Field("ms", std::string("12"), true)});
  CHECK(line.find("\"level\":\"warn\",\"event\":\"end\",\"reason\":\"line\\r\\nbreak\",\"ms\":12}\n") !=
        std::string::npos);
  CHECK(line.front() == '{');
  line = text.format(Log::Level::kInfo, "connect", {{"client", "192.0.2.7"}, {"tls", ""}});
  CHECK(line.find("tls") == std::string::npos);  // facts not known are left out
  CHECK(Log::new_session_id() != Log::new_session_id());
  CHECK(Log::new_session_id().size() == 16);
}
