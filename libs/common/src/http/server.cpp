// HTTP/1.1 server: accept loop and the Beast session, one coroutine per connection (plain or TLS) with limits,
// timeouts, request logs, server-sent events and graceful stop. The only server file that instantiates Beast
// stream I/O; TLS contexts are in tls_context.cpp, signals and shutdown in shutdown.cpp, probes in probes.cpp.
#include "common/http/server.hpp"
#include "common/core/log.hpp"
#include "common/core/uuid.hpp"
#include "common/http/event_stream.hpp"
#include "common/http/probes.hpp"
#include "common/http/request_metrics.hpp"
#include "server_failure_log.hpp"
#include "tls_context.hpp"
#include "tls_reload.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <list>
#include <stdexcept>
#include <system_error>
#include <type_traits>

namespace common::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::uint32_t header_limit = 16 * 1024;
constexpr std::size_t read_chunk = 4096;
constexpr auto linger_time = std::chrono::seconds(2);
constexpr auto tls_shutdown_time = std::chrono::seconds(1);
constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view last_chunk = "0\r\n\r\n";

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

auto on_error(error_code& ec) { return asio::redirect_error(use_awaitable, ec); }

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

// 1..128 characters of [A-Za-z0-9._-].
bool sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-';
  });
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// Headers whose values the server decides (framing and connection management).
bool framing_header(std::string_view name) {
  return iequals(name, "content-length") || iequals(name, "transfer-encoding") || iequals(name, "connection");
}

// How a listener binds its port: alone, or as one of the SO_REUSEPORT sockets of a server_group (the first of
// which first checks that nobody else listens there).
enum class port_sharing { exclusive, first_shared, shared };

using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Shared state of one listening server: acceptor, TLS context, live connections, shutdown.
class listener : public std::enable_shared_from_this<listener> {
public:
  struct slot {
    beast::tcp_stream* tcp = nullptr;
    bool idle = false;  // nothing in flight: may be closed at once on stop
  };
  using slot_ref = std::list<slot>::iterator;

  listener(asio::io_context& io, server_options options, const router& routes)
      : io_(io), options_(std::move(options)), routes_(routes), acceptor_(io), drain_timer_(io) {}

  /// Loads TLS files, binds, listens and spawns the accept loop; throws on failure.
  void start(port_sharing sharing = port_sharing::exclusive);
  /// Graceful stop: see server::stop.
  awaitable<void> stop(clock::duration grace);
  /// Immediate stop without waiting (the server object is going away).
  void abandon();

  std::uint16_t port() const { return port_; }
  std::size_t accepted() const { return accepted_; }
  executor get_executor() const { return io_.get_executor(); }
  bool stopping() const { return stopping_; }
  bool own_healthz() const { return own_healthz_; }
  const server_options& options() const { return options_; }
  const router& routes() const { return routes_; }
  /// The TLS context for a new connection (rebuilt when the certificate files changed).
  std::shared_ptr<ssl::context> tls() { return tls_->current(); }

  /// Registers a live connection so that stop() can close it; delist() when it ends.
  slot_ref enlist(beast::tcp_stream& tcp) { return connections_.insert(connections_.end(), slot{&tcp, false}); }
  void delist(slot_ref ref) {
    connections_.erase(ref);
    if (connections_.empty() && stop_waiters_ > 0) drain_timer_.cancel();
  }

private:
  awaitable<void> accept_loop();
  void spawn_connection(tcp::socket socket);
  tcp::endpoint resolve() const;
  std::uint16_t claim_port(const tcp::endpoint& endpoint);
  [[noreturn]] void cannot_listen(error_code ec) const;

  asio::io_context& io_;
  server_options options_;
  const router& routes_;
  std::unique_ptr<reloading_tls_context> tls_;
  tcp::acceptor acceptor_;
  asio::steady_timer drain_timer_;
  std::list<slot> connections_;
  clock::time_point stop_deadline_ = clock::time_point::max();
  std::size_t stop_waiters_ = 0;
  std::size_t accepted_ = 0;
  std::uint16_t port_ = 0;
  bool stopping_ = false;
  bool own_healthz_ = false;
};

