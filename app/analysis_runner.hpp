#pragma once
// Running analyses of the registry on a store, the same way for an analysis's own command and
// for the main job: say why one is skipped, print what each reports.
#include <optional>
#include <string>

#include "analysis/common/analysis.hpp"

namespace rz::app {

// Why `analysis` cannot run on `store` (a layer kind it needs is missing, or its own check
// says no); nullopt when it can.
std::optional<std::string> why_not_runnable(const analysis::Analysis& analysis,
                                            const analysis::SettingValues& values,
                                            geo::Store& store, const analysis::RunContext& context);

// Runs it and prints its report (warnings on stderr; the summary unless `quiet`).
void run_and_report(const analysis::Analysis& analysis, const analysis::SettingValues& values,
                    geo::Store& store, const analysis::RunContext& context, bool quiet);

// The analysis's report lists of names (geo/report_spec.hpp name_list) from the store, the first
// names of each: "没有任何网格的村（2）: 丙穴居委会（珠泉镇）、…".
void print_named(const analysis::Analysis& analysis, geo::Store& store);

// "skipped siting: why" on stdout, unless `quiet`.
void report_skipped(const analysis::Analysis& analysis, const std::string& why, bool quiet);

}  // namespace rz::app
