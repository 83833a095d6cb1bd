-- The minutes from every :every-th village seat (by fid) to every center, by pgr_dijkstraCost over the
-- arcs of od_pgrouting_prepare.sql, for od_bench.sh's agreement check: village fid|center fid|min.
SELECT start_vid - 1000000000, end_vid - 2000000000, to_char(agg_cost, 'FM999999990.000000000')
FROM pgr_dijkstraCost(
  'SELECT id, a AS source, b AS target, minutes AS cost, -1::float8 AS reverse_cost FROM od_arcs',
  (SELECT array_agg(vertex) FROM od_points WHERE side = 'seat' AND fid % :every = 0),
  (SELECT array_agg(vertex) FROM od_points WHERE side = 'center'),
  directed := true)
ORDER BY 1, 2;
