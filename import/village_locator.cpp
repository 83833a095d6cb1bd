#include "import/village_locator.hpp"

#include <algorithm>

#include "geo/geos_ops.hpp"

namespace rz::import {

PolygonLocator::PolygonLocator(geo::Store& store, const geo::GeosContext& ctx,
                               const std::string& layer, const std::string& code_field,
                               const std::string& name_field)
    : ctx_(ctx) {
  auto info = store.layer(layer);
  if (!info) return;
  int code_col = -1, name_col = -1;
  for (size_t i = 0; i < info->schema.fields.size(); ++i) {
    if (info->schema.fields[i].name == code_field) code_col = static_cast<int>(i);
    if (info->schema.fields[i].name == name_field) name_col = static_cast<int>(i);
  }
  std::vector<geo::BoxIndex::Entry> boxes;
  store.read_features(layer, [&](const geo::FeatureRow& row) {
    if (row.wkb.empty()) return;
    auto g = geo::from_wkb(ctx_, row.wkb);
    const auto [minx, miny, maxx, maxy] = geo::envelope(ctx_, g.get());
    auto text = [&](int col) {
      if (col < 0) return std::string();
      const auto& v = row.values[static_cast<size_t>(col)];
      return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
    };
    boxes.push_back(
        {geo::Box2({minx, miny}, {maxx, maxy}), static_cast<uint32_t>(polygons_.size())});
    codes_.push_back(text(code_col));
    names_.push_back(text(name_col));
    prepared_.push_back(geo::prepare(ctx_, g.get()));
    polygons_.push_back(std::move(g));
  });
  index_ = geo::BoxIndex(std::move(boxes));
}

std::optional<size_t> PolygonLocator::locate(double x, double y) const {
  std::optional<size_t> best;
  auto point = geo::make_point(ctx_, x, y);
  index_.query_point(x, y, [&](uint32_t i) {
    if (best && codes_[i] >= codes_[*best]) return;
    if (geo::intersects(ctx_, prepared_[i], point.get())) best = i;
  });
  return best;
}

}  // namespace rz::import
