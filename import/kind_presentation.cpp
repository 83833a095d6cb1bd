#include "import/kind_presentation.hpp"

#include <array>

#include "import/classify.hpp"

namespace rz::import {

namespace {

using geo::Marker;

// A colour and a marker per facility category, in facility_categories() order.
struct CategoryLook {
  const char* colour;
  Marker marker;
  double size;
};
constexpr std::array<CategoryLook, 11> kCategoryLooks = {{
    {"#d7191c", Marker::star, 4.2},      // party_service_center
    {"#fdae61", Marker::square, 2.6},    // village_service_station
    {"#2b83ba", Marker::triangle, 2.6},  // training_center
    {"#5e3c99", Marker::diamond, 2.6},   // exhibition_hall
    {"#e66101", Marker::diamond, 2.6},   // talent_incubator
    {"#1a9641", Marker::triangle, 2.6},  // agricultural_park
    {"#0571b0", Marker::cross, 2.6},     // clinic
    {"#f1b6da", Marker::circle, 2.2},    // kindergarten
    {"#8c510a", Marker::circle, 2.2},    // elderly_care
    {"#4d4d4d", Marker::square, 1.6},    // bus_stop
    {"#969696", Marker::circle, 1.8},    // other
}};

std::string english_of(std::string_view key) {
  std::string out(key);
  for (auto& c : out)
    if (c == '_') c = ' ';
  return out;
}

geo::LayerStyle facility_style() {
  geo::LayerStyle s;
  s.kind = geo::StyleKind::categorized;
  s.field = "category";
  s.symbol = geo::point_marker(Marker::circle, "#969696", 1.8);
  s.label_field = "name";
  const auto& categories = facility_categories();
  for (size_t i = 0; i < categories.size() && i < kCategoryLooks.size(); ++i) {
    geo::StyleClass c;
    c.value = std::string(categories[i].key);
    c.label = {std::string(categories[i].chinese), english_of(categories[i].key)};
    c.symbol = geo::point_marker(kCategoryLooks[i].marker, kCategoryLooks[i].colour,
                                 kCategoryLooks[i].size);
    s.classes.push_back(std::move(c));
  }
  return s;
}

void set_look(LayerKind kind, geo::LayerPresentation& p) {
  auto& s = p.style;
  switch (kind) {
    case LayerKind::townships:
      p.title = {"乡镇", "Townships"};
      s.symbol = geo::outline_only("#525252", 0.9);
      s.label_field = "name";
      p.base_map = true;
      break;
    case LayerKind::villages:
      p.title = {"行政村", "Villages"};
      s.symbol = geo::solid_fill("#f4f1e6", 1, "#a39e8f");
      s.symbol.outline_width = 0.3;
      s.label_field = "name";
      p.base_map = true;
      break;
    case LayerKind::village_register:
      p.title = {"村级台账", "Village register"};
      break;
    case LayerKind::grids:
      p.title = {"网格", "Governance grids"};
      s.symbol = geo::outline_only("#3182bd", 0.3);
      break;
    case LayerKind::households:
      p.title = {"农户", "Households"};
      s.symbol = geo::point_marker(Marker::circle, "#737373", 0.8);
      s.symbol.outline_width = 0;
      break;
    case LayerKind::facilities:
      p.title = {"服务设施", "Facilities"};
      s = facility_style();
      p.fields.push_back({"category", {"设施类别", "facility category (derived at import)"}, ""});
      break;
    case LayerKind::roads:
      p.title = {"道路", "Roads"};
      s.symbol = geo::line_symbol("#8c8c8c", 0.4);
      break;
    case LayerKind::zones:
      p.title = {"示范区布局", "Demonstration zone layout"};
      s.kind = geo::StyleKind::categorized;
      s.field = "role";
      s.symbol = geo::outline_only("#d7191c", 0.8);
      s.label_field = "village_name";
      {
        geo::StyleClass core;
        core.value = "核心村";
        core.label = {"核心村", "core village"};
        core.symbol = geo::solid_fill("#d7191c", 0.35, "#d7191c");
        core.symbol.outline_width = 1.2;
        geo::StyleClass member;
        member.value = "示范点";
        member.label = {"示范点", "demonstration village"};
        member.symbol = geo::outline_only("#d7191c", 0.8);
        s.classes = {core, member};
      }
      break;
    case LayerKind::candidates:
      p.title = {"候选站点", "Candidate sites"};
      s.symbol = geo::point_marker(Marker::triangle, "#6a3d9a", 2.4);
      break;
    case LayerKind::demand:
      p.title = {"需求点", "Demand points"};
      s.symbol = geo::point_marker(Marker::circle, "#ff7f00", 1.4);
      break;
  }
}

}  // namespace

geo::LayerPresentation kind_presentation(LayerKind kind, const std::string& layer) {
  const KindSpec& k = spec(kind);
  geo::LayerPresentation p;
  p.layer = layer;
  p.group = geo::kInputDataGroup;
  for (const auto& f : k.fields)
    p.fields.push_back(
        {f.name, {f.synonyms.empty() ? f.name : f.synonyms.front(), f.description}, ""});
  set_look(kind, p);
  return p;
}

}  // namespace rz::import
