// HTTP/1.1 client: plain TCP or verified TLS connections, a keep-alive pool per origin, one deadline per request.
// The only client-side translation unit that instantiates Beast stream reads and writes.
#include "common/http/client.hpp"
#include "client_pool.hpp"
#include "client_url.hpp"
#include "common/http/resolver.hpp"
#include "tls_context.hpp"
#include "tls_reload.hpp"
#include "common/crypto/wiping_allocator.hpp"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <cerrno>
#include <exception>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace common::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;
using boost::system::system_error;
using namespace boost::asio::experimental::awaitable_operators;
// Requests carry credentials in their headers and responses may carry keys: the header storage and each
// connection's read buffer are zeroed when released.
using request_message = bhttp::request<bhttp::string_body, bhttp::basic_fields<crypto::wiping_allocator<char>>>;
using read_buffer = beast::basic_flat_buffer<crypto::wiping_allocator<char>>;

constexpr std::uint32_t max_header_bytes = 64 * 1024;
constexpr std::string_view user_agent = "council/0.1";

/// One open connection (plain, or TLS over TCP) with its read buffer.
struct connection {
  explicit connection(const executor& ex) : socket(ex) {}
  std::shared_ptr<ssl::context> tls_context;      // the context `tls` was made with (kept while it lives)
  tcp::socket socket;                             // the transport when plain
  std::unique_ptr<ssl::stream<tcp::socket>> tls;  // set for https
  read_buffer buffer;

  tcp::socket& transport() { return tls ? tls->next_layer() : socket; }
};

/// How one request/response exchange on a connection ended.
struct exchange_result {
  error_code ec;
  bool got_bytes = false;  // some response bytes arrived
  bool reusable = false;   // the connection may go back to the pool
};

/// How the response body is taken: kept up to a limit, or handed to a sink as it arrives (2xx only).
struct body_handling {
  std::uint64_t limit = 0;
  const body_sink* sink = nullptr;
};

/// A connection ready for a request, or why none could be opened.
using opened_connection = boost::system::result<std::unique_ptr<connection>, client_failure>;

/// True once the coroutine was asked to stop (its deadline passed or its caller was cancelled). The client's
/// coroutines do not throw on cancellation (throw_if_cancelled(false)), so each checks this before it starts
/// another operation: a cancellation that came between two operations would otherwise be missed.
awaitable<bool> cancelled() {
  const asio::cancellation_state state = co_await asio::this_coro::cancellation_state;
  co_return state.cancelled() != asio::cancellation_type::none;
}

client_failure failure(error_code ec, std::string what) { return client_failure{ec, std::move(what)}; }

