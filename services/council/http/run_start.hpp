// Every check made before a run starts (auth, conversation, content, run limit, key, endpoint), then the start.
#pragma once
#include "common/http/message.hpp"
#include "council/run/run_task.hpp"
#include "council/http/context.hpp"
#include <memory>
#include <optional>

namespace council::http {

/// A started run, or the response refusing it.
struct run_start_outcome {
  std::shared_ptr<run::active_run> run;
  std::optional<common::http::response> refusal;
};

/// Checks in order: bearer token (401), conversation id (404), JSON body and `content` (400/422),
/// ownership (404), the user's concurrent runs (429), the user's key (400 none or disabled) and
/// custom endpoint (400); then stores the question, spawns the detached run and returns it.
common::awaitable<run_start_outcome> start_run(context& ctx, common::http::request& req);

}  // namespace council::http
