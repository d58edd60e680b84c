// Typed parameter factories: each value in PostgreSQL's text input form, bytea as raw binary. text and jsonb
// values never carry U+0000 (PostgreSQL cannot store it): it becomes U+FFFD (nul_free.hpp).
#include "common/pg/param.hpp"
#include "nul_free.hpp"
#include <cstdio>

namespace common::pg {
namespace {

param typed(type_oid type, std::optional<std::string> value, bool binary = false) {
  param p;
  p.type = type;
  p.value = std::move(value);
  p.binary = binary;
  return p;
}

}  // namespace

param text(std::string value) { return typed(type_oid::text, without_nul(std::move(value))); }

param text(std::optional<std::string> value) {
  if (!value) return typed(type_oid::text, std::nullopt);
  return text(std::move(*value));
}

param text(const char* value) { return text(std::string(value)); }
param uuid(std::string value) { return typed(type_oid::uuid, std::move(value)); }
param uuid(const char* value) { return uuid(std::string(value)); }
param uuid(std::optional<std::string> value) { return typed(type_oid::uuid, std::move(value)); }
param int8(long long value) { return typed(type_oid::int8, std::to_string(value)); }

param int8(std::optional<long long> value) {
  if (!value) return typed(type_oid::int8, std::nullopt);
  return int8(*value);
}

param int4(int value) { return typed(type_oid::int4, std::to_string(value)); }

param float8(double value) {
  char digits[32];
  int n = std::snprintf(digits, sizeof digits, "%.17g", value);
  return typed(type_oid::float8, std::string(digits, static_cast<std::size_t>(n)));
}

param float8(std::optional<double> value) {
  if (!value) return typed(type_oid::float8, std::nullopt);
  return float8(*value);
}

param boolean(bool value) { return typed(type_oid::boolean, value ? "t" : "f"); }

param boolean(std::optional<bool> value) {
  if (!value) return typed(type_oid::boolean, std::nullopt);
  return boolean(*value);
}

param bytea(std::string_view bytes) { return typed(type_oid::bytea, std::string(bytes), true); }

param bytea(const std::string& bytes) { return bytea(std::string_view(bytes)); }

param bytea(const std::optional<std::string>& bytes) {
  if (!bytes) return typed(type_oid::bytea, std::nullopt, true);
  return bytea(std::string_view(*bytes));
}

param timestamptz(sys_time at) { return typed(type_oid::timestamptz, format_rfc3339(at)); }
param jsonb(std::string json_text) { return typed(type_oid::jsonb, json_without_nul(std::move(json_text))); }

}  // namespace common::pg