/// What a deadline timer's finished wait means: timed_out when it expired, operation_aborted when the caller was
/// cancelled first (the wait was then cancelled, not expired).
error_code expired_or_cancelled(const std::tuple<error_code>& waited) {
  const error_code& ec = std::get<0>(waited);
  return ec == asio::error::operation_aborted ? ec : error_code(asio::error::timed_out);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool header_safe(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

/// True when an idle connection still looks usable: nothing buffered, no EOF, error or unsolicited bytes pending.
bool looks_open(connection& conn) {
  tcp::socket& socket = conn.transport();
  if (conn.buffer.size() != 0 || !socket.is_open()) return false;
  char byte = 0;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

/// Errors meaning the server had already closed a reused connection.
bool closed_by_peer(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted ||
         ec == ssl::error::stream_truncated;
}

/// The wire request: caller headers plus Host, User-Agent and Content-Length.
request_message build_message(client_request& req, const client_url& url) {
  request_message message;
  message.method_string(req.method);
  message.target(url.target);
  message.version(11);
  for (const auto& [name, value] : req.headers) {
    if (name.empty() || !header_safe(name) || !header_safe(value)) {
      throw system_error(make_error_code(boost::system::errc::invalid_argument),
                         "invalid request header '" + name + "'");
    }
    message.insert(name, value);
  }
  if (message.find(bhttp::field::host) == message.end()) message.set(bhttp::field::host, url.host_header);
  if (message.find(bhttp::field::user_agent) == message.end()) message.set(bhttp::field::user_agent, user_agent);
  message.body() = std::move(req.body);
  message.prepare_payload();
  if (!req.body_tail.empty()) {
    std::uint64_t length = message.body().size();
    for (const auto& piece : req.body_tail) length += piece->size();
    message.content_length(length);
  }
  return message;
}

/// Enables certificate and host-name (or IP) verification for `host`; sends SNI for names. False when OpenSSL
/// refuses the name.
bool verify_peer_as(ssl::stream<tcp::socket>& stream, const std::string& host) {
  SSL* handle = stream.native_handle();
  X509_VERIFY_PARAM* param = SSL_get0_param(handle);
  error_code not_ip;
  (void)asio::ip::make_address(host, not_ip);
  bool ok = false;
  if (!not_ip) {
    ok = X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
  } else {
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    ok = SSL_set_tlsext_host_name(handle, host.c_str()) == 1 && SSL_set1_host(handle, host.c_str()) == 1;
  }
  if (!ok) return false;
  stream.set_verify_mode(ssl::verify_peer);
  return true;
}

/// "TLS handshake with <origin>" plus OpenSSL's verification verdict when the certificate was refused.
std::string handshake_failure(ssl::stream<tcp::socket>& stream, const std::string& origin) {
  std::string what = "TLS handshake with " + origin;
  const long verdict = SSL_get_verify_result(stream.native_handle());
  if (verdict != X509_V_OK) what += std::string(" (") + X509_verify_cert_error_string(verdict) + ")";
  return what;
}

/// Connects `socket` to the first reachable endpoint; reports through `ec`, never throws.
awaitable<void> connect_any(tcp::socket& socket, const std::vector<tcp::endpoint>& endpoints, error_code& ec) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto [connect_ec, endpoint] = co_await asio::async_connect(socket, endpoints, asio::as_tuple(use_awaitable));
  (void)endpoint;
  ec = connect_ec;
}

/// Endpoints to try: the pinned addresses when given, else the URL host's (a literal, or a bounded lookup).
awaitable<boost::system::result<std::vector<tcp::endpoint>, client_failure>> endpoints_of(
    const client_url& url, const std::vector<asio::ip::address>& pinned) {
  std::vector<tcp::endpoint> endpoints;
  if (!pinned.empty()) {
    for (const auto& address : pinned) endpoints.emplace_back(address, url.port);
    co_return endpoints;
  }
  resolved_addresses addresses = co_await resolve_host(url.host);
  if (!addresses) co_return failure(addresses.error(), "resolve " + url.host);
  for (const auto& address : *addresses) endpoints.emplace_back(address, url.port);
  co_return endpoints;
}

/// The pool key: the origin, plus the pinned addresses when the request names them.
std::string pool_key(const client_url& url, const std::vector<asio::ip::address>& pinned) {
  std::string key = url.origin;
  for (const auto& address : pinned) key += " " + address.to_string();
  return key;
}

/// Writes the request: the message, then the shared tail pieces after its own body.
template <typename Stream>
awaitable<error_code> write_request(Stream& stream, const request_message& message, const shared_body& tail) {
  if (tail.empty()) {
    auto [ec, written] = co_await bhttp::async_write(stream, message, asio::as_tuple(use_awaitable));
    (void)written;
    co_return ec;
  }
  bhttp::request_serializer<bhttp::string_body, request_message::fields_type> serializer(message);
  auto [head_ec, head_written] = co_await bhttp::async_write_header(stream, serializer, asio::as_tuple(use_awaitable));
  (void)head_written;
  if (head_ec) co_return head_ec;
  if (co_await cancelled()) co_return asio::error::operation_aborted;
  std::vector<asio::const_buffer> pieces{asio::buffer(message.body())};
  for (const auto& piece : tail) pieces.push_back(asio::buffer(*piece));
  auto [ec, written] = co_await asio::async_write(stream, pieces, asio::as_tuple(use_awaitable));
  (void)written;
  co_return ec;
}

/// Reads the body into `sink` piece by piece until the message ends or the sink has had enough.
template <typename Stream>
awaitable<error_code> read_into_sink(Stream& stream, read_buffer& buffer, bhttp::response_parser<bhttp::string_body>& parser,
                                     const body_sink& sink, bool& stopped) {
  parser.body_limit(boost::none);
  while (!parser.is_done()) {
    if (co_await cancelled()) co_return asio::error::operation_aborted;
    auto [ec, read] = co_await bhttp::async_read_some(stream, buffer, parser, asio::as_tuple(use_awaitable));
    (void)read;
    if (ec) co_return ec;
    std::string& body = parser.get().body();
    if (body.empty()) continue;
    const bool more = sink(body);
    body.clear();
    if (!more) {
      stopped = true;
      break;
    }
  }
  co_return error_code{};
}

/// Writes the request and reads the response into `out` (its body, or into `handling.sink`).
template <typename Stream>
awaitable<exchange_result> exchange(Stream& stream, read_buffer& buffer, const request_message& message,
                                    const shared_body& tail, body_handling handling, client_response& out) {
  exchange_result result;
  result.ec = co_await write_request(stream, message, tail);
  if (result.ec) co_return result;
  if (co_await cancelled()) {
    result.ec = asio::error::operation_aborted;
    co_return result;
  }
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(max_header_bytes);
  parser.body_limit(handling.limit);
  if (message.method() == bhttp::verb::head) parser.skip(true);
  auto [head_ec, head_read] = co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(use_awaitable));
  (void)head_read;
  error_code read_ec = head_ec;
  if (!read_ec && !parser.is_done() && co_await cancelled()) read_ec = asio::error::operation_aborted;
  bool stopped = false;
  const bool streamed = handling.sink && parser.is_header_done() && parser.get().result_int() / 100 == 2;
  if (!read_ec && streamed) {
    read_ec = co_await read_into_sink(stream, buffer, parser, *handling.sink, stopped);
  } else if (!read_ec && !parser.is_done()) {
    auto [body_ec, read] = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(use_awaitable));
    (void)read;
    read_ec = body_ec;
  }
  result.got_bytes = parser.got_some() || buffer.size() != 0;
  if (read_ec) {
    result.ec = read_ec;
    co_return result;
  }
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  out.headers.clear();
  for (const auto& field : res) out.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
  out.body = std::move(res.body());
  result.reusable = !stopped && res.keep_alive() && !parser.need_eof() && buffer.size() == 0;
  if (buffer.size() == 0) buffer.shrink_to_fit();  // releases (and so wipes) the bytes just read
  co_return result;
}

}  // namespace

