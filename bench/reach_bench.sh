#!/usr/bin/env bash
# Service reach and siting benchmark (issue 5): `ruralzone reach` and `ruralzone site` against the
# same computations in PostGIS SQL, PostGIS + pgRouting, and PuLP + CBC, on the same generated
# file, with a check that the answers agree.
#
#   bench/reach_bench.sh [county|province]        (default county)
#
#   county   =    300 villages,  ~1,400 road nodes,    ~72,000 households
#   province = 20,000 villages, ~99,500 road nodes, ~5,000,000 households (PuLP gets 30 minutes)
#
# Generates bench/work/reach-<scale>.gpkg once (rz-bench-gen-grids --with-roads: villages,
# households, roads, facilities), loads it into ruralzone's store and into PostGIS (timed apart:
# "load"), then times each analysis alone with GNU time:
#   straight  ruralzone reach -t party_service_center=2000 --no-roads --no-households --no-areas
#             (the summaries: villages, townships, county)  vs  PostGIS SQL (ST_DWithin through
#             GiST, KNN <-> from each village seat; counts only), and the full job (with the layer of households beyond)
#             vs the same SQL writing ruralzone's outputs as tables ("straight (same outputs)":
#             households beyond with nearest center by KNN, villages, townships, county,
#             dissolved service areas); and, as the floor under both, the sqlite3 shell
#             loading mod_spatialite on the store and counting the villages
#   roads     ruralzone reach -t party_service_center=2000 --roads-only  vs  PostGIS + pgRouting
#             (KNN snapping to vertices, pgr_drivingDistance from a virtual super-source)
#   siting    ruralzone site --objective mclp -k 10 --radius 2000        vs  bench/mclp_pulp.py
#             (coverage pairs from PostGIS, MCLP in PuLP, solved by CBC); agreement: the
#             objective_value of ruralzone's site_summary equals PuLP's objective
# PostgreSQL runs in a private cluster on a unix socket under bench/work/pg-reach (its own, so
# that other benchmarks can run meanwhile), stopped on exit.
# Environment: BUILD (default build), PG_PORT (default 54331), K (10), RADIUS (2000),
# PULP_TIMEOUT (seconds; default 1800 at province scale, none at county), REPEAT (runs of the
# straight-line summaries, the floor and the count-only SQL, their median reported; default 5 at
# county scale, 1 at province), REFERENCES (default 1; 0 times ruralzone alone, for comparing two
# builds of it). See bench/README.md.
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
    echo "reach_bench.sh: scale must be county or province, not '$SCALE'" >&2
    exit 2
    ;;
esac
BUILD="${BUILD:-build}"
PG_PORT="${PG_PORT:-54331}"
K="${K:-10}"
RADIUS="${RADIUS:-2000}"
if [[ $SCALE == province ]]; then PULP_TIMEOUT="${PULP_TIMEOUT:-1800}"; else PULP_TIMEOUT="${PULP_TIMEOUT:-0}"; fi
if [[ $SCALE == province ]]; then REPEAT="${REPEAT:-1}"; else REPEAT="${REPEAT:-5}"; fi
WORK="$ROOT/bench/work"
INPUT="$WORK/reach-$SCALE.gpkg"
PG_DIR="$WORK/pg-reach"
PG_DATA="$PG_DIR/data"
PG_BIN=/usr/lib/postgresql/15/bin
RZ="$BUILD/app/ruralzone"
GEN="$BUILD/bench/rz-bench-gen-grids"
PY=/usr/bin/python3 # Debian's, which has python3-pulp and python3-psycopg2 (not a pyenv one)
log() { printf '== %s\n' "$*" >&2; }

# --- packages and binaries ---------------------------------------------------------------------
PACKAGES=(postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting python3-pulp
  python3-psycopg2 coinor-cbc time gdal-bin sqlite3)
