// A user's cost matrix (analysis/siting/cost_matrix.hpp): long and wide CSV, XLSX written with
// GDAL's own driver, Chinese ids in UTF-8 and GBK, full precision, and every kind of bad input
// named with its file, row and cause.
#include "analysis/siting/cost_matrix.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "geo/error.hpp"
#include "geo/gdal_dataset.hpp"
#include "import/encoding.hpp"
#include "test_support.hpp"

namespace {

using rz::analysis::CostMatrix;
using rz::analysis::read_cost_matrix;
using Pairs = std::vector<std::pair<uint32_t, double>>;
namespace gdal = rz::geo::gdal;

const std::vector<std::string> kDemand = {"D1", "D2", "晋屏村", "12"};
const std::vector<std::string> kCandidates = {"C1", "候选点甲", "7"};

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The DataError message reading `text` as a CSV gives ("" when it reads).
std::string error_of(const rz::test::ScratchDir& dir, const std::string& text,
                     const std::string& name = "m.csv") {
  write(dir / name, text);
  try {
    read_cost_matrix(dir / name, kDemand, kCandidates);
  } catch (const rz::DataError& e) {
    EXPECT_TRUE(has(e.what(), dir / name)) << "the message does not name the file: " << e.what();
    return e.what();
  }
  return "";
}

TEST(CostMatrix, LongCsvWithChineseIds) {
  rz::test::ScratchDir dir;
  write(dir / "m.csv",
        "demand_id,candidate_id,cost\n"
        "晋屏村,候选点甲,3.5\n"
        "D1,C1,10\n"
        "D2,C1,0\n"
        "D1,候选点甲,\"1,234.5\"\n"  // thousands separator
        "12,7,７\n");                // full-width digit
  const CostMatrix m = read_cost_matrix(dir / "m.csv", kDemand, kCandidates);
  ASSERT_EQ(m.costs.size(), 3u);
  EXPECT_EQ(m.costs[0], (Pairs{{0, 10.0}, {1, 0.0}}));
  EXPECT_EQ(m.costs[1], (Pairs{{0, 1234.5}, {2, 3.5}}));  // sorted by demand index
  EXPECT_EQ(m.costs[2], (Pairs{{3, 7.0}}));
  EXPECT_EQ(m.pairs, 5);
  EXPECT_EQ(m.missing_pairs, 7);
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_EQ(m.warnings[0], dir / "m.csv" +
                               ": 7 of 12 demand × candidate pairs are not in the file: treated "
                               "as unreachable");
}

TEST(CostMatrix, LongFormColumnSynonyms) {
  rz::test::ScratchDir dir;
  for (const char* header : {"需求点,候选点,时间", "Origin_ID,Destination_ID,Cost", "FROM,TO,费用",
                             "start_vid,end_vid,agg_cost", "备注,起点,终点,距离"}) {
    SCOPED_TRACE(header);
    const bool with_note = std::string(header).starts_with("备注");
    write(dir / "m.csv", std::string(header) + "\n" + (with_note ? "x," : "") + "D2,C1,4.25\n");
    const CostMatrix m = read_cost_matrix(dir / "m.csv", kDemand, kCandidates);
    EXPECT_EQ(m.costs[0], (Pairs{{1, 4.25}}));
    EXPECT_EQ(m.pairs, 1);
  }
}

TEST(CostMatrix, WideCsvEmptyCellsAreNoPair) {
  rz::test::ScratchDir dir;
  write(dir / "m.csv",
        "需求点,C1,候选点甲,7\n"
        "D1,1.5,,2\n"
        "晋屏村,,8,\n"
        "12.0,3,4,5\n");  // "12.0" names the demand point "12"
  const CostMatrix m = read_cost_matrix(dir / "m.csv", kDemand, kCandidates);
  EXPECT_EQ(m.costs[0], (Pairs{{0, 1.5}, {3, 3.0}}));
  EXPECT_EQ(m.costs[1], (Pairs{{2, 8.0}, {3, 4.0}}));
  EXPECT_EQ(m.costs[2], (Pairs{{0, 2.0}, {3, 5.0}}));
  EXPECT_EQ(m.pairs, 6);
  EXPECT_EQ(m.missing_pairs, 6);
  // D2 has no row at all: said on its own.
  ASSERT_EQ(m.warnings.size(), 2u);
  EXPECT_TRUE(has(m.warnings[1], "1 of 4 demand point(s) have no pair in the file"))
      << m.warnings[1];
  EXPECT_TRUE(has(m.warnings[1], "«D2»")) << m.warnings[1];
}

// Excel on a Chinese Windows saves CSV in GBK: decoded as the importer decodes it.
TEST(CostMatrix, GbkCsvIdsMatch) {
  rz::test::ScratchDir dir;
  const std::string text = "需求点,候选点,费用\n晋屏村,候选点甲,2.5\n晋屏村,C1,1\nD1,候选点甲,3\n";
  write(dir / "m.csv", rz::import::from_utf8(text, rz::import::Encoding::gb18030));
  const CostMatrix m = read_cost_matrix(dir / "m.csv", kDemand, kCandidates);
  EXPECT_EQ(m.costs[0], (Pairs{{2, 1.0}}));
  EXPECT_EQ(m.costs[1], (Pairs{{0, 3.0}, {2, 2.5}}));
}

// Excel's "CSV UTF-8" starts with a byte-order mark: the first column is still demand_id.
TEST(CostMatrix, Utf8CsvWithByteOrderMark) {
  rz::test::ScratchDir dir;
  write(dir / "m.csv",
        "\xEF\xBB\xBF"
        "demand_id,candidate_id,cost\n晋屏村,候选点甲,2\n");
  EXPECT_EQ(read_cost_matrix(dir / "m.csv", kDemand, kCandidates).costs[1], (Pairs{{2, 2.0}}));
}

// A workbook of several sheets: the one named costs, else the first, with a warning.
TEST(CostMatrix, WorkbookSheets) {
  rz::test::ScratchDir dir;
  auto sheet = [](gdal::Dataset& ds, const std::string& name, double cost) {
    gdal::Layer layer = ds.create_layer(name, nullptr, wkbNone, {});
    ASSERT_TRUE(layer);
    for (const char* field : {"demand_id", "candidate_id", "cost"})
      ASSERT_TRUE(layer.create_field(field, OFTString));
    gdal::Feature f = layer.new_feature();
    f.set_string(0, "D1");
    f.set_string(1, "C1");
    f.set_double(2, cost);
    ASSERT_TRUE(layer.create_feature(f));
  };
  for (const auto& [second, cost, warned] :
       std::vector<std::tuple<std::string, double, bool>>{{"costs", 2, false}, {"more", 1, true}}) {
    SCOPED_TRACE(second);
    const std::string path = dir / (second + ".xlsx");
    {
      gdal::Dataset ds = gdal::Dataset::create("XLSX", path);
      ASSERT_TRUE(ds);
      sheet(ds, "notes", 1);
      sheet(ds, second, 2);
      ds.close();
    }
    const CostMatrix m = read_cost_matrix(path, kDemand, kCandidates);
    EXPECT_EQ(m.costs[0], (Pairs{{0, cost}}));
    EXPECT_EQ(m.warnings.size(), warned ? 3u : 2u);
    if (warned) {
      EXPECT_TRUE(has(m.warnings[0], "read its first sheet, «notes»")) << m.warnings[0];
    }
  }
}

// Costs are doubles, read at full precision: differences of 1e-9 relative survive.
TEST(CostMatrix, CostsKeepFullPrecision) {
  rz::test::ScratchDir dir;
  write(dir / "m.csv",
        "demand_id,candidate_id,cost\n"
        "D1,C1,1234.567890123\n"
        "D2,C1,1234.567891357\n"
        "晋屏村,C1,0.1234567890123456\n");
  const CostMatrix m = read_cost_matrix(dir / "m.csv", kDemand, kCandidates);
  ASSERT_EQ(m.costs[0].size(), 3u);
  EXPECT_EQ(m.costs[0][0].second, 1234.567890123);
  EXPECT_EQ(m.costs[0][1].second, 1234.567891357);
  EXPECT_EQ(m.costs[0][2].second, 0.1234567890123456);
  EXPECT_GT((m.costs[0][1].second - m.costs[0][0].second) / m.costs[0][0].second, 9e-10);
}

// An XLSX written by GDAL's driver: ids as numbers (12.0 and the integer 7), costs as reals.
TEST(CostMatrix, XlsxWithNumericIds) {
  rz::test::ScratchDir dir;
  const std::string path = dir / "m.xlsx";
  {
    gdal::Dataset ds = gdal::Dataset::create("XLSX", path);
    ASSERT_TRUE(ds);
    gdal::Layer layer = ds.create_layer("costs", nullptr, wkbNone, {});
    ASSERT_TRUE(layer);
    ASSERT_TRUE(layer.create_field("需求点", OFTReal));
    ASSERT_TRUE(layer.create_field("候选点", OFTInteger));
    ASSERT_TRUE(layer.create_field("成本", OFTReal));
    for (const auto& [d, c, cost] : std::vector<std::tuple<double, int, double>>{
             {12.0, 7, 1000.000001}, {12.0, 8, 2.0}, {12.0, 7, 1000.000002}}) {
      gdal::Feature f = layer.new_feature();
      f.set_double(0, d);
      f.set_integer64(1, c);
      f.set_double(2, cost);
      ASSERT_TRUE(layer.create_feature(f));
    }
    ds.close();
  }
  // Candidate 8 is unknown and the pair 12 × 7 is given twice: both named by spreadsheet row.
  try {
    read_cost_matrix(path, kDemand, kCandidates);
    FAIL() << "expected a DataError";
  } catch (const rz::DataError& e) {
    const std::string msg = e.what();
    EXPECT_TRUE(has(msg, path)) << msg;
    EXPECT_TRUE(has(msg, "row 3: «8» is not the id of a candidate point")) << msg;
    EXPECT_TRUE(has(msg, "row 4: the pair «12» × «7» again (first on row 2)")) << msg;
  }
  // Without the bad rows it reads, 12.0 matching the id "12", costs to full precision.
  {
    gdal::Dataset ds = gdal::Dataset::create("XLSX", dir / "ok.xlsx");
    ASSERT_TRUE(ds);
    gdal::Layer layer = ds.create_layer("sheet", nullptr, wkbNone, {});
    ASSERT_TRUE(layer.create_field("demand", OFTReal));
    ASSERT_TRUE(layer.create_field("C1", OFTReal));
    ASSERT_TRUE(layer.create_field("7", OFTReal));
    gdal::Feature f = layer.new_feature();
    f.set_double(0, 12.0);
    f.set_double(1, 1000.000001);
    f.set_double(2, 1000.000002);
    ASSERT_TRUE(layer.create_feature(f));
    ds.close();
  }
  const CostMatrix m = read_cost_matrix(dir / "ok.xlsx", kDemand, kCandidates);
  EXPECT_EQ(m.costs[0], (Pairs{{3, 1000.000001}}));
  EXPECT_EQ(m.costs[2], (Pairs{{3, 1000.000002}}));
  EXPECT_EQ(m.pairs, 2);
}

TEST(CostMatrix, UnknownIdsAreListedOnceWithTheirRows) {
  rz::test::ScratchDir dir;
  const std::string msg = error_of(dir,
                                   "demand_id,candidate_id,cost\n"
                                   "D9,C1,1\n"
                                   "D9,候选点甲,2\n"
                                   "D1,C5,3\n"
                                   "D9,7,4\n");
  EXPECT_TRUE(has(msg, "2 problem(s) (1 unknown demand id(s), 1 unknown candidate id(s))")) << msg;
  EXPECT_TRUE(has(msg, "line 2: «D9» is not the id of a demand point (on 3 rows)")) << msg;
  EXPECT_TRUE(has(msg, "line 4: «C5» is not the id of a candidate point")) << msg;
  EXPECT_TRUE(has(msg, "the demand points' ids are like «D1», «D2», «晋屏村»")) << msg;
  EXPECT_TRUE(has(msg, "the candidates' ids are like «C1», «候选点甲», «7»")) << msg;
}

TEST(CostMatrix, BadCostsAreNamedByLineAndCause) {
  rz::test::ScratchDir dir;
  const std::string msg = error_of(dir,
                                   "demand_id,candidate_id,cost\n"
                                   "D1,C1,-3\n"
                                   "D2,C1,abc\n"
                                   "晋屏村,C1,inf\n"
                                   "12,C1,nan\n"
                                   "D1,7,一千\n");
  EXPECT_TRUE(has(msg, "line 2: the cost -3 is negative")) << msg;
  EXPECT_TRUE(has(msg, "line 3: the cost «abc» is not a number")) << msg;
  EXPECT_TRUE(has(msg, "line 4: the cost «inf» is not a finite number")) << msg;
  EXPECT_TRUE(has(msg, "line 5: the cost «nan» is not a finite number")) << msg;
  EXPECT_TRUE(has(msg, "line 6: the cost «一千» is not a number")) << msg;
  EXPECT_TRUE(
      has(msg, "5 problem(s) (1 negative cost(s), 2 cost(s) not a number, 2 cost(s) not finite)"))
      << msg;
}

TEST(CostMatrix, DuplicatePairsAreNamedWithBothLines) {
  rz::test::ScratchDir dir;
  // The quoted line break in the first row's note moves every later line down by one.
  const std::string msg = error_of(dir,
                                   "demand_id,candidate_id,cost,note\n"
                                   "D1,C1,1,\"two\nlines\"\n"
                                   "D2,C1,2,\n"
                                   "D1,C1,3,\n");
  EXPECT_TRUE(has(msg, "1 problem(s) (1 duplicate pair(s))")) << msg;
  EXPECT_TRUE(has(msg, "line 5: the pair «D1» × «C1» again (first on line 2)")) << msg;
}

TEST(CostMatrix, WideFormDuplicateRowsAndColumns) {
  rz::test::ScratchDir dir;
  const std::string msg = error_of(dir,
                                   "id,C1,C1,X9\n"
                                   "D1,-1,2,3\n"
                                   "D1,4,5,6\n");
  EXPECT_TRUE(has(msg, "the header, column 3: «C1» heads columns 2 and 3")) << msg;
  EXPECT_TRUE(has(msg, "the header, column 4: «X9» is not the id of a candidate point")) << msg;
  EXPECT_TRUE(has(msg, "line 3: a second row of «D1» (the first is on line 2)")) << msg;
  EXPECT_TRUE(has(msg, "line 2, column «C1»: the cost -1 is negative")) << msg;
}

TEST(CostMatrix, RaggedRowsAndNeitherFormAreRefused) {
  rz::test::ScratchDir dir;
  // A decimal comma splits a cost in two: GDAL would read 12 and drop the 5.
  std::string msg = error_of(dir, "demand_id,candidate_id,cost\nD1,C1,12,5\n");
  EXPECT_TRUE(has(msg, "line 2: 4 field(s), the header 3")) << msg;

  msg = error_of(dir, "demand_id,cost\nD1,3\n");
  EXPECT_TRUE(has(msg, "is neither form of a cost matrix")) << msg;
  EXPECT_TRUE(has(msg, "demand «demand_id»")) << msg;
  EXPECT_TRUE(has(msg, "no candidate column (candidate_id")) << msg;
  EXPECT_TRUE(has(msg, "cost «cost»")) << msg;
  EXPECT_TRUE(has(msg, "they are like «C1», «候选点甲», «7»")) << msg;

  msg = error_of(dir, "需求点,候选点,时间,距离\nD1,C1,3,1500\n");
  EXPECT_TRUE(has(msg, "more than one column could be the cost («时间», «距离»)")) << msg;
  // ... unless one of them is named cost.
  write(dir / "m.csv", "需求点,候选点,距离,Cost\nD1,C1,1500,3\n");
  EXPECT_EQ(read_cost_matrix(dir / "m.csv", kDemand, kCandidates).costs[0], (Pairs{{0, 3.0}}));

  msg = error_of(dir, "demand_id,candidate_id,cost\n,C1,3\nD1,,4\n");
  EXPECT_TRUE(has(msg, "line 2: no demand id")) << msg;
  EXPECT_TRUE(has(msg, "line 3: no candidate id")) << msg;
}

TEST(CostMatrix, ManyProblemsListTenAndCountTheRest) {
  rz::test::ScratchDir dir;
  std::string text = "demand_id,candidate_id,cost\n";
  for (int i = 0; i < 25; ++i) text += "D1,C1,-" + std::to_string(i + 1) + "\n";
  const std::string msg = error_of(dir, text);
  EXPECT_TRUE(has(msg, "25 problem(s) (25 negative cost(s))")) << msg;
  EXPECT_TRUE(has(msg, "line 11: the cost -10 is negative")) << msg;
  EXPECT_FALSE(has(msg, "line 12:")) << msg;
  EXPECT_TRUE(has(msg, "... and 15 more")) << msg;
}

TEST(CostMatrix, AnIdTwoPointsShareCannotBeMatched) {
  rz::test::ScratchDir dir;
  write(dir / "m.csv", "demand_id,candidate_id,cost\nD1,C1,1\nD2,C1,2\n");
  try {
    read_cost_matrix(dir / "m.csv", {"D1", "D2", "D1"}, kCandidates);
    FAIL() << "expected a DataError";
  } catch (const rz::DataError& e) {
    EXPECT_TRUE(has(e.what(), "line 2: «D1» is the id of 2 demand points")) << e.what();
  }
  // Points without an id are never matched, and said so.
  const CostMatrix m = read_cost_matrix(dir / "m.csv", {"D1", "D2", ""}, kCandidates);
  EXPECT_EQ(m.pairs, 2);
  ASSERT_EQ(m.warnings.size(), 2u);
  EXPECT_TRUE(has(m.warnings[1], "number 3, which has no id")) << m.warnings[1];
}

TEST(CostMatrix, MissingAndEmptyFilesAreNamed) {
  rz::test::ScratchDir dir;
  EXPECT_THROW(
      {
        try {
          read_cost_matrix(dir / "none.csv", kDemand, kCandidates);
        } catch (const rz::DataError& e) {
          EXPECT_EQ(std::string(e.what()), dir / "none.csv" + ": no such file");
          throw;
        }
      },
      rz::DataError);
  write(dir / "empty.csv", "");
  EXPECT_THROW(read_cost_matrix(dir / "empty.csv", kDemand, kCandidates), rz::DataError);
}

}  // namespace
