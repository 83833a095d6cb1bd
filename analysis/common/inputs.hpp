#pragma once
// The inputs several analyses read from the store (common/store_inputs.hpp reads them): villages,
// grids, households (column by column) and facilities.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/store.hpp"

namespace rz::analysis {

struct Village {
  int64_t fid = 0;
  std::string code, name, township_code, township_name;
  std::vector<unsigned char> wkb;
  std::vector<unsigned char> stored_geometry;  // as the store keeps it, when read so (reach)
};

struct Grid {
  int64_t fid = 0;
  std::string code, name, village_code;
  std::optional<int64_t> workers;
  std::vector<unsigned char> wkb;
  geo::Envelope envelope{};
};

// Households, column by column (millions of them).
struct Households {
  std::vector<int64_t> fid;
  std::vector<double> x, y;
  std::vector<int32_t> village;  // index into the villages, -1 when unknown
  std::vector<int32_t> persons;  // -1 when unknown; empty when not read (read_households)
  size_t size() const { return fid.size(); }
};

struct Facility {
  int64_t fid = 0;
  std::string name, category;
  double x = 0, y = 0;
};

}  // namespace rz::analysis
