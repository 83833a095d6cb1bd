-- Reach on roads in PostGIS + pgRouting, the reference of bench/reach_bench.sh for
-- `ruralzone reach STORE -t party_service_center=2000 --roads-only`. Same input as
-- reach_straight_postgis.sql, plus CREATE EXTENSION pgrouting.
-- Variables: walk_kmh (4.5), access_m (1000), as ruralzone's [reach.roads] defaults.
--
-- The usual pgRouting recipe, not ruralzone's model: households and facilities are snapped to
-- the nearest network *vertex* (KNN) and walk the straight line to it, where ruralzone walks to
-- the nearest point of the nearest *edge* and drives the rest of that edge. Minutes therefore
-- differ a little per household; the shares within each threshold are what is compared.
\timing off
-- Edges: one per line, minutes from length and speed; roads without a speed get the design
-- speed of their class, as ruralzone's importer gives them (县道 40, 乡道 30, 村道 20 km/h).
CREATE TEMP TABLE q_edges AS
  SELECT fid AS id, geom, ST_StartPoint(geom) AS p0, ST_EndPoint(geom) AS p1,
         ST_Length(geom) / (coalesce(speed, CASE WHEN "道路等级" LIKE '%县道%' THEN 40
                                                 WHEN "道路等级" LIKE '%乡道%' THEN 30
                                                 ELSE 20 END) * 1000.0 / 60.0) AS minutes
  FROM roads;
-- Nodes where line ends meet with identical coordinates (the generator shares end points
-- exactly; pgr_createTopology does the same with a tolerance, row by row in PL/pgSQL, far slower).
CREATE TEMP TABLE q_nodes AS
  SELECT row_number() OVER (ORDER BY x, y) AS id, x, y,
         ST_SetSRID(ST_MakePoint(x, y), ST_SRID((SELECT geom FROM roads LIMIT 1))) AS geom
  FROM (SELECT ST_X(p0) AS x, ST_Y(p0) AS y FROM q_edges
        UNION SELECT ST_X(p1), ST_Y(p1) FROM q_edges) ends;
CREATE UNIQUE INDEX q_nodes_xy ON q_nodes(x, y);
CREATE INDEX q_nodes_geom ON q_nodes USING gist(geom);
ANALYZE q_nodes;
CREATE TEMP TABLE q_net AS
  SELECT e.id, a.id AS source, b.id AS target, e.minutes AS cost, e.minutes AS reverse_cost
  FROM q_edges e
  JOIN q_nodes a ON a.x = ST_X(e.p0) AND a.y = ST_Y(e.p0)
  JOIN q_nodes b ON b.x = ST_X(e.p1) AND b.y = ST_Y(e.p1);
-- Facilities of the category at their nearest vertex, with their walk to it.
CREATE TEMP TABLE q_fac AS
  SELECT f.fid, n.id AS node, n.d / (:walk_kmh * 1000.0 / 60.0) AS walk_min
  FROM facilities f
  CROSS JOIN LATERAL (SELECT q.id, ST_Distance(q.geom, f.geom) AS d
                      FROM q_nodes q ORDER BY q.geom <-> f.geom LIMIT 1) n
  WHERE f."类型" LIKE '%党群服务%'
    AND EXISTS (SELECT 1 FROM roads r WHERE ST_DWithin(r.geom, f.geom, :access_m));
-- One search from a virtual super-source, node 0, joined to every facility's vertex by an edge
-- costing that facility's walk (0 if it stood on the vertex), over the network with cost and
-- reverse_cost swapped: the agg_cost of a node is then the minutes from it *to* its nearest
-- facility (household -> facility travel, which matters once roads are one-way). pgRouting's
-- multi-source `equicost := true` is not used: 3.4.2 assigns some nodes to a non-nearest one.
CREATE TEMP TABLE q_dd AS
  SELECT node, agg_cost AS minutes
  FROM pgr_drivingDistance(
    'SELECT id, source, target, reverse_cost AS cost, cost AS reverse_cost FROM q_net
     UNION ALL
     SELECT 1000000000 + fid, 0, node, walk_min, -1 FROM q_fac',
    0, 1e9, directed := true);
CREATE UNIQUE INDEX q_dd_node ON q_dd(node);
ANALYZE q_dd;
-- Households: nearest vertex by KNN, unreached when no road is within the access limit (as
-- ruralzone) or their vertex is not reached.
CREATE TEMP TABLE q_households AS
  SELECT h.fid, CASE WHEN r.ok THEN n.d / (:walk_kmh * 1000.0 / 60.0) + dd.minutes END AS minutes
  FROM households h
  CROSS JOIN LATERAL (SELECT q.id, ST_Distance(q.geom, h.geom) AS d
                      FROM q_nodes q ORDER BY q.geom <-> h.geom LIMIT 1) n
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM roads e
                                     WHERE ST_DWithin(e.geom, h.geom, :access_m)) AS ok) r
  LEFT JOIN q_dd dd ON dd.node = n.id;
SELECT 'RESULT', count(*) FILTER (WHERE minutes <= 5), count(*) FILTER (WHERE minutes <= 10),
       count(*) FILTER (WHERE minutes <= 15), count(*) FILTER (WHERE minutes <= 30),
       count(*) FILTER (WHERE minutes IS NULL), count(*),
       (SELECT count(*) FROM q_nodes), (SELECT count(*) FROM q_net)
FROM q_households;
-- Peak RSS of this backend (parallel workers, if the planner used any, are not included).
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
