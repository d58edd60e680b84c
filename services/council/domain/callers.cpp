// Token check of every council use case: the verifier's verdict as an outcome.
#include "council/domain/callers.hpp"

namespace council::domain {

common::awaitable<outcome<caller>> authenticate(services& svc, std::string token) {
  constexpr std::size_t longest_token = 8192;
  if (token.empty() || token.size() > longest_token) co_return fail(errc::invalid_token);
  access::token_check check = co_await svc.tokens.verify(token);
  if (check.status == access::token_status::keys_unavailable) co_return fail(errc::auth_keys_unavailable);
  if (check.status == access::token_status::revocations_stale) co_return fail(errc::revocations_stale);
  if (check.status != access::token_status::valid) co_return fail(errc::invalid_token);
  co_return caller{std::move(check.user_id), std::move(token)};
}

}  // namespace council::domain