struct client::impl {
  impl(executor executor, client_options opts);

  /// attempt(), with an exception it lets out (an allocation failure, or one thrown by the caller's body sink)
  /// kept in `escaped` for the caller, so that the deadline race ends at once; never throws.
  awaitable<void> perform(const client_url& url, const request_message& message, const client_request& req,
                          client_result& out, std::exception_ptr& escaped);
  /// Runs the request on a pooled or new connection (one retry on a fresh one when a reused one was stale):
  /// the response or the transport failure lands in `out`. Stops at the next step once cancelled.
  awaitable<void> attempt(const client_url& url, const request_message& message, const client_request& req,
                          client_result& out);
  /// Opens a connection: resolve (unless `pinned`), TCP connect (bounded by connect_timeout), TLS handshake.
  awaitable<opened_connection> open(const client_url& url, const std::vector<asio::ip::address>& pinned);

  executor ex;
  client_options options;
  std::unique_ptr<reloading_tls_context> tls_context;  // rebuilt when the CA, certificate or key file changes
  client_pool<connection> pool;
  std::size_t opened = 0;
};

client::impl::impl(executor executor, client_options opts)
    : ex(std::move(executor)), options(std::move(opts)), pool(options.max_idle_per_host, options.idle_timeout) {
  if (options.cert_file.empty() != options.key_file.empty()) {
    throw std::invalid_argument("client_options: cert_file and key_file must be given together");
  }
  tls_context = std::make_unique<reloading_tls_context>(
      "client", ssl::context::tls_client, std::vector<std::string>{options.ca_file, options.cert_file, options.key_file},
      [ca = options.ca_file, cert = options.cert_file, key = options.key_file](ssl::context& ctx) {
        configure_client_tls(ctx, ca, cert, key);
      },
      options.tls_reload_interval);
}

