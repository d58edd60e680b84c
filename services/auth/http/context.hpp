// What the auth HTTP handlers share: the use-case services and the request-level settings.
#pragma once
#include "common/core/ip_network.hpp"
#include "auth/clients/key_checker.hpp"
#include "auth/domain/services.hpp"
#include <string>
#include <vector>

namespace auth::http {

/// Handler context; lives as long as the servers.
struct context {
  domain::services& svc;
  domain::key_services keys;
  std::vector<common::ip_network> trusted_proxies;  // TRUSTED_PROXIES
  std::vector<std::string> allowed_clients;  // INTERNAL_ALLOWED_CLIENTS (URI SANs)
  clients::key_checker* key_checker = nullptr;  // null when KEY_VALIDATION=off
};

}  // namespace auth::http
