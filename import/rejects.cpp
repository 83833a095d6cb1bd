#include "import/rejects.hpp"

#include <fmt/format.h>

#include "geo/messages.hpp"

namespace rz::import {

void Rejects::add(int64_t fid, const std::string& rule, const std::string& feature,
                  std::string detail) {
  if (last_fid_ != fid) ++features_;
  last_fid_ = fid;
  Rule& r = by_rule_[rule];
  ++r.count;
  if (keep_all_ || r.entries.size() < kept_per_rule_)
    r.entries.push_back({fid, feature, std::move(detail)});
}

std::string Rejects::message(const std::string& source, const std::string& hint,
                             size_t shown) const {
  std::string out = fmt::format(
      fmt::runtime(tr("{}: {} feature(s) cannot be imported as they are")), source, features_);
  for (const auto& [rule, r] : by_rule_) {
    out += fmt::format("\n  {} ({}):", rule, r.count);
    for (size_t i = 0; i < r.entries.size() && i < shown; ++i)
      out += fmt::format("\n    {}: {}", r.entries[i].feature, r.entries[i].detail);
    if (r.count > shown)
      out += fmt::format(fmt::runtime(tr("\n    ... and {} more")), r.count - shown);
  }
  out += "\n";
  if (!hint.empty()) out += hint + "; ";
  out +=
      tr("fix the source, or import with --skip-invalid to leave these features out (they are "
         "then listed in rz_problems); nothing was imported");
  return out;
}

std::string Rejects::skipped_summary() const {
  std::string out =
      fmt::format(fmt::runtime(tr("{} feature(s) left out (--skip-invalid):")), features_);
  bool first = true;
  for (const auto& [rule, r] : by_rule_) {
    out += fmt::format("{} {} {}", first ? "" : ";", r.count, rule);
    first = false;
  }
  return out + tr("; `ruralzone info` lists them");
}

std::vector<geo::Problem> Rejects::problems(const std::string& layer) const {
  std::vector<geo::Problem> out;
  for (const auto& [rule, r] : by_rule_)
    for (const auto& e : r.entries)
      out.push_back(
          {layer, e.fid, "skipped", fmt::format("{}: {}: {}", rule, e.feature, e.detail)});
  return out;
}

}  // namespace rz::import
