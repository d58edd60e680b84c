// libxcrypt bcrypt calls and the worker pool that runs them.
#include "auth/domain/passwords.hpp"
#include "common/crypto/hash.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <crypt.h>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace auth::domain {
namespace {

std::string gensalt(int cost) {
  std::string random = common::crypto::random_bytes(16);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), random.data(), static_cast<int>(random.size()),
                       setting, sizeof setting) == nullptr)
    throw std::runtime_error("crypt_gensalt_rn failed");
  return setting;
}

/// crypt_rn with a heap-allocated, zeroed work area; empty string on failure.
std::string run_crypt(std::string_view password, const std::string& setting) {
  auto data = std::make_unique<crypt_data>();
  std::memset(data.get(), 0, sizeof(crypt_data));
  std::string phrase(password);
  const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  std::string result = (out != nullptr && out[0] != '*') ? std::string(out) : std::string();
  common::crypto::wipe(phrase);
  std::memset(data.get(), 0, sizeof(crypt_data));
  return result;
}

common::awaitable<std::string> hash_task(std::string password, int cost) {
  std::string out = bcrypt_hash(password, cost);
  common::crypto::wipe(password);
  co_return out;
}

common::awaitable<bool> verify_task(std::string password, std::string stored) {
  bool ok = bcrypt_verify(password, stored);
  common::crypto::wipe(password);
  co_return ok;
}

}  // namespace

std::string bcrypt_hash(std::string_view password, int cost) {
  std::string hashed = run_crypt(password, gensalt(cost));
  if (hashed.empty()) throw std::runtime_error("bcrypt hashing failed");
  return hashed;
}

bool bcrypt_verify(std::string_view password, std::string_view stored) {
  if (!stored.starts_with("$2")) return false;
  std::string computed = run_crypt(password, std::string(stored));
  bool acceptable = password.size() <= 72 && password.find('\0') == std::string_view::npos;
  return acceptable && !computed.empty() && common::crypto::constant_time_equal(computed, stored);
}

password_hasher::password_hasher(int cost, int threads)
    : pool_(static_cast<std::size_t>(threads)), cost_(cost), dummy_setting_(gensalt(cost)) {}

password_hasher::~password_hasher() {
  pool_.stop();
  pool_.join();
}

common::awaitable<std::string> password_hasher::hash(std::string password) {
  auto task = hash_task(std::move(password), cost_);
  std::string out = co_await boost::asio::co_spawn(pool_.get_executor(), std::move(task), common::use_awaitable);
  co_return out;
}

common::awaitable<bool> password_hasher::verify(std::string password, std::string stored) {
  auto task = verify_task(std::move(password), std::move(stored));
  bool ok = co_await boost::asio::co_spawn(pool_.get_executor(), std::move(task), common::use_awaitable);
  co_return ok;
}

common::awaitable<bool> password_hasher::verify_dummy(std::string password) {
  auto task = verify_task(std::move(password), dummy_setting_);
  co_await boost::asio::co_spawn(pool_.get_executor(), std::move(task), common::use_awaitable);
  co_return false;
}

}  // namespace auth::domain
