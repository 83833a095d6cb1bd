#include "export/map_render.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "export/layer_plan.hpp"
#include "export/path_thinning.hpp"
#include "export/qgis_layer_style.hpp"
#include "export/round_length.hpp"
#include "export/staging.hpp"
#include "export/style_classes.hpp"
#include "export/wkb_parts.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;
using geo::Canvas;
using geo::rgba;

namespace {

struct Rect {
  double x0, y0, x1, y1;
  bool overlaps(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Page layout in mm, proportional to the paper.
struct Page {
  double width, height, margin, title_h, map_x, map_y, map_w, map_h, side_x, side_w;
};

Page page_for(const std::string& paper) {
  Page p{};
  if (paper == "A3") {
    p.width = 420;
    p.height = 297;
  } else if (paper == "A4") {
    p.width = 297;
    p.height = 210;
  } else {
    throw UsageError(
        fmt::format(fmt::runtime(tr("unknown paper {} (use A3 or A4)")), in_quotes(paper)));
  }
  const double k = p.width / 420;
  p.margin = 10 * k;
  p.title_h = 16 * k;
  p.map_x = p.margin;
  p.map_y = p.margin + p.title_h;
  p.map_w = p.width * 0.70;
  p.map_h = p.height - p.map_y - 16 * k;
  p.side_x = p.map_x + p.map_w + 8 * k;
  p.side_w = p.width - p.side_x - p.margin;
  return p;
}

// World (store CRS) to page millimetres, the extent fitted into the map frame.
struct Transform {
  double scale = 1, ox = 0, oy = 0, wx = 0, wy = 0;
  Transform() = default;
  Transform(const geo::Envelope& e, double x, double y, double w, double h) {
    const double ew = std::max(e.maxx - e.minx, 1.0), eh = std::max(e.maxy - e.miny, 1.0);
    scale = std::min(w / ew, h / eh) * 0.96;
    wx = (e.minx + e.maxx) / 2;
    wy = (e.miny + e.maxy) / 2;
    ox = x + w / 2;
    oy = y + h / 2;
  }
  std::pair<double, double> operator()(double x, double y) const {
    return {ox + (x - wx) * scale, oy - (y - wy) * scale};
  }
};

std::optional<geo::Envelope> layer_extent(geo::Store& store, const std::string& layer) {
  auto st = store.db().prepare(
      fmt::format("SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), "
                  "max(MbrMaxY(geom)) FROM {}",
                  geo::quote_identifier(layer)));
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return geo::Envelope{st.get_double(0), st.get_double(1), st.get_double(2), st.get_double(3)};
}

void marker_path(Canvas& c, geo::Marker m, double x, double y, double size) {
  const double r = size / 2;
  switch (m) {
    case geo::Marker::circle:
      c.circle(x, y, r);
      break;
    case geo::Marker::square:
      c.rectangle(x - r, y - r, size, size);
      break;
    case geo::Marker::triangle:
      c.move_to(x, y - r);
      c.line_to(x + r * 0.87, y + r * 0.5);
      c.line_to(x - r * 0.87, y + r * 0.5);
      c.close_path();
      break;
    case geo::Marker::diamond:
      c.move_to(x, y - r);
      c.line_to(x + r, y);
      c.line_to(x, y + r);
      c.line_to(x - r, y);
      c.close_path();
      break;
    case geo::Marker::star:
      for (int i = 0; i < 10; ++i) {
        const double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? r * 0.42 : r;
        i == 0 ? c.move_to(x + rr * std::cos(a), y + rr * std::sin(a))
               : c.line_to(x + rr * std::cos(a), y + rr * std::sin(a));
      }
      c.close_path();
      break;
    case geo::Marker::cross: {
      const double t = r * 0.35;
      c.move_to(x - t, y - r);
      c.line_to(x + t, y - r);
      c.line_to(x + t, y - t);
      c.line_to(x + r, y - t);
      c.line_to(x + r, y + t);
      c.line_to(x + t, y + t);
      c.line_to(x + t, y + r);
      c.line_to(x - t, y + r);
      c.line_to(x - t, y + t);
      c.line_to(x - r, y + t);
      c.line_to(x - r, y - t);
      c.line_to(x - t, y - t);
      c.close_path();
      break;
    }
  }
}

void draw_marker(Canvas& c, const geo::Symbol& s, double x, double y) {
  marker_path(c, s.marker, x, y, s.size);
  c.fill(rgba(s.colour, s.opacity), s.outline_width > 0);
  if (s.outline_width > 0) c.stroke(rgba(s.outline, s.opacity), s.outline_width);
}

// The current path (a polygon's rings) filled and outlined as the symbol says.
void paint_area(Canvas& c, const geo::Symbol& s) {
  if (s.fill == geo::Fill::solid) c.fill(rgba(s.colour, s.opacity), true);
  if (s.fill == geo::Fill::hatch) c.hatch(rgba(s.colour, s.opacity), 1.6, 0.25);
  if (s.outline_width > 0)
    c.stroke(rgba(s.outline, s.opacity), s.outline_width);
  else
    c.new_path();
}

void draw_arrows(Canvas& c, const std::vector<std::pair<double, double>>& line,
                 const geo::Symbol& s) {
  const double every = 20, head = std::max(2.5, s.size * 4);
  double run = every / 2;
  for (size_t i = 1; i < line.size(); ++i) {
    const auto [x0, y0] = line[i - 1];
    const auto [x1, y1] = line[i];
    const double len = std::hypot(x1 - x0, y1 - y0);
    if (len <= 0) continue;
    const double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    for (double d = run; d < len; d += every) {
      const double x = x0 + ux * d, y = y0 + uy * d;
      c.move_to(x + ux * head / 2, y + uy * head / 2);
      c.line_to(x - ux * head / 2 - uy * head / 3, y - uy * head / 2 + ux * head / 3);
      c.line_to(x - ux * head / 2 + uy * head / 3, y - uy * head / 2 - ux * head / 3);
      c.close_path();
      c.fill(rgba(s.colour, s.opacity));
      run = d + every - len;
    }
    if (run >= len) run -= len;
  }
}

const geo::Symbol& symbol_for(const geo::LayerStyle& style, const geo::Value* value) {
  if (style.kind == geo::StyleKind::single || style.classes.empty() || !value) return style.symbol;
  if (std::holds_alternative<std::monostate>(*value)) return style.symbol;
  if (style.kind == geo::StyleKind::categorized) {
    const std::string text = value_text(*value);
    for (const auto& c : style.classes)
      if (c.value == text) return c.symbol;
    for (const auto& c : style.classes)
      if (c.value.empty()) return c.symbol;
    return style.symbol;
  }
  double v = 0;
  if (const auto* d = std::get_if<double>(value))
    v = *d;
  else if (const auto* n = std::get_if<int64_t>(value))
    v = static_cast<double>(*n);
  else
    return style.symbol;
  for (const auto& c : style.classes)
    if (c.lower <= v && v <= c.upper) return c.symbol;
  return style.symbol;
}

std::string shortened(const std::string& text) {
  // Count UTF-8 characters; cut after kLabelMaxChars - 1 and add "…".
  size_t chars = 0, cut = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == static_cast<size_t>(kLabelMaxChars - 1)) cut = i;
    ++chars;
  }
  return chars > static_cast<size_t>(kLabelMaxChars) ? text.substr(0, cut) + "…" : text;
}

struct Label {
  std::string text;
  double x, y, priority;
  bool beside;  // a point's label goes to its right
};

struct DrawnLayer {
  geo::LayerPresentation presentation;
  std::optional<geo::GeometryKind> geometry;
  int64_t features = 0;
};

// Adds one ring or line to the canvas's path: projected onto the page (kept in `page`, which the
// caller reads for arrows and labels) and thinned into `thinned` (both reused between parts).
template <typename Part>
void trace_part(Canvas& c, const Transform& t, const Part& part, double tolerance,
                std::vector<PagePoint>& page, std::vector<PagePoint>& thinned) {
  page.clear();
  for (const auto& [x, y] : part) page.push_back(t(x, y));
  thin_path(page, tolerance, thinned);
  for (size_t i = 0; i < thinned.size(); ++i)
    i == 0 ? c.move_to(thinned[i].first, thinned[i].second)
           : c.line_to(thinned[i].first, thinned[i].second);
}

// Draws one layer into the map frame; returns its labels.
// A vertex within `tolerance` mm of the last one drawn is left out (export/path_thinning.hpp).
std::vector<Label> draw_layer(Canvas& c, geo::Store& store, const DrawnLayer& layer,
                              const Transform& t, double tolerance) {
  const auto info = store.layer(layer.presentation.layer);
  const auto& style = layer.presentation.style;
  std::optional<size_t> class_field, label_field;
  for (size_t i = 0; i < info->schema.fields.size(); ++i) {
    if (info->schema.fields[i].name == style.field) class_field = i;
    if (info->schema.fields[i].name == style.label_field) label_field = i;
  }
  std::vector<Label> labels;
  std::vector<PagePoint> page, thinned;
  c.set_even_odd(true);
  store.read_features(layer.presentation.layer, [&](const geo::FeatureRow& row) {
    if (row.wkb.empty()) return;
    const geo::Value* value = class_field ? &row.values[*class_field] : nullptr;
    const geo::Symbol& s = symbol_for(style, value);
    const WkbParts parts = wkb_parts(row.wkb);
    double best_area = -1, lx = 0, ly = 0;
    for (const auto& polygon : parts.polygons) {
      for (const auto& ring : polygon) {
        trace_part(c, t, ring, tolerance, page, thinned);
        c.close_path();
      }
      // The label sits at the centroid of the largest shell.
      if (!polygon.empty()) {
        double a = 0, cx = 0, cy = 0;
        const auto& shell = polygon.front();
        for (size_t i = 0, j = shell.size() - 1; i < shell.size(); j = i++) {
          const double cross = shell[j].first * shell[i].second - shell[i].first * shell[j].second;
          a += cross;
          cx += (shell[j].first + shell[i].first) * cross;
          cy += (shell[j].second + shell[i].second) * cross;
        }
        if (std::abs(a) > best_area && a != 0) {
          best_area = std::abs(a);
          std::tie(lx, ly) = t(cx / (3 * a), cy / (3 * a));
        }
      }
    }
    if (!parts.polygons.empty()) {
      paint_area(c, s);
      // A polygon drawn with a star (the zone's core village) carries it at its centre.
      if (s.marker == geo::Marker::star && best_area > 0) {
        geo::Symbol star = s;
        star.colour = s.outline;
        star.opacity = 1;
        star.outline = "#ffffff";
        star.outline_width = 0.3;
        draw_marker(c, star, lx, ly);
        ly += star.size / 2 + 2;  // the name under the star
      }
    }
    for (const auto& line : parts.lines) {
      trace_part(c, t, line, tolerance, page, thinned);
      c.stroke(rgba(s.colour, s.opacity), s.size);
      if (s.arrows) draw_arrows(c, page, s);
      if (best_area < 0 && !page.empty()) {
        std::tie(lx, ly) = page[page.size() / 2];
        best_area = 0;
      }
    }
    for (const auto& [x, y] : parts.points) {
      const auto [px, py] = t(x, y);
      draw_marker(c, s, px, py);
      lx = px + s.size / 2 + 0.8;
      ly = py;
      best_area = 0;
    }
    if (label_field && best_area >= 0) {
      const std::string text = value_text(row.values[*label_field]);
      if (!text.empty())
        labels.push_back({shortened(text), lx, ly, best_area, !parts.points.empty()});
    }
  });
  c.set_even_odd(false);
  return labels;
}

// Greedy placement: the largest features' labels first, each only where it collides with none
// placed before and lies inside the frame.
void place_labels(Canvas& c, std::vector<Label> labels, const Rect& frame, std::vector<Rect>& taken,
                  double points) {
  std::stable_sort(labels.begin(), labels.end(),
                   [](const Label& a, const Label& b) { return a.priority > b.priority; });
  for (const auto& l : labels) {
    const auto size = c.measure(l.text, kCjkFont, points);
    const double x = l.beside ? l.x : l.x - size.width / 2, y = l.y - size.height / 2;
    const Rect r{x - 0.5, y - 0.3, x + size.width + 0.5, y + size.height + 0.3};
    if (r.x0 < frame.x0 || r.y0 < frame.y0 || r.x1 > frame.x1 || r.y1 > frame.y1) continue;
    if (std::any_of(taken.begin(), taken.end(), [&](const Rect& o) { return o.overlaps(r); }))
      continue;
    taken.push_back(r);
    c.text(l.text, x, y, kCjkFont, points, rgba("#000000"), false, 0, 0.35);
  }
}

void legend_swatch(Canvas& c, const geo::Symbol& s, const std::optional<geo::GeometryKind>& kind,
                   double x, double y, double w, double h) {
  if (!kind) return;
  if (*kind == geo::GeometryKind::point) {
    draw_marker(c, s, x + w / 2, y + h / 2);
  } else if (*kind == geo::GeometryKind::line) {
    c.move_to(x, y + h / 2);
    c.line_to(x + w, y + h / 2);
    c.stroke(rgba(s.colour, s.opacity), s.size);
    if (s.arrows) draw_arrows(c, {{x, y + h / 2}, {x + w, y + h / 2}}, s);
  } else {
    c.rectangle(x, y, w, h);
    paint_area(c, s);
    if (s.marker == geo::Marker::star) {
      geo::Symbol star = s;
      star.colour = s.outline;
      star.opacity = 1;
      star.size = h * 1.2;
      star.outline_width = 0;
      draw_marker(c, star, x + w / 2, y + h / 2);
    }
  }
}

// The legend from the top of the side panel; returns where it ended.
double draw_legend(Canvas& c, const std::vector<DrawnLayer>& layers, double x, double y,
                   double width, const std::vector<std::string>& left_out) {
  c.text("图例 Legend", x, y, kCjkFont, 13, rgba("#000000"), true);
  y += 8;
  const double sw = 7, sh = 4;
  for (const auto& l : layers) {
    const auto& p = l.presentation;
    const bool classes = p.style.kind != geo::StyleKind::single && !p.style.classes.empty();
    // Each entry as high as its wrapped text.
    auto entry = [&](const std::string& text, double indent, double points, bool bold) {
      const double w = width - indent;
      const double h = c.measure(text, kCjkFont, points, bold, w).height;
      c.text(text, x + indent, y - 0.6, kCjkFont, points, rgba("#000000"), bold, w);
      y += std::max(h, sh) + 1.4;
    };
    if (!classes) {
      legend_swatch(c, p.style.symbol, l.geometry, x, y, sw, sh);
      entry(p.title.zh + " " + p.title.en, sw + 2, 8, false);
      continue;
    }
    entry(p.title.zh + " " + p.title.en, 0, 8.5, true);
    for (const auto& cls : p.style.classes) {
      legend_swatch(c, cls.symbol, l.geometry, x + 2, y, sw, sh);
      entry(cls.label.zh +
                (cls.label.en.empty() || cls.label.en == cls.label.zh ? "" : " " + cls.label.en),
            sw + 4, 7.5, false);
    }
    y += 1.5;
  }
  for (const auto& note : left_out) {
    c.text(note, x, y, kCjkFont, 7, rgba("#636363"), false, width);
    y += c.measure(note, kCjkFont, 7, false, width).height + 1;
  }
  return y;
}

// A scale bar of a round length, four alternating segments, at (x, y).
void draw_scale_bar(Canvas& c, const Transform& t, double x, double y) {
  const double target_mm = 50, length = round_length(target_mm / t.scale);
  const double mm = length * t.scale, h = 2;
  c.rectangle(x - 2, y - 5, mm + 14, h + 10);
  c.fill(rgba("#ffffff", 0.8));
  for (int i = 0; i < 4; ++i) {
    c.rectangle(x + mm * i / 4, y, mm / 4, h);
    c.fill(rgba(i % 2 ? "#ffffff" : "#000000"), true);
    c.stroke(rgba("#000000"), 0.2);
  }
  const std::string label =
      length >= 1000 ? fmt::format("{:g} km", length / 1000) : fmt::format("{:g} m", length);
  c.text("0", x - 0.8, y + h + 0.5, kCjkFont, 7, rgba("#000000"));
  c.text(label, x + mm - 2, y + h + 0.5, kCjkFont, 7, rgba("#000000"));
}

void draw_north_arrow(Canvas& c, double x, double y) {
  const double w = 8, h = 12;
  c.move_to(x, y);
  c.line_to(x + w / 2, y + h);
  c.line_to(x, y + h * 0.72);
  c.close_path();
  c.fill(rgba("#000000"));
  c.move_to(x, y);
  c.line_to(x - w / 2, y + h);
  c.line_to(x, y + h * 0.72);
  c.close_path();
  c.fill(rgba("#ffffff"), true);
  c.stroke(rgba("#000000"), 0.3);
  const auto size = c.measure("北 N", kCjkFont, 8, true);
  c.text("北 N", x - size.width / 2, y + h + 0.5, kCjkFont, 8, rgba("#000000"), true);
}

// The whole area small, with the map's extent outlined in red.
void draw_inset(Canvas& c, geo::Store& store, const std::vector<DrawnLayer>& base,
                const geo::Envelope& whole, const geo::Envelope& shown, double x, double y,
                double w, double h, double tolerance) {
  c.rectangle(x, y, w, h);
  c.fill(rgba("#ffffff"), true);
  c.stroke(rgba("#636363"), 0.3);
  const Transform t(whole, x + 1, y + 1, w - 2, h - 2);
  c.save();
  c.clip_rectangle(x, y, w, h);
  for (const auto& l : base) {
    DrawnLayer small = l;
    small.presentation.style.kind = geo::StyleKind::single;
    small.presentation.style.symbol = geo::solid_fill("#e5e1d3", 1, "#8c8c8c");
    small.presentation.style.symbol.outline_width = 0.1;
    small.presentation.style.label_field.clear();
    draw_layer(c, store, small, t, tolerance);
  }
  const auto [x0, y0] = t(shown.minx, shown.maxy);
  const auto [x1, y1] = t(shown.maxx, shown.miny);
  c.rectangle(x0, y0, x1 - x0, y1 - y0);
  c.stroke(rgba("#e31a1c"), 0.5);
  c.restore();
}

std::string slug(const std::string& english) {
  std::string out;
  for (char ch : english) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u))
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "map" : out;
}

