#pragma once
// The zone layouts of the store's zones layer (kind zones: 示范区 zone, 村代码 village_code, 村名
// village_name, 角色 role), one per zone name, each with one core (角色 核心村) and its members
// (示范点). A county may have several zones; a village may belong to more than one.
//
// Bad input, all listed at once in one DataError naming the file the layer came from, the zone,
// the row and the village code: a row without zone name or village code; a role that is neither
// core nor member; a zone without a core or with several; a core that is no village of the
// project; a zone with no members; a village listed twice in one zone; unknown village codes.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "geo/store.hpp"

namespace rz::analysis {

struct ZoneLayoutCodes {
  std::string name;
  std::string core;                  // village code
  std::vector<std::string> members;  // village codes, in row order
  // A name the layer gives that differs from the village's: (code, the layer's name).
  std::vector<std::pair<std::string, std::string>> names;
};

// "core" for 核心村 / 核心 / core, "member" for 示范点 / 示范村 / 成员 / member / point; "" else.
std::string zone_role_of(const std::string& role);

// `village_name(code)`: the project village's name, or nullopt when the code is none of them.
std::vector<ZoneLayoutCodes> read_zone_layouts(
    geo::Store& store, const std::string& layer,
    const std::function<std::optional<std::string>(const std::string&)>& village_name);

// Where the layer came from (its import's source path), else the store and the layer's name.
std::string zone_layer_source(geo::Store& store, const std::string& layer);

}  // namespace rz::analysis
