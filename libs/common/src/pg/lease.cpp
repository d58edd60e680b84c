// lease and transaction: statements on one borrowed connection, returned (or closed) when done.
#include "pool_core.hpp"
#include <stdexcept>

namespace common::pg {

lease::lease(std::unique_ptr<state> s) : s_(std::move(s)) {}

lease::lease(lease&&) noexcept = default;

lease& lease::operator=(lease&& other) noexcept {
  if (this != &other) {
    if (s_) s_->owner->give_back(std::move(s_->conn));
    s_ = std::move(other.s_);
  }
  return *this;
}

lease::~lease() {
  if (s_) s_->owner->give_back(std::move(s_->conn));
}

awaitable<result> lease::query(std::string_view sql, params p) {
  if (!s_) throw std::logic_error("pg::lease used after being moved from");
  std::string text(sql);
  co_return co_await s_->conn->query(std::move(text), std::move(p), s_->owner->options.query_timeout);
}

awaitable<void> lease::execute_script(std::string_view sql) {
  if (!s_) throw std::logic_error("pg::lease used after being moved from");
  std::string text(sql);
  co_await s_->conn->script(std::move(text), s_->owner->options.query_timeout);
}

transaction::transaction(lease l) : lease_(std::move(l)) {}

awaitable<result> transaction::query(std::string_view sql, params p) {
  if (done_) throw std::logic_error("pg::transaction used after commit");
  co_return co_await lease_.query(sql, std::move(p));
}

awaitable<void> transaction::commit() {
  if (done_) throw std::logic_error("pg::transaction committed twice");
  params none;
  co_await lease_.query("COMMIT", std::move(none));
  done_ = true;
}

}  // namespace common::pg
