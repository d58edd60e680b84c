// The services' own serializers produce what proto/ documents: every DTO and stream event, converted to JSON
// exactly as the handlers do, is checked against its component schema (required fields and types).
#include "auth/api.hpp"
#include "council/api.hpp"
#include "council/values/council_answer.hpp"
#include "council/run/events.hpp"
#include "support/openapi_document.hpp"
#include "support/openapi_schema.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

namespace {
namespace json = boost::json;

void conforms(const json::value& doc, const std::string& schema, const json::value& value) {
  INFO(schema << " <- " << json::serialize(value));
  CHECK(openapi::schema_problems(doc, schema, value) == "");
}

council::values::run_metadata sample_metadata() {
  council::values::run_metadata m;
  m.label_to_model["Response A"] = "openai/gpt-5.1";
  m.aggregate_rankings.resize(1);
  m.errors.resize(2);
  m.errors[0].stage = "stage1";
  m.errors[0].status = 429;
  m.errors[1].stage = "title";
  return m;
}

}  // namespace

TEST_CASE("auth-service DTOs match proto/auth.openapi.yaml and proto/internal.openapi.yaml", "[contracts]") {
  const json::value& doc = openapi::document(openapi::api::auth);
  conforms(doc, "TokenResponse", json::value_from(auth::api::token_response{}));
  conforms(doc, "User", json::value_from(auth::api::user_out{}));
  auth::api::session_out session;
  conforms(doc, "Session", json::value_from(session));
  session.ip = "203.0.113.7";
  session.user_agent = "curl";
  conforms(doc, "Session", json::value_from(session));
  auth::api::key_out key;
  conforms(doc, "KeyMetadata", json::value_from(key));
  key.endpoint = "https://example.com/v1";
  key.last_used_at = "2026-11-22T03:17:13.315987Z";
  conforms(doc, "KeyMetadata", json::value_from(key));
  auth::api::audit_event_out event;
  event.details = json::object{};
  conforms(doc, "AuditEvent", json::value_from(event));
  conforms(doc, "StatusOk", json::value_from(auth::api::status_out{"ok"}));
  conforms(doc, "StatusDeleted", json::value_from(auth::api::status_out{"deleted"}));
  conforms(doc, "StatusPasswordReset", json::value_from(auth::api::status_out{"password reset"}));
  conforms(doc, "AuthConfig", json::value_from(auth::api::config_out{"invite"}));
  auth::api::admin_user_out account;
  conforms(doc, "AdminUser", json::value_from(account));
  account.last_login_at = "2026-11-22T03:17:13.315987Z";
  conforms(doc, "AdminUserList", json::value_from(auth::api::admin_users_out{{account}}));
  conforms(doc, "Invite", json::value_from(auth::api::invite_out{}));
  conforms(doc, "ResetLink", json::value_from(auth::api::reset_link_out{}));

  const json::value& internal = openapi::document(openapi::api::internal);
  auth::api::released_key_out released;
  conforms(internal, "ReleasedKey", json::value_from(released));
  released.endpoint = "https://example.com/v1";
  conforms(internal, "ReleasedKey", json::value_from(released));
}

TEST_CASE("council-service DTOs and stream events match proto/council.openapi.yaml", "[contracts]") {
  namespace cc = council::values;
  namespace events = council::run::events;
  const json::value& doc = openapi::document(openapi::api::council);
  conforms(doc, "ConversationSummary", json::value_from(council::api::conversation_summary{}));
  conforms(doc, "Models", json::value_from(council::api::models_out{}));
  json::value conversation = json::value_from(council::api::conversation_head{});
  conversation.as_object()["messages"] = json::array{};
  conforms(doc, "Conversation", conversation);

  cc::council_answer answer;
  answer.stage1.resize(2);
  answer.stage2.resize(1);
  answer.stage2[0].parsed_ranking = {"Response A", "Response B"};
  answer.metadata = sample_metadata();
  conforms(doc, "CouncilAnswer", json::value_from(answer));
  json::value assistant = json::value_from(answer);
  assistant.as_object()["role"] = "assistant";
  conforms(doc, "Message", assistant);

  std::vector<std::string> frames = {events::started("stage1_start"),
                                     events::stage1_complete(answer.stage1),
                                     events::stage2_complete(answer.stage2, answer.metadata),
                                     events::stage3_complete(answer.stage3),
                                     events::title_complete("A short title"),
                                     events::complete(answer.metadata),
                                     events::error("The council could not finish")};
  for (const auto& frame : frames) conforms(doc, "StreamEvent", json::parse(frame));
  conforms(doc, "Stage1Result", json::parse(frames[1]).at("data").at(0));
  conforms(doc, "Stage2Result", json::parse(frames[2]).at("data").at(0));
  conforms(doc, "Stage3Result", json::parse(frames[3]).at("data"));
}
