// Token counts and cost of one upstream call, as the provider reports them ("usage" with "include": true).
#pragma once

namespace council::clients {

/// `usage` of a completion: {"prompt_tokens", "completion_tokens", "cost"} (cost in US dollars).
struct upstream_usage {
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  double cost = 0.0;
};

}  // namespace council::clients
