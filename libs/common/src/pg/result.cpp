// result: text-format field access over a shared PGresult; bytea hex codec.
#include "common/pg/result.hpp"
#include "common/crypto/encoding.hpp"
#include <charconv>
#include <libpq-fe.h>
#include <stdexcept>

namespace common::pg {
namespace {

const PGresult* raw(const std::shared_ptr<void>& res) { return static_cast<const PGresult*>(res.get()); }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

result::result(void* pg_result) : res_(pg_result, [](void* r) { PQclear(static_cast<PGresult*>(r)); }) {}

int result::size() const { return res_ ? PQntuples(raw(res_)) : 0; }

long long result::affected() const {
  if (!res_) return 0;
  std::string_view tuples = PQcmdTuples(const_cast<PGresult*>(raw(res_)));
  long long n = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), n);
  return n;
}

bool result::is_null(int row, int col) const {
  if (row < 0 || row >= size() || col < 0 || col >= PQnfields(raw(res_)))
    throw std::out_of_range("pg result: no field at row " + std::to_string(row) + ", column " + std::to_string(col));
  return PQgetisnull(raw(res_), row, col) != 0;
}

std::string_view result::text(int row, int col) const {
  if (is_null(row, col)) return {};
  return {PQgetvalue(raw(res_), row, col), static_cast<std::size_t>(PQgetlength(raw(res_), row, col))};
}

std::optional<std::string> result::opt_text(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return std::string(text(row, col));
}

long long result::integer(int row, int col) const {
  std::string_view t = text(row, col);
  long long value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size())
    throw std::runtime_error("pg result: column " + std::to_string(col) + " is not an integer");
  return value;
}

bool result::boolean(int row, int col) const {
  std::string_view t = text(row, col);
  if (t == "t") return true;
  if (t == "f") return false;
  throw std::runtime_error("pg result: column " + std::to_string(col) + " is not a boolean");
}

std::string result::bytes(int row, int col) const {
  if (is_null(row, col)) return {};
  std::string_view t = text(row, col);
  if (!t.starts_with("\\x") || t.size() % 2 != 0)
    throw std::runtime_error("pg result: column " + std::to_string(col) + " is not bytea in hex format");
  std::string out;
  out.reserve(t.size() / 2 - 1);
  for (std::size_t i = 2; i < t.size(); i += 2) {
    int hi = hex_digit(t[i]);
    int lo = hex_digit(t[i + 1]);
    if (hi < 0 || lo < 0) throw std::runtime_error("pg result: column " + std::to_string(col) + " has an invalid hex digit");
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

int result::column(std::string_view name) const {
  int n = res_ ? PQnfields(raw(res_)) : 0;
  for (int i = 0; i < n; ++i)
    if (name == PQfname(raw(res_), i)) return i;
  throw std::out_of_range("pg result: no column named " + std::string(name));
}

unsigned result::column_type(int col) const {
  if (!res_ || col < 0 || col >= PQnfields(raw(res_))) throw std::out_of_range("pg result: no column " + std::to_string(col));
  return PQftype(raw(res_), col);
}

std::string bytea_param(std::string_view bytes) { return "\\x" + crypto::hex_encode(bytes); }

std::optional<std::string> null_if_empty(std::string text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace common::pg
