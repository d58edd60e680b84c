// TLS contexts of the server (protocol floor, certificate chain, key, client CA) and of the client (trusted CAs,
// optional client certificate); peer identity from the URI SAN.
#include "tls_context.hpp"
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace common::http {

namespace ssl = boost::asio::ssl;
using boost::system::error_code;

std::string peer_uri(SSL* ssl) {
  X509* cert = SSL_get0_peer_certificate(ssl);
  if (!cert || SSL_get_verify_result(ssl) != X509_V_OK) return {};
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (!names) return {};
  std::string uri;
  for (int i = 0; i < sk_GENERAL_NAME_num(names) && uri.empty(); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != GEN_URI) continue;
    const ASN1_IA5STRING* text = name->d.uniformResourceIdentifier;
    uri.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)), ASN1_STRING_length(text));
  }
  GENERAL_NAMES_free(names);
  return uri;
}

bool client_certificate_refused(const error_code& ec) {
  if (ec.category() != asio::error::get_ssl_category()) return false;
  const auto why = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
  return why == SSL_R_CERTIFICATE_VERIFY_FAILED || why == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE;
}

void configure_tls(ssl::context& ctx, const tls_files& files, const std::string& server_name) {
  auto fail = [&](const std::string& what, const std::string& file, const error_code& ec) {
    throw std::runtime_error(server_name + ": cannot load TLS " + what + " " + file + ": " + ec.message());
  };
  error_code ec;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  ctx.use_certificate_chain_file(files.cert_file, ec);
  if (ec) fail("certificate", files.cert_file, ec);
  ctx.use_private_key_file(files.key_file, ssl::context::pem, ec);
  if (ec) fail("key", files.key_file, ec);
  static constexpr unsigned char session_context[] = "council";
  SSL_CTX_set_session_id_context(ctx.native_handle(), session_context, sizeof session_context - 1);
  if (files.client_ca_file.empty()) return;
  ctx.load_verify_file(files.client_ca_file, ec);
  if (ec) fail("client CA", files.client_ca_file, ec);
  ctx.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(files.client_ca_file.c_str())) {
    SSL_CTX_set_client_CA_list(ctx.native_handle(), names);
  }
}

void configure_client_tls(ssl::context& ctx, const std::string& ca_file, const std::string& cert_file,
                          const std::string& key_file) {
  using boost::system::system_error;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  ctx.set_verify_mode(ssl::verify_peer);
  error_code ec;
  if (ca_file.empty()) {
    ctx.set_default_verify_paths(ec);
    if (ec) throw system_error(ec, "loading the system CA certificates");
  } else if (ctx.load_verify_file(ca_file, ec); ec) {
    throw system_error(ec, "loading CA file " + ca_file);
  }
  if (cert_file.empty()) return;
  if (ctx.use_certificate_chain_file(cert_file, ec); ec) {
    throw system_error(ec, "loading client certificate " + cert_file);
  }
  if (ctx.use_private_key_file(key_file, ssl::context::pem, ec); ec) {
    throw system_error(ec, "loading client key " + key_file);
  }
}

}  // namespace common::http
