#pragma once
// The county model: filled in turn by the steps (reference, townships, villages, households, grids,
// roads, facilities) and read by the writers.
#include <array>
#include <string>
#include <vector>

#include "data/generator/geometry.hpp"
#include "data/generator/shapes.hpp"

namespace rz::gen {

enum class VType { hub, tidal, basic, hollow };
const char* type_name(VType t);

struct Hamlet {
  Pt c;
  double sigma;   // spread of its houses (m)
  double weight;  // share of the village's households
};

struct Village {
  std::string code;
  std::string name;
  int tw = -1;
  bool community = false;  // 居委会 / 社区 (codes 001-199 and the 400s)
  bool enclave = false;    // mining / tea-farm / development-zone community placed on its own
  Pt seed{};
  geo::Geometry cell;  // Voronoi cell clipped to the township (before the exact rebuild)
  Poly cell_poly;
  Poly inner_poly;     // the cell shrunk by 5 m: households and facilities go here
  geo::Geometry geom;  // final polygon
  Poly poly;

  VType type = VType::basic;
  int households_target = 0;
  int registered = 0;  // 户籍人口
  int resident = 0;    // 常住人口
  int households = 0;  // 户数
  int party = 0;
  int migrants = 0;
  int enterprises = 0;
  double income = 0;  // 万元
  std::array<int, 10> ten{};

  // The village register (村级台账, village_register.xlsx): what the organisation department
  // keeps beside the map.
  int out_commuters = 0;             // 到外村务工: residents working in other villages
  bool demonstration_point = false;  // 示范点
  bool video_platform = false;       // 党建视频监管平台
  int weak_organization = 0;         // 六无: 软弱涣散党组织 (0/1)
  int petitions = 0;                 // 六无: 越级上访
  int safety_incidents = 0;          // 六无: 重大安全事故
  int illegal_buildings = 0;         // 六无: 违法建设
  int criminal_cases = 0;            // 六无: 刑事案件
  bool in_register = true;           // false: the register lacks this village (on purpose)

  Pt seat{};  // 村委会
  std::vector<Hamlet> hamlets;
  std::vector<Pt> clusters;  // small scattered groups (散居点) reached by a spur road
  std::vector<int> hh;       // household indices
  std::vector<int> grids;    // grid indices
  bool zone_core = false;
  bool zone_point = false;
};

struct Township {
  std::string code;
  std::string name;
  std::vector<int> villages;
  Pt seed{};
  Pt seat{};
  int seat_village = -1;
  geo::Geometry cell;
  geo::Geometry geom;
};

struct Household {
  Pt p;
  int village;
  int persons;
  int grid = -1;
};

struct Grid {
  int village;
  Pt center;
  geo::Geometry cell;
  geo::Geometry geom;  // final (after the exact rebuild, then the defect if any)
  std::string code;
  std::string name;
  int households = 0;
  int workers = 1;
  bool dropped = false;
  double buffered_m = 0;
};

enum class Grade { national, provincial, county, township, village };
const char* grade_name(Grade g);

struct Road {
  std::vector<Pt> pts;
  Grade grade;
  std::string code;
  std::string name;
  int oneway = 0;
};

struct Facility {
  std::string name;
  std::string type;
  Pt p;
  int village = -1;
  int capacity = -1;  // -1 = null
};

struct County {
  geo::Geometry outline;
  Poly outline_poly;
  Pt county_seat{};
  std::vector<Township> townships;
  std::vector<Village> villages;
  std::vector<Household> households;
  std::vector<Grid> grids;
  std::vector<Road> roads;  // split at nodes
  std::vector<Facility> facilities;
  int zone_core = -1;
  std::vector<int> zone_points;
  std::vector<int> no_grid_villages, gap_villages, overlap_villages;
  std::string fragment_village;
  // The register's row for a code that is no village of the county (on purpose).
  std::string register_unknown_code, register_unknown_name;
  int road_nodes = 0;
  int road_components = 0;
};

}  // namespace rz::gen
