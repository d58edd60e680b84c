// TLS contexts set up from files (server side, and the client side with an optional client certificate) and what
// a handshake tells about the client (internal to common_http).
#pragma once
#include "common/http/server.hpp"
#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <openssl/ssl.h>
#include <string>

namespace common::http {

/// Loads certificate, key and (for mutual TLS) the client CA; throws std::runtime_error naming the file.
void configure_tls(boost::asio::ssl::context& ctx, const tls_files& files, const std::string& server_name);
/// Client side: verifies peers against `ca_file` (empty: the system CAs) and presents `cert_file` + `key_file`
/// when given; throws boost::system::system_error naming the file that failed.
void configure_client_tls(boost::asio::ssl::context& ctx, const std::string& ca_file, const std::string& cert_file,
                          const std::string& key_file);
/// URI SAN of the peer certificate when it verified, else empty.
std::string peer_uri(SSL* ssl);
/// True when a server-side handshake failed because the client certificate was missing or did not verify.
bool client_certificate_refused(const boost::system::error_code& ec);

}  // namespace common::http
