// bcrypt through libxcrypt: published vectors, our own hashes, the 72-byte rule, and the worker pool.
#include "auth/domain/passwords.hpp"
#include "support/run_sync.hpp"
#include <catch2/catch.hpp>
#include <thread>

using namespace auth;

TEST_CASE("bcrypt verifies published $2b$ vectors", "[auth][bcrypt]") {
  // Openwall crypt_blowfish test vector and pyca/bcrypt's $2b$ vector.
  CHECK(domain::bcrypt_verify("U*U", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  CHECK(domain::bcrypt_verify("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"));
  CHECK(domain::bcrypt_verify("Kk4DQuMMfZL9o", "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"));
  CHECK_FALSE(domain::bcrypt_verify("U*U*", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  CHECK_FALSE(domain::bcrypt_verify("U*U", "not-a-hash"));
  CHECK_FALSE(domain::bcrypt_verify("U*U", ""));
}

TEST_CASE("bcrypt hashes are $2b$ with the cost and a fresh salt; long passwords are never truncated",
          "[auth][bcrypt]") {
  std::string h1 = domain::bcrypt_hash("correct horse battery", 10);
  std::string h2 = domain::bcrypt_hash("correct horse battery", 10);
  CHECK(h1.rfind("$2b$10$", 0) == 0);
  CHECK(h1.size() == 60);
  CHECK(h1 != h2);
  CHECK(domain::bcrypt_verify("correct horse battery", h1));
  CHECK_FALSE(domain::bcrypt_verify("correct horse batterY", h1));

  std::string seventy_two(72, 'p');
  std::string h72 = domain::bcrypt_hash(seventy_two, 10);
  CHECK(domain::bcrypt_verify(seventy_two, h72));
  CHECK_FALSE(domain::bcrypt_verify(seventy_two + "extra", h72));  // bcrypt alone would accept this
}

TEST_CASE("the hasher runs bcrypt off the I/O thread and resumes on it", "[auth][bcrypt]") {
  // The io_context must outlive the hasher: a pool thread releases its handle on `io` just after resuming us.
  boost::asio::io_context io;
  domain::password_hasher hasher(10, 2);
  std::thread::id io_thread = std::this_thread::get_id();
  bool resumed_on_io = false;
  auto task = [&]() -> common::awaitable<bool> {
    std::string password = "s3cret-password";
    std::string hash = co_await hasher.hash(password);
    resumed_on_io = std::this_thread::get_id() == io_thread;
    std::string again = "s3cret-password";
    bool ok = co_await hasher.verify(again, hash);
    std::string wrong = "wrong-password";
    bool bad = co_await hasher.verify(wrong, hash);
    std::string any = "whatever-password";
    bool dummy = co_await hasher.verify_dummy(any);
    co_return ok && !bad && !dummy;
  };
  CHECK(test_support::run_sync(io, task()));
  CHECK(resumed_on_io);
}
