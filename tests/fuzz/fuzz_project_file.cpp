// Fuzzes the project-file reader (app/project_file.hpp, app/setting_table.hpp): the TOML parse
// (toml++), the [project], [[layer]] and [export] tables, and every analysis's settings tables
// checked against their declarations ([grids], [reach], [reach.roads], [site], ...).
// Input: the text of a project file, written to a temporary project.toml and read with
// read_project_file and read_settings_file, as `run` and `-p` read it.
// Expected: a ProjectFile, or UsageError (not TOML, an unknown table or key, a value of the
// wrong type or out of range, no [[layer]]). Nothing else is thrown.
#include "app/project_file.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = rz::fuzz::write_temp("project.toml", "");
  rz::fuzz::write_temp("project.toml", rz::fuzz::as_text(data, size));
  rz::fuzz::expect_project_errors([&] {
    const rz::app::ProjectFile project = rz::app::read_project_file(path);
    if (project.layers.empty()) rz::fuzz::fail("a project file without layers was accepted");
  });
  rz::fuzz::expect_project_errors([&] { (void)rz::app::read_settings_file(path); });
  return 0;
}
