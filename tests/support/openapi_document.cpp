// Loads proto/*.openapi.yaml through python3-yaml (slow, so each document is read once per process).
#include "support/openapi_document.hpp"
#include "support/environment.hpp"
#include <boost/json/parse.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace openapi {
namespace json = boost::json;

std::string document_path(api which) {
  switch (which) {
    case api::auth: return "proto/auth.openapi.yaml";
    case api::council: return "proto/council.openapi.yaml";
    case api::internal: return "proto/internal.openapi.yaml";
  }
  throw std::invalid_argument("unknown OpenAPI document");
}

json::value load_openapi(const std::string& relative_path) {
  std::string path = test_support::source_dir() + "/" + relative_path;
  std::string command = "python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)' '" +
                        path + "' 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot run python3");
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) out.append(buffer, n);
  boost::system::error_code ec;
  json::value doc = json::parse(out, ec);
  if (ec || !doc.is_object())
    throw std::runtime_error("cannot load " + relative_path + " (python3 and python3-yaml needed): " + out.substr(0, 300));
  return doc;
}

const json::value& document(api which) {
  static std::mutex guard;
  static std::map<api, json::value> loaded;
  std::lock_guard lock(guard);
  auto found = loaded.find(which);
  if (found == loaded.end()) found = loaded.emplace(which, load_openapi(document_path(which))).first;
  return found->second;
}

}  // namespace openapi
