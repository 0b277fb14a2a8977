#!/usr/bin/env python3
"""Merges the rounds of one in-process system (dyad_bench JSON files): for
each query, the figures of the round with the lowest median.

run.sh runs dyad and the CSR reference in alternating rounds; this shared
machine has slow spells (other tenants) that can land on one system's round,
so each system keeps its best round per query, the same rule for both.
Usage: best_round.py OUT ROUND.json...
"""
import json
import sys


def main():
    out_path, paths = sys.argv[1], sys.argv[2:]
    rounds = [json.load(open(p)) for p in paths]
    best = dict(rounds[0])
    best["queries"] = {}
    best["rounds"] = len(rounds)
    best["peak_rss_kb"] = max(r["peak_rss_kb"] for r in rounds)
    for qid in rounds[0]["queries"]:
        figures = [r["queries"][qid] for r in rounds if qid in r["queries"]]
        timed = [f for f in figures if "median_ms" in f and not f.get("error")]
        # A round with an error keeps it: errors are never hidden by a better round.
        errors = [f for f in figures if f.get("error")]
        best["queries"][qid] = errors[0] if errors else min(timed, key=lambda f: f["median_ms"])
        checks = {json.dumps(f.get("checks")) for f in timed}
        if len(checks) > 1:
            best["queries"][qid] = {"error": f"rounds disagree on the answers of {qid}"}
    json.dump(best, open(out_path, "w"))


if __name__ == "__main__":
    main()
