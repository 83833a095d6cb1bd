#include "analysis/siting/candidate_sites.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/store_inputs.hpp"
#include "analysis/reach/reach.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

std::vector<Candidate> read_candidates(geo::Store& store, const std::string& layer,
                                       const std::vector<Village>& villages, int srid) {
  std::vector<Candidate> out;
  if (layer.empty()) {
    const auto seats = village_seats(villages);
    for (size_t v = 0; v < villages.size(); ++v)
      out.push_back({villages[v].name + "村部",
                     villages[v].code,
                     villages[v].code,
                     {seats[v].get<0>(), seats[v].get<1>()},
                     std::nullopt,
                     false});
    return out;
  }
  const auto info = require_layer(store, layer, "candidates", srid);
  Columns c(info);
  std::vector<std::string> columns;
  for (const char* field : {"name", "id", "village_code", "capacity", "required"})
    if (c[field] >= 0) columns.push_back(field);
  geo::PointScan scan(store, layer, columns);
  while (scan.next()) {
    Candidate cand;
    cand.name = fmt::format("{} #{}", layer, scan.fid());
    cand.at = {scan.x(), scan.y()};
    std::string id;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == "name" && !scan.text(i).empty()) cand.name = scan.text(i);
      if (columns[i] == "id") id = scan.text(i);
      if (columns[i] == "village_code") cand.code = scan.text(i);
      if (columns[i] == "capacity" && scan.integer(i))
        cand.capacity = static_cast<double>(*scan.integer(i));
      if (columns[i] == "required") cand.required = scan.integer(i).value_or(0) != 0;
    }
    cand.id = !id.empty() ? id : !cand.code.empty() ? cand.code : cand.name;
    out.push_back(std::move(cand));
  }
  if (out.empty())
    throw DataError(
        fmt::format(fmt::runtime(tr("the candidate layer {} has no points")), in_quotes(layer)));
  return out;
}

void mark_required(std::vector<Candidate>& candidates, const std::vector<std::string>& names,
                   const std::string& layer) {
  std::vector<std::string> unknown;
  for (const auto& name : names) {
    bool found = false;
    for (auto& c : candidates)
      if (c.id == name || c.code == name || c.name == name) c.required = found = true;
    if (!found) unknown.push_back(in_quotes(name));
  }
  if (!unknown.empty())
    throw DataError(fmt::format(
        fmt::runtime(unknown.size() == 1
                         ? tr("--required: {} is no candidate site of {} (a required site is "
                              "named by its id, village code or name, e.g. {})")
                         : tr("--required: {} are no candidate site of {} (a required site is "
                              "named by its id, village code or name, e.g. {})")),
        fmt::join(unknown, ", "),
        layer.empty() ? std::string(tr("the village seats")) : in_quotes(layer),
        in_quotes(candidates.front().id)));
}

}  // namespace rz::analysis
