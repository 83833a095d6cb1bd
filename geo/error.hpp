#pragma once
// The two kinds of failure a user can cause, mapped to fixed exit codes by app/main.cpp:
// DataError -> 1 (the input files or the store are wrong), UsageError -> 2 (the command line or
// the project file is wrong). Anything else escaping is a bug.
#include <stdexcept>
#include <string>

namespace rz {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rz