if ! [[ -x $PG_BIN/initdb && -f /usr/share/postgresql/15/extension/postgis.control &&
  -f /usr/share/postgresql/15/extension/pgrouting.control && -x /usr/bin/time && -x /usr/bin/cbc ]] ||
  ! command -v ogr2ogr >/dev/null || ! command -v sqlite3 >/dev/null ||
  ! "$PY" -c 'import pulp, psycopg2' 2>/dev/null; then
  if ((EUID != 0)); then
    echo "reach_bench.sh: as root: apt-get install -y ${PACKAGES[*]}" >&2
    exit 1
  fi
  log "installing PostgreSQL, PostGIS, pgRouting, PuLP, psycopg2, CBC, GNU time, GDAL tools"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${PACKAGES[@]}" || { apt-get update && apt-get install -y "${PACKAGES[@]}"; }
fi
# A generator built before --with-roads existed does not list it in its usage line.
if [[ ! -x $RZ || ! -x $GEN ]] || ! { "$GEN" 2>&1 || true; } | grep -q -- --with-roads; then
  [[ -f $BUILD/CMakeCache.txt ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$BUILD" --target ruralzone rz-bench-gen-grids
fi

mkdir -p "$WORK"
if [[ ! -f $INPUT ]]; then
  log "generating $INPUT ($VILLAGES villages, with roads and facilities)"
  "$GEN" --villages "$VILLAGES" --out "$INPUT" --with-roads | tee "$WORK/reach-$SCALE.gen.log"
fi
cat "$INPUT" >/dev/null # into the page cache for everyone

declare -A WALL=() RSS=() RESULT=()
# timed KEY CMD...: wall time of CMD into WALL[KEY] (s, to the millisecond: GNU time's own
# %e has two decimals, a quarter of a 0.04 s job) and GNU time's peak RSS into RSS[KEY] (MiB);
# output in bench/work/reach.KEY.log. Returns CMD's status if it is 124 (timeout's), fails
# otherwise.
timed() {
  local key="$1"
  shift
  local tfile="$WORK/reach.$key.time" status=0 start end
  log "$key: $*"
  # Writes of the steps before (the store copied back, a table loaded) are flushed first: their
  # writeback would run during the timed command and cost it some 5 ms at county scale.
  sync
  # bash's clock, not date(1): a process started around the command would count a few ms.
  start=$EPOCHREALTIME
  /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$WORK/reach.$key.log" 2>&1 || status=$?
  end=$EPOCHREALTIME
  WALL[$key]="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
  if ((status == 124)); then
    return 124
  elif ((status != 0)); then
    tail -n 20 "$WORK/reach.$key.log" >&2
    echo "FAIL: $key, see bench/work/reach.$key.log" >&2
    exit 1
  fi
  local kib
  read -r _ kib < <(tail -n 1 "$tfile")
  RSS[$key]=$((kib / 1024))
}
# median_of KEY N: WALL[KEY] = the median of WALL[KEY.1] .. WALL[KEY.N], RSS[KEY] the largest
# (jobs of a few hundredths of a second are timed REPEAT times: one run is mostly noise).
median_of() {
  local key="$1" n="$2" i
  WALL[$key]="$(for ((i = 1; i <= n; i++)); do echo "${WALL[$key.$i]}"; done | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  RSS[$key]="$(for ((i = 1; i <= n; i++)); do echo "${RSS[$key.$i]}"; done | sort -n | tail -n 1)"
}

# --- ruralzone: load, straight-line and road reach -----------------------------------------------
RZ_STORE="$WORK/reach-$SCALE-rz.sqlite"
rm -f "$RZ_STORE"
# The store keeps the file's EPSG:4546, as PostGIS does: by default ruralzone would pick the
# Gauss-Krüger zone of the data's central longitude (CM 108°E at county scale, as the lattice
# starts 200 km west of 111°E), and distances and seats would differ by the two projections.
# shellcheck disable=SC2016 # $0..$2 are the inner shell's arguments
timed load.ruralzone bash -c 'for layer in villages households facilities roads; do
    "$0" import "$1" --source-layer "$layer" --kind "$layer" --store "$2" --project-crs EPSG:4546 \
      --quiet || exit 1
  done' "$RZ" "$INPUT" "$RZ_STORE"
# The same answers as the count-only SQL (per village households, within and the seat's distance;
# and townships and county), then the full job with the layer of every household beyond the
# radius and the dissolved service areas.
# Each repetition on the store as imported (copied back outside the timing), as the first run.
cp "$RZ_STORE" "$RZ_STORE.imported"
for ((i = 1; i <= REPEAT; i++)); do
  cp "$RZ_STORE.imported" "$RZ_STORE"
  timed "straight.summary.$i" "$RZ" reach "$RZ_STORE" -t "party_service_center=$RADIUS" --no-roads \
    --no-households --no-areas --quiet
done
rm -f "$RZ_STORE.imported"
median_of straight.summary "$REPEAT"
sqlite3 -separator '|' "$RZ_STORE" "SELECT code, households, within, printf('%.6f', seat_distance_m)
  FROM reach_villages WHERE category = 'party_service_center' ORDER BY code" >"$WORK/reach-villages.summary"
timed straight.ruralzone "$RZ" reach "$RZ_STORE" -t "party_service_center=$RADIUS" --no-roads --quiet
# The floor under every SpatiaLite program on this store: the sqlite3 shell loading SpatiaLite
# (and the PROJ, GEOS, libxml2... it brings) and answering one count.
for ((i = 1; i <= REPEAT; i++)); do
  timed "straight.floor.$i" sqlite3 -cmd ".load mod_spatialite" "$RZ_STORE" "SELECT count(*) FROM villages"
done
median_of straight.floor "$REPEAT"
timed roads.ruralzone "$RZ" reach "$RZ_STORE" -t "party_service_center=$RADIUS" --roads-only --quiet
rzq() { sqlite3 -separator '|' "$RZ_STORE" "$@"; }
# beyond | sum of seat distances (0.1 m) | dissolved service areas (0.1 km²)
RESULT[straight.ruralzone]="$(rzq "SELECT (SELECT count(*) FROM reach_households_beyond
    WHERE category = 'party_service_center'),
  (SELECT printf('%.1f', sum(seat_distance_m)) FROM reach_villages WHERE category = 'party_service_center'),
  (SELECT printf('%.1f', sum(area_m2) / 1e6) FROM reach_service_areas WHERE category = 'party_service_center')")"
rzq "SELECT code, households, within, printf('%.6f', seat_distance_m) FROM reach_villages
  WHERE category = 'party_service_center' ORDER BY code" >"$WORK/reach-villages.ruralzone"
# within 5 | 10 | 15 | 30 min | unreached | households
RESULT[roads.ruralzone]="$(rzq "SELECT sum(within_5min), sum(within_10min), sum(within_15min),
  sum(within_30min), sum(unreached), sum(households) FROM road_reach_county
  WHERE category = 'party_service_center'")"
rzq "SELECT code, within_5min, within_10min, within_15min, within_30min, unreached
  FROM road_reach_villages WHERE category = 'party_service_center' ORDER BY code" \
  >"$WORK/reach-road-villages.ruralzone"

if [[ ${REFERENCES:-1} == 0 ]]; then
  timed siting.ruralzone "$RZ" site "$RZ_STORE" --objective mclp -k "$K" --category party_service_center \
    --radius "$RADIUS" --quiet
  printf '\nService reach and siting, %s scale, ruralzone alone (%s)\n' "$SCALE" "$RZ"
  for key in load.ruralzone straight.summary straight.ruralzone roads.ruralzone siting.ruralzone; do
    printf '%-20s %8s s %6s MiB\n' "$key" "${WALL[$key]}" "${RSS[$key]:--}"
  done
  printf 'straight: %s\nroads: %s\nsiting: %s\n' "${RESULT[straight.ruralzone]}" \
    "${RESULT[roads.ruralzone]}" "$(rzq "SELECT objective_value, proven_optimal, chosen FROM site_summary")"
  exit 0
fi

# --- PostGIS in a private cluster --------------------------------------------------------------
as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
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
psql_q -d rzbench -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pgrouting"
timed load.postgis ogr2ogr -f PostgreSQL PG:"host=$PG_DIR port=$PG_PORT dbname=rzbench user=postgres" \
  "$INPUT" villages households facilities roads -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST
psql_q -d rzbench -c "VACUUM ANALYZE"
psql_file() { # psql_file KEY FILE VAR=VALUE...: run a reference SQL file, timed, in one backend
  local key="$1" file="$2"
  shift 2
  local vars=()
  for v in "$@"; do vars+=(-v "$v"); done
  timed "$key" psql -X -q -v ON_ERROR_STOP=1 "${vars[@]}" -At -F'|' -h "$PG_DIR" -p "$PG_PORT" \
    -U postgres -d rzbench -f "$file"
  RESULT[$key]="$(awk -F'|' '/^RESULT/ { sub(/^RESULT\|/, ""); print }' "$WORK/reach.$key.log")"
  # The server backend did the work: its peak RSS, not psql's.
  RSS[$key]=$(($(awk -F'|' '/^VMHWM/ { print $2 }' "$WORK/reach.$key.log") / 1024))
}
for ((i = 1; i <= REPEAT; i++)); do
  psql_file "straight.postgis.$i" bench/reach_straight_postgis.sql "radius=$RADIUS"
done
median_of straight.postgis "$REPEAT"
RESULT[straight.postgis]="${RESULT[straight.postgis.1]}"
psql_q -d rzbench -At -F'|' -c "SELECT code, households, within, round(seat_distance::numeric, 6)
  FROM q_villages ORDER BY code" >"$WORK/reach-villages.postgis"
psql_file straight.outputs bench/reach_straight_postgis_outputs.sql "radius=$RADIUS"
psql_q -d rzbench -At -F'|' -c "SELECT code, households, within, round(seat_distance_m::numeric, 6)
  FROM o_villages ORDER BY code" >"$WORK/reach-villages.outputs"
psql_file roads.pgrouting bench/reach_roads_postgis.sql walk_kmh=4.5 access_m=1000
psql_file roads.edge bench/reach_roads_edge_postgis.sql walk_kmh=4.5 access_m=1000
psql_q -d rzbench -At -F'|' -c "SELECT code, w5, w10, w15, w30, unreached FROM q_road_villages
  ORDER BY code" >"$WORK/reach-road-villages.postgis"

# --- siting ------------------------------------------------------------------------------------
timed siting.ruralzone "$RZ" site "$RZ_STORE" --objective mclp -k "$K" --category party_service_center \
  --radius "$RADIUS" --quiet
# objective_value | proven_optimal | gap | chosen (from the store; the value is a REAL)
RESULT[siting.ruralzone]="$(rzq "SELECT objective_value, proven_optimal, ifnull(printf('%g', gap), ''),
  chosen FROM site_summary")"
rzq "SELECT village_code FROM site_new ORDER BY village_code" >"$WORK/reach-site.ruralzone"
PULP=("$PY" bench/mclp_pulp.py --host "$PG_DIR" --port "$PG_PORT" --dbname rzbench -k "$K" --radius "$RADIUS")
((PULP_TIMEOUT > 0)) && PULP=(timeout "$PULP_TIMEOUT" "${PULP[@]}")
if timed siting.pulp "${PULP[@]}"; then
  RESULT[siting.pulp]="$(awk -F'|' '/^RESULT/ { print $2 " (" $3 ")" }' "$WORK/reach.siting.pulp.log")"
else
  RESULT[siting.pulp]="did not finish in $((PULP_TIMEOUT / 60)) min"
  RSS[siting.pulp]=-
fi
stop_pg

# --- agreement and report ----------------------------------------------------------------------
FAILED=0
# Straight line: the same households beyond the radius, and per village the same households,
# in reach, and seat distance (to 0.01 m).
villages_agree() { # villages_agree FILE: FILE's per-village rows against ruralzone's
  paste -d'|' "$WORK/reach-villages.ruralzone" "$1" | awk -F'|' '
    { d = $4 - $8; if (d < 0) d = -d
      if (NF != 8 || $1 != $5 || $2 != $6 || $3 != $7 || d > 0.01) bad++ }
    END { exit bad > 0 || NR == 0 }'
}
if [[ ${RESULT[straight.ruralzone]%%|*} == "${RESULT[straight.postgis]%%|*}" ]] &&
  villages_agree "$WORK/reach-villages.postgis" && villages_agree "$WORK/reach-villages.summary"; then
  AGREE_STRAIGHT=yes
else
  AGREE_STRAIGHT=NO
  FAILED=1
fi
if [[ ${RESULT[straight.ruralzone]%%|*} == "${RESULT[straight.outputs]%%|*}" ]] &&
  villages_agree "$WORK/reach-villages.outputs"; then
  AGREE_OUTPUTS=yes
else
  AGREE_OUTPUTS=NO
  FAILED=1
fi
# Roads: different access models (edge point vs vertex), so shares, not counts: percentage points
# between the two at each threshold.
ROAD_DIFF="$(awk -F'|' -v a="${RESULT[roads.ruralzone]}" -v b="${RESULT[roads.pgrouting]}" 'BEGIN {
  split(a, x, "|"); split(b, y, "|"); s = ""
  for (i = 1; i <= 4; i++) s = s sprintf("%s%+.1f", i > 1 ? " / " : "", 100 * (y[i] / y[6] - x[i] / x[6]))
  print s }')"
# Roads with ruralzone's access model: per village the same counts within each threshold and
# unreached; a household whose minutes differ only in the last bits and sit exactly on a
# threshold could flip, so this reports how many counts differ rather than failing on one.
ROAD_VILLAGE_DIFF="$(paste -d'|' "$WORK/reach-road-villages.ruralzone" "$WORK/reach-road-villages.postgis" |
  awk -F'|' '{ if ($1 != $7) { bad = -1; exit } for (i = 2; i <= 6; i++) { d = $i - $(i + 6); n += d < 0 ? -d : d } }
    END { print bad < 0 ? -1 : n + 0 }')"
if [[ $ROAD_VILLAGE_DIFF == 0 ]]; then
  AGREE_EDGE=yes
else
  AGREE_EDGE="NO ($ROAD_VILLAGE_DIFF)"
  FAILED=1
fi
shares() { # shares "w5|w10|w15|w30|unreached|households[|...]"
  awk -F'|' '{ printf "%.1f / %.1f / %.1f / %.1f %% (%d unreached)", 100 * $1 / $6, 100 * $2 / $6,
    100 * $3 / $6, 100 * $4 / $6, $5 }' <<<"$1"
}
IFS='|' read -r SITE_OBJ SITE_PROVEN SITE_GAP SITE_CHOSEN <<<"${RESULT[siting.ruralzone]}"
SITE_RZ="newly covered: $SITE_OBJ ($( ((SITE_PROVEN)) && echo proven optimal || echo "not proven, gap $SITE_GAP"), $SITE_CHOSEN sites)"
PULP_OBJ="${RESULT[siting.pulp]%% *}"
if [[ $PULP_OBJ =~ ^[0-9]+$ ]]; then
  # Both count households: ruralzone's REAL must equal PuLP's integer exactly.
  if awk -v a="$SITE_OBJ" -v b="$PULP_OBJ" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }'; then
    AGREE_SITE=yes
  else
    AGREE_SITE="NO: $SITE_OBJ vs $PULP_OBJ"
    if ((SITE_PROVEN)); then FAILED=1; fi
  fi
  if [[ ${RESULT[siting.pulp]} != *'(Optimal)'* ]]; then AGREE_SITE="$AGREE_SITE (PuLP not optimal)"; fi
  SAME_SITES="$(awk -F'|' '/^RESULT/ { gsub(",", "\n", $4); print $4 }' "$WORK/reach.siting.pulp.log" |
    sort | comm -12 - <(sort "$WORK/reach-site.ruralzone") | wc -l)"
