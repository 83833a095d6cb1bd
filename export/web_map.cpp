#include "export/web_map.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "export/html_text.hpp"
#include "export/layer_plan.hpp"
#include "export/round_length.hpp"
#include "export/staging.hpp"
#include "export/style_classes.hpp"
#include "export/web_assets.hpp"
#include "export/wkb_parts.hpp"
#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

// Symbol sizes are declared in millimetres for print; the screen has 96 px per inch.
constexpr double kPixelsPerMm = 96 / 25.4;
// Lines and polygons keep what shows at half a pixel of a view this wide over the layer's extent.
constexpr double kReferencePixels = 1280;
// An aggregated point layer is counted in square cells, this many along its longer side.
constexpr double kCellsAcross = 150;
// Coordinates go into the page as integer micro-degrees, each ring's first absolute and the
// others as differences from the one before: 6 decimals, in a third of the characters.
constexpr double kMicro = 1e6;

std::string text_in(Language language, const std::string& zh, const std::string& en) {
  return in_language(geo::Bilingual{zh, en}, language);
}

// A JSON string literal of any text; invalid UTF-8 is replaced rather than failing the page.
std::string quoted(const std::string& text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string number_text(double v) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{:.6g}", v);
}

std::string value_json(const geo::Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return number_text(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return quoted(*s);
  return "null";
}

// The JSON inside <script type="application/json"> ends at the first "</script", whatever
// quotes come before it, and "<!--" or "<script" there change how the parser looks for that end.
// A "<" only ever stands inside a JSON string, where "\u003c" means the same character: every one
// is written so, and the script element holds no "<" at all.
std::string escaped_for_script(const std::string& data) {
  std::string out;
  out.reserve(data.size() + data.size() / 64);
  for (char c : data) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// A declared symbol as Leaflet path options.
json path_options(const geo::Symbol& s, geo::GeometryKind kind, bool base) {
  json o;
  const double outline = std::max(0.5, s.outline_width * kPixelsPerMm);
  switch (kind) {
    case geo::GeometryKind::point:
      o["radius"] = std::max(2.5, s.size * kPixelsPerMm / 2);
      o["fill"] = true;
      o["fillColor"] = s.colour;
      o["fillOpacity"] = s.opacity;
      o["stroke"] = s.outline_width > 0;
      o["color"] = s.outline;
      o["weight"] = outline;
      o["opacity"] = s.opacity;
      break;
    case geo::GeometryKind::line:
      o["fill"] = false;
      o["color"] = s.colour;
      o["weight"] = std::max(1.0, s.size * kPixelsPerMm);
      o["opacity"] = s.opacity;
      break;
    case geo::GeometryKind::polygon:
      o["stroke"] = s.outline_width > 0;
      o["color"] = s.outline;
      o["weight"] = outline;
      o["opacity"] = s.opacity;
      o["fillColor"] = s.colour;
      if (s.fill == geo::Fill::solid) {
        o["fill"] = true;
        o["fillOpacity"] = s.opacity;
      } else if (s.fill == geo::Fill::hatch) {
        // SVG patterns would need url(#...) fills per renderer: a light wash and a dashed
        // outline in the colour say the same.
        o["fill"] = true;
        o["fillOpacity"] = 0.3 * s.opacity;
        o["color"] = s.colour;
        o["weight"] = std::max(1.0, outline);
        o["dashArray"] = "4 3";
      } else {
        // An outline-only result layer still answers clicks inside it; the base's outlines
        // (townships) let them through to the villages underneath.
        o["fill"] = !base;
        o["fillOpacity"] = 0;
      }
      break;
  }
  return o;
}

// The value a style classifies, as text and (when it is one) as a number.
struct ClassValue {
  std::string text;
  std::optional<double> number;
  bool null = true;
};

ClassValue class_value(const geo::Value& v) {
  ClassValue c;
  c.null = std::holds_alternative<std::monostate>(v);
  c.text = value_text(v);
  if (const auto* d = std::get_if<double>(&v)) c.number = *d;
  if (const auto* i = std::get_if<int64_t>(&v)) c.number = static_cast<double>(*i);
  return c;
}

ClassValue class_value(const ojson& j) {
  ClassValue c;
  c.null = j.is_null();
  if (c.null) return c;
  c.text = json_text(j);
  if (j.is_number()) c.number = j.get<double>();
  return c;
}

// The index into style.classes of the class a value falls in, as the printed maps choose it;
// -1 for the style's own symbol.
int class_index(const geo::LayerStyle& style, const ClassValue& value) {
  if (style.kind == geo::StyleKind::single || style.classes.empty() || value.null) return -1;
  if (style.kind == geo::StyleKind::categorized) {
    for (size_t i = 0; i < style.classes.size(); ++i)
      if (style.classes[i].value == value.text) return static_cast<int>(i);
    for (size_t i = 0; i < style.classes.size(); ++i)
      if (style.classes[i].value.empty()) return static_cast<int>(i);
    return -1;
  }
  if (!value.number) return -1;
  for (size_t i = 0; i < style.classes.size(); ++i)
    if (style.classes[i].lower <= *value.number && *value.number <= style.classes[i].upper)
      return static_cast<int>(i);
  return -1;
}

// Douglas-Peucker: the vertices of `line` that keep it within `tolerance` of itself. A closed
// ring keeps at least a triangle, so that no polygon disappears at any zoom.
Ring simplified(const Ring& line, double tolerance, bool ring) {
  const size_t n = line.size();
  if (n <= 3 || tolerance <= 0) return line;
  std::vector<char> keep(n, 0);
  keep[0] = keep[n - 1] = 1;
  std::vector<std::pair<size_t, size_t>> spans{{0, n - 1}};
  const double tolerance2 = tolerance * tolerance;
  while (!spans.empty()) {
    const auto [a, b] = spans.back();
    spans.pop_back();
    if (b <= a + 1) continue;
    const double ax = line[a].first, ay = line[a].second;
    const double dx = line[b].first - ax, dy = line[b].second - ay, length2 = dx * dx + dy * dy;
    double farthest = -1;
    size_t at = a;
    for (size_t i = a + 1; i < b; ++i) {
      double px = line[i].first - ax, py = line[i].second - ay;
      if (length2 > 0) {
        const double t = std::clamp((px * dx + py * dy) / length2, 0.0, 1.0);
        px -= t * dx;
        py -= t * dy;
      }
      const double d2 = px * px + py * py;
      if (d2 > farthest) {
        farthest = d2;
        at = i;
      }
    }
    if (farthest > tolerance2) {
      keep[at] = 1;
      spans.push_back({a, at});
      spans.push_back({at, b});
    }
  }
  Ring out;
  for (size_t i = 0; i < n; ++i)
    if (keep[i]) out.push_back(line[i]);
  if (ring && out.size() < 4) out = {line[0], line[n / 3], line[2 * n / 3], line[n - 1]};
  return out;
}

struct Bounds {
  double west = std::numeric_limits<double>::infinity(), south = west, east = -west, north = -west;
  bool empty() const { return west > east; }
  void add(double lon, double lat) {
    west = std::min(west, lon);
    east = std::max(east, lon);
    south = std::min(south, lat);
    north = std::max(north, lat);
  }
  void add(const Bounds& b) {
    if (b.empty()) return;
    add(b.west, b.south);
    add(b.east, b.north);
  }
  json as_json() const {
    return json::array({json::array({south, west}), json::array({north, east})});
  }
};

// Store-CRS coordinates to WGS84 micro-degrees, as the page's delta-coded arrays.
class Encoder {
 public:
  Encoder(int srid, std::string layer)
      : transform_(fmt::format("EPSG:{}", srid), "EPSG:4326"), layer_(std::move(layer)) {}

  // Transforms `rings` in place (lon, lat), all in one PROJ call.
  void to_lon_lat(std::vector<Ring*>& rings, int64_t fid) {
    xs_.clear();
    ys_.clear();
    for (const Ring* r : rings)
      for (const auto& [x, y] : *r) {
        xs_.push_back(x);
        ys_.push_back(y);
      }
    if (!transform_.transform(xs_, ys_))
      throw DataError(fmt::format(fmt::runtime(tr("web map: layer {} feature {}: its coordinates "
                                                  "cannot be transformed to WGS84 lon/lat")),
                                  layer_, fid));
    size_t k = 0;
    for (Ring* r : rings)
      for (auto& p : *r) {
        p = {xs_[k], ys_[k]};
        ++k;
      }
  }

  // "[x0,y0,dx1,dy1,...]", closing vertex and repeated vertices left out; false when fewer than
  // `min_vertices` distinct ones are left.
  bool append_coded(std::string& out, const Ring& line, bool ring, size_t min_vertices,
                    Bounds& bounds) {
    coded_.clear();
    int64_t px = 0, py = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const int64_t x = std::llround(line[i].first * kMicro),
                    y = std::llround(line[i].second * kMicro);
      if (!coded_.empty() && x == px && y == py) continue;
      coded_.push_back({x, y});
      px = x;
      py = y;
    }
    if (ring && coded_.size() > 1 && coded_.front() == coded_.back()) coded_.pop_back();
    if (coded_.size() < min_vertices) return false;
    out += '[';
    px = py = 0;
    for (size_t i = 0; i < coded_.size(); ++i) {
      const auto [x, y] = coded_[i];
      fmt::format_to(std::back_inserter(out), "{}{},{}", i ? "," : "", x - px, y - py);
      bounds.add(static_cast<double>(x) / kMicro, static_cast<double>(y) / kMicro);
      px = x;
      py = y;
    }
    out += ']';
    return true;
  }

 private:
  geo::CrsTransform transform_;
  std::string layer_;
  std::vector<double> xs_, ys_;
  std::vector<std::pair<int64_t, int64_t>> coded_;
};

struct WebLayer {
  const geo::LayerPresentation* presentation = nullptr;
  geo::LayerInfo info;
  bool base = false;
  bool on = false;
  std::string group;  // in the page's language
};

std::optional<geo::Envelope> envelope_of(geo::Store& store, const std::string& layer) {
  if (const auto e = store.extent(layer)) return geo::Envelope{(*e)[0], (*e)[1], (*e)[2], (*e)[3]};
  return std::nullopt;
}

double simplify_tolerance(const std::optional<geo::Envelope>& e) {
  if (!e) return 0;
  return std::max(e->maxx - e->minx, e->maxy - e->miny) / kReferencePixels / 2;
}

// Popup field order: the names a planner looks for first, then the schema's order.
std::vector<size_t> popup_order(const geo::LayerSchema& schema) {
  static const std::array<std::string_view, 5> kFirst = {"name", "village_name", "township_name",
                                                         "zone", "county_name"};
  std::vector<size_t> order;
  for (const auto name : kFirst)
    for (size_t i = 0; i < schema.fields.size(); ++i)
      if (schema.fields[i].name == name) order.push_back(i);
  for (size_t i = 0; i < schema.fields.size(); ++i)
    if (std::find(order.begin(), order.end(), i) == order.end()) order.push_back(i);
  return order;
}

std::string field_label(const geo::LayerPresentation& p, const std::string& name,
                        Language language) {
  std::string label = name;
  if (const auto alias = geo::field_alias(p, name)) label = in_language(*alias, language);
  for (const auto& f : p.fields)
    if (f.name == name && !f.unit.empty()) label += " (" + f.unit + ")";
  return label;
}

struct LayerOutput {
  std::string features;  // the JSON array's elements
  int64_t drawn = 0, without_geometry = 0;
  Bounds bounds;
  json meta;
};

// Every feature of a layer with its attributes: [class, geometry, [values], {attrs}].
LayerOutput vector_layer(geo::Store& store, const WebLayer& layer, const geo::LayerStyle& style,
                         Language language) {
  const auto& p = *layer.presentation;
  const auto& schema = layer.info.schema;
  const geo::GeometryKind kind = schema.geometry;
  std::optional<size_t> class_field;
  for (size_t i = 0; i < schema.fields.size(); ++i)
    if (schema.fields[i].name == style.field) class_field = i;
  const double tolerance =
      kind == geo::GeometryKind::point ? 0 : simplify_tolerance(envelope_of(store, p.layer));
  Encoder encoder(store.srid(), p.layer);
  LayerOutput out;
  std::map<std::string, std::string> attr_labels;
  std::vector<int> used_classes(style.classes.size() + 1, 0);
  std::string geometry;
  std::vector<Ring*> rings;
  store.read_features(p.layer, [&](const geo::FeatureRow& row) {
    if (row.wkb.empty()) {
      ++out.without_geometry;
      return;
    }
    WkbParts parts = wkb_parts(row.wkb);
    const ojson attrs = parse_attrs(row.attrs, p.layer, row.fid);
    ClassValue value;
    if (class_field)
      value = class_value(row.values[*class_field]);
    else if (!style.field.empty() && attrs.contains(style.field))
      value = class_value(attrs[style.field]);
    const int cls = class_index(style, value);
    ++used_classes[static_cast<size_t>(cls + 1)];

    rings.clear();
    for (auto& line : parts.lines) {
      line = simplified(line, tolerance, false);
      rings.push_back(&line);
    }
    for (auto& polygon : parts.polygons)
      for (auto& ring : polygon) {
        ring = simplified(ring, tolerance, true);
        rings.push_back(&ring);
      }
    Ring points = std::move(parts.points);
    rings.push_back(&points);
    encoder.to_lon_lat(rings, row.fid);

    geometry.clear();
    if (kind == geo::GeometryKind::point) {
      if (points.empty()) {
        ++out.without_geometry;
        return;
      }
      const int64_t x = std::llround(points[0].first * kMicro),
                    y = std::llround(points[0].second * kMicro);
      fmt::format_to(std::back_inserter(geometry), "[{},{}]", x, y);
      out.bounds.add(static_cast<double>(x) / kMicro, static_cast<double>(y) / kMicro);
    } else if (kind == geo::GeometryKind::line) {
      geometry += '[';
      bool any = false;
      for (const auto& line : parts.lines) {
        if (any) geometry += ',';
        const bool added = encoder.append_coded(geometry, line, false, 2, out.bounds);
        if (!added && any) geometry.pop_back();
        any = any || added;
      }
      geometry += ']';
    } else {
      geometry += '[';
      bool any_polygon = false;
      for (const auto& polygon : parts.polygons) {
        std::string coded = "[";
        bool shell = false;
        for (size_t r = 0; r < polygon.size(); ++r) {
          if (r > 0 && !shell) break;  // holes of a shell that collapsed
          const size_t before = coded.size();
          if (r > 0) coded += ',';
          const bool added = encoder.append_coded(coded, polygon[r], true, 3, out.bounds);
          if (!added) coded.resize(before);
          if (r == 0) shell = added;
        }
        if (!shell) continue;
        if (any_polygon) geometry += ',';
        geometry += coded + ']';
        any_polygon = true;
      }
      geometry += ']';
    }

    if (out.drawn++) out.features += ',';
    fmt::format_to(std::back_inserter(out.features), "[{},{},[", cls, geometry);
    for (size_t i = 0; i < row.values.size(); ++i) {
      if (i) out.features += ',';
      out.features += value_json(row.values[i]);
    }
    out.features += ']';
    if (!attrs.empty()) {
      out.features += ',';
      out.features += attrs.dump(-1, ' ', false, ojson::error_handler_t::replace);
      for (const auto& [key, v] : attrs.items())
        if (!attr_labels.count(key)) attr_labels[key] = field_label(p, key, language);
    }
    out.features += ']';
  });

  json fields = json::array();
  for (const size_t i : popup_order(schema))
    fields.push_back(json::array({field_label(p, schema.fields[i].name, language), i}));
  json symbols = json::array({path_options(style.symbol, kind, layer.base)});
  for (const auto& c : style.classes) symbols.push_back(path_options(c.symbol, kind, layer.base));
  json legend = json::array();
  if (style.kind != geo::StyleKind::single && !style.classes.empty()) {
    for (size_t i = 0; i < style.classes.size(); ++i)
      legend.push_back(json::array({in_language(style.classes[i].label, language), i + 1}));
    if (used_classes[0] > 0) legend.push_back(json::array({text_in(language, "其他", "other"), 0}));
  }
  out.meta = {{"geometry", std::string(geo::to_string(kind))},
              {"fields", std::move(fields)},
              {"attrs", attr_labels},
              {"symbols", std::move(symbols)},
              {"legend", std::move(legend)}};
  return out;
}

// A point layer counted per square cell: [class, [x, y], [count]] at the mean of its points.
LayerOutput cell_layer(geo::Store& store, const WebLayer& layer, const geo::LayerStyle& style,
                       const std::optional<geo::Envelope>& fallback_extent, Language language) {
  const auto& p = *layer.presentation;
  std::optional<geo::Envelope> extent = envelope_of(store, p.layer);
  if (!extent) extent = fallback_extent;
  if (!extent) {
    // A view without index metadata and no base to size the cells by: one pass for the extent.
    geo::Envelope e{
        std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    store.read_points(p.layer, [&](int64_t, double x, double y) {
      e = {std::min(e.minx, x), std::min(e.miny, y), std::max(e.maxx, x), std::max(e.maxy, y)};
    });
    if (e.minx <= e.maxx) extent = e;
  }
  const double span =
      extent ? std::max(extent->maxx - extent->minx, extent->maxy - extent->miny) : 0;
  const double cell = span > 0 ? round_length(span / kCellsAcross) : 1;
  struct Cell {
    int64_t count = 0;
    double sx = 0, sy = 0;
  };
  std::unordered_map<uint64_t, Cell> cells;
  int64_t points = 0;
  store.read_points(p.layer, [&](int64_t, double x, double y) {
    const auto ix = static_cast<int32_t>(std::floor(x / cell)),
               iy = static_cast<int32_t>(std::floor(y / cell));
    Cell& c =
        cells[(static_cast<uint64_t>(static_cast<uint32_t>(ix)) << 32) | static_cast<uint32_t>(iy)];
    ++c.count;
    c.sx += x;
    c.sy += y;
    ++points;
  });
  // Sorted by cell, so that the same store gives the same page.
  std::vector<std::pair<uint64_t, Cell>> sorted(cells.begin(), cells.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  int64_t most = 1;
  for (const auto& [key, c] : sorted) most = std::max(most, c.count);
  // Classes by powers of the largest count: counts span orders of magnitude.
  std::vector<int64_t> uppers;
  for (int k = 1; k <= 5; ++k) {
    const auto upper =
        static_cast<int64_t>(std::ceil(std::pow(static_cast<double>(most), k / 5.0) - 1e-9));
    if (uppers.empty() || upper > uppers.back()) uppers.push_back(upper);
  }
  uppers.back() = most;

  LayerOutput out;
  Encoder encoder(store.srid(), p.layer);
  Ring centres;
  for (const auto& [key, c] : sorted)
    centres.push_back({c.sx / static_cast<double>(c.count), c.sy / static_cast<double>(c.count)});
  std::vector<Ring*> rings{&centres};
  if (!centres.empty()) encoder.to_lon_lat(rings, 0);
  for (size_t i = 0; i < sorted.size(); ++i) {
    const int64_t count = sorted[i].second.count;
    const auto cls = std::lower_bound(uppers.begin(), uppers.end(), count) - uppers.begin();
    const int64_t x = std::llround(centres[i].first * kMicro),
                  y = std::llround(centres[i].second * kMicro);
    if (i) out.features += ',';
    fmt::format_to(std::back_inserter(out.features), "[{},[{},{}],[{}]]", cls, x, y, count);
    out.bounds.add(static_cast<double>(x) / kMicro, static_cast<double>(y) / kMicro);
  }
  out.drawn = points;

  json symbols = json::array();
  json legend = json::array();
  geo::Symbol s = style.symbol;
  s.opacity = 0.85;
  s.outline = "#ffffff";
  s.outline_width = 0.2;
  symbols.push_back(path_options(s, geo::GeometryKind::point, false));
  int64_t lower = 1;
  for (size_t k = 0; k < uppers.size(); ++k) {
    s.colour = blend_colour(
        style.ramp_from, style.ramp_to,
        uppers.size() == 1 ? 1 : static_cast<double>(k) / static_cast<double>(uppers.size() - 1));
    symbols.push_back(path_options(s, geo::GeometryKind::point, false));
    const std::string range =
        lower == uppers[k] ? fmt::format("{}", lower) : fmt::format("{}–{}", lower, uppers[k]);
    legend.push_back(json::array({text_in(language, range + " 个点", range + " points"), k + 1}));
    lower = uppers[k] + 1;
  }
  const std::string cell_size =
      cell >= 1000 ? fmt::format("{:g} km", cell / 1000) : fmt::format("{:g} m", cell);
  out.meta = {{"geometry", "cells"},
              {"fields", json::array({json::array({text_in(language, "点数", "points"), 0})})},
              {"attrs", json::object()},
              {"symbols", std::move(symbols)},
              {"legend", std::move(legend)},
              {"max_count", most},
              {"cell", cell_size},
              {"cells", sorted.size()}};
  return out;
}

// The page around the data: Leaflet's stylesheet and script inline, then the data, then the
// script that draws it. @...@ are filled in, in this order, by write_web_map.
constexpr const char* kWebMapPage = R"page(<!DOCTYPE html>
<html lang="@LANG@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ruralzone">
<title>@TITLE@</title>
<style>
@LEAFLET_CSS@
</style>
<style>
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 13px; color: #222; }
#rz-header { flex: none; padding: 6px 12px; background: #f7f7f4; border-bottom: 1px solid #ccc; }
#rz-title { margin: 0; font-size: 17px; }
#rz-notes { margin: 2px 0 0; padding-left: 18px; color: #555; font-size: 12px; }
#rz-notes:empty { display: none; }
#rz-map { flex: 1; background: #eef1f4; }
.leaflet-container { font-family: inherit; }
.rz-legend { background: #fff; padding: 6px 8px; border-radius: 4px; max-height: 40vh;
  overflow-y: auto; box-shadow: 0 1px 5px rgba(0,0,0,0.4); line-height: 1.35; }
.rz-legend h4 { margin: 0 0 4px; font-size: 13px; }
.rz-legend .rz-legend-layer { font-weight: bold; margin-top: 4px; }
.rz-legend .rz-legend-entry { display: flex; align-items: center; gap: 6px; }
.rz-legend svg { flex: none; }
.rz-popup-title { font-weight: bold; margin-bottom: 4px; }
.rz-popup table { border-collapse: collapse; }
.rz-popup th { text-align: left; font-weight: normal; color: #555; padding: 1px 8px 1px 0;
  vertical-align: top; }
.rz-popup td { padding: 1px 0; }
.leaflet-control-layers-overlays label { white-space: nowrap; }
.leaflet-control-layers { max-height: calc(100vh - 160px); overflow-y: auto; }
</style>
</head>
<body>
<div id="rz-header"><h1 id="rz-title"></h1><ul id="rz-notes"></ul></div>
<div id="rz-map"></div>
<script>
@LEAFLET_JS@
</script>
<script id="rz-data" type="application/json">@DATA@</script>
<script>
@SCRIPT@
</script>
</body>
</html>
)page";

// Draws the data. Every text that comes from the store goes in through textContent or an
// escaped string, never as HTML. A layer's Leaflet objects are made the first time it is shown,
// so that a page with many layers opens as fast as its visible ones allow.
constexpr const char* kWebMapScript = R"script((function () {
  'use strict';
  var data = JSON.parse(document.getElementById('rz-data').textContent);
  document.getElementById('rz-title').textContent = data.title;
  var notes = document.getElementById('rz-notes');
  data.notes.forEach(function (text) {
    var item = document.createElement('li');
    item.textContent = text;
    notes.appendChild(item);
  });

  var map = L.map('rz-map', { zoomSnap: 0.25 });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution('ruralzone');
  var switcher = L.control.layers(null, null, { collapsed: false }).addTo(map);

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function decode(coded) {
    var out = new Array(coded.length / 2), x = 0, y = 0;
    for (var i = 0; i < coded.length; i += 2) {
      x += coded[i];
      y += coded[i + 1];
      out[i / 2] = [y / 1e6, x / 1e6];
    }
    return out;
  }
  function popupContent(entry, feature) {
    var meta = entry.meta;
    var box = document.createElement('div');
    box.className = 'rz-popup';
    var head = document.createElement('div');
    head.className = 'rz-popup-title';
    head.textContent = meta.title;
    box.appendChild(head);
    var table = document.createElement('table');
    function row(label, value) {
      if (value === null || value === undefined || value === '') return;
      var tr = document.createElement('tr');
      var th = document.createElement('th');
      th.textContent = label;
      var td = document.createElement('td');
      td.textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
      tr.appendChild(th);
      tr.appendChild(td);
      table.appendChild(tr);
    }
    meta.fields.forEach(function (field) { row(field[0], feature[2][field[1]]); });
    if (feature[3])
      Object.keys(feature[3]).forEach(function (key) {
        row(Object.prototype.hasOwnProperty.call(meta.attrs, key) ? meta.attrs[key] : key,
            feature[3][key]);
      });
    box.appendChild(table);
    return box;
  }

  var registry = { map: map, layers: [], ready: false };
  window.rzWebMap = registry;

  function build(record) {
    var entry = record.entry, meta = entry.meta, group = record.group;
    var options = { pane: record.pane, renderer: record.renderer };
    entry.features.forEach(function (feature, index) {
      var style = Object.assign({}, meta.symbols[feature[0] + 1], options);
      var shape = null, g = feature[1];
      if (meta.geometry === 'point') {
        shape = L.circleMarker([g[1] / 1e6, g[0] / 1e6], style);
      } else if (meta.geometry === 'cells') {
        style.radius = 3 + 9 * Math.sqrt(feature[2][0] / meta.max_count);
        shape = L.circleMarker([g[1] / 1e6, g[0] / 1e6], style);
      } else if (g.length === 0) {
        return;
      } else if (meta.geometry === 'line') {
        shape = L.polyline(g.map(decode), style);
      } else {
        shape = L.polygon(g.map(function (polygon) { return polygon.map(decode); }), style);
      }
      shape.rzFeature = index;
      group.addLayer(shape);
      ++record.drawn;
    });
    group.on('click', function (event) {
      var feature = entry.features[event.layer.rzFeature];
      L.popup({ maxWidth: 360, maxHeight: 320 })
        .setLatLng(event.latlng)
        .setContent(popupContent(entry, feature))
        .openOn(map);
    });
    record.built = true;
  }

  data.layers.forEach(function (entry, index) {
    var pane = 'rz-layer-' + index;
    map.createPane(pane).style.zIndex = String(400 + index);
    // Canvas for the big layers: thousands of SVG elements make panning slow.
    var big = entry.features.length > 3000;
    var record = {
      entry: entry, meta: entry.meta, pane: pane, group: L.featureGroup(),
      renderer: big ? L.canvas({ pane: pane }) : L.svg({ pane: pane }),
      built: false, drawn: 0
    };
    record.group.on('add', function () {
      if (!record.built) build(record);
    });
    registry.layers.push(record);
    switcher.addOverlay(record.group, escapeHtml(entry.meta.name) +
        (entry.features.length ? '' : ' ' + escapeHtml(data.ui.empty)));
  });

  function swatch(meta, symbol) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '22');
    svg.setAttribute('height', '14');
    var shape;
    if (meta.geometry === 'line') {
      shape = document.createElementNS(ns, 'line');
      shape.setAttribute('x1', '1'); shape.setAttribute('y1', '7');
      shape.setAttribute('x2', '21'); shape.setAttribute('y2', '7');
    } else if (meta.geometry === 'point' || meta.geometry === 'cells') {
      shape = document.createElementNS(ns, 'circle');
      shape.setAttribute('cx', '11'); shape.setAttribute('cy', '7');
      shape.setAttribute('r', String(Math.min(6, Math.max(3, symbol.radius || 4))));
    } else {
      shape = document.createElementNS(ns, 'rect');
      shape.setAttribute('x', '1'); shape.setAttribute('y', '1');
      shape.setAttribute('width', '20'); shape.setAttribute('height', '12');
    }
    var fill = symbol.fill === false ? 'none' : (symbol.fillColor || 'none');
    shape.setAttribute('fill', fill);
    shape.setAttribute('fill-opacity', String(symbol.fillOpacity === undefined ? 1 : symbol.fillOpacity));
    shape.setAttribute('stroke', symbol.stroke === false ? 'none' : (symbol.color || 'none'));
    shape.setAttribute('stroke-width', String(Math.min(3, symbol.weight || 1)));
    if (symbol.dashArray) shape.setAttribute('stroke-dasharray', symbol.dashArray);
    svg.appendChild(shape);
    return svg;
  }

  var legend = L.control({ position: 'bottomleft' });
  legend.onAdd = function () {
    var box = L.DomUtil.create('div', 'rz-legend');
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  // Bottom corners stack upwards: the scale under the legend.
  L.control.scale({ imperial: false }).addTo(map);
  legend.addTo(map);
  function updateLegend() {
    var box = legend.getContainer();
    while (box.firstChild) box.removeChild(box.firstChild);
    var head = document.createElement('h4');
    head.textContent = data.ui.legend;
    box.appendChild(head);
    // Top of the map first, as in the QGIS layer tree.
    registry.layers.slice().reverse().forEach(function (record) {
      if (!map.hasLayer(record.group)) return;
      var meta = record.meta;
      function entryRow(label, symbol) {
        var line = document.createElement('div');
        line.className = 'rz-legend-entry';
        line.appendChild(swatch(meta, symbol));
        var text = document.createElement('span');
        text.textContent = label;
        line.appendChild(text);
        box.appendChild(line);
      }
      if (meta.legend.length === 0) {
        entryRow(meta.name, meta.symbols[0]);
        return;
      }
      var title = document.createElement('div');
      title.className = 'rz-legend-layer';
      title.textContent = meta.name;
      box.appendChild(title);
      meta.legend.forEach(function (item) { entryRow(item[0], meta.symbols[item[1]]); });
    });
  }
  map.on('overlayadd overlayremove', updateLegend);

  var bounds = data.bounds;
  if (bounds[0][0] !== null) map.fitBounds(bounds, { padding: [8, 8] });
  else map.setView([35, 105], 4);
  registry.layers.forEach(function (record) {
    if (record.meta.on) map.addLayer(record.group);
  });
  updateLegend();
  registry.ready = true;
})();
)script";

