// post_in_background: one io_context and client per call, on a std::async thread.
#include "integration/council/background_request.hpp"
#include "support/run_sync.hpp"
#include <boost/system/system_error.hpp>

namespace council_test {

std::future<common::http::client_response> post_in_background(unsigned short port, std::string path, std::string body,
                                                              std::string token) {
  return std::async(std::launch::async, [port, path = std::move(path), body = std::move(body), token = std::move(token)]() {
    boost::asio::io_context io;
    common::http::client client(io.get_executor(), {});
    common::http::client_request req;
    req.method = "POST";
    req.url = "http://127.0.0.1:" + std::to_string(port) + path;
    req.body = body;
    req.headers.emplace_back("content-type", "application/json");
    req.headers.emplace_back("authorization", "Bearer " + token);
    req.timeout = std::chrono::seconds(60);
    try {
      return test_support::run_sync(io, client.send(std::move(req)));
    } catch (const boost::system::system_error&) {
      return common::http::client_response{};
    }
  });
}

}  // namespace council_test
