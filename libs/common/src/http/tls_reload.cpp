// Reloading TLS contexts: the watched files' identity is compared at most once per interval (or after SIGHUP);
// a changed set is built into a fresh context that replaces the shared pointer new connections take.
#include "tls_reload.hpp"
#include "common/core/log.hpp"
#include <sys/stat.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>

namespace common::http {
namespace {

std::atomic<std::uint64_t> reload_requests{0};

// One file's identity: device, inode, size, modification and status-change times; or why stat failed.
std::string identity_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return path + ":error " + std::strerror(errno) + "\n";
  return path + ":" + std::to_string(st.st_dev) + "," + std::to_string(st.st_ino) + "," + std::to_string(st.st_size) +
         "," + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "," +
         std::to_string(st.st_ctim.tv_sec) + "." + std::to_string(st.st_ctim.tv_nsec) + "\n";
}

boost::json::array paths_of(const std::vector<std::string>& files) {
  boost::json::array out;
  for (const auto& f : files) {
    if (!f.empty()) out.emplace_back(f);
  }
  return out;
}

}  // namespace

void request_tls_reload() { reload_requests.fetch_add(1, std::memory_order_relaxed); }

reloading_tls_context::reloading_tls_context(std::string name, boost::asio::ssl::context::method method,
                                             std::vector<std::string> files, builder build, clock::duration interval)
    : name_(std::move(name)), method_(method), files_(std::move(files)), build_(std::move(build)), interval_(interval) {
  loaded_ = signature();
  context_ = std::make_shared<boost::asio::ssl::context>(method_);
  build_(*context_);
  checked_ = clock::now();
  generation_ = reload_requests.load(std::memory_order_relaxed);
}

std::string reloading_tls_context::signature() const {
  std::string out;
  for (const auto& file : files_) {
    if (!file.empty()) out += identity_of(file);
  }
  return out;
}

std::shared_ptr<boost::asio::ssl::context> reloading_tls_context::current() {
  std::lock_guard lock(mutex_);
  const auto now = clock::now();
  const std::uint64_t generation = reload_requests.load(std::memory_order_relaxed);
  if (generation == generation_ && now - checked_ < interval_) return context_;
  checked_ = now;
  generation_ = generation;
  const std::string seen = signature();
  if (seen != loaded_ && seen != refused_) rebuild(seen);
  return context_;
}

void reloading_tls_context::rebuild(const std::string& seen) {
  auto fresh = std::make_shared<boost::asio::ssl::context>(method_);
  try {
    build_(*fresh);
  } catch (const std::exception& e) {
    refused_ = seen;
    log::error("tls reload failed, keeping the previous certificate",
               {{"context", name_}, {"files", paths_of(files_)}, {"error", e.what()}});
    return;
  }
  context_ = std::move(fresh);
  loaded_ = seen;
  refused_.clear();
  log::info("tls certificates reloaded", {{"context", name_}, {"files", paths_of(files_)}});
}

}  // namespace common::http
