// The village register's kind and the villages' new fields (import/layer_kind.cpp): the fields
// and their Chinese and pinyin names, 0/1 words, plausible ranges. The join itself runs through
// the real binary in tests/cli/test_cli_village_register.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "import/field_mapping.hpp"
#include "import/layer_kind.hpp"

using namespace rz::import;

namespace {

const CanonicalField& field_of(const KindSpec& kind, const std::string& name) {
  for (const auto& f : kind.fields)
    if (f.name == name) return f;
  throw std::runtime_error("no field " + name);
}

// canonical field -> the source field it was mapped to.
std::map<std::string, std::string> mapped(const KindSpec& kind,
                                          const std::vector<std::string>& source_fields) {
  auto m = map_fields(kind, source_fields, {}, "t.csv");
  std::map<std::string, std::string> out;
  for (size_t c = 0; c < kind.fields.size(); ++c)
    if (auto s = m.canonical_to_source[c])
      out[kind.fields[c].name] = source_fields[static_cast<size_t>(*s)];
  return out;
}

}  // namespace

TEST(VillageRegisterKind, IsATableWithTheVillagesFieldsKeyedByCode) {
  ASSERT_EQ(parse_kind("village_register"), LayerKind::village_register);
  const auto& reg = spec(LayerKind::village_register);
  const auto& villages = spec(LayerKind::villages);
  EXPECT_TRUE(reg.table_only);
  EXPECT_FALSE(villages.table_only);
  ASSERT_EQ(reg.fields.size(), villages.fields.size());
  for (size_t i = 0; i < reg.fields.size(); ++i) {
    EXPECT_EQ(reg.fields[i].name, villages.fields[i].name);
    EXPECT_EQ(reg.fields[i].type, villages.fields[i].type);
  }
  EXPECT_TRUE(field_of(reg, "code").required);
  EXPECT_FALSE(field_of(reg, "name").required);
  EXPECT_TRUE(field_of(villages, "name").required);
  // Every contract field is there, in both kinds.
  for (const char* name :
       {"out_commuters", "demonstration_point", "video_platform", "weak_organization", "petitions",
        "safety_incidents", "illegal_buildings", "criminal_cases"}) {
    EXPECT_EQ(field_of(villages, name).type, rz::geo::FieldType::integer) << name;
    EXPECT_TRUE(joins_into_villages(field_of(reg, name))) << name;
  }
  EXPECT_FALSE(joins_into_villages(field_of(reg, "code")));
  EXPECT_FALSE(joins_into_villages(field_of(reg, "name")));
  EXPECT_TRUE(joins_into_villages(field_of(reg, "good_leadership")));
}

TEST(VillageRegisterKind, FindsChineseAndPinyinNames) {
  const auto& reg = spec(LayerKind::village_register);
  auto zh = mapped(reg, {"村代码", "村名", "到外村务工", "示范点", "党建视频监管平台",
                         "软弱涣散党组织", "越级上访", "重大安全事故", "违法建设", "刑事案件",
                         "班子好", "群众评价得分", "外出务工", "常住人口"});
  EXPECT_EQ(zh["code"], "村代码");
  EXPECT_EQ(zh["out_commuters"], "到外村务工");
  EXPECT_EQ(zh["migrant_workers"], "外出务工");  // out-migrants, not commuters
  EXPECT_EQ(zh["demonstration_point"], "示范点");
  EXPECT_EQ(zh["video_platform"], "党建视频监管平台");
  EXPECT_EQ(zh["weak_organization"], "软弱涣散党组织");
  EXPECT_EQ(zh["petitions"], "越级上访");
  EXPECT_EQ(zh["safety_incidents"], "重大安全事故");
  EXPECT_EQ(zh["illegal_buildings"], "违法建设");
  EXPECT_EQ(zh["criminal_cases"], "刑事案件");
  EXPECT_EQ(zh["good_leadership"], "班子好");
  EXPECT_EQ(zh["good_evaluation"], "群众评价得分");
  auto py = mapped(
      reg, {"CUNDM", "DWCWG", "SFD", "SPJG", "RRHS", "XFJA", "AQSG", "WFJS", "XSAJ", "LDBZ"});
  EXPECT_EQ(py["code"], "CUNDM");
  EXPECT_EQ(py["out_commuters"], "DWCWG");
  EXPECT_EQ(py["demonstration_point"], "SFD");
  EXPECT_EQ(py["video_platform"], "SPJG");
  EXPECT_EQ(py["weak_organization"], "RRHS");
  EXPECT_EQ(py["petitions"], "XFJA");
  EXPECT_EQ(py["safety_incidents"], "AQSG");
  EXPECT_EQ(py["illegal_buildings"], "WFJS");
  EXPECT_EQ(py["criminal_cases"], "XSAJ");
  EXPECT_EQ(py["good_leadership"], "LDBZ");
  // Short forms that fit a dBASE field name (10 bytes of GBK) reach the villages kind too.
  auto shp = mapped(spec(LayerKind::villages), {"村名", "视频监管", "外出通勤"});
  EXPECT_EQ(shp["video_platform"], "视频监管");
  EXPECT_EQ(shp["out_commuters"], "外出通勤");
}

TEST(VillageRegisterKind, YesNoWordsAndRanges) {
  for (const char* yes : {"是", "有", "√", "Y", "yes", " 是 ", "合格"})
    EXPECT_EQ(yes_no_value(yes), 1) << yes;
  for (const char* no : {"否", "无", "×", "N", "No", "不合格"})
    EXPECT_EQ(yes_no_value(no), 0) << no;
  EXPECT_EQ(yes_no_value("也许"), std::nullopt);
  EXPECT_EQ(yes_no_value("2"), std::nullopt);

  const auto& reg = spec(LayerKind::village_register);
  EXPECT_TRUE(field_of(reg, "demonstration_point").yes_no);
  EXPECT_TRUE(field_of(reg, "video_platform").yes_no);
  EXPECT_TRUE(field_of(reg, "weak_organization").yes_no);
  EXPECT_TRUE(field_of(reg, "good_venue").yes_no);  // pass/fail written as 合格/不合格
  EXPECT_FALSE(field_of(reg, "petitions").yes_no);
  EXPECT_FALSE(field_of(reg, "population").yes_no);
  // 十好 are scores up to 100 (0/1 still fits); flags 0/1; counts never negative.
  EXPECT_EQ(field_of(reg, "good_venue").type, rz::geo::FieldType::real);
  EXPECT_EQ(implausible(field_of(reg, "good_venue"), 100), "");
  EXPECT_EQ(implausible(field_of(reg, "good_venue"), 87.5), "");
  EXPECT_EQ(implausible(field_of(reg, "good_venue"), 100.5), "is above 100");
  EXPECT_EQ(implausible(field_of(reg, "good_venue"), -1), "is negative");
  EXPECT_EQ(implausible(field_of(reg, "demonstration_point"), 2), "is above 1");
  EXPECT_EQ(implausible(field_of(reg, "video_platform"), 1), "");
  EXPECT_EQ(implausible(field_of(reg, "petitions"), -1), "is negative");
  EXPECT_EQ(implausible(field_of(reg, "petitions"), 12), "");
  EXPECT_EQ(implausible(field_of(reg, "out_commuters"), -3), "is negative");
  EXPECT_EQ(implausible(field_of(spec(LayerKind::villages), "criminal_cases"), -1), "is negative");
}
