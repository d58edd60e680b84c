// Unit tests of the revocation list, its follower and the verifier's use of it: revoked sessions refused (also from
// the verified-token cache), staleness fails closed, the cursor survives failed reads, entries expire.
#include "common/core/time.hpp"
#include "common/crypto/jwt.hpp"
#include "council/access/revocation_follower.hpp"
#include "council/access/token_verifier.hpp"
#include "support/run_sync.hpp"
#include <boost/json/object.hpp>
#include <catch2/catch.hpp>

using namespace council::access;
namespace jwt = common::jwt;
using namespace std::chrono_literals;

namespace {

const std::string user = "6f1c2a4e-3b5d-4c7e-9f10-1a2b3c4d5e6f";
const std::string session_a = "0b5a3d4e-1111-4222-8333-944455556661";
const std::string session_b = "0b5a3d4e-1111-4222-8333-944455556662";

struct signer {
  common::crypto::ed25519_private_key key = common::crypto::ed25519_private_key::generate();
  std::string token(const std::string& sid) const {
    long long now = common::unix_seconds();
    boost::json::object claims{{"iss", "council-auth"}, {"aud", "council"}, {"sub", user}, {"sid", sid},
                               {"jti", "j-" + sid}, {"iat", now}, {"exp", now + 900}};
    return jwt::sign(key, "k1", claims);
  }
};

/// A feed that answers `batches` in turn while `up`, recording the cursors it was asked with.
struct fake_feed {
  bool up = true;
  std::vector<revocation_batch> batches;
  std::vector<std::string> asked;
  revocation_fetcher fetcher() {
    return [this](std::string cursor) -> common::awaitable<std::optional<revocation_batch>> {
      asked.push_back(cursor);
      if (!up || batches.empty()) co_return std::nullopt;
      revocation_batch next = batches.front();
      batches.erase(batches.begin());
      co_return next;
    };
  }
};

}  // namespace

TEST_CASE("a revocation list is stale until its first read and again after max_staleness", "[council][revocations]") {
  revocation_list list(5s);
  auto t0 = common::clock::now();
  CHECK_FALSE(list.current(t0));
  list.mark_current(t0);
  CHECK(list.current(t0 + 5s));
  CHECK_FALSE(list.current(t0 + 6s));
}

TEST_CASE("revoked sessions are held for the retention, then forgotten", "[council][revocations]") {
  revocation_list list(5s);
  auto t0 = common::clock::now();
  list.apply({session_a}, 60s, t0);
  CHECK(list.revoked(session_a));
  CHECK_FALSE(list.revoked(session_b));
  list.apply({session_a}, 60s, t0 + 30s);  // seen again: kept until the later time
  list.apply({session_b}, 60s, t0 + 61s);
  CHECK(list.revoked(session_a));
  list.apply({}, 60s, t0 + 91s);
  CHECK_FALSE(list.revoked(session_a));
  CHECK(list.revoked(session_b));
  CHECK(list.size() == 1);
}

TEST_CASE("the follower advances the cursor only on success and resumes from it", "[council][revocations]") {
  boost::asio::io_context io;
  revocation_list list(5s);
  fake_feed feed;
  feed.batches = {{"100", 960, {session_a}}, {"120", 960, {session_b}}};
  auto fetch = feed.fetcher();
  std::string cursor;
  CHECK(test_support::run_sync(io, read_revocations_once(fetch, list, cursor)));
  CHECK(cursor == "100");
  CHECK(list.revoked(session_a));
  CHECK(list.current(common::clock::now()));
  feed.up = false;
  CHECK_FALSE(test_support::run_sync(io, read_revocations_once(fetch, list, cursor)));
  CHECK(cursor == "100");
  feed.up = true;
  CHECK(test_support::run_sync(io, read_revocations_once(fetch, list, cursor)));
  CHECK(cursor == "120");
  CHECK(list.revoked(session_b));
  CHECK(feed.asked == std::vector<std::string>{"", "100", "100"});
}

TEST_CASE("the verifier refuses revoked sessions, cached or not, and answers stale while the feed is silent",
          "[council][revocations]") {
  boost::asio::io_context io;
  signer s;
  jwt::key_set keys;
  keys.emplace("k1", s.key.public_raw());
  jwks_fetcher fetch = [&keys]() -> common::awaitable<std::optional<jwt::key_set>> { co_return keys; };
  revocation_list list(2s);
  token_verifier v(fetch, "council-auth", "council", 100, 5s, &list);
  test_support::run_sync(io, v.load_until_ready(1ms));
  auto a = s.token(session_a);
  auto b = s.token(session_b);

  CHECK(test_support::run_sync(io, v.verify(a)).status == token_status::revocations_stale);  // never read yet
  CHECK_FALSE(v.revocations_current());
  auto now = common::clock::now();
  list.mark_current(now);
  CHECK(test_support::run_sync(io, v.verify(a)).status == token_status::valid);
  CHECK(test_support::run_sync(io, v.verify(b)).status == token_status::valid);
  CHECK(v.cached() == 2);

  list.apply({session_a}, 960s, now);
  CHECK(test_support::run_sync(io, v.verify(a)).status == token_status::invalid);  // from the cache too
  CHECK(test_support::run_sync(io, v.verify(b)).status == token_status::valid);

  list.mark_current(now - 10s);
  CHECK(test_support::run_sync(io, v.verify(b)).status == token_status::revocations_stale);
  CHECK(test_support::run_sync(io, v.verify(a)).status == token_status::invalid);  // known revoked beats stale
  CHECK(test_support::run_sync(io, v.verify("garbage")).status == token_status::invalid);
}
