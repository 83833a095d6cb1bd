#include "analysis/common/result_layers.hpp"

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
