#pragma once
// The exit status and message of a command that failed with an exception: 1 bad data (files,
// store), 2 bad usage (command line, project file), 3 internal error (anything else: a bug).
#include <exception>
#include <string>

namespace rz::app {

constexpr int kExitOk = 0;
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

struct Failure {
  int exit_code = kExitInternal;
  std::string message;  // what stderr says, without the newline
};

Failure failure_of(std::exception_ptr error);

}  // namespace rz::app
