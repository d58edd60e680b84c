// fake_provider: the fake-openrouter binary as a child process, driven over its /_fake control endpoints.
#include "fake_provider.hpp"
#include "support/environment.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>

namespace auth_test {

fake_provider::fake_provider(bool tls) : tls_(tls), port_(test_support::free_port()) {
  std::vector<std::string> argv{test_support::binary("tests/fakes/fake-openrouter"), "--listen",
                                "127.0.0.1:" + std::to_string(port_)};
  if (tls) argv.insert(argv.end(), {"--tls-cert", test_support::cert("upstream.crt"), "--tls-key",
                                     test_support::cert("upstream.key")});
  std::string log = test_support::output_dir() + "/fake-provider-" + std::to_string(port_) + ".log";
  process_ = std::make_unique<test_support::child_process>(argv, std::map<std::string, std::string>{}, log);
  common::http::client_options options;
  options.ca_file = test_support::cert("ca.crt");
  client_ = std::make_unique<common::http::client>(io_.get_executor(), options);
  for (int attempt = 0; attempt < 100; ++attempt) {
    try {
      if (control("GET", "/healthz", "").status == 200) return;
    } catch (const std::exception&) {
    }
    if (!process_->running()) break;
    process_->wait(100);
  }
  throw std::runtime_error("fake-openrouter did not start:\n" + process_->log());
}

fake_provider::~fake_provider() { client_.reset(); }

std::string fake_provider::base_url() const {
  return (tls_ ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_) + "/api/v1";
}

common::http::client_response fake_provider::control(std::string method, std::string path, std::string body) {
  common::http::client_request req;
  req.method = std::move(method);
  req.url = (tls_ ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_) + path;
  req.body = std::move(body);
  if (!req.body.empty()) req.headers.emplace_back("content-type", "application/json");
  req.timeout = std::chrono::seconds(10);
  return test_support::run_sync(io_, client_->send(std::move(req)));
}

void fake_provider::configure(const boost::json::value& config) {
  auto r = control("POST", "/_fake/config", boost::json::serialize(config));
  INFO(r.body);
  REQUIRE(r.status == 200);
}

boost::json::array fake_provider::key_requests() {
  auto r = control("GET", "/_fake/key-requests", "");
  REQUIRE(r.status == 200);
  return boost::json::parse(r.body).as_array();
}

std::string unreachable_base_url() { return "http://127.0.0.1:" + std::to_string(test_support::free_port()) + "/api/v1"; }

}  // namespace auth_test
