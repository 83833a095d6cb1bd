// Command-line mistakes that CLI11 finds (app/parse_errors.hpp): in the language --lang asks for,
// also when the mistake comes before --lang is read, with the usage exit code; an unknown kind
// keeps CLI11's English.
#include <gtest/gtest.h>

#include "test_support.hpp"

using rz::test::run_ruralzone;

TEST(CliParseErrors, InChineseWhenAsked) {
  auto extra = run_ruralzone("--lang zh info --bogus");
  EXPECT_EQ(extra.exit_code, 2);
  EXPECT_NE(extra.err.find("不应有的参数：--bogus"), std::string::npos) << extra.err;
  EXPECT_NE(extra.err.find("--help"), std::string::npos) << extra.err;
  EXPECT_EQ(extra.err.find("not expected"), std::string::npos) << extra.err;

  auto missing = run_ruralzone("import --lang=zh");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("source 是必需的"), std::string::npos) << missing.err;

  auto number = run_ruralzone("--lang zh map -s a.sqlite -o maps --dpi many");
  EXPECT_EQ(number.exit_code, 2);
  EXPECT_NE(number.err.find("无法转换：--dpi = many"), std::string::npos) << number.err;

  auto none = run_ruralzone("--lang zh");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("需要一个命令"), std::string::npos) << none.err;
}

TEST(CliParseErrors, InEnglishWhenAsked) {
  auto extra = run_ruralzone("--lang en info --bogus");
  EXPECT_EQ(extra.exit_code, 2);
  EXPECT_NE(extra.err.find("The following argument was not expected: --bogus"), std::string::npos)
      << extra.err;
  EXPECT_NE(extra.err.find("Run with --help for more information."), std::string::npos);
}

TEST(CliParseErrors, AnUnknownLanguageIsRefusedListingTheKnownOnes) {
  auto r = run_ruralzone("--lang fr info");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--lang"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("{zh,en,both}"), std::string::npos) << r.err;
}
