// Council runs in schema council: the start (question stored, answer position reserved) and the end.
#pragma once
#include "common/pg/pool.hpp"
#include "council/errors.hpp"
#include "council/values/stored_message.hpp"
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace council::storage {

/// What starting a run recorded and read.
struct run_start {
  int assistant_position = 0;                       // where the answer will go
  bool first_answer = true;                         // no earlier assistant message: the title is due
  std::vector<values::stored_message> earlier;    // messages before this question, oldest first
};

/// Limits start() checks against the runs table, so they hold across replicas.
struct start_limits {
  int max_running = 2;                  // COUNCIL_MAX_RUNS_PER_USER
  long long running_window_seconds = 660;  // a "running" row older than this was left by a dead process
};

/// The finished run to store atomically.
struct run_finish {
  std::string run_id;
  std::string conversation_id;
  int assistant_position = 0;
  std::string stage1_json;
  std::string stage2_json;
  std::string stage3_json;
  std::string metadata_json;
  std::optional<std::string> title;  // set for the first answer
};

/// A run that ended without an answer (failed or cancelled), with the stages it finished.
struct run_end {
  std::string run_id;
  std::string conversation_id;
  int assistant_position = 0;
  std::string status;  // "failed" or "cancelled"
  std::string error;   // why (stored for failed runs)
  std::string stage1_json = "[]";
  std::string stage2_json = "[]";
  std::optional<std::string> metadata_json;  // set once stage 2 finished
  int last_seq = 0;                           // the seq its terminal event gets
};

/// What re-running the synthesis of a run starts from (its stored question and stages).
struct synthesis_start {
  int assistant_position = 0;
  std::string question;
  boost::json::value stage1;
  boost::json::value stage2;
  boost::json::value metadata;
  int last_seq = 0;  // the run's last stored event
};

/// Writes runs and their messages.
class run_store {
public:
  explicit run_store(common::pg::pool& db) : db_(db) {}
  /// In one transaction: locks the user's conversation, counts the user's runs in progress under a per-user
  /// advisory lock (refusing at `limits.max_running`), appends the question, reserves the next position for the
  /// answer and inserts the run (status running). conversation_not_found when the conversation does not exist or
  /// is not the user's; too_many_runs when the user already has `max_running` runs in progress (on any replica).
  common::awaitable<outcome<run_start>> start(std::string run_id, std::string conversation_id, std::string user_id,
                                              std::string question, start_limits limits);
  /// In one statement (one round trip, atomic): the assistant message (or, after a synthesis retry, its stage 3,
  /// metadata and status), the title (if any) and the run completed.
  /// conversation_deleted when the conversation was deleted meanwhile.
  common::awaitable<outcome<void>> finish(run_finish done);
  /// Marks the run failed with `error`.
  common::awaitable<void> fail(std::string run_id, std::string error);
  /// In one statement: the assistant message with the stages the run finished (a message already stored keeps
  /// its stages and takes the new status and error) and the run's status. Nothing when the conversation is gone.
  common::awaitable<void> end(run_end ended);
  /// The status ("running", "completed", "failed", "cancelled") of the user's run in that conversation, if any.
  common::awaitable<std::optional<std::string>> status(std::string run_id, std::string conversation_id,
                                                       std::string user_id);
  /// In one transaction: checks that the user's run in that conversation (run_not_found) failed or was cancelled
  /// after its stage 2 was stored (synthesis_refused, detail says why), then marks the run and its message running
  /// again and returns the stored stages.
  common::awaitable<outcome<synthesis_start>> claim_synthesis(std::string run_id, std::string conversation_id,
                                                              std::string user_id);
  /// Marks runs still "running" after `older_than_seconds` as failed (left by a stopped process).
  common::awaitable<long long> fail_stale(long long older_than_seconds);
  /// Marks the run failed as interrupted by a stopping service, unless it has finished meanwhile; true when marked.
  common::awaitable<bool> fail_interrupted(std::string run_id);

private:
  common::pg::pool& db_;
};

}  // namespace council::storage