else
  AGREE_SITE="-"
  SAME_SITES=""
fi

row() { printf '| %-8s | %-25s | %8s | %8s | %9s | %-52s | %s |\n' "$@"; }
printf '\nService reach and siting, %s scale: %s (%s MiB), %s cores\n' "$SCALE" "bench/work/${INPUT##*/}" \
  "$(du -m "$INPUT" | cut -f1)" "$(nproc)"
[[ -f $WORK/reach-$SCALE.gen.log ]] && sed 's/^/input: /' "$WORK/reach-$SCALE.gen.log"
printf '\n'
row analysis tool 'load (s)' 'time (s)' 'RSS (MiB)' result agrees
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ---------- --------------------------- ---------: ---------: ----------: \
  ------------------------------------------------------ ---
read -r b1 s1 _ <<<"${RESULT[straight.ruralzone]//|/ }"
read -r b2 s2 _ <<<"${RESULT[straight.postgis]//|/ }"
read -r b3 s3 a3 <<<"${RESULT[straight.outputs]//|/ }"
read -r _ _ a1 <<<"${RESULT[straight.ruralzone]//|/ }"
row straight 'ruralzone (summaries)' "${WALL[load.ruralzone]}" "${WALL[straight.summary]}" \
  "${RSS[straight.summary]}" "per village as below, no household layer, no areas" -
