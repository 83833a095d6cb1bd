-- Straight-line reach in PostGIS SQL, the reference of bench/reach_bench.sh for
-- `ruralzone reach STORE -t party_service_center=2000 --no-roads`. Input loaded with ogr2ogr -f
-- PostgreSQL -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST (fid column fid), then VACUUM ANALYZE.
-- Variables: radius (metres).
\timing off
-- The bench runs this several times at county scale (REPEAT): each run starts afresh.
SET client_min_messages = warning;
DROP TABLE IF EXISTS q_centers, q_within, q_villages;
-- The centers: 党群服务中心 is what ruralzone's classifier maps to party_service_center.
CREATE TABLE q_centers AS
  SELECT fid, "名称" AS name, geom FROM facilities WHERE "类型" LIKE '%党群服务%';
CREATE INDEX q_centers_geom ON q_centers USING gist(geom);
ANALYZE q_centers;
-- Households within the radius of some center (ST_DWithin is <=, as ruralzone's "in reach"),
-- through the households' GiST index, one index probe per center.
CREATE TABLE q_within AS
  SELECT DISTINCT h.fid
  FROM q_centers c JOIN households h ON ST_DWithin(c.geom, h.geom, :radius);
-- Per village: households, those in reach, and the distance from the village seat (a point inside
-- the polygon, GEOS PointOnSurface like ruralzone) to the nearest center, by KNN.
CREATE TABLE q_villages AS
  SELECT v."村代码" AS code, hh.households, hh.within, seat.distance AS seat_distance
  FROM villages v
  LEFT JOIN (SELECT h."村代码" AS code, count(*) AS households, count(w.fid) AS within
             FROM households h LEFT JOIN q_within w ON w.fid = h.fid GROUP BY 1) hh
    ON hh.code = v."村代码"
  CROSS JOIN LATERAL (
    SELECT ST_Distance(c.geom, ST_PointOnSurface(v.geom)) AS distance
    FROM q_centers c ORDER BY c.geom <-> ST_PointOnSurface(v.geom) LIMIT 1) seat;
SELECT 'RESULT', (SELECT count(*) FROM households) - (SELECT count(*) FROM q_within),
       (SELECT round(sum(seat_distance)::numeric, 1) FROM q_villages);
-- Peak RSS of this backend (parallel workers, if the planner used any, are not included).
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
