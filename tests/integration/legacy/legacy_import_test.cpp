// deploy/local/import-legacy against a real database of the Python app: accounts sign in with their old
// passwords, keys are released as they were, conversations arrive whole and in order (ownerless ones claimable),
// a dry run writes nothing, a second run imports nothing, a partial or unknown schema is refused by name, an
// undecryptable key is reported and skipped, and everything is audited.
#include "common/crypto/fernet.hpp"
#include "common/crypto/hash.hpp"
#include "integration/council/council_fixture.hpp"
#include "integration/legacy/legacy_database.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace council_test;
using legacy_test::bcrypt;
using legacy_test::legacy_database;
namespace json = boost::json;

namespace {

const std::string fernet_secret = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
const std::string other_secret = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
const std::string ada_id = "11111111-1111-4111-8111-111111111111";
const std::string bob_id = "22222222-2222-4222-8222-222222222222";
const std::string carol_id = "33333333-3333-4333-8333-333333333333";
const std::string dave_id = "44444444-4444-4444-8444-444444444444";
const std::string dave2_id = "55555555-5555-4555-8555-555555555555";
const std::string ada_key = "sk-or-v1-ada-0123456789abcdef";
const std::string carol_key = "sk-or-v1-carol-fedcba9876543210";

std::string token_for(const std::string& secret, const std::string& key) {
  return common::crypto::fernet_encrypt(common::crypto::parse_fernet_key(secret).value(), key, 1700000000,
                                        common::crypto::random_bytes(16));
}

/// The old app's data: three importable users (bcrypt $2b$, $2a$, and one without a password), two users whose
/// emails collide by case, keys (one made with another Fernet key), and conversations of every kind.
void fill(legacy_database& old) {
  old.add_user(ada_id, "ada@example.com", bcrypt("ada's old password", "$2b$"));
  old.add_user(bob_id, "Bob@example.com", bcrypt("bob's old password", "$2a$"));
  old.add_user(carol_id, "carol@example.com", std::nullopt);
  old.add_user(dave_id, "dave@example.com", bcrypt("dave's password", "$2b$"));
  old.add_user(dave2_id, "Dave@example.com", bcrypt("other dave", "$2b$"));
  old.add_key(ada_id, token_for(fernet_secret, ada_key), "...abcdef");
  old.add_key(bob_id, token_for(other_secret, "sk-or-v1-bob-unreadable"), "...adable");
  old.add_key(carol_id, token_for(fernet_secret, carol_key), "...543210");

  old.add_conversation("aaaaaaaa-0000-4000-8000-000000000001", ada_id, "Ada's question", R"(["m/zeta","m/alpha","m/mid"])",
                       "m/alpha");
  old.add_question("aaaaaaaa-0000-4000-8000-000000000001", 0, "What is a council?");
  std::string first = old.add_answer("aaaaaaaa-0000-4000-8000-000000000001", 1);
  old.add_stage1(first, "m/zeta", "zeta says");
  old.add_stage1(first, "m/alpha", "alpha says");
  old.add_stage1(first, "m/mid", "mid says");
  old.add_stage2(first, "m/zeta", "FINAL RANKING:\n1. Response B\n2. Response A\n3. Response C",
                 R"(["Response B","Response A","Response C"])");
  old.add_stage2(first, "m/alpha", "FINAL RANKING:\n1. Response B\n2. Response C\n3. Response A",
                 R"(["Response B","Response C","Response A"])");
  old.add_stage2(first, "m/mid", "FINAL RANKING:\n1. Response B\n2. Response A\n3. Response C",
                 R"(["Response B","Response A","Response C"])");
  old.add_stage3(first, "m/alpha", "A council is a group that answers together.");
  old.add_question("aaaaaaaa-0000-4000-8000-000000000001", 2, "And a second question?");
  std::string second = old.add_answer("aaaaaaaa-0000-4000-8000-000000000001", 3);
  old.add_stage1(second, "m/alpha", "second alpha");
  old.add_stage1(second, "m/zeta", "second zeta");
  old.add_stage2(second, "m/alpha", "FINAL RANKING:\n1. Response A\n2. Response B", R"(["Response A","Response B"])");
  old.add_stage3(second, "m/alpha", "Second synthesis.");

  old.add_conversation("aaaaaaaa-0000-4000-8000-000000000002", "", "From before accounts", "NULL", "NULL");
  old.add_question("aaaaaaaa-0000-4000-8000-000000000002", 0, "Old question");
  std::string old_answer = old.add_answer("aaaaaaaa-0000-4000-8000-000000000002", 1);
  old.add_stage1(old_answer, "m/one", "one");
  old.add_stage1(old_answer, "m/two", "two");
  old.add_stage2(old_answer, "m/one", "Looking at both.\nFINAL RANKING:\n1. Response B\n2. Response A", "NULL");

  old.add_conversation("aaaaaaaa-0000-4000-8000-000000000003", bob_id, "Bob's draft", R"(["m/a","m/b"])", "m/a");
  old.add_question("aaaaaaaa-0000-4000-8000-000000000003", 0, "Unanswered");

  old.add_conversation("aaaaaaaa-0000-4000-8000-000000000004", dave_id, "Dave's", R"(["m/a","m/b"])", "m/a");
  old.add_question("aaaaaaaa-0000-4000-8000-000000000004", 0, "Skipped with its owner");
}

/// A state directory like deploy/local/up's, pointing at the fixture's databases and keys.
struct import_run {
  council_fixture& stack;
  std::string state_dir;

