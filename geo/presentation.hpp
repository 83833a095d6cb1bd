#pragma once
// How a layer is shown: its titles, its fields' aliases and its style, in Chinese and English.
// Declared once beside the layer (an analysis's result layers in analysis/<name>/entry.cpp, the
// input kinds in import/layer_kind.cpp) and read by everything that shows layers: the QGIS
// project, the GeoPackage's layer_styles, the maps and the report. Plain values, no handles.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rz::geo {

struct Bilingual {
  std::string zh;
  std::string en;
};

enum class Marker { circle, square, triangle, diamond, star, cross };
// hatch: diagonal lines in the colour over a transparent fill (gaps, overlaps).
enum class Fill { solid, none, hatch };

struct Symbol {
  std::string colour = "#1f78b4";  // a polygon's or marker's fill, a line's colour (#rrggbb)
  double opacity = 1;              // of the whole symbol, 0-1
  std::string outline = "#232323";
  double outline_width = 0.26;  // mm
  Fill fill = Fill::solid;
  Marker marker = Marker::circle;
  double size = 2;      // mm: a marker's diameter, a line's width
  bool arrows = false;  // a line's direction, as arrow heads along it
};

// The red, green and blue (0-255) of a "#rrggbb" colour; nullopt for any other form.
std::optional<std::array<int, 3>> rgb_of(std::string_view hex);

// The symbols declarations use, by what they look like.
Symbol solid_fill(std::string colour, double opacity = 1, std::string outline = "#232323");
Symbol hatch_fill(std::string colour);
Symbol outline_only(std::string colour, double width = 0.5);
Symbol point_marker(Marker marker, std::string colour, double size = 2);
Symbol line_symbol(std::string colour, double width = 0.5, bool arrows = false);

struct StyleClass {
  std::string value;            // categorized: the field's value it stands for
  double lower = 0, upper = 0;  // graduated: lower < x <= upper (the first also x == lower)
  Bilingual label;
  Symbol symbol;
};

enum class StyleKind { single, categorized, graduated };

struct NamedStyle;

struct LayerStyle {
  StyleKind kind = StyleKind::single;
  Symbol symbol;                    // single; the template of computed classes
  std::string field;                // categorized, graduated: the field classified
  std::vector<StyleClass> classes;  // declared; a graduated style without any takes the data's
  // Computed graduated classes run from ramp_from to ramp_to.
  std::string ramp_from = "#fee5d9", ramp_to = "#a50f15";
  // Graduated by a band: three classes, below, within and above the band that most rows carry
  // in these two fields (a grid's load band, which settings and townships may change).
  std::string band_min_field, band_max_field;
  std::string label_field;  // labelled with this field's text (the Chinese names)
  bool shown = true;        // checked in the project's layer tree
  // Other looks of the same layer (the villages by 十好 status beside their type): more named
  // styles in QGIS's style menu and in layer_styles; this style is the default.
  std::vector<NamedStyle> alternatives;
};

struct NamedStyle {
  Bilingual name;
  LayerStyle style;
};

// What a stored value of a field means to a reader: the zone check's "ten_good" is 十好达标.
struct ValueName {
  std::string value;
  Bilingual name;
};

struct FieldPresentation {
  std::string name;
  Bilingual alias;
  std::string unit;
  // The names its stored values are shown by (report, workbook, QGIS's value map); empty: the
  // values as stored.
  std::vector<ValueName> value_names = {};
  // A text field written in Chinese whose English is stored in this other field of the layer
  // (the zone check's "value" and "value_en"): an English report reads that one.
  std::string english_field = {};
};

// The name of `value` in `field`'s declaration, nullopt when it declares none.
std::optional<Bilingual> value_name(const FieldPresentation& field, const std::string& value);

// The group of the layers a planner brings (villages, grids, households, ...).
inline const Bilingual kInputDataGroup{"基础数据", "Input data"};

struct LayerPresentation {
  std::string layer;  // its name in the store
  Bilingual group;    // the analysis that writes it, or the input data
  Bilingual title;
  std::vector<FieldPresentation> fields;
  LayerStyle style;
  // Drawn under every analysis's map as the base (townships, villages).
  bool base_map = false;
};

// The alias of output field `name`: its own declaration, or one declared for a family of fields
// ("within_{threshold}min", the road reach's per-threshold fields) with the number filled in.
std::optional<Bilingual> field_alias(const LayerPresentation& layer, const std::string& name);

}  // namespace rz::geo
