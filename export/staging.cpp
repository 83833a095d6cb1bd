#include "export/staging.hpp"

#include <unistd.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> temporaries(const Staging::Set& set) {
  std::vector<std::string> out;
  std::error_code ec;
  std::string prefix = set.temp_prefix + ".";
  for (fs::directory_iterator it(set.dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void remove_temporaries(const Staging::Set& set) {
  for (const auto& name : temporaries(set)) {
    std::error_code ec;
    fs::remove(set.dir / name, ec);
  }
}

}  // namespace

Staging::~Staging() {
  if (!committed_) discard();
}

const Staging::Set& Staging::add(Set set) {
  remove_temporaries(set);  // a leftover from a crashed run that had our pid
  sets_.push_back(std::move(set));
  return sets_.back();
}

void Staging::commit() {
  for (const auto& set : sets_) {
    std::set<std::string> installed;
    for (const auto& name : temporaries(set)) {
      fs::path from = set.dir / name;
      fs::path to;
      if (!set.single_temp.empty()) {
        if (name != set.single_temp) {  // e.g. a journal GDAL left behind: not part of the output
          std::error_code ec;
          fs::remove(from, ec);
          continue;
        }
        to = set.single_target;
      } else {
        to = set.dir / (set.final_stem + name.substr(set.temp_prefix.size()));
      }
      std::error_code ec;
      fs::rename(from, to, ec);
      if (ec)
        throw DataError(fmt::format("cannot move {} into place as {}: {}", from.string(),
                                    to.string(), ec.message()));
      installed.insert(to.filename().string());
    }
    for (const auto& suffix : set.stale_suffixes) {
      std::string name = set.final_stem + suffix;
      if (installed.count(name)) continue;
      std::error_code ec;
      fs::remove(set.dir / name, ec);
    }
  }
  committed_ = true;
}

void Staging::discard() {
  for (const auto& set : sets_) remove_temporaries(set);
  if (!created_dir_.empty()) {
    std::error_code ec;
    if (fs::is_empty(created_dir_, ec) && !ec) fs::remove(created_dir_, ec);
  }
}

std::string temp_prefix(const std::string& stem) {
  return fmt::format(".{}.tmp-{}", stem, static_cast<long>(::getpid()));
}

}  // namespace rz::exporting
