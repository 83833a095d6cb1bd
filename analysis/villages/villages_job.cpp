#include "analysis/villages/villages_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <algorithm>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/villages/read_villages.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

constexpr size_t kProblemsShown = 20;

Value text_or_null(const std::string& text) {
  return text.empty() ? Value() : Value(text);
}
Value joined(const std::vector<std::string>& parts, const char* by) {
  return parts.empty() ? Value() : Value(fmt::format("{}", fmt::join(parts, by)));
}
Value real_or_null(const std::optional<double>& x) {
  return x ? Value(*x) : Value();
}
Value flag_or_null(const std::optional<bool>& x) {
  return x ? Value(int64_t{*x}) : Value();
}

// The fields of village_townships and village_county after their code and name.
std::vector<geo::FieldDef> area_fields() {
  return fields({{"villages", FieldType::integer},
                 {"demonstration_points", FieldType::integer},
                 {"points_unknown", FieldType::integer},
                 {"point_ratio", FieldType::real},
                 {"required_ratio", FieldType::real},
                 {"required_points", FieldType::integer},
                 {"ratio_met", FieldType::integer},
                 {"points_needed", FieldType::integer},
                 {"ten_good_pass", FieldType::integer},
                 {"six_none_pass", FieldType::integer},
                 {"both_pass", FieldType::integer},
                 {"full_coverage", FieldType::integer},
                 {"hub", FieldType::integer},
                 {"tidal", FieldType::integer},
                 {"basic", FieldType::integer},
                 {"hollow", FieldType::integer},
                 {"unknown", FieldType::integer},
                 {"shell_villages", FieldType::integer},
                 {"collective_target_met", FieldType::integer}});
}

std::vector<Value> area_values(const AreaAssessment& a) {
  std::vector<Value> v{a.code, text_or_null(a.name), a.villages, a.points, a.points_unknown};
  v.push_back(a.villages > 0 ? Value(a.ratio()) : Value());
  v.push_back(a.required_ratio);
  v.push_back(a.required_points);
  v.push_back(flag_or_null(a.ratio_met));
  v.push_back(a.points_needed ? Value(*a.points_needed) : Value());
  v.push_back(a.ten_good_pass);
  v.push_back(a.six_none_pass);
  v.push_back(a.both_pass);
  v.push_back(flag_or_null(a.full_coverage));
  for (auto type : {VillageType::hub, VillageType::tidal, VillageType::basic, VillageType::hollow,
                    VillageType::unknown})
    v.push_back(a.types[static_cast<size_t>(type)]);
  v.push_back(a.shell_villages);
  v.push_back(a.target_met);
  return v;
}

}  // namespace

const std::vector<std::string>& village_result_layers() {
  static const std::vector<std::string> names = {"village_assessment", "village_townships",
                                                 "village_county"};
  return names;
}

