#pragma once
// Where new sites may go: the village seats, or a candidate layer (import kind `candidates`)
// with optional name, id, village code, capacity and `required` (1: the site must be open, as
// the established location-allocation tools' "required" facilities; it counts toward K).
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/site_costs.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct Candidate {
  std::string name, code, id;  // id: the layer's id, else the village code, else the name
  SitePoint at;
  std::optional<double> capacity;
  bool required = false;
};

// `layer` empty: the village seats (name 某某村部, id the village code). DataError when the layer
// has no points.
std::vector<Candidate> read_candidates(geo::Store& store, const std::string& layer,
                                       const std::vector<Village>& villages, int srid);

// Marks the candidates `names` lists (by id, village code or name) as required; DataError naming
// every entry that is no candidate.
void mark_required(std::vector<Candidate>& candidates, const std::vector<std::string>& names,
                   const std::string& layer);

}  // namespace rz::analysis
