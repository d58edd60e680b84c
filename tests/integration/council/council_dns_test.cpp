// DNS through the real council: names resolve through DNS_SERVERS, a custom endpoint whose DNS server never
// answers fails that user's run at DNS_TIMEOUT while another user's run goes through, and a bad DNS_SERVERS
// stops the service at start-up with one line naming it.
#include "integration/council/background_request.hpp"
#include "integration/council/council_fixture.hpp"
#include "support/dns_stub.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <future>
#include <thread>

using namespace council_test;
namespace json = boost::json;

TEST_CASE("one user's endpoint on a name that is never answered does not hold up another user's run",
          "[council][integration][dns]") {
  test_support::dns_stub dns({{"upstream.test", "127.0.0.1"}}, {"stall.test"});
  unsigned short fake_port = test_support::free_port();
  test_support::child_process fake({test_support::binary("tests/fakes/fake-openrouter"), "--listen",
                                    "127.0.0.1:" + std::to_string(fake_port)},
                                   {}, test_support::output_dir() + "/fake-openrouter-dns-" + std::to_string(fake_port) + ".log");
  REQUIRE(test_support::wait_for_health(fake_port, 10000));
  council_fixture stack(overrides{{"DNS_SERVERS", dns.server()},
                                  {"DNS_TIMEOUT", "5"},
                                  {"OPENROUTER_BASE_URL", "http://upstream.test:" + std::to_string(fake_port) + "/api/v1"}});
  auto stalled_token = stack.user("dns-stalled@example.com", "sk-or-v1-dns-tests-key-AAAAAA");
  auto patch = stack.auth.call("PATCH", "/api/settings/api-key/openrouter",
                               json::serialize(json::object{{"endpoint", "https://stall.test/api/v1"},
                                                            {"current_password", "correct horse battery"}}),
                               stalled_token);
  REQUIRE(patch.status == 200);
  auto stalled_id = stack.create_conversation(stalled_token);
  auto other_token = stack.user("dns-other@example.com", "sk-or-v1-dns-tests-key-BBBBBB");
  auto other_id = stack.create_conversation(other_token);

  auto stalled = post_in_background(stack.council_port(), "/api/conversations/" + stalled_id + "/message",
                                    content_body("Anyone there?"), stalled_token);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (dns.queries("stall.test") == 0) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  auto reply = stack.ask(other_id, "Am I held up?", other_token);
  INFO(stack.log());
  CHECK(reply.types().back() == "complete");
  // The other user's whole run finished while the lookup was still pending.
  CHECK(stalled.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);
  CHECK(dns.queries("upstream.test") >= 1);

  auto refused = stalled.get();
  CHECK(refused.status == 400);
  CHECK(detail_of(refused) == "Your custom API endpoint cannot be used (endpoint: stall.test cannot be resolved)");
  CHECK(stack.conversation(stalled_id, stalled_token).at("messages").as_array().empty());
}

TEST_CASE("a DNS_SERVERS that is not a server list stops the council at start-up, naming it", "[council][integration][dns]") {
  council_fixture stack;
  auto [status, output] = stack.run_cli({"migrate"}, {{"DNS_SERVERS", "not a server"}});
  CHECK(status == 2);
  CHECK(output.find("DNS_SERVERS") != std::string::npos);
}
