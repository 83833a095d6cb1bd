#pragma once
// Features an import cannot store as they are. Every rule the importer applies to a feature
// reports here instead of throwing at the first one, so the error lists every bad feature of a
// layer, grouped by rule, with the feature named (fid, its code or id, a CSV line). Without
// --skip-invalid any reject fails the import and the store is left as it was; with it, the
// rejected features are left out and listed in rz_problems (severity "skipped").
#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "geo/store.hpp"

namespace rz::import {

class Rejects {
 public:
  // `rule` groups the message ("invalid value", "outside China"); `feature` names the feature
  // ("feature 12 (code 431024100201)"); `detail` is the cause in words.
  void add(int64_t fid, const std::string& rule, const std::string& feature, std::string detail);
  bool empty() const { return fids_.empty(); }
  bool contains(int64_t fid) const { return fids_.contains(fid); }
  size_t feature_count() const { return fids_.size(); }
  bool has_rule(const std::string& rule) const { return by_rule_.contains(rule); }

  // The error message: "<source>: N feature(s) cannot be imported" and up to `shown` features
  // per rule, then what the user can do (`hint`, e.g. "--repair" for invalid polygons).
  std::string message(const std::string& source, const std::string& hint, size_t shown = 10) const;
  // One line for the import report when the features were skipped.
  std::string skipped_summary() const;
  std::vector<geo::Problem> problems(const std::string& layer) const;

 private:
  struct Entry {
    int64_t fid;
    std::string feature;
    std::string detail;
  };
  std::map<std::string, std::vector<Entry>> by_rule_;
  std::unordered_set<int64_t> fids_;
};

}  // namespace rz::import
