-- The OD matrix in PostGIS + pgRouting, for bench/od_bench.sh: the network and the points on it,
-- as tables (bench/od_pgrouting.sql and od_pgrouting_sample.sql search on them). ruralzone's
-- access model, as bench/reach_roads_edge_postgis.sql: each village seat (ST_PointOnSurface, as
-- ruralzone's import keeps it) and each center walks (walk_kmh) to the nearest point of the
-- nearest edge within access_m (KNN on the lines, ST_LineLocatePoint) and is a vertex of its own,
-- joined to both ends of that edge by the part of the edge between them; a seat and a center on
-- the same edge are also joined along it. Every road of the generated file is open both ways.
-- Variables: walk_kmh (4.5), access_m (1000).
\timing off
-- Edges: one per line, minutes from length and speed (the class speeds ruralzone's importer
-- gives roads without a speed: 县道 40, 乡道 30, 村道 20 km/h).
CREATE TABLE od_edges AS
  SELECT fid AS id, geom, ST_StartPoint(geom) AS p0, ST_EndPoint(geom) AS p1, ST_Length(geom) AS m,
         ST_Length(geom) / (coalesce(speed, CASE WHEN "道路等级" LIKE '%县道%' THEN 40
                                                 WHEN "道路等级" LIKE '%乡道%' THEN 30
                                                 ELSE 20 END) * 1000.0 / 60.0) AS minutes
  FROM roads;
-- Nodes where line ends meet with identical coordinates (the generator shares end points exactly).
CREATE TABLE od_nodes AS
  SELECT row_number() OVER (ORDER BY x, y) AS id, x, y
  FROM (SELECT ST_X(p0) AS x, ST_Y(p0) AS y FROM od_edges
        UNION SELECT ST_X(p1), ST_Y(p1) FROM od_edges) ends;
CREATE UNIQUE INDEX od_nodes_xy ON od_nodes(x, y);
CREATE TABLE od_net AS
  SELECT e.id, a.id AS source, b.id AS target, e.minutes AS cost, e.minutes AS reverse_cost, e.geom
  FROM od_edges e
  JOIN od_nodes a ON a.x = ST_X(e.p0) AND a.y = ST_Y(e.p0)
  JOIN od_nodes b ON b.x = ST_X(e.p1) AND b.y = ST_Y(e.p1);
CREATE INDEX od_net_geom ON od_net USING gist(geom);
ANALYZE od_net;
-- The points on their nearest edges: vertex id, edge, fraction along it, walk minutes.
CREATE TABLE od_points AS
  SELECT 'seat' AS side, v.fid, 1000000000 + v.fid AS vertex, e.id AS edge, e.source, e.target,
         e.cost, e.reverse_cost, ST_LineLocatePoint(e.geom, p.geom) AS frac,
         ST_Distance(e.geom, p.geom) / (:walk_kmh * 1000.0 / 60.0) AS walk_min
  FROM villages v
  CROSS JOIN LATERAL (SELECT ST_PointOnSurface(v.geom) AS geom) p
  CROSS JOIN LATERAL (SELECT * FROM od_net n ORDER BY n.geom <-> p.geom LIMIT 1) e
  WHERE ST_DWithin(e.geom, p.geom, :access_m)
  UNION ALL
  SELECT 'center', f.fid, 2000000000 + f.fid, e.id, e.source, e.target, e.cost, e.reverse_cost,
         ST_LineLocatePoint(e.geom, f.geom), ST_Distance(e.geom, f.geom) / (:walk_kmh * 1000.0 / 60.0)
  FROM facilities f
  CROSS JOIN LATERAL (SELECT * FROM od_net n ORDER BY n.geom <-> f.geom LIMIT 1) e
  WHERE ST_DWithin(e.geom, f.geom, :access_m);
-- The directed arcs (from -> to, minutes) a route may take: the roads both ways, a seat onto both
-- ends of its edge, both ends of a center's edge onto the center, a seat along its edge to a center.
CREATE TABLE od_arcs AS
  SELECT id, source AS a, target AS b, cost AS minutes FROM od_net
  UNION ALL SELECT id + 100000000, target, source, reverse_cost FROM od_net
  UNION ALL SELECT 10000000000 + 2 * fid, vertex, source, walk_min + frac * reverse_cost
    FROM od_points WHERE side = 'seat'
  UNION ALL SELECT 10000000001 + 2 * fid, vertex, target, walk_min + (1 - frac) * cost
    FROM od_points WHERE side = 'seat'
  UNION ALL SELECT 20000000000 + 2 * fid, source, vertex, frac * cost + walk_min
    FROM od_points WHERE side = 'center'
  UNION ALL SELECT 20000000001 + 2 * fid, target, vertex, (1 - frac) * reverse_cost + walk_min
    FROM od_points WHERE side = 'center'
  UNION ALL SELECT 30000000000 + row_number() OVER (), s.vertex, c.vertex,
      s.walk_min + CASE WHEN c.frac >= s.frac THEN (c.frac - s.frac) * s.cost
                        ELSE (s.frac - c.frac) * s.reverse_cost END + c.walk_min
    FROM od_points s JOIN od_points c ON c.edge = s.edge AND c.side = 'center'
    WHERE s.side = 'seat';
ANALYZE od_arcs;
SELECT 'RESULT', (SELECT count(*) FROM od_nodes), (SELECT count(*) FROM od_net),
       (SELECT count(*) FROM od_points WHERE side = 'seat'),
       (SELECT count(*) FROM od_points WHERE side = 'center');
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
