// c-ares on Asio: each socket c-ares opens is watched with a posix::stream_descriptor (released, never closed,
// by us), c-ares' retransmission timer is a steady_timer, and the caller waits for the answer or its deadline.
#include "dns_lookup.hpp"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <ares.h>
#include <netinet/in.h>
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace common::http {
namespace {

using boost::system::error_code;
using namespace boost::asio::experimental::awaitable_operators;
namespace ip = boost::asio::ip;

void init_library_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) throw std::runtime_error("c-ares initialisation failed");
  });
}

/// One socket of the channel and what c-ares wants to know about it.
struct watched_socket {
  explicit watched_socket(const executor& ex, int fd) : descriptor(ex, fd) {}
  asio::posix::stream_descriptor descriptor;
  bool want_read = false;
  bool want_write = false;
  bool reading = false;
  bool writing = false;
  bool closed = false;
};

/// A lookup's channel and its Asio plumbing; lives on one thread, kept alive by its pending handlers.
struct lookup_state : std::enable_shared_from_this<lookup_state> {
  explicit lookup_state(const executor& executor) : ex(executor), retransmit(executor), finished(executor) {
    finished.expires_at(asio::steady_timer::time_point::max());
  }

  executor ex;
  ares_channel channel = nullptr;
  asio::steady_timer retransmit;  // fires when c-ares' next timeout is due
  asio::steady_timer finished;    // cancelled when the answer arrived
  std::map<int, std::shared_ptr<watched_socket>> sockets;
  bool done = false;
  dns_answer answer;

  /// Lets c-ares handle `read_fd`/`write_fd` (or only its timeouts), then re-arms every wait.
  void process(ares_socket_t read_fd, ares_socket_t write_fd) {
    if (!channel) return;
    ares_process_fd(channel, read_fd, write_fd);
    arm();
  }

  /// Starts the socket waits c-ares wants and sets the retransmission timer.
  void arm() {
    if (!channel || done) return;
    for (auto& [fd, socket] : sockets) {
      if (socket->want_read && !socket->reading) wait(fd, socket, asio::posix::descriptor_base::wait_read);
      if (socket->want_write && !socket->writing) wait(fd, socket, asio::posix::descriptor_base::wait_write);
    }
    timeval tv{};
    if (ares_timeout(channel, nullptr, &tv) == nullptr) return;
    retransmit.expires_after(std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec));
    retransmit.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->process(ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    });
  }

  void wait(int fd, const std::shared_ptr<watched_socket>& socket, asio::posix::descriptor_base::wait_type type) {
    const bool read = type == asio::posix::descriptor_base::wait_read;
    (read ? socket->reading : socket->writing) = true;
    socket->descriptor.async_wait(type, [self = shared_from_this(), socket, fd, read](error_code ec) {
      (read ? socket->reading : socket->writing) = false;
      if (ec || socket->closed) return;
      self->process(read ? fd : ARES_SOCKET_BAD, read ? ARES_SOCKET_BAD : fd);
    });
  }

  /// c-ares' socket state callback: a socket opened, changed interest, or is about to be closed.
  static void on_socket_state(void* data, ares_socket_t fd, int readable, int writable) {
    auto* self = static_cast<lookup_state*>(data);
    auto found = self->sockets.find(fd);
    if (!readable && !writable) {
      if (found == self->sockets.end()) return;
      found->second->closed = true;
      error_code ignored;
      found->second->descriptor.cancel(ignored);
      (void)found->second->descriptor.release();  // c-ares closes the descriptor itself
      self->sockets.erase(found);
      return;
    }
    if (found == self->sockets.end()) found = self->sockets.emplace(fd, std::make_shared<watched_socket>(self->ex, fd)).first;
    found->second->want_read = readable != 0;
    found->second->want_write = writable != 0;
  }

  /// c-ares' answer callback.
  static void on_answer(void* data, int status, int, ares_addrinfo* result) {
    auto* self = static_cast<lookup_state*>(data);
    if (status == ARES_SUCCESS && result) {
      int ttl = -1;
      for (ares_addrinfo_node* node = result->nodes; node; node = node->ai_next) {
        if (node->ai_family == AF_INET) {
          const auto* in = reinterpret_cast<const sockaddr_in*>(node->ai_addr);
          self->answer.addresses.emplace_back(ip::address_v4(ntohl(in->sin_addr.s_addr)));
        } else if (node->ai_family == AF_INET6) {
          const auto* in6 = reinterpret_cast<const sockaddr_in6*>(node->ai_addr);
          ip::address_v6::bytes_type bytes;
          std::copy_n(in6->sin6_addr.s6_addr, bytes.size(), bytes.begin());
          self->answer.addresses.emplace_back(ip::address_v6(bytes, in6->sin6_scope_id));
        } else {
          continue;
        }
        ttl = ttl < 0 ? node->ai_ttl : std::min(ttl, node->ai_ttl);
      }
      for (ares_addrinfo_cname* cname = result->cnames; cname; cname = cname->next) ttl = std::min(ttl, cname->ttl);
      self->answer.ttl = std::chrono::seconds(std::max(ttl, 0));
    }
    if (result) ares_freeaddrinfo(result);
    if (self->answer.addresses.empty()) {
      if (status == ARES_ENOTFOUND || status == ARES_ENODATA || status == ARES_SUCCESS) {
        self->answer.ec = asio::error::host_not_found;
      } else if (status == ARES_ETIMEOUT) {
        self->answer.ec = asio::error::timed_out;
      } else {
        self->answer.ec = asio::error::host_not_found_try_again;
      }
    }
    if (status == ARES_EDESTRUCTION) return;  // the lookup is being torn down; nobody waits
    self->done = true;
    self->finished.cancel();
  }

  /// Destroys the channel (its sockets are released first through on_socket_state) and stops the timers.
  void close() {
    if (!channel) return;
    ares_channel doomed = channel;
    channel = nullptr;
    ares_destroy(doomed);
    retransmit.cancel();
    for (auto& entry : sockets) {
      entry.second->closed = true;
      error_code ignored;
      entry.second->descriptor.cancel(ignored);
      (void)entry.second->descriptor.release();
    }
    sockets.clear();
  }
};

