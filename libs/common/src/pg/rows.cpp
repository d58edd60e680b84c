// Column readers behind rows_as<T>(): decoding chosen by the C++ member type and the column's type OID.
#include "common/pg/rows.hpp"
#include "common/core/time.hpp"
#include "common/pg/param.hpp"
#include <boost/json/parse.hpp>
#include <cstdlib>
#include <stdexcept>

namespace common::pg::detail {
namespace {

bool is(const result& r, int col, type_oid type) { return r.column_type(col) == static_cast<unsigned>(type); }

void refuse_null(const result& r, int row, int col) {
  if (r.is_null(row, col)) throw std::runtime_error("pg result: column " + std::to_string(col) + " is NULL");
}

}  // namespace

void read_column(const result& r, int row, int col, std::string& out) {
  refuse_null(r, row, col);
  if (is(r, col, type_oid::bytea)) {
    out = r.bytes(row, col);
  } else if (is(r, col, type_oid::timestamptz)) {
    std::string_view pg_text = r.text(row, col);
    auto at = parse_pg_timestamp(pg_text);
    if (!at) throw std::runtime_error("pg result: column " + std::to_string(col) + " is not a timestamptz");
    out = format_rfc3339(*at);
  } else {
    out = r.text(row, col);
  }
}

void read_column(const result& r, int row, int col, std::optional<std::string>& out) {
  if (r.is_null(row, col)) {
    out.reset();
    return;
  }
  read_column(r, row, col, out.emplace());
}

void read_column(const result& r, int row, int col, long long& out) {
  refuse_null(r, row, col);
  out = r.integer(row, col);
}

void read_column(const result& r, int row, int col, std::optional<long long>& out) {
  if (r.is_null(row, col)) {
    out.reset();
    return;
  }
  out = r.integer(row, col);
}

void read_column(const result& r, int row, int col, int& out) {
  refuse_null(r, row, col);
  out = static_cast<int>(r.integer(row, col));
}

void read_column(const result& r, int row, int col, bool& out) {
  refuse_null(r, row, col);
  out = r.boolean(row, col);
}

void read_column(const result& r, int row, int col, std::optional<double>& out) {
  if (r.is_null(row, col)) {
    out.reset();
    return;
  }
  std::string digits(r.text(row, col));
  char* end = nullptr;
  double value = std::strtod(digits.c_str(), &end);
  if (digits.empty() || end != digits.c_str() + digits.size())
    throw std::runtime_error("pg result: column " + std::to_string(col) + " is not a number");
  out = value;
}

void read_column(const result& r, int row, int col, boost::json::value& out) {
  if (r.is_null(row, col)) {
    out = nullptr;
    return;
  }
  out = boost::json::parse(r.text(row, col));
}

}  // namespace common::pg::detail