std::string today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

const char* extension_of(geo::CanvasFormat f) {
  return f == geo::CanvasFormat::png ? ".png" : f == geo::CanvasFormat::pdf ? ".pdf" : ".svg";
}

}  // namespace

std::vector<RenderedMap> render_maps(geo::Store& store, const QgisExport& presentations,
                                     const MapOptions& options) {
  const Page page = page_for(options.paper);
  if (Canvas::matched_font(kCjkFont) != kCjkFont)
    throw DataError(
        fmt::format(fmt::runtime(tr("the font {} is missing, so the maps' Chinese labels cannot be "
                                    "drawn; install the Debian "
                                    "package fonts-noto-cjk (apt-get install fonts-noto-cjk)")),
                    kCjkFont));
  const fs::path dir(options.folder);
  if (!fs::is_directory(dir))
    throw DataError(
        fmt::format(fmt::runtime(tr("map output: the folder {} does not exist")), options.folder));

  // The analysis groups in declaration order, and the base layers (villages, townships).
  std::vector<std::pair<geo::Bilingual, std::vector<DrawnLayer>>> groups;
  std::vector<DrawnLayer> base;
  for (const auto& p : presentations.presentations) {
    const auto info = store.layer(p.layer);
    if (!info) continue;
    DrawnLayer l{p, info->schema.geometry, info->feature_count};
    if (p.base_map) {
      base.push_back(l);
      continue;
    }
    if (p.group.zh == geo::kInputDataGroup.zh) continue;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first.zh == p.group.zh; });
    if (it == groups.end()) {
      groups.push_back({p.group, {}});
      it = std::prev(groups.end());
    }
    it->second.push_back(l);
  }
  // Villages under townships: the townships' outlines stay visible.
  std::stable_sort(base.begin(), base.end(), [](const DrawnLayer& a, const DrawnLayer& b) {
    return a.presentation.style.symbol.fill != geo::Fill::none &&
           b.presentation.style.symbol.fill == geo::Fill::none;
  });
  std::optional<geo::Envelope> whole;
  for (const auto& l : base) whole = union_of(whole, layer_extent(store, l.presentation.layer));

  const std::string ext = extension_of(options.format);
  std::vector<fs::path> targets;
  for (const auto& g : groups) targets.push_back(dir / ("map-" + slug(g.first.en) + ext));
  check_replaceable(targets, options.overwrite);

  const double tolerance =
      thinning_tolerance(options.format == geo::CanvasFormat::png ? options.dpi : 0);
  Staging staging;
  std::vector<RenderedMap> out;
  const std::string crs = fmt::format("EPSG:{} {}", store.srid(), store.crs_name());
  for (const auto& [title, group_layers] : groups) {
    std::vector<DrawnLayer> layers;
    RenderedMap map;
    for (auto l : group_layers) {
      if (!l.geometry || !l.presentation.style.shown) continue;
      if (*l.geometry == geo::GeometryKind::point && l.features > options.max_points) {
        map.notes.push_back(fmt::format(
            fmt::runtime(tr("{} not drawn: {} features, too many")),
            messages_in_chinese() ? l.presentation.title.zh : l.presentation.title.en, l.features));
        continue;
      }
      if (l.features == 0 || !any_geometry(store, l.presentation.layer)) continue;  // a table
      l.presentation.style = resolved_style(store, l.presentation.layer, l.presentation.style);
      layers.push_back(std::move(l));
    }
    // Polygons under lines under points.
    std::stable_sort(layers.begin(), layers.end(), [](const DrawnLayer& a, const DrawnLayer& b) {
      return static_cast<int>(*a.geometry) > static_cast<int>(*b.geometry);
    });
    std::optional<geo::Envelope> extent = whole;
    if (!extent)
      for (const auto& l : layers)
        if (auto e = layer_extent(store, l.presentation.layer)) extent = e;
    if (!extent) continue;

    const std::string stem = "map-" + slug(title.en);
    const auto& set = staging.add(
        {dir, temp_prefix(stem), stem, temp_prefix(stem) + ext, dir / (stem + ext), {}});
    Canvas c(options.format, (set.dir / set.single_temp).string(), page.width, page.height,
             options.dpi);
    map.title = title.zh + "　" + title.en;
    c.text(map.title, page.margin, page.margin, kCjkFont, 20, rgba("#000000"), true);

    const Transform t(*extent, page.map_x, page.map_y, page.map_w, page.map_h);
    const Rect frame{page.map_x, page.map_y, page.map_x + page.map_w, page.map_y + page.map_h};
    geo::PhaseTimer phases("map " + title.en);
    c.save();
    c.clip_rectangle(page.map_x, page.map_y, page.map_w, page.map_h);
    std::vector<Label> base_labels, labels;
    for (const auto& l : base) {
      phases.phase(l.presentation.layer);
      auto got = draw_layer(c, store, l, t, tolerance);
      base_labels.insert(base_labels.end(), got.begin(), got.end());
    }
    for (const auto& l : layers) {
      phases.phase(l.presentation.layer);
      auto got = draw_layer(c, store, l, t, tolerance);
      labels.insert(labels.end(), got.begin(), got.end());
    }
    phases.phase("labels");
    c.restore();
    // The analysis's labels before the base's: they say what the map is about.
    std::vector<Rect> taken;
    place_labels(c, labels, frame, taken, 7.5);
    place_labels(c, base_labels, frame, taken, 6.5);
    c.rectangle(page.map_x, page.map_y, page.map_w, page.map_h);
    c.stroke(rgba("#000000"), 0.4);

    draw_north_arrow(c, page.map_x + page.map_w - 10, page.map_y + 5);
    draw_scale_bar(c, t, page.map_x + 6, page.map_y + page.map_h - 9);
    std::vector<DrawnLayer> legend_layers(layers.rbegin(), layers.rend());
    legend_layers.insert(legend_layers.end(), base.begin(), base.end());
    draw_legend(c, legend_layers, page.side_x, page.map_y, page.side_w, map.notes);
    const double inset_h = page.side_w * 0.75;
    phases.phase("inset");
    if (whole)
      draw_inset(c, store, base, *whole, *extent, page.side_x, page.map_y + page.map_h - inset_h,
                 page.side_w, inset_h, tolerance);
    c.text(fmt::format("制图日期 Date: {}　数据 Data: {}　坐标系 CRS: {}　ruralzone", today(),
                       fs::path(store.path()).filename().string(), crs),
           page.map_x, page.map_y + page.map_h + 3, kCjkFont, 8, rgba("#404040"));
    phases.phase("finish");
    c.finish();
    phases.phase({});
    map.path = (dir / (stem + ext)).string();
    out.push_back(std::move(map));
  }
  staging.commit();
  return out;
}

}  // namespace rz::exporting
