// GET /api/export end to end: the archive unpacked and checked entry by entry (manifest hashes and sizes, the
// account part, the conversations against GET /api/conversations/{id}, the Markdown pages), nothing of another
// user and no key material; refusals without a token, with an ended session, and while auth cannot be reached.
#include "integration/council/council_fixture.hpp"
#include "common/core/uuid.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include "support/zip_reader.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key_a = "sk-or-v1-export-alpha-AAAAAAAAAAAA";
const std::string key_b = "sk-or-v1-export-bravo-BBBBBBBBBBBB";

/// The archive's entries by name (names are unique).
std::map<std::string, std::string> unpack(const std::string& archive) {
  std::map<std::string, std::string> files;
  for (auto& entry : test_support::read_zip(archive)) {
    CHECK((entry.flags & (1 << 11)) != 0);  // UTF-8 names
    CHECK(files.emplace(entry.name, std::move(entry.data)).second);
  }
  return files;
}

/// Info-ZIP's own verdict on the archive (a second, independent reader).
void check_with_unzip(const std::string& archive, const std::string& entry, const std::string& expected) {
  namespace fs = std::filesystem;
  REQUIRE(fs::exists("/usr/bin/unzip"));  // deploy/install-deps installs it
  fs::path file = fs::path(test_support::output_dir()) / ("export-" + common::random_uuid() + ".zip");
  {
    std::ofstream out(file, std::ios::binary);
    out.write(archive.data(), static_cast<std::streamsize>(archive.size()));
  }
  auto [tested, report] = test_support::run_command({"/usr/bin/unzip", "-t", file.string()});
  INFO(report);
  CHECK(tested == 0);
  CHECK(report.find("No errors detected") != std::string::npos);
  auto [extracted, text] = test_support::run_command({"/usr/bin/unzip", "-p", file.string(), entry});
  CHECK(extracted == 0);
  CHECK(text == expected);
  fs::remove(file);
}

std::set<std::string> actions_of(const json::value& account) {
  std::set<std::string> out;
  for (const auto& e : account.at("audit_events").as_array()) out.insert(field(e, "action"));
  return out;
}

}  // namespace

