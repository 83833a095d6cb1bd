-- Reach on roads in PostGIS + pgRouting with ruralzone's access model, the second reference of
-- bench/reach_bench.sh for `ruralzone reach STORE -t party_service_center=2000 --roads-only`:
-- households and facilities walk (walk_kmh) to the nearest point of the nearest edge (KNN on the
-- lines, ST_LineLocatePoint), drive the rest of that edge to either end, and a household on the
-- same edge as a facility may also go straight along it. Unlike reach_roads_postgis.sql (the usual
-- snap-to-vertex recipe) this should give the same minutes as ruralzone up to rounding.
-- Variables: walk_kmh (4.5), access_m (1000).
\timing off
-- The network, as in reach_roads_postgis.sql.
CREATE TEMP TABLE q_edges AS
  SELECT fid AS id, geom, ST_StartPoint(geom) AS p0, ST_EndPoint(geom) AS p1,
         ST_Length(geom) / (coalesce(speed, CASE WHEN "道路等级" LIKE '%县道%' THEN 40
                                                 WHEN "道路等级" LIKE '%乡道%' THEN 30
                                                 ELSE 20 END) * 1000.0 / 60.0) AS minutes
  FROM roads;
CREATE TEMP TABLE q_nodes AS
  SELECT row_number() OVER (ORDER BY x, y) AS id, x, y
  FROM (SELECT ST_X(p0) AS x, ST_Y(p0) AS y FROM q_edges
        UNION SELECT ST_X(p1), ST_Y(p1) FROM q_edges) ends;
CREATE UNIQUE INDEX q_nodes_xy ON q_nodes(x, y);
ANALYZE q_nodes;
CREATE TEMP TABLE q_net AS
  SELECT e.id, a.id AS source, b.id AS target, e.minutes AS cost, e.minutes AS reverse_cost, e.geom
  FROM q_edges e
  JOIN q_nodes a ON a.x = ST_X(e.p0) AND a.y = ST_Y(e.p0)
  JOIN q_nodes b ON b.x = ST_X(e.p1) AND b.y = ST_Y(e.p1);
CREATE INDEX q_net_geom ON q_net USING gist(geom);
ANALYZE q_net;
-- Facilities on their nearest edge: fraction along it and walk minutes.
CREATE TEMP TABLE q_fac AS
  SELECT f.fid, e.id AS edge, e.source, e.target, e.cost, e.reverse_cost,
         ST_LineLocatePoint(e.geom, f.geom) AS frac,
         ST_Distance(e.geom, f.geom) / (:walk_kmh * 1000.0 / 60.0) AS walk_min
  FROM facilities f
  CROSS JOIN LATERAL (SELECT * FROM q_net n ORDER BY n.geom <-> f.geom LIMIT 1) e
  WHERE f."类型" LIKE '%党群服务%' AND ST_DWithin(e.geom, f.geom, :access_m);
CREATE INDEX q_fac_edge ON q_fac(edge);
ANALYZE q_fac;
-- Super-source 0, edges reversed (minutes from a node *to* the nearest facility): into the
-- facility's edge's start node (which drives forward frac of the edge to the facility) and end
-- node (backward 1 - frac).
CREATE TEMP TABLE q_dd AS
  SELECT node, agg_cost AS minutes
  FROM pgr_drivingDistance(
    'SELECT id, source, target, reverse_cost AS cost, cost AS reverse_cost FROM q_net
     UNION ALL
     SELECT 1000000000 + fid, 0, source, walk_min + frac * cost, -1 FROM q_fac
     UNION ALL
     SELECT 2000000000 + fid, 0, target, walk_min + (1 - frac) * reverse_cost, -1 FROM q_fac',
    0, 1e9, directed := true);
CREATE UNIQUE INDEX q_dd_node ON q_dd(node);
ANALYZE q_dd;
-- Households: leave the edge backwards to its start or forwards to its end (least() skips the
-- NULL of an unreached node), or go along it to a facility on the same edge.
CREATE TEMP TABLE q_households AS
  SELECT h.fid,
         CASE WHEN e.d <= :access_m THEN
           e.d / (:walk_kmh * 1000.0 / 60.0)
           + least(e.frac * e.reverse_cost + ds.minutes, (1 - e.frac) * e.cost + dt.minutes,
                   (SELECT min(CASE WHEN f.frac >= e.frac THEN (f.frac - e.frac) * e.cost
                                    ELSE (e.frac - f.frac) * e.reverse_cost END + f.walk_min)
                    FROM q_fac f WHERE f.edge = e.id))
         END AS minutes
  FROM households h
  CROSS JOIN LATERAL (SELECT n.id, n.source, n.target, n.cost, n.reverse_cost,
                             ST_Distance(n.geom, h.geom) AS d,
                             ST_LineLocatePoint(n.geom, h.geom) AS frac
                      FROM q_net n ORDER BY n.geom <-> h.geom LIMIT 1) e
  LEFT JOIN q_dd ds ON ds.node = e.source
  LEFT JOIN q_dd dt ON dt.node = e.target;
SELECT 'RESULT', count(*) FILTER (WHERE minutes <= 5), count(*) FILTER (WHERE minutes <= 10),
       count(*) FILTER (WHERE minutes <= 15), count(*) FILTER (WHERE minutes <= 30),
       count(*) FILTER (WHERE minutes IS NULL), count(*),
       (SELECT count(*) FROM q_nodes), (SELECT count(*) FROM q_net)
FROM q_households;
-- Per village, for the comparison with ruralzone's road_reach_villages.
CREATE TABLE q_road_villages AS
  SELECT h."村代码" AS code, count(*) FILTER (WHERE minutes <= 5) AS w5,
         count(*) FILTER (WHERE minutes <= 10) AS w10, count(*) FILTER (WHERE minutes <= 15) AS w15,
         count(*) FILTER (WHERE minutes <= 30) AS w30, count(*) FILTER (WHERE minutes IS NULL) AS unreached
  FROM households h JOIN q_households q ON q.fid = h.fid GROUP BY 1;
-- Peak RSS of this backend (parallel workers, if the planner used any, are not included).
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
