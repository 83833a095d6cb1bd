#pragma once
// A small RAII front to CBC's C API (coinor-libcbc-dev) for the exact optima of the siting
// problems. Time limits are in elapsed (wall) seconds, and a result says whether a solution was
// found at all: CBC reports an objective of 1e50 when it has none, so that number is never
// taken for an answer.
#include <optional>
#include <vector>

namespace rz::analysis {

struct MipProblem {
  bool maximise = true;
  std::vector<double> objective;                          // per column
  std::vector<double> col_lower, col_upper;               // per column
  std::vector<bool> integer;                              // per column
  std::vector<std::vector<std::pair<int, double>>> rows;  // sparse row coefficients
  std::vector<double> row_lower, row_upper;               // per row
};

struct MipResult {
  bool has_solution = false;
  bool proven_optimal = false;
  bool stopped_on_time = false;
  bool infeasible = false;  // proven that no solution exists
  double objective = 0;     // of the best solution found (valid only with has_solution)
  double bound = 0;         // best possible objective
  std::vector<double> x;
  // Relative gap between the solution and the bound (0 when proven optimal).
  double gap() const;
};

// Solves with CBC; `start` (a feasible solution, e.g. greedy) is given as a MIP start.
MipResult solve_mip(const MipProblem& problem, const std::optional<std::vector<double>>& start,
                    double time_limit_s, int threads = 1);

}  // namespace rz::analysis
