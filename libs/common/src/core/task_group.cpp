// task_group: children spawned with their own cancellation signal; a timer wakes the joiner when the last ends.
#include "common/core/task_group.hpp"
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <list>

namespace common {

struct task_group::state {
  explicit state(executor ex) : ex(ex), all_done(ex) { all_done.expires_at(asio::steady_timer::time_point::max()); }

  void cancel_all() {
    cancelling = true;
    for (auto& c : children) {
      if (!c.finished) c.signal.emit(asio::cancellation_type::terminal);
    }
  }

  executor ex;
  asio::steady_timer all_done;
  struct child {
    asio::cancellation_signal signal;
    bool finished = false;
  };
  std::list<child> children;
  std::exception_ptr first_failure;
  bool cancelling = false;
};

task_group::task_group(executor ex) : state_(std::make_shared<state>(ex)) {}

task_group::~task_group() { state_->cancel_all(); }

void task_group::spawn(awaitable<void> child) {
  auto slot = state_->children.emplace(state_->children.end());
  // The signal is erased after the child's frame is gone (the completion runs inside it).
  auto done = [s = state_, slot](std::exception_ptr failure) {
    slot->finished = true;
    if (failure && !s->cancelling && !s->first_failure) s->first_failure = failure;
    asio::post(s->ex, [s, slot] {
      s->children.erase(slot);
      if (s->children.empty()) s->all_done.cancel();
    });
  };
  asio::co_spawn(state_->ex, std::move(child), asio::bind_cancellation_slot(slot->signal.slot(), std::move(done)));
}

awaitable<void> task_group::join() {
  std::shared_ptr<state> s = state_;
  while (!s->children.empty()) {
    boost::system::error_code ec;
    co_await s->all_done.async_wait(asio::redirect_error(use_awaitable, ec));
  }
  if (s->first_failure) std::rethrow_exception(std::exchange(s->first_failure, nullptr));
}

awaitable<void> task_group::cancel_and_join() {
  std::shared_ptr<state> s = state_;
  s->cancel_all();
  while (!s->children.empty()) {
    boost::system::error_code ec;
    co_await s->all_done.async_wait(asio::redirect_error(use_awaitable, ec));
  }
  s->first_failure = nullptr;
  s->cancelling = false;
}

void task_group::cancel() { state_->cancel_all(); }

std::size_t task_group::running() const {
  std::size_t n = 0;
  for (const auto& c : state_->children) n += c.finished ? 0 : 1;
  return n;
}

}  // namespace common
