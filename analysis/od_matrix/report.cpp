#include "analysis/od_matrix/report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rz::analysis {

namespace {

std::string side_text(const OdSide& s) {
  std::string what = s.village_seats ? fmt::format("{} village seats («{}»)", s.points, s.layer)
                                     : fmt::format("{} points of «{}»", s.points, s.layer);
  if (!s.category.empty()) what += fmt::format(" of category {}", s.category);
  if (s.off_road > 0) what += fmt::format(", {} of them off the roads", s.off_road);
  return what;
}

}  // namespace

AnalysisReport od_matrix_report(const OdMatrixReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  out.warnings = r.warnings;
  auto text = std::back_inserter(out.summary);
  fmt::format_to(text, "OD matrix 起讫点矩阵: {} nodes, {} edges, {} connected part(s)\n", r.nodes,
                 r.edges, r.components);
  fmt::format_to(text, "  from {}\n  to   {}\n", side_text(r.from), side_text(r.to));
  std::string bounds;
  if (r.cutoff_min) bounds += fmt::format(" within {:g} min", *r.cutoff_min);
  if (r.nearest)
    bounds += fmt::format("{} the {} nearest per origin", bounds.empty() ? "" : ",", *r.nearest);
  fmt::format_to(text, "  {} pairs: {} rows{}", r.pairs, r.rows, bounds);
  if (r.rows > 0) fmt::format_to(text, " (slowest {:.1f} min)", r.max_minutes);
  fmt::format_to(text, "; {} not reached on the roads{}", r.unreached,
                 r.cutoff_min ? fmt::format(" within {:g} min", *r.cutoff_min) : std::string());
  if (r.nearest) fmt::format_to(text, "; {} reached but not among the nearest", r.not_nearest);
  fmt::format_to(text, "\n  layers: {}\n", fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
