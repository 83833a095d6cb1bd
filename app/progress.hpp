#pragma once
// A one-line progress display on stderr, shown only when stderr is a terminal and --quiet is off,
// so logs and pipes never fill with carriage returns.
#include <string>

namespace rz::app {

class Progress {
 public:
  Progress(std::string label, bool quiet);
  ~Progress();
  void update(double fraction);
  void done();

 private:
  std::string label_;
  bool enabled_;
  int last_percent_ = -1;
};

}  // namespace rz::app
