// The bench binaries' shared HTTP steps, against a stack tests/bench/run started.
#include "bench_http.hpp"
#include "common/core/uuid.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

namespace bench {
namespace json = boost::json;

common::awaitable<common::http::client_response> send(common::http::client& client, std::string method,
                                                      std::string url, std::string body, std::string token) {
  common::http::client_request req;
  req.method = std::move(method);
  req.url = std::move(url);
  req.body = std::move(body);
  if (!req.body.empty()) req.headers.emplace_back("content-type", "application/json");
  if (!token.empty()) common::http::add_bearer(req, token);
  req.timeout = std::chrono::seconds(120);
  common::http::client_response answer = co_await client.send(std::move(req));
  co_return answer;
}

bench_user register_user(boost::asio::io_context& io, common::http::client& client, const std::string& auth_url) {
  bench_user user{"bench-" + common::random_uuid().substr(0, 8) + "@example.com", "benchmark password", ""};
  std::string body = json::serialize(json::object{{"email", user.email}, {"password", user.password}});
  auto answer = test_support::run_sync(io, send(client, "POST", auth_url + "/api/auth/register", body, ""));
  if (answer.status != 200)
    throw std::runtime_error("register answered " + std::to_string(answer.status) + ": " + answer.body);
  user.token = std::string(json::parse(answer.body).at("access_token").as_string());
  return user;
}

void save_provider_key(boost::asio::io_context& io, common::http::client& client, const std::string& auth_url,
                       const std::string& token) {
  auto answer = test_support::run_sync(
      io, send(client, "POST", auth_url + "/api/settings/api-key", R"({"api_key":"sk-or-v1-bench-key-000000"})", token));
  if (answer.status != 200)
    throw std::runtime_error("saving the provider key answered " + std::to_string(answer.status) + ": " + answer.body);
}

}  // namespace bench
