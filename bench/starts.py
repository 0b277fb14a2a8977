#!/usr/bin/env python3
"""Picks the fixed start rows every system of the query benchmark uses.

Reads DATA_DIR/nodes.csv and DATA_DIR/edges.csv (the bench schema of
gen_graph.py: `:ID,name,v:int,:LABEL` and `:START_ID,:END_ID,:TYPE,w:int`)
and writes DATA_DIR/starts.json: COUNT rows {k, k2, lo, hi}, where k is a
node with at least one outgoing relationship (seeded choice), k2 the next
row's k (the target of the shortest-path query) and lo/hi the bounds of the
range query (integers over v for the synthetic graphs, name prefixes for the
default graph).

  starts.py DATA_DIR [--kind synthetic|default] [--count 20] [--seed 7]

With --convert EXPORT_DIR it first turns a `dyad export --format csv`
directory (the default graph) into that bench schema in DATA_DIR: the
node's key, name, v = 0 and its first label; each relationship's type, w = 0.
"""
import argparse
import csv
import json
import os
import random

csv.field_size_limit(1 << 30)


def convert(export_dir, out_dir):
    """Writes the bench-schema CSVs of a dyad CSV export."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(export_dir, "nodes.csv"), newline="") as f, \
            open(os.path.join(out_dir, "nodes.csv"), "w", newline="") as out:
        r = csv.reader(f)
        header = next(r)
        name_col = next(i for i, h in enumerate(header) if h.split(":")[0] == "name")
        w = csv.writer(out, lineterminator="\n")
        w.writerow([":ID", "name", "v:int", ":LABEL"])
        for row in r:
            # Labels are joined by the export's array delimiter (not ',').
            label = row[1].replace("\t", ";").split(";")[0]
            w.writerow([row[0], row[name_col], 0, label])
    with open(os.path.join(export_dir, "relationships.csv"), newline="") as f, \
            open(os.path.join(out_dir, "edges.csv"), "w", newline="") as out:
        r = csv.reader(f)
        next(r)
        w = csv.writer(out, lineterminator="\n")
        w.writerow([":START_ID", ":END_ID", ":TYPE", "w:int"])
        for row in r:
            w.writerow([row[0], row[1], row[2], 0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--kind", choices=["synthetic", "default"], default="synthetic")
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--convert", metavar="EXPORT_DIR")
    args = ap.parse_args()
    if args.convert:
        convert(args.convert, args.data)
    out_degree = {}
    with open(os.path.join(args.data, "edges.csv"), newline="") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            out_degree[row[0]] = out_degree.get(row[0], 0) + 1
    candidates = sorted(out_degree)
    rng = random.Random(args.seed)
    keys = rng.sample(candidates, min(args.count, len(candidates)))
    rows = []
    for i, k in enumerate(keys):
        if args.kind == "synthetic":
            lo = rng.randrange(990000)
            hi = lo + 10000
        else:
            lo, hi = chr(ord("A") + i % 26), chr(ord("A") + i % 26 + 1)
        rows.append({"k": k, "k2": keys[(i + 1) % len(keys)], "lo": lo, "hi": hi})
    with open(os.path.join(args.data, "starts.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