template <class Stream>
class connection;

// event_stream over one connection: frames are queued and written in order, one write per call.
template <class Stream>
class sse_writer final : public event_stream {
public:
  sse_writer(connection<Stream>& conn, bool chunked, executor ex) : conn_(conn), chunked_(chunked), turn_(ex) {
    turn_.expires_at(asio::steady_timer::time_point::max());
  }

  awaitable<bool> send(std::string_view json_text) override { return send(json_text, next_id_); }

  awaitable<bool> send(std::string_view json_text, std::uint64_t id) override {
    if (failed_) co_return false;
    next_id_ = id + 1;
    event_.clear();
    event_ += "id: ";
    append_number(event_, id);
    event_ += '\n';
    append_lines("data: ", json_text);
    event_ += '\n';
    co_return co_await flush();
  }

  awaitable<bool> comment(std::string_view text) override {
    if (failed_) co_return false;
    event_.clear();
    append_lines(": ", text);
    event_ += '\n';
    co_return co_await flush();
  }

  /// False once a write failed (the client is gone).
  bool alive() const { return !failed_; }

private:
  static void append_number(std::string& out, std::uint64_t n, int base = 10) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n, base).ptr;
    out.append(digits, end);
  }

  void append_lines(std::string_view prefix, std::string_view text) {
    do {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      event_ += prefix;
      event_ += line;
      event_ += '\n';
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    } while (!text.empty());
  }

  // Queues event_ and returns once it was written (by this call or by a concurrent one).
  awaitable<bool> flush() {
    if (chunked_) {
      append_number(pending_, event_.size(), 16);
      pending_ += "\r\n";
      pending_ += event_;
      pending_ += "\r\n";
    } else {
      pending_ += event_;
    }
    const std::uint64_t mine = ++queued_;
    error_code ec;
    if (writing_) {
      while (written_ < mine && !failed_) co_await turn_.async_wait(on_error(ec));
      co_return !failed_;
    }
    writing_ = true;
    while (!pending_.empty() && !failed_) {
      inflight_.swap(pending_);
      pending_.clear();
      const std::uint64_t upto = queued_;
      const bool ok = co_await conn_.write_raw(inflight_);
      if (ok) written_ = upto;
      failed_ = !ok;
      turn_.cancel();
    }
    writing_ = false;
    co_return !failed_;
  }

  connection<Stream>& conn_;
  bool chunked_;
  asio::steady_timer turn_;
  std::string event_;
  std::string pending_;
  std::string inflight_;
  std::uint64_t next_id_ = 1;
  std::uint64_t queued_ = 0;
  std::uint64_t written_ = 0;
  bool writing_ = false;
  bool failed_ = false;
};

// One client connection: reads requests in order, answers each, keeps alive per HTTP/1.1.
template <class Stream>
class connection {
public:
  static constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

  connection(std::shared_ptr<listener> owner, tcp::socket socket, std::string peer)
      : owner_(std::move(owner)), options_(owner_->options()), tls_context_(tls_context_of(*owner_)),
        stream_(make_stream(std::move(socket))),
        peer_(std::move(peer)), accepted_at_(clock::now()), slot_(owner_->enlist(tcp())) {}
  ~connection() { owner_->delist(slot_); }
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// Serves requests until the client leaves, a limit is hit or the server stops.
  awaitable<void> run();
  /// Writes raw bytes under the write timeout; false on failure.
  awaitable<bool> write_raw(std::string_view bytes);

private:
  enum class outcome { keep_alive, close, close_lingering };

