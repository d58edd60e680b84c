// Readiness probe: JWKS loaded, database round trip, auth service answering, revocation feed current.
#include "common/http/probes.hpp"
#include "common/pg/probe.hpp"
#include "council/http/handlers.hpp"

namespace council::http {
namespace {

awaitable<std::optional<std::string>> jwks_problem(access::token_verifier& tokens) {
  if (tokens.ready()) co_return std::nullopt;
  co_return "Token keys (JWKS) not loaded yet";
}

awaitable<std::optional<std::string>> auth_service_problem(access::token_verifier& tokens) {
  bool reachable = co_await tokens.source_reachable();
  if (reachable) co_return std::nullopt;
  co_return "Auth service unreachable (JWKS fetch failed)";
}

// A stale feed gets two poll intervals to be read again (the follower retries on its own thread), so a probe
// right after the auth service came back sees it current.
awaitable<std::optional<std::string>> revocation_problem(access::token_verifier& tokens,
                                                         common::clock::duration poll_interval) {
  const auto until = common::clock::now() + 2 * poll_interval;
  while (!tokens.revocations_current() && common::clock::now() < until) co_await common::sleep_for(poll_interval / 10);
  if (tokens.revocations_current()) co_return std::nullopt;
  co_return "Auth service revocation feed not read recently (REVOCATION_MAX_STALENESS)";
}

}  // namespace

awaitable<response> readyz(context& ctx, request&) {
  access::token_verifier& tokens = ctx.svc.tokens;
  common::pg::pool& db = ctx.db;
  common::clock::duration poll = ctx.svc.config.revocation_poll_interval;
  std::vector<common::http::readiness_check> checks{[&tokens] { return jwks_problem(tokens); },
                                                    [&db] { return common::pg::database_problem(db); },
                                                    [&tokens] { return auth_service_problem(tokens); },
                                                    [&tokens, poll] { return revocation_problem(tokens, poll); }};
  auto answer = co_await common::http::readyz_response(checks);
  co_return answer;
}

}  // namespace council::http
