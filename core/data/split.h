#pragma once
// The named parts of a dataset a reader can open.

#include <string>

namespace binvit::data {

// kTrainVal is the official train and validation parts together (Flowers102 in the GSB
// experiments trains on it and tests on kTest).
enum class Split { kTrain, kVal, kTest, kTrainVal };

// "train", "val", "test", "trainval"; parse_split throws std::invalid_argument on other names.
Split parse_split(const std::string& name);
std::string to_string(Split split);

}  // namespace binvit::data