  static std::shared_ptr<ssl::context> tls_context_of(listener& owner) {
    if constexpr (is_tls) return owner.tls();
    return nullptr;
  }
  Stream make_stream(tcp::socket socket) {
    if constexpr (is_tls) {
      return Stream(std::move(socket), *tls_context_);
    } else {
      return Stream(std::move(socket));
    }
  }
  beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

  awaitable<bool> next_request(bool first);
  awaitable<outcome> serve_request();
  awaitable<outcome> reject(error_code ec, clock::time_point started, unsigned version);
  awaitable<response> handle();
  awaitable<outcome> respond(response& res, unsigned version, bool keep_alive, clock::time_point started);
  awaitable<outcome> respond_stream(response& res, unsigned version, bool keep_alive, clock::time_point started);
  awaitable<void> finish(bool lingering);
  void load_head();
  void log_request(int status, clock::time_point started) const;

  std::shared_ptr<listener> owner_;
  const server_options& options_;
  std::shared_ptr<ssl::context> tls_context_;  // the context of this connection's TLS session, kept while it lives
  Stream stream_;
  std::string peer_;
  clock::time_point accepted_at_;
  listener::slot_ref slot_;
  std::string identity_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  clock::time_point head_deadline_;
  request req_;
};

template <class Stream>
awaitable<void> connection<Stream>::run() {
  if constexpr (is_tls) {
    error_code ec;
    tcp().expires_at(accepted_at_ + options_.header_timeout);
    co_await stream_.async_handshake(ssl::stream_base::server, on_error(ec));
    if (ec) {
      log::write(client_certificate_refused(ec) ? log::level::warn : log::level::debug, "tls handshake failed",
                 {{"server", options_.name}, {"peer", peer_}, {"error", ec.message()}});
      tcp().close();
      co_return;
    }
    identity_ = peer_uri(stream_.native_handle());
  }
  bool first = true;
  outcome next = outcome::keep_alive;
  while (next == outcome::keep_alive) {
    if (owner_->stopping() || !co_await next_request(first)) {
      next = outcome::close;
      break;
    }
    first = false;
    next = co_await serve_request();
  }
  co_await finish(next == outcome::close_lingering);
}

// Waits for the first byte of the next request (idle phase), then sets the deadline for the whole head.
template <class Stream>
awaitable<bool> connection<Stream>::next_request(bool first) {
  const auto head_deadline = [&] { return first ? accepted_at_ + options_.header_timeout : clock::now() + options_.header_timeout; };
  if (buffer_.size() > 0) {
    head_deadline_ = head_deadline();
    co_return true;
  }
  if (first) {
    tcp().expires_at(accepted_at_ + options_.header_timeout);
  } else {
    tcp().expires_after(options_.idle_timeout);
  }
  slot_->idle = true;
  error_code ec;
  const std::size_t n = co_await stream_.async_read_some(buffer_.prepare(read_chunk), on_error(ec));
  slot_->idle = false;
  if (ec) co_return false;
  buffer_.commit(n);
  head_deadline_ = head_deadline();
  co_return true;
}

template <class Stream>
void connection<Stream>::load_head() {
  const auto& head = parser_->get();
  const auto method = head.method_string();
  const auto target = head.target();
  req_.method.assign(method.data(), method.size());
  req_.target.assign(target.data(), target.size());
  const auto q = req_.target.find('?');
  req_.path.assign(req_.target, 0, q);
  if (q == std::string::npos) {
    req_.query.clear();
  } else {
    req_.query.assign(req_.target, q + 1);
  }
  req_.headers.clear();
  for (const auto& f : head) {
    const auto name = f.name_string();
    const auto value = f.value();
    std::string lower(name.data(), name.size());
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    req_.headers.emplace_back(std::move(lower), std::string(value.data(), value.size()));
  }
  req_.body.clear();
  req_.params.clear();
  req_.route.clear();
  req_.peer_ip = peer_;
  req_.client_identity = identity_;
  const auto given = head["x-request-id"];
  if (sane_request_id(std::string_view(given.data(), given.size()))) {
    req_.request_id.assign(given.data(), given.size());
  } else {
    req_.request_id = random_uuid();
  }
}

