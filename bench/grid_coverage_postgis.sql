-- Grid coverage in PostGIS SQL, the reference of bench/grid_bench.sh (see the SpatiaLite
-- version for what each step computes). Input loaded with ogr2ogr -f PostgreSQL
-- -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST; fid column fid.
\timing off
CREATE INDEX grids_village ON grids("村代码");
CREATE INDEX villages_code ON villages("村代码");
CREATE TABLE q_pairs AS
  SELECT h.fid AS hid, g.fid AS gid
  FROM grids g JOIN households h ON h.geom && g.geom AND ST_Within(h.geom, g.geom);
CREATE INDEX q_pairs_hid ON q_pairs(hid);
CREATE INDEX q_pairs_gid ON q_pairs(gid);
CREATE TABLE q_grid_households AS
  SELECT g."网格编码" AS code, count(p.hid) AS households
  FROM grids g LEFT JOIN q_pairs p ON p.gid = g.fid GROUP BY g.fid, g."网格编码";
CREATE TABLE q_household_grids AS
  SELECT h.fid AS hid, h."村代码" AS village_code, count(p.gid) AS grids
  FROM households h LEFT JOIN q_pairs p ON p.hid = h.fid GROUP BY h.fid, h."村代码";
CREATE TABLE q_village_households AS
  SELECT village_code, count(*) AS households, sum((grids = 0)::int) AS in_no_grid,
         sum((grids >= 2)::int) AS in_several_grids
  FROM q_household_grids GROUP BY village_code;
CREATE TABLE q_gaps AS
  SELECT v."村代码" AS code,
         coalesce(ST_Area(ST_Difference(v.geom, u.geom)), ST_Area(v.geom)) AS area
  FROM villages v LEFT JOIN (SELECT "村代码", ST_Union(geom) AS geom FROM grids GROUP BY 1) u
    ON u."村代码" = v."村代码";
CREATE TABLE q_outside AS
  SELECT g."网格编码" AS code, ST_Area(ST_Difference(g.geom, v.geom)) AS area
  FROM grids g JOIN villages v ON v."村代码" = g."村代码";
CREATE TABLE q_overlaps AS
  SELECT g1."网格编码" AS a, g2."网格编码" AS b, ST_Area(ST_Intersection(g1.geom, g2.geom)) AS area
  FROM grids g1 JOIN grids g2 ON g1.geom && g2.geom AND g1.fid < g2.fid
   AND ST_Intersects(g1.geom, g2.geom);
SELECT 'RESULT', (SELECT sum((grids = 0)::int) FROM q_household_grids),
       (SELECT sum((grids >= 2)::int) FROM q_household_grids),
       (SELECT round(sum(area)) FROM q_gaps WHERE area >= 1),
       (SELECT round(sum(area)) FROM q_overlaps WHERE area >= 1),
       (SELECT round(sum(area)) FROM q_outside WHERE area >= 1);
-- Peak RSS of this backend (parallel workers, if the planner used any, are not included).
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
