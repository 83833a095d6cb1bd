// The import checks of issue 16 as units: numbers and codes in text, damaged text, CSV shape,
// geometry faults in WKB, China's extent, the reject list and the field ranges.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <vector>

#include "import/china_extent.hpp"
#include "import/csv_shape.hpp"
#include "import/layer_kind.hpp"
#include "import/number_text.hpp"
#include "import/rejects.hpp"
#include "import/text_damage.hpp"
#include "import/wkb_shape.hpp"
#include "test_support.hpp"

using namespace rz::import;

TEST(NumberText, ParsesWhatTablesWrite) {
  EXPECT_EQ(parse_number(" 1200 "), 1200);
  EXPECT_EQ(parse_number("1,234,567"), 1234567);
  EXPECT_EQ(parse_number("-1,234.5"), -1234.5);
  EXPECT_EQ(parse_number("１２３"), 123);  // full-width digits
  EXPECT_EQ(parse_number("1.2E+03"), 1200);
  EXPECT_FALSE(parse_number("12,34"));  // not a thousands grouping
  EXPECT_FALSE(parse_number("一千二"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("12 户"));
}

TEST(NumberText, RecognisesNumbersInWords) {
  EXPECT_TRUE(is_number_in_words("一千二"));
  EXPECT_TRUE(is_number_in_words("三十五"));
  EXPECT_TRUE(is_number_in_words("两百余户"));
  EXPECT_FALSE(is_number_in_words("晋屏村"));
  EXPECT_FALSE(is_number_in_words("户"));  // no numeral
  EXPECT_FALSE(is_number_in_words("12"));
}

TEST(NumberText, RestoresExactScientificCodesOnly) {
  CodeText exact = restore_code("4.20115101201E+11");
  EXPECT_EQ(exact.form, CodeForm::restored);
  EXPECT_EQ(exact.text, "420115101201");
  EXPECT_EQ(restore_code("4.20115101201e11").text, "420115101201");
  CodeText lossy = restore_code("4.20115E+11");
  EXPECT_EQ(lossy.form, CodeForm::lossy);
  EXPECT_EQ(lossy.text, "4.20115E+11");
  EXPECT_EQ(restore_code("420115101201").form, CodeForm::as_written);
  EXPECT_EQ(restore_code("G107").form, CodeForm::as_written);
  EXPECT_EQ(restore_code("4.2011510120123E+11").form, CodeForm::as_written);  // not an integer
}

TEST(TextDamage, FindsReplacementCharacters) {
  EXPECT_TRUE(has_replacement_characters("\xEF\xBF\xBD\xEF\xBF\xBD村"));
  EXPECT_TRUE(has_replacement_characters("锟斤拷村"));
  EXPECT_FALSE(has_replacement_characters("晋屏村"));
}

TEST(TextDamage, KeepsTheWholeCharactersOfACutUtf8Name) {
  // 户籍人口 is 12 bytes in UTF-8; a dBASE name keeps 10: 3 whole characters and one byte.
  std::string cut = std::string("户籍人口").substr(0, 10);
  EXPECT_EQ(without_cut_utf8_tail(cut), "户籍人");
  EXPECT_EQ(without_cut_utf8_tail("户籍人口"), "户籍人口");
  const std::string gbk = "\xC8\xCB\xBF\xDA";  // 人口 in GBK: left alone
  EXPECT_EQ(without_cut_utf8_tail(gbk), gbk);
}

namespace {
std::string write_temp(const rz::test::ScratchDir& dir, const std::string& text) {
  std::string path = dir / "t.csv";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
}  // namespace

TEST(CsvShape, FindsRaggedRecordsByLine) {
  rz::test::ScratchDir dir;
  auto shape = read_csv_shape(write_temp(
      dir,
      "id,name,lon,lat\n1,a,112.1,30.1\n2,b,c,112.2,30.2\n\n3,\"d\ne\",112.3\n4,\"f,g\",1,2\n"));
  EXPECT_EQ(shape.header_fields, 4u);
  EXPECT_EQ(shape.records, 4);
  ASSERT_EQ(shape.ragged.size(), 2u);
  EXPECT_EQ(shape.ragged[0].record, 2);
  EXPECT_EQ(shape.ragged[0].line, 3);
  EXPECT_EQ(shape.ragged[0].fields, 5u);
  EXPECT_EQ(shape.ragged[1].record, 3);
  EXPECT_EQ(shape.ragged[1].line, 5);  // after a blank line
  // Record 3 starts a line late (the blank line); record 4 one more (3's quoted line break).
  ASSERT_EQ(shape.line_shifts.size(), 2u);
  EXPECT_EQ(shape.line_shifts[0], (std::pair<int64_t, int64_t>{3, 1}));
  EXPECT_EQ(shape.line_shifts[1], (std::pair<int64_t, int64_t>{4, 2}));
  EXPECT_EQ(read_csv_shape(write_temp(dir, "a;b\n1;2\n")).separator, ';');
}

namespace {
// 2-D little-endian ISO WKB of a MultiPolygon with one polygon of the given rings, or a
// MultiLineString of the given lines.
void put_u32(std::vector<unsigned char>& w, uint32_t v) {
  unsigned char b[4];
  std::memcpy(b, &v, 4);
  w.insert(w.end(), b, b + 4);
}
void put_points(std::vector<unsigned char>& w, const std::vector<std::pair<double, double>>& pts) {
  put_u32(w, static_cast<uint32_t>(pts.size()));
  for (auto [x, y] : pts) {
    unsigned char b[16];
    std::memcpy(b, &x, 8);
    std::memcpy(b + 8, &y, 8);
    w.insert(w.end(), b, b + 16);
  }
}
using Points = std::vector<std::pair<double, double>>;
std::vector<unsigned char> multipolygon(const std::vector<Points>& rings) {
  std::vector<unsigned char> w{1};
  put_u32(w, 6);
  put_u32(w, 1);
  w.push_back(1);
  put_u32(w, 3);
  put_u32(w, static_cast<uint32_t>(rings.size()));
  for (const auto& r : rings) put_points(w, r);
  return w;
}
std::vector<unsigned char> multiline(const std::vector<Points>& lines) {
  std::vector<unsigned char> w{1};
  put_u32(w, 5);
  put_u32(w, static_cast<uint32_t>(lines.size()));
  for (const auto& l : lines) {
    w.push_back(1);
    put_u32(w, 2);
    put_points(w, l);
  }
  return w;
}
}  // namespace

TEST(WkbShape, NamesTheFaultInWords) {
  EXPECT_FALSE(shape_fault(multipolygon({{{0, 0}, {1, 0}, {1, 1}, {0, 0}}})));
  auto unclosed = shape_fault(multipolygon({{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}));
  ASSERT_TRUE(unclosed);
  EXPECT_NE(unclosed->find("not closed"), std::string::npos) << *unclosed;
  auto short_ring = shape_fault(multipolygon({{{0, 0}, {1, 0}, {0, 0}}}));
  ASSERT_TRUE(short_ring);
  EXPECT_NE(short_ring->find("3 point(s)"), std::string::npos) << *short_ring;
  auto flat = shape_fault(multipolygon({{{0, 0}, {1, 1}, {2, 2}, {0, 0}}}));
  ASSERT_TRUE(flat);
  EXPECT_NE(flat->find("zero area"), std::string::npos) << *flat;
  // A bow-tie's signed area is 0, but it encloses area: invalid, not degenerate (GEOS says so).
  EXPECT_FALSE(shape_fault(multipolygon({{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}})));
  auto one_vertex = shape_fault(multiline({{{5, 5}}}));
  ASSERT_TRUE(one_vertex);
  EXPECT_NE(one_vertex->find("single vertex"), std::string::npos);
  auto zero_length = shape_fault(multiline({{{5, 5}, {5, 5}}}));
  ASSERT_TRUE(zero_length);
  EXPECT_NE(zero_length->find("zero length"), std::string::npos);
  EXPECT_FALSE(shape_fault(multiline({{{5, 5}, {6, 5}}})));
  EXPECT_FALSE(shape_fault(std::vector<unsigned char>{1, 2}));  // not such WKB: GEOS decides
}

TEST(ChinaExtent, ContainsChinaInTheProjectCrs) {
  ChinaExtent china("EPSG:4547");  // CGCS2000 3-degree Gauss-Kruger, central meridian 114
  EXPECT_TRUE(china.contains(500000, 2830000));  // 114 E 25.6 N
  EXPECT_FALSE(china.contains(112.3, 30.5));     // degrees read as metres
  EXPECT_FALSE(china.contains(0, 0));
  EXPECT_TRUE(fits_china(112.3, 25.6));
  EXPECT_FALSE(fits_china(25.6, 112.3));
}

TEST(ChinaExtent, SaysWhichMistakeItIs) {
  EXPECT_NE(outside_china_cause(0, 0, "EPSG:4490", true, "EPSG:4490").find("missing location"),
            std::string::npos);
  EXPECT_NE(outside_china_cause(25.6, 112.3, "EPSG:4490", true, "EPSG:4490").find("swapped"),
            std::string::npos);
  EXPECT_NE(outside_china_cause(112.3, 25.6, "EPSG:4547", false, "EPSG:4547").find("degrees"),
            std::string::npos);
  // X/Y swapped in a projected CRS: (2830000, 500000) in EPSG:4547.
  EXPECT_NE(outside_china_cause(2830000, 500000, "EPSG:4547", false, "EPSG:4547").find("swapped"),
            std::string::npos);
}

TEST(Rejects, ListsEveryRuleAndFeature) {
  Rejects r;
  r.add(3, "implausible value", "feature 3 (431024100001)", "field «人口» is -5");
  r.add(7, "outside China", "feature 7", "it lies at (0, 0)");
  r.add(3, "outside China", "feature 3 (431024100001)", "it lies at (0, 0)");
  EXPECT_EQ(r.feature_count(), 3u);  // 3, 7, 3 again: features are counted as read, in order
  std::string m = r.message("v.csv", "");
  EXPECT_NE(m.find("v.csv: 3 feature(s)"), std::string::npos) << m;
  EXPECT_NE(m.find("outside China (2)"), std::string::npos) << m;
  EXPECT_NE(m.find("feature 3 (431024100001): field «人口» is -5"), std::string::npos) << m;
  EXPECT_NE(m.find("--skip-invalid"), std::string::npos) << m;
  EXPECT_EQ(r.problems("villages").size(), 3u);
  EXPECT_EQ(r.problems("villages")[0].severity, "skipped");

  // Without keep_all only the first entries per rule are kept, but every one is counted.
  Rejects few(false, 2);
  for (int64_t fid = 1; fid <= 5; ++fid) few.add(fid, "outside China", "f", "x");
  EXPECT_EQ(few.feature_count(), 5u);
  EXPECT_EQ(few.problems("h").size(), 2u);
  EXPECT_NE(few.message("h.csv", "").find("outside China (5)"), std::string::npos);
  EXPECT_NE(few.message("h.csv", "", 2).find("... and 3 more"), std::string::npos);
}

TEST(FieldRanges, LiveWithTheCanonicalFields) {
  const auto& villages = spec(LayerKind::villages);
  auto field = [&](const KindSpec& k, const std::string& name) -> const CanonicalField& {
    for (const auto& f : k.fields)
      if (f.name == name) return f;
    throw std::runtime_error(name);
  };
  EXPECT_EQ(implausible(field(villages, "population"), -5), "is negative");
  EXPECT_EQ(implausible(field(villages, "population"), 0), "");
  EXPECT_EQ(implausible(field(villages, "good_venue"), 101), "is above 100");  // a score
  EXPECT_EQ(implausible(field(spec(LayerKind::roads), "speed"), 0), "is 0");
  EXPECT_EQ(implausible(field(spec(LayerKind::roads), "speed"), 40), "");
  EXPECT_EQ(implausible(field(spec(LayerKind::roads), "cost"), -1), "");  // negative: closed
}
