// HTTP client request shape and limits: default headers, URL and header validation, the response size limit.
#include "client_support.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/read.hpp>
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
using test_support::run_sync;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

common::awaitable<common::http::client_response> post(common::http::client& client, std::string url,
                                                      std::string body) {
  common::http::client_request req;
  req.method = "POST";
  req.url = std::move(url);
  req.headers.emplace_back("content-type", "application/json");
  req.headers.emplace_back("x-title", "Council");
  req.body = std::move(body);
  co_return co_await client.send(std::move(req));
}

}  // namespace

TEST_CASE("client sends Host, User-Agent, Content-Length, caller headers and the body", "[http_client]") {
  boost::asio::io_context io;
  std::string seen_head, seen_body;
  raw_server server(io, [&](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    std::string pending, head;
    if (!co_await read_head(socket, pending, head)) co_return;
    seen_head = lower(head);
    const std::size_t want = 7;
    if (pending.size() < want) {
      std::string rest(want - pending.size(), '\0');
      co_await boost::asio::async_read(socket, boost::asio::buffer(rest), common::use_awaitable);
      pending += rest;
    }
    seen_body = pending;
    const std::string reply = ok_response("done");
    co_await write_all(socket, reply);
  });
  common::http::client client(io.get_executor(), {});
  const std::string url = server.url("/api/v1/chat/completions?x=1");
  common::http::client_response res = run_sync(io, post(client, url, "{\"a\":1}"));
  CHECK(res.status == 200);
  CHECK(res.body == "done");
  CHECK(seen_head.starts_with("post /api/v1/chat/completions?x=1 http/1.1\r\n"));
  CHECK(seen_head.find("\r\nhost: 127.0.0.1:" + std::to_string(server.port()) + "\r\n") != std::string::npos);
  CHECK(seen_head.find("\r\nuser-agent: council/0.1\r\n") != std::string::npos);
  CHECK(seen_head.find("\r\ncontent-length: 7\r\n") != std::string::npos);
  CHECK(seen_head.find("\r\nx-title: council\r\n") != std::string::npos);
  CHECK(seen_body == "{\"a\":1}");
}

TEST_CASE("client refuses URLs it cannot serve", "[http_client]") {
  boost::asio::io_context io;
  common::http::client client(io.get_executor(), {});
  for (const char* url : {"ftp://example.com/", "/relative/path", "http://", "https://user:pw@example.com/",
                          "not a url"}) {
    INFO(url);
    try {
      run_sync(io, fetch(client, url));
      FAIL("the URL should have been refused");
    } catch (const boost::system::system_error& e) {
      CHECK(e.code() == boost::system::errc::invalid_argument);
    }
  }
  CHECK(client.connections_opened() == 0);
}

TEST_CASE("client refuses header values that would split the request", "[http_client]") {
  boost::asio::io_context io;
  common::http::client client(io.get_executor(), {});
  common::http::client_request req;
  req.url = "http://127.0.0.1:9/";
  req.headers.emplace_back("authorization", "Bearer x\r\nX-Injected: 1");
  CHECK_THROWS_AS(run_sync(io, client.send(req)), boost::system::system_error);
  CHECK(client.connections_opened() == 0);
}

TEST_CASE("client refuses a response body over 16 MiB", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, [](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    std::string pending, head;
    if (!co_await read_head(socket, pending, head)) co_return;
    const std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 16777217\r\n\r\nxx";
    co_await write_all(socket, reply);
    co_await wait_for_close(socket);
  });
  common::http::client client(io.get_executor(), {});
  CHECK_THROWS_AS(run_sync(io, fetch(client, server.url("/big"))), boost::system::system_error);
}

TEST_CASE("client returns error statuses as responses with their headers", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, [](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    std::string pending, head;
    if (!co_await read_head(socket, pending, head)) co_return;
    const std::string reply =
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 2\r\n\r\n{}";
    co_await write_all(socket, reply);
    co_await wait_for_close(socket);
  });
  common::http::client client(io.get_executor(), {});
  common::http::client_response res = run_sync(io, fetch(client, server.url("/limited")));
  CHECK(res.status == 429);
  CHECK(res.header("retry-after") == std::optional<std::string_view>("3"));
  CHECK(res.header("RETRY-AFTER") == std::optional<std::string_view>("3"));
  CHECK_FALSE(res.header("x-missing").has_value());
  CHECK(res.body == "{}");
}
