// TLS for STARTTLS (RFC 3207) and implicit-TLS listeners, without I/O: a TlsChannel turns
// ciphertext from the peer into plaintext and plaintext into ciphertext through OpenSSL
// memory BIOs, so the reactor keeps owning the (non-blocking) socket and TLS needs no
// thread and no blocking call. The certificate context comes from POCO NetSSL
// (Poco::Net::Context: certificate chain, key, protocol floor and cipher defaults).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sievegate::proxy {

// A server (or, for tests and a future TLS backend, client) certificate context. Shared
// by every connection of the listeners that use it; immutable after construction.
class TlsContext {
 public:
  // Loads a PEM certificate chain and private key (paths). Throws std::runtime_error
  // with the file and OpenSSL's reason when they cannot be used together.
  static std::shared_ptr<TlsContext> server(const std::string& cert_file, const std::string& key_file);
  // A client context that does not verify the peer (tests, and backends on loopback).
  static std::shared_ptr<TlsContext> insecure_client();

  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  bool is_server() const { return server_; }
  void* native() const;  // SSL_CTX*

 private:
  TlsContext() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool server_ = true;
};

class TlsChannel {
 public:
  enum class Status { kOk, kClosed, kError };

  explicit TlsChannel(std::shared_ptr<TlsContext> context);
  ~TlsChannel();
  TlsChannel(const TlsChannel&) = delete;
  TlsChannel& operator=(const TlsChannel&) = delete;

  // Ciphertext from the peer: decrypted application data is appended to `plain`, and
  // TLS records to send back (handshake, alerts, pending writes) to `cipher_out`.
  // kClosed after the peer's close_notify; kError on a handshake or record failure.
  Status feed(std::string_view cipher, std::string& plain, std::string& cipher_out);

  // Plaintext to send. Before the handshake is done it is held and sent after it.
  Status write(std::string_view plain, std::string& cipher_out);

  // A client channel starts the handshake itself (ClientHello into cipher_out).
  Status start(std::string& cipher_out);

  // close_notify for an orderly close.
  void close(std::string& cipher_out);

  bool handshake_done() const { return done_; }
  std::string version() const;  // "TLSv1.3"; empty before the handshake
  std::string cipher() const;   // OpenSSL's suite name, e.g. "TLS_AES_256_GCM_SHA384"
  const std::string& error() const { return error_; }

 private:
  Status pump(std::string& plain, std::string& cipher_out);
  void drain(std::string& cipher_out);
  Status fail(const char* what);

  std::shared_ptr<TlsContext> context_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string held_;  // plaintext written before the handshake finished
  std::string error_;
  bool done_ = false;
};

}  // namespace sievegate::proxy
