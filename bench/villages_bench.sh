#!/usr/bin/env bash
# Village assessment benchmark (issue 18): `ruralzone villages` on generated villages with every
# attribute the assessment reads, timed with GNU time (median of REPEAT runs), and the same type
# rules recomputed in SpatiaLite SQL as a reference and a check (the type counts must agree).
#
#   bench/villages_bench.sh [county|province]        (default county)
#
#   county   =    300 villages (15 townships)
#   province = 20,000 villages (1,000 townships, 67 counties)
#
# The villages are 2 km squares on a lattice, written by awk as a CSV of WKT (EPSG:4546) with the
# sample county's Chinese field names and a Park-Miller generator (the same numbers with any awk),
# turned into a GeoPackage by ogr2ogr and imported once (timed apart). A village's type is drawn
# first (hub 15 %, tidal 30 %, basic 35 %, hollow 20 %) and its numbers follow it as in
# data/generator/attributes.cpp and village_register.cpp; 十好 are 0/1, one village in six is a
# demonstration point, one in ten fails a 六无 condition.
# Environment: BUILD (default build), REPEAT (default 5).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCALE="${1:-county}"
case "$SCALE" in
  county) VILLAGES=300 ;;
  province) VILLAGES=20000 ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "villages_bench.sh: scale must be county or province, not '$SCALE'" >&2
    exit 2
    ;;
esac
BUILD="${BUILD:-build}"
REPEAT="${REPEAT:-5}"
WORK="$ROOT/bench/work"
CSV="$WORK/villages-$SCALE.csv"
GPKG="$WORK/villages-$SCALE.gpkg"
STORE="$WORK/villages-$SCALE.sqlite"
RZ="$BUILD/app/ruralzone"
log() { printf '== %s\n' "$*" >&2; }
for tool in /usr/bin/time ogr2ogr spatialite awk; do
  command -v "$tool" >/dev/null || {
    echo "villages_bench.sh: needs $tool (apt-get install -y time gdal-bin spatialite-bin)" >&2
    exit 1
  }
done
[[ -x $RZ ]] || { echo "villages_bench.sh: no $RZ (build ruralzone, or set BUILD)" >&2; exit 1; }
mkdir -p "$WORK"

# --- data ---------------------------------------------------------------------------------------
if [[ ! -f $GPKG ]]; then
  log "generating $VILLAGES villages"
  awk -v n="$VILLAGES" 'BEGIN {
    seed = 20261202
    OFS = ","
    print "WKT,村代码,村名,户籍人口,常住人口,户数,党员数,外出务工,企业数,集体收入," \
          "领导班子,党员队伍,工作机制,活动阵地,村容村貌,基本保障,产业发展,乡风文明,人才培养,群众评价," \
          "到外村务工,示范点,软弱涣散党组织,越级上访,重大安全事故,违法建设,刑事案件"
    side = int(sqrt(n)) + 1
    for (i = 0; i < n; i++) {
      x0 = 300000 + (i % side) * 2000; y0 = 2500000 + int(i / side) * 2000
      t = int(i / 20); c = int(t / 15)
      code = sprintf("43%02d%02d%03d%03d", 1 + int(c / 30), 1 + c % 30, 100 + t % 15, 200 + i % 20)
      reg = 300 + int(u() * 2500)
      k = u()
      if (k < 0.15)      { rr = 1.05 + 0.4 * u(); ms = 0.03 + 0.05 * u(); ent = 5 + int(u() * 30); inc = 30 + 90 * u(); cs = 0.01 + 0.03 * u(); p = 0.85 }
      else if (k < 0.45) { rr = 0.86 + 0.14 * u(); ms = 0.06 + 0.08 * u(); ent = int(u() * 4); inc = 3 + 22 * u(); cs = 0.25 + 0.2 * u(); p = 0.65 }
      else if (k < 0.80) { rr = 0.75 + 0.18 * u(); ms = 0.10 + 0.12 * u(); ent = 1 + int(u() * 6); inc = (u() < 0.12) ? 0 : 3 + 37 * u(); cs = 0.04 + 0.06 * u(); p = 0.55 }
      else               { rr = 0.32 + 0.23 * u(); ms = (1 - rr) * (0.7 + 0.15 * u()); ent = (u() < 0.1) ? 1 : 0; inc = 0; cs = 0.02 + 0.04 * u(); p = 0.3 }
      res = int(reg * rr + 0.5); hh = int(reg / 3.2)
      goods = ""
      for (g = 0; g < 10; g++) goods = goods "," ((u() < p) ? 1 : 0)
      fail = (u() < 0.1) ? 1 + int(u() * 5) : 0
      printf "\"POLYGON((%d %d,%d %d,%d %d,%d %d,%d %d))\",%s,第%d村,%d,%d,%d,%d,%d,%d,%.2f%s,%d,%d,%d,%d,%d,%d,%d\n",
        x0, y0, x0 + 2000, y0, x0 + 2000, y0 + 2000, x0, y0 + 2000, x0, y0, code, i + 1,
        reg, res, hh, int(reg * 0.04), int(reg * ms + 0.5), ent, inc, goods, int(res * cs + 0.5),
        (u() < 1 / 6) ? 1 : 0, fail == 1, fail == 2, fail == 3, fail == 4, fail == 5
    }
  }
  function u() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }' >"$CSV"
  # Column types, so that codes stay text.
  printf '%s\n' "WKT,String,String$(printf ',Integer%.0s' {1..6}),Real$(printf ',Integer%.0s' {1..17})" \
    >"${CSV%.csv}.csvt"
  ogr2ogr -f GPKG "$GPKG" "$CSV" -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO \
    -a_srs EPSG:4546 -nlt POLYGON -nln villages
fi
if [[ ! -f $STORE ]]; then
  log "importing"
  /usr/bin/time -f 'import: %e s, %M KiB' "$RZ" import "$GPKG" --kind villages -s "$STORE" -q
fi

# --- timing -------------------------------------------------------------------------------------
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
TYPE_SQL="SELECT type, count(*) FROM (SELECT CASE
 WHEN (r < 0.6 OR m >= 0.3) THEN 'hollow' WHEN (r < 0.6 OR m >= 0.3) IS NULL THEN 'unknown'
 WHEN (r >= 1.0 AND e >= 3) THEN 'hub' WHEN (r >= 1.0 AND e >= 3) IS NULL THEN 'unknown'
 WHEN c >= 0.2 THEN 'tidal' WHEN c IS NULL THEN 'unknown' ELSE 'basic' END AS type
 FROM (SELECT 1.0 * resident_population / nullif(population, 0) AS r,
   1.0 * migrant_workers / nullif(population, 0) AS m,
   1.0 * out_commuters / nullif(resident_population, 0) AS c,
   1000.0 * enterprises / nullif(resident_population, 0) AS e FROM villages)) GROUP BY type ORDER BY type"

log "timing ($REPEAT runs each, median)"
run_timed "ruralzone villages" "$RZ" villages -s "$STORE" -q
run_timed "SpatiaLite SQL (types only)" spatialite -silent "$STORE" "$TYPE_SQL"

# --- agreement ----------------------------------------------------------------------------------
ours=$(spatialite -silent "$STORE" "SELECT type, count(*) FROM village_assessment GROUP BY type ORDER BY type")
theirs=$(spatialite -silent "$STORE" "$TYPE_SQL")
if [[ $ours == "$theirs" ]]; then
  log "types agree with SQL: $(echo $ours)"
else
  printf 'villages_bench.sh: the types differ\nruralzone:\n%s\nSQL:\n%s\n' "$ours" "$theirs" >&2
  exit 1
fi
