// ruralzone report: the planner's report (HTML and PDF), the workbook and the web map of the
// analyses that have run, in Chinese, English or both.
#include <filesystem>

#include "app/command.hpp"
#include "app/report_outputs.hpp"
#include "app/shared_options.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

class ReportCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    store_option_.add(sub);
    sub.add_option("-o,--output", folder_,
                   "Folder receiving ruralzone-report.html, ruralzone-report.pdf, "
                   "ruralzone-tables.xlsx and ruralzone-map.html (made when missing)")
        ->required();
    sub.add_flag("--overwrite", overwrite_,
                 "Replace existing files that are not previous ruralzone outputs");
    add_household_rows_option(sub, household_rows_);
  }

  int run(const GlobalOptions& global) override {
    auto store = geo::Store::open(store_option_.path(), false);
    std::filesystem::create_directories(folder_);
    ReportOutputsOptions options;
    options.folder = folder_;
    options.language = output_language(global);
    options.overwrite = overwrite_;
    options.household_rows = household_rows_;
    write_report_outputs(store, options, global);
    return 0;
  }

 private:
  StoreOption store_option_;
  std::string folder_;
  bool overwrite_ = false;
  int64_t household_rows_ = exporting::kHouseholdSheetRows;
};

}  // namespace

std::unique_ptr<Command> make_report_command() {
  return std::make_unique<ReportCommand>();
}

}  // namespace rz::app