awaitable<opened_connection> client::impl::open(const client_url& url, const std::vector<asio::ip::address>& pinned) {
  auto conn = std::make_unique<connection>(ex);
  if (url.tls) {
    conn->tls_context = tls_context->current();
    conn->tls = std::make_unique<ssl::stream<tcp::socket>>(ex, *conn->tls_context);
    if (!verify_peer_as(*conn->tls, url.host)) co_return failure(asio::error::invalid_argument, "TLS peer name '" + url.host + "'");
  }
  auto endpoints = co_await endpoints_of(url, pinned);
  if (!endpoints) co_return endpoints.error();
  if (co_await cancelled()) co_return failure(asio::error::operation_aborted, "connect to " + url.origin);
  asio::steady_timer timer(ex);
  timer.expires_after(options.connect_timeout);
  error_code connect_ec;
  auto winner = co_await (connect_any(conn->transport(), *endpoints, connect_ec) ||
                          timer.async_wait(asio::as_tuple(use_awaitable)));
  if (winner.index() == 1) co_return failure(expired_or_cancelled(std::get<1>(winner)), "connect to " + url.origin);
  if (connect_ec) co_return failure(connect_ec, "connect to " + url.origin);
  ++opened;
  error_code ignored;
  conn->transport().set_option(tcp::no_delay(true), ignored);
  if (conn->tls) {
    if (co_await cancelled()) co_return failure(asio::error::operation_aborted, "TLS handshake with " + url.origin);
    auto [handshake_ec] = co_await conn->tls->async_handshake(ssl::stream_base::client, asio::as_tuple(use_awaitable));
    if (handshake_ec) co_return failure(handshake_ec, handshake_failure(*conn->tls, url.origin));
  }
  co_return opened_connection(std::move(conn));
}

awaitable<void> client::impl::perform(const client_url& url, const request_message& message, const client_request& req,
                                      client_result& out, std::exception_ptr& escaped) {
  co_await asio::this_coro::throw_if_cancelled(false);
  try {
    co_await attempt(url, message, req, out);
  } catch (...) {
    escaped = std::current_exception();
  }
}

awaitable<void> client::impl::attempt(const client_url& url, const request_message& message, const client_request& req,
                                      client_result& out) {
  const body_handling handling{req.body_limit, req.on_body ? &req.on_body : nullptr};
  const std::vector<asio::ip::address>& pinned = req.connect_to;
  const std::string key = pool_key(url, pinned);
  bool fresh_only = false;
  for (;;) {
    std::unique_ptr<connection> conn;
    if (!fresh_only) conn = pool.take(key, looks_open);
    const bool reused = conn != nullptr;
    if (!conn) {
      opened_connection fresh = co_await open(url, pinned);
      if (!fresh) {
        out = fresh.error();
        co_return;
      }
      conn = std::move(*fresh);
    }
    exchange_result result;
    if (conn->tls) {
      result = co_await exchange(*conn->tls, conn->buffer, message, req.body_tail, handling, *out);
    } else {
      result = co_await exchange(conn->socket, conn->buffer, message, req.body_tail, handling, *out);
    }
    if (!result.ec) {
      if (result.reusable) pool.put(key, std::move(conn));
      co_return;
    }
    if (!reused || result.got_bytes || !closed_by_peer(result.ec)) {
      out = failure(result.ec, "HTTP exchange with " + url.origin);
      co_return;
    }
    fresh_only = true;
  }
}

client::client(executor ex, client_options options)
    : impl_(std::make_shared<impl>(std::move(ex), std::move(options))) {}

client::~client() = default;

awaitable<client_result> client::try_send(client_request req) {
  std::shared_ptr<impl> self = impl_;
  const client_url url = parse_client_url(req.url);
  const request_message message = build_message(req, url);
  for (auto& header : req.headers) crypto::wipe(header.second);  // the message holds its own (wiped) copy
  self->pool.sweep();
  asio::steady_timer deadline(self->ex);
  deadline.expires_after(req.timeout);
  client_result out;
  std::exception_ptr escaped;
  auto winner = co_await (self->perform(url, message, req, out, escaped) ||
                          deadline.async_wait(asio::as_tuple(use_awaitable)));
  if (escaped) std::rethrow_exception(escaped);
  if (winner.index() == 1) {
    co_return failure(expired_or_cancelled(std::get<1>(winner)), "HTTP request to " + url.origin);
  }
  co_return out;
}

awaitable<client_response> client::send(client_request req) {
  client_result out = co_await try_send(std::move(req));
  if (!out) throw system_error(out.error().code, out.error().what);
  co_return std::move(*out);
}

std::size_t client::connections_opened() const { return impl_->opened; }

void add_bearer(client_request& req, std::string_view token) {
  std::string authorization;
  authorization.reserve(7 + token.size());
  authorization.append("Bearer ").append(token);
  req.headers.emplace_back("authorization", std::move(authorization));
}

void throw_exception_from_error(const client_failure& f, const boost::source_location& loc) {
  boost::throw_exception(system_error(f.code, f.what), loc);
}

std::optional<std::string_view> client_response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace common::http
