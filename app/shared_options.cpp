#include "app/shared_options.hpp"

#include <algorithm>
#include <thread>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::app {

void StoreOption::add(CLI::App& sub, bool create, bool positional) {
  sub.add_option("-s,--store", flag_,
                 create ? "Project store (SpatiaLite file; created if absent)"
                        : "Project store (SpatiaLite file)")
      ->option_text("STORE");
  // Before the registry every command but import took the store as its first argument; that
  // spelling is still accepted, for one release.
  if (positional)
    sub.add_option("store", positional_, "The project store, as -s STORE (accepted for a release)")
        ->option_text("STORE");
}

std::string StoreOption::path() const {
  if (!flag_.empty() && !positional_.empty() && flag_ != positional_)
    throw UsageError(fmt::format(fmt::runtime(tr("two different stores given: --store {} and {}")),
                                 flag_, positional_));
  if (flag_.empty() && positional_.empty()) throw UsageError(tr("--store STORE is required"));
  return flag_.empty() ? positional_ : flag_;
}

void add_project_option(CLI::App& sub, std::string& project, const std::string& help) {
  sub.add_option("-p,--project", project, help)->option_text("PROJECT.toml");
}

void add_threads_option(CLI::App& sub, int& threads) {
  sub.add_option("--threads", threads, "Threads (default: the machine's cores, at most 2)")
      ->check(CLI::PositiveNumber)
      ->option_text("N");
}

int threads_or_default(int threads) {
  if (threads > 0) return threads;
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 2u));
}

}  // namespace rz::app
