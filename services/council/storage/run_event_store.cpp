// SQL for run events: batched appends with their notification, replay after a sequence number, cancel requests.
#include "council/storage/run_event_store.hpp"
#include "common/pg/error.hpp"
#include "common/pg/rows.hpp"
#include <boost/json/serializer.hpp>

namespace council::storage {
namespace pg = common::pg;

namespace {

// $3 is a JSON array of the payload texts, kept in order by WITH ORDINALITY.
constexpr std::string_view append_sql =
    "WITH stored AS (INSERT INTO council.run_events (run_id, seq, payload) "
    "SELECT $1, $2 + (e.n - 1)::integer, e.payload FROM jsonb_array_elements_text($3) WITH ORDINALITY AS e(payload, n) "
    "RETURNING seq) "
    "SELECT pg_notify($4, $1::text || ' ' || max(seq)::text) FROM stored";
constexpr std::string_view after_sql =
    "SELECT seq, payload FROM council.run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq";
constexpr std::string_view cancel_sql = "SELECT pg_notify($2, $1::text)";

/// `texts` as the text of one JSON array of strings, each escaped straight into it (no JSON value in between).
std::string json_array_of(const std::vector<std::string_view>& texts) {
  std::size_t size = 2;
  for (const auto text : texts) size += text.size() + text.size() / 8 + 3;
  std::string out;
  out.reserve(size);
  out += '[';
  boost::json::serializer writer;
  char buffer[4096];
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ',';
    writer.reset(texts[i]);
    while (!writer.done()) out.append(writer.read(buffer, sizeof buffer));
  }
  out += ']';
  return out;
}

}  // namespace

common::awaitable<bool> run_event_store::append(std::string run_id, int first_seq, std::vector<std::string_view> payloads) {
  pg::params p = pg::params_of(pg::uuid(std::move(run_id)), pg::int4(first_seq), pg::jsonb(json_array_of(payloads)),
                               pg::text(std::string(run_events_channel)));
  try {
    co_await db_.query(append_sql, std::move(p));
    co_return true;
  } catch (const pg::error& e) {
    if (e.kind != pg::error_kind::foreign_key_violation) throw;
  }
  co_return false;
}

common::awaitable<std::vector<run_event>> run_event_store::after(std::string run_id, int after) {
  pg::params p{pg::uuid(std::move(run_id)), pg::int4(after)};
  pg::result r = co_await db_.query(after_sql, std::move(p));
  co_return pg::rows_as<run_event>(r);
}

common::awaitable<void> run_event_store::request_cancel(std::string run_id) {
  pg::params p{pg::uuid(std::move(run_id)), pg::text(std::string(run_cancel_channel))};
  co_await db_.query(cancel_sql, std::move(p));
}

}  // namespace council::storage
