#pragma once
// Reading a `.bvit` graph's ops (model_graph.cpp for the DeiT ops, spatial_graph.cpp for BHViT's):
// typed field access whose errors name the file, the op and the field, and the buffers written
// so far with their widths and rows per image.

#include "core/runtime/format/bvit_file.h"
#include "core/runtime/json/json_value.h"

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace binvit::runtime::engine {

using format::BvitError;
using format::DType;
using format::TensorView;
using json::Value;

// Reads one op's fields; every error names the file, the op and the field.
class OpReader {
 public:
  OpReader(const format::BvitFile& file, const Value& op, std::size_t index)
      : file_(file), op_(op) {
    what_ = "graph.ops[" + std::to_string(index) + "]";
    if (const Value* name = op.find("name"); name != nullptr && name->is_string()) {
      what_ += " ('" + name->as_string(what_) + "')";
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw BvitError(file_.where() + ": " + what_ + ": " + message);
  }

  const Value& field(const std::string& key) const {
    const Value* v = op_.find(key);
    if (v == nullptr) fail("missing field '" + key + "'");
    return *v;
  }
  bool has(const std::string& key) const { return op_.find(key) != nullptr; }

  std::string string(const std::string& key) const {
    if (!field(key).is_string()) fail("field '" + key + "' must be a string");
    return field(key).as_string(key);
  }
  std::size_t size(const std::string& key, std::size_t min, std::size_t max) const {
    const Value& v = field(key);
    if (!v.is_number()) fail("field '" + key + "' must be a number");
    const double n = v.as_number(key);
    if (!(n >= static_cast<double>(min) && n <= static_cast<double>(max) && std::floor(n) == n)) {
      fail("field '" + key + "' = " + v.dump() + " must be a whole number in [" +
           std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    return static_cast<std::size_t>(n);
  }
  // A finite float; positive when `positive`.
  float number(const std::string& key, bool positive) const {
    const Value& v = field(key);
    if (!v.is_number()) fail("field '" + key + "' must be a number");
    const double n = v.as_number(key);
    const auto f = static_cast<float>(n);
    if (!std::isfinite(f) || (positive && !(f > 0.0f))) {
      fail("field '" + key + "' = " + v.dump() + " must be a finite" +
           (positive ? " positive" : "") + " number");
    }
    return f;
  }
  std::vector<float> numbers(const std::string& key, std::size_t count_min,
                             std::size_t count_max) const {
    const Value& v = field(key);
    if (!v.is_array()) fail("field '" + key + "' must be an array of numbers");
    const auto& items = v.as_array(key);
    if (items.size() < count_min || items.size() > count_max) {
      fail("field '" + key + "' has " + std::to_string(items.size()) + " entries, expected " +
           std::to_string(count_min) +
           (count_max != count_min ? ".." + std::to_string(count_max) : ""));
    }
    std::vector<float> out;
    for (const Value& item : items) {
      if (!item.is_number() || !std::isfinite(static_cast<float>(item.as_number(key)))) {
        fail("field '" + key + "' must hold finite numbers");
      }
      out.push_back(static_cast<float>(item.as_number(key)));
    }
    return out;
  }
  // A tensor named by the field, with the given dtype and shape.
  const TensorView& tensor(const std::string& key, DType dtype,
                           const std::vector<std::uint64_t>& shape) const {
    const std::string name = string(key);
    const TensorView* t = file_.find(name);
    if (t == nullptr)
      fail("field '" + key + "' names tensor '" + name + "', which is not in the file");
    if (t->dtype != dtype || t->shape != shape) {
      std::string expected = std::string(format::dtype_name(dtype)) + " [";
      for (std::size_t i = 0; i < shape.size(); ++i)
        expected += (i ? ", " : "") + std::to_string(shape[i]);
      std::string got = std::string(format::dtype_name(t->dtype)) + " [";
      for (std::size_t i = 0; i < t->shape.size(); ++i)
        got += (i ? ", " : "") + std::to_string(t->shape[i]);
      fail("tensor '" + name + "' (field '" + key + "') must be " + expected + "], is " + got +
           "]");
    }
    return *t;
  }
  const TensorView& any_tensor(const std::string& key) const {
    const std::string name = string(key);
    const TensorView* t = file_.find(name);
    if (t == nullptr)
      fail("field '" + key + "' names tensor '" + name + "', which is not in the file");
    return *t;
  }

  const std::string& what() const { return what_; }

 private:
  const format::BvitFile& file_;
  const Value& op_;
  std::string what_;
};

// Tracks the buffers written so far: their width (columns) and rows per image (1 for the
// images and the logits, the token count of a map otherwise), so that each op's input has the
// shape it needs.
class Buffers {
 public:
  void define(const std::string& name, std::size_t width, std::size_t rows_per_image) {
    shapes_[name] = {width, rows_per_image};
  }
  std::size_t width(const OpReader& op, const std::string& name) const {
    return shape(op, name).first;
  }
  std::size_t rows(const OpReader& op, const std::string& name) const {
    return shape(op, name).second;
  }
  bool has(const std::string& name, std::size_t width, std::size_t rows_per_image) const {
    const auto it = shapes_.find(name);
    return it != shapes_.end() && it->second == std::pair{width, rows_per_image};
  }
  void require(const OpReader& op, const std::string& name, std::size_t width) const {
    const std::size_t w = this->width(op, name);
    if (w != width) {
      op.fail("buffer '" + name + "' has " + std::to_string(w) + " columns, the op needs " +
              std::to_string(width));
    }
  }
  void require_rows(const OpReader& op, const std::string& name, std::size_t rows_per_image) const {
    const std::size_t r = rows(op, name);
    if (r != rows_per_image) {
      op.fail("buffer '" + name + "' has " + std::to_string(r) + " rows per image, the op needs " +
              std::to_string(rows_per_image));
    }
  }

 private:
  std::pair<std::size_t, std::size_t> shape(const OpReader& op, const std::string& name) const {
    const auto it = shapes_.find(name);
    if (it == shapes_.end()) op.fail("reads buffer '" + name + "' before any op writes it");
    return it->second;
  }
  std::map<std::string, std::pair<std::size_t, std::size_t>> shapes_;
};

inline constexpr std::size_t kMaxDim = std::size_t{1} << 20;

// The names of a multi-input op's "in" array, which must hold `count` strings.
std::vector<std::string> input_names(const OpReader& op, std::size_t count);

}  // namespace binvit::runtime::engine
