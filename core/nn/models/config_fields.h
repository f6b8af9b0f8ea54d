#pragma once
// Reading and checking model config fields, with error messages that name the field, so that a
// user who edits a JSON config or passes --set key=value learns which value is wrong and why.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace binvit::nn {

inline void require_field(bool condition, const std::string& field, const std::string& expectation) {
  if (!condition) throw std::invalid_argument("model config field '" + field + "' " + expectation);
}

// Reads `name` into `value` when present; a value of the wrong JSON type names the field.
template <typename T>
void read_config_field(const nlohmann::json& json, const char* name, T& value) {
  if (!json.contains(name)) return;
  try {
    value = json.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument(std::string("model config field '") + name +
                                "' has the wrong type: " + json.at(name).dump());
  }
}

// Rejects fields that `reference` (a default config as JSON) does not have.
inline void reject_unknown_fields(const nlohmann::json& json, const nlohmann::json& reference) {
  if (!json.is_object()) throw std::invalid_argument("a model config must be a JSON object");
  for (const auto& item : json.items()) {
    if (!reference.contains(item.key())) {
      throw std::invalid_argument("model config has an unknown field '" + item.key() + "'");
    }
  }
}

}  // namespace binvit::nn
