// pool: bounded acquisition (reuse a healthy idle connection, open one below max_size, else wait).
#include "pool_core.hpp"
#include <algorithm>

namespace common::pg {

struct pool::impl : pool_core {
  using pool_core::pool_core;
};

std::size_t pool_share(std::size_t total, std::size_t threads) {
  if (threads == 0) threads = 1;
  return std::max<std::size_t>(1, (total + threads - 1) / threads);
}

pool::pool(executor ex, pool_options options) : impl_(std::make_shared<impl>(std::move(ex), std::move(options))) {}

pool::~pool() {
  impl_->closed = true;
  impl_->open -= impl_->idle.size();
  impl_->idle.clear();
  impl_->idle_count = 0;
}

awaitable<lease> pool::acquire() {
  std::shared_ptr<pool_core> core = impl_;
  clock::time_point deadline = clock::now() + core->options.acquire_timeout;
  auto lend = [&core](std::unique_ptr<connection> conn) {
    auto s = std::make_unique<lease::state>();
    s->owner = core;
    s->conn = std::move(conn);
    return lease(std::move(s));
  };
  for (;;) {
    while (!core->idle.empty()) {
      std::unique_ptr<connection> conn = std::move(core->idle.back());
      core->idle.pop_back();
      --core->idle_count;
      if (conn->reusable()) {
        lease borrowed = lend(std::move(conn));
        co_return borrowed;
      }
      --core->open;
    }
    if (core->open < core->options.max_size) {
      ++core->open;
      std::unique_ptr<connection> conn;
      std::exception_ptr failure;
      try {
        conn = co_await core->connect();
      } catch (...) {
        failure = std::current_exception();
      }
      if (failure) {
        --core->open;
        core->wake_one();
        std::rethrow_exception(failure);
      }
      lease borrowed = lend(std::move(conn));
      co_return borrowed;
    }
    if (clock::now() >= deadline) throw error(error_kind::pool_exhausted, "", "database pool exhausted");
    co_await core->wait_for_release(deadline);
  }
}

awaitable<result> pool::query(std::string_view sql, params p) {
  lease borrowed = co_await acquire();
  co_return co_await borrowed.query(sql, std::move(p));
}

awaitable<transaction> pool::begin(std::string_view begin_sql) {
  lease borrowed = co_await acquire();
  params none;
  co_await borrowed.query(begin_sql, std::move(none));
  co_return transaction(std::move(borrowed));
}

std::size_t pool::size() const { return impl_->open; }

std::size_t pool::idle() const { return impl_->idle_count; }

}  // namespace common::pg
