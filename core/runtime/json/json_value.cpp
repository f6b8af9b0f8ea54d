#include "core/runtime/json/json_value.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace binvit::runtime::json {
namespace {

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

[[noreturn]] void type_mismatch(const std::string& what, const char* expected, Value::Type got) {
  throw JsonError("'" + what + "' must be " + expected + ", got " + type_name(got));
}

void dump_string(const std::string& s, std::string& out) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          static const char* const kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace

const char* type_name(Value::Type type) {
  switch (type) {
    case Value::Type::Null: return "null";
    case Value::Type::Boolean: return "a boolean";
    case Value::Type::Number: return "a number";
    case Value::Type::String: return "a string";
    case Value::Type::Array: return "an array";
    case Value::Type::Object: return "an object";
  }
  return "unknown";
}

bool Value::as_bool(const std::string& what) const {
  if (type_ != Type::Boolean) type_mismatch(what, "a boolean", type_);
  return boolean_;
}

double Value::as_number(const std::string& what) const {
  if (type_ != Type::Number) type_mismatch(what, "a number", type_);
  return number_;
}

std::uint64_t Value::as_size(const std::string& what) const {
  const double n = as_number(what);
  if (!(n >= 0.0 && n <= kMaxExactInteger && std::floor(n) == n)) {
    throw JsonError("'" + what + "' must be a whole number in [0, 2^53], got " + dump());
  }
  return static_cast<std::uint64_t>(n);
}

std::int64_t Value::as_int(const std::string& what) const {
  const double n = as_number(what);
  if (!(std::fabs(n) <= kMaxExactInteger && std::floor(n) == n)) {
    throw JsonError("'" + what + "' must be a whole number in [-2^53, 2^53], got " + dump());
  }
  return static_cast<std::int64_t>(n);
}

const std::string& Value::as_string(const std::string& what) const {
  if (type_ != Type::String) type_mismatch(what, "a string", type_);
  return string_;
}

const Value::Array& Value::as_array(const std::string& what) const {
  if (type_ != Type::Array) type_mismatch(what, "an array", type_);
  return array_;
}

const Value::Object& Value::as_object(const std::string& what) const {
  if (type_ != Type::Object) type_mismatch(what, "an object", type_);
  return object_;
}

const Value* Value::find(const std::string& key) const {
  if (type_ != Type::Object) return nullptr;
  for (const Member& member : object_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

const Value& Value::at(const std::string& key, const std::string& what) const {
  as_object(what);
  const Value* v = find(key);
  if (v == nullptr) throw JsonError("'" + what + "' has no member '" + key + "'");
  return *v;
}

Value& Value::set(const std::string& key, Value value) {
  if (type_ == Type::Null) type_ = Type::Object;
  if (type_ != Type::Object) throw JsonError("set('" + key + "') on " + type_name(type_));
  for (Member& member : object_) {
    if (member.first == key) {
      member.second = std::move(value);
      return member.second;
    }
  }
  object_.emplace_back(key, std::move(value));
  return object_.back().second;
}

void Value::push_back(Value value) {
  if (type_ == Type::Null) type_ = Type::Array;
  if (type_ != Type::Array) throw JsonError(std::string("push_back on ") + type_name(type_));
  array_.push_back(std::move(value));
}

std::string Value::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

void Value::dump_to(std::string& out) const {
  switch (type_) {
    case Type::Null: out += "null"; return;
    case Type::Boolean: out += boolean_ ? "true" : "false"; return;
    case Type::Number: {
      // JSON has no NaN or infinity; the writer never stores them (the exporter checks).
      if (!std::isfinite(number_)) throw JsonError("cannot write a non-finite number to JSON");
      char buffer[32];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, number_);
      out.append(buffer, result.ptr);
      return;
    }
    case Type::String: dump_string(string_, out); return;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < array_.size(); ++i) {
        if (i) out += ',';
        array_[i].dump_to(out);
      }
      out += ']';
      return;
    case Type::Object:
      out += '{';
      for (std::size_t i = 0; i < object_.size(); ++i) {
        if (i) out += ',';
        dump_string(object_[i].first, out);
        out += ':';
        object_[i].second.dump_to(out);
      }
      out += '}';
      return;
  }
}

}  // namespace binvit::runtime::json
