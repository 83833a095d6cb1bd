#pragma once
// Many short texts in one buffer: a province's 5 million household ids cost their characters and
// four bytes each, not a std::string (32 bytes) and a heap block (32 more) each.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rz::analysis {

class PackedTexts {
 public:
  void reserve(size_t texts, size_t characters) {
    end_.reserve(texts);
    chars_.reserve(characters);
  }
  void push_back(std::string_view text) {
    chars_.append(text);
    if (chars_.size() > UINT32_MAX) throw std::length_error("PackedTexts: more than 4 GiB of text");
    end_.push_back(static_cast<uint32_t>(chars_.size()));
  }
  size_t size() const { return end_.size(); }
  bool empty() const { return end_.empty(); }
  std::string_view operator[](size_t i) const {
    const uint32_t begin = i == 0 ? 0 : end_[i - 1];
    return std::string_view(chars_).substr(begin, end_[i] - begin);
  }
  // Every text as its own string (for the few readers that need them so: the cost matrix).
  std::vector<std::string> strings() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
    return out;
  }

 private:
  std::string chars_;
  std::vector<uint32_t> end_;  // where each text ends in chars_
};

}  // namespace rz::analysis
