// Every layer of the sample county's main job exported to shapefile and read back through GDAL:
// the same features and values as the store (text equal, or cut with its full text in
// <layer>.long_values.csv; reals to the decimals the .dbf keeps), areas of hundreds of km² in m²
// never overflowing, summary tables written as a .dbf alone.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

struct StoreColumn {
  std::string name;
  std::string type;  // integer, real, text
};

std::vector<StoreColumn> store_columns(sqlite3* db, const std::string& layer) {
  std::vector<StoreColumn> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT fields FROM rz_layers WHERE name = ?", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, layer.c_str(), -1, SQLITE_TRANSIENT);
  std::string fields;
  if (sqlite3_step(st) == SQLITE_ROW)
    fields = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  // [{"name":"code","type":"text"},...] without a JSON library: the pairs in order.
  size_t at = 0;
  while ((at = fields.find("\"name\":\"", at)) != std::string::npos) {
    at += 8;
    const size_t end = fields.find('"', at);
    StoreColumn c{fields.substr(at, end - at), {}};
    const size_t type_at = fields.find("\"type\":\"", end) + 8;
    c.type = fields.substr(type_at, fields.find('"', type_at) - type_at);
    out.push_back(c);
    at = end;
  }
  return out;
}

// short .dbf name -> full name, from <layer>.fields.csv when the export shortened any.
std::map<std::string, std::string> full_names(const fs::path& dir, const std::string& layer) {
  std::map<std::string, std::string> out;
  std::istringstream in(rz::test::read_file((dir / (layer + ".fields.csv")).string()));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto comma = line.find(',');
    if (comma != std::string::npos) out[line.substr(0, comma)] = line.substr(comma + 1);
  }
  return out;
}

// (fid, field) -> the full text of values the export cut, from <layer>.long_values.csv.
std::map<std::pair<int64_t, std::string>, std::string> long_values(const fs::path& dir,
                                                                   const std::string& layer) {
  std::map<std::pair<int64_t, std::string>, std::string> out;
  const fs::path path = dir / (layer + ".long_values.csv");
  if (!fs::exists(path)) return out;
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  EXPECT_NE(ds, nullptr) << path;
  if (!ds) return out;
  OGRLayerH l = GDALDatasetGetLayer(ds, 0);
  OGRFeatureH f;
  while ((f = OGR_L_GetNextFeature(l)) != nullptr) {
    out[{std::stoll(OGR_F_GetFieldAsString(f, 0)), OGR_F_GetFieldAsString(f, 1)}] =
        OGR_F_GetFieldAsString(f, 2);
    OGR_F_Destroy(f);
  }
  GDALClose(ds);
  return out;
}

}  // namespace

