#pragma once
// Shared helpers for the tests: scratch folders, running the real binary, hashing files.
#include <filesystem>
#include <string>

namespace rz::test {

// A fresh empty folder under the build tree's temp area, removed at destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the ruralzone binary with `args` (a shell-quoted string) from `cwd`.
CommandResult run_ruralzone(const std::string& args, const std::string& cwd = ".");
// Runs any shell command, capturing both streams.
CommandResult run_shell(const std::string& command);

std::string source_dir();
// A file of the committed sample county (data/sample-county/<name>).
std::string sample_file(const std::string& name);
std::string read_file(const std::string& path);
std::string file_sha256(const std::string& path);

}  // namespace rz::test
