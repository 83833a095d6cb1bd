#pragma once
// Where a county's data can be: inside China. A layer whose CRS label is wrong (degrees labelled
// metres, X and Y swapped, missing locations written as 0, 0) lands far outside it; each feature is
// checked against China's box as it lies in the project CRS, and the first offender's source
// coordinates tell which mistake it is.
#include <string>

namespace rz::import {

// China's lon/lat box, with a margin.
bool fits_china(double lon, double lat);

class ChinaExtent {
 public:
  // The envelope in `project_crs` (a projected CRS definition, "EPSG:4545") of China's box.
  explicit ChinaExtent(const std::string& project_crs);
  bool contains(double x, double y) const {
    return x >= min_x_ && x <= max_x_ && y >= min_y_ && y <= max_y_;
  }
  bool contains(double min_x, double min_y, double max_x, double max_y) const {
    return contains(min_x, min_y) && contains(max_x, max_y);
  }

 private:
  double min_x_, min_y_, max_x_, max_y_;
};

// Why a feature whose first vertex is (x, y) in the source CRS `source_crs` (geographic or not,
// named `crs_label` in messages) lies outside China, in words.
// *swapped (when given) tells whether the cause is that X and Y are swapped.
std::string outside_china_cause(double x, double y, const std::string& source_crs, bool geographic,
                                const std::string& crs_label, bool* swapped = nullptr);

}  // namespace rz::import
