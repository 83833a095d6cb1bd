#!/usr/bin/env bash
# Grid coverage benchmark: `ruralzone grids` vs the same computation in SpatiaLite SQL and in
# PostGIS SQL, on the same generated files, with a check that all three agree.
#
#   bench/grid_bench.sh [county|province|national-sample]        (default county)
#
#   county          =    300 villages,   ~1,500 grids,     ~75,000 households
#   province        = 20,000 villages,  ~99,000 grids,  ~5,000,000 households
#   national-sample = 60,000 villages, ~296,000 grids, ~15,000,000 households (an eighth of
#                     China's villages; the references then take many minutes)
#
# Generates bench/work/grids-<scale>.gpkg once (rz-bench-gen-grids), loads it into each tool
# (timed apart: "load"), then times the analysis alone ("analysis": households per grid and per
# village, households in no grid and in several, gaps, overlaps, grid area outside its village)
# with GNU time. ruralzone's analysis time includes reading everything from its store. PostgreSQL
# runs in a private cluster on a unix socket under bench/work/pg, stopped on exit.
# Environment: BUILD (default build), PG_PORT (default 54329), REFERENCES (default 1; 0 times
# ruralzone alone, for comparing two builds of it). See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCALE="${1:-county}"
case "$SCALE" in
  county) VILLAGES=300 ;;
  province) VILLAGES=20000 ;;
  national-sample) VILLAGES=60000 ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "grid_bench.sh: scale must be county, province or national-sample, not '$SCALE'" >&2
    exit 2
    ;;
esac
BUILD="${BUILD:-build}"
PG_PORT="${PG_PORT:-54329}"
WORK="$ROOT/bench/work"
INPUT="$WORK/grids-$SCALE.gpkg"
PG_DIR="$WORK/pg"
PG_DATA="$PG_DIR/data"
PG_BIN=/usr/lib/postgresql/15/bin
RZ="$BUILD/app/ruralzone"
log() { printf '== %s\n' "$*" >&2; }

# --- packages and binaries ---------------------------------------------------------------------
if ! [[ -x $PG_BIN/initdb && -f /usr/share/postgresql/15/extension/postgis.control && -x /usr/bin/time ]] ||
  ! command -v spatialite >/dev/null || ! command -v ogr2ogr >/dev/null; then
  if ((EUID != 0)); then
    echo "grid_bench.sh: as root: apt-get install -y postgresql-15 postgresql-15-postgis-3 time gdal-bin spatialite-bin sqlite3" >&2
    exit 1
  fi
  log "installing PostgreSQL, PostGIS, GNU time, GDAL and SpatiaLite tools"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y postgresql-15 postgresql-15-postgis-3 time gdal-bin spatialite-bin sqlite3 ||
    { apt-get update && apt-get install -y postgresql-15 postgresql-15-postgis-3 time gdal-bin spatialite-bin sqlite3; }
