// SQL for run events: batched appends with their notification, replay after a sequence number, cancel requests.
#include "council/storage/run_event_store.hpp"
#include "common/pg/error.hpp"
#include "common/pg/rows.hpp"
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

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

}  // namespace

common::awaitable<bool> run_event_store::append(std::string run_id, int first_seq, std::vector<std::string> payloads) {
  boost::json::array texts;
  texts.reserve(payloads.size());
  for (auto& p : payloads) texts.emplace_back(std::move(p));
  pg::params p{pg::uuid(std::move(run_id)), pg::int4(first_seq), pg::jsonb(boost::json::serialize(texts)),
               pg::text(std::string(run_events_channel))};
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
