// Scratch copies of the dev certificates that a test rotates: replacement by rename, fresh leaves from the dev CA.
#pragma once
#include <openssl/ossl_typ.h>
#include <string>
#include <vector>

namespace test_support {

/// A temporary directory holding copies of files of certs_dir(); removed on destruction.
class cert_dir {
public:
  /// Copies `names` (e.g. "ca.crt", "auth-internal.key") from certs_dir().
  explicit cert_dir(const std::vector<std::string>& names);
  ~cert_dir();
  cert_dir(const cert_dir&) = delete;
  cert_dir& operator=(const cert_dir&) = delete;

  /// Path of `name` in this directory.
  std::string path(const std::string& name) const;
  /// Replaces `name` by a copy of `source` through a rename (a reader sees the old file or the new one).
  void replace(const std::string& name, const std::string& source);
  /// Replaces `name` by `text` likewise.
  void write(const std::string& name, const std::string& text);
  /// Issues every make-certs leaf again, signed by the same dev CA (deploy/local/make-certs on a copy of the CA),
  /// into a new directory and returns it; it is removed with this object.
  std::string issue_new_leaves();
  /// Replaces `leaf`.key then `leaf`.crt (e.g. "council-client") by those of `from_dir`, like make-certs does.
  void rotate(const std::string& leaf, const std::string& from_dir);

private:
  std::string dir_;
  std::vector<std::string> issued_;
};

/// SHA-256 of a certificate's DER encoding, in hex.
std::string fingerprint(X509* certificate);
/// fingerprint() of the first certificate of the PEM file `path` (throws when unreadable).
std::string fingerprint_of_file(const std::string& path);

}  // namespace test_support
