#pragma once
// Features an import cannot store as they are. Every rule the importer applies to a feature
// reports here instead of throwing at the first one, so the error lists every bad feature of a
// layer, grouped by rule, with the feature named (fid, its code or id, a CSV line). Without
// --skip-invalid any reject fails the import and the store is left as it was; with it, the
// rejected features are left out and listed in rz_problems (severity "skipped").
//
// Features are read in order, so a feature's rejects come one after another: counting features
// needs no set. Only what the message shows is kept unless every entry is needed (--skip-invalid
// lists them all): a layer in the wrong CRS rejects every one of millions of features.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/store.hpp"

namespace rz::import {

class Rejects {
 public:
  // `keep_all`: keep every entry (for problems()); otherwise the first `kept_per_rule` per rule.
  explicit Rejects(bool keep_all = true, size_t kept_per_rule = 100)
      : keep_all_(keep_all), kept_per_rule_(kept_per_rule) {}

  // `rule` groups the message ("invalid value", "outside China"); `feature` names the feature
  // ("feature 12 (code 431024100201)"); `detail` is the cause in words.
  void add(int64_t fid, const std::string& rule, const std::string& feature, std::string detail);
  bool empty() const { return features_ == 0; }
  size_t feature_count() const { return features_; }
  bool has_rule(const std::string& rule) const { return by_rule_.contains(rule); }

  // The error message: "<source>: N feature(s) cannot be imported" and up to `shown` features
  // per rule, then what the user can do (`hint`, e.g. "--repair" for invalid polygons).
  std::string message(const std::string& source, const std::string& hint, size_t shown = 10) const;
  // One line for the import report when the features were skipped.
  std::string skipped_summary() const;
  // Every entry (construct with keep_all), one problem each.
  std::vector<geo::Problem> problems(const std::string& layer) const;

 private:
  struct Entry {
    int64_t fid;
    std::string feature;
    std::string detail;
  };
  struct Rule {
    size_t count = 0;
    std::vector<Entry> entries;
  };
  bool keep_all_;
  size_t kept_per_rule_;
  std::map<std::string, Rule> by_rule_;
  size_t features_ = 0;
  std::optional<int64_t> last_fid_;
};

}  // namespace rz::import