row straight ruralzone '' "${WALL[straight.ruralzone]}" "${RSS[straight.ruralzone]}" \
  "beyond ${RADIUS} m: $b1, seat distances sum $s1 m, service areas $a1 km²" -
row straight 'SpatiaLite alone (floor)' '' "${WALL[straight.floor]}" "${RSS[straight.floor]}" \
  "sqlite3 + mod_spatialite: one count on the store" -
row straight 'PostGIS (count only)' "${WALL[load.postgis]}" "${WALL[straight.postgis]}" "${RSS[straight.postgis]}" \
  "beyond ${RADIUS} m: $b2, seat distances sum $s2 m" "$AGREE_STRAIGHT"
row straight 'PostGIS (same outputs)' '' "${WALL[straight.outputs]}" "${RSS[straight.outputs]}" \
  "beyond ${RADIUS} m: $b3, seat distances sum $s3 m, service areas $a3 km²" "$AGREE_OUTPUTS"
row roads ruralzone '' "${WALL[roads.ruralzone]}" "${RSS[roads.ruralzone]}" \
  "≤5/10/15/30 min $(shares "${RESULT[roads.ruralzone]}")" -
row roads 'PostGIS+pgRouting (vertex)' '' "${WALL[roads.pgrouting]}" "${RSS[roads.pgrouting]}" \
  "≤5/10/15/30 min $(shares "${RESULT[roads.pgrouting]}")" "$ROAD_DIFF pp"
