// Conversation use cases: the model list, and list / create / get / delete of the caller's conversations.
#pragma once
#include "council/api.hpp"
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include <string>
#include <vector>

namespace council::domain {

/// The configured models, the default selection and the default lead.
api::models_out list_models(const services& svc);
/// The caller's conversations, newest first.
common::awaitable<std::vector<api::conversation_summary>> list_conversations(services& svc, caller who);
/// A new empty conversation of the caller with the requested (or default) models and council settings.
/// invalid_input (detail: conversation_rules' sentence) for refused settings, then invalid_selection (the same) for
/// an unknown or too small selection; invalid_token when the caller's account
/// no longer exists.
common::awaitable<outcome<api::conversation_out>> create_conversation(services& svc, caller who, api::conversation_in in);
/// The caller's conversation `id` with its messages; conversation_not_found when `id` is not a UUID, does not
/// exist or is someone else's.
common::awaitable<outcome<api::conversation_out>> get_conversation(services& svc, caller who, std::string id);
/// Deletes the caller's conversation `id` with its messages and runs; conversation_not_found as for get.
common::awaitable<outcome<void>> delete_conversation(services& svc, caller who, std::string id);

}  // namespace council::domain
