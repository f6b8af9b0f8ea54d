#pragma once
// A JSON value for the `.bvit` header: null, boolean, number, string, array, object. Objects keep
// their members in file order (the header is written and read in a stable order) and the parser
// rejects duplicate keys, so lookup by key is unambiguous.
//
// Numbers are doubles. Sizes and offsets read through as_size() must be exact non-negative
// integers no larger than 2^53 (the largest range a double holds without gaps).

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace binvit::runtime::json {

// Thrown on a type mismatch or a missing member; the message names the member path.
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Value {
 public:
  enum class Type { Null, Boolean, Number, String, Array, Object };
  using Array = std::vector<Value>;
  using Member = std::pair<std::string, Value>;
  using Object = std::vector<Member>;

  Value() = default;  // null
  Value(std::nullptr_t) {}  // NOLINT
  Value(bool b) : type_(Type::Boolean), boolean_(b) {}  // NOLINT
  Value(double n) : type_(Type::Number), number_(n) {}  // NOLINT
  Value(int n) : Value(static_cast<double>(n)) {}  // NOLINT
  Value(std::int64_t n) : Value(static_cast<double>(n)) {}  // NOLINT
  Value(std::uint64_t n) : Value(static_cast<double>(n)) {}  // NOLINT
  Value(std::string s) : type_(Type::String), string_(std::move(s)) {}  // NOLINT
  Value(const char* s) : Value(std::string(s)) {}  // NOLINT
  Value(Array a) : type_(Type::Array), array_(std::move(a)) {}  // NOLINT
  static Value object() { Value v; v.type_ = Type::Object; return v; }
  static Value array() { Value v; v.type_ = Type::Array; return v; }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  // Typed access; `what` names the value in the error (e.g. "tensors.fc1.shape[0]").
  bool as_bool(const std::string& what) const;
  double as_number(const std::string& what) const;
  // An exact integer in [0, 2^53].
  std::uint64_t as_size(const std::string& what) const;
  std::int64_t as_int(const std::string& what) const;
  const std::string& as_string(const std::string& what) const;
  const Array& as_array(const std::string& what) const;
  const Object& as_object(const std::string& what) const;

  // Object members: find returns nullptr when absent; at throws JsonError naming `what`.key.
  const Value* find(const std::string& key) const;
  const Value& at(const std::string& key, const std::string& what) const;
  // Appends (writer side); replaces an existing member of the same key.
  Value& set(const std::string& key, Value value);
  // Appends to an array.
  void push_back(Value value);

  // Compact JSON text; numbers in the shortest form that reads back to the same double.
  std::string dump() const;

 private:
  void dump_to(std::string& out) const;

  Type type_ = Type::Null;
  bool boolean_ = false;
  double number_ = 0.0;
  std::string string_;
  Array array_;
  Object object_;
};

const char* type_name(Value::Type type);

}  // namespace binvit::runtime::json