TEST(CliShapefileExport, EveryLayerOfTheSampleCountyReadsBackEqual) {
  ScratchDir dir;
  auto run =
      run_ruralzone("run " + sample_file("project.toml") + " --out out -q", dir.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string store_path = dir / "out/project.sqlite";
  auto exported = run_ruralzone("export " + store_path + " -f shp -o shp", dir.path().string());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const fs::path shp_dir = dir.path() / "shp";

  GDALAllRegister();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(store_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_enable_load_extension(db, 1);
  sqlite3_load_extension(db, "mod_spatialite", nullptr, nullptr);
  std::vector<std::pair<std::string, int64_t>> layers;
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name, feature_count FROM rz_layers ORDER BY rowid", -1, &st,
                       nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
      layers.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                          sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
  }
  ASSERT_GT(layers.size(), 30u);
  int tables = 0, cut = 0;
  double largest_real = 0;
  for (const auto& [layer, count] : layers) {
    SCOPED_TRACE(layer);
    fs::path file = shp_dir / (layer + ".shp");
    if (!fs::exists(file)) {
      // A table: the .dbf alone.
      file = shp_dir / (layer + ".dbf");
      ++tables;
    }
    ASSERT_TRUE(fs::exists(file)) << file;
    GDALDatasetH ds = GDALOpenEx(file.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(ds, nullptr) << file;
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    EXPECT_EQ(OGR_L_GetFeatureCount(l, TRUE), count);
    const auto names = full_names(shp_dir, layer);
    const auto full_text = long_values(shp_dir, layer);
    cut += static_cast<int>(full_text.size());
    const auto columns = store_columns(db, layer);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    std::map<std::string, int> index;  // full name -> .dbf field
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
      std::string name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
      index[names.count(name) ? names.at(name) : name] = i;
    }
    ASSERT_TRUE(index.count("fid"));
    std::string select = "SELECT fid";
    for (const auto& c : columns) select += ", \"" + c.name + "\"";
    select += " FROM \"" + layer + "\" WHERE fid = ?";
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, select.c_str(), -1, &st, nullptr), SQLITE_OK) << select;
    OGRFeatureH f;
    int64_t checked = 0;
    while ((f = OGR_L_GetNextFeature(l)) != nullptr) {
      const int64_t fid = OGR_F_GetFieldAsInteger64(f, index.at("fid"));
      sqlite3_reset(st);
      sqlite3_bind_int64(st, 1, fid);
      ASSERT_EQ(sqlite3_step(st), SQLITE_ROW) << "fid " << fid;
      for (size_t c = 0; c < columns.size(); ++c) {
        const auto& column = columns[c];
        ASSERT_TRUE(index.count(column.name)) << column.name;
        const int i = index.at(column.name);
        const int sc = static_cast<int>(c) + 1;
        if (sqlite3_column_type(st, sc) == SQLITE_NULL) {
          EXPECT_FALSE(OGR_F_IsFieldSetAndNotNull(f, i)) << column.name << " fid " << fid;
          continue;
        }
        // A .dbf keeps an empty text as blanks, which GDAL reads as null.
        if (column.type == "text" && sqlite3_column_bytes(st, sc) == 0) {
          EXPECT_STREQ(OGR_F_GetFieldAsString(f, i), "") << column.name << " fid " << fid;
          continue;
        }
        ASSERT_TRUE(OGR_F_IsFieldSetAndNotNull(f, i)) << column.name << " fid " << fid;
        if (column.type == "integer") {
          EXPECT_EQ(OGR_F_GetFieldAsInteger64(f, i), sqlite3_column_int64(st, sc)) << column.name;
        } else if (column.type == "real") {
          const double want = sqlite3_column_double(st, sc);
          largest_real = std::max(largest_real, std::abs(want));
          EXPECT_NEAR(OGR_F_GetFieldAsDouble(f, i), want, 1e-9 * std::max(1.0, std::abs(want)))
              << column.name << " fid " << fid;
        } else {
          const std::string want = reinterpret_cast<const char*>(sqlite3_column_text(st, sc));
          const std::string got = OGR_F_GetFieldAsString(f, i);
          auto it = full_text.find({fid, column.name});
          if (it != full_text.end()) {
            EXPECT_EQ(it->second, want) << column.name << " fid " << fid;
            EXPECT_EQ(want.rfind(got.substr(0, got.size() - 3), 0), 0u) << got;
          } else {
            EXPECT_EQ(got, want) << column.name << " fid " << fid;
          }
        }
      }
      OGR_F_Destroy(f);
      ++checked;
    }
    sqlite3_finalize(st);
    EXPECT_EQ(checked, count);
    GDALClose(ds);
  }
  sqlite3_close(db);
  EXPECT_GT(tables, 3);            // county, site and zone summaries
  EXPECT_GE(cut, 1);               // zone_design_checks lists more villages than 254 bytes hold
  EXPECT_GT(largest_real, 1.0e8);  // areas of 100 km² and more, in m²
  EXPECT_NE(exported.err.find("long_values.csv"), std::string::npos) << exported.err;
}
