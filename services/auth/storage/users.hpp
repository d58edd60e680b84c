// SQL of auth.users.
#pragma once
#include "auth/api.hpp"
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::storage {

/// What insert_invited_user did.
struct invited_user {
  enum class kind { created, unknown_code, used_up, expired, email_taken };
  kind what = kind::unknown_code;
  std::optional<domain::user_record> user;  // for kind::created
  std::string invite_id;                    // for kind::created
};

/// Inserts an account; nullopt when the email (case-insensitively) is taken.
common::awaitable<std::optional<domain::user_record>> insert_user(common::pg::queryable& db, std::string email,
                                                                  std::string password_hash);
/// The account of `email`, matched case-insensitively.
common::awaitable<std::optional<domain::user_record>> find_user_by_email(common::pg::queryable& db, std::string email);
/// The account with id `user_id` (a valid UUID).
common::awaitable<std::optional<domain::user_record>> find_user(common::pg::queryable& db, std::string user_id);
/// Replaces the password hash.
common::awaitable<void> set_password_hash(common::pg::queryable& db, std::string user_id, std::string password_hash);
/// Deletes the account (sessions, keys and council conversations cascade); false when absent.
common::awaitable<bool> delete_user(common::pg::queryable& db, std::string user_id);

/// In the caller's transaction `tx`: takes one use of the invite whose code hashes to `code_hash` (unexpired, uses
/// left) and inserts the account; the use is given back when the email is taken.
common::awaitable<invited_user> insert_invited_user(common::pg::transaction& tx, std::string email,
                                                    std::string password_hash, std::string code_hash);
/// Every account as admins see it, oldest first.
common::awaitable<std::vector<api::admin_user_out>> list_accounts(common::pg::queryable& db);
/// One account as admins see it (`user_id` a valid UUID).
common::awaitable<std::optional<api::admin_user_out>> find_account(common::pg::queryable& db, std::string user_id);
/// Sets the disabled flag; disabling also revokes every active session in the same statement. Returns the number
/// of sessions ended, nullopt when there is no such account.
common::awaitable<std::optional<long long>> set_disabled(common::pg::queryable& db, std::string user_id, bool disabled);
/// Sets the admin flag of an existing account.
common::awaitable<void> set_admin(common::pg::queryable& db, std::string user_id, bool admin);

}  // namespace auth::storage