  explicit import_run(council_fixture& s) : stack(s) {
    state_dir = test_support::output_dir() + "/legacy-state-" + stack.auth.database().name();
    std::filesystem::create_directories(state_dir);
    std::ofstream env(state_dir + "/stack.env");
    env << "AUTH_DATABASE_URL=" << stack.auth.environment().at("DATABASE_URL") << "\n"
        << "COUNCIL_DATABASE_URL=" << stack.environment().at("DATABASE_URL") << "\n"
        << "KEY_ENCRYPTION_KEYS=" << stack.auth.environment().at("KEY_ENCRYPTION_KEYS") << "\n";
  }
  ~import_run() { std::filesystem::remove_all(state_dir); }

  /// Runs the script with `args`; returns {exit status, output}.
  std::pair<int, std::string> operator()(std::vector<std::string> args, const std::string& secret = fernet_secret) {
    args.insert(args.begin(), test_support::source_dir() + "/deploy/local/import-legacy");
    return test_support::run_command(args, {{"COUNCIL_STATE_DIR", state_dir},
                                            {"BUILD_DIR", test_support::binary("")},
                                            {"LEGACY_API_KEY_ENCRYPTION_KEY", secret}});
  }

  /// A number from our database.
  long long count(const std::string& sql) const { return std::stoll(value(sql)); }
  /// One value from our database, without psql's line end.
  std::string value(const std::string& sql) const {
    std::string out = stack.auth.database().psql(sql);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }
  /// Everything the import writes, as one line, to compare before and after.
  std::string footprint() const {
    return value(
        "SELECT (SELECT count(*) FROM auth.users) || '/' || (SELECT count(*) FROM auth.provider_keys) || '/' || "
        "(SELECT count(*) FROM auth.audit_events) || '/' || (SELECT count(*) FROM council.conversations) || '/' || "
        "(SELECT count(*) FROM council.messages) || '/' || (SELECT count(*) FROM council.legacy_conversations)");
  }
};

json::value conversation_titled(council_fixture& stack, const std::string& token, const std::string& title) {
  auto list = stack.call("GET", "/api/conversations", "", token);
  REQUIRE(list.status == 200);
  json::value listed = json_of(list);
  for (const json::value& c : listed.as_array())
    if (field(c, "title") == title) return stack.conversation(std::string(field(c, "id")), token);
  FAIL("no conversation titled " << title);
  return nullptr;
}

std::string bcrypt_of(const legacy_database& old, const std::string& user_id) {
  std::string out = old.psql("SELECT password_hash FROM users WHERE id = '" + user_id + "'");
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string login_status(council_fixture& stack, const std::string& email, const std::string& password) {
  json::object body{{"email", email}, {"password", password}};
  return std::to_string(stack.auth.call("POST", "/api/auth/login", json::serialize(body)).status);
}

}  // namespace

TEST_CASE("import-legacy refuses a partial or unknown schema with a sentence naming what is missing",
          "[legacy][integration]") {
  council_fixture stack;
  import_run run(stack);
  std::string before = run.footprint();

  legacy_database partial;
  partial.psql("ALTER TABLE users DROP COLUMN password_hash; ALTER TABLE conversations DROP COLUMN lead_model; "
               "DROP TABLE stage3_synthesis;");
  auto [status, output] = run({"--from", partial.url()});
  CHECK(status == 1);
  CHECK_THAT(output, Catch::Contains("The legacy database lacks table stage3_synthesis and columns "
                                     "users.password_hash and conversations.lead_model of the Python app's schema; "
                                     "nothing was imported."));

  legacy_database newer(14);
  auto [newer_status, newer_output] = run({"--from", newer.url()});
  CHECK(newer_status == 1);
  CHECK_THAT(newer_output, Catch::Contains("The legacy database is at schema version 14, which this importer does not "
                                           "know (it reads versions 3 to 13); nothing was imported."));

  test_support::scratch_database empty;
  auto [empty_status, empty_output] = run({"--from", empty.admin_url()});
  CHECK(empty_status == 1);
  CHECK_THAT(empty_output, Catch::Contains("lacks tables schema_migrations, users, user_api_keys, conversations, "
                                           "messages, stage1_responses, stage2_rankings and stage3_synthesis"));
  CHECK(run.footprint() == before);
}

TEST_CASE("import-legacy moves users, keys and conversations over, once, and audits it", "[legacy][integration]") {
  council_fixture stack;
  import_run run(stack);
  legacy_database old;
  fill(old);
  std::string before = run.footprint();

  // A dry run reports and writes nothing.
  auto [dry_status, dry_output] = run({"--from", old.url(), "--dry-run"});
  INFO(dry_output);
  REQUIRE(dry_status == 0);
  CHECK_THAT(dry_output, Catch::Contains("Dry run: would import 3 user(s), 2 key(s) and 3 conversation(s) (7 messages); "
                                         "nothing was written."));
  CHECK_THAT(dry_output, Catch::Contains("signature does not match the given key"));
  CHECK(run.footprint() == before);

  // The import.
  auto [status, output] = run({"--from", old.url()});
  INFO(output);
  REQUIRE(status == 0);
  CHECK_THAT(output, Catch::Contains("Imported 3 user(s), 2 key(s) and 3 conversation(s) (7 messages) from the legacy "
                                     "database."));
  CHECK_THAT(output, Catch::Contains("of legacy user " + bob_id + " was skipped: the given Fernet key cannot decrypt it "
                                     "(signature does not match the given key)."));
  CHECK_THAT(output, Catch::Contains("User " + dave_id + " (dave@example.com) shares its address with another legacy "
                                     "user apart from letter case"));
  CHECK_THAT(output, Catch::Contains("Conversation aaaaaaaa-0000-4000-8000-000000000004 belongs to legacy user " +
                                     dave_id + ", who was not imported; it was skipped."));
  CHECK_THAT(output, Catch::Contains("User carol@example.com has no bcrypt password"));

  // Old passwords work ($2b$ and $2a$), hashes are stored unchanged; the password-less account cannot sign in.
  auto ada = stack.auth.login("ada@example.com", "ada's old password");
  auto bob = stack.auth.login("Bob@example.com", "bob's old password");
  CHECK(login_status(stack, "carol@example.com", "any password at all") == "401");
  CHECK(login_status(stack, "dave@example.com", "dave's password") == "401");
  CHECK(run.value("SELECT password_hash FROM auth.users WHERE email = 'ada@example.com'") ==
        bcrypt_of(old, ada_id));
  CHECK(run.value("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
                                   "FROM auth.users WHERE email = 'Bob@example.com'") == "2023-05-06 07:08:09.123456");

  // Keys: released as they were, hint kept; the undecryptable one is absent.
  auto released = stack.auth.internal_key("openrouter", ada.access);
  REQUIRE(released.status == 200);
  CHECK(field(json_of(released), "api_key") == ada_key);
  CHECK(stack.auth.internal_key("openrouter", bob.access).status == 404);
  CHECK(run.value("SELECT key_hint FROM auth.provider_keys k JOIN auth.users u ON u.id = k.user_id "
                                   "WHERE u.email = 'ada@example.com'") == "...abcdef");

  // Conversations: whole and in order, labels from the stage-1 insertion order, rankings recomputed.
  json::value c1 = conversation_titled(stack, ada.access, "Ada's question");
  CHECK(json::serialize(c1.at("models")) == R"(["m/zeta","m/alpha","m/mid"])");
  CHECK(field(c1, "lead_model") == "m/alpha");
  CHECK(field(c1, "created_at") == "2024-02-01T10:00:00.000000Z");
  const json::array& m = c1.at("messages").as_array();
  REQUIRE(m.size() == 4);
  CHECK(json::serialize(m[0]) == R"({"role":"user","content":"What is a council?"})");
  CHECK(json::serialize(m[1].at("stage1")) ==
        R"([{"model":"m/zeta","response":"zeta says"},{"model":"m/alpha","response":"alpha says"},)"
        R"({"model":"m/mid","response":"mid says"}])");
  CHECK(json::serialize(m[1].at("stage2").at(1)) ==
        R"({"model":"m/alpha","ranking":"FINAL RANKING:\n1. Response B\n2. Response C\n3. Response A",)"
        R"("parsed_ranking":["Response B","Response C","Response A"]})");
  CHECK(json::serialize(m[1].at("stage3")) ==
        R"({"model":"m/alpha","response":"A council is a group that answers together."})");
  const json::value& meta = m[1].at("metadata");
  CHECK(json::serialize(meta.at("label_to_model")) ==
        R"({"Response A":"m/zeta","Response B":"m/alpha","Response C":"m/mid"})");
  CHECK(json::serialize(meta.at("aggregate_rankings").at(0)) ==
        R"({"model":"m/alpha","average_rank":1,"rankings_count":3})");
  CHECK(meta.at("errors").as_array().empty());
  CHECK(meta.at("rankings_recomputed") == json::value(true));
  CHECK(json::serialize(m[2]) == R"({"role":"user","content":"And a second question?"})");
  CHECK(json::serialize(m[3].at("stage1")) ==
        R"([{"model":"m/alpha","response":"second alpha"},{"model":"m/zeta","response":"second zeta"}])");
  CHECK(json::serialize(conversation_titled(stack, bob.access, "Bob's draft").at("messages")) ==
        R"([{"role":"user","content":"Unanswered"}])");

  // The ownerless conversation is nobody's until claimed, as today.
  CHECK(run.count("SELECT count(*) FROM council.conversations WHERE user_id IS NULL") == 1);
  std::string ada_user = run.value("SELECT id FROM auth.users WHERE email = 'ada@example.com'");
  auto [claim_status, claim_output] = stack.run_cli({"claim-legacy", "--user-id", ada_user});
  CHECK(claim_status == 0);
  CHECK_THAT(claim_output, Catch::Contains("claimed 1 legacy conversation(s)"));
  json::value c2 = conversation_titled(stack, ada.access, "From before accounts");
  CHECK(field(c2, "lead_model") == "google/gemini-3-pro-preview");
  const json::value& old_answer = c2.at("messages").at(1);
  CHECK(json::serialize(old_answer.at("stage2").at(0).at("parsed_ranking")) == R"(["Response B","Response A"])");
  CHECK(json::serialize(old_answer.at("stage3")) == R"({"model":"google/gemini-3-pro-preview","response":""})");
  CHECK(field(old_answer.at("metadata").at("errors").at(0), "stage") == "stage3");

  // Audited: each account and key, the skipped key, both summaries, the conversations per owner.
  CHECK(run.count("SELECT count(*) FROM auth.audit_events WHERE action = 'legacy_import' AND outcome = 'success' "
                  "AND details ? 'legacy_user_id'") == 3);
  CHECK(run.count("SELECT count(*) FROM auth.audit_events WHERE action = 'key_saved' "
                  "AND details->>'source' = 'legacy-import'") == 2);
  CHECK(run.count("SELECT count(*) FROM auth.audit_events a JOIN auth.users u ON u.id = a.user_id "
                  "WHERE u.email = 'Bob@example.com' AND a.action = 'legacy_import' AND a.outcome = 'failure'") == 1);
  CHECK(run.count("SELECT count(*) FROM auth.audit_events WHERE action = 'legacy_import' AND user_id IS NULL "
                  "AND details->>'step' IN ('accounts', 'conversations')") == 2);
  CHECK(run.count("SELECT (details->>'conversations')::int FROM auth.audit_events a JOIN auth.users u "
                  "ON u.id = a.user_id WHERE u.email = 'ada@example.com' AND details->>'step' = 'conversations'") == 1);

  // A second run imports nothing and says so (its audit rows aside, nothing changes).
  std::string after_first = run.value(
      "SELECT (SELECT count(*) FROM auth.users) || '/' || (SELECT count(*) FROM auth.provider_keys) || '/' || "
      "(SELECT count(*) FROM council.conversations) || '/' || (SELECT count(*) FROM council.messages)");
  auto [again_status, again_output] = run({"--from", old.url()});
  INFO(again_output);
  CHECK(again_status == 0);
  CHECK_THAT(again_output, Catch::Contains("Nothing to import: everything in the legacy database was imported before"));
  CHECK_THAT(again_output, Catch::Contains("legacy users: 0 imported, 3 imported before"));
  CHECK(run.value(
            "SELECT (SELECT count(*) FROM auth.users) || '/' || (SELECT count(*) FROM auth.provider_keys) || '/' || "
            "(SELECT count(*) FROM council.conversations) || '/' || (SELECT count(*) FROM council.messages)") ==
        after_first);

  // With the right key for Bob's token (rotated), a later run imports just that key.
  auto [rerun_status, rerun_output] = run({"--from", old.url()}, other_secret);
  INFO(rerun_output);
  CHECK(rerun_status == 0);
  CHECK_THAT(rerun_output, Catch::Contains("Imported 0 user(s), 1 key(s) and 0 conversation(s)"));
  auto bob_key = stack.auth.internal_key("openrouter", bob.access);
  REQUIRE(bob_key.status == 200);
  CHECK(field(json_of(bob_key), "api_key") == "sk-or-v1-bob-unreadable");
}
