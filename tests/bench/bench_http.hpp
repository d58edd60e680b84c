// HTTP steps every bench binary shares: one request, a fresh user with a token, a stored provider key.
#pragma once
#include "common/http/client.hpp"
#include <boost/asio/io_context.hpp>
#include <string>

namespace bench {

/// Sends one request (JSON body when `body` is not empty, bearer `token` when not empty), 120 s deadline.
common::awaitable<common::http::client_response> send(common::http::client& client, std::string method,
                                                      std::string url, std::string body, std::string token);

/// A user registered for one bench: its credentials and its first access token.
struct bench_user {
  std::string email;
  std::string password;
  std::string token;
};

/// Registers a new user with a random email at `auth_url`. Throws when registration fails.
bench_user register_user(boost::asio::io_context& io, common::http::client& client, const std::string& auth_url);

/// Stores an OpenRouter key for the token's user (POST /api/settings/api-key). Throws when refused.
void save_provider_key(boost::asio::io_context& io, common::http::client& client, const std::string& auth_url,
                       const std::string& token);

}  // namespace bench