row roads 'PostGIS+pgRouting (edge)' '' "${WALL[roads.edge]}" "${RSS[roads.edge]}" \
  "≤5/10/15/30 min $(shares "${RESULT[roads.edge]}")" "$AGREE_EDGE"
row siting ruralzone '' "${WALL[siting.ruralzone]}" "${RSS[siting.ruralzone]}" "$SITE_RZ" -
row siting 'PuLP+CBC' '' "${WALL[siting.pulp]:--}" "${RSS[siting.pulp]:--}" \
  "newly covered: ${RESULT[siting.pulp]}" "$AGREE_SITE"
printf '\nstraight agrees: the same households beyond the radius, and per village the same households,\n'
printf 'households in reach and seat distance (0.01 m), in both ruralzone runs. "summaries" is\n'
printf 'reach --no-households --no-areas: the answers the count-only SQL gives (villages,\n'
printf 'townships, county). "SpatiaLite alone" is the start-up every program that loads\n'
printf 'SpatiaLite on the store pays, ruralzone included.\n'
printf 'roads (vertex): percentage points pgRouting -\n'
printf 'ruralzone within 5/10/15/30 min (vertex snapping vs nearest edge point: not expected to be\n'
printf 'equal). roads (edge, ruralzone'"'"'s access model): per village the same counts within each\n'
printf 'threshold and unreached (else NO with the sum of the count differences).\n'
printf 'network %s nodes / %s edges in PostGIS. PostGIS RSS is its server backend; PuLP+CBC RSS is\n' \
  "$(cut -d'|' -f7 <<<"${RESULT[roads.pgrouting]}")" "$(cut -d'|' -f8 <<<"${RESULT[roads.pgrouting]}")"
printf 'the largest of python and cbc (the backend answering its pairs query is not counted).\n'
printf 'straight (same outputs) agrees as straight does; service areas are the dissolved %s m\n' "$RADIUS"
printf 'circles (their areas differ by how each tool approximates a circle). siting agrees: the\n'
printf 'objective_value of site_summary equals PuLP'"'"'s objective (households newly within %s m).\n' "$RADIUS"
[[ -n $SAME_SITES ]] && printf 'siting: %s of the %s sites chosen by ruralzone are also chosen by PuLP (ties allowed).\n' \
  "$SAME_SITES" "$SITE_CHOSEN"
exit "$FAILED"
