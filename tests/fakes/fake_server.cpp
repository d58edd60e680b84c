// Assembles one fake OpenRouter: state, route table and HTTP server.
#include "fakes/fake_server.hpp"

namespace fake_openrouter {

common::http::server_options server_options_for(const fake_options& options) {
  common::http::server_options out;
  out.name = "fake-openrouter";
  out.host = options.host;
  out.port = options.port;
  out.tls = options.tls;
  out.body_limit = 16 * 1024 * 1024;
  out.log_requests = options.log_requests;
  return out;
}

fake_server::fake_server(common::asio::io_context& io, fake_options options)
    : options_(std::move(options)),
      routes_(make_routes(state_)),
      server_(io, server_options_for(options_), routes_) {}

void fake_server::start() { server_.start(); }

std::string fake_server::base_url() const {
  const std::string host = options_.host.find(':') == std::string::npos ? options_.host : "[" + options_.host + "]";
  return std::string(options_.tls ? "https://" : "http://") + host + ":" + std::to_string(port()) + "/api/v1";
}

}  // namespace fake_openrouter
