// Expected outcomes of auth use cases: one errc, carried in boost::system::result.
#pragma once
#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <string>

namespace auth::domain {

/// Why a use case did not succeed (infrastructure failures throw instead).
enum class errc {
  invalid_credentials = 1,  // login: unknown email or wrong password
  email_taken,              // register: the email already has an account
  throttled,                // too many attempts; see failure::retry_after
  invalid_token,            // access or refresh token refused
  user_not_found,           // the token's user no longer exists
  session_not_found,        // not one of the user's active sessions
  wrong_password,           // password re-check failed
  key_not_found,            // no key stored for that provider
  key_disabled,             // the key exists but is disabled
  key_unreadable,           // the stored key cannot be decrypted (missing KEK or corrupt row)
  invalid_input,            // 422; detail names the field
  registration_closed,      // register: REGISTRATION_MODE=closed
  invite_refused,           // register in invite mode: the code is missing, unknown, used up or expired
  account_disabled,         // login: an admin disabled the account
  admin_only,               // the caller is not an admin
  cannot_disable_self,      // an admin tried to disable their own account
  reset_token_invalid,      // password reset: the token is unknown, used or expired
  key_rejected,             // the provider refused the key; detail names its reason
  key_check_failed,         // the provider could not check the key (unreachable, timed out, 5xx) or checks are off
  endpoint_refused,         // the key's custom endpoint may not be called
  password_required,        // a sensitive change (the custom endpoint) came without current_password
};

/// A refused outcome; `detail` replaces the default message when set.
struct failure {
  errc code;
  std::string detail;
  long long retry_after = 0;  // seconds, for errc::throttled
};

/// Result of a use case.
template <typename T>
using outcome = boost::system::result<T, failure>;

/// Lets outcome<T>::value() throw when called on a failure (a programming error).
[[noreturn]] void throw_exception_from_error(const failure& f, const boost::source_location& loc);

}  // namespace auth::domain