// The county's name, when an analysis recorded it (the village assessment's county summary).
std::string county_name(geo::Store& store) {
  for (const auto& [layer, field] :
       {std::pair<std::string, std::string>{"village_county", "county_name"}}) {
    const auto info = store.layer(layer);
    if (!info) continue;
    const auto& fields = info->schema.fields;
    const auto at = std::find_if(fields.begin(), fields.end(),
                                 [&](const geo::FieldDef& f) { return f.name == field; });
    if (at == fields.end()) continue;
    auto st = store.db().prepare(
        fmt::format("SELECT {} FROM {} WHERE {} <> '' LIMIT 1", geo::quote_identifier(field),
                    geo::quote_identifier(layer), geo::quote_identifier(field)));
    if (st.step() && !st.is_null(0)) return st.get_text(0);
  }
  return {};
}

}  // namespace

WrittenWebMap write_web_map(geo::Store& store, const QgisExport& presentations,
                            const WebMapOptions& options) {
  const fs::path target = options.path;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir))
    throw DataError(fmt::format(fmt::runtime(tr("web map {}: the folder {} does not exist")),
                                target.string(), dir.string()));
  if (store.srid() == 0)
    throw DataError(fmt::format(
        fmt::runtime(tr("web map {}: the store {} has no layers yet (nothing imported)")),
        target.string(), store.path()));
  check_replaceable({target}, options.overwrite);
  const Language language = options.language;

  // The base first (villages under the townships' outlines), then each analysis in declaration
  // order, its polygons under its lines under its points.
  std::vector<WebLayer> base, results;
  std::vector<std::string> left_out;
  for (const auto& p : presentations.presentations) {
    auto info = store.layer(p.layer);
    if (!info) continue;
    if (!p.base_map && p.group.zh == geo::kInputDataGroup.zh) continue;
    if (info->feature_count == 0 || !any_geometry(store, p.layer)) {
      if (!p.base_map) left_out.push_back(in_language(p.title, language));
      continue;
    }
    WebLayer l{&p, std::move(*info), p.base_map, false, in_language(p.group, language)};
    (p.base_map ? base : results).push_back(std::move(l));
  }
  std::stable_sort(base.begin(), base.end(), [](const WebLayer& a, const WebLayer& b) {
    return a.presentation->style.symbol.fill != geo::Fill::none &&
           b.presentation->style.symbol.fill == geo::Fill::none;
  });
  for (auto& l : base) l.on = l.presentation->style.shown;
  std::vector<std::string> groups;
  for (const auto& l : results)
    if (std::find(groups.begin(), groups.end(), l.group) == groups.end()) groups.push_back(l.group);
  // An analysis's first declared layer on top, as in the QGIS layer tree: its grids over its
  // villages' summary.
  std::reverse(results.begin(), results.end());
  std::stable_sort(results.begin(), results.end(), [&](const WebLayer& a, const WebLayer& b) {
    const auto ga = std::find(groups.begin(), groups.end(), a.group) - groups.begin(),
               gb = std::find(groups.begin(), groups.end(), b.group) - groups.begin();
    if (ga != gb) return ga < gb;
    return static_cast<int>(a.info.schema.geometry) > static_cast<int>(b.info.schema.geometry);
  });
  // Only the first analysis at start: several at once cover one another.
  for (auto& l : results) l.on = l.group == groups.front() && l.presentation->style.shown;

  std::optional<geo::Envelope> base_extent;
  for (const auto& l : base)
    if (auto e = envelope_of(store, l.presentation->layer))
      base_extent = base_extent ? geo::Envelope{std::min(base_extent->minx, e->minx),
                                                std::min(base_extent->miny, e->miny),
                                                std::max(base_extent->maxx, e->maxx),
                                                std::max(base_extent->maxy, e->maxy)}
                                : *e;

  WrittenWebMap written;
  written.path = target.string();
  std::string layers_json;
  Bounds base_bounds, all_bounds;
  std::vector<WebLayer> ordered = base;
  ordered.insert(ordered.end(), results.begin(), results.end());
  for (const auto& l : ordered) {
    const auto& p = *l.presentation;
    const geo::LayerStyle style = resolved_style(store, p.layer, p.style);
    const bool aggregate = l.info.schema.geometry == geo::GeometryKind::point &&
                           l.info.feature_count > options.max_points;
    LayerOutput out = aggregate ? cell_layer(store, l, style, base_extent, language)
                                : vector_layer(store, l, style, language);
    const std::string title = in_language(p.title, language);
    if (aggregate) {
      const auto cells = out.meta["cells"].get<int64_t>();
      const auto cell = out.meta["cell"].get<std::string>();
      written.notes.push_back(text_in(
          language,
          fmt::format("{}：{} 个点汇总为 {} 个格（每格 {}）", title, out.drawn, cells, cell),
          fmt::format("{}: {} points aggregated into {} cells of {}", title, out.drawn, cells,
                      cell)));
    }
    if (out.without_geometry > 0)
      written.notes.push_back(text_in(
          language, fmt::format("{}：{} 个要素无几何，未显示", title, out.without_geometry),
          fmt::format("{}: {} features without geometry not shown", title, out.without_geometry)));
    written.features += out.drawn;
    (l.base ? base_bounds : all_bounds).add(out.bounds);
    out.meta["layer"] = p.layer;
    out.meta["title"] = title;
    out.meta["group"] = l.group;
    out.meta["name"] = l.group + " · " + title;
    out.meta["base"] = l.base;
    out.meta["on"] = l.on;
    out.meta["count"] = l.info.feature_count;
    out.meta["bounds"] = out.bounds.as_json();
    if (!layers_json.empty()) layers_json += ',';
    layers_json += "{\"meta\":" + out.meta.dump(-1, ' ', false, json::error_handler_t::replace) +
                   ",\"features\":[" + out.features + "]}";
  }
  if (!left_out.empty()) {
    std::string list;
    for (const auto& t : left_out) list += (list.empty() ? "" : "、") + t;
    written.notes.push_back(text_in(language, "未显示（无几何的表或空图层）：" + list,
                                    "Not shown (tables without geometry, empty layers): " + list));
  }
  std::vector<std::string> notes = presentations.notes;
  notes.insert(notes.end(), written.notes.begin(), written.notes.end());

  std::string title = presentations.title;
  if (const std::string county = county_name(store); !county.empty())
    title = county + " · " + title;
  all_bounds.add(base_bounds);
  const json page = {{"title", title},
                     {"notes", notes},
                     {"bounds", (base_bounds.empty() ? all_bounds : base_bounds).as_json()},
                     {"ui",
                      {{"legend", text_in(language, "图例", "Legend")},
                       {"layers", text_in(language, "图层", "Layers")},
                       {"empty", text_in(language, "（无数据）", "(no data)")}}}};
  std::string data = page.dump(-1, ' ', false, json::error_handler_t::replace);
  data.pop_back();  // the closing brace: the layers follow
  data += ",\"layers\":[" + layers_json + "]}";
  layers_json.clear();
  layers_json.shrink_to_fit();

  const std::string stem = target.stem().string(), ext = target.extension().string();
  Staging staging;
  const auto& set =
      staging.add({dir, temp_prefix(stem), stem, temp_prefix(stem) + ext, target, {}});
  const fs::path temp = set.dir / set.single_temp;
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file)
      throw DataError(fmt::format(fmt::runtime(tr("web map {}: cannot create {}")), target.string(),
                                  temp.string()));
    std::string html = kWebMapPage;
    const auto put = [&](const std::string& marker, std::string_view text) {
      const auto at = html.find(marker);
      file << std::string_view(html).substr(0, at) << text;
      html.erase(0, at + marker.size());
    };
    put("@LANG@", language == Language::en ? "en" : "zh-CN");
    put("@TITLE@", html_escape(title));
    put("@LEAFLET_CSS@", leaflet_css());
    put("@LEAFLET_JS@", leaflet_js());
    put("@DATA@", escaped_for_script(data));
    put("@SCRIPT@", kWebMapScript);
    file << html;
    file.flush();
    if (!file)
      throw DataError(fmt::format(fmt::runtime(tr("web map {}: writing {} failed (disk full?)")),
                                  target.string(), temp.string()));
  }
  staging.commit();
  return written;
}

}  // namespace rz::exporting
