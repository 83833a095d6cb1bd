#pragma once
// What an analysis is, for everything that is not the analysis itself: the command line, the
// main job, the project file, help, man pages and (later) styles, maps and report sections are
// all made from this one declaration. Each analysis declares itself in analysis/<name>/entry.cpp;
// analysis/registry.cpp lists them.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/setting.hpp"
#include "geo/layer_schema.hpp"
#include "geo/presentation.hpp"
#include "geo/report_spec.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

// A field of a result layer, as a user reads it in QGIS.
struct ResultField {
  std::string name;
  geo::FieldType type = geo::FieldType::text;
  std::string unit;         // "m", "m²", "min", "households", "%" as a share 0-1: "share"
  std::string description;  // one line, English: the field's English alias
  std::string alias_zh;     // its Chinese alias, short (a column header in QGIS)
  // Names for its stored values, and the field holding its English (geo::FieldPresentation).
  std::vector<geo::ValueName> value_names = {};
  std::string english_field = {};
};

// A layer an analysis writes: its name in the store, geometry (none for a table) and fields.
struct ResultLayer {
  std::string name;
  std::optional<geo::GeometryKind> geometry;
  std::string title;  // one line, English, with the Chinese term where planners use one
  std::vector<ResultField> fields;
  std::string title_zh;   // one line, Chinese
  geo::LayerStyle style;  // how QGIS, the maps and the report draw it
};

// What an analysis run says: the lines for the terminal, its warnings, the layers it wrote.
struct AnalysisReport {
  std::string summary;                // printed on stdout unless --quiet
  std::vector<std::string> warnings;  // printed on stderr as "warning: ..."
  std::vector<std::string> layers_written;
};

// Where an analysis runs: the store layer of each layer kind (a project may name them), and the
// threads it may use.
struct RunContext {
  std::map<std::string, std::string> layer_of_kind;  // kind -> store layer
  int threads = 2;
  // The store layer of `kind`: the project's name for it, else the kind itself.
  std::string layer(const std::string& kind) const;
};

struct Analysis {
  std::string name;                   // registry key and folder, e.g. "grid_coverage"
  std::string command;                // its subcommand, e.g. "grids"
  std::string description;            // one line, English with the Chinese term
  geo::Bilingual title;               // short: the layer group in QGIS, the report's section
  std::string table;                  // its project-file table, e.g. "grids" for [grids]
  std::vector<std::string> needs;     // layer kinds it cannot run without
  std::vector<std::string> uses;      // layer kinds it uses when there (townships)
  std::vector<std::string> after;     // analyses that must run first in the main job
  bool runs_only_with_table = false;  // the main job runs it only when the table is there
  // Analyses sharing a command (reach on roads runs with straight-line reach): the flag that
  // runs this one alone, and its help.
  std::string alone_flag, alone_help;
  std::vector<Setting> settings;
  std::vector<ResultLayer> layers;
  // Its section of the planner's report (ruralzone report): what it shows of its layers.
  geo::ReportSpec report;
  // Why the main job cannot run it with these settings and layers (nullopt: it can), beyond
  // the layer kinds in `needs`; e.g. siting by road without a roads layer.
  std::function<std::optional<std::string>(const SettingValues&, geo::Store&, const RunContext&)>
      cannot_run;
  // Checks the settings together (one against another) before anything runs: UsageError.
  std::function<void(const SettingValues&)> check;
  // Runs on the store: reads its inputs, writes its result layers in one transaction
  // (replacing an earlier run's), and reports. DataError for bad input; nothing is written then.
  std::function<AnalysisReport(geo::Store&, const SettingValues&, const RunContext&)> run;

  const Setting* setting(const std::string& key) const;
  const ResultLayer* layer(const std::string& name) const;
};

}  // namespace rz::analysis
