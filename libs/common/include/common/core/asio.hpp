// Short names for the Asio coroutine vocabulary used across the project.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <chrono>

namespace common {
namespace asio = boost::asio;
template <typename T = void>
using awaitable = boost::asio::awaitable<T>;
using executor = boost::asio::any_io_executor;
using boost::asio::use_awaitable;
using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

/// Suspends the calling coroutine for `d` (a steady_timer wait).
awaitable<void> sleep_for(clock::duration d);
}  // namespace common
