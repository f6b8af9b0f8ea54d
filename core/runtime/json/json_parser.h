#pragma once
// A strict JSON parser (RFC 8259) for headers read from untrusted files: no comments, no trailing
// commas, no NaN/Infinity, no leading zeros, no duplicate keys, strings must be valid UTF-8 with
// no raw control characters, nesting at most kMaxDepth, and nothing but whitespace after the
// value. Errors give the byte offset of the problem.

#include "core/runtime/json/json_value.h"

#include <string_view>

namespace binvit::runtime::json {

constexpr int kMaxDepth = 64;

// Thrown by parse(); offset is the byte offset in the text where the problem was found.
class ParseError : public JsonError {
 public:
  ParseError(const std::string& message, std::size_t offset)
      : JsonError(message + " at byte " + std::to_string(offset)), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

Value parse(std::string_view text);

}  // namespace binvit::runtime::json