/// A channel whose sockets are reported to `state` (nullptr: no socket callback); throws on failure.
ares_channel make_channel(lookup_state* state, const std::string& servers_csv, clock::duration timeout) {
  init_library_once();
  ares_options options{};
  int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES;
  const auto per_try = std::chrono::duration_cast<std::chrono::milliseconds>(timeout / 2).count();
  options.timeout = static_cast<int>(std::clamp<long long>(per_try, 100, 30000));
  options.tries = 2;
  if (state) {
    mask |= ARES_OPT_SOCK_STATE_CB;
    options.sock_state_cb = &lookup_state::on_socket_state;
    options.sock_state_cb_data = state;
  }
  ares_channel channel = nullptr;
  if (int rc = ares_init_options(&channel, &options, mask); rc != ARES_SUCCESS)
    throw std::runtime_error(std::string("c-ares channel: ") + ares_strerror(rc));
  if (!servers_csv.empty()) {
    if (int rc = ares_set_servers_ports_csv(channel, servers_csv.c_str()); rc != ARES_SUCCESS) {
      ares_destroy(channel);
      throw std::invalid_argument(std::string("DNS servers '") + servers_csv + "': " + ares_strerror(rc));
    }
  }
  return channel;
}

}  // namespace

awaitable<dns_answer> dns_lookup(std::string host, std::string servers_csv, clock::duration timeout) {
  auto state = std::make_shared<lookup_state>(co_await asio::this_coro::executor);
  state->channel = make_channel(state.get(), servers_csv, timeout);
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  ares_getaddrinfo(state->channel, host.c_str(), nullptr, &hints, &lookup_state::on_answer, state.get());
  if (!state->done) {
    state->arm();
    asio::steady_timer deadline(state->ex);
    deadline.expires_after(timeout);
    co_await (state->finished.async_wait(asio::as_tuple(use_awaitable)) ||
              deadline.async_wait(asio::as_tuple(use_awaitable)));
  }
  const bool answered = state->done;
  state->close();
  if (!answered) {
    dns_answer late;
    late.ec = asio::error::timed_out;
    co_return late;
  }
  co_return std::move(state->answer);
}

std::string dns_servers_problem(const std::string& servers_csv) {
  try {
    ares_channel channel = make_channel(nullptr, servers_csv, std::chrono::seconds(1));
    ares_destroy(channel);
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace common::http
