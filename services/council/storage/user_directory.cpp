// SQL of the admin-only account lookup used by claim-legacy --email.
#include "council/storage/user_directory.hpp"

namespace council::storage {

common::awaitable<std::optional<std::string>> find_user_id_by_email(common::pg::pool& admin, std::string email) {
  common::pg::params p{email};
  auto r = co_await admin.query("SELECT id FROM auth.users WHERE lower(email) = lower(btrim($1)) LIMIT 2", std::move(p));
  if (r.size() != 1) co_return std::nullopt;
  co_return std::string(r.text(0, 0));
}

}  // namespace council::storage
