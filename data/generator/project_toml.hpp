#pragma once
// The text of project.toml, the sample county's project file for the ruralzone tools.

namespace rz::gen {

constexpr const char* kProjectToml =
    R"(# The sample county's project file: what the ruralzone tools read. Paths are relative to it.
[project]
name = "嘉禾县党建引领乡村振兴示范区（样例，合成数据）"
# crs = "EPSG:4546"   # optional; default = the CGCS2000 3-degree GK zone of the data's central longitude

# Township polygons (GeoPackage layer, UTF-8, EPSG:4546).
[[layer]]
kind = "townships"          # townships | villages | village_register | grids | households | facilities | roads | zones
source = "sample.gpkg"
source_layer = "townships"

# Village polygons with population, Party members, collective income and the 十好 standards:
# an agency-style shapefile in GBK without a .cpg.
[[layer]]
kind = "villages"
source = "villages.shp"
encoding = "gbk"            # optional; auto-detected when omitted

# The village register (村级台账) from the organisation department: an Excel sheet keyed by 村代码,
# without geometry, joined into the villages by code (到外村务工, 示范点, 党建视频监管平台, 六无);
# imported right after the villages, whatever its place in this file.
[[layer]]
kind = "village_register"
source = "village_register.xlsx"

# Governance grids (网格), 3-8 per village; has deliberate gaps and overlaps (see README.md).
[[layer]]
kind = "grids"
source = "sample.gpkg"
source_layer = "grids"

# Households as a CSV of web-map coordinates (GCJ-02 lon/lat).
[[layer]]
kind = "households"
source = "households.csv"
crs = "EPSG:4326"           # web maps give WGS84-based lon/lat; a CSV has no CRS of its own
coords = "gcj02"            # wgs84 (default) | gcj02 | bd09

# Service centres, stations and other facilities (RFC 7946 GeoJSON, WGS84).
[[layer]]
kind = "facilities"
source = "facilities.geojson"

# Road network, split at junctions (GeoPackage layer, EPSG:4546).
[[layer]]
kind = "roads"
source = "sample.gpkg"
source_layer = "roads"

# The "1+12" demonstration zone: one core village and 12 demonstration points.
[[layer]]
kind = "zones"
source = "zone_1plus12.csv"

# Grid coverage (ruralzone grids): the households a grid should hold. ruralzone's default band is
# 100-300; this synthetic county's grids are small (about 40 households), so its band is too.
[grids]
households_min = 20
households_max = 100
sliver_m2 = 1.0             # gap and overlap pieces smaller than this are dropped

# The county seat's town grids are denser.
[grids.townships.431024100]
households_min = 30
households_max = 120

# Siting (ruralzone site; also a step of run): where 10 new Party-masses service centers would
# bring the most households within 2 km (MCLP), candidates being the village seats. Try
# objective = "lscp" (fewest new centers reaching everyone) or "pmedian", and by = "road" with
# minutes = 15.
[site]
objective = "mclp"
k = 10
category = "party_service_center"
by = "line"
radius_m = 2000

# Zone design (ruralzone zone design; also a step of run): the 12 members around the zone's core
# 张家村 with the largest score, within 30 road minutes, linked in series, proven optimal. Few of
# this county's villages pass all ten 十好 yet, so the candidates need the infrastructure and the
# collective-income target only; the design's zone check lists the members short of the 十好.
[zone.design]
core = "431024103224"
require_checks = "service_station,party_center,video_platform,collective_income"

# The observation tour (ruralzone zone tour; also a step of run) of the zone layout above, from
# its core, 30 minutes at each point, 8 hours a day.
[zone.tour]
start = "core"
dwell_min = 30
day_hours = 8
)";

}  // namespace rz::gen
