#include "export/style_classes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "geo/sqlite.hpp"

namespace rz::exporting {

namespace {

std::string number_label(double v) {
  if (std::abs(v - std::round(v)) < 1e-9)
    return fmt::format("{}", static_cast<int64_t>(std::round(v)));
  return fmt::format("{:.3g}", v);
}

struct Range {
  double min = 0, max = 0;
  bool any = false;
};

Range field_range(geo::Store& store, const std::string& table, const std::string& field) {
  auto st =
      store.db().prepare(fmt::format("SELECT min({0}), max({0}) FROM {1} WHERE {0} IS NOT NULL",
                                     geo::quote_identifier(field), geo::quote_identifier(table)));
  Range r;
  if (st.step() && !st.is_null(0)) r = {st.get_double(0), st.get_double(1), true};
  return r;
}

std::vector<geo::StyleClass> band_classes(geo::Store& store, const std::string& table,
                                          const geo::LayerStyle& style) {
  auto st = store.db().prepare(fmt::format(
      "SELECT {0}, {1} FROM {2} WHERE {0} IS NOT NULL AND {1} IS NOT NULL GROUP BY 1, 2 "
      "ORDER BY count(*) DESC, 1, 2 LIMIT 1",
      geo::quote_identifier(style.band_min_field), geo::quote_identifier(style.band_max_field),
      geo::quote_identifier(table)));
  if (!st.step()) return {};
  const double lo = st.get_double(0), hi = st.get_double(1);
  const Range r = field_range(store, table, style.field);
  const double bottom = std::min(r.any ? r.min : lo, lo), top = std::max(r.any ? r.max : hi, hi);
  auto cls = [&](double lower, double upper, std::string colour, geo::Bilingual label) {
    geo::StyleClass c;
    c.lower = lower;
    c.upper = upper;
    c.label = std::move(label);
    c.symbol = style.symbol;
    c.symbol.colour = std::move(colour);
    return c;
  };
  const std::string l = number_label(lo), h = number_label(hi);
  // QGIS takes the first class whose closed range holds a value: "below" stops just under lo.
  return {
      cls(bottom, std::nextafter(lo, -std::numeric_limits<double>::infinity()), "#fdae61",
          {fmt::format("低于 {}（偏少）", l), fmt::format("below {} (under)", l)}),
      cls(lo, hi, "#a6d96a", {fmt::format("{}–{}（适中）", l, h), fmt::format("{}–{} (ok)", l, h)}),
      cls(std::nextafter(hi, std::numeric_limits<double>::infinity()), std::max(top, hi + 1),
          "#d7191c", {fmt::format("高于 {}（偏多）", h), fmt::format("above {} (over)", h)})};
}

std::vector<double> breaks_from_data(geo::Store& store, const std::string& table,
                                     const std::string& field) {
  const std::string f = geo::quote_identifier(field), t = geo::quote_identifier(table);
  std::vector<double> distinct;
  auto st = store.db().prepare(
      fmt::format("SELECT DISTINCT {0} FROM {1} WHERE {0} IS NOT NULL ORDER BY 1 LIMIT 8", f, t));
  while (st.step()) distinct.push_back(st.get_double(0));
  if (distinct.size() <= 7) return distinct;
  // Five equal-count classes: the values at each fifth of the sorted rows.
  auto count = store.db().prepare(fmt::format("SELECT count({0}) FROM {1}", f, t));
  count.step();
  const int64_t n = count.get_int(0);
  std::vector<double> breaks;
  auto at = store.db().prepare(
      fmt::format("SELECT {0} FROM {1} WHERE {0} IS NOT NULL ORDER BY 1 LIMIT 1 OFFSET ?", f, t));
  for (int k = 1; k <= 5; ++k) {
    at.reset();
    at.bind(1, std::min<int64_t>(n - 1, n * k / 5));
    if (at.step()) breaks.push_back(at.get_double(0));
  }
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  return breaks;
}

}  // namespace

std::string blend_colour(const std::string& from, const std::string& to, double t) {
  // A ramp end that is no colour counts as black, as a map draws it.
  const auto a = geo::rgb_of(from).value_or(std::array<int, 3>{}),
             b = geo::rgb_of(to).value_or(std::array<int, 3>{});
  std::string out = "#";
  for (size_t i = 0; i < 3; ++i) {
    const double v = a[i] + (b[i] - a[i]) * std::clamp(t, 0.0, 1.0);
    out += fmt::format("{:02x}", static_cast<int>(std::lround(v)));
  }
  return out;
}

geo::LayerStyle resolved_style(geo::Store& store, const std::string& layer,
                               const geo::LayerStyle& declared) {
  geo::LayerStyle style = declared;
  if (style.kind != geo::StyleKind::graduated || !style.classes.empty()) return style;
  if (!style.band_min_field.empty()) {
    style.classes = band_classes(store, layer, style);
    return style;
  }
  const std::vector<double> breaks = breaks_from_data(store, layer, style.field);
  const Range r = field_range(store, layer, style.field);
  double lower = r.any ? std::min(r.min, 0.0) : 0;
  for (size_t i = 0; i < breaks.size(); ++i) {
    geo::StyleClass c;
    c.lower = lower;
    c.upper = breaks[i];
    const std::string lo = number_label(c.lower), up = number_label(c.upper);
    c.label = i == 0 ? geo::Bilingual{fmt::format("≤ {}", up), fmt::format("≤ {}", up)}
                     : geo::Bilingual{fmt::format("{}–{}", lo, up), fmt::format("{}–{}", lo, up)};
    c.symbol = style.symbol;
    c.symbol.colour = blend_colour(
        style.ramp_from, style.ramp_to,
        breaks.size() == 1 ? 0 : static_cast<double>(i) / static_cast<double>(breaks.size() - 1));
    style.classes.push_back(std::move(c));
    lower = std::nextafter(breaks[i], std::numeric_limits<double>::infinity());
  }
  return style;
}

}  // namespace rz::exporting
