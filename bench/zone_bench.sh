#!/usr/bin/env bash
# Zone benchmark (issue 18): the village assessment, the exact zone design (core given, and core
# chosen too), the zone check of the designed zone and the 13-stop observation tour with days, on
# generated data at county scale and on the sample county; GNU time, median of REPEAT runs.
#
#   bench/zone_bench.sh [county|sample]        (default county)
#
#   county = 300 villages (15 townships) with roads and facilities from rz-bench-gen-grids
#            --with-roads (bench/gen_grid_county.cpp), and a village register written by awk
#            (Park-Miller generator: the same numbers with any awk): population, resident
#            population, migrant workers, out-commuters, enterprises, collective income, the ten
#            十好 standards (each 1 with probability 0.9), the video platform (0.9)
#   sample = the sample county's store from the main job (data/sample-county)
#
# The zone check runs on the designed zone imported as a zone layout (its members CSV), as a
# planner would; the tour starts at the core (12 stops) and from another village (13 stops).
# Environment: BUILD (default build), REPEAT (default 5).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCALE="${1:-county}"
case "$SCALE" in
  county | sample) ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "zone_bench.sh: scale must be county or sample, not '$SCALE'" >&2
    exit 2
    ;;
esac
BUILD="${BUILD:-build}"
REPEAT="${REPEAT:-5}"
WORK="$ROOT/bench/work"
RZ="$BUILD/app/ruralzone"
GEN="$BUILD/bench/rz-bench-gen-grids"
STORE="$WORK/zone-$SCALE.sqlite"
log() { printf '== %s\n' "$*" >&2; }
for tool in /usr/bin/time ogr2ogr spatialite awk; do
  command -v "$tool" >/dev/null || {
    echo "zone_bench.sh: needs $tool (apt-get install -y time gdal-bin spatialite-bin)" >&2
    exit 1
  }
done
[[ -x $RZ ]] || { echo "zone_bench.sh: no $RZ (build ruralzone, or set BUILD)" >&2; exit 1; }
mkdir -p "$WORK"
sql() { spatialite -silent "$STORE" "$1"; }

# --- data ---------------------------------------------------------------------------------------
if [[ $SCALE == sample ]]; then
  log "main job on the sample county"
  rm -rf "$WORK/zone-sample"
  "$RZ" run data/sample-county/project.toml --out "$WORK/zone-sample" -q
  cp "$WORK/zone-sample/project.sqlite" "$STORE"
else
  GPKG="$WORK/zone-county.gpkg"
  [[ -x $GEN ]] || { echo "zone_bench.sh: no $GEN (cmake --build $BUILD --target rz-bench-gen-grids)" >&2; exit 1; }
  if [[ ! -f $GPKG ]]; then
    log "generating 300 villages with roads and facilities"
    "$GEN" --villages 300 --with-roads --out "$GPKG" >/dev/null
  fi
  REGISTER="$WORK/zone-county-register.csv"
  ogr2ogr -f CSV /vsistdout/ "$GPKG" villages -select 村代码 | tail -n +2 | tr -d '"\r' |
    awk 'BEGIN {
      seed = 20261202
      OFS = ","
      print "村代码,户籍人口,常住人口,户数,外出务工,到外村务工,企业数,集体收入," \
            "领导班子,党员队伍,工作机制,活动阵地,村容村貌,基本保障,产业发展,乡风文明,人才培养,群众评价," \
            "党建视频监管平台"
    }
    {
      reg = 300 + int(u() * 2500); k = u()
      if (k < 0.15)      { rr = 1.05 + 0.4 * u(); ms = 0.03 + 0.05 * u(); ent = 5 + int(u() * 30); inc = 30 + 90 * u(); cs = 0.02 }
      else if (k < 0.45) { rr = 0.86 + 0.14 * u(); ms = 0.06 + 0.08 * u(); ent = int(u() * 4); inc = 3 + 22 * u(); cs = 0.25 + 0.2 * u() }
      else if (k < 0.80) { rr = 0.75 + 0.18 * u(); ms = 0.10 + 0.12 * u(); ent = 1 + int(u() * 6); inc = 3 + 37 * u(); cs = 0.05 }
      else               { rr = 0.32 + 0.23 * u(); ms = (1 - rr) * 0.75; ent = 0; inc = 3 + 5 * u(); cs = 0.03 }
      res = int(reg * rr + 0.5)
      goods = ""
      for (g = 0; g < 10; g++) goods = goods "," ((u() < 0.9) ? 1 : 0)
      printf "%s,%d,%d,%d,%d,%d,%d,%.2f%s,%d\n", $1, reg, res, int(reg / 3.2), int(reg * ms + 0.5),
        int(res * cs + 0.5), ent, inc, goods, (u() < 0.9) ? 1 : 0
    }
    function u() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }' >"$REGISTER"
  if [[ ! -f $STORE ]]; then
    log "importing"
    for layer in villages roads facilities; do
      "$RZ" import "$GPKG" --source-layer "$layer" --kind "$layer" -s "$STORE" \
        --project-crs EPSG:4546 -q
    done
    "$RZ" import "$REGISTER" --kind village_register -s "$STORE" -q
  fi
