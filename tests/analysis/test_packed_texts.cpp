#include "analysis/common/packed_texts.hpp"

#include <gtest/gtest.h>

using rz::analysis::PackedTexts;

TEST(PackedTexts, KeepsEveryTextAndItsOrder) {
  PackedTexts texts;
  EXPECT_TRUE(texts.empty());
  const std::vector<std::string> in = {"HH-431024100244-0001", "", "荫溪村", "x", ""};
  for (const auto& t : in) texts.push_back(t);
  ASSERT_EQ(texts.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(texts[i], in[i]) << i;
  EXPECT_EQ(texts.strings(), in);
}
