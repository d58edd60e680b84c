// The OpenAPI documents of proto/ as JSON, converted from YAML by python3-yaml and loaded once per process.
#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace openapi {

/// The three documents: auth-service's public API, council-service's public API, auth-service's internal API.
enum class api { auth, council, internal };

/// Where `which` lives, relative to the repository root (e.g. "proto/auth.openapi.yaml").
std::string document_path(api which);
/// The YAML document at `relative_path` (from the repository root) as JSON, read now (no cache).
/// Throws std::runtime_error when python3, python3-yaml or the file is missing.
boost::json::value load_openapi(const std::string& relative_path);
/// `which`, loaded on first use and kept for the life of the process (safe from several threads).
const boost::json::value& document(api which);

}  // namespace openapi
