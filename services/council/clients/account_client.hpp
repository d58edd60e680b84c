// The account part of a user's data export, fetched from the auth service's internal API over mutual TLS.
#pragma once
#include "common/http/client.hpp"
#include "council/clients/key_client.hpp"
#include "council/errors.hpp"
#include <boost/json/object.hpp>
#include <string>

namespace council::clients {

/// One shared mTLS client (keep-alive) for GET /internal/v1/account-export (proto/internal.openapi.yaml).
class account_client {
public:
  /// Uses the same certificates and auth-service URL as the key release.
  account_client(common::executor ex, key_client_options options);
  /// The token user's profile, sessions, key metadata and audit events as the auth service answers them, sending
  /// `Authorization: Bearer <access_token>`. invalid_token when auth refuses the token or its session (401) or the
  /// account is gone (404); account_service_unavailable on a transport or TLS failure, an answer that is not a JSON
  /// object, or any other status (logged: a 403 means this service's certificate identity is not allowed).
  common::awaitable<outcome<boost::json::object>> fetch(std::string access_token);

private:
  key_client_options options_;
  common::http::client http_;
};

}  // namespace council::clients