fi
if [[ ! -x $RZ || ! -x $BUILD/bench/rz-bench-gen-grids ]]; then
  [[ -f $BUILD/CMakeCache.txt ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$BUILD" --target ruralzone rz-bench-gen-grids
fi

mkdir -p "$WORK"
if [[ ! -f $INPUT ]]; then
  log "generating $INPUT ($VILLAGES villages)"
  "$BUILD/bench/rz-bench-gen-grids" --villages "$VILLAGES" --out "$INPUT"
fi
cat "$INPUT" >/dev/null # into the page cache for everyone

declare -A LOAD=() WALL=() RSS=() RESULT=()
# timed VAR NAME CMD...: GNU time of CMD into VAR[NAME] (wall s) and RSS[NAME] (MiB).
timed() {
  local var="$1" name="$2"
  shift 2
  local tfile="$WORK/$name.$var.time"
  log "$name ($var): $*"
  if ! /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$WORK/$name.$var.log" 2>&1; then
    tail -n 20 "$WORK/$name.$var.log" >&2
    echo "FAIL: $name $var, see bench/work/$name.$var.log" >&2
    exit 1
  fi
  local wall kib
  read -r wall kib <"$tfile"
  if [[ $var == load ]]; then LOAD[$name]=$wall; else
    WALL[$name]=$wall
    RSS[$name]=$((kib / 1024))
  fi
}

# --- ruralzone ---------------------------------------------------------------------------------
RZ_STORE="$WORK/grids-rz.sqlite"
rm -f "$RZ_STORE"
timed load ruralzone bash -c 'for layer in villages grids households; do
    "$0" import "$1" --source-layer "$layer" --kind "$layer" --store "$2" --quiet || exit 1
  done' "$RZ" "$INPUT" "$RZ_STORE"
timed analysis ruralzone "$RZ" grids "$RZ_STORE" --quiet
RESULT[ruralzone]="$(sqlite3 -separator ' ' "$RZ_STORE" "SELECT (SELECT count(*) FROM grid_households_none),
  (SELECT count(*) FROM grid_households_several), (SELECT round(coalesce(sum(area_m2),0)) FROM grid_gaps),
  (SELECT round(coalesce(sum(area_m2),0)) FROM grid_overlaps), (SELECT round(coalesce(sum(area_m2),0)) FROM grid_outside)")"
sqlite3 "$RZ_STORE" "SELECT code || '|' || households FROM grid_load ORDER BY code" >"$WORK/grid-households.ruralzone"

if [[ ${REFERENCES:-1} == 0 ]]; then
  printf '\nGrid coverage, %s scale, ruralzone alone (%s): load %s s, analysis %s s, peak RSS %s MiB\n' \
    "$SCALE" "$RZ" "${LOAD[ruralzone]}" "${WALL[ruralzone]}" "${RSS[ruralzone]}"
  printf 'in no grid / several / gap m² / overlap m² / outside m²: %s\n' "${RESULT[ruralzone]}"
  exit 0
fi

# --- SpatiaLite --------------------------------------------------------------------------------
SL_DB="$WORK/grids-spatialite.sqlite"
rm -f "$SL_DB"
timed load spatialite ogr2ogr -f SQLite -dsco SPATIALITE=YES -lco GEOMETRY_NAME=geom "$SL_DB" "$INPUT"
timed analysis spatialite sh -c "spatialite -silent '$SL_DB' < '$ROOT/bench/grid_coverage_spatialite.sql'"
RESULT[spatialite]="$(awk -F'|' '/^RESULT/ { printf "%s %s %.0f %.0f %.0f", $2, $3, $4, $5, $6 }' "$WORK/spatialite.analysis.log")"
sqlite3 "$SL_DB" "SELECT code || '|' || households FROM q_grid_households ORDER BY code" >"$WORK/grid-households.spatialite"

# --- PostGIS in a private cluster --------------------------------------------------------------
as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  [[ -f $PG_DATA/postmaster.pid ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop_pg EXIT
stop_pg
rm -rf "$PG_DIR"
mkdir -p "$PG_DIR"
((EUID == 0)) && chown postgres: "$PG_DIR"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log"
printf "listen_addresses = ''\nport = %s\nunix_socket_directories = '%s'\n" "$PG_PORT" "$PG_DIR" >>"$PG_DATA/postgresql.conf"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w start >/dev/null
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres "$@"; }
psql_q -d postgres -c "CREATE DATABASE rzbench"
psql_q -d rzbench -c "CREATE EXTENSION postgis"
timed load postgis ogr2ogr -f PostgreSQL PG:"host=$PG_DIR port=$PG_PORT dbname=rzbench user=postgres" \
  "$INPUT" -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST
psql_q -d rzbench -c "VACUUM ANALYZE"
timed analysis postgis psql -X -q -v ON_ERROR_STOP=1 -At -F'|' -h "$PG_DIR" -p "$PG_PORT" -U postgres \
  -d rzbench -f "$ROOT/bench/grid_coverage_postgis.sql"
RESULT[postgis]="$(awk -F'|' '/^RESULT/ { printf "%s %s %.0f %.0f %.0f", $2, $3, $4, $5, $6 }' "$WORK/postgis.analysis.log")"
# The server backend did the work: its peak RSS, not psql's.
RSS[postgis]=$(($(awk -F'|' '/^VMHWM/ { print $2 }' "$WORK/postgis.analysis.log") / 1024))
psql_q -d rzbench -At -c "SELECT code || '|' || households FROM q_grid_households ORDER BY code" |
  LC_ALL=C sort >"$WORK/grid-households.postgis"
stop_pg

# --- agreement and report ----------------------------------------------------------------------
FAILED=0
agree() { # agree NAME: counts equal, areas within 0.1 % + 1 m² per village
  local name="$1"
  read -r n1 s1 g1 o1 x1 <<<"${RESULT[ruralzone]}"
  read -r n2 s2 g2 o2 x2 <<<"${RESULT[$name]}"
  local areas_ok
  areas_ok=$(awk -v a="$g1 $o1 $x1" -v b="$g2 $o2 $x2" -v v="$VILLAGES" 'BEGIN {
    split(a, x, " "); split(b, y, " "); ok = 1
    for (i = 1; i <= 3; i++) { d = x[i] - y[i]; if (d < 0) d = -d; if (d > x[i] * 0.001 + v) ok = 0 }
    print ok }')
  if [[ $n1 == "$n2" && $s1 == "$s2" && $areas_ok == 1 ]] &&
    LC_ALL=C cmp -s <(LC_ALL=C sort "$WORK/grid-households.ruralzone") <(LC_ALL=C sort "$WORK/grid-households.$name"); then
    echo yes
  else
    echo NO
    FAILED=1
  fi
}
AGREE_SL=$(agree spatialite)
AGREE_PG=$(agree postgis)
printf '\nGrid coverage, %s scale: %s (%s MiB), %s cores\n\n' "$SCALE" "bench/work/${INPUT##*/}" "$(du -m "$INPUT" | cut -f1)" "$(nproc)"
printf '| %-10s | %8s | %12s | %14s | %-44s | %s |\n' tool 'load (s)' 'analysis (s)' 'peak RSS (MiB)' 'in no grid / several / gap m² / overlap m² / outside m²' 'agrees'
printf '|%s|%s|%s|%s|%s|%s|\n' ------------ ---------: -------------: ---------------: ---------------------------------------------- ---
printf '| %-10s | %8s | %12s | %14s | %-44s | %s |\n' ruralzone "${LOAD[ruralzone]}" "${WALL[ruralzone]}" "${RSS[ruralzone]}" "${RESULT[ruralzone]}" '-'
printf '| %-10s | %8s | %12s | %14s | %-44s | %s |\n' spatialite "${LOAD[spatialite]}" "${WALL[spatialite]}" "${RSS[spatialite]}" "${RESULT[spatialite]}" "$AGREE_SL"
printf '| %-10s | %8s | %12s | %14s | %-44s | %s |\n' postgis "${LOAD[postgis]}" "${WALL[postgis]}" "${RSS[postgis]}" "${RESULT[postgis]}" "$AGREE_PG"
printf '\nagrees: same households in no grid and in several, the same households in every grid, and\n'
printf 'gap/overlap/outside areas within 0.1 %% + 1 m² per village. PostGIS RSS is its server backend.\n'
exit "$FAILED"
