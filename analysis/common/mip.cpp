#include "analysis/common/mip.hpp"

#include <coin/Cbc_C_Interface.h>

#include <cmath>
#include <memory>
#include <string>

namespace rz::analysis {

int MipProblem::add_column(double cost, double lower, double upper, bool is_integer) {
  objective.push_back(cost);
  col_lower.push_back(lower);
  col_upper.push_back(upper);
  integer.push_back(is_integer);
  return static_cast<int>(objective.size() - 1);
}

void MipProblem::add_row(MipRow row, double lower, double upper) {
  rows.push_back(std::move(row));
  row_lower.push_back(lower);
  row_upper.push_back(upper);
}

void MipProblem::add_capacity_rows(std::vector<MipRow> load_of_site,
                                   const std::vector<double>& capacity, size_t candidates) {
  for (size_t s = 0; s < load_of_site.size(); ++s) {
    if (!std::isfinite(capacity[s]) || load_of_site[s].empty()) continue;
    MipRow row = std::move(load_of_site[s]);
    if (s < candidates) {
      row.push_back({static_cast<int>(s), -capacity[s]});
      add_row(std::move(row), -kMipFree, 0.0);
    } else {
      add_row(std::move(row), -kMipFree, capacity[s]);
    }
  }
}

double MipResult::gap() const {
  if (!has_solution) return INFINITY;
  if (proven_optimal) return 0;
  return std::abs(bound - objective) / std::max(1e-9, std::abs(objective));
}

MipResult solve_mip(const MipProblem& p, const std::optional<std::vector<double>>& start,
                    double time_limit_s, int threads) {
  const int cols = static_cast<int>(p.objective.size());
  const int rows = static_cast<int>(p.rows.size());
  // Compressed sparse columns from the rows.
  std::vector<std::vector<std::pair<int, double>>> by_col(static_cast<size_t>(cols));
  for (int r = 0; r < rows; ++r)
    for (const auto& [c, v] : p.rows[static_cast<size_t>(r)])
      by_col[static_cast<size_t>(c)].push_back({r, v});
  std::vector<CoinBigIndex> col_start{0};
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& col : by_col) {
    for (const auto& [r, v] : col) {
      index.push_back(r);
      value.push_back(v);
    }
    col_start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  std::unique_ptr<Cbc_Model, decltype(&Cbc_deleteModel)> model(Cbc_newModel(), &Cbc_deleteModel);
  Cbc_Model* m = model.get();
  Cbc_loadProblem(m, cols, rows, col_start.data(), index.data(), value.data(), p.col_lower.data(),
                  p.col_upper.data(), p.objective.data(), p.row_lower.data(), p.row_upper.data());
  for (int c = 0; c < cols; ++c)
    if (p.integer[static_cast<size_t>(c)]) Cbc_setInteger(m, c);
  Cbc_setObjSense(m, p.maximise ? -1 : 1);
  Cbc_setLogLevel(m, 0);
  Cbc_setParameter(m, "timeMode", "elapsed");
  Cbc_setMaximumSeconds(m, time_limit_s);
  if (threads > 1) Cbc_setParameter(m, "threads", std::to_string(threads).c_str());
  if (start) {
    std::vector<int> idx(static_cast<size_t>(cols));
    for (int c = 0; c < cols; ++c) idx[static_cast<size_t>(c)] = c;
    Cbc_setMIPStartI(m, cols, idx.data(), start->data());
  }
  Cbc_solve(m);

  MipResult r;
  r.proven_optimal = Cbc_isProvenOptimal(m) != 0;
  r.stopped_on_time = Cbc_secondaryStatus(m) == 4;
  r.infeasible = Cbc_isProvenInfeasible(m) != 0;
  const double* x = Cbc_getColSolution(m);
  const double obj = Cbc_getObjValue(m);
  // No solution: CBC leaves the objective at 1e50 (or -1e50 maximising).
  r.has_solution = x != nullptr && std::abs(obj) < 1e49;
  if (r.has_solution) {
    r.objective = obj;
    r.x.assign(x, x + cols);
  }
  r.bound = Cbc_getBestPossibleObjValue(m);
  if (r.proven_optimal) r.bound = r.objective;
  return r;
}

}  // namespace rz::analysis
