// Statement parameters sent with their PostgreSQL type (no casts in SQL text, no numbers spelled by hand).
#pragma once
#include "common/core/time.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace common::pg {

/// PostgreSQL type OIDs of the parameter types the services send.
enum class type_oid : unsigned {
  unknown = 0,  // the server infers the type from the statement
  boolean = 16,
  bytea = 17,
  int8 = 20,
  int4 = 23,
  text = 25,
  json = 114,
  float8 = 701,
  timestamptz = 1184,
  uuid = 2950,
  jsonb = 3802,
};

/// One parameter: its type, its value in text format (binary for bytea) and nullopt for SQL NULL.
/// Built by the typed factories below; a plain string converts to an untyped text parameter.
struct param {
  type_oid type = type_oid::unknown;
  std::optional<std::string> value;
  bool binary = false;

  param() = default;
  /// Untyped text (the server infers the type): for statements not yet written with typed parameters.
  param(std::string untyped) : value(std::move(untyped)) {}
  param(const char* untyped) : value(std::string(untyped)) {}
  param(std::optional<std::string> untyped) : value(std::move(untyped)) {}
  param(std::nullopt_t) {}
};

/// Parameters of one statement, $1..$n in order.
using params = std::vector<param>;

/// The parameters `each`, moved in (a braced list copies every value, which matters for long texts).
template <typename... Param>
params params_of(Param&&... each) {
  params out;
  out.reserve(sizeof...(each));
  (out.push_back(std::forward<Param>(each)), ...);
  return out;
}

/// text.
param text(std::string value);
param text(const char* value);
/// text, NULL when nullopt.
param text(std::optional<std::string> value);
/// uuid from its text form (the server refuses a malformed one with invalid_text_representation).
param uuid(std::string value);
param uuid(const char* value);
/// uuid, NULL when nullopt.
param uuid(std::optional<std::string> value);
/// int8 (bigint).
param int8(long long value);
/// int8, NULL when nullopt.
param int8(std::optional<long long> value);
/// int4 (integer).
param int4(int value);
/// float8 (double precision); e.g. seconds for make_interval(secs => $n).
param float8(double value);
/// float8, NULL when nullopt.
param float8(std::optional<double> value);
/// boolean.
param boolean(bool value);
/// boolean, NULL when nullopt.
param boolean(std::optional<bool> value);
/// bytea, sent in binary format (raw bytes, no hex).
param bytea(std::string_view bytes);
param bytea(const std::string& bytes);
/// bytea, NULL when nullopt.
param bytea(const std::optional<std::string>& bytes);
/// timestamptz from a UTC time point.
param timestamptz(sys_time at);
/// jsonb from its serialized text.
param jsonb(std::string json_text);

}  // namespace common::pg