template <class Stream>
awaitable<typename connection<Stream>::outcome> connection<Stream>::serve_request() {
  const auto started = clock::now();
  req_.method.clear();
  req_.path.clear();
  req_.request_id.clear();
  parser_.emplace();
  parser_->header_limit(header_limit);
  parser_->body_limit(boost::none);
  error_code ec;
  tcp().expires_at(head_deadline_);
  co_await bhttp::async_read_header(stream_, buffer_, *parser_, on_error(ec));
  if (ec) co_return co_await reject(ec, started, 11);
  load_head();
  const unsigned version = parser_->get().version();
  if (req_.target.empty() || req_.target.front() != '/') {
    response bad = error(400, "Malformed request target");
    co_await respond(bad, version, false, started);
    co_return outcome::close_lingering;
  }
  const auto length = parser_->content_length();
  if (length && *length > options_.body_limit) {
    response too_large = error(413, "Request body too large");
    co_await respond(too_large, version, false, started);
    co_return outcome::close_lingering;
  }
  if (!parser_->is_done()) {
    parser_->body_limit(options_.body_limit);
    const auto expect = parser_->get()[bhttp::field::expect];
    if (version >= 11 && iequals(std::string_view(expect.data(), expect.size()), "100-continue")) {
      if (!co_await write_raw(continue_line)) co_return outcome::close;
    }
    tcp().expires_after(options_.read_timeout);
    co_await bhttp::async_read(stream_, buffer_, *parser_, on_error(ec));
    if (ec) co_return co_await reject(ec, started, version);
  }
  req_.body = std::move(parser_->get().body());
  const bool keep_alive = parser_->get().keep_alive();
  response res = co_await handle();
  if (req_.method == "HEAD") res.stream = nullptr;
  co_return co_await respond(res, version, keep_alive, started);
}

// Answers a read error: 413/431/400 for bad input, silence (close) for timeouts and vanished clients.
template <class Stream>
awaitable<typename connection<Stream>::outcome> connection<Stream>::reject(error_code ec, clock::time_point started,
                                                                          unsigned version) {
  static const auto& http_errors = bhttp::make_error_code(bhttp::error::bad_method).category();
  int status = 400;
  std::string_view detail = "Malformed request";
  if (ec == bhttp::error::body_limit) {
    status = 413;
    detail = "Request body too large";
  } else if (ec == bhttp::error::header_limit) {
    status = 431;
    detail = "Request headers too large";
  } else if (ec.category() != http_errors || ec == bhttp::error::end_of_stream ||
             ec == bhttp::error::partial_message || !tcp().socket().is_open()) {
    co_return outcome::close;
  }
  if (req_.request_id.empty()) req_.request_id = random_uuid();
  response res = error(status, detail);
  co_await respond(res, version, false, started);
  co_return outcome::close_lingering;
}

template <class Stream>
awaitable<response> connection<Stream>::handle() {
  if (!owner_->own_healthz() && req_.method == "GET" && req_.path == "/healthz") {
    req_.route = "/healthz";
    co_return healthz_response();
  }
  if (options_.serve_metrics && req_.method == "GET" && req_.path == "/metrics") {
    req_.route = "/metrics";
    co_return metrics_response();
  }
  std::exception_ptr failure;
  try {
    response res = co_await owner_->routes().dispatch(req_);
    co_return res;
  } catch (...) {
    failure = std::current_exception();
  }
  log_failure("handler failed", failure,
              {{"server", options_.name}, {"request_id", req_.request_id}, {"method", req_.method},
               {"route", req_.route.empty() ? req_.path : req_.route}});
  co_return error(500, "Internal Server Error");
}

