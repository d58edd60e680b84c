// Which models may be used and which are chosen by default (from configuration).
#pragma once
#include <string>
#include <vector>

namespace council::values {

/// The configured model lists.
struct model_catalog {
  std::vector<std::string> models;          // COUNCIL_MODELS
  std::vector<std::string> default_models;  // COUNCIL_DEFAULT_MODELS
  std::string lead_model;                   // COUNCIL_LEAD_MODEL
  std::string title_model;                  // COUNCIL_TITLE_MODEL
};

}  // namespace council::values
