// Typed, read-only access to a PostgreSQL result (text format).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace common::pg {

/// Rows of one statement. Cheap to copy (shared).
class result {
public:
  result() = default;
  /// Takes ownership of a PGresult*.
  explicit result(void* pg_result);
  /// Number of rows.
  int size() const;
  bool empty() const { return size() == 0; }
  /// Rows affected by INSERT/UPDATE/DELETE.
  long long affected() const;
  /// True when the field is SQL NULL.
  bool is_null(int row, int col) const;
  /// Text of a field ("" for NULL).
  std::string_view text(int row, int col) const;
  /// Text of a field, nullopt for NULL.
  std::optional<std::string> opt_text(int row, int col) const;
  /// Integer field; throws std::runtime_error when it is not an integer.
  long long integer(int row, int col) const;
  /// Boolean field (`t`/`f`).
  bool boolean(int row, int col) const;
  /// Decoded `bytea` field (hex output format).
  std::string bytes(int row, int col) const;
  /// Index of a column by name; throws std::out_of_range when absent.
  int column(std::string_view name) const;
  /// Type OID of a column (see type_oid in param.hpp).
  unsigned column_type(int col) const;

private:
  std::shared_ptr<void> res_;
};

/// Encodes raw bytes as a `bytea` text parameter (`\x...`).
std::string bytea_param(std::string_view bytes);
/// A text parameter that is SQL NULL when `text` is empty (optional columns such as ip or user agent).
std::optional<std::string> null_if_empty(std::string text);

}  // namespace common::pg
