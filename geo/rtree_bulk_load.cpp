#include "geo/rtree_bulk_load.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/parallel.hpp"
#include "geo/parallel_sort.hpp"
#include "geo/store.hpp"

namespace rz::geo {

namespace {

float round_down(double v) {
  auto f = static_cast<float>(v);
  if (static_cast<double>(f) > v) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

float round_up(double v) {
  auto f = static_cast<float>(v);
  if (static_cast<double>(f) < v) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return f;
}

// rtree.c stores integers and floats big-endian.
void put_u16(unsigned char* p, uint16_t v) {
  p[0] = static_cast<unsigned char>(v >> 8);
  p[1] = static_cast<unsigned char>(v);
}
void put_i64(unsigned char* p, int64_t v) {
  auto u = static_cast<uint64_t>(v);
  for (int i = 7; i >= 0; --i) {
    p[i] = static_cast<unsigned char>(u);
    u >>= 8;
  }
}
void put_f32(unsigned char* p, float f) {
  auto u = std::bit_cast<uint32_t>(f);
  p[0] = static_cast<unsigned char>(u >> 24);
  p[1] = static_cast<unsigned char>(u >> 16);
  p[2] = static_cast<unsigned char>(u >> 8);
  p[3] = static_cast<unsigned char>(u);
}

constexpr size_t kCellBytes = 8 + 4 * 4;  // id + 2-D box

// Sort-Tile-Recursive packing of one level: orders `items` so that consecutive runs of `fanout`
// are spatially compact.
void str_order(std::vector<RTreeEntry>& items, size_t fanout) {
  const size_t n = items.size();
  const size_t nodes = (n + fanout - 1) / fanout;
  const auto slices = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const size_t per_slice = slices * fanout;
  auto cx = [](const RTreeEntry& e) { return static_cast<double>(e.minx) + e.maxx; };
  auto cy = [](const RTreeEntry& e) { return static_cast<double>(e.miny) + e.maxy; };
  parallel_sort(items.begin(), items.end(),
                [&](const auto& a, const auto& b) { return cx(a) < cx(b); });
  // The slices are independent: on two threads when there are many entries.
  const size_t slice_count = n == 0 ? 0 : (n + per_slice - 1) / per_slice;
  parallel_for(slice_count, n >= 100000 ? 2 : 1, [&](size_t, size_t s) {
    auto first = items.begin() + static_cast<ptrdiff_t>(s * per_slice);
    auto last = items.begin() + static_cast<ptrdiff_t>(std::min(n, (s + 1) * per_slice));
    std::sort(first, last, [&](const auto& a, const auto& b) { return cy(a) < cy(b); });
  });
}

}  // namespace

RTreeEntry make_rtree_entry(int64_t id, double minx, double miny, double maxx, double maxy) {
  return {id, round_down(minx), round_up(maxx), round_down(miny), round_up(maxy)};
}

void bulk_load_rtree(Database& db, const std::string& rtree_name, std::vector<RTreeEntry> entries) {
  const std::string node_table = quote_identifier(rtree_name + "_node");
  const std::string rowid_table = quote_identifier(rtree_name + "_rowid");
  const std::string parent_table = quote_identifier(rtree_name + "_parent");

  // The node size is fixed when the table is created (it depends on the page size); an empty
  // R*Tree holds just its root, node 1.
  size_t node_size = 0;
  {
    auto st = db.prepare(fmt::format("SELECT length(data) FROM {} WHERE nodeno=1", node_table));
    if (!st.step())
      throw DataError(
          fmt::format(fmt::runtime(tr("{}: R*Tree {} has no root node")), db.path(), rtree_name));
    node_size = static_cast<size_t>(st.get_int(0));
  }
  const size_t fanout = (node_size - 4) / kCellBytes;
  db.exec(fmt::format("DELETE FROM {}; DELETE FROM {}; DELETE FROM {};", node_table, rowid_table,
                      parent_table));

  auto insert_node =
      db.prepare(fmt::format("INSERT INTO {}(nodeno, data) VALUES (?, ?)", node_table));
  auto insert_rowid =
      db.prepare(fmt::format("INSERT INTO {}(rowid, nodeno) VALUES (?, ?)", rowid_table));
  auto insert_parent =
      db.prepare(fmt::format("INSERT INTO {}(nodeno, parentnode) VALUES (?, ?)", parent_table));

  std::vector<unsigned char> blob(node_size);
  // (rowid, leaf node) pairs, written in rowid order at the end: appending to the %_rowid b-tree
  // is several times faster than inserting in the spatial order the leaves come in.
  std::vector<std::pair<int64_t, int64_t>> leaf_of;
  leaf_of.reserve(entries.size());
  int64_t next_node = 2;  // node 1 is always the root
  std::vector<RTreeEntry> level = std::move(entries);
  int depth = 0;

  // Writes one node holding `cells`; returns its box as an entry with id = node number.
  auto write_node = [&](int64_t nodeno, std::span<const RTreeEntry> cells, int tree_depth,
                        bool leaf) {
    std::fill(blob.begin(), blob.end(), 0);
    if (nodeno == 1) put_u16(blob.data(), static_cast<uint16_t>(tree_depth));
    put_u16(blob.data() + 2, static_cast<uint16_t>(cells.size()));
    RTreeEntry box{nodeno, std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest(),
                   std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()};
    unsigned char* p = blob.data() + 4;
    for (const auto& c : cells) {
      put_i64(p, c.id);
      put_f32(p + 8, c.minx);
      put_f32(p + 12, c.maxx);
      put_f32(p + 16, c.miny);
      put_f32(p + 20, c.maxy);
      p += kCellBytes;
      box.minx = std::min(box.minx, c.minx);
      box.maxx = std::max(box.maxx, c.maxx);
      box.miny = std::min(box.miny, c.miny);
      box.maxy = std::max(box.maxy, c.maxy);
      if (leaf) {
        leaf_of.push_back({c.id, nodeno});
      } else {
        insert_parent.bind(1, c.id).bind(2, nodeno);
        insert_parent.run();
      }
    }
    insert_node.bind(1, nodeno).bind_blob(2, blob);
    insert_node.run();
    return box;
  };

  if (level.empty()) {
    write_node(1, {}, 0, true);
    return;
  }
  // Count the levels first: the root's header records the depth of the whole tree.
  int levels = 0;
  for (size_t n = level.size(); n > fanout; n = (n + fanout - 1) / fanout) ++levels;
  depth = levels;
  bool leaf = true;
  while (level.size() > fanout) {
    str_order(level, fanout);
    std::vector<RTreeEntry> parents;
    parents.reserve(level.size() / fanout + 1);
    for (size_t start = 0; start < level.size(); start += fanout) {
      size_t count = std::min(fanout, level.size() - start);
      parents.push_back(
          write_node(next_node++, std::span(level).subspan(start, count), depth, leaf));
    }
    level = std::move(parents);
    leaf = false;
  }
  write_node(1, level, depth, leaf);
  parallel_sort(leaf_of.begin(), leaf_of.end());
  // Many rows per statement: per-statement overhead dominates a two-integer row.
  constexpr size_t kRowsPerInsert = 256;
  std::string many = fmt::format("INSERT INTO {}(rowid, nodeno) VALUES (?,?)", rowid_table);
  for (size_t i = 1; i < kRowsPerInsert; ++i) many += ",(?,?)";
  auto insert_many = db.prepare(many);
  size_t i = 0;
  for (; i + kRowsPerInsert <= leaf_of.size(); i += kRowsPerInsert) {
    for (size_t k = 0; k < kRowsPerInsert; ++k) {
      insert_many.bind(static_cast<int>(2 * k + 1), leaf_of[i + k].first);
      insert_many.bind(static_cast<int>(2 * k + 2), leaf_of[i + k].second);
    }
    insert_many.run();
  }
  for (; i < leaf_of.size(); ++i) {
    insert_rowid.bind(1, leaf_of[i].first).bind(2, leaf_of[i].second);
    insert_rowid.run();
  }
}

}  // namespace rz::geo
