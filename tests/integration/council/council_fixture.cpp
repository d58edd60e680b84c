// council_fixture: starts fake-openrouter and council-service next to an auth_fixture; HTTP, SSE and fake helpers.
#include "integration/council/council_fixture.hpp"
#include "support/environment.hpp"
#include "support/run_sync.hpp"
#include <arpa/inet.h>
#include <csignal>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>

namespace council_test {
namespace json = boost::json;
using clock_type = std::chrono::steady_clock;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A blocking loopback TCP connection with a receive timeout.
class raw_connection {
public:
  raw_connection(unsigned short port, std::chrono::seconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval tv{static_cast<time_t>(timeout.count()), 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect failed");
  }
  ~raw_connection() { ::close(fd_); }
  void write_all(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      done += static_cast<std::size_t>(n);
    }
  }
  /// Appends what arrives to `buffer`; false on end of stream, error or timeout.
  bool read_some(std::string& buffer) {
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

private:
  int fd_ = -1;
};

/// The value of header `name` (lower-case) in a lower-cased response head; "" when absent.
std::string header_of(const std::string& head, const std::string& name) {
  auto at = head.find("\r\n" + name + ":");
  if (at == std::string::npos) return {};
  at += name.size() + 3;
  auto end = head.find("\r\n", at);
  std::string value = head.substr(at, end == std::string::npos ? std::string::npos : end - at);
  value.erase(0, value.find_first_not_of(' '));
  return value;
}

/// Fails the running test when one streamed event departs from the documented StreamEvent shapes.
void expect_documented_event(const std::string& method, const std::string& path, const json::value& event) {
  std::string problems = openapi::event_problems(openapi::api::council, method, path, event);
  INFO(method << " " << path << " streamed " << json::serialize(event).substr(0, 300) << ", which departs from "
               << openapi::document_path(openapi::api::council) << ":\n"
               << problems);
  CHECK(problems.empty());
}

}  // namespace

std::vector<std::string> stream_reply::types() const {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.type);
  return out;
}

const sse_event& stream_reply::first(const std::string& type) const {
  for (const auto& e : events)
    if (e.type == type) return e;
  throw std::runtime_error("no event of type " + type);
}

std::string stream_reply::run_id() const { return header_of(head, "x-run-id"); }

std::string content_body(const std::string& text) { return json::serialize(json::object{{"content", text}}); }

json::array messages_of(const json::object& request) {
  const auto* m = request.if_contains("messages");
  return m && m->is_array() ? m->as_array() : json::array();
}

council_fixture::council_fixture(std::map<std::string, std::string> overrides)
    : io_(std::make_unique<boost::asio::io_context>()) {
  client_ = std::make_unique<common::http::client>(io_->get_executor(), common::http::client_options{});
  fake_port_ = test_support::free_port();
  std::string tag = auth.database().name();
  fake_ = std::make_unique<test_support::child_process>(
      std::vector<std::string>{test_support::binary("tests/fakes/fake-openrouter"), "--listen",
                               "127.0.0.1:" + std::to_string(fake_port_)},
      std::map<std::string, std::string>{}, test_support::output_dir() + "/fake-openrouter-" + tag + ".log");
  if (!test_support::wait_for_health(fake_port_, 10000)) throw std::runtime_error("fake-openrouter did not start:\n" + fake_->log());

  council_port_ = test_support::free_port();
  env_ = {
      {"DATABASE_URL", auth.database().url_as("council_service")},
      {"COUNCIL_LISTEN", "127.0.0.1:" + std::to_string(council_port_)},
      {"AUTH_JWKS_URL", auth.jwks_url()},
      {"AUTH_INTERNAL_URL", auth.internal_url()},
      {"AUTH_REVOCATIONS_URL", auth.internal_url()},
      {"INTERNAL_CA", test_support::cert("ca.crt")},
      {"COUNCIL_CLIENT_CERT", test_support::cert("council-client.crt")},
      {"COUNCIL_CLIENT_KEY", test_support::cert("council-client.key")},
      {"OPENROUTER_BASE_URL", "http://127.0.0.1:" + std::to_string(fake_port_) + "/api/v1"},
      {"COUNCIL_MODELS", alpha_model + "," + beta_model + "," + gamma_model + "," + lead_model},
      {"COUNCIL_DEFAULT_MODELS", alpha_model + "," + beta_model + "," + gamma_model},
      {"COUNCIL_LEAD_MODEL", lead_model},
      {"COUNCIL_TITLE_MODEL", title_model},
      {"UPSTREAM_TIMEOUT", "2"},
      {"SSE_HEARTBEAT_SECONDS", "1"},
      {"SHUTDOWN_GRACE", "2"},
      {"LOG_LEVEL", "info"},
  };
  for (auto& [k, v] : overrides) env_[k] = v;
  start_council();
}

