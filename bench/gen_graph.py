#!/usr/bin/env python3
"""Seeded R-MAT-like property-graph generator for the dyad benchmarks.

Writes two CSV files that both `dyad load` (neo4j-admin headers) and Kuzu's
COPY FROM (columns by position, header skipped) read:

  nodes.csv  :ID,name,v:int,:LABEL          (id n<i>, one label per node)
  edges.csv  :START_ID,:END_ID,:TYPE,w:int   (skewed degrees, 4 types)

Usage: gen_graph.py OUT_DIR NODES EDGES [--seed N]
Scales used by bench/: S = 100000 1000000, M = 1000000 10000000.
"""
import argparse
import os
import random


def rmat_pick(rng, levels, a=0.57, b=0.19, c=0.19):
    """Returns (src, dst) in [0, 2**levels) drawn with R-MAT probabilities."""
    src = dst = 0
    for _ in range(levels):
        r = rng.random()
        src <<= 1
        dst <<= 1
        if r < a:
            pass
        elif r < a + b:
            dst |= 1
        elif r < a + b + c:
            src |= 1
        else:
            src |= 1
            dst |= 1
    return src, dst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("nodes", type=int)
    ap.add_argument("edges", type=int)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    labels = ["Person", "Org", "Place", "Thing"]
    types = ["KNOWS", "WORKS_AT", "LOCATED_IN", "LIKES"]
    with open(os.path.join(args.out, "nodes.csv"), "w") as f:
        f.write(":ID,name,v:int,:LABEL\n")
        for i in range(args.nodes):
            f.write(f"n{i},name {i},{rng.randrange(1000000)},{labels[i % 4]}\n")
    levels = max(1, (args.nodes - 1).bit_length())
    # A random permutation spreads the R-MAT hubs over the id space.
    perm = list(range(args.nodes))
    rng.shuffle(perm)
    with open(os.path.join(args.out, "edges.csv"), "w") as f:
        f.write(":START_ID,:END_ID,:TYPE,w:int\n")
        written = 0
        while written < args.edges:
            s, d = rmat_pick(rng, levels)
            if s >= args.nodes or d >= args.nodes:
                continue
            f.write(f"n{perm[s]},n{perm[d]},{types[written % 4]},{rng.randrange(100)}\n")
            written += 1


if __name__ == "__main__":
    main()
