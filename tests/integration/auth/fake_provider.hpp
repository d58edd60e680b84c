// A fake-openrouter process for the auth tests that check keys at the provider: its base URL, its key
// configuration ("key" of POST /_fake/config) and the log of GET /api/v1/key it received.
#pragma once
#include "common/http/client.hpp"
#include "support/process.hpp"
#include <boost/asio/io_context.hpp>
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

namespace auth_test {

/// One fake-openrouter on a free port, plain HTTP or TLS (the test CA's upstream certificate, name localhost).
class fake_provider {
public:
  explicit fake_provider(bool tls = false);
  ~fake_provider();
  fake_provider(const fake_provider&) = delete;
  fake_provider& operator=(const fake_provider&) = delete;

  /// `http://127.0.0.1:<port>/api/v1`, or `https://localhost:<port>/api/v1` with TLS.
  std::string base_url() const;
  /// POST /_fake/config with `config` (expects 200).
  void configure(const boost::json::value& config);
  /// GET /_fake/key-requests: the key checks received so far, oldest first.
  boost::json::array key_requests();

private:
  common::http::client_response control(std::string method, std::string path, std::string body);

  bool tls_;
  unsigned short port_ = 0;
  std::unique_ptr<test_support::child_process> process_;
  boost::asio::io_context io_;
  std::unique_ptr<common::http::client> client_;
};

/// An OPENROUTER_BASE_URL where nothing listens (a free port on 127.0.0.1).
std::string unreachable_base_url();

}  // namespace auth_test