void council_fixture::start_council() {
  council_.reset();
  std::string suffix = council_starts_++ == 0 ? "" : "-" + std::to_string(council_starts_);
  council_ = spawn_council(env_, council_port_, "council-service-" + auth.database().name() + suffix);
}

std::unique_ptr<test_support::child_process> council_fixture::spawn_council(const std::map<std::string, std::string>& env,
                                                                            unsigned short port, const std::string& name) {
  auto process = std::make_unique<test_support::child_process>(
      std::vector<std::string>{test_support::binary("services/council/council-service"), "serve"}, env,
      test_support::output_dir() + "/" + name + ".log");
  if (!test_support::wait_for_health(port, 15000)) throw std::runtime_error(name + " did not start:\n" + process->log());
  auto deadline = clock_type::now() + std::chrono::seconds(15);
  while (call_on(port, "GET", "/readyz").status != 200) {
    if (clock_type::now() > deadline) throw std::runtime_error(name + " never became ready:\n" + process->log());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return process;
}

unsigned short council_fixture::start_replica() {
  unsigned short port = test_support::free_port();
  std::map<std::string, std::string> env = env_;
  env["COUNCIL_LISTEN"] = "127.0.0.1:" + std::to_string(port);
  env["MIGRATE_ON_START"] = "false";
  std::string name = "council-replica-" + std::to_string(replicas_.size() + 1) + "-" + auth.database().name();
  replicas_.push_back(spawn_council(env, port, name));
  return port;
}

council_fixture::~council_fixture() {
  client_.reset();
  replicas_.clear();
  council_.reset();
  fake_.reset();
}

common::http::client_response council_fixture::call_on(unsigned short port, std::string method, std::string path,
                                                        std::string body, std::string bearer) {
  return send(port, std::move(method), std::move(path), std::move(body), std::move(bearer), {});
}

common::http::client_response council_fixture::call(std::string method, std::string path, std::string body,
                                                     std::string bearer, common::http::header_list headers) {
  return send(council_port_, std::move(method), std::move(path), std::move(body), std::move(bearer), std::move(headers));
}

common::http::client_response council_fixture::send(unsigned short port, std::string method, std::string path,
                                                     std::string body, std::string bearer, common::http::header_list headers) {
  common::http::client_request req;
  req.method = method;
  req.url = "http://127.0.0.1:" + std::to_string(port) + path;
  req.body = std::move(body);
  req.headers = std::move(headers);
  if (!req.body.empty()) req.headers.emplace_back("content-type", "application/json");
  if (!bearer.empty()) req.headers.emplace_back("authorization", "Bearer " + bearer);
  req.timeout = std::chrono::seconds(60);
  auto r = test_support::run_sync(*io_, client_->send(std::move(req)));
  auth_test::expect_documented(openapi::api::council, method, path, r);
  return r;
}

void council_fixture::configure_fake(const json::value& config) {
  common::http::client_request req;
  req.method = "POST";
  req.url = "http://127.0.0.1:" + std::to_string(fake_port_) + "/_fake/config";
  req.body = json::serialize(config);
  req.headers.emplace_back("content-type", "application/json");
  auto r = test_support::run_sync(*io_, client_->send(std::move(req)));
  INFO(r.body);
  REQUIRE(r.status == 200);
}

void council_fixture::reset_fake() {
  common::http::client_request req;
  req.method = "POST";
  req.url = "http://127.0.0.1:" + std::to_string(fake_port_) + "/_fake/reset";
  auto r = test_support::run_sync(*io_, client_->send(std::move(req)));
  REQUIRE(r.status == 200);
}

json::array council_fixture::fake_requests() {
  common::http::client_request req;
  req.url = "http://127.0.0.1:" + std::to_string(fake_port_) + "/_fake/requests";
  auto r = test_support::run_sync(*io_, client_->send(std::move(req)));
  REQUIRE(r.status == 200);
  return json::parse(r.body).as_array();
}

std::vector<json::object> council_fixture::requests_for(const std::string& model, const std::string& needle) {
  std::vector<json::object> out;
  for (auto& entry : fake_requests()) {
    const auto& o = entry.as_object();
    if (field(o, "model") != model) continue;
    auto messages = messages_of(o);
    std::string last = messages.empty() ? std::string() : field(messages.back(), "content");
    if (needle.empty() || last == needle) out.push_back(o);
  }
  return out;
}

std::string council_fixture::user(const std::string& email, const std::string& key) {
  auto tokens = auth.register_user(email, "correct horse battery");
  if (!key.empty()) auth.save_key(tokens.access, key);
  return tokens.access;
}

std::string council_fixture::create_conversation(const std::string& token, const std::string& body) {
  auto r = call("POST", "/api/conversations", body, token);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return field(json_of(r), "id");
}

json::value council_fixture::conversation(const std::string& id, const std::string& token) {
  auto r = call("GET", "/api/conversations/" + id, "", token);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return json_of(r);
}

stream_reply council_fixture::stream(const std::string& id, const std::string& body, const std::string& token,
                                     std::size_t stop_after, std::chrono::seconds timeout) {
  return open_stream("POST", "/api/conversations/" + id + "/message/stream", body, token, {}, stop_after, timeout);
}

stream_reply council_fixture::open_stream(const std::string& method, const std::string& target, const std::string& body,
                                          const std::string& token, common::http::header_list headers,
                                          std::size_t stop_after, std::chrono::seconds timeout, unsigned short port) {
  raw_connection conn(port != 0 ? port : council_port_, timeout);
  const std::string path = target.substr(0, target.find('?'));
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\nConnection: close\r\n\r\n" + body;
  stream_reply reply;
  reply.sent = clock_type::now();
  conn.write_all(request);
  std::string buffer;
  std::size_t head_end = std::string::npos;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos)
    if (!conn.read_some(buffer)) throw std::runtime_error("no response head: " + buffer);
  reply.head = lower(buffer.substr(0, head_end));
  reply.status = std::stoi(buffer.substr(9, 3));
  buffer.erase(0, head_end + 4);
  if (reply.status != 200) {
    std::string length = header_of(reply.head, "content-length");
    while (buffer.size() < (length.empty() ? 0 : std::stoul(length)) && conn.read_some(buffer)) {
    }
    reply.body = buffer;
    reply.ended = true;
  }
  const std::string content_type = header_of(reply.head, "content-type");
  auth_test::expect_documented(openapi::api::council, openapi::exchange{method, path, reply.status, content_type, reply.body});
  if (reply.status != 200) return reply;
  std::size_t line_start = 0;
  long long frame_id = -1;
  for (;;) {
    std::size_t nl;
    while ((nl = buffer.find('\n', line_start)) != std::string::npos) {
      std::string line = buffer.substr(line_start, nl - line_start);
      line_start = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.rfind(": ping", 0) == 0) ++reply.pings;
      if (line.rfind("id: ", 0) == 0) frame_id = std::stoll(line.substr(4));
      if (line.rfind("data: ", 0) != 0) continue;
      sse_event e;
      e.text = line.substr(6);
      e.data = json::parse(e.text);
      e.type = field(e.data, "type");
      e.id = std::exchange(frame_id, -1);
      expect_documented_event(method, path, e.data);
      e.at = clock_type::now();
      reply.events.push_back(std::move(e));
      const std::string& type = reply.events.back().type;
      if (type == "complete" || type == "error" || type == "cancelled") reply.ended = true;
      if (reply.ended || (stop_after != 0 && reply.events.size() >= stop_after)) return reply;
    }
    if (!conn.read_some(buffer)) {
      reply.ended = true;
      return reply;
    }
  }
}

