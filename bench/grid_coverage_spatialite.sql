-- Grid coverage in SpatiaLite SQL, the reference of bench/grid_bench.sh: the same results as
-- `ruralzone grids` (households per grid and village, households in no grid and in several,
-- gaps, overlaps, grid area outside its village), with SpatiaLite's spatial index.
-- Input: the benchmark GeoPackage loaded with ogr2ogr -f SQLite -dsco SPATIALITE=YES
-- -lco GEOMETRY_NAME=geom (tables villages, grids, households).
CREATE INDEX grids_village ON grids("村代码");
CREATE INDEX villages_code ON villages("村代码");
-- (household, grid) pairs with the household in the grid's interior.
CREATE TABLE q_pairs AS
  SELECT h.fid AS hid, g.fid AS gid
  FROM grids g JOIN households h
    ON h.ROWID IN (SELECT ROWID FROM SpatialIndex
                   WHERE f_table_name = 'households' AND search_frame = g.geom)
   AND ST_Within(h.geom, g.geom);
CREATE INDEX q_pairs_hid ON q_pairs(hid);
CREATE TABLE q_grid_households AS
  SELECT g."网格编码" AS code, count(p.hid) AS households
  FROM grids g LEFT JOIN q_pairs p ON p.gid = g.fid GROUP BY g.fid;
CREATE TABLE q_household_grids AS
  SELECT h.fid AS hid, h."村代码" AS village_code,
         (SELECT count(*) FROM q_pairs p WHERE p.hid = h.fid) AS grids
  FROM households h;
CREATE TABLE q_village_households AS
  SELECT village_code, count(*) AS households, sum(grids = 0) AS in_no_grid,
         sum(grids >= 2) AS in_several_grids
  FROM q_household_grids GROUP BY village_code;
-- Gaps: village minus the union of its own grids (NULL = empty difference in SpatiaLite).
CREATE TABLE q_gaps AS
  SELECT v."村代码" AS code,
         CASE WHEN NOT EXISTS (SELECT 1 FROM grids g WHERE g."村代码" = v."村代码")
              THEN ST_Area(v.geom)
              ELSE coalesce((SELECT ST_Area(ST_Difference(v.geom, ST_Union(g.geom)))
                             FROM grids g WHERE g."村代码" = v."村代码"), 0) END AS area
  FROM villages v;
CREATE TABLE q_outside AS
  SELECT g."网格编码" AS code, coalesce(ST_Area(ST_Difference(g.geom, v.geom)), 0) AS area
  FROM grids g JOIN villages v ON v."村代码" = g."村代码";
CREATE TABLE q_overlaps AS
  SELECT g1."网格编码" AS a, g2."网格编码" AS b,
         coalesce(ST_Area(ST_Intersection(g1.geom, g2.geom)), 0) AS area
  FROM grids g1 JOIN grids g2
    ON g2.ROWID IN (SELECT ROWID FROM SpatialIndex
                    WHERE f_table_name = 'grids' AND search_frame = g1.geom)
   AND g1.fid < g2.fid AND ST_Intersects(g1.geom, g2.geom);
SELECT 'RESULT', (SELECT sum(grids = 0) FROM q_household_grids),
       (SELECT sum(grids >= 2) FROM q_household_grids),
       (SELECT round(sum(area)) FROM q_gaps WHERE area >= 1),
       (SELECT round(sum(area)) FROM q_overlaps WHERE area >= 1),
       (SELECT round(sum(area)) FROM q_outside WHERE area >= 1);
