#include "core/data/split.h"

#include <stdexcept>

namespace binvit::data {

Split parse_split(const std::string& name) {
  if (name == "train") return Split::kTrain;
  if (name == "val") return Split::kVal;
  if (name == "test") return Split::kTest;
  if (name == "trainval" || name == "train+val") return Split::kTrainVal;
  throw std::invalid_argument("unknown split '" + name + "' (train, val, test, trainval)");
}

std::string to_string(Split split) {
  switch (split) {
    case Split::kTrain:
      return "train";
    case Split::kVal:
      return "val";
    case Split::kTest:
      return "test";
    case Split::kTrainVal:
      return "trainval";
  }
  return "train";
}

}  // namespace binvit::data
