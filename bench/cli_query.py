#!/usr/bin/env python3
"""Times the benchmark queries through the dyad CLI: one process per run,
`dyad [--db DIR] query --format json --params P "PROFILE <query>"`.

For each query and start row: one run (plus one warm-up for the first row),
timing the whole process (start, open the store, parse, plan, run, print)
and reading the engine's own time from PROFILE (the root operator's time).
Prints JSON in dyad_bench's shape, with engine_median_ms per query and the
peak RSS of the largest process.

  cli_query.py DYAD_BIN DB_DIR|- WORKLOAD DATASET STARTS [RUNS_PER_ROW] [TIMEOUT_S]
(DB_DIR "-": the embedded default graph, as XDG_DATA_HOME says.)
"""
import json
import re
import resource
import subprocess
import sys
import time


def cell(v):
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def check(kind, rows):
    if kind == "rows":
        return str(len(rows))
    if kind == "first":
        return cell(rows[0][0]) if rows and rows[0] else "none"
    parts = [f"{cell(r[0])}={cell(r[1])}" if kind == "groups" else cell(r[0]) for r in rows]
    if kind == "groups":
        parts.sort()
    return ("," if kind == "groups" else "|").join(parts)


def percentile(a, p):
    if not a:
        return 0.0
    s = sorted(a)
    import math
    return s[min(len(s), max(1, math.ceil(p * len(s)))) - 1]


def main():
    dyad, db, workload_path, dataset, starts_path = sys.argv[1:6]
    runs = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    timeout_s = int(sys.argv[7]) if len(sys.argv) > 7 else 60
    workload = json.load(open(workload_path))["datasets"][dataset]
    starts = json.load(open(starts_path))
    base = [dyad] + (["--db", db] if db != "-" else [])
    queries = {}
    for q in workload["queries"]:
        f = {"median_ms": 0.0, "p95_ms": 0.0, "runs": 0, "checks": []}
        wall, engine = [], []
        for i, s in enumerate(starts):
            params = json.dumps({p: s[p] for p in q["params"]})
            cmd = base + ["query", "--format", "json", "--timeout-ms", str(timeout_s * 1000), "--params", params,
                          "PROFILE " + q["dyad"]]
            c = ""
            for r in range(runs + (1 if i == 0 else 0)):
                t = time.perf_counter()
                p = subprocess.run(cmd, capture_output=True, text=True)
                ms = (time.perf_counter() - t) * 1000
                if p.returncode != 0 and "Timeout" in p.stderr:
                    c, m = "timeout", None  # censored: counts as the timeout
                elif p.returncode != 0:
                    f["error"] = p.stderr.strip() or f"exit {p.returncode}"
                    break
                else:
                    out = json.loads(p.stdout.strip().splitlines()[-1])
                    m = re.search(r"time=([0-9.]+) ms", out.get("plan", ""))
                    c = check(q["check"], out["rows"])
                if i == 0 and r == 0 and runs > 0:
                    continue  # warm-up (page cache)
                wall.append(ms)
                if m:
                    engine.append(float(m.group(1)))
            if "error" in f:
                break
            f["checks"].append(c)
        f.update(median_ms=percentile(wall, 0.5), p95_ms=percentile(wall, 0.95), runs=len(wall),
                 engine_median_ms=percentile(engine, 0.5), engine_p95_ms=percentile(engine, 0.95))
        queries[q["id"]] = f
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"system": "dyad-cli", "setup_s": 0, "peak_rss_kb": rss, "queries": queries}))


if __name__ == "__main__":
    main()
