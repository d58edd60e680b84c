// What tests/run provides to tests: the throwaway PostgreSQL, dev certificates, paths of built binaries.
#pragma once
#include <string>

namespace test_support {

/// Admin connection URL of the throwaway cluster (TEST_DATABASE_URL); fails the test run when unset.
std::string admin_database_url();
/// Directory made by deploy/local/make-certs (TEST_CERTS_DIR): ca.crt, council-client.crt, ...
std::string certs_dir();
/// `certs_dir() + "/" + name`.
std::string cert(const std::string& name);
/// Directory of the throwaway cluster (TEST_PG_DIR), for restarts via tests/pg-cluster.
std::string pg_dir();
/// Restarts the throwaway cluster (tests/pg-cluster restart), blocking until it accepts connections.
void restart_postgres();
/// Absolute path of a built executable, e.g. binary("services/auth/auth-service").
std::string binary(const std::string& relative_to_build_dir);
/// Repository root.
std::string source_dir();
/// Where tests write artifacts (TEST_OUTPUT_DIR, default <source>/test-output).
std::string output_dir();

}  // namespace test_support
