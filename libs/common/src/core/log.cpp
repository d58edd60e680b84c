// JSON-lines logger on stderr; one write() per line so lines never interleave (threads included).
#include "common/core/log.hpp"
#include "common/core/config.hpp"
#include "common/core/time.hpp"
#include <boost/json/serialize.hpp>
#include <boost/json/serializer.hpp>
#include <algorithm>
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

namespace {

bool is_base_key(std::string_view key) { return key == "ts" || key == "level" || key == "service" || key == "msg"; }

// Appends the JSON text of a serializer's input to `out` without an intermediate string.
void drain(boost::json::serializer& sr, std::string& out) {
  char chunk[512];
  while (!sr.done()) out.append(sr.read(chunk, sizeof chunk));
}

// The line as JSON: the base fields, then `fields` in order (a field named like a base field replaces it).
void format_line(std::string& out, level lvl, std::string_view msg, const boost::json::object& fields) {
  const bool overrides = std::any_of(fields.begin(), fields.end(), [](const auto& kv) { return is_base_key(kv.key()); });
  if (overrides) {
    boost::json::object line;
    line["ts"] = format_rfc3339(now_utc());
    line["level"] = names[static_cast<int>(lvl)];
    line["service"] = service_name;
    line["msg"] = msg;
    for (const auto& kv : fields) line[kv.key()] = kv.value();
    out = boost::json::serialize(line);
    return;
  }
  boost::json::serializer sr;
  out += "{\"ts\":\"";
  out += format_rfc3339(now_utc());
  out += "\",\"level\":\"";
  out += names[static_cast<int>(lvl)];
  out += "\",\"service\":";
  sr.reset(service_name);
  drain(sr, out);
  out += ",\"msg\":";
  sr.reset(msg);
  drain(sr, out);
  for (const auto& kv : fields) {
    out += ',';
    sr.reset(kv.key());
    drain(sr, out);
    out += ':';
    sr.reset(&kv.value());
    drain(sr, out);
  }
  out += '}';
}

}  // namespace

void write(level lvl, std::string_view msg, boost::json::object fields) {
  if (static_cast<int>(lvl) < min_level.load()) return;
  // Written straight into one reused buffer per thread: no JSON object per line (about half the cost).
  thread_local std::string text;
  text.clear();
  format_line(text, lvl, msg, fields);
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
