#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "geo/sha256.hpp"

namespace rz::test {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("rz-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult run_shell(const std::string& command) {
  ScratchDir tmp;
  std::string out = tmp / "stdout", err = tmp / "stderr";
  std::string full = "(" + command + ") >" + out + " 2>" + err + " </dev/null";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

CommandResult run_ruralzone(const std::string& args, const std::string& cwd) {
  return run_shell("cd '" + cwd + "' && '" + std::string(RZ_BINARY) + "' " + args);
}

std::string source_dir() {
  return RZ_SOURCE_DIR;
}

std::string file_sha256(const std::string& path) {
  return geo::sha256_file(path);
}

std::string sample_file(const std::string& name) {
  return source_dir() + "/data/sample-county/" + name;
}

}  // namespace rz::test
