// Gathers the export's files and packs them with the common ZIP writer; the manifest hashes what was packed.
#include "council/domain/data_export.hpp"
#include "common/core/time.hpp"
#include "common/core/zip_writer.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "council/domain/conversation_markdown.hpp"
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

namespace council::domain {
namespace json = boost::json;
namespace {

/// Packs `files` in order and appends manifest.json describing them.
class export_archive {
public:
  explicit export_archive(common::sys_time at) : zip_(at) {}

  void add(std::string name, std::string data) {
    json::object entry{{"name", name},
                       {"sha256", common::crypto::hex_encode(common::crypto::sha256(data))},
                       {"size", static_cast<std::uint64_t>(data.size())}};
    zip_.add(name, data);
    manifest_.push_back(std::move(entry));
  }

  std::string finish(const std::string& exported_at) {
    json::object manifest{{"exported_at", exported_at}, {"files", std::move(manifest_)}};
    zip_.add("manifest.json", json::serialize(manifest));
    return zip_.finish();
  }

private:
  common::zip::zip_writer zip_;
  json::array manifest_;
};

}  // namespace

common::awaitable<outcome<std::string>> export_data(services& svc, caller who) {
  auto account = co_await svc.accounts.fetch(who.token);
  if (!account) co_return account.error();
  std::vector<api::conversation_out> conversations = co_await svc.conversations.export_all(who.user_id);

  common::sys_time now = common::now_utc();
  std::string exported_at = common::format_rfc3339(now);
  export_archive archive(now);
  json::object account_file{{"exported_at", exported_at}};
  for (auto& [name, value] : *account) account_file.emplace(name, std::move(value));
  archive.add("account.json", json::serialize(account_file));
  json::object all{{"exported_at", exported_at}, {"conversations", json::value_from(conversations)}};
  archive.add("conversations.json", json::serialize(all));
  for (const api::conversation_out& c : conversations)
    archive.add("conversations/" + c.id + ".md", conversation_markdown(c));
  co_return archive.finish(exported_at);
}

}  // namespace council::domain
