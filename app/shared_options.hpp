#pragma once
// The option groups every command that has them declares the same way: the project store
// (-s/--store, with the positional STORE of earlier releases still accepted), the project file
// (-p/--project) and the threads (--threads). --quiet is declared by main.cpp for all.
#include <CLI/CLI.hpp>

#include <string>

namespace rz::app {

class StoreOption {
 public:
  // `create`: the command creates the store when it is absent (help says so). `positional`:
  // the store may also be the first argument, as before the registry (for one release).
  void add(CLI::App& sub, bool create = false, bool positional = true);
  // The store path; UsageError when it is missing or given twice differently.
  std::string path() const;

 private:
  std::string flag_, positional_;
};

void add_project_option(CLI::App& sub, std::string& project, const std::string& help);
void add_threads_option(CLI::App& sub, int& threads);
// --threads as given, or the machine's cores, at most 2 (what the project is sized for).
int threads_or_default(int threads);

}  // namespace rz::app