template <class Stream>
awaitable<typename connection<Stream>::outcome> connection<Stream>::respond(response& res, unsigned version,
                                                                           bool keep_alive, clock::time_point started) {
  if (res.stream) co_return co_await respond_stream(res, version, keep_alive, started);
  const int status = res.status >= 100 && res.status <= 999 ? res.status : 500;
  bhttp::response<bhttp::string_body> out;
  out.version(version);
  out.result(static_cast<unsigned>(status));
  out.reason(reason(status));
  bool has_type = false;
  for (const auto& [name, value] : res.headers) {
    if (name.empty() || has_line_break(name) || has_line_break(value) || framing_header(name)) continue;
    if (iequals(name, "x-request-id")) continue;
    has_type = has_type || iequals(name, "content-type");
    out.insert(name, value);
  }
  if (!has_type) out.set(bhttp::field::content_type, "application/json");
  out.set("x-request-id", req_.request_id);
  keep_alive = keep_alive && !owner_->stopping();
  out.keep_alive(keep_alive);
  const bool bodiless = status < 200 || status == 204 || status == 304;
  if (!bodiless) out.body() = std::move(res.body);
  out.prepare_payload();
  if (req_.method == "HEAD") out.body().clear();
  tcp().expires_after(options_.write_timeout);
  error_code ec;
  co_await bhttp::async_write(stream_, out, on_error(ec));
  log_request(status, started);
  if (ec) co_return outcome::close;
  co_return keep_alive ? outcome::keep_alive : outcome::close;
}

template <class Stream>
awaitable<typename connection<Stream>::outcome> connection<Stream>::respond_stream(response& res, unsigned version,
                                                                                  bool keep_alive,
                                                                                  clock::time_point started) {
  const bool chunked = version >= 11;
  keep_alive = keep_alive && chunked && !owner_->stopping();
  bhttp::response<bhttp::empty_body> head;
  head.version(version);
  head.result(bhttp::status::ok);
  head.reason(reason(200));
  for (const auto& [name, value] : res.headers) {
    if (name.empty() || has_line_break(name) || has_line_break(value) || framing_header(name)) continue;
    if (iequals(name, "content-type") || iequals(name, "cache-control") || iequals(name, "x-request-id")) continue;
    head.insert(name, value);
  }
  head.set(bhttp::field::content_type, "text/event-stream");
  head.set(bhttp::field::cache_control, "no-cache");
  head.set("x-accel-buffering", "no");
  head.set("x-request-id", req_.request_id);
  if (chunked) {
    head.chunked(true);
    head.set(bhttp::field::connection, keep_alive ? "keep-alive" : "close");
  } else {
    head.keep_alive(false);
  }
  bhttp::response_serializer<bhttp::empty_body> serializer(head);
  tcp().expires_after(options_.write_timeout);
  error_code ec;
  co_await bhttp::async_write_header(stream_, serializer, on_error(ec));
  if (ec) {
    log_request(200, started);
    co_return outcome::close;
  }
  sse_writer<Stream> writer(*this, chunked, stream_.get_executor());
  std::exception_ptr failure;
  try {
    co_await res.stream(writer);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    log_failure("stream producer failed", failure,
                {{"server", options_.name}, {"request_id", req_.request_id}, {"route", req_.route}});
    keep_alive = false;
  } else if (chunked && writer.alive() && !co_await write_raw(last_chunk)) {
    keep_alive = false;
  }
  log_request(200, started);
  co_return keep_alive && writer.alive() && !owner_->stopping() ? outcome::keep_alive : outcome::close;
}

template <class Stream>
awaitable<bool> connection<Stream>::write_raw(std::string_view bytes) {
  tcp().expires_after(options_.write_timeout);
  error_code ec;
  co_await asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()), on_error(ec));
  co_return !ec;
}

