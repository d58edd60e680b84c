// Line and brace scanners behind the contract tests; deliberately small, and unit-tested on samples themselves.
#include "unit/contracts/contract_sources.hpp"
#include "support/environment.hpp"
#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace contracts {
namespace {

const std::regex path_key(R"re(^  ['"]?(/[^'":]*)['"]?:\s*$)re");
const std::regex method_key(R"re(^    (get|put|post|delete|patch|head|options):\s*$)re");
const std::regex add_call(R"re(add\(\s*"([A-Z]+)"\s*,\s*"([^"]*)")re");
const std::regex location_line(R"re(location\s+(=|\^~)\s+(\S+)\s*\{)re");
const std::regex proxy_pass(R"re(proxy_pass\s+https?://([A-Za-z0-9_]+))re");

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

/// Index just past the brace that closes the one opening at `open`; npos when unbalanced.
std::size_t block_end(const std::string& text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return i + 1;
  }
  return std::string::npos;
}

}  // namespace

operation_set openapi_operations(const std::string& yaml_text) {
  operation_set ops;
  std::istringstream in(yaml_text);
  std::string line, current;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && !std::isspace(static_cast<unsigned char>(line[0])) && line[0] != '#') {
      in_paths = line.rfind("paths:", 0) == 0;
      current.clear();
      continue;
    }
    if (!in_paths) continue;
    std::smatch m;
    if (std::regex_match(line, m, path_key)) current = m[1];
    else if (!current.empty() && std::regex_match(line, m, method_key)) ops.insert(upper(m[1]) + " " + current);
  }
  return ops;
}

operation_set route_table(const std::string& cpp_text, const std::string& function) {
  std::smatch m;
  const std::regex definition("\\brouter\\s+" + function + "\\s*\\([^)]*\\)\\s*\\{");
  if (!std::regex_search(cpp_text, m, definition))
    throw std::runtime_error("route table function not found: " + function);
  std::size_t open = static_cast<std::size_t>(m.position(0) + m.length(0)) - 1;
  std::size_t end = block_end(cpp_text, open);
  if (end == std::string::npos) throw std::runtime_error("unbalanced braces in " + function);
  std::string body = cpp_text.substr(open, end - open);
  operation_set ops;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), add_call); it != std::sregex_iterator(); ++it)
    ops.insert((*it)[1].str() + " " + (*it)[2].str());
  return ops;
}

std::map<std::string, std::string> gateway_locations(const std::string& nginx_text) {
  std::map<std::string, std::string> out;
  for (auto it = std::sregex_iterator(nginx_text.begin(), nginx_text.end(), location_line); it != std::sregex_iterator();
       ++it) {
    std::size_t open = static_cast<std::size_t>(it->position(0) + it->length(0)) - 1;
    std::size_t end = block_end(nginx_text, open);
    std::string body = nginx_text.substr(open, end == std::string::npos ? std::string::npos : end - open);
    std::smatch pass;
    std::string key = ((*it)[1].str() == "=" ? "=" : "^") + (*it)[2].str();
    out[key] = std::regex_search(body, pass, proxy_pass) ? pass[1].str() : "";
  }
  return out;
}

std::string gateway_upstream(const std::map<std::string, std::string>& locations, const std::string& path) {
  if (auto exact = locations.find("=" + path); exact != locations.end()) return exact->second;
  std::string best, upstream;
  for (const auto& [key, target] : locations) {
    std::string prefix = key.substr(1);
    if (key[0] == '^' && path.rfind(prefix, 0) == 0 && prefix.size() > best.size()) {
      best = prefix;
      upstream = target;
    }
  }
  return upstream;
}

std::string read_source(const std::string& relative_path) {
  std::ifstream in(test_support::source_dir() + "/" + relative_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative_path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string missing(const operation_set& a, const operation_set& b) {
  std::string out;
  for (const auto& op : a)
    if (!b.count(op)) out += "  " + op + "\n";
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace contracts
