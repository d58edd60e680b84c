// cert_dir: copies in a mkdtemp directory, write-then-rename replacement, make-certs for fresh leaves.
#include "support/cert_dir.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace test_support {
namespace fs = std::filesystem;

namespace {

std::string make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "council-certs.XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

}  // namespace

cert_dir::cert_dir(const std::vector<std::string>& names) : dir_(make_temp_dir()) {
  for (const auto& name : names) fs::copy_file(cert(name), path(name));
}

cert_dir::~cert_dir() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
  for (const auto& d : issued_) fs::remove_all(d, ignored);
}

std::string cert_dir::path(const std::string& name) const { return dir_ + "/" + name; }

void cert_dir::replace(const std::string& name, const std::string& source) {
  const std::string staged = path(name + ".staged");
  fs::copy_file(source, staged, fs::copy_options::overwrite_existing);
  fs::rename(staged, path(name));
}

void cert_dir::write(const std::string& name, const std::string& text) {
  const std::string staged = path(name + ".staged");
  std::ofstream(staged, std::ios::binary | std::ios::trunc) << text;
  fs::rename(staged, path(name));
}

std::string cert_dir::issue_new_leaves() {
  std::string fresh = make_temp_dir();
  issued_.push_back(fresh);
  for (const char* name : {"ca.crt", "ca.key", "foreign-ca.crt", "foreign-ca.key"}) {
    fs::copy_file(cert(name), fresh + "/" + name);
  }
  auto [status, output] = run_command({source_dir() + "/deploy/local/make-certs", fresh});
  if (status != 0) throw std::runtime_error("make-certs failed: " + output);
  return fresh;
}

void cert_dir::rotate(const std::string& leaf, const std::string& from_dir) {
  replace(leaf + ".key", from_dir + "/" + leaf + ".key");
  replace(leaf + ".crt", from_dir + "/" + leaf + ".crt");
}

std::string fingerprint(X509* certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!certificate || X509_digest(certificate, EVP_sha256(), digest, &size) != 1) return {};
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

std::string fingerprint_of_file(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "r"), &std::fclose);
  if (!file) throw std::runtime_error("cannot open " + path);
  std::unique_ptr<X509, void (*)(X509*)> certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!certificate) throw std::runtime_error("no certificate in " + path);
  return fingerprint(certificate.get());
}

}  // namespace test_support
