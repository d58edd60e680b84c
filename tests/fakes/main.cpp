// fake-openrouter: an OpenAI-compatible stand-in for OpenRouter, for tests and for the local stack's demo mode.
// Usage: fake-openrouter --listen HOST:PORT [--tls-cert FILE --tls-key FILE] [--demo]
// Environment fallbacks: FAKE_OPENROUTER_LISTEN, FAKE_OPENROUTER_TLS_CERT, FAKE_OPENROUTER_TLS_KEY.
#include "common/core/config.hpp"
#include "common/core/log.hpp"
#include "fakes/fake_server.hpp"
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string_view>

namespace {

struct command_line {
  std::string listen;
  std::string tls_cert;
  std::string tls_key;
  bool demo = false;
};

command_line parse_arguments(int argc, char** argv) {
  command_line out;
  out.listen = common::config::get("FAKE_OPENROUTER_LISTEN", "127.0.0.1:8090");
  out.tls_cert = common::config::get("FAKE_OPENROUTER_TLS_CERT", "");
  out.tls_key = common::config::get("FAKE_OPENROUTER_TLS_KEY", "");
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--listen") {
      out.listen = value();
    } else if (arg == "--tls-cert") {
      out.tls_cert = value();
    } else if (arg == "--tls-key") {
      out.tls_key = value();
    } else if (arg == "--demo") {
      out.demo = true;
    } else {
      throw std::invalid_argument("unknown argument " + std::string(arg) +
                                  " (usage: fake-openrouter --listen HOST:PORT [--tls-cert F --tls-key F] [--demo])");
    }
  }
  if (out.tls_cert.empty() != out.tls_key.empty()) throw std::invalid_argument("--tls-cert and --tls-key go together");
  return out;
}

fake_openrouter::fake_options options_from(const command_line& cli) {
  fake_openrouter::fake_options options;
  const std::size_t colon = cli.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("--listen must be HOST:PORT");
  options.host = cli.listen.substr(0, colon);
  if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']') {
    options.host = options.host.substr(1, options.host.size() - 2);
  }
  const std::string port = cli.listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port) > 65535) {
    throw std::invalid_argument("--listen must be HOST:PORT, got port '" + port + "'");
  }
  options.port = static_cast<std::uint16_t>(std::stoul(port));
  if (!cli.tls_cert.empty()) {
    common::http::tls_files files;
    files.cert_file = cli.tls_cert;
    files.key_file = cli.tls_key;
    options.tls = files;
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  common::log::init("fake-openrouter");
  try {
    const command_line cli = parse_arguments(argc, argv);
    common::asio::io_context io;
    fake_openrouter::fake_server fake(io, options_from(cli));
    fake.start();
    common::log::info(cli.demo ? "fake OpenRouter in demo mode: every answer is a canned demo answer"
                               : "fake OpenRouter ready",
                      {{"base_url", fake.base_url()}, {"port", fake.port()}, {"tls", !cli.tls_cert.empty()}});
    common::http::run_until_signal(io, {&fake.server()}, std::chrono::seconds(2));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fake-openrouter: %s\n", e.what());
    return 1;
  }
}
