// What a provider says about an API key (OpenRouter's GET /key), read into a verdict with the key's credit.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace auth::clients {

/// The outcome of one key check.
enum class key_verdict {
  accepted,          // the provider knows the key
  rejected,          // 401/403: the provider refused the key
  unavailable,       // no usable answer: unreachable, timed out, 5xx or any other status
  endpoint_refused,  // the key's custom endpoint may not be called (policy of common/http/endpoint_guard)
};

/// A verdict with what came with it.
struct key_check {
  key_verdict verdict = key_verdict::unavailable;
  std::string reason;           // rejected: the provider's message (else its status); otherwise what failed
  std::optional<double> limit;  // accepted: the key's credit limit, when the provider reports one
  std::optional<double> usage;  // accepted: the credit used so far, when reported
};

/// Reads an answer to GET {endpoint}/key: 200 is accepted with `limit` and `usage` from {"data": {...}}
/// (non-numbers are left empty); 401 and 403 are rejected with the sentence-safe message of
/// {"error": {"message"}} or "HTTP <status>"; every other status is unavailable.
key_check read_key_answer(int status, std::string_view body);

}  // namespace auth::clients
