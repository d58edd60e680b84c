// A council request sent from another thread on a connection of its own, while the test goes on.
#pragma once
#include "common/http/client.hpp"
#include <future>
#include <string>

namespace council_test {

/// POSTs `body` (JSON) to `path` of the council on `port` with `token`, from a new thread with its own client
/// (the fixture's client is not thread-safe). Status 0 when the connection ended without an answer.
std::future<common::http::client_response> post_in_background(unsigned short port, std::string path, std::string body,
                                                              std::string token);

}  // namespace council_test
