-- The full OD matrix in pgRouting, for bench/od_bench.sh (after od_pgrouting_prepare.sql):
-- pgr_dijkstraCost many-to-many from the centers over the reversed arcs (so that agg_cost is the
-- minutes from each seat *to* the center, walks included) to every seat: one Dijkstra per center,
-- the smaller side, as ruralzone searches. In one call for all 2,500 centers the backend grew past
-- 19 GiB (pgRouting holds every pair of the call in memory) and was stopped, so the centers go in
-- batches of :batch, each call's pairs counted and summed; nothing else is stored.
\timing off
CREATE TEMP TABLE od_batches AS
  SELECT (row_number() OVER (ORDER BY vertex) - 1) / :batch AS batch, vertex
  FROM od_points WHERE side = 'center';
CREATE TEMP TABLE od_totals (pairs bigint, minutes float8);
DO $$
DECLARE b bigint;
BEGIN
  FOR b IN SELECT DISTINCT batch FROM od_batches ORDER BY 1 LOOP
    INSERT INTO od_totals
      SELECT count(*), sum(agg_cost)
      FROM pgr_dijkstraCost(
        'SELECT id, b AS source, a AS target, minutes AS cost, -1::float8 AS reverse_cost FROM od_arcs',
        (SELECT array_agg(vertex) FROM od_batches WHERE batch = b),
        (SELECT array_agg(vertex) FROM od_points WHERE side = 'seat'),
        directed := true);
  END LOOP;
END $$;
SELECT 'RESULT', sum(pairs), round(sum(minutes)::numeric, 3), count(*) FROM od_totals;
SELECT 'VMHWM', substring(pg_read_file('/proc/' || pg_backend_pid() || '/status')
                          FROM 'VmHWM:\s*(\d+)');
