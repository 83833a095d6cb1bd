#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "import/codes.hpp"
#include "import/encoding.hpp"
#include "import/field_mapping.hpp"
#include "import/layer_kind.hpp"

using namespace rz::import;

TEST(Codes, ValidatesVillageAndTownshipCodes) {
  EXPECT_TRUE(is_village_code("431024100001"));
  EXPECT_FALSE(is_village_code("43102410001"));   // 11 digits
  EXPECT_FALSE(is_village_code("43102410000A"));  // not a digit
  EXPECT_FALSE(is_village_code("991024100001"));  // no province 99
  EXPECT_FALSE(is_village_code("430000100001"));  // county 00
  EXPECT_TRUE(is_township_code("431024100"));
  EXPECT_EQ(township_of("431024100001"), "431024100");
  EXPECT_EQ(county_of("431024100001"), "431024");
  EXPECT_EQ(clean_code(" 431024100001.0 "), "431024100001");
}

TEST(Encoding, DecodesGbkAndGb18030) {
  // "嘉禾县" in GBK
  const std::string gbk = "\xBC\xCE\xBA\xCC\xCF\xD8";
  EXPECT_FALSE(is_valid_utf8(gbk));
  EXPECT_EQ(to_utf8(gbk, Encoding::gb18030), "嘉禾县");
  // 𠮷 (U+20BB7) is outside GBK: GB18030 four-byte form 95 34 B2 35. 䶮 (U+4DAE) is the
  // two-byte FE 9F that GB18030-2005 added beyond CP936.
  EXPECT_EQ(to_utf8("\x95\x34\xB2\x35", Encoding::gb18030), "𠮷");
  EXPECT_EQ(from_utf8("𠮷䶮", Encoding::gb18030), "\x95\x34\xB2\x35\xFE\x9F");
  EXPECT_EQ(to_utf8(from_utf8("𠮷䶮村", Encoding::gb18030), Encoding::gb18030), "𠮷䶮村");
  EXPECT_THROW(to_utf8(gbk, Encoding::utf8, "x.shp"), rz::DataError);
  EXPECT_EQ(parse_encoding("GBK"), Encoding::gb18030);
  EXPECT_EQ(parse_encoding("cp936"), Encoding::gb18030);
  EXPECT_EQ(parse_encoding("UTF-8"), Encoding::utf8);
  EXPECT_FALSE(parse_encoding("latin1"));
}

TEST(Encoding, DetectorVotesOnContent) {
  EncodingDetector utf8;
  utf8.add("abc");
  utf8.add("嘉禾县");
  EXPECT_EQ(utf8.result(), Encoding::utf8);
  EncodingDetector gbk;
  gbk.add("abc");
  gbk.add("\xBC\xCE\xBA\xCC\xCF\xD8");
  EXPECT_EQ(gbk.result(), Encoding::gb18030);
}

TEST(FieldMapping, FindsChinesePinyinAndEnglishNames) {
  const auto& villages = spec(LayerKind::villages);
  auto m = map_fields(villages, {"CUNMING", "RK", "DM", "备注"}, {}, "v.shp");
  auto source_of = [&](const std::string& canonical) -> std::string {
    for (size_t i = 0; i < villages.fields.size(); ++i)
      if (villages.fields[i].name == canonical && m.canonical_to_source[i])
        return std::to_string(*m.canonical_to_source[i]);
    return "-";
  };
  EXPECT_EQ(source_of("name"), "0");
  EXPECT_EQ(source_of("population"), "1");
  EXPECT_EQ(source_of("code"), "2");
  ASSERT_EQ(m.kept.size(), 1u);
  EXPECT_EQ(m.kept[0], 3);
  auto m2 = map_fields(villages, {" 村名 ", "人口", "Name"}, {}, "v.shp");
  EXPECT_EQ(*m2.canonical_to_source[1], 0);  // 村名 beats NAME: earlier synonym wins
}

TEST(FieldMapping, OverridesWinAndMissingRequiredFieldsAreListed) {
  const auto& villages = spec(LayerKind::villages);
  auto m = map_fields(villages, {"名字", "村名"}, {{"name", "名字"}}, "v.shp");
  EXPECT_EQ(*m.canonical_to_source[1], 0);
  try {
    map_fields(villages, {"foo", "bar"}, {}, "v.shp");
    FAIL() << "expected a DataError";
  } catch (const rz::DataError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("v.shp"), std::string::npos);
    EXPECT_NE(msg.find("foo, bar"), std::string::npos);  // the fields found
    EXPECT_NE(msg.find("CUNMING"), std::string::npos);   // names that would have matched
  }
  EXPECT_THROW(map_fields(villages, {"村名"}, {{"nosuch", "村名"}}, "v.shp"), rz::UsageError);
  EXPECT_THROW(map_fields(villages, {"村名"}, {{"name", "nosuch"}}, "v.shp"), rz::DataError);
}

TEST(FieldMapping, TwoOverridesOfOneSourceFieldSayTheyCollide) {
  // Was "the source has no such field (fields found: 村代码, 名称)", naming a field it has.
  const auto& villages = spec(LayerKind::villages);
  try {
    map_fields(villages, {"村代码", "名称"}, {{"code", "名称"}, {"name", "名称"}}, "v.shp");
    FAIL() << "expected a UsageError";
  } catch (const rz::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("v.shp: the field mapping names «名称» for both code and "
                                         "name"),
              std::string::npos)
        << e.what();
  }
}

// The demand kind: id, name and weight from the names tract and village tables use; an explicit
// weight column wins over the counts a weight is often taken from; a weight is never negative.
TEST(FieldMapping, DemandPointsFindIdNameAndWeight) {
  const auto& demand = spec(LayerKind::demand);
  EXPECT_EQ(parse_kind("demand"), LayerKind::demand);
  EXPECT_NE(kind_names().find("demand"), std::string::npos);
  EXPECT_EQ(demand.geometry, rz::geo::GeometryKind::point);
  auto source_of = [&](const FieldMapping& m, const std::string& canonical) {
    for (size_t i = 0; i < demand.fields.size(); ++i)
      if (demand.fields[i].name == canonical && m.canonical_to_source[i])
        return *m.canonical_to_source[i];
    return -1;
  };
  auto m = map_fields(demand, {"编号", "名称", "人口", "村代码", "备注"}, {}, "d.csv");
  EXPECT_EQ(source_of(m, "id"), 0);
  EXPECT_EQ(source_of(m, "name"), 1);
  EXPECT_EQ(source_of(m, "weight"), 2);
  EXPECT_EQ(source_of(m, "village_code"), 3);
  m = map_fields(demand, {"DEMAND_ID", "NAME", "POP", "WEIGHT"}, {}, "d.csv");
  EXPECT_EQ(source_of(m, "id"), 0);
  EXPECT_EQ(source_of(m, "weight"), 3);  // WEIGHT beats POP
  m = map_fields(demand, {"ID", "户数", "需求"}, {}, "d.csv");
  EXPECT_EQ(source_of(m, "weight"), 2);  // 需求 beats 户数
  for (const auto& f : demand.fields)
    if (f.name == "weight") {
      EXPECT_EQ(f.type, rz::geo::FieldType::real);
      EXPECT_EQ(implausible(f, -1), "is negative");
      EXPECT_EQ(implausible(f, 0), "");
      EXPECT_EQ(implausible(f, 2.5), "");
    }
}

TEST(FieldMapping, NormalisesFullWidthAndCase) {
  EXPECT_EQ(normalise_field_name("ＮＡＭＥ"), "name");
  EXPECT_EQ(normalise_field_name(" Lon "), "lon");
}
