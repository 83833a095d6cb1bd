#pragma once
// A small RAII front to CBC's C API (coinor-libcbc-dev) for the exact optima of the siting
// problems. Time limits are in elapsed (wall) seconds, and a result says whether a solution was
// found at all: CBC reports an objective of 1e50 when it has none, so that number is never
// taken for an answer.
#include <optional>
#include <vector>

namespace rz::analysis {

using MipRow = std::vector<std::pair<int, double>>;  // sparse: (column, coefficient)
constexpr double kMipFree = 1e30;                    // an absent row bound

struct MipProblem {
  bool maximise = true;
  std::vector<double> objective;             // per column
  std::vector<double> col_lower, col_upper;  // per column
  std::vector<bool> integer;                 // per column
  std::vector<MipRow> rows;
  std::vector<double> row_lower, row_upper;  // per row

  // Appends a column; returns its index.
  int add_column(double cost, double lower, double upper, bool is_integer);
  void add_row(MipRow row, double lower, double upper);
  // Capacity rows of siting models: for each site with a finite capacity and some load,
  // load <= capacity x open, where sites below `candidates` open with column s and later sites
  // (existing facilities) are always open.
  void add_capacity_rows(std::vector<MipRow> load_of_site, const std::vector<double>& capacity,
                         size_t candidates);
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
