// Conversation use cases: model choice rules, ownership and the account-gone case, over conversation_store.
#include "council/domain/conversations.hpp"
#include "common/core/uuid.hpp"
#include "council/domain/conversation_rules.hpp"

namespace council::domain {

api::models_out list_models(const services& svc) {
  const values::model_catalog& m = svc.config.models;
  return api::models_out{m.models, m.default_models, m.lead_model};
}

common::awaitable<std::vector<api::conversation_summary>> list_conversations(services& svc, caller who) {
  auto list = co_await svc.conversations.list(std::move(who.user_id));
  co_return list;
}

common::awaitable<outcome<api::conversation_out>> create_conversation(services& svc, caller who, api::conversation_in in) {
  auto settings = choose_settings(std::move(in.system_prompt), in.temperature, in.max_tokens, in.exclude_self_votes);
  if (!settings) co_return fail(errc::invalid_input, settings.error());
  auto choice = choose_models(std::move(in.models), std::move(in.lead_model), svc.config.models);
  if (!choice) co_return fail(errc::invalid_selection, choice.error());
  api::conversation_head wanted;
  wanted.models = std::move(choice->models);
  wanted.lead_model = std::move(choice->lead_model);
  wanted.system_prompt = std::move(settings->system_prompt);
  wanted.temperature = settings->temperature;
  wanted.max_tokens = settings->max_tokens;
  wanted.exclude_self_votes = settings->exclude_self_votes;
  auto created = co_await svc.conversations.create(std::move(who.user_id), std::move(wanted));
  if (!created && created.error().code == errc::user_not_found) co_return fail(errc::invalid_token);
  if (!created) co_return created.error();
  api::conversation_out out;
  static_cast<api::conversation_head&>(out) = std::move(*created);
  co_return out;
}

common::awaitable<outcome<api::conversation_out>> get_conversation(services& svc, caller who, std::string id) {
  if (!common::is_uuid(id)) co_return fail(errc::conversation_not_found);
  auto found = co_await svc.conversations.find(id, std::move(who.user_id));
  if (!found) co_return fail(errc::conversation_not_found);
  api::conversation_out out;
  static_cast<api::conversation_head&>(out) = std::move(*found);
  boost::json::value messages = co_await svc.conversations.messages(std::move(id));
  out.messages = std::move(messages);
  co_return out;
}

common::awaitable<outcome<void>> delete_conversation(services& svc, caller who, std::string id) {
  if (!common::is_uuid(id)) co_return fail(errc::conversation_not_found);
  bool removed = co_await svc.conversations.remove(std::move(id), std::move(who.user_id));
  if (!removed) co_return fail(errc::conversation_not_found);
  co_return outcome<void>();
}

}  // namespace council::domain
