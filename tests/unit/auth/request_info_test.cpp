// Client address behind trusted proxies, user agent and device cookie, bearer token parsing, run ids, JSON body errors.
#include "auth/api.hpp"
#include "auth/http/request_info.hpp"
#include "common/http/json_body.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace auth;

namespace {
common::http::request with(std::string peer, common::http::header_list headers) {
  common::http::request r;
  r.peer_ip = std::move(peer);
  r.headers = std::move(headers);
  return r;
}
std::string detail_of(const common::http::response& res) {
  return std::string(boost::json::parse(res.body).at("detail").as_string());
}
const std::vector<common::ip_network> trusted = common::parse_networks("TRUSTED_PROXIES", {"127.0.0.1", "::1"});
}  // namespace

TEST_CASE("X-Forwarded-For is honoured only from a trusted peer, right-most untrusted hop", "[auth][request]") {
  CHECK(http::client_of(with("127.0.0.1", {}), trusted).ip == "127.0.0.1");
  CHECK(http::client_of(with("127.0.0.1", {{"x-forwarded-for", "203.0.113.7"}}), trusted).ip == "203.0.113.7");
  CHECK(http::client_of(with("::1", {{"x-forwarded-for", "203.0.113.7"}}), trusted).ip == "203.0.113.7");
  CHECK(http::client_of(with("::ffff:127.0.0.1", {{"x-forwarded-for", "203.0.113.7"}}), trusted).ip == "203.0.113.7");
  CHECK(http::client_of(with("198.51.100.1", {{"x-forwarded-for", "203.0.113.7"}}), trusted).ip == "198.51.100.1");
  // A client-supplied first hop cannot override the address the trusted proxy appended.
  CHECK(http::client_of(with("127.0.0.1", {{"x-forwarded-for", "1.2.3.4, 203.0.113.7, 127.0.0.1"}}), trusted).ip ==
        "203.0.113.7");
  CHECK(http::client_of(with("127.0.0.1", {{"x-forwarded-for", "garbage"}}), trusted).ip == "127.0.0.1");
  auto info = http::client_of(with("127.0.0.1", {{"user-agent", std::string(600, 'u')}}), trusted);
  CHECK(info.user_agent.size() == 512);
}

TEST_CASE("TRUSTED_PROXIES networks in CIDR notation cover a cluster's pod range", "[auth][request]") {
  const auto pods = common::parse_networks("TRUSTED_PROXIES", {"10.244.0.0/16", "fd00::/8"});
  CHECK(http::client_of(with("10.244.3.17", {{"x-forwarded-for", "203.0.113.7"}}), pods).ip == "203.0.113.7");
  CHECK(http::client_of(with("fd12::5", {{"x-forwarded-for", "203.0.113.8"}}), pods).ip == "203.0.113.8");
  CHECK(http::client_of(with("10.245.0.1", {{"x-forwarded-for", "203.0.113.7"}}), pods).ip == "10.245.0.1");
  // Hops inside the trusted range are skipped: the right-most address outside it is the client.
  CHECK(http::client_of(with("10.244.0.5", {{"x-forwarded-for", "198.51.100.9, 10.244.9.9"}}), pods).ip == "198.51.100.9");
}

TEST_CASE("bearer tokens and run ids", "[auth][request]") {
  CHECK_FALSE(http::bearer_token(with("127.0.0.1", {})).has_value());
  CHECK(http::bearer_token(with("127.0.0.1", {{"authorization", "Bearer abc.def.ghi"}})) == "abc.def.ghi");
  CHECK(http::bearer_token(with("127.0.0.1", {{"authorization", "bearer  abc"}})) == "abc");
  CHECK(http::bearer_token(with("127.0.0.1", {{"authorization", "Basic dXNlcjpwdw=="}})) == "");
  CHECK(http::run_id_of(with("127.0.0.1", {{"x-run-id", "run-42_a.b:c"}})) == "run-42_a.b:c");
  CHECK(http::run_id_of(with("127.0.0.1", {{"x-run-id", "bad id\n"}})) == "");
}

TEST_CASE("JSON bodies: malformed is 400, wrong shapes are 422 naming the field", "[auth][request]") {
  auto req = with("127.0.0.1", {});
  req.body = "{not json";
  auto bad = common::http::read_body<api::credentials_in>(req);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().status == 400);
  CHECK(bad.error().body.find("Malformed JSON body") != std::string::npos);
  req.body = "[1,2]";
  CHECK(common::http::read_body<api::credentials_in>(req).error().status == 422);
  req.body = R"({"email": 5})";
  auto body = common::http::json_object_of(req);
  REQUIRE(body.has_value());
  CHECK(detail_of(common::http::fields_of<api::credentials_in>(*body).error()) == "email: must be a string");
  (*body)["email"] = "a@example.com";
  CHECK(detail_of(common::http::fields_of<api::credentials_in>(*body).error()) == "password: field required");
  (*body)["password"] = "secret";
  CHECK(common::http::fields_of<api::key_in>(boost::json::object{{"api_key", "k"}}).has_value());
}

TEST_CASE("the user agent is cut to 512 bytes and made valid UTF-8; the device cookie and https are read",
          "[auth][request]") {
  auto info = http::client_of(with("127.0.0.1", {{"user-agent", "probe/\xff\xfe"},
                                                 {"cookie", "theme=dark; council_device=abc-123_x; other=1"},
                                                 {"x-forwarded-proto", "https"}}),
                              trusted);
  CHECK(info.user_agent == "probe/\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(info.device_token == "abc-123_x");
  CHECK(info.https);
  auto direct = http::client_of(with("198.51.100.1", {{"x-forwarded-proto", "https"}, {"cookie", "council_device="}}),
                                trusted);
  CHECK_FALSE(direct.https);  // only a trusted proxy says how the client connected
  CHECK(direct.device_token.empty());
  auto long_cookie = http::client_of(with("127.0.0.1", {{"cookie", "council_device=" + std::string(200, 'a')}}), trusted);
  CHECK(long_cookie.device_token.empty());
}
