#include "analysis/villages/read_villages.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "analysis/common/store_inputs.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "import/number_text.hpp"

namespace rz::analysis {

namespace {

constexpr size_t kShown = 20;

// Where a number comes from: a column of the layer, else a key of its attrs JSON.
struct Source {
  std::string field;
  int column = -1;
};

// The fixed fields, in the order fill() below assigns them.
constexpr std::string_view kFixedFields[] = {
    "population",    "resident_population", "households",
    "party_members", "migrant_workers",     "out_commuters",
    "enterprises",   "collective_income",   "demonstration_point"};

std::optional<double>* fixed_slot(VillageValues& v, size_t i) {
  std::optional<double>* slots[] = {
      &v.population,    &v.resident_population, &v.households,
      &v.party_members, &v.migrant_workers,     &v.out_commuters,
      &v.enterprises,   &v.collective_income,   &v.demonstration_point};
  return slots[i];
}

}  // namespace

VillageRows read_village_values(geo::Store& store, const geo::LayerInfo& info,
                                const std::vector<Condition>& six_none) {
  const Columns c(info);
  std::vector<Source> sources;
  for (auto f : kFixedFields) sources.push_back({std::string(f), c[f]});
  for (const auto& g : kTenGood) sources.push_back({std::string(g.field), c[g.field]});
  for (const auto& cond : six_none) sources.push_back({cond.field, c[cond.field]});
  bool needs_attrs = false;
  for (const auto& s : sources) needs_attrs |= s.column < 0;
  const int code = c["code"], name = c["name"], tcode = c["township_code"],
            tname = c["township_name"];

  VillageRows out;
  std::vector<bool> seen(sources.size(), false);
  std::vector<std::string> problems;
  size_t problem_count = 0;
  store.read_stored(info.schema.name, [&](const geo::FeatureRow& row) {
    VillageValues v;
    v.code = text_of(at(row, code));
    v.name = text_of(at(row, name));
    v.township_code = text_of(at(row, tcode));
    v.township_name = text_of(at(row, tname));
    if (v.township_code.empty() && v.code.size() >= 9) v.township_code = v.code.substr(0, 9);
    nlohmann::json attrs;
    if (needs_attrs && !row.attrs.empty())
      attrs = nlohmann::json::parse(row.attrs, nullptr, /*allow_exceptions=*/false);
    auto not_a_number = [&](const std::string& field, const std::string& text) {
      if (++problem_count <= kShown)
        problems.push_back(fmt::format(fmt::runtime(tr("{} {}: {} {} is not a number")), v.code,
                                       v.name, field, in_quotes(text)));
    };
    auto number_of_text = [&](const std::string& field, const std::string& text) {
      std::string_view t(text);
      while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
      while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
      if (t.empty()) return std::optional<double>();
      auto x = import::parse_number(t);
      if (!x) not_a_number(field, text);
      return x;
    };
    v.six_none.resize(six_none.size());
    for (size_t i = 0; i < sources.size(); ++i) {
      std::optional<double> x;
      if (sources[i].column >= 0) {
        const auto& value = at(row, sources[i].column);
        if (auto* d = std::get_if<double>(&value))
          x = std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
        else if (auto* n = std::get_if<int64_t>(&value))
          x = static_cast<double>(*n);
        else if (auto* s = std::get_if<std::string>(&value))
          x = number_of_text(sources[i].field, *s);
      } else if (attrs.is_object()) {
        auto it = attrs.find(sources[i].field);
        if (it != attrs.end()) {
          if (it->is_number())
            x = it->get<double>();
          else if (it->is_boolean())
            x = it->get<bool>() ? 1.0 : 0.0;
          else if (it->is_string())
            x = number_of_text(sources[i].field, it->get<std::string>());
        }
      }
      if (x) seen[i] = true;
      const size_t fixed = std::size(kFixedFields);
      if (i < fixed)
        *fixed_slot(v, i) = x;
      else if (i < fixed + kTenGood.size())
        v.ten_good[i - fixed] = x;
      else
        v.six_none[i - fixed - kTenGood.size()] = x;
    }
    out.values.push_back(std::move(v));
    out.geometry.emplace_back(row.stored_geometry.begin(), row.stored_geometry.end());
  });
  if (problem_count > 0)
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: layer {}: {} value(s) are not numbers:\n  {}{}")), store.path(),
        in_quotes(info.schema.name), problem_count, fmt::join(problems, "\n  "),
        problem_count > kShown ? fmt::format("\n  ... and {} more", problem_count - kShown)
                               : std::string()));
  for (size_t i = 0; i < sources.size(); ++i)
    if (!seen[i] && std::find(out.absent_fields.begin(), out.absent_fields.end(),
                              sources[i].field) == out.absent_fields.end())
      out.absent_fields.push_back(sources[i].field);
  return out;
}

}  // namespace rz::analysis