TEST_CASE("the export holds the user's account and conversations, with a manifest that matches every file",
          "[council][export][integration]") {
  council_fixture stack;
  auto token = stack.user("export-a@example.com", key_a);
  auto bob = stack.user("export-b@example.com", key_b);
  std::string full = stack.create_conversation(token);
  auto run = stack.ask(full, "Why is the sky blue?", token);
  INFO(stack.log());
  REQUIRE(run.status == 200);
  REQUIRE(run.types().back() == "complete");
  std::string empty = stack.create_conversation(token);
  std::string bobs = stack.create_conversation(bob);
  REQUIRE(stack.ask(bobs, "What does bob keep secret?", bob).status == 200);

  auto r = stack.call("GET", "/api/export", "", token);
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type") == "application/zip");
  CHECK(r.header("content-disposition") == "attachment; filename=\"council-export.zip\"");
  CHECK(r.header("cache-control") == "no-store");

  auto files = unpack(r.body);
  std::set<std::string> names;
  for (const auto& [name, _] : files) names.insert(name);
  CHECK(names == std::set<std::string>{"account.json", "conversations.json", "conversations/" + full + ".md",
                                       "conversations/" + empty + ".md", "manifest.json"});

  {  // the manifest lists every other file with its SHA-256 and size
    auto manifest = json::parse(files.at("manifest.json"));
    std::set<std::string> listed;
    for (const auto& f : manifest.at("files").as_array()) {
      std::string name = field(f, "name");
      INFO(name);
      REQUIRE(files.count(name) == 1);
      CHECK(field(f, "sha256") == common::crypto::hex_encode(common::crypto::sha256(files.at(name))));
      CHECK(f.at("size").to_number<std::size_t>() == files.at(name).size());
      listed.insert(name);
    }
    names.erase("manifest.json");
    CHECK(listed == names);
    CHECK(field(manifest, "exported_at").size() == 27);
  }

  {  // account.json has the profile, sessions, key metadata and audit events, and no key anywhere
    auto account = json::parse(files.at("account.json"));
    CHECK(field(account.at("profile"), "email") == "export-a@example.com");
    CHECK_FALSE(account.at("sessions").as_array().empty());
    REQUIRE(account.at("keys").as_array().size() == 1);
    CHECK(field(account.at("keys").as_array()[0], "provider") == "openrouter");
    auto actions = actions_of(account);
    for (const char* action : {"register", "key_saved", "key_released", "account_exported"}) {
      INFO(action);
      CHECK(actions.count(action) == 1);
    }
    for (const std::string& secret : {key_a, key_a.substr(0, 24), key_b}) CHECK(r.body.find(secret) == std::string::npos);
  }

  {  // conversations.json holds each conversation as GET /api/conversations/{id} answers it
    auto all = json::parse(files.at("conversations.json"));
    const auto& conversations = all.at("conversations").as_array();
    REQUIRE(conversations.size() == 2);
    CHECK(conversations[0] == stack.conversation(full, token));
    CHECK(conversations[1] == stack.conversation(empty, token));
    CHECK(conversations[0].at("messages").as_array().size() == 2);
    const auto& answer = conversations[0].at("messages").as_array()[1].as_object();
    CHECK(answer.at("stage1").as_array().size() == 3);
    CHECK(answer.at("stage2").as_array().size() == 3);
    CHECK(answer.at("metadata").at("aggregate_rankings").as_array().size() == 3);
  }

  {  // nothing of another user is in the archive
    CHECK(r.body.find(bobs) == std::string::npos);
    CHECK(r.body.find("export-b@example.com") == std::string::npos);
    CHECK(r.body.find("What does bob keep secret?") == std::string::npos);
  }

  {  // each conversation has a Markdown page with questions, final answers, stage-1 answers and rankings
    auto stored = stack.conversation(full, token);
    const auto& answer = stored.at("messages").as_array()[1];
    const std::string& page = files.at("conversations/" + full + ".md");
    INFO(page);
    CHECK(page.rfind("# " + field(stored, "title") + "\n", 0) == 0);
    CHECK(page.find("## Question 1\n\nWhy is the sky blue?\n") != std::string::npos);
    CHECK(page.find("### Final answer (" + lead_model + ")\n\n" + field(answer.at("stage3"), "response")) !=
          std::string::npos);
    CHECK(page.find("### Stage 1 answers") != std::string::npos);
    for (const auto& model : {alpha_model, beta_model, gamma_model}) CHECK(page.find("- **" + model + "**: ") != std::string::npos);
    CHECK(page.find("| Place | Model | Average rank | Rankings |") != std::string::npos);
    CHECK(page.find("** ranked: ") != std::string::npos);
    CHECK(files.at("conversations/" + empty + ".md").find("_No questions yet._") != std::string::npos);
    check_with_unzip(r.body, "conversations/" + full + ".md", page);
  }
}

TEST_CASE("the export is refused without a token and with an ended session", "[council][export][integration]") {
  council_fixture stack;
  auto token = stack.user("export-refused@example.com", "");

  auto anonymous = stack.call("GET", "/api/export");
  CHECK(anonymous.status == 401);
  CHECK(detail_of(anonymous) == "Not authenticated");
  CHECK(anonymous.header("www-authenticate") == "Bearer");

  auto fresh = stack.call("GET", "/api/export", "", token);
  REQUIRE(fresh.status == 200);
  auto files = unpack(fresh.body);
  CHECK(json::parse(files.at("conversations.json")).at("conversations").as_array().empty());
  CHECK(json::parse(files.at("account.json")).at("keys").as_array().empty());

  auto sessions = json_of(stack.auth.call("GET", "/api/auth/sessions", "", token)).as_array();
  REQUIRE(sessions.size() == 1);
  auto other = stack.auth.login("export-refused@example.com", "correct horse battery");
  REQUIRE(stack.auth.call("DELETE", "/api/auth/sessions/" + field(sessions[0], "id"), "", other.access).status == 200);
  auto revoked = stack.call("GET", "/api/export", "", token);
  CHECK(revoked.status == 401);
  CHECK(revoked.header("content-type") == "application/json");
  CHECK(revoked.body.find("export-refused@example.com") == std::string::npos);
  CHECK(stack.call("GET", "/api/export", "", other.access).status == 200);
}

TEST_CASE("the export answers 503 while the auth service's internal API cannot be reached", "[council][export][integration]") {
  council_fixture stack({{"AUTH_INTERNAL_URL", "https://127.0.0.1:" + std::to_string(test_support::free_port())}});
  auto token = stack.user("export-down@example.com", "");
  auto r = stack.call("GET", "/api/export", "", token);
  CHECK(r.status == 503);
  CHECK(detail_of(r) == "The account service is unavailable; please try again shortly");
}
