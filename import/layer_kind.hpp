#pragma once
// The kinds of layer a planner brings, and the canonical fields each kind has. Source fields are
// matched to canonical fields by their Chinese, pinyin or English names (see field_mapping.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/store.hpp"

namespace rz::import {

enum class LayerKind {
  townships,
  villages,
  grids,
  households,
  facilities,
  roads,
  zones,
  candidates,
  demand,
  village_register  // 村级台账: a table keyed by village code, joined into the villages
};

struct CanonicalField {
  std::string name;
  geo::FieldType type;
  bool required;
  std::vector<std::string> synonyms;  // matched case-insensitively, after trimming
  std::string description;
  // Plausible values, checked at import; set in one place (layer_kind.cpp, plausible_ranges).
  std::optional<double> min = std::nullopt;
  bool min_exclusive = false;  // a speed must be above 0, a count may be 0
  std::optional<double> max = std::nullopt;
  // A 0/1 field a register may fill with words: 是/否, 有/无, √/×, Y/N.
  bool yes_no = false;
};

// Why `value` is not a plausible value of `field` ("is negative", "is above 1"), or "" when it is.
std::string implausible(const CanonicalField& field, double value);

struct KindSpec {
  LayerKind kind;
  std::string name;  // "villages", also the default layer name
  std::string description;
  geo::GeometryKind geometry;
  bool geometry_optional;  // zones may come as a plain table of member villages
  std::vector<CanonicalField> fields;
  // Never has geometry: coordinate columns, if any, are kept as attributes (the register).
  bool table_only = false;
};

const std::vector<KindSpec>& all_kinds();
const KindSpec& spec(LayerKind kind);
std::optional<LayerKind> parse_kind(std::string_view name);
std::string kind_names();  // "townships, villages, ..." for messages

// Column names that hold longitude / latitude (or projected X / Y) in tables without geometry.
const std::vector<std::string>& lon_synonyms();
const std::vector<std::string>& lat_synonyms();

// 1 or 0 for the words a register writes in a 0/1 column (是/否, 有/无, √/×, Y/N, ...).
std::optional<int> yes_no_value(std::string_view text);

// The village fields a register fills in the villages layer (every numeric field).
bool joins_into_villages(const CanonicalField& field);

}  // namespace rz::import
