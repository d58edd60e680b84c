// connection: libpq's asynchronous API (connect poll, prepare, send, flush, consume) driven by socket waits on Asio.
#include "connection.hpp"
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <cctype>
#include <cerrno>
#include <optional>
#include <sys/socket.h>
#include <vector>

namespace common::pg {
namespace {

using descriptor = asio::posix::stream_descriptor;

/// The largest statement or row a kept connection may have carried: libpq grows its send and receive buffers to
/// the largest message and never shrinks them, so past this the connection is closed instead of pooled.
constexpr std::size_t retained_buffer_limit = 512 * 1024;

/// True when a row of `res` is longer than retained_buffer_limit.
bool has_oversized_row(const PGresult* res) {
  const int rows = PQntuples(res);
  const int columns = PQnfields(res);
  for (int row = 0; row < rows; ++row) {
    std::size_t bytes = 0;
    for (int col = 0; col < columns; ++col) bytes += static_cast<std::size_t>(PQgetlength(res, row, col));
    if (bytes > retained_buffer_limit) return true;
  }
  return false;
}

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::string error_message(PGconn* conn) {
  std::string m = trimmed(PQerrorMessage(conn));
  return m.empty() ? "database connection failed" : m;
}

error error_of(const PGresult* res) {
  std::string sqlstate = trimmed(PQresultErrorField(res, PG_DIAG_SQLSTATE));
  std::string message = trimmed(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
  if (message.empty()) message = trimmed(PQresultErrorMessage(res));
  return error(kind_of_sqlstate(sqlstate), sqlstate, message);
}

// COMMIT (or END) of a transaction that had already failed succeeds with the tag ROLLBACK.
bool silently_rolled_back(std::string_view sql, const PGresult* res) {
  std::size_t start = sql.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string word;
  for (char c : sql.substr(start, 6)) word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  bool ends_transaction = word.starts_with("COMMIT") || word.starts_with("END");
  return ends_transaction && std::string_view(PQcmdStatus(const_cast<PGresult*>(res))) == "ROLLBACK";
}

void ignore_notice(void*, const char*) {}

// Beyond this many distinct statements a connection runs the rest unprepared (bounded server memory).
constexpr std::size_t max_prepared = 256;

}  // namespace

connection::connection(executor ex) : ex_(ex), socket_(ex) {}

connection::~connection() { close(); }

void connection::close() {
  if (socket_.is_open()) socket_.release();
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
  prepared_.clear();
}

void connection::fail(const char* sqlstate) {
  std::string message = error_message(conn_);
  close();
  throw error(error_kind::connection_lost, sqlstate, message);
}

void connection::time_out(const char* message) {
  close();
  throw error(error_kind::timeout, "57014", message);
}

void connection::attach_socket() {
  if (socket_.is_open()) socket_.release();
  int fd = PQsocket(conn_);
  if (fd < 0) fail("08006");
  socket_.assign(fd);
}

// Waits for the socket or the deadline in a parallel group (the loser is cancelled without an exception, so a
// query throws nothing on its normal path). A failed or cancelled wait closes the connection and throws.
awaitable<connection::readiness> connection::wait(wait_for what, asio::steady_timer& deadline) {
  namespace ex = asio::experimental;
  std::size_t first = 0;
  boost::system::error_code ready_ec;
  if (what == wait_for::read_or_write) {
    auto group = ex::make_parallel_group(socket_.async_wait(descriptor::wait_read, asio::deferred),
                                         socket_.async_wait(descriptor::wait_write, asio::deferred),
                                         deadline.async_wait(asio::deferred));
    auto [order, read_ec, write_ec, timer_ec] = co_await group.async_wait(ex::wait_for_one(), use_awaitable);
    first = order[0];
    ready_ec = first == 0 ? read_ec : first == 1 ? write_ec : timer_ec;
  } else {
    auto group = ex::make_parallel_group(
        socket_.async_wait(what == wait_for::read ? descriptor::wait_read : descriptor::wait_write, asio::deferred),
        deadline.async_wait(asio::deferred));
    auto [order, socket_ec, timer_ec] = co_await group.async_wait(ex::wait_for_one(), use_awaitable);
    first = order[0] == 0 ? (what == wait_for::read ? 0 : 1) : 2;
    ready_ec = order[0] == 0 ? socket_ec : timer_ec;
  }
  if (ready_ec) {
    close();
    throw boost::system::system_error(ready_ec);
  }
  co_return first == 0 ? readiness::readable : first == 1 ? readiness::writable : readiness::timed_out;
}

awaitable<void> connection::open(std::string conninfo, clock::duration timeout) {
  close();
  conn_ = PQconnectStart(conninfo.c_str());
  if (conn_ == nullptr) throw std::bad_alloc();
  if (PQstatus(conn_) == CONNECTION_BAD) fail("08001");
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  asio::steady_timer deadline(ex_, timeout);
  // libpq may switch sockets while connecting (another address, SSL retry): re-register each step.
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  while (status != PGRES_POLLING_OK) {
    if (status == PGRES_POLLING_FAILED) fail("08001");
    attach_socket();
    readiness ready = co_await wait(status == PGRES_POLLING_READING ? wait_for::read : wait_for::write, deadline);
    if (ready == readiness::timed_out) time_out("database connect timed out");
    socket_.release();
    status = PQconnectPoll(conn_);
  }
  if (PQsetnonblocking(conn_, 1) != 0) fail("08001");
  attach_socket();
}

awaitable<void> connection::flush(asio::steady_timer& deadline) {
  for (;;) {
    int pending = PQflush(conn_);
    if (pending == 0) co_return;
    if (pending < 0) fail("08006");
    readiness ready = co_await wait(wait_for::read_or_write, deadline);
    if (ready == readiness::timed_out) time_out("database query timed out");
    if (ready == readiness::readable && PQconsumeInput(conn_) == 0) fail("08006");
  }
}

awaitable<result> connection::collect(std::string_view sql, asio::steady_timer& deadline) {
  std::optional<error> failure;
  result last;
  for (;;) {
    while (PQisBusy(conn_) != 0) {
      readiness ready = co_await wait(wait_for::read, deadline);
      if (ready == readiness::timed_out) time_out("database query timed out");
      if (PQconsumeInput(conn_) == 0) fail("08006");
    }
    PGresult* raw = PQgetResult(conn_);
    if (raw == nullptr) break;
    result owned(raw);
    ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      if (silently_rolled_back(sql, raw) && !failure)
        failure.emplace(error_kind::other, "25P02", "transaction was rolled back because a statement in it failed");
      if (has_oversized_row(raw)) oversized_ = true;
      last = owned;
    } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      close();
      throw error(error_kind::other, "0A000", "COPY is not supported by common::pg");
    } else if (!failure) {
      failure = error_of(raw);
    }
  }
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = failure ? failure->what() : error_message(conn_);
    close();
    throw error(error_kind::connection_lost, failure && !failure->sqlstate.empty() ? failure->sqlstate : "08006", message);
  }
  if (failure) {
    // A statement cancelled on the server (statement_timeout) closes the connection like a client timeout.
    if (failure->kind == error_kind::timeout || failure->kind == error_kind::connection_lost) close();
    throw *failure;
  }
  co_return last;
}