fi

# --- timing -------------------------------------------------------------------------------------
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
LABEL_WIDTH=44

log "timing ($REPEAT runs each, median)"
run_timed "ruralzone villages" "$RZ" villages -s "$STORE" -q
# The core: of the villages with a station that pass the 十好 and the income target, the one
# nearest the middle of the villages' extent.
CORE=$(sql "SELECT v.code FROM villages v JOIN village_assessment a ON a.village_code = v.code,
  (SELECT (MbrMinX(e) + MbrMaxX(e)) / 2 AS x, (MbrMinY(e) + MbrMaxY(e)) / 2 AS y
   FROM (SELECT Extent(geom) AS e FROM villages)) c
  WHERE a.ten_good_pass = 1 AND a.collective_target_met = 1 AND v.video_platform = 1
    AND v.code IN (SELECT village_code FROM facilities WHERE category = 'village_service_station')
  ORDER BY ST_Distance(ST_Centroid(v.geom), MakePoint(c.x, c.y)) LIMIT 1")
# The sample's zone core, and its project's design settings (the infrastructure checks only).
DESIGN=()
if [[ $SCALE == sample ]]; then
  CORE=431024103224
  DESIGN=(-p data/sample-county/project.toml)
fi
run_timed "ruralzone zone design --core $CORE" "$RZ" zone design -s "$STORE" "${DESIGN[@]}" \
  --core "$CORE" -q
sql "SELECT 'design (core given): objective ' || round(objective, 4) || ', greedy ' ||
  round(greedy_objective, 4) || ', proven ' || proven_optimal || ', candidates ' || candidates ||
  ' of ' || villages || ', check_pass ' || check_pass || ', solve ' || round(seconds, 3) || ' s'
  FROM zone_design_summary" >&2
# The designed zone as a zone layout, for the zone check and the tours.
ZONES="$WORK/zone-$SCALE-designed.csv"
{
  echo "示范区,村代码,村名,角色"
  sql "SELECT zone, village_code, village_name, role FROM zone_design_members ORDER BY rank" |
    tr '|' ','
} >"$ZONES"
"$RZ" import "$ZONES" --kind zones -s "$STORE" -q
run_timed "ruralzone zone check (designed zone)" "$RZ" zone check -s "$STORE" -q
sql "SELECT 'zone check: ' || sum(pass) || ' of ' || count(*) || ' checks pass' FROM zone_checks" >&2
run_timed "ruralzone zone tour (12 stops, from the core)" "$RZ" zone tour -s "$STORE" -q
# Another start: the village outside the zone nearest the core.
START=$(sql "SELECT v.code FROM villages v, villages c WHERE c.code = '$CORE' AND v.code NOT IN
  (SELECT village_code FROM zone_design_members) ORDER BY ST_Distance(v.geom, c.geom) LIMIT 1")
run_timed "ruralzone zone tour (13 stops, from $START)" "$RZ" zone tour -s "$STORE" --start "$START" -q
sql "SELECT 'tour (13 stops): ' || days || ' days, ' || round(travel_min, 1) || ' min driving (nearest neighbour ' ||
  nn_days || ' days, ' || round(nn_travel_min, 1) || ' min), proven ' || days_proven ||
  ', searches ' || round(seconds, 4) || ' s' FROM zone_tour_summary" >&2
# Every village a candidate (no per-village check required): the larger model.
run_timed "zone design --core, --require-checks none" "$RZ" zone design -s "$STORE" --core "$CORE" \
  --require-checks none -q
sql "SELECT 'design (core given, all candidates): objective ' || round(objective, 4) || ', greedy ' ||
  round(greedy_objective, 4) || ', proven ' || proven_optimal || ', candidates ' || candidates ||
  ', solve ' || round(seconds, 3) || ' s' FROM zone_design_summary" >&2
REPEAT=1 run_timed "zone design (core chosen), --require-checks none" "$RZ" zone design -s "$STORE" \
  --require-checks none --time-limit-s 60 -q
sql "SELECT 'design (core chosen, all candidates): core ' || core_code || ', objective ' ||
  round(objective, 4) || ', bound ' || round(bound, 4) || ', proven ' || proven_optimal ||
  ', solve ' || round(seconds, 2) || ' s' FROM zone_design_summary" >&2
REPEAT=1 run_timed "ruralzone zone design (core chosen, 60 s cap)" "$RZ" zone design -s "$STORE" \
  "${DESIGN[@]}" --core "" --time-limit-s 60 -q
sql "SELECT 'design (core chosen): core ' || core_code || ', objective ' || round(objective, 4) ||
  ', bound ' || round(bound, 4) || ', proven ' || proven_optimal || ', solve ' || round(seconds, 2) || ' s'
  FROM zone_design_summary" >&2
