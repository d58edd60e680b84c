// Council run use cases: start a run on a new message (every check first), wait for a run's end, follow a stored
// run, cancel a run, and re-run the synthesis of a run that failed or was cancelled.
#pragma once
#include "council/api.hpp"
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include "council/run/event_follower.hpp"
#include "council/run/run_task.hpp"
#include <memory>
#include <optional>
#include <string>

namespace council::domain {

/// Checks in order: `in.content` (invalid_input: absent, blank or too long), the caller's conversation
/// (conversation_not_found), the caller's monthly budget (budget_reached), the caller's runs in this process
/// (too_many_runs), the caller's key (no_key, key_disabled, invalid_token, key_service_unavailable) and custom
/// endpoint (endpoint_refused); nothing is written and no key is fetched before the cheaper checks pass, and no
/// refusal writes anything except key_service_unavailable, which stores the question with its run failed (an
/// assistant message without stages whose error is key_service_unavailable_detail). Then stores the question
/// (conversation_not_found, or too_many_runs counted across replicas), starts the run on `svc.io` and returns it;
/// the run goes on whether or not anyone follows it.
common::awaitable<outcome<std::shared_ptr<run::active_run>>> start_run(services& svc, caller who,
                                                                       std::string conversation_id, api::message_in in);
/// Waits until `started` ends: its answer, or the failure it ended with (run_cancelled when cancelled).
common::awaitable<outcome<values::council_answer>> run_answer(std::shared_ptr<run::active_run> started);

/// The caller's run to replay from after `last_event_id` (Last-Event-ID: a non-negative integer, absent = 0).
/// Checks in order: the run id (run_not_found unless a UUID), `last_event_id` (invalid_input), the caller's
/// conversation (conversation_not_found), the run in it (run_not_found, also for another user's run).
common::awaitable<outcome<run::stored_run>> find_run(services& svc, caller who, std::string conversation_id,
                                                    std::string run_id, std::optional<std::string> last_event_id);
/// Asks the replica running the caller's run to cancel it (NOTIFY): conversation_not_found, run_not_found, or
/// run_finished when the run is no longer running.
common::awaitable<outcome<api::cancel_out>> cancel_run(services& svc, caller who, std::string conversation_id,
                                                       std::string run_id);
/// Re-runs stage 3 alone on the stored stages of the caller's run. Checks in order: the run id (run_not_found),
/// `in.lead_model` (invalid_selection unless a configured model; default: the conversation's lead), the caller's
/// conversation (conversation_not_found), the caller's monthly budget (budget_reached), the caller's runs in this
/// process (too_many_runs), the key as
/// start_run does, then claims the run (run_not_found; synthesis_refused unless it failed or was cancelled with its
/// stage 2 stored, which also refuses a second synthesis under way). The run's events go on after its last one;
/// stage 3 is asked with the conversation's settings and its usage adds to the run's.
common::awaitable<outcome<std::shared_ptr<run::active_run>>> start_synthesis(services& svc, caller who,
                                                                             std::string conversation_id,
                                                                             std::string run_id, api::synthesis_in in);

}  // namespace council::domain
