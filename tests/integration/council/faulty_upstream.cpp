// The misbehaving upstream: one coroutine per connection reads the request, then misbehaves as told.
#include "integration/council/faulty_upstream.hpp"
#include "common/core/asio.hpp"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>

namespace council_test {
namespace asio = boost::asio;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

/// A complete HTTP response carrying a chat completion of `model`.
std::string plain_answer(const std::string& model) {
  json::object message{{"role", "assistant"}, {"content", "Steady answer from " + model + ".\nFINAL RANKING:\n1. Response A"}};
  std::string body = json::serialize(json::object{
      {"id", "gen-faulty"}, {"model", model}, {"choices", json::array{json::object{{"index", 0}, {"message", message}}}}});
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// The request's model, read from its JSON body ("" when there is none).
common::awaitable<std::string> read_model(tcp::socket& socket) {
  std::string data;
  auto [ec, head_end] = co_await asio::async_read_until(socket, asio::dynamic_buffer(data), "\r\n\r\n",
                                                        asio::as_tuple(common::use_awaitable));
  if (ec) co_return std::string();
  std::size_t length = 0;
  std::string lower = data.substr(0, head_end);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto at = lower.find("content-length:"); at != std::string::npos) length = std::stoul(lower.substr(at + 15));
  if (data.size() < head_end + length) {
    std::size_t missing = head_end + length - data.size();
    std::string rest(missing, '\0');
    auto [read_ec, n] = co_await asio::async_read(socket, asio::buffer(rest), asio::as_tuple(common::use_awaitable));
    if (read_ec) co_return std::string();
    data += rest.substr(0, n);
  }
  boost::system::error_code parse_ec;
  json::value body = json::parse(std::string_view(data).substr(head_end), parse_ec);
  if (parse_ec || !body.is_object() || !body.as_object().contains("model")) co_return std::string();
  co_return std::string(body.at("model").as_string());
}

common::awaitable<void> serve(tcp::socket socket, std::function<fault(const std::string&)> mode_for) {
  std::string model = co_await read_model(socket);
  const fault mode = mode_for(model);
  boost::system::error_code ignored;
  if (mode == fault::hang) {
    char byte = 0;
    co_await socket.async_read_some(asio::buffer(&byte, 1), asio::as_tuple(common::use_awaitable));  // until closed
  } else if (mode == fault::reset) {
    socket.set_option(tcp::socket::linger(true, 0), ignored);
  } else if (mode == fault::garbage) {
    std::string noise("\x00\xff\xfe not HTTP at all \x01\x02\r\n\r\n", 28);
    co_await asio::async_write(socket, asio::buffer(noise), asio::as_tuple(common::use_awaitable));
  } else if (mode == fault::drip) {
    std::string answer = plain_answer(model);
    asio::steady_timer pause(socket.get_executor());
    for (char byte : answer) {
      auto [ec, n] = co_await asio::async_write(socket, asio::buffer(&byte, 1), asio::as_tuple(common::use_awaitable));
      if (ec) break;
      pause.expires_after(std::chrono::milliseconds(3));
      co_await pause.async_wait(asio::as_tuple(common::use_awaitable));
    }
  } else {
    std::string answer = plain_answer(model);
    co_await asio::async_write(socket, asio::buffer(answer), asio::as_tuple(common::use_awaitable));
  }
  socket.close(ignored);
}

}  // namespace

faulty_upstream::faulty_upstream()
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), port_(acceptor_.local_endpoint().port()) {
  accept();
  thread_ = std::thread([this] { io_.run(); });
}

faulty_upstream::~faulty_upstream() {
  io_.stop();
  thread_.join();
}

void faulty_upstream::set(const std::string& model, fault mode) {
  std::lock_guard lock(mutex_);
  modes_[model] = mode;
}

void faulty_upstream::clear() {
  std::lock_guard lock(mutex_);
  modes_.clear();
}

std::string faulty_upstream::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/api/v1";
}

int faulty_upstream::requests(const std::string& model) const {
  std::lock_guard lock(mutex_);
  auto found = counts_.find(model);
  return found == counts_.end() ? 0 : found->second;
}

fault faulty_upstream::mode_for(const std::string& model) {
  std::lock_guard lock(mutex_);
  ++counts_[model];
  auto found = modes_.find(model);
  return found == modes_.end() ? fault::none : found->second;
}

void faulty_upstream::accept() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;
    asio::co_spawn(io_, serve(std::move(socket), [this](const std::string& model) { return mode_for(model); }),
                   asio::detached);
    accept();
  });
}

}  // namespace council_test
