#pragma once
// What the console report and README.md both say about the county: the counts, and the defects
// placed on purpose.
#include <map>
#include <string>
#include <vector>

#include "data/generator/model.hpp"

namespace rz::gen {

// "石丘村（431024…，珠泉镇）"
std::string village_label(const County& c, int vi);

struct Summary {
  std::map<std::string, int> facilities_by_type;
  std::map<std::string, int> villages_by_type;
  std::map<std::string, int> roads_by_grade;
  int grids_written = 0;
  int persons = 0;
  int stations_missing = 0;
  std::vector<std::string> zone_without_station;
  std::vector<std::string> zone_missing_goods;
  std::vector<std::string> shell_villages;  // no collective income
  int demonstration_points = 0;             // in the register
  int video_platform = 0;
};

Summary summarize(const County& c);
// The defects as a Markdown list.
std::string defects_text(const County& c);

}  // namespace rz::gen
