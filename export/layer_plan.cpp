#include "export/layer_plan.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "export/dbf_text.hpp"
#include "export/shapefile_field_names.hpp"
#include "geo/ascii.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::exporting {

using ojson = nlohmann::ordered_json;

namespace {

struct AttrStats {
  std::string key;
  bool integers = false, reals = false, others = false;
  bool non_strings = false;  // booleans, objects or arrays, which a text field holds as JSON
  size_t text_bytes = 0;
  double max_abs = 0;
};

std::string unique_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string base = wanted.empty() ? std::string("field") : wanted;
  std::string name = base;
  for (int n = 2; taken.count(geo::lower_ascii(name)); ++n) name = fmt::format("{}_{}", base, n);
  taken.insert(geo::lower_ascii(name));
  return name;
}

bool any_attrs(geo::Store& store, const std::string& layer) {
  auto st = store.db().prepare(fmt::format("SELECT EXISTS (SELECT 1 FROM {} WHERE attrs <> '{{}}')",
                                           geo::quote_identifier(layer)));
  return st.step() && st.get_int(0) != 0;
}

}  // namespace

bool any_geometry(geo::Store& store, const std::string& layer) {
  auto st = store.db().prepare(fmt::format(
      "SELECT EXISTS (SELECT 1 FROM {} WHERE geom IS NOT NULL)", geo::quote_identifier(layer)));
  return st.step() && st.get_int(0) != 0;
}

std::string value_text(const geo::Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

std::string json_text(const ojson& j) {
  return j.is_string() ? j.get_ref<const std::string&>() : j.dump();
}

ojson parse_attrs(const std::string& text, const std::string& layer, int64_t fid) {
  if (text.empty()) return ojson::object();
  try {
    ojson j = ojson::parse(text);
    if (j.is_object()) return j;
  } catch (const nlohmann::json::exception&) {
  }
  throw DataError(fmt::format(
      fmt::runtime(tr("layer {}, feature {}: the stored attributes are not a JSON object")),
      in_quotes(layer), fid));
}

FormatTraits traits(Format format) {
  switch (format) {
    case Format::gpkg:
      return {true, {"fid", "geom"}};
    case Format::geojson:
      return {true, {}};
    case Format::shapefile:
      return {false, {"fid"}};
    case Format::csv:
    case Format::xlsx:
      return {false, {"fid", "wkt"}};
  }
  return {};
}

// First pass over a layer: the attrs keys and their types, text widths, and (shapefile) whether
// every value can be written faithfully.
LayerPlan plan_layer(geo::Store& store, const geo::LayerInfo& info, Format format,
                     DbfEncoding dbf_encoding) {
  const auto& schema = info.schema;
  const bool shp = format == Format::shapefile;
  std::unique_ptr<DbfText> dbf;
  if (shp) dbf = std::make_unique<DbfText>(dbf_encoding, schema.name);

  std::vector<size_t> column_bytes(schema.fields.size(), 0);
  std::vector<double> column_max_abs(schema.fields.size(), 0);
  std::vector<AttrStats> attrs;
  std::unordered_map<std::string, size_t> attr_index;
  // Only shapefile widths need every value; the attrs keys only rows that have any, and most
  // layers (every result layer) have none: one SQL scan says so.
  const bool every_row = shp || any_attrs(store, schema.name);
  if (every_row)
    store.read_attributes(schema.name, [&](const geo::FeatureRow& row) {
      if (shp) {
        for (size_t i = 0; i < schema.fields.size(); ++i) {
          const auto& v = row.values[i];
          if (schema.fields[i].type == geo::FieldType::real) {
            if (const auto* d = std::get_if<double>(&v))
              column_max_abs[i] = std::max(column_max_abs[i], std::abs(*d));
            else if (const auto* n = std::get_if<int64_t>(&v))
              column_max_abs[i] = std::max(column_max_abs[i], std::abs(static_cast<double>(*n)));
          }
          if (schema.fields[i].type != geo::FieldType::text) continue;
          if (std::holds_alternative<std::monostate>(v)) continue;
          column_bytes[i] =
              std::max(column_bytes[i], dbf->bytes(value_text(v), row.fid, schema.fields[i].name));
        }
      }
      ojson j = parse_attrs(row.attrs, schema.name, row.fid);
      for (const auto& [key, value] : j.items()) {
        auto [it, inserted] = attr_index.try_emplace(key, attrs.size());
        if (inserted) attrs.push_back(AttrStats{key});
        auto& s = attrs[it->second];
        if (value.is_null()) continue;
        if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
          s.others = true;
        else if (value.is_number_integer())
          s.integers = true;
        else if (value.is_number_float())
          s.reals = true;
        else
          s.others = true;
        if (value.is_number()) s.max_abs = std::max(s.max_abs, std::abs(value.get<double>()));
        if (!value.is_string() && !value.is_number()) s.non_strings = true;
        if (shp) s.text_bytes = std::max(s.text_bytes, dbf->bytes(json_text(value), row.fid, key));
      }
    });

  LayerPlan plan;
  plan.info = info;
  plan.table = info.feature_count > 0 && !any_geometry(store, schema.name);
  const auto tr = traits(format);
  std::set<std::string> taken(tr.reserved.begin(), tr.reserved.end());
  if (!tr.settable_fid) {
    taken.erase("fid");
    plan.fields.push_back({unique_name("fid", taken), {}, OFTInteger64, Source::fid, 0, 0});
  }
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    OGRFieldType type = schema.fields[i].type == geo::FieldType::integer ? OFTInteger64
                        : schema.fields[i].type == geo::FieldType::real  ? OFTReal
                                                                         : OFTString;
    plan.fields.push_back({unique_name(schema.fields[i].name, taken),
                           {},
                           type,
                           Source::column,
                           i,
                           column_bytes[i],
                           column_max_abs[i]});
  }
  for (const auto& s : attrs) {
    OGRFieldType type = s.others     ? OFTString
                        : s.reals    ? OFTReal
                        : s.integers ? OFTInteger64
                                     : OFTString;
    if (type == OFTString && (s.non_strings || s.integers || s.reals))
      plan.text_attrs_hold_non_strings = true;
    plan.attr_field[s.key] = plan.fields.size();
    plan.fields.push_back(
        {unique_name(s.key, taken), {}, type, Source::attr, 0, s.text_bytes, s.max_abs});
  }

  if (shp) {
    std::vector<std::string> full;
    for (const auto& f : plan.fields) full.push_back(f.name);
    auto short_names = shapefile_field_names(full, iconv_name(dbf_encoding));
    for (size_t i = 0; i < plan.fields.size(); ++i) {
      dbf->check_name(short_names[i], full[i]);
      plan.fields[i].out_name = short_names[i];
      if (short_names[i] != full[i]) plan.renamed = true;
    }
  } else {
    for (auto& f : plan.fields) f.out_name = f.name;
  }
  return plan;
}

}  // namespace rz::exporting
