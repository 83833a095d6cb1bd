#pragma once
// Shared by the libFuzzer targets: a private temporary folder and the rule on exceptions. The
// project's own failures (rz::DataError: bad input; rz::UsageError: bad options or project file,
// geo/error.hpp) are expected outcomes of a fuzzed input; any other exception escaping is a bug
// and aborts, so that libFuzzer records the input as a crash.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "geo/error.hpp"

namespace rz::fuzz {

// This process's temporary folder (under $TMPDIR, else /dev/shm or /tmp), removed at exit.
const std::string& temp_dir();
// Writes `bytes` to temp_dir()/name and returns the path.
std::string write_temp(const std::string& name, std::string_view bytes);
// Prints the message and aborts (a bug found: libFuzzer keeps the input as a crash).
[[noreturn]] void fail(std::string_view what);
[[noreturn]] void fail_exception(const std::exception& e);
// With RZ_FUZZ_VERBOSE set, prints an expected outcome (to check what the seeds reach).
void note(std::string_view what);

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `f`; DataError and UsageError are expected outcomes, any other exception is a bug.
template <class F>
void expect_project_errors(F&& f) {
  try {
    f();
  } catch (const rz::DataError& e) {
    note(std::string("DataError: ") + e.what());
  } catch (const rz::UsageError& e) {
    note(std::string("UsageError: ") + e.what());
  } catch (const std::exception& e) {
    fail_exception(e);
  } catch (...) {
    fail("an exception that is not a std::exception escaped");
  }
}

}  // namespace rz::fuzz

namespace rz::fuzz {

// Imports the table at `path` as households into a fresh store (a copy of an empty store made
// once per process), with web-map coordinates `coords` (0 wgs84, 1 gcj02, 2 bd09). DataError and
// UsageError are expected; any other exception is a bug.
void import_households(const std::string& path, int coords);

}  // namespace rz::fuzz
