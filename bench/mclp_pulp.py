#!/usr/bin/python3
"""Exact MCLP in PuLP + CBC, the reference of bench/reach_bench.sh for
`ruralzone site STORE --objective mclp -k K --category party_service_center --radius R`.

  mclp_pulp.py --host PG_SOCKET_DIR --port PORT --dbname DB [-k 10] [--radius 2000]
               [--threads 2]

Candidates are the village seats (ST_PointOnSurface of each village); demand is every household
not already within R of an existing 党群服务中心; a candidate covers a household within R
(ST_DWithin, inclusive). The standard model: one binary x per candidate, one y per household,
y_h <= sum of the x covering h, sum x = K, maximise sum y (households newly covered). y is
continuous in [0, 1]: with x integral the best y is integral anyway, and CBC branches on the
candidates only. Solved with Debian's coinor-cbc through COIN_CMD (Debian's PuLP ships no CBC
binary of its own, so PULP_CBC_CMD is not available). Prints the timings of each step, the
objective and the chosen candidates (village codes) as `RESULT|objective|status|codes`.
"""
import argparse
import sys
import time

import psycopg2
import pulp

PAIRS_SQL = """
WITH centers AS (
  SELECT geom FROM facilities WHERE "类型" LIKE '%%党群服务%%'),
seats AS (
  SELECT "村代码" AS code, ST_PointOnSurface(geom) AS geom FROM villages)
SELECT s.code, h.fid
FROM seats s JOIN households h ON ST_DWithin(s.geom, h.geom, %(radius)s)
WHERE NOT EXISTS (SELECT 1 FROM centers c WHERE ST_DWithin(c.geom, h.geom, %(radius)s))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", default="54329")
    ap.add_argument("--dbname", default="rzbench")
    ap.add_argument("--user", default="postgres")
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--radius", type=float, default=2000.0)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    t0 = time.monotonic()
    conn = psycopg2.connect(host=args.host, port=args.port, dbname=args.dbname, user=args.user)
    with conn.cursor() as cur:
        cur.execute(PAIRS_SQL, {"radius": args.radius})
        covers = {}  # household fid -> candidate codes covering it
        candidates = set()
        for code, hid in cur:
            covers.setdefault(hid, []).append(code)
            candidates.add(code)
        cur.execute("SELECT count(*) FROM villages")
        (villages,) = cur.fetchone()
    conn.close()
    t1 = time.monotonic()
    pairs = sum(len(c) for c in covers.values())
    print(f"pairs {pairs} from {len(covers)} coverable households and {len(candidates)} of "
          f"{villages} candidates in {t1 - t0:.2f} s", flush=True)

    # Candidates covering no demand cannot change the objective; they stay out of the model
    # (if fewer than K remain, the rest of the K are arbitrary and add nothing).
    prob = pulp.LpProblem("mclp", pulp.LpMaximize)
    codes = sorted(candidates)
    x = {c: pulp.LpVariable(f"x_{c}", cat=pulp.LpBinary) for c in codes}
    y = {h: pulp.LpVariable(f"y_{h}", lowBound=0, upBound=1) for h in covers}
    prob += pulp.lpSum(y.values())
    for h, cs in covers.items():
        prob += y[h] <= pulp.lpSum(x[c] for c in cs)
    prob += pulp.lpSum(x.values()) == min(args.k, len(codes))
    t2 = time.monotonic()
    print(f"model: {len(x)} x, {len(y)} y, {len(covers) + 1} rows in {t2 - t1:.2f} s", flush=True)

    solver = pulp.COIN_CMD(path="/usr/bin/cbc", msg=False, threads=args.threads)
    prob.solve(solver)
    t3 = time.monotonic()
    status = pulp.LpStatus[prob.status]
    objective = round(pulp.value(prob.objective) or 0)
    chosen = [c for c in codes if (x[c].value() or 0) > 0.5]
    print(f"solve (CBC, including writing and reading its files) {t3 - t2:.2f} s: {status}",
          flush=True)
    print(f"RESULT|{objective}|{status}|{','.join(chosen)}")
    return 0 if status == "Optimal" else 1


if __name__ == "__main__":
    sys.exit(main())
