#pragma once
// A demand × candidate cost table the user brings (`site` with a cost matrix, issue 17 item 3):
// network distances or minutes exported from another tool, read instead of computing costs. The
// file's ids are matched to the ids of the demand and candidate layers; every mismatch is listed.
//
// Forms (told apart by the header):
//   long  one row per pair: a demand id column (demand_id, demand, origin_id, origin, from,
//         start_vid, 需求点, 起点, ...), a candidate id column (candidate_id, candidate,
//         destination_id, to, end_vid, 候选点, 终点, ...) and a cost column (cost, agg_cost,
//         费用, 成本, 时间, time, minutes, 距离, distance, ...); header names are matched
//         case-insensitively, other columns are ignored. Two columns that could be the cost
//         (时间 and 距离) are an error: taking the wrong one would give a wrong answer silently.
//   wide  the first column the demand id, then one column per candidate, headed by its id.
// An empty cost cell (either form) is no pair: unreachable. Ids match as text after trimming
// blanks; a number cell (XLSX 12.0), "12.0" and Excel's "4.20115101201E+11" match the ids
// "12" and "420115101201". Costs are read as doubles at full precision, through parse_number
// (full-width digits, thousands separators).
//
// CSV text is decoded like an import's: UTF-8, unless some non-ASCII byte sequence is not valid
// UTF-8, then GBK (as GB18030). Rows are named by their CSV line (quoted line breaks and blank
// lines counted) or spreadsheet row.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rz::analysis {

struct CostMatrix {
  // costs[candidate] = list of (demand index, cost) sorted by demand index; pairs not in the file
  // are absent (unreachable)
  std::vector<std::vector<std::pair<uint32_t, double>>> costs;
  int64_t pairs = 0, missing_pairs = 0;  // pairs read; demand x candidate pairs the file lacks
  std::vector<std::string> warnings;
};

// Reads `path` (CSV, XLSX, ODS: any table GDAL reads; of a workbook, the sheet named costs, cost,
// matrix, 费用 or 成本, else the first, with a warning). `demand_ids` and `candidate_ids` are the
// ids of the demand and candidate layers in their order; an id two points share cannot be matched
// (an error when the file uses it), an empty id never is. Throws DataError naming the file, the
// rows and the causes (up to 10 listed, and the count of each kind): unknown demand or candidate
// ids, duplicate pairs, negative, non-numeric or non-finite costs, rows with the wrong number of
// fields, a header of neither form. Pairs the file lacks are counted in a warning.
CostMatrix read_cost_matrix(const std::string& path, const std::vector<std::string>& demand_ids,
                            const std::vector<std::string>& candidate_ids);

}  // namespace rz::analysis
