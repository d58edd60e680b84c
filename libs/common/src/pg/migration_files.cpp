// read_migration_files: directory scan, name and numbering checks, content and checksum.
#include "migration_files.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace common::pg {
namespace {

namespace fs = std::filesystem;

// Version of `NNNN_name.sql` (4 digits, a non-empty name), or 0 when the name does not fit.
int version_of(const std::string& file) {
  const std::string suffix = ".sql";
  if (file.size() <= 5 + suffix.size() || !file.ends_with(suffix) || file[4] != '_') return 0;
  int version = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(file[i]))) return 0;
    version = version * 10 + (file[i] - '0');
  }
  return version;
}

std::string four_digits(std::size_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read migration " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::vector<migration_file> read_migration_files(const std::string& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) throw std::runtime_error("migrations directory " + directory + " does not exist");
  std::vector<migration_file> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.ends_with(".sql")) continue;
    int version = version_of(name);
    if (version == 0) throw std::runtime_error("migration " + name + ": file names must be NNNN_name.sql, numbered from 0001");
    migration_file file;
    file.version = version;
    file.name = name;
    file.sql = read_all(entry.path());
    file.checksum = crypto::hex_encode(crypto::sha256(file.sql));
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.version != b.version ? a.version < b.version : a.name < b.name; });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i > 0 && files[i].version == files[i - 1].version)
      throw std::runtime_error("migration " + files[i].name + " duplicates the number of " + files[i - 1].name);
    if (files[i].version != static_cast<int>(i) + 1)
      throw std::runtime_error("migration " + files[i].name + " leaves a gap: expected number " + four_digits(i + 1) + " (numbering starts at 0001 without gaps)");
  }
  return files;
}

}  // namespace common::pg