// Closes the connection: TLS close_notify when the exchange ended cleanly; after an early error reply,
// half-closes and drains the client's unread input for a moment so that the reply is not lost to a reset.
template <class Stream>
awaitable<void> connection<Stream>::finish(bool lingering) {
  slot_->idle = true;
  auto& socket = tcp().socket();
  error_code ec;
  if constexpr (is_tls) {
    if (!lingering && socket.is_open()) {
      tcp().expires_after(tls_shutdown_time);
      co_await stream_.async_shutdown(on_error(ec));
    }
  }
  if (!socket.is_open()) co_return;
  socket.shutdown(tcp::socket::shutdown_send, ec);
  if (lingering) {
    tcp().expires_after(linger_time);
    while (!ec) {
      co_await tcp().async_read_some(buffer_.prepare(read_chunk), on_error(ec));
    }
  }
  tcp().close();
}

template <class Stream>
void connection<Stream>::log_request(int status, clock::time_point started) const {
  const double ms = std::chrono::duration<double, std::milli>(clock::now() - started).count();
  record_request(options_.name, req_, status, ms / 1000.0);
  if (!options_.log_requests) return;
  boost::json::object fields;
  fields["server"] = options_.name;
  fields["method"] = req_.method;
  fields["path"] = req_.path;
  fields["status"] = status;
  fields["duration_ms"] = std::round(ms * 1000.0) / 1000.0;
  fields["request_id"] = req_.request_id;
  fields["peer"] = peer_;
  log::info("request", std::move(fields));
}

template <class Stream>
awaitable<void> serve(std::shared_ptr<listener> owner, tcp::socket socket, std::string peer) {
  connection<Stream> conn(std::move(owner), std::move(socket), std::move(peer));
  co_await conn.run();
}

tcp::endpoint listener::resolve() const {
  error_code ec;
  auto address = asio::ip::make_address(options_.host, ec);
  if (!ec) return tcp::endpoint(address, options_.port);
  tcp::resolver resolver(io_);
  auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
  if (ec || results.empty()) {
    throw std::system_error(std::error_code(ec), options_.name + ": cannot resolve listen host " + options_.host);
  }
  return results.begin()->endpoint();
}

void listener::cannot_listen(error_code ec) const {
  throw std::system_error(std::error_code(ec), options_.name + ": cannot listen on " + options_.host + ":" +
                                                   std::to_string(options_.port));
}

// Binds a plain socket (no SO_REUSEPORT) to `endpoint`: it fails while any other socket listens there, which
// SO_REUSEPORT sockets of the same user would otherwise silently join. Returns the port (chosen when 0).
std::uint16_t listener::claim_port(const tcp::endpoint& endpoint) {
  tcp::acceptor probe(io_);
  error_code ec;
  probe.open(endpoint.protocol(), ec);
  if (!ec) probe.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) probe.bind(endpoint, ec);
  if (ec) cannot_listen(ec);
  return probe.local_endpoint().port();
}

void listener::start(port_sharing sharing) {
  for (const auto& route : routes_.routes()) {
    if (route.method == "GET" && route.pattern == "/healthz") own_healthz_ = true;
  }
  if (options_.tls) {
    const tls_files files = *options_.tls;
    tls_ = std::make_unique<reloading_tls_context>(
        options_.name, ssl::context::tls_server,
        std::vector<std::string>{files.cert_file, files.key_file, files.client_ca_file},
        [files, name = options_.name](ssl::context& ctx) { configure_tls(ctx, files, name); },
        options_.tls_reload_interval);
  }
  tcp::endpoint endpoint = resolve();
  if (sharing == port_sharing::first_shared) endpoint.port(claim_port(endpoint));
  error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec && sharing != port_sharing::exclusive) acceptor_.set_option(reuse_port(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close();
    cannot_listen(ec);
  }
  port_ = acceptor_.local_endpoint().port();
  const bool mutual = options_.tls && !options_.tls->client_ca_file.empty();
  if (sharing != port_sharing::shared) {
    log::info("listening", {{"server", options_.name},
                            {"host", options_.host},
                            {"port", port_},
                            {"tls", options_.tls.has_value()},
                            {"mutual_tls", mutual}});
  }
  asio::co_spawn(io_, accept_loop(), [name = options_.name](std::exception_ptr failure) {
    if (failure) log_failure("accept loop failed", failure, {{"server", name}});
  });
}

