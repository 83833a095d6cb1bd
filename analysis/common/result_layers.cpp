#include "analysis/common/result_layers.hpp"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

namespace rz::analysis {

std::vector<geo::FieldDef> fields(
    std::initializer_list<std::pair<const char*, geo::FieldType>> list) {
  std::vector<geo::FieldDef> out;
  for (const auto& [name, type] : list) out.push_back({name, type});
  return out;
}

geo::Envelope envelope_of(const geo::GeosContext& ctx, std::span<const unsigned char> wkb) {
  const auto e = geo::envelope(ctx, geo::from_wkb(ctx, wkb).get());
  return {e[0], e[1], e[2], e[3]};
}

geo::Value finite_value(double number) {
  return std::isfinite(number) ? geo::Value(number) : geo::Value();
}

std::vector<unsigned char> multiline_wkb(const std::vector<std::pair<double, double>>& vertices) {
  std::vector<unsigned char> wkb;
  wkb.reserve(18 + 16 * vertices.size());
  auto put_u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) wkb.push_back(static_cast<unsigned char>(v >> (8 * i)));
  };
  auto put_double = [&](double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i) wkb.push_back(static_cast<unsigned char>(bits >> (8 * i)));
  };
  wkb.push_back(1);  // little-endian
  put_u32(5);        // MultiLineString
  put_u32(1);
  wkb.push_back(1);
  put_u32(2);  // LineString
  put_u32(static_cast<uint32_t>(vertices.size()));
  for (const auto& [x, y] : vertices) {
    put_double(x);
    put_double(y);
  }
  return wkb;
}

HouseholdIds::HouseholdIds(geo::Store& store, const std::string& layer)
    : select_(store.db().prepare(
          fmt::format("SELECT id FROM {} WHERE fid = ?", geo::quote_identifier(layer)))) {}

geo::Value HouseholdIds::operator()(int64_t fid) {
  select_.bind(1, fid);
  geo::Value id;
  if (select_.step())
    if (auto text = select_.get_optional_text(0)) id = *text;
  select_.reset();
  return id;
}

}  // namespace rz::analysis
