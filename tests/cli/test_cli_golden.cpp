// The golden test: every result layer of the sample county's main job, row by row and value by
// value, against the digests recorded in tests/data/golden/sample_county.txt. Refactoring must
// leave every answer as it was; a change that means to change answers records new digests
// (RZ_GOLDEN_UPDATE=1) and says why in its commit.
//
// A layer's digest is the SHA-256 of its rows, each row its values in column order (fid left
// out: the answer is the rows, not the order they were written in; so is src_fid of the area
// pieces, which numbers them in the order the threads found them; and the solver's seconds, a
// measurement), rows sorted. Text and
// integers are compared exactly, reals to 15 significant digits, geometries as WKT with
// coordinates rounded to 1e-9 m. RZ_GOLDEN_DUMP=DIR writes each layer's canonical rows there,
// to see what changed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "geo/geos.hpp"
#include "geo/sha256.hpp"
#include "geo/spatialite_metadata.hpp"
#include "geo/sqlite.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

const std::string kFixture = rz::test::source_dir() + "/tests/data/golden/sample_county.txt";

// Layers whose src_fid numbers pieces in the order they were computed, not a source feature.
bool numbers_pieces(const std::string& layer) {
  return layer == "grid_gaps" || layer == "grid_overlaps" || layer == "grid_outside";
}

struct LayerDigest {
  int64_t rows = 0;
  std::string sha256;
};

// layer -> digest, as the fixture records them ("layer rows sha256" lines, # comments).
std::map<std::string, LayerDigest> read_fixture() {
  std::map<std::string, LayerDigest> out;
  std::ifstream in(kFixture);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    std::string layer;
    LayerDigest d;
    row >> layer >> d.rows >> d.sha256;
    out[layer] = d;
  }
  return out;
}

// The geometry column of `layer`, empty for a table.
std::string geometry_column(rz::geo::Database& db, const std::string& layer) {
  // A table's, or a spatial view's (geo::GeometryFrom).
  auto q = db.prepare(
      "SELECT f_geometry_column FROM geometry_columns WHERE lower(f_table_name) = lower(?1) "
      "UNION ALL SELECT view_geometry FROM views_geometry_columns WHERE view_name = lower(?1)");
  q.bind(1, layer);
  return q.step() ? q.get_text(0) : std::string();
}

// The canonical rows of `layer`, sorted.
std::vector<std::string> canonical_rows(rz::geo::Database& db, const rz::geo::GeosContext& ctx,
                                        const std::string& layer) {
  const std::string geom = geometry_column(db, layer);
  std::vector<std::string> columns;
  {
    auto info = db.prepare(fmt::format("PRAGMA table_info(\"{}\")", layer));
    while (info.step()) {
      std::string name = info.get_text(1);
      if (name == "fid" || name == geom || name == "solve_seconds" ||
          (name == "src_fid" && numbers_pieces(layer)))
        continue;
      columns.push_back(fmt::format("\"{}\"", name));
    }
  }
  if (!geom.empty()) columns.push_back(fmt::format("AsBinary(\"{}\")", geom));
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
  auto rows = db.prepare(fmt::format("SELECT {} FROM \"{}\"", list, layer));
  std::vector<std::string> out;
  while (rows.step()) {
    std::string row;
    for (int c = 0; c < rows.column_count(); ++c) {
      if (c) row += '|';
      switch (rows.column_type(c)) {
        case SQLITE_NULL:
          row += "NULL";
          break;
        case SQLITE_INTEGER:
          row += std::to_string(rows.get_int(c));
          break;
        case SQLITE_FLOAT:
          row += fmt::format("{:.15g}", rows.get_double(c));
          break;
        case SQLITE_BLOB: {
          auto g = rz::geo::from_wkb(ctx, rows.get_blob(c));
          row += rz::geo::to_wkt(ctx, g.get(), 9);
          break;
        }
        default:
          row += rows.get_text(c);
      }
    }
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(CliGolden, SampleCountyMainJobResultsAreUnchanged) {
  const auto fixture = read_fixture();
  const bool update = std::getenv("RZ_GOLDEN_UPDATE") != nullptr;
  ASSERT_TRUE(update || !fixture.empty()) << "no digests in " << kFixture;
  const char* dump = std::getenv("RZ_GOLDEN_DUMP");

  ScratchDir dir;
  auto run =
      run_ruralzone("run " + sample_file("project.toml") + " --out out -q", dir.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rz::geo::Database db(dir / "out/project.sqlite", false);
  rz::geo::GeosContext ctx;

  std::map<std::string, LayerDigest> got;
  for (const auto& [layer, expected] : fixture) {
    SCOPED_TRACE(layer);
    // A table, or a spatial view over the households (geo::GeometryFrom).
    ASSERT_TRUE(db.table_exists(layer) || rz::geo::view_exists(db, layer))
        << layer << " is missing from the main job's store";
    auto rows = canonical_rows(db, ctx, layer);
    std::string text;
    for (const auto& r : rows) text += r + '\n';
    got[layer] = {static_cast<int64_t>(rows.size()), rz::geo::sha256_hex(text)};
    if (dump) {
      fs::create_directories(dump);
      std::ofstream(fs::path(dump) / (layer + ".txt")) << text;
    }
    if (!update) {
      EXPECT_EQ(got[layer].rows, expected.rows);
      EXPECT_EQ(got[layer].sha256, expected.sha256);
    }
  }
  if (update) {
    std::ofstream out(kFixture);
    out << "# The sample county's main job: layer, rows, SHA-256 of its canonical rows\n"
        << "# (tests/cli/test_cli_golden.cpp says how they are made).\n";
    for (const auto& [layer, d] : got) out << layer << ' ' << d.rows << ' ' << d.sha256 << '\n';
  }
}
