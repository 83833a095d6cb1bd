// Every analysis declares how its result layers are shown (analysis/<name>/entry.cpp): the
// group title, each layer's Chinese title, each field's Chinese alias, and a style whose fields
// are the layer's own, whose colours QGIS can read and whose classes are in order.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <utility>

#include "analysis/common/analysis.hpp"
#include "analysis/registry.hpp"
#include "geo/presentation.hpp"

using namespace rz::analysis;
using rz::geo::StyleKind;

namespace {

bool is_colour(const std::string& c) {
  if (c.size() != 7 || c[0] != '#') return false;
  for (size_t i = 1; i < c.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(c[i]))) return false;
  return true;
}

bool has_field(const ResultLayer& layer, const std::string& name) {
  for (const auto& f : layer.fields)
    if (f.name == name) return true;
  return false;
}

// A field the style names: one of the layer's, and a real column (not a per-threshold
// template such as within_{threshold}min, which no store layer has under that name).
void expect_style_field(const ResultLayer& layer, const std::string& name, const char* what) {
  EXPECT_TRUE(has_field(layer, name)) << what << " «" << name << "» is not a field of the layer";
  EXPECT_EQ(name.find('{'), std::string::npos) << what << " «" << name << "» is a template";
}

void expect_symbol(const rz::geo::Symbol& s, const std::string& where) {
  EXPECT_TRUE(is_colour(s.colour)) << where << ": colour «" << s.colour << "»";
  EXPECT_TRUE(is_colour(s.outline)) << where << ": outline «" << s.outline << "»";
  EXPECT_GE(s.opacity, 0) << where;
  EXPECT_LE(s.opacity, 1) << where;
  EXPECT_GT(s.size, 0) << where;
  EXPECT_GE(s.outline_width, 0) << where;
}

}  // namespace

TEST(PresentationDeclared, AnalysesHaveTitles) {
  std::set<std::string> zh, en;
  ASSERT_FALSE(analyses().empty());
  for (const auto& a : analyses()) {
    SCOPED_TRACE(a.name);
    EXPECT_FALSE(a.title.zh.empty());
    EXPECT_FALSE(a.title.en.empty());
    EXPECT_TRUE(zh.insert(a.title.zh).second) << "two analyses titled " << a.title.zh;
    EXPECT_TRUE(en.insert(a.title.en).second) << "two analyses titled " << a.title.en;
  }
}

TEST(PresentationDeclared, LayersHaveTitlesAndFieldsAliases) {
  std::set<std::string> titles;
  for (const auto& a : analyses())
    for (const auto& layer : a.layers) {
      SCOPED_TRACE(a.name + " " + layer.name);
      EXPECT_FALSE(layer.title.empty());
      EXPECT_FALSE(layer.title_zh.empty());
      EXPECT_TRUE(titles.insert(layer.title_zh).second) << "two layers titled " << layer.title_zh;
      ASSERT_FALSE(layer.fields.empty());
      std::set<std::string> aliases;
      for (const auto& f : layer.fields) {
        SCOPED_TRACE(f.name);
        EXPECT_FALSE(f.alias_zh.empty());
        EXPECT_FALSE(f.description.empty());
        // Two columns under one header could not be told apart in QGIS.
        EXPECT_TRUE(aliases.insert(f.alias_zh).second) << "alias " << f.alias_zh << " twice";
        // A share 0-1 is no percentage (占比, not （%）).
        if (f.unit == "share") {
          EXPECT_EQ(f.alias_zh.find('%'), std::string::npos) << f.alias_zh;
        }
        // A per-threshold field's alias names the threshold too, to be filled in alike.
        EXPECT_EQ(f.name.find("{threshold}") != std::string::npos,
                  f.alias_zh.find("{threshold}") != std::string::npos)
            << f.alias_zh;
      }
    }
}

TEST(PresentationDeclared, StylesNameTheLayersFieldsAndValidColours) {
  for (const auto& a : analyses())
    for (const auto& layer : a.layers) {
      SCOPED_TRACE(a.name + " " + layer.name);
      const auto& style = layer.style;
      expect_symbol(style.symbol, "symbol");
      EXPECT_TRUE(is_colour(style.ramp_from)) << style.ramp_from;
      EXPECT_TRUE(is_colour(style.ramp_to)) << style.ramp_to;
      if (!layer.geometry) {
        // A table is not drawn: it keeps the default style.
        EXPECT_EQ(style.kind, StyleKind::single);
        EXPECT_TRUE(style.field.empty());
        EXPECT_TRUE(style.classes.empty());
        EXPECT_TRUE(style.label_field.empty());
        EXPECT_TRUE(style.band_min_field.empty());
        EXPECT_TRUE(style.band_max_field.empty());
        continue;
      }
      if (style.kind == StyleKind::single) {
        EXPECT_TRUE(style.field.empty()) << "a single style classifies no field";
        EXPECT_TRUE(style.classes.empty()) << "a single style has no classes";
      } else {
        expect_style_field(layer, style.field, "field");
      }
      if (!style.label_field.empty()) expect_style_field(layer, style.label_field, "label_field");
      EXPECT_EQ(style.band_min_field.empty(), style.band_max_field.empty())
          << "a band needs both its fields";
      if (!style.band_min_field.empty()) {
        EXPECT_EQ(style.kind, StyleKind::graduated) << "only a graduated style has a band";
        EXPECT_TRUE(style.classes.empty()) << "a band's classes come from the data";
        expect_style_field(layer, style.band_min_field, "band_min_field");
        expect_style_field(layer, style.band_max_field, "band_max_field");
      }
      for (size_t i = 0; i < style.classes.size(); ++i)
        expect_symbol(style.classes[i].symbol, "class " + std::to_string(i));
    }
}

