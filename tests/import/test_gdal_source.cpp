// Opening sources through geo/gdal_*: the messages that name the file and GDAL's cause, the layer
// choice, and the lifetime of the configuration a spreadsheet needs.
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <string>

#include "geo/error.hpp"
#include "geo/gdal_dataset.hpp"
#include "geo/gdal_errors.hpp"
#include "import/gdal_source.hpp"
#include "test_support.hpp"

namespace gdal = rz::geo::gdal;
using rz::import::open_source;

namespace {

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

void write_table(gdal::Dataset& ds, const std::string& layer_name) {
  gdal::Layer layer = ds.create_layer(layer_name, nullptr, wkbNone, {});
  ASSERT_TRUE(layer);
  ASSERT_TRUE(layer.create_field("name", OFTString));
  gdal::Feature f = layer.new_feature();
  f.set_string(0, "Village");
  ASSERT_TRUE(layer.create_feature(f));
}

}  // namespace

TEST(ImportGdal, ErrorCaptureKeepsFailuresApartFromWarnings) {
  gdal::ErrorCapture outer;
  {
    gdal::ErrorCapture errors;
    CPLError(CE_Warning, CPLE_AppDefined, "a value was cut");
    EXPECT_FALSE(errors.has_failures());
    EXPECT_TRUE(errors.any());
    CPLError(CE_Failure, CPLE_AppDefined, "first");
    CPLError(CE_Failure, CPLE_AppDefined, "second");
    EXPECT_EQ(message_of([&] { errors.throw_if_failed("a.shp", "reading"); }),
              "a.shp: reading: GDAL: first");
    EXPECT_EQ(message_of([&] { errors.throw_if_failed("a.shp", ""); }), "a.shp: GDAL: first");
    EXPECT_EQ(errors.take_all(), "a value was cut; first; second");
    EXPECT_FALSE(errors.any());
    EXPECT_TRUE(errors.has_failures());  // take_all() is the writers' view; failures stay
  }
  // The inner capture took them all; the outer one hears again once it is gone.
  EXPECT_FALSE(outer.any());
  CPLError(CE_Failure, CPLE_AppDefined, "later");
  EXPECT_EQ(outer.take_all(), "later");
}

TEST(ImportGdal, OpenNamesTheFileAndTheCause) {
  rz::test::ScratchDir dir;
  EXPECT_EQ(message_of([&] { open_source(dir / "none.shp", std::nullopt, "villages"); }),
            dir / "none.shp" + ": no such file");
  std::ofstream(dir / "empty.gpkg").close();
  EXPECT_EQ(message_of([&] { open_source(dir / "empty.gpkg", std::nullopt, "villages"); }),
            dir / "empty.gpkg" + ": the file is empty");
  std::ofstream(dir / "notes.txt.bin") << "not a table at all\n";
  EXPECT_EQ(message_of([&] { open_source(dir / "notes.txt.bin", std::nullopt, "villages"); }),
            dir / "notes.txt.bin" + ": cannot open: not a vector format GDAL reads");
}

TEST(ImportGdal, PicksTheLayer) {
  rz::test::ScratchDir dir;
  const std::string path = dir / "two.gpkg";
  {
    gdal::ErrorCapture errors;
    gdal::Dataset ds = gdal::Dataset::create("GPKG", path);
    ASSERT_TRUE(ds);
    write_table(ds, "roads");
    write_table(ds, "wells");
    ds.close();
    ASSERT_FALSE(errors.any()) << errors.take_all();
  }
  EXPECT_THROW(open_source(path, std::nullopt, "villages"), rz::UsageError);
  EXPECT_EQ(message_of([&] { open_source(path, std::string("schools"), "villages"); }),
            path + ": no layer «schools» (layers: roads, wells)");
  EXPECT_EQ(open_source(path, std::nullopt, "wells").layer_name, "wells");
  auto source = open_source(path, std::string("roads"), "wells");
  EXPECT_EQ(source.layer_name, "roads");
  EXPECT_EQ(source.driver, "GPKG");
  EXPECT_FALSE(source.raw_bytes);
  EXPECT_EQ(source.layer.field_count(), 1);
  source.layer.reset_reading();
  gdal::Feature f = source.layer.next_feature();
  ASSERT_TRUE(f);
  EXPECT_STREQ(f.as_string(0), "Village");
}

TEST(ImportGdal, SpreadsheetHeaderOptionLivesAsLongAsTheDataset) {
  rz::test::ScratchDir dir;
  const std::string path = dir / "table.xlsx";
  {
    gdal::Dataset ds = gdal::Dataset::create("XLSX", path);
    ASSERT_TRUE(ds);
    write_table(ds, "sheet");
  }
  ASSERT_EQ(CPLGetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr), nullptr);
  {
    auto source = open_source(path, std::nullopt, "villages");
    EXPECT_STREQ(CPLGetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr), "FORCE");
    // The header row of text cells is taken as the header, not as data.
    EXPECT_STREQ(source.layer.field_name(0), "name");
    EXPECT_EQ(source.layer.feature_count(true), 1);
  }
  EXPECT_EQ(CPLGetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr), nullptr);
}
