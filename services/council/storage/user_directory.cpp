// SQL of the admin-only account lookup used by claim-legacy --email.
#include "council/storage/user_directory.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace council::storage {
namespace pg = common::pg;

namespace {

constexpr std::string_view find_by_email_sql = "SELECT id FROM auth.users WHERE lower(email) = lower(btrim($1)) LIMIT 2";

struct user_row {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(user_row, (), (id))

}  // namespace

common::awaitable<std::optional<std::string>> find_user_id_by_email(pg::pool& admin, std::string email) {
  pg::params p{pg::text(std::move(email))};
  pg::result r = co_await admin.query(find_by_email_sql, std::move(p));
  std::vector<user_row> found = pg::rows_as<user_row>(r);
  if (found.size() != 1) co_return std::nullopt;
  co_return std::move(found.front().id);
}

}  // namespace council::storage
