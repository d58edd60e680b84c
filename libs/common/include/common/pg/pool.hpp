// Bounded pool of non-blocking libpq connections driven by the io_context; parameterised queries only,
// each statement prepared once per connection.
#pragma once
#include "common/core/asio.hpp"
#include "common/pg/error.hpp"
#include "common/pg/param.hpp"
#include "common/pg/result.hpp"
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace common::pg {

/// Pool settings.
struct pool_options {
  std::string conninfo;                               // libpq URI or key=value string
  std::size_t max_size = 10;
  clock::duration acquire_timeout = std::chrono::seconds(5);  // then error_kind::pool_exhausted
  clock::duration connect_timeout = std::chrono::seconds(5);
  clock::duration query_timeout = std::chrono::seconds(30);   // then error_kind::timeout, connection closed
};

class pool;

/// Where a statement can run: the pool (autocommit, one borrowed connection) or an open transaction. Storage
/// functions take it so that one use case can put several of them, and its audit row, in one transaction.
class queryable {
public:
  virtual ~queryable() = default;
  /// Runs one statement with $1..$n parameters.
  virtual awaitable<result> query(std::string_view sql, params p = {}) = 0;

protected:
  queryable() = default;
  queryable(const queryable&) = default;
  queryable& operator=(const queryable&) = default;
};

/// Each per-thread pool's share of the process's connection budget `total` (DB_POOL_SIZE) when `threads` I/O
/// threads each own a pool: total / threads rounded up, at least 1 (docs/architecture.md, "Threads").
std::size_t pool_share(std::size_t total, std::size_t threads);

/// One connection borrowed from the pool; returned on destruction unless it broke.
class lease {
public:
  lease(lease&&) noexcept;
  lease& operator=(lease&&) noexcept;
  ~lease();
  /// Runs one statement with $1..$n parameters (prepared on this connection the first time it is seen).
  awaitable<result> query(std::string_view sql, params p = {});
  /// Runs a multi-statement script without parameters (migrations).
  awaitable<void> execute_script(std::string_view sql);

private:
  friend class pool;
  struct state;
  explicit lease(std::unique_ptr<state> s);
  std::unique_ptr<state> s_;
};

/// A transaction on a leased connection. Destroyed without commit(): the connection is
/// closed (the server rolls back) rather than returned.
class transaction final : public queryable {
public:
  transaction(transaction&&) noexcept = default;
  transaction& operator=(transaction&&) noexcept = default;
  /// Runs one statement inside the transaction.
  awaitable<result> query(std::string_view sql, params p = {}) override;
  /// COMMIT; throws error (serialization_failure etc.) on failure.
  awaitable<void> commit();

private:
  friend class pool;
  explicit transaction(lease l);
  lease lease_;
  bool done_ = false;
};

/// The pool. Create one per I/O thread, share it by reference on that thread: all use is on the thread of its
/// executor, except size() and idle(), which any thread may read.
class pool final : public queryable {
public:
  pool(executor ex, pool_options options);
  ~pool();
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;

  /// Borrows a connection, opening one when below max_size, waiting up to acquire_timeout otherwise.
  awaitable<lease> acquire();
  /// acquire() + one statement.
  awaitable<result> query(std::string_view sql, params p = {}) override;
  /// acquire() + BEGIN (with `begin_sql`, e.g. "BEGIN ISOLATION LEVEL SERIALIZABLE").
  awaitable<transaction> begin(std::string_view begin_sql = "BEGIN");
  /// Open connections (busy + idle).
  std::size_t size() const;
  /// Idle connections.
  std::size_t idle() const;

private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace common::pg
