// Expected outcomes of the council service: one errc, carried in boost::system::result by every layer
// (storage, clients, run, use cases); http/responses.cpp is the one table mapping them to statuses.
#pragma once
#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <string>
#include <string_view>

namespace council {

/// Why something expected did not happen (infrastructure failures throw instead).
enum class errc {
  invalid_token = 1,        // no, malformed or refused bearer token (detail `Not authenticated` when absent)
  auth_keys_unavailable,    // the JWKS was never loaded, so no token can be checked yet
  revocations_stale,        // the auth service's revocation feed was not read recently, so no session can be trusted
  user_not_found,           // the user id names no account (deleted since its token was issued)
  conversation_not_found,   // no such conversation, or not the caller's
  invalid_selection,        // the model selection is refused; detail says why
  invalid_input,            // a request field is refused; detail names the field
  too_many_runs,            // the user already runs the maximum number of councils
  no_key,                   // the user has stored no provider key
  key_disabled,             // the user's provider key is disabled
  key_service_unavailable,  // the auth service did not release the key (down, or refused this service)
  endpoint_refused,         // the user's custom endpoint cannot be called; detail says why
  models_failed,            // no usable answer from the models (all of stage 1, or the lead); detail names them
  run_timed_out,            // the run's time limit passed before it could finish
  conversation_deleted,     // the conversation was deleted while its run was going on
  run_crashed,              // the run stopped on an internal error
  account_service_unavailable,  // the auth service did not hand over the account part of an export
  budget_reached,           // the user's spending this month is at or over their monthly budget; detail says so
  run_not_found,            // no such run in that conversation, or not the caller's
  run_finished,             // the run is no longer running (cancel)
  synthesis_refused,        // the run's synthesis cannot be re-run now; detail says why
  run_cancelled,            // the run was cancelled before it had an answer
};

/// The sentence of key_service_unavailable: the 503 detail, and the error stored with the run it refused.
inline constexpr std::string_view key_service_unavailable_detail = "The key service is unavailable; please try again shortly";

/// A refused outcome; `detail` replaces the default sentence of `code` when set.
struct failure {
  errc code;
  std::string detail;
};

/// Result of an operation that can be refused.
template <typename T>
using outcome = boost::system::result<T, failure>;

/// `failure` with `code` and an optional detail.
inline failure fail(errc code, std::string detail = {}) { return failure{code, std::move(detail)}; }

/// Lets outcome<T>::value() throw when called on a failure (a programming error).
[[noreturn]] void throw_exception_from_error(const failure& f, const boost::source_location& loc);

}  // namespace council