awaitable<const std::string*> connection::prepared_name(const std::string& sql, const params& p,
                                                        asio::steady_timer& deadline) {
  std::string key = sql;
  key += '\0';
  std::vector<Oid> types;
  types.reserve(p.size());
  for (const auto& value : p) {
    types.push_back(static_cast<Oid>(value.type));
    key += std::to_string(types.back());
    key += ',';
  }
  if (auto found = prepared_.find(key); found != prepared_.end()) co_return &found->second;
  if (prepared_.size() >= max_prepared) co_return nullptr;
  std::string name = "council_" + std::to_string(prepared_.size() + 1);
  if (PQsendPrepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data()) == 0) {
    if (PQstatus(conn_) != CONNECTION_OK) fail("08006");
    throw error(error_kind::other, "", error_message(conn_));
  }
  co_await flush(deadline);
  co_await collect(sql, deadline);
  auto added = prepared_.emplace(std::move(key), std::move(name)).first;
  co_return &added->second;
}

awaitable<result> connection::query(std::string sql, params p, clock::duration timeout) {
  if (closed()) throw error(error_kind::connection_lost, "08003", "database connection is closed");
  asio::steady_timer deadline(ex_, timeout);
  const std::string* name = co_await prepared_name(sql, p, deadline);
  const int n = static_cast<int>(p.size());
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  std::vector<Oid> types;
  values.reserve(p.size());
  lengths.reserve(p.size());
  formats.reserve(p.size());
  types.reserve(p.size());
  std::size_t statement_bytes = sql.size();
  for (const auto& value : p) {
    statement_bytes += value.value ? value.value->size() : 0;
    values.push_back(value.value ? value.value->data() : nullptr);
    lengths.push_back(value.value ? static_cast<int>(value.value->size()) : 0);
    formats.push_back(value.binary ? 1 : 0);
    types.push_back(static_cast<Oid>(value.type));
  }
  if (statement_bytes > retained_buffer_limit) oversized_ = true;
  const int sent = name != nullptr
                       ? PQsendQueryPrepared(conn_, name->c_str(), n, values.data(), lengths.data(), formats.data(), 0)
                       : PQsendQueryParams(conn_, sql.c_str(), n, types.data(), values.data(), lengths.data(),
                                           formats.data(), 0);
  if (sent == 0) {
    if (PQstatus(conn_) != CONNECTION_OK) fail("08006");
    throw error(error_kind::other, "", error_message(conn_));
  }
  co_await flush(deadline);
  co_return co_await collect(sql, deadline);
}

awaitable<void> connection::script(std::string sql, clock::duration timeout) {
  if (closed()) throw error(error_kind::connection_lost, "08003", "database connection is closed");
  if (PQsendQuery(conn_, sql.c_str()) == 0) {
    if (PQstatus(conn_) != CONNECTION_OK) fail("08006");
    throw error(error_kind::other, "", error_message(conn_));
  }
  asio::steady_timer deadline(ex_, timeout);
  co_await flush(deadline);
  co_await collect(sql, deadline);
}

std::vector<notification> connection::take_notifications() {
  std::vector<notification> out;
  while (PGnotify* n = PQnotifies(conn_)) {
    out.push_back(notification{n->relname, n->extra != nullptr ? n->extra : ""});
    PQfreemem(n);
  }
  return out;
}

awaitable<std::vector<notification>> connection::notifications(clock::duration timeout) {
  if (conn_ == nullptr) fail("08003");
  std::vector<notification> out = take_notifications();
  if (!out.empty()) co_return out;
  asio::steady_timer deadline(ex_, timeout);
  readiness ready = co_await wait(wait_for::read, deadline);
  if (ready == readiness::timed_out) co_return out;
  if (PQconsumeInput(conn_) == 0) fail("08006");
  co_return take_notifications();
}

bool connection::reusable() const {
  if (oversized_) return false;
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
  // An idle connection has nothing to read; data or end-of-file means the server is hanging up.
  char byte = 0;
  ssize_t n = ::recv(PQsocket(conn_), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace common::pg
