-- Straight-line reach in PostGIS SQL with ruralzone's outputs, the "straight (same outputs)"
-- reference of bench/reach_bench.sh for `ruralzone reach STORE -t party_service_center=2000
-- --no-roads`. reach_straight_postgis.sql only counts; this materialises what ruralzone writes to
-- its store: the households beyond the radius (reach_households_beyond, with a spatial index), the
-- villages with their polygons (reach_villages), the township and county summaries
-- (reach_townships, reach_county: no geometry, as ruralzone leaves it empty) and the dissolved
-- service-area circles (reach_service_areas). Same input as reach_straight_postgis.sql: ogr2ogr's
-- villages (村代码, 村名, 乡镇代码; the file has no township name, so township_name is NULL as in
-- ruralzone's layers), households (户编号, 村代码) and facilities (名称, 类型).
-- Variables: radius (metres).
\timing off
CREATE TABLE o_centers AS
  SELECT fid, "名称" AS name, geom FROM facilities WHERE "类型" LIKE '%党群服务%';
CREATE INDEX o_centers_geom ON o_centers USING gist(geom);
ANALYZE o_centers;
-- Households in reach, as in reach_straight_postgis.sql: one households-GiST probe per center.
CREATE TABLE o_within AS
  SELECT DISTINCT h.fid
  FROM o_centers c JOIN households h ON ST_DWithin(c.geom, h.geom, :radius);
CREATE UNIQUE INDEX o_within_fid ON o_within(fid);
ANALYZE o_within;
-- Households beyond the radius, with their village and township, and the nearest center (KNN)
-- with its distance.
CREATE TABLE o_households_beyond AS
  SELECT h.fid, h."户编号" AS household_id, h."村代码" AS village_code, v."村名" AS village_name,
         v."乡镇代码" AS township_code, NULL::text AS township_name, n.distance AS distance_m,
         n.name AS nearest_facility, h.geom
  FROM households h
  LEFT JOIN villages v ON v."村代码" = h."村代码"
  CROSS JOIN LATERAL (SELECT c.name, ST_Distance(c.geom, h.geom) AS distance
                      FROM o_centers c ORDER BY c.geom <-> h.geom LIMIT 1) n
  WHERE NOT EXISTS (SELECT 1 FROM o_within w WHERE w.fid = h.fid);
CREATE INDEX o_households_beyond_geom ON o_households_beyond USING gist(geom);
-- Per village, with its polygon: households, in reach, share, and the seat (PointOnSurface)
-- distance to the nearest center and that center's name.
CREATE TABLE o_villages AS
  SELECT v.fid, v."村代码" AS code, v."村名" AS name, v."乡镇代码" AS township_code,
         NULL::text AS township_name, coalesce(hh.households, 0) AS households,
         coalesce(hh.within, 0) AS within,
         CASE WHEN hh.households > 0 THEN hh.within::float8 / hh.households ELSE 0 END AS share_within,
         seat.distance AS seat_distance_m, seat.name AS seat_facility, v.geom
  FROM villages v
  LEFT JOIN (SELECT h."村代码" AS code, count(*) AS households, count(w.fid) AS within
             FROM households h LEFT JOIN o_within w ON w.fid = h.fid GROUP BY 1) hh
    ON hh.code = v."村代码"
  CROSS JOIN LATERAL (
    SELECT c.name, ST_Distance(c.geom, ST_PointOnSurface(v.geom)) AS distance
    FROM o_centers c ORDER BY c.geom <-> ST_PointOnSurface(v.geom) LIMIT 1) seat;
-- Township and county summaries (the county code is the first 6 digits of the village code).
CREATE TABLE o_townships AS
  SELECT township_code AS code, NULL::text AS name, sum(households) AS households,
         sum(within) AS within, sum(within)::float8 / nullif(sum(households), 0) AS share_within
  FROM o_villages GROUP BY township_code;
CREATE TABLE o_county AS
  SELECT left(code, 6) AS code, NULL::text AS name, sum(households) AS households,
         sum(within) AS within, sum(within)::float8 / nullif(sum(households), 0) AS share_within
  FROM o_villages GROUP BY left(code, 6);
-- Service areas: the circles of the radius around every center, dissolved.
CREATE TABLE o_service_areas AS
  SELECT facilities, ST_Area(geom) AS area_m2, geom
  FROM (SELECT count(*) AS facilities, ST_Multi(ST_Union(ST_Buffer(geom, :radius))) AS geom
        FROM o_centers) u;
SELECT 'RESULT', (SELECT count(*) FROM o_households_beyond),
       (SELECT round(sum(seat_distance_m)::numeric, 1) FROM o_villages),
       (SELECT round(area_m2::numeric / 1e6, 1) FROM o_service_areas);
-- Peak RSS of this backend (parallel workers, if the planner used any, are not included).
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