VillageAssessmentReport run_village_assessment(geo::Store& store,
                                               const AssessmentSettings& settings,
                                               const VillageLayers& layers) {
  const auto info = require_layer(store, layers.villages, "villages", store.srid());
  VillageRows rows = read_village_values(store, info, settings.six_none);

  // Values out of range are refused before anything is assessed or written.
  std::vector<std::string> problems;
  size_t problem_count = 0;
  for (const auto& v : rows.values)
    for (const auto& p : value_problems(v, settings))
      if (++problem_count <= kProblemsShown)
        problems.push_back(fmt::format(fmt::runtime(tr("{} {}: {}")), v.code, v.name, p));
  if (problem_count > 0)
    throw DataError(fmt::format(
        fmt::runtime(tr(
            "{}: layer {}: {} value(s) out of range (correct the source and import it again):\n  "
            "{}{}")),
        store.path(), in_quotes(info.schema.name), problem_count, fmt::join(problems, "\n  "),
        problem_count > kProblemsShown
            ? fmt::format("\n  ... and {} more", problem_count - kProblemsShown)
            : std::string()));

  VillageAssessmentReport report;
  report.layer = info.schema.name;
  report.settings = settings;
  report.absent_fields = rows.absent_fields;
  report.assessed.reserve(rows.values.size());
  for (const auto& v : rows.values) report.assessed.push_back(assess_village(v, settings));
  report.townships = assess_areas(rows.values, report.assessed, settings, true);
  report.counties = assess_areas(rows.values, report.assessed, settings, false);
  // A county's points needed are its townships' (each township keeps its own ratio); it meets
  // the ratio when every township does.
  for (auto& county : report.counties) {
    int64_t needed = 0;
    bool unknown = false, short_of = false;
    for (const auto& t : report.townships) {
      if (t.code.substr(0, 6) != county.code) continue;
      if (t.points_needed)
        needed += *t.points_needed;
      else
        unknown = true;
      short_of |= t.ratio_met == false;
    }
    county.points_needed = unknown ? std::nullopt : std::optional<int64_t>(needed);
    county.ratio_met = short_of  ? std::optional<bool>(false)
                       : unknown ? std::nullopt
                                 : std::optional<bool>(true);
    county.candidates.clear();
  }
  if (!rows.absent_fields.empty())
    report.warnings.push_back(fmt::format(
        fmt::runtime(
            tr("layer {} has no value of {} in any village: what needs them is unknown (import a "
               "village register with --kind village_register, or map the fields with --field)")),
        in_quotes(info.schema.name), fmt::join(rows.absent_fields, ", ")));

  geo::Transaction tx(store.db());
  for (const auto& name : village_result_layers()) store.drop_layer(name);
  auto write_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, fill, report.layers_written);
  };
  write_layer({"village_assessment", "villages", GeometryKind::polygon,
               fields({{"village_code", FieldType::text},
                       {"village_name", FieldType::text},
                       {"township_code", FieldType::text},
                       {"township_name", FieldType::text},
                       {"type", FieldType::text},
                       {"type_zh", FieldType::text},
                       {"type_rule", FieldType::text},
                       {"missing_fields", FieldType::text},
                       {"resident_ratio", FieldType::real},
                       {"migrant_share", FieldType::real},
                       {"commuter_share", FieldType::real},
                       {"enterprises_per_1000", FieldType::real},
                       {"ten_good_passed", FieldType::integer},
                       {"ten_good_score", FieldType::real},
                       {"ten_good_pass", FieldType::integer},
                       {"ten_good_failed", FieldType::text},
                       {"six_none_pass", FieldType::integer},
                       {"six_none_failed", FieldType::text},
                       {"collective_income", FieldType::real},
                       {"collective_target_met", FieldType::integer},
                       {"shell_village", FieldType::integer},
                       {"demonstration_point", FieldType::integer}})},
              [&](geo::LayerWriter& w) {
                for (size_t i = 0; i < rows.values.size(); ++i) {
                  const VillageValues& v = rows.values[i];
                  const VillageAssessment& a = report.assessed[i];
                  const std::vector<Value> values{
                      v.code,
                      text_or_null(v.name),
                      text_or_null(v.township_code),
                      text_or_null(v.township_name),
                      std::string(to_string(a.type.type)),
                      std::string(chinese_name(a.type.type)),
                      a.type.rule,
                      joined(a.missing, ", "),
                      real_or_null(a.type.resident_ratio),
                      real_or_null(a.type.migrant_share),
                      real_or_null(a.type.commuter_share),
                      real_or_null(a.type.enterprises_per_1000),
                      a.ten_good.passed ? Value(int64_t{*a.ten_good.passed}) : Value(),
                      real_or_null(a.ten_good.score),
                      flag_or_null(a.ten_good.pass),
                      joined(a.ten_good.failed, "、"),
                      flag_or_null(a.six_none.pass),
                      joined(a.six_none.failed, "、"),
                      real_or_null(v.collective_income),
                      flag_or_null(a.collective.target_met),
                      flag_or_null(a.collective.shell),
                      flag_or_null(a.demonstration_point)};
                  if (rows.geometry[i].empty())
                    w.add_without_geometry(static_cast<int64_t>(i + 1), values, "{}");
                  else
                    w.add_stored(static_cast<int64_t>(i + 1), values, "{}", rows.geometry[i]);
                }
              });
  auto township_fields =
      fields({{"township_code", FieldType::text}, {"township_name", FieldType::text}});
  for (const auto& f : area_fields()) township_fields.push_back(f);
  township_fields.push_back({"candidates", FieldType::text});
  township_fields.push_back({"candidate_codes", FieldType::text});
  const auto township_shapes = read_township_shapes(store, layers.townships);
  write_layer(
      {"village_townships", "villages", GeometryKind::polygon, township_fields},
      [&](geo::LayerWriter& w) {
        int64_t id = 0;
        for (const auto& t : report.townships) {
          auto values = area_values(t);
          std::vector<std::string> names, codes;
          for (size_t i : t.candidates) {
            names.push_back(fmt::format("{}（{}）", rows.values[i].name, rows.values[i].code));
            codes.push_back(rows.values[i].code);
          }
          values.push_back(joined(names, "、"));
          values.push_back(joined(codes, ","));
          auto shape = township_shapes.find(t.code);
          if (shape != township_shapes.end() && !shape->second.empty())
            w.add_stored(++id, values, "{}", shape->second);
          else
            w.add_without_geometry(++id, values, "{}");
        }
      });
  auto county_fields = fields({{"county_code", FieldType::text}, {"county_name", FieldType::text}});
  for (const auto& f : area_fields()) county_fields.push_back(f);
  county_fields.push_back({"townships", FieldType::integer});
  county_fields.push_back({"townships_short", FieldType::integer});
  county_fields.push_back({"townships_covered", FieldType::integer});
  write_layer({"village_county", "villages", GeometryKind::polygon, county_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& c : report.counties) {
                  auto values = area_values(c);
                  int64_t townships = 0, short_of = 0, covered = 0;
                  for (const auto& t : report.townships) {
                    if (t.code.substr(0, 6) != c.code) continue;
                    ++townships;
                    short_of += t.ratio_met == false;
                    covered += t.full_coverage == true;
                  }
                  values.push_back(townships);
                  values.push_back(short_of);
                  values.push_back(covered);
                  w.add_without_geometry(++id, values, "{}");
                }
              });
  tx.commit();
  report.villages = std::move(rows.values);
  return report;
}

}  // namespace rz::analysis