TEST(PresentationDeclared, CategorizedClassesAreLabelledAndDistinct) {
  int categorized = 0;
  for (const auto& a : analyses())
    for (const auto& layer : a.layers) {
      if (layer.style.kind != StyleKind::categorized) continue;
      ++categorized;
      SCOPED_TRACE(a.name + " " + layer.name);
      EXPECT_FALSE(layer.style.classes.empty()) << "a categorized style declares its classes";
      std::set<std::string> values;
      for (const auto& c : layer.style.classes) {
        SCOPED_TRACE(c.value);
        EXPECT_FALSE(c.value.empty());
        EXPECT_TRUE(values.insert(c.value).second) << "value twice";
        EXPECT_FALSE(c.label.zh.empty());
        EXPECT_FALSE(c.label.en.empty());
      }
    }
  EXPECT_GT(categorized, 0);
}

TEST(PresentationDeclared, GraduatedClassesAscend) {
  int graduated = 0;
  for (const auto& a : analyses())
    for (const auto& layer : a.layers) {
      if (layer.style.kind != StyleKind::graduated) continue;
      ++graduated;
      SCOPED_TRACE(a.name + " " + layer.name);
      const auto& classes = layer.style.classes;
      for (size_t i = 0; i < classes.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_LE(classes[i].lower, classes[i].upper);
        EXPECT_FALSE(classes[i].label.zh.empty());
        EXPECT_FALSE(classes[i].label.en.empty());
        if (i > 0) {
          EXPECT_GE(classes[i].lower, classes[i - 1].upper) << "classes overlap or descend";
          EXPECT_GT(classes[i].upper, classes[i - 1].upper);
        }
      }
    }
  EXPECT_GT(graduated, 0);
}

// The layers the issue asks for by name look as it asks.
TEST(PresentationDeclared, KeyLayersLookAsAsked) {
  auto layer = [](const char* analysis, const char* name) {
    const Analysis* a = find_analysis(analysis);
    EXPECT_NE(a, nullptr) << analysis;
    const ResultLayer* l = a ? a->layer(name) : nullptr;
    EXPECT_NE(l, nullptr) << name;
    return l;
  };
  if (auto* l = layer("grid_coverage", "grid_gaps")) {
    EXPECT_EQ(l->style.symbol.fill, rz::geo::Fill::hatch);
    EXPECT_EQ(l->style.symbol.colour, "#e31a1c");
  }
  if (auto* l = layer("grid_coverage", "grid_overlaps")) {
    EXPECT_EQ(l->style.symbol.fill, rz::geo::Fill::hatch);
    EXPECT_EQ(l->style.symbol.colour, "#ff7f00");
  }
  if (auto* l = layer("grid_coverage", "grid_load")) {
    EXPECT_EQ(l->style.kind, StyleKind::graduated);
    EXPECT_EQ(l->style.band_min_field, "load_min");
    EXPECT_EQ(l->style.band_max_field, "load_max");
  }
  if (auto* l = layer("village_assessment", "village_assessment")) {
    EXPECT_EQ(l->style.kind, StyleKind::categorized);
    EXPECT_EQ(l->style.field, "type");
    std::set<std::string> values;
    for (const auto& c : l->style.classes) values.insert(c.value);
    EXPECT_EQ(values, (std::set<std::string>{"hub", "tidal", "basic", "hollow", "unknown"}));
  }
  if (auto* l = layer("zone_tour", "zone_tour_route")) {
    EXPECT_TRUE(l->style.symbol.arrows);
  }
  if (auto* l = layer("road_reach", "road_isochrones")) {
    EXPECT_EQ(l->style.kind, StyleKind::graduated);
    EXPECT_EQ(l->style.field, "minutes");
    EXPECT_LT(l->style.symbol.opacity, 1);
  }
  for (auto [analysis, name] : {std::pair{"reach", "reach_households_beyond"},
                                std::pair{"road_reach", "road_service_households"}})
    if (auto* l = layer(analysis, name)) {
      EXPECT_FALSE(l->style.shown) << name;
    }
}
