// TLS through memory BIOs; see tls.h.
#include "proxy/tls.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <mutex>
#include <stdexcept>

namespace sievegate::proxy {
namespace {

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

}  // namespace

struct TlsContext::Impl {
  Poco::Net::Context::Ptr context;
};

TlsContext::~TlsContext() = default;

void* TlsContext::native() const { return impl_->context->sslContext(); }

std::shared_ptr<TlsContext> TlsContext::server(const std::string& cert_file, const std::string& key_file) {
  init_once();
  std::shared_ptr<TlsContext> ctx(new TlsContext());
  ctx->impl_ = std::make_unique<Impl>();
  try {
    Poco::Net::Context::Params params;
    params.privateKeyFile = key_file;
    params.certificateFile = cert_file;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;  // no client certificates
    params.loadDefaultCAs = false;
    params.cipherList = "HIGH:!aNULL:!MD5:!RC4:!3DES";
    ctx->impl_->context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    // TLS 1.0 and 1.1 are obsolete (RFC 8996).
    ctx->impl_->context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                          Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot use certificate '" + cert_file + "' with key '" + key_file +
                             "': " + e.displayText());
  }
  SSL_CTX* native = ctx->impl_->context->sslContext();
  if (SSL_CTX_check_private_key(native) != 1) {
    throw std::runtime_error("the private key '" + key_file + "' does not match the certificate '" + cert_file +
                             "': " + openssl_errors());
  }
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  return ctx;
}

std::shared_ptr<TlsContext> TlsContext::insecure_client() {
  init_once();
  std::shared_ptr<TlsContext> ctx(new TlsContext());
  ctx->server_ = false;
  ctx->impl_ = std::make_unique<Impl>();
  Poco::Net::Context::Params params;
  params.verificationMode = Poco::Net::Context::VERIFY_NONE;
  params.loadDefaultCAs = false;
  ctx->impl_->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  return ctx;
}

struct TlsChannel::Impl {
  SSL* ssl = nullptr;
  BIO* in = nullptr;   // ciphertext from the peer (owned by ssl)
  BIO* out = nullptr;  // ciphertext to the peer (owned by ssl)
  ~Impl() {
    if (ssl) SSL_free(ssl);
  }
};

TlsChannel::TlsChannel(std::shared_ptr<TlsContext> context)
    : context_(std::move(context)), impl_(std::make_unique<Impl>()) {
  impl_->ssl = SSL_new(static_cast<SSL_CTX*>(context_->native()));
  if (impl_->ssl == nullptr) throw std::runtime_error("SSL_new failed: " + openssl_errors());
  impl_->in = BIO_new(BIO_s_mem());
  impl_->out = BIO_new(BIO_s_mem());
  BIO_set_mem_eof_return(impl_->in, -1);  // an empty input BIO means "want more", not EOF
  SSL_set_bio(impl_->ssl, impl_->in, impl_->out);
  if (context_->is_server()) SSL_set_accept_state(impl_->ssl);
  else SSL_set_connect_state(impl_->ssl);
}

TlsChannel::~TlsChannel() = default;

TlsChannel::Status TlsChannel::fail(const char* what) {
  std::string detail = openssl_errors();
  error_ = std::string(what) + (detail.empty() ? "" : ": " + detail);
  return Status::kError;
}

void TlsChannel::drain(std::string& cipher_out) {
  char buf[16384];
  int n;
  while ((n = BIO_read(impl_->out, buf, sizeof buf)) > 0) cipher_out.append(buf, static_cast<std::size_t>(n));
}

TlsChannel::Status TlsChannel::pump(std::string& plain, std::string& cipher_out) {
  SSL* ssl = impl_->ssl;
  if (!done_) {
    ERR_clear_error();
    int r = SSL_do_handshake(ssl);
    if (r != 1) {
      int e = SSL_get_error(ssl, r);
      drain(cipher_out);  // alerts and handshake messages
      if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return Status::kOk;
      return fail("TLS handshake failed");
    }
    done_ = true;
    if (!held_.empty()) {
      std::string held = std::move(held_);
      held_.clear();
      Status s = write(held, cipher_out);
      if (s != Status::kOk) return s;
    }
  }
  char buf[16384];
  while (true) {
    ERR_clear_error();
    int n = SSL_read(ssl, buf, sizeof buf);
    if (n > 0) {
      plain.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    int e = SSL_get_error(ssl, n);
    drain(cipher_out);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return Status::kOk;
    if (e == SSL_ERROR_ZERO_RETURN) return Status::kClosed;
    return fail("TLS read failed");
  }
}

TlsChannel::Status TlsChannel::feed(std::string_view cipher, std::string& plain, std::string& cipher_out) {
  std::size_t off = 0;
  while (off < cipher.size()) {
    int n = BIO_write(impl_->in, cipher.data() + off, static_cast<int>(std::min<std::size_t>(cipher.size() - off, 1 << 30)));
    if (n <= 0) return fail("TLS input buffer");
    off += static_cast<std::size_t>(n);
  }
  Status s = pump(plain, cipher_out);
  drain(cipher_out);
  return s;
}

TlsChannel::Status TlsChannel::write(std::string_view plain, std::string& cipher_out) {
  if (!done_) {
    held_.append(plain);
    return Status::kOk;
  }
  std::size_t off = 0;
  while (off < plain.size()) {
    ERR_clear_error();
    // Memory BIOs grow as needed, so SSL_write completes every record at once.
    int n = SSL_write(impl_->ssl, plain.data() + off, static_cast<int>(std::min<std::size_t>(plain.size() - off, 1 << 20)));
    if (n <= 0) {
      drain(cipher_out);
      return fail("TLS write failed");
    }
    off += static_cast<std::size_t>(n);
  }
  drain(cipher_out);
  return Status::kOk;
}

TlsChannel::Status TlsChannel::start(std::string& cipher_out) {
  std::string plain;
  return pump(plain, cipher_out);
}

void TlsChannel::close(std::string& cipher_out) {
  if (done_) {
    SSL_shutdown(impl_->ssl);
    drain(cipher_out);
  }
}

std::string TlsChannel::version() const { return done_ ? SSL_get_version(impl_->ssl) : ""; }

std::string TlsChannel::cipher() const {
  if (!done_) return "";
  const SSL_CIPHER* c = SSL_get_current_cipher(impl_->ssl);
  return c ? SSL_CIPHER_get_name(c) : "";
}

}  // namespace sievegate::proxy
