#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "geo/store.hpp"
#include "import/importer.hpp"

namespace rz::fuzz {

namespace fs = std::filesystem;

namespace {
struct TempDir {
  std::string path;
  TempDir() {
    const char* env = std::getenv("TMPDIR");
    fs::path base = env && *env ? fs::path(env) : fs::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    path = (base / fmt::format("rz-fuzz-{}", ::getpid())).string();
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};
}  // namespace

const std::string& temp_dir() {
  static TempDir dir;
  return dir.path;
}

std::string write_temp(const std::string& name, std::string_view bytes) {
  std::string path = (fs::path(temp_dir()) / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) fail("cannot write " + path);
  return path;
}

void fail(std::string_view what) {
  std::fprintf(stderr, "\n== rz fuzz: BUG: %.*s\n", static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  std::abort();
}

void note(std::string_view what) {
  static const bool verbose = std::getenv("RZ_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "rz fuzz: %.*s\n", static_cast<int>(what.size()), what.data());
}

void fail_exception(const std::exception& e) {
  fail(fmt::format("unexpected exception {}: {}", typeid(e).name(), e.what()));
}

void import_households(const std::string& path, int coords) {
  static const std::string empty_store = [] {
    std::string p = (fs::path(temp_dir()) / "empty.sqlite").string();
    (void)geo::Store::open(p, true);
    return p;
  }();
  const std::string store_path = (fs::path(temp_dir()) / "store.sqlite").string();
  fs::copy_file(empty_store, store_path, fs::copy_options::overwrite_existing);
  expect_project_errors([&] {
    geo::Store store = geo::Store::open(store_path, false);
    import::ImportOptions options;
    options.kind = import::LayerKind::households;
    options.source = path;
    options.coords = coords == 1   ? geo::WebCoords::gcj02
                     : coords == 2 ? geo::WebCoords::bd09
                                   : geo::WebCoords::wgs84;
    const import::ImportReport report = import::import_layer(store, options);
    if (report.features < 0) fail("a negative feature count");
    note(fmt::format("imported {} feature(s), {} warning(s)", report.features,
                     report.warnings.size()));
  });
}

}  // namespace rz::fuzz
