// io_threads: one io_context per thread (concurrency hint 1: a context is only ever run by its own thread).
#include "common/core/io_threads.hpp"
#include "common/core/config.hpp"
#include <algorithm>

namespace common {

io_threads::io_threads(std::size_t count) {
  count = std::max<std::size_t>(count, 1);
  for (std::size_t i = 0; i < count; ++i) {
    contexts_.push_back(std::make_unique<asio::io_context>(1));
    work_.push_back(asio::make_work_guard(*contexts_.back()));
  }
}

io_threads::~io_threads() {
  stop();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void io_threads::run() {
  for (std::size_t i = 1; i < contexts_.size(); ++i) {
    threads_.emplace_back([context = contexts_[i].get()] { context->run(); });
  }
  contexts_[0]->run();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void io_threads::stop() {
  for (auto& context : contexts_) context->stop();
}

std::size_t io_threads_from_env() {
  const long long hardware = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<std::size_t>(config::get_int("IO_THREADS", std::min(hardware, 64LL), 1, 64));
}

}  // namespace common
