// The test DNS server: just enough of RFC 1035 to answer one question per UDP datagram.
#include "support/dns_stub.hpp"
#include <boost/asio/ip/address_v4.hpp>
#include <cctype>

namespace test_support {
namespace udp = boost::asio::ip;

namespace {

/// The question's name (lower-case, dotted) and the offset just after it; empty name when malformed.
std::pair<std::string, std::size_t> question_name(const std::string& query) {
  std::string name;
  std::size_t at = 12;
  while (at < query.size()) {
    const auto length = static_cast<unsigned char>(query[at]);
    if (length == 0) return {name, at + 1};
    if (length > 63 || at + 1 + length > query.size()) break;
    if (!name.empty()) name += '.';
    for (std::size_t i = 0; i < length; ++i) name += static_cast<char>(std::tolower(static_cast<unsigned char>(query[at + 1 + i])));
    at += 1 + length;
  }
  return {"", 0};
}

void put16(std::string& out, unsigned value) {
  out += static_cast<char>((value >> 8) & 0xff);
  out += static_cast<char>(value & 0xff);
}

}  // namespace

dns_stub::dns_stub(std::map<std::string, std::string> answers, std::set<std::string> silent, std::uint32_t ttl)
    : answers_(std::move(answers)), silent_(std::move(silent)), ttl_(ttl),
      socket_(io_, udp::udp::endpoint(udp::make_address("127.0.0.1"), 0)),
      port_(socket_.local_endpoint().port()) {
  receive();
  thread_ = std::thread([this] { io_.run(); });
}

dns_stub::~dns_stub() {
  io_.stop();
  thread_.join();
}

std::string dns_stub::server() const { return "127.0.0.1:" + std::to_string(port_); }

int dns_stub::queries(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto found = counts_.find(name);
  return found == counts_.end() ? 0 : found->second;
}

void dns_stub::receive() {
  socket_.async_receive_from(boost::asio::buffer(buffer_), peer_, [this](boost::system::error_code ec, std::size_t n) {
    if (ec) return;
    std::string reply = reply_to(std::string(buffer_, n));
    if (!reply.empty()) {
      boost::system::error_code ignored;
      socket_.send_to(boost::asio::buffer(reply), peer_, 0, ignored);
    }
    receive();
  });
}

std::string dns_stub::reply_to(const std::string& query) {
  auto [name, after_name] = question_name(query);
  if (name.empty() || after_name + 4 > query.size()) return {};
  {
    std::lock_guard lock(mutex_);
    ++counts_[name];
  }
  if (silent_.contains(name)) return {};
  const unsigned type = (static_cast<unsigned char>(query[after_name]) << 8) | static_cast<unsigned char>(query[after_name + 1]);
  auto found = answers_.find(name);
  const bool answer = found != answers_.end() && type == 1;
  std::string out = query.substr(0, 2);  // the id
  put16(out, found == answers_.end() ? 0x8183 : 0x8180);  // response, recursion desired+available; NXDOMAIN or not
  put16(out, 1);                // one question
  put16(out, answer ? 1 : 0);   // answers
  put16(out, 0);
  put16(out, 0);
  out += query.substr(12, after_name + 4 - 12);  // the question as asked
  if (answer) {
    put16(out, 0xc00c);  // the name: a pointer to the question's
    put16(out, 1);       // A
    put16(out, 1);       // IN
    put16(out, ttl_ >> 16);
    put16(out, ttl_ & 0xffff);
    put16(out, 4);
    for (unsigned char byte : udp::make_address_v4(found->second).to_bytes()) out += static_cast<char>(byte);
  }
  return out;
}

}  // namespace test_support
