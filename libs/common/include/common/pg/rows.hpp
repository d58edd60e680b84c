// Rows read into described structs by column name: each public member of T takes the column of its name.
#pragma once
#include "common/pg/result.hpp"
#include <boost/describe/members.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace common::pg {

namespace detail {
// Field readers by member type; the column's type decides the decoding: bytea columns give their bytes,
// timestamptz columns RFC 3339 UTC text (format_rfc3339), json/jsonb a parsed value. NULL into a
// non-optional member throws std::runtime_error naming the column.
void read_column(const result& r, int row, int col, std::string& out);
void read_column(const result& r, int row, int col, std::optional<std::string>& out);
void read_column(const result& r, int row, int col, long long& out);
void read_column(const result& r, int row, int col, std::optional<long long>& out);
void read_column(const result& r, int row, int col, int& out);
void read_column(const result& r, int row, int col, bool& out);
void read_column(const result& r, int row, int col, std::optional<double>& out);
void read_column(const result& r, int row, int col, boost::json::value& out);
}  // namespace detail

/// Every row of `r` as T (a BOOST_DESCRIBE_STRUCT); throws std::out_of_range when a member has no column.
template <typename T>
std::vector<T> rows_as(const result& r) {
  using members = boost::describe::describe_members<T, boost::describe::mod_public>;
  std::array<int, boost::mp11::mp_size<members>::value> columns{};
  std::size_t i = 0;
  boost::mp11::mp_for_each<members>([&](auto member) { columns[i++] = r.column(member.name); });
  std::vector<T> out;
  out.reserve(static_cast<std::size_t>(r.size()));
  for (int row = 0; row < r.size(); ++row) {
    T item{};
    i = 0;
    boost::mp11::mp_for_each<members>([&](auto member) { detail::read_column(r, row, columns[i++], item.*member.pointer); });
    out.push_back(std::move(item));
  }
  return out;
}

/// The first row of `r` as T, nullopt when there is none.
template <typename T>
std::optional<T> first_row_as(const result& r) {
  if (r.empty()) return std::nullopt;
  std::vector<T> all = rows_as<T>(r);
  return std::move(all.front());
}

}  // namespace common::pg
