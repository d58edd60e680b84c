// Council run use cases: start a run on a new message (every check first), and wait for a run's end.
#pragma once
#include "council/api.hpp"
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include "council/run/run_task.hpp"
#include <memory>
#include <string>

namespace council::domain {

/// Checks in order: `in.content` (invalid_input: absent, blank or too long), the caller's conversation
/// (conversation_not_found), the caller's monthly budget (budget_reached), the caller's runs in this process (too_many_runs), the caller's key (no_key,
/// key_disabled, invalid_token, key_service_unavailable) and custom endpoint (endpoint_refused); nothing is
/// written and no key is fetched before the cheaper checks pass. Then stores the question (conversation_not_found,
/// or too_many_runs counted across replicas), starts the run on `svc.io` and returns it; the run goes on whether
/// or not anyone follows it.
common::awaitable<outcome<std::shared_ptr<run::active_run>>> start_run(services& svc, caller who,
                                                                       std::string conversation_id, api::message_in in);
/// Waits until `started` ends: its answer, or the failure it ended with.
common::awaitable<outcome<values::council_answer>> run_answer(std::shared_ptr<run::active_run> started);

}  // namespace council::domain