awaitable<void> listener::accept_loop() {
  auto self = shared_from_this();
  asio::steady_timer backoff(io_);
  while (!stopping_) {
    error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(on_error(ec));
    if (stopping_) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      log::warn("accept failed", {{"server", options_.name}, {"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(on_error(ec));
      continue;
    }
    ++accepted_;
    spawn_connection(std::move(socket));
  }
}

void listener::spawn_connection(tcp::socket socket) {
  error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  const auto remote = socket.remote_endpoint(ec);
  std::string peer = ec ? std::string() : remote.address().to_string();
  auto done = [name = options_.name](std::exception_ptr failure) {
    if (failure) log_failure("connection failed", failure, {{"server", name}});
  };
  if (tls_) {
    asio::co_spawn(io_, serve<tls_stream>(shared_from_this(), std::move(socket), std::move(peer)), done);
  } else {
    asio::co_spawn(io_, serve<plain_stream>(shared_from_this(), std::move(socket), std::move(peer)), done);
  }
}

awaitable<void> listener::stop(clock::duration grace) {
  auto self = shared_from_this();
  const auto until = clock::now() + grace;
  if (!stopping_) {
    stopping_ = true;
    error_code ec;
    acceptor_.close(ec);
  }
  stop_deadline_ = std::min(stop_deadline_, until);
  for (auto& s : connections_) {
    if (s.idle) s.tcp->close();
  }
  ++stop_waiters_;
  while (!connections_.empty() && clock::now() < stop_deadline_) {
    if (drain_timer_.expiry() != stop_deadline_) drain_timer_.expires_at(stop_deadline_);
    error_code ec;
    co_await drain_timer_.async_wait(on_error(ec));
  }
  --stop_waiters_;
  const std::size_t forced = connections_.size();
  for (auto& s : connections_) s.tcp->close();
  log::info("server stopped", {{"server", options_.name}, {"forced_connections", forced}});
}

void listener::abandon() {
  stopping_ = true;
  error_code ec;
  acceptor_.close(ec);
  for (auto& s : connections_) s.tcp->close();
}

}  // namespace

struct server::impl : listener {
  using listener::listener;
};

server::server(asio::io_context& io, server_options options, const router& routes)
    : impl_(std::make_shared<impl>(io, std::move(options), routes)) {}

server::~server() { impl_->abandon(); }

void server::start() { impl_->start(); }

std::uint16_t server::port() const { return impl_->port(); }

awaitable<void> server::stop(clock::duration deadline) {
  std::shared_ptr<impl> self = impl_;
  co_await self->stop(deadline);
}

std::size_t server::connections_accepted() const { return impl_->accepted(); }

executor server::get_executor() const { return impl_->get_executor(); }

server_group::server_group(io_threads& threads, server_options options,
                           std::function<const router&(std::size_t)> routes_of)
    : threads_(threads), options_(std::move(options)), routes_of_(std::move(routes_of)) {}

void server_group::start() {
  const bool sharing = threads_.size() > 1;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    auto s = std::make_unique<server>(threads_.context(i), options_, routes_of_(i));
    s->impl_->start(!sharing ? port_sharing::exclusive : i == 0 ? port_sharing::first_shared : port_sharing::shared);
    options_.port = s->port();
    servers_.push_back(std::move(s));
  }
}

std::uint16_t server_group::port() const { return servers_.empty() ? options_.port : servers_.front()->port(); }

std::vector<server*> server_group::servers() const {
  std::vector<server*> out;
  for (const auto& s : servers_) out.push_back(s.get());
  return out;
}

}  // namespace common::http
