// The spatial indexes: the packed SQLite R*Tree written into shadow tables must pass SQLite's own
// rtreecheck() and answer window queries exactly like a brute-force scan; the in-memory Boost
// trees must agree with brute force too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "geo/packed_point_index.hpp"
#include "geo/rtree_bulk_load.hpp"
#include "geo/spatial_index.hpp"
#include "geo/sqlite.hpp"
#include "test_support.hpp"

using namespace rz::geo;

namespace {

struct Box {
  double minx, miny, maxx, maxy;
};

std::vector<Box> random_boxes(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> x(400000, 700000), y(2500000, 3400000), size(0, 500);
  std::vector<Box> out;
  for (size_t i = 0; i < n; ++i) {
    double bx = x(rng), by = y(rng);
    out.push_back({bx, by, bx + size(rng), by + size(rng)});
  }
  return out;
}

}  // namespace

TEST(RTreeBulkLoad, PassesRtreecheckAndMatchesBruteForce) {
  rz::test::ScratchDir dir;
  Database db(dir / "r.sqlite", true);
  // Sizes around node capacity boundaries: empty, one node, one level, several levels.
  for (size_t n : {size_t{0}, size_t{1}, size_t{50}, size_t{51}, size_t{2600}, size_t{60000}}) {
    SCOPED_TRACE(n);
    std::string name = "t" + std::to_string(n);
    db.exec("CREATE VIRTUAL TABLE " + name + " USING rtree(id, minx, maxx, miny, maxy)");
    auto boxes = random_boxes(n, static_cast<unsigned>(n));
    std::vector<RTreeEntry> entries;
    for (size_t i = 0; i < n; ++i)
      entries.push_back(make_rtree_entry(static_cast<int64_t>(i + 1), boxes[i].minx, boxes[i].miny,
                                         boxes[i].maxx, boxes[i].maxy));
    {
      Transaction tx(db);
      bulk_load_rtree(db, name, entries);
      tx.commit();
    }
    auto check = db.prepare("SELECT rtreecheck('" + name + "')");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.get_text(0), "ok");
    auto count = db.prepare("SELECT count(*) FROM " + name);
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.get_int(0), static_cast<int64_t>(n));

    // Stored boxes contain the true ones (floats rounded outwards).
    auto all = db.prepare("SELECT id, minx, maxx, miny, maxy FROM " + name);
    while (all.step()) {
      const Box& b = boxes[static_cast<size_t>(all.get_int(0) - 1)];
      EXPECT_LE(all.get_double(1), b.minx);
      EXPECT_GE(all.get_double(2), b.maxx);
      EXPECT_LE(all.get_double(3), b.miny);
      EXPECT_GE(all.get_double(4), b.maxy);
    }

    // Window queries against brute force on the stored (float) boxes.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> x(400000, 700000), y(2500000, 3400000);
    for (int q = 0; q < 20; ++q) {
      double qx = x(rng), qy = y(rng), w = 20000;
      auto st = db.prepare("SELECT id FROM " + name +
                           " WHERE maxx >= ?1 AND minx <= ?2 AND maxy >= ?3 AND miny <= ?4");
      st.bind(1, qx);
      st.bind(2, qx + w);
      st.bind(3, qy);
      st.bind(4, qy + w);
      std::set<int64_t> got;
      while (st.step()) got.insert(st.get_int(0));
      std::set<int64_t> want;
      for (const auto& e : entries)
        if (e.maxx >= qx && e.minx <= qx + w && e.maxy >= qy && e.miny <= qy + w) want.insert(e.id);
      EXPECT_EQ(got, want);
    }
  }
}

TEST(SpatialIndex, BoxAndPointIndexesMatchBruteForce) {
  auto boxes = random_boxes(5000, 3);
  std::vector<BoxIndex::Entry> box_entries;
  std::vector<PointIndex::Entry> point_entries;
  for (uint32_t i = 0; i < boxes.size(); ++i) {
    const Box& b = boxes[i];
    box_entries.push_back({Box2(Point2(b.minx, b.miny), Point2(b.maxx, b.maxy)), i});
    point_entries.push_back({Point2(b.minx, b.miny), i});
  }
  BoxIndex box_index(box_entries);
  PointIndex point_index(point_entries);
  EXPECT_EQ(box_index.size(), 5000u);
  EXPECT_EQ(point_index.size(), 5000u);

  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> x(400000, 700000), y(2500000, 3400000);
  for (int q = 0; q < 200; ++q) {
    double qx = x(rng), qy = y(rng);
    std::set<uint32_t> got, want;
    box_index.query_point(qx, qy, [&](uint32_t i) { got.insert(i); });
    for (uint32_t i = 0; i < boxes.size(); ++i)
      if (boxes[i].minx <= qx && qx <= boxes[i].maxx && boxes[i].miny <= qy && qy <= boxes[i].maxy)
        want.insert(i);
    EXPECT_EQ(got, want);

    // Nearest 3 points: the same distances as sorting all of them.
    std::vector<double> all;
    for (const Box& b : boxes) all.push_back(std::hypot(b.minx - qx, b.miny - qy));
    std::sort(all.begin(), all.end());
    std::vector<double> nearest;
    point_index.nearest(qx, qy, 3, [&](uint32_t, double d) { nearest.push_back(d); });
    std::sort(nearest.begin(), nearest.end());
    ASSERT_EQ(nearest.size(), 3u);
    for (size_t k = 0; k < 3; ++k) EXPECT_NEAR(nearest[k], all[k], 1e-6);
  }
}

TEST(SpatialIndex, PackedPointIndexMatchesBruteForce) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> ux(400000, 410000), uy(2500000, 2510000);
  for (size_t n : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, size_t{65}, size_t{150000}}) {
    SCOPED_TRACE(n);
    std::vector<double> x(n), y(n);
    for (size_t i = 0; i < n; ++i) {
      x[i] = ux(rng);
      y[i] = uy(rng);
    }
    if (n > 10) x[7] = x[3], y[7] = y[3];  // a duplicate point
    for (int threads : {1, 2}) {
      PackedPointIndex index(x, y, threads);
      EXPECT_EQ(index.size(), n);
      for (int q = 0; q < 30; ++q) {
        double qx = ux(rng), qy = uy(rng), w = q == 0 ? 0.0 : 700.0;
        if (q == 0 && n > 3) qx = x[3], qy = y[3];  // a degenerate box on a point
        std::set<uint32_t> got, want;
        index.query_box(Box2(Point2(qx, qy), Point2(qx + w, qy + w)),
                        [&](uint32_t i, double px, double py) {
                          EXPECT_EQ(px, x[i]);
                          EXPECT_EQ(py, y[i]);
                          got.insert(i);
                        });
        for (uint32_t i = 0; i < n; ++i)
          if (x[i] >= qx && x[i] <= qx + w && y[i] >= qy && y[i] <= qy + w) want.insert(i);
        EXPECT_EQ(got, want);
      }
    }
  }
}