stream_reply council_fixture::ask(const std::string& id, const std::string& question, const std::string& token) {
  return stream(id, content_body(question), token);
}

json::value council_fixture::wait_for_messages(const std::string& id, const std::string& token, std::size_t count,
                                               std::chrono::seconds timeout) {
  auto deadline = clock_type::now() + timeout;
  json::value last;
  while (clock_type::now() < deadline) {
    last = conversation(id, token);
    const auto& messages = last.at("messages").as_array();
    const auto* status = messages.empty() ? nullptr : messages.back().as_object().if_contains("status");
    const bool running = status != nullptr && status->is_string() && status->get_string() == "running";
    if (messages.size() >= count && !running) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return last;
}

std::pair<int, std::string> council_fixture::run_cli(std::vector<std::string> args, std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> env = env_;
  for (auto& [k, v] : extra) env[k] = v;
  args.insert(args.begin(), test_support::binary("services/council/council-service"));
  return test_support::run_command(std::move(args), std::move(env));
}

int council_fixture::stop_council() {
  if (!council_) return 0;
  council_->kill(SIGTERM);
  return council_->wait(20000);
}

std::string council_fixture::log() const { return council_ ? council_->log() : std::string(); }

int council_fixture::council_pid() const { return council_ ? council_->pid() : -1; }

}  // namespace council_test
