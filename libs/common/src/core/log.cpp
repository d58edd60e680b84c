// JSON-lines logger on stderr; one write() per line so lines never interleave.
#include "common/core/log.hpp"
#include "common/core/config.hpp"
#include "common/core/time.hpp"
#include <boost/json/serialize.hpp>
#include <atomic>
#include <string>
#include <unistd.h>

namespace common::log {
namespace {
std::string service_name = "council";
std::atomic<int> min_level{static_cast<int>(level::info)};
constexpr const char* names[] = {"debug", "info", "warn", "error"};
}  // namespace

level level_from_env(const char* name) {
  std::string text = config::get(name, "info");
  for (int i = 0; i < 4; ++i)
    if (text == names[i]) return static_cast<level>(i);
  throw config::config_error(std::string(name) + ": must be one of debug, info, warn, error");
}

void init(std::string_view service, level min) {
  service_name = std::string(service);
  min_level = static_cast<int>(min);
}

void write(level lvl, std::string_view msg, boost::json::object fields) {
  if (static_cast<int>(lvl) < min_level.load()) return;
  boost::json::object line;
  line["ts"] = format_rfc3339(now_utc());
  line["level"] = names[static_cast<int>(lvl)];
  line["service"] = service_name;
  line["msg"] = msg;
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line);
  text.push_back('\n');
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace common::log
